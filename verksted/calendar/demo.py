"""Demo calendar addresses: the network's was renewed once, after a team withdrew."""
from __future__ import annotations

from datetime import datetime

from verksted.accounts.models import User
from verksted.calendar.models import CalendarFeed, new_feed_token
from verksted.extensions import db
from verksted.networks.models import Network


def seed(network: Network, leader: User) -> None:
    db.session.add_all([
        # Renewed the day after Håkøy withdrew, so the old address no longer reaches its team.
        CalendarFeed(network=network, token=new_feed_token(), created_at=datetime(2026, 3, 17, 8, 15)),
        CalendarFeed(user=leader, token=new_feed_token(), created_at=datetime(2025, 8, 25, 11, 40)),
    ])
