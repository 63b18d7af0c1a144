"""What an exported document says, before it is drawn as PDF or written as DOCX.

A submission becomes a `DocumentContent`: its title, the facts of its title area, and its
sections, each with its guidance and every field's answer as Markdown blocks. Both writers draw
these blocks, so a table, list or date reads the same in PDF and Word.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _

from verksted.documents import schema
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.models import (
    Assignment,
    DocumentRequest,
    FieldKind,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.documents.services import kind_label
from verksted.extensions import db
from verksted.i18n import date_time, long_date

DELIVERED = (SubmissionState.SUBMITTED, SubmissionState.RETURNED, SubmissionState.APPROVED)


@dataclass
class FieldAnswer:
    label: str
    blocks: list  # empty: not answered


@dataclass
class SectionContent:
    heading: str
    guidance: list
    fields: list[FieldAnswer]


@dataclass
class DocumentContent:
    title: str
    facts: list[tuple[str, str]]  # (label, value) for the title area
    sections: list[SectionContent]
    is_late: bool


def state_names() -> dict[SubmissionState, str]:
    return {
        SubmissionState.DRAFT: _("Utkast"),
        SubmissionState.SUBMITTED: _("Sendt inn"),
        SubmissionState.RETURNED: _("Sendt tilbake for endring"),
        SubmissionState.APPROVED: _("Godkjent"),
    }


def document_title(submission: Submission) -> str:
    """«Fremdriftsplan 2 – Fjordvik kommune»"""
    return mb.writable(f"{submission.request.title} – {submission.team.municipality}")


def file_name(submission: Submission, extension: str) -> str:
    """«Fremdriftsplan 2 - Čáhppesjávri suohkan.pdf»"""
    return safe_file_name(f"{submission.request.title} - {submission.team.municipality}", extension)


def safe_file_name(stem: str, extension: str) -> str:
    """A file name every system accepts, keeping every letter of the name."""
    stem = unicodedata.normalize("NFC", mb.writable(stem))
    stem = "".join("-" if char in '/\\:*?"<>|' else char for char in stem)
    stem = " ".join(stem.split()).strip(" .")[:150] or _("dokument")
    return f"{stem}.{extension}"


# --- loading --------------------------------------------------------------------------------


def _with_everything(query):
    return query.options(
        so.joinedload(Submission.request).joinedload(DocumentRequest.network),
        so.joinedload(Submission.team),
        so.joinedload(Submission.template_version).joinedload(TemplateVersion.template),
    )


def load_submission(submission_id: int) -> Submission | None:
    """A submission with what its export shows, in one query."""
    return db.session.scalar(_with_everything(sa.select(Submission).where(Submission.id == submission_id)))


def assignment_of(submission: Submission) -> Assignment | None:
    return db.session.scalar(
        sa.select(Assignment).where(
            Assignment.request_id == submission.request_id, Assignment.team_id == submission.team_id
        )
    )


@dataclass
class Delivery:
    """One team asked for a request's document, and what it has delivered."""

    team_name: str
    assignment: Assignment | None
    submission: Submission | None  # None: nothing delivered yet (no document, or a draft)


def deliveries(request: DocumentRequest) -> list[Delivery]:
    """Every team of a request by name, with its delivered document; the same few queries for
    any number of teams."""
    assignments = db.session.scalars(
        sa.select(Assignment).where(Assignment.request_id == request.id).options(so.joinedload(Assignment.team))
    ).all()
    submissions = db.session.scalars(
        _with_everything(sa.select(Submission)).where(
            Submission.request_id == request.id, Submission.state.in_(DELIVERED)
        )
    ).all()
    by_team = {submission.team_id: submission for submission in submissions}
    found = [Delivery(a.team.municipality, a, by_team.pop(a.team_id, None)) for a in assignments]
    # A team whose assignment was taken away after it delivered still has its document.
    found += [Delivery(s.team.municipality, None, s) for s in by_team.values()]
    return sorted(found, key=lambda delivery: _sort_key(delivery.team_name))


_AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def _sort_key(name: str) -> str:
    """Norwegian order: æ, ø and å after z; other accented letters (Sámi č, š) beside their base."""
    decomposed = unicodedata.normalize("NFD", name.casefold().translate(_AFTER_Z))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- content --------------------------------------------------------------------------------


def document_content(submission: Submission, assignment: Assignment | None) -> DocumentContent:
    version, answers = submission.template_version, submission.answers or {}
    sections = [
        SectionContent(
            heading=mb.writable(section.get("heading", "")),
            guidance=mb.blocks(section.get("guidance", "")),
            fields=[
                FieldAnswer(mb.writable(field.get("label", "")), answer_blocks(field, answers.get(field.get("key"))))
                for field in section.get("fields", [])
            ],
        )
        for section in version.sections
    ]
    return DocumentContent(document_title(submission), _facts(submission, assignment), sections, submission.is_late)


def _facts(submission: Submission, assignment: Assignment | None) -> list[tuple[str, str]]:
    request, version = submission.request, submission.template_version
    facts = [
        (_("Nettverk"), request.network.name),
        (_("Team"), submission.team.municipality),
        (_("Dokument"), _("%(kind)s, malversjon %(number)d", kind=kind_label(version.template), number=version.number)),
    ]
    if request.period_from or request.period_to:
        facts.append((_("Periode"), f"{long_date(request.period_from)} – {long_date(request.period_to)}".strip(" –")))
    if assignment is not None and assignment.extended_to:
        facts.append((_("Frist"), _("%(date)s (utsatt fra %(original)s)", date=long_date(assignment.extended_to),
                                    original=long_date(request.due_on))))
    else:
        facts.append((_("Frist"), long_date(request.due_on)))
    facts.append((_("Status"), state_names()[submission.state]))
    if submission.submitted_at is not None:
        delivered = date_time(submission.submitted_at)
        if submission.is_late:
            delivered = _("%(date)s – levert for sent", date=delivered)
        facts.append((_("Levert"), delivered))
    if request.is_deleted:
        facts.append((_("Merk"), _("Innleveringen er slettet av prosjektlederen.")))
    return [(label, mb.writable(value)) for label, value in facts]


def answer_blocks(field: dict, value) -> list:
    """One answer as blocks; an empty list when nothing is answered.

    A value the checks refused is stored as typed, so every kind also accepts what it did not
    expect and shows it as text rather than failing.
    """
    if schema.is_empty(value):
        return []
    try:
        kind = FieldKind(field.get("kind"))
    except ValueError:
        kind = FieldKind.SHORT_TEXT
    if kind is FieldKind.LONG_TEXT and isinstance(value, str):
        return mb.blocks(value)
    if kind is FieldKind.DATE and isinstance(value, str):
        return [mb.Paragraph(mb.plain(_date(value)))]
    if kind is FieldKind.MEETING and isinstance(value, dict):
        return [mb.Paragraph(mb.plain(meeting_text(value)))]
    if kind is FieldKind.LIST and isinstance(value, list):
        items = [[mb.Paragraph(mb.plain(str(item)))] for item in value if str(item).strip()]
        return [mb.ListBlock(ordered=False, items=items)] if items else []
    if kind is FieldKind.TABLE and isinstance(value, list):
        return _table(field, value)
    if isinstance(value, (list, dict)):
        return [mb.Paragraph(mb.plain(schema.as_text(field, value) if kind is not FieldKind.MEETING else str(value)))]
    return [mb.Paragraph(mb.plain(str(value)))]


def _date(text: str) -> str:
    try:
        return long_date(date.fromisoformat(text))
    except ValueError:
        return text


def meeting_text(value: dict) -> str:
    """«14. februar 2026 kl. 09:30, Fjordvik rådhus», with the parts that are given."""
    when = _date(str(value.get("date") or ""))
    clock = str(value.get("time") or "")
    if when and clock:
        when = _("%(date)s kl. %(time)s", date=when, time=clock)
    elif clock:
        when = _("kl. %(time)s", time=clock)
    return ", ".join(part for part in (when, str(value.get("place") or "")) if part)


def _table(field: dict, rows: list) -> list:
    columns = [str(column) for column in field.get("columns", [])]
    width = max([len(columns)] + [len(row) for row in rows if isinstance(row, list)])
    columns += [""] * (width - len(columns))
    table = mb.Table(header=[mb.plain(column) for column in columns])
    for row in rows:
        if isinstance(row, dict):
            row = [row.get(column, "") for column in columns]
        elif not isinstance(row, list):
            row = [row]
        cells = [mb.plain("" if cell is None else str(cell)) for cell in row]
        table.rows.append(cells + [[] for _cell in range(width - len(cells))])
    return [table] if table.rows else []
