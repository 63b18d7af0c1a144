"""Building polls and the network's evaluation template (project leaders); the list of polls
(leaders and observers)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal
from verksted.gatherings import services as gatherings
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.polls import bp, services
from verksted.polls.forms import NO_GATHERING, NewPollForm, PollSettingsForm, QuestionForm, kind_from
from verksted.polls.kinds import KIND_LABELS
from verksted.polls.models import EvaluationQuestion, Poll, PollPace, PollQuestion, PollState, QuestionKind

STEPS = {"opp": -1, "ned": 1}

bp.add_app_template_global(services.polls_at, "polls_at")  # the gathering page's evaluation section


def _network(network_id: int, action: Action = Action.RUN_POLLS) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def _poll(poll_id: int) -> Poll:
    poll = services.load_poll(poll_id)
    if poll is None:
        abort(404)
    authorize(Action.RUN_POLLS, poll)
    return poll


def _question(poll: Poll, question_id: int) -> PollQuestion:
    question = next((q for q in poll.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    return question


def _template_question(network: Network, question_id: int) -> EvaluationQuestion:
    question = db.session.get(EvaluationQuestion, question_id)
    if question is None or question.network_id != network.id:
        abort(404)
    return question


def _step(direction: str) -> int:
    if direction not in STEPS:
        abort(404)
    return STEPS[direction]


def _kind(value) -> QuestionKind:
    kind = kind_from(value)
    if kind is None:
        abort(404)
    return kind


def _to_poll(poll: Poll, anchor: str | None = None):
    return redirect(url_for("polls.poll", poll_id=poll.id, _anchor=anchor))


def _read_only(poll: Poll):
    """A closed poll's questions are its record: say so, and go back to the poll."""
    if poll.state is PollState.CLOSED:
        flash(_("Avstemningen er avsluttet og kan ikke endres."), "warning")
        return _to_poll(poll)
    return None


# --- The list of polls and a new poll -----------------------------------------------------

@bp.get("/nettverk/<int:network_id>/avstemninger")
@login_required
def index(network_id: int):
    network = _network(network_id, Action.VIEW_POLL_RESULTS)
    return render_template("polls/builder/index.html", network=network, listings=services.polls_for(network),
                           has_template=bool(services.evaluation_template(network)))


@bp.route("/nettverk/<int:network_id>/avstemninger/ny", methods=["GET", "POST"])
@login_required
def new_poll(network_id: int):
    network = _network(network_id)
    choices = gatherings.gatherings_for(network)
    chosen = _chosen_gathering(choices)
    form = NewPollForm()
    if request.method == "GET":
        form.gathering_id.data = chosen.id if chosen else NO_GATHERING
        form.from_template.data = chosen is not None
        if chosen is not None:
            form.title.data = _("Evaluering – %(title)s", title=chosen.title)
    form.gathering_id.choices = [(NO_GATHERING, _("Ingen – frittstående workshop"))] + [
        (g.id, _("Samling %(number)d: %(title)s (%(date)s)", number=g.number, title=g.title,
                 date=g.held_on.strftime("%d.%m.%Y")))
        for g in reversed(choices)
    ]
    if form.validate_on_submit():
        gathering = next((g for g in choices if g.id == form.gathering_id.data), None)
        if gathering is None and form.gathering_id.data != NO_GATHERING:
            form.gathering_id.errors = [_("Velg en av samlingene i listen.")]
            return _new_poll_page(network, form)
        try:
            poll = services.create_poll(network, form.title.data, gathering=gathering,
                                        from_template=form.from_template.data, by=current_user)
        except Refused as refused:
            show_refusal(form, refused, {"gathering_id": "gathering_id"})
        else:
            db.session.commit()
            flash(_("Avstemningen «%(title)s» er opprettet. Koden er %(code)s.", title=poll.title, code=poll.code),
                  "success")
            return redirect(url_for("polls.poll", poll_id=poll.id))
    return _new_poll_page(network, form)


def _new_poll_page(network: Network, form: NewPollForm):
    return render_template("polls/builder/new_poll.html", network=network, form=form,
                           has_template=bool(services.evaluation_template(network))), form_status(form)


def _chosen_gathering(choices: list[Gathering]) -> Gathering | None:
    wanted = request.args.get("samling", type=int)
    return next((g for g in choices if g.id == wanted), None)


# --- One poll: its questions, title and pace ----------------------------------------------

@bp.get("/avstemninger/<int:poll_id>")
@login_required
def poll(poll_id: int):
    poll = _poll(poll_id)
    settings = PollSettingsForm(title=poll.title, pace=poll.pace.value)
    return _poll_page(poll, settings)


def _poll_page(poll: Poll, settings: PollSettingsForm, status: int = 200):
    return render_template(
        "polls/builder/poll.html", poll=poll, network=poll.network, settings=settings,
        answers=services.answer_counts(poll), kind_labels=KIND_LABELS, confirm=ConfirmForm(),
    ), status


@bp.post("/avstemninger/<int:poll_id>/innstillinger")
@login_required
def poll_settings(poll_id: int):
    poll = _poll(poll_id)
    form = PollSettingsForm()
    if form.validate_on_submit():
        try:
            services.update_poll(poll, form.title.data, PollPace(form.pace.data))
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Avstemningen er lagret."), "success")
            return _to_poll(poll)
    return _poll_page(poll, form, 422)


@bp.post("/avstemninger/<int:poll_id>/slett")
@login_required
def delete_poll(poll_id: int):
    poll = _poll(poll_id)
    require_confirmation()
    network_id, title = poll.network_id, poll.title
    try:
        services.delete_poll(poll)
    except Refused as refused:
        flash(refused.message, "danger")
        return _to_poll(poll)
    db.session.commit()
    flash(_("Avstemningen «%(title)s» er slettet.", title=title), "success")
    return redirect(url_for("polls.index", network_id=network_id))


# --- The poll's questions -----------------------------------------------------------------

@bp.route("/avstemninger/<int:poll_id>/sporsmal/ny", methods=["GET", "POST"])
@login_required
def add_question(poll_id: int):
    poll = _poll(poll_id)
    kind = _kind(request.args.get("type"))
    if (closed := _read_only(poll)) is not None:
        return closed
    form = QuestionForm()
    if form.validate_for(kind):
        try:
            question = services.add_question(poll, kind, form.prompt.data, form.settings_data(kind))
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Spørsmålet er lagt til."), "success")
            return _to_poll(poll, f"sporsmal-{question.id}")
    return render_template("polls/builder/question.html", poll=poll, network=poll.network, form=form, kind=kind,
                           question=None, kind_labels=KIND_LABELS), form_status(form)


@bp.route("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_question(poll_id: int, question_id: int):
    poll = _poll(poll_id)
    question = _question(poll, question_id)
    if (closed := _read_only(poll)) is not None:
        return closed
    if request.method == "GET" and services.has_answers(question):
        flash(_("Spørsmålet har fått svar og kan ikke endres lenger."), "warning")
        return _to_poll(poll, f"sporsmal-{question.id}")
    form = QuestionForm()
    if request.method == "GET":
        form.fill_from(question.kind, question.prompt, question.settings)
    if form.validate_for(question.kind):
        try:
            services.update_question(question, form.prompt.data,
                                     {**question.settings, **form.settings_data(question.kind)})
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Spørsmålet er lagret."), "success")
            return _to_poll(poll, f"sporsmal-{question.id}")
    return render_template("polls/builder/question.html", poll=poll, network=poll.network, form=form,
                           kind=question.kind, question=question, kind_labels=KIND_LABELS), form_status(form)


def _change_question(poll_id: int, question_id: int, change, done: str):
    """Remove, move or refresh one question: one service call, a message, back to the poll."""
    poll = _poll(poll_id)
    question = _question(poll, question_id)
    require_confirmation()
    try:
        change(question)
    except Refused as refused:
        db.session.rollback()
        flash(refused.message, "danger")
        return _to_poll(poll, f"sporsmal-{question.id}")
    db.session.commit()
    if done:
        flash(done, "success")
    return _to_poll(poll, f"sporsmal-{question_id}" if question in poll.questions else "sporsmal")


@bp.post("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/slett")
@login_required
def remove_question(poll_id: int, question_id: int):
    return _change_question(poll_id, question_id, services.remove_question, _("Spørsmålet er fjernet."))


@bp.post("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/flytt/<direction>")
@login_required
def move_question(poll_id: int, question_id: int, direction: str):
    step = _step(direction)
    return _change_question(poll_id, question_id, lambda q: services.move_question(q, step), "")


@bp.post("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/program")
@login_required
def refresh_programme(poll_id: int, question_id: int):
    return _change_question(poll_id, question_id, services.refresh_programme,
                            _("Programpunktene er hentet på nytt fra programmet."))


# --- The evaluation template --------------------------------------------------------------

@bp.get("/nettverk/<int:network_id>/evaluering/sporsmal")
@login_required
def template(network_id: int):
    network = _network(network_id)
    return render_template(
        "polls/builder/template.html", network=network, questions=services.evaluation_template(network),
        retired=services.retired_evaluation_questions(network), kind_labels=KIND_LABELS, confirm=ConfirmForm(),
    )


@bp.post("/nettverk/<int:network_id>/evaluering/sporsmal/startmal")
@login_required
def starter_template(network_id: int):
    network = _network(network_id)
    require_confirmation()
    try:
        added = services.starter_template(network, by=current_user)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Evalueringsmalen har fått %(count)d spørsmål. Endre dem gjerne.", count=len(added)), "success")
    return redirect(url_for("polls.template", network_id=network.id))


@bp.route("/nettverk/<int:network_id>/evaluering/sporsmal/ny", methods=["GET", "POST"])
@login_required
def add_template_question(network_id: int):
    network = _network(network_id)
    kind = _kind(request.args.get("type"))
    form = QuestionForm()
    if form.validate_for(kind):
        try:
            question = services.add_evaluation_question(network, kind, form.prompt.data, form.settings_data(kind),
                                                        by=current_user)
            db.session.flush()
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Spørsmålet er lagt til i evalueringsmalen."), "success")
            return redirect(url_for("polls.template", network_id=network.id, _anchor=f"malsporsmal-{question.id}"))
    return render_template("polls/builder/template_question.html", network=network, form=form, kind=kind,
                           question=None, kind_labels=KIND_LABELS), form_status(form)


@bp.route("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_template_question(network_id: int, question_id: int):
    network = _network(network_id)
    question = _template_question(network, question_id)
    form = QuestionForm()
    if request.method == "GET":
        form.fill_from(question.kind, question.current.prompt, question.current.settings)
    if form.validate_for(question.kind):
        before = question.current.number
        try:
            version = services.revise_evaluation_question(question, form.prompt.data,
                                                          form.settings_data(question.kind), by=current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            if version.number == before:
                flash(_("Ingen endringer å lagre."), "info")
            else:
                flash(_("Lagret som versjon %(number)d av spørsmålet. Samlinger som er holdt, beholder ordlyden de "
                        "brukte.", number=version.number), "success")
            return redirect(url_for("polls.template", network_id=network.id, _anchor=f"malsporsmal-{question.id}"))
    return render_template("polls/builder/template_question.html", network=network, form=form, kind=question.kind,
                           question=question, kind_labels=KIND_LABELS), form_status(form)


@bp.post("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/ta-ut")
@login_required
def retire_template_question(network_id: int, question_id: int):
    network = _network(network_id)
    question = _template_question(network, question_id)
    require_confirmation()
    services.retire_evaluation_question(question)
    db.session.commit()
    flash(_("«%(prompt)s» er tatt ut av evalueringsmalen. Svarene fra tidligere samlinger er tatt vare på.",
            prompt=question.current.prompt), "success")
    return redirect(url_for("polls.template", network_id=network.id))


@bp.post("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/flytt/<direction>")
@login_required
def move_template_question(network_id: int, question_id: int, direction: str):
    network = _network(network_id)
    question = _template_question(network, question_id)
    step = _step(direction)
    require_confirmation()
    if question.retired_at is None:
        services.move_evaluation_question(question, step)
        db.session.commit()
    return redirect(url_for("polls.template", network_id=network.id, _anchor=f"malsporsmal-{question.id}"))
