"""Booked appointments (``queue_mgr.line.bookings``): the free slots of a day, booking a seat,
cancelling it, and the check-in at the kiosk that turns a booking into a ticket.

A booking takes a seat of a window serving its service in its slot; the seats are a unique
constraint, so two clerks (or the portal and a clerk) booking the last seat at once cannot both
get it. A check-in claims the booking with a conditional update in the same transaction as the
ticket it issues: one code, one ticket.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from kiosk.hall.catalogue import Entry, catalogue
from kiosk.hall.models import Service
from kiosk.hall.settings import hall_hours, hall_zone
from kiosk.hall.workdays import working_calendar
from kiosk.line.models import Booking, Window, window_services
from kiosk.line.tickets import take_ticket
from kiosk.web.extensions import db
from kiosk.web.statuses import change_status
from queue_mgr import DomainError, local_day
from queue_mgr.line.bookings import (
    Arrival,
    BookingStatus,
    CheckInRules,
    arrival,
    new_code,
    slot_starts,
)


def slot_minutes() -> int:
    return current_app.config["BOOKING_SLOT_MINUTES"]


def check_in_rules() -> CheckInRules:
    config = current_app.config
    return CheckInRules(timedelta(minutes=config["BOOKING_EARLY_MINUTES"]),
                        timedelta(minutes=config["BOOKING_LATE_MINUTES"]))


def last_bookable_day(now: datetime) -> date:
    return local_day(now, hall_zone()) + timedelta(days=current_app.config["BOOKING_DAYS_AHEAD"])


def windows_for(service_id: int) -> list[int]:
    """The windows serving the service, in number order."""
    return list(db.session.execute(
        select(Window.id).join(window_services, window_services.c.window_id == Window.id)
        .where(window_services.c.service_id == service_id).order_by(Window.number)).scalars())


@dataclass(frozen=True)
class Slot:
    """A slot of a day: when it starts, how many seats it has for the service, how many free."""

    starts: datetime
    seats: int
    free: int


def hall_slots(day: date) -> list[datetime]:
    """The day's slots by the hall's hours and working-day calendar (none on a day off)."""
    return slot_starts(day, hall_hours(), slot_minutes(), working_calendar())


def day_slots(service_id: int, day: date, now: datetime) -> list[Slot]:
    """The slots of ``day`` still ahead of ``now``, with their seats for the service."""
    windows = windows_for(service_id)
    seats = len(windows) * current_app.config["BOOKING_SEATS"]
    starts = [s for s in hall_slots(day) if s > now]
    if not starts or not windows:
        return [Slot(start, seats, 0) for start in starts]
    taken = dict(db.session.execute(
        select(Booking.slot_at, func.count()).where(
            Booking.day == day, Booking.window_id.in_(windows)).group_by(Booking.slot_at)).all())
    return [Slot(start, seats, max(seats - taken.get(start, 0), 0)) for start in starts]


def book(service: Service | Entry, slot_at: datetime, now: datetime, source: str,
         user=None, request_id: str | None = None) -> Booking:
    """Book a seat in a slot: the first free seat of the first window serving the service.
    Refuses ``booking_not_a_slot`` or ``booking_full``. The caller commits."""
    day = local_day(slot_at, hall_zone())
    if slot_at not in hall_slots(day) or slot_at <= now \
            or day > last_bookable_day(now):
        raise DomainError("booking_not_a_slot")
    for window_id in windows_for(service.id):
        for seat in range(1, current_app.config["BOOKING_SEATS"] + 1):
            booking = Booking(code=new_code(), service_id=service.id, day=day, slot_at=slot_at,
                              window_id=window_id, seat=seat, status=BookingStatus.BOOKED,
                              source=source, request_id=request_id, created_at=now,
                              created_by=user.id if user else None)
            if seated(booking):
                return booking
    raise DomainError("booking_full")


def seated(booking: Booking) -> bool:
    """Insert the booking if its seat is free (a savepoint: a taken seat leaves the
    transaction as it was). A code already in use is drawn again."""
    for _ in range(5):
        try:
            with db.session.begin_nested():
                db.session.add(booking)
            return True
        except IntegrityError:
            if not code_in_use(booking.code):
                return False
            booking.code = new_code()
    raise DomainError("booking_full")


def code_in_use(code: str) -> bool:
    return db.session.execute(select(Booking.id).filter_by(code=code)).first() is not None


def booking_by_code(code: str) -> Booking | None:
    return db.session.execute(select(Booking).filter_by(code=code)).scalar_one_or_none()


def booking_by_request(request_id: str) -> Booking | None:
    return db.session.execute(
        select(Booking).filter_by(request_id=request_id)).scalar_one_or_none()


def day_bookings(day: date) -> list[Booking]:
    """The day's bookings in time order, with the tickets they made (one query for all)."""
    return list(db.session.execute(
        select(Booking).options(selectinload(Booking.ticket)).where(Booking.day == day)
        .order_by(Booking.slot_at, Booking.id)).scalars())


def cancel(booking: Booking) -> None:
    """Cancel a booking not used yet, freeing its seat. The caller commits."""
    change_status(Booking, booking.id, BookingStatus.BOOKED, BookingStatus.CANCELLED,
                  "booking_not_cancellable", window_id=None, seat=None)
    db.session.expire(booking)


@dataclass(frozen=True)
class CheckedIn:
    """The ticket a check-in took, and whether it came too late to be a booked one."""

    token: str
    late: bool
    slot: datetime  # the booking's


def check_in(code: str, service: Entry, idempotency_key: str, lang: str,
             now: datetime) -> CheckedIn:
    """Take the ticket a booking's code gives at the kiosk, once: a booked ticket within the
    check-in window, an ordinary one after it. Refuses (``DomainError``, with the booking in its
    details): ``booking_unknown``, ``_used``, ``_cancelled``, ``_other_service``, ``_other_day``,
    ``_early``."""
    booking = booking_by_code(code)
    if booking is None:
        raise DomainError("booking_unknown")
    if booking.ticket is not None and booking.ticket.idempotency_key == idempotency_key:
        return CheckedIn(booking.ticket.token, booking.status == BookingStatus.LATE,
                         booking.slot_at)  # the same screen sent again
    if booking.status != BookingStatus.BOOKED:
        reason = "cancelled" if booking.status == BookingStatus.CANCELLED else "used"
        raise DomainError(f"booking_{reason}", booking=booking)
    if booking.service_id != service.id:
        raise DomainError("booking_other_service", booking=booking)
    when = arrival(booking.slot_at.astimezone(hall_zone()), now, check_in_rules())
    if when in (Arrival.OTHER_DAY, Arrival.EARLY):
        raise DomainError(f"booking_{when}", booking=booking)
    late = when == Arrival.LATE
    status = BookingStatus.LATE if late else BookingStatus.CHECKED_IN
    token = take_ticket(service, None if late else booked_group(), idempotency_key, lang, now,
                        claim=(booking.id, status))
    return CheckedIn(token, late, booking.slot_at)


def booked_group() -> Entry:
    group = next((c for c in catalogue().categories if c.booked), None)
    if group is None:
        raise DomainError("booking_no_booked_group")
    return group
