"""Composing the project report: its front page, and an outline of sections the leader adds,
removes, renames, reorders and writes.

Workflow functions change the session and never commit; the view commits once. A save carries
the revision the writer was shown; a save over a colleague's newer one is refused with
`StaleReport`, and the writer's text is given back to them, never lost.
"""
from __future__ import annotations

import hashlib
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image

from verksted.accounts.models import User
from verksted.documents import schema
from verksted.documents.models import FieldKind
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Network, Team
from verksted.polls.services import evaluation_template
from verksted.reports.content import FURTHER_COLUMNS, RESULT_COLUMNS
from verksted.reports.models import Report, ReportSection, SectionSource

TITLE_MAX = 200
BODY_MAX = 200_000  # about a hundred pages of text in one section
LOGO_MAX_BYTES = 2 * 2**20
LOGO_MAX_PIXELS = 25_000_000  # a front-page logo needs far fewer; more only costs memory when drawn
LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}

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


TABLE_COLUMNS = {SectionSource.RESULTS: RESULT_COLUMNS, SectionSource.FURTHER_WORK: FURTHER_COLUMNS}


class StaleReport(Refused):
    """Someone saved this part of the report after the writer opened it."""


def source_labels() -> dict[SectionSource, str]:
    return {
        SectionSource.NARRATIVE: _("Egen tekst"),
        SectionSource.ORGANISATION: _("Organisering (fra nettverket)"),
        SectionSource.TEAMS: _("Deltakende kommuner (fra nettverket)"),
        SectionSource.GATHERINGS: _("Samlingene (fra nettverkets samlinger)"),
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


def outline_of(network: Network) -> Report | None:
    """The report for its outline page: sections and who changed each last, in a fixed few queries."""
    return db.session.scalar(
        sa.select(Report).where(Report.network_id == network.id).options(
            so.selectinload(Report.sections).selectinload(ReportSection.updated_by),
            so.selectinload(Report.updated_by),
        )
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
            ReportSection(position=position, title=str(title), source=source,
                          body=_starter_body(network, str(title), source), options={}, updated_by_id=_id(by))
        )
    db.session.add(report)
    return report


def _period(network: Network) -> str:
    years = sorted({day.year for day in (network.starts_on, network.ends_on) if day is not None})
    return "–".join(str(year) for year in years)


def _starter_body(network: Network, title: str, source: SectionSource) -> str:
    """A first draft the leader edits: the network's goals under «Mål», the method under «Metode»."""
    if source is not SectionSource.NARRATIVE:
        return ""
    if title == _("Mål"):
        return _goals_text(network)
    if title == _("Metode"):
        return _method_text()
    return ""


def _goals_text(network: Network) -> str:
    parts = []
    if network.main_goal.strip():
        parts.append(_("**Hovedmål:** %(goal)s", goal=" ".join(network.main_goal.split())))
    goals = [" ".join(goal.text.split()) for goal in network.goals if goal.text.strip()]
    if goals:
        parts.append(_("Delmål:") + "\n\n" + "\n".join(f"- {goal}" for goal in goals))
    return "\n\n".join(parts)


def _method_text() -> str:
    return "\n\n".join((
        _("Nettverket har arbeidet etter metoden utviklingsverksted: et lærende nettverk der tverrfaglige "
          "team fra hver kommune arbeider med egne tiltak over tid, og lærer av hverandre underveis."),
        _("Teamene har møttes på samlinger. Første del av hver samling har hatt faglige innlegg, andre del "
          "gruppearbeid, både i eget team og på tvers av kommunene."),
        _("Mellom samlingene har teamene arbeidet med tiltakene i egen kommune og levert en hovedplan, "
          "fremdriftsplaner, statusrapporter og til slutt en sluttrapport. Prosjektleder har fulgt opp "
          "teamene underveis, og deltakerne har evaluert hver samling."),
    ))


def update_front_page(report: Report, data: Mapping, base_revision: int, by: User | None = None,
                      logo: bytes | None = None, remove_logo: bool = False) -> None:
    """Title, subtitle, owner and period of the front page, and a new logo or none. A logo that
    is refused leaves the report as it was."""
    _check_revision(report.revision, base_revision)
    title = (data.get("title") or "").strip()
    if not title:
        raise Refused(_("Rapporten må ha en tittel."), field="title")
    logo_type = logo_type_of(logo) if logo else ""
    report.title = title[:300]
    report.subtitle = (data.get("subtitle") or "").strip()[:300]
    report.owner = (data.get("owner") or "").strip()[:300]
    report.period = (data.get("period") or "").strip()[:120]
    if logo:
        report.logo, report.logo_type = logo, logo_type
    elif remove_logo:
        report.logo, report.logo_type = None, ""
    report.revision += 1
    _touch(report, by)


def logo_type_of(data: bytes) -> str:
    """image/png or image/jpeg, after Pillow has read the file; anything else is refused."""
    if len(data) > LOGO_MAX_BYTES:
        raise Refused(_("Logoen er for stor. Den kan være høyst %(mb)d MB.", mb=LOGO_MAX_BYTES // 2**20),
                      field="logo")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                image.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise Refused(_("Filen er ikke et bilde. Last opp logoen som PNG eller JPEG."), field="logo") from None
    if kind not in LOGO_TYPES:
        raise Refused(_("Logoen må være en PNG- eller JPEG-fil."), field="logo")
    if width * height > LOGO_MAX_PIXELS:
        raise Refused(_("Logoen har for mange piksler. Lag den mindre, for eksempel 1000 piksler bred."), field="logo")
    return LOGO_TYPES[kind]


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
    report = section.report
    sections = sorted(report.sections, key=lambda item: item.position)
    index = sections.index(section)
    other = index + step
    if 0 <= other < len(sections):
        sections[index], sections[other] = sections[other], sections[index]
        for position, item in enumerate(sections, start=1):
            item.position = position
        report.sections.sort(key=lambda item: item.position)  # the same members, in their new order
        _touch(report, by)


def save_section(section: ReportSection, body: str, base_revision: int, by: User | None = None,
                 options: Mapping | None = None, title: str | None = None) -> None:
    """The section's title and text (and, for a data section, its options) as the writer last saw them."""
    _check_revision(section.revision, base_revision)
    if len(body) > BODY_MAX:
        raise Refused(_("Teksten er for lang (over %(max)d tegn). Del den i flere deler.", max=BODY_MAX), field="body")
    if title is not None:
        section.title = _title(title)
    section.body = body.replace("\r\n", "\n")
    if options is not None:
        section.options = dict(options)
    _touch_section(section, by)


# --- what a section's editor offers ---------------------------------------------------------


@dataclass
class TeamCells:
    """A team's row of a results table in the editor: its own text per column, from its sluttrapport."""

    team: Team
    delivered: bool
    own: dict[str, str]


@dataclass
class Offer:
    """What the editor of a data section lets the leader choose from, for its kind of data."""

    questions: list = field(default_factory=list)  # the evaluation template's scale and programme questions
    quotes: list[dict] = field(default_factory=list)  # the quotes picked so far
    candidates: list = field(default_factory=list)  # QuoteCandidate: open answers and team documents
    templates: list = field(default_factory=list)  # the network's document templates
    requests: list = field(default_factory=list)  # the sluttrapport requests, newest first
    request: object = None  # the one the table reads
    fields: list[tuple[str, str]] = field(default_factory=list)  # (key, label) of its template
    columns: dict[str, list[str]] = field(default_factory=dict)  # column: field keys feeding it
    column_labels: dict[str, str] = field(default_factory=dict)
    rows: list[TeamCells] = field(default_factory=list)


def quote_key(quote) -> str:
    """A quote's key in the editor's checkboxes, the same however the lists change meanwhile."""
    text, source = (quote["text"], quote["source"]) if isinstance(quote, Mapping) else (quote.text, quote.source)
    return hashlib.sha256(f"{source}\n{text}".encode()).hexdigest()[:16]


def editor_offer(section: ReportSection) -> Offer:
    from verksted.reports import sources
    from verksted.reports.sources_context import Context, options_of

    network = section.report.network
    options = options_of(section)
    if section.source is SectionSource.EVALUATION:
        quotes = [quote for quote in options.get("quotes", []) if isinstance(quote, Mapping) and quote.get("text")]
        picked = {quote_key(quote) for quote in quotes}
        return Offer(
            questions=[question for question in evaluation_template(network) if question.kind.is_numeric],
            quotes=quotes,
            candidates=[candidate for candidate in sources.quote_candidates(network) if quote_key(candidate) not in picked],
        )
    if section.source is SectionSource.TEMPLATES:
        return Offer(templates=Context(network).templates)
    if section.source in TABLE_COLUMNS:
        return _table_offer(Context(network), options, TABLE_COLUMNS[section.source])
    return Offer()


def _table_offer(context, options: Mapping, columns: tuple[str, ...]) -> Offer:
    from verksted.reports import sources
    from verksted.reports.sources_results import COLUMN_LABELS, chosen_request, column_fields

    request = chosen_request(options, context)
    offer = Offer(requests=context.final_requests, request=request,
                  column_labels={column: str(COLUMN_LABELS[column]) for column in columns})
    if request is None:
        return offer
    offer.fields = sources.template_fields(request)
    offer.columns = column_fields(options, columns)
    reports = context.final_reports(request)
    for team in context.active_teams:
        submission = reports.get(team.id)
        own = {column: _own_text(submission, keys) for column, keys in offer.columns.items()}
        offer.rows.append(TeamCells(team, submission is not None, own))
    return offer


def _own_text(submission, keys: list[str]) -> str:
    """What the team wrote in the fields feeding a column, as Markdown: a table's rows as a list,
    the way the report's cell shows them."""
    if submission is None:
        return ""
    by_key = schema.field_by_key(submission.template_version.sections or [])
    answers = submission.answers or {}
    texts = (_answer_text(by_key[key], answers.get(key)) for key in keys if key in by_key)
    return "\n\n".join(text for text in texts if text)


def _answer_text(field_: Mapping, value) -> str:
    if field_.get("kind") == FieldKind.TABLE.value and isinstance(value, list):
        rows = (" – ".join(str(cell).strip() for cell in row if str(cell).strip()) if isinstance(row, list)
                else str(row).strip() for row in value)
        return "\n".join(f"- {row}" for row in rows if row)
    return schema.as_text(field_, value).strip()


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
    for position, item in enumerate(sorted(report.sections, key=lambda item: item.position), start=1):
        item.position = position


def _touch(report: Report, by: User | None) -> None:
    """Who changed the report last. The outline's one-click changes (add, move, remove) leave
    the front page's revision alone: they cannot overwrite what someone is typing there."""
    report.updated_by_id = _id(by)


def _touch_section(section: ReportSection, by: User | None) -> None:
    section.revision += 1
    section.updated_by_id = _id(by)
    section.report.updated_by_id = _id(by)


def _id(user: User | None) -> int | None:
    return user.id if user is not None else None
