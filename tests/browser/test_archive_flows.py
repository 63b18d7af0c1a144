"""The project leader starts the next network from the demo's finished one in a real browser,
and finds its milestone plan moved to the new period; every page visited is checked with axe-core."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.reports.demo import FINISHED_NAME, finished_network

pytestmark = pytest.mark.browser

NEW_NAME = "Kompetanseløft i Nordfjella 2027–2029 – Čáhppesjávri"


@pytest.fixture
def finished(app, make_user):
    """The demo's finished 2023–2025 network (three teams, to be quick), led by a leader who signs in."""
    leader = make_user("prosjektleder@verksted.example", "Sigrid Håland")
    with app.test_request_context():
        network = finished_network(FINISHED_NAME, teams=3, answers_per_gathering=3,
                                   leader=db.session.get(type(leader), leader.id))
        db.session.commit()
        return network.id, leader.email


def test_the_leader_starts_the_next_network_and_sees_its_copied_milestones(page, finished, app):
    network_id, email = finished
    page.goto(f"/nettverk/{network_id}")
    sign_in(page, email)
    expect(page.get_by_role("heading", name="Nettverket er avsluttet")).to_be_visible()
    axe_check(page)
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Arkiv og ny periode").click()
    expect(page.get_by_role("link", name="Eksporter nettverket (JSON)")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Om filformatet").click()
    expect(page.get_by_role("link", name="Last ned JSON Schema for arkivformatet")).to_be_visible()
    axe_check(page)
    page.go_back()

    page.get_by_role("link", name="Start nytt nettverk fra dette").click()
    expect(page.get_by_role("heading", name="Dette tas med")).to_be_visible()
    axe_check(page)
    page.get_by_label("Navn på det nye nettverket").fill(NEW_NAME)
    page.get_by_label("Startdato").fill("2027-09-01")
    page.get_by_label("Sluttdato").fill("2029-06-30")
    page.get_by_role("button", name="Start det nye nettverket").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(page.get_by_text(f"«{NEW_NAME}» er startet fra «{FINISHED_NAME}». Du er prosjektleder.")).to_be_visible()
    axe_check(page)
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Prosjektplan").click()
    first = page.get_by_role("row").filter(has_text="Oppstart og forankring i kommunene").last  # the list, after the grid
    expect(first).to_contain_text(re.compile(r"september 2027\s*–\s*november 2027", re.I))
    expect(first).to_contain_text("Ikke startet")
    axe_check(page)
    with app.app_context():
        assert db.session.scalar(sa.select(Network.id).where(Network.name == NEW_NAME)) != network_id


def test_a_refused_archive_lists_its_problems_and_the_page_stays_accessible(page, finished):
    _network_id, email = finished
    page.goto("/nettverk")
    sign_in(page, email)
    page.get_by_role("link", name="Importer nettverk").click()
    axe_check(page)

    page.get_by_label("Arkivfil (.json)").set_input_files(
        files=[{"name": "arkiv.json", "mimeType": "application/json", "buffer": b'{"format_version": 999}'}])
    page.get_by_role("button", name="Importer").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Filen ble ikke importert. Ingenting er lagret.")
    expect(alert.get_by_role("listitem").first).to_be_visible()
    axe_check(page)
