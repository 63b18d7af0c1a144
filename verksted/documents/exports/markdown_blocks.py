"""Markdown as a small neutral block model that the PDF and DOCX writers both draw.

The text is rendered the way the web page renders it (Python-Markdown with tables, sane lists
and line breaks), except that raw HTML the user typed is escaped rather than passed through:
`<script>` stays visible as the characters `<script>`, never run and never silently dropped.
The result is sanitised by nh3 and then read into blocks: headings, paragraphs of inline spans
(bold, italic, code, links), bullet and numbered lists, tables, code, quotes and rules.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

import markdown as md
import nh3
from markdown.extensions import Extension

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
    "blockquote", "code", "pre", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}
_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
LINK_SCHEMES = ("http://", "https://", "mailto:")
# Characters XML (and so Word) cannot hold, and lone surrogates no encoder accepts.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def writable(text: str) -> str:
    """Text without the control characters a pasted Word text sometimes carries."""
    return _UNWRITABLE.sub("", text)


@dataclass(frozen=True)
class Span:
    """A run of text with one look. A span whose text is "\\n" is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None

    @property
    def is_break(self) -> bool:
        return self.text == "\n"


@dataclass
class Heading:
    level: int  # 1–6 as typed; writers place it below their own headings
    spans: list[Span] = field(default_factory=list)


@dataclass
class Paragraph:
    spans: list[Span] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    items: list[list] = field(default_factory=list)  # each item is a list of blocks
    start: int = 1


@dataclass
class Table:
    header: list[list[Span]] = field(default_factory=list)  # one list of spans per column
    rows: list[list[list[Span]]] = field(default_factory=list)


@dataclass
class Code:
    text: str = ""


@dataclass
class Quote:
    blocks: list = field(default_factory=list)


@dataclass
class Rule:
    pass


Block = Heading | Paragraph | ListBlock | Table | Code | Quote | Rule


def plain(text: str) -> list[Span]:
    """Plain text as spans, its line breaks kept."""
    spans: list[Span] = []
    for number, line in enumerate(writable(text).split("\n")):
        if number:
            spans.append(Span("\n"))
        if line:
            spans.append(Span(line))
    return spans


def text_of(spans: list[Span]) -> str:
    return "".join(span.text for span in spans)


class _EscapeRawHtml(Extension):
    """Raw HTML in the text is shown as text, as the user typed it."""

    def extendMarkdown(self, md_instance):
        md_instance.preprocessors.deregister("html_block")
        md_instance.inlinePatterns.deregister("html")


_local = threading.local()


def _converter() -> md.Markdown:
    """One converter per thread, reused: building one costs more than converting a short text."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(
            extensions=[_EscapeRawHtml(), "tables", "sane_lists", "nl2br"], output_format="html"
        )
    return converter.reset()


def to_html(text: str) -> str:
    html = _converter().convert(writable(text))
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"}, link_rel=None)


def blocks(text: str | None) -> list[Block]:
    """A Markdown text as blocks."""
    if not text or not text.strip():
        return []
    reader = _BlockReader()
    reader.feed(to_html(text))
    reader.close()
    return reader.finish()


_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "pre", "blockquote", "hr"}


class _BlockReader(HTMLParser):
    """Reads the sanitised HTML into blocks; text outside any block becomes a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = []
        self.containers: list[list] = [self.root]
        self.lists: list[ListBlock] = []
        self.spans: list[Span] | None = None  # where inline text goes now
        self.bold = self.italic = self.code = 0
        self.links: list[str | None] = []
        self.pre: Code | None = None
        self.table: Table | None = None
        self.row: list[list[Span]] | None = None
        self.in_head = False

    # --- structure ---

    def _open(self, block) -> None:
        self.spans = None
        self.containers[-1].append(block)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in _BLOCK_TAGS:
            self.spans = None
        if tag == "p":
            self._open(Paragraph())
            self.spans = self.containers[-1][-1].spans
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._open(Heading(int(tag[1])))
            self.spans = self.containers[-1][-1].spans
        elif tag in ("ul", "ol"):
            start = values.get("start") or "1"
            listing = ListBlock(ordered=tag == "ol", start=int(start) if start.isdigit() else 1)
            self._open(listing)
            self.lists.append(listing)
        elif tag == "li":
            item: list = []
            if self.lists:
                self.lists[-1].items.append(item)
            else:
                self.containers[-1].append(Quote(item))  # an item outside a list: keep its text
            self.containers.append(item)
        elif tag == "blockquote":
            quote = Quote()
            self._open(quote)
            self.containers.append(quote.blocks)
        elif tag == "pre":
            self.pre = Code()
            self._open(self.pre)
        elif tag == "hr":
            self._open(Rule())
        elif tag == "table":
            self.table = Table()
            self._open(self.table)
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.spans = []
            self.row.append(self.spans)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "code" and self.pre is None:
            self.code += 1
        elif tag == "a":
            href = values.get("href") or ""
            self.links.append(href if href.startswith(LINK_SCHEMES) else None)
        elif tag == "br" and self.spans is not None:
            self.spans.append(Span("\n"))

    def handle_endtag(self, tag):
        if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "th", "td"):
            self.spans = None
        elif tag in ("ul", "ol"):
            self.spans = None
            if self.lists:
                self.lists.pop()
        elif tag in ("li", "blockquote"):
            self.spans = None
            if len(self.containers) > 1:
                self.containers.pop()
        elif tag == "pre":
            self.pre = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "tr" and self.table is not None and self.row is not None:
            if self.in_head:
                self.table.header = self.row
            else:
                self.table.rows.append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None
            self.spans = None
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag == "code" and self.pre is None:
            self.code = max(0, self.code - 1)
        elif tag == "a" and self.links:
            self.links.pop()

    # --- text ---

    def handle_data(self, data):
        if self.pre is not None:
            self.pre.text += data
            return
        text = _SPACE.sub(" ", data)
        if self.spans is None:
            if not text.strip() or self.table is not None:
                return
            self._open(Paragraph())  # loose text, as in the items of a tight list
            self.spans = self.containers[-1][-1].spans
        href = next((link for link in reversed(self.links)), None) if self.links else None
        self.spans.append(Span(text, bold=self.bold > 0, italic=self.italic > 0, code=self.code > 0, href=href))

    def finish(self) -> list:
        return _tidy(self.root)


MAX_NESTING = 4  # lists and quotes deeper than this are written at this depth: pages are only so wide


def _tidy(found: list, depth: int = 0) -> list:
    """Trim the spaces HTML leaves at the edges of lines, drop blocks left empty, and flatten
    nesting too deep to draw."""
    tidy: list = []
    for block in found:
        if isinstance(block, (ListBlock, Quote)) and depth >= MAX_NESTING:
            tidy += _tidy(_flatten(block), depth)
            continue
        if isinstance(block, (Paragraph, Heading)):
            block.spans = _trim(block.spans)
            if not block.spans:
                continue
        elif isinstance(block, ListBlock):
            block.items = [_tidy(item, depth + 1) for item in block.items]
        elif isinstance(block, Quote):
            block.blocks = _tidy(block.blocks, depth + 1)
        elif isinstance(block, Table):
            block.header = [_trim(cell) for cell in block.header]
            block.rows = [[_trim(cell) for cell in row] for row in block.rows]
        elif isinstance(block, Code):
            block.text = block.text.rstrip("\n")
        tidy.append(block)
    return tidy


def _flatten(block) -> list:
    """A list or quote as plain blocks, each list item's first line marked «– » or «3. »."""
    if isinstance(block, Quote):
        return [flat for inner in block.blocks for flat in _flatten(inner)]
    if not isinstance(block, ListBlock):
        return [block]
    out: list = []
    for number, item in enumerate(block.items, start=block.start):
        flat = [each for inner in item for each in _flatten(inner)]
        marker = Span(f"{number}. " if block.ordered else "– ")
        if flat and isinstance(flat[0], Paragraph):
            flat[0] = Paragraph([marker] + flat[0].spans)
        out += flat
    return out


def _trim(spans: list[Span]) -> list[Span]:
    """Drop spaces at the start and end of every line, and empty spans."""
    lines: list[list[Span]] = [[]]
    for span in spans:
        if span.is_break:
            lines.append([])
        else:
            lines[-1].append(span)
    out: list[Span] = []
    for number, line in enumerate(lines):
        if line:
            line[0] = replace(line[0], text=line[0].text.lstrip())
            line[-1] = replace(line[-1], text=line[-1].text.rstrip())
        if number:
            out.append(Span("\n"))
        out += [span for span in line if span.text]
    while out and out[-1].is_break:
        out.pop()
    while out and out[0].is_break:
        out.pop(0)
    return out
