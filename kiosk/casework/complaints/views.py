"""The complaint register's screens: the register (overdue and near-due complaints first),
registering a complaint, a complaint's page with its reasoned answer (recorded once), and the two
papers to print: the confirmation and the answer."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from kiosk.casework.complaints import bp, wording
from kiosk.casework.complaints.forms import AnswerForm, ComplaintForm
from kiosk.casework.complaints.models import Complaint
from kiosk.casework.complaints.papers import answer_halves, confirmation_halves, when
from kiosk.casework.complaints.queries import answered_recently, unanswered
from kiosk.casework.complaints.register import (
    answer_complaint,
    by_form_key,
    office_of,
    offices_seen,
    register_complaint,
)
from kiosk.casework.wording import time_left_name
from kiosk.hall.settings import hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.web.clock import now
from kiosk.web.errors import render_error
from kiosk.web.extensions import db
from kiosk.web.refusals import refusal_message, withdraw
from queue_mgr.casework.complaints import ComplaintStatus, Urgency, urgency
from queue_mgr.errors import DomainError

NOT_ANSWERED = _l("This complaint has not been answered yet: record the reasoned answer on its "
                  "page first.")


@bp.context_processor
def helpers() -> dict:
    return {"addressee_name": wording.addressee_name, "about": wording.about,
            "status_name": wording.status_name, "channel_name": wording.channel_name,
            "place_name": wording.place_name, "term_days": wording.term_days, "when": when}


@dataclass(frozen=True)
class Deadline:
    """An unanswered complaint against its term, and the time left in words."""

    urgency: Urgency
    label: str

    @property
    def overdue(self) -> bool:
        return self.urgency.overdue

    @property
    def near_due(self) -> bool:
        return self.urgency.near_due


def deadline_of(complaint: Complaint, moment: datetime) -> Deadline | None:
    if complaint.status != ComplaintStatus.REGISTERED:
        return None
    found = urgency(complaint.due_at, moment, working_calendar(), hall_zone())
    return Deadline(found, time_left_name(found.left))


def seen(complaint_id: int) -> Complaint:
    """The complaint, if it was registered at an office whose register this member of staff
    reads (403 with a message if not)."""
    complaint = db.get_or_404(Complaint, complaint_id)
    if complaint.place not in offices_seen(current_user):
        abort(make_response(render_error(403, refusal_message("complaint_elsewhere"))))
    return complaint


@bp.get("/")
def index():
    """The register: complaints awaiting an answer, the overdue and the near-due first, then the
    newest answered ones."""
    moment = now()
    waiting = [(complaint, deadline_of(complaint, moment))
               for complaint in unanswered(offices_seen(current_user))]
    # Already by their term (so the overdue lead); the near-due are flagged and kept next.
    waiting.sort(key=lambda row: (not row[1].overdue, not row[1].near_due))
    answered, more = answered_recently(offices_seen(current_user))
    return render_template("complaints/index.html", waiting=waiting, answered=answered,
                           more=more, office=office_of(current_user))


def form_page(form: ComplaintForm, status: int = 200):
    return render_template("complaints/new.html", form=form,
                           office=office_of(current_user)), status


@bp.get("/new")
def new():
    """The registration form of a written complaint."""
    return form_page(ComplaintForm.blank(office_of(current_user)))


@bp.post("/new")
def register():
    """Register the complaint with its incoming number and term; a wrong field saves nothing,
    and the same form sent twice registers one complaint."""
    form = ComplaintForm()
    if not form.validate_on_submit():
        return form_page(form, 400)
    key = form.form_key.data
    registered = by_form_key(key)
    if registered is None:
        try:
            registered = register_complaint(form.particulars(), key,
                                            current_user._get_current_object(), now())
            db.session.commit()
        except IntegrityError:  # the same form, sent twice at once: the other sending won
            db.session.rollback()
            registered = by_form_key(key)
            if registered is None:
                raise
        else:
            flash(_("Complaint %(number)s is registered. Print the confirmation and give it to "
                    "the complainant.", number=registered.number))
    return redirect(url_for(".confirmation", complaint_id=registered.id), 303)


def complaint_page(complaint: Complaint, form: AnswerForm | None = None,
                   message: str | None = None, status: int = 200):
    """The complaint as registered, its term, and the answer (or the form to record it)."""
    answering = (complaint.status == ComplaintStatus.REGISTERED
                 and office_of(current_user) == complaint.place)
    return render_template(
        "complaints/complaint.html", complaint=complaint, deadline=deadline_of(complaint, now()),
        form=form or AnswerForm(formdata=None), answering=answering, message=message,
    ), status


@bp.get("/<int:complaint_id>")
def show(complaint_id: int):
    """A complaint's page: what was registered, the time left, the answer."""
    return complaint_page(seen(complaint_id))


@bp.post("/<int:complaint_id>/answer")
def answer(complaint_id: int):
    """Record the reasoned answer, once: a second answer is refused (409) and changes nothing."""
    complaint = seen(complaint_id)
    if complaint.status != ComplaintStatus.REGISTERED:
        return complaint_page(complaint, message=refusal_message("complaint_answered"),
                              status=409)
    form = AnswerForm()
    if not form.validate_on_submit():
        return complaint_page(complaint, form=form, status=400)
    try:
        answer_complaint(complaint, form.answer_text.data, form.channel.data,
                         current_user._get_current_object(), now())
        db.session.commit()
    except DomainError as error:
        message = withdraw(error)
        return complaint_page(db.session.get(Complaint, complaint_id), message=message,
                              status=403 if error.key == "complaint_elsewhere" else 409)
    flash(_("The answer to complaint %(number)s is recorded. Print it for the complainant.",
            number=complaint.number))
    return redirect(url_for(".reasoned_answer", complaint_id=complaint_id), 303)


@bp.get("/<int:complaint_id>/confirmation")
def confirmation(complaint_id: int):
    """The confirmation of the registration to print for the complainant (Kazakh and Russian
    on one sheet)."""
    complaint = seen(complaint_id)
    return render_template("complaints/paper.html", complaint=complaint, kind="confirmation",
                           halves=confirmation_halves(complaint))


@bp.get("/<int:complaint_id>/reasoned-answer")
def reasoned_answer(complaint_id: int):
    """The reasoned answer to print (Kazakh and Russian on one sheet), once it is recorded."""
    complaint = seen(complaint_id)
    if complaint.status != ComplaintStatus.ANSWERED:
        return complaint_page(complaint, message=str(NOT_ANSWERED), status=409)
    return render_template("complaints/paper.html", complaint=complaint, kind="answer",
                           halves=answer_halves(complaint))
