"""An evaluation chart as a PNG, for the Word report.

ReportLab's bitmap renderer needs a Cairo backend this installation does not have, so the chart
the page draws as SVG and the PDF as vector graphics is drawn here with Pillow, from the same
`Chart` coordinates (SVG units, y growing downwards) and in the same colours as the PDF.
"""
from __future__ import annotations

import functools
from io import BytesIO

from flask_babel import gettext as _
from PIL import Image, ImageDraw, ImageFont

from verksted import pdf
from verksted.polls.evaluation import Chart, number
from verksted.polls.pdf import CHANGE, CHART_LABEL_MAX, GRID, INK, LINE

SCALE = 3  # pixels per chart unit: sharp when printed at the chart's width
WHITE = "#FFFFFF"


def _colour(reportlab_colour) -> str:
    return "#" + reportlab_colour.hexval()[2:]


@functools.cache
def _font(bold: bool, size: float):
    """DejaVu as in the PDF; Pillow's own font where DejaVu is not installed."""
    path = pdf.FONT_DIR / pdf.FONT_FILES["DejaVuSans-Bold" if bold else "DejaVuSans"]
    try:
        return ImageFont.truetype(str(path), round(size * SCALE))
    except OSError:
        return ImageFont.load_default(round(size * SCALE))


def chart_png(chart: Chart) -> bytes:
    image = Image.new("RGB", (round(chart.width * SCALE), round(chart.height * SCALE)), WHITE)
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * SCALE, y * SCALE

    def line(x1, y1, x2, y2, colour, width: float = 1.0) -> None:
        draw.line([at(x1, y1), at(x2, y2)], fill=colour, width=max(1, round(width * SCALE)))

    def text(x, y, words: str, anchor: str, size: float = 7, bold: bool = False) -> None:
        draw.text(at(x, y), words, fill=_colour(INK), font=_font(bold, size), anchor=anchor)

    for value, level in chart.gridlines:
        line(chart.left, level, chart.right, level, _colour(GRID), 0.5)
        text(chart.left - 5, level + 3, str(value), "rs")
    for point in chart.points:
        if point.changed:
            x = chart.change_x(point)
            _dashed(line, x, chart.plot_top - 10, chart.plot_bottom, _colour(CHANGE))
            text(x + 3, chart.plot_top - 12, _("endret"), "ls")
    if len(chart.points) > 1:
        draw.line([at(point.x, point.y) for point in chart.points], fill=_colour(LINE), width=round(1.2 * SCALE),
                  joint="curve")
    for point in chart.points:
        line(point.x, point.low_y, point.x, point.high_y, _colour(INK))
        for end in (point.low_y, point.high_y):
            line(point.x - 4, end, point.x + 4, end, _colour(INK))
        radius = 3.5 * SCALE
        x, y = at(point.x, point.y)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=_colour(LINE), outline=WHITE,
                     width=max(1, round(0.8 * SCALE)))
        text(point.x + 6, point.y - 3, number(point.mean), "ls", size=8, bold=True)
        label = point.label if len(point.label) <= CHART_LABEL_MAX else point.label[:CHART_LABEL_MAX - 1] + "…"
        text(point.x, chart.plot_bottom + 14, label, "ms", size=7.5)
        text(point.x, chart.plot_bottom + 28, _("%(count)d svar", count=point.count), "ms")
    buffer = BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # mostly white: small even so, and fast
    return buffer.getvalue()


def _dashed(line, x: float, top: float, bottom: float, colour: str, dash: float = 3, gap: float = 2) -> None:
    """A vertical dashed line: Pillow draws only solid ones."""
    y = top
    while y < bottom:
        line(x, y, x, min(y + dash, bottom), colour)
        y += dash + gap
