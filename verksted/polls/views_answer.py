"""Answering without an account: the short address, joining by code, answering on a phone.

The answer route answers a form post with a redirect (works without JavaScript and on any
connection) and a script's post (Accept: application/json) with a small JSON reply.
"""
from __future__ import annotations

from flask import abort, flash, jsonify, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from verksted.errors import Refused
from verksted.extensions import db
from verksted.polls import answering, bp
from verksted.polls.answering import TooMany
from verksted.polls.models import Poll, PollPace, PollState, QuestionState

SECRETS_KEPT = 5  # polls a browser remembers having joined; the cookie stays small


def _secret(poll_id: int) -> str | None:
    return (session.get("poll_secrets") or {}).get(str(poll_id))


def _remember(poll_id: int, secret: str) -> None:
    secrets = dict(session.get("poll_secrets") or {})
    secrets.pop(str(poll_id), None)
    secrets[str(poll_id)] = secret
    session["poll_secrets"] = dict(list(secrets.items())[-SECRETS_KEPT:])


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _live_poll(code: str) -> Poll:
    """The poll for a code in the address; an expired or unknown one sends back to the code form."""
    try:
        return answering.find_poll(code, request.remote_addr or "")
    except Refused as refused:
        db.session.commit()  # a wrong code counts towards the guessing limit
        status = 429 if isinstance(refused, TooMany) else 404 if "Fant ingen" in refused.message else 410
        if _wants_json():
            abort(_json_refusal(refused.message, status))
        abort(make_response(_code_page(refused.message, code, status)))


def _code_page(message: str | None, code: str = "", status: int = 200):
    return render_template("polls/answer/code.html", message=message, code=code), status


def _json_refusal(message: str, status: int):
    response = jsonify(ok=False, message=message)
    response.status_code = status
    return response


@bp.route("/svar", methods=["GET", "POST"])
def enter_code():
    """The short address on the projector: type the code, go to the poll."""
    if request.method == "GET":
        return _code_page(None, request.args.get("kode", ""))
    code = answering.normalise_code(request.form.get("code", ""))
    poll = _live_poll(code)
    return redirect(url_for("polls.answer_page", code=poll.code))


@bp.get("/svar/<code>")
def answer_page(code: str):
    poll = _live_poll(code)
    secret, participant = answering.join(poll, _secret(poll.id))
    _remember(poll.id, secret)
    db.session.commit()
    if poll.pace is PollPace.ONE:
        current = poll.current_question
        questions = [current] if current is not None and current.state is QuestionState.OPEN else []
    else:
        questions = [q for q in poll.questions if q.state is QuestionState.OPEN]
    return render_template(
        "polls/answer/poll.html",
        poll=poll,
        questions=questions,
        own=answering.own_answers(poll, secret),
        participant=participant,
        teams=answering.teams_to_choose(poll),
        stamp=answering.live_stamp(poll.id),
    )


@bp.post("/svar/<code>/sporsmal/<int:question_id>")
def answer(code: str, question_id: int):
    poll_id = _poll_id(code)
    try:
        answering.record_answer(poll_id, question_id, _secret(poll_id), request.form)
    except Refused as refused:
        db.session.commit() if isinstance(refused, TooMany) else db.session.rollback()
        status = 429 if isinstance(refused, TooMany) else 422
        if _wants_json():
            return _json_refusal(refused.message, status)
        flash(refused.message, "danger")
        return redirect(url_for("polls.answer_page", code=code, _anchor=f"q{question_id}")), 303
    db.session.commit()
    if _wants_json():
        return jsonify(ok=True, message=_("Svaret er lagret."))
    flash(_("Svaret er lagret. Du kan endre det så lenge spørsmålet er åpent."), "success")
    return redirect(url_for("polls.answer_page", code=code, _anchor=f"q{question_id}")), 303


@bp.post("/svar/<code>/kommune")
def choose_team(code: str):
    poll = _live_poll(code)
    secret = _secret(poll.id)
    participant = answering.participant_for(poll, secret)
    if participant is None:
        return redirect(url_for("polls.answer_page", code=code))
    try:
        answering.choose_team(poll, secret, participant, request.form.get("team_id", type=int))
    except Refused as refused:
        db.session.rollback()
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Takk. Svarene dine telles nå med for kommunen du valgte."), "success")
    return redirect(url_for("polls.answer_page", code=code)), 303


@bp.get("/svar/<code>/status")
def answer_status(code: str):
    """What a waiting phone polls for: has the presenter changed anything? 304 when not."""
    poll_id = _poll_id(code)
    stamp = answering.live_stamp(poll_id)
    response = jsonify(stamp=stamp)
    response.set_etag(stamp or "")
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


def _poll_id(code: str) -> int:
    """The poll for an answer: one indexed lookup, since a whole room posts at once; the
    answer itself is checked against the poll's state when it is stored."""
    poll_id = db.session.scalar(
        db.select(Poll.id).where(Poll.code == answering.normalise_code(code), Poll.state == PollState.LIVE)
    )
    if poll_id is None:
        _live_poll(code)  # says why: unknown, not started or ended
        abort(404)
    return poll_id
