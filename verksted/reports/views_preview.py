"""The report in the browser, as it will print."""
from __future__ import annotations

from flask import render_template
from flask_login import login_required

from verksted.forms import ConfirmForm
from verksted.permissions import Action, can
from verksted.plan import services as plan_services
from verksted.plan.views import plan_labels
from verksted.reports import bp, services
from verksted.reports.content import report_content
from verksted.reports.views import network_for


def block_kind(block) -> str:
    """Which macro draws a block: «paragraph», «datatable», «note» …"""
    return type(block).__name__.lower()


bp.add_app_template_filter(block_kind, "report_block")


@bp.get("/nettverk/<int:network_id>/rapport/forhandsvisning")
@login_required
def preview(network_id: int):
    network = network_for(network_id)
    report = services.report_of(network)
    if report is None:
        return render_template("reports/preview.html", network=network, report=None, content=None,
                               writer=can(Action.WRITE_REPORT, network), confirm=ConfirmForm())
    return render_template("reports/preview.html", network=network, report=report, content=report_content(report),
                           writer=can(Action.WRITE_REPORT, network), legend=plan_services.legend(),
                           **plan_labels())  # the plan's month grid reads what the plan's pages give it
