"""A network with two teams asked for documents, for the workspace tests. Every name is invented;
some carry æøå, Sámi letters and emoji on purpose. Import the fixtures into a test module with
`from tests.documents.workspace_cast import docs  # noqa: F401`."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from verksted.clock import today
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    SubmissionVersion,
    TemplateVersion,
)
from verksted.networks.models import Role

COLUMNS = ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]


def _field(key, label, kind, **extra):
    return {"key": key, "label": label, "kind": kind, "help": "", "required": False, "choices": [], "columns": [],
            "carry": "", **extra}


SECTIONS = [
    {"key": "s-team", "heading": "Teamet", "guidance": "Hvem er med, og hvem leder arbeidet?", "fields": [
        _field("f-gruppeleder", "Gruppeleder", "short_text", required=True),
        _field("f-ansatte", "Antall årsverk", "number"),
    ]},
    {"key": "s-mal", "heading": "Mål", "guidance": "**Hva** vil dere oppnå på lang sikt og i perioden?", "fields": [
        _field("f-effektmal", "Effektmål", "long_text", required=True, carry="effektmal"),
        _field("f-resultatmal", "Resultatmål for perioden", "long_text", carry="resultatmal"),
    ]},
    {"key": "s-mote", "heading": "Videre arbeid", "guidance": "", "fields": [
        _field("f-mote", "Første arbeidsmøte hjemme", "meeting"),
        _field("f-milepael", "Neste milepæl", "date"),
        _field("f-status", "Hvordan går det?", "choice", choices=["I rute", "Litt forsinket", "Står stille"]),
        _field("f-laerte", "Det vi har lært", "list"),
    ]},
    {"key": "s-tiltak", "heading": "Tiltak", "guidance": "Ett tiltak per rad.", "fields": [
        _field("f-tiltak", "Tiltaksplan", "table", columns=COLUMNS, carry="tiltak"),
    ]},
]

FILLED = {
    "f-gruppeleder": "Biret Sárá Eira",
    "f-effektmal": "Flere faste ansatte i hele stillinger i Čáhppesjávri 💪",
    "f-tiltak": [["Heltid", "Ønsketurnus i to avdelinger", "Enhetsleder", "Høst 2026"]],
}


def _id(obj):
    return obj if obj is None or isinstance(obj, int) else obj.id


@pytest.fixture
def docs(app, login, save, make_user, make_network, make_team, make_membership):
    """Network «Nordfjella» with teams Fjordvik (Kari and Per) and Čáhppesjávri (Biret), a project
    leader, an observer, a fremdriftsplan template, and factories for requests and submissions."""
    network = make_network("Rekruttere og beholde i Nordfjella")
    fjordvik = make_team(network, "Fjordvik kommune")
    sameby = make_team(network, "Čáhppesjávri suohkan")
    people = SimpleNamespace(
        leader=make_user("leder@usht.example", "Åse Ødegård"),
        observer=make_user("observator@ks.example", "Olav Observatør"),
        kari=make_user("kari@fjordvik.kommune.example", "Kari Nordmo"),
        per=make_user("per@fjordvik.kommune.example", "Per Øvrebø"),
        biret=make_user("biret@sameby.kommune.example", "Biret Sárá Eira"),
    )
    make_membership(people.leader, network, Role.FACILITATOR)
    make_membership(people.observer, network, Role.OBSERVER)
    make_membership(people.kari, network, Role.TEAM_MEMBER, fjordvik, is_group_leader=True)
    make_membership(people.per, network, Role.TEAM_MEMBER, fjordvik)
    make_membership(people.biret, network, Role.TEAM_MEMBER, sameby)

    def make_template(kind=DocumentKind.FREMDRIFTSPLAN, title="Fremdriftsplan", sections=SECTIONS, word_budget=400,
                      length_guide="Høyst to sider", introduction="Skriv kort og konkret."):
        (template,) = save(DocumentTemplate(network_id=network.id, kind=kind, title=title))
        (version,) = save(TemplateVersion(template_id=template.id, number=1, sections=sections, word_budget=word_budget,
                                          length_guide=length_guide, introduction=introduction))
        template.version = version
        return template

    template = make_template()

    def make_request(title="Fremdriftsplan 2", due_in=10, teams=(fjordvik, sameby), template=template, **fields):
        (request,) = save(DocumentRequest(network_id=network.id, template_id=template.id, title=title,
                                          due_on=today() + timedelta(days=due_in), **fields))
        save(*[Assignment(request_id=request.id, team_id=_id(team)) for team in teams])
        return request

    def make_submission(request, team=fjordvik, answers=None, state=SubmissionState.DRAFT, versions=1, by=None,
                        template=template, **fields):
        by = by or people.kari
        answers = dict(FILLED if answers is None else answers)
        (submission,) = save(Submission(request_id=request.id, team_id=_id(team), template_version_id=template.version.id,
                                        answers=answers, state=state, revision=versions, updated_by_id=by.id, **fields))
        save(*[SubmissionVersion(submission_id=submission.id, number=n + 1, answers=answers, event="save",
                                 saved_by_id=by.id) for n in range(versions)])
        return submission

    def client_for(user):
        client = app.test_client()
        if user is not None:
            login(client, user)
        return client

    return SimpleNamespace(
        network=network, fjordvik=fjordvik, sameby=sameby, people=people, template=template,
        make_template=make_template, make_request=make_request, make_submission=make_submission,
        client_for=client_for, **vars(people),
    )


def days_from_today(days: int) -> date:
    return today() + timedelta(days=days)
