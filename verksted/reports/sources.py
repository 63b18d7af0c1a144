"""The data sections of the report: each source turns the network's data into blocks.

`Context` loads what several sections share once per report, so drawing a report costs the
same few queries for any number of teams, gatherings and answers.
"""
from __future__ import annotations

from flask_babel import gettext as _

from verksted.networks.models import Network
from verksted.reports.content import Note
from verksted.reports.models import ReportSection, SectionSource


class Context:
    def __init__(self, network: Network):
        self.network = network
        self.missing: list[str] = []


def blocks_for(section: ReportSection, context: Context) -> list:
    """The blocks a data section adds after its introduction; none for a narrative section."""
    if section.source is SectionSource.NARRATIVE:
        if not section.body.strip():
            return [Note(_("Denne delen er ikke skrevet ennå."))]
        return []
    builder = _BUILDERS.get(section.source)
    if builder is None:
        return [Note(_("Denne delen kan ikke vises."))]
    return builder(section, context)


def _not_built(section: ReportSection, context: Context) -> list:
    return [Note(_("Data for denne delen kommer her."))]


_BUILDERS = {source: _not_built for source in SectionSource if source is not SectionSource.NARRATIVE}
