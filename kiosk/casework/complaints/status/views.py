"""A complaint's status on the complainant's phone: its incoming number, date, addressee, status
and term, and how the answer was given. Nothing of the complainant (name, address, phone, text)
is read, let alone shown."""

from flask import abort, render_template

from kiosk.casework.complaints.queries import public_complaint
from kiosk.casework.complaints.status import bp
from kiosk.casework.complaints.wording import addressee_name, place_name
from kiosk.web.clock import now
from queue_mgr.casework.complaints import ComplaintStatus

TOKEN_MAX = 32


@bp.after_request
def private(response):
    """The status changes and the address is the complainant's: never cache or index it."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
    return response


@bp.get("/c/<token>")
def complaint_page(token: str):
    """Show where a complaint stands; an unknown address gets the same page as any other."""
    complaint = public_complaint(token) if len(token) <= TOKEN_MAX else None
    if complaint is None:
        abort(404)
    late = complaint.status == ComplaintStatus.REGISTERED and now() > complaint.due_at
    return render_template("complaint_status/complaint.html", complaint=complaint, late=late,
                           addressee=addressee_name(complaint.addressee),
                           place=place_name(complaint.place))
