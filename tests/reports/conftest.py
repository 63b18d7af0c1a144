"""A small finished network for the report tests, made in one call inside `ctx`:

    made = make_report_network(teams=3, gatherings=2, answers=4)
    made.network, made.report, made.teams, made.withdrawn, made.without_report, made.leader …

Every active team but the last has delivered its sluttrapport; one more team withdrew with a
reason. Names are invented; some carry æøå and Sámi letters on purpose.
"""
from __future__ import annotations

import itertools
import secrets
from datetime import date, time
from types import SimpleNamespace

import pytest

from verksted.clock import utcnow
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.documents.starter import sections_of, starter
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem
from verksted.networks.models import Membership, Network, OrganisationMember, OrgGroup, Role, Team, TeamStatus
from verksted.plan.models import Milestone, MilestoneStatus, MilestoneStatusChange, Risk
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    Poll,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)
from verksted.reports.services import start_report

MUNICIPALITIES = ("Ørnes kommune", "Čáhppesjávri suohkan", "Åsdal kommune", "Fjordvik kommune", "Bjørkely kommune")
_codes = itertools.count(810001)


@pytest.fixture
def make_report_network(make_user):
    """A function building a finished network with its report (the default outline), in the
    active app context; counts scale teams, gatherings and answers per gathering."""

    def make_report_network(teams: int = 3, gatherings: int = 2, answers: int = 4, name: str = "Heltid i Nordfjella"):
        leader = make_user(name="Sigrun Prosjektleder")
        observer = make_user(name="Olav Observatør")
        network = Network(name=name, description="", owner_organisation="USHT Nordfjella og KS",
                          starts_on=date(2025, 1, 1), ends_on=date(2026, 6, 30))
        db.session.add(network)
        db.session.flush()
        db.session.add_all([
            Membership(user_id=leader.id, network_id=network.id, role=Role.FACILITATOR),
            Membership(user_id=observer.id, network_id=network.id, role=Role.OBSERVER),
            OrganisationMember(network_id=network.id, group=OrgGroup.STEERING, name="Rune Styringsleder",
                               role="Leder", organisation="KS", position=1),
            OrganisationMember(network_id=network.id, group=OrgGroup.STEERING, name="Máret Šeđđa",
                               role="Medlem", organisation="Statsforvalteren", position=2),
        ])
        active = [Team(network_id=network.id, municipality=_municipality(n)) for n in range(teams)]
        withdrawn = Team(network_id=network.id, municipality="Havbygd kommune", status=TeamStatus.WITHDRAWN,
                         withdrawn_on=date(2026, 3, 16), withdrawal_reason="Langvarig sykefravær i teamet")
        db.session.add_all([*active, withdrawn])
        db.session.flush()

        held = [_gathering(network, active, number) for number in range(1, gatherings + 1)]
        _evaluation(network, held, active, answers)
        request, submissions = _sluttrapporter(network, active)
        _plan(network)
        db.session.commit()
        report = start_report(network, by=leader)
        db.session.commit()
        return SimpleNamespace(
            network=network, report=report, leader=leader, observer=observer, teams=active, withdrawn=withdrawn,
            without_report=active[-1], gatherings=held, request=request, submissions=submissions,
        )

    return make_report_network


def _municipality(n: int) -> str:
    return MUNICIPALITIES[n] if n < len(MUNICIPALITIES) else f"Bygd {n} kommune"


def _gathering(network: Network, teams: list[Team], number: int) -> Gathering:
    gathering = Gathering(
        network_id=network.id, number=number, title=f"Samling {number}", held_on=_month(number * 2),
        starts_at=time(9), ends_at=time(15), venue=f"Kulturhuset {number}", host_team_id=teams[number % len(teams)].id,
        focus=f"Heltidskultur del {number}",
        programme=[
            ProgrammeItem(starts_at=time(9, 30), title="Heltid i praksis", speaker="Ingrid Ås",
                          speaker_organisation="KS"),
            ProgrammeItem(starts_at=time(11), title="Gruppearbeid", kind=ItemKind.GROUP_ACROSS),
            ProgrammeItem(starts_at=time(13), title="Erfaringer fra en kommune", speaker="Ánde Đuođđa",
                          speaker_organisation="Čáhppesjávri suohkan"),
            ProgrammeItem(starts_at=time(14), title="Oppsummering", speaker="Ingrid Ås", speaker_organisation="KS"),
        ],
    )
    db.session.add(gathering)
    return gathering


def _month(offset: int) -> date:
    """The 12th of the month `offset` months after January 2025."""
    return date(2025 + offset // 12, offset % 12 + 1, 12)


def _evaluation(network: Network, gatherings: list[Gathering], teams: list[Team], answers: int) -> None:
    scale = EvaluationQuestion(network_id=network.id, kind=QuestionKind.SCALE, position=1, versions=[
        EvaluationQuestionVersion(number=1, prompt="Hvor nyttig var samlingen?", settings={"max": 5})])
    text = EvaluationQuestion(network_id=network.id, kind=QuestionKind.TEXT, position=2, versions=[
        EvaluationQuestionVersion(number=1, prompt="Hva tar du med deg hjem?", settings={})])
    db.session.add_all([scale, text])
    db.session.flush()
    for gathering in gatherings:
        poll = Poll(network_id=network.id, gathering=gathering, title=f"Evaluering samling {gathering.number}",
                    code=str(next(_codes)), state=PollState.CLOSED, opened_at=utcnow(), closed_at=utcnow())
        asked_scale = PollQuestion(position=0, kind=QuestionKind.SCALE, prompt=scale.current.prompt, settings={"max": 5},
                                   state=QuestionState.CLOSED, evaluation_question=scale, question_version=scale.current)
        asked_text = PollQuestion(position=1, kind=QuestionKind.TEXT, prompt=text.current.prompt, settings={},
                                  state=QuestionState.CLOSED, evaluation_question=text, question_version=text.current)
        poll.questions += [asked_scale, asked_text]
        db.session.add(poll)
        db.session.flush()
        for n in range(answers):
            team = teams[n % len(teams)]
            db.session.add_all([
                Answer(question_id=asked_scale.id, answer_key=secrets.token_hex(32), value={"score": 3 + n % 3},
                       team_id=team.id),
                Answer(question_id=asked_text.id, answer_key=secrets.token_hex(32), team_id=team.id,
                       value={"text": f"Godt å møte de andre kommunene 😊 ({gathering.number}.{n})"}),
            ])


def _sluttrapporter(network: Network, teams: list[Team]):
    built_in = starter(DocumentKind.SLUTTRAPPORT)
    template = DocumentTemplate(network_id=network.id, kind=DocumentKind.SLUTTRAPPORT, title="Sluttrapport",
                                versions=[TemplateVersion(number=1, introduction=built_in.introduction,
                                                          sections=sections_of(built_in))])
    request = DocumentRequest(network_id=network.id, template=template, title="Sluttrapport",
                              due_on=date(2026, 5, 1))
    db.session.add_all([template, request])
    db.session.flush()
    submissions = {}
    for team in teams:
        db.session.add(Assignment(request_id=request.id, team_id=team.id))
        if team is teams[-1]:
            continue  # the last team has not delivered
        submissions[team.id] = Submission(
            request_id=request.id, team_id=team.id, template_version_id=template.versions[0].id,
            state=SubmissionState.SUBMITTED, submitted_at=utcnow(), answers=final_answers(team.municipality),
        )
    db.session.add_all(submissions.values())
    return request, submissions


def final_answers(municipality: str) -> dict:
    return {
        "f-hovedmal": f"Flere hele stillinger i {municipality}.",
        "f-tiltak": [["Færre små stillinger", "Ønsketurnus", "Enhetsleder", "Vår 2026"],
                     ["Rekruttere", "Sommerjobb for elever", "HR", "Hele året"]],
        "f-resultater": f"Andelen heltid i {municipality} økte fra 40 til 55 prosent.",
        "f-videre": ["Fortsette med ønsketurnus", "Ta inn flere lærlinger"],
        "f-erfaringer": "Begynn i det små, og involver de tillitsvalgte tidlig.",
    }


def _plan(network: Network) -> None:
    milestone = Milestone(network_id=network.id, code="M1", title="Hovedplaner levert", responsible="Prosjektleder",
                          starts_in=date(2025, 2, 1), ends_in=date(2025, 4, 1), status=MilestoneStatus.DONE, position=1)
    milestone.history.append(MilestoneStatusChange(status=MilestoneStatus.DONE, changed_on=date(2025, 4, 10)))
    db.session.add_all([
        milestone,
        Milestone(network_id=network.id, code="M2", title="Sluttrapporter levert", starts_in=date(2026, 5, 1),
                  ends_in=date(2026, 5, 1), position=2),
        Risk(network_id=network.id, description="Sykefravær i teamene", likelihood=3, consequence=2,
             counter_measure="Tett oppfølging mellom samlingene", owner="Prosjektleder"),
    ])
