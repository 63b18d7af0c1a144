"""Reading a document's posted form, autosave body and merge choices into the answers structure
that schema.clean_answers checks. The inputs are named after the field keys:

    svar-<key>                         short and long text, number, date, choice, list (one per line)
    svar-<key>-dato / -tid / -sted     a meeting
    svar-<key>-<row>-<column>          a table cell
"""
from __future__ import annotations

import json
import re

from verksted.documents import schema
from verksted.documents.models import FieldKind

PREFIX = "svar-"
MEETING_PARTS = {"date": "dato", "time": "tid", "place": "sted"}
ROWS_READ = 5_000  # far above schema.TABLE_MAX_ROWS, so the schema's message explains the limit


def input_name(key: str, *parts) -> str:
    return "-".join([PREFIX + key, *map(str, parts)])


def parse_answers(sections: list[dict], form, drop_row: tuple[str, int] | None = None) -> dict:
    """The answers as typed, by field key; `drop_row` leaves out one table row ("Fjern rad")."""
    raw: dict = {}
    for _section, field in schema.fields(sections):
        key, name = field["key"], input_name(field["key"])
        kind = FieldKind(field["kind"])
        if kind is FieldKind.MEETING:
            raw[key] = {part: form.get(f"{name}-{suffix}", "") for part, suffix in MEETING_PARTS.items()}
        elif kind is FieldKind.TABLE:
            dropped = drop_row[1] if drop_row and drop_row[0] == key else None
            raw[key] = _table(form, name, len(field.get("columns", [])), dropped)
        else:
            raw[key] = form.get(name, "")
    return raw


def _table(form, name: str, width: int, dropped: int | None) -> list[list[str]]:
    cell = re.compile(rf"^{re.escape(name)}-(\d{{1,5}})-(\d{{1,3}})$")
    rows: dict[int, list[str]] = {}
    for posted, value in form.items():
        match = cell.match(posted)
        if not match:
            continue
        row, column = int(match[1]), int(match[2])
        if column < width and row < ROWS_READ:
            rows.setdefault(row, [""] * width)[column] = value
    return [rows[row] for row in sorted(rows) if row != dropped]


def parse_revision(form) -> int | None:
    value = form.get("revision", "")
    return int(value) if isinstance(value, str) and value.isdigit() else None


def dropped_row(form) -> tuple[str, int] | None:
    """The table row whose "Fjern rad" button was pressed, as (field key, row)."""
    key, _sep, row = form.get("fjern_rad", "").rpartition(":")
    return (key, int(row)) if key and row.isdigit() else None


def parse_autosave(payload) -> tuple[int, dict]:
    """The autosave body {revision, answers}; ValueError when it is not that."""
    if not isinstance(payload, dict):
        raise ValueError("not an object")
    revision, answers = payload.get("revision"), payload.get("answers")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0 or not isinstance(answers, dict):
        raise ValueError("revision and answers expected")
    return revision, answers


def parse_mine(form) -> dict | None:
    """The answers this writer tried to save, carried along through the merge page as JSON."""
    try:
        mine = json.loads(form.get("mine", ""))
    except ValueError:
        return None
    return mine if isinstance(mine, dict) else None


def parse_merge_choices(form, sections: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """For each field: which version to keep (valg-<key>) and the combined text (samlet-<key>)."""
    choices, combined = {}, {}
    for _section, field in schema.fields(sections):
        key = field["key"]
        if form.get(f"valg-{key}"):
            choices[key] = form[f"valg-{key}"]
        if f"samlet-{key}" in form:
            combined[key] = form[f"samlet-{key}"]
    return choices, combined
