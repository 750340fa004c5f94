"""Staff sign-in: Flask-Login, the guard of every staff request (the access table's roles),
and sign-out after inactivity."""

from datetime import timedelta

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from kiosk.accounts.access import PUBLIC, current_area, is_passive, may, menu, required_roles
from kiosk.accounts.models import User
from kiosk.web.clock import now
from kiosk.web.extensions import db, login_manager

LAST_ACTION = "last_action"


def init_auth(app: Flask) -> None:
    # Templates get the lazy proxy: a page that never shows the user never loads one (nor runs
    # the session protection, which would rewrite every kiosk screen's session).
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user, "may": may,
                                   "staff_menu": menu, "staff_area": current_area})
    login_manager.login_view = "staff.login"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Load the signed-in user, unless they signed out or changed password since."""
    user_id = session_id.partition(".")[0]
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.get_id() == session_id else None


@login_manager.unauthorized_handler
def to_login():
    """Send a screen without a session to sign in; an htmx request redirects the whole page."""
    target = url_for("staff.login", next=request.full_path if request.method == "GET" else None)
    if request.headers.get("HX-Request"):
        return "", 401, {"HX-Redirect": target}
    return redirect(target)


def mark_action() -> None:
    session[LAST_ACTION] = now().timestamp()


def idle_too_long() -> bool:
    last = session.get(LAST_ACTION)
    limit = timedelta(minutes=current_app.config["STAFF_IDLE_MINUTES"]).total_seconds()
    return last is None or now().timestamp() - last > limit


def guard_staff_request():
    """Let a request into the staff area only from a signed-in member of staff, active within
    the idle time, whose role the access table lets open the screen (``before_request`` of the
    staff blueprint, so every nested area is guarded here and nowhere else)."""
    endpoint = request.endpoint or ""
    if endpoint in PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if idle_too_long():
        logout_user()
        session.pop(LAST_ACTION, None)
        return login_manager.unauthorized()
    if current_user.role not in required_roles(endpoint):
        abort(403)
    if not is_passive(endpoint):
        mark_action()
    return None


def never_store(response):
    """Staff screens name applicants and staff: no cache keeps them (a live fragment that
    revalidates says so itself)."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response
