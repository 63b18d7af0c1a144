"""The presenter's screen for the projector, and the controls that run a live poll.

Every control is a form post that works without JavaScript (it goes back to the screen). The
screen's script sends the same forms with Accept: application/json and gets the screen's new
data back at once. The screen polls `live` for changes; an unchanged poll costs one query.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.errors import Refused
from verksted.extensions import db
from verksted.permissions import Action, authorize
from verksted.polls import bp, presenting, services
from verksted.polls.models import Answer, Poll, PollPace, PollQuestion, QuestionKind

PACES = {"ett": PollPace.ONE, "alle": PollPace.ALL}


def _poll(poll_id: int) -> Poll:
    poll = presenting.load(poll_id)
    if poll is None:
        abort(404)
    authorize(Action.RUN_POLLS, poll)
    return poll


def _question(poll: Poll, question_id: int) -> PollQuestion:
    question = next((q for q in poll.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    return question


def _open_answer(poll: Poll, answer_id: int) -> Answer:
    """An open answer on this poll's screen; any other id is not found."""
    answer = db.session.get(Answer, answer_id)
    if answer is None or answer.question not in poll.questions or answer.question.kind is not QuestionKind.TEXT:
        abort(404)
    return answer


def _wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _render(template: str, screen: presenting.Screen) -> str:
    return render_template(template, screen=screen, poll=screen.poll, decimal=presenting.decimal,
                           share_of=presenting.share_of)


def _screen_json(screen: presenting.Screen, message: str | None = None, status: int = 200):
    data = screen.as_json()
    data["html"] = {
        "stage": _render("polls/present/_stage.html", screen),
        "controls": _render("polls/present/_controls.html", screen),
    }
    if message:
        data["message"] = message
    response = jsonify(data)
    response.status_code = status
    response.set_etag(screen.stamp)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _control(poll: Poll, change: Callable[[], object], done: str | None = None):
    """Make one change through a service, commit it, and answer the form or the script."""
    try:
        change()
    except Refused as refused:
        db.session.rollback()
        message, status = refused.message, 422
    else:
        db.session.commit()
        message, status = done, 200
    if _wants_json():
        return _screen_json(presenting.screen(_poll(poll.id)), message, status)
    if message:
        flash(message, "danger" if status != 200 else "success")
    return redirect(url_for("polls.present", poll_id=poll.id)), 303


@bp.get("/avstemninger/<int:poll_id>/skjerm")
@login_required
def present(poll_id: int):
    screen = presenting.screen(_poll(poll_id))
    return render_template("polls/present/screen.html", screen=screen, poll=screen.poll,
                           decimal=presenting.decimal, share_of=presenting.share_of)


@bp.get("/avstemninger/<int:poll_id>/skjerm.json")
def live(poll_id: int):
    """The screen's data for its script. With the last ETag it answers 304 after one query,
    before any answer is read."""
    if not current_user.is_authenticated:
        return jsonify(message=_("Du er logget ut. Logg inn på nytt, og åpne skjermen igjen.")), 401
    poll = db.get_or_404(Poll, poll_id)
    authorize(Action.RUN_POLLS, poll)
    stamp = presenting.stamp(poll.id)
    if stamp in request.if_none_match:
        response = current_app.response_class(status=304)
        response.set_etag(stamp)
        response.headers["Cache-Control"] = "private, no-cache"
        return response
    return _screen_json(presenting.screen(poll, stamp))


@bp.post("/avstemninger/<int:poll_id>/skjerm/start")
@login_required
def start_poll(poll_id: int):
    poll = _poll(poll_id)
    return _control(poll, lambda: services.start_poll(poll),
                    _("Avstemningen er startet. Deltakerne kan svare med koden %(code)s.", code=poll.code))


@bp.post("/avstemninger/<int:poll_id>/skjerm/avslutt")
@login_required
def end_poll(poll_id: int):
    poll = _poll(poll_id)
    return _control(poll, lambda: services.close_poll(poll),
                    _("Avstemningen er avsluttet. Resultatene er tatt vare på."))


@bp.post("/avstemninger/<int:poll_id>/skjerm/vis/<int:position>")
@login_required
def show_question(poll_id: int, position: int):
    poll = _poll(poll_id)
    if position >= len(poll.questions):
        abort(404)
    return _control(poll, lambda: services.show_question(poll, position))


@bp.post("/avstemninger/<int:poll_id>/skjerm/tempo/<any(ett, alle):pace>")
@login_required
def set_pace(poll_id: int, pace: str):
    poll = _poll(poll_id)
    done = {
        "ett": _("Deltakerne får nå ett spørsmål om gangen, det du viser på skjermen."),
        "alle": _("Deltakerne får nå alle åpne spørsmål på en gang."),
    }[pace]
    return _control(poll, lambda: services.set_pace(poll, PACES[pace]), done)


# What each control does to the question on the screen.
QUESTION_CONTROLS = {
    "apne": services.open_question,
    "lukk": services.close_question,
    "vis-resultater": lambda question: services.set_results_visible(question, True),
    "skjul-resultater": lambda question: services.set_results_visible(question, False),
}


@bp.post("/avstemninger/<int:poll_id>/skjerm/sporsmal/<int:question_id>"
         "/<any(apne, lukk, 'vis-resultater', 'skjul-resultater'):change>")
@login_required
def question_control(poll_id: int, question_id: int, change: str):
    poll = _poll(poll_id)
    question = _question(poll, question_id)
    return _control(poll, lambda: QUESTION_CONTROLS[change](question))


@bp.post("/avstemninger/<int:poll_id>/skjerm/svar/<int:answer_id>/<any(skjul, vis):change>")
@login_required
def moderate_answer(poll_id: int, answer_id: int, change: str):
    """Take an open answer off the screen (kept in the data, marked hidden), or put it back."""
    poll = _poll(poll_id)
    answer = _open_answer(poll, answer_id)
    hide = change == "skjul"
    done = _("Svaret er skjult på skjermen. Det er tatt vare på i resultatene.") if hide else _("Svaret vises igjen.")
    return _control(poll, lambda: services.hide_answer(answer, hide), done)


@bp.post("/avstemninger/<int:poll_id>/skjerm/sporsmal/<int:question_id>/ord/<any(skjul, vis):change>")
@login_required
def moderate_word(poll_id: int, question_id: int, change: str):
    """Take a word out of the cloud on the screen, or put it back; a word the cloud does not
    hold (or, to show, that is not hidden) is not found."""
    poll = _poll(poll_id)
    question = _question(poll, question_id)
    word = presenting.word_in_cloud(question, request.form.get("word", ""))
    if word is None:
        abort(404)
    if change == "skjul":
        return _control(poll, lambda: services.hide_word(question, word, by=current_user),
                        _("«%(word)s» er skjult i ordskyen.", word=word))
    if services.word_key(word) not in services.hidden_words(question):
        abort(404)
    return _control(poll, lambda: services.show_word(question, word), _("«%(word)s» vises igjen.", word=word))
