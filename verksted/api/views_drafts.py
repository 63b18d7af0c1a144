"""The JSON API's writing side, for a municipality's own systems: begin the team's document,
save its draft against the revision it was read at, and send it in. The same services as the
workspace pages, so the checks and the Norwegian messages are the same."""
from __future__ import annotations

from flask import abort, g, jsonify, request
from flask_babel import gettext as _

from verksted.api import bp, serializers
from verksted.api.views import ID_MAX, authorize, caller, get_or_404, refuse, visible_submission
from verksted.documents import workspace_services as work
from verksted.documents.services import StaleRevision
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Team
from verksted.permissions import Action


def require_write_token() -> None:
    if not g.api_token.can_write:
        refuse(403, error="read_only", message=_("Denne nøkkelen kan bare lese. Lag en nøkkel som kan skrive."))


def _body(need_answers: bool) -> tuple[int, dict | None]:
    """{"revision": n, "answers": {...}}: the revision the writer read, and the answers."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        refuse(422, errors={"body": _("Send et JSON-objekt med «revision» og «answers».")})
    revision, answers = payload.get("revision"), payload.get("answers")
    errors = {}
    if not isinstance(revision, int) or isinstance(revision, bool) or not 0 <= revision <= ID_MAX:
        errors["revision"] = _("Oppgi revisjonen dokumentet hadde da du leste det, som et helt tall.")
    if (need_answers or answers is not None) and not isinstance(answers, dict):
        errors["answers"] = _("Svarene må være et objekt med feltnøkler.")
    if errors:
        refuse(422, errors=errors)
    return revision, answers


def _editable(submission_id: int):
    require_write_token()
    return visible_submission(submission_id, Action.EDIT_SUBMISSION)


def _stale(submission, stale: StaleRevision):
    return jsonify(error="stale_revision", revision=submission.revision, answers=stale.theirs,
                   message=_("Noen andre har lagret dokumentet etter revisjonen du leste. Hent det på nytt.")), 409


@bp.post("/requests/<int:request_id>/teams/<int:team_id>/submission")
def start_submission(request_id: int, team_id: int):
    require_write_token()
    team = get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    try:
        assignment = work.assignment_for_team(team, request_id) if 0 < request_id <= ID_MAX else None
    except Refused:
        assignment = None
    if assignment is None:
        abort(404)
    authorize(Action.EDIT_SUBMISSION, assignment)
    submission = work.start(assignment, caller())
    created = submission.id is None
    db.session.commit()
    return jsonify(serializers.submission_detail(submission)), 201 if created else 200


@bp.put("/submissions/<int:submission_id>/draft")
def save_draft(submission_id: int):
    submission = _editable(submission_id)
    revision, answers = _body(need_answers=True)
    try:
        cleaned = work.save(submission, answers, revision, caller())
    except StaleRevision as stale:
        return _stale(submission, stale)
    except Refused as refused:  # sent in and locked, or the request is gone
        return jsonify(errors={"submission": refused.message}), 422
    db.session.commit()  # the valid answers are kept even when some field is refused
    if cleaned.errors:
        return jsonify(errors=cleaned.errors, revision=submission.revision), 422
    return jsonify(serializers.submission_detail(submission))


@bp.post("/submissions/<int:submission_id>/submit")
def submit(submission_id: int):
    submission = _editable(submission_id)
    revision, answers = _body(need_answers=False)
    try:
        errors = work.submit(submission, submission.answers if answers is None else answers, revision, caller())
    except StaleRevision as stale:
        return _stale(submission, stale)
    except Refused as refused:
        return jsonify(errors={"submission": refused.message}), 422
    db.session.commit()
    if errors:
        return jsonify(errors=errors, revision=submission.revision), 422
    return jsonify(serializers.submission_detail(submission))
