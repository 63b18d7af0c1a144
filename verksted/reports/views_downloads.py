"""The report as PDF and DOCX, and a team's dossier of all its documents as one PDF."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.extensions import db
from verksted.networks.models import Team
from verksted.permissions import Action, authorize
from verksted.reports import bp
from verksted.reports.views import network_for


@bp.get("/nettverk/<int:network_id>/rapport.pdf")
@login_required
def report_pdf(network_id: int):
    network_for(network_id)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport.docx")
@login_required
def report_docx(network_id: int):
    network_for(network_id)
    abort(404)


@bp.get("/team/<int:team_id>/mappe.pdf")
@login_required
def team_dossier(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    abort(404)
