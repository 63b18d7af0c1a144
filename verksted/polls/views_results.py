"""Results after the gathering, exports, and the evaluation across gatherings. STUB: to be written."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.extensions import db
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.polls import bp
from verksted.polls.models import Poll


@bp.get("/avstemninger/<int:poll_id>/resultater")
@login_required
def results(poll_id: int):
    authorize(Action.VIEW_POLL_RESULTS, db.get_or_404(Poll, poll_id))
    abort(404)


@bp.get("/nettverk/<int:network_id>/evaluering")
@login_required
def evaluation(network_id: int):
    authorize(Action.VIEW_POLL_RESULTS, db.get_or_404(Network, network_id))
    abort(404)
