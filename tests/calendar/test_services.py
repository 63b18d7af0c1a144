"""What goes into the calendars, and the secret addresses behind them."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from tests.calendar.conftest import description_lines, events_in
from verksted.calendar import services
from verksted.calendar.ics import CalendarEvent
from verksted.clock import OSLO
from verksted.extensions import db
from verksted.networks.models import Role

PROGRAMME = [
    (time(9, 30), time(10, 15), "Heltid – fra prat til praksis", "Máret Ánde Guttorm", "Čáhppesjávri suohkan"),
    (time(10, 30), None, "Gruppearbeid på tvers 🤝", "", ""),
]


@pytest.fixture
def without_gathering_pages(app, monkeypatch):
    """As before the gatherings feature has its pages: events carry no link."""
    monkeypatch.delitem(app.view_functions, "gatherings.gathering", raising=False)


def test_a_gathering_becomes_an_event_with_everything_a_participant_needs(
    ctx, without_gathering_pages, network, sameby, make_gathering
):
    gathering = make_gathering(
        network, held_on=date(2026, 3, 30), number=4, title="Kompetanseplan i praksis 📋",
        venue="Sámi kulturhus", address="Guovdageaidnu-geaidnu 1, 9999 Čáhppesjávri",
        host_team_id=sameby.id, focus="Rekruttering av sykepleiere – đ ŋ š ŧ ž", sequence=2,
        programme=PROGRAMME,
    )

    (event,) = events_in(services.gathering_calendar(gathering))

    assert event["SUMMARY"] == "Samling 4: Kompetanseplan i praksis 📋 – Rekruttere og beholde – Nordfjella"
    assert event["LOCATION"] == "Sámi kulturhus, Guovdageaidnu-geaidnu 1, 9999 Čáhppesjávri"
    assert event["UID"] == f"gathering-{gathering.id}@verksted"
    assert event.decoded("SEQUENCE") == 2
    assert event.decoded("DTSTART") == datetime(2026, 3, 30, 9, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime(2026, 3, 30, 15, 0, tzinfo=OSLO)
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Oslo"
    assert event.decoded("LAST-MODIFIED") == gathering.updated_at.replace(microsecond=0, tzinfo=timezone.utc)
    assert description_lines(event) == [
        "Tema: Rekruttering av sykepleiere – đ ŋ š ŧ ž",
        "Vertskommune: Čáhppesjávri suohkan",
        "",
        "Program:",
        "09:30–10:15 – Heltid – fra prat til praksis – Máret Ánde Guttorm (Čáhppesjávri suohkan)",
        "10:30 – Gruppearbeid på tvers 🤝",
    ]


def test_a_gathering_without_place_programme_or_host_has_a_short_event(
    ctx, without_gathering_pages, network, make_gathering
):
    gathering = make_gathering(network, title="Oppstart")

    (event,) = events_in(services.gathering_calendar(gathering))

    assert "LOCATION" not in event
    assert "DESCRIPTION" not in event
    assert "URL" not in event


def test_a_host_from_outside_the_network_is_named(ctx, without_gathering_pages, network, make_gathering):
    gathering = make_gathering(network, host_name="Statsforvalteren i Nordfjella")

    (event,) = events_in(services.gathering_calendar(gathering))

    assert description_lines(event) == ["Vertskommune: Statsforvalteren i Nordfjella"]


def test_the_personal_calendar_holds_the_gatherings_of_every_network_the_person_is_in(
    ctx, network, member, make_network, make_membership, make_gathering
):
    second = make_network("Heltidskultur i praksis")
    elsewhere = make_network("Et nettverk personen ikke er med i")
    make_membership(member, second, Role.OBSERVER)
    first_gathering = make_gathering(network, held_on=date(2026, 3, 30), title="Oppstart")
    second_gathering = make_gathering(second, held_on=date(2026, 2, 2), title="Turnus")
    make_gathering(elsewhere, title="Hemmelig")

    events = events_in(services.personal_calendar(member))

    assert [str(event["UID"]) for event in events] == [
        f"gathering-{second_gathering.id}@verksted", f"gathering-{first_gathering.id}@verksted",
    ]
    assert not any("Hemmelig" in str(event["SUMMARY"]) for event in events)


def test_the_personal_calendar_is_named_for_the_person(ctx, member):
    import icalendar

    calendar = icalendar.Calendar.from_ical(services.personal_calendar(member))

    assert calendar["X-WR-CALNAME"] == "Verksted – Biret Sárá Eira"


def test_a_feed_is_made_once_and_kept(ctx, network, member):
    first = services.feed_for_network(network)
    db.session.commit()

    assert services.feed_for_network(network) is first
    assert services.feed_for_person(member) is not first
    assert services.feed_by_token(first.token) is first


def test_renewing_a_feed_gives_it_a_new_secret_and_the_old_one_finds_nothing(ctx, network):
    feed = services.feed_for_network(network)
    db.session.commit()
    old = feed.token

    services.renew_network_feed(network)
    db.session.commit()

    assert feed.token != old
    assert services.feed_by_token(old) is None
    assert services.feed_by_token(feed.token) is feed


def test_the_links_are_built_from_the_configured_address_in_https_and_webcal(ctx, network, app):
    feed = services.feed_for_network(network)

    links = services.links(feed)

    assert links.https == f"http://localhost/kalender/{feed.token}.ics"
    assert links.webcal == f"webcal://localhost/kalender/{feed.token}.ics"


def test_another_feature_can_add_its_own_events_to_the_network_calendar(ctx, network, monkeypatch):
    deadline = CalendarEvent(uid="deadline-1@verksted", summary="Frist: hovedplan", start=date(2026, 1, 15))
    monkeypatch.setattr(services, "NETWORK_EVENTS", [*services.NETWORK_EVENTS, lambda network: [deadline]])

    (event,) = events_in(services.network_calendar(network))

    assert event["SUMMARY"] == "Frist: hovedplan"


@pytest.mark.parametrize("endpoint_exists", [True, False])
def test_the_event_links_to_the_gathering_page_once_there_is_one(
    ctx, app, network, make_gathering, endpoint_exists, monkeypatch
):
    gathering = make_gathering(network)
    if endpoint_exists:
        monkeypatch.setattr(services, "url_for", lambda endpoint, **values: f"/samlinger/{values['gathering_id']}")
        monkeypatch.setitem(app.view_functions, "gatherings.gathering", lambda **kw: "")
    else:
        monkeypatch.delitem(app.view_functions, "gatherings.gathering", raising=False)

    (event,) = events_in(services.gathering_calendar(gathering))

    if endpoint_exists:
        assert event["URL"] == f"http://localhost/samlinger/{gathering.id}"
        assert description_lines(event)[-1] == f"Mer om samlingen: http://localhost/samlinger/{gathering.id}"
    else:
        assert "URL" not in event
