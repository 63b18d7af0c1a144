"""Gatherings in a real browser: the leader plans one with its programme, a gruppeleder signs the
team up. Every page visited is checked with axe-core."""
from __future__ import annotations

from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.clock import today
from verksted.gatherings.models import Gathering

pytestmark = pytest.mark.browser


def programme_row(page, title: str):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))


def test_the_leader_plans_a_gathering_with_its_programme(page, learning_network):
    world = learning_network
    day = today() + timedelta(days=30)

    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    page.get_by_role("navigation", name="Nettverket").get_by_role("link", name="Samlinger").click()
    expect(page.get_by_text("Ingen samlinger er planlagt ennå.")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Ny samling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny samling")
    expect(page.get_by_label("Nummer")).to_have_value("1")
    axe_check(page)
    page.get_by_label("Tittel", exact=True).fill("Heltid som hovedregel")
    page.get_by_label("Dato").fill(day.isoformat())
    page.get_by_label("Starter kl.").fill("09:30")
    page.get_by_label("Slutter kl.").fill("15:30")
    page.get_by_label("Sted", exact=True).fill("Čáhppesjávri kulturviessu")
    page.get_by_label("Adresse").fill("Jávrregeaidnu 3, 9979 Čáhppesjávri")
    page.get_by_label("Vertskommune", exact=True).select_option(label="Čáhppesjávri suohkan")
    page.get_by_label("Fokus og tema").fill("Heltidskultur")
    page.get_by_role("button", name="Opprett samling").click()

    expect(page.get_by_role("status")).to_contain_text("Samling 1 er opprettet.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Program for samling 1")
    axe_check(page)

    # An item that starts before the day does is refused, with what was typed kept.
    page.get_by_label("Fra kl.").fill("08:00")
    page.get_by_label("Tittel", exact=True).fill("Heltidskultur – hva er det?")
    page.get_by_role("button", name="Legg til i programmet").click()
    expect(page.get_by_role("alert")).to_contain_text("Programpunktet må ligge innenfor samlingens tid, kl. 09.30–15.30.")
    expect(page.get_by_label("Tittel", exact=True)).to_have_value("Heltidskultur – hva er det?")
    axe_check(page)

    page.get_by_label("Fra kl.").fill("10:00")
    page.get_by_label("Til kl. (valgfritt)").fill("10:45")
    page.get_by_label("Type").select_option(label="Foredrag")
    page.get_by_label("Foredragsholder", exact=True).fill("Máret Ánde Guttorm")
    page.get_by_label("Foredragsholderens organisasjon").fill("Utviklingssenteret")
    page.get_by_role("button", name="Legg til i programmet").click()
    expect(page.get_by_role("status")).to_contain_text("«Heltidskultur – hva er det?» er lagt til i programmet.")

    page.get_by_label("Fra kl.").fill("12:30")
    page.get_by_label("Til kl. (valgfritt)").fill("14:00")
    page.get_by_label("Tittel", exact=True).fill("Tiltak for heltid på tvers av kommunene")
    page.get_by_label("Type").select_option(label="Gruppearbeid på tvers av kommuner")
    page.get_by_role("button", name="Legg til i programmet").click()
    expect(programme_row(page, "Tiltak for heltid på tvers av kommunene")).to_contain_text("Gruppearbeid på tvers av kommuner")
    axe_check(page)

    page.get_by_role("link", name="Samling 1: Heltid som hovedregel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samling 1: Heltid som hovedregel")
    expect(page.get_by_text("kl. 09.30–15.30")).to_be_visible()
    expect(page.get_by_text("Čáhppesjávri kulturviessu, Jávrregeaidnu 3, 9979 Čáhppesjávri")).to_be_visible()
    expect(programme_row(page, "Heltidskultur – hva er det?")).to_contain_text("Máret Ánde Guttorm, Utviklingssenteret")
    rows = page.get_by_role("table", name="Programmet for samlingen").get_by_role("rowheader")
    expect(rows).to_have_text(["Heltidskultur – hva er det?", "Tiltak for heltid på tvers av kommunene"])
    axe_check(page)


def test_a_gruppeleder_signs_the_team_up_with_dietary_needs(page, learning_network, save):
    world = learning_network
    (gathering,) = save(Gathering(
        network_id=world.network.id, number=2, title="Rekruttering av unge", held_on=today() + timedelta(days=20),
        starts_at=time(9, 30), ends_at=time(15, 30), venue="Fjordvik kulturhus", address="Kaigata 4",
        host_team_id=world.fjordvik.id, focus="Rekruttering av unge",
    ))

    page.goto(f"/samlinger/{gathering.id}")
    sign_in(page, world.people["Biret Sárá Eira"].email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Samling 2: Rekruttering av unge")
    expect(page.get_by_role("link", name="Meld på Fjordvik kommune")).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Meld på Čáhppesjávri suohkan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Påmelding for Čáhppesjávri suohkan")
    axe_check(page)
    page.get_by_label("Påmeldt: Biret Sárá Eira").check()
    page.get_by_label("Kost og allergier – Biret Sárá Eira").fill("Laktosefri")
    page.get_by_label("Påmeldt: Nils-Ŋuvllát Somby").check()
    page.get_by_label("Navn – ny deltaker 1").fill("Ánne Ŧuolbmá Čoavji")
    page.get_by_label("Stilling eller rolle – ny deltaker 1").fill("Vikar")
    page.get_by_label("Kost og allergier – ny deltaker 1").fill("<nøtter>")
    page.get_by_role("button", name="Lagre påmeldingen").click()

    # Angle brackets are refused; everything typed is still there.
    expect(page.get_by_role("alert")).to_contain_text("Feltet kan ikke inneholde tegnene < og >.")
    expect(page.get_by_label("Navn – ny deltaker 1")).to_have_value("Ánne Ŧuolbmá Čoavji")
    expect(page.get_by_label("Kost og allergier – Biret Sárá Eira")).to_have_value("Laktosefri")
    axe_check(page)
    page.get_by_label("Kost og allergier – ny deltaker 1").fill("Nøtteallergi 🥜")
    page.get_by_role("button", name="Lagre påmeldingen").click()

    expect(page.get_by_role("status")).to_have_text("Påmeldingen for Čáhppesjávri suohkan er lagret.")
    team_row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Čáhppesjávri suohkan"))
    expect(team_row).to_contain_text("3")
    expect(team_row.get_by_role("link", name="Endre påmeldingen Čáhppesjávri suohkan")).to_be_visible()
    axe_check(page)

    team_row.get_by_role("link", name="Endre påmeldingen Čáhppesjávri suohkan").click()
    expect(page.get_by_label("Påmeldt: Nils-Ŋuvllát Somby")).to_be_checked()
    expect(page.get_by_label("Navn – Ánne Ŧuolbmá Čoavji")).to_have_value("Ánne Ŧuolbmá Čoavji")
    expect(page.get_by_label("Kost og allergier – Ánne Ŧuolbmá Čoavji")).to_have_value("Nøtteallergi 🥜")
    axe_check(page)
