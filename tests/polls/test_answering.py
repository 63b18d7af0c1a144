"""Answering a live poll, called directly: one answer per person per question, closed
questions refuse, floods are slowed, and who answered cannot be linked to what."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from verksted.errors import Refused
from verksted.extensions import db
from verksted.polls import answering, services
from verksted.polls.answering import TooMany
from verksted.polls.models import Answer, Participant, Poll, PollState, QuestionKind


@pytest.fixture
def live_poll(ctx, make_network, make_team):
    network = make_network("Heltid i Nordfjella")
    make_team(network, "Fjordvik kommune")
    poll = services.create_poll(db.session.merge(network), "Evaluering", from_template=False)
    services.add_question(poll, QuestionKind.SCALE, "Hvor nyttig var dagen?", {"max": 5, "dont_know": True})
    services.add_question(poll, QuestionKind.MULTIPLE, "Hva var best?",
                          {"options": ["Foredrag", "Gruppearbeid", "Lunsj"], "max_choices": 2})
    services.add_question(poll, QuestionKind.WORDS, "Tre ord om dagen", {"max_words": 3})
    services.start_poll(poll)
    db.session.commit()
    return poll


def _answers(question_id):
    return db.session.scalars(sa.select(Answer).where(Answer.question_id == question_id)).all()


def test_answering_again_changes_the_answer_instead_of_counting_twice(live_poll):
    question = live_poll.questions[0]
    secret, _participant = answering.join(live_poll, None)
    db.session.commit()

    answering.record_answer(live_poll.id, question.id, secret, MultiDict({"score": "3"}))
    answering.record_answer(live_poll.id, question.id, secret, MultiDict({"score": "5"}))
    db.session.commit()

    answers = _answers(question.id)
    assert [a.value for a in answers] == [{"score": 5}]


def test_two_people_give_two_answers_and_no_row_links_them_to_their_participant(live_poll):
    question = live_poll.questions[0]
    first, _ = answering.join(live_poll, None)
    second, _ = answering.join(live_poll, None)
    db.session.commit()

    answering.record_answer(live_poll.id, question.id, first, MultiDict({"score": "2"}))
    answering.record_answer(live_poll.id, question.id, second, MultiDict({"score": "dont_know"}))
    db.session.commit()

    answers = _answers(question.id)
    participants = db.session.scalars(sa.select(Participant)).all()
    assert sorted(str(a.value) for a in answers) == ["{'dont_know': True}", "{'score': 2}"]
    assert {a.answer_key for a in answers}.isdisjoint({p.key_hash for p in participants})


def test_a_closed_question_refuses_answers(live_poll):
    question = live_poll.questions[0]
    secret, _ = answering.join(live_poll, None)
    services.close_question(question)
    db.session.commit()

    with pytest.raises(Refused, match="stengt"):
        answering.record_answer(live_poll.id, question.id, secret, MultiDict({"score": "3"}))


@pytest.mark.parametrize(("form", "message"), [
    ({"score": "6"}, "fra 1 til 5"),
    ({"score": "-1"}, "fra 1 til 5"),
    ({"score": "tre"}, "fra 1 til 5"),
])
def test_a_value_outside_the_scale_is_refused(live_poll, form, message):
    secret, _ = answering.join(live_poll, None)
    with pytest.raises(Refused, match=message):
        answering.record_answer(live_poll.id, live_poll.questions[0].id, secret, MultiDict(form))


def test_too_many_choices_and_too_long_words_are_refused(live_poll):
    secret, _ = answering.join(live_poll, None)
    services.open_question(live_poll.questions[1])
    services.open_question(live_poll.questions[2])
    db.session.commit()

    with pytest.raises(Refused, match="høyst 2"):
        answering.record_answer(live_poll.id, live_poll.questions[1].id, secret,
                                MultiDict([("choices", "0"), ("choices", "1"), ("choices", "2")]))
    with pytest.raises(Refused, match="høyst 40 tegn"):
        answering.record_answer(live_poll.id, live_poll.questions[2].id, secret, MultiDict({"words": "x" * 41}))


def test_a_flood_from_one_device_is_slowed_with_a_message(live_poll, app):
    secret, _ = answering.join(live_poll, None)
    db.session.commit()
    question = live_poll.questions[0]
    for _ in range(app.config["POLL_ANSWERS_PER_MINUTE"]):
        answering.record_answer(live_poll.id, question.id, secret, MultiDict({"score": "4"}))
        db.session.commit()

    with pytest.raises(TooMany, match="Vent et minutt"):
        answering.record_answer(live_poll.id, question.id, secret, MultiDict({"score": "4"}))
    db.session.rollback()
    assert len(_answers(question.id)) == 1


def test_an_unknown_or_expired_code_is_refused_and_guessing_is_slowed(live_poll, app):
    with pytest.raises(Refused, match="Fant ingen avstemning"):
        answering.find_poll("999999", "10.0.0.9")
    db.session.commit()
    services.close_poll(live_poll)
    db.session.commit()
    with pytest.raises(Refused, match="avsluttet"):
        answering.find_poll(live_poll.code, "10.0.0.9")
    for _ in range(app.config["POLL_CODE_ATTEMPTS"]):
        try:
            answering.find_poll("111111", "10.0.0.9")
        except TooMany:
            break
        except Refused:
            db.session.commit()
    with pytest.raises(TooMany):
        answering.find_poll(live_poll.code, "10.0.0.9")


def test_the_live_stamp_changes_with_answers_and_presenter_actions_only(live_poll):
    before = answering.live_stamp(live_poll.id)
    assert answering.live_stamp(live_poll.id) == before

    secret, _ = answering.join(live_poll, None)
    db.session.commit()
    joined = answering.live_stamp(live_poll.id)
    answering.record_answer(live_poll.id, live_poll.questions[0].id, secret, MultiDict({"score": "4"}))
    db.session.commit()
    answered = answering.live_stamp(live_poll.id)
    services.set_results_visible(live_poll.questions[0], False)
    db.session.commit()

    assert len({before, joined, answered, answering.live_stamp(live_poll.id)}) == 4


def test_choosing_a_municipality_moves_the_answers_already_given(live_poll):
    team = answering.teams_to_choose(live_poll)[0]
    secret, participant = answering.join(live_poll, None)
    db.session.commit()
    answering.record_answer(live_poll.id, live_poll.questions[0].id, secret, MultiDict({"score": "4"}))

    answering.choose_team(live_poll, secret, participant, team.id)
    db.session.commit()

    assert [a.team_id for a in _answers(live_poll.questions[0].id)] == [team.id]
    assert db.session.get(Poll, live_poll.id).state is PollState.LIVE
