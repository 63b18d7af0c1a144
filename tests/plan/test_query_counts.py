"""The plan's pages cost the same number of queries for 3 milestones as for 20, each with history."""
from datetime import date, time

import pytest

from tests.plan.conftest import DONE, IN_PROGRESS, PARTLY
from verksted.gatherings.models import Gathering
from verksted.plan.models import Activity, Milestone, MilestoneStatusChange, Risk


@pytest.fixture
def grow(save, people):
    """Give `network` `count` milestones with three status changes each, and as many risks,
    activities and gatherings."""

    def grow(network, count):
        milestones = [Milestone(network_id=network.id, code=f"M{n}", title=f"Milepæl {n}", position=n,
                                starts_in=date(2025, 9 + n % 4, 1), ends_in=date(2026, 1 + n % 12, 1), status=PARTLY)
                      for n in range(count)]
        save(*milestones)
        save(*[
            MilestoneStatusChange(milestone_id=m.id, status=status, changed_on=on, changed_by_id=people.leader.id)
            for m in milestones
            for on, status in ((date(2025, 10, 1), IN_PROGRESS), (date(2026, 1, 5), DONE), (date(2026, 2, 1), PARTLY))
        ])
        save(*[Risk(network_id=network.id, description=f"Risiko {n}", likelihood=1 + n % 3, consequence=1 + n % 2)
               for n in range(count)])
        save(*[Activity(network_id=network.id, title=f"Aktivitet {n}", sub_tasks="Én\nTo", position=n) for n in range(count)])
        save(*[Gathering(network_id=network.id, number=n + 1, title=f"Samling {n + 1}", held_on=date(2026, 1 + n % 12, 10),
                         starts_at=time(9), ends_at=time(15)) for n in range(count)])
        return milestones

    return grow


@pytest.fixture
def measured(client, count_queries):
    def measured(path) -> int:
        client.get(path)  # anything done once per process is not the page's cost
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        return len(statements)

    return measured


@pytest.mark.parametrize("page", ["plan", "plan.pdf", "tidslinje", "risikoer", "hovedaktiviteter"])
def test_a_plan_page_costs_the_same_for_3_and_20_milestones(make_network, make_membership, people, grow, login, client,
                                                           measured, page):
    small, large = make_network("Lite nettverk"), make_network("Stort nettverk")
    for network in (small, large):
        make_membership(people.observer, network, "observer")
    grow(small, 3)
    grow(large, 20)
    login(client, people.observer)

    assert measured(f"/nettverk/{small.id}/{page}") == measured(f"/nettverk/{large.id}/{page}")


def test_a_milestones_page_costs_the_same_for_3_and_30_changes_by_as_many_people(network, people, save, make_user,
                                                                                  login, client, measured):
    few, many = (Milestone(network_id=network.id, code=code, title="Milepæl", starts_in=date(2025, 9, 1),
                           ends_in=date(2025, 12, 1)) for code in ("M1", "M2"))
    save(few, many)
    save(*[MilestoneStatusChange(milestone_id=m.id, status=IN_PROGRESS, changed_on=date(2025, 10, 1),
                                 changed_by_id=make_user().id) for m, n in ((few, 3), (many, 30)) for _ in range(n)])
    login(client, people.leader)

    assert measured(f"/milepaeler/{few.id}") == measured(f"/milepaeler/{many.id}")
