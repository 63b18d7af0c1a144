"""Project reports for the demo, and a finished network to report on.

`seed(network, leader)` begins the running demo network's report: the default outline, a
foreword and background written, one quote picked. `finished_network(...)` makes a whole
finished learning network with its complete report; the demo shows one of eight teams, and
bench/report.py makes one of sixty. Both change the session only; the caller commits.
"""
from __future__ import annotations

import io
import random
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from PIL import Image, ImageDraw

from verksted.accounts.models import User
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, Submission
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.polls import services as poll_services
from verksted.polls.models import QuestionKind
from verksted.reports import demo_network, services, sources
from verksted.reports import demo_report_texts as words
from verksted.reports.demo_team_documents import MEASURED
from verksted.reports.models import Report, ReportSection, SectionSource

FINISHED_NAME = "Kompetanseløft i Nordfjella 2023–2025"
QUOTES_PICKED = 6

# The introduction each data section of the finished report opens with.
INTRODUCED = {
    SectionSource.ORGANISATION: "organisation", SectionSource.TEAMS: "teams",
    SectionSource.GATHERINGS: "gatherings", SectionSource.EVALUATION: "evaluation",
    SectionSource.RESULTS: "results", SectionSource.FURTHER_WORK: "further_work",
    SectionSource.MILESTONES: "milestones", SectionSource.RISKS: "risks", SectionSource.TEMPLATES: "templates",
}


def seed(network: Network, leader: User) -> Report:
    """The running network's report, just begun: a foreword and background, one quote picked."""
    db.session.flush()
    report = services.start_report(network, by=leader)
    db.session.flush()
    sections = _by_title(report)
    _write(sections.get(_("Forord")), words.RUNNING_FOREWORD, leader)
    _write(sections.get(_("Bakgrunn")), words.RUNNING_BACKGROUND, leader)
    evaluation = _first(report, SectionSource.EVALUATION)
    if evaluation is not None:
        picked = _picked_quotes(network, 1)
        _write(evaluation, evaluation.body, leader, options={**(evaluation.options or {}), "quotes": picked})
    return report


def finished_network(name: str, teams: int = 8, answers_per_gathering: int = 25, leader: User | None = None,
                     starts_on: date = date(2023, 9, 1)) -> Network:
    """A complete, finished utviklingsverksted with its whole project report (see the module doc)."""
    rng = random.Random(f"{name}/{teams}/{answers_per_gathering}")
    built = demo_network.network_with_teams(name, teams, leader, starts_on, rng)
    demo_network.gatherings(built)
    demo_network.withdraw(built)
    demo_network.evaluations(built, answers_per_gathering, rng)
    demo_network.documents(built, rng)
    demo_network.plan(built)
    db.session.flush()
    _full_report(built)
    db.session.flush()
    return built.network


# --- the finished network's report --------------------------------------------------------


def _full_report(built: demo_network.Built) -> Report:
    network, leader = built.network, built.leader
    report = services.start_report(network, by=leader)
    db.session.flush()
    services.update_front_page(report, {
        "title": network.name.split(" 20")[0],
        "subtitle": "Sluttrapport fra utviklingsverkstedet for å rekruttere og beholde i helse og omsorg",
        "owner": network.owner_organisation, "period": report.period,
    }, report.revision, by=leader, logo=_logo())
    facts = _facts(built)
    bodies = {
        _("Forord"): words.foreword(facts), _("Sammendrag"): words.summary(facts),
        _("Bakgrunn"): words.background(facts),
        _("Mål"): words.goals(network.main_goal, [goal.text for goal in network.goals]),
        _("Metode"): words.method(facts), _("Anbefalinger"): words.recommendations(facts),
        _("Kilder"): words.sources(facts),
    }
    for section in report.sections:
        if section.is_narrative:
            _write(section, bodies.get(section.title, section.body), leader)
        elif section.source in INTRODUCED:
            _write(section, words.INTRODUCTIONS[INTRODUCED[section.source]], leader,
                   options=_options(built, section))
    return report


def _options(built: demo_network.Built, section: ReportSection) -> dict | None:
    if section.source is SectionSource.EVALUATION:
        scales = [q.id for q in poll_services.evaluation_template(built.network) if q.kind is QuestionKind.SCALE]
        return {"questions": scales, "quotes": _picked_quotes(built.network, QUOTES_PICKED)}
    if section.source is SectionSource.RESULTS:
        return {"cells": _edited_cell(built)}
    return None


def _picked_quotes(network: Network, how_many: int) -> list[dict]:
    """What a leader would pick: open answers from different municipalities and gatherings, in
    the order of the gatherings, and one passage from a team's sluttrapport."""
    picked: dict[str, dict] = {}
    municipalities = set()
    candidates = sources.quote_candidates(network)
    for candidate in candidates:
        municipality, _sep, occasion = candidate.source.rpartition(" – ")
        if (not occasion.startswith("Samling") or len(candidate.text) < 45 or occasion in picked
                or municipality in municipalities):
            continue
        municipalities.add(municipality)
        picked[occasion] = {"text": candidate.text, "source": candidate.source}
    quotes = [picked[occasion] for occasion in sorted(picked, key=_number)][: max(how_many - 1, 1)]
    final = next((c for c in candidates if c.source.endswith("Sluttrapport") and 60 <= len(c.text) <= 240), None)
    if final is not None and len(quotes) < how_many:
        quotes.append({"text": final.text, "source": final.source})
    return quotes


def _number(occasion: str) -> int:
    digits = "".join(ch for ch in occasion if ch.isdigit())
    return int(digits) if digits else 0


def _edited_cell(built: demo_network.Built) -> dict[str, str]:
    """The first team's results, shortened to its first two paragraphs for the report."""
    answers = db.session.scalar(
        sa.select(Submission.answers)
        .join(DocumentRequest, DocumentRequest.id == Submission.request_id)
        .join(DocumentTemplate, DocumentTemplate.id == DocumentRequest.template_id)
        .where(DocumentRequest.network_id == built.network.id, DocumentTemplate.kind == DocumentKind.SLUTTRAPPORT,
               Submission.team_id == built.active[0].id)
    )
    if not answers:
        return {}
    paragraphs = answers.get("f-resultater", "").split("\n\n")
    measured = next((i for i, paragraph in enumerate(paragraphs) if paragraph == MEASURED), len(paragraphs))
    kept = paragraphs[2:4] + paragraphs[measured:measured + 2]
    return {f"{built.active[0].id}/resultater": "\n\n".join(kept)}


def _facts(built: demo_network.Built) -> words.Facts:
    network = built.network

    def mean(value: float) -> str:
        return f"{value:.1f}".replace(".", ",")

    withdrawn = built.withdrawn
    return words.Facts(
        network=network.name, leader=built.leader.name, owner=network.owner_organisation,
        starts=words.month(network.starts_on), ends=words.month(network.ends_on), teams=len(built.teams),
        active=len(built.active), withdrawn=withdrawn.municipality if withdrawn else "",
        withdrawn_when=words.month(withdrawn.withdrawn_on) if withdrawn else "",
        finals=built.finals, missing=built.missing.municipality if built.missing else "",
        answers=built.answered,
        across_first=mean(built.across_means[0]) if built.across_means else "",
        across_last=mean(built.across_means[-1]) if built.across_means else "",
        places=[g.host_label for g in built.gatherings],
    )


def _logo() -> bytes:
    """A small invented logo: two overlapping circles and a wordmark-like bar."""
    image = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 110, 110), fill=(31, 94, 140))
    draw.ellipse((60, 10, 160, 110), fill=(227, 140, 45))
    draw.rectangle((180, 40, 350, 56), fill=(31, 94, 140))
    draw.rectangle((180, 66, 310, 80), fill=(120, 120, 120))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# --- helpers ------------------------------------------------------------------------------


def _by_title(report: Report) -> dict[str, ReportSection]:
    return {section.title: section for section in report.sections}


def _first(report: Report, source: SectionSource) -> ReportSection | None:
    return next((section for section in report.sections if section.source is source), None)


def _write(section: ReportSection | None, body: str, leader: User, options: dict | None = None) -> None:
    """As the leader typed it in the section's editor."""
    if section is not None:
        services.save_section(section, body, section.revision, by=leader, options=options)
