"""What the report says, before it is drawn: a front page and numbered sections of blocks.

The PDF writer, the DOCX writer and the browser preview all draw a `ReportContent`, so the
three say the same. Blocks are the Markdown blocks of `documents.exports.markdown_blocks`
(headings, paragraphs, lists, tables, code, quotes, rules) plus the blocks below, which the
data sections produce.

A data section's `options` (JSON on `ReportSection`), by source:

    EVALUATION    {"questions": [evaluation question id, …]   (absent or empty: every scale and
                                                               programme question of the template)
                   "quotes": [{"text": str, "source": str}, …]}  the leader's picks, copied
    RESULTS       {"request_id": id of the sluttrapport request  (absent: the network's latest
                                                                 request of kind sluttrapport)
                   "columns": {"hovedmal": [field key, …], "tiltak": […], "resultater": […]},
                                                (absent: the starter template's f-hovedmal,
                                                 f-tiltak and f-resultater)
                   "cells": {"<team id>/<column>": text}}   a cell's text edited for the report
    FURTHER_WORK  as RESULTS, with the one column "videre" (absent: f-videre)
    TEMPLATES     {"templates": [document template id, …]}  (absent or empty: every template a
                                                             request of the network used)
    others        {}

Nothing a team wrote is changed by the report: an edited cell lives in the section's options.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from verksted.plan.grid import Grid
from verksted.polls.evaluation import Chart

RESULT_COLUMNS = ("hovedmal", "tiltak", "resultater")
FURTHER_COLUMNS = ("videre",)


@dataclass
class Note:
    """Where data is missing, a clear note in the report itself («Ingen sluttrapport levert»)."""

    text: str


@dataclass
class DataTable:
    """A table from the network's data. Each cell is a list of blocks (Markdown blocks or a
    Note); `widths` are relative column widths. The header repeats on every page it runs onto."""

    header: list[str]
    rows: list[list[list]]
    widths: list[float] = field(default_factory=list)
    caption: str = ""


@dataclass
class ChartBlock:
    """One evaluation question across the gatherings: mean with spread and number of answers."""

    title: str
    chart: Chart
    summary: DataTable  # the chart's numbers as a table, for readers who cannot see the chart


@dataclass
class QuoteBlock:
    text: str
    source: str  # «Fjordvik kommune», «Samling 3, åpent svar»


@dataclass
class GridBlock:
    """The milestone plan's month grid."""

    grid: Grid
    legend: list[tuple[str, str]]  # (symbol, meaning)


@dataclass
class Subheading:
    """A heading inside a section that the table of contents lists (a template in the appendix)."""

    text: str


@dataclass
class BlankField:
    """A template's field as a blank form: its label and help, and room to write (lines), or an
    empty table with the field's columns."""

    label: str
    help: str = ""
    lines: int = 3
    columns: list[str] = field(default_factory=list)


@dataclass
class Section:
    number: int
    title: str
    blocks: list
    anchor: str  # «del-3», for links and the table of contents


@dataclass
class FrontPage:
    title: str
    subtitle: str
    network: str
    owner: str
    period: str
    logo: bytes | None
    logo_type: str  # image/png or image/jpeg


@dataclass
class ReportContent:
    front: FrontPage
    sections: list[Section]
    missing: list[str] = field(default_factory=list)  # what the leader may want to fill in, for the editor


# --- building -----------------------------------------------------------------------------


def report_content(report, checklist_only: bool = False) -> ReportContent:
    """The whole report, drawn from the network's data as it is now. `checklist_only`: for
    `missing` alone, without the evaluation's charts (most of the work)."""
    from verksted.documents.exports import markdown_blocks as mb
    from verksted.reports import sources

    network = report.network
    front = FrontPage(
        title=mb.writable(report.title),
        subtitle=mb.writable(report.subtitle),
        network=mb.writable(network.name),
        owner=mb.writable(report.owner),
        period=mb.writable(report.period),
        logo=report.logo,
        logo_type=report.logo_type,
    )
    content = ReportContent(front=front, sections=[])
    context = sources.Context(network, checklist_only)  # loads what the data sections share, once
    for number, section in enumerate(report.sections, start=1):
        blocks = mb.blocks(section.body)
        blocks += sources.blocks_for(section, context)
        content.sections.append(Section(number, mb.writable(section.title), blocks, f"del-{number}"))
    content.missing = context.missing
    return content


def missing_in(report) -> list[str]:
    """What the leader may want to fill in before the report is published."""
    return report_content(report, checklist_only=True).missing
