"""The project leader's pages: the overview matrix, feedback on a submission, marks for the next
gathering, sharing, saved phrases and the log of reminders sent."""
from __future__ import annotations

from types import SimpleNamespace

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.documents import bp, review_services
from verksted.documents import overview as matrix
from verksted.documents.forms_review import ApproveForm, CommentForm, OverviewFilterForm, PhraseForm, ReturnForm
from verksted.documents.models import Comment, DocumentRequest, FeedbackPhrase, Submission
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal
from verksted.networks.models import Network
from verksted.permissions import Action, authorize, can


def has_page(endpoint: str) -> bool:
    """Whether a page another part of the documents feature provides is there to link to."""
    return endpoint in current_app.view_functions


bp.add_app_template_global(has_page, "has_page")


def _network(network_id: int, action: Action) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def _reviewed(submission_id: int) -> Submission:
    submission = db.get_or_404(Submission, submission_id)
    authorize(Action.REVIEW, submission)
    return submission


def _back_to(submission: Submission) -> str:
    if has_page("documents.submission"):
        return url_for("documents.submission", submission_id=submission.id, _anchor="tilbakemelding")
    return url_for("documents.overview", network_id=submission.network_id)


# --- The overview ---------------------------------------------------------------------------


@bp.get("/nettverk/<int:network_id>/dokumenter/oversikt")
@login_required
def overview(network_id: int):
    # Project leaders and observers read every team's documents; teams have their own workspace.
    network = _network(network_id, Action.READ_ALL)
    result = matrix.overview(network, request.args.get("team"), request.args.get("type"), request.args.get("status"))
    filters = OverviewFilterForm(
        teams=[(str(t.id), t.municipality + (" " + _("(trukket seg)") if t.is_withdrawn else "")) for t in result.teams],
        kinds=result.kinds, states=list(matrix.state_labels().items()), formdata=request.args,
    )
    return render_template("documents/overview.html", network=network, overview=result, filters=filters)


@bp.get("/nettverk/<int:network_id>/dokumenter/til-samlingen")
@login_required
def marked(network_id: int):
    network = _network(network_id, Action.READ_ALL)
    submissions = review_services.marked_submissions(network)
    return render_template(
        "documents/overview_marked.html", network=network,
        presenting=[s for s in submissions if s.ask_to_present],
        examples=[s for s in submissions if s.good_example],
        labels=matrix.state_labels(), state_of=matrix.state_of,
    )


@bp.get("/nettverk/<int:network_id>/dokumenter/delt")
@login_required
def shared(network_id: int):
    network = _network(network_id, Action.VIEW_NETWORK)
    return render_template(
        "documents/overview_shared.html", network=network, shared=review_services.shared_submissions(network),
        requests_to_share=review_services.requests_to_share(network) if can(Action.REVIEW, network) else [],
        confirm=ConfirmForm(),
    )


@bp.get("/nettverk/<int:network_id>/dokumenter/paminnelser")
@login_required
def reminder_log(network_id: int):
    network = _network(network_id, Action.REVIEW)
    page = max(request.args.get("side", 1, type=int), 1)
    reminders, more = review_services.reminder_log(network, page)
    return render_template("documents/reminder_log.html", network=network, reminders=reminders, page=page, more=more)


# --- Feedback on one submission -------------------------------------------------------------


def feedback_forms(submission: Submission, bound: str | None = None) -> SimpleNamespace:
    """Everything the feedback panel shows; the form named `bound` reads the posted data."""

    def form(name, cls, *args):
        return cls(*args) if name == bound else cls(*args, formdata=None)

    sections = review_services.sections_of(submission)
    return SimpleNamespace(
        comment=form("comment", CommentForm, sections),
        return_=form("return", ReturnForm),
        approve=form("approve", ApproveForm),
        confirm=ConfirmForm(formdata=None),
        phrases=review_services.phrases(submission.request.network),
        headings=dict(sections),
        labels=matrix.state_labels(),
        state=matrix.state_of(submission),
    )


bp.add_app_template_global(feedback_forms, "feedback_forms")


def _feedback_page(submission: Submission, feedback: SimpleNamespace):
    return render_template("documents/feedback.html", submission=submission, feedback=feedback), 422


@bp.post("/dokumenter/<int:submission_id>/kommenter")
@login_required
def comment(submission_id: int):
    submission = _reviewed(submission_id)
    feedback = feedback_forms(submission, bound="comment")
    form = feedback.comment
    if form.validate_on_submit():
        try:
            review_services.comment(submission, current_user, form.body.data, form.section_key.data or None)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Kommentaren er lagret, og teamet har fått beskjed."), "success")
            return redirect(_back_to(submission))
    return _feedback_page(submission, feedback)


@bp.post("/kommentarer/<int:comment_id>/slett")
@login_required
def delete_comment(comment_id: int):
    comment = db.get_or_404(Comment, comment_id)
    submission = _reviewed(comment.submission_id)
    require_confirmation()
    try:
        review_services.delete_comment(comment)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Kommentaren er slettet."), "success")
    return redirect(_back_to(submission))


@bp.post("/dokumenter/<int:submission_id>/send-tilbake")
@login_required
def return_submission(submission_id: int):
    submission = _reviewed(submission_id)
    feedback = feedback_forms(submission, bound="return")
    form = feedback.return_
    if form.validate_on_submit():
        try:
            review_services.return_for_revision(submission, current_user, form.message.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Dokumentet er sendt tilbake til %(team)s for endring.", team=submission.team.municipality),
                  "success")
            return redirect(_back_to(submission))
    return _feedback_page(submission, feedback)


@bp.post("/dokumenter/<int:submission_id>/godkjenn")
@login_required
def approve(submission_id: int):
    submission = _reviewed(submission_id)
    feedback = feedback_forms(submission, bound="approve")
    form = feedback.approve
    if form.validate_on_submit():
        try:
            review_services.approve(submission, current_user, form.message.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Dokumentet er godkjent, og teamet har fått beskjed."), "success")
            return redirect(_back_to(submission))
    return _feedback_page(submission, feedback)


# --- Marks and sharing ----------------------------------------------------------------------


@bp.post("/dokumenter/<int:submission_id>/merk/<mark>")
@login_required
def toggle_mark(submission_id: int, mark: str):
    submission = _reviewed(submission_id)
    if mark not in review_services.MARKS:
        abort(404)
    require_confirmation()
    try:
        on = review_services.toggle_mark(submission, mark)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        messages = {
            ("godt-eksempel", True): _("Merket som godt eksempel."),
            ("godt-eksempel", False): _("Merket «godt eksempel» er fjernet."),
            ("presentere", True): _("Merket: be teamet om å presentere på samlingen."),
            ("presentere", False): _("Merket «be om å presentere» er fjernet."),
        }
        flash(messages[(mark, on)], "success")
    return redirect(_back_to(submission))


@bp.post("/dokumenter/<int:submission_id>/del")
@login_required
def share_submission(submission_id: int):
    submission = _reviewed(submission_id)
    require_confirmation()
    try:
        review_services.share_submission(submission)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Dokumentet er delt med alle teamene i nettverket."), "success")
    return redirect(_back_to(submission))


@bp.post("/dokumenter/<int:submission_id>/slutt-a-dele")
@login_required
def unshare_submission(submission_id: int):
    submission = _reviewed(submission_id)
    require_confirmation()
    review_services.unshare_submission(submission)
    db.session.commit()
    flash(_("Dokumentet er ikke lenger delt med de andre teamene."), "success")
    return redirect(_back_to(submission))


def _request(request_id: int) -> DocumentRequest:
    document_request = db.get_or_404(DocumentRequest, request_id)
    authorize(Action.REVIEW, document_request)
    return document_request


@bp.post("/innleveringer/<int:request_id>/del")
@login_required
def share_request(request_id: int):
    document_request = _request(request_id)
    require_confirmation()
    try:
        review_services.share_request(document_request)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Alle innsendte dokumenter i «%(title)s» er delt med teamene.", title=document_request.title),
              "success")
    return redirect(url_for("documents.shared", network_id=document_request.network_id))


@bp.post("/innleveringer/<int:request_id>/slutt-a-dele")
@login_required
def unshare_request(request_id: int):
    document_request = _request(request_id)
    require_confirmation()
    review_services.unshare_request(document_request)
    db.session.commit()
    flash(_("Dokumentene i «%(title)s» er ikke lenger delt.", title=document_request.title), "success")
    return redirect(url_for("documents.shared", network_id=document_request.network_id))


# --- Saved phrases --------------------------------------------------------------------------


@bp.route("/nettverk/<int:network_id>/frasebank", methods=["GET", "POST"])
@login_required
def phrases(network_id: int):
    network = _network(network_id, Action.REVIEW)
    form = PhraseForm()
    if form.validate_on_submit():
        review_services.add_phrase(network, form.text.data)
        db.session.commit()
        flash(_("Frasen er lagt til."), "success")
        return redirect(url_for("documents.phrases", network_id=network.id))
    return render_template(
        "documents/phrases.html", network=network, form=form, phrases=review_services.phrases(network),
        confirm=ConfirmForm(),
    ), form_status(form)


def _phrase(phrase_id: int) -> FeedbackPhrase:
    phrase = db.get_or_404(FeedbackPhrase, phrase_id)
    authorize(Action.REVIEW, phrase)
    return phrase


@bp.route("/fraser/<int:phrase_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_phrase(phrase_id: int):
    phrase = _phrase(phrase_id)
    form = PhraseForm(obj=phrase)
    if form.validate_on_submit():
        review_services.update_phrase(phrase, form.text.data)
        db.session.commit()
        flash(_("Frasen er lagret."), "success")
        return redirect(url_for("documents.phrases", network_id=phrase.network_id))
    network = db.session.get(Network, phrase.network_id)
    return render_template("documents/phrases_edit.html", network=network, form=form, phrase=phrase), form_status(form)


@bp.post("/fraser/<int:phrase_id>/flytt/<direction>")
@login_required
def move_phrase(phrase_id: int, direction: str):
    phrase = _phrase(phrase_id)
    if direction not in ("opp", "ned"):
        abort(404)
    require_confirmation()
    review_services.move_phrase(phrase, -1 if direction == "opp" else 1)
    db.session.commit()
    return redirect(url_for("documents.phrases", network_id=phrase.network_id))


@bp.post("/fraser/<int:phrase_id>/slett")
@login_required
def delete_phrase(phrase_id: int):
    phrase = _phrase(phrase_id)
    require_confirmation()
    network_id = phrase.network_id
    db.session.delete(phrase)
    db.session.commit()
    flash(_("Frasen er slettet."), "success")
    return redirect(url_for("documents.phrases", network_id=network_id))
