"""The presenter's screen as the project leader uses it: the question, the code and the results
on the projector; the controls that run the poll; moderation; and the live updates that cost
one query while nothing changes."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.pages import text
from verksted.extensions import db
from verksted.polls.models import (
    Answer,
    HiddenWord,
    Participant,
    Poll,
    PollPace,
    PollState,
    QuestionKind,
    QuestionState,
)

JSON = {"Accept": "application/json"}
SCALE = (QuestionKind.SCALE, "Hvor nyttig var dagen?",
         {"max": 5, "low_label": "Lite", "high_label": "Svært", "dont_know": True})
WORDS = (QuestionKind.WORDS, "Tre ord om dagen", {"max_words": 3})
TEXT = (QuestionKind.TEXT, "Hva bør vi gjøre annerledes?", {})


def _poll(app, poll_id) -> Poll:
    with app.app_context():
        poll = db.session.get(Poll, poll_id)
        poll.questions  # noqa: B018 - loaded before the session closes
        return poll


def _screen(poll) -> str:
    return f"/avstemninger/{poll.id}/skjerm"


def _join(app, poll, how_many=1):
    with app.app_context():
        db.session.add_all(Participant(poll_id=poll.id, key_hash=f"{poll.id}-{n}-{how_many}".ljust(64, "x"))
                           for n in range(how_many))
        db.session.commit()


@pytest.fixture
def leader(cast):
    return cast.client_for(cast.leader)


@pytest.fixture
def live_poll(cast, make_poll):
    """A live poll, one question at a time, on its first question (open); the others not yet asked."""
    return make_poll(cast.network, questions=[
        (*SCALE, QuestionState.OPEN), (*WORDS, QuestionState.PENDING), (*TEXT, QuestionState.PENDING),
    ], state=PollState.LIVE, code="482913", title="Evaluering – samling 3")


# --- What the projector shows -------------------------------------------------------------


def test_the_screen_shows_the_question_the_code_with_the_short_address_and_a_qr_code(app, leader, live_poll):
    _join(app, live_poll, 3)

    response = leader.get(_screen(live_poll))

    page = text(response)
    assert response.status_code == 200
    assert "Hvor nyttig var dagen?" in page
    assert "Gå til localhost/svar og skriv 482913" in page
    assert "3 deltakere" in page and "0 svar" in page
    assert "Spørsmål 1 av 3" in page
    body = response.get_data(as_text=True)
    assert '<svg role="img" aria-label="QR-kode til localhost/svar"' in body
    assert "style=" not in body  # the page's CSP forbids inline styles


def test_a_scale_shows_its_mean_and_distribution_with_dont_know_apart(app, leader, live_poll, make_answers):
    make_answers(live_poll.questions[0], [{"score": 4}, {"score": 5}, {"score": 5}, {"dont_know": True}])

    page = text(leader.get(_screen(live_poll)))

    assert "4 svar" in page
    assert "4,7 av 5 i snitt" in page
    assert "Vet ikke: 1" in page
    assert "5: 2 svar" in page and "4: 1 svar" in page and "1: 0 svar" in page
    assert "1 = Lite" in page and "5 = Svært" in page


def test_hidden_results_are_kept_off_the_screen_and_out_of_its_data(app, leader, live_poll, make_answers):
    make_answers(live_poll.questions[0], [{"score": 2}, {"score": 3}])
    leader.post(f"{_screen(live_poll)}/sporsmal/{live_poll.questions[0].id}/skjul-resultater")

    page = text(leader.get(_screen(live_poll)))
    data = leader.get(f"{_screen(live_poll)}.json").get_json()

    assert "Resultatene vises når du velger det" in page
    assert "2 svar" in page
    assert "i snitt" not in page
    assert data["results"] is None and data["answers"] == 2


def test_a_word_cloud_sizes_words_by_how_many_wrote_them(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[WORDS], state=PollState.LIVE)
    make_answers(poll.questions[0], [{"words": ["Samarbeid", "Lærlinger"]}, {"words": ["samarbeid"]},
                                     {"words": ["Samarbeid", "Ŋuvttoš 🎉"]}])

    body = leader.get(_screen(poll)).get_data(as_text=True)

    assert 'cloud__word--6">\n      <span class="cloud__text">Samarbeid</span>' in body
    assert 'cloud__word--2">\n      <span class="cloud__text">Lærlinger</span>' in body
    assert "Ŋuvttoš 🎉" in body


def test_open_answers_are_cards_and_script_in_them_is_shown_as_text(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[TEXT], state=PollState.LIVE)
    make_answers(poll.questions[0], [{"text": "Mer tid til gruppearbeid"}, {"text": "<script>alert('hei')</script>"}])

    body = leader.get(_screen(poll)).get_data(as_text=True)

    assert "&lt;script&gt;alert(&#39;hei&#39;)&lt;/script&gt;" in body
    assert "<script>alert" not in body
    assert body.count('class="cards__card"') == 2


def test_the_ranking_shows_the_combined_order(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[(QuestionKind.RANKING, "Hva er viktigst?",
                                               {"options": ["Rekruttering", "Heltid", "Veiledning"]})],
                     state=PollState.LIVE)
    make_answers(poll.questions[0], [{"order": [1, 0, 2]}, {"order": [1, 2, 0]}, {"order": [0, 1, 2]}])

    page = text(leader.get(_screen(poll)))

    assert page.index("1. Heltid") < page.index("2. Rekruttering") < page.index("3. Veiledning")
    assert "5 poeng" in page


def test_programme_items_each_show_their_mean(app, leader, cast, make_poll, make_answers):
    items = [{"id": "11", "title": "Lærlinger som rekrutteringsvei"}, {"id": "12", "title": "Kafébord på tvers"}]
    poll = make_poll(cast.network, questions=[(QuestionKind.PROGRAMME, "Vurder programmet",
                                               {"max": 5, "items": items, "dont_know": True})],
                     state=PollState.LIVE)
    make_answers(poll.questions[0], [{"scores": {"11": 4, "12": 2}}, {"scores": {"11": 5, "12": "dont_know"}}])

    page = text(leader.get(_screen(poll)))

    assert "Lærlinger som rekrutteringsvei 4,5 (2 svar)" in page
    assert "Kafébord på tvers 2,0 (1 svar, vet ikke: 1)" in page


def test_single_and_multiple_choice_show_count_and_share_per_option(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[(QuestionKind.SINGLE, "Hva var best?",
                                               {"options": ["Foredragene", "Gruppearbeidet"]})],
                     state=PollState.LIVE)
    make_answers(poll.questions[0], [{"choice": 1}, {"choice": 1}, {"choice": 0}, {"choice": 1}])

    page = text(leader.get(_screen(poll)))

    assert "Foredragene 1 (25,0 %)" in page
    assert "Gruppearbeidet 3 (75,0 %)" in page


# --- Live updates -------------------------------------------------------------------------


def test_an_unchanged_poll_is_answered_304_and_a_new_answer_changes_the_etag(app, leader, live_poll, make_answers):
    first = leader.get(f"{_screen(live_poll)}.json")
    etag = first.headers["ETag"]

    again = leader.get(f"{_screen(live_poll)}.json", headers={"If-None-Match": etag})
    make_answers(live_poll.questions[0], [{"score": 3}])
    after_answer = leader.get(f"{_screen(live_poll)}.json", headers={"If-None-Match": etag})

    assert first.status_code == 200 and first.get_json()["question"]["prompt"] == "Hvor nyttig var dagen?"
    assert again.status_code == 304 and again.get_data() == b""
    assert after_answer.status_code == 200
    assert after_answer.headers["ETag"] != etag
    assert after_answer.get_json()["answers"] == 1


def test_the_page_gives_its_script_the_etag_it_starts_from(app, leader, live_poll):
    body = leader.get(_screen(live_poll)).get_data(as_text=True)
    etag = leader.get(f"{_screen(live_poll)}.json").headers["ETag"]

    assert f'data-stamp="{etag.strip(chr(34))}"' in body


def test_a_control_changes_the_etag(app, leader, live_poll):
    etag = leader.get(f"{_screen(live_poll)}.json").headers["ETag"]

    leader.post(f"{_screen(live_poll)}/sporsmal/{live_poll.questions[0].id}/lukk")

    assert leader.get(f"{_screen(live_poll)}.json", headers={"If-None-Match": etag}).status_code == 200


def _queries(count_queries, client, path, **kwargs):
    with count_queries() as statements:
        response = client.get(path, **kwargs)
    assert response.status_code in (200, 304)
    return len(statements)


@pytest.mark.parametrize("question", [SCALE, WORDS, TEXT], ids=["scale", "words", "text"])
def test_the_304_costs_a_few_queries_however_many_answers_and_fewer_than_the_full_answer(
        app, leader, cast, make_poll, make_answers, count_queries, question):
    small, large = (make_poll(cast.network, questions=[question], state=PollState.LIVE) for _ in range(2))
    value = {"scale": {"score": 4}, "words": {"words": ["Samarbeid"]}, "text": {"text": "Mer tid"}}[question[0].value]
    make_answers(small.questions[0], [value] * 3)
    make_answers(large.questions[0], [value] * 300)
    etags = {poll.id: leader.get(f"{_screen(poll)}.json").headers["ETag"] for poll in (small, large)}

    unchanged = [_queries(count_queries, leader, f"{_screen(poll)}.json", headers={"If-None-Match": etags[poll.id]})
                 for poll in (small, large)]
    full = [_queries(count_queries, leader, f"{_screen(poll)}.json") for poll in (small, large)]
    pages = [_queries(count_queries, leader, _screen(poll)) for poll in (small, large)]

    assert unchanged[0] == unchanged[1] <= 4
    assert full[0] == full[1] > unchanged[0]
    assert pages[0] == pages[1]


# --- The controls -------------------------------------------------------------------------


def test_starting_a_draft_opens_its_first_question_and_makes_the_code_work(app, leader, cast, make_poll):
    poll = make_poll(cast.network, questions=[SCALE, TEXT], state=PollState.DRAFT)

    page = text(leader.get(_screen(poll)))
    response = leader.post(f"{_screen(poll)}/start")

    started = _poll(app, poll.id)
    assert "Koden virker når du starter avstemningen." in page
    assert response.status_code == 303 and response.headers["Location"] == _screen(poll)
    assert started.state is PollState.LIVE
    assert [q.state.value for q in started.questions] == ["open", "pending"]
    assert started.version > poll.version
    assert "Avstemningen er startet" in text(leader.get(_screen(poll)))


def test_next_and_previous_move_the_screen_and_open_the_question_shown(app, leader, live_poll):
    leader.post(f"{_screen(live_poll)}/vis/1")
    moved = _poll(app, live_poll.id)
    leader.post(f"{_screen(live_poll)}/vis/0")
    back = _poll(app, live_poll.id)

    assert moved.current_position == 1
    assert [q.state.value for q in moved.questions] == ["closed", "open", "pending"]
    assert back.current_position == 0
    assert [q.state.value for q in back.questions] == ["open", "closed", "pending"]
    assert back.version > moved.version > live_poll.version
    assert "Spørsmål 1 av 3" in text(leader.get(_screen(live_poll)))


def test_the_script_gets_the_new_screen_back_from_a_control(app, leader, live_poll):
    response = leader.post(f"{_screen(live_poll)}/vis/2", headers=JSON)

    data = response.get_json()
    assert response.status_code == 200
    assert data["position"] == 2 and data["question"]["prompt"] == "Hva bør vi gjøre annerledes?"
    assert "Hva bør vi gjøre annerledes?" in data["html"]["stage"]
    assert "Forrige" in data["html"]["controls"]
    assert response.headers["ETag"].strip('"') == data["stamp"]


def test_the_leader_closes_and_opens_the_question_again(app, leader, live_poll):
    question = live_poll.questions[0]

    leader.post(f"{_screen(live_poll)}/sporsmal/{question.id}/lukk")
    closed = _poll(app, live_poll.id)
    page = text(leader.get(_screen(live_poll)))
    leader.post(f"{_screen(live_poll)}/sporsmal/{question.id}/apne")
    opened = _poll(app, live_poll.id)

    assert closed.questions[0].state.value == "closed" and "Åpne spørsmålet" in page
    assert opened.questions[0].state.value == "open"
    assert opened.version > closed.version > live_poll.version


def test_the_leader_shows_the_results_again(app, leader, live_poll, make_answers):
    make_answers(live_poll.questions[0], [{"score": 5}])
    question = live_poll.questions[0]
    leader.post(f"{_screen(live_poll)}/sporsmal/{question.id}/skjul-resultater")

    leader.post(f"{_screen(live_poll)}/sporsmal/{question.id}/vis-resultater")

    assert _poll(app, live_poll.id).questions[0].results_visible is True
    assert "5,0 av 5 i snitt" in text(leader.get(_screen(live_poll)))


def test_switching_to_all_at_once_opens_the_questions_not_yet_asked(app, leader, live_poll):
    leader.post(f"{_screen(live_poll)}/tempo/alle")
    all_at_once = _poll(app, live_poll.id)
    leader.post(f"{_screen(live_poll)}/tempo/ett")

    assert all_at_once.pace is PollPace.ALL
    assert [q.state.value for q in all_at_once.questions] == ["open", "open", "open"]
    assert _poll(app, live_poll.id).pace is PollPace.ONE


def test_ending_the_poll_closes_every_question_and_the_screen_says_so(app, leader, live_poll):
    response = leader.post(f"{_screen(live_poll)}/avslutt")

    ended = _poll(app, live_poll.id)
    page = text(leader.get(_screen(live_poll)))
    assert response.status_code == 303
    assert ended.state is PollState.CLOSED
    assert [q.state.value for q in ended.questions] == ["closed", "pending", "pending"]
    assert "Avstemningen er avsluttet. Takk for svarene!" in page
    assert "Gå til" not in page


def test_a_refused_control_is_explained_to_the_form_and_to_the_script(app, leader, cast, make_poll):
    poll = make_poll(cast.network, questions=[SCALE], state=PollState.DRAFT)
    question = poll.questions[0]

    by_script = leader.post(f"{_screen(poll)}/sporsmal/{question.id}/apne", headers=JSON)
    by_form = leader.post(f"{_screen(poll)}/sporsmal/{question.id}/apne", follow_redirects=True)

    assert by_script.status_code == 422
    assert by_script.get_json()["message"] == "Start avstemningen før du åpner spørsmål."
    assert "Start avstemningen før du åpner spørsmål." in text(by_form)
    assert _poll(app, poll.id).questions[0].state.value == "pending"


# --- Moderation ---------------------------------------------------------------------------


def test_a_hidden_open_answer_leaves_the_screen_is_kept_and_can_be_shown_again(app, leader, cast, make_poll,
                                                                               make_answers):
    poll = make_poll(cast.network, questions=[TEXT], state=PollState.LIVE)
    rude, kind = make_answers(poll.questions[0], [{"text": "Et frekt svar"}, {"text": "Mer tid til kafébord"}])

    leader.post(f"{_screen(poll)}/svar/{rude.id}/skjul")
    hidden_page = leader.get(_screen(poll)).get_data(as_text=True)
    data = leader.get(f"{_screen(poll)}.json").get_json()
    leader.post(f"{_screen(poll)}/svar/{rude.id}/vis")

    with app.app_context():
        assert db.session.get(Answer, rude.id) is not None
    stage = hidden_page.split('id="skjerm-stage"')[1].split('id="styring"')[0]
    controls = hidden_page.split('id="skjerm-controls"')[1]
    assert "Et frekt svar" not in stage and "Mer tid til kafébord" in stage
    assert "Et frekt svar" in controls and "Vis igjen" in controls and "1 skjult svar" in controls
    assert [t["text"] for t in data["results"]["texts"]] == ["Mer tid til kafébord"]
    with app.app_context():
        assert db.session.get(Answer, rude.id).hidden is False


def test_a_hidden_word_leaves_the_cloud_and_can_be_shown_again(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[WORDS], state=PollState.LIVE)
    question = poll.questions[0]
    make_answers(question, [{"words": ["Tullball", "Samarbeid"]}, {"words": ["tullball"]}])

    leader.post(f"{_screen(poll)}/sporsmal/{question.id}/ord/skjul", data={"word": "TULLBALL"})
    hidden_page = leader.get(_screen(poll)).get_data(as_text=True)
    leader.post(f"{_screen(poll)}/sporsmal/{question.id}/ord/vis", data={"word": "Tullball"})

    stage = hidden_page.split('id="skjerm-stage"')[1].split('id="styring"')[0]
    controls = hidden_page.split('id="skjerm-controls"')[1]
    assert "Tullball" not in stage and "Samarbeid" in stage
    assert "Tullball" in controls and "1 skjult ord" in controls
    with app.app_context():
        assert db.session.scalars(sa.select(HiddenWord.word)).all() == []
        assert len(db.session.scalars(sa.select(Answer)).all()) == 2


def test_hiding_a_word_raises_the_version_screens_poll_for(app, leader, cast, make_poll, make_answers):
    poll = make_poll(cast.network, questions=[WORDS], state=PollState.LIVE)
    make_answers(poll.questions[0], [{"words": ["Tullball"]}])

    leader.post(f"{_screen(poll)}/sporsmal/{poll.questions[0].id}/ord/skjul", data={"word": "Tullball"})

    with app.app_context():
        assert db.session.scalars(sa.select(HiddenWord.word)).all() == ["tullball"]
    assert _poll(app, poll.id).version > poll.version


# --- Who may, and bad input ---------------------------------------------------------------


def test_another_networks_leader_is_not_told_the_screen_exists(cast, live_poll):
    stranger = cast.client_for(cast.stranger)

    assert stranger.get(_screen(live_poll)).status_code == 404
    assert stranger.get(f"{_screen(live_poll)}.json").status_code == 404
    assert stranger.post(f"{_screen(live_poll)}/avslutt").status_code == 404


def test_an_observer_may_not_run_the_poll(app, cast, live_poll):
    observer = cast.client_for(cast.observer)

    assert observer.get(_screen(live_poll)).status_code == 403
    assert observer.get(f"{_screen(live_poll)}.json").status_code == 403
    assert observer.post(f"{_screen(live_poll)}/avslutt").status_code == 403
    assert _poll(app, live_poll.id).state is PollState.LIVE


def test_the_screens_script_is_told_in_json_when_signed_out(cast, live_poll):
    response = cast.client_for(None).get(f"{_screen(live_poll)}.json")

    assert response.status_code == 401
    assert "logget ut" in response.get_json()["message"]


@pytest.mark.parametrize("path", [
    "/vis/3", "/vis/99", "/vis/-1", "/tempo/raskt", "/sporsmal/{other_question}/apne",
    "/sporsmal/{other_question}/skjul-resultater", "/svar/{other_answer}/skjul", "/svar/{scale_answer}/skjul",
    "/svar/999999/vis",
], ids=["one past the last", "far past the last", "negative", "unknown pace", "another poll's question",
        "another poll's results", "another poll's answer", "not an open answer", "no such answer"])
def test_bad_control_input_is_not_found_never_a_server_error(app, leader, cast, live_poll, make_poll, make_answers,
                                                            path):
    other = make_poll(cast.network, questions=[TEXT], state=PollState.LIVE)
    (other_answer,) = make_answers(other.questions[0], [{"text": "Fra en annen avstemning"}])
    (scale_answer,) = make_answers(live_poll.questions[0], [{"score": 3}])

    response = leader.post(_screen(live_poll) + path.format(
        other_question=other.questions[0].id, other_answer=other_answer.id, scale_answer=scale_answer.id))

    assert response.status_code == 404
    assert _poll(app, live_poll.id).version == live_poll.version


@pytest.mark.parametrize("word", ["", "Finnes ikke", "x" * 500])
def test_a_word_not_in_the_cloud_is_not_found(app, leader, cast, make_poll, make_answers, word):
    poll = make_poll(cast.network, questions=[WORDS], state=PollState.LIVE)
    make_answers(poll.questions[0], [{"words": ["Samarbeid"]}])

    hide = leader.post(f"{_screen(poll)}/sporsmal/{poll.questions[0].id}/ord/skjul", data={"word": word})
    show = leader.post(f"{_screen(poll)}/sporsmal/{poll.questions[0].id}/ord/vis", data={"word": "Samarbeid"})

    assert hide.status_code == 404
    assert show.status_code == 404  # not hidden, so nothing to show again
    with app.app_context():
        assert db.session.scalars(sa.select(HiddenWord)).all() == []


def test_words_of_a_question_that_is_no_word_cloud_are_not_found(leader, live_poll, make_answers):
    make_answers(live_poll.questions[0], [{"score": 3}])

    response = leader.post(f"{_screen(live_poll)}/sporsmal/{live_poll.questions[0].id}/ord/skjul",
                           data={"word": "3"})

    assert response.status_code == 404


def test_a_poll_without_questions_says_so_and_cannot_start(app, leader, cast, make_poll):
    poll = make_poll(cast.network, questions=[], state=PollState.DRAFT)

    page = text(leader.get(_screen(poll)))
    response = leader.post(f"{_screen(poll)}/start", headers=JSON)

    assert "Avstemningen har ingen spørsmål ennå." in page
    assert response.status_code == 422
    assert response.get_json()["message"] == "Legg til minst ett spørsmål før du starter."
    assert _poll(app, poll.id).state is PollState.DRAFT


def test_the_screen_has_no_results_question_for_an_unknown_poll(leader):
    assert leader.get("/avstemninger/999999/skjerm").status_code == 404
    assert leader.get("/avstemninger/999999/skjerm.json").status_code == 404
    assert leader.post("/avstemninger/999999/skjerm/start").status_code == 404


def test_question_of_any_kind_renders_on_the_screen(app, leader, cast, make_poll):
    kinds = [QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.WORDS, QuestionKind.TEXT,
             QuestionKind.RANKING]
    poll = make_poll(cast.network, questions=[(kind, f"Spørsmål om {kind.value} – Čáhppesjávri", None)
                                              for kind in kinds], state=PollState.LIVE)

    for position, kind in enumerate(kinds):
        leader.post(f"{_screen(poll)}/vis/{position}")
        response = leader.get(_screen(poll))
        assert response.status_code == 200, kind
        assert f"Spørsmål om {kind.value} – Čáhppesjávri" in text(response)
