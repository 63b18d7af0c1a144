"""Starting the next cycle from a network: what is carried over, what stays behind."""
from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from verksted.archive.next_cycle import shift_month, start_next_network
from verksted.clock import utcnow
from verksted.documents.models import DocumentRequest, DocumentTemplate, FeedbackPhrase, Submission
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Invitation, Membership, Network, OrgGroup, Role, Team
from verksted.networks.services import set_goals
from verksted.plan.models import Activity, Milestone, MilestoneStatus, MilestoneStatusChange, Risk, RiskStatus
from verksted.polls.models import EvaluationQuestion, EvaluationQuestionVersion, Poll
from verksted.reports.models import Report, ReportSection, SectionSource

NEW_NAME = "Rekruttering i Nordfjella 2027–2029 – Čáhppesjávri 🌱"


@pytest.fixture
def source(world, ctx):
    """The world's network as a finished cycle: a period, a report outline with choices, a
    reworded evaluation question and one retired, an archived template."""
    network = db.session.get(Network, world.network.id)
    network.starts_on, network.ends_on = date(2025, 8, 15), date(2027, 6, 30)
    network.description, network.main_goal = "Seks kommuner, seks samlinger.", "Flere i heltid"
    set_goals(network, ["Rekruttere", "Beholde"])
    question = db.session.get(EvaluationQuestion, world.evaluation_question.id)
    question.versions.append(EvaluationQuestionVersion(number=2, prompt="Hvor nyttig var samlingen?",
                                                       settings={"max": 10}))
    retired = EvaluationQuestion(network_id=network.id, kind=question.kind, position=2, retired_at=utcnow(),
                                 versions=[EvaluationQuestionVersion(prompt="Gammelt spørsmål", settings={})])
    archived = DocumentTemplate(network_id=network.id, kind=world.template.kind, title="Gammel mal",
                                archived_at=utcnow())
    db.session.add_all([retired, archived])
    db.session.add(FeedbackPhrase(network_id=network.id, text="Flott arbeid!", position=1))
    report = db.session.get(Report, world.report.id)
    report.logo, report.logo_type, report.owner = b"\x89PNG-logo", "image/png", "Utviklingssenteret"
    results = next(section for section in report.sections if section.source is SectionSource.RESULTS)
    results.options = {"request_id": world.document_request.id, "columns": {"hovedmal": ["f-effektmal"]},
                       "cells": {f"{world.team_x.id}/hovedmal": "Redigert tekst"}}
    report.sections.append(ReportSection(position=3, title="Evaluering", source=SectionSource.EVALUATION,
                                         body="Deltakerne var fornøyde.",
                                         options={"questions": [question.id, retired.id],
                                                  "quotes": [{"text": "Nyttig!", "source": "Samling 1"}]}))
    report.sections.append(ReportSection(position=4, title="Vedlegg: Maler", source=SectionSource.TEMPLATES,
                                         options={"templates": [world.template.id, archived.id]}))
    db.session.commit()
    return network


@pytest.fixture
def started(source, world):
    leader = db.session.get(type(world.facilitator), world.other_facilitator.id)
    network = start_next_network(source, NEW_NAME, date(2027, 8, 1), date(2029, 6, 30), by=leader)
    db.session.commit()
    return network


def rows(model, network):
    return list(db.session.scalars(sa.select(model).where(model.network_id == network.id).order_by(model.id)))


def test_the_new_network_has_the_settings_goals_and_organisation(source, started):
    assert (started.name, started.starts_on, started.ends_on) == (NEW_NAME, date(2027, 8, 1), date(2029, 6, 30))
    assert started.description == source.description
    assert started.owner_organisation == "Utviklingssenteret og KS"
    assert started.main_goal == "Flere i heltid"
    assert [goal.text for goal in started.goals] == ["Rekruttere", "Beholde"]
    assert [(m.group, m.name, m.role, m.organisation) for m in started.organisation] == [
        (OrgGroup.STEERING, "Rune Styringsleder", "Leder", "KS")]


def test_the_one_who_starts_it_is_its_only_member_and_project_leader(started, world):
    memberships = rows(Membership, started)
    assert [(m.user_id, m.role) for m in memberships] == [(world.other_facilitator.id, Role.FACILITATOR)]


def test_teams_documents_gatherings_polls_and_invitations_stay_behind(started):
    for model in (Team, DocumentRequest, Gathering, Poll, Invitation):
        assert rows(model, started) == [], model.__name__
    assert db.session.scalar(sa.select(sa.func.count(Submission.id)).join(DocumentRequest)
                             .where(DocumentRequest.network_id == started.id)) == 0


def test_templates_in_use_come_with_their_latest_version_as_the_first(source, started, world):
    copies = rows(DocumentTemplate, started)
    assert [template.title for template in copies] == ["Fremdriftsplan", "Fremdriftsplan"]
    assert all(template.archived_at is None for template in copies)
    assert [[version.number for version in template.versions] for template in copies] == [[1], [1]]
    full = next(template for template in copies if template.versions[0].sections)
    assert [section["key"] for section in full.versions[0].sections] == ["s-effektmal", "s-plan"]
    assert full.versions[0].created_by_id == world.other_facilitator.id


def test_the_evaluation_template_comes_with_the_current_wording_and_without_retired_questions(started):
    (question,) = rows(EvaluationQuestion, started)
    assert [(v.number, v.prompt, v.settings) for v in question.versions] == [(1, "Hvor nyttig var samlingen?", {"max": 10})]
    assert question.retired_at is None


def test_the_report_outline_is_copied_without_text_and_without_the_old_networks_data(started):
    report = db.session.scalar(sa.select(Report).where(Report.network_id == started.id))
    (question,) = rows(EvaluationQuestion, started)
    template_ids = {template.id for template in rows(DocumentTemplate, started)}
    assert report.title == f"Sluttrapport: {NEW_NAME}"
    assert (report.owner, report.period, report.logo) == ("Utviklingssenteret", "2027–2029", b"\x89PNG-logo")
    by_title = {section.title: section for section in report.sections}
    assert [section.title for section in report.sections] == ["Forord", "Resultater", "Evaluering", "Vedlegg: Maler"]
    assert all(section.body == "" for section in report.sections)
    assert by_title["Resultater"].options == {"columns": {"hovedmal": ["f-effektmal"]}}
    assert by_title["Evaluering"].options == {"questions": [question.id]}
    assert set(by_title["Vedlegg: Maler"].options["templates"]) <= template_ids
    assert len(by_title["Vedlegg: Maler"].options["templates"]) == 1


def test_milestones_move_to_the_new_period_not_started_and_without_history(started):
    (milestone,) = rows(Milestone, started)
    assert (milestone.code, milestone.title) == ("M1", "Oppstart")
    assert (milestone.starts_in, milestone.ends_in) == (date(2027, 9, 1), date(2027, 12, 1))
    assert milestone.status is MilestoneStatus.NOT_STARTED
    assert db.session.scalar(sa.select(sa.func.count(MilestoneStatusChange.id))
                             .where(MilestoneStatusChange.milestone_id == milestone.id)) == 0


def test_risks_start_open_and_activities_and_phrases_come_along(started):
    (risk,) = rows(Risk, started)
    assert (risk.description, risk.likelihood, risk.consequence, risk.status) == (
        "Sykefravær i teamene", 2, 3, RiskStatus.OPEN)
    (activity,) = rows(Activity, started)
    assert activity.sub_task_list == ["Program", "Evaluering"]
    assert [phrase.text for phrase in rows(FeedbackPhrase, started)] == [
        "Hvordan vil dere måle effekten?", "Flott arbeid!"]


def test_the_old_network_is_left_as_it_was(source, started, world):
    milestone = db.session.get(Milestone, world.milestone.id)
    assert milestone.status is MilestoneStatus.IN_PROGRESS and milestone.starts_in == date(2025, 9, 1)
    assert len(rows(Team, source)) == 2
    report = db.session.scalar(sa.select(Report).where(Report.network_id == source.id))
    assert report.sections[0].body == "Takk til alle."


@pytest.mark.parametrize(("name", "starts_on", "ends_on", "field"), [
    ("   ", date(2027, 8, 1), None, "name"),
    ("Ny periode", date(2027, 8, 1), date(2027, 7, 31), "ends_on"),
    ("Ny periode", None, None, "starts_on"),
    ("x" * 201, date(2027, 8, 1), None, "name"),
])
def test_a_new_network_without_a_name_or_with_its_end_before_its_start_is_refused(
        source, world, name, starts_on, ends_on, field):
    before = db.session.scalar(sa.select(sa.func.count(Network.id)))
    leader = db.session.get(type(world.facilitator), world.facilitator.id)
    with pytest.raises(Refused) as refused:
        start_next_network(source, name, starts_on, ends_on, by=leader)
    assert refused.value.field == field
    assert refused.value.message
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Network.id))) == before


@pytest.mark.parametrize(("month", "months", "expected"), [
    (date(2025, 9, 1), 24, date(2027, 9, 1)),
    (date(2025, 11, 1), 3, date(2026, 2, 1)),
    (date(2026, 1, 1), -1, date(2025, 12, 1)),
    (date(2025, 12, 1), 0, date(2025, 12, 1)),
])
def test_a_month_moves_across_years(month, months, expected):
    assert shift_month(month, months) == expected


def test_without_a_start_the_old_plan_is_moved_so_its_first_milestone_begins_with_the_new_network(world, ctx):
    source = db.session.get(Network, world.network.id)
    db.session.delete(db.session.get(Report, world.report.id))
    leader = db.session.get(type(world.facilitator), world.facilitator.id)

    network = start_next_network(source, "Uten startdato", date(2026, 2, 10), None, by=leader)
    db.session.flush()

    (milestone,) = rows(Milestone, network)
    assert (milestone.starts_in, milestone.ends_in) == (date(2026, 2, 1), date(2026, 5, 1))
    assert rows(Report, network) == []
