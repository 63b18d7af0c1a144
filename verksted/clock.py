"""Time in one place: stored times are naive UTC; people live in Europe/Oslo."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def today() -> date:
    return datetime.now(OSLO).date()
