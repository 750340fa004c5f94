"""What the home visit screens call a visit's purpose and status, in the user's language."""

from flask_babel import lazy_gettext as _l

from queue_mgr.casework.home_visits import VisitPurpose, VisitStatus

PURPOSE_NAMES = {
    VisitPurpose.INTAKE: _l("take the application at home"),
    VisitPurpose.HANDOVER: _l("hand over the result at home"),
}
STATUS_NAMES = {
    VisitStatus.REQUESTED: _l("Requested: to schedule"),
    VisitStatus.SCHEDULED: _l("Scheduled"),
    VisitStatus.DONE: _l("Visit made"),
    VisitStatus.CANCELLED: _l("Visit cancelled"),
}


def purpose_name(code: str) -> str:
    return str(PURPOSE_NAMES[VisitPurpose(code)])


def status_name(code: str) -> str:
    return str(STATUS_NAMES[VisitStatus(code)])
