"""The participant's pages, through HTTP: joining by code (typed or from the QR code), answering
every kind of question by a plain form and by a script's JSON post, and every kind of bad input
answered with a clear message, never a 500, and nothing stored or counted twice."""
from __future__ import annotations

import os
import re
from html import unescape

import pytest
import sqlalchemy as sa

from verksted.extensions import db
from verksted.polls import services
from verksted.polls.models import Answer, Participant, Poll, PollPace, PollQuestion, PollState, QuestionKind, QuestionState

JSON = {"Accept": "application/json"}
PROGRAMME = {"max": 10, "dont_know": True, "items": [{"id": "1", "title": "Foredrag om heltidskultur"},
                                                    {"id": "2", "title": "Gruppearbeid på tvers av kommunene"}]}
EVERY_KIND = [
    (QuestionKind.SCALE, "Hvor nyttig var samlingen?",
     {"max": 5, "low_label": "Lite nyttig", "high_label": "Svært nyttig", "dont_know": True}),
    (QuestionKind.SINGLE, "Hvilken del var best?", {"options": ["Foredragene", "Gruppearbeidet", "Standene"]}),
    (QuestionKind.MULTIPLE, "Hva tar dere med hjem?",
     {"options": ["Turnusplan", "Heltidsprosjekt", "Mentorordning"], "max_choices": 2}),
    (QuestionKind.WORDS, "Tre ord om dagen", {"max_words": 3}),
    (QuestionKind.TEXT, "Hva var nyttigst?", {}),
    (QuestionKind.RANKING, "Hvilket kompetansebehov er viktigst?",
     {"options": ["Demens", "Palliasjon", "Velferdsteknologi"]}),
    (QuestionKind.PROGRAMME, "Vurder programmet", PROGRAMME),
]


@pytest.fixture
def network(make_network, make_team):
    network = make_network("Heltid i Nordfjella")
    make_team(network, "Fjordvik kommune")
    make_team(network, "Čáhppesjávri suohkan")
    return network


@pytest.fixture
def poll(make_poll, network):
    """A live poll with one open question of every kind, all shown at once."""
    return make_poll(network, questions=EVERY_KIND, state=PollState.LIVE, pace=PollPace.ALL, code="482913",
                     title="Evaluering – samling 2")


def question_of(poll, kind: QuestionKind) -> PollQuestion:
    return next(q for q in poll.questions if q.kind is kind)


def answers(app, question_id: int) -> list[dict]:
    with app.app_context():
        return [a.value for a in db.session.scalars(sa.select(Answer).where(Answer.question_id == question_id))]


def answer_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Answer.id)))


def joined(client, poll):
    response = client.get(f"/svar/{poll.code}")
    assert response.status_code == 200
    return client


def send(client, poll, question, data, as_json=False, code=None):
    return client.post(f"/svar/{code or poll.code}/sporsmal/{question.id}", data=data, headers=JSON if as_json else {})


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))


# --- joining ---------------------------------------------------------------------------


def test_the_typed_code_takes_the_participant_to_the_poll(client, poll):
    response = client.post("/svar", data={"code": " 482 913 "})

    assert response.status_code == 303
    assert response.headers["Location"].endswith("/svar/482913")


def test_the_code_page_has_a_big_numeric_field_ready_to_type_in(client):
    page = client.get("/svar").get_data(as_text=True)

    field = re.search(r"<input[^>]*id=\"code\"[^>]*>", page, re.S).group(0)
    assert 'inputmode="numeric"' in field and "autofocus" in field


def test_the_address_in_the_qr_code_joins_the_poll_straight_away(client, app, poll):
    first = client.get("/svar/482913")
    again = client.get("/svar/482913")

    assert first.status_code == again.status_code == 200
    assert "Hvor nyttig var samlingen?" in text(first)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Participant.id))) == 1


@pytest.mark.parametrize("as_typed", [False, True])
def test_a_code_that_does_not_work_says_why(client, make_poll, network, poll, as_typed):
    waiting = make_poll(network, questions=EVERY_KIND[:1], state=PollState.DRAFT, code="111222")
    ended = make_poll(network, questions=EVERY_KIND[:1], state=PollState.CLOSED, code="333444")

    def open_code(code):
        return client.post("/svar", data={"code": code}) if as_typed else client.get(f"/svar/{code}")

    unknown, not_started, expired = open_code("999999"), open_code(waiting.code), open_code(ended.code)

    if as_typed:
        assert unknown.status_code == not_started.status_code == expired.status_code == 422
    else:
        assert (unknown.status_code, not_started.status_code, expired.status_code) == (404, 404, 410)
    assert "Fant ingen avstemning med koden 999999" in text(unknown)
    assert "har ikke startet ennå" in text(not_started)
    assert "er avsluttet" in text(expired)
    assert 'value="999999"' in unknown.get_data(as_text=True)  # the code stays in the field to correct


def test_an_empty_code_asks_for_the_code(client):
    response = client.post("/svar", data={"code": "  "})

    assert response.status_code == 422
    assert "Skriv inn koden som står på skjermen." in text(response)


def test_many_wrong_codes_from_one_machine_are_slowed_down_with_a_message(client, app, poll):
    for n in range(app.config["POLL_CODE_ATTEMPTS"]):
        client.post("/svar", data={"code": f"{100000 + n}"})

    typed, opened = client.post("/svar", data={"code": "482913"}), client.get("/svar/482913")

    assert typed.status_code == opened.status_code == 429
    assert "For mange feil koder" in text(typed)


def test_a_phone_that_has_joined_keeps_answering_when_others_in_the_room_mistype(client, app, poll):
    # Phones on the venue's wifi share one address: others' wrong codes must not lock out those already in.
    phone = joined(app.test_client(), poll)
    for n in range(app.config["POLL_CODE_ATTEMPTS"]):
        client.post("/svar", data={"code": f"{100000 + n}"})

    page = phone.get("/svar/482913")
    sent = send(phone, poll, question_of(poll, QuestionKind.SCALE), {"score": "4"}, as_json=True)

    assert page.status_code == 200
    assert sent.status_code == 200
    assert phone.get("/svar/482913/status", headers=JSON).status_code == 200


# --- answering every kind ----------------------------------------------------------------

FORMS = {
    QuestionKind.SCALE: ({"score": "4"}, {"score": 4}),
    QuestionKind.SINGLE: ({"choice": "1"}, {"choice": 1}),
    QuestionKind.MULTIPLE: ({"choices": ["0", "2"]}, {"choices": [0, 2]}),
    QuestionKind.WORDS: ({"words": ["Samarbeid", "Heltid", "Čoahkkin"]}, {"words": ["Samarbeid", "Heltid", "Čoahkkin"]}),
    QuestionKind.TEXT: ({"text": "Gruppearbeidet på tvers 👍 – ŋ, š, ŧ og æøå"},
                        {"text": "Gruppearbeidet på tvers 👍 – ŋ, š, ŧ og æøå"}),
    QuestionKind.RANKING: ({"rank-0": "3", "rank-1": "1", "rank-2": "2"}, {"order": [1, 2, 0]}),
    QuestionKind.PROGRAMME: ({"score-1": "5", "score-2": "dont_know"}, {"scores": {"1": 5, "2": "dont_know"}}),
}


@pytest.mark.parametrize("kind", list(FORMS), ids=str)
def test_each_kind_is_answered_by_a_plain_form_that_comes_back_to_the_poll(client, app, poll, kind):
    question = question_of(poll, kind)
    data, stored = FORMS[kind]
    joined(client, poll)

    response = send(client, poll, question, data)

    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/svar/482913#q{question.id}")
    assert answers(app, question.id) == [stored]
    assert "Svaret er lagret." in text(client.get("/svar/482913"))


@pytest.mark.parametrize("kind", list(FORMS), ids=str)
def test_each_kind_is_answered_by_a_script_with_a_json_reply(client, app, poll, kind):
    question = question_of(poll, kind)
    data, stored = FORMS[kind]
    joined(client, poll)

    response = send(client, poll, question, data, as_json=True)

    assert response.status_code == 200
    assert response.get_json() == {"ok": True}  # the page shows its own «Svaret er lagret.»
    assert answers(app, question.id) == [stored]


def test_a_ranking_sent_by_the_script_as_an_order_is_stored_in_that_order(client, app, poll):
    question = question_of(poll, QuestionKind.RANKING)
    joined(client, poll)

    send(client, poll, question, {"order": ["2", "0", "1"]}, as_json=True)

    assert answers(app, question.id) == [{"order": [2, 0, 1]}]


def test_the_page_shows_the_participants_own_answers_filled_in(client, poll):
    joined(client, poll)
    for kind, (data, _stored) in FORMS.items():
        send(client, poll, question_of(poll, kind), data)

    page = client.get("/svar/482913").get_data(as_text=True)

    scale, single, multiple = (question_of(poll, k).id for k in (QuestionKind.SCALE, QuestionKind.SINGLE,
                                                                  QuestionKind.MULTIPLE))
    assert re.search(r'name="score" value="4" checked', page)
    assert re.search(rf'id="q{single}-1" value="1" checked', page)
    assert re.search(rf'id="q{multiple}-0" value="0" checked', page) and re.search(rf'id="q{multiple}-2" value="2" checked', page)
    assert 'value="Čoahkkin"' in page
    assert "Gruppearbeidet på tvers 👍 – ŋ, š, ŧ og æøå</textarea>" in page
    assert re.search(r'name="score-2" value="dont_know" checked', page)
    ranking = page[page.index("data-ranking"):]
    assert ranking.index("Palliasjon") < ranking.index("Velferdsteknologi") < ranking.index("Demens")
    assert page.count("Svaret ditt er lagret.") == 7
    assert scale


def test_answering_again_changes_the_answer_and_counts_it_once(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)

    send(client, poll, question, {"score": "2"})
    send(client, poll, question, {"score": "dont_know"}, as_json=True)

    assert answers(app, question.id) == [{"dont_know": True}]
    assert answer_count(app) == 1


# --- a room answering at once -------------------------------------------------------------

ON_POSTGRES = bool(os.environ.get("VERKSTED_TEST_POSTGRES"))


def test_an_answer_to_a_question_already_read_is_written_without_reading_it_again(client, app, poll, count_queries):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    send(client, poll, question, {"score": "2"}, as_json=True)  # the first reads the question

    with count_queries() as through_sqlalchemy:
        response = send(client, poll, question, {"score": "4"}, as_json=True)

    assert response.get_json() == {"ok": True}
    # Counted and stored by the SQL in answer_writes, straight through the driver.
    assert through_sqlalchemy == []
    assert answers(app, question.id) == [{"score": 4}]


def test_a_question_closed_while_the_room_answers_refuses_the_next_answer(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    assert send(client, poll, question, {"score": "2"}, as_json=True).status_code == 200
    with app.app_context():
        services.close_question(db.session.get(PollQuestion, question.id))
        db.session.commit()

    refused = send(client, poll, question, {"score": "5"}, as_json=True)

    assert refused.status_code == 422
    assert refused.get_json()["message"] == "Spørsmålet er stengt. Svaret ble ikke lagret."
    assert answers(app, question.id) == [{"score": 2}]


def test_an_answer_is_checked_against_the_question_as_the_presenter_last_saved_it(client, app, poll):
    question = question_of(poll, QuestionKind.MULTIPLE)
    joined(client, poll)
    too_many = send(client, poll, question, {"choices": ["0", "1", "2"]}, as_json=True)  # at most two
    with app.app_context():
        services.update_question(db.session.get(PollQuestion, question.id), "Hva tar dere med hjem?",
                                 {"options": ["Turnusplan", "Heltidsprosjekt", "Mentorordning"], "max_choices": 1})
        db.session.commit()

    two = send(client, poll, question, {"choices": ["0", "1"]}, as_json=True)  # allowed before, not now
    one = send(client, poll, question, {"choices": ["2"]}, as_json=True)

    assert too_many.status_code == two.status_code == 422
    assert two.get_json()["message"] == too_many.get_json()["message"].replace("2", "1")
    assert one.get_json() == {"ok": True}
    assert answers(app, question.id) == [{"choices": [2]}]


@pytest.mark.skipif(not ON_POSTGRES, reason="only PostgreSQL closes connections from its side")
def test_an_answer_after_the_database_closed_the_connection_is_stored(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    assert send(client, poll, question, {"score": "2"}, as_json=True).status_code == 200
    with app.app_context():  # as a restart of the database would: every other connection is closed
        db.session.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        db.session.commit()

    response = send(client, poll, question, {"score": "4"}, as_json=True)

    assert response.get_json() == {"ok": True}
    assert answers(app, question.id) == [{"score": 4}]


@pytest.mark.skipif(not ON_POSTGRES, reason="SQLite's own setting (WAL, synchronous=NORMAL) is the same for all")
def test_only_answers_commit_without_waiting_for_the_disk(app):
    with app.app_context():
        with db.engines["answers"].connect() as answers_connection, db.engine.connect() as other:
            for_answers = answers_connection.exec_driver_sql("SHOW synchronous_commit").scalar()
            for_the_rest = other.exec_driver_sql("SHOW synchronous_commit").scalar()

    assert (for_answers, for_the_rest) == ("off", "on")


def test_a_long_open_answer_with_line_breaks_fits_as_the_counter_says(client, app, poll):
    question = question_of(poll, QuestionKind.TEXT)
    typed = "\r\n".join(["Linje med æøå"] * 70)  # 979 characters as the page counts them, more with \r
    joined(client, poll)

    response = send(client, poll, question, {"text": typed}, as_json=True)

    assert response.status_code == 200
    assert answers(app, question.id) == [{"text": typed.replace("\r\n", "\n")}]


# --- bad input ---------------------------------------------------------------------------

BAD = [
    pytest.param(QuestionKind.SCALE, {"score": "6"}, "Velg et tall fra 1 til 5.", id="outside the scale"),
    pytest.param(QuestionKind.SCALE, {"score": "-1"}, "Velg et tall fra 1 til 5.", id="below the scale"),
    pytest.param(QuestionKind.SCALE, {}, "Velg et tall fra 1 til 5.", id="nothing chosen"),
    pytest.param(QuestionKind.SINGLE, {"choice": "7"}, "Velg ett av svaralternativene.", id="no such option"),
    pytest.param(QuestionKind.MULTIPLE, {"choices": ["0", "1", "2"]}, "Du kan velge høyst 2 svar.", id="too many choices"),
    pytest.param(QuestionKind.WORDS, {"words": ["x" * 41]}, "Et ord kan være høyst 40 tegn.", id="a very long word"),
    pytest.param(QuestionKind.WORDS, {"words": ["en", "to", "tre", "fire"]}, "Du kan skrive høyst 3 ord.", id="too many words"),
    pytest.param(QuestionKind.TEXT, {"text": "å" * 1001}, "Svaret kan være høyst 1000 tegn.", id="a very long text"),
    pytest.param(QuestionKind.RANKING, {"rank-0": "1", "rank-1": "1", "rank-2": "2"}, "hvert én gang", id="a place twice"),
    pytest.param(QuestionKind.PROGRAMME, {"score-1": "11"}, "Velg et tall fra 1 til 10.", id="programme outside the scale"),
]


@pytest.mark.parametrize(("kind", "data", "message"), BAD)
def test_bad_input_in_a_script_post_gets_a_clear_message_and_nothing_is_stored(client, app, poll, kind, data, message):
    joined(client, poll)

    response = send(client, poll, question_of(poll, kind), data, as_json=True)

    assert response.status_code == 422
    assert response.get_json()["ok"] is False
    assert message in response.get_json()["message"]
    assert answer_count(app) == 0


@pytest.mark.parametrize(("kind", "data", "message"), BAD)
def test_bad_input_in_a_form_is_shown_by_the_question_with_what_was_sent(client, app, poll, kind, data, message):
    question = question_of(poll, kind)
    joined(client, poll)

    response = send(client, poll, question, data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    section = page[page.index(f'id="q{question.id}"'):]
    assert message in unescape(section[:section.index("</section>")])
    assert f'href="#q{question.id}"' in page  # the summary at the top leads to it
    assert answer_count(app) == 0


def test_a_refused_form_keeps_the_text_that_was_typed(client, poll):
    question = question_of(poll, QuestionKind.WORDS)
    joined(client, poll)

    page = send(client, poll, question, {"words": ["Fellesskap", "y" * 41]}).get_data(as_text=True)

    assert 'value="Fellesskap"' in page and f'value="{"y" * 41}"' in page


def test_a_closed_question_refuses_answers_and_shows_no_form(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    with app.app_context():
        services.close_question(db.session.get(PollQuestion, question.id))
        db.session.commit()

    by_script = send(client, poll, question, {"score": "3"}, as_json=True)
    by_form = send(client, poll, question, {"score": "3"})
    page = client.get("/svar/482913").get_data(as_text=True)

    assert by_script.status_code == by_form.status_code == 422
    assert by_script.get_json()["message"] == "Spørsmålet er stengt. Svaret ble ikke lagret."
    section = page[page.index(f'id="q{question.id}"'):]
    section = section[:section.index("</section>")]
    assert "Spørsmålet er stengt." in section and "<form" not in section
    assert answer_count(app) == 0


def test_a_question_of_another_poll_is_refused_and_stored_nowhere(client, app, make_poll, network, poll):
    other = make_poll(network, questions=EVERY_KIND[:1], state=PollState.LIVE, code="555666")
    joined(client, poll)
    joined(client, other)

    by_script = send(client, poll, other.questions[0], {"score": "3"}, as_json=True)
    by_form = send(client, poll, other.questions[0], {"score": "3"})

    assert by_script.status_code == by_form.status_code == 422
    assert by_script.get_json()["message"] == "Spørsmålet finnes ikke i denne avstemningen."
    assert answer_count(app) == 0


def test_an_answer_to_an_unknown_or_ended_poll_says_so(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    unknown = send(client, poll, question, {"score": "3"}, as_json=True, code="999999")
    with app.app_context():
        services.close_poll(db.session.get(Poll, poll.id))
        db.session.commit()

    by_script = send(client, poll, question, {"score": "3"}, as_json=True)
    by_form = send(client, poll, question, {"score": "3"})

    assert unknown.status_code == 404
    assert "Fant ingen avstemning" in unknown.get_json()["message"]
    assert by_script.status_code == by_form.status_code == 410
    assert by_script.get_json() == {"ok": False, "message": "Avstemningen med denne koden er avsluttet."}
    assert "Avstemningen med denne koden er avsluttet." in text(by_form)
    assert answer_count(app) == 0


def test_a_flood_from_one_phone_is_slowed_with_a_message_in_norwegian(client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(client, poll)
    for n in range(app.config["POLL_ANSWERS_PER_MINUTE"]):
        assert send(client, poll, question, {"score": str(n % 5 + 1)}, as_json=True).status_code == 200

    by_script = send(client, poll, question, {"score": "1"}, as_json=True)
    by_form = send(client, poll, question, {"score": "1"})

    assert by_script.status_code == by_form.status_code == 429
    assert by_script.get_json()["message"] == "Du har sendt svært mange svar på kort tid. Vent et minutt og prøv igjen."
    assert "Vent et minutt" in text(by_form)
    assert answers(app, question.id) == [{"score": (app.config["POLL_ANSWERS_PER_MINUTE"] - 1) % 5 + 1}]


def test_a_browser_that_never_joined_is_joined_and_asked_to_send_again(client, app, poll):
    question = question_of(poll, QuestionKind.TEXT)

    by_script = send(app.test_client(), poll, question, {"text": "Hei"}, as_json=True)
    by_form = send(client, poll, question, {"text": "Dette vil jeg ikke skrive en gang til"})
    again = send(client, poll, question, {"text": "Dette vil jeg ikke skrive en gang til"})

    assert by_script.status_code == 422
    assert "Last inn siden på nytt" in by_script.get_json()["message"]
    assert by_form.status_code == 422
    assert "Nå er du med" in text(by_form)
    assert "Dette vil jeg ikke skrive en gang til</textarea>" in by_form.get_data(as_text=True)
    assert again.status_code == 303
    assert answers(app, question.id) == [{"text": "Dette vil jeg ikke skrive en gang til"}]


def test_a_missing_csrf_token_gets_a_clear_message_not_an_error(csrf_client, app, poll):
    question = question_of(poll, QuestionKind.SCALE)
    joined(csrf_client, poll)

    by_script = send(csrf_client, poll, question, {"score": "3"}, as_json=True)
    by_form = send(csrf_client, poll, question, {"score": "3"})

    assert by_script.status_code == by_form.status_code == 400
    assert by_script.get_json() == {
        "ok": False, "message": "Siden er for gammel. Last inn siden på nytt og send svaret igjen."}
    assert "last siden på nytt" in text(by_form)
    assert answer_count(app) == 0


def test_the_page_posts_with_a_token_that_works(csrf_client, app, poll):
    page = joined(csrf_client, poll).get("/svar/482913").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    question = question_of(poll, QuestionKind.SCALE)

    response = send(csrf_client, poll, question, {"score": "5", "csrf_token": token}, as_json=True)

    assert response.status_code == 200
    assert answers(app, question.id) == [{"score": 5}]


def test_script_in_an_open_answer_is_stored_as_typed_and_shown_as_text(client, app, poll):
    question = question_of(poll, QuestionKind.TEXT)
    typed = '<script>alert("hei")</script><img src=x onerror=alert(1)>'
    joined(client, poll)

    send(client, poll, question, {"text": typed})
    page = client.get("/svar/482913").get_data(as_text=True)

    assert answers(app, question.id) == [{"text": typed}]
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;hei&#34;)&lt;/script&gt;" in page


# --- what the phone shows, and following the presenter ----------------------------------


def test_all_at_once_shows_every_opened_question_and_says_which_are_closed(client, app, make_poll, network):
    poll = make_poll(network, state=PollState.LIVE, pace=PollPace.ALL, code="246802", questions=[
        (QuestionKind.SCALE, "Åpent spørsmål", {"max": 10}, QuestionState.OPEN),
        (QuestionKind.TEXT, "Stengt spørsmål", {}, QuestionState.CLOSED),
        (QuestionKind.TEXT, "Kommer senere", {}, QuestionState.PENDING),
    ])

    page = joined(client, poll).get("/svar/246802")

    assert "Åpent spørsmål" in text(page) and "Stengt spørsmål" in text(page)
    assert "Kommer senere" not in text(page)
    assert page.get_data(as_text=True).count('name="score"') == 10
    assert "Spørsmålet er stengt." in text(page)


def test_one_at_a_time_shows_the_question_on_the_screen_or_asks_to_wait(client, app, make_poll, network):
    poll = make_poll(network, state=PollState.LIVE, pace=PollPace.ONE, code="135791", questions=[
        (QuestionKind.SCALE, "Første spørsmål", {"max": 5}, QuestionState.PENDING),
        (QuestionKind.TEXT, "Andre spørsmål", {}, QuestionState.PENDING),
    ])
    waiting = joined(client, poll).get("/svar/135791")
    status = client.get("/svar/135791/status", headers=JSON)
    unchanged = client.get("/svar/135791/status", headers={**JSON, "If-None-Match": status.headers["ETag"]})
    with app.app_context():
        services.show_question(db.session.get(Poll, poll.id), 1)
        db.session.commit()

    moved = client.get("/svar/135791/status", headers={**JSON, "If-None-Match": status.headers["ETag"]})
    page = client.get("/svar/135791")

    assert 'class="answer-waiting"' in text(waiting) and "Første spørsmål" not in text(waiting)
    assert unchanged.status_code == 304
    assert moved.status_code == 200 and moved.headers["ETag"] != status.headers["ETag"]
    assert moved.get_json()["questions"] == [poll.questions[1].id]
    assert "Andre spørsmål" in text(page) and "Første spørsmål" not in text(page)
    assert 'class="answer-waiting"' not in text(page)


def test_the_status_stays_the_same_while_others_answer(client, app, poll):
    status = joined(client, poll).get("/svar/482913/status", headers=JSON)
    other = joined(app.test_client(), poll)
    send(other, poll, question_of(poll, QuestionKind.SCALE), {"score": "5"}, as_json=True)

    again = client.get("/svar/482913/status", headers={**JSON, "If-None-Match": status.headers["ETag"]})

    assert again.status_code == 304


def test_the_status_of_an_ended_poll_tells_the_phone(client, app, poll):
    joined(client, poll)
    with app.app_context():
        services.close_poll(db.session.get(Poll, poll.id))
        db.session.commit()

    response = client.get("/svar/482913/status", headers=JSON)

    assert response.status_code == 410
    assert response.get_json()["message"] == "Avstemningen med denne koden er avsluttet."


def test_the_page_embeds_the_status_it_was_drawn_from(client, poll):
    page = joined(client, poll).get("/svar/482913").get_data(as_text=True)
    status = client.get("/svar/482913/status", headers=JSON)

    assert f'data-etag="&#34;{status.headers["ETag"].strip(chr(34))}&#34;"' in page


# --- municipality -------------------------------------------------------------------------


def test_the_participant_may_say_which_municipality_and_change_it(client, app, poll, network, make_team):
    from verksted.networks.models import TeamStatus

    make_team(network, "Håkøy kommune", status=TeamStatus.WITHDRAWN)
    question = question_of(poll, QuestionKind.SCALE)
    page = text(joined(client, poll).get("/svar/482913"))
    send(client, poll, question, {"score": "4"})
    with app.app_context():
        from verksted.networks.models import Team

        sameby = db.session.scalar(sa.select(Team).where(Team.municipality == "Čáhppesjávri suohkan"))

    chosen = client.post("/svar/482913/kommune", data={"team_id": str(sameby.id)})
    with app.app_context():
        after_choosing = db.session.scalar(sa.select(Answer.team_id))
    taken_back = client.post("/svar/482913/kommune", data={"team_id": ""}, headers=JSON)

    assert "Hvilken kommune er du fra? (valgfritt)" in page and "Vil ikke si" in page
    assert "Čáhppesjávri suohkan" in page and "Håkøy kommune" not in page
    assert "minst 5 fra kommunen har svart" in page
    assert chosen.status_code == 303
    assert after_choosing == sameby.id
    assert taken_back.get_json()["ok"] is True
    with app.app_context():
        assert db.session.scalar(sa.select(Answer.team_id)) is None


def test_a_municipality_not_in_the_list_is_refused(client, app, poll, make_network, make_team):
    elsewhere = make_team(make_network("Et annet nettverk"), "Sørdalen kommune")
    joined(client, poll)

    response = client.post("/svar/482913/kommune", data={"team_id": str(elsewhere.id)}, headers=JSON)

    assert response.status_code == 422
    assert response.get_json()["message"] == "Velg en kommune fra listen."


# --- language -----------------------------------------------------------------------------


@pytest.mark.parametrize(("locale", "lang"), [("nn", "nn"), ("en", "en"), ("nb", "nb")])
def test_the_language_switch_keeps_the_participant_on_the_poll(client, poll, locale, lang):
    page = joined(client, poll).get("/svar/482913").get_data(as_text=True)
    back_to = re.search(r'name="next" value="([^"]*)"', page).group(1)

    switched = client.post("/sprak", data={"locale": locale, "next": unescape(back_to)})
    again = client.get(switched.headers["Location"])

    assert switched.headers["Location"].split("?")[0].endswith("/svar/482913")
    assert f'<html lang="{lang}"' in again.get_data(as_text=True)
    assert "Hvor nyttig var samlingen?" in text(again)


def test_script_in_an_open_answer_is_text_on_the_presenters_screen_and_the_results(
        client, app, poll, network, make_user, make_membership, login):
    from verksted.networks.models import Role

    typed = '<script>alert("hei")</script><img src=x onerror=alert(1)>'
    joined(client, poll)
    send(client, poll, question_of(poll, QuestionKind.TEXT), {"text": typed}, as_json=True)
    send(client, poll, question_of(poll, QuestionKind.WORDS), {"words": ["<b>fet</b>"]}, as_json=True)
    leader = make_user("leder@usht.example", "Åse Ødegård")
    make_membership(leader, network, Role.FACILITATOR)
    screen_client = login(app.test_client(), leader)
    with app.app_context():
        services.show_question(db.session.get(Poll, poll.id), 4, open_it=False)  # the open text on the screen
        db.session.commit()

    screen = screen_client.get(f"/avstemninger/{poll.id}/skjerm").get_data(as_text=True)
    results = screen_client.get(f"/avstemninger/{poll.id}/resultater").get_data(as_text=True)
    # The screen's script puts these server-rendered regions in place as they are.
    live = "".join(screen_client.get(f"/avstemninger/{poll.id}/skjerm.json").get_json()["html"].values())

    for page in (screen, results, live):
        assert "&lt;script&gt;alert(&#34;hei&#34;)&lt;/script&gt;" in page
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>fet</b>" not in page
