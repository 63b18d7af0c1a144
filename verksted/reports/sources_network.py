"""The network's own facts in the report: its organisation, the participating municipalities and
the gatherings."""
from __future__ import annotations

from flask_babel import format_date
from flask_babel import gettext as _

from verksted.documents.exports import markdown_blocks as mb
from verksted.i18n import long_date
from verksted.networks.models import OrgGroup
from verksted.reports.content import DataTable, Note
from verksted.reports.sources_context import Context, lines_cell, text_cell

PEOPLE_WIDTHS = [2.0, 2.0, 2.5]


def organisation(section, context: Context) -> list:
    """Project leader(s), steering group and working group (and a reference group where there is
    one): a table each, or a note where the group has nobody yet."""
    header = [_("Navn"), _("Rolle"), _("Organisasjon")]
    leaders = [[text_cell(user.name), text_cell(_("Prosjektleder")), text_cell(context.network.owner_organisation)]
               for user in context.project_leaders]
    groups = [
        (_("Prosjektledelse"), leaders),
        (_("Styringsgruppe"), _members(context, OrgGroup.STEERING)),
        (_("Arbeidsgruppe"), _members(context, OrgGroup.WORKING)),
    ]
    reference = _members(context, OrgGroup.REFERENCE)
    if reference:
        groups.append((_("Referansegruppe"), reference))
    blocks: list = []
    for caption, rows in groups:
        if rows:
            blocks.append(DataTable(header, rows, list(PEOPLE_WIDTHS), caption=mb.writable(caption)))
        else:
            blocks.append(Note(_("%(group)s: ingen er registrert ennå.", group=caption)))
            context.missing.append(_("%(section)s: %(group)s mangler.", section=section.title, group=caption))
    return blocks


def _members(context: Context, group: OrgGroup) -> list[list[list]]:
    return [[text_cell(member.name), text_cell(member.role), text_cell(member.organisation)]
            for member in context.organisation if member.group is group]


def teams(section, context: Context) -> list:
    """Kommune | Status, in Norwegian alphabetical order; a withdrawn team keeps its row, with
    the date and the reason."""
    if not context.teams:
        context.missing.append(_("%(section)s: nettverket har ingen kommuner.", section=section.title))
        return [Note(_("Ingen kommuner er med i nettverket ennå."))]
    rows = [[text_cell(team.municipality), text_cell(team_status(team))] for team in context.teams]
    return [DataTable([_("Kommune"), _("Status")], rows, [2.0, 4.0], caption=_("Kommunene i nettverket"))]


def team_status(team) -> str:
    """«Deltar», or «Trukket ut 16. mars 2026: Langvarig sykefravær i teamet»."""
    if not team.is_withdrawn:
        return _("Deltar")
    when = _("Trukket ut %(date)s", date=long_date(team.withdrawn_on)) if team.withdrawn_on else _("Trukket ut")
    reason = " ".join(team.withdrawal_reason.split())
    return f"{when}: {reason}" if reason else when


def gatherings(section, context: Context) -> list:
    """Nr. | Måned | Sted | Vertskommune | Tema | Foredragsholdere."""
    if not context.gatherings:
        context.missing.append(_("%(section)s: nettverket har ingen samlinger.", section=section.title))
        return [Note(_("Ingen samlinger er lagt inn ennå."))]
    header = [_("Nr."), _("Måned"), _("Sted"), _("Vertskommune"), _("Tema"), _("Foredragsholdere")]
    rows = [
        [
            text_cell(str(gathering.number)),
            text_cell(format_date(gathering.held_on, "LLLL y")),
            text_cell(gathering.venue or gathering.address),
            text_cell(gathering.host_label),
            text_cell(gathering.focus or gathering.title),
            lines_cell(speakers(gathering)),
        ]
        for gathering in context.gatherings
    ]
    return [DataTable(header, rows, [0.5, 1.3, 1.6, 1.5, 2.2, 2.6], caption=_("Samlingene"))]


def speakers(gathering) -> list[str]:
    """Each speaker of the programme once, in order, with their organisation."""
    seen: dict[str, None] = {}
    for item in gathering.programme:
        name = " ".join(item.speaker.split())
        if not name:
            continue
        organisation = " ".join(item.speaker_organisation.split())
        seen.setdefault(f"{name} ({organisation})" if organisation else name, None)
    return list(seen)
