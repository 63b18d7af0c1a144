"""Building polls and the network's evaluation template (project leaders). STUB: to be written."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.extensions import db
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.polls import bp
from verksted.polls.models import Poll


@bp.get("/nettverk/<int:network_id>/avstemninger")
@login_required
def index(network_id: int):
    authorize(Action.VIEW_POLL_RESULTS, db.get_or_404(Network, network_id))
    abort(404)


@bp.route("/nettverk/<int:network_id>/avstemninger/ny", methods=["GET", "POST"])
@login_required
def new_poll(network_id: int):
    authorize(Action.RUN_POLLS, db.get_or_404(Network, network_id))
    abort(404)


@bp.get("/avstemninger/<int:poll_id>")
@login_required
def poll(poll_id: int):
    authorize(Action.RUN_POLLS, db.get_or_404(Poll, poll_id))
    abort(404)


@bp.route("/nettverk/<int:network_id>/evaluering/sporsmal", methods=["GET", "POST"])
@login_required
def template(network_id: int):
    authorize(Action.RUN_POLLS, db.get_or_404(Network, network_id))
    abort(404)
