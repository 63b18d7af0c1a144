"""The project plan as an A4 landscape PDF: the month grid with its legend, risks and activities."""
from __future__ import annotations

from datetime import date
from io import BytesIO

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from verksted import pdf
from verksted.i18n import long_date
from verksted.networks.models import Network
from verksted.plan import services
from verksted.plan.grid import SYMBOLS, CellState, Grid
from verksted.plan.models import Activity, Risk

PAGE = landscape(A4)
MARGIN = 18 * mm  # as pdf.document sets it
WIDTH = PAGE[0] - 2 * MARGIN - 2 * pdf.FRAME_PADDING  # what fits in the frame
ROW_HEADER = 78 * mm
MAX_MONTHS_PER_TABLE = 24  # beyond this the columns get too narrow to read; the grid is split
FILLS = {
    CellState.NOT_STARTED: colors.HexColor("#E4E7EB"),
    CellState.IN_PROGRESS: colors.HexColor("#CFE3F7"),
    CellState.PARTLY: colors.HexColor("#FBE2B4"),
    CellState.DONE: colors.HexColor("#CDEFD6"),
    CellState.PLANNED: colors.HexColor("#F4F5F7"),
}
PLAN_EDGE = colors.HexColor("#5B6B7C")
CURRENT = colors.HexColor("#C9D8EE")


def _styles() -> dict[str, ParagraphStyle]:
    base = pdf.styles()
    return {
        **base,
        "symbol": ParagraphStyle("Symbol", parent=base["cell"], alignment=TA_CENTER, fontSize=9, leading=11),
        "month": ParagraphStyle("Month", parent=base["cell_bold"], alignment=TA_CENTER, fontSize=7, leading=9),
        "month_current": ParagraphStyle("MonthNow", parent=base["cell_bold"], alignment=TA_CENTER, fontSize=7, leading=9,
                                        textColor=colors.HexColor("#0B3C75")),
    }


def plan_pdf(network: Network, grid: Grid, risks: list[Risk], activities: list[Activity], printed_on: date) -> bytes:
    buffer = BytesIO()
    title = _("Prosjektplan – %(network)s", network=network.name)
    doc = pdf.document(buffer, title, lang=str(get_locale()), pagesize=PAGE)
    styles = _styles()
    story = [
        Paragraph(pdf.markup(network.name), styles["h1"]),
        Paragraph(pdf.markup(_("Prosjektplan")), styles["h2"]),
        Paragraph(pdf.markup(_period_line(network, printed_on)), styles["small"]),
        Spacer(1, 4 * mm),
        Paragraph(pdf.markup(_("Milepæler måned for måned")), styles["h3"]),
    ]
    if grid.rows:
        for table in grid_tables(grid):
            story += [table, Spacer(1, 3 * mm)]
        story.append(KeepTogether(_legend(styles)))
    else:
        story.append(Paragraph(pdf.markup(_("Ingen milepæler er lagt inn ennå.")), styles["body"]))
    if risks:
        story += [Spacer(1, 6 * mm), Paragraph(pdf.markup(_("Risikoer")), styles["h3"]), _risk_table(risks, styles)]
    if activities:
        story += [Spacer(1, 6 * mm), Paragraph(pdf.markup(_("Hovedaktiviteter")), styles["h3"]),
                  _activity_table(activities, styles)]

    footer = _("%(network)s · Prosjektplan · skrevet ut %(date)s", network=network.name, date=long_date(printed_on))

    def draw_footer(canvas, document):
        canvas.saveState()
        line = Paragraph(pdf.markup(f"{footer} · " + _("side %(page)d", page=document.page)), styles["small"])
        line.wrapOn(canvas, WIDTH, 10 * mm)
        line.drawOn(canvas, MARGIN, 9 * mm)
        canvas.restoreState()

    doc.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def _period_line(network: Network, printed_on: date) -> str:
    printed = _("Skrevet ut %(date)s", date=long_date(printed_on))
    if network.starts_on and network.ends_on:
        period = _("Periode %(start)s – %(end)s", start=long_date(network.starts_on), end=long_date(network.ends_on))
        return f"{period}. {printed}"
    return printed


def grid_tables(grid: Grid, width: float = WIDTH, row_header: float = ROW_HEADER,
                months_per_table: int = MAX_MONTHS_PER_TABLE) -> list[Table]:
    """The month grid as tables of at most `months_per_table` months each, `width` wide at most."""
    styles = _styles()
    return [_grid_table(grid, grid.months[start:start + months_per_table], styles, width, row_header)
            for start in range(0, len(grid.months), months_per_table)]


def _grid_table(grid: Grid, months: list[date], styles, width: float, row_header: float) -> Table:
    month_width = min(10 * mm, (width - row_header) / len(months))
    years: list[list] = [Paragraph(pdf.markup(_("Milepæl")), styles["cell_bold"])]
    spans = []
    for index, month in enumerate(months, start=1):
        if index == 1 or month.month == 1:
            years.append(Paragraph(str(month.year), styles["month"]))
            first = index
            count = sum(1 for m in months if m.year == month.year)
            if count > 1:
                spans.append(("SPAN", (first, 0), (first + count - 1, 0)))
        else:
            years.append("")
    month_row: list = [""]
    for month in months:
        style = styles["month_current"] if month == grid.current_month else styles["month"]
        month_row.append(Paragraph(pdf.markup(format_date(month, "LLL")), style))

    data = [years, month_row]
    commands = pdf.table_style(header_rows=2) + spans + [
        ("SPAN", (0, 0), (0, 1)),
        ("VALIGN", (1, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (1, 0), (-1, -1), 1),
        ("RIGHTPADDING", (1, 0), (-1, -1), 1),
    ]
    if grid.current_month in months:
        column = months.index(grid.current_month) + 1
        commands.append(("BACKGROUND", (column, 1), (column, 1), CURRENT))
    for row_index, row in enumerate(grid.rows, start=2):
        milestone = row.milestone
        heading = f"<b>{pdf.markup(milestone.code)}</b> {pdf.markup(milestone.title)}"
        if milestone.responsible:
            heading += f'<br/><font size="7">{pdf.markup(milestone.responsible)}</font>'
        cells: list = [Paragraph(heading, styles["cell"])]
        by_month = {cell.month: cell for cell in row.cells}
        for column, month in enumerate(months, start=1):
            cell = by_month[month]
            cells.append(Paragraph(pdf.markup(cell.symbol), styles["symbol"]) if cell.state else "")
            if cell.state:
                commands.append(("BACKGROUND", (column, row_index), (column, row_index), FILLS[cell.state]))
                if not cell.in_plan:
                    commands.append(("BOX", (column, row_index), (column, row_index), 0.9, PLAN_EDGE, None, (1.5, 1.5)))
        data.append(cells)
    return Table(data, colWidths=[row_header] + [month_width] * len(months), repeatRows=2, style=commands, hAlign="LEFT")


def _legend(styles) -> list:
    rows = [[Paragraph(pdf.markup(SYMBOLS[state]), styles["symbol"]), Paragraph(pdf.markup(label), styles["cell_bold"]),
             Paragraph(pdf.markup(explanation), styles["cell"])] for state, label, explanation in services.legend()]
    outside = _("Arbeid utenfor de planlagte månedene: startet tidlig eller forsinket.")
    rows.append(["", Paragraph(pdf.markup(_("Stiplet kant")), styles["cell_bold"]), Paragraph(pdf.markup(outside), styles["cell"])])
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, len(rows) - 1), (0, len(rows) - 1), 0.9, PLAN_EDGE, None, (1.5, 1.5)),
    ] + [("BACKGROUND", (0, i), (0, i), FILLS[state]) for i, (state, _label, _text) in enumerate(services.legend())]
    return [
        Paragraph(pdf.markup(_("Tegnforklaring")), styles["cell_bold"]),
        Table(rows, colWidths=[8 * mm, 32 * mm, 120 * mm], style=commands, hAlign="LEFT"),
    ]


def _risk_table(risks: list[Risk], styles) -> Table:
    cell = styles["cell"]
    header = [_("Nr."), _("Risiko"), _("Type"), _("Sannsynlighet"), _("Konsekvens"), _("Score"), _("Tiltak"),
              _("Ansvarlig"), _("Status")]
    data = [[Paragraph(pdf.markup(text), styles["cell_bold"]) for text in header]]
    for number, risk in enumerate(risks, start=1):
        data.append([Paragraph(pdf.markup(text), cell) for text in (
            str(number), risk.description, services.risk_kind_label(risk.kind),
            services.level_label(risk.likelihood), services.level_label(risk.consequence),
            f"{risk.score} – {services.score_level(risk.score)[0]}", risk.counter_measure, risk.owner,
            services.risk_status_label(risk.status),
        )])
    widths = [9 * mm, 52 * mm, 17 * mm, 29 * mm, 25 * mm, 25 * mm, 54 * mm, 32 * mm, 18 * mm]
    return Table(data, colWidths=widths, repeatRows=1, style=pdf.table_style(), hAlign="LEFT")


def _activity_table(activities: list[Activity], styles) -> Table:
    cell = styles["cell"]
    header = [_("Hovedaktivitet"), _("Hensikt"), _("Deloppgaver"), _("Ansvarlig"), _("Periode")]
    data = [[Paragraph(pdf.markup(text), styles["cell_bold"]) for text in header]]
    for activity in activities:
        tasks = "<br/>".join(f"• {pdf.markup(task)}" for task in activity.sub_task_list)
        data.append([
            Paragraph(pdf.markup(activity.title), styles["cell_bold"]),
            Paragraph(pdf.markup(activity.purpose), cell),
            Paragraph(tasks, cell),
            Paragraph(pdf.markup(activity.responsible), cell),
            Paragraph(pdf.markup(activity.period), cell),
        ])
    widths = [48 * mm, 64 * mm, 79 * mm, 40 * mm, 30 * mm]
    return Table(data, colWidths=widths, repeatRows=1, style=pdf.table_style(), hAlign="LEFT")
