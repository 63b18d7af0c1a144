"""The project report as an A4 PDF: a front page, a table of contents with page numbers, then
each section from a new page under its numbered heading, with a running header and «side X av
Y» on every page but the front page. Sections and their subheadings are the PDF's bookmarks.

    pdf_pages.py   the one-pass machinery: kept pages, header and footer, contents, bookmarks
    pdf_blocks.py  the report's blocks as flowables
    pdf_dossier.py a team's documents as one PDF
"""
from __future__ import annotations

import functools
from io import BytesIO

from flask_babel import gettext as _
from PIL import Image as PILImage
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph, Spacer

from verksted import pdf
from verksted.documents.exports.pdf import facts_table
from verksted.reports import pdf_blocks
from verksted.reports.content import Note, ReportContent, Section, Subheading
from verksted.reports.pdf_dossier import dossier_pdf  # noqa: F401  (the reports' PDFs live here)
from verksted.reports.pdf_pages import ContentsEntry, build
from verksted.reports.services import LOGO_MAX_PIXELS

LOGO_BOX = (70 * mm, 35 * mm)  # the most room the logo takes on the front page
LOGO_PIXELS = 1200  # larger logos are scaled down before they go into the PDF


def report_pdf(content: ReportContent) -> bytes:
    front = content.front
    title = front.title or _("Prosjektrapport")

    def story(plain: bool) -> list[Flowable]:
        flowables = _front_page(content) + [PageBreak()] + _contents(content)
        for section in content.sections:
            flowables += [PageBreak(), *_section(section, plain)]
        return flowables

    return build(title, title, story, bare_pages=1, author=front.owner or front.network, subject=front.subtitle)


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    base = pdf_blocks.styles()
    return {
        **base,
        "cover_title": ParagraphStyle("CoverTitle", parent=base["title"], fontSize=28, leading=34,
                                      textColor=pdf_blocks.INK, spaceAfter=6),
        "cover_subtitle": ParagraphStyle("CoverSubtitle", parent=base["body"], fontSize=15, leading=20,
                                         textColor=pdf_blocks.GREY, spaceAfter=12),
    }


def _front_page(content: ReportContent) -> list[Flowable]:
    front, styles = content.front, _styles()
    story: list[Flowable] = []
    logo = logo_image(front.logo)
    story += [logo, Spacer(1, 45 * mm)] if logo is not None else [Spacer(1, 80 * mm)]
    story.append(Paragraph(pdf.markup(front.title or _("Prosjektrapport")), styles["cover_title"]))
    if front.subtitle:
        story.append(Paragraph(pdf.markup(front.subtitle), styles["cover_subtitle"]))
    facts = [(_("Nettverk"), front.network), (_("Utgitt av"), front.owner), (_("Periode"), front.period)]
    story += [Spacer(1, 10 * mm), facts_table([(label, value) for label, value in facts if value])]
    return story


def logo_image(data: bytes | None) -> Image | None:
    """The logo, scaled to fit its box; None when the bytes are no image a reader could show."""
    if not data:
        return None
    try:
        with PILImage.open(BytesIO(data)) as image:
            if image.width * image.height > LOGO_MAX_PIXELS:
                return None
            image.load()
            image.thumbnail((LOGO_PIXELS, LOGO_PIXELS))
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            png = BytesIO()
            image.save(png, "PNG")
            width, height = image.size
    except Exception:  # noqa: BLE001 — any bytes Pillow cannot decode are left out, never an error
        return None
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    png.seek(0)
    return Image(png, width * scale, height * scale, hAlign="LEFT")


def _contents(content: ReportContent) -> list[Flowable]:
    heading = Paragraph(pdf.markup(_("Innhold")), _styles()["section"])
    heading.outline, heading.toc_key = (_("Innhold"), 0), "innhold"
    story: list[Flowable] = [heading]
    for section in content.sections:
        story.append(ContentsEntry(section.title, section.anchor, 0, str(section.number)))
        story += [ContentsEntry(block.text, _subheading_key(section, index), 1)
                  for index, block in enumerate(section.blocks) if isinstance(block, Subheading)]
    return story


def _subheading_key(section: Section, index: int) -> str:
    return f"{section.anchor}-{index}"


def _section(section: Section, plain: bool) -> list[Flowable]:
    text = f"{section.number} {section.title}"
    heading = Paragraph(pdf.markup(text), _styles()["section"])
    heading.outline, heading.toc_key = (text, 0), section.anchor
    story: list[Flowable] = [heading]
    blocks = section.blocks or [Note(_("Denne delen er tom."))]
    run: list = []
    for index, block in enumerate(blocks):
        if not isinstance(block, Subheading):
            run.append(block)
            continue
        story += pdf_blocks.flowables(run, plain)
        if index:
            story.append(PageBreak())  # a part the contents list (a template) begins on a page of its own
        run = []
        subheading = pdf_blocks.heading(block.text, 1)
        subheading.outline, subheading.toc_key = (block.text, 1), _subheading_key(section, index)
        story.append(subheading)
    return story + pdf_blocks.flowables(run, plain)
