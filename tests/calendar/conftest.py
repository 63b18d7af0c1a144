"""A learning network with gatherings, for the calendar tests."""
from __future__ import annotations

import itertools
from datetime import date, time

import pytest

from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem
from verksted.networks.models import Role

_number = itertools.count(1)


@pytest.fixture
def make_gathering(save):
    """A gathering 09:00–15:00 with, if asked, a programme of (start, end, title, speaker, organisation)."""

    def make_gathering(network, held_on=date(2026, 3, 30), title=None, programme=(), **fields) -> Gathering:
        fields.setdefault("starts_at", time(9, 0))
        fields.setdefault("ends_at", time(15, 0))
        gathering = Gathering(
            network_id=network.id, number=fields.pop("number", next(_number)),
            title=title or "Heltid og kompetanse", held_on=held_on, **fields,
        )
        gathering.programme = [
            ProgrammeItem(position=i, starts_at=start, ends_at=end, title=item_title, speaker=speaker,
                          speaker_organisation=organisation, kind=ItemKind.TALK)
            for i, (start, end, item_title, speaker, organisation) in enumerate(programme)
        ]
        (gathering,) = save(gathering)
        return gathering

    return make_gathering


@pytest.fixture
def network(make_network):
    return make_network("Rekruttere og beholde – Nordfjella", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))


@pytest.fixture
def sameby(network, make_team):
    return make_team(network, "Čáhppesjávri suohkan", municipality_number="9905")


@pytest.fixture
def leader(network, make_user, make_membership):
    user = make_user("prosjektleder@usht.example", "Sigrid Håland")
    make_membership(user, network, Role.FACILITATOR)
    return user


@pytest.fixture
def member(network, sameby, make_user, make_membership):
    user = make_user("biret@sameby.kommune.example", "Biret Sárá Eira")
    make_membership(user, network, Role.TEAM_MEMBER, sameby, is_group_leader=True)
    return user


def events_in(ics: bytes) -> list:
    """The VEVENTs of an .ics file, parsed by the icalendar package as a calendar program would."""
    import icalendar

    return icalendar.Calendar.from_ical(ics).walk("VEVENT")


def description_lines(event) -> list[str]:
    return str(event["DESCRIPTION"]).splitlines()
