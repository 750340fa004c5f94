"""The database's tables, as typed SQLAlchemy 2.0 models."""

from datetime import UTC, date, datetime

from flask_babel import get_locale
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.extensions import db
from queue_mgr import TicketStatus, format_ticket_number


class UtcDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("only aware datetimes are stored")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


class Localized:
    """Rows named in Kazakh, Russian and English; ``name`` follows the current language."""

    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    @property
    def name(self) -> str:
        return getattr(self, f"name_{get_locale().language}", None) or self.name_kk


window_services = Table(
    "window_service",
    db.metadata,
    Column("window_id", ForeignKey("window.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class Service(Localized, db.Model):
    """A service the hall offers; its tickets carry its letter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    letter: Mapped[str] = mapped_column(String(1), unique=True)
    default_service_seconds: Mapped[int] = mapped_column(default=600)
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class PriorityCategory(Localized, db.Model):
    """A group of applicants served before the rest (booked visitors before all of them)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    rank: Mapped[int] = mapped_column(default=10)
    booked: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)


class Window(db.Model):
    """A numbered window of the hall and the services it serves."""

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    open: Mapped[bool] = mapped_column(default=False)
    services: Mapped[list[Service]] = relationship(secondary=window_services)


class TicketCounter(db.Model):
    """The last number given for a service on a local day; incremented atomically."""

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class Ticket(db.Model):
    """A queue ticket: who is in line for what, and where they stand."""

    __table_args__ = (
        UniqueConstraint("service_id", "day", "number"),
        Index("ix_ticket_line", "status", "service_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int]
    category_id: Mapped[int | None] = mapped_column(ForeignKey("priority_category.id"))
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.WAITING)
    lang: Mapped[str] = mapped_column(String(2), default="kk")
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    serving_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    service: Mapped[Service] = relationship(lazy="joined")
    category: Mapped[PriorityCategory | None] = relationship(lazy="joined")
    window: Mapped[Window | None] = relationship()
    events: Mapped[list["TicketEvent"]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id", cascade="all, delete-orphan"
    )

    @property
    def code(self) -> str:
        return format_ticket_number(self.service.letter, self.number)


class TicketEvent(db.Model):
    """One timestamped step in a ticket's life (issue, call, recall, service, ...)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))

    ticket: Mapped[Ticket] = relationship(back_populates="events")
