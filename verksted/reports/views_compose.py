"""Composing the report: the outline, each section's editor, the front page and its logo."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.permissions import Action
from verksted.reports import bp
from verksted.reports.views import network_for, section_for


@bp.get("/nettverk/<int:network_id>/rapport")
@login_required
def report(network_id: int):
    network_for(network_id)
    abort(404)


@bp.post("/nettverk/<int:network_id>/rapport/start")
@login_required
def start(network_id: int):
    network_for(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.route("/nettverk/<int:network_id>/rapport/forside", methods=["GET", "POST"])
@login_required
def front_page(network_id: int):
    network_for(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.get("/nettverk/<int:network_id>/rapport/logo")
@login_required
def logo(network_id: int):
    network_for(network_id)
    abort(404)


@bp.post("/nettverk/<int:network_id>/rapport/deler")
@login_required
def add_section(network_id: int):
    network_for(network_id, Action.WRITE_REPORT)
    abort(404)


@bp.route("/rapportdeler/<int:section_id>", methods=["GET", "POST"])
@login_required
def section(section_id: int):
    section_for(section_id)
    abort(404)


@bp.post("/rapportdeler/<int:section_id>/flytt/<direction>")
@login_required
def move_section(section_id: int, direction: str):
    section_for(section_id)
    abort(404)


@bp.post("/rapportdeler/<int:section_id>/slett")
@login_required
def remove_section(section_id: int):
    section_for(section_id)
    abort(404)

