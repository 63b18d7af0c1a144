"""Reading and keeping the project plan, in a real browser with CSRF on.

Every page visited is checked with axe-core for serious and critical accessibility problems.
"""
from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted import clock
from verksted.plan.models import Milestone, MilestoneStatus, MilestoneStatusChange

pytestmark = pytest.mark.browser

NOVEMBER_2026 = 14  # the column of November 2026 in a plan that starts in September 2025


@pytest.fixture(autouse=True)
def demo_day(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 22))


@pytest.fixture
def plan(learning_network, save):
    """M1 done last year, M4 partly done since October, M8 still ahead."""
    network, leader = learning_network.network, learning_network.facilitator
    m1, m4, m8 = save(
        Milestone(network_id=network.id, code="M1", title="Oppstart og forankring i kommunene", position=0,
                  responsible="Prosjektleder", starts_in=date(2025, 9, 1), ends_in=date(2025, 11, 1),
                  status=MilestoneStatus.DONE),
        Milestone(network_id=network.id, code="M4", title="Heltidstiltak i Čáhppesjávri og Fjordvik", position=1,
                  responsible="Gruppelederne", starts_in=date(2026, 2, 1), ends_in=date(2026, 11, 1),
                  status=MilestoneStatus.PARTLY),
        Milestone(network_id=network.id, code="M8", title="Sluttrapport og spredning", position=2,
                  starts_in=date(2027, 3, 1), ends_in=date(2027, 6, 1)),
    )
    save(
        MilestoneStatusChange(milestone_id=m1.id, status=MilestoneStatus.DONE, changed_on=date(2025, 11, 20),
                              changed_by_id=leader.id),
        MilestoneStatusChange(milestone_id=m4.id, status=MilestoneStatus.IN_PROGRESS, changed_on=date(2026, 2, 10),
                              note="Tre kommuner har valgt tiltak.", changed_by_id=leader.id),
        MilestoneStatusChange(milestone_id=m4.id, status=MilestoneStatus.PARTLY, changed_on=date(2026, 10, 20),
                              note="Fire kommuner er i gang.", changed_by_id=leader.id),
    )
    return {"M1": m1, "M4": m4, "M8": m8}


def grid_row(page, code: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(rf"^{code} ")))


def open_plan(page):
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Prosjektplan").click()
    page.wait_for_load_state()


def test_a_team_member_reads_the_milestone_plan_and_downloads_it(page, learning_network, plan):
    page.goto("/")
    sign_in(page, "9901-1@kommune.example")  # Per Øvrebø, Fjordvik
    page.goto(f"/nettverk/{learning_network.network.id}")
    open_plan(page)

    expect(page.get_by_role("link", name="Prosjektplan")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("columnheader", name="november 2026 (denne måneden)")).to_be_visible()
    m4 = grid_row(page, "M4")
    expect(m4.get_by_role("cell").nth(NOVEMBER_2026)).to_have_text("DDelvis")
    expect(m4.get_by_role("cell").nth(NOVEMBER_2026 - 1)).to_contain_text("Delvis")
    expect(m4.get_by_role("cell").nth(NOVEMBER_2026 - 2)).to_contain_text("Pågår")
    expect(grid_row(page, "M1").get_by_role("cell").nth(2)).to_contain_text("Fullført")
    expect(grid_row(page, "M8").get_by_role("cell").nth(18)).to_contain_text("Planlagt")
    expect(page.get_by_role("heading", name="Tegnforklaring")).to_be_visible()
    expect(page.get_by_role("link", name="Ny milepæl")).to_have_count(0)
    axe_check(page)

    pdf_link = page.get_by_role("link", name="Last ned som PDF")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Tidslinje").click()
    page.wait_for_load_state()
    expect(page.locator("[aria-current=date]")).to_contain_text("november 2026")
    expect(page.locator("[aria-current=date]")).to_contain_text("M4 Heltidstiltak i Čáhppesjávri og Fjordvik skal være nådd")
    axe_check(page)


def test_the_leader_changes_a_milestones_status_with_a_note_and_sees_it_in_the_history(page, learning_network, plan):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    open_plan(page)
    grid_row(page, "M4").get_by_role("link").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("M4 Heltidstiltak i Čáhppesjávri og Fjordvik")
    expect(page.get_by_label("Ny status")).to_have_value("partly")
    expect(page.get_by_label("Gjelder fra")).to_have_value("2026-11-22")
    axe_check(page)

    page.get_by_label("Ny status").select_option(label="Fullført")
    page.get_by_label("Kort merknad").fill("Alle fem kommuner har prøvd ut tiltak – også Čáhppesjávri ✓")
    page.get_by_label("Gjelder fra").fill("2026-12-01")
    page.get_by_role("button", name="Lagre status").click()
    page.wait_for_load_state()

    expect(page.get_by_role("alert").filter(has_text="Gjelder fra: Datoen kan ikke være fram i tid.")).to_be_visible()
    expect(page.get_by_label("Kort merknad")).to_have_value("Alle fem kommuner har prøvd ut tiltak – også Čáhppesjávri ✓")
    axe_check(page)

    page.get_by_label("Gjelder fra").fill("2026-11-20")
    page.get_by_role("button", name="Lagre status").click()
    page.wait_for_load_state()

    expect(page.get_by_role("status")).to_have_text("Statusen for M4 er lagret.")
    expect(page.get_by_text("Status: Fullført")).to_be_visible()
    history = page.locator(".plan-history > li")
    expect(history.first).to_contain_text("Fra 20. november 2026: Fullført")
    expect(history.first).to_contain_text("Alle fem kommuner har prøvd ut tiltak – også Čáhppesjávri ✓")
    expect(history.first).to_contain_text("Registrert av Åse Bjørnstad Ødegård")
    expect(history.nth(1)).to_contain_text("Fra 20. oktober 2026: Delvis")
    axe_check(page)

    page.get_by_role("link", name=f"Prosjektplan – {learning_network.network.name}").click()
    page.wait_for_load_state()
    expect(grid_row(page, "M4").get_by_role("cell").nth(NOVEMBER_2026)).to_contain_text("Fullført")


def test_the_leader_adds_a_milestone_with_the_month_pickers(page, learning_network):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    open_plan(page)
    page.get_by_role("link", name="Ny milepæl").click()
    page.wait_for_load_state()
    expect(page.get_by_label("Kode")).to_have_value("M1")
    axe_check(page)

    page.get_by_label("Milepæl", exact=True).fill("Kompetanseplan vedtatt i Čáhppesjávri suohkan")
    page.get_by_label("Planlagt start").fill("2026-03")
    page.get_by_label("Planlagt ferdig").fill("2026-01")
    page.get_by_role("button", name="Legg til milepælen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Milepælen kan ikke være ferdig før den starter.")
    expect(page.get_by_label("Milepæl", exact=True)).to_have_value("Kompetanseplan vedtatt i Čáhppesjávri suohkan")
    axe_check(page)

    page.get_by_label("Planlagt ferdig").fill("2026-06")
    page.get_by_role("button", name="Legg til milepælen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_have_text("Milepæl M1 er lagt til.")
    expect(grid_row(page, "M1").get_by_role("cell").nth(6)).to_contain_text("Ikke startet")  # March 2026
    expect(grid_row(page, "M1").get_by_role("cell").nth(5)).to_have_text("")
    axe_check(page)
