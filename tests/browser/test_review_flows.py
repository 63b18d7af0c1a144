"""The project leader's review in a real browser: from the overview to a submitted document, a
comment on one section with a saved phrase, a return for revision; the team then finds the
comment beside the section. Every page visited is checked with axe-core."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from tests.documents.reviewing import make_phrase, make_request, make_submission, make_template  # noqa: F401

pytestmark = pytest.mark.browser

PHRASE = "Skriv gjerne hvem som er ansvarlig for hvert tiltak, og når det skal være gjort."


@pytest.fixture
def submitted(learning_network, make_request, make_submission, make_phrase):
    world = learning_network
    request = make_request(world.network, [world.fjordvik, world.sameby], days=-2, title="Statusrapport før samling 3")
    make_submission(request, world.fjordvik)
    make_phrase(world.network, PHRASE)
    return world


def test_the_leader_comments_on_a_section_with_a_phrase_and_sends_the_document_back(new_context, submitted):
    world = submitted
    leader = new_context().new_page()
    leader.goto("/logg-inn")
    sign_in(leader, world.facilitator.email)

    leader.goto(f"/nettverk/{world.network.id}/dokumenter/oversikt")
    matrix = leader.get_by_role("table", name="Aktive kommuneteam")
    fjordvik = matrix.get_by_role("row").filter(has=leader.get_by_role("rowheader", name="Fjordvik kommune"))
    expect(fjordvik).to_contain_text("Sendt inn")
    expect(matrix.get_by_role("row").filter(has=leader.get_by_role("rowheader", name="Čáhppesjávri suohkan"))
           ).to_contain_text("Ikke påbegynt")
    axe_check(leader)

    fjordvik.get_by_role("link").click()
    expect(leader).to_have_url(re.compile(r"/dokumenter/\d+$"))
    expect(leader.get_by_role("heading", name="Tilbakemelding", exact=True)).to_be_visible()
    axe_check(leader)

    comment = leader.locator("form").filter(has=leader.get_by_label("Kommentar", exact=True))
    comment.get_by_label("Gjelder").select_option(label="Tiltak i perioden")
    comment.get_by_label("Sett inn frase").select_option(label=PHRASE)
    expect(comment.get_by_label("Kommentar", exact=True)).to_have_value(PHRASE)
    comment.get_by_label("Kommentar", exact=True).press("End")
    comment.get_by_label("Kommentar", exact=True).type(" Gjelder særlig langvaktene.")
    comment.get_by_role("button", name="Lagre kommentaren").click()
    expect(leader.get_by_role("status")).to_contain_text("Kommentaren er lagret, og teamet har fått beskjed.")
    axe_check(leader)

    leader.get_by_label("Hva skal teamet endre?").fill("Beskriv hvordan dere vil måle effekten – også i Čáhppesjávri.")
    leader.get_by_role("button", name="Send tilbake til teamet").click()
    expect(leader.get_by_role("status")).to_contain_text("Dokumentet er sendt tilbake til Fjordvik kommune for endring.")
    expect(leader.get_by_text("Status: Sendt tilbake")).to_be_visible()
    axe_check(leader)

    team = new_context().new_page()
    team.goto(leader.url.split("#")[0])
    sign_in(team, "9901-0@kommune.example")  # Ingrid Sæther, Fjordvik's gruppeleder
    beside = team.get_by_role("complementary", name="Tilbakemelding på Tiltak i perioden")
    expect(beside).to_contain_text(PHRASE + " Gjelder særlig langvaktene.")
    expect(team.get_by_text("Beskriv hvordan dere vil måle effekten – også i Čáhppesjávri.")).to_be_visible()
    expect(team.get_by_role("heading", name="Tilbakemelding", exact=True)).to_have_count(0)  # the leader's panel
    axe_check(team)


def test_the_overview_filters_by_state_without_script(new_context, submitted):
    world = submitted
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/logg-inn")
    sign_in(page, world.facilitator.email)
    page.goto(f"/nettverk/{world.network.id}/dokumenter/oversikt")

    page.get_by_label("Status").select_option(label="Sendt inn")
    page.get_by_role("button", name="Vis").click()

    rows = page.get_by_role("table", name="Aktive kommuneteam").get_by_role("rowheader")
    expect(rows).to_have_text(["Fjordvik kommune", "Levert"])
    expect(page.get_by_role("link", name="Vis alt")).to_be_visible()
