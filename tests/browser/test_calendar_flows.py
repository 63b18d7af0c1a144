"""Finding and renewing the calendar addresses, in a real browser with CSRF on.

Every page visited is checked with axe-core for serious and critical accessibility problems.
"""
from __future__ import annotations

from datetime import date, time
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.gatherings.models import Gathering

pytestmark = pytest.mark.browser


def fetch(address: str) -> tuple[int, str]:
    """What a calendar program gets from the address: no cookies, no sign-in."""
    try:
        with urlopen(address, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except HTTPError as error:
        return error.code, ""


@pytest.fixture
def with_gathering(learning_network, save):
    (gathering,) = save(Gathering(
        network_id=learning_network.network.id, number=1, title="Oppstart i Čáhppesjávri 🚀",
        held_on=date(2026, 3, 30), starts_at=time(9), ends_at=time(15), venue="Sámi kulturhus",
    ))
    return gathering


def test_a_project_leader_finds_and_renews_the_network_calendar_address(
    page, live_server, learning_network, with_gathering
):
    network = learning_network.network

    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Kalender").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Kalender", exact=True)).to_have_attribute("aria-current", "page")
    address = page.get_by_label("Nettverkets kalenderadresse")
    old = address.input_value()
    assert old.startswith(f"{live_server.url}/kalender/") and old.endswith(".ics")
    expect(page.get_by_role("link", name=old.replace("http://", "webcal://"))).to_be_visible()
    expect(page.get_by_role("rowheader", name="Samling 1: Oppstart i Čáhppesjávri 🚀")).to_be_visible()
    axe_check(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lag ny adresse").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_contain_text("Den gamle adressen virker ikke lenger.")
    new = page.get_by_label("Nettverkets kalenderadresse").input_value()
    assert new != old
    assert urlsplit(page.url).path == f"/nettverk/{network.id}/kalender"
    assert fetch(old)[0] == 404
    status, feed = fetch(new)
    assert status == 200 and "Oppstart i Čáhppesjávri 🚀" in feed
    axe_check(page)


def test_a_team_member_finds_and_renews_their_own_calendar_address_on_the_profile(
    page, live_server, learning_network, with_gathering
):
    page.goto("/")
    sign_in(page, "9905-0@kommune.example")  # Biret Sárá Eira, gruppeleder in Čáhppesjávri
    page.goto("/profil")

    expect(page.get_by_role("heading", name="Kalender", level=2)).to_be_visible()
    address = page.get_by_label("Din kalenderadresse").input_value()
    assert address.startswith(f"{live_server.url}/kalender/")
    expect(page.get_by_role("link", name=address.replace("http://", "webcal://"))).to_be_visible()
    expect(page.get_by_role("button", name="Lag ny adresse")).to_be_visible()
    status, feed = fetch(address)
    assert status == 200 and "Samling 1: Oppstart i Čáhppesjávri 🚀" in feed
    axe_check(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lag ny adresse").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_contain_text("Kalenderen din har fått ny adresse.")
    assert page.get_by_label("Din kalenderadresse").input_value() != address
    assert fetch(address)[0] == 404
    axe_check(page)
