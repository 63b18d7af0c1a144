"""The results page after a gathering: every kind of question added up, open answers listed
(hidden ones marked), and a split by municipality that never singles anyone out."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from verksted.polls.models import HiddenWord, PollState, QuestionKind, QuestionState
from tests.pages import section_text, text

PROGRAMME = {"max": 5, "dont_know": True, "items": [
    {"id": "11", "title": "Foredrag: Heltid i Čáhppesjávri"}, {"id": "12", "title": "Gruppearbeid på tvers"}]}


@pytest.fixture
def gathering_poll(cast, make_gathering, make_poll, make_answers, save):
    """A closed evaluation at gathering 3 with one question of every kind, answered by people
    from Fjordvik (six), Čáhppesjávri (two) and people who did not say (four)."""
    gathering = make_gathering(cast.network, number=3, days_ahead=-2, title="Heltid og rekruttering")
    poll = make_poll(cast.network, gathering, state=PollState.CLOSED, title="Evaluering", questions=[
        (QuestionKind.SCALE, "Hvor nyttig var samlingen?", {"max": 5, "low_label": "Lite", "high_label": "Svært",
                                                             "dont_know": True}),
        (QuestionKind.SINGLE, "Hva var best i dag?", {"options": ["Foredragene", "Gruppearbeidet", "Standene"]}),
        (QuestionKind.MULTIPLE, "Hva vil dere ha mer av?", {"options": ["Foredrag", "Gruppearbeid", "Besøk"],
                                                            "max_choices": 2}),
        (QuestionKind.WORDS, "Tre ord om dagen", {"max_words": 3}),
        (QuestionKind.TEXT, "Hva bør vi gjøre annerledes?", {}),
        (QuestionKind.RANKING, "Hvilke behov er viktigst?", {"options": ["Rekruttering", "Heltid", "Lederstøtte"]}),
        (QuestionKind.PROGRAMME, "Vurder programmet", PROGRAMME),
    ])
    scale, single, multiple, words, text_question, ranking, programme = poll.questions
    make_answers(scale, [{"score": s} for s in (5, 4, 4, 5, 3, 5)], team=cast.fjordvik)
    make_answers(scale, [{"score": 2}, {"score": 2}], team=cast.sameby)
    make_answers(scale, [{"score": 4}, {"score": 4}, {"score": 3}, {"dont_know": True}])
    make_answers(single, [{"choice": c} for c in (0, 1, 1, 2, 1)])
    make_answers(multiple, [{"choices": [0, 1]}, {"choices": [1]}, {"choices": [1, 2]}, {"choices": [1]}])
    make_answers(words, [{"words": ["Trygghet", "Ovttasbargu"]}, {"words": ["trygghet", "🌞"]},
                         {"words": ["Trygghet", "kjedelig"]}])
    save(HiddenWord(question_id=words.id, word="kjedelig"))
    make_answers(text_question, [{"text": "Mer tid til gruppearbeid på tvers 👍"},
                                 {"text": "<script>alert('hei')</script>"}])
    make_answers(text_question, [{"text": "Lunsjen var for kort, Áile"}], hidden=True)
    make_answers(ranking, [{"order": [0, 1, 2]}, {"order": [0, 2, 1]}, {"order": [1, 0, 2]}])
    make_answers(programme, [{"scores": {"11": 5, "12": 4}}, {"scores": {"11": 4, "12": "dont_know"}},
                             {"scores": {"11": 3, "12": 2}}])
    return SimpleNamespace(poll=poll, gathering=gathering, questions=poll.questions)




@pytest.fixture
def page(cast, gathering_poll):
    response = cast.client_for(cast.leader).get(f"/avstemninger/{gathering_poll.poll.id}/resultater")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_scale_shows_count_mean_median_and_the_distribution_as_bars_with_their_numbers(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[0].id}")

    assert "12 svar" in section
    assert "Gjennomsnitt 3,73 av 5" in section
    assert "Median 4" in section
    assert "Vet ikke 1" in section
    assert "1 – Lite 0 0 %" in section
    assert "4 4 36,4 %" in section  # four of the eleven who gave a score
    assert "5 – Svært 3 27,3 %" in section
    assert 'class="result-bar__fill"' in page and "style=" not in page


def test_choices_show_counts_and_shares(page, gathering_poll):
    single = section_text(page, f"sporsmal-{gathering_poll.questions[1].id}")
    multiple = section_text(page, f"sporsmal-{gathering_poll.questions[2].id}")

    assert "Gruppearbeidet 3 60 %" in single
    assert "Standene 1 20 %" in single
    assert "Gruppearbeid 4 100 %" in multiple
    assert "Besøk 1 25 %" in multiple


def test_the_word_cloud_is_a_frequency_list_with_hidden_words_marked(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[3].id}")

    assert "Trygghet 3" in section
    assert "Ovttasbargu 1" in section
    assert "🌞 1" in section
    assert "kjedelig skjult fra skjermen 1" in section


def test_open_answers_are_listed_as_text_and_hidden_ones_stay_marked(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[4].id}")

    assert "Mer tid til gruppearbeid på tvers 👍" in section
    assert "skjult fra skjermen Lunsjen var for kort, Áile" in section
    assert "1 av svarene er skjult fra skjermen" in section
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;hei&#39;)&lt;/script&gt;" in page
    assert "Åpne svar deles ikke opp på kommune" in section


def test_the_ranking_shows_the_combined_order_with_points_and_mean_place(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[5].id}")

    assert "1 Rekruttering 5 1,33" in section
    assert "2 Heltid 3 2" in section
    assert "3 Lederstøtte 1 2,67" in section


def test_programme_items_each_show_their_mean_and_distribution(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[6].id}")

    assert "Foredrag: Heltid i Čáhppesjávri 4 4 3 0" in section
    assert "Gruppearbeid på tvers 3 3 2 1" in section
    assert "Punkt Fordeling 1 2 3 4 5 Vet ikke" in section
    assert "Foredrag: Heltid i Čáhppesjávri 0 0 1 1 1 0" in section
    assert "Gruppearbeid på tvers 0 1 0 1 0 1" in section


def test_a_municipality_with_fewer_than_five_answers_is_hidden_from_the_split(page, gathering_poll):
    section = section_text(page, f"sporsmal-{gathering_poll.questions[0].id}")

    assert "Fjordvik kommune Gjennomsnitt 4,33 (6 svar)" in section
    assert "Čáhppesjávri suohkan Skjult: færre enn 5 svar" in section
    assert "Håkøy kommune" not in section  # withdrawn, and no answers


def test_a_large_group_is_hidden_too_when_the_rest_would_give_a_small_one_away(
    cast, make_gathering, make_poll, make_answers
):
    poll = make_poll(cast.network, state=PollState.CLOSED, questions=[(QuestionKind.SCALE, "Hvor nyttig?", None)])
    make_answers(poll.questions[0], [{"score": 4}] * 6, team=cast.fjordvik)
    make_answers(poll.questions[0], [{"score": 1}], team=cast.sameby)

    page = cast.client_for(cast.observer).get(f"/avstemninger/{poll.id}/resultater").get_data(as_text=True)

    section = section_text(page, f"sporsmal-{poll.questions[0].id}")
    assert "Fjordvik kommune Skjult, så mindre grupper ikke kan regnes ut" in section
    assert "Čáhppesjávri suohkan Skjult: færre enn 5 svar" in section
    assert "4 (6 svar)" not in section


def test_questions_nobody_answered_and_polls_without_questions_say_so(cast, make_poll):
    empty = make_poll(cast.network, state=PollState.LIVE, questions=[(QuestionKind.SCALE, "Hvor nyttig?", None,
                                                                       QuestionState.PENDING)])
    bare = make_poll(cast.network)
    client = cast.client_for(cast.leader)

    assert "Ingen svar på dette spørsmålet." in text(client.get(f"/avstemninger/{empty.id}/resultater"))
    page = text(client.get(f"/avstemninger/{bare.id}/resultater"))
    assert "Avstemningen er ikke startet ennå" in page
    assert "Avstemningen har ingen spørsmål." in page


def test_the_page_links_to_both_downloads(page, gathering_poll):
    poll_id = gathering_poll.poll.id

    assert f'href="/avstemninger/{poll_id}/resultater.csv"' in page
    assert f'href="/avstemninger/{poll_id}/resultater.xlsx"' in page


def test_observers_see_results_team_members_are_refused_and_other_networks_get_not_found(cast, gathering_poll):
    path = f"/avstemninger/{gathering_poll.poll.id}/resultater"

    assert cast.client_for(cast.observer).get(path).status_code == 200
    assert cast.client_for(cast.ingrid).get(path).status_code == 403
    assert cast.client_for(cast.stranger).get(path).status_code == 404
    assert cast.client_for(cast.leader).get("/avstemninger/999999/resultater").status_code == 404


def test_the_page_costs_the_same_queries_for_two_questions_as_for_seven_with_many_answers(
    cast, make_poll, make_answers, count_queries
):
    small = make_poll(cast.network, state=PollState.CLOSED, questions=[
        (QuestionKind.SCALE, "Hvor nyttig?", None), (QuestionKind.TEXT, "Hva annet?", {})])
    make_answers(small.questions[0], [{"score": 3}], team=cast.fjordvik)
    kinds = [QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.WORDS, QuestionKind.TEXT,
             QuestionKind.RANKING, QuestionKind.SCALE]
    large = make_poll(cast.network, state=PollState.CLOSED, questions=[(k, f"Spørsmål {i}", None)
                                                                       for i, k in enumerate(kinds)])
    values = {QuestionKind.SCALE: {"score": 4}, QuestionKind.SINGLE: {"choice": 1},
              QuestionKind.MULTIPLE: {"choices": [0, 2]}, QuestionKind.WORDS: {"words": ["ja", "nei"]},
              QuestionKind.TEXT: {"text": "Bra"}, QuestionKind.RANKING: {"order": [2, 1, 0]}}
    for question in large.questions:
        make_answers(question, [values[question.kind]] * 30, team=cast.fjordvik)
        make_answers(question, [values[question.kind]] * 10, team=cast.sameby)
    client = cast.client_for(cast.leader)
    client.get(f"/avstemninger/{small.id}/resultater")  # the first request also loads the session's user

    with count_queries() as few:
        assert client.get(f"/avstemninger/{small.id}/resultater").status_code == 200
    with count_queries() as many:
        assert client.get(f"/avstemninger/{large.id}/resultater").status_code == 200

    assert len(many) == len(few)
