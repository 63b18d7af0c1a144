"""Factories and a small cast for the gathering tests. Every name is invented; some carry æøå
and Sámi letters on purpose."""
from __future__ import annotations

from datetime import time, timedelta
from types import SimpleNamespace

import pytest

from verksted.clock import today
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem, Registration
from verksted.networks.models import Role, TeamStatus


def _id(obj):
    return obj if obj is None or isinstance(obj, int) else obj.id


@pytest.fixture
def make_gathering(save):
    """A gathering `days_ahead` days from today (negative: in the past), 09.30–15.30."""

    def make_gathering(network, number=1, days_ahead=30, title=None, starts_at=time(9, 30), ends_at=time(15, 30),
                       **fields) -> Gathering:
        fields.setdefault("held_on", today() + timedelta(days=days_ahead))
        fields.setdefault("venue", "Fjordvik kulturhus")
        fields.setdefault("address", "Storgata 12, 9990 Fjordvik")
        fields["host_team_id"] = _id(fields.get("host_team_id"))
        (gathering,) = save(Gathering(network_id=_id(network), number=number, title=title or f"Samling {number}",
                                      starts_at=starts_at, ends_at=ends_at, **fields))
        return gathering

    return make_gathering


@pytest.fixture
def make_item(save):
    def make_item(gathering, starts_at=time(10), title="Foredrag", ends_at=None, kind=ItemKind.TALK, **fields):
        (item,) = save(ProgrammeItem(gathering_id=_id(gathering), starts_at=starts_at, ends_at=ends_at, title=title,
                                     kind=kind, **fields))
        return item

    return make_item


@pytest.fixture
def make_registration(save):
    def make_registration(gathering, team, name="Deltaker", user=None, **fields):
        (registration,) = save(Registration(gathering_id=_id(gathering), team_id=_id(team), user_id=_id(user),
                                            name=name, **fields))
        return registration

    return make_registration


@pytest.fixture
def count_rows(app):
    """How many rows of `model` match: count_rows(ProgrammeItem, gathering_id=3)."""

    def count_rows(model, **filters) -> int:
        with app.app_context():
            return db.session.query(model).filter_by(**filters).count()

    return count_rows


@pytest.fixture
def cast(app, login, make_user, make_network, make_team, make_membership):
    """A network with a project leader, an observer, two active teams and one that withdrew.

    Fjordvik: Ingrid (gruppeleder), Per and Liv. Čáhppesjávri: Biret (gruppeleder) and Nils-Ŋuvllát.
    Håkøy (withdrawn): Gunnar. Another network has its own project leader.
    """
    network = make_network("Rekruttere og beholde – Nordfjella", starts_on=today() - timedelta(days=300),
                           ends_on=today() + timedelta(days=300))
    other_network = make_network("Heltid i Sørdalen")
    fjordvik = make_team(network, "Fjordvik kommune", municipality_number="9901")
    sameby = make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")
    hakoy = make_team(network, "Håkøy kommune", municipality_number="9906", status=TeamStatus.WITHDRAWN,
                      withdrawn_on=today() - timedelta(days=100), withdrawal_reason="Sykefravær")

    def person(email, name, role=Role.TEAM_MEMBER, team=None, lead=False, team_role="", in_network=network):
        user = make_user(email, name)
        make_membership(user, in_network, role, team, is_group_leader=lead, team_role=team_role)
        return user

    people = SimpleNamespace(
        leader=person("leder@usht.example", "Åse Ødegård", Role.FACILITATOR),
        observer=person("observator@ks.example", "Olav Observatør", Role.OBSERVER),
        ingrid=person("ingrid@fjordvik.example", "Ingrid Sæther", team=fjordvik, lead=True, team_role="Enhetsleder"),
        per=person("per@fjordvik.example", "Per Øvrebø", team=fjordvik, team_role="Sykepleier"),
        liv=person("liv@fjordvik.example", "Liv Åsheim", team=fjordvik, team_role="Hovedtillitsvalgt"),
        biret=person("biret@sameby.example", "Biret Sárá Eira", team=sameby, lead=True, team_role="Enhetsleder"),
        nils=person("nils@sameby.example", "Nils-Ŋuvllát Somby", team=sameby, team_role="Helsefagarbeider"),
        gunnar=person("gunnar@hakoy.example", "Gunnar Vik", team=hakoy, lead=True, team_role="Enhetsleder"),
        stranger=person("leder@sordalen.example", "Solveig Sørdalen", Role.FACILITATOR, in_network=other_network),
    )

    def client_for(user):
        client = app.test_client()
        if user is not None:
            login(client, user)
        return client

    return SimpleNamespace(network=network, other_network=other_network, fjordvik=fjordvik, sameby=sameby,
                           hakoy=hakoy, client_for=client_for, **vars(people))
