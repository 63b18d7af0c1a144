"""The request pages as the project leader and the teams use them: asking for documents, series,
extensions, the list, and bad input answered next to the field."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.documents.test_requests_services import cast, make_request, today  # noqa: F401  (fixtures)
from tests.pages import field_error, field_value, location, text
from verksted.documents.models import Assignment, DocumentRequest, DueRule
from verksted.extensions import db


def _form(cast, **changes) -> dict:
    data = {
        "template_id": str(cast.status.id), "title": "Statusrapport før samling 4 – Čáhppesjávri", "instructions": "",
        "due_kind": "dato", "due_on": "2026-12-01", "days": "", "direction": "for", "gathering_id": "0",
        "period_from": "", "period_to": "", "team_ids": [str(cast.fjordvik.id), str(cast.sameby.id)],
        "remind_days_before": "7",
    }
    return {**data, **changes}


def _requests(app, **filters) -> list[DocumentRequest]:
    with app.app_context():
        return list(db.session.scalars(db.select(DocumentRequest).filter_by(**filters).order_by(DocumentRequest.id)))


def _due_dates(app, request_id) -> dict[int, date]:
    with app.app_context():
        return {a.team_id: a.due_on for a in db.session.get(DocumentRequest, request_id).assignments}


# --- asking ---------------------------------------------------------------------------------


def test_the_new_request_form_offers_the_active_templates_teams_and_gatherings(cast):
    page = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/innleveringer/ny")

    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Statusrapport (Statusrapport)" in text(page)
    assert "Gammel statusrapport" not in body  # archived
    assert "Statusrapport Sørdalen" not in body  # another network's
    assert "Samling 4: Samling 4 (3. desember 2026)" in text(page)
    assert "Håkøy kommune" not in body  # withdrawn teams are not offered
    for team in (cast.fjordvik, cast.sameby):
        assert re.search(rf'<input checked[^>]*name="team_ids" type="checkbox" value="{team.id}"', body)
    assert field_value(page, "remind_days_before") == "7"


def test_the_leader_asks_for_a_document_by_date_and_finds_it_listed(app, cast):
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/ny",
                           data=_form(cast, instructions="Høyst **to** sider, takk 🙏", period_from="2026-09-17",
                                      period_to="2026-11-20"))

    (created,) = _requests(app)
    assert response.status_code == 302
    assert location(response) == f"/innleveringer/{created.id}"
    assert (created.due_rule, created.due_on, created.created_by_id) == (DueRule.FIXED, date(2026, 12, 1), cast.leader.id)
    page = client.get(location(response))
    assert "«Statusrapport før samling 4 – Čáhppesjávri» er opprettet." in text(page)
    assert "for perioden 17. september til 20. november 2026" in text(page)
    assert "<strong>to</strong> sider, takk 🙏" in page.get_data(as_text=True)
    listing = client.get(f"/nettverk/{cast.network.id}/innleveringer")
    assert "Statusrapport før samling 4 – Čáhppesjávri" in text(listing)
    assert "0 av 2" in text(listing)


def test_html_in_the_instructions_is_shown_harmless(app, cast):
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/ny", follow_redirects=True, data=_form(
        cast, instructions='<script>alert("hei")</script> <img src=x onerror=alert(1)>\n\n| Delmål | Tiltak |\n|---|---|\n| Å | Ŋ |'))

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in body and "onerror" not in body
    assert "<td>Å</td>" in body


def test_the_leader_asks_for_a_document_days_after_a_gathering(app, cast):
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/ny", data=_form(
        cast, template_id=str(cast.fremdrift.id), title="", due_kind="samling", due_on="", days="14",
        direction="etter", gathering_id=str(cast.gatherings[4].id)))

    (created,) = _requests(app)
    assert response.status_code == 302
    assert (created.title, created.due_on, created.days_before) == ("Fremdriftsplan 1", date(2026, 12, 17), -14)
    page = client.get(location(response))
    assert "17. desember 2026 (14 dager etter samling 4)" in text(page)


def test_a_deadline_before_the_period_or_already_passed_is_allowed_with_a_warning(app, cast):
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/ny", follow_redirects=True,
                           data=_form(cast, due_on="2026-11-01", period_from="2026-11-10"))

    assert response.status_code == 200
    assert "Merk: fristen 1. november 2026 er før perioden begynner (10. november 2026)." in text(response)
    assert "Merk: fristen 1. november 2026 er allerede passert." in text(response)
    assert len(_requests(app)) == 1


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"due_on": "31.02.2026"}, "due_on", "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."),
    ({"due_on": ""}, "due_on", "Skriv fristdatoen."),
    ({"period_from": "2026-09-17", "period_to": "2026-09-01"}, "period_to", "Perioden kan ikke slutte før den begynner."),
    ({"period_from": "i fjor"}, "period_from", "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."),
    ({"team_ids": []}, "team_ids", "Velg minst ett team som skal levere."),
    ({"due_kind": "samling", "days": "200", "gathering_id": "GATHERING"}, "days", "Skriv et tall fra 0 til 180."),
    ({"due_kind": "samling", "days": "61", "direction": "etter", "gathering_id": "GATHERING"}, "days",
     "Skriv et tall fra 0 til 60."),
    ({"due_kind": "samling", "days": "ti", "gathering_id": "GATHERING"}, "days", "Skriv et helt tall, for eksempel 10."),
    ({"due_kind": "samling", "days": "10", "gathering_id": "0"}, "gathering_id", "Velg samlingen fristen følger."),
    ({"due_kind": "samling", "days": "10", "gathering_id": "OTHER"}, "gathering_id", "Velg en av nettverkets samlinger."),
    ({"template_id": "ARCHIVED"}, "template_id", "Velg en av nettverkets maler."),
    ({"title": "Æ" * 201}, "title", "Teksten kan være høyst 200 tegn."),
    ({"title": "<script>alert(1)</script>"}, "title", "Feltet kan ikke inneholde tegnene < og >."),
    ({"remind_days_before": "90"}, "remind_days_before", "Skriv et tall fra 0 til 60."),
])
def test_bad_input_is_explained_next_to_the_field_and_what_was_typed_is_kept(app, cast, changes, field, message):
    ids = {"GATHERING": str(cast.gatherings[4].id), "OTHER": str(cast.other_gathering.id), "ARCHIVED": str(cast.archived.id)}
    changes = {key: ids.get(value, value) if isinstance(value, str) else value for key, value in changes.items()}

    response = cast.client_for(cast.leader).post(f"/nettverk/{cast.network.id}/innleveringer/ny",
                                                 data=_form(cast, instructions="Husk effektmålene – ŧ ž", **changes))

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert f"{message}" in text(response).split("Rett opp dette før du går videre:")[1]
    assert field_value(response, "instructions") == "Husk effektmålene – ŧ ž"
    assert _requests(app) == []


def test_a_team_of_another_network_sent_by_hand_is_refused(app, cast, make_team):
    elsewhere = make_team(cast.other_network, "Elvdal kommune")

    response = cast.client_for(cast.leader).post(f"/nettverk/{cast.network.id}/innleveringer/ny",
                                                 data=_form(cast, team_ids=[str(cast.fjordvik.id), str(elsewhere.id)]))

    assert response.status_code == 422
    assert field_error(response, "team_ids") == "Velg blant de aktive teamene i nettverket."


# --- the list -------------------------------------------------------------------------------


def test_the_list_has_upcoming_deadlines_first_then_past_ones_and_no_deleted(cast, make_request):
    make_request(cast, "Hovedplan", template=cast.hovedplan, gathering=cast.gatherings[2], days_before=14)
    make_request(cast, "Statusrapport før samling 4", gathering=cast.gatherings[4], days_before=10,
                 period_from=date(2026, 9, 17), period_to=date(2026, 11, 23))
    make_request(cast, "Sluttrapport", due_on=date(2027, 6, 30))
    make_request(cast, "Slettet rapport", due_on=date(2027, 1, 1), deleted_at=date(2026, 11, 1))

    page = text(cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/innleveringer"))

    upcoming, past = page.split("Kommende frister")[1].split("Passerte frister")
    assert upcoming.index("Statusrapport før samling 4") < upcoming.index("Sluttrapport")
    assert "23. november 2026 10 dager før samling 4" in upcoming
    assert "for perioden 17. september til 23. november 2026" in upcoming
    assert "Hovedplan" in past and "29. januar 2026 14 dager før samling 2" in past
    assert "Slettet rapport" not in page


def test_a_team_member_sees_the_own_teams_requests_with_its_extension_and_not_the_others_progress(app, cast,
                                                                                                make_request):
    shared = make_request(cast, "Hovedplan", template=cast.hovedplan, due_on=date(2026, 12, 1))
    make_request(cast, "Bare for Čáhppesjávri", due_on=date(2026, 12, 2), teams=[cast.sameby])
    with app.app_context():
        assignment = db.session.scalar(db.select(Assignment).filter_by(request_id=shared.id, team_id=cast.fjordvik.id))
        assignment.extended_to, assignment.extension_reason = date(2027, 1, 15), "Kommunesammenslåing 1. januar"
        db.session.commit()

    response = cast.client_for(cast.per).get(f"/nettverk/{cast.network.id}/innleveringer")

    page = text(response)
    assert "Hovedplan" in page
    assert "Utsatt for teamet ditt til 15. januar 2027" in page
    assert "Begrunnelse: Kommunesammenslåing 1. januar" in page
    assert "Bare for Čáhppesjávri" not in page
    assert "Levert" not in page
    assert "Ny innlevering" not in page
    assert f"/innleveringer/{shared.id}\"" not in response.get_data(as_text=True)


def test_the_network_menu_leads_to_the_documents(cast):
    body = cast.client_for(cast.observer).get(f"/nettverk/{cast.network.id}/innleveringer").get_data(as_text=True)

    assert f'href="/nettverk/{cast.network.id}/innleveringer" aria-current="page">Dokumenter</a>' in body


# --- one request: extensions, changes, deletion ---------------------------------------------


def test_the_leader_gives_one_team_more_time_with_a_reason(app, cast, make_request):
    request = make_request(cast, "Hovedplan", template=cast.hovedplan, due_on=date(2026, 12, 1))
    client = cast.client_for(cast.leader)
    path = f"/innleveringer/{request.id}/utsettelse/{cast.sameby.id}"

    too_early = client.post(path, data={"extended_to": "2026-11-30", "reason": "Sammenslåing"})
    no_reason = client.post(path, data={"extended_to": "2027-01-15", "reason": ""})
    granted = client.post(path, data={"extended_to": "2027-01-15",
                                      "reason": "Kommunesammenslåing med Áhkkoluokta 1. januar"})

    assert too_early.status_code == 422
    assert field_error(too_early, "extended_to") == "Den nye fristen må være etter innleveringens frist, 1. desember 2026."
    assert field_value(too_early, "reason") == "Sammenslåing"
    assert no_reason.status_code == 422
    assert field_error(no_reason, "reason") == "Skriv hvorfor teamet får utsatt frist."
    assert location(granted) == f"/innleveringer/{request.id}"
    assert _due_dates(app, request.id) == {cast.fjordvik.id: date(2026, 12, 1), cast.sameby.id: date(2027, 1, 15)}
    page = text(client.get(f"/innleveringer/{request.id}"))
    assert "Čáhppesjávri suohkan har fått frist 15. januar 2027." in page
    assert "15. januar 2027 Utsatt frist Kommunesammenslåing med Áhkkoluokta 1. januar" in page

    client.post(f"{path}/fjern")
    assert _due_dates(app, request.id)[cast.sameby.id] == date(2026, 12, 1)


def test_the_request_page_leads_to_each_teams_document_or_workspace(app, cast, make_request, save):
    from verksted.documents.models import DocumentTemplate, Submission

    request = make_request(cast, "Hovedplan", template=cast.hovedplan)
    with app.app_context():
        version_id = db.session.get(DocumentTemplate, cast.hovedplan.id).versions[0].id
    (submission,) = save(Submission(request_id=request.id, team_id=cast.sameby.id, template_version_id=version_id,
                                    state="submitted"))

    response = cast.client_for(cast.leader).get(f"/innleveringer/{request.id}")

    body = response.get_data(as_text=True)
    assert "Sendt inn" in text(response) and "Ikke påbegynt" in text(response)
    if "documents.submission" in app.view_functions:
        assert f'href="/dokumenter/{submission.id}"' in body
    if "documents.workspace" in app.view_functions:
        assert f'href="/team/{cast.fjordvik.id}/dokumenter"' in body


def test_a_team_not_asked_for_the_document_has_no_extension_page(cast, make_request):
    request = make_request(cast, teams=[cast.fjordvik])

    response = cast.client_for(cast.leader).get(f"/innleveringer/{request.id}/utsettelse/{cast.sameby.id}")

    assert response.status_code == 404


def test_the_leader_changes_a_request_starting_from_what_it_says(app, cast, make_request, outbox):
    request = make_request(cast, "Statusrapport før samling 4", gathering=cast.gatherings[4], days_before=10)
    client = cast.client_for(cast.leader)

    form = client.get(f"/innleveringer/{request.id}/rediger")
    response = client.post(f"/innleveringer/{request.id}/rediger", data=_form(
        cast, title="Statusrapport før samling 4", due_kind="samling", days="7", gathering_id=str(cast.gatherings[4].id)))

    assert field_value(form, "days") == "10"
    assert re.search(r'<input checked[^>]*name="due_kind"[^>]*value="samling"', form.get_data(as_text=True))
    assert response.status_code == 302
    assert set(_due_dates(app, request.id).values()) == {date(2026, 11, 26)}
    assert outbox.to(cast.nils.email)[0]["Subject"] == "Ny frist: Statusrapport før samling 4"


def test_a_deleted_request_leaves_the_list_and_its_page_says_so(app, cast, make_request):
    request = make_request(cast, "Hovedplan", template=cast.hovedplan)
    client = cast.client_for(cast.leader)

    response = client.post(f"/innleveringer/{request.id}/slett")

    assert location(response) == f"/nettverk/{cast.network.id}/innleveringer"
    assert "Hovedplan" not in text(client.get(location(response))).split("Kommende frister")[1]
    gone = client.get(f"/innleveringer/{request.id}")
    assert gone.status_code == 410
    assert "«Hovedplan» er slettet. Det teamene skrev, er tatt vare på." in text(gone)
    assert client.get(f"/innleveringer/{request.id}/rediger").status_code == 410
    assert len(_requests(app)) == 1  # kept, marked deleted


# --- series ---------------------------------------------------------------------------------


def test_the_leader_makes_the_five_progress_plans_in_one_go(app, cast):
    client = cast.client_for(cast.leader)
    page = client.get(f"/nettverk/{cast.network.id}/innleveringer/serie")

    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/serie", follow_redirects=True, data={
        "serie": "fremdrift", "fremdrift-template_id": str(cast.fremdrift.id), "fremdrift-days_after": "14",
        "fremdrift-remind_days_before": "7"})

    assert field_value(page, "fremdrift-days_after") == "14"
    assert field_value(page, "status-days_before") == "10"
    assert "5 innleveringer er opprettet." in text(response)
    assert [r.title for r in _requests(app)] == [f"Fremdriftsplan {k} (samling {k}–{k + 1})" for k in range(1, 6)]


def test_the_leader_makes_status_reports_before_chosen_gatherings(app, cast):
    client = cast.client_for(cast.leader)
    chosen = [str(cast.gatherings[n].id) for n in (3, 4, 5, 6)]

    none = client.post(f"/nettverk/{cast.network.id}/innleveringer/serie", data={
        "serie": "status", "status-template_id": str(cast.status.id), "status-days_before": "10",
        "status-remind_days_before": "7"})
    response = client.post(f"/nettverk/{cast.network.id}/innleveringer/serie", data={
        "serie": "status", "status-template_id": str(cast.status.id), "status-gathering_ids": chosen,
        "status-days_before": "10", "status-remind_days_before": "7"})

    assert none.status_code == 422
    assert field_error(none, "status-gathering_ids") == "Velg minst én samling."
    assert response.status_code == 302
    assert [(r.title, r.due_on) for r in _requests(app)] == [
        ("Statusrapport før samling 3", date(2026, 9, 7)), ("Statusrapport før samling 4", date(2026, 11, 23)),
        ("Statusrapport før samling 5", date(2027, 3, 1)), ("Statusrapport før samling 6", date(2027, 5, 24)),
    ]


# --- cost -----------------------------------------------------------------------------------


def test_the_request_list_costs_the_same_queries_for_3_and_30_requests(app, cast, make_request, login, count_queries):
    client = cast.client_for(cast.leader)
    path = f"/nettverk/{cast.network.id}/innleveringer"

    def measured() -> int:
        client.get(path)
        with count_queries() as statements:
            assert client.get(path).status_code == 200
        return len(statements)

    for n in range(3):
        make_request(cast, f"Rapport {n}", gathering=cast.gatherings[n % 6 + 1], days_before=10)
    few = measured()
    for n in range(3, 30):
        make_request(cast, f"Rapport {n}", due_on=date(2026, 1, 1 + n % 28))
    assert measured() == few
