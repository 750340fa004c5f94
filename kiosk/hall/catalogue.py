"""The hall's catalogue, its services and priority groups and its calendar's decree overrides,
as each worker keeps it for a while.

Every kiosk screen shows the catalogue, asks the calendar whether the hall is open, and every
ticket is checked against it, yet it changes a few times a year. Each worker process keeps a
copy for ``CATALOGUE_SECONDS`` of the app's clock: a change reaches every kiosk within that
time, and the screen that commits a change calls ``catalogue_changed`` so that its own worker
reads the new catalogue at once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import get_locale

from kiosk.hall.models import CalendarOverride, PriorityCategory, Service
from kiosk.web.clock import now
from kiosk.web.extensions import db


@dataclass(frozen=True)
class Entry:
    """A service or a priority group as the kiosk shows it; ``name`` follows the language."""

    id: int
    code: str
    names: dict[str, str]
    letter: str = ""  # a service's ticket letter
    booked: bool = False  # a priority group of booked appointments
    default_seconds: int = 600  # a service's time at the window until some are recorded

    @property
    def name(self) -> str:
        return self.names.get(get_locale().language) or self.names["kk"]


@dataclass(frozen=True)
class Catalogue:
    """The active services and priority groups, in the order the kiosk offers them."""

    services: tuple[Entry, ...]
    categories: tuple[Entry, ...]
    category_ids: tuple[int, ...]  # every priority group's, the inactive ones' too
    read_at: datetime
    day_overrides: tuple[tuple[date, bool], ...] = ()  # the decrees: a day, and whether worked

    def service(self, code: str) -> Entry | None:
        return next((entry for entry in self.services if entry.code == code), None)

    def category(self, code: str) -> Entry | None:
        return next((entry for entry in self.categories if entry.code == code), None)


def names(row) -> dict[str, str]:
    return {"kk": row.name_kk, "ru": row.name_ru, "en": row.name_en}


def read_catalogue() -> Catalogue:
    services = db.session.execute(
        db.select(Service).filter_by(active=True).order_by(Service.sort_order, Service.id)
    ).scalars()
    categories = db.session.execute(
        db.select(PriorityCategory).order_by(PriorityCategory.rank, PriorityCategory.id)
    ).scalars().all()
    return Catalogue(
        services=tuple(Entry(s.id, s.code, names(s), letter=s.letter,
                             default_seconds=s.default_service_seconds) for s in services),
        categories=tuple(Entry(c.id, c.code, names(c), booked=c.booked)
                         for c in categories if c.active),
        category_ids=tuple(sorted(c.id for c in categories)),
        read_at=now(),
        day_overrides=tuple((row.day, row.working) for row in db.session.execute(
            db.select(CalendarOverride.day, CalendarOverride.working))),
    )


def catalogue() -> Catalogue:
    """This worker's copy of the catalogue, read again once it is older than its lifetime."""
    kept = current_app.extensions.get("catalogue")
    lifetime = timedelta(seconds=current_app.config["CATALOGUE_SECONDS"])
    if kept is None or now() - kept.read_at >= lifetime:
        kept = current_app.extensions["catalogue"] = read_catalogue()
    return kept


def catalogue_changed() -> None:
    """A service, a priority group or a calendar override has just been committed: this worker
    reads the catalogue
    again on its next screen (the others once their copy's lifetime is over)."""
    current_app.extensions.pop("catalogue", None)
