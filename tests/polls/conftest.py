"""Factories and a small cast for the poll tests. Every name is invented; some carry æøå and
Sámi letters on purpose.

    poll = make_poll(network, gathering, questions=[(QuestionKind.SCALE, "Hvor nyttig?", {"max": 5})],
                     state=PollState.LIVE)
    make_answers(poll.questions[0], [{"score": 4}, {"score": 5}], team=team)

Outside a `ctx` the objects come back detached with their columns (and a poll's questions)
loaded; inside `ctx` they stay attached to its session.
"""
from __future__ import annotations

import itertools
import secrets
from datetime import time, timedelta
from types import SimpleNamespace

import pytest
from flask import has_app_context

from verksted.clock import today, utcnow
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem
from verksted.networks.models import Role, TeamStatus
from verksted.polls.kinds import clean_settings, default_settings
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    Poll,
    PollPace,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)

_codes = itertools.count(700001)


def _id(obj):
    return obj if obj is None or isinstance(obj, int) else obj.id


def _in_context(app, work):
    """Run `work()` (which adds and commits) in the test's app context, or in a fresh one from
    which the result comes back detached with what `work` loaded."""
    if has_app_context():
        return work()
    with app.app_context():
        return work()


@pytest.fixture
def make_gathering(save):
    """A gathering `days_ahead` days from today (negative: in the past), 09.30–15.30."""

    def make_gathering(network, number=1, days_ahead=30, title=None, starts_at=time(9, 30), ends_at=time(15, 30),
                       **fields) -> Gathering:
        fields.setdefault("held_on", today() + timedelta(days=days_ahead))
        fields.setdefault("venue", "Fjordvik kulturhus")
        fields["host_team_id"] = _id(fields.get("host_team_id"))
        (gathering,) = save(Gathering(network_id=_id(network), number=number, title=title or f"Samling {number}",
                                      starts_at=starts_at, ends_at=ends_at, **fields))
        return gathering

    return make_gathering


@pytest.fixture
def make_item(save):
    def make_item(gathering, starts_at=time(10), title="Foredrag", ends_at=None, kind=ItemKind.TALK, **fields):
        (item,) = save(ProgrammeItem(gathering_id=_id(gathering), starts_at=starts_at, ends_at=ends_at, title=title,
                                     kind=kind, **fields))
        return item

    return make_item


@pytest.fixture
def make_evaluation_question(app):
    """A question of the network's evaluation template; `prompts` gives one version per wording."""

    def make_evaluation_question(network, kind=QuestionKind.SCALE, prompts=("Hvor nyttig var samlingen?",),
                                 settings=None, position=None, retired=False) -> EvaluationQuestion:
        if isinstance(prompts, str):
            prompts = (prompts,)
        cleaned = clean_settings(kind, settings if settings is not None else _usable_settings(kind))

        def work():
            question = EvaluationQuestion(
                network_id=_id(network), kind=kind, position=position if position is not None else next(_codes),
                retired_at=utcnow() if retired else None,
                versions=[EvaluationQuestionVersion(number=n, prompt=p, settings=cleaned)
                          for n, p in enumerate(prompts, start=1)],
            )
            db.session.add(question)
            db.session.commit()
            question.versions  # noqa: B018 - loaded before the session closes
            return question

        return _in_context(app, work)

    return make_evaluation_question


@pytest.fixture
def make_poll(app):
    """A poll with questions given as (kind, prompt, settings) or (kind, prompt, settings, question state).

    The questions' state follows the poll's unless given: pending in a draft, open in a live
    poll, closed in a closed one. `evaluation_question` links every question of that kind.
    """

    def make_poll(network, gathering=None, questions=(), state=PollState.DRAFT, title=None, code=None,
                  pace=PollPace.ONE, evaluation_questions=()) -> Poll:
        default_state = {PollState.DRAFT: QuestionState.PENDING, PollState.LIVE: QuestionState.OPEN,
                         PollState.CLOSED: QuestionState.CLOSED}[state]
        links = {q.kind: _id(q) for q in evaluation_questions}

        def work():
            poll = Poll(
                network_id=_id(network), gathering_id=_id(gathering), title=title or "Evaluering",
                code=code or str(next(_codes)), state=state, pace=pace, current_position=0, version=0,
                opened_at=utcnow() if state is not PollState.DRAFT else None,
                closed_at=utcnow() if state is PollState.CLOSED else None,
            )
            for position, spec in enumerate(questions):
                kind, prompt, settings, *rest = (*spec, None) if len(spec) == 2 else spec
                question_state = rest[0] if rest else default_state
                evaluation = db.session.get(EvaluationQuestion, links[kind]) if kind in links else None
                poll.questions.append(PollQuestion(
                    position=position, kind=kind, prompt=prompt,
                    settings=clean_settings(kind, settings if settings is not None else _usable_settings(kind)),
                    state=question_state, results_visible=True,
                    evaluation_question=evaluation,
                    question_version=evaluation.current if evaluation is not None else None,
                ))
            db.session.add(poll)
            db.session.commit()
            for question in poll.questions:
                question.prompt  # noqa: B018 - loaded before the session closes
            return poll

        return _in_context(app, work)

    return make_poll


@pytest.fixture
def make_answers(app):
    """Answers to a question as rows with random keys (as if from different people)."""

    def make_answers(question, values, team=None, hidden=False) -> list[Answer]:
        def work():
            answers = [Answer(question_id=_id(question), answer_key=secrets.token_hex(32), value=value,
                              team_id=_id(team), hidden=hidden) for value in values]
            db.session.add_all(answers)
            db.session.commit()
            for answer in answers:
                answer.value  # noqa: B018
            return answers

        return _in_context(app, work)

    return make_answers


def _usable_settings(kind: QuestionKind) -> dict:
    """Settings that pass `clean_settings` for any kind (choices need two options)."""
    settings = default_settings(kind)
    if "options" in settings:
        settings["options"] = ["Foredragene", "Gruppearbeidet", "Standene"]
    return settings


@pytest.fixture
def cast(app, login, make_user, make_network, make_team, make_membership):
    """A network with a project leader, an observer, two active teams and one that withdrew.

    Fjordvik: Ingrid. Čáhppesjávri: Biret. Håkøy (withdrawn). Another network has its own
    project leader, Solveig.
    """
    network = make_network("Rekruttere og beholde – Nordfjella", starts_on=today() - timedelta(days=300),
                           ends_on=today() + timedelta(days=300))
    other_network = make_network("Heltid i Sørdalen")
    fjordvik = make_team(network, "Fjordvik kommune", municipality_number="9901")
    sameby = make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")
    hakoy = make_team(network, "Håkøy kommune", municipality_number="9906", status=TeamStatus.WITHDRAWN,
                      withdrawn_on=today() - timedelta(days=100), withdrawal_reason="Sykefravær")

    def person(email, name, role=Role.TEAM_MEMBER, team=None, in_network=network):
        user = make_user(email, name)
        make_membership(user, in_network, role, team)
        return user

    people = SimpleNamespace(
        leader=person("leder@usht.example", "Åse Ødegård", Role.FACILITATOR),
        observer=person("observator@ks.example", "Olav Observatør", Role.OBSERVER),
        ingrid=person("ingrid@fjordvik.example", "Ingrid Sæther", team=fjordvik),
        biret=person("biret@sameby.example", "Biret Sárá Eira", team=sameby),
        stranger=person("leder@sordalen.example", "Solveig Sørdalen", Role.FACILITATOR, in_network=other_network),
    )

    def client_for(user):
        client = app.test_client()
        if user is not None:
            login(client, user)
        return client

    return SimpleNamespace(network=network, other_network=other_network, fjordvik=fjordvik, sameby=sameby,
                           hakoy=hakoy, client_for=client_for, **vars(people))
