"""The administration home."""

from flask import render_template

from kiosk.accounts.models import User
from kiosk.admin import bp
from kiosk.hall.models import PriorityCategory, Service
from kiosk.line.models import Window
from kiosk.web.extensions import db


def count(model) -> int:
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


@bp.get("/")
def index():
    """Show what can be set up, with how many of each there are."""
    counts = {name: count(model) for name, model in (
        ("services", Service), ("priorities", PriorityCategory), ("windows", Window),
        ("users", User),
    )}
    return render_template("admin/index.html", counts=counts)
