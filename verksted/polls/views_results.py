"""Results after the gathering, their exports, and the evaluation across gatherings (project
leaders and observers)."""
from __future__ import annotations

from io import BytesIO
from urllib.parse import quote

from flask import abort, render_template, send_file
from flask_login import login_required

from verksted.clock import today
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.polls import bp, exports, pdf, services
from verksted.polls.evaluation import (
    headline,
    items_table,
    network_evaluation,
    number,
    percent,
    results_table,
    split_table,
)
from verksted.polls.kinds import KIND_LABELS
from verksted.polls.models import Poll
from verksted.polls.results import MIN_GROUP, poll_results

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"

bp.add_app_template_filter(number, "result_number")
bp.add_app_template_filter(percent, "result_percent")
bp.add_app_template_filter(headline, "result_headline")


def _poll(poll_id: int) -> Poll:
    poll = services.load_poll(poll_id)
    if poll is None:
        abort(404)
    authorize(Action.VIEW_POLL_RESULTS, poll)
    return poll


def _network(network_id: int) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(Action.VIEW_POLL_RESULTS, network)
    return network


def _download(data: bytes, mimetype: str, name: str):
    """`name` is ASCII already; filename* says so in the form browsers prefer."""
    response = send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
    response.headers["Content-Disposition"] = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
    response.headers["Cache-Control"] = "private, no-store"  # what people answered, split by municipality
    return response


@bp.get("/avstemninger/<int:poll_id>/resultater")
@login_required
def results(poll_id: int):
    poll = _poll(poll_id)
    return render_template(
        "polls/results/poll.html", poll=poll, network=poll.network, results=poll_results(poll), kinds=KIND_LABELS,
        min_group=MIN_GROUP,
    )


@bp.get("/avstemninger/<int:poll_id>/resultater.csv")
@login_required
def results_csv(poll_id: int):
    poll = _poll(poll_id)
    return _download(exports.results_csv(poll_results(poll)), CSV, exports.file_name(poll, "csv"))


@bp.get("/avstemninger/<int:poll_id>/resultater.xlsx")
@login_required
def results_xlsx(poll_id: int):
    poll = _poll(poll_id)
    return _download(exports.results_xlsx(poll, poll_results(poll)), XLSX, exports.file_name(poll, "xlsx"))


@bp.get("/nettverk/<int:network_id>/evaluering")
@login_required
def evaluation(network_id: int):
    network = _network(network_id)
    return render_template(
        "polls/results/evaluation.html", network=network, evaluation=network_evaluation(network),
        kinds=KIND_LABELS, min_group=MIN_GROUP, results_table_for=results_table, items_table_for=items_table,
        split_table_for=split_table,
    )


@bp.get("/nettverk/<int:network_id>/evaluering.pdf")
@login_required
def evaluation_pdf(network_id: int):
    network = _network(network_id)
    data = pdf.evaluation_pdf(network_evaluation(network), printed_on=today())
    name = f"evaluering-{exports.ascii_name(network.name, 60) or 'nettverk'}-{today().isoformat()}.pdf"
    return _download(data, PDF, name)

