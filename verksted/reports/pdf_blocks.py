"""The report's blocks as ReportLab flowables: Markdown, notes, data tables, charts, quotes, the
month grid and blank forms.

Markdown blocks are drawn by `documents.exports.pdf.blocks_flowables`, except headings, which
take their place in the report's hierarchy below the section's own heading. With `plain`, every
table, quote and month grid is written as text: the fallback when ReportLab cannot lay
something out.
"""
from __future__ import annotations

import functools

from flask_babel import format_date
from flask_babel import gettext as _
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from verksted import pdf
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.pdf import blocks_flowables, inline
from verksted.plan import pdf as plan_pdf
from verksted.plan.grid import SYMBOLS
from verksted.polls import pdf as polls_pdf
from verksted.reports.content import BlankField, ChartBlock, DataTable, GridBlock, Note, QuoteBlock, Subheading
from verksted.reports.pdf_pages import WIDTH

INK = colors.HexColor("#0B3C75")
GREY = colors.HexColor("#555555")
NOTE_INK = colors.HexColor("#6B4A00")
NOTE_FILL = colors.HexColor("#FFF4D6")
NOTE_EDGE = colors.HexColor("#E0B44C")
QUOTE_EDGE = colors.HexColor("#0B5FAE")
CELL_PADDING = 8  # table_style's 4 pt each side
GRID_ROW_HEADER = 52 * mm
GRID_MONTHS = 12  # a year a table: narrower columns would not fit the symbols on a portrait page
LINE_SPACING = 8 * mm
TALL_ROW = 40 * mm  # a row taller than this may split across pages rather than leave the gap
CHART_HEIGHT = 110 * mm
MIN_ROW_PART = 30  # points: no less of a split row than about two lines on either page
MARKDOWN = (mb.Paragraph, mb.ListBlock, mb.Table, mb.Code, mb.Quote, mb.Rule)  # drawn as the exports draw them


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    base = pdf.styles()
    body = base["body"]
    return {
        **base,
        "section": ParagraphStyle("SectionHeading", parent=base["h1"], fontSize=17, leading=22, textColor=INK,
                                  spaceBefore=0, spaceAfter=8, keepWithNext=1),
        "h2": ParagraphStyle("ReportH2", parent=base["h2"], textColor=INK, spaceBefore=10, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("ReportH3", parent=base["h3"], spaceBefore=8, spaceAfter=3, keepWithNext=1),
        "h4": ParagraphStyle("ReportH4", parent=base["h3"], fontName="DejaVuSans-BoldOblique", fontSize=10,
                             leading=14, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "note": ParagraphStyle("Note", parent=body, fontName="DejaVuSans-Oblique", textColor=NOTE_INK,
                               backColor=NOTE_FILL, borderColor=NOTE_EDGE, borderWidth=0.6, borderPadding=(4, 6, 4, 6),
                               spaceBefore=6, spaceAfter=8, leftIndent=6, rightIndent=6),
        "cell_note": ParagraphStyle("CellNote", parent=base["cell"], fontName="DejaVuSans-Oblique", textColor=NOTE_INK),
        "caption": ParagraphStyle("Caption", parent=base["cell_bold"], fontSize=9.5, leading=13),
        "quote": ParagraphStyle("Quote", parent=body, fontName="DejaVuSans-Oblique", fontSize=10.5, leading=15),
        "quote_source": ParagraphStyle("QuoteSource", parent=base["small"], textColor=GREY, spaceBefore=2),
        "field_label": ParagraphStyle("FieldLabel", parent=body, fontName=pdf.BOLD_FONT, spaceBefore=8, spaceAfter=1,
                                      keepWithNext=1),
        "field_help": ParagraphStyle("FieldHelp", parent=base["small"], textColor=GREY, spaceAfter=2, keepWithNext=1),
        "symbol": ParagraphStyle("LegendSymbol", parent=base["cell"], alignment=TA_CENTER),
    }


def heading(text: str, level: int) -> Paragraph:
    """A heading inside a section: level 1 is one step below the section's heading."""
    return Paragraph(pdf.markup(text), _heading_style(level))


def _heading_style(level: int) -> ParagraphStyle:
    return styles()[("h2", "h3", "h4")[min(max(level, 1), 3) - 1]]


def flowables(blocks: list, plain: bool = False, width: float = WIDTH, in_cell: bool = False) -> list[Flowable]:
    """Blocks as flowables; Markdown runs go to `blocks_flowables` together."""
    text_style = styles()["cell" if in_cell else "body"]
    out: list[Flowable] = []
    markdown: list = []
    for block in blocks:
        if isinstance(block, MARKDOWN) or (in_cell and isinstance(block, mb.Heading)):
            markdown.append(block)
            continue
        if markdown:
            out += blocks_flowables(markdown, text_style, width, plain)
            markdown = []
        if isinstance(block, Note) and in_cell:
            out.append(Paragraph(pdf.markup(block.text), styles()["cell_note"]))
        else:
            out += _flowables_of(block, plain, width)
    if markdown:
        out += blocks_flowables(markdown, text_style, width, plain)
    return out


def _flowables_of(block, plain: bool, width: float) -> list[Flowable]:
    if isinstance(block, mb.Heading):
        return [Paragraph(inline(block.spans), _heading_style(block.level))]
    if isinstance(block, Note):
        return [Paragraph(pdf.markup(block.text), styles()["note"])]
    if isinstance(block, DataTable):
        return data_table(block, plain, width)
    if isinstance(block, ChartBlock):
        return _chart(block, plain, width)
    if isinstance(block, QuoteBlock):
        return _quote(block, plain, width)
    if isinstance(block, GridBlock):
        return _grid(block, plain)
    if isinstance(block, BlankField):
        return _blank_field(block, plain, width)
    if isinstance(block, Subheading):
        return [heading(block.text, 1)]
    return []


# --- data tables ----------------------------------------------------------------------------


def data_table(table: DataTable, plain: bool = False, width: float = WIDTH) -> list[Flowable]:
    """The header repeats on every page the table runs onto; a row taller than a page splits.

    The caption is the table's first row, drawn as a caption: it stays with the header and the
    first row, and is not repeated.
    """
    columns = max([len(table.header)] + [len(row) for row in table.rows]) or 1
    if plain:
        caption = [Paragraph(pdf.markup(table.caption), styles()["caption"])] if table.caption else []
        return caption + _table_as_text(table, columns)
    widths = _widths(table, columns, width)
    header = [Paragraph(pdf.markup(text), styles()["cell_bold"]) for text in table.header]
    rows = [header + [""] * (columns - len(header))]
    for row in table.rows:
        cells = [_cell(blocks, widths[index] - CELL_PADDING, plain) for index, blocks in enumerate(row)]
        rows.append(cells + [""] * (columns - len(cells)))
    style = pdf.table_style()
    if table.caption:
        rows.insert(0, [Paragraph(pdf.markup(table.caption), styles()["caption"])] + [""] * (columns - 1))
        style = [_one_row_down(command) for command in style] + [
            ("SPAN", (0, 0), (-1, 0)), ("LEFTPADDING", (0, 0), (0, 0), 0), ("BOTTOMPADDING", (0, 0), (0, 0), 1)]
    return [LongTable(rows, colWidths=widths, repeatRows=(1,) if table.caption else 1, splitInRow=MIN_ROW_PART,
                      hAlign="LEFT", style=style, spaceBefore=4, spaceAfter=8)]


def _one_row_down(command: tuple) -> tuple:
    """A table style command for the same cells one row further down (a caption row above)."""
    name, (column0, row0), (column1, row1), *rest = command
    return (name, (column0, row0 + 1 if row0 >= 0 else row0), (column1, row1 + 1 if row1 >= 0 else row1), *rest)


class LongTable(Table):
    """A table that runs over pages with its header on top of each, never twice on one page.

    It breaks between rows; only a row too tall to move whole to the next page without leaving
    a large gap is split inside itself. (ReportLab's own fallback splits inside the next row
    too, and so repeats the header on the same page.)
    """

    def split(self, available_width, available_height):
        self._calc(available_width, available_height)
        crossing = self._getFirstPossibleSplitRowPosition(available_height)
        heights = self._rowHeights
        if crossing < len(heights) and (heights[crossing] or 0) > TALL_ROW:
            return self._splitRows(available_height, doInRowSplit=1) or self._splitRows(available_height)
        return self._splitRows(available_height)


def _widths(table: DataTable, columns: int, width: float) -> list[float]:
    """The table's relative widths scaled to `width` (equal where missing or nonsense), then
    widened where a column's longest word would not fit, taking the room from the others."""
    shares = [float(share) for share in table.widths[:columns]]
    if len(shares) != columns or any(share <= 0 for share in shares):
        shares = [1.0] * columns
    widths = [width * share / sum(shares) for share in shares]
    needs = [_longest_word(table, index) + CELL_PADDING + 2 for index in range(columns)]
    short = sum(max(need - have, 0) for need, have in zip(needs, widths, strict=True))
    spare = [max(have - need, 0) for need, have in zip(needs, widths, strict=True)]
    if not short or short > sum(spare):
        return widths
    return [max(need, have - short * room / sum(spare))
            for need, have, room in zip(needs, widths, spare, strict=True)]


def _longest_word(table: DataTable, index: int) -> float:
    size = styles()["cell"].fontSize
    header = table.header[index] if index < len(table.header) else ""
    longest = max((stringWidth(word, pdf.BOLD_FONT, size) for word in header.split()), default=0)
    for row in table.rows:
        if index < len(row):
            words = " ".join(_plain_text(block) for block in row[index]).split()
            longest = max([longest, *(stringWidth(word, pdf.BODY_FONT, size) for word in words)])
    return longest


def _cell(blocks: list, width: float, plain: bool):
    """A cell's blocks: one paragraph where that is all it holds (the common case, and cheapest)."""
    if not blocks:
        return ""
    if len(blocks) == 1 and isinstance(blocks[0], mb.Paragraph):
        return Paragraph(inline(blocks[0].spans), styles()["cell"])
    return flowables(blocks, plain, width, in_cell=True)


def _table_as_text(table: DataTable, columns: int) -> list[Flowable]:
    """Row by row, «Column: text» for every cell."""
    out = []
    for row in table.rows:
        lines = []
        for index in range(columns):
            label = pdf.markup(table.header[index]) if index < len(table.header) else ""
            text = _cell_text(row[index]) if index < len(row) else ""
            lines.append(f"<b>{label}</b>: {text}")
        out.append(Paragraph("<br/>".join(lines), styles()["body"]))
        out.append(Spacer(1, 2 * mm))
    return out


def _cell_text(blocks: list) -> str:
    return "<br/>".join(pdf.markup(_plain_text(block)) for block in blocks)


def _plain_text(block) -> str:
    if isinstance(block, Note):
        return block.text
    if isinstance(block, (mb.Paragraph, mb.Heading)):
        return mb.text_of(block.spans)
    if isinstance(block, mb.ListBlock):
        return "\n".join("– " + " ".join(_plain_text(inner) for inner in item) for item in block.items)
    if isinstance(block, mb.Table):
        return "\n".join(" | ".join(mb.text_of(cell) for cell in row) for row in [block.header, *block.rows])
    if isinstance(block, mb.Code):
        return block.text
    if isinstance(block, mb.Quote):
        return "\n".join(_plain_text(inner) for inner in block.blocks)
    return ""


# --- charts, quotes, the month grid, blank forms -------------------------------------------


def _chart(block: ChartBlock, plain: bool, width: float) -> list[Flowable]:
    title = Paragraph(pdf.markup(block.title), styles()["h3"])
    explanation = Paragraph(pdf.markup(_("Prikken er gjennomsnittet, streken går ett standardavvik til hver side.")),
                            styles()["small"])
    chart = [title, _fitted(polls_pdf.chart_drawing(block.chart, width)), explanation] if block.chart.points else [title]
    return [KeepTogether(chart), Spacer(1, 2 * mm), *data_table(block.summary, plain, width)]


def _fitted(drawing: Drawing) -> Drawing:
    """A drawing no taller than CHART_HEIGHT, so it always fits on a page."""
    if drawing.height > CHART_HEIGHT:
        factor = CHART_HEIGHT / drawing.height
        drawing.scale(factor, factor)
        drawing.width, drawing.height = drawing.width * factor, CHART_HEIGHT
    return drawing


def _quote(block: QuoteBlock, plain: bool, width: float) -> list[Flowable]:
    parts = [Paragraph(pdf.markup(f"«{block.text}»"), styles()["quote"])]
    if block.source:
        parts.append(Paragraph(pdf.markup(f"– {block.source}"), styles()["quote_source"]))
    if plain:
        return [*parts, Spacer(1, 3 * mm)]
    return [LongTable([[parts]], colWidths=[width - 6 * mm], hAlign="RIGHT", splitInRow=MIN_ROW_PART, style=[
        ("LINEBEFORE", (0, 0), (0, 0), 2, QUOTE_EDGE),
        ("LEFTPADDING", (0, 0), (0, 0), 8),
        ("TOPPADDING", (0, 0), (0, 0), 2),
        ("BOTTOMPADDING", (0, 0), (0, 0), 4),
    ], spaceBefore=4, spaceAfter=6)]


def _grid(block: GridBlock, plain: bool) -> list[Flowable]:
    if not block.grid.rows:
        return [Paragraph(pdf.markup(_("Ingen milepæler er lagt inn.")), styles()["note"])]
    if plain:
        return [_grid_row_as_text(row) for row in block.grid.rows] + [
            Paragraph(pdf.markup(" · ".join(f"{symbol} {meaning}" for symbol, meaning in block.legend)), styles()["small"])]
    out: list[Flowable] = []
    for table in plan_pdf.grid_tables(block.grid, WIDTH, GRID_ROW_HEADER, GRID_MONTHS):
        out += [table, Spacer(1, 3 * mm)]
    if block.legend:
        states = {symbol: state for state, symbol in SYMBOLS.items()}
        rows = [[Paragraph(pdf.markup(symbol), styles()["symbol"]), Paragraph(pdf.markup(meaning), styles()["cell"])]
                for symbol, meaning in block.legend]
        fills = [("BACKGROUND", (0, i), (0, i), plan_pdf.FILLS[states[symbol]])
                 for i, (symbol, _meaning) in enumerate(block.legend) if symbol in states]
        legend = Table(rows, colWidths=[8 * mm, WIDTH - 8 * mm], hAlign="LEFT",
                       style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), *fills])
        out.append(KeepTogether([Paragraph(pdf.markup(_("Tegnforklaring")), styles()["cell_bold"]), legend]))
    return out


def _grid_row_as_text(row) -> Paragraph:
    """«M1 Hovedplaner levert: feb. 2025 ✓, mars 2025 ✓»"""
    months = ", ".join(f"{format_date(cell.month, 'LLL y')} {cell.symbol}" for cell in row.cells if cell.state)
    milestone = row.milestone
    return Paragraph(f"<b>{pdf.markup(milestone.code)} {pdf.markup(milestone.title)}</b>: {pdf.markup(months)}",
                     styles()["body"])


def _blank_field(block: BlankField, plain: bool, width: float) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(pdf.markup(block.label), styles()["field_label"])]
    if block.help:
        out.append(Paragraph(pdf.markup(block.help), styles()["field_help"]))
    if block.columns and not plain:
        header = [Paragraph(pdf.markup(column), styles()["cell_bold"]) for column in block.columns]
        empty = [[""] * len(block.columns) for _row in range(max(block.lines, 3))]
        out.append(Table([header, *empty], colWidths=[width / len(block.columns)] * len(block.columns),
                         rowHeights=[None] + [LINE_SPACING] * len(empty), repeatRows=1, hAlign="LEFT",
                         style=pdf.table_style(), spaceBefore=2, spaceAfter=4))
    else:
        if block.columns:
            out.append(Paragraph(pdf.markup(" | ".join(block.columns)), styles()["cell_bold"]))
        out.append(RuledLines(max(block.lines, 1)))
    return out


class RuledLines(Flowable):
    """Room to write by hand: evenly spaced lines, split across pages when there are many."""

    def __init__(self, lines: int):
        super().__init__()
        self.lines = lines

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.lines * LINE_SPACING

    def split(self, available_width, available_height):
        fits = int(available_height // LINE_SPACING)
        if fits < 1 or fits >= self.lines:
            return []
        return [RuledLines(fits), RuledLines(self.lines - fits)]

    def draw(self):
        self.canv.setStrokeColor(colors.HexColor("#9AA7B5"))
        self.canv.setLineWidth(0.5)
        for line in range(self.lines):
            y = line * LINE_SPACING
            self.canv.line(0, y, self.width, y)
