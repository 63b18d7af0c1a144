"""A submission as an A4 PDF: a title area, then each section with its guidance in small grey
type and every answer, Markdown drawn as headings, lists, emphasis, links and tables.

All user text reaches ReportLab through `pdf.markup`, which escapes it and draws the characters
DejaVu lacks (emoji) with the fallback font.
"""
from __future__ import annotations

import functools
from io import BytesIO
from xml.sax.saxutils import quoteattr

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.doctemplate import LayoutError

from verksted import pdf
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import DocumentContent

WIDTH = pdf.A4[0] - 36 * mm - 2 * pdf.FRAME_PADDING  # what fits in the frame inside pdf.document's margins
LIST_INDENT = 5 * mm
MAX_TABLE_COLUMNS = 8  # a wider table is written row by row: its columns would be too narrow to read
GREY = colors.HexColor("#555555")
LINK = colors.HexColor("#0B5FAE")


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    base = pdf.styles()
    body = base["body"]
    return {
        **base,
        "section": ParagraphStyle("Section", parent=base["h2"], spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "label": ParagraphStyle("Label", parent=body, fontName=pdf.BOLD_FONT, fontSize=10.5, leading=14,
                                spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "guidance": ParagraphStyle("Guidance", parent=body, fontSize=8.5, leading=11, textColor=GREY, spaceAfter=2),
        "answer_heading": ParagraphStyle("AnswerHeading", parent=body, fontName=pdf.BOLD_FONT, spaceBefore=4,
                                         keepWithNext=1),
        "unanswered": ParagraphStyle("Unanswered", parent=body, fontName="DejaVuSans-Oblique", textColor=GREY),
        "code": ParagraphStyle("Code", parent=body, fontSize=9, leading=12, backColor=colors.HexColor("#F1F3F5"),
                               borderPadding=3, spaceBefore=3, spaceAfter=3),
        "fact": ParagraphStyle("Fact", parent=body, fontSize=9.5, leading=13),
        "fact_label": ParagraphStyle("FactLabel", parent=body, fontName=pdf.BOLD_FONT, fontSize=9.5, leading=13),
    }


def page_label(page: int, pages: int) -> str:
    return _("side %(page)d av %(pages)d", page=page, pages=pages)


def submission_pdf(content: DocumentContent) -> bytes:
    """One submission as a PDF."""
    return render(content.title, lambda plain: submission_story(content, outline_level=0, plain=plain))


def render(title: str, story_for) -> bytes:
    """Build the story `story_for(plain)` as an A4 PDF with numbered pages.

    Should ReportLab fail to lay out something unusual, the document is built again with its
    tables written as text, so the reader still gets every word.
    """
    try:
        return _build(title, story_for(False))
    except LayoutError:
        return _build(title, story_for(True))


def _build(title: str, story: list) -> bytes:
    buffer = BytesIO()
    doc = pdf.document(buffer, title, lang=str(get_locale() or "nb"))
    doc.afterFlowable = functools.partial(_add_outline_entry, doc)
    doc.build(story, canvasmaker=pdf.numbered_pages(title, page_label))
    return buffer.getvalue()


def _add_outline_entry(doc, flowable) -> None:
    """Headings become the PDF's bookmarks, so a reader can jump between sections."""
    entry = getattr(flowable, "outline", None)
    if entry is None:
        return
    text, level = entry
    key = f"h{id(flowable)}"
    doc.canv.bookmark(key, text, level)


def _heading(text: str, style: ParagraphStyle, level: int | None) -> Paragraph:
    paragraph = Paragraph(pdf.markup(text), style)
    if level is not None:
        paragraph.outline = (text or "–", level)
    return paragraph


def submission_story(content: DocumentContent, outline_level: int = 0, plain: bool = False) -> list[Flowable]:
    """The flowables of one submission: title area, then every section."""
    styles = _styles()
    story: list[Flowable] = [_heading(content.title, styles["title"], outline_level), facts_table(content.facts)]
    story.append(Spacer(1, 4 * mm))
    for section in content.sections:
        story.append(_heading(section.heading, styles["section"], outline_level + 1))
        story += blocks_flowables(section.guidance, styles["guidance"], WIDTH, plain)
        for field in section.fields:
            story.append(Paragraph(pdf.markup(field.label), styles["label"]))
            if field.blocks:
                story += blocks_flowables(field.blocks, styles["body"], WIDTH, plain)
            else:
                story.append(Paragraph(pdf.markup(_("Ikke besvart")), styles["unanswered"]))
    return story


def facts_table(facts: list[tuple[str, str]]) -> Table:
    styles = _styles()
    rows = [[Paragraph(pdf.markup(label), styles["fact_label"]), Paragraph(pdf.markup(value), styles["fact"])]
            for label, value in facts]
    return Table(rows, colWidths=[32 * mm, WIDTH - 32 * mm], hAlign="LEFT", style=[
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ])


# --- Markdown blocks as flowables ---------------------------------------------------------


def blocks_flowables(blocks: list, style: ParagraphStyle, width: float, plain: bool = False) -> list[Flowable]:
    styles = _styles()
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, mb.Paragraph):
            out.append(Paragraph(inline(block.spans), style))
        elif isinstance(block, mb.Heading):
            heading = ParagraphStyle("H", parent=styles["answer_heading"], fontSize=style.fontSize + 1,
                                     leading=style.leading + 1, textColor=style.textColor)
            out.append(Paragraph(inline(block.spans), heading))
        elif isinstance(block, mb.ListBlock):
            out.append(_list(block, style, width, plain))
        elif isinstance(block, mb.Table):
            too_wide = max([len(block.header)] + [len(row) for row in block.rows]) > MAX_TABLE_COLUMNS
            out += _table_as_text(block, style) if plain or too_wide else [_table(block, style, width)]
        elif isinstance(block, mb.Code):
            code = ParagraphStyle("C", parent=styles["code"], fontSize=style.fontSize - 0.5, textColor=style.textColor)
            out.append(Paragraph(pdf.markup(block.text).replace("  ", "&nbsp; "), code))
        elif isinstance(block, mb.Quote):
            quoted = ParagraphStyle("Q", parent=style, leftIndent=style.leftIndent + 4 * mm, textColor=GREY)
            out += blocks_flowables(block.blocks, quoted, width - 4 * mm, plain)
        elif isinstance(block, mb.Rule):
            out.append(HRFlowable(width="100%", thickness=0.5, color=colors.HexColor("#9AA7B5"), spaceBefore=3,
                                  spaceAfter=3))
    return out


def inline(spans: list[mb.Span]) -> str:
    """Spans as ReportLab paragraph markup."""
    parts: list[str] = []
    for span in spans:
        if span.is_break:
            parts.append("<br/>")
            continue
        text = pdf.markup(span.text)
        if span.code:
            text = f'<font backColor="#EEF1F4">{text}</font>'
        if span.href:
            shown = span.href.removeprefix("mailto:")
            text = f'<a href={quoteattr(span.href)} color="{LINK.hexval()}"><u>{text}</u></a>'
            if span.text.strip() != shown:
                text += f" ({pdf.markup(shown)})"
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts)


def _list(block: mb.ListBlock, style: ParagraphStyle, width: float, plain: bool) -> ListFlowable:
    items = [
        ListItem(blocks_flowables(item, style, width - LIST_INDENT, plain) or [Paragraph("", style)])
        for item in block.items
    ]
    if block.ordered:
        options = {"bulletType": "1", "start": block.start, "bulletFormat": "%s."}
    else:
        options = {"bulletType": "bullet", "start": "•"}
    return ListFlowable(
        items, leftIndent=LIST_INDENT, bulletFontName=pdf.BODY_FONT, bulletFontSize=style.fontSize,
        bulletColor=style.textColor, spaceBefore=1, spaceAfter=2, **options,
    )


def _table(block: mb.Table, style: ParagraphStyle, width: float) -> Table:
    styles = _styles()
    columns = max([len(block.header)] + [len(row) for row in block.rows]) or 1
    cell = ParagraphStyle("Cell", parent=styles["cell"], fontSize=min(style.fontSize, 9), textColor=style.textColor)
    head = ParagraphStyle("Head", parent=styles["cell_bold"], fontSize=min(style.fontSize, 9))

    def row_of(cells, cell_style):
        cells = list(cells) + [[]] * (columns - len(cells))
        return [Paragraph(inline(spans), cell_style) for spans in cells]

    data = [row_of(block.header, head)] + [row_of(row, cell) for row in block.rows]
    # The header row repeats on every page the table runs onto; a tall row may split.
    return Table(data, colWidths=[width / columns] * columns, repeatRows=1, splitInRow=1, hAlign="LEFT",
                 style=pdf.table_style(), spaceBefore=2, spaceAfter=4)


def _table_as_text(block: mb.Table, style: ParagraphStyle) -> list[Flowable]:
    """A table written out row by row: «Column: value» for every cell."""
    out = []
    for row in block.rows:
        lines = [
            f"<b>{inline(block.header[i]) if i < len(block.header) else ''}</b>: {inline(cell)}"
            for i, cell in enumerate(row)
        ]
        out.append(Paragraph("<br/>".join(lines), style))
    return out
