"""The participants' evaluation in the report: the chosen questions across the gatherings as
charts with their numbers, and the quotes the leader picked."""
from __future__ import annotations

from flask_babel import gettext as _

from verksted.documents.exports import markdown_blocks as mb
from verksted.polls.evaluation import Trend, number, results_table
from verksted.polls.models import QuestionKind
from verksted.reports.content import ChartBlock, DataTable, Note, QuoteBlock
from verksted.reports.sources_context import Context, heading, options_of, text_cell

CHARTED = (QuestionKind.SCALE, QuestionKind.PROGRAMME)


def evaluation(section, context: Context) -> list:
    options = options_of(section)
    blocks = _questions(section, options, context)
    quotes = _quotes(options)
    if quotes:
        blocks.append(heading(_("Sitater fra deltakerne")))
        blocks += quotes
    else:
        context.missing.append(_("%(section)s: ingen sitater er valgt.", section=section.title))
    return blocks


def _questions(section, options: dict, context: Context) -> list:
    if not context.has_evaluation_template:
        context.missing.append(_("%(section)s: nettverket har ingen evalueringsmal.", section=section.title))
        return [Note(_("Nettverket har ingen evalueringsmal, så det er ingen evaluering å vise."))]
    if context.checklist_only:
        return []
    result = context.evaluation
    chosen = _chosen(options.get("questions"), result.trends)
    blocks: list = []
    if not result.occasions:
        blocks.append(Note(_("Ingen samling er evaluert ennå.")))
    elif not chosen:
        blocks.append(Note(_("Ingen spørsmål fra evalueringen er valgt.")))
    for trend in chosen:
        blocks += _trend_blocks(trend)
    unevaluated = [_("Samling %(number)d: %(why)s", number=gathering.number, why=why)
                   for gathering, why in result.without_evaluation]
    if unevaluated and result.occasions:
        blocks.append(Note(_("Uten evaluering: %(gatherings)s.", gatherings="; ".join(unevaluated))))
    return blocks


def _chosen(ids, trends: list[Trend]) -> list[Trend]:
    """The questions the leader chose, in the template's order; by default every scale and
    programme question."""
    wanted = {value for value in ids if isinstance(value, int)} if isinstance(ids, list) else set()
    if wanted:
        return [trend for trend in trends if trend.question.id in wanted]
    return [trend for trend in trends if trend.kind in CHARTED]


def _trend_blocks(trend: Trend) -> list:
    prompt = mb.writable(trend.prompt)
    if not trend.answered:
        return [heading(prompt, 3), Note(_("Ingen har svart på dette spørsmålet ennå."))]
    if trend.chart is not None:
        return [ChartBlock(prompt, trend.chart, summary_table(trend))]
    table = results_table(trend)  # a question without scores: its numbers as a table
    return [DataTable(table.headers, [[text_cell(cell) for cell in row] for row in table.rows], caption=prompt)]


def summary_table(trend: Trend) -> DataTable:
    """Occasion, number of answers, mean and spread: the chart's numbers for a reader who cannot
    see the chart."""
    header = [_("Samling"), _("Antall svar"), _("Gjennomsnitt"), _("Standardavvik")]
    rows = []
    for cell in trend.cells:
        if not cell.asked:
            rows.append([text_cell(cell.occasion.label), text_cell(_("Ikke spurt")), [], []])
            continue
        summary = cell.summary or {}
        rows.append([text_cell(cell.occasion.label), text_cell(str(cell.count)),
                     text_cell(number(summary.get("mean"))), text_cell(number(summary.get("stdev")))])
    return DataTable(header, rows, [2.5, 1.2, 1.2, 1.2], caption=_("Tallene i diagrammet"))


def _quotes(options: dict) -> list[QuoteBlock]:
    picked = options.get("quotes")
    if not isinstance(picked, list):
        return []
    quotes = []
    for quote in picked:
        if not isinstance(quote, dict):
            continue
        text = mb.writable(str(quote.get("text") or "")).strip()
        if text:
            quotes.append(QuoteBlock(text, mb.writable(str(quote.get("source") or "")).strip()))
    return quotes
