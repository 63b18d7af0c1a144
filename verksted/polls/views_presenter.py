"""The presenter's screen for the projector, and the controls that run a live poll. STUB: to be written."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.extensions import db
from verksted.permissions import Action, authorize
from verksted.polls import bp
from verksted.polls.models import Poll


@bp.get("/avstemninger/<int:poll_id>/skjerm")
@login_required
def present(poll_id: int):
    authorize(Action.RUN_POLLS, db.get_or_404(Poll, poll_id))
    abort(404)


@bp.get("/avstemninger/<int:poll_id>/skjerm.json")
@login_required
def live(poll_id: int):
    authorize(Action.RUN_POLLS, db.get_or_404(Poll, poll_id))
    abort(404)
