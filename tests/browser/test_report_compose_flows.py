"""Composing the project report in a real browser with CSRF on: the facilitator starts the
report, writes and previews the foreword, and reorders the outline. Every page is checked with
axe-core for serious and critical accessibility problems."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in

pytestmark = pytest.mark.browser

FOREWORD = "Takk til teamene i Fjordvik og Čáhppesjávri suohkan – æøå ÆØÅ, áčđŋšŧž ÁČĐŊŠŦŽ."


def outline_rows(page):
    return page.locator("#deler tbody tr")


def row_of(page, title: str):
    return outline_rows(page).filter(has=page.get_by_role("rowheader", name=title, exact=True))


def test_the_facilitator_starts_the_report_writes_the_foreword_and_reorders_the_outline(page, learning_network):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    page.goto(f"/nettverk/{learning_network.network.id}")
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Prosjektrapport").click()

    expect(page.get_by_role("heading", name="Rapporten er ikke startet")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Start rapporten").click()

    expect(page.get_by_text("Rapporten er startet med de vanlige delene.")).to_be_visible()
    expect(outline_rows(page).first.get_by_role("rowheader")).to_have_text("Forord")
    expect(row_of(page, "Resultater")).to_contain_text("Resultattabell (fra sluttrapportene)")
    expect(page.get_by_role("link", name="Last ned PDF")).to_be_visible()
    axe_check(page)

    row_of(page, "Forord").get_by_role("link", name="Forord", exact=True).click()
    expect(page.get_by_role("heading", name="Forord", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_label("Tekst", exact=True).fill(f"{FOREWORD}\n\n- **Samlingene** ga oss mye")
    page.get_by_role("button", name="Forhåndsvis teksten").click()

    preview = page.locator("#forhandsvisning-del")
    expect(preview).to_contain_text(FOREWORD)
    expect(preview.locator("strong")).to_have_text("Samlingene")
    expect(preview).to_contain_text("Ikke lagret ennå.")
    axe_check(page)
    page.get_by_role("button", name="Lagre", exact=True).click()

    expect(page.get_by_text("«Forord» er lagret.")).to_be_visible()
    expect(page.get_by_label("Tekst", exact=True)).to_have_value(f"{FOREWORD}\n\n- **Samlingene** ga oss mye")
    page.get_by_role("link", name="Tilbake til rapporten").click()

    row_of(page, "Sammendrag").get_by_role("button", name="Flytt opp").click()
    expect(outline_rows(page).nth(0).get_by_role("rowheader")).to_have_text("Sammendrag")
    expect(outline_rows(page).nth(1).get_by_role("rowheader")).to_have_text("Forord")
    expect(row_of(page, "Forord")).to_contain_text(re.compile("av Åse Bjørnstad Ødegård"))


def test_the_facilitator_removes_a_section_after_confirming_and_opens_a_data_section(page, learning_network):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    page.goto(f"/nettverk/{learning_network.network.id}/rapport")
    page.get_by_role("button", name="Start rapporten").click()

    page.once("dialog", lambda dialog: dialog.dismiss())
    row_of(page, "Kilder").get_by_role("button", name="Fjern").click()
    expect(row_of(page, "Kilder")).to_have_count(1)

    page.once("dialog", lambda dialog: dialog.accept())
    row_of(page, "Kilder").get_by_role("button", name="Fjern").click()
    expect(page.get_by_text("Delen «Kilder» er fjernet fra rapporten.")).to_be_visible()
    expect(row_of(page, "Kilder")).to_have_count(0)

    row_of(page, "Deltakernes evaluering").get_by_role("link", name="Deltakernes evaluering", exact=True).click()
    expect(page.get_by_role("heading", name="Sitater")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Tilbake til rapporten").click()
    row_of(page, "Resultater").get_by_role("link", name="Resultater", exact=True).click()
    expect(page.get_by_text("Nettverket har ikke bedt teamene om sluttrapport ennå.")).to_be_visible()
    axe_check(page)
