"""Pages that list teams and people cost the same number of queries for 3 teams as for 30."""
from datetime import timedelta

import pytest

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.networks.models import Invitation, Membership, OrganisationMember, OrgGroup, Role, Team


@pytest.fixture
def grow(save, password_hash):
    """Add `count` teams of three people (one group leader, who is also the contact) and an
    open invitation per team to `network`; the first team gets `count` extra members."""
    serial = iter(range(10_000))

    def person(n):
        return User(email=f"person{n}@vekst.kommune.example", name=f"Person {n}", password_hash=password_hash)

    def grow(network, count, first_team=None):
        teams = [Team(network_id=network.id, municipality=f"Vekst {next(serial)} kommune") for _ in range(count)]
        save(*teams)
        objects = []
        for team in teams:
            people = [person(next(serial)) for _ in range(3)]
            save(*people)
            team.contact_user_id = people[0].id
            objects += [team]
            objects += [Membership(user_id=p.id, network_id=network.id, role=Role.TEAM_MEMBER, team_id=team.id,
                                   is_group_leader=(i == 0), team_role="Sykepleier") for i, p in enumerate(people)]
            objects.append(Invitation(network_id=network.id, email=f"ny{next(serial)}@vekst.kommune.example",
                                      role=Role.TEAM_MEMBER, team_id=team.id, token_hash=f"{next(serial):064d}",
                                      expires_at=utcnow() + timedelta(days=14)))
            objects.append(OrganisationMember(network_id=network.id, group=OrgGroup.REFERENCE, name="Referanse"))
        if first_team is not None:
            extra = [person(next(serial)) for _ in range(count)]
            save(*extra)
            objects += [Membership(user_id=p.id, network_id=network.id, role=Role.TEAM_MEMBER,
                                   team_id=first_team.id) for p in extra]
        save(*objects)
        return teams

    return grow


@pytest.fixture
def measured(client, login, count_queries):
    def measured(path) -> int:
        client.get(path)  # anything done once per process is not the page's cost
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        return len(statements)

    return measured


@pytest.mark.parametrize(
    "page",
    [
        "/nettverk/{network}",
        "/nettverk/{network}/personer",
        "/team/{team}",
        "/nettverk/{network}/organisasjon",
        "/nettverk/{network}/inviter",
    ],
)
def test_a_network_page_costs_the_same_for_3_teams_as_for_30(
    client, login, make_network, make_user, make_membership, grow, measured, page
):
    network = make_network("Stort nettverk")
    leader = make_user()
    make_membership(leader, network, Role.FACILITATOR)
    login(client, leader)
    (first, *_) = grow(network, 3)
    path = page.format(network=network.id, team=first.id)

    small = measured(path)
    grow(network, 27, first_team=first)
    large = measured(path)

    assert large == small


def test_the_admin_pages_cost_the_same_for_3_teams_as_for_30(client, login, make_network, make_user, grow, measured):
    network = make_network()
    login(client, make_user(is_admin=True))
    grow(network, 3)
    pages = ["/admin/", "/admin/brukere", "/nettverk"]

    small = {page: measured(page) for page in pages}
    grow(make_network(), 27)
    large = {page: measured(page) for page in pages}

    assert large == small
