"""Words for the provider's screens: statuses, outcomes, documents, the time left."""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from queue_mgr.casework.applications import ApplicationStatus, Document, Outcome
from queue_mgr.casework.deadlines import TimeLeft

STATUSES = {
    ApplicationStatus.DRAFT: _l("Draft"),
    ApplicationStatus.INTAKE_REFUSED: _l("Refused at intake"),
    ApplicationStatus.AT_PROVIDER: _l("Awaiting the decision"),
    ApplicationStatus.READY: _l("Result at the hall"),
    ApplicationStatus.HANDED_OVER: _l("Handed over"),
    ApplicationStatus.TRANSFERRED: _l("Kept by the provider (unclaimed)"),
    ApplicationStatus.REQUESTED_BACK: _l("Asked back by the hall"),
}
OUTCOMES = {
    Outcome.CERTIFICATE: _l("Certificate"),
    Outcome.REFUSAL: _l("Reasoned refusal"),
}
DOCUMENTS = {
    Document.APPLICATION: _l("Application"),
    Document.IDENTITY: _l("Identity document"),
    Document.BIRTH_CERTIFICATE: _l("Child's birth certificate"),
    Document.POWER_OF_ATTORNEY: _l("Notarised power of attorney"),
}


def status_label(status: str) -> str:
    return str(STATUSES.get(status, status))


def document_label(code: str) -> str:
    return str(DOCUMENTS.get(code, code))


def time_left_label(left: TimeLeft) -> str:
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
