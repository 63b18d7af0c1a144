"""The project report's preview in a real browser: read on screen, printed on A4, axe-clean."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from tests.reports.conftest import make_report_network  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.browser


@pytest.fixture
def finished(app, make_report_network):  # noqa: F811
    with app.test_request_context():
        made = make_report_network(teams=3, gatherings=2, answers=5)
        return made.network.id, made.leader.email


def test_the_leader_reads_the_report_as_it_will_print(page, finished):
    network_id, email = finished
    page.goto(f"/nettverk/{network_id}/rapport/forhandsvisning")
    sign_in(page, email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Sluttrapport: Heltid i Nordfjella")
    contents = page.get_by_role("navigation", name="Innhold")
    contents.get_by_role("link", name="10 Resultater").click()
    expect(page).to_have_url(re.compile(r"/forhandsvisning#del-10$"))
    results = page.locator("#del-10")
    expect(results.get_by_role("heading", level=2)).to_have_text("10 Resultater")
    expect(results.get_by_role("rowheader", name="Čáhppesjávri suohkan")).to_be_visible()
    expect(results.get_by_text("Ingen sluttrapport levert").first).to_be_visible()
    expect(page.locator("#del-9 svg.trend-chart")).to_have_count(1)
    expect(page.get_by_role("link", name="Last ned PDF")).to_have_attribute("href", f"/nettverk/{network_id}/rapport.pdf")
    axe_check(page)

    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Last ned PDF")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
