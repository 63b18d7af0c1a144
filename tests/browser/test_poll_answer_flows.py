"""A participant at a gathering, on a phone: types the code at /svar, answers every kind of
question, keeps the choice through a lost connection, and follows the presenter from one
question to the next without reloading the page."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.browser.conftest import axe_check
from tests.polls.test_answer_views import EVERY_KIND
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.polls import services
from verksted.polls.models import Answer, Poll, PollPace, QuestionKind

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
SAVED_TIMEOUT = 10_000  # the page checks for the presenter's changes every two seconds


def live_poll(app, network, questions, pace) -> SimpleNamespace:
    """A poll started the way the project leader starts it, with its question ids by kind."""
    with app.app_context():
        poll = services.create_poll(db.session.get(Network, network.id), "Evaluering – samling 3", from_template=False)
        for kind, prompt, settings in questions:
            services.add_question(poll, kind, prompt, settings)
        services.start_poll(poll, pace=pace)
        db.session.commit()
        return SimpleNamespace(id=poll.id, code=poll.code, questions=[(q.kind, q.id) for q in poll.questions])


def stored(app, question_id) -> list[dict]:
    with app.app_context():
        return [a.value for a in db.session.scalars(sa.select(Answer).where(Answer.question_id == question_id))]


@pytest.fixture
def phone(new_context):
    return new_context(**PHONE).new_page()


def send_and_see_it_saved(section) -> None:
    section.get_by_role("button", name="Send svar").click()
    expect(section.get_by_role("button", name="Lagret ✓")).to_be_visible(timeout=SAVED_TIMEOUT)
    expect(section.get_by_role("status")).to_have_text("Svaret er lagret.")


def test_a_participant_on_a_phone_joins_by_code_and_answers_every_kind(app, phone, learning_network):
    poll = live_poll(app, learning_network.network, EVERY_KIND, PollPace.ALL)
    ids = dict(poll.questions)

    phone.goto("/svar")
    axe_check(phone)
    phone.get_by_label("Koden på skjermen").fill(poll.code)
    phone.get_by_role("button", name="Bli med").click()
    expect(phone).to_have_url(re.compile(rf"/svar/{poll.code}$"))
    expect(phone.get_by_role("heading", name="Evaluering – samling 3")).to_be_visible()
    axe_check(phone)

    def question(kind):
        return phone.locator(f"#q{ids[kind]}")

    scale = question(QuestionKind.SCALE)
    scale.get_by_role("radio", name="4", exact=True).check()
    send_and_see_it_saved(scale)

    single = question(QuestionKind.SINGLE)
    single.get_by_label("Gruppearbeidet").check()
    send_and_see_it_saved(single)

    multiple = question(QuestionKind.MULTIPLE)
    expect(multiple).to_contain_text("Velg inntil 2.")
    multiple.get_by_label("Turnusplan").check()
    multiple.get_by_label("Mentorordning").check()
    send_and_see_it_saved(multiple)

    words = question(QuestionKind.WORDS)
    words.get_by_label("Ord 1").fill("Samarbeid")
    words.get_by_label("Ord 2").fill("Čoahkkin")
    send_and_see_it_saved(words)

    text = question(QuestionKind.TEXT)
    text.get_by_label("Ditt svar").fill("Å høre hvordan Čáhppesjávri organiserer turnusen 👍")
    expect(text).to_contain_text("51 av 1000 tegn")
    send_and_see_it_saved(text)

    ranking = question(QuestionKind.RANKING)
    ranking.get_by_role("button", name="Flytt opp: Velferdsteknologi").click()
    ranking.get_by_role("button", name="Flytt opp: Velferdsteknologi").click()
    expect(ranking.locator("li")).to_have_text(["Velferdsteknologi↑↓", "Demens↑↓", "Palliasjon↑↓"])
    send_and_see_it_saved(ranking)

    programme = question(QuestionKind.PROGRAMME)
    programme.get_by_role("group", name="Foredrag om heltidskultur").get_by_role("radio", name="9", exact=True).check()
    programme.get_by_role("group", name="Gruppearbeid på tvers av kommunene").get_by_role("radio", name="Vet ikke").check()
    send_and_see_it_saved(programme)

    assert stored(app, ids[QuestionKind.SCALE]) == [{"score": 4}]
    assert stored(app, ids[QuestionKind.SINGLE]) == [{"choice": 1}]
    assert stored(app, ids[QuestionKind.MULTIPLE]) == [{"choices": [0, 2]}]
    assert stored(app, ids[QuestionKind.WORDS]) == [{"words": ["Samarbeid", "Čoahkkin"]}]
    assert stored(app, ids[QuestionKind.TEXT]) == [{"text": "Å høre hvordan Čáhppesjávri organiserer turnusen 👍"}]
    assert stored(app, ids[QuestionKind.RANKING]) == [{"order": [2, 0, 1]}]
    assert stored(app, ids[QuestionKind.PROGRAMME]) == [{"scores": {"1": 9, "2": "dont_know"}}]

    phone.reload()
    expect(scale.get_by_role("radio", name="4", exact=True)).to_be_checked()
    expect(ranking.locator("li").first).to_have_text("Velferdsteknologi↑↓")
    axe_check(phone)


def test_an_answer_sent_without_a_connection_is_sent_again_with_the_choice_made(app, phone, learning_network):
    poll = live_poll(app, learning_network.network, EVERY_KIND[:1], PollPace.ALL)
    (kind, question_id), = poll.questions
    phone.goto(f"/svar/{poll.code}")
    section = phone.locator(f"#q{question_id}")

    phone.context.set_offline(True)
    section.get_by_role("radio", name="2", exact=True).check()
    section.get_by_role("button", name="Send svar").click()
    expect(section.get_by_role("status")).to_have_text("Ingen forbindelse – prøver igjen")
    section.get_by_role("radio", name="5 (Svært nyttig)").check()
    phone.context.set_offline(False)

    expect(section.get_by_role("button", name="Lagret ✓")).to_be_visible(timeout=SAVED_TIMEOUT)
    assert stored(app, question_id) == [{"score": 5}]


def test_the_phone_shows_the_next_question_when_the_presenter_moves_on(app, phone, learning_network):
    poll = live_poll(app, learning_network.network, [
        (QuestionKind.SCALE, "Hvor nyttig var foredraget?", {"max": 5}),
        (QuestionKind.TEXT, "Hva vil dere prøve hjemme?", {}),
    ], PollPace.ONE)
    phone.goto(f"/svar/{poll.code}")
    first = phone.locator(f"#q{poll.questions[0][1]}")
    first.get_by_role("radio", name="3", exact=True).check()
    send_and_see_it_saved(first)
    phone.evaluate("window.stillTheSamePage = true")

    with app.app_context():
        services.show_question(db.session.get(Poll, poll.id), 1)
        db.session.commit()

    expect(phone.get_by_role("heading", name="Hva vil dere prøve hjemme?")).to_be_visible(timeout=SAVED_TIMEOUT)
    expect(phone.get_by_role("heading", name="Hvor nyttig var foredraget?")).to_have_count(0)
    assert phone.evaluate("window.stillTheSamePage") is True
    second = phone.locator(f"#q{poll.questions[1][1]}")
    second.get_by_label("Ditt svar").fill("Ønsketurnus på sykehjemmet")
    send_and_see_it_saved(second)
    assert stored(app, poll.questions[1][1]) == [{"text": "Ønsketurnus på sykehjemmet"}]

    with app.app_context():
        services.close_question(db.session.get(Poll, poll.id).questions[1])
        db.session.commit()

    expect(second).to_contain_text("Spørsmålet er stengt.", timeout=SAVED_TIMEOUT)
    expect(phone.locator("#sporsmal").get_by_text("Vent på neste spørsmål.")).to_be_visible()
    axe_check(phone)


def test_a_phone_without_javascript_answers_by_plain_forms(app, new_context, learning_network):
    poll = live_poll(app, learning_network.network, [
        (QuestionKind.RANKING, "Hvilket kompetansebehov er viktigst?",
         {"options": ["Demens", "Palliasjon", "Velferdsteknologi"]}),
        (QuestionKind.WORDS, "Tre ord om dagen", {"max_words": 3}),
    ], PollPace.ALL)
    (_, ranking_id), (_, words_id) = poll.questions
    phone = new_context(java_script_enabled=False, **PHONE).new_page()
    phone.goto(f"/svar/{poll.code}")

    ranking = phone.locator(f"#q{ranking_id}")
    ranking.get_by_label("Demens").select_option(label="Plass 3")
    ranking.get_by_label("Velferdsteknologi").select_option(label="Plass 1")
    ranking.get_by_role("button", name="Send svar").click()

    expect(phone.get_by_text("Svaret er lagret. Du kan endre det så lenge spørsmålet er åpent.")).to_be_visible()
    assert stored(app, ranking_id) == [{"order": [2, 1, 0]}]

    words = phone.locator(f"#q{words_id}")
    words.get_by_label("Ord 1").fill("Tillit")
    words.get_by_label("Ord 2").evaluate("field => field.removeAttribute('maxlength')")
    words.get_by_label("Ord 2").fill("Kompetanseutviklingsprogrammeringsarbeidet")
    words.get_by_role("button", name="Send svar").click()

    expect(phone.get_by_role("alert").filter(has_text="Et ord kan være høyst 40 tegn.")).to_be_visible()
    expect(words.get_by_label("Ord 1")).to_have_value("Tillit")
    assert stored(app, words_id) == []
