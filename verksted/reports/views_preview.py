"""The report in the browser, as it will print."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.reports import bp
from verksted.reports.views import network_for


@bp.get("/nettverk/<int:network_id>/rapport/forhandsvisning")
@login_required
def preview(network_id: int):
    network_for(network_id)
    abort(404)

