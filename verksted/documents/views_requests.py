"""Pages for requests (innleveringer): the list, asking for a document, series, one request,
extensions for a team."""
from __future__ import annotations

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from verksted.documents import bp, overview, request_services, services
from verksted.documents.forms_requests import ExtensionForm, ProgressSeriesForm, RequestForm, StatusSeriesForm
from verksted.documents.models import DocumentKind, DocumentRequest
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal
from verksted.i18n import long_date
from verksted.networks.models import Network, Team
from verksted.permissions import Action, authorize, can, memberships

bp.add_app_template_filter(request_services.deadline_rule, "deadline_rule")
bp.add_app_template_filter(request_services.period_label, "period_label")

# A service's refusal names the field of the request; the form may call it something else.
REQUEST_FIELDS = {"days_before": "days"}


def _network(network_id: int, action: Action) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def _request(request_id: int) -> DocumentRequest:
    """A request the leader may handle; a deleted one says so instead of showing a form."""
    doc_request = db.get_or_404(DocumentRequest, request_id)
    authorize(Action.REVIEW, doc_request)
    try:
        return request_services.load_request(request_id)
    except Refused:
        page = render_template("error.html", status=410, title=_("Innleveringen er slettet"),
                               message=_("«%(title)s» er slettet. Det teamene skrev, er tatt vare på.",
                                         title=doc_request.title))
        abort(make_response(page, 410))


def _render(name: str, **context):
    """A request page, with the words and links every request page uses."""
    return render_template(
        f"documents/{name}", kind_label=services.kind_label, state_label=_state_label,
        page_exists=lambda endpoint: endpoint in current_app.view_functions, **context,
    )


def _state_label(submission) -> str:
    return overview.state_labels()[overview.state_of(submission)]


def _team_page(team: Team) -> str | None:
    if "documents.workspace" in current_app.view_functions:
        return url_for("documents.workspace", team_id=team.id)
    return None


@bp.get("/nettverk/<int:network_id>/innleveringer")
@login_required
def requests(network_id: int):
    network = _network(network_id, Action.VIEW_NETWORK)
    membership = memberships().get(network.id)
    own_team_id = membership.team_id if membership and not can(Action.REVIEW, network) else None
    listing = request_services.request_list(network, team_id=own_team_id)  # a team sees what it is asked for
    return _render(
        "request_list.html", network=network, listing=listing, own_team_id=own_team_id,
        reviewer=can(Action.REVIEW, network), team_page=_team_page(membership.team) if own_team_id else None,
    )


def _template_choices(templates) -> list[SelectChoice]:
    return [SelectChoice(0, _("Velg mal"))] + [
        SelectChoice(t.id, f"{t.title} ({services.kind_label(t)})") for t in templates
    ]


def _request_choices(form: RequestForm, network: Network, doc_request: DocumentRequest | None = None) -> dict:
    """Fill the form's choices; returns what the page needs to show the team and gathering choices."""
    templates = request_services.active_templates(network)
    if doc_request is not None and doc_request.template not in templates:
        templates.append(doc_request.template)  # an archived template stays on requests made from it
    form.template_id.choices = _template_choices(templates)
    gatherings = request_services.gatherings_of(network)
    form.gathering_id.choices = [SelectChoice(0, _("Velg samling"))] + [
        SelectChoice(g.id, _("Samling %(number)d: %(title)s (%(date)s)", number=g.number, title=g.title,
                             date=long_date(g.held_on))) for g in gatherings
    ]
    teams = request_services.active_teams(network)
    if doc_request is not None:
        teams += [a.team for a in doc_request.assignments if a.team not in teams]
    form.team_ids.choices = [SelectChoice(t.id, t.municipality) for t in teams]
    return {"teams": teams, "has_gatherings": bool(gatherings), "has_templates": bool(templates)}


@bp.route("/nettverk/<int:network_id>/innleveringer/ny", methods=["GET", "POST"])
@login_required
def new_request(network_id: int):
    network = _network(network_id, Action.REVIEW)
    form = RequestForm()
    choices = _request_choices(form, network)
    if request.method == "GET":
        form.team_ids.data = [team.id for team in choices["teams"]]
        form.template_id.data = request.args.get("mal", type=int)
    if form.validate_on_submit():
        try:
            doc_request = request_services.create(network, form.request_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused, REQUEST_FIELDS)
        else:
            db.session.commit()
            flash(_("«%(title)s» er opprettet. Teamene ser den med fristen.", title=doc_request.title), "success")
            for warning in request_services.warnings(doc_request):
                flash(warning, "warning")
            return redirect(url_for("documents.request_page", request_id=doc_request.id))
    return _render(
        "request_form.html", form=form, network=network, doc_request=None, **choices
    ), form_status(form)


@bp.get("/innleveringer/<int:request_id>")
@login_required
def request_page(request_id: int):
    doc_request = _request(request_id)
    submissions = request_services.submissions_by_team(doc_request)
    links = {}  # each team's document, or its workspace where it has not begun
    for assignment in doc_request.assignments:
        submission = submissions.get(assignment.team_id)
        if submission is not None and "documents.submission" in current_app.view_functions:
            links[assignment.team_id] = url_for("documents.submission", submission_id=submission.id)
        elif submission is None and (workspace := _team_page(assignment.team)):
            links[assignment.team_id] = workspace
    return _render(
        "request_page.html", doc_request=doc_request, network=doc_request.network,
        assignments=request_services.assignments_in_order(doc_request), submissions=submissions, links=links,
        confirm=ConfirmForm(),
    )


@bp.route("/innleveringer/<int:request_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_request(request_id: int):
    doc_request = _request(request_id)
    network = doc_request.network
    form = RequestForm()
    choices = _request_choices(form, network, doc_request)
    if request.method == "GET":
        form.fill_from(doc_request)
    if form.validate_on_submit():
        try:
            request_services.update(doc_request, form.request_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused, REQUEST_FIELDS)
        else:
            db.session.commit()
            flash(_("Innleveringen er lagret."), "success")
            for warning in request_services.warnings(doc_request):
                flash(warning, "warning")
            return redirect(url_for("documents.request_page", request_id=doc_request.id))
    return _render(
        "request_form.html", form=form, network=network, doc_request=doc_request, **choices
    ), form_status(form)


@bp.post("/innleveringer/<int:request_id>/slett")
@login_required
def delete_request(request_id: int):
    doc_request = _request(request_id)
    require_confirmation()
    request_services.delete(doc_request)
    db.session.commit()
    flash(_("«%(title)s» er slettet. Det teamene har skrevet, er tatt vare på.", title=doc_request.title), "success")
    return redirect(url_for("documents.requests", network_id=doc_request.network_id))


def _assignment(doc_request: DocumentRequest, team_id: int):
    assignment = next((a for a in doc_request.assignments if a.team_id == team_id), None)
    if assignment is None:
        abort(404)
    return assignment


@bp.route("/innleveringer/<int:request_id>/utsettelse/<int:team_id>", methods=["GET", "POST"])
@login_required
def extension(request_id: int, team_id: int):
    doc_request = _request(request_id)
    assignment = _assignment(doc_request, team_id)
    form = ExtensionForm()
    if request.method == "GET" and assignment.extended_to:
        form.extended_to.data, form.reason.data = assignment.extended_to, assignment.extension_reason
    if form.validate_on_submit():
        try:
            request_services.grant_extension(assignment, form.extended_to.data, form.reason.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("%(team)s har fått frist %(date)s.", team=assignment.team.municipality,
                    date=long_date(assignment.extended_to)), "success")
            return redirect(url_for("documents.request_page", request_id=doc_request.id))
    return _render(
        "request_extension.html", form=form, doc_request=doc_request, assignment=assignment,
        network=doc_request.network, confirm=ConfirmForm(),
    ), form_status(form)


@bp.post("/innleveringer/<int:request_id>/utsettelse/<int:team_id>/fjern")
@login_required
def remove_extension(request_id: int, team_id: int):
    doc_request = _request(request_id)
    assignment = _assignment(doc_request, team_id)
    require_confirmation()
    request_services.remove_extension(assignment)
    db.session.commit()
    flash(_("%(team)s har igjen samme frist som de andre.", team=assignment.team.municipality), "success")
    return redirect(url_for("documents.request_page", request_id=doc_request.id))


@bp.route("/nettverk/<int:network_id>/innleveringer/serie", methods=["GET", "POST"])
@login_required
def request_series(network_id: int):
    network = _network(network_id, Action.REVIEW)
    templates = request_services.active_templates(network)
    gatherings = request_services.gatherings_of(network)
    progress = ProgressSeriesForm(prefix="fremdrift")
    status = StatusSeriesForm(prefix="status")
    progress.template_id.choices = status.template_id.choices = _template_choices(templates)
    status.gathering_ids.choices = [SelectChoice(g.id, str(g.number)) for g in gatherings]
    if request.method == "GET":
        progress.template_id.data = request_services.series_template_id(templates, DocumentKind.FREMDRIFTSPLAN)
        status.template_id.data = request_services.series_template_id(templates, DocumentKind.STATUSRAPPORT)
    chosen = progress if request.form.get("serie") == "fremdrift" else status
    if request.method == "POST" and chosen.validate_on_submit():
        try:
            if chosen is progress:
                result = request_services.progress_plan_series(
                    network, progress.template_id.data, progress.days_after.data, progress.remind_days_before.data,
                    current_user)
            else:
                result = request_services.status_report_series(
                    network, status.template_id.data, status.gathering_ids.data, status.days_before.data,
                    status.remind_days_before.data, current_user)
        except Refused as refused:
            show_refusal(chosen, refused)
        else:
            db.session.commit()
            flash(ngettext("%(num)d innlevering er opprettet.", "%(num)d innleveringer er opprettet.",
                           len(result.created)), "success")
            if result.skipped:
                flash(ngettext("%(num)d fantes fra før og ble ikke laget på nytt.",
                               "%(num)d fantes fra før og ble ikke laget på nytt.", result.skipped), "info")
            return redirect(url_for("documents.requests", network_id=network.id))
    return _render(
        "request_series.html", network=network, progress=progress, status=status, gatherings=gatherings,
        has_templates=bool(templates),
    ), form_status(chosen if request.method == "POST" else progress)
