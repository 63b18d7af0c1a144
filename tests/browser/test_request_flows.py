"""Requests in a real browser: the project leader asks the teams for a statusrapport due some days
before a gathering, gives one team more time, and a team member sees the deadline. Every page
visited is checked with axe-core."""
from __future__ import annotations

from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in, sign_out
from verksted.clock import today
from verksted.documents.models import DocumentKind, DocumentTemplate, TemplateVersion
from verksted.gatherings.models import Gathering

pytestmark = pytest.mark.browser


@pytest.fixture
def planned(learning_network, save):
    """The learning network with two gatherings ahead and a statusrapport template."""
    world = learning_network
    first, second = save(
        Gathering(network_id=world.network.id, number=1, title="Oppstart", held_on=today() + timedelta(days=20),
                  starts_at=time(9, 30), ends_at=time(15, 30)),
        Gathering(network_id=world.network.id, number=2, title="Heltid som hovedregel",
                  held_on=today() + timedelta(days=120), starts_at=time(9, 30), ends_at=time(15, 30)),
    )
    save(DocumentTemplate(network_id=world.network.id, kind=DocumentKind.STATUSRAPPORT, title="Statusrapport",
                          versions=[TemplateVersion(number=1, sections=[])]))
    world.second = second
    return world


def test_the_leader_asks_for_a_report_due_before_a_gathering_and_gives_one_team_more_time(page, planned):
    world = planned
    due = world.second.held_on - timedelta(days=10)

    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_text("Ingen innleveringer har frist framover.")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Ny innlevering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny innlevering")
    expect(page.get_by_label("Fjordvik kommune")).to_be_checked()
    expect(page.get_by_label("Čáhppesjávri suohkan")).to_be_checked()
    axe_check(page)

    # A relative deadline without its gathering is refused, with what was typed kept.
    page.get_by_label("Mal").select_option(label="Statusrapport (Statusrapport)")
    page.get_by_label("Tittel (valgfritt)").fill("Statusrapport før samling 2 – Čáhppesjávri og Fjordvik")
    page.get_by_label("Et antall dager før eller etter en samling").check()
    page.get_by_label("Antall dager", exact=True).fill("10")
    page.get_by_role("button", name="Opprett innleveringen").click()
    expect(page.get_by_role("alert")).to_contain_text("Velg samlingen fristen følger.")
    expect(page.get_by_label("Tittel (valgfritt)")).to_have_value("Statusrapport før samling 2 – Čáhppesjávri og Fjordvik")
    axe_check(page)

    page.get_by_label("Samling", exact=True).select_option(label=f"Samling 2: Heltid som hovedregel "
                                                                 f"({_long(world.second.held_on)})")
    page.get_by_role("button", name="Opprett innleveringen").click()
    expect(page.get_by_role("status")).to_contain_text("er opprettet")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statusrapport før samling 2 – Čáhppesjávri og Fjordvik")
    expect(page.get_by_text(f"{_long(due)} (10 dager før samling 2)")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Gi utsatt frist – Čáhppesjávri suohkan").click()
    page.get_by_label("Ny frist for teamet").fill((due + timedelta(days=7)).isoformat())
    page.get_by_label("Begrunnelse").fill("Kommunesammenslåing – ny enhetsleder fra nyttår")
    axe_check(page)
    page.get_by_role("button", name="Gi utsatt frist").click()
    expect(page.get_by_role("status")).to_contain_text(f"Čáhppesjávri suohkan har fått frist {_long(due + timedelta(days=7))}.")
    axe_check(page)

    page.get_by_role("link", name="Innleveringer").first.click()
    row = page.get_by_role("row").filter(has_text="Statusrapport før samling 2")
    expect(row).to_contain_text("10 dager før samling 2")
    expect(row).to_contain_text("0 av 2")
    axe_check(page)

    sign_out(page)
    sign_in(page, world.people["Nils-Ŋuvllát Somby"].email)
    page.goto(f"/nettverk/{world.network.id}/innleveringer")
    expect(page.get_by_text(f"Utsatt for teamet ditt til {_long(due + timedelta(days=7))}")).to_be_visible()
    expect(page.get_by_text("Begrunnelse: Kommunesammenslåing – ny enhetsleder fra nyttår")).to_be_visible()
    axe_check(page)


MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def _long(day) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
