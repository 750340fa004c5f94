"""Staff sign-in, sign-out and the staff home."""

from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from kiosk.accounts.access import LANDING
from kiosk.accounts.auth import LAST_ACTION, guard_staff_request, mark_action, never_store
from kiosk.accounts.models import Role, User
from kiosk.casework.home_visits.register import visits_today
from kiosk.forms.buttons import ButtonForm
from kiosk.line.windows import release_windows, take_window_by_number, window_choices
from kiosk.staff import bp
from kiosk.staff.forms import LoginForm
from kiosk.web.clock import now
from kiosk.web.extensions import db, limiter
from kiosk.web.refusals import withdraw
from queue_mgr.errors import DomainError

# The staff area: every staff screen's blueprint is nested in this one (kiosk.app), so its guard
# (sign-in, idle sign-out, the access table's roles) and its no-store cover them all.
bp.before_request(guard_staff_request)
bp.after_request(never_store)


def login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def safe_next(target: str | None) -> str | None:
    """Follow ``next`` only within this site."""
    if not target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else None


def home_for(user: User) -> str:
    """Where a member of staff lands after signing in."""
    return url_for(LANDING.get(user.role, "staff.home"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
def login():
    """Sign in with a login and password; an operator takes a window at the same time."""
    form = LoginForm()
    form.window.choices = window_choices()
    if not form.validate_on_submit():
        return render_template("staff/login.html", form=form), 400 if form.is_submitted() else 200
    user = db.session.execute(
        db.select(User).filter_by(username=form.username.data.strip())
    ).scalar_one_or_none()
    if user is None or not user.active or not user.check_password(form.password.data):
        form.password.errors.append(_("The login or password is wrong."))
        return render_template("staff/login.html", form=form), 401
    away = user.role == Role.OPERATOR and not form.window.data
    if away and not visits_today(user, now()):  # a day of home visits needs no window
        form.window.errors.append(_("Choose the window you work at."))
        return render_template("staff/login.html", form=form), 400
    if form.window.data:
        try:
            take_window_by_number(form.window.data, user, now())
        except DomainError as refusal:
            form.window.errors.append(withdraw(refusal))
            return render_template("staff/login.html", form=form), 409
    db.session.commit()
    login_user(user)
    mark_action()
    landing = url_for("staff.visits.index") if away else home_for(user)
    return redirect(safe_next(request.args.get("next")) or landing)


@bp.post("/logout")
def logout():
    """Sign out and let go of the window."""
    if ButtonForm().validate_on_submit():
        release_windows(current_user)
        current_user.end_sessions()
        db.session.commit()
        logout_user()
        session.pop(LAST_ACTION, None)
        flash(_("You have signed out."))
    return redirect(url_for("staff.login"))


@bp.get("/")
def home():
    """Show the staff screens this member of staff may open."""
    return render_template("staff/home.html")
