"""The report as PDF and DOCX, and a team's dossier of all its documents as one PDF."""
from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import login_required

from verksted.documents.exports.content import safe_file_name
from verksted.documents.views_exports import DOCX, PDF
from verksted.extensions import db
from verksted.networks.models import Network, Team
from verksted.permissions import Action, authorize
from verksted.web import private_download
from verksted.reports import bp, docx, pdf, pdf_dossier, services
from verksted.reports.content import report_content
from verksted.reports.models import Report
from verksted.reports.views import network_for


@bp.get("/nettverk/<int:network_id>/rapport.pdf")
@login_required
def report_pdf(network_id: int):
    report = _report_of(network_for(network_id))
    data = pdf.report_pdf(report_content(report))
    return private_download(data, PDF, safe_file_name(report.title, "pdf"))


@bp.get("/nettverk/<int:network_id>/rapport.docx")
@login_required
def report_docx(network_id: int):
    report = _report_of(network_for(network_id))
    return private_download(docx.report_docx(report_content(report)), DOCX, safe_file_name(report.title, "docx"))


@bp.get("/team/<int:team_id>/mappe.pdf")
@login_required
def team_dossier(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    return private_download(pdf.dossier_pdf(team), PDF, pdf_dossier.file_name(team))


def _report_of(network: Network) -> Report:
    """The network's report; without one, the report's page says how to start it."""
    report = services.report_of(network)
    if report is None:
        flash(_("Rapporten er ikke startet ennå."), "info")
        abort(redirect(url_for("reports.report", network_id=network.id)))
    return report


