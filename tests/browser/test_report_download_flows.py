"""Downloading the project report and a team's dossier as PDF in a real browser, read back with
pypdf; every page visited is checked with axe-core."""
from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.browser.conftest import axe_check, sign_in
from tests.reports.conftest import make_report_network  # noqa: F401 - the fixture, shared

pytestmark = pytest.mark.browser


@pytest.fixture
def finished(app, make_report_network):  # noqa: F811
    with app.test_request_context():
        made = make_report_network(teams=3, gatherings=2, answers=5)
        return made.network.id, made.leader.email, made.teams[1].id


def text_of(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_the_leader_downloads_the_report_as_pdf_from_the_report_page(page, finished):
    network_id, email, _team_id = finished
    page.goto(f"/nettverk/{network_id}/rapport")
    sign_in(page, email)
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned PDF").first.click()
    download = download_info.value

    assert download.suggested_filename == "Sluttrapport- Heltid i Nordfjella.pdf"
    reader = PdfReader(download.path())
    assert reader.metadata.title == "Sluttrapport: Heltid i Nordfjella"
    pages = text_of(download.path())
    assert pages[1].startswith("Innhold 1 Forord")
    results = next(text for text in pages if text.startswith("10 Resultater"))
    assert "Čáhppesjávri suohkan" in results
    assert "Ingen sluttrapport levert" in results
    assert "Trukket ut 16. mars 2026: Langvarig sykefravær i teamet" in " ".join(pages)


def test_the_leader_downloads_a_teams_dossier_from_the_team_page(page, finished):
    _network_id, email, team_id = finished
    page.goto(f"/team/{team_id}")
    sign_in(page, email)
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned teamets mappe (PDF)").click()
    download = download_info.value

    assert download.suggested_filename == "Mappe - Čáhppesjávri suohkan.pdf"
    pages = text_of(download.path())
    assert pages[0].startswith("Teamets mappe – Čáhppesjávri suohkan")
    assert "Sluttrapport – Čáhppesjávri suohkan" in pages[1]
    assert "Andelen heltid i Čáhppesjávri suohkan økte fra 40 til 55 prosent." in " ".join(pages)
