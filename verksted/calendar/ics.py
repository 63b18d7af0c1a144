"""iCalendar (RFC 5545) text from plain calendar events: the one place that knows the format."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import icalendar

from verksted.clock import OSLO

PRODID = "-//Verksted//Verksted//NO"
# Subscribing clients fetch the feed again this often, so a moved gathering shows up soon.
REFRESH = timedelta(hours=1)


@dataclass(frozen=True)
class CalendarEvent:
    """One event in a calendar: a gathering, and later a document deadline.

    `start` and `end` are aware datetimes, or dates for events that last whole days.
    `created` and `last_modified` are naive UTC, as stored.
    """

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date | None = None
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str | None = None
    created: datetime | None = None
    last_modified: datetime | None = None


def _utc(stored: datetime) -> datetime:
    return stored.replace(microsecond=0, tzinfo=timezone.utc)


def _vevent(event: CalendarEvent) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", event.start)
    if event.end is not None and event.end > event.start:
        vevent.add("dtend", event.end)
    vevent.add("sequence", event.sequence)
    stamp = event.last_modified or event.created
    # The stamp follows the data rather than the clock, so an unchanged feed is byte for byte the same.
    vevent.add("dtstamp", _utc(stamp) if stamp else datetime.now(timezone.utc).replace(microsecond=0))
    if event.created:
        vevent.add("created", _utc(event.created))
    if event.last_modified:
        vevent.add("last-modified", _utc(event.last_modified))
    if event.location:
        vevent.add("location", event.location)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", event.url)
    vevent.add("status", "CONFIRMED")
    return vevent


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def oslo_timezone() -> icalendar.Timezone:
    """Europe/Oslo as a VTIMEZONE by the EU rules, for icalendar versions that cannot derive it."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Oslo")
    for kind, name, first_change, offset_from, offset_to in (
        (icalendar.TimezoneDaylight, "CEST", datetime(1981, 3, 29, 2), timedelta(hours=1), timedelta(hours=2)),
        (icalendar.TimezoneStandard, "CET", datetime(1996, 10, 27, 3), timedelta(hours=2), timedelta(hours=1)),
    ):
        observance = kind()
        observance.add("tzname", name)
        observance.add("dtstart", first_change)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        observance.add("rrule", {"freq": "yearly", "bymonth": first_change.month, "byday": "-1SU"})
        zone.add_component(observance)
    return zone


def _add_timezones(calendar: icalendar.Calendar, events: list[CalendarEvent]) -> None:
    timed = [event for event in events if isinstance(event.start, datetime)]
    if not timed:
        return
    first = date(min(_day(e.start) for e in timed).year - 1, 1, 1)
    last = date(max(_day(e.end or e.start) for e in timed).year + 2, 1, 1)
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones(first_date=first, last_date=last)
    else:
        calendar.subcomponents.insert(0, oslo_timezone())


def calendar(events: Iterable[CalendarEvent], name: str | None = None, subscribed: bool = False) -> bytes:
    """The events as an .ics file (UTF-8). A `subscribed` calendar tells clients to re-fetch it."""
    events = list(events)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(OSLO))
    if subscribed:
        cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    for event in events:
        cal.add_component(_vevent(event))
    _add_timezones(cal, events)
    return cal.to_ical()
