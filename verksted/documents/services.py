"""The core of the documents workflow: templates and their versions, requests and their
assignments, and a team's submission saved as versions.

Services change the session and queue mail; the view commits once. JSON columns are replaced,
never changed in place, so SQLAlchemy notices every change.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.accounts.models import User
from verksted.clock import today, utcnow
from verksted.documents import schema
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    DueRule,
    Submission,
    SubmissionState,
    SubmissionVersion,
    TemplateVersion,
)
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team, TeamStatus


def kind_names() -> dict[DocumentKind, str]:
    return {
        DocumentKind.HOVEDPLAN: _("Hovedplan"),
        DocumentKind.FREMDRIFTSPLAN: _("Fremdriftsplan"),
        DocumentKind.STATUSRAPPORT: _("Statusrapport"),
        DocumentKind.SLUTTRAPPORT: _("Sluttrapport"),
        DocumentKind.OTHER: _("Annet dokument"),
    }


def kind_label(template: DocumentTemplate) -> str:
    return template.kind_label or kind_names()[template.kind]


# --- Templates ------------------------------------------------------------------------------


def current_version(template: DocumentTemplate) -> TemplateVersion:
    return template.versions[-1]


def create_template(
    network: Network,
    kind: DocumentKind,
    title: str,
    sections: list[dict],
    introduction: str = "",
    length_guide: str = "",
    word_budget: int | None = None,
    kind_label: str = "",
    created_by: User | None = None,
) -> DocumentTemplate:
    template = DocumentTemplate(network=network, kind=kind, kind_label=kind_label, title=title)
    template.versions.append(
        TemplateVersion(
            number=1, introduction=introduction, length_guide=length_guide, word_budget=word_budget,
            sections=sections, created_by_id=created_by.id if created_by else None,
        )
    )
    db.session.add(template)
    return template


def revise_template(template: DocumentTemplate, changed_by: User | None = None, **content) -> TemplateVersion:
    """Change a template's content without touching documents already written.

    The current version is edited in place while no submission uses it; otherwise the change
    becomes a new version and existing submissions keep theirs.
    """
    version = current_version(template)
    in_use = db.session.scalar(sa.select(Submission.id).where(Submission.template_version_id == version.id).limit(1))
    if in_use:
        version = TemplateVersion(
            number=version.number + 1,
            introduction=version.introduction,
            length_guide=version.length_guide,
            word_budget=version.word_budget,
            sections=version.sections,
            created_by_id=changed_by.id if changed_by else None,
        )
        template.versions.append(version)
    for key, value in content.items():
        setattr(version, key, value)
    return version


# --- Requests and deadlines -----------------------------------------------------------------


DAYS_BEFORE_MIN, DAYS_BEFORE_MAX = -60, 180  # negative: days after the gathering


def due_date_for(gathering: Gathering, days_before: int) -> date:
    return gathering.held_on - timedelta(days=days_before)


def check_days_before(days_before: int | None) -> None:
    """A deadline relative to a gathering falls from 60 days after it to 180 days before it."""
    if days_before is None:
        raise Refused(_("Skriv hvor mange dager før eller etter samlingen fristen er."), field="days_before")
    if not DAYS_BEFORE_MIN <= days_before <= DAYS_BEFORE_MAX:
        raise Refused(_("Fristen kan være fra %(after)d dager etter til %(before)d dager før samlingen.",
                        after=-DAYS_BEFORE_MIN, before=DAYS_BEFORE_MAX), field="days_before")


def create_request(
    network: Network,
    template: DocumentTemplate,
    title: str,
    due_on: date | None = None,
    gathering: Gathering | None = None,
    days_before: int | None = None,
    period_from: date | None = None,
    period_to: date | None = None,
    teams: list[Team] | None = None,
    instructions: str = "",
    series: str = "",
    created_by: User | None = None,
    remind_days_before: int = 7,
) -> DocumentRequest:
    """Ask teams (default: every active team) for a document by a date or N days before a gathering.

    A negative `days_before` puts the deadline after the gathering: a fremdriftsplan is begun at
    one gathering and due some days later.
    """
    if template.network is not network:
        raise Refused(_("Malen hører til et annet nettverk."), field="template_id")
    if gathering is not None:
        if gathering.network is not network:
            raise Refused(_("Samlingen hører til et annet nettverk."), field="gathering_id")
        check_days_before(days_before)
        due_rule, due_on = DueRule.BEFORE_GATHERING, due_date_for(gathering, days_before)
    elif due_on is None:
        raise Refused(_("Velg en frist: en dato, eller et antall dager før en samling."), field="due_on")
    else:
        due_rule, days_before = DueRule.FIXED, None
    if period_from and period_to and period_to < period_from:
        raise Refused(_("Perioden kan ikke slutte før den begynner."), field="period_to")
    if teams is None:
        teams = [team for team in network.teams if team.status is TeamStatus.ACTIVE]
    if any(team.network is not network for team in teams):
        raise Refused(_("Et av teamene hører til et annet nettverk."), field="team_ids")
    request = DocumentRequest(
        network=network, template=template, title=title, instructions=instructions,
        due_rule=due_rule, due_on=due_on, gathering=gathering, days_before=days_before,
        period_from=period_from, period_to=period_to, series=series, remind_days_before=remind_days_before,
        created_by_id=created_by.id if created_by else None,
    )
    request.assignments = [Assignment(team=team) for team in teams]
    db.session.add(request)
    return request


def live_request(request_id: int) -> DocumentRequest:
    """A request that still exists; a deleted one is refused with a message, not a 500."""
    request = db.session.get(DocumentRequest, request_id)
    if request is None or request.is_deleted:
        raise Refused(_("Denne innleveringen er slettet av prosjektlederen. Teksten din er ikke borte: "
                        "ta kontakt med prosjektlederen om hvor den skal leveres."))
    return request


def assignment_for(request: DocumentRequest, team: Team) -> Assignment:
    assignment = next((a for a in request.assignments if a.team_id == team.id), None)
    if assignment is None:
        raise Refused(_("%(team)s er ikke bedt om dette dokumentet.", team=team.municipality))
    return assignment


# --- Submissions ----------------------------------------------------------------------------


def submission_for(assignment: Assignment, user: User | None = None) -> Submission:
    """The team's document for a request, begun (with carried-forward answers) on first open."""
    submission = db.session.scalar(
        sa.select(Submission).where(
            Submission.request_id == assignment.request_id, Submission.team_id == assignment.team_id
        )
    )
    if submission is not None:
        return submission
    version = current_version(assignment.request.template)
    submission = Submission(
        request=assignment.request,
        team=assignment.team,
        template_version=version,
        answers=carried_forward(assignment.team, version.sections),
        updated_by_id=user.id if user else None,
    )
    db.session.add(submission)
    return submission


def carried_forward(team: Team, sections: list[dict]) -> dict:
    """Answers to fields marked `carry` (effektmål, resultatmål, tiltak) from the team's latest
    document that has them, so the next document starts from where the team stands."""
    wanted = {field["carry"]: field["key"] for _section, field in schema.fields(sections) if field.get("carry")}
    if not wanted:
        return {}
    found: dict = {}
    earlier = db.session.scalars(
        sa.select(Submission)
        .where(Submission.team_id == team.id)
        .options(sa.orm.selectinload(Submission.template_version))
        .order_by(Submission.updated_at.desc())
    )
    for submission in earlier:
        for _section, field in schema.fields(submission.template_version.sections):
            carry = field.get("carry")
            if carry in wanted and wanted[carry] not in found:
                value = submission.answers.get(field["key"])
                if not schema.is_empty(value):
                    found[wanted[carry]] = value
        if len(found) == len(wanted):
            break
    return found


@dataclass
class StaleRevision(Exception):
    """Someone saved the document since this writer loaded it; nothing was overwritten."""

    submission: Submission
    theirs: dict  # the answers now stored
    mine: dict  # the answers this writer tried to save


def save_answers(
    submission: Submission, raw: dict, base_revision: int, user: User, event: str = "save"
) -> schema.Cleaned:
    """Save a team's answers as a new version, unless someone else saved in the meantime.

    Valid answers are stored even when others have errors, so nothing typed is lost; the errors
    are returned for the page to show.
    """
    if submission.state not in (SubmissionState.DRAFT, SubmissionState.RETURNED):
        raise Refused(_("Dokumentet er sendt inn og låst. Ta det tilbake for å endre det."))
    if base_revision != submission.revision:
        raise StaleRevision(submission, theirs=submission.answers, mine=raw)
    cleaned = schema.clean_answers(submission.template_version.sections, raw)
    if cleaned.answers != submission.answers:
        _record(submission, dict(cleaned.answers), user, event)
    return cleaned


AUTOSAVE_COALESCE = timedelta(minutes=10)


def _record(submission: Submission, answers: dict, user: User, event: str) -> None:
    """Store the answers and keep them as a version.

    Autosaves by one writer within ten minutes update one version instead of making dozens.
    """
    now = utcnow()
    submission.answers = answers
    submission.revision += 1
    submission.updated_at = now
    submission.updated_by_id = user.id
    last = None
    if submission.id is not None:
        last = db.session.scalar(
            sa.select(SubmissionVersion)
            .where(SubmissionVersion.submission_id == submission.id)
            .order_by(SubmissionVersion.number.desc())
            .limit(1)
        )
    if (
        last is not None and event == "autosave" and last.event == "autosave"
        and last.saved_by_id == user.id and now - last.saved_at < AUTOSAVE_COALESCE
    ):
        last.answers, last.saved_at = answers, now
        return
    number = last.number + 1 if last is not None else 1
    db.session.add(
        SubmissionVersion(submission=submission, number=number, answers=answers, event=event, saved_by_id=user.id, saved_at=now)
    )


def is_late(assignment: Assignment, on: date | None = None) -> bool:
    return (on or today()) > assignment.due_on
