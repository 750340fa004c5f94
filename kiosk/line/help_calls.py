"""The kiosk's "Call staff for help": a call shows on the supervisor's screen until a member of
staff goes. Taps from the same kiosk while its call is open make no second call."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from kiosk.accounts.models import User
from kiosk.line.models import HelpCall
from kiosk.web.extensions import db

MAX_OPEN = 50  # the supervisor's list: the oldest open calls first
# The screens a call may come from, as the supervisor reads them.
SCREENS = {
    "applicant.start": _l("start screen"), "applicant.services": _l("services"),
    "applicant.priority": _l("priority groups"), "applicant.booking": _l("booking code"),
    "applicant.kiosk_ticket": _l("ticket"), "requests.application": _l("application"),
    "requests.application_sent": _l("application sent"),
}


def call_for_help(kiosk: str, screen: str, now: datetime) -> HelpCall:
    """The kiosk's open call for help, or a new one."""
    open_call = db.session.execute(
        select(HelpCall).where(HelpCall.kiosk == kiosk, HelpCall.answered_at.is_(None))
        .limit(1)).scalar_one_or_none()
    if open_call is not None:
        return open_call
    made = HelpCall(kiosk=kiosk[:40], screen=screen[:40], asked_at=now)
    db.session.add(made)
    return made


def open_calls() -> list[HelpCall]:
    return list(db.session.execute(
        select(HelpCall).where(HelpCall.answered_at.is_(None)).order_by(HelpCall.asked_at)
        .limit(MAX_OPEN)).scalars())


def answer_call(call_id: int, user: User, now: datetime) -> bool:
    """Mark the call answered once (a second tap changes nothing); whether it was open."""
    return db.session.execute(
        update(HelpCall).where(HelpCall.id == call_id, HelpCall.answered_at.is_(None))
        .values(answered_at=now, answered_by=user.id)).rowcount == 1
