"""A poll's answers for Excel: CSV and XLSX, one row per answer, nobody's key in them.

The municipality is written only where that municipality's answers to the question may be
shown apart (as on the results page); elsewhere it is left empty, like an answer from someone
who did not say where they were from, so no small group can be picked out.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date, datetime, timezone

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from verksted.clock import OSLO
from verksted.polls.kinds import KIND_LABELS
from verksted.polls.models import Poll, QuestionKind
from verksted.polls.results import MIN_GROUP, QuestionResults

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SPELLED_OUT = str.maketrans({
    "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ŋ": "n", "Ŋ": "N", "ŧ": "t", "Ŧ": "T", "ß": "ss",
})
LIST_SEPARATOR = "; "
BOLD = Font(bold=True)


def _headers() -> list[str]:
    return [_("Spørsmål nr"), _("Spørsmål"), _("Type"), _("Programpunkt"), _("Kommune"), _("Svar"),
            _("Skjult fra skjermen"), _("Endret")]


def _summary_headers() -> list[str]:
    return [_("Spørsmål nr"), _("Spørsmål"), _("Type"), _("Programpunkt"), _("Antall svar"), _("Gjennomsnitt"),
            _("Median"), _("Standardavvik"), _("Vet ikke")]


def answer_rows(results: list[QuestionResults]) -> list[list]:
    """One row per answer (a programme question: per item rated), in the questions' order.
    Numbers stay numbers and times are Oslo times, for the XLSX; the CSV writes them as text."""
    rows = []
    for number, result in enumerate(results, start=1):
        question = result.question
        kind_label = str(KIND_LABELS[question.kind])
        named = {row["team_id"]: row["municipality"] for row in result.split if row["shown"]}
        for answer in result.answers:
            municipality = named.get(answer.team_id, "")
            start = [number, question.prompt, kind_label]
            end = [_("Ja") if answer.hidden else "", _oslo(answer.updated_at or answer.created_at)]
            for item, value in _readable(question.kind, question.settings or {}, answer.value or {}):
                rows.append([*start, item, municipality, value, *end])
    return rows


def summary_rows(results: list[QuestionResults]) -> list[list]:
    """Count, mean and median for every question; a programme question also for each item."""
    rows = []
    for number, result in enumerate(results, start=1):
        question, summary = result.question, result.summary
        kind_label = str(KIND_LABELS[question.kind])
        numeric = question.kind.is_numeric
        numbers = _numbers(summary) if numeric else [None] * 4
        rows.append([number, question.prompt, kind_label, None, summary["count"], *numbers])
        for item in summary.get("items", []):
            rows.append([number, question.prompt, kind_label, item["title"], item["answered"] + item["dont_know"],
                         *_numbers(item)])
    return rows


def results_csv(results: list[QuestionResults]) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, as Norwegian Excel opens it by a double-click."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers())
    for row in answer_rows(results):
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def results_xlsx(poll: Poll, results: list[QuestionResults]) -> bytes:
    """A sheet «Svar» with every answer and a sheet «Oppsummering» with count, mean and median."""
    book = Workbook(write_only=True)
    book.properties.title = poll.title
    book.properties.creator = "Verksted"
    book.properties.language = "nb"
    answers = book.create_sheet(_("Svar"))
    _fill(answers, _headers(), answer_rows(results), widths=[10, 50, 16, 30, 24, 60, 12, 17])
    summary = book.create_sheet(_("Oppsummering"))
    _fill(summary, _summary_headers(), summary_rows(results), widths=[10, 50, 16, 30, 12, 14, 10, 14, 10])
    summary.append([])
    summary.append([_("Kommune står bare der kommunen har minst %(min)d svar på spørsmålet, så ingen kan kjennes "
                      "igjen.", min=MIN_GROUP)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def file_name(poll: Poll, extension: str) -> str:
    """«evaluering-samling-3-2026-10-14.csv»: letters spelled out in ASCII, so every system keeps it."""
    stem = ascii_name(poll.title) or "avstemning"
    if poll.gathering is not None and f"samling-{poll.gathering.number}" not in stem:
        stem = f"{stem}-samling-{poll.gathering.number}"
    return f"{stem}-{poll_day(poll).isoformat()}.{extension}"


def poll_day(poll: Poll) -> date:
    if poll.gathering is not None:
        return poll.gathering.held_on
    return _oslo(poll.opened_at or poll.created_at).date()


def ascii_name(text: str, limit: int = 80) -> str:
    """«Evaluering – Čáhppesjávri, høst» → «evaluering-cahppesjavri-host»."""
    text = unicodedata.normalize("NFC", text or "").translate(_SPELLED_OUT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")


# --- Helpers ------------------------------------------------------------------------------

def _readable(kind: QuestionKind, settings: dict, value: dict) -> list[tuple[str, object]]:
    """An answer as (programme item, what was answered) pairs: words, not indexes."""
    options = settings.get("options", [])

    def option(index) -> str:
        return options[index] if isinstance(index, int) and 0 <= index < len(options) else "?"

    if kind is QuestionKind.SCALE:
        return [("", value["score"] if isinstance(value.get("score"), int) else _("Vet ikke"))]
    if kind is QuestionKind.SINGLE:
        return [("", option(value.get("choice")))]
    if kind is QuestionKind.MULTIPLE:
        return [("", LIST_SEPARATOR.join(option(index) for index in value.get("choices", [])))]
    if kind is QuestionKind.WORDS:
        return [("", LIST_SEPARATOR.join(value.get("words", [])))]
    if kind is QuestionKind.TEXT:
        return [("", value.get("text", ""))]
    if kind is QuestionKind.RANKING:
        return [("", LIST_SEPARATOR.join(f"{place}. {option(index)}"
                                         for place, index in enumerate(value.get("order", []), start=1)))]
    if kind is QuestionKind.PROGRAMME:
        scores = value.get("scores", {})
        return [
            (item["title"], scores[item["id"]] if isinstance(scores[item["id"]], int) else _("Vet ikke"))
            for item in settings.get("items", []) if item["id"] in scores
        ]
    return [("", "")]


def _numbers(summary: dict) -> list:
    return [summary.get("mean"), summary.get("median"), summary.get("stdev"), summary.get("dont_know", 0)]


def _oslo(moment: datetime | None) -> datetime | None:
    """Oslo time to the minute: enough to tell when, not so exact as to match one person's answers."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone(OSLO).replace(tzinfo=None, second=0, microsecond=0)


def _csv_cell(value) -> str:
    """Text as Excel shows it, never as a formula it would run."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _fill(sheet, headers: list[str], rows: list[list], widths: list[int]) -> None:
    """Rows written once, straight to the file (write-only), so thousands of answers stay quick."""
    for column, width in zip("ABCDEFGHIJ", widths, strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_text_cell(sheet, header, font=BOLD) for header in headers])
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])


def _xlsx_value(sheet, value):
    """Values as they are; text that would start a formula goes in a cell marked as text."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return _text_cell(sheet, value) if value.startswith("=") else value


def _text_cell(sheet, value: str, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever it starts with
    if font is not None:
        cell.font = font
    return cell
