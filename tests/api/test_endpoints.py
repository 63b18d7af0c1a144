"""Every endpoint with every visitor's token: the same answers as the pages give, in JSON."""
from __future__ import annotations

import pytest

from tests.conftest import VISITORS
from verksted.polls.models import Answer

# In the order of VISITORS: anonymous, other team member, team member, observer,
# other network's facilitator, facilitator, admin.
SIGNED_IN = (401, 200, 200, 200, 200, 200, 200)
VIEW_NETWORK = (401, 200, 200, 200, 404, 200, 200)
VIEW_TEAM = (401, 403, 200, 200, 404, 200, 200)
READERS = (401, 403, 403, 200, 404, 200, 200)
# Team X's own document: begun already (200); the world's is sent in and locked (422).
START = (401, 403, 200, 403, 404, 403, 200)
LOCKED = (401, 403, 422, 403, 404, 403, 422)

ENDPOINTS = [
    ("GET", lambda w: "/networks", SIGNED_IN),
    ("GET", lambda w: f"/networks/{w.network.id}", VIEW_NETWORK),
    ("GET", lambda w: f"/networks/{w.network.id}/teams", VIEW_NETWORK),
    ("GET", lambda w: f"/teams/{w.team_x.id}", VIEW_TEAM),
    ("GET", lambda w: f"/networks/{w.network.id}/gatherings", VIEW_NETWORK),
    ("GET", lambda w: f"/gatherings/{w.gathering.id}", VIEW_NETWORK),
    ("GET", lambda w: f"/networks/{w.network.id}/requests", VIEW_NETWORK),
    ("GET", lambda w: f"/requests/{w.document_request.id}", VIEW_NETWORK),
    ("GET", lambda w: f"/requests/{w.document_request.id}/submissions", VIEW_NETWORK),
    ("GET", lambda w: f"/submissions/{w.submission.id}", VIEW_TEAM),
    ("GET", lambda w: f"/networks/{w.network.id}/milestones", VIEW_NETWORK),
    ("GET", lambda w: f"/polls/{w.poll.id}/results", READERS),
    ("POST", lambda w: f"/requests/{w.document_request.id}/teams/{w.team_x.id}/submission", START),
    ("PUT", lambda w: f"/submissions/{w.submission.id}/draft", LOCKED),
    ("POST", lambda w: f"/submissions/{w.submission.id}/submit", LOCKED),
]

@pytest.mark.parametrize(("method", "path", "answers"), [
    pytest.param(method, path, answers, id=f"{method} {n}") for n, (method, path, answers) in enumerate(ENDPOINTS)
])
def test_endpoint_answers_each_visitor_as_the_pages_do(world, api_as, method, path, answers):
    body = {"revision": 0, "answers": {}} if method != "GET" else None
    got = {}
    for visitor in VISITORS:
        api = api_as(visitor)
        response = api.client.open("/api/v1" + path(world), method=method, headers=api.headers, json=body)
        assert response.is_json
        got[visitor] = response.status_code

    assert got == dict(zip(VISITORS, answers, strict=True))


def test_a_team_sees_only_its_own_and_shared_submissions(world, api_as):
    path = f"/requests/{world.document_request.id}/submissions"

    assert [s["team_id"] for s in api_as("team_member").get(path).json["items"]] == [world.team_x.id]
    assert api_as("other_team_member").get(path).json["items"] == []
    assert api_as("observer").get(path).json["total"] == 1


def test_a_project_leader_of_another_network_does_not_see_it_listed(world, api_as):
    names = [n["name"] for n in api_as("other_facilitator").get("/networks").json["items"]]

    assert names == ["Heltid i Sørdalen"]
    assert len(api_as("admin").get("/networks").json["items"]) == 2


def test_poll_results_hide_which_municipality_wrote_an_open_answer(world, api_as):
    results = api_as("facilitator").get(f"/polls/{world.poll.id}/results").json

    texts = next(q for q in results["questions"] if q["kind"] == "text")["summary"]["texts"]
    assert texts == [{"id": texts[0]["id"], "text": "Gruppearbeidet"}]
    split = results["questions"][0]["by_municipality"]
    assert {row["municipality"] for row in split} == {"Fjellbygd kommune", "Havbygd kommune"}
    assert all(not row["shown"] and row["reason"] == "few" and row["summary"] is None for row in split)


def test_poll_results_split_by_municipality_only_where_five_or_more_answered(world, api_as, save):
    scores = [(world.team_x.id, score) for score in (5, 5, 4, 4, 3)] + [(world.team_y.id, 2)] * 4
    save(*[Answer(question_id=world.poll_question.id, answer_key=f"{n:064d}", team_id=team_id, value={"score": score})
           for n, (team_id, score) in enumerate(scores)])

    question = api_as("observer").get(f"/polls/{world.poll.id}/results").json["questions"][0]

    assert question["summary"]["count"] == 9 and question["summary"]["mean"] == 3.22
    split = {row["municipality"]: row for row in question["by_municipality"]}
    # Havbygd's four are withheld, and so is Fjellbygd's five: the whole minus it would give Havbygd's away.
    assert split["Havbygd kommune"]["reason"] == "few" and split["Havbygd kommune"]["summary"] is None
    assert split["Fjellbygd kommune"]["reason"] == "difference"
    save(Answer(question_id=world.poll_question.id, answer_key="1" * 64, team_id=world.team_y.id, value={"score": 1}))
    question = api_as("observer").get(f"/polls/{world.poll.id}/results").json["questions"][0]
    assert all(row["shown"] for row in question["by_municipality"])
    assert {row["municipality"]: row["summary"]["count"] for row in question["by_municipality"]} == {
        "Fjellbygd kommune": 5, "Havbygd kommune": 5}


def test_errors_under_the_api_are_json_even_for_an_unknown_address(world, api_as):
    api = api_as("facilitator")

    for path in ("/networks/abc", "/networks/99999999999", "/finnes-ikke"):
        response = api.get(path)
        assert response.status_code == 404 and response.is_json


def test_the_openapi_document_is_public(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json["openapi"].startswith("3.1")
    assert "/submissions/{submission_id}/draft" in response.json["paths"]
