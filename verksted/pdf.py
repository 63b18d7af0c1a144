"""ReportLab set up for what users type: Norwegian and Sámi letters, and emoji.

DejaVu Sans covers Latin letters with every Sámi diacritic; Symbola draws emoji and other
symbols DejaVu lacks. Text goes through `markup()`, which escapes it for ReportLab's
paragraph markup and switches font for each character only the fallback has.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

FONT_DIR = Path(os.environ.get("VERKSTED_FONT_DIR", "/usr/share/fonts/truetype"))
FONT_FILES = {
    "DejaVuSans": "dejavu/DejaVuSans.ttf",
    "DejaVuSans-Bold": "dejavu/DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "dejavu/DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "dejavu/DejaVuSans-BoldOblique.ttf",
    "Symbola": "ancient-scripts/Symbola_hint.ttf",
}
FRAME_PADDING = 6  # ReportLab's frame keeps this much inside the page margins, on every side
BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
FALLBACK_FONT = "Symbola"


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    """ReportLab writes characters beyond U+FFFF (emoji) as five hex digits, which PDF
    readers reject; the ToUnicode map must give them as UTF-16 surrogate pairs."""
    cmap = _reportlab_to_unicode_cmap(fontname, [min(v, 0xFFFF) for v in subset])
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            cmap = cmap.replace(f"<{index:02X}> <FFFF>", f"<{index:02X}> <{chr(code).encode('utf-16-be').hex().upper()}>", 1)
    return cmap


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


class FontsMissing(RuntimeError):
    """The PDF fonts are not installed (Debian: fonts-dejavu-core and fonts-symbola)."""


def _remembered_widths(string_width):
    """Line breaking measures the same words over and over; without ReportLab's C accelerator
    each measurement walks the word's characters in Python, so widths are remembered."""
    remembered = functools.lru_cache(maxsize=100_000)(lambda text, size: string_width(text, size))

    def width(text, size, encoding="utf8"):
        return remembered(text, size) if isinstance(text, str) else string_width(text, size, encoding)

    return width


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the fonts once per process; returns the code points the body font covers."""
    for name, relative in FONT_FILES.items():
        path = FONT_DIR / relative
        if not path.exists():
            raise FontsMissing(f"Fant ikke skriften {path}. Installer fonts-dejavu-core og fonts-symbola.")
        font = TTFont(name, str(path))
        font.stringWidth = _remembered_widths(font.stringWidth)
        pdfmetrics.registerFont(font)
    pdfmetrics.registerFontFamily(
        BODY_FONT, normal=BODY_FONT, bold=BOLD_FONT, italic="DejaVuSans-Oblique", boldItalic="DejaVuSans-BoldOblique"
    )
    return frozenset(pdfmetrics.getFont(BODY_FONT).face.charToGlyph)


def markup(text: str | None) -> str:
    """Plain text as ReportLab paragraph markup, every character drawable."""
    if not text:
        return ""
    covered = register_fonts()
    if covered.issuperset(map(ord, text.replace("\n", ""))):  # the usual case, and much faster
        return escape(text).replace("\n", "<br/>")
    out: list[str] = []
    for char in text:
        if char == "\n":
            out.append("<br/>")
        elif ord(char) in covered or char in "\t\r":
            out.append(escape(char))
        elif 0xFE00 <= ord(char) <= 0xFE0F or ord(char) == 0x200D:
            continue  # variation selectors and joiners have no glyph of their own
        else:
            out.append(f'<font name="{FALLBACK_FONT}">{escape(char)}</font>')
    return "".join(out).replace(f'</font><font name="{FALLBACK_FONT}">', "")


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = getSampleStyleSheet()
    body = ParagraphStyle("Body", parent=base["BodyText"], fontName=BODY_FONT, fontSize=10, leading=14, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle("Small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=9, leading=12),
        "cell_bold": ParagraphStyle("CellBold", parent=body, fontName=BOLD_FONT, fontSize=9, leading=12),
        "title": ParagraphStyle("Title", parent=base["Title"], fontName=BOLD_FONT, fontSize=20, leading=26, alignment=TA_LEFT),
        "h1": ParagraphStyle("H1", parent=base["Heading1"], fontName=BOLD_FONT, fontSize=16, leading=20),
        "h2": ParagraphStyle("H2", parent=base["Heading2"], fontName=BOLD_FONT, fontSize=13, leading=17),
        "h3": ParagraphStyle("H3", parent=base["Heading3"], fontName=BOLD_FONT, fontSize=11, leading=15),
    }


def document(buffer, title: str, lang: str = "nb", pagesize=A4, **kwargs) -> SimpleDocTemplate:
    """An A4 document whose metadata carries its title and language."""
    register_fonts()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        title=title,
        author="Verksted",
        creator="Verksted",
        lang=lang,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        **kwargs,
    )
    return doc


def table_style(header_rows: int = 1) -> list[tuple]:
    """The look of every table: a tinted, repeated header row and thin grid lines."""
    return [
        ("FONTNAME", (0, 0), (-1, header_rows - 1), BOLD_FONT),
        ("FONTNAME", (0, header_rows), (-1, -1), BODY_FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E6EEF8")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA7B5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]


def numbered_pages(footer: str, page_label):
    """A canvas class that writes a running footer and «side X av Y» at the foot of every page.

    The total is only known when the document is done, so pages are kept until `save()`.
    `page_label(page, pages)` gives the translated page text. A `FooterText` flowable in the
    story changes the footer from its page on (one footer per team in a bundle). Bookmarks are
    made at save time too (`bookmark()`): the PDF's page objects only exist once pages are written.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.footer_text = footer
            self._pages: list[dict] = []
            self._bookmarks: dict[int, list[tuple[str, str, int]]] = {}

        def bookmark(self, key: str, text: str, level: int) -> None:
            """A bookmark to the page being laid out now."""
            self._bookmarks.setdefault(len(self._pages) + 1, []).append((key, text, level))

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            small = styles()["small"]
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for key, text, level in self._bookmarks.get(number, ()):
                    self.bookmarkPage(key)
                    self.addOutlineEntry(text, key, level=level, closed=level > 0)
                width, _height = self._pagesize
                line = Paragraph(markup(f"{self.footer_text} · {page_label(number, len(self._pages))}"), small)
                line.wrapOn(self, width - 36 * mm, 12 * mm)
                line.drawOn(self, 18 * mm, 9 * mm)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class FooterText(Flowable):
    """Takes no room; sets the running footer of a `numbered_pages` canvas from here on."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.footer_text = self.text
