"""Signing in, passwords and password resets."""
from __future__ import annotations

import math
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _

from verksted import mail
from verksted.accounts.models import LOCALES, LoginFailure, PasswordReset, User
from verksted.accounts.tokens import hash_token, new_token
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def minutes_blocked(email: str, remote_addr: str = "") -> int:
    """Minutes until sign-in opens again for this address (or this machine), 0 when open."""
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_LOCK_MINUTES"])
    waits = [
        _wait(LoginFailure.email == normalise_email(email), config["LOGIN_MAX_FAILURES"], window),
        # One machine guessing at many addresses is slowed down too.
        _wait(LoginFailure.remote_addr == remote_addr, config["LOGIN_MAX_FAILURES"] * 6, window) if remote_addr else 0,
    ]
    return max(waits)


def _wait(condition, limit: int, window: timedelta) -> int:
    recent = db.session.scalars(
        sa.select(LoginFailure.created_at)
        .where(condition, LoginFailure.created_at > utcnow() - window)
        .order_by(LoginFailure.created_at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return 0
    opens_at = recent[-1] + window
    return max(1, math.ceil((opens_at - utcnow()).total_seconds() / 60))


def authenticate(email: str, password: str, remote_addr: str = "") -> User:
    """The user with these credentials; refuses while too many recent attempts failed."""
    email = normalise_email(email)
    remote_addr = (remote_addr or "")[:64]
    blocked = minutes_blocked(email, remote_addr)
    if blocked:
        raise Refused(
            _(
                "For mange mislykkede forsøk. Av sikkerhetshensyn er innlogging for denne adressen "
                "stengt i %(minutes)s minutter. Du kan også be om nytt passord.",
                minutes=blocked,
            )
        )
    user = user_by_email(email)
    if user is None or not user.check_password(password):
        db.session.execute(sa.delete(LoginFailure).where(LoginFailure.created_at < utcnow() - timedelta(days=1)))
        db.session.add(LoginFailure(email=email[:254], remote_addr=remote_addr))
        raise Refused(_("Feil e-postadresse eller passord."))
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.email == email))
    user.last_login_at = utcnow()
    return user


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the address belongs to someone; says nothing either way."""
    user = user_by_email(email)
    if user is None:
        return
    token, token_hash = new_token()
    hours = current_app.config["PASSWORD_RESET_VALID_HOURS"]
    db.session.add(
        PasswordReset(user=user, token_hash=token_hash, expires_at=utcnow() + timedelta(hours=hours))
    )
    link = current_app.config["VERKSTED_BASE_URL"] + url_for("accounts.reset_password", token=token)
    mail.send_after_commit(
        mail.compose(
            user.email, _("Nytt passord i Verksted"), "password_reset", to_name=user.name,
            user=user, link=link, hours=hours,
        )
    )


def password_reset_for(token: str) -> PasswordReset:
    reset = db.session.scalar(sa.select(PasswordReset).where(PasswordReset.token_hash == hash_token(token)))
    if reset is None:
        raise Refused(_("Lenken for nytt passord er ugyldig. Be om en ny lenke."))
    if reset.used_at is not None:
        raise Refused(_("Lenken for nytt passord er allerede brukt. Be om en ny lenke om du trenger det."))
    if reset.expires_at <= utcnow():
        raise Refused(_("Lenken for nytt passord er utløpt. Be om en ny lenke."))
    return reset


def reset_password(reset: PasswordReset, password: str) -> User:
    reset.user.set_password(password)
    reset.used_at = utcnow()
    # Any other open links for the same person stop working too.
    db.session.execute(
        sa.update(PasswordReset)
        .where(PasswordReset.user_id == reset.user_id, PasswordReset.used_at.is_(None))
        .values(used_at=utcnow())
    )
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.email == reset.user.email))
    return reset.user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise Refused(_("Nåværende passord er feil."), field="current_password")
    user.set_password(new)


def set_locale(user: User, locale: str) -> None:
    if locale not in LOCALES:
        raise Refused(_("Ukjent språk."))
    user.locale = locale


def create_user(email: str, name: str, password: str | None = None, is_admin: bool = False) -> User:
    email = normalise_email(email)
    if user_by_email(email) is not None:
        raise Refused(_("Det finnes allerede en bruker med e-postadressen %(email)s.", email=email), field="email")
    user = User(email=email, name=name.strip(), is_admin=is_admin)
    if password:
        user.set_password(password)
    db.session.add(user)
    return user
