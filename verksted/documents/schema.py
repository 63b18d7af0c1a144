"""The shape of a template version's sections and fields, and of a team's answers to them.

A template version's `sections` is a list of dicts:

    {"key": "s-effekt", "heading": "Effektmål", "guidance": "Markdown …",
     "fields": [{"key": "f-effektmal", "label": "Effektmål", "kind": "long_text",
                 "help": "", "required": False, "choices": [], "columns": [], "carry": "effektmal"}]}

Keys are made once and never change, so answers, comments and carried-forward fields follow a
section or field across template versions. Answers are a dict by field key; each kind's value:

    short_text, long_text (Markdown), choice: str     number: str (as typed, checked numeric)
    date: "YYYY-MM-DD"                                  meeting: {"date", "time", "place"}
    list: [str, …]                                      table: [[cell, …], …] in column order
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, time

from flask_babel import gettext as _

from verksted.documents.models import FieldKind

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 30_000
LIST_MAX_ITEMS = 100
TABLE_MAX_ROWS = 200
CELL_MAX = 2_000
_NUMBER = re.compile(r"^-?\d{1,12}([.,]\d{1,6})?$")


def new_key(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def field_kind_labels() -> dict[FieldKind, str]:
    return {
        FieldKind.SHORT_TEXT: _("Kort tekst"),
        FieldKind.LONG_TEXT: _("Lang tekst (Markdown)"),
        FieldKind.NUMBER: _("Tall"),
        FieldKind.DATE: _("Dato"),
        FieldKind.MEETING: _("Dato, tid og sted"),
        FieldKind.LIST: _("Liste med punkter"),
        FieldKind.CHOICE: _("Valg fra liste"),
        FieldKind.TABLE: _("Tabell"),
    }


def fields(sections: list[dict]):
    """Every (section, field) pair, in order."""
    for section in sections:
        for field in section.get("fields", []):
            yield section, field


def field_by_key(sections: list[dict]) -> dict[str, dict]:
    return {field["key"]: field for _section, field in fields(sections)}


@dataclass
class Cleaned:
    answers: dict
    errors: dict[str, str]  # field key -> message


def clean_answers(sections: list[dict], raw: dict, *, require: bool = False) -> Cleaned:
    """Check answers against the fields; keep what is valid, explain what is not.

    A draft may be incomplete (`require=False`); a submission must fill the required fields.
    Values for unknown keys are dropped; nothing valid the user typed is lost.
    """
    answers: dict = {}
    errors: dict[str, str] = {}
    for _section, field in fields(sections):
        key = field["key"]
        try:
            value = _clean_value(field, raw.get(key))
        except ValueError as error:
            errors[key] = str(error)
            answers[key] = _keep_raw(field, raw.get(key))
            continue
        if is_empty(value):
            if require and field.get("required"):
                errors[key] = _("Dette feltet må fylles ut før dokumentet sendes inn.")
            continue
        answers[key] = value
    return Cleaned(answers, errors)


def is_empty(value) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict):
        return all(not str(v).strip() for v in value.values())
    return False


def _text(value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise ValueError(_("Ugyldig verdi."))
    text = str(value).replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ValueError(_("Teksten er for lang: %(count)d tegn, høyst %(max)d.", count=len(text), max=limit))
    return text


def _clean_value(field: dict, value):
    kind = FieldKind(field["kind"])
    if kind is FieldKind.SHORT_TEXT:
        text = _text(value, SHORT_TEXT_MAX)
        if "\n" in text:
            text = " ".join(text.split())
        return text
    if kind is FieldKind.LONG_TEXT:
        return _text(value, LONG_TEXT_MAX)
    if kind is FieldKind.NUMBER:
        text = _text(value, 40).replace(" ", "").replace("\u00a0", "")
        if text and not _NUMBER.match(text):
            raise ValueError(_("Skriv et tall, for eksempel 12 eller 3,5."))
        return text.replace(".", ",")
    if kind is FieldKind.DATE:
        return _date(value)
    if kind is FieldKind.MEETING:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValueError(_("Ugyldig verdi."))
        meeting = {
            "date": _date(value.get("date")),
            "time": _time(value.get("time")),
            "place": _text(value.get("place"), SHORT_TEXT_MAX),
        }
        return meeting if not is_empty(meeting) else {}
    if kind is FieldKind.LIST:
        items = value.splitlines() if isinstance(value, str) else (value or [])
        if not isinstance(items, list):
            raise ValueError(_("Ugyldig verdi."))
        items = [_text(item, SHORT_TEXT_MAX * 2) for item in items]
        items = [item.lstrip("-•* ").strip() for item in items if item.strip()]
        if len(items) > LIST_MAX_ITEMS:
            raise ValueError(_("Listen har %(count)d punkter; høyst %(max)d er lov.", count=len(items), max=LIST_MAX_ITEMS))
        return items
    if kind is FieldKind.CHOICE:
        text = _text(value, SHORT_TEXT_MAX)
        if text and text not in field.get("choices", []):
            raise ValueError(_("Velg et av alternativene."))
        return text
    if kind is FieldKind.TABLE:
        return _table(field, value)
    raise ValueError(_("Ugyldig verdi."))


def _date(value) -> str:
    text = _text(value, 20)
    if not text:
        return ""
    for parse in (date.fromisoformat, _norwegian_date):
        try:
            return parse(text).isoformat()
        except ValueError:
            continue
    raise ValueError(_("Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."))


def _norwegian_date(text: str) -> date:
    day, month, year = text.split(".")
    year = int(year) + (2000 if len(year) == 2 else 0)
    return date(year, int(month), int(day))


def _time(value) -> str:
    text = _text(value, 10).replace(".", ":")
    if not text:
        return ""
    hours, _sep, minutes = text.partition(":")
    try:
        return time(int(hours), int(minutes or 0)).strftime("%H:%M")
    except ValueError as error:
        raise ValueError(_("Skriv klokkeslettet som tt:mm, for eksempel 09:30.")) from error


def _table(field: dict, value) -> list[list[str]]:
    columns = field.get("columns", [])
    rows = value or []
    if not isinstance(rows, list):
        raise ValueError(_("Ugyldig verdi."))
    cleaned = []
    for row in rows:
        if isinstance(row, dict):
            row = [row.get(column, "") for column in columns]
        if not isinstance(row, list):
            raise ValueError(_("Ugyldig verdi."))
        cells = [_text(cell, CELL_MAX) for cell in row[: len(columns)]]
        cells += [""] * (len(columns) - len(cells))
        if any(cells):
            cleaned.append(cells)
    if len(cleaned) > TABLE_MAX_ROWS:
        raise ValueError(
            _("Tabellen har %(count)d rader; høyst %(max)d er lov. Del den opp eller kort den ned.",
              count=len(cleaned), max=TABLE_MAX_ROWS)
        )
    return cleaned


def _keep_raw(field: dict, value):
    """A refused value, kept as close to what was typed as JSON allows, so nothing is lost."""
    if isinstance(value, (str, list, dict)):
        return value
    return "" if value is None else str(value)


def as_text(field: dict, value) -> str:
    """An answer as plain text: for word counts, diffs, e-mail and search."""
    if is_empty(value):
        return ""
    kind = FieldKind(field["kind"])
    if kind is FieldKind.MEETING and isinstance(value, dict):
        return " ".join(str(value[part]) for part in ("date", "time", "place") if value.get(part))
    if kind is FieldKind.LIST and isinstance(value, list):
        return "\n".join(f"- {item}" for item in value)
    if kind is FieldKind.TABLE and isinstance(value, list):
        # A refused value is kept as typed, so a row may be anything JSON allows.
        return "\n".join(" | ".join(map(str, row)) if isinstance(row, list) else str(row) for row in value)
    return str(value)


_WORD = re.compile(r"\w")


def word_count(sections: list[dict], answers: dict) -> int:
    """Words the team wrote; the | and - that as_text puts between cells and items are not words."""
    return sum(
        1
        for _section, field in fields(sections)
        for word in as_text(field, answers.get(field["key"])).split()
        if _WORD.search(word)
    )
