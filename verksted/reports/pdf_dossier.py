"""A team's dossier: every document it was asked for, in order of deadline, as one PDF.

The first page lists them with the page each begins on, or says it was not delivered. Each
delivered document is drawn as its own download draws it (`documents.exports`), as the team
last handed it in: a document sent back for changes shows what was delivered, not the edits
under way.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from verksted import clock, pdf
from verksted.documents.exports import content as export_content
from verksted.documents.exports import pdf as export_pdf
from verksted.documents.exports.bundle import delivery_state
from verksted.documents.models import (
    Assignment,
    DocumentRequest,
    Submission,
    SubmissionState,
    SubmissionVersion,
    TemplateVersion,
)
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Team
from verksted.reports.pdf_pages import ContentsEntry, build


@dataclass
class Entry:
    request: DocumentRequest
    delivery: export_content.Delivery  # its submission as delivered; None: not delivered


def dossier_title(team: Team) -> str:
    return _("Teamets mappe – %(team)s", team=team.municipality)


def file_name(team: Team) -> str:
    return export_content.safe_file_name(_("Mappe - %(team)s", team=team.municipality), "pdf")


def dossier_pdf(team: Team) -> bytes:
    entries = dossier_entries(team)
    documents = {index: export_content.document_content(entry.delivery.submission, entry.delivery.assignment)
                 for index, entry in enumerate(entries) if entry.delivery.submission is not None}
    title = dossier_title(team)

    def story(plain: bool) -> list[Flowable]:
        flowables = _contents_page(team, entries)
        for index, document in documents.items():
            body = export_pdf.submission_story(document, outline_level=0, plain=plain)
            body[0].toc_key = _key(index)
            flowables += [PageBreak(), *body]
        return flowables

    return build(title, title, story, bare_pages=0, author=team.network.name)


def _key(index: int) -> str:
    return f"dokument-{index + 1}"


def dossier_entries(team: Team) -> list[Entry]:
    """The team's requests that still exist, by deadline, each with what the team delivered."""
    assignments = db.session.scalars(
        sa.select(Assignment).join(Assignment.request)
        .where(Assignment.team_id == team.id, DocumentRequest.deleted_at.is_(None))
        .options(so.contains_eager(Assignment.request))
    ).all()
    submissions = db.session.scalars(
        sa.select(Submission).join(Submission.request)
        .where(Submission.team_id == team.id, DocumentRequest.deleted_at.is_(None),
               Submission.state.in_(export_content.DELIVERED))
        .options(so.contains_eager(Submission.request).joinedload(DocumentRequest.network),
                 so.joinedload(Submission.template_version).joinedload(TemplateVersion.template))
    ).all()
    delivered = _as_delivered(submissions)
    entries = [Entry(a.request, export_content.Delivery(team.municipality, a, delivered.pop(a.request_id, None)))
               for a in assignments]
    # A document whose request was taken from the team after it delivered is still the team's.
    entries += [Entry(s.request, export_content.Delivery(team.municipality, None, s)) for s in delivered.values()]
    return sorted(entries, key=lambda entry: (entry.request.due_on, entry.request.title, entry.request.id))


def _as_delivered(submissions: list[Submission]) -> dict[int, Submission]:
    """By request: each submission with the answers it was last handed in with."""
    returned = [s.id for s in submissions if s.state is SubmissionState.RETURNED]
    handed_in: dict[int, dict] = {}
    if returned:
        for version in db.session.scalars(
            sa.select(SubmissionVersion)
            .where(SubmissionVersion.submission_id.in_(returned), SubmissionVersion.event == "submit")
            .order_by(SubmissionVersion.number)
        ):
            handed_in[version.submission_id] = version.answers  # the last one wins
    return {s.request_id: AsDelivered(s, handed_in[s.id]) if s.id in handed_in else s for s in submissions}


class AsDelivered:
    """A submission read with the answers it was handed in with; nothing in it changes."""

    def __init__(self, submission: Submission, answers: dict):
        self._submission = submission
        self.answers = answers

    def __getattr__(self, name):
        return getattr(self._submission, name)


def _contents_page(team: Team, entries: list[Entry]) -> list[Flowable]:
    styles = pdf.styles()
    team_name = _("%(team)s (trukket ut)", team=team.municipality) if team.is_withdrawn else team.municipality
    facts = [(_("Nettverk"), team.network.name), (_("Team"), team_name), (_("Skrevet ut"), long_date(clock.today()))]
    story: list[Flowable] = [
        Paragraph(pdf.markup(dossier_title(team)), styles["title"]),
        export_pdf.facts_table(facts),
        Spacer(1, 6 * mm),
        Paragraph(pdf.markup(_("Innhold")), styles["h2"]),
    ]
    if not entries:
        story.append(Paragraph(pdf.markup(_("Teamet er ikke bedt om noen dokumenter ennå.")), styles["body"]))
    for index, entry in enumerate(entries):
        deadline = _("%(title)s – frist %(date)s", title=entry.request.title, date=long_date(entry.request.due_on))
        if entry.delivery.submission is None:
            story.append(ContentsEntry(deadline, None, number=str(index + 1), instead=_("Ikke levert")))
        else:
            text = _("%(document)s, %(state)s", document=deadline, state=delivery_state(entry.delivery).lower())
            story.append(ContentsEntry(text, _key(index), number=str(index + 1)))
    return story
