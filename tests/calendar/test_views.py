"""Subscribing, downloading and renewing calendar addresses, as people and calendar programs do."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
import sqlalchemy as sa

from tests.calendar.conftest import description_lines, events_in
from tests.pages import field_value, location, path_of, text
from verksted.calendar.models import CalendarFeed
from verksted.clock import OSLO
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Role

UTC = timezone.utc


def feed_address(client, page: str, field_id: str) -> str:
    """The https address shown on a page, as a path the test client can fetch."""
    response = client.get(page)
    assert response.status_code == 200
    return path_of(field_value(response, field_id))


def network_feed(client, network) -> str:
    return feed_address(client, f"/nettverk/{network.id}/kalender", "kalenderadresse")


def personal_feed(client) -> str:
    return feed_address(client, "/profil", "personlig-kalenderadresse")


@pytest.fixture
def as_leader(client, login, leader):
    return login(client, leader)


@pytest.fixture
def as_member(app, login, member):
    return login(app.test_client(), member)


# --- the network's calendar page --------------------------------------------------------


def test_a_member_finds_the_network_feed_with_https_and_webcal_addresses(as_member, network, app):
    response = as_member.get(f"/nettverk/{network.id}/kalender")

    assert response.status_code == 200
    address = field_value(response, "kalenderadresse")
    assert address.startswith("http://localhost/kalender/") and address.endswith(".ics")
    webcal = address.replace("http://", "webcal://")
    assert f'href="{webcal}"' in response.get_data(as_text=True)
    assert "Outlook" in text(response) and "Google Kalender" in text(response)
    assert 'aria-current="page">Kalender</a>' in response.get_data(as_text=True)
    assert "Lag ny adresse" not in text(response)


def test_the_network_feed_address_is_made_once_and_stays_the_same(as_member, as_leader, network, app):
    first = network_feed(as_member, network)

    assert network_feed(as_leader, network) == first
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 1


def test_the_page_lists_each_gathering_with_its_own_calendar_file(as_member, network, make_gathering):
    gathering = make_gathering(network, number=2, title="Heltidskultur", held_on=date(2026, 2, 12), venue="Rådhuset")

    response = as_member.get(f"/nettverk/{network.id}/kalender")

    assert "Samling 2: Heltidskultur 12. februar 2026 09:00–15:00 Rådhuset" in text(response)
    assert f'href="/samlinger/{gathering.id}.ics"' in response.get_data(as_text=True)


# --- subscribing ------------------------------------------------------------------------


def test_a_calendar_program_reads_the_network_feed_without_signing_in(
    as_member, client, network, sameby, make_gathering
):
    gathering = make_gathering(
        network, number=1, title="Oppstart 🚀", held_on=date(2026, 3, 30), venue="Sámi kulturhus",
        address="Čáhppesjávri", host_team_id=sameby.id, focus="Kompetanseplanen – đŋšŧž",
        programme=[(time(9, 30), time(10, 0), "Velkommen", "Ánde Somby", "")],
    )
    feed = network_feed(as_member, network)

    response = client.get(feed)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response.headers["Cache-Control"] and "max-age=300" in response.headers["Cache-Control"]
    (event,) = events_in(response.data)
    assert event["SUMMARY"] == f"Samling 1: Oppstart 🚀 – {network.name}"
    assert event["LOCATION"] == "Sámi kulturhus, Čáhppesjávri"
    assert event["UID"] == f"gathering-{gathering.id}@verksted"
    assert event.decoded("DTSTART") == datetime(2026, 3, 30, 9, tzinfo=OSLO)
    assert "Tema: Kompetanseplanen – đŋšŧž" in description_lines(event)
    assert "09:30–10:00 – Velkommen – Ánde Somby" in description_lines(event)


def test_an_unchanged_feed_is_not_sent_again(as_member, client, network, make_gathering):
    make_gathering(network)
    feed = network_feed(as_member, network)
    etag = client.get(feed).headers["ETag"]

    response = client.get(feed, headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_moving_a_gathering_shows_the_new_time_and_a_higher_sequence_at_the_same_address(
    as_member, client, network, make_gathering, app
):
    gathering = make_gathering(network, held_on=date(2026, 10, 22))
    feed = network_feed(as_member, network)
    (before,) = events_in(client.get(feed).data)

    with app.app_context():
        moved = db.session.get(Gathering, gathering.id)
        moved.held_on = date(2026, 10, 29)  # across the end of summer time
        moved.sequence += 1
        db.session.commit()
    (after,) = events_in(client.get(feed).data)

    assert before.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 22, 7, tzinfo=UTC)
    assert after.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 29, 8, tzinfo=UTC)
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after["UID"] == before["UID"]


def test_the_personal_feed_holds_every_network_of_the_person_and_nothing_else(
    as_member, client, network, member, make_network, make_membership, make_gathering
):
    second = make_network("Heltidskultur i praksis")
    make_membership(member, second, Role.OBSERVER)
    make_gathering(network, number=1, title="Oppstart")
    make_gathering(second, number=1, title="Turnus på tvers")
    make_gathering(make_network("Et annet nettverk"), number=1, title="Ikke for deg")
    feed = personal_feed(as_member)

    response = client.get(feed)

    assert sorted(str(event["SUMMARY"]) for event in events_in(response.data)) == [
        "Samling 1: Oppstart – Rekruttere og beholde – Nordfjella",
        "Samling 1: Turnus på tvers – Heltidskultur i praksis",
    ]


def test_an_unknown_address_is_not_found(client):
    assert client.get("/kalender/ikke-en-ekte-adresse.ics").status_code == 404


# --- renewing ---------------------------------------------------------------------------


def test_a_project_leader_renews_the_network_address_and_the_old_one_stops_working(
    as_leader, client, network, make_gathering
):
    make_gathering(network)
    old = network_feed(as_leader, network)
    assert "Lag ny adresse" in text(as_leader.get(f"/nettverk/{network.id}/kalender"))

    response = as_leader.post(f"/nettverk/{network.id}/kalender/ny-adresse", follow_redirects=True)

    assert "Kalenderen har fått ny adresse. Den gamle adressen virker ikke lenger." in text(response)
    new = path_of(field_value(response, "kalenderadresse"))
    assert new != old
    assert client.get(old).status_code == 404
    assert len(events_in(client.get(new).data)) == 1


def test_a_team_member_may_not_renew_the_network_address(as_member, client, network):
    old = network_feed(as_member, network)

    assert as_member.post(f"/nettverk/{network.id}/kalender/ny-adresse").status_code == 403
    assert client.get(old).status_code == 200


def test_a_person_finds_their_own_address_on_the_profile_and_it_works(as_member, client):
    response = as_member.get("/profil")

    assert "Kalender" in text(response)
    address = field_value(response, "personlig-kalenderadresse")
    assert address.startswith("http://localhost/kalender/")
    assert f'href="{address.replace("http://", "webcal://")}"' in response.get_data(as_text=True)
    assert client.get(path_of(address)).status_code == 200
    assert personal_feed(as_member) == path_of(address)


def test_a_person_renews_their_own_address_on_the_profile(as_member, client):
    old = personal_feed(as_member)

    response = as_member.post("/profil/kalender/ny-adresse")

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/profil#kalender")
    new = personal_feed(as_member)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_profile_still_shows_a_working_address_when_a_form_on_it_is_refused(as_member, client):
    wrong_password = {"current_password": "ikke-passordet", "password": "et nytt langt passord",
                      "confirm": "et nytt langt passord"}

    response = as_member.post("/profil/passord", data=wrong_password)

    assert response.status_code == 422
    address = field_value(response, "personlig-kalenderadresse")
    assert client.get(path_of(address)).status_code == 200


# --- one gathering as a file ------------------------------------------------------------


def test_a_member_downloads_one_gathering_as_a_calendar_file(as_member, network, make_gathering):
    gathering = make_gathering(network, number=3, title="Stands og erfaringsdeling")

    response = as_member.get(f"/samlinger/{gathering.id}.ics")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="samling-3.ics"'
    (event,) = events_in(response.data)
    assert event["SUMMARY"] == f"Samling 3: Stands og erfaringsdeling – {network.name}"


def test_someone_signed_out_is_asked_to_sign_in_for_a_gathering_file(client, network, make_gathering):
    gathering = make_gathering(network)

    response = client.get(f"/samlinger/{gathering.id}.ics")

    assert response.status_code == 302
    assert location(response).startswith("/logg-inn?next=")


def test_a_project_leader_of_another_network_does_not_learn_the_gathering_exists(
    app, login, network, make_network, make_user, make_membership, make_gathering
):
    outsider = make_user("leder@sordalen.example", "Solveig Sørdalen")
    make_membership(outsider, make_network("Heltid i Sørdalen"), Role.FACILITATOR)
    gathering = make_gathering(network)

    response = login(app.test_client(), outsider).get(f"/samlinger/{gathering.id}.ics")

    assert response.status_code == 404


# --- the same number of queries however many gatherings ---------------------------------


def _network_with_gatherings(make_network, make_team, make_gathering, count: int):
    network = make_network()
    host = make_team(network)
    for n in range(count):
        make_gathering(
            network, number=n + 1, held_on=date(2026, 1, 1 + n), host_team_id=host.id,
            programme=[(time(9, 30), None, "Innlegg", "Foredragsholder", ""), (time(11), None, "Gruppearbeid", "", "")],
        )
    return network


def test_a_network_feed_takes_as_many_queries_for_twenty_gatherings_as_for_two(
    app, client, login, make_user, make_membership, make_network, make_team, make_gathering, count_queries
):
    counts = []
    for count in (2, 20):
        network = _network_with_gatherings(make_network, make_team, make_gathering, count)
        viewer = make_user()
        make_membership(viewer, network, Role.OBSERVER)
        feed = network_feed(login(app.test_client(), viewer), network)
        with count_queries() as statements:
            response = client.get(feed)
        assert len(events_in(response.data)) == count
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_a_personal_feed_takes_as_many_queries_for_twenty_gatherings_as_for_two(
    app, client, login, make_user, make_membership, make_network, make_team, make_gathering, count_queries
):
    counts = []
    for count in (2, 20):
        person = make_user()
        for half in (count // 2, count - count // 2):
            network = _network_with_gatherings(make_network, make_team, make_gathering, half)
            make_membership(person, network, Role.OBSERVER)
        feed = personal_feed(login(app.test_client(), person))
        with count_queries() as statements:
            response = client.get(feed)
        assert len(events_in(response.data)) == count
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_the_calendar_page_takes_as_many_queries_for_twenty_gatherings_as_for_two(
    app, login, make_user, make_membership, make_network, make_team, make_gathering, count_queries
):
    counts = []
    for count in (2, 20):
        network = _network_with_gatherings(make_network, make_team, make_gathering, count)
        viewer = make_user()
        make_membership(viewer, network, Role.FACILITATOR)
        browser = login(app.test_client(), viewer)
        browser.get(f"/nettverk/{network.id}/kalender")  # the address is made on the first visit
        with count_queries() as statements:
            response = browser.get(f"/nettverk/{network.id}/kalender")
        assert response.status_code == 200
        counts.append(len(statements))

    assert counts[0] == counts[1]
