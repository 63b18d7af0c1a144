"""Factories and a cast for the project leader's review: a network with a leader, an observer,
two active teams and a withdrawn one, templates, requests and submissions in any state.

Every name is invented; some carry æøå and Sámi letters on purpose. Import the fixtures into a
test module: `from tests.documents.reviewing import cast, make_request, make_submission  # noqa: F401`.
"""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from verksted.clock import today, utcnow
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    FeedbackPhrase,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.networks.models import Role, TeamStatus

SECTIONS = [
    {"key": "s-effektmal", "heading": "Effektmål", "guidance": "Hva vil dere oppnå på lang sikt?", "fields": [
        {"key": "f-effektmal", "label": "Effektmål", "kind": "long_text", "help": "", "required": True,
         "choices": [], "columns": [], "carry": "effektmal"},
    ]},
    {"key": "s-tiltak", "heading": "Tiltak i perioden", "guidance": "", "fields": [
        {"key": "f-tiltak", "label": "Tiltak", "kind": "table", "help": "", "required": False, "choices": [],
         "columns": ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"], "carry": "tiltak"},
    ]},
]
ANSWERS = {
    "f-effektmal": "Flere ansatte i hele stillinger i Čáhppesjávri 🌿",
    "f-tiltak": [["Heltid", "Prøve ut langvakter", "Enhetsleder", "Vår 2026"]],
}


def _id(obj):
    return obj if obj is None or isinstance(obj, int) else obj.id


@pytest.fixture
def make_template(save):
    """A template with one version; its id is on `.version_id`."""

    def make_template(network, kind=DocumentKind.STATUSRAPPORT, title=None, sections=SECTIONS, kind_label=""):
        (template,) = save(DocumentTemplate(network_id=_id(network), kind=kind, kind_label=kind_label,
                                            title=title or kind_label or kind.value.capitalize()))
        (version,) = save(TemplateVersion(template_id=template.id, number=1, sections=sections))
        template.version_id = version.id
        return template

    return make_template


@pytest.fixture
def make_request(save, make_template):
    """A request due `days` from today (negative: the deadline has passed), asked of `teams`."""

    def make_request(network, teams, days=14, template=None, title="Statusrapport før samling 3",
                     remind_days_before=7, **fields):
        template = template or make_template(network)
        fields.setdefault("due_on", today() + timedelta(days=days))
        (request,) = save(DocumentRequest(network_id=_id(network), template_id=template.id, title=title,
                                          remind_days_before=remind_days_before, **fields))
        save(*[Assignment(request_id=request.id, team_id=_id(team)) for team in teams])
        request.version_id = template.version_id
        return request

    return make_request


@pytest.fixture
def make_submission(save):
    """A team's document in `state`, with answers; submitted and decided now unless told."""

    def make_submission(request, team, state=SubmissionState.SUBMITTED, answers=None, **fields):
        state = SubmissionState(state)
        if state is not SubmissionState.DRAFT:
            fields.setdefault("submitted_at", utcnow())
        if state in (SubmissionState.RETURNED, SubmissionState.APPROVED):
            fields.setdefault("decided_at", utcnow())
        (submission,) = save(Submission(
            request_id=request.id, team_id=_id(team), template_version_id=request.version_id, state=state,
            answers=dict(ANSWERS if answers is None else answers), **fields,
        ))
        return submission

    return make_submission


@pytest.fixture
def make_phrase(save):
    def make_phrase(network, text, position=0):
        (phrase,) = save(FeedbackPhrase(network_id=_id(network), text=text, position=position))
        return phrase

    return make_phrase


@pytest.fixture
def cast(app, login, make_network, make_team, make_user, make_membership):
    """A network with a project leader, an observer, Fjordvik and Čáhppesjávri (active, with
    members) and Håkøy (withdrawn, with a member), and a second network's project leader."""
    network = make_network("Rekruttere og beholde – Nordfjella", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))
    other_network = make_network("Heltid i Sørdalen")
    leader = make_user("prosjektleder@usht.example", "Åse Bjørnstad Ødegård")
    observer = make_user("observator@ks.example", "Torbjørn Eide")
    other_leader = make_user("leder@sordalen.example", "Solveig Sørdalen")
    make_membership(leader, network, Role.FACILITATOR)
    make_membership(observer, network, Role.OBSERVER)
    make_membership(other_leader, other_network, Role.FACILITATOR)

    fjordvik = make_team(network, "Fjordvik kommune", municipality_number="9901")
    sameby = make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")
    hakoy = make_team(network, "Håkøy kommune", municipality_number="9906", status=TeamStatus.WITHDRAWN,
                      withdrawn_on=date(2026, 3, 16), withdrawal_reason="Langvarig sykefravær")
    people = SimpleNamespace(
        ingrid=make_user("ingrid@fjordvik.kommune.example", "Ingrid Sæther"),
        per=make_user("per@fjordvik.kommune.example", "Per Øvrebø"),
        biret=make_user("biret@svartvatn.kommune.example", "Biret Sárá Eira"),
        gunnar=make_user("gunnar@hakoy.kommune.example", "Gunnar Vik"),
    )
    make_membership(people.ingrid, network, Role.TEAM_MEMBER, fjordvik, is_group_leader=True)
    make_membership(people.per, network, Role.TEAM_MEMBER, fjordvik)
    make_membership(people.biret, network, Role.TEAM_MEMBER, sameby, is_group_leader=True)
    make_membership(people.gunnar, network, Role.TEAM_MEMBER, hakoy, is_group_leader=True)

    def client_for(user):
        return login(app.test_client(), user)

    return SimpleNamespace(
        network=network, other_network=other_network, leader=leader, observer=observer, other_leader=other_leader,
        fjordvik=fjordvik, sameby=sameby, hakoy=hakoy, people=people, client_for=client_for,
    )
