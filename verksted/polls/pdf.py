"""The evaluation across gatherings as an A4 PDF: the same questions, charts and tables as the
page, the charts drawn as vector graphics."""
from __future__ import annotations

from datetime import date
from io import BytesIO

from flask_babel import get_locale
from flask_babel import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from verksted import pdf
from verksted.i18n import long_date
from verksted.polls.evaluation import Chart, Evaluation, Trend, items_table, number, results_table, split_table
from verksted.polls.evaluation import Table as ResultsTable
from verksted.polls.kinds import KIND_LABELS
from verksted.polls.results import MIN_GROUP

WIDTH = pdf.A4[0] - 36 * mm - 2 * pdf.FRAME_PADDING  # what fits in the frame inside pdf.document's margins
GRID = colors.HexColor("#C3CCD6")
INK = colors.HexColor("#1E2B3C")
LINE = colors.HexColor("#0B5FAE")
CHANGE = colors.HexColor("#B25E00")
CHART_LABEL_MAX = 18
CELL_SIZE = 9  # the font size of pdf.styles()'s table cells


def page_label(page: int, pages: int) -> str:
    return _("side %(page)d av %(pages)d", page=page, pages=pages)


def evaluation_pdf(evaluation: Evaluation, printed_on: date) -> bytes:
    styles = pdf.styles()
    network = evaluation.network
    title = _("Evaluering på tvers av samlinger – %(network)s", network=network.name)
    buffer = BytesIO()
    doc = pdf.document(buffer, title, lang=str(get_locale() or "nb"))

    story = [
        Paragraph(pdf.markup(_("Evaluering på tvers av samlinger")), styles["title"]),
        Paragraph(pdf.markup(network.name), styles["h2"]),
        Paragraph(pdf.markup(_("Skrevet ut %(date)s", date=long_date(printed_on))), styles["small"]),
        Spacer(1, 4 * mm),
    ]
    story += _occasions(evaluation)
    if not evaluation.has_template:
        story.append(Paragraph(pdf.markup(_("Nettverket har ingen evalueringsmal ennå.")), styles["body"]))
    for number_, trend in enumerate(evaluation.trends, start=1):
        story += _trend(number_, trend)
    if any(trend.teams for trend in evaluation.trends):
        story.append(Paragraph(pdf.markup(_(
            "En kommune vises bare der den har minst %(min)d svar på en samling, så ingen kan kjennes igjen. "
            "Der resten av svarene ellers ville blitt for få, skjules også den minste av de andre kommunene.",
            min=MIN_GROUP,
        )), styles["small"]))
    doc.build(story, canvasmaker=pdf.numbered_pages(title, page_label))
    return buffer.getvalue()


def _occasions(evaluation: Evaluation) -> list:
    styles = pdf.styles()
    story = [Paragraph(pdf.markup(_("Samlinger og avstemninger")), styles["h2"])]
    if evaluation.occasions:
        rows = [[_("Samling"), _("Dato"), _("Avstemning")]]
        rows += [[occasion.label, long_date(occasion.day), occasion.poll.title] for occasion in evaluation.occasions]
        story.append(_table(ResultsTable(rows[0], rows[1:])))
    else:
        story.append(Paragraph(pdf.markup(_("Ingen avstemninger har brukt evalueringsmalen ennå.")), styles["body"]))
    if evaluation.without_evaluation:
        lines = [_("Uten resultater:")] + [
            _("%(gathering)s (%(date)s): %(why)s", gathering=_("Samling %(number)d", number=gathering.number),
              date=long_date(gathering.held_on), why=why)
            for gathering, why in evaluation.without_evaluation
        ]
        story.append(Paragraph(pdf.markup("\n".join(lines)), styles["small"]))
    return story


def _trend(position: int, trend: Trend) -> list:
    styles = pdf.styles()
    heading = Paragraph(pdf.markup(f"{position}. {trend.prompt}"), styles["h2"])
    facts = [str(KIND_LABELS[trend.kind])]
    if trend.retired:
        facts.append(_("Tatt ut av evalueringsmalen"))
    head = [heading, Paragraph(pdf.markup(" · ".join(facts)), styles["small"])]
    head += [Paragraph(pdf.markup(change), styles["small"]) for change in trend.changes]
    story: list = []
    if not trend.answered:
        story.append(Paragraph(pdf.markup(_("Ingen svar ennå.")), styles["body"]))
        return [KeepTogether(head + story), Spacer(1, 4 * mm)]
    if trend.chart is not None:
        story += [Spacer(1, 2 * mm), chart_drawing(trend.chart), Paragraph(pdf.markup(_(
            "Prikken er gjennomsnittet, streken går ett standardavvik til hver side."
        )), styles["small"])]
    story.append(Spacer(1, 2 * mm))
    story.append(_table(results_table(trend)))
    items = items_table(trend)
    if items is not None:
        story += [Spacer(1, 2 * mm), Paragraph(pdf.markup(_("Punktene i programmet")), styles["h3"]), _table(items)]
    split = split_table(trend)
    if split is not None:
        story += [Spacer(1, 2 * mm), Paragraph(pdf.markup(_("Fordelt på kommune")), styles["h3"]), _table(split)]
    return [KeepTogether(head + story[:2]), *story[2:], Spacer(1, 6 * mm)]


def _table(table: ResultsTable) -> Table:
    styles = pdf.styles()
    rows = [[Paragraph(pdf.markup(text), styles["cell_bold"]) for text in table.headers]]
    rows += [[Paragraph(pdf.markup(text),
                        styles["cell_bold" if index == 0 else "cell"]) for index, text in enumerate(row)]
             for row in table.rows]
    result = Table(rows, colWidths=_column_widths(table), repeatRows=1)
    result.setStyle(TableStyle(pdf.table_style()))
    return result


def _column_widths(table: ResultsTable) -> list[float]:
    """Room for every column's longest word at least, so no word is broken; what is left goes to
    the columns whose text would otherwise wrap, in proportion to how much they hold."""
    padding = 10  # table_style's 4 pt each side, and a little air
    least, natural = [], []
    for index, header in enumerate(table.headers):
        font = pdf.BOLD_FONT if index == 0 else pdf.BODY_FONT
        lines = [row[index] for row in table.rows]
        header_words = [stringWidth(word, pdf.BOLD_FONT, CELL_SIZE) for word in header.split()] or [0]
        words = [stringWidth(word, font, CELL_SIZE) for line in lines for word in line.split()] or [0]
        least.append(max(*header_words, *words) + padding)
        natural.append(max(stringWidth(header, pdf.BOLD_FONT, CELL_SIZE),
                           *(stringWidth(line, font, CELL_SIZE) for line in lines or [""])) + padding)
    if sum(natural) <= WIDTH:
        return [width * WIDTH / sum(natural) for width in natural]
    room = WIDTH - sum(least)
    if room <= 0:
        return [width * WIDTH / sum(least) for width in least]
    wants = [want - need for want, need in zip(natural, least, strict=True)]
    return [need + room * want / sum(wants) for need, want in zip(least, wants, strict=True)]


def chart_drawing(chart: Chart, width: float = WIDTH) -> Drawing:
    """The page's SVG chart, drawn again in PDF points (y upwards) and shrunk to fit `width`."""
    pdf.register_fonts()
    factor = min(1.0, width / chart.width)
    drawing = Drawing(chart.width * factor, chart.height * factor)

    def x(value: float) -> float:
        return value * factor

    def y(value: float) -> float:
        return (chart.height - value) * factor

    for value, level in chart.gridlines:
        drawing.add(Line(x(chart.left), y(level), x(chart.right), y(level), strokeColor=GRID, strokeWidth=0.5))
        drawing.add(String(x(chart.left) - 5, y(level) - 3, str(value), fontName=pdf.BODY_FONT, fontSize=7,
                           fillColor=INK, textAnchor="end"))
    for point in chart.points:
        if point.changed:
            at = x(chart.change_x(point))
            drawing.add(Line(at, y(chart.plot_top - 10), at, y(chart.plot_bottom), strokeColor=CHANGE, strokeWidth=1,
                             strokeDashArray=[3, 2]))
            drawing.add(String(at + 3, y(chart.plot_top - 12), _("endret"), fontName=pdf.BODY_FONT, fontSize=7,
                               fillColor=INK))
    if len(chart.points) > 1:
        drawing.add(PolyLine([coordinate for point in chart.points for coordinate in (x(point.x), y(point.y))],
                             strokeColor=LINE, strokeWidth=1.2))
    for point in chart.points:
        drawing.add(Line(x(point.x), y(point.low_y), x(point.x), y(point.high_y), strokeColor=INK, strokeWidth=1))
        for end in (point.low_y, point.high_y):
            drawing.add(Line(x(point.x) - 4, y(end), x(point.x) + 4, y(end), strokeColor=INK, strokeWidth=1))
        drawing.add(Circle(x(point.x), y(point.y), 3.5, fillColor=LINE, strokeColor=colors.white, strokeWidth=0.8))
        drawing.add(String(x(point.x) + 6, y(point.y) + 3, number(point.mean), fontName=pdf.BOLD_FONT, fontSize=8,
                           fillColor=INK))
        label = point.label if len(point.label) <= CHART_LABEL_MAX else point.label[:CHART_LABEL_MAX - 1] + "…"
        drawing.add(String(x(point.x), y(chart.plot_bottom + 14), label, fontName=pdf.BODY_FONT, fontSize=7.5,
                           fillColor=INK, textAnchor="middle"))
        drawing.add(String(x(point.x), y(chart.plot_bottom + 28), _("%(count)d svar", count=point.count),
                           fontName=pdf.BODY_FONT, fontSize=7, fillColor=INK, textAnchor="middle"))
    return drawing
