"""The appendices of the report: the milestone plan's month grid, the risk register, and the
templates the network used as blank forms."""
from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from verksted.clock import today
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.models import FieldKind
from verksted.plan import services as plan
from verksted.plan.grid import SYMBOLS, build_grid
from verksted.reports.content import BlankField, DataTable, GridBlock, Note, Subheading
from verksted.reports.sources_context import Context, heading, options_of, text_cell

FIELD_LINES = {FieldKind.LONG_TEXT: 6, FieldKind.LIST: 4}  # every other kind: one line


def milestones(section, context: Context) -> list:
    """The month grid with its legend, and Milepæl | Periode | Status | Ansvarlig."""
    if not context.milestones:
        context.missing.append(_("%(section)s: planen har ingen milepæler.", section=section.title))
        return [Note(_("Prosjektplanen har ingen milepæler ennå."))]
    network = context.network
    grid = build_grid(network.starts_on, network.ends_on, context.milestones, today())
    legend = [(SYMBOLS[state], f"{label}: {explanation}") for state, label, explanation in plan.legend()]
    rows = [
        [text_cell(f"{milestone.code} {milestone.title}"), text_cell(_period(milestone)),
         text_cell(plan.status_label(milestone.status)), text_cell(milestone.responsible)]
        for milestone in context.milestones
    ]
    header = [_("Milepæl"), _("Periode"), _("Status"), _("Ansvarlig")]
    return [GridBlock(grid, legend), DataTable(header, rows, [3.0, 2.4, 1.2, 2.0], caption=_("Milepælene"))]


def _period(milestone) -> str:
    first, last = (format_date(month, "LLLL y") for month in (milestone.starts_in, milestone.ends_in))
    return first if first == last else f"{first} – {last}"


def risks(section, context: Context) -> list:
    """The risk register, highest score first, as the plan shows it."""
    if not context.risks:
        context.missing.append(_("%(section)s: risikoregisteret er tomt.", section=section.title))
        return [Note(_("Risikoregisteret er tomt."))]
    header = [_("Nr."), _("Risiko"), _("Type"), _("Sannsynlighet × konsekvens"), _("Tiltak"), _("Ansvarlig"),
              _("Status")]
    rows = []
    for position, risk in enumerate(context.risks, start=1):
        assessment = _("%(likelihood)s × %(consequence)s = %(score)d (%(level)s)",
                       likelihood=plan.level_label(risk.likelihood), consequence=plan.level_label(risk.consequence),
                       score=risk.score, level=plan.score_level(risk.score)[0])
        rows.append([text_cell(str(position)), text_cell(risk.description), text_cell(plan.risk_kind_label(risk.kind)),
                     text_cell(assessment), text_cell(risk.counter_measure), text_cell(risk.owner),
                     text_cell(plan.risk_status_label(risk.status))])
    return [DataTable(header, rows, [0.4, 2.6, 0.9, 1.6, 2.6, 1.3, 1.1], caption=_("Risikovurdering"))]


def templates(section, context: Context) -> list:
    """Each chosen template (by default every template a request used), latest version, as a
    blank form: its sections' headings and guidance, and room for every field."""
    wanted = options_of(section).get("templates")
    wanted = {value for value in wanted if isinstance(value, int)} if isinstance(wanted, list) else set()
    chosen = [template for template in context.templates
              if template.versions and template.id in (wanted or context.requested_template_ids)]
    if not chosen:
        context.missing.append(_("%(section)s: ingen maler er brukt ennå.", section=section.title))
        return [Note(_("Nettverket har ikke brukt noen maler ennå."))]
    blocks: list = []
    for template in chosen:
        version = template.versions[-1]
        blocks.append(Subheading(mb.writable(template.title)))
        blocks += mb.blocks(version.introduction)
        for part in version.sections or []:
            if part.get("heading"):
                blocks.append(heading(part["heading"]))
            blocks += mb.blocks(part.get("guidance") or "")
            blocks += [blank_field(field) for field in part.get("fields", [])]
    return blocks


def blank_field(field: dict) -> BlankField:
    try:
        kind = FieldKind(field.get("kind"))
    except ValueError:
        kind = FieldKind.SHORT_TEXT
    help_text = mb.writable(field.get("help") or "")
    if kind is FieldKind.CHOICE and field.get("choices"):
        choices = _("Alternativer: %(choices)s", choices=", ".join(map(str, field["choices"])))
        help_text = f"{help_text} {choices}".strip()
    columns = [mb.writable(str(column)) for column in field.get("columns", [])] if kind is FieldKind.TABLE else []
    return BlankField(mb.writable(field.get("label") or ""), help_text, FIELD_LINES.get(kind, 1), columns)
