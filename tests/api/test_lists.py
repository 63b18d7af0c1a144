"""Lists come a page at a time, in a stable order, for the same number of queries however long."""
from __future__ import annotations

from datetime import date

import pytest

from verksted.documents.models import Assignment, DocumentRequest, Submission, SubmissionState
from verksted.gatherings.models import Gathering
from verksted.networks.models import Team


def test_pages_walk_every_team_once_in_order(world, api_as, save):
    save(*[Team(network_id=world.network.id, municipality=f"Kommune {n:02d}") for n in range(25)])
    api = api_as("observer")

    pages = [api.get(f"/networks/{world.network.id}/teams?page={n}&per_page=10").json for n in (1, 2, 3, 4)]

    names = [team["municipality"] for page in pages for team in page["items"]]
    assert [len(page["items"]) for page in pages] == [10, 10, 7, 0]
    assert all(page["total"] == 27 and page["per_page"] == 10 for page in pages)
    assert names == sorted(names) and len(set(names)) == 27


@pytest.mark.parametrize("query", ["page=0", "page=abc", "page=%C2%B2", "per_page=101", "per_page=0", "per_page=-1"])
def test_a_page_out_of_range_is_a_clear_400(world, api_as, query):
    response = api_as("observer").get(f"/networks/{world.network.id}/milestones?{query}")

    assert response.status_code == 400
    assert set(response.json["errors"]) <= {"page", "per_page"} and response.json["errors"]


def _grow(world, save, n: int) -> None:
    teams = save(*[Team(network_id=world.network.id, municipality=f"Vekst {n}-{i}") for i in range(n)])
    save(*[Gathering(network_id=world.network.id, number=10 * n + i, title=f"Samling {i}", held_on=date(2026, 5, 1),
                     starts_at=world.gathering.starts_at, ends_at=world.gathering.ends_at) for i in range(n)])
    (request,) = save(DocumentRequest(network_id=world.network.id, template_id=world.document_template.id,
                                      title=f"Statusrapport {n}", due_on=date(2026, 6, 1)))
    save(*[Assignment(request_id=request.id, team_id=team.id) for team in teams])
    save(*[Submission(request_id=world.document_request.id, team_id=team.id, state=SubmissionState.SUBMITTED,
                      template_version_id=world.submission.template_version_id) for team in teams])


LISTS = ["/networks", "/networks/{network}/teams", "/networks/{network}/gatherings", "/networks/{network}/requests",
         "/networks/{network}/milestones", "/requests/{request}/submissions"]


@pytest.mark.parametrize("visitor", ["facilitator", "team_member"])
def test_list_queries_do_not_grow_with_the_data(world, api_as, save, count_queries, visitor):
    api = api_as(visitor)
    paths = [p.format(network=world.network.id, request=world.document_request.id) for p in LISTS]
    api.get("/networks")  # the token's «last used» is written once

    def counts():
        found = []
        for path in paths:
            with count_queries() as statements:
                assert api.get(path).status_code == 200
            found.append(len(statements))
        return found

    few = counts()
    _grow(world, save, 3)
    _grow(world, save, 30)

    assert counts() == few
    assert max(few) <= 8
