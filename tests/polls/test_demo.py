"""The demo's polls tell the story of the seed reports: an evaluation after every gathering held,
talks staying high and group work across municipalities rising, moderated answers kept, a
reworded question still the same question, and a live workshop anyone can answer."""
from __future__ import annotations

import statistics

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from verksted import demo
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network
from verksted.polls import demo as polls_demo
from verksted.polls import results, services
from verksted.polls.models import Answer, HiddenWord, Poll, PollState, QuestionKind


@pytest.fixture
def seeded(app, monkeypatch):
    """The whole demo, seeded once for the test (quick password hashes: scrypt would take seconds)."""
    monkeypatch.setattr("verksted.accounts.models.generate_password_hash",
                        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"))
    with app.test_request_context():
        demo.seed()
        db.session.commit()
        network = db.session.scalar(sa.select(Network).where(Network.name == demo.NETWORK_NAME))
        yield network
        db.session.rollback()


def _means(network: Network, template_position: int) -> list[float]:
    """The mean score, gathering by gathering, of one scale question of the template."""
    question = services.evaluation_template(network)[template_position]
    means = []
    for poll in _evaluations(network):
        (asked,) = [q for q in poll.questions if q.evaluation_question_id == question.id]
        scores = db.session.scalars(sa.select(Answer.value).where(Answer.question_id == asked.id)).all()
        means.append(statistics.mean(s["score"] for s in scores))
    return means


def _evaluations(network: Network) -> list[Poll]:
    """The demo network's evaluations, gathering by gathering (the demo has other networks too)."""
    return db.session.scalars(
        sa.select(Poll).join(Gathering).where(Poll.network_id == network.id).order_by(Gathering.number)
    ).all()


def test_every_gathering_held_has_a_closed_evaluation_with_answers_from_the_room(seeded):
    polls = _evaluations(seeded)

    assert [p.gathering.number for p in polls] == list(polls_demo.HELD)
    assert all(p.state is PollState.CLOSED for p in polls)
    for poll in polls:
        answered = services.polls_for(seeded)
        (listing,) = [row for row in answered if row.poll.id == poll.id]
        assert 25 <= listing.answered <= 45
        assert len(poll.questions) == len(services.evaluation_template(seeded))
        teams = [a.team_id for a in results.answers_by_question([poll.questions[0].id])[poll.questions[0].id]]
        by_team = {team: teams.count(team) for team in set(teams) if team}
        assert sum(by_team.values()) > len(teams) / 2  # most chose their municipality
        assert max(by_team.values()) >= 5 and min(by_team.values()) < 5


def test_group_work_across_municipalities_rises_while_the_talks_stay_high(seeded):
    across = _means(seeded, 3)
    talks = _means(seeded, 1)

    assert across == sorted(across) and across[-1] - across[0] >= 1
    assert all(mean >= 4 for mean in talks)


def test_one_question_was_reworded_between_gatherings_and_stays_comparable(seeded):
    within = services.evaluation_template(seeded)[2]
    polls = _evaluations(seeded)
    versions = [next(q.question_version.number for q in poll.questions if q.evaluation_question_id == within.id)
                for poll in polls]

    assert [v.number for v in within.versions] == [1, 2]
    assert within.versions[1].created_at > polls[0].closed_at
    assert versions == [1, 2, 2]


def test_a_hidden_word_and_a_hidden_open_answer_are_kept_in_the_data(seeded):
    hidden_answers = db.session.scalars(sa.select(Answer).where(Answer.hidden.is_(True))).all()
    hidden_words = db.session.scalars(sa.select(HiddenWord.word)).all()
    texts = db.session.scalars(sa.select(Answer.value)).all()

    assert len(hidden_answers) == 1 and "text" in hidden_answers[0].value
    assert hidden_words == ["kjedelig"]
    everything = " ".join(str(v) for v in texts)
    assert all(letter in everything for letter in "æøåáČ😊") and "Čáhppesjávri" in everything


def test_a_live_workshop_runs_and_its_code_is_printed_with_the_sign_in_help(seeded):
    code = polls_demo.live_code()
    poll = db.session.scalar(sa.select(Poll).where(Poll.code == code))

    assert poll.gathering_id is None and poll.state is PollState.LIVE
    assert {q.kind for q in poll.questions} == {QuestionKind.RANKING, QuestionKind.WORDS}
    assert f"http://127.0.0.1:5000/svar med koden {code}" in demo.sign_in_help()
