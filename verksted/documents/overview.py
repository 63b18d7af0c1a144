"""The project leader's overview: every team × every requested document, with its state.

The matrix is built from four plain queries (teams, requests, assignments, submissions) into a
grid of ready-to-print cells, so the page costs the same for 3 teams as for 60, and a network of
60 teams × 40 requests renders without a query, a translation or a URL lookup per cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload

from verksted.clock import OSLO, today
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    Submission,
    SubmissionState,
)
from verksted.documents.services import kind_names
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
_BY_STATE = {SubmissionState.DRAFT.value: DRAFT, SubmissionState.RETURNED.value: RETURNED,
             SubmissionState.APPROVED.value: APPROVED}
# (stored state, is late) -> the matrix's word; SQLite's 0 and 1 find False and True alike.
_ROW_STATE = {
    (state.value, late): (LATE if late else SUBMITTED) if state is SubmissionState.SUBMITTED else _BY_STATE[state.value]
    for state in SubmissionState for late in (False, True)
}


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
    """The matrix's word for a submission, or for none."""
    if submission is None:
        return NOT_STARTED
    return _ROW_STATE[(submission.state.value, bool(submission.is_late))]


@dataclass(slots=True)
class Cell:
    state: str
    html: str = ""  # already escaped


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

    @property
    def html(self) -> Markup:
        return Markup("".join(cell.html for cell in self.cells))


@dataclass
class Overview:
    groups: list[Group]
    columns: list[Column]
    active: list[Row]
    withdrawn: list[Row]
    teams: list[Team]
    kinds: list[tuple[str, str]]
    filtered: bool = False


class _Dates:
    """Dates written once each: a matrix of 2,400 cells holds only a few dozen distinct days."""

    def __init__(self):
        self._written: dict[date, str] = {}

    def __call__(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):  # stored as naive UTC; the day is the day in Oslo
            # Oslo is one or two hours ahead of UTC, so only the last hours of a UTC day can differ.
            value = value.date() if value.hour < 22 else value.replace(tzinfo=timezone.utc).astimezone(OSLO).date()
        if value not in self._written:
            self._written[value] = str(escape(format_date(value, "short")))
        return self._written[value]


class _Cells:
    """Writes a cell's HTML from pieces escaped once. Python rather than Jinja, and plain strings
    rather than Markup, because it runs 2,400 times for a network of 60 teams and 40 requests."""

    def __init__(self):
        labels = {state: escape(label) for state, label in state_labels().items()}
        self.dates = _Dates()
        self.overdue = f'<strong>{escape(_("frist passert"))}</strong>'
        self.when = {state: str(escape(words)) for state, words in (
            ("due", _("frist")), (DRAFT, _("sist lagret")), (SUBMITTED, _("sendt inn")), (LATE, _("sendt inn")),
            (RETURNED, _("sendt tilbake")), (APPROVED, _("godkjent")))}
        self.tags = {(state, color): f'<span class="ds-tag" data-color="{color}" data-size="sm">{labels[state]}</span>'
                     for state in STATES for color in (_COLORS[state], "danger")}
        self.marks = [
            f'<span title="{words}"><span aria-hidden="true">{sign}</span><span class="ds-sr-only">{words}</span></span>'
            for sign, words in (("★", escape(_("godt eksempel"))), ("▶", escape(_("be om å presentere"))),
                                ("⇄", escape(_("delt i nettverket"))))
        ]
        self.not_asked = Cell(NOT_ASKED, '<td><span aria-hidden="true">–</span>'
                                         f'<span class="ds-sr-only">{escape(_("ikke bedt om"))}</span></td>')
        self.filtered_out = Cell(FILTERED_OUT, '<td>'
                                               f'<span class="ds-sr-only">{escape(_("annen status"))}</span></td>')
        self.href = None
        if "documents.submission" in current_app.view_functions:
            self.href = str(escape(url_for("documents.submission", submission_id=987654321))).replace("987654321", "{}")

    def __call__(self, asked: bool, due_on: date | None, submission, on: date) -> Cell:
        if submission is None and not asked:
            return self.not_asked
        state = NOT_STARTED if submission is None else _ROW_STATE[(submission.state, submission.is_late)]
        overdue = state in (NOT_STARTED, DRAFT) and due_on is not None and on > due_on
        marks = ""
        if submission is None:
            tag = self.tags[(state, "danger" if overdue else _COLORS[state])]
            content = f'{tag}<small><span class="ds-sr-only">{self.when["due"]} </span>{self.dates(due_on)}</small>'
        else:
            tag = self.tags[(state, _COLORS[state])]
            content = f'{tag}<small><span class="ds-sr-only">{self.when[state]} </span>{self.dates(submission.shown_at)}</small>'
            if self.href:
                content = f'<a href="{self.href.format(submission.id)}">{content}</a>'
            shown = (submission.good_example, submission.ask_to_present, submission.shared and state in DELIVERED)
            if any(shown):
                marks = "<p>" + "".join(mark for mark, on_ in zip(self.marks, shown) if on_) + "</p>"
        return Cell(state, f'<td>{content}{self.overdue if overdue else ""}{marks}</td>')


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
    names = kind_names()
    kinds = _kinds(requests, names)
    # A filter value that matches nothing here (an old bookmark, a typo) shows everything.
    if kind in dict(kinds):
        requests = [r for r in requests if r.template.kind.value == kind]
    else:
        kind = None
    labels = {r.template_id: r.template.kind_label or names[r.template.kind] for r in requests}
    requests.sort(key=lambda r: (_KIND_ORDER[r.template.kind], labels[r.template_id], r.due_on, r.id))
    shown_teams = [t for t in teams if str(t.id) == team]
    if not shown_teams:
        shown_teams, team = teams, None

    due_by_cell, submissions = _assignments_and_submissions(network, requests)
    cells = _Cells()
    columns = [Column(request=r, due=cells.dates(r.due_on)) for r in requests]
    request_ids = [column.request.id for column in columns]
    asked, delivered = [0] * len(columns), [0] * len(columns)
    rows = []
    for t in shown_teams:
        team_id, counts, row = t.id, not t.is_withdrawn, []
        for i, request_id in enumerate(request_ids):
            key = (request_id, team_id)
            is_asked = key in due_by_cell
            cell = cells(is_asked, due_by_cell.get(key), submissions.get(key), on)
            if is_asked and counts:
                asked[i] += 1
                delivered[i] += cell.state in DELIVERED
            row.append(cell)
        rows.append(Row(team=t, cells=row))
    for column, n_asked, n_delivered in zip(columns, asked, delivered):
        column.asked, column.delivered = n_asked, n_delivered

    if state:
        rows, columns = _only_state(rows, columns, state, cells.filtered_out)
    groups: list[Group] = []
    for column in columns:
        label = labels[column.request.template_id]
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


def _kinds(requests: list[DocumentRequest], names: dict[DocumentKind, str]) -> list[tuple[str, str]]:
    """The kinds of document asked for in the network, for the filter; named kinds count as one."""
    present = {r.template.kind for r in requests}
    names = {**names, DocumentKind.OTHER: _("Andre dokumenter")}
    return [(kind.value, names[kind]) for kind in DocumentKind if kind in present]


def _assignments_and_submissions(network: Network, requests: list[DocumentRequest]) -> tuple[dict, dict]:
    """Each (request, team)'s deadline and submission, read as plain rows in two queries."""
    due = {r.id: r.due_on for r in requests}
    live = sa.and_(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
    connection = db.session.connection()  # plain rows, past the ORM: there may be thousands
    assignments = connection.execute(
        sa.select(Assignment.request_id, Assignment.team_id, Assignment.extended_to)
        .join(DocumentRequest, Assignment.request_id == DocumentRequest.id)
        .where(live)
    ).all()
    due_by_cell = {(a.request_id, a.team_id): a.extended_to or due.get(a.request_id) for a in assignments}
    # Only what the matrix shows: a team's answers can be pages long, and one date per cell will do.
    shown_at = sa.case(
        (Submission.state == SubmissionState.DRAFT, Submission.updated_at),
        (Submission.state == SubmissionState.SUBMITTED, Submission.submitted_at),
        else_=Submission.decided_at,
    )
    submissions = connection.execute(
        sa.select(
            Submission.id, Submission.request_id, Submission.team_id,
            sa.type_coerce(Submission.state, sa.String).label("state"), Submission.is_late,
            shown_at.label("shown_at"), Submission.good_example, Submission.ask_to_present,
            sa.or_(Submission.shared_at.is_not(None), DocumentRequest.shared_at.is_not(None)).label("shared"),
        )
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(live)
    ).all()
    return due_by_cell, {(s.request_id, s.team_id): s for s in submissions}


def _only_state(rows: list[Row], columns: list[Column], state: str, blank: Cell) -> tuple[list[Row], list[Column]]:
    """Keep the rows and columns that have a cell in `state`; blank the other cells."""
    keep = [i for i in range(len(columns)) if any(row.cells[i].state == state for row in rows)]
    kept_rows = []
    for row in rows:
        cells = [row.cells[i] if row.cells[i].state == state else blank for i in keep]
        if any(cell.state == state for cell in cells):
            kept_rows.append(Row(team=row.team, cells=cells))
    return kept_rows, [columns[i] for i in keep]
