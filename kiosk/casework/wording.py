"""What the screens call an application's codes, translated at the moment of use.

Two sets of words for the same codes: the full names the window and the receipts print
(``STATUS_NAMES``, ...), and the short names of the provider's list and request page
(``STATUS_SHORT_NAMES``, ...).
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from kiosk.web.i18n import current_language
from queue_mgr.casework.applications import ApplicationStatus, Document, Outcome
from queue_mgr.casework.basis import BasisKind
from queue_mgr.casework.deadlines import TimeLeft

# The window and the receipts.

DOCUMENT_NAMES = {
    Document.APPLICATION: _l("Application for the certificate (Appendix 2)"),
    Document.IDENTITY: _l("Identity document of the applicant (for identification)"),
    Document.BIRTH_CERTIFICATE: _l("Birth certificate of the child"),
    Document.POWER_OF_ATTORNEY: _l("Notarised power of attorney of the representative"),
}

STATUS_NAMES = {
    ApplicationStatus.DRAFT: _l("Not yet accepted"),
    ApplicationStatus.INTAKE_REFUSED: _l("Refused at intake: incomplete package"),
    ApplicationStatus.AT_PROVIDER: _l("At the provider: waiting for the decision"),
    ApplicationStatus.READY: _l("Ready at the hall"),
    ApplicationStatus.HANDED_OVER: _l("Handed over"),
    ApplicationStatus.TRANSFERRED: _l("Handed to the provider after a month of storage"),
    ApplicationStatus.REQUESTED_BACK: _l("Requested back from the provider"),
}

OUTCOME_NAMES = {
    Outcome.CERTIFICATE: _l("Certificate on guardianship and trusteeship"),
    Outcome.REFUSAL: _l("Reasoned refusal"),
}

# To whom a result was given (a dative phrase: "handed over to ...").
HANDED_TO_NAMES = {
    "applicant": _l("to the applicant"),
    "representative": _l("to a representative with a notarised power of attorney"),
}


# The registry's and the provider's screens: what a guardianship rests on.
BASIS_NAMES = {BasisKind.ORDER: _l("An order"), BasisKind.RESOLUTION: _l("A resolution")}


def basis_name(kind: str) -> str:
    return str(BASIS_NAMES.get(kind, kind))


def in_language(kk: str, ru: str) -> str:
    """A name kept in Kazakh and in Russian, as a screen in the current language shows it (the
    Russian one on an English screen)."""
    return kk if current_language() == "kk" else ru
# The steps of an application's history.
STEP_NAMES = {
    "filled_at_kiosk": _l("Filled in at the kiosk"),
    "saved_at_window": _l("Saved at the window"),
    "saved_at_home": _l("Saved at the applicant's home (a home visit)"),
    "accepted": _l("Accepted"),
    "intake_refused": _l("Refused at intake"),
    "basis_entered": _l("Guardianship order entered by the provider"),
    "confirmed": _l("Confirmed by the provider"),
    "refused": _l("Refused by the provider"),
    "handed_over": _l("Handed over"),
    "transferred": _l("Handed to the provider after a month of storage"),
    "requested_back": _l("Requested back from the provider"),
    "returned": _l("Back at the hall"),
}
ACCEPTED_NOTES = {
    "registry": _l("the registry holds the guardianship: ready at once"),
    "provider": _l("sent to the provider"),
}


def step_name(action: str) -> str:
    return str(STEP_NAMES.get(action, action))


def step_note(event) -> str:
    """An application step's note in words (a code worded, documents named)."""
    if event.action == "accepted":
        return str(ACCEPTED_NOTES.get(event.note, event.note))
    if event.action == "intake_refused":
        return "; ".join(document_name(code.strip()) for code in event.note.split(",")
                         if code.strip() in set(Document))
    if event.action == "handed_over":
        return handed_to_name(event.note) if event.note in HANDED_TO_NAMES else event.note
    return event.note or ""


def document_name(code: str) -> str:
    return str(DOCUMENT_NAMES.get(Document(code), code))


def status_name(status: str) -> str:
    return str(STATUS_NAMES.get(ApplicationStatus(status), status))


def outcome_name(outcome: str | None) -> str:
    return str(OUTCOME_NAMES[Outcome(outcome)]) if outcome else ""


def handed_to_name(to: str) -> str:
    return str(HANDED_TO_NAMES.get(to, to))


# The provider's list and request page.

STATUS_SHORT_NAMES = {
    ApplicationStatus.DRAFT: _l("Draft"),
    ApplicationStatus.INTAKE_REFUSED: _l("Refused at intake"),
    ApplicationStatus.AT_PROVIDER: _l("Awaiting the decision"),
    ApplicationStatus.READY: _l("Result at the hall"),
    ApplicationStatus.HANDED_OVER: _l("Handed over"),
    ApplicationStatus.TRANSFERRED: _l("Kept by the provider (unclaimed)"),
    ApplicationStatus.REQUESTED_BACK: _l("Asked back by the hall"),
}
OUTCOME_SHORT_NAMES = {
    Outcome.CERTIFICATE: _l("Certificate"),
    Outcome.REFUSAL: _l("Reasoned refusal"),
}
DOCUMENT_SHORT_NAMES = {
    Document.APPLICATION: _l("Application"),
    Document.IDENTITY: _l("Identity document"),
    Document.BIRTH_CERTIFICATE: _l("Child's birth certificate"),
    Document.POWER_OF_ATTORNEY: _l("Notarised power of attorney"),
}


def status_short_name(status: str) -> str:
    return str(STATUS_SHORT_NAMES.get(status, status))


def document_short_name(code: str) -> str:
    return str(DOCUMENT_SHORT_NAMES.get(code, code))


def time_left_name(left: TimeLeft) -> str:
    """E.g. "2 working days left", "5 h left", "Overdue by 3 h"."""
    if left.overdue and left.working_days:
        return ngettext("Overdue by %(num)d working day", "Overdue by %(num)d working days",
                        left.working_days)
    if left.overdue:
        return ngettext("Overdue by %(num)d hour", "Overdue by %(num)d hours", max(left.hours, 1))
    if left.due_today and left.hours == 0:
        return str(_l("Less than an hour left"))
    if left.due_today:
        return ngettext("%(num)d hour left", "%(num)d hours left", left.hours)
    return ngettext("%(num)d working day left", "%(num)d working days left", left.working_days)
