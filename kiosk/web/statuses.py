"""The one conditional status change: tickets, applications and certificates all move this way,
so of two windows, officers or taps moving the same row at once exactly one succeeds."""

from sqlalchemy import update

from kiosk.web.extensions import db
from queue_mgr.errors import DomainError


def change_status(model, row_id: int, current: str, new: str, stale: str, **values) -> None:
    """``UPDATE model SET status = new, values... WHERE id = row_id AND status = current``;
    when no row changed (someone moved it first), raise ``DomainError(stale)``.

    The ORM's copy of the row is left as it was: the caller expires or refreshes it.
    """
    changed = db.session.execute(
        update(model).where(model.id == row_id, model.status == current)
        .values(status=new, **values).execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise DomainError(stale)
