"""The administrator's screens: services, priority groups, windows and staff accounts."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from kiosk.admin import (  # noqa: E402,F401 - the routes join bp
    calendar,
    priorities,
    services,
    users,
    views,
    windows,
)
