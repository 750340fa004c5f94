"""The hall's catalogue, its services and priority groups, as each worker keeps it for a while.

Every kiosk screen shows the catalogue and every ticket is checked against it, yet it changes a
few times a year. Each worker process keeps a copy for ``CATALOGUE_SECONDS``: a change reaches
every kiosk within that time, and the worker that committed it forgets its copy at once.
"""

import itertools
import time
from dataclasses import dataclass

from flask import current_app, has_app_context
from flask_babel import get_locale
from sqlalchemy import event
from sqlalchemy.orm import Session, object_session

from kiosk.hall.models import PriorityCategory, Service
from kiosk.web.extensions import db

CHANGED = "catalogue_changed"
READINGS = itertools.count(1)  # numbers this process's readings: a reading's version


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
    read_at: float
    version: int  # pages rendered from this reading may be kept under this number
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
        read_at=time.monotonic(),
        version=next(READINGS),
    )


def catalogue() -> Catalogue:
    """This worker's copy of the catalogue, read again once it is older than its lifetime."""
    kept = current_app.extensions.get("catalogue")
    if kept is None or time.monotonic() - kept.read_at >= current_app.config["CATALOGUE_SECONDS"]:
        kept = current_app.extensions["catalogue"] = read_catalogue()
    return kept


def forget_catalogue() -> None:
    current_app.extensions.pop("catalogue", None)


def note_change(_mapper, _connection, row) -> None:
    """A service or a priority group was written: forget the copy once the change is committed.

    (A change rolled back leaves the note behind: the next commit then forgets a good copy.)"""
    object_session(row).info[CHANGED] = True


def forget_after_commit(session: Session) -> None:
    if session.info.pop(CHANGED, False) and has_app_context():
        forget_catalogue()


def init_catalogue() -> None:
    """Listen for changes to the catalogue (once per process, however many apps it builds)."""
    if event.contains(Session, "after_commit", forget_after_commit):
        return
    for model in (Service, PriorityCategory):
        for change in ("after_insert", "after_update", "after_delete"):
            event.listen(model, change, note_change)
    event.listen(Session, "after_commit", forget_after_commit)
