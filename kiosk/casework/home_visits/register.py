"""Home visits as the hall keeps them: a request registered, its visit scheduled (or moved, or
cancelled), and the casework the employee does at the applicant's home: the application saved,
accepted or refused with its receipt, or the result handed over. Views call these and commit
once; a refused rule raises and changes nothing."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from kiosk.accounts.access import VISITING
from kiosk.accounts.models import User
from kiosk.casework import cases as casework
from kiosk.casework.models import Application, HomeVisit
from kiosk.hall.numbering import hall_year, number_in_year
from kiosk.hall.settings import hall_hours, hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr.casework.applications import ApplicationStatus
from queue_mgr.casework.home_visits import (
    VisitPurpose,
    VisitStatus,
    check_visit_day,
    check_visit_time,
    visit_transition,
)
from queue_mgr.errors import DomainError

HOME = "home"  # the channel of an application taken at home


@dataclass(frozen=True)
class VisitRequest:
    """What the applicant asked the contact centre for (checked by the form)."""

    purpose: str
    contact_line: str
    service_id: int
    applicant_name: str
    address: str
    phone: str
    reason: str
    request_number: str = ""  # a handover visit's request, as its receipt prints it


def visit_number(now: datetime) -> str:
    """The next number of the year, e.g. ``Ү-2026-00001``."""
    return number_in_year("Ү-", "home-visit", hall_year(now))


def by_form_key(form_key: str) -> HomeVisit | None:
    """The visit a registration form already registered (sent twice: a double tap)."""
    return db.session.execute(
        select(HomeVisit).where(HomeVisit.form_key == form_key)
    ).scalar_one_or_none()


def result_to_take(number: str) -> Application:
    """The accepted request whose result a handover visit takes: ready at the hall."""
    application = db.session.execute(
        select(Application).where(Application.number == number)
    ).scalar_one_or_none()
    if application is None or application.status != ApplicationStatus.READY:
        raise DomainError("visit_no_result")
    return application


def register_visit(asked: VisitRequest, form_key: str, user: User, now: datetime) -> HomeVisit:
    """Register the request with its number; a handover visit names a result ready to take."""
    details = vars(asked).copy()
    number = details.pop("request_number")
    application = result_to_take(number) if asked.purpose == VisitPurpose.HANDOVER else None
    visit = HomeVisit(number=visit_number(now), form_key=form_key, requested_at=now,
                      registered_by_id=user.id, status=VisitStatus.REQUESTED,
                      application_id=application.id if application else None, **details)
    db.session.add(visit)
    db.session.flush()
    return visit


def move_visit(visit: HomeVisit, target: VisitStatus, **values) -> None:
    """Change the visit's status if the rules allow it (once, whoever taps first)."""
    source = visit.status
    change_status(HomeVisit, visit.id, source, visit_transition(source, target),
                  "visit_closed", **values)
    db.session.expire(visit)


def schedule_visit(visit: HomeVisit, at: datetime, employee: User | None,
                   now: datetime) -> None:
    """Give the visit its time and employee (again, to move a visit still to come)."""
    if employee is None or not employee.active or employee.role not in VISITING:
        raise DomainError("visit_no_employee")
    check_visit_time(at, now, hall_hours(), working_calendar())
    move_visit(visit, VisitStatus.SCHEDULED, scheduled_at=at, employee_id=employee.id)


def cancel_visit(visit: HomeVisit, reason: str, now: datetime) -> None:
    move_visit(visit, VisitStatus.CANCELLED, closed_at=now, cancel_reason=reason)


def check_visiting(visit: HomeVisit, user: User, now: datetime) -> None:
    """The casework of a visit is done by its employee, on its day, while it is to come."""
    if visit.status != VisitStatus.SCHEDULED:
        raise DomainError("visit_closed")
    if visit.employee_id != user.id:
        raise DomainError("visit_not_yours")
    check_visit_day(visit.scheduled_at, now, hall_hours())


def visit_of(application: Application) -> HomeVisit | None:
    """The home visit this application was taken at (or its result handed over at), if any."""
    return db.session.execute(
        select(HomeVisit).where(HomeVisit.application_id == application.id)
    ).scalar_one_or_none()


def visit_draft(visit: HomeVisit) -> Application | None:
    """The application being taken at this visit, while it is still a draft."""
    application = visit.application
    if visit.purpose != VisitPurpose.INTAKE or application is None:
        return None
    return application if application.status == ApplicationStatus.DRAFT else None


def save_home_draft(visit: HomeVisit, fill, user: User, now: datetime) -> Application:
    """Write the checked form (``fill(application)``) into the visit's application."""
    check_visiting(visit, user, now)
    if visit.purpose != VisitPurpose.INTAKE or (visit.application is not None
                                                and visit_draft(visit) is None):
        raise DomainError("visit_closed")
    draft = visit_draft(visit)
    if draft is None:
        draft = casework.new_application(now)
        draft.channel = HOME
    fill(draft)
    db.session.flush()
    visit.application_id = draft.id
    casework.add_event(draft, "saved_at_home", user, now, visit.number)
    return draft


def decide_at_home(visit: HomeVisit, verdict: str, received: set[str], user: User,
                   now: datetime) -> Application:
    """Accept the package or refuse it as incomplete, as at a window; the visit is done."""
    check_visiting(visit, user, now)
    application = visit_draft(visit)
    if application is None or application.child_birth_date is None:
        raise DomainError("visit_no_application")
    if verdict == "accept":
        casework.accept(application, received, user, now)
    else:
        casework.refuse_intake(application, received, user, now)
    move_visit(visit, VisitStatus.DONE, closed_at=now)
    return application


def hand_over_at_home(visit: HomeVisit, receiver: casework.Receiver, user: User,
                      now: datetime) -> Application:
    """Hand the result over at home, against the identity document shown; the visit is done."""
    check_visiting(visit, user, now)
    if visit.purpose != VisitPurpose.HANDOVER:
        raise DomainError("visit_closed")
    application = visit.application
    casework.hand_over(application, receiver, user, now)
    move_visit(visit, VisitStatus.DONE, closed_at=now)
    return application


def visits_to_come(user: User | None = None) -> list[HomeVisit]:
    """Visits not yet made: all the hall's (requested first, then by time), or one employee's."""
    query = select(HomeVisit).where(
        HomeVisit.status.in_([VisitStatus.REQUESTED, VisitStatus.SCHEDULED]))
    if user is not None:
        query = query.where(HomeVisit.employee_id == user.id,
                            HomeVisit.status == VisitStatus.SCHEDULED)
    query = query.order_by(HomeVisit.scheduled_at.is_not(None), HomeVisit.scheduled_at,
                           HomeVisit.id)
    return list(db.session.execute(query.limit(200)).scalars())


def visits_today(user: User, now: datetime) -> bool:
    """Whether a visit is scheduled for ``user`` today (they may then work without a window)."""
    zone = hall_zone()
    day = now.astimezone(zone).date()
    start = datetime.combine(day, datetime.min.time(), tzinfo=zone)
    return db.session.execute(
        select(HomeVisit.id).where(HomeVisit.employee_id == user.id,
                                   HomeVisit.status == VisitStatus.SCHEDULED,
                                   HomeVisit.scheduled_at >= start,
                                   HomeVisit.scheduled_at < start + timedelta(days=1)).limit(1)
    ).first() is not None


def visits_closed(limit: int = 20) -> list[HomeVisit]:
    """The latest visits made or cancelled."""
    return list(db.session.execute(
        select(HomeVisit).where(HomeVisit.status.in_([VisitStatus.DONE, VisitStatus.CANCELLED]))
        .order_by(HomeVisit.closed_at.desc()).limit(limit)
    ).scalars())
