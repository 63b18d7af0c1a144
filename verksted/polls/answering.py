"""Answering without an account: joining by code, and one answer per person per question.

A participant's browser holds a random secret for the poll (in the signed session cookie).
The server stores only hashes of it: one to recognise the participant, and for every question
another, unrelated one as the answer's key. The unique key (question, answer key) is what
makes answering twice change the answer instead of counting it twice.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.dialects import postgresql, sqlite

from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Team, TeamStatus
from verksted.polls.kinds import parse_answer
from verksted.polls.models import (
    Answer,
    CodeAttempt,
    Participant,
    Poll,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)

CODE_WINDOW = timedelta(minutes=10)
ANSWER_WINDOW = timedelta(minutes=1)


class TooMany(Refused):
    """Refused because one device or machine sent too much; the view answers 429."""


def participant_hash(secret: str) -> str:
    return hashlib.sha256(f"participant:{secret}".encode()).hexdigest()


def answer_key(secret: str, question_id: int) -> str:
    return hashlib.sha256(f"answer:{question_id}:{secret}".encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())[:8]


def find_poll(code: str, remote_addr: str = "") -> Poll:
    """The live poll with this code; refuses unknown, not-yet-started and expired codes, and
    slows down a machine that guesses."""
    remote_addr = (remote_addr or "")[:64]
    code = normalise_code(code)
    limit = current_app.config["POLL_CODE_ATTEMPTS"]
    recent = db.session.scalar(
        sa.select(sa.func.count(CodeAttempt.id)).where(
            CodeAttempt.remote_addr == remote_addr, CodeAttempt.created_at > utcnow() - CODE_WINDOW
        )
    )
    if recent >= limit:
        raise TooMany(_("For mange feil koder fra denne enheten. Vent noen minutter og prøv igjen."))
    poll = db.session.scalar(sa.select(Poll).where(Poll.code == code)) if len(code) == 6 else None
    if poll is None:
        db.session.execute(sa.delete(CodeAttempt).where(CodeAttempt.created_at < utcnow() - CODE_WINDOW))
        db.session.add(CodeAttempt(remote_addr=remote_addr))
        raise Refused(_("Fant ingen avstemning med koden %(code)s. Sjekk koden på skjermen.", code=code or "–"), "code")
    if poll.state is PollState.DRAFT:
        raise Refused(_("Avstemningen har ikke startet ennå. Prøv igjen om litt."), "code")
    if poll.state is PollState.CLOSED:
        raise Refused(_("Avstemningen med denne koden er avsluttet."), "code")
    return poll


def join(poll: Poll, secret: str | None) -> tuple[str, Participant]:
    """The participant for this browser's secret, joining the poll if it is new."""
    if secret:
        participant = db.session.scalar(
            sa.select(Participant).where(Participant.key_hash == participant_hash(secret), Participant.poll_id == poll.id)
        )
        if participant is not None:
            return secret, participant
    secret = new_secret()
    participant = Participant(poll_id=poll.id, key_hash=participant_hash(secret))
    db.session.add(participant)
    return secret, participant


def participant_for(poll: Poll, secret: str | None) -> Participant | None:
    if not secret:
        return None
    return db.session.scalar(
        sa.select(Participant).where(Participant.key_hash == participant_hash(secret), Participant.poll_id == poll.id)
    )


def teams_to_choose(poll: Poll) -> list[Team]:
    return list(
        db.session.scalars(
            sa.select(Team)
            .where(Team.network_id == poll.network_id, Team.status == TeamStatus.ACTIVE)
            .order_by(Team.municipality)
        )
    )


def choose_team(poll: Poll, secret: str, participant: Participant, team_id: int | None) -> None:
    """The participant says which municipality they are from (or takes it back); the answers
    they already gave follow, found by their keys."""
    if team_id:
        if team_id not in {team.id for team in teams_to_choose(poll)}:
            raise Refused(_("Velg en kommune fra listen."), "team_id")
    else:
        team_id = None
    participant.team_id = team_id
    keys = [(question.id, answer_key(secret, question.id)) for question in poll.questions]
    if keys:
        db.session.execute(
            sa.update(Answer)
            .where(sa.tuple_(Answer.question_id, Answer.answer_key).in_(keys))
            .values(team_id=team_id)
            .execution_options(synchronize_session=False)
        )


class QuestionToAnswer(NamedTuple):
    poll_id: int
    kind: QuestionKind
    settings: dict | None
    state: QuestionState
    poll_state: PollState
    settings_text: str  # the settings as the database holds them, to compare with


def question_to_answer(code: str, question_id: int, connection: sa.Connection | None = None) -> QuestionToAnswer | None:
    """The question a participant answers, with its poll, found by the code in the address. An
    open question of a live poll is kept for the answers that follow (see below)."""
    code = normalise_code(code)
    row = (connection or db.session.connection()).execute(
        _QUESTION_BY_CODE, {"q_code": code, "q_id": question_id}
    ).one_or_none()
    if row is None:
        return None
    question = QuestionToAnswer(*row)
    if question.state is QuestionState.OPEN and question.poll_state is PollState.LIVE:
        if len(_ASKED) >= ASKED_KEPT:
            _ASKED.clear()
        _ASKED[code, question_id] = question
    return question


# --- what a process keeps ---------------------------------------------------------------
#
# A room answers the same few questions hundreds of times a minute. What a question asks (its
# kind and settings) is kept in each process once an answer has read it, so the next answers can
# be written at once (`answer_writes`). Every such write checks, in the same statement, all that
# was kept: that the question still belongs to the poll with this code, asks the same, is open,
# and that the poll is live. When anything differs, nothing is written and the answer takes the
# full path, which reads the question afresh. What is kept saves a read; it never decides.

ASKED_KEPT = 1000  # open questions a process remembers; more than any number of rooms at once
_ASKED: dict[tuple[str, int], QuestionToAnswer] = {}


def known_question(code: str, question_id: int) -> QuestionToAnswer | None:
    """The question as this process last read it, open in a live poll; None when not read here."""
    return _ASKED.get((normalise_code(code), question_id))


def forget_question(code: str, question_id: int) -> None:
    _ASKED.pop((normalise_code(code), question_id), None)


def record_answer(
    poll_id: int,
    question_id: int,
    secret: str | None,
    form: Mapping,
    question: QuestionToAnswer | None = None,
    connection: sa.Connection | None = None,
) -> dict:
    """Store this participant's answer to an open question, replacing their earlier one.

    Kept to three statements, since a whole room answers at once: read the question (or take
    the one `question_to_answer` read), count the device's request (which also proves it
    joined), and insert-or-update the answer. On `connection` when given (the answer view's
    own, past the ORM session), else in the session's transaction.
    """
    connection = connection or db.session.connection()
    if question is None:
        row = connection.execute(_QUESTION_IN_POLL, {"q_poll": poll_id, "q_id": question_id}).one_or_none()
        question = QuestionToAnswer(*row) if row is not None else None
    if question is None or question.poll_id != poll_id:
        raise Refused(_("Spørsmålet finnes ikke i denne avstemningen."))
    if question.poll_state is not PollState.LIVE:
        raise Refused(_("Avstemningen er avsluttet. Svaret ble ikke lagret."))
    if question.state is QuestionState.CLOSED:
        raise Refused(_("Spørsmålet er stengt. Svaret ble ikke lagret."))
    if question.state is not QuestionState.OPEN:
        raise Refused(_("Spørsmålet er ikke åpnet ennå."))
    value = parse_answer(QuestionKind(question.kind), question.settings or {}, form)
    now = utcnow()
    if connection.dialect.name == "postgresql":
        _count_and_upsert(connection, poll_id, question_id, secret, value, now)
        return value
    team_id = _count_request(connection, poll_id, secret, now)
    _upsert(connection, question_id, answer_key(secret, question_id), value, team_id, now)
    return value


def answer_connection() -> sa.Connection:
    """The connection an answer is stored on. On PostgreSQL that is the answers' own engine, in
    autocommit: an answer is one statement, with no BEGIN and COMMIT, and no ping, to wait for
    while a room answers (see `create_app`). A connection the database has closed fails once with
    `connection_invalidated`; the answer can then be sent again on a new one."""
    return db.engines.get("answers", db.engine).connect()


def own_answers(poll: Poll, secret: str | None) -> dict[int, dict]:
    """This participant's answers by question id, so the page can show what they chose."""
    if not secret or not poll.questions:
        return {}
    keys = {answer_key(secret, question.id): question.id for question in poll.questions}
    rows = db.session.execute(
        sa.select(Answer.answer_key, Answer.value).where(
            Answer.question_id.in_(list(keys.values())), Answer.answer_key.in_(list(keys))
        )
    )
    return {keys[key]: value for key, value in rows}


def _count_request(connection: sa.Connection, poll_id: int, secret: str | None, now: datetime) -> int | None:
    """Count one answer from this device in its current window; refuse a flood. Returns the
    participant's municipality, or refuses when the browser never joined."""
    if not secret:
        raise Refused(_("Skriv inn koden på nytt for å bli med."))
    row = connection.execute(
        _COUNT_REQUEST,
        {"p_key": participant_hash(secret), "p_poll": poll_id, "p_since": now - ANSWER_WINDOW, "p_now": now},
    ).one_or_none()
    if row is None:
        raise Refused(_("Skriv inn koden på nytt for å bli med."))
    hits, team_id = row
    if hits > current_app.config["POLL_ANSWERS_PER_MINUTE"]:
        raise TooMany(_("Du har sendt svært mange svar på kort tid. Vent et minutt og prøv igjen."))
    return team_id


def _count_and_upsert(connection: sa.Connection, poll_id: int, question_id: int, secret: str | None, value: dict,
                      now: datetime) -> None:
    """PostgreSQL: count the device's request and store its answer in one statement; the answer
    is only stored when the device has joined and is within its limit."""
    if not secret:
        raise Refused(_("Skriv inn koden på nytt for å bli med."))
    row = connection.execute(_COUNT_AND_UPSERT, {
        "p_key": participant_hash(secret), "p_poll": poll_id, "p_since": now - ANSWER_WINDOW, "p_now": now,
        "a_question": question_id, "a_key": answer_key(secret, question_id), "a_value": value, "a_now": now,
        "a_limit": current_app.config["POLL_ANSWERS_PER_MINUTE"],
    }).one_or_none()
    if row is None:
        raise Refused(_("Skriv inn koden på nytt for å bli med."))
    if row.hits > current_app.config["POLL_ANSWERS_PER_MINUTE"]:
        raise TooMany(_("Du har sendt svært mange svar på kort tid. Vent et minutt og prøv igjen."))


def _upsert(connection: sa.Connection, question_id: int, key: str, value: dict, team_id: int | None, now: datetime) -> None:
    connection.execute(
        _UPSERT[connection.dialect.name],
        {"a_question": question_id, "a_key": key, "a_value": value, "a_team": team_id, "a_now": now},
    )


# The answer path's statements, built once from the tables: a whole room answers at once, and a
# statement object that is reused is compiled once per process and skips the ORM.
def _question_statement(*criteria) -> sa.Select:
    questions, polls = PollQuestion.__table__, Poll.__table__
    return (
        sa.select(questions.c.poll_id, questions.c.kind, questions.c.settings, questions.c.state, polls.c.state,
                  sa.cast(questions.c.settings, sa.Text))
        .join_from(questions, polls, polls.c.id == questions.c.poll_id)
        .where(questions.c.id == sa.bindparam("q_id"), *criteria)
    )


def _count_request_statement() -> sa.Update:
    participants = Participant.__table__
    expired = participants.c.window_started_at < sa.bindparam("p_since")
    return (
        sa.update(participants)
        .where(participants.c.key_hash == sa.bindparam("p_key"), participants.c.poll_id == sa.bindparam("p_poll"))
        .values(
            window_hits=sa.case((expired, 1), else_=participants.c.window_hits + 1),
            window_started_at=sa.case((expired, sa.bindparam("p_now")), else_=participants.c.window_started_at),
        )
        .returning(participants.c.window_hits, participants.c.team_id)
    )


def _upsert_statement(insert) -> sa.Insert:
    answers = Answer.__table__
    statement = insert(answers).values(
        question_id=sa.bindparam("a_question"),
        answer_key=sa.bindparam("a_key"),
        value=sa.bindparam("a_value", type_=answers.c.value.type),
        team_id=sa.bindparam("a_team"),
        hidden=False,
        created_at=sa.bindparam("a_now", type_=answers.c.created_at.type),
        updated_at=sa.bindparam("a_now", type_=answers.c.updated_at.type),
    )
    return statement.on_conflict_do_update(
        index_elements=[answers.c.question_id, answers.c.answer_key],
        set_={"value": statement.excluded.value, "team_id": statement.excluded.team_id,
              "updated_at": statement.excluded.updated_at},
    )


_QUESTION_BY_CODE = _question_statement(Poll.__table__.c.code == sa.bindparam("q_code"))
_QUESTION_IN_POLL = _question_statement(PollQuestion.__table__.c.poll_id == sa.bindparam("q_poll"))
_COUNT_REQUEST = _count_request_statement()
_UPSERT = {"sqlite": _upsert_statement(sqlite.insert), "postgresql": _upsert_statement(postgresql.insert)}


def _count_and_upsert_statement() -> sa.Select:
    """WITH counted AS (UPDATE participants … RETURNING hits, team), stored AS (INSERT INTO
    answers SELECT … FROM counted WHERE hits <= limit ON CONFLICT DO UPDATE) SELECT hits."""
    answers = Answer.__table__
    counted = _COUNT_REQUEST.cte("counted")
    rows = sa.select(
        sa.bindparam("a_question"),
        sa.bindparam("a_key"),
        sa.bindparam("a_value", type_=answers.c.value.type),
        counted.c.team_id,
        sa.false(),
        sa.bindparam("a_now", type_=answers.c.created_at.type),
        sa.bindparam("a_now", type_=answers.c.updated_at.type),
    ).where(counted.c.window_hits <= sa.bindparam("a_limit"))
    insert = postgresql.insert(answers).from_select(
        ["question_id", "answer_key", "value", "team_id", "hidden", "created_at", "updated_at"], rows
    )
    stored = insert.on_conflict_do_update(
        index_elements=[answers.c.question_id, answers.c.answer_key],
        set_={"value": insert.excluded.value, "team_id": insert.excluded.team_id,
              "updated_at": insert.excluded.updated_at},
    ).cte("stored")
    return sa.select(counted.c.window_hits.label("hits")).add_cte(stored)


_COUNT_AND_UPSERT = _count_and_upsert_statement()


def live_stamp(poll_id: int) -> str | None:
    """A short fingerprint of everything a screen shows: presenter changes, participants,
    answers. Read in one cheap query, so an unchanged poll costs no result computation."""
    def about_answers(aggregate):
        return (
            sa.select(aggregate)
            .join(PollQuestion, PollQuestion.id == Answer.question_id)
            .where(PollQuestion.poll_id == poll_id)
            .scalar_subquery()
        )

    participants = sa.select(sa.func.count(Participant.id)).where(Participant.poll_id == poll_id).scalar_subquery()
    row = db.session.execute(
        sa.select(
            Poll.version, participants, about_answers(sa.func.count(Answer.id)), about_answers(sa.func.max(Answer.updated_at))
        ).where(Poll.id == poll_id)
    ).one_or_none()
    if row is None:
        return None
    version, joined, count, last = row
    last = last.isoformat() if hasattr(last, "isoformat") else (last or "")
    return hashlib.sha1(f"{version}|{joined}|{count}|{last}".encode()).hexdigest()[:20]
