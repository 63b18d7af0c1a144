"""The evaluation across gatherings: each template question gathering by gathering, where its
wording changed, a split by municipality shown only for groups of five, on the page and in
the PDF."""
from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from verksted.polls.models import PollState, QuestionKind
from tests.pages import section_text, text

USEFUL = "Hvor nyttig var gruppearbeidet på tvers?"
USEFUL_NOW = "Hvor nyttig var gruppearbeidet på tvers av kommunene?"
OPTIONS = {"options": ["Foredragene", "Gruppearbeidet", "Standene"]}


@pytest.fixture
def evaluated(cast, make_gathering, make_poll, make_answers, make_evaluation_question):
    """Three gatherings evaluated from the template, a fourth held without a poll and a fifth
    still ahead. The scale question was reworded before gathering 3."""
    network = cast.network
    scale = make_evaluation_question(network, QuestionKind.SCALE, (USEFUL, USEFUL_NOW), position=1)
    single = make_evaluation_question(network, QuestionKind.SINGLE, "Hva var best?", settings=OPTIONS, position=2)
    words = make_evaluation_question(network, QuestionKind.WORDS, "Hva tar du med deg hjem?", position=3)
    open_text = make_evaluation_question(network, QuestionKind.TEXT, "Hva bør vi gjøre annerledes?", position=4)
    programme = make_evaluation_question(network, QuestionKind.PROGRAMME, "Vurder programmet", position=5)
    ranking = make_evaluation_question(network, QuestionKind.RANKING, "Hvilke behov er viktigst?",
                                       settings={"options": ["Rekruttering", "Heltid"]}, position=6, retired=True)
    make_evaluation_question(network, QuestionKind.MULTIPLE, "Et spørsmål ingen fikk", settings=OPTIONS,
                             position=7, retired=True)
    gatherings = [make_gathering(network, number=n, days_ahead=days)
                  for n, days in ((1, -200), (2, -120), (3, -40), (4, -5), (5, 60))]

    first = make_poll(network, gatherings[0], state=PollState.CLOSED, title="Evaluering samling 1",
                      evaluation_questions=[scale, single, open_text, ranking], questions=[
                          (QuestionKind.SCALE, USEFUL, None), (QuestionKind.SINGLE, "Hva var best?", OPTIONS),
                          (QuestionKind.TEXT, "Hva bør vi gjøre annerledes?", {}),
                          (QuestionKind.RANKING, "Hvilke behov er viktigst?", {"options": ["Rekruttering", "Heltid"]}),
                      ])
    second = make_poll(network, gatherings[1], state=PollState.CLOSED, title="Evaluering samling 2",
                       evaluation_questions=[scale, words], questions=[
                           (QuestionKind.SCALE, USEFUL, None), (QuestionKind.WORDS, "Hva tar du med deg hjem?", None),
                       ])
    third = make_poll(network, gatherings[2], state=PollState.CLOSED, title="Evaluering samling 3",
                      evaluation_questions=[scale, single, open_text], questions=[
                          (QuestionKind.SCALE, USEFUL_NOW, None), (QuestionKind.SINGLE, "Hva var best?", OPTIONS),
                          (QuestionKind.TEXT, "Hva bør vi gjøre annerledes?", {}),
                      ])

    def scores(question, values, team=None):
        make_answers(question, [{"score": value} for value in values], team=team)

    scores(first.questions[0], [3, 3, 3, 4, 2], cast.fjordvik)
    scores(first.questions[0], [2, 3], cast.sameby)
    scores(first.questions[0], [3, 3, 3])
    scores(second.questions[0], [4, 4, 3, 4, 4, 4], cast.fjordvik)
    scores(second.questions[0], [3, 4, 4, 3])
    scores(third.questions[0], [5, 4, 5, 5, 4, 5], cast.fjordvik)
    scores(third.questions[0], [4, 4, 5, 4, 5], cast.sameby)
    scores(third.questions[0], [4])
    make_answers(first.questions[1], [{"choice": 0}, {"choice": 0}, {"choice": 1}])
    make_answers(third.questions[1], [{"choice": 1}, {"choice": 1}, {"choice": 2}, {"choice": 0}])
    make_answers(first.questions[2], [{"text": "Mer tid til kafébord"}])
    make_answers(third.questions[2], [{"text": "Lengre lunsj"}, {"text": "Flere besøk"}])
    make_answers(first.questions[3], [{"order": [1, 0]}, {"order": [1, 0]}])
    make_answers(second.questions[1], [{"words": ["Trygghet", "nettverk"]}, {"words": ["trygghet"]},
                                       {"words": ["Ŋoahtu 🌞"]}])
    return SimpleNamespace(network=network, polls=(first, second, third), gatherings=gatherings, scale=scale,
                           single=single, words=words, open_text=open_text, programme=programme, ranking=ranking)


def text_of(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.fixture
def page(cast, evaluated):
    response = cast.client_for(cast.observer).get(f"/nettverk/{evaluated.network.id}/evaluering")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_scale_question_shows_mean_spread_and_answers_gathering_by_gathering(page, evaluated):
    section = section_text(page, f"sporsmal-{evaluated.scale.id}")

    assert f"1. {USEFUL_NOW}" in section
    assert "Samling 1 10 2,9 0,54 3 2–4 0" in section
    assert "Samling 2 10 3,7 0,46 4 3–4 0" in section
    assert "Samling 3 (ny formulering) 12 4,5 0,5 4,5 4–5 0" in section
    chart = re.search(rf'<svg class="trend-chart".*?</svg>', page, re.S).group(0)
    assert "Samling 1 2,9; Samling 2 3,7; Samling 3 4,5" in chart  # what a screen reader hears
    assert chart.count('class="trend-chart__mean"') == 3


def test_a_changed_wording_is_marked_from_the_gathering_it_changed(page, evaluated):
    section = section_text(page, f"sporsmal-{evaluated.scale.id}")

    assert f"Spurt som «{USEFUL}» fra samling 1" in section
    assert f"Ny formulering fra samling 3: «{USEFUL_NOW}»" in section


def test_choices_show_shares_per_gathering_and_say_where_the_question_was_not_asked(page, evaluated):
    section = section_text(page, f"sporsmal-{evaluated.single.id}")

    assert "Antall svar 3 Ikke spurt 4" in section
    assert "Foredragene 66,7 % (2) Ikke spurt 25 % (1)" in section
    assert "Gruppearbeidet 33,3 % (1) Ikke spurt 50 % (2)" in section


def test_words_show_the_top_words_and_open_answers_link_to_each_polls_results(page, evaluated):
    words = section_text(page, f"sporsmal-{evaluated.words.id}")
    open_text = section_text(page, f"sporsmal-{evaluated.open_text.id}")

    assert "Samling 2 3 Trygghet (2), nettverk (1), Ŋoahtu 🌞 (1)" in words
    assert "Samling 1 1" in open_text and "Samling 3 2" in open_text
    first, _second, third = evaluated.polls
    assert f'href="/avstemninger/{first.id}/resultater#sporsmal-{first.questions[2].id}"' in page
    assert f'href="/avstemninger/{third.id}/resultater#sporsmal-{third.questions[2].id}"' in page


def test_the_split_by_municipality_shows_only_groups_of_five_at_each_gathering(page, evaluated):
    section = section_text(page, f"sporsmal-{evaluated.scale.id}")

    assert "Fjordvik kommune Gjennomsnitt 3 (5 svar) Gjennomsnitt 3,83 (6 svar) Gjennomsnitt 4,67 (6 svar)" in section
    assert "Čáhppesjávri suohkan Skjult: færre enn 5 svar Ingen svar Gjennomsnitt 4,4 (5 svar)" in section


def test_retired_questions_with_results_are_marked_and_those_without_are_left_out(page, evaluated):
    section = section_text(page, f"sporsmal-{evaluated.ranking.id}")

    assert "Tatt ut av evalueringsmalen" in section
    assert "1. Heltid (2 poeng)" in section
    assert "Et spørsmål ingen fikk" not in page


def test_a_question_nobody_has_answered_and_gatherings_without_results_say_so(page, evaluated):
    assert "Ingen svar ennå." in section_text(page, f"sporsmal-{evaluated.programme.id}")
    words = text_of(page)
    assert "Samling 4 (" in words and "): ingen avstemning" in words
    assert "): samlingen er ikke holdt ennå" in words



def test_a_network_without_a_template_is_told_how_to_make_one(cast):
    response = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/evaluering")

    assert response.status_code == 200
    assert "Nettverket har ingen evalueringsmal ennå." in text(response)
    assert f'href="/nettverk/{cast.network.id}/evaluering/sporsmal"' in response.get_data(as_text=True)
    assert "Ingen avstemninger har brukt evalueringsmalen ennå." in text(response)


def test_only_leaders_and_observers_of_the_network_see_the_evaluation(cast, evaluated):
    for path in (f"/nettverk/{cast.network.id}/evaluering", f"/nettverk/{cast.network.id}/evaluering.pdf"):
        assert cast.client_for(cast.leader).get(path).status_code == 200
        assert cast.client_for(cast.biret).get(path).status_code == 403
        assert cast.client_for(cast.stranger).get(path).status_code == 404
    assert cast.client_for(cast.leader).get("/nettverk/999999/evaluering").status_code == 404


def test_the_pdf_holds_the_questions_gatherings_means_and_every_letter(cast, evaluated):
    response = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/evaluering.pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert re.match(r"attachment; filename=\"evaluering-rekruttere-og-beholde-nordfjella-\d{4}-\d\d-\d\d\.pdf\"",
                    response.headers["Content-Disposition"])
    reader = PdfReader(io.BytesIO(response.get_data()))
    words = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Evaluering på tvers av samlinger" in words
    assert "Rekruttere og beholde – Nordfjella" in words
    for expected in (USEFUL_NOW, "Hva var best?", "Hvilke behov er viktigst?", "Samling 1", "Samling 2", "Samling 3",
                     "2,9", "3,7", "4,5", "Čáhppesjávri suohkan", "Ŋoahtu", "66,7 %", "Ny formulering fra samling 3",
                     "Skjult: færre enn 5 svar", "side 1 av"):
        assert expected in words, expected
    assert reader.metadata.title == "Evaluering på tvers av samlinger – Rekruttere og beholde – Nordfjella"
    assert reader.trailer["/Root"]["/Lang"] == "nb"


def test_the_pdf_of_a_network_without_results_says_so(cast):
    response = cast.client_for(cast.observer).get(f"/nettverk/{cast.network.id}/evaluering.pdf")

    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.get_data())).pages)
    assert "Nettverket har ingen evalueringsmal ennå." in " ".join(words.split())


def test_the_page_costs_the_same_queries_for_two_gatherings_as_for_five_with_many_answers(
    cast, make_gathering, make_poll, make_answers, make_evaluation_question, make_team, count_queries
):
    small = cast.network
    large = cast.other_network
    sordal = make_team(large, "Sørdal kommune")
    for network, team, gatherings, per_team in ((small, cast.fjordvik, 2, 1), (large, sordal, 5, 30)):
        scale = make_evaluation_question(network, QuestionKind.SCALE, "Hvor nyttig?")
        single = make_evaluation_question(network, QuestionKind.SINGLE, "Hva var best?", settings=OPTIONS)
        for number in range(1, gatherings + 1):
            gathering = make_gathering(network, number=number, days_ahead=-10 * number)
            poll = make_poll(network, gathering, state=PollState.CLOSED, evaluation_questions=[scale, single],
                             questions=[(QuestionKind.SCALE, "Hvor nyttig?", None),
                                        (QuestionKind.SINGLE, "Hva var best?", OPTIONS)])
            make_answers(poll.questions[0], [{"score": 4}] * per_team, team=team)
            make_answers(poll.questions[1], [{"choice": 2}] * per_team)
    client = cast.client_for(cast.leader)
    stranger = cast.client_for(cast.stranger)  # the other network's leader
    client.get(f"/nettverk/{small.id}/evaluering")
    stranger.get(f"/nettverk/{large.id}/evaluering")

    with count_queries() as few:
        assert client.get(f"/nettverk/{small.id}/evaluering").status_code == 200
    with count_queries() as many:
        assert stranger.get(f"/nettverk/{large.id}/evaluering").status_code == 200

    assert len(many) == len(few)


def test_programme_questions_show_the_mean_of_every_item_each_gathering(
    cast, make_gathering, make_poll, make_answers, make_evaluation_question
):
    settings = {"max": 5, "dont_know": True}
    programme = make_evaluation_question(cast.network, QuestionKind.PROGRAMME, "Vurder programmet", settings=settings)
    for number, (talk, scores) in enumerate((("Heltid i Čáhppesjávri", (4, 5)), ("Lærlinger forteller", (3, 5))), 1):
        gathering = make_gathering(cast.network, number=number, days_ahead=-100 + number)
        poll = make_poll(cast.network, gathering, state=PollState.CLOSED, evaluation_questions=[programme], questions=[
            (QuestionKind.PROGRAMME, "Vurder programmet", {**settings, "items": [{"id": "1", "title": talk},
                                                                                 {"id": "2", "title": "Kafébord"}]})])
        make_answers(poll.questions[0], [{"scores": {"1": scores[0], "2": 3}}, {"scores": {"1": scores[1],
                                                                                           "2": "dont_know"}}])

    page = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/evaluering").get_data(as_text=True)

    section = section_text(page, f"sporsmal-{programme.id}")
    assert "Samling 1 2 4 0,82 4 3–5 1" in section  # every rating of the day: 4, 5 and 3
    assert "Samling 1 Heltid i Čáhppesjávri 4,5 2 0" in section
    assert "Samling 2 Lærlinger forteller 4 2 0" in section
    assert "Samling 2 Kafébord 3 1 1" in section


def test_a_wording_not_yet_asked_is_told_apart_from_the_wording_the_results_answer(
    cast, make_gathering, make_poll, make_answers, make_evaluation_question
):
    question = make_evaluation_question(cast.network, QuestionKind.SCALE, (USEFUL, USEFUL_NOW))
    gathering = make_gathering(cast.network, number=1, days_ahead=-20)
    poll = make_poll(cast.network, gathering, state=PollState.CLOSED, evaluation_questions=[question],
                     questions=[(QuestionKind.SCALE, USEFUL, None)])
    make_answers(poll.questions[0], [{"score": 4}])

    page = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/evaluering").get_data(as_text=True)

    section = section_text(page, f"sporsmal-{question.id}")
    assert f"1. {USEFUL_NOW}" in section
    assert f"Spurt som «{USEFUL}» fra samling 1" in section
    assert f"Ny formulering i malen, ikke spurt ennå: «{USEFUL_NOW}»" in section
