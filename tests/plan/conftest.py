"""A learning network with a project plan, seen on the demo's day: 22 November 2026."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from verksted import clock
from verksted.networks.models import Role
from verksted.plan.models import Activity, Milestone, MilestoneStatus, MilestoneStatusChange, Risk, RiskKind, RiskStatus

TODAY = date(2026, 11, 22)
NOT_STARTED, IN_PROGRESS, PARTLY, DONE = (
    MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.PARTLY, MilestoneStatus.DONE,
)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """Every plan test runs on 22 November 2026, like the demo."""
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def network(make_network):
    return make_network("Rekruttere og beholde – Nordfjella", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))


@pytest.fixture
def people(network, make_network, make_user, make_team, make_membership):
    """The project leader, a team member, an observer, and the leader of another network."""
    sameby = make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")
    cast = SimpleNamespace(
        leader=make_user("prosjektleder@usht.example", "Sigrid Håland"),
        member=make_user("biret@sameby.kommune.example", "Biret Sárá Eira"),
        observer=make_user("observator@ks.example", "Torbjørn Eide"),
        stranger=make_user("leder@sordalen.example", "Solveig Sørdalen"),
    )
    make_membership(cast.leader, network, Role.FACILITATOR)
    make_membership(cast.member, network, Role.TEAM_MEMBER, sameby, is_group_leader=True)
    make_membership(cast.observer, network, Role.OBSERVER)
    make_membership(cast.stranger, make_network("Heltid i Sørdalen"), Role.FACILITATOR)
    return cast


@pytest.fixture
def make_milestone(save):
    """A milestone planned over months (year, month) to (year, month), with a history of
    (date, status, note) changes; its status is the last of them."""

    def make_milestone(network, code, title="Hovedplaner levert", first=(2025, 9), last=(2025, 12), history=(),
                       responsible="Prosjektleder", position=0, changed_by=None) -> Milestone:
        history = list(history)
        (milestone,) = save(Milestone(
            network_id=network.id, code=code, title=title, responsible=responsible, position=position,
            starts_in=date(*first, 1), ends_in=date(*last, 1),
            status=history[-1][1] if history else NOT_STARTED,
        ))
        save(*[
            MilestoneStatusChange(milestone_id=milestone.id, changed_on=on, status=status, note=note,
                                  changed_by_id=changed_by.id if changed_by else None)
            for on, status, note in history
        ])
        return milestone

    return make_milestone


@pytest.fixture
def make_risk(save):
    def make_risk(network, description="Sykefravær i teamene", likelihood=2, consequence=2, status=RiskStatus.OPEN,
                  kind=RiskKind.INTERNAL, position=0, **fields) -> Risk:
        (risk,) = save(Risk(network_id=network.id, description=description, likelihood=likelihood,
                            consequence=consequence, status=status, kind=kind, position=position, **fields))
        return risk

    return make_risk


@pytest.fixture
def make_activity(save):
    def make_activity(network, title="Samlinger", position=0, **fields) -> Activity:
        (activity,) = save(Activity(network_id=network.id, title=title, position=position, **fields))
        return activity

    return make_activity


@pytest.fixture
def leader_client(client, login, people):
    return login(client, people.leader)


@pytest.fixture
def member_client(client, login, people):
    return login(client, people.member)
