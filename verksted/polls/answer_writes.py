"""An answer from a full room, written straight through the database driver.

When a whole room answers at once, each answer's cost on the server is what the room waits for,
and a statement built and run through SQLAlchemy costs the server more than the database spends
on it. So an answer to a question this process has already read (`answering.known_question`) is
counted and stored by the SQL written out below, on the DBAPI connection beneath the answer's
connection: one statement on PostgreSQL, two in one transaction on SQLite. As they write, the
statements check everything the process kept about the question; when anything differs they
write nothing, and the answer takes the full path in `answering`, which says why.

The SQL names the tables and columns of `Participant`, `Answer`, `PollQuestion` and `Poll`; the
tests of answering run it on both databases.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.polls.answering import (
    ANSWER_WINDOW,
    TooMany,
    answer_key,
    forget_question,
    known_question,
    normalise_code,
    participant_hash,
)
from verksted.polls.kinds import parse_answer
from verksted.polls.models import PollState, QuestionState

SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite

# The participant's request is counted in its one-minute window, if the question is still the
# one the process kept, open in a live poll; returns the count and the participant's municipality.
_COUNT = f"""
UPDATE poll_participants SET
    window_hits = CASE WHEN window_started_at < :since THEN 1 ELSE window_hits + 1 END,
    window_started_at = CASE WHEN window_started_at < :since THEN :now ELSE window_started_at END
WHERE key_hash = :participant AND poll_id = :poll AND EXISTS (
    SELECT 1 FROM poll_questions JOIN polls ON polls.id = poll_questions.poll_id
    WHERE poll_questions.id = :question AND polls.id = :poll AND polls.code = :code
      AND polls.state = '{PollState.LIVE.value}' AND poll_questions.state = '{QuestionState.OPEN.value}'
      AND poll_questions.kind = :kind AND CAST(poll_questions.settings AS TEXT) = :settings)
RETURNING window_hits, team_id"""

_STORE = """
INSERT INTO poll_answers (question_id, answer_key, value, team_id, hidden, created_at, updated_at)
{rows}
ON CONFLICT (question_id, answer_key) DO UPDATE
    SET value = excluded.value, team_id = excluded.team_id, updated_at = excluded.updated_at"""

SQLITE_COUNT = _COUNT
SQLITE_STORE = _STORE.format(rows="VALUES (:question, :key, :value, :team, :hidden, :now, :now)")

# PostgreSQL counts and stores in one statement; the answer is stored only when counted within
# the limit. psycopg writes a parameter as %(name)s.
POSTGRESQL_COUNT_AND_STORE = re.sub(r":(\w+)", r"%(\1)s", f"""
WITH counted AS ({_COUNT}),
stored AS ({_STORE.format(rows='''SELECT :question, :key, CAST(:value AS json), team_id, :hidden, :now, :now
    FROM counted WHERE window_hits <= :limit''')})
SELECT window_hits, team_id FROM counted""")


def record_known_answer(code: str, question_id: int, secrets_by_poll: Mapping[str, str], form: Mapping,
                        connection: sa.Connection) -> bool:
    """Store the answer when this process knows the question and the browser has joined its poll.

    Returns False when it could not tell (a question not read here yet, a browser that has not
    joined, a question the presenter changed, an answer that does not fit): the caller then
    takes the full path, which says why. Raises `TooMany` for a flood, and a `DBAPIError` with
    `connection_invalidated` when the database has closed the connection.
    """
    question = known_question(code, question_id)
    secret = secrets_by_poll.get(str(question.poll_id)) if question is not None else None
    if not secret:
        return False
    try:
        value = parse_answer(question.kind, question.settings or {}, form)
    except Refused:
        return False  # said by the full path, with the question as it is now
    now = utcnow()
    limit = current_app.config["POLL_ANSWERS_PER_MINUTE"]
    on_postgresql = connection.dialect.name == "postgresql"
    params = {
        "participant": participant_hash(secret), "poll": question.poll_id, "question": question_id,
        "code": normalise_code(code), "kind": question.kind.value, "settings": question.settings_text,
        "since": now - ANSWER_WINDOW, "now": now, "key": answer_key(secret, question_id),
        "value": json.dumps(value), "hidden": False, "limit": limit,
    }
    if not on_postgresql:
        params["since"], params["now"] = params["since"].strftime(SQLITE_TIME), now.strftime(SQLITE_TIME)
    driver = connection.connection.dbapi_connection
    statement = POSTGRESQL_COUNT_AND_STORE if on_postgresql else SQLITE_COUNT
    try:
        counted = driver.execute(statement, params).fetchone()  # on PostgreSQL, in autocommit
        if not on_postgresql:
            if counted is not None and counted[0] <= limit:
                statement = SQLITE_STORE
                driver.execute(statement, {**params, "team": counted[1]})
            driver.commit()  # a flood's count too: the window goes on filling
    except connection.dialect.loaded_dbapi.Error as error:
        _give_up(connection, driver, statement, error)
    if counted is None:
        forget_question(code, question_id)
        return False
    if counted[0] > limit:
        raise TooMany(_("Du har sendt svært mange svar på kort tid. Vent et minutt og prøv igjen."))
    return True


def _give_up(connection: sa.Connection, driver, statement: str, error: Exception):
    """Undo what the failed write began and raise it as SQLAlchemy would have: a connection the
    database closed is thrown away, so that the next answer gets a new one."""
    lost = connection.dialect.is_disconnect(error, driver, None)
    if lost:
        connection.invalidate()
    else:
        driver.rollback()
    raise sa.exc.DBAPIError(statement, None, error, hide_parameters=True, connection_invalidated=lost) from error
