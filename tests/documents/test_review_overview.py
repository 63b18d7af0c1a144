"""The project leader's overview: who has delivered what, at a glance, at the same cost for a
small network as for a large one."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_request,
    make_submission,
    make_template,
)
from tests.pages import text
from verksted.clock import today, utcnow
from verksted.documents.models import Assignment, DocumentKind, SubmissionState
from verksted.extensions import db
from verksted.networks.models import Team, TeamStatus

_TAG = re.compile(r"<[^>]+>")


def rows_of(response) -> dict[str, str]:
    """Each table row's text by the name in its row header, in every table on the page."""
    rows = {}
    for body in re.findall(r"<tr[^>]*>(.*?)</tr>", response.get_data(as_text=True), re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', body, re.S)
        if header:
            name = " ".join(html.unescape(_TAG.sub(" ", header.group(1))).split())
            rows[name] = " ".join(html.unescape(_TAG.sub(" ", body)).split())
    return rows


def short(day) -> str:
    return day.strftime("%d.%m.%Y")


def overview_path(cast, **filters) -> str:
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"/nettverk/{cast.network.id}/dokumenter/oversikt" + (f"?{query}" if query else "")


@pytest.fixture
def every_state(cast, make_team, make_request, make_submission, save):
    """One request, past its deadline, with a team in each state."""
    teams = {name: make_team(cast.network, f"{name} kommune") for name in
             ("Ikkje", "Utkastvik", "Innsendt", "Seinvik", "Tilbakevik", "Godkjentvik")}
    request = make_request(cast.network, list(teams.values()), days=-3, title="Statusrapport 2")
    three_days_ago = utcnow() - timedelta(days=3)
    make_submission(request, teams["Utkastvik"], SubmissionState.DRAFT, updated_at=utcnow() - timedelta(days=10))
    make_submission(request, teams["Innsendt"], submitted_at=utcnow() - timedelta(days=5))
    make_submission(request, teams["Seinvik"], is_late=True, submitted_at=utcnow() - timedelta(days=1))
    make_submission(request, teams["Tilbakevik"], SubmissionState.RETURNED, decided_at=three_days_ago)
    make_submission(request, teams["Godkjentvik"], SubmissionState.APPROVED, decided_at=three_days_ago,
                    good_example=True, ask_to_present=True, shared_at=utcnow())
    return request


def test_every_state_is_shown_as_words_with_the_date_that_matters(cast, every_state):
    response = cast.client_for(cast.leader).get(overview_path(cast))
    rows = rows_of(response)

    assert response.status_code == 200
    due = today() - timedelta(days=3)
    assert rows["Ikkje kommune"] == f"Ikkje kommune Ikke påbegynt frist {short(due)} frist passert"
    assert rows["Utkastvik kommune"] == f"Utkastvik kommune Utkast sist lagret {short(today() - timedelta(days=10))} frist passert"
    assert rows["Innsendt kommune"] == f"Innsendt kommune Sendt inn sendt inn {short(today() - timedelta(days=5))}"
    assert rows["Seinvik kommune"] == f"Seinvik kommune Sendt inn for sent sendt inn {short(today() - timedelta(days=1))}"
    assert rows["Tilbakevik kommune"] == f"Tilbakevik kommune Sendt tilbake sendt tilbake {short(due)}"
    assert rows["Godkjentvik kommune"] == (
        f"Godkjentvik kommune Godkjent godkjent {short(due)} ★ godt eksempel ▶ be om å presentere ⇄ delt i nettverket")


def test_state_colours_tell_overdue_and_late_apart(cast, every_state):
    page = cast.client_for(cast.leader).get(overview_path(cast)).get_data(as_text=True)

    assert '<span class="ds-tag" data-color="danger" data-size="sm">Ikke påbegynt</span>' in page
    assert '<span class="ds-tag" data-color="warning" data-size="sm">Sendt inn for sent</span>' in page
    assert '<span class="ds-tag" data-color="success" data-size="sm">Godkjent</span>' in page


def test_a_cell_opens_the_document_and_an_unstarted_one_has_nothing_to_open(cast, every_state):
    client = cast.client_for(cast.leader)
    page = client.get(overview_path(cast)).get_data(as_text=True)

    links = re.findall(r'<td><a href="([^"]+)">', page)
    assert len(links) == 5
    assert all(re.fullmatch(r"/dokumenter/\d+", link) for link in links)
    assert all(client.get(link).status_code == 200 for link in links)


def test_the_summary_row_counts_what_has_been_delivered(cast, every_state):
    rows = rows_of(cast.client_for(cast.leader).get(overview_path(cast)))

    assert rows["Levert"] == "Levert 3 av 6"  # submitted, late and approved; a returned one must come back


def test_withdrawn_teams_stand_apart_with_what_they_delivered(cast, make_request, make_submission):
    request = make_request(cast.network, [cast.fjordvik, cast.sameby, cast.hakoy], days=-30)
    make_submission(request, cast.hakoy)

    response = cast.client_for(cast.leader).get(overview_path(cast))
    body = text(response)

    matrix = body.split("Aktive kommuneteam", 1)[1]  # past the filter's list of teams
    active, withdrawn = matrix.split("Team som har trukket seg", 1)
    assert "Fjordvik kommune" in active and "Čáhppesjávri suohkan" in active
    assert "Håkøy kommune" not in active
    assert "Håkøy kommune Sendt inn" in withdrawn
    assert rows_of(response)["Levert"] == "Levert 0 av 2"  # withdrawn teams are not counted


def test_columns_are_grouped_by_kind_in_deadline_order(cast, make_template, make_request):
    status = make_template(cast.network, DocumentKind.STATUSRAPPORT, "Statusrapport")
    progress = make_template(cast.network, DocumentKind.FREMDRIFTSPLAN, "Fremdriftsplan")
    main = make_template(cast.network, DocumentKind.HOVEDPLAN, "Hovedplan")
    teams = [cast.fjordvik]
    make_request(cast.network, teams, days=40, template=status, title="Status B")
    make_request(cast.network, teams, days=10, template=status, title="Status A")
    make_request(cast.network, teams, days=60, template=progress, title="Fremdrift 1")
    make_request(cast.network, teams, days=90, template=main, title="Hovedplanen")

    page = cast.client_for(cast.leader).get(overview_path(cast)).get_data(as_text=True)

    groups = re.findall(r'<th scope="colgroup" colspan="(\d)">([^<]+)</th>', page)
    assert groups == [("1", "Hovedplan"), ("1", "Fremdriftsplan"), ("2", "Statusrapport")]
    titles = re.findall(r'<th scope="col">([^<]+)<span class="overview-due">', page)
    assert titles == ["Hovedplanen", "Fremdrift 1", "Status A", "Status B"]


def test_a_deleted_request_is_not_in_the_overview(cast, make_request):
    make_request(cast.network, [cast.fjordvik], title="Slettet innlevering", deleted_at=utcnow())

    body = text(cast.client_for(cast.leader).get(overview_path(cast)))

    assert "Slettet innlevering" not in body
    assert "Teamene er ikke bedt om noen dokumenter ennå." in body


def test_an_extension_moves_the_deadline_shown_for_that_team(app, cast, make_request):
    request = make_request(cast.network, [cast.fjordvik, cast.sameby], days=-2)
    with app.app_context():
        assignment = db.session.scalar(sa.select(Assignment).where(
            Assignment.request_id == request.id, Assignment.team_id == cast.sameby.id))
        assignment.extended_to = today() + timedelta(days=20)
        db.session.commit()

    rows = rows_of(cast.client_for(cast.leader).get(overview_path(cast)))

    assert rows["Fjordvik kommune"].endswith("frist passert")
    assert rows["Čáhppesjávri suohkan"] == f"Čáhppesjávri suohkan Ikke påbegynt frist {short(today() + timedelta(days=20))}"


# --- filters --------------------------------------------------------------------------------


def test_filtering_by_team_shows_only_that_team(cast, every_state):
    rows = rows_of(cast.client_for(cast.leader).get(overview_path(cast, team=cast.fjordvik.id)))

    assert [name for name in rows if name != "Levert"] == ["Fjordvik kommune"]


def test_filtering_by_kind_keeps_only_those_columns(cast, make_template, make_request):
    progress = make_template(cast.network, DocumentKind.FREMDRIFTSPLAN, "Fremdriftsplan")
    make_request(cast.network, [cast.fjordvik], template=progress, title="Fremdrift 1")
    make_request(cast.network, [cast.fjordvik], title="Status 1")

    body = text(cast.client_for(cast.leader).get(overview_path(cast, type="fremdriftsplan")))

    assert "Fremdrift 1" in body
    assert "Status 1" not in body


def test_filtering_by_state_keeps_the_teams_and_documents_in_that_state(cast, every_state, make_request):
    make_request(cast.network, [cast.fjordvik], title="Ingen er godkjent her")

    response = cast.client_for(cast.leader).get(overview_path(cast, status="approved"))
    rows = rows_of(response)

    assert [name for name in rows if name != "Levert"] == ["Godkjentvik kommune"]
    assert "Ingen er godkjent her" not in text(response)


def test_a_filter_value_that_matches_nothing_shows_everything(cast, every_state):
    client = cast.client_for(cast.leader)
    response = client.get(overview_path(cast, team="tull", type="<script>", status="99"))

    assert response.status_code == 200
    assert rows_of(response) == rows_of(client.get(overview_path(cast)))
    assert "<script>" not in response.get_data(as_text=True)


def test_the_filter_form_keeps_the_choice(cast, every_state):
    page = cast.client_for(cast.leader).get(overview_path(cast, status="late")).get_data(as_text=True)

    assert '<option selected value="late">Sendt inn for sent</option>' in page


# --- who may look ----------------------------------------------------------------------------


def test_observers_read_the_overview_and_teams_may_not(cast, every_state):
    assert cast.client_for(cast.observer).get(overview_path(cast)).status_code == 200
    assert cast.client_for(cast.people.ingrid).get(overview_path(cast)).status_code == 403
    assert cast.client_for(cast.other_leader).get(overview_path(cast)).status_code == 404


# --- cost -----------------------------------------------------------------------------------


def _grow(cast, save, make_request, make_submission, teams: int, requests: int) -> None:
    new_teams = save(*[Team(network_id=cast.network.id, municipality=f"Vekst {n} kommune") for n in range(teams)])
    save(*[Team(network_id=cast.network.id, municipality=f"Borte {n} kommune", status=TeamStatus.WITHDRAWN)
           for n in range(2)])
    for n in range(requests):
        request = make_request(cast.network, new_teams, days=n - requests // 2, title=f"Innlevering {n}")
        for i, team in enumerate(new_teams):
            state = [SubmissionState.DRAFT, SubmissionState.SUBMITTED, SubmissionState.APPROVED, None][(i + n) % 4]
            if state is not None:
                make_submission(request, team, state, good_example=(i == n))


@pytest.mark.parametrize(("teams", "requests"), [(3, 3), (20, 15)])
def test_the_overview_costs_the_same_queries_for_3x3_and_20x15(
    cast, save, make_request, make_submission, count_queries, teams, requests
):
    _grow(cast, save, make_request, make_submission, teams, requests)
    client = cast.client_for(cast.leader)
    client.get(overview_path(cast))

    with count_queries() as statements:
        response = client.get(overview_path(cast))

    assert response.status_code == 200
    assert len([name for name in rows_of(response) if name.startswith("Vekst ")]) == teams
    assert len(statements) == QUERIES


# Session user, membership, network, teams, requests with templates, assignments, submissions.
QUERIES = 7
