"""The project report as a Word document, to keep editing in Word.

It draws the same `ReportContent` as the PDF and the preview. Section titles are Word's own
Heading 1, subheadings Heading 2 and headings typed in the text below them, so the table of
contents field at the front is Word's own and fills in when Word updates its fields. Data tables
are real Word tables whose header row repeats on every page, charts are PNG images followed by
their numbers as a table, and the milestone plan is a table of months. The running header
carries the report's title and the footer the page number.
"""
from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from flask_babel import format_date
from flask_babel import gettext as _
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth

from verksted import pdf
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.docx import (
    GUIDANCE_STYLE,
    Writer,
    add_guidance_style,
    repeat_header,
    set_properties,
)
from verksted.plan.pdf import CURRENT, FILLS
from verksted.reports.chart_image import chart_png
from verksted.reports.content import (
    BlankField,
    ChartBlock,
    DataTable,
    FrontPage,
    GridBlock,
    Note,
    QuoteBlock,
    ReportContent,
    Subheading,
)

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(25)
TEXT_WIDTH = Emu(PAGE_WIDTH - 2 * MARGIN)
NOTE_STYLE = "Merknad"
GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_FILL = "E4E7EB"
LOGO_WIDTH, LOGO_HEIGHT = Mm(60), Mm(30)  # the most room the logo takes on the front page
MONTHS_PER_TABLE = 12  # more months than this do not fit across a portrait page
MONTH_WIDTH = Mm(10)
GRID_FONT = Pt(8)
_P, _R, _BLOCK_TAGS = qn("w:p"), qn("w:r"), (qn("w:p"), qn("w:tbl"))
BLANK_ROWS = 4  # empty rows in a blank table to fill in
LINE_HEIGHT = Mm(8)  # room per line in a blank field's box
BODY_SIZE = 11  # points: the size of Word's Normal style in python-docx's template
CELL_PADDING = Pt(12)  # Word's cell margins, 0.19 cm on either side, and a little more


def report_docx(content: ReportContent) -> bytes:
    document = docx.Document()
    front = content.front
    title = mb.writable(front.title or front.network)
    set_properties(document, title)
    document.core_properties.subject = mb.writable(front.network)
    _page_setup(document, title)
    _add_styles(document)
    _front_page(document, front)
    _table_of_contents(document)
    writer = ReportWriter(document)
    for section in content.sections:
        heading = document.add_heading(mb.writable(f"{section.number} {section.title}"), level=1)
        heading.paragraph_format.page_break_before = True  # as in the PDF, each section on a new page
        writer.blocks(section.blocks)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the frame: page, styles, front page, contents -------------------------------------------


def _page_setup(document, title: str) -> None:
    """A4, the title in the running header and the page number in the footer; the front page
    has neither."""
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(title)
    run.font.size, run.font.color.rgb = Pt(9), GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")


def _add_styles(document) -> None:
    add_guidance_style(document)
    note = document.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = document.styles["Normal"]
    note.font.italic = True
    note.font.color.rgb = GREY


def _field(paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE, TOC): Word computes its result; `shown` stands until it does."""

    def mark(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    mark("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    paragraph.add_run()._r.append(code)
    mark("separate")
    paragraph.add_run(shown)
    mark("end")


def _front_page(document, front: FrontPage) -> None:
    logo = logo_png(front.logo)
    if logo is not None:
        data, (width, height) = logo
        document.add_paragraph().add_run().add_picture(
            BytesIO(data), width=Emu(min(LOGO_WIDTH, int(LOGO_HEIGHT * width / height)))
        )
    title = document.add_paragraph(mb.writable(front.title), style="Title")
    title.paragraph_format.space_before = Pt(96)
    if front.subtitle:
        document.add_paragraph(mb.writable(front.subtitle), style="Subtitle")
    for line in (front.network, front.owner, front.period):
        if line:
            document.add_paragraph(mb.writable(line))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def logo_png(data: bytes | None) -> tuple[bytes, tuple[int, int]] | None:
    """The logo as a PNG with its size in pixels; None where it is not an image one can read
    to its end (it is left out rather than letting Word find a broken picture)."""
    if not data:
        return None
    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
            if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                image = image.convert("RGBA")
            buffer = BytesIO()
            image.save(buffer, format="PNG")
            return buffer.getvalue(), image.size
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None


# What follows w:updateFields in the settings: Word refuses them out of order.
_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


def _table_of_contents(document) -> None:
    document.add_paragraph(_("Innhold"), style="TOC Heading")
    _field(document.add_paragraph(), r'TOC \o "1-3" \h \z \u',
           _("Innholdsfortegnelsen fylles ut av Word: høyreklikk her og velg «Oppdater felt»."))
    # Word offers to fill in the contents and page numbers as soon as the file is opened.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.insert_element_before(update, *_AFTER_UPDATE_FIELDS)


# --- the blocks --------------------------------------------------------------------------------


class ReportWriter(Writer):
    """Writes the report's blocks: the Markdown ones as a submission's, and the data ones."""

    def __init__(self, document, container=None):
        super().__init__(document, container, heading_offset=1)

    def blocks(self, blocks: list, style: str | None = None, depth: int = 0) -> None:
        for block in blocks:
            if isinstance(block, Note):
                self.note(block.text)
            elif isinstance(block, DataTable):
                self.data_table(block)
            elif isinstance(block, ChartBlock):
                self.chart(block)
            elif isinstance(block, QuoteBlock):
                self.quote(block)
            elif isinstance(block, GridBlock):
                self.grid(block)
            elif isinstance(block, Subheading):
                self.subheading(block.text)
            elif isinstance(block, BlankField):
                self.blank_field(block)
            else:
                super().blocks([block], style=style, depth=depth)

    @property
    def width(self) -> int:
        return (self.container.width or Mm(40)) if self.in_cell else TEXT_WIDTH

    def note(self, text: str) -> None:
        self.paragraph(NOTE_STYLE).add_run(mb.writable(text))

    def subheading(self, text: str) -> None:
        if self.in_cell:
            self.paragraph().add_run(mb.writable(text)).bold = True
        else:
            self.paragraph("Heading 2").add_run(mb.writable(text))

    def quote(self, block: QuoteBlock) -> None:
        paragraph = self.paragraph("Quote")
        paragraph.add_run(mb.writable(block.text))
        if block.source:
            paragraph.add_run().add_break()
            source = paragraph.add_run("– " + mb.writable(block.source))
            source.italic, source.font.size = False, Pt(9)

    def caption(self, text: str) -> None:
        if text:
            paragraph = self.paragraph("Caption")
            paragraph.add_run(mb.writable(text))
            paragraph.paragraph_format.keep_with_next = True

    def new_table(self, widths: list[int], header: list[str] | None):
        """A table of one row, with these column widths; rows added after take the same widths.
        With a `header` that first row is the header, which repeats on every page."""
        table = self.word_table(len(widths))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for cell, width in zip(table.rows[0].cells, widths, strict=True):
            cell.width = width
        if header is not None:
            repeat_header(table.rows[0])
            for cell, text in zip(table.rows[0].cells, header, strict=False):
                shade(cell, HEADER_FILL)
                cell.paragraphs[0].add_run(mb.writable(text)).bold = True
        return table

    def end_table(self) -> None:
        if not self.in_cell:  # a cell adds its own paragraph after a table
            self.document.add_paragraph()  # Word joins two tables that touch

    def data_table(self, block: DataTable) -> None:
        self.caption(block.caption)
        columns = max([len(block.header)] + [len(row) for row in block.rows]) or 1
        needs = [longest_word(block, index) + CELL_PADDING for index in range(columns)]
        table = self.new_table(column_widths(block.widths, columns, self.width, needs), block.header)
        for row in block.rows:
            for cell, blocks in zip(table.add_row().cells, row, strict=False):
                self.inside(cell).fill(blocks)
        self.end_table()

    def fill(self, blocks: list) -> None:
        """Write into a cell, starting on the empty paragraph every new cell has."""
        self.blocks(blocks)
        tc = self.container._tc
        first, *rest = (child for child in tc if child.tag in _BLOCK_TAGS)
        if rest and first.tag == _P and not any(child.tag == _R for child in first):
            tc.remove(first)

    def chart(self, block: ChartBlock) -> None:
        self.caption(block.title)
        if block.chart is not None and block.chart.points:
            width = min(self.width, Pt(block.chart.width))
            picture = self.paragraph().add_run().add_picture(BytesIO(chart_png(block.chart)), width=Emu(width))
            picture._inline.docPr.set("descr", mb.writable(block.title))  # what a screen reader says
            self.paragraph(GUIDANCE_STYLE).add_run(
                _("Prikken er gjennomsnittet, streken går ett standardavvik til hver side."))
        summary = block.summary
        if summary.caption == block.title:  # said once, above the chart
            summary = replace(summary, caption="")
        self.data_table(summary)

    def grid(self, block: GridBlock) -> None:
        grid = block.grid
        if grid.months and grid.rows:
            for start in range(0, len(grid.months), MONTHS_PER_TABLE):
                self.months_table(grid, grid.months[start:start + MONTHS_PER_TABLE])
        if block.legend:
            legend = self.paragraph()
            legend.add_run(_("Tegnforklaring")).bold = True
            for symbol, meaning in block.legend:
                legend.add_run().add_break()
                legend.add_run(f"{symbol}  {mb.writable(meaning)}")

    def months_table(self, grid, months: list) -> None:
        widths = [TEXT_WIDTH - MONTH_WIDTH * len(months)] + [MONTH_WIDTH] * len(months)
        table = self.new_table(widths, [_("Milepæl")])
        narrow_margins(table)
        for cell, month in zip(table.rows[0].cells[1:], months, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(format_date(month, "LLL")).bold = True
            paragraph.add_run().add_break()
            paragraph.add_run(str(month.year))
            if month == grid.current_month:
                shade(cell, CURRENT.hexval()[2:])
        for row in grid.rows:
            cells = table.add_row().cells
            milestone = row.milestone
            heading = cells[0].paragraphs[0]
            heading.add_run(mb.writable(milestone.code) + " ").bold = True
            heading.add_run(mb.writable(milestone.title))
            if milestone.responsible:
                heading.add_run().add_break()
                heading.add_run(mb.writable(milestone.responsible)).font.color.rgb = GREY
            by_month = {cell.month: cell for cell in row.cells}
            for cell, month in zip(cells[1:], months, strict=True):
                state = by_month[month]
                if state.state:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cell.paragraphs[0].add_run(state.symbol)
                    shade(cell, FILLS[state.state].hexval()[2:])
                    if not state.in_plan:
                        dashed_edge(cell)
        for run in (run for cell in table._cells for paragraph in cell.paragraphs for run in paragraph.runs):
            run.font.size = GRID_FONT
        self.end_table()

    def blank_field(self, block: BlankField) -> None:
        label = self.paragraph()
        label.add_run(mb.writable(block.label)).bold = True
        label.paragraph_format.keep_with_next = True
        if block.help:
            help_text = self.paragraph(GUIDANCE_STYLE)
            help_text.add_run(mb.writable(block.help))
            help_text.paragraph_format.keep_with_next = True
        if block.columns:
            table = self.new_table(column_widths([], len(block.columns), self.width), block.columns)
            for _row in range(BLANK_ROWS):
                table.add_row().height = LINE_HEIGHT
        else:  # one empty box to write in
            row = self.new_table([self.width], None).rows[0]
            row.height, row.height_rule = Emu(LINE_HEIGHT * max(1, block.lines)), WD_ROW_HEIGHT_RULE.AT_LEAST
        self.end_table()


def column_widths(relative: list[float], columns: int, total: int, needs: list[int] | None = None) -> list[int]:
    """Absolute widths from relative ones (equal where missing or nonsense), each column then
    widened to what it `needs` (its longest word) where the others have the room to give."""
    if len(relative) != columns or any(width <= 0 for width in relative):
        relative = [1.0] * columns
    widths = [total * width / sum(relative) for width in relative]
    # A very long word breaks anyway; none claims more than an equal share of the page.
    needs = [min(need, total / columns) for need in needs or [0] * columns]
    short = sum(max(need - have, 0) for need, have in zip(needs, widths, strict=True))
    spare = [max(have - need, 0) for need, have in zip(needs, widths, strict=True)]
    if short and short <= sum(spare):
        widths = [max(need, have - short * room / sum(spare)) for need, have, room in zip(needs, widths, spare, strict=True)]
    return [Emu(int(width)) for width in widths]


def longest_word(table: DataTable, index: int) -> int:
    """The widest word of a column, in EMU, measured in DejaVu: wider than Word's own fonts, so
    a word that fits here fits there too."""
    header = table.header[index] if index < len(table.header) else ""
    widest = max((_width(word, bold=True) for word in header.split()), default=0)
    for row in table.rows:
        if index < len(row):
            widest = max([widest, *(_width(word) for word in _words(row[index]))])
    return widest


def _width(word: str, bold: bool = False) -> int:
    try:
        pdf.register_fonts()
    except pdf.FontsMissing:
        return int(Pt(len(word) * 0.6 * BODY_SIZE))
    return int(Pt(stringWidth(word, pdf.BOLD_FONT if bold else pdf.BODY_FONT, BODY_SIZE)))


def _words(blocks: list) -> list[str]:
    """The words of a cell's paragraphs, notes and lists; what else a cell holds wraps anyway."""
    words: list[str] = []
    for block in blocks:
        if isinstance(block, (mb.Paragraph, mb.Heading)):
            words += mb.text_of(block.spans).split()
        elif isinstance(block, Note):
            words += block.text.split()
        elif isinstance(block, mb.ListBlock):
            words += [word for item in block.items for word in _words(item)]
    return words


# What follows w:tcBorders and w:shd in a cell's properties: Word refuses them out of order.
_AFTER_SHADING = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                  "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    properties.insert_element_before(shading, *_AFTER_SHADING)


def narrow_margins(table, twips: int = 45) -> None:
    """Cells with little room on either side, so that «sep» and «2023» fit a month's column."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def dashed_edge(cell) -> None:
    """Work outside the planned months, as the plan's PDF marks it."""
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "dashed")
        border.set(qn("w:sz"), "8")
        border.set(qn("w:color"), "5B6B7C")
        borders.append(border)
    cell._tc.get_or_add_tcPr().insert_element_before(borders, "w:shd", *_AFTER_SHADING)
