"""The administration home; the entity screens register their routes on the same blueprint."""

from flask import render_template

from kiosk.admin import calendar, priorities, services, users, windows  # noqa: F401 - routes
from kiosk.admin.common import bp
from kiosk.auth import ADMIN_ROLES, roles_required
from kiosk.extensions import db
from kiosk.models import PriorityCategory, Service, User, Window

__all__ = ["bp"]


def count(model) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


@bp.get("/")
@roles_required(*ADMIN_ROLES)
def index():
    """Show what can be set up, with how many of each there are."""
    counts = {name: count(model) for name, model in (
        ("services", Service), ("priorities", PriorityCategory), ("windows", Window),
        ("users", User),
    )}
    return render_template("admin/index.html", counts=counts)
