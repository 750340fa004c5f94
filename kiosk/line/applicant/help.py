"""The kiosk's "Call staff for help" button: the call reaches the supervisor's screen. A hall
names each kiosk by opening it once at /kiosk?station=<name>; a kiosk not named is known by its
network address."""

import re

from flask import redirect, render_template, request, url_for

from kiosk.forms.buttons import ButtonForm
from kiosk.line.applicant import bp
from kiosk.line.help_calls import SCREENS, call_for_help
from kiosk.web.clock import now
from kiosk.web.extensions import db

STATION = "kiosk_station"  # the cookie that names this kiosk
STATION_NAME = re.compile(r"[\w-]{1,20}")


def remember_station(response):
    """Name this kiosk for good, if its start screen was opened with ?station=."""
    name = request.args.get("station", "")
    if STATION_NAME.fullmatch(name):
        response.set_cookie(STATION, name, max_age=10 * 365 * 86400, samesite="Lax",
                            httponly=True)
    return response


def station() -> str:
    name = request.cookies.get(STATION, "")
    return name if STATION_NAME.fullmatch(name) else (request.remote_addr or "?")


@bp.post("/kiosk/help")
def call_help():
    """Call a member of staff to this kiosk (once while the call is open)."""
    if not ButtonForm().validate_on_submit():
        return render_template("applicant/_help.html", called=False), 400
    screen = request.form.get("screen", "")
    call_for_help(station(), screen if screen in SCREENS else "kiosk", now())
    db.session.commit()
    if request.headers.get("HX-Request"):
        return render_template("applicant/_help.html", called=True)
    return redirect(url_for(".start"), 303)
