"""Pages for long PDFs built in one pass: a running header and «side X av Y», bookmarks, and a
table of contents with page numbers.

A table of contents classically needs the document built twice: the first pass learns on which
page each heading lands, the second prints those numbers. Here the canvas keeps every page
until `save()` (as `verksted.pdf.numbered_pages` does for the page total). A contents entry
takes the same room whatever its page number, so it is laid out at once and its text drawn at
save time, when every heading's page is known. One pass, for any length.

A flowable with `outline = (text, level)` becomes a bookmark; with `toc_key` as well, contents
entries with that key point to its page.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from io import BytesIO

from flask import has_request_context
from flask_babel import get_locale
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from verksted import pdf
from verksted.documents.exports.pdf import page_label

MARGIN = 18 * mm  # pdf.document's margins
FRAME_PADDING = pdf.FRAME_PADDING
LEFT = MARGIN + FRAME_PADDING
WIDTH = pdf.A4[0] - 2 * LEFT  # what a flowable may fill
PAGE_COLUMN = 14 * mm  # room for the page number at the right of a contents entry
RULE = colors.HexColor("#9AA7B5")
MUTED = colors.HexColor("#555555")


def language() -> str:
    """The reader's language for the PDF's metadata; Norwegian bokmål outside a request (the CLI)."""
    if not has_request_context():
        return "nb"
    return str(get_locale() or "nb")


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    base = pdf.styles()
    return {
        "header": ParagraphStyle("RunningHeader", parent=base["small"], textColor=MUTED),
        "toc0": ParagraphStyle("Toc0", parent=base["body"], fontName=pdf.BOLD_FONT, fontSize=10.5, leading=14,
                               leftIndent=9 * mm, rightIndent=PAGE_COLUMN, bulletIndent=0,
                               bulletFontName=pdf.BOLD_FONT, spaceBefore=4),
        "toc1": ParagraphStyle("Toc1", parent=base["body"], fontSize=9.5, leading=13, leftIndent=14 * mm,
                               rightIndent=PAGE_COLUMN, spaceBefore=1),
    }


def page_canvas(header: str, bare_pages: int = 1):
    """A canvas class for `doc.build(canvasmaker=…)`: pages after the first `bare_pages` get the
    running `header` at the top and «side X av Y» at the foot."""

    class PageCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._kept: list[dict] = []
            self.pages_of: dict[str, int] = {}  # toc_key → page
            self._anchors: dict[int, list[tuple]] = defaultdict(list)
            self._deferred: dict[int, list[Callable]] = defaultdict(list)

        @property
        def page_number(self) -> int:
            return len(self._kept) + 1

        def anchor(self, page: int, key: str, text: str, level: int, top: float) -> None:
            self._anchors[page].append((key, text, level, top))
            self.pages_of.setdefault(key, page)

        def defer(self, draw: Callable[[Canvas], None]) -> None:
            """Draw on this page at save time, when every page number is known."""
            self._deferred[self.page_number].append(draw)

        def showPage(self):
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._kept)
            running = Paragraph(pdf.markup(header), _styles()["header"])
            running.wrap(WIDTH, 10 * mm)
            right = LEFT + WIDTH
            height = self._pagesize[1]
            annotations = self._annotationCount  # every number taken while laying out
            for number, state in enumerate(self._kept, start=1):
                self.__dict__.update(state)
                self._pageNumber, self._annotationCount = number, annotations
                for draw in self._deferred.get(number, ()):
                    draw(self)
                # Bookmarks are made here: the PDF's page objects are numbered as pages are written.
                for key, text, level, top in self._anchors.get(number, ()):
                    self.bookmarkPage(key, fit="XYZ", top=top)
                    self.addOutlineEntry(text, key, level=level, closed=level > 0)
                if number > bare_pages:
                    running.drawOn(self, LEFT, height - 12 * mm)
                    self.setStrokeColor(RULE)
                    self.setLineWidth(0.4)
                    self.line(LEFT, height - 13.5 * mm, right, height - 13.5 * mm)
                    self.setFont(pdf.BODY_FONT, 8)
                    self.setFillColor(MUTED)
                    self.drawRightString(right, 9 * mm, page_label(number, total))
                annotations = self._annotationCount  # a contents link drawn now takes a new one
                Canvas.showPage(self)
            Canvas.save(self)

    return PageCanvas


def _note_anchor(doc, flowable) -> None:
    """After each flowable: a heading's page and place become a bookmark (and a contents target)."""
    entry = getattr(flowable, "outline", None)
    if entry is None:
        return
    text, level = entry
    key = getattr(flowable, "toc_key", None) or f"h{id(flowable)}"
    top = doc.frame._y + flowable.getSpaceAfter() + getattr(flowable, "height", 0)
    doc.canv.anchor(doc.page, key, text or "–", level, top)


def build(title: str, header: str, story_for: Callable[[bool], list], bare_pages: int = 1,
          author: str = "", subject: str = "") -> bytes:
    """Build `story_for(plain)` as an A4 PDF in one pass.

    Should ReportLab fail to lay out something unusual, the document is built again with
    `plain=True` (tables written as text), so the reader still gets every word.
    """
    try:
        return _build(title, header, story_for(False), bare_pages, author, subject)
    except LayoutError:
        return _build(title, header, story_for(True), bare_pages, author, subject)


def _build(title: str, header: str, story: list, bare_pages: int, author: str, subject: str) -> bytes:
    buffer = BytesIO()
    doc = pdf.document(buffer, title, lang=language())
    if author:
        doc.author = author
    doc.subject = subject
    doc.afterFlowable = functools.partial(_note_anchor, doc)
    doc.build(story, canvasmaker=page_canvas(header, bare_pages))
    return buffer.getvalue()


class ContentsEntry(Flowable):
    """One line of a table of contents: its text now, its page number when the canvas is saved.

    `number` hangs in front of the text («3»); `key` is the `toc_key` of the heading it points
    to. Where there is no page to point to, `instead` is shown in its place («Ikke levert»).
    """

    def __init__(self, text: str, key: str | None, level: int = 0, number: str = "", instead: str = ""):
        super().__init__()
        self.key, self.instead = key, instead
        style = _styles()["toc0" if level == 0 else "toc1"]
        if instead:
            style = ParagraphStyle("TocInstead", parent=style, rightIndent=40 * mm)
        link = f'<a href="#{key}">{pdf.markup(text)}</a>' if key else pdf.markup(text)
        self.paragraph = Paragraph(link + '<onDraw name="contents_end" label="entry"/>', style,
                                   bulletText=number or None)

    def wrap(self, available_width, available_height):
        self.width = available_width
        _width, self.height = self.paragraph.wrap(available_width, available_height)
        return available_width, self.height

    def getSpaceBefore(self):
        return self.paragraph.getSpaceBefore()

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.canv.defer(lambda canvas: self._draw_later(canvas, x, y))

    def _draw_later(self, canvas, x: float, y: float) -> None:
        ends: list[tuple[float, float]] = []
        canvas.setNamedCB("contents_end", lambda _canvas, _kind, _label: ends.append(
            (_canvas._curr_tx_info["cur_x"], _canvas._curr_tx_info["cur_y"])))
        self.paragraph.drawOn(canvas, x, y)
        end_x, end_y = ends[-1] if ends else (0, 0)  # where the text ends, inside the paragraph
        self._page_number(canvas, x + end_x, y + end_y, x + self.width)

    def _page_number(self, canvas, end_x: float, baseline: float, right: float) -> None:
        """Dot leaders from the end of the text, then the page number at the right edge."""
        style = self.paragraph.style
        page = canvas.pages_of.get(self.key) if self.key else None
        text = str(page) if page else (self.instead or "–")
        font = style.fontName if page else "DejaVuSans-Oblique"
        text_width = canvas.stringWidth(text, font, style.fontSize)
        canvas.saveState()
        leader_end = right - text_width - 2 * mm
        if leader_end - end_x > 4 * mm:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.setDash(0.6, 2.4)
            canvas.line(end_x + 2 * mm, baseline + 1, leader_end, baseline + 1)
        canvas.setFont(font, style.fontSize)
        canvas.setFillColor(style.textColor if page else MUTED)
        canvas.drawRightString(right, baseline, text)
        canvas.restoreState()
