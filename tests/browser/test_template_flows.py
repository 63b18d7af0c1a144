"""Keeping the document templates in a real browser with CSRF on.

Every page visited is checked with axe-core for serious and critical accessibility problems.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.documents.starter import add_starter_templates
from verksted.extensions import db
from verksted.networks.models import Network

pytestmark = pytest.mark.browser


@pytest.fixture
def templates(learning_network, app):
    with app.app_context():
        add_starter_templates(db.session.get(Network, learning_network.network.id))
        db.session.commit()
    return f"/nettverk/{learning_network.network.id}/maler"


def test_the_leader_adds_a_section_with_a_table_field_and_sees_it_in_the_preview(page, templates):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")
    page.goto(templates)
    expect(page.get_by_role("heading", name="Maler", level=2)).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Endre Fremdriftsplan").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre malen «Fremdriftsplan»")
    axe_check(page)

    page.get_by_role("link", name="Legg til en del").click()
    page.wait_for_load_state()
    page.get_by_label("Overskrift").fill("Erfaringer fra Čáhppesjávri – hva tar vi med oss? 🎯")
    page.get_by_label("Veiledning").fill("Svar kort:\n\n- Hva virket?\n- Hva gjør dere **annerledes** neste gang?")
    page.get_by_role("button", name="Forhåndsvis veiledningen").click()
    page.wait_for_load_state()
    preview = page.get_by_role("region", name="Forhåndsvisning: slik ser teamet veiledningen")
    expect(preview.get_by_role("listitem")).to_have_count(2)
    expect(preview.locator("strong")).to_have_text("annerledes")
    expect(page.get_by_label("Overskrift")).to_have_value("Erfaringer fra Čáhppesjávri – hva tar vi med oss? 🎯")
    axe_check(page)

    page.get_by_role("button", name="Legg til delen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt felt i «Erfaringer fra Čáhppesjávri – hva tar vi med oss? 🎯»")
    page.get_by_label("Ledetekst").fill("Tiltak vi fortsetter med")
    page.get_by_label("Type felt").select_option(label="Tabell")
    page.get_by_role("button", name="Legg til feltet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("En tabell trenger minst én kolonne.")
    expect(page.get_by_label("Ledetekst")).to_have_value("Tiltak vi fortsetter med")
    axe_check(page)

    page.get_by_label("Kolonner").fill("Tiltak\nAnsvarlig\nNeste steg")
    page.get_by_role("button", name="Legg til feltet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("status").first).to_have_text("Feltet «Tiltak vi fortsetter med» er lagt til.")
    expect(page.get_by_role("table", name="Feltene i Erfaringer fra Čáhppesjávri – hva tar vi med oss? 🎯")).to_contain_text(
        "Tiltak | Ansvarlig | Neste steg")
    axe_check(page)

    page.get_by_role("link", name="Forhåndsvis malen").click()
    page.wait_for_load_state()
    section = page.get_by_role("region", name="Erfaringer fra Čáhppesjávri – hva tar vi med oss? 🎯")
    table = section.get_by_role("table", name="Tiltak vi fortsetter med")
    expect(table.get_by_role("columnheader")).to_have_text(["Tiltak", "Ansvarlig", "Neste steg"])
    expect(table.get_by_role("textbox", name="Neste steg, rad 1")).to_be_disabled()
    expect(section.get_by_role("listitem")).to_have_count(2)
    axe_check(page)


def test_a_team_member_reads_a_blank_template_but_cannot_change_it(page, templates):
    page.goto("/")
    sign_in(page, "9905-0@kommune.example")  # Biret Sárá Eira, gruppeleder in Čáhppesjávri
    page.goto(templates)
    expect(page.get_by_role("link", name="Ny mal")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Hovedplan", exact=True).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hovedplan")
    expect(page.get_by_text("Høyst tre sider")).to_be_visible()
    expect(page.get_by_role("group", name="Har kommunen en kompetanse- og rekrutteringsplan?")
           .get_by_role("radio", name="Under arbeid")).to_be_disabled()
    expect(page.get_by_role("textbox", name="Antall innbyggere")).to_be_disabled()
    expect(page.get_by_role("link", name="Endre malen")).to_have_count(0)
    axe_check(page)
