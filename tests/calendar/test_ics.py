"""The iCalendar text itself: time zones, clock changes and what tells clients to re-fetch."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import icalendar

from tests.calendar.conftest import events_in
from verksted.calendar.ics import CalendarEvent, calendar, oslo_timezone
from verksted.clock import OSLO

UTC = timezone.utc


def event_at(uid: str, day: date, hour: int = 9) -> CalendarEvent:
    return CalendarEvent(
        uid=uid, summary="Samling", start=datetime.combine(day, time(hour), tzinfo=OSLO),
        end=datetime.combine(day, time(15), tzinfo=OSLO),
    )


def test_nine_oclock_stays_nine_oclock_in_oslo_on_both_sides_of_the_clock_changes():
    # Summer time began 29 March 2026 and ended 25 October 2026.
    ics = calendar([event_at("var", date(2026, 3, 30)), event_at("host", date(2026, 10, 26))])

    spring, autumn = events_in(ics)

    assert spring.decoded("DTSTART").astimezone(UTC) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert autumn.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Oslo:20260330T090000" in ics
    assert b"DTSTART;TZID=Europe/Oslo:20261026T090000" in ics


def test_the_calendar_carries_its_own_oslo_time_zone_that_gives_the_same_times():
    ics = calendar([event_at("var", date(2026, 3, 30)), event_at("host", date(2026, 10, 26))])

    parsed = icalendar.Calendar.from_ical(ics)
    (zone,) = parsed.walk("VTIMEZONE")
    oslo = zone.to_tz()

    assert zone["TZID"] == "Europe/Oslo"
    assert datetime(2026, 3, 30, 9, tzinfo=oslo).astimezone(UTC).hour == 7
    assert datetime(2026, 10, 26, 9, tzinfo=oslo).astimezone(UTC).hour == 8
    assert datetime(2027, 6, 30, 9, tzinfo=oslo).astimezone(UTC).hour == 7


def test_the_rule_based_oslo_time_zone_follows_the_eu_clock_changes():
    oslo = oslo_timezone().to_tz()

    assert datetime(2026, 3, 28, 9, tzinfo=oslo).astimezone(UTC).hour == 8  # the day before summer time
    assert datetime(2026, 3, 30, 9, tzinfo=oslo).astimezone(UTC).hour == 7
    assert datetime(2026, 10, 24, 9, tzinfo=oslo).astimezone(UTC).hour == 7  # the day before winter time
    assert datetime(2026, 10, 26, 9, tzinfo=oslo).astimezone(UTC).hour == 8


def test_a_subscribed_calendar_tells_outlook_and_google_to_fetch_it_every_hour():
    ics = calendar([], name="Rekruttere og beholde 🌿", subscribed=True)

    parsed = icalendar.Calendar.from_ical(ics)
    assert parsed["PRODID"] == "-//Verksted//Verksted//NO"
    assert parsed["VERSION"] == "2.0"
    assert parsed["X-WR-CALNAME"] == "Rekruttere og beholde 🌿"
    assert parsed["X-WR-TIMEZONE"] == "Europe/Oslo"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in ics
    assert b"X-PUBLISHED-TTL:PT1H" in ics


def test_a_downloaded_event_is_not_a_subscription():
    ics = calendar([event_at("en", date(2026, 3, 30))])

    assert b"REFRESH-INTERVAL" not in ics
    assert b"X-WR-CALNAME" not in ics


def test_a_whole_day_event_is_a_date_without_time_or_time_zone():
    ics = calendar([CalendarEvent(uid="frist", summary="Frist: statusrapport", start=date(2026, 5, 4))])

    (event,) = events_in(ics)
    assert event.decoded("DTSTART") == date(2026, 5, 4)
    assert b"VTIMEZONE" not in ics


def test_the_same_events_give_the_same_bytes_so_clients_can_skip_unchanged_feeds():
    changed = datetime(2026, 2, 1, 12, 30)
    event = CalendarEvent(
        uid="a", summary="Samling", start=datetime(2026, 3, 30, 9, tzinfo=OSLO), last_modified=changed
    )

    assert calendar([event], subscribed=True) == calendar([event], subscribed=True)
    (parsed,) = events_in(calendar([event]))
    assert parsed.decoded("DTSTAMP") == changed.replace(tzinfo=UTC)
    assert parsed.decoded("LAST-MODIFIED") == changed.replace(tzinfo=UTC)
