from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from verksted.clock import utcnow
from verksted.extensions import db
from verksted.i18n import LOCALES  # noqa: F401  (re-exported)




class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), unique=True, index=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    password_hash: so.Mapped[str | None] = so.mapped_column(sa.String(255))
    is_admin: so.Mapped[bool] = so.mapped_column(default=False)
    locale: so.Mapped[str] = so.mapped_column(sa.String(5), default="nb")
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    last_login_at: so.Mapped[datetime | None]
    # Changing it signs out every other session of this person.
    session_token: so.Mapped[str] = so.mapped_column(sa.String(32), default=lambda: secrets.token_hex(16))

    memberships: so.Mapped[list["Membership"]] = so.relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )

    def set_password(self, password: str) -> None:
        # Werkzeug's default is scrypt, a memory-hard modern algorithm.
        self.password_hash = generate_password_hash(password)
        self.session_token = _new_session_token()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


def _new_session_token() -> str:
    return secrets.token_hex(16)


class PasswordReset(db.Model):
    __tablename__ = "password_resets"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    expires_at: so.Mapped[datetime]
    used_at: so.Mapped[datetime | None]

    user: so.Mapped[User] = so.relationship()


class LoginFailure(db.Model):
    """One failed sign-in; recent ones for an address slow further attempts down."""

    __tablename__ = "login_failures"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254), index=True)
    remote_addr: so.Mapped[str] = so.mapped_column(sa.String(64), default="", index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, index=True)
