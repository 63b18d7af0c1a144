"""Secret calendar-feed addresses: one for each network, one for each person."""
from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db
from verksted.networks.models import Network


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(db.Model):
    """A subscribable .ics address. Exactly one of network and user is set.

    The token is kept as it is (not hashed) so its owner can copy the address again;
    renewing it replaces the token and the old address stops working.
    """

    __tablename__ = "calendar_feeds"
    __table_args__ = (
        sa.CheckConstraint("(network_id IS NULL) <> (user_id IS NULL)", name="one_owner"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True, default=new_feed_token)
    network_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), unique=True
    )
    user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    network: so.Mapped[Network | None] = so.relationship()
    user: so.Mapped[User | None] = so.relationship()
