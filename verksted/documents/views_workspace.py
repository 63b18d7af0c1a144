"""The team's pages: the workspace of what is due, a document to read, to fill in with autosave,
to submit and take back, the merge page after a conflict, and the document's history."""
from __future__ import annotations

import json
from datetime import date

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf.csrf import CSRFError, generate_csrf

from verksted import clock
from verksted.documents import bp, schema
from verksted.documents import forms_workspace as forms
from verksted.documents import workspace_services as work
from verksted.documents.models import Submission
from verksted.documents.services import StaleRevision, kind_label
from verksted.errors import Refused
from verksted.extensions import csrf, db
from verksted.forms import ConfirmForm, require_confirmation
from verksted.i18n import long_date
from verksted.networks.models import Team
from verksted.permissions import Action, authorize
from verksted.text import render_markdown


def answer_date(value) -> str:
    """A stored date answer as «14. februar 2026»; anything else as it was typed."""
    try:
        return long_date(date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value or "")


bp.add_app_template_filter(answer_date, "answer_date")
bp.add_app_template_filter(kind_label, "document_kind")


def _submission(submission_id: int, action: Action) -> Submission:
    submission = db.get_or_404(Submission, submission_id)
    authorize(action, submission)
    return submission


def _gone(message: str):
    return render_template("error.html", status=410, title=_("Innleveringen er slettet"), message=message), 410


# --- The workspace --------------------------------------------------------------------------


@bp.get("/team/<int:team_id>/dokumenter")
@login_required
def workspace(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    return render_template(
        "documents/workspace.html", team=team, network=team.network, groups=work.due_for(team),
        Group=work.Group, confirm=ConfirmForm(),
    )


@bp.post("/team/<int:team_id>/dokumenter/<int:request_id>/start")
@login_required
def start_submission(team_id: int, request_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    require_confirmation()
    try:
        assignment = work.assignment_for_team(team, request_id)
    except work.RequestGone as gone:
        return _gone(gone.message)
    except Refused:
        abort(404)
    authorize(Action.EDIT_SUBMISSION, assignment)
    submission = work.start(assignment, current_user)
    db.session.commit()
    return redirect(url_for("documents.edit_submission", submission_id=submission.id))


# --- Reading --------------------------------------------------------------------------------


@bp.get("/dokumenter/<int:submission_id>")
@login_required
def submission(submission_id: int):
    submission = _submission(submission_id, Action.VIEW_SUBMISSION)
    whole, by_section = work.comments_of(submission)
    gone = submission.request.is_deleted
    return render_template(
        "documents/submission.html", submission=submission, **_document(submission),
        comments=whole, section_comments=by_section, confirm=ConfirmForm(), today=clock.today(),
        gone_message=_gone_message(submission) if gone else None,
    ), 410 if gone else 200


def _document(submission: Submission) -> dict:
    """What every page of one document shows at its top."""
    return {
        "document_request": submission.request, "team": submission.team, "network": submission.request.network,
        "version": submission.template_version, "assignment": work.assignment_of(submission),
    }


def _gone_message(submission: Submission) -> str:
    try:
        work.check_live(submission)
    except work.RequestGone as gone:
        return gone.message
    return ""


# --- Writing --------------------------------------------------------------------------------


def _edit_page(submission: Submission, values: dict, status: int = 200, errors: dict | None = None,
               previews: bool = False, extra_rows: dict | None = None, gone_message: str | None = None):
    whole, by_section = work.comments_of(submission)
    return render_template(
        "documents/submission_edit.html", submission=submission, **_document(submission), values=values,
        errors=errors or {}, previews=previews, extra_rows=extra_rows or {}, carried=work.carried_from(submission),
        words=schema.word_count(submission.template_version.sections, values),
        comments=whole, section_comments=by_section, gone_message=gone_message,
    ), status


def _merge_page(submission: Submission, mine: dict, status: int = 200, missing: dict | None = None,
                chosen: dict | None = None, combined: dict | None = None, gone_message: str | None = None):
    sections = submission.template_version.sections
    return render_template(
        "documents/submission_merge.html", submission=submission, **_document(submission),
        mine_json=json.dumps(mine, ensure_ascii=False), differences=work.differences(sections, mine, submission.answers),
        missing=missing or {}, chosen=chosen or {}, combined=combined or {}, gone_message=gone_message,
    ), status


def _editable(submission_id: int) -> Submission:
    """The team's document, or a redirect to its read view when it is locked."""
    submission = _submission(submission_id, Action.EDIT_SUBMISSION)
    if not work.is_editable(submission) and not submission.request.is_deleted:
        flash(_("Dokumentet er sendt inn og låst. Ta det tilbake for å endre det, så lenge fristen ikke er ute."), "info")
        abort(redirect(url_for("documents.submission", submission_id=submission.id)))
    return submission


@bp.route("/dokumenter/<int:submission_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_submission(submission_id: int):
    submission = _editable(submission_id)
    sections = submission.template_version.sections
    if request.method == "GET":
        gone = _gone_message(submission) or None
        new_row = request.args.get("ny_rad", "")
        return _edit_page(submission, submission.answers, status=410 if gone else 200, gone_message=gone,
                          extra_rows={new_row: 1} if new_row else None)
    revision = forms.parse_revision(request.form)
    if revision is None:
        abort(400)
    raw = forms.parse_answers(sections, request.form, drop_row=forms.dropped_row(request.form))
    if request.form.get("forhandsvis"):
        return _edit_page(submission, raw, previews=True)
    try:
        cleaned = work.save(submission, raw, revision, current_user)
    except StaleRevision:
        return _merge_page(submission, raw, status=409)
    except work.RequestGone as gone:
        return _edit_page(submission, raw, status=410, gone_message=gone.message)
    except Refused as refused:
        flash(refused.message, "danger")
        return redirect(url_for("documents.submission", submission_id=submission.id))
    db.session.commit()
    if cleaned.errors:
        return _edit_page(submission, raw, status=422, errors=cleaned.errors)
    added_row = request.form.get("legg_til_rad", "")
    if added_row:
        return redirect(url_for("documents.edit_submission", submission_id=submission.id, ny_rad=added_row,
                                _anchor=forms.input_name(added_row)))
    flash(_("Dokumentet er lagret."), "success")
    return redirect(url_for("documents.edit_submission", submission_id=submission.id))


@bp.post("/dokumenter/<int:submission_id>/send-inn")
@login_required
def submit_submission(submission_id: int):
    submission = _editable(submission_id)
    revision = forms.parse_revision(request.form)
    if revision is None:
        abort(400)
    raw = forms.parse_answers(submission.template_version.sections, request.form)
    try:
        errors = work.submit(submission, raw, revision, current_user)
    except StaleRevision:
        return _merge_page(submission, raw, status=409)
    except work.RequestGone as gone:
        return _edit_page(submission, raw, status=410, gone_message=gone.message)
    except Refused as refused:
        flash(refused.message, "danger")
        return redirect(url_for("documents.submission", submission_id=submission.id))
    db.session.commit()  # the valid answers are kept even when something stops the submission
    if errors:
        flash(_("Dokumentet er lagret, men ikke sendt inn. Rett opp det som er merket, og send inn igjen."), "danger")
        return _edit_page(submission, raw, status=422, errors=errors)
    if submission.is_late:
        flash(_("Dokumentet er sendt inn etter fristen. Prosjektlederen har fått beskjed."), "warning")
    else:
        flash(_("Dokumentet er sendt inn. Prosjektlederen har fått beskjed."), "success")
    return redirect(url_for("documents.submission", submission_id=submission.id))


@bp.post("/dokumenter/<int:submission_id>/ta-tilbake")
@login_required
def take_back_submission(submission_id: int):
    submission = _submission(submission_id, Action.EDIT_SUBMISSION)
    require_confirmation()
    try:
        work.take_back(submission, current_user)
    except work.RequestGone as gone:
        return _gone(gone.message)
    except Refused as refused:
        flash(refused.message, "danger")
        return redirect(url_for("documents.submission", submission_id=submission.id))
    db.session.commit()
    flash(_("Dokumentet er tatt tilbake og kan endres. Husk å sende det inn igjen før fristen."), "success")
    return redirect(url_for("documents.edit_submission", submission_id=submission.id))


@bp.post("/dokumenter/<int:submission_id>/sammensla")
@login_required
def merge_submission(submission_id: int):
    submission = _editable(submission_id)
    mine = forms.parse_mine(request.form)
    if mine is None:
        abort(400)
    if request.form.get("handling") != "lagre":
        return _merge_page(submission, mine)
    revision = forms.parse_revision(request.form)
    if revision is None:
        abort(400)
    sections = submission.template_version.sections
    choices, combined = forms.parse_merge_choices(request.form, sections)
    try:
        missing, errors = work.merge(submission, mine, choices, combined, revision, current_user)
    except StaleRevision:
        flash(_("Dokumentet ble lagret på nytt av noen andre mens du valgte. Se over forskjellene igjen."), "warning")
        return _merge_page(submission, mine, status=409, chosen=choices, combined=combined)
    except work.RequestGone as gone:
        return _merge_page(submission, mine, status=410, gone_message=gone.message)
    if missing:
        return _merge_page(submission, mine, status=422, missing=missing, chosen=choices, combined=combined)
    db.session.commit()
    if errors:
        return _edit_page(submission, submission.answers, status=422, errors=errors)
    flash(_("Den sammenslåtte versjonen er lagret."), "success")
    return redirect(url_for("documents.edit_submission", submission_id=submission.id))


# --- Autosave and preview, for the page's script ---------------------------------------------


def _json_refusal():
    """Answers for the script instead of pages: signed out is 401, a stale token 400 with a new one."""
    if not current_user.is_authenticated:
        return jsonify(message=_("Du er logget ut. Logg inn på nytt i en annen fane; det du har skrevet, "
                                 "er tatt vare på i nettleseren og lagres når du er logget inn.")), 401
    if current_app.config.get("WTF_CSRF_ENABLED", True):
        try:
            csrf.protect()
        except CSRFError:
            return jsonify(message=_("Siden var for gammel til å lagre. Vi prøver igjen."), csrf_token=generate_csrf()), 400
    return None


@bp.post("/dokumenter/<int:submission_id>/autolagre")
@csrf.exempt
def autosave(submission_id: int):
    refusal = _json_refusal()
    if refusal:
        return refusal
    submission = _submission(submission_id, Action.EDIT_SUBMISSION)
    try:
        revision, answers = forms.parse_autosave(request.get_json(silent=True))
    except ValueError:
        return jsonify(message=_("Det som ble sendt, var ikke et dokument.")), 400
    try:
        cleaned = work.save(submission, answers, revision, current_user, event="autosave")
    except StaleRevision as stale:
        return jsonify(message=_("Noen andre har lagret dokumentet mens du skrev."), theirs=stale.theirs,
                       revision=submission.revision), 409
    except work.RequestGone as gone:
        return jsonify(message=gone.message), 410
    except Refused as refused:
        return jsonify(message=refused.message), 423
    db.session.commit()
    return jsonify(
        revision=submission.revision, saved_at=submission.updated_at.isoformat() + "Z",
        saved_label=_("Lagret kl. %(time)s", time=format_datetime(submission.updated_at, _("HH.mm"))),
        errors=cleaned.errors, words=schema.word_count(submission.template_version.sections, submission.answers),
    )


@bp.post("/dokumenter/forhandsvis")
@csrf.exempt
def preview_markdown():
    refusal = _json_refusal()
    if refusal:
        return refusal
    payload = request.get_json(silent=True)
    text = payload.get("text", "") if isinstance(payload, dict) else ""
    if not isinstance(text, str) or len(text) > schema.LONG_TEXT_MAX:
        return jsonify(message=_("Teksten er for lang til å vises.")), 400
    return jsonify(html=str(render_markdown(text)))


# --- History --------------------------------------------------------------------------------


@bp.get("/dokumenter/<int:submission_id>/historikk")
@login_required
def submission_history(submission_id: int):
    submission = _submission(submission_id, Action.VIEW_SUBMISSION)
    authorize(Action.VIEW_TEAM, submission.team)  # drafts along the way are the team's own
    saved = work.versions(submission)
    return render_template(
        "documents/submission_history.html", submission=submission, **_document(submission), versions=saved,
        comparison=work.compare(submission, saved, request.args.get("fra", type=int), request.args.get("til", type=int)),
        tiltak=work.tiltak_since_previous(submission),
    )
