"""The project leader's overview: every team × every requested document, with its state.

The matrix is built from four plain queries (teams, requests, assignments, submissions) into a
grid of ready-to-print cells, so the page costs the same for 3 teams as for 60 and renders
without a query, a translation or a URL lookup per cell.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from verksted.clock import OSLO, today
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    Submission,
    SubmissionState,
)
from verksted.documents.services import kind_label
from verksted.extensions import db
from verksted.networks.models import Network, Team

NOT_STARTED, DRAFT, SUBMITTED, LATE, RETURNED, APPROVED = (
    "not_started", "draft", "submitted", "late", "returned", "approved"
)
STATES = (NOT_STARTED, DRAFT, SUBMITTED, LATE, RETURNED, APPROVED)
DELIVERED = (SUBMITTED, LATE, APPROVED)
NOT_ASKED, FILTERED_OUT = "not_asked", "filtered_out"

_COLORS = {NOT_STARTED: "neutral", DRAFT: "info", SUBMITTED: "accent", LATE: "warning", RETURNED: "brand2",
           APPROVED: "success"}


def state_labels() -> dict[str, str]:
    return {
        NOT_STARTED: _("Ikke påbegynt"),
        DRAFT: _("Utkast"),
        SUBMITTED: _("Sendt inn"),
        LATE: _("Sendt inn for sent"),
        RETURNED: _("Sendt tilbake"),
        APPROVED: _("Godkjent"),
    }


def state_of(submission) -> str:
    """The matrix's word for a submission (a Submission or a row with the same columns)."""
    if submission is None:
        return NOT_STARTED
    if submission.state is SubmissionState.SUBMITTED:
        return LATE if submission.is_late else SUBMITTED
    return {SubmissionState.DRAFT: DRAFT, SubmissionState.RETURNED: RETURNED,
            SubmissionState.APPROVED: APPROVED}[submission.state]


@dataclass(slots=True)
class Cell:
    state: str
    label: str = ""
    color: str = "neutral"
    when: str = ""  # the date that matters for this state
    when_label: str = ""  # what that date is, for screen readers and the tooltip
    href: str | None = None
    overdue: bool = False
    good_example: bool = False
    ask_to_present: bool = False
    shared: bool = False


@dataclass(slots=True)
class Column:
    request: DocumentRequest
    due: str
    delivered: int = 0
    asked: int = 0


@dataclass(slots=True)
class Group:
    label: str
    columns: list[Column]


@dataclass(slots=True)
class Row:
    team: Team
    cells: list[Cell]


@dataclass
class Overview:
    groups: list[Group]
    active: list[Row]
    withdrawn: list[Row]
    teams: list[Team]
    kinds: list[tuple[str, str]]
    filtered: bool = False
    columns: list[Column] = field(default_factory=list)


class _Dates:
    """Dates written once each: a matrix of 2,400 cells holds only a few dozen distinct days."""

    def __init__(self):
        self._written: dict[date, str] = {}

    def __call__(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):  # stored as naive UTC; the day is the day in Oslo
            value = value.replace(tzinfo=timezone.utc).astimezone(OSLO).date()
        if value not in self._written:
            self._written[value] = format_date(value, "short")
        return self._written[value]


def _submission_href() -> str | None:
    """The read view's address with a placeholder, filled in per cell without url_for."""
    if "documents.submission" not in current_app.view_functions:
        return None
    return url_for("documents.submission", submission_id=987654321).replace("987654321", "{}")


_KIND_ORDER = {kind: n for n, kind in enumerate(DocumentKind)}


def overview(network: Network, team: str | None = None, kind: str | None = None,
             state: str | None = None, on: date | None = None) -> Overview:
    """The matrix for `network`, optionally only one team, one kind of document or one state."""
    on = on or today()
    state = state if state in STATES else None
    teams = list(db.session.scalars(
        sa.select(Team).where(Team.network_id == network.id).order_by(Team.municipality, Team.id)
    ))
    requests = list(db.session.scalars(
        sa.select(DocumentRequest)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
        .options(joinedload(DocumentRequest.template))
        .order_by(DocumentRequest.due_on, DocumentRequest.id)
    ))
    kinds = _kinds(requests)
    # A filter value that matches nothing here (an old bookmark, a typo) shows everything.
    if kind in dict(kinds):
        requests = [r for r in requests if r.template.kind.value == kind]
    else:
        kind = None
    requests.sort(key=lambda r: (_KIND_ORDER[r.template.kind], kind_label(r.template), r.due_on, r.id))
    shown_teams = [t for t in teams if str(t.id) == team]
    if not shown_teams:
        shown_teams, team = teams, None

    due_by_cell, submissions = _assignments_and_submissions(network)
    dates, href, labels = _Dates(), _submission_href(), state_labels()
    columns = [Column(request=r, due=dates(r.due_on)) for r in requests]
    rows = []
    for t in shown_teams:
        cells = []
        for column in columns:
            key = (column.request.id, t.id)
            cell = _cell(key in due_by_cell, due_by_cell.get(key), submissions.get(key), on, dates, href, labels)
            if not t.is_withdrawn and key in due_by_cell:
                column.asked += 1
                column.delivered += cell.state in DELIVERED
            cells.append(cell)
        rows.append(Row(team=t, cells=cells))

    if state:
        rows, columns = _only_state(rows, columns, state)
    groups: list[Group] = []
    for column in columns:
        label = kind_label(column.request.template)
        if not groups or groups[-1].label != label:
            groups.append(Group(label=label, columns=[]))
        groups[-1].columns.append(column)
    return Overview(
        groups=groups, columns=columns, teams=teams, kinds=kinds, filtered=bool(team or kind or state),
        active=[row for row in rows if not row.team.is_withdrawn],
        # A withdrawn team stays in the record with what it was asked for and delivered.
        withdrawn=[row for row in rows if row.team.is_withdrawn
                   and any(cell.state not in (NOT_ASKED, FILTERED_OUT) for cell in row.cells)],
    )


def _kinds(requests: list[DocumentRequest]) -> list[tuple[str, str]]:
    """The kinds of document asked for in the network, for the filter."""
    present = {r.template.kind for r in requests}
    generic = {DocumentKind.OTHER: _("Andre dokumenter")}
    labels = {}
    for r in requests:
        labels.setdefault(r.template.kind, generic.get(r.template.kind) or kind_label(r.template))
    return [(k.value, labels[k]) for k in DocumentKind if k in present]


def _assignments_and_submissions(network: Network) -> tuple[dict, dict]:
    """Each (request, team)'s deadline and submission, read as plain rows in two queries."""
    live = sa.and_(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
    assignments = db.session.execute(
        sa.select(Assignment.request_id, Assignment.team_id, Assignment.extended_to, DocumentRequest.due_on)
        .join(DocumentRequest, Assignment.request_id == DocumentRequest.id)
        .where(live)
    )
    due_by_cell = {(a.request_id, a.team_id): a.extended_to or a.due_on for a in assignments}
    # Only the columns the matrix shows: a team's answers can be pages long.
    submissions = db.session.execute(
        sa.select(
            Submission.id, Submission.request_id, Submission.team_id, Submission.state, Submission.is_late,
            Submission.updated_at, Submission.submitted_at, Submission.decided_at, Submission.good_example,
            Submission.ask_to_present, Submission.shared_at, DocumentRequest.shared_at.label("request_shared_at"),
        )
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(live)
    )
    return due_by_cell, {(s.request_id, s.team_id): s for s in submissions}


def _cell(asked: bool, due_on: date | None, submission, on: date, dates: _Dates, href: str | None,
          labels: dict[str, str]) -> Cell:
    if submission is None and not asked:
        return Cell(state=NOT_ASKED)
    state = state_of(submission)
    cell = Cell(state=state, label=labels[state], color=_COLORS[state])
    if submission is None or state == DRAFT:
        cell.overdue = due_on is not None and on > due_on
    if submission is None:
        cell.when, cell.when_label = dates(due_on), _("frist")
        if cell.overdue:
            cell.color = "danger"
        return cell
    if state == DRAFT:
        cell.when, cell.when_label = dates(submission.updated_at), _("sist lagret")
    elif state in (SUBMITTED, LATE):
        cell.when, cell.when_label = dates(submission.submitted_at), _("sendt inn")
    else:
        cell.when, cell.when_label = dates(submission.decided_at), (
            _("godkjent") if state == APPROVED else _("sendt tilbake"))
    cell.href = href.format(submission.id) if href else None
    cell.good_example, cell.ask_to_present = submission.good_example, submission.ask_to_present
    cell.shared = state in (SUBMITTED, LATE, APPROVED) and bool(submission.shared_at or submission.request_shared_at)
    return cell


def _only_state(rows: list[Row], columns: list[Column], state: str) -> tuple[list[Row], list[Column]]:
    """Keep the rows and columns that have a cell in `state`; blank the other cells."""
    keep_columns = [i for i in range(len(columns)) if any(row.cells[i].state == state for row in rows)]
    kept_rows = []
    for row in rows:
        cells = [row.cells[i] if row.cells[i].state == state else Cell(state=FILTERED_OUT) for i in keep_columns]
        if any(cell.state == state for cell in cells):
            kept_rows.append(Row(team=row.team, cells=cells))
    return kept_rows, [columns[i] for i in keep_columns]
