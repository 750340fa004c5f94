"""Staff sign-in: Flask-Login, roles, and sign-out after inactivity."""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from flask import Flask, abort, current_app, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from kiosk.accounts.models import Role, User
from kiosk.web.clock import now
from kiosk.web.extensions import db, login_manager

LAST_ACTION = "last_action"
# Who may open which staff area.
WINDOW_ROLES = (Role.OPERATOR, Role.SUPERVISOR)
SUPERVISOR_ROLES = (Role.SUPERVISOR, Role.ADMIN)
ADMIN_ROLES = (Role.ADMIN,)
BOOKING_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN)  # a caller's booking, at the hall


def init_auth(app: Flask) -> None:
    # Templates get the lazy proxy: a page that never shows the user never loads one (nor runs
    # the session protection, which would rewrite every kiosk screen's session).
    login_manager.init_app(app, add_context_processor=False)
    app.context_processor(lambda: {"current_user": current_user})
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


def roles_required(*roles: str, passive: bool = False) -> Callable:
    """Let a signed-in member of staff with one of ``roles`` through.

    ``passive`` views (screens refreshing themselves) do not count as activity, so a screen left
    open still signs out after the idle time.
    """

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if idle_too_long():
                logout_user()
                session.pop(LAST_ACTION, None)
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            if not passive:
                mark_action()
            return view(*args, **kwargs)

        guarded.required_roles = roles
        return guarded

    return decorate
