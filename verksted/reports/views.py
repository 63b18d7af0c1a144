"""The project report's pages: the outline, each section's editor, the front page, the preview
and the downloads; and a team's dossier of all its documents."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.extensions import db
from verksted.networks.models import Network, Team
from verksted.permissions import Action, authorize
from verksted.reports import bp
from verksted.reports.models import Report, ReportSection  # noqa: F401


def _network(network_id: int, action: Action = Action.READ_REPORT) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def _section(section_id: int, action: Action = Action.WRITE_REPORT) -> ReportSection:
    section = db.get_or_404(ReportSection, section_id)
    authorize(action, section.report.network)
    return section


# Reserved routes; each is built out by the part of the feature it belongs to.


@bp.get("/nettverk/<int:network_id>/rapport")
@login_required
def report(network_id: int):
    _network(network_id)
    abort(404)


@bp.post("/nettverk/<int:network_id>/rapport/start")
@login_required
def start(network_id: int):
    _network(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.route("/nettverk/<int:network_id>/rapport/forside", methods=["GET", "POST"])
@login_required
def front_page(network_id: int):
    _network(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport/logo")
@login_required
def logo(network_id: int):
    _network(network_id)
    abort(404)


@bp.post("/nettverk/<int:network_id>/rapport/deler")
@login_required
def add_section(network_id: int):
    _network(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.route("/rapportdeler/<int:section_id>", methods=["GET", "POST"])
@login_required
def section(section_id: int):
    _section(section_id)
    abort(404)


@bp.post("/rapportdeler/<int:section_id>/flytt/<direction>")
@login_required
def move_section(section_id: int, direction: str):
    _section(section_id)
    abort(404)


@bp.post("/rapportdeler/<int:section_id>/slett")
@login_required
def remove_section(section_id: int):
    _section(section_id)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport/forhandsvisning")
@login_required
def preview(network_id: int):
    _network(network_id)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport.pdf")
@login_required
def report_pdf(network_id: int):
    _network(network_id)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport.docx")
@login_required
def report_docx(network_id: int):
    _network(network_id)
    abort(404)


@bp.get("/team/<int:team_id>/mappe.pdf")
@login_required
def team_dossier(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    abort(404)
