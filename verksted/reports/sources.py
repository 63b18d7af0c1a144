"""The data sections of the report: each source turns the network's data into blocks.

`Context` loads what several sections share once per report, so drawing a report costs the
same few queries for any number of teams, gatherings and answers. The builders live beside
this module, one module per kind of data: sources_network (organisation, teams, gatherings),
sources_evaluation, sources_results (results and further work) and sources_plan (milestones,
risks, the templates as blank forms).

The composing pages read `quote_candidates`, `final_requests` and `template_fields` here, to
offer the leader quotes to pick and template fields to map to the result columns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import DELIVERED
from verksted.documents.models import (
    DocumentRequest,
    FieldKind,
    Submission,
    TemplateVersion,
)
from verksted.documents.schema import fields
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team
from verksted.polls.models import Answer, Poll, PollQuestion, QuestionKind
from verksted.reports import sources_evaluation, sources_network, sources_plan, sources_results
from verksted.reports.content import Note
from verksted.reports.models import ReportSection, SectionSource
from verksted.reports.sources_context import Context, final_requests

QUOTES_MAX = 300  # the newest open answers, and as many short texts from the teams' documents
QUOTE_LENGTH = 400  # characters; a longer text is cut at a word with «…»
DOCUMENTS_FOR_QUOTES = 100  # the newest delivered documents read for quotes


@dataclass(frozen=True)
class QuoteCandidate:
    text: str
    source: str  # «Fjordvik kommune – Samling 3», «Samling 3 – åpent svar», «Fjordvik kommune – Sluttrapport»


# --- what the composing pages offer -------------------------------------------------------


def quote_candidates(network: Network) -> list[QuoteCandidate]:
    """Open answers from the network's polls (not the hidden ones), newest first, then short
    texts from the teams' delivered documents; each list bounded, each text kept short."""
    return _answer_quotes(network) + _document_quotes(network)


def _answer_quotes(network: Network) -> list[QuoteCandidate]:
    rows = db.session.execute(
        sa.select(Answer.value, Team.municipality, Gathering.number, Poll.title)
        .join(PollQuestion, PollQuestion.id == Answer.question_id)
        .join(Poll, Poll.id == PollQuestion.poll_id)
        .outerjoin(Gathering, Gathering.id == Poll.gathering_id)
        .outerjoin(Team, Team.id == Answer.team_id)
        .where(Poll.network_id == network.id, PollQuestion.kind == QuestionKind.TEXT, Answer.hidden.is_(False))
        .order_by(Answer.created_at.desc(), Answer.id.desc())
        .limit(QUOTES_MAX)
    )
    found = []
    for value, municipality, number, poll_title in rows:
        text = _short(str(value.get("text", ""))) if isinstance(value, dict) else ""
        if not text:
            continue
        occasion = _("Samling %(number)d", number=number) if number is not None else poll_title
        if municipality:
            source = f"{municipality} – {occasion}"
        else:
            source = _("%(occasion)s – åpent svar", occasion=occasion)
        found.append(QuoteCandidate(text, mb.writable(source)))
    return found


def _document_quotes(network: Network) -> list[QuoteCandidate]:
    submissions = db.session.execute(
        sa.select(Submission.answers, TemplateVersion.sections, Team.municipality, DocumentRequest.title)
        .join(DocumentRequest, DocumentRequest.id == Submission.request_id)
        .join(TemplateVersion, TemplateVersion.id == Submission.template_version_id)
        .join(Team, Team.id == Submission.team_id)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
               Submission.state.in_(DELIVERED))
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(DOCUMENTS_FOR_QUOTES)
    )
    found: list[QuoteCandidate] = []
    for answers, sections, municipality, title in submissions:
        source = mb.writable(f"{municipality} – {title}")
        for _section, field in fields(sections or []):
            value = (answers or {}).get(field.get("key"))
            if field.get("kind") != FieldKind.LONG_TEXT.value or not isinstance(value, str):
                continue
            for paragraph in _paragraphs(value):
                found.append(QuoteCandidate(paragraph, source))
                if len(found) >= QUOTES_MAX:
                    return found
    return found


_MARKS = re.compile(r"^\s*(?:[-*+•]|\d+[.)]|#+|>)\s+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def _paragraphs(text: str) -> list[str]:
    """The paragraphs and list items of a Markdown text as plain sentences, each kept short."""
    found = []
    for part in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+•]|\d+[.)])\s)", text.replace("\r\n", "\n")):
        plain = _EMPHASIS.sub("", " ".join(_MARKS.sub("", line) for line in part.splitlines()))
        plain = _short(plain)
        if len(plain) >= 20:  # a heading or a word is no quote
            found.append(plain)
    return found


def _short(text: str, limit: int = QUOTE_LENGTH) -> str:
    text = " ".join(mb.writable(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return f"{cut}…"


def template_fields(request: DocumentRequest) -> list[tuple[str, str]]:
    """(key, label) of every field of the request's template as it is now, in order."""
    versions = request.template.versions
    if not versions:
        return []
    return [(field["key"], mb.writable(field.get("label") or field["key"]))
            for _section, field in fields(versions[-1].sections or []) if field.get("key")]


# --- drawing the data sections ------------------------------------------------------------


def blocks_for(section: ReportSection, context: Context) -> list:
    """The blocks a data section adds after its introduction; none for a narrative section."""
    if section.source is SectionSource.NARRATIVE:
        if not (section.body or "").strip():
            return [Note(_("Denne delen er ikke skrevet ennå."))]
        return []
    builder = _BUILDERS.get(section.source)
    if builder is None:
        return [Note(_("Denne delen kan ikke vises."))]
    return builder(section, context)


_BUILDERS = {
    SectionSource.ORGANISATION: sources_network.organisation,
    SectionSource.TEAMS: sources_network.teams,
    SectionSource.GATHERINGS: sources_network.gatherings,
    SectionSource.EVALUATION: sources_evaluation.evaluation,
    SectionSource.RESULTS: sources_results.results,
    SectionSource.FURTHER_WORK: sources_results.further_work,
    SectionSource.MILESTONES: sources_plan.milestones,
    SectionSource.RISKS: sources_plan.risks,
    SectionSource.TEMPLATES: sources_plan.templates,
}
