"""A gruppeleder makes an API key on the profile, a program uses it, and she revokes it — in a
real browser with CSRF on; every page checked with axe-core."""
from __future__ import annotations

import json
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in

pytestmark = pytest.mark.browser


def call(address: str, secret: str) -> tuple[int, dict]:
    """What the municipality's program gets: a bearer token, no cookies."""
    try:
        with urlopen(Request(address, headers={"Authorization": f"Bearer {secret}"}), timeout=5) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_team_leader_makes_uses_and_revokes_an_api_key(page, live_server, learning_network):
    page.goto("/")
    sign_in(page, "9905-0@kommune.example")
    page.get_by_role("link", name="Profil").click()
    page.wait_for_load_state()
    keys = page.get_by_role("region", name="Nøkler til API-et")
    expect(keys).to_contain_text("Du har ingen nøkler.")
    axe_check(page)

    keys.get_by_label("Navn på nøkkelen").fill("Sámi fagsystem – Čáhppesjávri 🧡")
    keys.get_by_label("Kan skrive").check()
    keys.get_by_role("button", name="Lag nøkkel").click()
    page.wait_for_load_state()
    secret = page.get_by_label("Nøkkelen").input_value()
    assert secret.startswith("vt_") and len(secret) == 46
    expect(page.get_by_text("Den kan lese og skrive.")).to_be_visible()
    axe_check(page)

    status, networks = call(f"{live_server.url}/api/v1/networks", secret)
    assert status == 200
    assert [n["name"] for n in networks["items"]] == ["Rekruttere og beholde – læringsnettverk i Nordfjella"]

    page.get_by_role("link", name="Ferdig").click()
    page.wait_for_load_state()
    row = page.get_by_role("row").filter(has_text="Sámi fagsystem – Čáhppesjávri 🧡")
    expect(row).to_contain_text("lese og skrive")
    assert secret not in page.content()
    axe_check(page)
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Trekk tilbake").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_contain_text("er trukket tilbake og virker ikke lenger")
    assert call(f"{live_server.url}/api/v1/networks", secret)[0] == 401
