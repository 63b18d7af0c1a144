"""The host's lists of who comes: CSV for Excel, and a PDF with a page of name tags."""
from __future__ import annotations

import csv
import io

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from verksted import pdf
from verksted.gatherings.models import Gathering, Registration
from verksted.gatherings.services import has_begun, when, where
from verksted.networks.models import Team

TAG_COLUMNS, TAG_ROWS = 2, 4  # name tags per A4 page
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _headers(with_attendance: bool) -> list[str]:
    headers = [_("Kommune"), _("Navn"), _("Stilling eller rolle"), _("Kost og allergier")]
    return headers + [_("Møtte")] if with_attendance else headers


def _attended(registration: Registration) -> str:
    if registration.attended is None:
        return ""
    return _("Ja") if registration.attended else _("Nei")


def _cell(value: str) -> str:
    """Text as Excel shows it, never as a formula it would run."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def participants_csv(gathering: Gathering, groups: list[tuple[Team, list[Registration]]]) -> bytes:
    """UTF-8 with a byte-order mark and semicolons, as Norwegian Excel opens it."""
    with_attendance = has_begun(gathering)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers(with_attendance))
    for team, registrations in groups:
        for registration in registrations:
            row = [team.municipality, registration.name, registration.job_title, registration.dietary_needs]
            if with_attendance:
                row.append(_attended(registration))
            writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def participants_pdf(gathering: Gathering, groups: list[tuple[Team, list[Registration]]]) -> bytes:
    """One section per team, then pages of name tags to cut out."""
    styles = pdf.styles()
    with_attendance = has_begun(gathering)
    title = _("Deltakerliste – samling %(number)d: %(title)s", number=gathering.number, title=gathering.title)
    buffer = io.BytesIO()
    doc = pdf.document(buffer, title, lang=str(get_locale() or "nb"))

    story = [Paragraph(pdf.markup(title), styles["title"])]
    facts = [when(gathering), where(gathering)]
    if gathering.host_label:
        facts.append(_("Vertskommune: %(host)s", host=gathering.host_label))
    story.append(Paragraph(pdf.markup("\n".join(fact for fact in facts if fact)), styles["body"]))
    total = sum(len(registrations) for _team, registrations in groups)
    story.append(Paragraph(pdf.markup(_("%(count)d påmeldt i alt.", count=total)), styles["body"]))
    if not groups:
        story.append(Paragraph(pdf.markup(_("Ingen er påmeldt ennå.")), styles["body"]))

    widths = [w * mm for w in ((52, 52, 50, 20) if with_attendance else (58, 58, 58))]
    for team, registrations in groups:
        heading = Paragraph(pdf.markup(f"{team.municipality} ({len(registrations)})"), styles["h2"])
        rows = [[Paragraph(pdf.markup(h), styles["cell_bold"]) for h in _headers(with_attendance)[1:]]]
        for registration in registrations:
            row = [registration.name, registration.job_title, registration.dietary_needs]
            if with_attendance:
                row.append(_attended(registration))
            rows.append([Paragraph(pdf.markup(value), styles["cell"]) for value in row])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle(pdf.table_style()))
        story += [KeepTogether([heading, table]), Spacer(1, 4 * mm)]

    people = [(registration.name, team.municipality) for team, registrations in groups for registration in registrations]
    per_page = TAG_COLUMNS * TAG_ROWS
    for start in range(0, len(people), per_page):
        story += [PageBreak(), _name_tags(people[start:start + per_page])]

    doc.build(story)
    return buffer.getvalue()


def _name_tags(people: list[tuple[str, str]]) -> Table:
    """A sheet of name tags, cut along the dashed lines."""
    styles = pdf.styles()
    name_style = ParagraphStyle("TagName", parent=styles["body"], fontName=pdf.BOLD_FONT, fontSize=20, leading=25,
                                alignment=TA_CENTER)
    place_style = ParagraphStyle("TagPlace", parent=styles["body"], fontSize=12, leading=16, alignment=TA_CENTER,
                                 textColor=colors.HexColor("#333333"))
    cells = [[Paragraph(pdf.markup(name), name_style), Spacer(1, 3 * mm), Paragraph(pdf.markup(place), place_style)]
             for name, place in people]
    cells += [""] * (-len(cells) % TAG_COLUMNS)
    rows = [cells[i:i + TAG_COLUMNS] for i in range(0, len(cells), TAG_COLUMNS)]
    table = Table(rows, colWidths=[87 * mm] * TAG_COLUMNS, rowHeights=[62 * mm] * len(rows))
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9AA7B5"), None, (3, 3)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6 * mm),
    ]))
    return table
