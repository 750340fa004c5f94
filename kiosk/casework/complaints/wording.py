"""What the complaint screens and papers call a complaint's codes, translated at the moment of
use."""

from flask_babel import lazy_gettext as _l

from queue_mgr.casework.complaints import (
    ANSWER_WORKING_DAYS,
    Addressee,
    AnswerChannel,
    ComplaintStatus,
    Place,
    Subject,
)

ADDRESSEE_NAMES = {
    Addressee.PROVIDER: _l("The head of the service provider"),
    Addressee.CORPORATION: _l('The head of the State Corporation "Government for Citizens"'),
    Addressee.QUALITY_BODY: _l(
        "The authorised body for the assessment and control of the quality of public services"),
}

SUBJECT_NAMES = {
    Subject.REQUEST: _l("A request (its number)"),
    Subject.TICKET: _l("A queue ticket (its number)"),
    Subject.WINDOW: _l("A window (its number)"),
    Subject.STAFF: _l("A member of staff (their name)"),
    Subject.OTHER: _l("Something else"),
}

# A subject with the reference it names: "Request 2026-00042", "Window 4".
SUBJECT_REFERENCES = {
    Subject.REQUEST: _l("Request %(reference)s"),
    Subject.TICKET: _l("Ticket %(reference)s"),
    Subject.WINDOW: _l("Window %(reference)s"),
    Subject.STAFF: _l("Member of staff: %(reference)s"),
    Subject.OTHER: _l("Other: %(reference)s"),
}

STATUS_NAMES = {
    ComplaintStatus.REGISTERED: _l("Awaiting the answer"),
    ComplaintStatus.ANSWERED: _l("Answered"),
}

CHANNEL_NAMES = {
    AnswerChannel.POST: _l("Sent by post to the complainant's postal address"),
    AnswerChannel.IN_PERSON: _l("Handed over in person at the office"),
}

PLACE_NAMES = {
    Place.HALL: _l("At the hall of the State Corporation"),
    Place.PROVIDER_OFFICE: _l("At the office of the service provider"),
}


def addressee_name(code: str) -> str:
    return str(ADDRESSEE_NAMES.get(code, code))


def subject_name(code: str) -> str:
    return str(SUBJECT_NAMES.get(code, code))


def about(subject: str, reference: str) -> str:
    """What the complaint is about, with its reference: "Window 4", or "Something else"."""
    if not reference:
        return subject_name(subject)
    return str(SUBJECT_REFERENCES[Subject(subject)]) % {"reference": reference}


def status_name(code: str) -> str:
    return str(STATUS_NAMES.get(code, code))


def channel_name(code: str | None) -> str:
    return str(CHANNEL_NAMES.get(code, code or ""))


def place_name(code: str) -> str:
    return str(PLACE_NAMES.get(code, code))


def term_days(addressee: str) -> int:
    """The working days the addressee has to answer (for the confirmation's wording)."""
    return ANSWER_WORKING_DAYS[Addressee(addressee)]
