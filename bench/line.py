"""Set up "call next" in the scratch hall: 20 windows, their operators, a long line of tickets.

Run as ``python -m bench.line N`` in the hall's environment (it builds the app from it).
"""

import secrets
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.dialects.sqlite import insert as upsert

from bench.windows import FIRST_WINDOW, LOGIN_PREFIX, PASSWORD, SERVICE, WINDOWS
from kiosk import create_app
from kiosk.accounts.models import Role, User
from kiosk.hall.models import Service
from kiosk.hall.settings import hall_zone
from kiosk.line.models import Ticket, TicketCounter, TicketEvent, Window
from kiosk.web.extensions import db
from queue_mgr import TicketStatus, local_day


def add_windows(service: Service) -> None:
    """Windows 101..120 for the service, and an operator account for each."""
    for number in range(FIRST_WINDOW, FIRST_WINDOW + WINDOWS):
        user = User(username=f"{LOGIN_PREFIX}{number}", role=Role.OPERATOR,
                    full_name=f"Bench operator {number}")
        user.set_password(PASSWORD)
        db.session.add_all([user, Window(number=number, services=[service])])


def add_line(service: Service, line: int) -> None:
    """Issue ``line`` tickets now, as the kiosks would, in one transaction of bulk inserts.

    (``take_ticket`` one by one costs ~1 ms a ticket.) The counter moves by ``line`` at once,
    and each ticket gets the next number, its "issue" event and a moment of issue a microsecond
    after the one before (the calling order breaks ties of time by ticket id as a string).
    """
    now = datetime.now(UTC)
    day = local_day(now, hall_zone())
    last = db.session.execute(
        upsert(TicketCounter).values(service_id=service.id, day=day, value=line)
        .on_conflict_do_update(index_elements=[TicketCounter.service_id, TicketCounter.day],
                               set_={"value": TicketCounter.value + line})
        .returning(TicketCounter.value)
    ).scalar_one()
    issued = [(number, now - timedelta(microseconds=last - number))
              for number in range(last - line + 1, last + 1)]
    ids = db.session.execute(insert(Ticket).returning(Ticket.id, sort_by_parameter_order=True), [
        {"token": secrets.token_urlsafe(16), "service_id": service.id,
         "issued_service_id": service.id, "letter": service.letter, "day": day,
         "number": number, "status": TicketStatus.WAITING, "lang": "kk", "recalls": 0,
         "idempotency_key": f"bench-line-{number}", "issued_at": moment,
         "waiting_since": moment}
        for number, moment in issued
    ]).scalars().all()
    db.session.execute(insert(TicketEvent), [
        {"ticket_id": ticket_id, "at": moment, "action": "issue", "to_status": TicketStatus.WAITING}
        for ticket_id, (_, moment) in zip(ids, issued, strict=True)
    ])


def main(line: int) -> None:
    with create_app().app_context():
        service = db.session.execute(db.select(Service).filter_by(code=SERVICE)).scalar_one()
        add_windows(service)
        add_line(service, line)
        db.session.commit()


if __name__ == "__main__":
    main(int(sys.argv[1]))
