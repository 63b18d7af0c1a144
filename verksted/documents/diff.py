"""What changed in a document: between two saved versions, field by field, and between one
fremdriftsplan's tiltak and the previous one's. Pure functions over answers; no database."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field as dataclass_field

from verksted.documents import schema

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class Line:
    change: str  # SAME, ADDED or REMOVED
    text: str


@dataclass
class FieldChange:
    """One field whose answer differs between two versions, as lines kept, added and removed."""

    section: dict
    field: dict
    lines: list[Line]

    @property
    def added(self) -> int:
        return sum(1 for line in self.lines if line.change == ADDED)

    @property
    def removed(self) -> int:
        return sum(1 for line in self.lines if line.change == REMOVED)


def line_diff(old_text: str, new_text: str) -> list[Line]:
    """The lines of `new_text` against `old_text`: each kept, added or removed, in reading order."""
    old, new = old_text.splitlines(), new_text.splitlines()
    lines: list[Line] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [Line(SAME, text) for text in old[i1:i2]]
            continue
        lines += [Line(REMOVED, text) for text in old[i1:i2]]
        lines += [Line(ADDED, text) for text in new[j1:j2]]
    return lines


def compare_answers(sections: list[dict], old: dict, new: dict) -> list[FieldChange]:
    """Every field whose answer differs between `old` and `new`, in the template's order."""
    changes = []
    for section, field in schema.fields(sections):
        before = schema.as_text(field, old.get(field["key"]))
        after = schema.as_text(field, new.get(field["key"]))
        if before != after:
            changes.append(FieldChange(section, field, line_diff(before, after)))
    return changes


# --- Tiltak from one fremdriftsplan to the next ---------------------------------------------


@dataclass
class CarriedRow:
    """A tiltak found in both plans; other columns may have changed."""

    cells: list[str]
    previous: list[str]
    changed_columns: list[str] = dataclass_field(default_factory=list)


@dataclass
class TiltakComparison:
    columns: list[str]
    new: list[list[str]]
    carried: list[CarriedRow]
    dropped: list[list[str]]
    previous_columns: list[str] = dataclass_field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.new or self.carried or self.dropped)


def tiltak_column(columns: list[str]) -> int:
    """The column that names the measure: "Tiltak" where there is one, else the first."""
    names = [_normal(column) for column in columns]
    for wanted in (lambda name: name == "tiltak", lambda name: "tiltak" in name):
        for index, name in enumerate(names):
            if wanted(name):
                return index
    return 0


def compare_tiltak(
    previous_rows: list, previous_columns: list[str], current_rows: list, current_columns: list[str]
) -> TiltakComparison:
    """Sort the current plan's rows into new and carried over, and find the previous plan's
    rows that were dropped. A row is the same tiltak when its tiltak text is the same, ignoring
    case and spacing; a row without tiltak text is matched on all its cells."""
    previous = [_cells(row) for row in _rows(previous_rows)]
    current = [_cells(row) for row in _rows(current_rows)]
    previous_index, current_index = tiltak_column(previous_columns), tiltak_column(current_columns)
    unmatched: dict[str, list[int]] = {}
    for position, row in enumerate(previous):
        unmatched.setdefault(_identity(row, previous_index), []).append(position)
    new, carried, used = [], [], set()
    for row in current:
        positions = unmatched.get(_identity(row, current_index))
        if not positions:
            new.append(row)
            continue
        position = positions.pop(0)
        used.add(position)
        before = previous[position]
        carried.append(CarriedRow(row, before, _changed_columns(before, previous_columns, row, current_columns)))
    dropped = [row for position, row in enumerate(previous) if position not in used]
    return TiltakComparison(list(current_columns), new, carried, dropped, list(previous_columns))


def _rows(rows) -> list:
    return [row for row in rows if isinstance(row, list) and any(str(cell).strip() for cell in row)] if isinstance(rows, list) else []


def _cells(row: list) -> list[str]:
    return [str(cell) for cell in row]


def _normal(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _identity(row: list[str], index: int) -> str:
    name = _normal(row[index]) if index < len(row) else ""
    return name or "\u0000" + " | ".join(_normal(cell) for cell in row)


def _changed_columns(before: list[str], before_columns: list[str], after: list[str], after_columns: list[str]) -> list[str]:
    old = {_normal(name): _normal(before[i]) if i < len(before) else "" for i, name in enumerate(before_columns)}
    changed = []
    for i, name in enumerate(after_columns):
        key = _normal(name)
        value = _normal(after[i]) if i < len(after) else ""
        if key in old and old[key] != value:
            changed.append(name)
    return changed
