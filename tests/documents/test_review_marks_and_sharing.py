"""Marks for the next gathering ("good example", "ask to present") and sharing documents with
every team of the network (erfaringsdeling) — and teams never reading what is not shared."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_request,
    make_submission,
    make_template,
)
from tests.pages import text
from verksted.clock import today
from verksted.documents.models import Submission, SubmissionState


@pytest.fixture
def past_due(cast, make_request, make_submission):
    """A request whose deadline passed yesterday: Fjordvik submitted, Čáhppesjávri has a draft."""
    request = make_request(cast.network, [cast.fjordvik, cast.sameby], days=-1, title="Fremdriftsplan 2")
    return (request, make_submission(request, cast.fjordvik),
            make_submission(request, cast.sameby, SubmissionState.DRAFT))


def reads(cast, user, submission) -> int:
    """What a person gets when opening a submission to read it."""
    return cast.client_for(user).get(f"/dokumenter/{submission.id}").status_code


# --- marks ----------------------------------------------------------------------------------


def test_marks_show_in_the_overview_and_the_list_for_the_next_gathering(cast, past_due, load):
    _request, submitted, _draft = past_due
    client = cast.client_for(cast.leader)

    client.post(f"/dokumenter/{submitted.id}/merk/godt-eksempel")
    client.post(f"/dokumenter/{submitted.id}/merk/presentere")

    stored = load(Submission, submitted.id)
    assert (stored.good_example, stored.ask_to_present) == (True, True)
    overview = text(client.get(f"/nettverk/{cast.network.id}/dokumenter/oversikt"))
    assert "★ godt eksempel ▶ be om å presentere" in overview
    listed = text(client.get(f"/nettverk/{cast.network.id}/dokumenter/til-samlingen"))
    before_examples, examples = listed.split("Gode eksempler", 1)
    assert "Fjordvik kommune Fremdriftsplan 2" in before_examples.split("Be om å presentere", 1)[1]
    assert "Fjordvik kommune Fremdriftsplan 2" in examples


def test_a_mark_is_taken_off_by_pressing_again(cast, past_due, load):
    _request, submitted, _draft = past_due
    client = cast.client_for(cast.leader)

    client.post(f"/dokumenter/{submitted.id}/merk/presentere")
    response = client.post(f"/dokumenter/{submitted.id}/merk/presentere", follow_redirects=True)

    assert load(Submission, submitted.id).ask_to_present is False
    assert "Merket «be om å presentere» er fjernet." in text(response)


def test_a_draft_cannot_be_marked(cast, past_due, load):
    _request, _submitted, draft = past_due

    response = cast.client_for(cast.leader).post(f"/dokumenter/{draft.id}/merk/godt-eksempel", follow_redirects=True)

    assert "Et utkast kan ikke merkes." in text(response)
    assert load(Submission, draft.id).good_example is False


def test_an_unknown_mark_is_not_found(cast, past_due):
    _request, submitted, _draft = past_due

    assert cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/merk/favoritt").status_code == 404


def test_the_list_for_the_next_gathering_is_for_leaders_and_observers(cast):
    path = f"/nettverk/{cast.network.id}/dokumenter/til-samlingen"

    assert cast.client_for(cast.observer).get(path).status_code == 200
    assert cast.client_for(cast.people.ingrid).get(path).status_code == 403


# --- sharing one document -------------------------------------------------------------------


def test_another_team_reads_a_document_only_once_it_is_shared(cast, past_due):
    _request, submitted, _draft = past_due
    leader = cast.client_for(cast.leader)

    assert reads(cast, cast.people.biret, submitted) == 403
    assert reads(cast, cast.observer, submitted) == 200

    leader.post(f"/dokumenter/{submitted.id}/del")
    assert reads(cast, cast.people.biret, submitted) == 200
    assert cast.client_for(cast.people.biret).get(f"/dokumenter/{submitted.id}.pdf").status_code == 200
    shared = text(cast.client_for(cast.people.biret).get(f"/nettverk/{cast.network.id}/dokumenter/delt"))
    assert "Fremdriftsplan 2 Fjordvik kommune" in shared

    leader.post(f"/dokumenter/{submitted.id}/slutt-a-dele")
    assert reads(cast, cast.people.biret, submitted) == 403


def test_a_draft_cannot_be_shared(cast, past_due, load):
    _request, _submitted, draft = past_due

    response = cast.client_for(cast.leader).post(f"/dokumenter/{draft.id}/del", follow_redirects=True)

    assert "Bare dokumenter som er sendt inn eller godkjent, kan deles" in text(response)
    assert load(Submission, draft.id).shared_at is None


def test_a_returned_document_is_no_longer_shared(cast, past_due):
    _request, submitted, _draft = past_due
    leader = cast.client_for(cast.leader)
    leader.post(f"/dokumenter/{submitted.id}/del")

    leader.post(f"/dokumenter/{submitted.id}/send-tilbake", data={"tilbake-message": "Rett opp tabellen."})

    assert reads(cast, cast.people.biret, submitted) == 403


# --- sharing a whole request ----------------------------------------------------------------


def test_a_whole_request_is_shared_after_its_deadline_without_the_drafts(cast, past_due):
    request, submitted, draft = past_due

    response = cast.client_for(cast.leader).post(f"/innleveringer/{request.id}/del", follow_redirects=True)

    assert "Alle innsendte dokumenter i «Fremdriftsplan 2» er delt med teamene." in text(response)
    assert reads(cast, cast.people.biret, submitted) == 200
    assert reads(cast, cast.people.ingrid, draft) == 403  # Čáhppesjávri's draft stays theirs
    shared = text(cast.client_for(cast.people.ingrid).get(f"/nettverk/{cast.network.id}/dokumenter/delt"))
    assert "Fjordvik kommune" in shared
    assert "Čáhppesjávri suohkan" not in shared


def test_a_request_cannot_be_shared_before_its_deadline(cast, make_request, make_submission, load):
    request = make_request(cast.network, [cast.fjordvik], days=0)
    submitted = make_submission(request, cast.fjordvik)

    response = cast.client_for(cast.leader).post(f"/innleveringer/{request.id}/del", follow_redirects=True)

    assert "Alle dokumentene kan deles først når fristen" in text(response)
    assert load(type(request), request.id).shared_at is None
    assert reads(cast, cast.people.biret, submitted) == 403


def test_sharing_a_request_can_be_undone(cast, past_due, load):
    request, submitted, _draft = past_due
    leader = cast.client_for(cast.leader)
    leader.post(f"/innleveringer/{request.id}/del")

    leader.post(f"/innleveringer/{request.id}/slutt-a-dele")

    assert load(type(request), request.id).shared_at is None
    assert reads(cast, cast.people.biret, submitted) == 403


def test_the_leader_sees_which_requests_can_be_shared(cast, past_due, make_request):
    make_request(cast.network, [cast.fjordvik], days=5, title="Sluttrapport")

    body = text(cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/dokumenter/delt"))

    assert f"Fremdriftsplan 2 {long(today() - timedelta(days=1))} Nei Del alle" in body
    assert "Sluttrapport" not in body


def test_teams_see_the_shared_list_without_the_leaders_buttons(cast, past_due):
    response = cast.client_for(cast.people.ingrid).get(f"/nettverk/{cast.network.id}/dokumenter/delt")

    assert response.status_code == 200
    assert "Del alle dokumentene i en innlevering" not in text(response)
    assert "Ingenting er delt ennå." in text(response)


def test_sharing_is_the_project_leaders(cast, past_due):
    request, submitted, _draft = past_due

    assert cast.client_for(cast.observer).post(f"/dokumenter/{submitted.id}/del").status_code == 403
    assert cast.client_for(cast.people.ingrid).post(f"/innleveringer/{request.id}/del").status_code == 403
    assert cast.client_for(cast.other_leader).post(f"/innleveringer/{request.id}/del").status_code == 404


MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def long(day: date) -> str:
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
