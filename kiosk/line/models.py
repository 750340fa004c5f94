"""The line's tables: windows, tickets and their events, bookings, the days' figures."""

from datetime import date, datetime, timedelta

from sqlalchemy import (
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.accounts.models import User
from kiosk.hall.models import PriorityCategory, Service
from kiosk.web.columns import UtcDateTime
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, format_ticket_number
from queue_mgr.line.clocks import Clocks

window_services = Table(
    "window_service",
    db.metadata,
    Column("window_id", ForeignKey("window.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
)


class Window(db.Model):
    """A numbered window of the hall, the services it serves and the operator holding it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    paused: Mapped[bool] = mapped_column(default=False)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), unique=True)
    operator_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    services: Mapped[list[Service]] = relationship(secondary=window_services)
    operator: Mapped[User | None] = relationship()


class TicketCounter(db.Model):
    """The last number given for a service on a local day; incremented atomically."""

    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    value: Mapped[int] = mapped_column(default=0)


class LineDay(db.Model):
    """A hall day's longest wait at a call so far (queue_mgr.line.ordering: the calling order's
    ceiling follows it)."""

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    longest_wait_seconds: Mapped[float] = mapped_column(Float, default=0.0)


CURRENT_AT_WINDOW = "status IN ('called', 'serving')"


SERVED = "status = 'served'"


ABSENT = "status = 'no_show'"


class Ticket(db.Model):
    """A queue ticket: who is in line for what, and where they stand."""

    __table_args__ = (
        UniqueConstraint("issued_service_id", "day", "number"),
        # The lines, each in order of waiting (``waiting_since``: see queue_mgr.line.clocks).
        Index("ix_ticket_line", "status", "service_id", "day", "waiting_since"),
        Index("ix_ticket_priority", "status", "service_id", "day", "category_id",
              "waiting_since"),
        Index("ix_ticket_sent", "status", "target_window_id", "day", "waiting_since"),
        # A day's tickets in the order they were issued (the supervisor's figures, a number
        # looked up, where the day's steps begin) ...
        Index("ix_ticket_day", "day", "id"),
        # ... and a line's latest services, newest first (the wait estimate): served tickets
        # only, so issuing and moving a ticket never touch it.
        Index("ix_ticket_served", "service_id", "finished_at",
              sqlite_where=text(SERVED), postgresql_where=text(SERVED)),
        # A window's applicants marked absent lately, whom it may still put back in line.
        Index("ix_ticket_absent", "window_id", "finished_at",
              sqlite_where=text(ABSENT), postgresql_where=text(ABSENT)),
        # A window has one applicant at a time: of two calls racing at one window, one fails.
        Index("uq_ticket_window_current", "window_id", unique=True,
              sqlite_where=text(CURRENT_AT_WINDOW), postgresql_where=text(CURRENT_AT_WINDOW)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)
    # The service whose line the ticket is in now (a transfer changes it) ...
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    # ... and the one it was issued for, which numbered it: the printed number never changes.
    issued_service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    letter: Mapped[str] = mapped_column(String(1))
    day: Mapped[date] = mapped_column(Date)
    number: Mapped[int]
    # Set when a ticket is transferred to one window: only that window calls it.
    target_window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    recalls: Mapped[int] = mapped_column(default=0)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("priority_category.id"))
    status: Mapped[str] = mapped_column(String(16), default=TicketStatus.WAITING)
    lang: Mapped[str] = mapped_column(String(2), default="kk")
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    serving_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The two legal clocks (queue_mgr.line.clocks): the waiting clock's origin, and the service
    # segments before the current one, in seconds.
    waiting_since: Mapped[datetime] = mapped_column(UtcDateTime)
    served_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    # When the staffing advice first named the ticket as about to pass the waiting limit.
    forecast_late_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    service: Mapped[Service] = relationship(lazy="joined", foreign_keys=[service_id])
    category: Mapped[PriorityCategory | None] = relationship(lazy="joined")
    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])
    target_window: Mapped[Window | None] = relationship(foreign_keys=[target_window_id])
    events: Mapped[list["TicketEvent"]] = relationship(
        back_populates="ticket", order_by="TicketEvent.id", cascade="all, delete-orphan"
    )

    @property
    def code(self) -> str:
        return format_ticket_number(self.letter, self.number)

    @property
    def clocks(self) -> Clocks:
        return Clocks(self.status, self.waiting_since, self.serving_at,
                      timedelta(seconds=self.served_seconds or 0), self.finished_at)


class TicketEvent(db.Model):
    """One timestamped step in a ticket's life (issue, call, recall, service, ...)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # Free text of a step (none is written now; older steps may keep one).
    note: Mapped[str | None] = mapped_column(String(200))
    # Where a transfer sent the applicant: another service's line, or one window.
    to_service_id: Mapped[int | None] = mapped_column(ForeignKey("service.id"))
    to_window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id"))

    ticket: Mapped[Ticket] = relationship(back_populates="events")
    window: Mapped[Window | None] = relationship(foreign_keys=[window_id])
    user: Mapped[User | None] = relationship()
    to_service: Mapped[Service | None] = relationship()
    to_window: Mapped[Window | None] = relationship(foreign_keys=[to_window_id])


class DayFigure(db.Model):
    """The figures of a past day (or month) for one key of one family (queue_mgr.line.reports): the
    day's whole, an hour, a window, a service or a priority group. Kept once the day (the
    month) is over, so that a report over months reads these rows and never the tickets."""

    __table_args__ = (UniqueConstraint("span", "day", "family", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    span: Mapped[str] = mapped_column(String(5))  # "day", or "month" (``day``: its first)
    day: Mapped[date] = mapped_column(Date)
    family: Mapped[str] = mapped_column(String(8))
    key: Mapped[int]
    tickets: Mapped[int] = mapped_column(default=0)
    served: Mapped[int] = mapped_column(default=0)
    no_shows: Mapped[int] = mapped_column(default=0)
    closed_unserved: Mapped[int] = mapped_column(default=0)
    transfers: Mapped[int] = mapped_column(default=0)
    reached: Mapped[int] = mapped_column(default=0)
    reached_within: Mapped[int] = mapped_column(default=0)
    waits_past: Mapped[int] = mapped_column(default=0)
    serviced: Mapped[int] = mapped_column(default=0)
    serviced_within: Mapped[int] = mapped_column(default=0)
    forecast: Mapped[int] = mapped_column(default=0)
    forecast_happened: Mapped[int] = mapped_column(default=0)
    # The waits and services as spreads: counts of half-minute steps, and the longest.
    wait_steps: Mapped[str] = mapped_column(Text, default="")
    wait_longest: Mapped[float] = mapped_column(Float, default=0.0)
    service_steps: Mapped[str] = mapped_column(Text, default="")
    service_longest: Mapped[float] = mapped_column(Float, default=0.0)


class Booking(db.Model):
    """A booked appointment (queue_mgr.line.bookings): a service, a day and a slot, and the seat it
    holds at a window serving the service; checked in at the kiosk with its code."""

    __table_args__ = (
        # A window's seats in a slot are taken once: bookings never exceed its capacity.
        UniqueConstraint("window_id", "slot_at", "seat"),
        Index("ix_booking_day", "day", "slot_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id"))
    day: Mapped[date] = mapped_column(Date)
    slot_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # None once cancelled (its seat is free again), or when the window is removed.
    window_id: Mapped[int | None] = mapped_column(ForeignKey("window.id", ondelete="SET NULL"))
    seat: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(12), default="booked")
    source: Mapped[str] = mapped_column(String(8))  # "staff", or "portal"
    request_id: Mapped[str | None] = mapped_column(String(64), unique=True)  # the portal's
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    checked_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id", ondelete="SET NULL"))

    service: Mapped[Service] = relationship(lazy="joined")
    ticket: Mapped[Ticket | None] = relationship()


class HelpCall(db.Model):
    """A tap on the kiosk's "Call staff for help": which kiosk, on which screen, when; and when
    a member of staff went. Nothing about the person."""

    __table_args__ = (
        # The supervisor's screen reads the calls still open, however long the hall has kept them.
        Index("ix_help_call_open", "answered_at", "asked_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk: Mapped[str] = mapped_column(String(40))  # the kiosk's station, or its address
    screen: Mapped[str] = mapped_column(String(40))  # e.g. "applicant.services"
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
