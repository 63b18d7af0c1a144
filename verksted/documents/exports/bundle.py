"""Every delivered document of one request: as one PDF with a cover page, and as a ZIP of one
PDF and one DOCX per team."""
from __future__ import annotations

import zipfile
from io import BytesIO

from flask_babel import gettext as _
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table
from reportlab.lib.units import mm

from verksted import clock, pdf
from verksted.documents.exports import content as export_content
from verksted.documents.exports import docx as export_docx
from verksted.documents.exports import pdf as export_pdf
from verksted.documents.exports.content import Delivery, state_names
from verksted.documents.models import DocumentRequest
from verksted.documents.services import kind_label
from verksted.i18n import date_time, long_date


def bundle_title(request: DocumentRequest) -> str:
    return _("%(title)s – alle innleveringer", title=request.title)


def file_name(request: DocumentRequest, extension: str) -> str:
    return export_content.safe_file_name(_("%(title)s - alle team", title=request.title), extension)


def bundle_pdf(request: DocumentRequest, deliveries: list[Delivery]) -> bytes:
    """A cover page listing every team and its state, then each delivered document from a new page."""
    title = bundle_title(request)
    contents = [
        export_content.document_content(delivery.submission, delivery.assignment)
        for delivery in deliveries if delivery.submission is not None
    ]

    def story(plain: bool) -> list:
        flowables = _cover(request, deliveries)
        for document in contents:
            flowables += [PageBreak(), pdf.FooterText(document.title)]
            flowables += export_pdf.submission_story(document, outline_level=0, plain=plain)
        return flowables

    return export_pdf.render(title, story)


def _cover(request: DocumentRequest, deliveries: list[Delivery]) -> list:
    styles = pdf.styles()
    facts = [(_("Nettverk"), request.network.name), (_("Dokument"), kind_label(request.template))]
    if request.period_from or request.period_to:
        facts.append((_("Periode"), f"{long_date(request.period_from)} – {long_date(request.period_to)}".strip(" –")))
    facts += [(_("Frist"), long_date(request.due_on)), (_("Skrevet ut"), long_date(clock.today()))]

    def cell(text: str, style: str = "cell") -> Paragraph:
        return Paragraph(pdf.markup(text), styles[style])

    rows = [[cell(_("Team"), "cell_bold"), cell(_("Status"), "cell_bold"), cell(_("Levert"), "cell_bold")]]
    for delivery in deliveries:
        rows.append([cell(_team_name(delivery)), cell(delivery_state(delivery)), cell(_delivered_at(delivery))])
    missing = [_team_name(delivery) for delivery in deliveries if delivery.submission is None]
    cover = [
        Paragraph(pdf.markup(bundle_title(request)), styles["title"]),
        export_pdf.facts_table(facts),
        Spacer(1, 6 * mm),
        Paragraph(pdf.markup(_("Innleveringer")), styles["h2"]),
        Table(rows, colWidths=[70 * mm, 55 * mm, export_pdf.WIDTH - 125 * mm], repeatRows=1, hAlign="LEFT",
              style=pdf.table_style()),
    ]
    if missing:
        cover += [Spacer(1, 4 * mm), Paragraph(pdf.markup(_("Ikke levert: %(teams)s.", teams=", ".join(missing))),
                                               styles["body"])]
    return cover


def _team_name(delivery: Delivery) -> str:
    team = delivery.assignment.team if delivery.assignment else delivery.submission.team
    if team.is_withdrawn:
        return _("%(team)s (trukket ut)", team=team.municipality)
    return team.municipality


def delivery_state(delivery: Delivery) -> str:
    submission = delivery.submission
    if submission is None:
        return _("Ikke levert")
    state = state_names()[submission.state]
    return _("%(state)s, levert for sent", state=state) if submission.is_late else state


def _delivered_at(delivery: Delivery) -> str:
    return date_time(delivery.submission.submitted_at) if delivery.submission is not None else ""


def bundle_zip(deliveries: list[Delivery]) -> bytes:
    """One PDF and one DOCX per team that has delivered, named for the document and the team."""
    buffer = BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for delivery in deliveries:
            if delivery.submission is None:
                continue
            document = export_content.document_content(delivery.submission, delivery.assignment)
            for extension, write in (("pdf", export_pdf.submission_pdf), ("docx", export_docx.submission_docx)):
                name = _unique(export_content.file_name(delivery.submission, extension), taken)
                archive.writestr(name, write(document))  # zipfile marks non-ASCII names as UTF-8
    return buffer.getvalue()


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, extension = name.rpartition(".")
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate, number = f"{stem} ({number}){dot}{extension}", number + 1
    taken.add(candidate.casefold())
    return candidate
