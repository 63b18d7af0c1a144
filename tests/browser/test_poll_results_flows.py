"""A project leader reads a gathering's results and the evaluation across gatherings in a real
browser, and downloads the evaluation as a PDF. axe-core checks both pages."""
from __future__ import annotations

import secrets
from datetime import date, time
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.browser.conftest import axe_check, sign_in
from verksted.gatherings.models import Gathering
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    Poll,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)

pytestmark = pytest.mark.browser

USEFUL_BEFORE = "Hvor nyttig var gruppearbeidet på tvers?"
USEFUL = "Hvor nyttig var gruppearbeidet på tvers av kommunene?"
SCORES = {1: [3, 3, 4, 2, 3, 3], 2: [4, 4, 3, 4, 5, 4], 3: [5, 4, 5, 5, 4, 5]}


@pytest.fixture
def evaluated(learning_network, save):
    """Three gatherings, each evaluated with the template's scale and open question, the scale
    reworded before the third; Fjordvik gave six scores each time, Čáhppesjávri one, and four
    people did not say where they were from."""
    network, fjordvik, sameby = learning_network.network, learning_network.fjordvik, learning_network.sameby
    scale, words = save(
        EvaluationQuestion(network_id=network.id, kind=QuestionKind.SCALE, position=1,
                           versions=[EvaluationQuestionVersion(number=1, prompt=USEFUL_BEFORE, settings={"max": 5}),
                                     EvaluationQuestionVersion(number=2, prompt=USEFUL, settings={"max": 5})]),
        EvaluationQuestion(network_id=network.id, kind=QuestionKind.TEXT, position=2,
                           versions=[EvaluationQuestionVersion(number=1, prompt="Hva tar du med deg hjem?",
                                                               settings={})]),
    )
    polls = []
    for number, scores in SCORES.items():
        (gathering,) = save(Gathering(network_id=network.id, number=number, title=f"Samling {number}",
                                      held_on=date(2026, 2 * number, 10), starts_at=time(9), ends_at=time(15)))
        (poll,) = save(Poll(network_id=network.id, gathering_id=gathering.id, title=f"Evaluering samling {number}",
                            code=f"58{number}913", state=PollState.CLOSED))
        rated, told = save(
            PollQuestion(poll_id=poll.id, position=0, kind=QuestionKind.SCALE, settings={"max": 5},
                         prompt=USEFUL if number == 3 else USEFUL_BEFORE,
                         state=QuestionState.CLOSED, evaluation_question_id=scale.id),
            PollQuestion(poll_id=poll.id, position=1, kind=QuestionKind.TEXT, prompt="Hva tar du med deg hjem?",
                         settings={}, state=QuestionState.CLOSED, evaluation_question_id=words.id),
        )
        save(*[Answer(question_id=rated.id, answer_key=secrets.token_hex(32), value={"score": s}, team_id=fjordvik.id)
               for s in scores],
             Answer(question_id=rated.id, answer_key=secrets.token_hex(32), value={"score": 1}, team_id=sameby.id),
             *[Answer(question_id=rated.id, answer_key=secrets.token_hex(32), value={"score": 3}) for _ in range(4)],
             Answer(question_id=told.id, answer_key=secrets.token_hex(32),
                    value={"text": f"Samarbeid med Čáhppesjávri 🌞 ({number})"}))
        polls.append(poll)
    return polls


def test_a_leader_reads_the_results_and_takes_the_evaluation_home_as_pdf(page, learning_network, evaluated):
    page.goto("/")
    sign_in(page, "prosjektleder@usht.example")

    page.goto(f"/avstemninger/{evaluated[-1].id}/resultater")
    assert page.get_by_role("heading", name=f"1. {USEFUL}").is_visible()
    assert page.get_by_role("table", name="Fordelingen av svarene").is_visible()
    assert page.get_by_text("Skjult: færre enn 5 svar").count() == 1
    axe_check(page)

    page.get_by_role("link", name="Evalueringen på tvers av samlingene").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Evaluering på tvers av samlinger").is_visible()
    assert page.get_by_role("img", name="Gjennomsnitt samling for samling").is_visible()
    assert page.get_by_text(f"Ny formulering fra samling 3: «{USEFUL}»").is_visible()
    assert page.get_by_role("table", name="Resultater samling for samling").first.is_visible()
    axe_check(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned som PDF").click()
    reader = PdfReader(BytesIO(open(download.value.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert download.value.suggested_filename.startswith("evaluering-rekruttere-og-beholde-")
    assert USEFUL in text
    assert "Samling 1 11 2,82" in text
    assert "Samling 3 (ny formulering) 11 3,73" in text
    assert "Skjult: færre enn 5 svar" in text
