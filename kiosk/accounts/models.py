"""Staff accounts and their roles."""


from flask import current_app
from flask_login import UserMixin
from sqlalchemy import (
    String,
)
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.web.extensions import db


class Role:
    OPERATOR = "operator"
    PROVIDER = "provider"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    ALL = (OPERATOR, PROVIDER, SUPERVISOR, ADMIN)


class User(UserMixin, db.Model):
    """A member of staff who signs in to the staff screens."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(default=True)
    # Part of every session's user id: raising it (sign-out, a new password) ends them all.
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """The session's user id, bound to the session version."""
        return f"{self.id}.{self.session_version or 0}"

    def end_sessions(self) -> None:
        """End every session signed in as this user, on every device."""
        self.session_version = User.session_version + 1

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)
        if self.id is not None:
            self.end_sessions()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)
