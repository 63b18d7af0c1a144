"""A project leader builds a gathering's evaluation in a real browser: the starter template, a new
poll that picks the template when a gathering is chosen, and a question added; axe-clean pages."""
from __future__ import annotations

from datetime import date, time

from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem


def test_the_leader_builds_a_gathering_evaluation_from_the_starter_template(page, live_server, learning_network, save):
    network = learning_network.network
    (gathering,) = save(Gathering(network_id=network.id, number=2, title="Heltid som hovedregel",
                                  held_on=date(2027, 2, 11), starts_at=time(9, 30), ends_at=time(15, 30)))
    save(ProgrammeItem(gathering_id=gathering.id, starts_at=time(10), title="Heltidskultur", kind=ItemKind.TALK,
                       speaker="Máret Ánde Guttorm"))
    page.goto(f"/nettverk/{network.id}/avstemninger")
    sign_in(page, learning_network.facilitator.email)

    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluering og avstemninger")
    axe_check(page)
    page.get_by_role("link", name="Lag evalueringsmalen").click()
    page.get_by_role("button", name="Bruk forslaget til evalueringsmal").click()
    expect(page.get_by_role("status")).to_contain_text("Evalueringsmalen har fått 8 spørsmål.")
    axe_check(page)

    page.get_by_role("link", name="Evaluering og avstemninger").first.click()
    page.get_by_role("link", name="Ny avstemning").click()
    template_box = page.get_by_label("Start med spørsmålene fra evalueringsmalen")
    expect(template_box).not_to_be_checked()
    page.get_by_label("Samling").select_option(label="Samling 2: Heltid som hovedregel (11.02.2027)")
    expect(template_box).to_be_checked()
    expect(page.get_by_label("Tittel")).to_have_value("Evaluering – Heltid som hovedregel")
    axe_check(page)
    page.get_by_role("button", name="Opprett avstemningen").click()

    expect(page.get_by_text("Heltidskultur (Máret Ánde Guttorm)")).to_be_visible()
    expect(page.get_by_text("Fra evalueringsmalen, versjon 1")).to_have_count(8)
    axe_check(page)
    page.get_by_role("link", name="Flere valg").click()
    page.get_by_label("Spørsmål", exact=True).fill("Hva var mest nyttig i dag?")
    page.get_by_label("Svaralternativer").fill("Foredraget\nGruppearbeidet\nLunsjpraten")
    page.get_by_label("Flest valg per deltaker").fill("5")
    page.get_by_role("button", name="Legg til spørsmålet").click()
    expect(page.get_by_text("Flest valg må være mellom 1 og 3.").first).to_be_visible()
    expect(page.get_by_label("Svaralternativer")).to_have_value("Foredraget\nGruppearbeidet\nLunsjpraten")
    axe_check(page)
    page.get_by_label("Flest valg per deltaker").fill("2")
    page.get_by_role("button", name="Legg til spørsmålet").click()

    expect(page.get_by_role("status")).to_contain_text("Spørsmålet er lagt til.")
    expect(page.get_by_text("3 alternativer: Foredraget · Gruppearbeidet · Lunsjpraten (høyst 2 valg)")).to_be_visible()
