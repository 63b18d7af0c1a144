"""The JSON API's reading side: who is calling (a bearer token, never the session cookie), and
networks, teams, gatherings, requests, submissions, milestones and poll results as the caller
may see them. A thing the caller may not know exists is 404; one they may see but not use, 403."""
from __future__ import annotations

from flask import abort, g, jsonify, request
from flask_babel import gettext as _

from verksted.api import bp, openapi, serializers, services, tokens
from verksted.documents.models import Submission
from verksted.extensions import csrf, db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team
from verksted.permissions import Action, authorize
from verksted.polls.models import Poll
from verksted.polls.results import poll_results

csrf.exempt(bp)  # no session is ever used here, so there is nothing to forge
PUBLIC = {"api.openapi_document"}
ID_MAX = 2**31 - 1  # what an integer column holds on every database


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC:
        return None
    token = tokens.authenticate(request.headers.get("Authorization"))
    if token is None:
        response = jsonify(error="unauthorized", message=_(
            "Mangler gyldig nøkkel. Send «Authorization: Bearer vt_…» med en nøkkel du har laget på profilen din."))
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="verksted"'
        return response
    if db.session.is_modified(token):
        db.session.commit()  # when it was last used
    g.api_token = token
    g._login_user = token.user  # the token's user, never the browser session's
    return None


def caller():
    return g.api_token.user


def get_or_404(model, ident: int):
    thing = db.session.get(model, ident) if 0 < ident <= ID_MAX else None
    if thing is None:
        abort(404)
    return thing


def refuse(status: int, **body):
    """Stop the request with a JSON answer."""
    response = jsonify(**body)
    response.status_code = status
    abort(response)


def _whole(text: str, low: int, high: int) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and low <= int(text) <= high else None


def page_args() -> tuple[int, int]:
    page = _whole(request.args.get("page", "1"), 1, ID_MAX)
    per_page = _whole(request.args.get("per_page", str(services.PER_PAGE)), 1, services.PER_PAGE_MAX)
    errors = {}
    if page is None:
        errors["page"] = _("Sidetallet må være et helt tall fra 1.")
    if per_page is None:
        errors["per_page"] = _("Antall per side må være et helt tall fra 1 til %(max)d.", max=services.PER_PAGE_MAX)
    if errors:
        refuse(400, errors=errors)
    return page, per_page


def listing(query, serialize):
    page, per_page = page_args()
    found = services.paginate(query, page, per_page)
    return jsonify(items=[serialize(item) for item in found.items], page=found.page, per_page=found.per_page,
                   total=found.total)


def _network(network_id: int) -> Network:
    network = get_or_404(Network, network_id)
    authorize(Action.VIEW_NETWORK, network)
    return network


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi.document())


@bp.get("/networks")
def networks():
    return listing(services.networks_of(caller()), serializers.network)


@bp.get("/networks/<int:network_id>")
def network(network_id: int):
    return jsonify(serializers.network_detail(_network(network_id)))


@bp.get("/networks/<int:network_id>/teams")
def teams(network_id: int):
    return listing(services.teams_of(_network(network_id)), serializers.team)


@bp.get("/teams/<int:team_id>")
def team(team_id: int):
    team = get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    return jsonify(serializers.team(team))


@bp.get("/networks/<int:network_id>/gatherings")
def gatherings(network_id: int):
    return listing(services.gatherings_of(_network(network_id)), serializers.gathering)


@bp.get("/gatherings/<int:gathering_id>")
def gathering(gathering_id: int):
    gathering = get_or_404(Gathering, gathering_id)
    authorize(Action.VIEW_NETWORK, gathering)
    return jsonify(serializers.gathering_detail(gathering))


@bp.get("/networks/<int:network_id>/requests")
def requests(network_id: int):
    return listing(services.requests_of(_network(network_id)), serializers.request)


def live_request(request_id: int):
    document_request = services.live_request(request_id) if 0 < request_id <= ID_MAX else None
    if document_request is None:
        abort(404)
    authorize(Action.VIEW_NETWORK, document_request)
    return document_request


@bp.get("/requests/<int:request_id>")
def document_request(request_id: int):
    return jsonify(serializers.request(live_request(request_id)))


@bp.get("/requests/<int:request_id>/submissions")
def submissions(request_id: int):
    document_request = live_request(request_id)
    return listing(services.visible_submissions(document_request, caller()), serializers.submission)


def visible_submission(submission_id: int, action: Action = Action.VIEW_SUBMISSION) -> Submission:
    submission = get_or_404(Submission, submission_id)
    if submission.request.is_deleted:
        abort(404)
    authorize(action, submission)
    return submission


@bp.get("/submissions/<int:submission_id>")
def submission(submission_id: int):
    return jsonify(serializers.submission_detail(visible_submission(submission_id)))


@bp.get("/networks/<int:network_id>/milestones")
def milestones(network_id: int):
    return listing(services.milestones_of(_network(network_id)), serializers.milestone)


@bp.get("/polls/<int:poll_id>/results")
def results(poll_id: int):
    poll = get_or_404(Poll, poll_id)
    authorize(Action.VIEW_POLL_RESULTS, poll)
    db.session.refresh(poll, ["questions"])
    return jsonify(serializers.poll_results(poll, poll_results(poll)))


from verksted.api import views_drafts, views_tokens  # noqa: E402,F401
