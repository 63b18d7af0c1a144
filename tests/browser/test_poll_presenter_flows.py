"""The presenter's screen in a real browser: the leader puts a live poll on the projector, a
participant answers on a phone, and the screen shows the answer without being reloaded; the
leader moves on with the keyboard. The screen is checked with axe-core."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.extensions import db
from verksted.polls.models import Poll, PollQuestion, PollState, QuestionKind, QuestionState

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def live_poll(app, learning_network):
    """A live evaluation, one question at a time: a scale (open), then a word cloud."""
    with app.app_context():
        poll = Poll(network_id=learning_network.network.id, title="Evaluering – samling 2 i Čáhppesjávri",
                    code="482913", state=PollState.LIVE, current_position=0, version=1)
        poll.questions = [
            PollQuestion(position=0, kind=QuestionKind.SCALE, prompt="Hvor nyttig var gruppearbeidet på tvers?",
                         settings={"max": 5, "low_label": "Lite nyttig", "high_label": "Svært nyttig",
                                   "dont_know": False}, state=QuestionState.OPEN, results_visible=True),
            PollQuestion(position=1, kind=QuestionKind.WORDS, prompt="Hva tar du med deg hjem?",
                         settings={"max_words": 3}, state=QuestionState.PENDING, results_visible=True),
        ]
        db.session.add(poll)
        db.session.commit()
        return poll.id


def test_the_screen_shows_a_phones_answer_without_reloading_and_moves_on_by_keyboard(
        page, new_context, live_server, learning_network, live_poll):
    page.goto("/logg-inn")
    sign_in(page, learning_network.facilitator.email)
    page.goto(f"/avstemninger/{live_poll}/skjerm")

    stage = page.locator("#skjerm-stage")
    expect(page.get_by_role("heading", name="Hvor nyttig var gruppearbeidet på tvers?")).to_be_visible()
    expect(stage).to_contain_text(f"Gå til {live_server.url.split('://')[1]}/svar og skriv")
    expect(stage.locator(".join__code")).to_have_text("482913")
    expect(page.get_by_role("img", name=re.compile("QR-kode"))).to_be_visible()
    expect(page.locator("#antall-svar")).to_have_text("0 svar")
    axe_check(page)

    # A participant in the room answers on a phone, through the answer page's own form.
    phone = new_context(**PHONE).new_page()
    phone.goto("/svar/482913")
    question = phone.locator("form").filter(has_text="Hvor nyttig var gruppearbeidet på tvers?")
    question.locator("input[type=radio][value='4']").check(force=True)
    question.get_by_role("button", name=re.compile("Send")).click()

    # The projector follows by itself: the count, the mean and the column for 4.
    expect(page.locator("#antall-svar")).to_have_text("1 svar", timeout=5000)
    expect(page.locator("#antall-deltakere")).to_have_text("1 deltaker", timeout=5000)
    expect(stage).to_contain_text("4,0 av 5 i snitt", timeout=5000)
    expect(stage.get_by_role("listitem").filter(has_text="4: 1 svar")).to_be_visible()
    axe_check(page)

    # → moves to the next question; the screen follows without a reload.
    page.locator("body").press("ArrowRight")
    expect(page.get_by_role("heading", name="Hva tar du med deg hjem?")).to_be_visible(timeout=5000)
    expect(stage).to_contain_text("Spørsmål 2 av 2")
    expect(page.get_by_role("button", name="Neste")).to_be_disabled()

    # R hides the results from the room, and shows them again.
    page.locator("body").press("r")
    expect(stage).to_contain_text("Resultatene vises når du velger det", timeout=5000)
    page.locator("body").press("r")
    expect(stage).to_contain_text("Ordene kommer her når de første har svart.", timeout=5000)
    axe_check(page)

    # ← goes back, and the first question's results are still there.
    page.locator("body").press("ArrowLeft")
    expect(page.get_by_role("heading", name="Hvor nyttig var gruppearbeidet på tvers?")).to_be_visible(timeout=5000)
    expect(page.locator("#antall-svar")).to_have_text("1 svar")


def answer_on_a_phone(new_context, prompt: str, fill) -> None:
    """Someone in the room joins by the code and answers the question on the screen."""
    phone = new_context(**PHONE).new_page()
    phone.goto("/svar/482913")
    question = phone.locator("form").filter(has_text=prompt)
    fill(question)
    question.get_by_role("button", name=re.compile("Send")).click()
    expect(phone.get_by_role("status").filter(has_text=re.compile("lagret|Lagret"))).not_to_have_count(0)


def test_the_screen_keeps_its_results_through_a_lost_connection_and_catches_up(
        page, new_context, learning_network, live_poll):
    page.goto("/logg-inn")
    sign_in(page, learning_network.facilitator.email)
    page.goto(f"/avstemninger/{live_poll}/skjerm")
    answer_on_a_phone(new_context, "Hvor nyttig var gruppearbeidet på tvers?",
                      lambda form: form.locator("input[type=radio][value='5']").check(force=True))
    expect(page.locator("#antall-svar")).to_have_text("1 svar", timeout=5000)

    page.context.set_offline(True)
    expect(page.get_by_text("Mistet forbindelsen – prøver igjen")).to_be_visible(timeout=5000)
    answer_on_a_phone(new_context, "Hvor nyttig var gruppearbeidet på tvers?",
                      lambda form: form.locator("input[type=radio][value='3']").check(force=True))
    expect(page.locator("#antall-svar")).to_have_text("1 svar")
    expect(page.locator("#skjerm-stage")).to_contain_text("5,0 av 5 i snitt")

    page.context.set_offline(False)
    expect(page.get_by_text("Mistet forbindelsen – prøver igjen")).to_be_hidden(timeout=5000)
    expect(page.locator("#antall-svar")).to_have_text("2 svar", timeout=5000)
    expect(page.locator("#skjerm-stage")).to_contain_text("4,0 av 5 i snitt")


def test_the_leader_hides_a_word_from_the_cloud_and_shows_it_again(page, new_context, learning_network, live_poll):
    page.goto("/logg-inn")
    sign_in(page, learning_network.facilitator.email)
    page.goto(f"/avstemninger/{live_poll}/skjerm")
    page.get_by_role("button", name="Neste").click()
    expect(page.get_by_role("heading", name="Hva tar du med deg hjem?")).to_be_visible()
    answer_on_a_phone(new_context, "Hva tar du med deg hjem?",
                      lambda form: form.get_by_role("textbox").first.fill("Samarbeid, Tullprat"))

    cloud = page.locator(".cloud")
    expect(cloud).to_contain_text("Tullprat", timeout=5000)
    cloud.get_by_role("button", name="Skjul «Tullprat»").click()

    expect(cloud).not_to_contain_text("Tullprat")
    expect(cloud).to_contain_text("Samarbeid")
    hidden = page.locator("#skjulte")
    hidden.locator("summary").click()
    expect(hidden).to_contain_text("1 skjult ord")
    axe_check(page)
    hidden.get_by_role("button", name="Vis igjen «Tullprat»").click()
    expect(cloud).to_contain_text("Tullprat")
