"""The service's rules for an application: documents, the child's age, statuses, terms, storage.

Restated from the service passport (see DOMAIN.md): documents at the hall (rule 5), the term of
5 minutes or 3 working days (rule 4), refusal for an incomplete package (rule 8), handing over
(rule 10) and storage for a month (rule 11).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from queue_mgr.errors import DomainError, InvalidTransition
from queue_mgr.hall.workdays import WorkingCalendar

# Children born in Kazakhstan from this day on are in the state information system.
BIRTH_RECORDS_FROM = date(2007, 8, 13)
GUARDIANSHIP_UNTIL_AGE = 14  # guardianship under 14, trusteeship from 14 to 18
ADULT_AGE = 18
QUICK_TERM = timedelta(minutes=5)
PROVIDER_WORKING_DAYS = 3
RETURN_WORKING_DAYS = 1
# The hall's service whose tickets come with an application (Appendix 2): the others are served
# at the window with no casework here.
APPLICATION_SERVICE = "guardianship"


def takes_application(service_code: str) -> bool:
    """Whether a ticket of this service comes with the application."""
    return service_code == APPLICATION_SERVICE


class Document(StrEnum):
    APPLICATION = "application"
    IDENTITY = "identity"
    BIRTH_CERTIFICATE = "birth_certificate"
    POWER_OF_ATTORNEY = "power_of_attorney"


class ApplicationStatus(StrEnum):
    DRAFT = "draft"  # filled at the kiosk, not yet checked at a window
    INTAKE_REFUSED = "intake_refused"  # incomplete package: refusal receipt given
    AT_PROVIDER = "at_provider"  # accepted, waiting for the provider's decision
    READY = "ready"  # the result (certificate or reasoned refusal) is at the hall
    HANDED_OVER = "handed_over"
    TRANSFERRED = "transferred"  # kept a month unclaimed, handed to the provider
    REQUESTED_BACK = "requested_back"  # the applicant came later: the provider sends it back


class Outcome(StrEnum):
    CERTIFICATE = "certificate"
    REFUSAL = "refusal"


OPEN = frozenset({ApplicationStatus.AT_PROVIDER, ApplicationStatus.READY,
                  ApplicationStatus.TRANSFERRED, ApplicationStatus.REQUESTED_BACK})

ALLOWED: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.DRAFT: frozenset({ApplicationStatus.INTAKE_REFUSED,
                                        ApplicationStatus.AT_PROVIDER, ApplicationStatus.READY}),
    ApplicationStatus.AT_PROVIDER: frozenset({ApplicationStatus.READY}),
    ApplicationStatus.READY: frozenset({ApplicationStatus.HANDED_OVER,
                                        ApplicationStatus.TRANSFERRED}),
    ApplicationStatus.TRANSFERRED: frozenset({ApplicationStatus.REQUESTED_BACK}),
    ApplicationStatus.REQUESTED_BACK: frozenset({ApplicationStatus.READY}),
    ApplicationStatus.INTAKE_REFUSED: frozenset(),
    ApplicationStatus.HANDED_OVER: frozenset(),
}


class ChildNotEligible(DomainError):
    """The child's birth date is in the future (``child_future``), or the child is already 18
    (``child_adult``)."""


def application_transition(current: str, target: str) -> ApplicationStatus:
    """Return ``target`` if an application may move there from ``current``; raise otherwise."""
    source, goal = ApplicationStatus(current), ApplicationStatus(target)
    if goal not in ALLOWED[source]:
        raise InvalidTransition(source, goal, "application_stale")
    return goal


def age_on(birth_date: date, day: date) -> int:
    """Full years of age on ``day``."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def check_child(birth_date: date, today: date) -> None:
    """Refuse a birth date in the future or a child who is already an adult."""
    if birth_date > today:
        raise ChildNotEligible("child_future")
    if age_on(birth_date, today) >= ADULT_AGE:
        raise ChildNotEligible("child_adult")


def is_trusteeship(birth_date: date, day: date) -> bool:
    """Trusteeship (қамқоршылық / попечительство) from 14; guardianship below."""
    return age_on(birth_date, day) >= GUARDIANSHIP_UNTIL_AGE


def is_minor(birth_date: date, day: date) -> bool:
    """Born by ``day`` and not yet 18 on it: a child a certificate may name. The 18th birthday
    is the first day of age (a child born on 29 February comes of age on 1 March of a common
    year, as ``age_on`` counts)."""
    return birth_date <= day and age_on(birth_date, day) < ADULT_AGE


def needs_birth_certificate(birth_date: date, born_abroad: bool) -> bool:
    """The birth certificate is brought only for a child born before 13 August 2007 or abroad."""
    return born_abroad or birth_date < BIRTH_RECORDS_FROM


def required_documents(birth_date: date, born_abroad: bool, by_proxy: bool) -> list[Document]:
    """The documents the window checks, in the order of the checklist."""
    documents = [Document.APPLICATION, Document.IDENTITY]
    if needs_birth_certificate(birth_date, born_abroad):
        documents.append(Document.BIRTH_CERTIFICATE)
    if by_proxy:
        documents.append(Document.POWER_OF_ATTORNEY)
    return documents


def missing_documents(required: list[Document], received: set[str]) -> list[Document]:
    """The required documents not received: a non-empty list means a refusal receipt."""
    return [document for document in required if document not in received]


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The last second of a local day: a term "by the end of the day" runs until then."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone)


@dataclass(frozen=True)
class Term:
    """When a result is due, and whether it is ready at once (the quick, 5-minute path)."""

    due_at: datetime
    ready_now: bool


def service_term(accepted_at: datetime, in_registry: bool, calendar: WorkingCalendar,
                 zone: ZoneInfo) -> Term:
    """5 minutes when the registry holds the guardianship; else the end of the 3rd working day
    after the day of acceptance (that day not counted)."""
    if in_registry:
        return Term(accepted_at + QUICK_TERM, ready_now=True)
    accepted_day = accepted_at.astimezone(zone).date()
    due_day = calendar.add_working_days(accepted_day, PROVIDER_WORKING_DAYS)
    return Term(end_of_day(due_day, zone), ready_now=False)


def return_due(requested_at: datetime, calendar: WorkingCalendar, zone: ZoneInfo) -> datetime:
    """A result handed to the provider comes back within one working day of the request."""
    day = requested_at.astimezone(zone).date()
    return end_of_day(calendar.add_working_days(day, RETURN_WORKING_DAYS), zone)


def stored_until(ready_day: date) -> date:
    """The hall keeps a ready result one calendar month (to the same day, or the month's last)."""
    year, month = (ready_day.year + 1, 1) if ready_day.month == 12 else (
        ready_day.year, ready_day.month + 1)
    for day in (ready_day.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def storage_expired(kept_until: date, today: date) -> bool:
    """Whether a result kept until ``kept_until`` goes to the provider on ``today``."""
    return today > kept_until


def is_overdue(due_at: datetime, now: datetime) -> bool:
    return now > due_at
