"""The results tables of the report, filled from each team's sluttrapport:
Kommune | Hovedmål | Tiltak | Resultater, and Kommune | Videre oppgaver.

The leader maps template fields to columns and may edit a cell's text for the report; the
team's document is never changed. A table answer in a cell becomes a bullet per row, so a
narrow column stays readable.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from verksted.documents import schema
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import answer_blocks
from verksted.documents.models import DocumentRequest, Submission
from verksted.documents.starter import FINAL_MAIN_GOAL, FINAL_MEASURES, FINAL_NEXT, FINAL_RESULTS
from verksted.reports.content import FURTHER_COLUMNS, RESULT_COLUMNS, DataTable, Note
from verksted.reports.sources_context import Context, options_of, text_cell

COLUMN_LABELS = {
    "hovedmal": _l("Hovedmål"),
    "tiltak": _l("Tiltak"),
    "resultater": _l("Resultater"),
    "videre": _l("Videre oppgaver"),
}
DEFAULT_FIELDS = {
    "hovedmal": [FINAL_MAIN_GOAL],
    "tiltak": [FINAL_MEASURES],
    "resultater": [FINAL_RESULTS],
    "videre": [FINAL_NEXT],
}
WIDTHS = {RESULT_COLUMNS: [1.2, 2.0, 3.0, 3.0], FURTHER_COLUMNS: [1.2, 4.0]}


def results(section, context: Context) -> list:
    return _table(section, context, RESULT_COLUMNS)


def further_work(section, context: Context) -> list:
    return _table(section, context, FURTHER_COLUMNS)


def chosen_request(options: dict, context: Context) -> DocumentRequest | None:
    """The sluttrapport request the section reads: the one chosen, else the newest."""
    requests = context.final_requests
    wanted = options.get("request_id")
    return next((request for request in requests if request.id == wanted), requests[0] if requests else None)


def column_fields(options: dict, columns: tuple[str, ...]) -> dict[str, list[str]]:
    """Which field keys feed each column: as the leader mapped them, else the starter's field."""
    mapped = options.get("columns") if isinstance(options.get("columns"), dict) else {}
    chosen = {}
    for column in columns:
        keys = mapped.get(column)
        keys = [key for key in keys if isinstance(key, str) and key] if isinstance(keys, list) else []
        chosen[column] = keys or list(DEFAULT_FIELDS[column])
    return chosen


def _table(section, context: Context, columns: tuple[str, ...]) -> list:
    options = options_of(section)
    title = section.title
    request = chosen_request(options, context)
    if request is None:
        context.missing.append(_("%(section)s: nettverket har ikke bedt om sluttrapporter ennå.", section=title))
        return [Note(_("Nettverket har ikke bedt teamene om sluttrapport ennå, så tabellen er tom."))]
    if not context.active_teams:
        context.missing.append(_("%(section)s: ingen kommuner deltar.", section=title))
        return [Note(_("Ingen kommuner deltar i nettverket."))]
    if options.get("request_id") not in (None, request.id):
        context.missing.append(_("%(section)s: sluttrapportene som var valgt, finnes ikke lenger; de nyeste brukes.",
                                 section=title))
    reports = context.final_reports(request)
    keys = column_fields(options, columns)
    edited = options.get("cells") if isinstance(options.get("cells"), dict) else {}
    rows = []
    for team in context.active_teams:
        submission = reports.get(team.id)
        if submission is None:
            context.missing.append(_("%(section)s: %(team)s har ikke levert sluttrapport.", section=title,
                                     team=team.municipality))
        row = [text_cell(team.municipality)]
        for column in columns:
            text = edited.get(f"{team.id}/{column}")
            if isinstance(text, str) and text.strip():
                row.append(mb.blocks(text))
            elif submission is None:
                row.append([Note(_("Ingen sluttrapport levert"))])
            else:
                row.append(_cell(submission, keys[column], context, title, team.municipality, column))
        rows.append(row)
    header = [_("Kommune")] + [str(COLUMN_LABELS[column]) for column in columns]
    caption = _("Fra sluttrapportene: %(request)s", request=mb.writable(request.title))
    return [DataTable(header, rows, list(WIDTHS[columns]), caption=caption)]


def _cell(submission: Submission, keys: list[str], context: Context, title: str, team: str, column: str) -> list:
    """The mapped fields' answers; each under its label where the column joins several."""
    by_key = schema.field_by_key(submission.template_version.sections or [])
    answers = submission.answers or {}
    parts = []
    for key in keys:
        field = by_key.get(key)
        found = flat(answer_blocks(field, answers.get(key))) if field is not None else []
        if found:
            parts.append((mb.writable(field.get("label") or key), found))
    if not parts:
        context.missing.append(_("%(section)s: %(column)s mangler for %(team)s.", section=title,
                                 column=COLUMN_LABELS[column], team=team))
        return [Note(_("Ikke fylt ut"))]
    if len(keys) == 1:
        return parts[0][1]
    cell: list = []
    for label, found in parts:
        cell.append(mb.Paragraph([mb.Span(label, bold=True)]))
        cell += found
    return cell


def flat(blocks: list) -> list:
    """A table answer as a bullet per row, its cells joined by « – »; other blocks as they are."""
    out = []
    for block in blocks:
        if not isinstance(block, mb.Table):
            out.append(block)
            continue
        items = []
        for row in block.rows:
            spans: list[mb.Span] = []
            for cell in row:
                if not mb.text_of(cell).strip():
                    continue
                if spans:
                    spans.append(mb.Span(" – "))
                spans += cell
            if spans:
                items.append([mb.Paragraph(spans)])
        if items:
            out.append(mb.ListBlock(ordered=False, items=items))
    return out
