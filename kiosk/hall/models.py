"""The hall's catalogue (services, priority groups), its calendar overrides and its
registers' counters."""

from datetime import date

from flask_babel import get_locale
from sqlalchemy import (
    Date,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.web.extensions import db
from queue_mgr.casework.applications import takes_application


class Localized:
    """Rows named in Kazakh, Russian and English; ``name`` follows the current language."""

    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    @property
    def name(self) -> str:
        return getattr(self, f"name_{get_locale().language}", None) or self.name_kk


class Service(Localized, db.Model):
    """A service the hall offers; its tickets carry its letter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    letter: Mapped[str] = mapped_column(String(1), unique=True)
    default_service_seconds: Mapped[int] = mapped_column(default=600)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    @property
    def takes_application(self) -> bool:
        return takes_application(self.code)


class PriorityCategory(Localized, db.Model):
    """A group of applicants served before the rest (booked visitors before all of them)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    rank: Mapped[int] = mapped_column(default=10)
    booked: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class SequenceCounter(db.Model):
    """A named counter taken atomically (request numbers per year, certificate numbers...)."""

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class CalendarOverride(db.Model):
    """A decree the holidays package does not know: a day made working or made a day off."""

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    working: Mapped[bool]
    note: Mapped[str] = mapped_column(String(200), default="")
