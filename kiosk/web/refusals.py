"""Every refusal of a rule, in one catalogue: a domain error's key and the translated message
the user reads (with the status it answers where that is not 409).

Services raise ``queue_mgr.errors.DomainError(key)``; the app-level handler
(``kiosk.web.errors``) rolls back and answers with the key's message. A view that shows the
refusal in its own place (a form's field, its page) calls ``withdraw``: it rolls back too, and
gives the message.
"""

from typing import NamedTuple

from flask import g
from flask_babel import lazy_gettext as _l

from kiosk.web.extensions import db
from queue_mgr.errors import DomainError


class Refusal(NamedTuple):
    text: object  # a lazy_gettext string, translated when it is read
    status: int = 409


REFUSALS: dict[str, Refusal] = {
    # The window and its tickets.
    "window_paused": Refusal(_l("The window is paused. Resume it to call applicants.")),
    "window_busy": Refusal(_l("Finish with the current applicant first.")),
    "window_empty": Refusal(_l("Nobody is waiting for this window.")),
    "window_same": Refusal(_l("Choose another window.")),
    "window_taken": Refusal(_l("Another operator holds this window. Choose another.")),
    "window_unknown": Refusal(_l("Unknown window.")),
    "window_held": Refusal(_l("An operator holds window %(number)d. It can be deleted once they "
                              "sign out.")),
    "window_used": Refusal(_l("Window %(number)d has served applicants, so it stays for the "
                              "records. Take its services away instead.")),
    "service_unknown": Refusal(_l("Unknown service.")),
    "ticket_stale": Refusal(_l("This applicant was already dealt with (by another window or a "
                               "second tap). The screen is now up to date.")),
    "ticket_too_late": Refusal(_l("It is too late to put this applicant back in line: they take "
                                  "a new ticket.")),
    "ticket_not_now": Refusal(_l("This action is not possible for this applicant now.")),
    "ticket_too_early": Refusal(_l("Call the applicant again before marking them absent.")),
    # Bookings: the clerk's, and the check-in at the kiosk.
    "booking_not_a_slot": Refusal(_l("This time is not a slot of that day, or it has passed. "
                                     "Choose another.")),
    "booking_full": Refusal(_l("This slot is full. Choose another time.")),
    "booking_not_cancellable": Refusal(_l("This booking has been used or cancelled already.")),
    "booking_unknown": Refusal(_l("No booking has this code. Check it against your booking, or "
                                  "take an ordinary ticket."), 404),
    "booking_used": Refusal(_l("This booking has already been used for a ticket.")),
    "booking_cancelled": Refusal(_l("This booking was cancelled. You can take an ordinary "
                                    "ticket.")),
    "booking_other_service": Refusal(_l("This booking is for another service: %(service)s.")),
    "booking_other_day": Refusal(_l("This booking is for %(day)s at %(time)s, not for today.")),
    "booking_early": Refusal(_l("Your booking is at %(time)s. You can check in from %(from)s.")),
    "booking_no_booked_group": Refusal(_l("Booked appointments are not taken in this hall.")),
    # Applications: the child, the window's intake, handover and storage.
    "child_future": Refusal(_l("The date of birth cannot be in the future."), 400),
    "child_adult": Refusal(_l("The certificate is for a child under 18."), 400),
    "application_incomplete": Refusal(_l(
        "Not every required document is ticked as received. Tick what the applicant brought, "
        "or refuse the incomplete package.")),
    "application_no_consent": Refusal(_l(
        "The applicant has not consented to the use of secret information held in information "
        "systems: without it the application cannot be accepted. Correct the application.")),
    "application_open_request": Refusal(_l(
        "This child already has an open request: a second one cannot be accepted until the "
        "first is handed over.")),
    "application_stale": Refusal(_l(
        "This application was already dealt with (by a second tap or another window). The "
        "screen is now up to date.")),
    "application_complete": Refusal(_l(
        "Every required document is received: the package is complete and cannot be refused. "
        "Accept it.")),
    "application_not_ready": Refusal(_l(
        "The result is not at the hall: it cannot be handed over now.")),
    "application_wrong_person": Refusal(_l(
        "The identity document does not match the applicant (or the guardian they "
        "represent).")),
    "application_no_power_of_attorney": Refusal(_l(
        "Enter the number, date, notary and term of the notarised power of attorney.")),
    "application_proxy_future": Refusal(_l(
        "The power of attorney is dated after today: check its date against the document. The "
        "result is not handed over on it.")),
    "application_proxy_expired": Refusal(_l(
        "The power of attorney is no longer in force: its term ended before today. The result "
        "is not handed over on it.")),
    "application_no_receiver_name": Refusal(_l(
        "Enter the representative's full name as their identity document gives it.")),
    "application_print_closed": Refusal(_l(
        "The application is printed at this kiosk only once, right after it is saved. Ask the "
        "operator at the window to print it for you.")),
    "application_not_now": Refusal(_l(
        "This cannot be done with this application now. The screen is now up to date.")),
    "ticket_finished": Refusal(_l(
        "This ticket is no longer in line, so its application cannot be changed. Please take a "
        "new ticket.")),
    "application_closed": Refusal(_l(
        "The application of this ticket has already been checked at a window and cannot be "
        "changed here. Please ask the operator.")),
    "decision_stale": Refusal(_l("This request was decided or changed meanwhile, so nothing "
                                 "was saved. Its current state is shown below.")),
    # Certificates.
    "certificate_annulled": Refusal(_l(
        "This certificate is already annulled: it cannot be annulled or reissued again.")),
    "certificate_superseded": Refusal(_l(
        "This certificate was already replaced by a new one: annul or reissue the new one "
        "instead.")),
    "certificate_no_reason": Refusal(_l("Write why the certificate is annulled.")),
    "certificate_no_record": Refusal(_l(
        "The registry holds no guardianship for this request: the certificate cannot be "
        "reissued.")),
    "certificate_record_ended": Refusal(_l(
        "The guardianship has ended in the registry: the certificate cannot be reissued. Annul "
        "it instead.")),
    # Complaints.
    "complaint_answered": Refusal(_l(
        "This complaint has already been answered: an answer is recorded once and never "
        "changed. The answer recorded is shown below.")),
    "complaint_elsewhere": Refusal(_l(
        "This complaint was registered at another office: it is read and answered there."), 403),
    "complaint_no_office": Refusal(_l(
        "Complaints are registered by the head of the hall or by the provider's officer."), 403),
    # Home visits.
    "visit_closed": Refusal(_l(
        "This visit is already done or cancelled (by another screen or a second tap). The page "
        "is now up to date.")),
    "visit_in_past": Refusal(_l("This moment has passed. Choose a time still to come.")),
    "visit_off_hours": Refusal(_l(
        "Visits are made on working days within the hall's working hours. Choose another "
        "time.")),
    "visit_no_employee": Refusal(_l("Choose an active operator or the head of the hall.")),
    "visit_not_yours": Refusal(_l(
        "This visit is scheduled for another employee: only they take the application or hand "
        "over the result at it."), 403),
    "visit_not_today": Refusal(_l(
        "The application is taken at home on the day of the visit. Move the visit to today "
        "first if it is made today.")),
    "visit_no_result": Refusal(_l(
        "No result with this request number is ready at the hall to be handed over.")),
    "visit_no_application": Refusal(_l(
        "Save the application first: the list of documents depends on it.")),
    "certificate_no_minor": Refusal(_l(
        "No child of this guardianship is under 18 today: the certificate names only children "
        "under 18, so none can be issued on this record.")),
}
# A key this table does not know still answers a clear message (a rule added without one).
UNKNOWN = Refusal(_l("This cannot be done right now. Please start again."))


def refusal_of(error: DomainError | str) -> Refusal:
    key = error if isinstance(error, str) else error.key
    return REFUSALS.get(key, UNKNOWN)


def refusal_message(error: DomainError | str, **details) -> str:
    """The user's message for a refusal, its placeholders filled from ``details`` (or the
    error's own)."""
    text = str(refusal_of(error).text)
    values = details or ({} if isinstance(error, str) else error.details)
    return text % values if values else text


def refusal_status(error: DomainError | str) -> int:
    return refusal_of(error).status


def withdraw(error: DomainError | str, **details) -> str:
    """Undo what the refused request wrote, and give the refusal's message (for a view that
    shows it in its own place)."""
    db.session.rollback()
    return refusal_message(error, **details)


def come_back_to(url: str) -> None:
    """Name the page a refused form post returns to (else the page that posted it)."""
    g.refusal_back = url
