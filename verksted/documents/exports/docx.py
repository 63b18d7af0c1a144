"""A submission as a Word document, for those who keep their papers in Word.

Sections are Heading 1 and field labels Heading 2, so Word's table of contents works; table
answers are real Word tables whose header row repeats on each page; Markdown becomes bold and
italic runs, Word's bullet and numbered list styles, and links written out with their address.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from io import BytesIO

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from flask_babel import get_locale
from flask_babel import gettext as _

from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import DocumentContent

GREY = RGBColor(0x55, 0x55, 0x55)
GUIDANCE_STYLE = "Veiledning"
LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}
MAX_LIST_DEPTH = 3  # Word's built-in list styles go three levels deep


def language() -> str:
    return LANGUAGES.get(str(get_locale() or "nb"), "nb-NO")


def submission_docx(content: DocumentContent) -> bytes:
    document = docx.Document()
    set_properties(document, content.title)
    add_guidance_style(document)

    document.add_heading(content.title, level=0)
    for label, value in content.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    writer = Writer(document)
    for section in content.sections:
        document.add_heading(section.heading, level=1)
        writer.blocks(section.guidance, style=GUIDANCE_STYLE)
        for field in section.fields:
            document.add_heading(field.label, level=2)
            if field.blocks:
                writer.blocks(field.blocks)
            else:
                run = document.add_paragraph().add_run(_("Ikke besvart"))
                run.italic, run.font.color.rgb = True, GREY
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_properties(document, title: str) -> None:
    """Title, language and author in the file's properties, and Norwegian spelling."""
    lang = language()
    properties = document.core_properties
    properties.title = title
    properties.language = lang
    properties.author = "Verksted"
    set_spelling_language(document, lang)


def set_spelling_language(document, lang: str) -> None:
    """Word checks the spelling in Norwegian rather than the template's English."""
    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), lang)
    r_pr.insert_element_before(element, "w:eastAsianLayout", "w:specVanish", "w:oMath")


def add_guidance_style(document) -> None:
    style = document.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.font.color.rgb = GREY


def repeat_header(row) -> None:
    """The table's header row repeats on every page the table runs onto."""
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(repeat)


class Writer:
    """Writes Markdown blocks at the end of the document, or of `container` (a table cell).

    A typed heading goes `heading_offset` levels below its Markdown level, under the document's
    own headings; inside a cell it is a bold paragraph, so the table of contents leaves it out.
    """

    def __init__(self, document, container=None, heading_offset: int = 2):
        self.document = document
        self.container = document if container is None else container
        self.heading_offset = heading_offset
        self.style_ids: dict[str, str] = {}

    def inside(self, container) -> Writer:
        """A writer for a table cell of the same document, sharing the styles looked up."""
        writer = copy.copy(self)
        writer.container = container
        return writer

    @property
    def in_cell(self) -> bool:
        return self.container is not self.document

    def paragraph(self, style: str | None = None):
        paragraph = self.container.add_paragraph()
        if style is not None:
            paragraph._p.style = self.style_id(style)
        return paragraph

    def style_id(self, name: str) -> str:
        """Word refers to a style by its id; python-docx finds the id by reading every style, so
        a long document looks each one up once."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def blocks(self, blocks: list, style: str | None = None, depth: int = 0) -> None:
        for block in blocks:
            if isinstance(block, mb.Paragraph):
                self.runs(self.paragraph(style), block.spans)
            elif isinstance(block, mb.Heading):
                self.heading(block)
            elif isinstance(block, mb.ListBlock):
                self.listing(block, style, depth)
            elif isinstance(block, mb.Table):
                self.table(block)
            elif isinstance(block, mb.Code):
                run = self.paragraph(style).add_run(mb.writable(block.text))
                run.font.name = "Consolas"
            elif isinstance(block, mb.Quote):
                self.blocks(block.blocks, style=style or "Quote", depth=depth)
            elif isinstance(block, mb.Rule):
                self.paragraph(style).add_run("—" * 3)

    def heading(self, block: mb.Heading) -> None:
        if self.in_cell:
            self.runs(self.paragraph(), [replace(span, bold=True) for span in block.spans])
        else:
            self.runs(self.paragraph(f"Heading {min(block.level + self.heading_offset, 9)}"), block.spans)

    def runs(self, paragraph, spans: list[mb.Span]) -> None:
        for span in spans:
            if span.is_break:
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(mb.writable(span.text))
            if span.bold:  # a new run has neither: setting None costs as much as setting True
                run.bold = True
            if span.italic:
                run.italic = True
            if span.code:
                run.font.name = "Consolas"
            if span.href:
                shown = span.href.removeprefix("mailto:")
                run.underline = True
                if span.text.strip() != shown:
                    paragraph.add_run(f" ({mb.writable(shown)})")

    def listing(self, block: mb.ListBlock, style: str | None, depth: int) -> None:
        level = min(depth, MAX_LIST_DEPTH - 1)
        suffix = f" {level + 1}" if level else ""
        list_style = ("List Number" if block.ordered else "List Bullet") + suffix
        number_id = self._restarted_numbering(list_style, block.start) if block.ordered else None
        for item in block.items:
            first, *rest = item or [mb.Paragraph([])]
            if isinstance(first, mb.Paragraph):
                paragraph = self.paragraph(list_style)
                self.runs(paragraph, first.spans)
                if number_id is not None:
                    paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = number_id
            else:
                rest = [first] + rest
            for block_in_item in rest:
                if isinstance(block_in_item, mb.ListBlock):
                    self.listing(block_in_item, style, depth + 1)
                else:
                    self.blocks([block_in_item], style=f"List Continue{suffix}")

    def _restarted_numbering(self, list_style: str, start: int) -> int:
        """A numbering of its own for this list, so that it starts at its first number rather
        than continuing from the previous numbered list in the document."""
        numbering = self.document.part.numbering_part.element
        style_num_id = self.document.styles[list_style].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def word_table(self, columns: int):
        """A new table of one row in Word's plain «Table Grid» look."""
        table = self.container.add_table(rows=1, cols=columns)
        table._tbl.tblStyle_val = self.style_id("Table Grid")
        return table

    def table(self, block: mb.Table) -> None:
        columns = max([len(block.header)] + [len(row) for row in block.rows]) or 1
        table = self.word_table(columns)
        header = table.rows[0]
        repeat_header(header)
        for cell, spans in zip(header.cells, block.header, strict=False):
            self.runs(cell.paragraphs[0], [mb.Span(span.text, bold=True, italic=span.italic) for span in spans])
        for row in block.rows:
            for cell, spans in zip(table.add_row().cells, row, strict=False):
                self.runs(cell.paragraphs[0], spans)
        if not self.in_cell:  # a cell adds its own paragraph after a table
            self.document.add_paragraph()  # Word joins two tables that touch
