"""A municipality's system begins, saves and sends in the team's document through the API."""
from __future__ import annotations

from datetime import date

import pytest

from verksted.documents.models import Assignment, DocumentRequest, Submission, SubmissionState

WORDS = "Fjellbygd vil beholde sykepleierne: æøå ÆØÅ, Sámi áčđŋšŧž, og litt glede 🎉🧡"


@pytest.fixture
def fremdriftsplan(world, save):
    """A request for the world's fremdriftsplan template, asked of team X only."""
    (request,) = save(DocumentRequest(network_id=world.network.id, template_id=world.template.id,
                                      title="Fremdriftsplan 2", due_on=date(2099, 5, 1)))
    save(Assignment(request_id=request.id, team_id=world.team_x.id))
    return request


def _begin(api, world, request) -> dict:
    response = api.post(f"/requests/{request.id}/teams/{world.team_x.id}/submission")
    assert response.status_code == 201
    return response.json


def test_a_team_begins_saves_and_sends_in_its_document(world, api_as, fremdriftsplan, load):
    api = api_as("team_member")
    draft = _begin(api, world, fremdriftsplan)
    assert draft["state"] == "draft" and draft["revision"] == 0
    assert [f["key"] for f in draft["fields"]] == ["f-effektmal", "f-tiltak"]
    assert api.post(f"/requests/{fremdriftsplan.id}/teams/{world.team_x.id}/submission").status_code == 200

    saved = api.put(f"/submissions/{draft['id']}/draft", json={"revision": 0, "answers": {
        "f-effektmal": WORDS, "f-tiltak": [["Delmål 1", "Turnus", "Kari", "2 mnd"]]}})

    assert saved.status_code == 200, saved.json
    assert saved.json["revision"] == 1
    assert api.get(f"/submissions/{draft['id']}").json["answers"]["f-effektmal"] == WORDS
    sent = api.post(f"/submissions/{draft['id']}/submit", json={"revision": 1})
    assert sent.status_code == 200 and sent.json["state"] == "submitted"
    assert load(Submission, draft["id"]).state is SubmissionState.SUBMITTED


def test_a_save_based_on_an_old_revision_is_refused_and_overwrites_nothing(world, api_as, fremdriftsplan, load):
    api = api_as("team_member")
    draft = _begin(api, world, fremdriftsplan)
    assert api.put(f"/submissions/{draft['id']}/draft",
                   json={"revision": 0, "answers": {"f-effektmal": "Først"}}).status_code == 200

    late = api.put(f"/submissions/{draft['id']}/draft", json={"revision": 0, "answers": {"f-effektmal": "Sist"}})

    assert late.status_code == 409
    assert late.json["revision"] == 1 and late.json["answers"] == {"f-effektmal": "Først"}
    assert load(Submission, draft["id"]).answers == {"f-effektmal": "Først"}


def test_refusals_name_the_field_in_norwegian(world, api_as, fremdriftsplan):
    api = api_as("team_member")
    draft = _begin(api, world, fremdriftsplan)

    bad_body = api.put(f"/submissions/{draft['id']}/draft", json={"answers": []})
    too_long = api.put(f"/submissions/{draft['id']}/draft",
                       json={"revision": 0, "answers": {"f-effektmal": "x" * 100_000, "f-tiltak": [["Delmål"]]}})
    empty_submit = api.post(f"/submissions/{draft['id']}/submit", json={"revision": 1, "answers": {}})

    assert bad_body.status_code == 422 and set(bad_body.json["errors"]) == {"revision", "answers"}
    assert too_long.status_code == 422 and too_long.json["errors"]["f-effektmal"].startswith("Teksten er for lang")
    assert too_long.json["revision"] == 1  # the valid table was kept
    assert empty_submit.status_code == 422
    assert empty_submit.json["errors"] == {"f-effektmal": "Dette feltet må fylles ut før dokumentet sendes inn."}


def test_a_sent_in_document_is_locked(world, api_as):
    response = api_as("team_member").put(f"/submissions/{world.submission.id}/draft", json={"revision": 0, "answers": {}})

    assert response.status_code == 422
    assert response.json["errors"]["submission"].startswith("Dokumentet er sendt inn og låst")


def test_a_team_not_asked_for_the_document_cannot_begin_it(world, api_as, fremdriftsplan):
    response = api_as("other_team_member").post(f"/requests/{fremdriftsplan.id}/teams/{world.team_y.id}/submission")

    assert response.status_code == 404
