"""The next cycle: a new network started from a finished one.

What a project leader builds once and uses again is copied: the settings, the organisation,
the document templates, the evaluation template, the report's outline, the milestone pattern
(moved to the new period), the risk register and the main activities. What belongs to the old
cycle's people stays behind: teams, members, invitations, requests and documents, gatherings,
polls and their answers. Like every workflow here it changes the session and never commits.
"""
from __future__ import annotations

import copy
from datetime import date

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from verksted.accounts.models import User
from verksted.clock import today
from verksted.documents.models import DocumentTemplate, FeedbackPhrase, TemplateVersion
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Membership, Network, NetworkGoal, OrganisationMember, Role
from verksted.plan.models import Activity, Milestone, MilestoneStatus, Risk, RiskStatus
from verksted.polls.models import EvaluationQuestion, EvaluationQuestionVersion
from verksted.polls.services import evaluation_template
from verksted.reports.models import Report, ReportSection, SectionSource
from verksted.reports.services import report_of

NAME_MAX = 200

# What the form tells the leader before they start: (copied, left behind).
COPIED = (
    _l("Beskrivelse, eier, hovedmål og delmål"),
    _l("Organiseringen: styringsgruppe, arbeidsgruppe og referansegruppe"),
    _l("Dokumentmalene, i siste versjon"),
    _l("Evalueringsmalen, med spørsmålene slik de er formulert nå"),
    _l("Prosjektrapportens disposisjon: delene, rekkefølgen og valgene deres, uten teksten"),
    _l("Milepælsplanen, flyttet til den nye perioden og satt til «ikke startet»"),
    _l("Risikovurderingen, som et utgangspunkt med alle risikoer åpne"),
    _l("Hovedaktivitetene og dine faste tilbakemeldingsfraser"),
)
LEFT_BEHIND = (
    _l("Kommuneteamene, medlemmene og invitasjonene"),
    _l("Innleveringer, teamenes dokumenter, kommentarer og vurderinger"),
    _l("Samlingene med program, påmeldinger og filer"),
    _l("Avstemningene og alle svar"),
    _l("Historikken til milepælene"),
)


def start_next_network(source: Network, name: str, starts_on: date | None, ends_on: date | None,
                       by: User) -> Network:
    """A new network for the next cycle, built from `source`; `by` becomes its project leader."""
    name = " ".join((name or "").split())
    _check(name, starts_on, ends_on)
    network = Network(
        name=name, description=source.description, owner_organisation=source.owner_organisation,
        main_goal=source.main_goal, starts_on=starts_on, ends_on=ends_on,
        goals=[NetworkGoal(position=goal.position, text=goal.text) for goal in source.goals],
        organisation=[OrganisationMember(group=member.group, position=member.position, name=member.name,
                                         role=member.role, organisation=member.organisation)
                      for member in source.organisation],
    )
    db.session.add(network)
    network.memberships.append(Membership(user=by, role=Role.FACILITATOR))
    templates = _copy_templates(source, network, by)
    questions = _copy_evaluation(source, network, by)
    db.session.flush()  # the report's options name the copied templates and questions by id
    _copy_report(source, network, by, templates, questions)
    _copy_plan(source, network, _months_between(_start_of(source), starts_on))
    db.session.add_all(FeedbackPhrase(network_id=network.id, text=phrase.text, position=phrase.position)
                       for phrase in _rows(FeedbackPhrase, source, FeedbackPhrase.position))
    return network


def has_ended(network: Network) -> bool:
    """Past its end date: the network's page offers its leader the next cycle."""
    return network.ends_on is not None and network.ends_on < today()


def _check(name: str, starts_on: date | None, ends_on: date | None) -> None:
    if not name:
        raise Refused(_("Skriv et navn på det nye nettverket."), field="name")
    if len(name) > NAME_MAX:
        raise Refused(_("Navnet kan være høyst %(max)d tegn.", max=NAME_MAX), field="name")
    if starts_on is None:
        raise Refused(_("Skriv datoen det nye nettverket starter."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise Refused(_("Sluttdatoen kan ikke være før startdatoen."), field="ends_on")


def _rows(model, source: Network, *order):
    return db.session.scalars(sa.select(model).where(model.network_id == source.id).order_by(*order, model.id))


# --- templates and the evaluation: their current wording as version 1 -----------------------


def _copy_templates(source: Network, network: Network, by: User) -> dict[int, DocumentTemplate]:
    """Every template in use (not archived), its latest version as the new one's first."""
    templates = db.session.scalars(
        sa.select(DocumentTemplate)
        .where(DocumentTemplate.network_id == source.id, DocumentTemplate.archived_at.is_(None))
        .order_by(DocumentTemplate.position, DocumentTemplate.id)
        .options(so.selectinload(DocumentTemplate.versions))
    )
    copies = {}
    for template in templates:
        if not template.versions:
            continue
        latest = template.versions[-1]
        copies[template.id] = DocumentTemplate(
            network=network, kind=template.kind, kind_label=template.kind_label, title=template.title,
            position=template.position,
            versions=[TemplateVersion(number=1, introduction=latest.introduction, length_guide=latest.length_guide,
                                      word_budget=latest.word_budget, sections=copy.deepcopy(latest.sections),
                                      created_by_id=by.id)],
        )
    db.session.add_all(copies.values())
    return copies


def _copy_evaluation(source: Network, network: Network, by: User) -> dict[int, EvaluationQuestion]:
    """The questions still in the template (not the retired ones), each with its current wording."""
    copies = {}
    for question in evaluation_template(source):
        current = question.current
        copies[question.id] = EvaluationQuestion(
            network=network, position=question.position, kind=question.kind,
            versions=[EvaluationQuestionVersion(number=1, prompt=current.prompt,
                                                settings=copy.deepcopy(current.settings), created_by_id=by.id)],
        )
    db.session.add_all(copies.values())
    return copies


# --- the report's outline: titles, kinds and the options that do not point at old data ------


def _copy_report(source: Network, network: Network, by: User, templates: dict[int, DocumentTemplate],
                 questions: dict[int, EvaluationQuestion]) -> None:
    report = report_of(source)
    if report is None:
        return
    years = sorted({day.year for day in (network.starts_on, network.ends_on) if day is not None})
    new = Report(
        network=network, title=_("Sluttrapport: %(network)s", network=network.name)[:300],
        owner=report.owner, period="–".join(str(year) for year in years),
        logo=report.logo, logo_type=report.logo_type, updated_by=by,
    )
    for section in report.sections:
        new.sections.append(ReportSection(
            position=section.position, title=section.title, source=section.source, body="",
            options=_section_options(section, templates, questions), updated_by=by,
        ))
    db.session.add(new)


def _section_options(section: ReportSection, templates: dict[int, DocumentTemplate],
                     questions: dict[int, EvaluationQuestion]) -> dict:
    """Choices of templates and questions follow their copies; the fields that feed a results
    table stay (field keys are the templates'); picked quotes, edited cells and the chosen
    sluttrapport belong to the old network's teams and are left behind."""
    options = section.options if isinstance(section.options, dict) else {}
    if section.source is SectionSource.EVALUATION and options.get("questions"):
        return {"questions": _followed(options["questions"], questions)}
    if section.source is SectionSource.TEMPLATES and options.get("templates"):
        return {"templates": _followed(options["templates"], templates)}
    if section.source in (SectionSource.RESULTS, SectionSource.FURTHER_WORK) and isinstance(options.get("columns"), dict):
        return {"columns": copy.deepcopy(options["columns"])}
    return {}


def _followed(ids, copies: dict) -> list[int]:
    if not isinstance(ids, list):
        return []
    return [copies[key].id for key in ids if isinstance(key, int) and key in copies]


# --- the plan: the milestone pattern moved to the new period, risks and activities ----------


def _start_of(source: Network) -> date | None:
    """Where the old pattern starts: the network's start, else its first milestone."""
    if source.starts_on is not None:
        return source.starts_on
    return db.session.scalar(sa.select(sa.func.min(Milestone.starts_in)).where(Milestone.network_id == source.id))


def _months_between(old: date | None, new: date | None) -> int:
    if old is None or new is None:
        return 0
    return (new.year - old.year) * 12 + new.month - old.month


def shift_month(month: date, months: int) -> date:
    """The first day of the month `months` later (or earlier); milestones are whole months."""
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _copy_plan(source: Network, network: Network, months: int) -> None:
    db.session.add_all(
        Milestone(network=network, code=milestone.code, title=milestone.title, description=milestone.description,
                  responsible=milestone.responsible, starts_in=shift_month(milestone.starts_in, months),
                  ends_in=shift_month(milestone.ends_in, months), status=MilestoneStatus.NOT_STARTED,
                  position=milestone.position)
        for milestone in _rows(Milestone, source, Milestone.position)
    )
    db.session.add_all(
        Risk(network=network, kind=risk.kind, description=risk.description, likelihood=risk.likelihood,
             consequence=risk.consequence, counter_measure=risk.counter_measure, owner=risk.owner,
             status=RiskStatus.OPEN, position=risk.position)
        for risk in _rows(Risk, source, Risk.position)
    )
    db.session.add_all(
        Activity(network=network, title=activity.title, purpose=activity.purpose, sub_tasks=activity.sub_tasks,
                 responsible=activity.responsible, period=activity.period, position=activity.position)
        for activity in _rows(Activity, source, Activity.position)
    )
