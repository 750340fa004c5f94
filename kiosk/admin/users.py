"""Staff accounts: who may sign in, in which role; passwords are set, never shown."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.accounts.models import Role, User
from kiosk.admin import bp
from kiosk.admin.forms import ROLE_NAMES, NewUserForm, PasswordForm, UserForm
from kiosk.admin.saving import copy_fields, form_page, saved
from kiosk.line.models import Window
from kiosk.line.windows import release_windows
from kiosk.web.extensions import db

FIELDS = ("full_name", "role", "active")
UNIQUE = {"username": _l("This login is already taken.")}


def held_windows() -> dict[int, int]:
    """The window number each operator holds, by user id."""
    rows = db.session.execute(
        db.select(Window.operator_id, Window.number).where(Window.operator_id.is_not(None))
    )
    return {operator_id: number for operator_id, number in rows}


def new_account(form: NewUserForm) -> None:
    user = copy_fields(form, User(username=form.username.data), FIELDS)
    user.set_password(form.password.data)
    db.session.add(user)


def keeps_own_admin_rights(user: User, form: UserForm) -> bool:
    """An administrator cannot lock themselves out: no self-demotion, no self-deactivation."""
    if user.id != current_user.id:
        return True
    if form.role.data != Role.ADMIN:
        form.role.errors.append(_l("You cannot take the administrator role from yourself. "
                                   "Ask another administrator."))
    if not form.active.data:
        form.active.errors.append(_l("You cannot deactivate your own account."))
    return not (form.role.errors or form.active.errors)


def update_account(user: User, form: UserForm) -> None:
    copy_fields(form, user, FIELDS)
    if not user.active:
        release_windows(user)  # a deactivated operator's window is free for others


@bp.get("/users")
def users():
    """List the staff accounts with their roles and the windows they hold."""
    rows = db.session.execute(
        db.select(User).order_by(User.active.desc(), User.username)
    ).scalars().all()
    return render_template("admin/users.html", users=rows, windows=held_windows(),
                           role_names=ROLE_NAMES)


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Open an account with a login, a role and a first password."""
    form = NewUserForm()
    if form.validate_on_submit() and saved(form, User, UNIQUE, lambda: new_account(form)):
        flash(_("Account %(username)s created.", username=form.username.data))
        return redirect(url_for("staff.admin.users"))
    return form_page("admin/user_new.html", form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Change a member of staff's name, role, or whether they may sign in."""
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit() and keeps_own_admin_rights(user, form):
        update_account(user, form)
        db.session.commit()
        flash(_("Account %(username)s saved.", username=user.username))
        return redirect(url_for("staff.admin.users"))
    return form_page("admin/user_edit.html", form, user=user)


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
def reset_password(user_id: int):
    """Give an account a new password (to be passed on to its owner in person)."""
    user = db.get_or_404(User, user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        db.session.commit()
        flash(_("A new password is set for %(username)s.", username=user.username))
        return redirect(url_for("staff.admin.users"))
    return form_page("admin/user_password.html", form, user=user)
