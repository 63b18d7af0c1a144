"""The project report's pages, one module per part: composing (outline, sections, front page),
the preview, and the downloads (PDF, DOCX, a team's dossier)."""
from __future__ import annotations

from verksted.extensions import db
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.reports.models import ReportSection


def network_for(network_id: int, action: Action = Action.READ_REPORT) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def section_for(section_id: int, action: Action = Action.WRITE_REPORT) -> ReportSection:
    section = db.get_or_404(ReportSection, section_id)
    authorize(action, section.report.network)
    return section


from verksted.reports import views_compose, views_downloads, views_preview  # noqa: E402,F401
