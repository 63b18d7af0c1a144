"""Personal access tokens: made, listed and revoked by their owner, and checked on every API call.

A token is 256 random bits after «vt_», so guessing one is hopeless and failed attempts need no
throttle; only its SHA-256 is stored, and the secret is shown once, when it is made.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.accounts.models import User
from verksted.accounts.tokens import hash_token
from verksted.api.models import ApiToken
from verksted.clock import OSLO, utcnow
from verksted.errors import Refused
from verksted.extensions import db

PREFIX = "vt_"
NAME_MAX = 120
LAST_USED_EVERY = timedelta(minutes=1)  # a busy script does not write a row on every call


def create(user: User, name: str, can_write: bool = False, expires_on: date | None = None,
           today: date | None = None) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret, which is never stored and cannot be shown again.
    It stops working at the end of `expires_on` (Norwegian time)."""
    name = (name or "").strip()
    if not name:
        raise Refused(_("Gi nøkkelen et navn, så du vet hva den brukes til."), field="name")
    if len(name) > NAME_MAX:
        raise Refused(_("Navnet kan være høyst %(max)d tegn.", max=NAME_MAX), field="name")
    if expires_on is not None and expires_on < (today or datetime.now(OSLO).date()):
        raise Refused(_("Utløpsdatoen har allerede passert. Velg en dato fram i tid."), field="expires_on")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:8],
                     can_write=bool(can_write), expires_at=_end_of(expires_on))
    db.session.add(token)
    return token, secret


def _end_of(day: date | None) -> datetime | None:
    """The last moment of `day` in Oslo, as naive UTC like every stored time."""
    if day is None:
        return None
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=OSLO)
    return end.astimezone(timezone.utc).replace(tzinfo=None)


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens that are not revoked, newest first."""
    return db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def revoke(user: User, token_id: int) -> ApiToken:
    """Stop the user's own token at once; another user's token is as if it did not exist."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.revoked_at is not None:
        raise Refused(_("Fant ikke nøkkelen. Den kan allerede være trukket tilbake."))
    token.revoked_at = utcnow()
    return token


def authenticate(header: str | None) -> ApiToken | None:
    """The usable token named by an «Authorization: Bearer vt_…» header, or None.
    Records when it was last used (at most once a minute)."""
    scheme, _sep, secret = (header or "").strip().partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    now = utcnow()
    if token is None or not token.is_usable(now) or token.user is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        token.last_used_at = now
    return token
