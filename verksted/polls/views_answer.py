"""Answering without an account: the short address, joining by code, answering on a phone.

Every question is a plain form that posts and comes back (works without JavaScript and on any
connection); a script's post (Accept: application/json) gets `{"ok", "message"}` instead. A
waiting phone asks `/svar/<code>/status` what it should show, and gets 304 while that is the same.
"""
from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import abort, current_app, flash, jsonify, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from verksted.errors import Refused
from verksted.extensions import db
from verksted.polls import answer_writes, answering, bp
from verksted.polls.answering import TooMany
from verksted.polls.kinds import TEXT_MAX, WORD_MAX
from verksted.polls.models import Participant, Poll, PollPace, PollQuestion, PollState, QuestionKind, QuestionState
from verksted.polls.results import MIN_GROUP

SECRETS_KEPT = 5  # polls a browser remembers having joined; the cookie stays small


# --- the short address ------------------------------------------------------------------


@bp.route("/svar", methods=["GET", "POST"])
def enter_code():
    """The short address on the projector: type the code, go to the poll."""
    if request.method == "GET":
        return _code_page(None, request.args.get("kode", ""))
    typed = request.form.get("code", "")
    if not answering.normalise_code(typed):
        return _code_page(_("Skriv inn koden som står på skjermen."), typed, 422)
    try:
        poll = answering.find_poll(typed, request.remote_addr or "")
    except Refused as refused:
        db.session.commit()  # a wrong code counts towards the guessing limit
        return _code_page(refused.message, typed, 429 if isinstance(refused, TooMany) else 422)
    return redirect(url_for("polls.answer_page", code=poll.code), 303)


@bp.get("/svar/<code>")
def answer_page(code: str):
    """The poll on a phone; opening it (also straight from the QR code) joins it."""
    poll = _live_poll(code)
    if code != poll.code:
        return redirect(url_for("polls.answer_page", code=poll.code))
    secret, participant = answering.join(poll, _secret(poll.id))
    _remember(poll.id, secret)
    # Rendered before the commit, which would otherwise expire the poll and load it again.
    response = _poll_page(poll, secret, participant)
    db.session.commit()
    return response


# --- answering --------------------------------------------------------------------------


@bp.post("/svar/<code>/sporsmal/<int:question_id>")
def answer(code: str, question_id: int):
    try:
        return _store_answer(code, question_id)
    except sa.exc.DBAPIError as error:
        if not error.connection_invalidated:
            raise
        # The database closed the connection since this process last answered (it restarted):
        # nothing was stored, and the answer goes again on a new connection.
        db.session.rollback()
        return _store_answer(code, question_id)


def _store_answer(code: str, question_id: int):
    # A whole room answers at once. An answer to a question this process has read is counted and
    # stored by `answer_writes`, straight through the driver and guarded by what was read; the
    # first answer, or one after the presenter changed something, reads the question first. Both
    # store it on a connection of their own, past the ORM session. Only when the read fails, or
    # the browser has not joined, is the code looked at again: to say why, and to slow guessing.
    with answering.answer_connection() as connection:
        try:
            if not answer_writes.record_known_answer(code, question_id, _secrets(), request.form, connection):
                question = answering.question_to_answer(code, question_id, connection)
                if question is not None and question.poll_state is PollState.LIVE and _secret(question.poll_id):
                    poll_id = question.poll_id
                else:
                    question, poll_id = None, _live_poll(code).id
                secret = _secret(poll_id)
                if secret is None:
                    return _not_joined(poll_id, question_id)
                answering.record_answer(poll_id, question_id, secret, request.form, question, connection)
        except Refused as refused:
            connection.commit() if isinstance(refused, TooMany) else connection.rollback()
            return _refused(code, question_id, refused)
        connection.commit()
    if _wants_json():
        # The page carries the words for «saved» in the phone's language: a whole room answering
        # at once need not look up a translation for every answer.
        return _json_reply(True)
    flash(_("Svaret er lagret. Du kan endre det så lenge spørsmålet er åpent."), "success")
    return redirect(url_for("polls.answer_page", code=code, _anchor=f"q{question_id}"), 303)


def _refused(code: str, question_id: int, refused: Refused):
    """A refused answer: the message by the question, with what the participant sent still there."""
    status = 429 if isinstance(refused, TooMany) else 422
    if _wants_json():
        return _json_reply(False, refused.message, status)
    poll = _live_poll(code)
    secret = _secret(poll.id)
    return _poll_page(poll, secret, answering.participant_for(poll, secret), refusal=(question_id, refused.message),
                      status=status)


def _not_joined(poll_id: int, question_id: int):
    """An answer from a browser that never joined (or lost its cookie): join it now, and let it
    send again with what it typed still in the form; never count an answer without a joined browser."""
    message = _("Du var ikke med i avstemningen ennå. Nå er du med – send svaret en gang til.")
    if _wants_json():
        return _json_reply(False, _("Last inn siden på nytt for å bli med i avstemningen. Svaret ble ikke lagret."), 422)
    poll = db.session.get(Poll, poll_id)
    secret, participant = answering.join(poll, None)
    _remember(poll.id, secret)
    response = _poll_page(poll, secret, participant, refusal=(question_id, message), status=422)
    db.session.commit()
    return response


@bp.post("/svar/<code>/kommune")
def choose_team(code: str):
    """The participant says which municipality they are from, or takes it back."""
    poll = _live_poll(code)
    secret = _secret(poll.id)
    participant = answering.participant_for(poll, secret)
    if participant is None:
        if _wants_json():
            return _json_reply(False, _("Last inn siden på nytt for å bli med i avstemningen."), 422)
        return redirect(url_for("polls.answer_page", code=poll.code), 303)
    try:
        answering.choose_team(poll, secret, participant, request.form.get("team_id", type=int))
    except Refused as refused:
        db.session.rollback()
        if _wants_json():
            return _json_reply(False, refused.message, 422)
        flash(refused.message, "danger")
    else:
        db.session.commit()
        message = _("Takk. Svarene dine telles nå med for kommunen du valgte.") if participant.team_id else _(
            "Svarene dine telles ikke med for noen kommune.")
        if _wants_json():
            return _json_reply(True, message)
        flash(message, "success")
    return redirect(url_for("polls.answer_page", code=poll.code, _anchor="kommune"), 303)


@bp.get("/svar/<code>/status")
def answer_status(code: str):
    """What a waiting phone asks every few seconds: has what it should show changed? 304 when not.

    Changes only when the presenter opens, closes or moves to a question, not with every answer
    in the room, so a whole room of phones costs one small indexed read each."""
    rows = db.session.execute(
        sa.select(Poll.id, Poll.state, Poll.pace, Poll.current_position,
                  PollQuestion.id.label("question_id"), PollQuestion.state.label("question_state"))
        .outerjoin(PollQuestion, PollQuestion.poll_id == Poll.id)
        .where(Poll.code == answering.normalise_code(code))
        .order_by(PollQuestion.position, PollQuestion.id)
    ).all()
    if not rows or rows[0].state is not PollState.LIVE or not _secret(rows[0].id):
        _live_poll(code)  # says why a code does not work, and slows guessing down
    first = rows[0]
    questions = [_Shown(row.question_id, row.question_state) for row in rows if row.question_id is not None]
    shown = _shown(first.pace, first.current_position, questions)
    response = jsonify(state=first.state, questions=[q.id for q in shown if q.state is QuestionState.OPEN])
    response.set_etag(_fingerprint(shown))
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


# --- what a participant sees ------------------------------------------------------------


class _Shown:
    __slots__ = ("id", "state")

    def __init__(self, id: int, state: QuestionState):
        self.id, self.state = id, state


def _shown(pace: PollPace, position: int, questions: list) -> list:
    """The questions a participant sees: the one on the screen when the presenter goes one at a
    time, else every question that has been opened (closed ones say so)."""
    if pace is PollPace.ONE:
        if not questions:
            return []
        current = questions[min(max(position, 0), len(questions) - 1)]
        return [current] if current.state is not QuestionState.PENDING else []
    return [question for question in questions if question.state is not QuestionState.PENDING]


def _fingerprint(shown: list) -> str:
    seen = ",".join(f"{question.id}:{question.state}" for question in shown)
    return hashlib.sha1(seen.encode()).hexdigest()[:16]


def _poll_page(poll: Poll, secret: str, participant: Participant | None, refusal: tuple[int, str] | None = None,
               status: int = 200):
    """The answer page; after a refused form post it shows the message by the question, with
    what the participant sent still filled in."""
    shown = _shown(poll.pace, poll.current_position, poll.questions)
    own = answering.own_answers(poll, secret)
    if refusal is not None:
        question = next((q for q in poll.questions if q.id == refusal[0]), None)
        if question is not None:
            own[question.id] = _as_sent(question, request.form)
    response = make_response(render_template(
        "polls/answer/poll.html",
        poll=poll,
        questions=shown,
        own=own,
        refusal=refusal,
        participant=participant,
        teams=answering.teams_to_choose(poll),
        etag=_fingerprint(shown),
        min_group=MIN_GROUP,
        word_max=WORD_MAX,
        text_max=TEXT_MAX,
        QuestionKind=QuestionKind,
        QuestionState=QuestionState,
    ), status)
    response.headers["Cache-Control"] = "no-store"  # it holds this person's answers
    return response


def _as_sent(question: PollQuestion, form) -> dict:
    """What the participant sent, shaped like a stored answer so the form can show it again,
    however wrong it was."""
    kind, settings = question.kind, question.settings or {}
    if kind is QuestionKind.SCALE:
        return _score(form.get("score", ""))
    if kind is QuestionKind.SINGLE:
        return {"choice": _number(form.get("choice"))}
    if kind is QuestionKind.MULTIPLE:
        return {"choices": [_number(value) for value in form.getlist("choices")]}
    if kind is QuestionKind.WORDS:
        return {"words": form.getlist("words")}
    if kind is QuestionKind.TEXT:
        return {"text": form.get("text", "")}
    if kind is QuestionKind.RANKING:
        order = [_number(value) for value in form.getlist("order")]
        if not order:
            count = len(settings.get("options", []))
            places = {index: _number(form.get(f"rank-{index}")) or count for index in range(count)}
            order = sorted(places, key=lambda index: places[index])
        return {"order": order}
    if kind is QuestionKind.PROGRAMME:
        scores = {item["id"]: _score(form.get(f"score-{item['id']}", "")) for item in settings.get("items", [])}
        return {"scores": {key: "dont_know" if value.get("dont_know") else value.get("score")
                           for key, value in scores.items()}}
    return {}


def _score(value: str) -> dict:
    return {"dont_know": True} if value == "dont_know" else {"score": _number(value)}


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- the code in the address ------------------------------------------------------------


def _live_poll(code: str) -> Poll:
    """The live poll for a code in the address. A browser that joined it goes straight in; any
    other goes through `find_poll`, which says why a code does not work and slows guessing down."""
    poll = db.session.scalar(sa.select(Poll).where(Poll.code == answering.normalise_code(code)))
    if poll is not None and poll.state is PollState.LIVE and _secret(poll.id):
        return poll
    try:
        return answering.find_poll(code, request.remote_addr or "")
    except Refused as refused:
        db.session.commit()  # a wrong code counts towards the guessing limit
        if isinstance(refused, TooMany):
            status = 429
        else:
            status = 410 if poll is not None and poll.state is PollState.CLOSED else 404
        if _wants_json():
            abort(_json_reply(False, refused.message, status))
        abort(make_response(_code_page(refused.message, code, status)))


def _code_page(message: str | None, code: str = "", status: int = 200):
    return render_template("polls/answer/code.html", message=message, code=code), status


def _secrets() -> dict[str, str]:
    """The secrets of the polls this browser has joined, by poll id."""
    return session.get("poll_secrets") or {}


def _secret(poll_id: int) -> str | None:
    return _secrets().get(str(poll_id))


def _remember(poll_id: int, secret: str) -> None:
    secrets = dict(session.get("poll_secrets") or {})
    if list(secrets.items())[-1:] == [(str(poll_id), secret)]:
        return  # already the latest; the cookie need not be sent again
    secrets.pop(str(poll_id), None)
    secrets[str(poll_id)] = secret
    session["poll_secrets"] = dict(list(secrets.items())[-SECRETS_KEPT:])


def _wants_json() -> bool:
    if request.headers.get("Accept") == "application/json":  # what the page's script sends
        return True
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


STORED = b'{"ok":true}\n'  # the reply to every stored answer, made once


def _json_reply(ok: bool, message: str | None = None, status: int = 200):
    if ok and message is None and status == 200:
        return current_app.response_class(STORED, mimetype="application/json")
    response = jsonify(ok=ok, message=message) if message else jsonify(ok=ok)
    response.status_code = status
    return response
