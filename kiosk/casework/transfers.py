"""The transfer list: the results handed to the provider on a day, when their month of storage
at the hall ended (rule 11). Read from that day's steps through their index, so a day's list
costs the same however many years the hall keeps."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk.casework.models import Application, ApplicationEvent
from kiosk.web.extensions import db

TRANSFERRED = "transferred"  # the step ``transfer_unclaimed`` writes


@dataclass(frozen=True)
class Transferred:
    """One line of the list: what the provider receives, and no IIN."""

    number: str
    applicant: str
    outcome: str
    ready_at: datetime | None
    transferred_at: datetime


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The hall's day as the moments it begins and the next begins."""
    start = datetime.combine(day, time(), tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)


def transferred_on(day: date, zone: ZoneInfo) -> list[Transferred]:
    """Every result handed to the provider on the hall's ``day``, in the order it was handed."""
    start, end = day_bounds(day, zone)
    rows = db.session.execute(
        select(ApplicationEvent.at, Application.number, Application.applicant_surname,
               Application.applicant_name, Application.applicant_patronymic,
               Application.outcome, Application.ready_at)
        .join(Application, Application.id == ApplicationEvent.application_id)
        .where(ApplicationEvent.action == TRANSFERRED, ApplicationEvent.at >= start,
               ApplicationEvent.at < end)
        .order_by(ApplicationEvent.at, ApplicationEvent.id)
    ).all()
    return [Transferred(row.number or "", " ".join(part for part in (
        row.applicant_surname, row.applicant_name, row.applicant_patronymic) if part),
        row.outcome or "", row.ready_at, row.at) for row in rows]
