"""Composing the project report: its front page, and an outline of sections the leader adds,
removes, renames, reorders and writes.

Workflow functions change the session and never commit; the view commits once. A save carries
the revision the writer was shown; a save over a colleague's newer one is refused with
`StaleReport`, and the writer's text is given back to them, never lost.
"""
from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from verksted.accounts.models import User
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.reports.models import Report, ReportSection, SectionSource

TITLE_MAX = 200
BODY_MAX = 200_000  # about a hundred pages of text in one section

# The outline of the seeds' project reports: (title, source).
DEFAULT_OUTLINE: tuple[tuple[object, SectionSource], ...] = (
    (_l("Forord"), SectionSource.NARRATIVE),
    (_l("Sammendrag"), SectionSource.NARRATIVE),
    (_l("Bakgrunn"), SectionSource.NARRATIVE),
    (_l("Mål"), SectionSource.NARRATIVE),
    (_l("Organisering"), SectionSource.ORGANISATION),
    (_l("Deltakende kommuner"), SectionSource.TEAMS),
    (_l("Metode"), SectionSource.NARRATIVE),
    (_l("Gjennomføring"), SectionSource.GATHERINGS),
    (_l("Deltakernes evaluering"), SectionSource.EVALUATION),
    (_l("Resultater"), SectionSource.RESULTS),
    (_l("Implementering og videre arbeid"), SectionSource.FURTHER_WORK),
    (_l("Anbefalinger"), SectionSource.NARRATIVE),
    (_l("Kilder"), SectionSource.NARRATIVE),
    (_l("Vedlegg 1: Milepælsplan"), SectionSource.MILESTONES),
    (_l("Vedlegg 2: Risikovurdering"), SectionSource.RISKS),
    (_l("Vedlegg 3: Maler"), SectionSource.TEMPLATES),
)


class StaleReport(Refused):
    """Someone saved this part of the report after the writer opened it."""


def source_labels() -> dict[SectionSource, str]:
    return {
        SectionSource.NARRATIVE: _("Egen tekst"),
        SectionSource.ORGANISATION: _("Organisering (fra nettverket)"),
        SectionSource.TEAMS: _("Deltakende kommuner (fra nettverket)"),
        SectionSource.GATHERINGS: _("Samlingene (fra samlingene)"),
        SectionSource.EVALUATION: _("Deltakernes evaluering (fra evalueringene)"),
        SectionSource.RESULTS: _("Resultattabell (fra sluttrapportene)"),
        SectionSource.FURTHER_WORK: _("Videre oppgaver (fra sluttrapportene)"),
        SectionSource.MILESTONES: _("Milepælsplan (fra planen)"),
        SectionSource.RISKS: _("Risikovurdering (fra planen)"),
        SectionSource.TEMPLATES: _("Malene som ble brukt (blanke skjema)"),
    }


def report_of(network: Network) -> Report | None:
    """The network's report with its sections, in two queries."""
    return db.session.scalar(
        sa.select(Report).where(Report.network_id == network.id).options(so.selectinload(Report.sections))
    )


def start_report(network: Network, by: User | None = None) -> Report:
    """The network's report with the default outline; the one already there if it exists."""
    existing = report_of(network)
    if existing is not None:
        return existing
    report = Report(
        network=network,
        title=_("Sluttrapport: %(network)s", network=network.name)[:300],
        owner=(network.owner_organisation or "")[:300],
        period=_period(network),
        updated_by_id=_id(by),
    )
    for position, (title, source) in enumerate(DEFAULT_OUTLINE, start=1):
        report.sections.append(
            ReportSection(position=position, title=str(title), source=source, body=_starter_body(network, source),
                          options={}, updated_by_id=_id(by))
        )
    db.session.add(report)
    return report


def _period(network: Network) -> str:
    years = sorted({day.year for day in (network.starts_on, network.ends_on) if day is not None})
    return "–".join(str(year) for year in years)


def _starter_body(network: Network, source: SectionSource) -> str:
    return ""


def update_front_page(report: Report, data: Mapping, base_revision: int, by: User | None = None) -> None:
    """Title, subtitle, owner and period of the front page."""
    _check_revision(report.revision, base_revision)
    title = (data.get("title") or "").strip()
    if not title:
        raise Refused(_("Rapporten må ha en tittel."), field="title")
    report.title = title[:300]
    report.subtitle = (data.get("subtitle") or "").strip()[:300]
    report.owner = (data.get("owner") or "").strip()[:300]
    report.period = (data.get("period") or "").strip()[:120]
    _touch(report, by)


def add_section(report: Report, title: str, source: SectionSource, by: User | None = None) -> ReportSection:
    section = ReportSection(position=len(report.sections) + 1, title=_title(title), source=source, body="",
                            options={}, updated_by_id=_id(by))
    report.sections.append(section)
    _touch(report, by)
    return section


def remove_section(section: ReportSection, by: User | None = None) -> None:
    report = section.report
    report.sections.remove(section)
    _renumber(report)
    _touch(report, by)


def rename_section(section: ReportSection, title: str, by: User | None = None) -> None:
    section.title = _title(title)
    _touch_section(section, by)


def move_section(section: ReportSection, step: int, by: User | None = None) -> None:
    """Up (-1) or down (+1) one place; nothing at either end."""
    sections = list(section.report.sections)
    index = sections.index(section)
    other = index + step
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
        for position, item in enumerate(sections, start=1):
            item.position = position
        _touch(section.report, by)


def save_section(section: ReportSection, body: str, base_revision: int, by: User | None = None,
                 options: Mapping | None = None) -> None:
    """The section's text (and, for a data section, its options) as the writer last saw them."""
    _check_revision(section.revision, base_revision)
    if len(body) > BODY_MAX:
        raise Refused(_("Teksten er for lang (over %(max)d tegn). Del den i flere deler.", max=BODY_MAX), field="body")
    section.body = body.replace("\r\n", "\n")
    if options is not None:
        section.options = dict(options)
    _touch_section(section, by)


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Delen må ha en tittel."), field="title")
    if len(title) > TITLE_MAX:
        raise Refused(_("Tittelen kan være høyst %(max)d tegn.", max=TITLE_MAX), field="title")
    return title


def _check_revision(current: int, base_revision: int) -> None:
    if base_revision != current:
        raise StaleReport(_("Noen andre har lagret denne delen etter at du åpnet den. Teksten din er ikke lagret: "
                            "se hva som er endret, og lagre igjen."))


def _renumber(report: Report) -> None:
    for position, item in enumerate(report.sections, start=1):
        item.position = position


def _touch(report: Report, by: User | None) -> None:
    report.revision += 1
    report.updated_by_id = _id(by)


def _touch_section(section: ReportSection, by: User | None) -> None:
    section.revision += 1
    section.updated_by_id = _id(by)
    section.report.updated_by_id = _id(by)


def _id(user: User | None) -> int | None:
    return user.id if user is not None else None
