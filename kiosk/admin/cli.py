"""`flask create-user`: open a staff account from the shell (the first administrator, say)."""

import re

import click
from flask.cli import ScriptInfo, with_appcontext
from sqlalchemy.exc import IntegrityError

from kiosk.accounts.models import Role, User
from kiosk.admin.forms import NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME
from kiosk.web.extensions import db


def check_username(ctx: click.Context, _param, value: str) -> str:
    """A well-formed login nobody has yet (checked before the password is asked for)."""
    value = value.strip()
    if not re.fullmatch(USERNAME, value):
        raise click.BadParameter(
            "use 3 to 64 lowercase Latin letters, digits, dots, dashes or underscores."
        )
    with ctx.ensure_object(ScriptInfo).load_app().app_context():
        if username_taken(value):
            raise click.BadParameter(already_exists(value))
    return value


def already_exists(username: str) -> str:
    return f"a user named {username!r} already exists."


def check_name(_ctx, _param, value: str) -> str:
    value = value.strip()
    if not value or len(value) > NAME_MAX:
        raise click.BadParameter(f"give the full name, up to {NAME_MAX} characters.")
    return value


def check_password(_ctx, _param, value: str) -> str:
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        raise click.BadParameter(
            f"the password takes {PASSWORD_MIN} to {PASSWORD_MAX} characters."
        )
    return value


def username_taken(username: str) -> bool:
    return db.session.execute(db.select(User.id).filter_by(username=username)).first() is not None


@click.command("create-user")
@click.argument("username", callback=check_username)
@click.option("--role", required=True, type=click.Choice(Role.ALL), help="The account's role.")
@click.option("--name", "full_name", required=True, callback=check_name,
              help='The full name, e.g. --name "Айгүл Сейітова".')
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              callback=check_password, help="For scripts; asked twice when left out.")
@with_appcontext
def create_user_command(username: str, role: str, full_name: str, password: str) -> None:
    """Create a staff account that can sign in at /staff/login."""
    user = User(username=username, role=role, full_name=full_name)
    user.set_password(password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # created by someone else a moment ago
        db.session.rollback()
        raise click.ClickException(already_exists(username)) from None
    click.echo(f"Created {role} {username!r} ({full_name}).")
