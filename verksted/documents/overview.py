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
    """One team's cells: each cell's state, and its <td> already escaped."""

    team: Team
    states: list[str]
    cells: list[str]

    @property
    def html(self) -> Markup:
        return Markup("".join(self.cells))


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
        self.not_asked = ('<td><span aria-hidden="true">–</span>'
                          f'<span class="ds-sr-only">{escape(_("ikke bedt om"))}</span></td>')
        self.filtered_out = f'<td><span class="ds-sr-only">{escape(_("annen status"))}</span></td>'
        self.href = None
        if "documents.submission" in current_app.view_functions:
            self.href = str(escape(url_for("documents.submission", submission_id=987654321))).replace("987654321", "{}")
        self._not_started: dict[date, str] = {}

    def not_started(self, due_on: date, on: date) -> str:
        """The <td> of a document not begun: the same for every team with the same deadline."""
        if due_on not in self._not_started:
            overdue = on > due_on
            tag = self.tags[(NOT_STARTED, "danger" if overdue else _COLORS[NOT_STARTED])]
            when = f'<small><span class="ds-sr-only">{self.when["due"]} </span>{self.dates(due_on)}</small>'
            self._not_started[due_on] = f'<td>{tag}{when}{self.overdue if overdue else ""}</td>'
        return self._not_started[due_on]

    def submission(self, row, due_on: date | None, on: date) -> tuple[str, str]:
        """(state, <td>) of a begun document; `row` as _cells_by_request reads it."""
        ident, state, is_late, shown_at, good_example, ask_to_present, shared = row
        state = _ROW_STATE[(state, is_late)]
        overdue = state == DRAFT and due_on is not None and on > due_on
        content = (f'{self.tags[(state, _COLORS[state])]}<small><span class="ds-sr-only">{self.when[state]} </span>'
                   f'{self.dates(shown_at)}</small>')
        if self.href:
            content = f'<a href="{self.href.format(ident)}">{content}</a>'
        marks = ""
        if good_example or ask_to_present or shared:
            shown = (good_example, ask_to_present, shared and state in DELIVERED)
            marks = "<p>" + "".join(mark for mark, on_ in zip(self.marks, shown) if on_) + "</p>"
        return state, f'<td>{content}{self.overdue if overdue else ""}{marks}</td>'


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

    cells = _Cells()
    due, states, html = _cells_by_request(network, requests, cells, on)
    columns = [Column(request=r, due=cells.dates(r.due_on)) for r in requests]
    # One dict per column, looked up by team id: no key or cell objects are made per cell.
    column_due = [due.get(r.id, {}) for r in requests]
    column_states = [states.get(r.id, {}) for r in requests]
    column_html = [html.get(r.id, {}) for r in requests]
    asked, delivered = [0] * len(columns), [0] * len(columns)
    rows = []
    for t in shown_teams:
        team_id, counts, row_states, row_cells = t.id, not t.is_withdrawn, [], []
        for i in range(len(columns)):
            due_on = column_due[i].get(team_id)
            cell_state = column_states[i].get(team_id)
            if cell_state is not None:
                cell = column_html[i][team_id]
            elif due_on is not None:
                cell_state, cell = NOT_STARTED, cells.not_started(due_on, on)
            else:
                cell_state, cell = NOT_ASKED, cells.not_asked
            if counts and due_on is not None:
                asked[i] += 1
                delivered[i] += cell_state in DELIVERED
            row_states.append(cell_state)
            row_cells.append(cell)
        rows.append(Row(team=t, states=row_states, cells=row_cells))
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
                   and any(cell_state not in (NOT_ASKED, FILTERED_OUT) for cell_state in row.states)],
    )


def _kinds(requests: list[DocumentRequest], names: dict[DocumentKind, str]) -> list[tuple[str, str]]:
    """The kinds of document asked for in the network, for the filter; named kinds count as one."""
    present = {r.template.kind for r in requests}
    names = {**names, DocumentKind.OTHER: _("Andre dokumenter")}
    return [(kind.value, names[kind]) for kind in DocumentKind if kind in present]


def _cells_by_request(network: Network, requests: list[DocumentRequest], cells: _Cells, on: date):
    """Each team's deadline, and each begun document's state and <td>, by request and team.

    Two plain queries, read in chunks and turned straight into strings: on a large network a
    page that kept thousands of row objects alive would pay for it in garbage collection.
    """
    due: dict[int, dict[int, date]] = {r.id: {} for r in requests}
    states: dict[int, dict[int, str]] = {r.id: {} for r in requests}
    html: dict[int, dict[int, str]] = {r.id: {} for r in requests}
    request_due = {r.id: r.due_on for r in requests}
    live = sa.and_(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
    connection = db.session.connection()  # plain rows, past the ORM
    assignments = connection.execute(
        sa.select(Assignment.request_id, Assignment.team_id, Assignment.extended_to)
        .join(DocumentRequest, Assignment.request_id == DocumentRequest.id)
        .where(live)
    )
    for chunk in assignments.partitions(500):
        for request_id, team_id, extended_to in chunk:
            if request_id in due:
                due[request_id][team_id] = extended_to or request_due[request_id]
    # One date per document is enough for the matrix; a team's answers can be pages long.
    shown_at = sa.case(
        (Submission.state == SubmissionState.DRAFT, Submission.updated_at),
        (Submission.state == SubmissionState.SUBMITTED, Submission.submitted_at),
        else_=Submission.decided_at,
    )
    submissions = connection.execute(
        sa.select(
            Submission.request_id, Submission.team_id,
            Submission.id, sa.type_coerce(Submission.state, sa.String), Submission.is_late, shown_at,
            Submission.good_example, Submission.ask_to_present,
            sa.or_(Submission.shared_at.is_not(None), DocumentRequest.shared_at.is_not(None)),
        )
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(live)
    )
    for chunk in submissions.partitions(500):
        for row in chunk:
            request_id, team_id = row[0], row[1]
            if request_id in due:
                state, cell = cells.submission(row[2:], due[request_id].get(team_id), on)
                states[request_id][team_id], html[request_id][team_id] = state, cell
    return due, states, html


def _only_state(rows: list[Row], columns: list[Column], state: str, blank: str) -> tuple[list[Row], list[Column]]:
    """Keep the rows and columns that have a cell in `state`; blank the other cells."""
    keep = [i for i in range(len(columns)) if any(row.states[i] == state for row in rows)]
    kept_rows = []
    for row in rows:
        if any(row.states[i] == state for i in keep):
            kept_rows.append(Row(
                team=row.team,
                states=[row.states[i] if row.states[i] == state else FILTERED_OUT for i in keep],
                cells=[row.cells[i] if row.states[i] == state else blank for i in keep],
            ))
    return kept_rows, [columns[i] for i in keep]
