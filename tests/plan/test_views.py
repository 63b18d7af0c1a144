import html
import re
from datetime import date

import pytest
import sqlalchemy as sa

from tests.pages import field_error, field_value, location, text
from tests.plan.conftest import DONE, IN_PROGRESS, NOT_STARTED, PARTLY
from verksted.extensions import db
from verksted.plan.models import Activity, Milestone, MilestoneStatusChange, Risk

SAMI_TITLE = "Čáhppesjávri: ŋ š ŧ ž đ – kompetanseplan for æøå-kommunene 🎯"


def grid(response) -> dict[str, dict[str, str]]:
    """The month grid as a person reads it: milestone code → month → the state's words."""
    body = response.get_data(as_text=True)
    table = re.search(r'<table class="plan-grid">(.*?)</table>', body, re.S).group(1)
    months = [html.unescape(m) for m in re.findall(r'<span aria-hidden="true" title="([^"]+)">', table)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S):
        code = re.search(r'class="plan-code">([^<]+)<', row).group(1)
        cells = re.findall(r'<td class="plan-cell[^"]*"([^>]*)>', row)
        words = [html.unescape(re.search(r'title="([^"]*)"', c).group(1)) if "title=" in c else "" for c in cells]
        rows[code] = dict(zip(months, words, strict=True))
    return rows


def milestone_form(**changes):
    return {"code": "M1", "title": "Oppstart og forankring", "description": "Oppstartsmøte med styringsgruppen",
            "responsible": "Prosjektleder", "starts_in": "2025-09", "ends_in": "11.2025", **changes}


def risk_form(**changes):
    return {"kind": "internal", "description": "Turnover blant lederne", "likelihood": "3", "consequence": "2",
            "counter_measure": "Forankre i linjen", "owner": "Kommunalsjefene", "status": "open", **changes}


def activity_form(**changes):
    return {"title": "Samlinger", "purpose": "Faglig påfyll og gruppearbeid", "sub_tasks": "Program\nInnledere\nEvaluering",
            "responsible": "Prosjektleder", "period": "Høsten 2025 – våren 2027", **changes}


@pytest.fixture
def find(app):
    """The first row of `model` matching `where`, read afresh, or None."""

    def find(model, **where):
        with app.app_context():
            return db.session.scalar(sa.select(model).filter_by(**where).limit(1))

    return find


@pytest.fixture
def count(app):
    def count(model) -> int:
        with app.app_context():
            return db.session.scalar(sa.select(sa.func.count()).select_from(model))

    return count


# --- reading the plan ----------------------------------------------------------------------


def test_a_team_member_reads_the_grid_with_each_months_state(member_client, network, make_milestone):
    make_milestone(network, "M4", "Heltidstiltak prøvd ut", first=(2026, 2), last=(2026, 11),
                   history=[(date(2026, 2, 10), IN_PROGRESS, ""), (date(2026, 10, 20), PARTLY, "")])
    make_milestone(network, "M8", "Sluttrapport og spredning", first=(2027, 3), last=(2027, 6), position=1)

    response = member_client.get(f"/nettverk/{network.id}/plan")

    assert response.status_code == 200
    rows = grid(response)
    assert rows["M4"]["januar 2026"] == ""
    assert rows["M4"]["februar 2026"] == "Pågår"
    assert rows["M4"]["november 2026"] == "Delvis"
    assert rows["M8"]["mars 2027"] == "Planlagt"
    assert list(rows["M4"])[0] == "september 2025" and list(rows["M4"])[-1] == "juni 2027"
    page = text(response)
    assert "Tegnforklaring" in page and "Fullført" in page and "Stiplet kant" in page
    assert 'aria-current="date"' in response.get_data(as_text=True)  # November 2026 is marked as now
    assert "Ny milepæl" not in page and "Flytt opp" not in page


def test_the_grid_shows_the_state_in_symbol_and_words_not_colour_alone(member_client, network, make_milestone):
    make_milestone(network, "M2", first=(2025, 9), last=(2025, 10), history=[(date(2025, 10, 3), DONE, "")])

    body = member_client.get(f"/nettverk/{network.id}/plan").get_data(as_text=True)

    assert '<span aria-hidden="true">✓</span><span class="ds-sr-only">Fullført</span>' in body


def test_the_plan_says_so_when_there_are_no_milestones(member_client, network):
    response = member_client.get(f"/nettverk/{network.id}/plan")

    assert "Ingen milepæler er lagt inn ennå." in text(response)
    assert "plan-grid" not in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["member", "observer"])
def test_everyone_in_the_network_reads_every_part_of_the_plan(client, login, people, network, make_milestone, make_risk,
                                                             make_activity, who):
    milestone = make_milestone(network, "M1", SAMI_TITLE, history=[(date(2025, 10, 1), IN_PROGRESS, "Godt i gang")])
    make_risk(network, "Kommunesammenslåing")
    make_activity(network, "Oppfølging mellom samlingene", sub_tasks="Telefonmøter\nLese statusrapporter")
    login(client, getattr(people, who))

    assert SAMI_TITLE in text(client.get(f"/nettverk/{network.id}/plan"))
    assert "Godt i gang" in text(client.get(f"/milepaeler/{milestone.id}"))
    assert "Kommunesammenslåing" in text(client.get(f"/nettverk/{network.id}/risikoer"))
    assert "Lese statusrapporter" in text(client.get(f"/nettverk/{network.id}/hovedaktiviteter"))
    assert SAMI_TITLE in text(client.get(f"/nettverk/{network.id}/tidslinje"))


@pytest.mark.parametrize("who", ["member", "observer"])
def test_readers_may_not_change_the_plan(client, login, people, network, make_milestone, make_risk, make_activity, who, find):
    milestone = make_milestone(network, "M1")
    risk, activity = make_risk(network), make_activity(network)
    login(client, getattr(people, who))

    assert client.get(f"/nettverk/{network.id}/milepaeler/ny").status_code == 403
    done = {"status": "done", "changed_on": "2026-11-01"}
    assert client.post(f"/milepaeler/{milestone.id}/status", data=done).status_code == 403
    assert client.post(f"/milepaeler/{milestone.id}/slett").status_code == 403
    assert client.post(f"/risikoer/{risk.id}/rediger", data=risk_form()).status_code == 403
    assert client.post(f"/hovedaktiviteter/{activity.id}/slett").status_code == 403
    assert "Endre status" not in text(client.get(f"/milepaeler/{milestone.id}"))
    assert find(Milestone, id=milestone.id).status is NOT_STARTED


def test_another_networks_leader_is_not_told_the_plan_exists(client, login, people, network, make_milestone, make_risk):
    milestone, risk = make_milestone(network, "M1"), make_risk(network)
    login(client, people.stranger)

    for path in (f"/nettverk/{network.id}/plan", f"/nettverk/{network.id}/plan.pdf", f"/nettverk/{network.id}/tidslinje",
                 f"/milepaeler/{milestone.id}", f"/risikoer/{risk.id}/rediger", f"/nettverk/{network.id}/risikoer"):
        assert client.get(path).status_code == 404, path


def test_the_plan_is_in_the_networks_navigation(member_client, network):
    body = member_client.get(f"/nettverk/{network.id}/plan").get_data(as_text=True)

    assert f'href="/nettverk/{network.id}/plan" aria-current="page">Prosjektplan</a>' in body
    assert f'href="/nettverk/{network.id}/tidslinje">Tidslinje</a>' in body


# --- milestones ----------------------------------------------------------------------------


def test_the_leader_adds_a_milestone_with_months_typed_two_ways(leader_client, network, find):
    form = leader_client.get(f"/nettverk/{network.id}/milepaeler/ny")
    assert field_value(form, "code") == "M1"
    assert 'type="month"' in form.get_data(as_text=True)

    response = leader_client.post(f"/nettverk/{network.id}/milepaeler/ny", data=milestone_form(title=SAMI_TITLE))

    assert location(response) == f"/nettverk/{network.id}/plan"
    milestone = find(Milestone, code="M1")
    assert (milestone.title, milestone.starts_in, milestone.ends_in) == (SAMI_TITLE, date(2025, 9, 1), date(2025, 11, 1))
    assert milestone.status is NOT_STARTED
    assert SAMI_TITLE in text(leader_client.get(f"/nettverk/{network.id}/plan"))


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"starts_in": "2025-11", "ends_in": "2025-10"}, "ends_in", "Milepælen kan ikke være ferdig før den starter."),
    ({"starts_in": "13.2025"}, "starts_in", "Skriv måneden som mm.åååå eller åååå-mm, for eksempel 11.2025."),
    ({"ends_in": "høsten 2025"}, "ends_in", "Skriv måneden som mm.åååå eller åååå-mm, for eksempel 11.2025."),
    ({"starts_in": ""}, "starts_in", "Velg måneden milepælen starter."),
    ({"title": "x" * 201}, "title", "Teksten kan være høyst 200 tegn."),
    ({"code": ""}, "code", "Skriv en kort kode, for eksempel M1."),
])
def test_a_milestone_with_bad_input_is_sent_back_with_a_clear_message(leader_client, network, changes, field, message, find):
    response = leader_client.post(f"/nettverk/{network.id}/milepaeler/ny", data=milestone_form(**changes))

    assert response.status_code == 422
    assert message in field_error(response, field)
    assert message in text(response)  # in the error summary too
    assert field_value(response, "title") == milestone_form(**changes)["title"]
    assert field_value(response, "starts_in") == milestone_form(**changes)["starts_in"]
    assert find(Milestone, network_id=network.id) is None


def test_a_code_already_taken_is_refused_next_to_the_field(leader_client, network, make_milestone):
    make_milestone(network, "M1")

    response = leader_client.post(f"/nettverk/{network.id}/milepaeler/ny", data=milestone_form(code="m1"))

    assert response.status_code == 422
    assert "Koden m1 er allerede brukt i dette nettverket." in field_error(response, "code")
    assert field_value(response, "description") == "Oppstartsmøte med styringsgruppen"


def test_the_leader_edits_a_milestone(leader_client, network, make_milestone, find):
    milestone = make_milestone(network, "M1")
    form = leader_client.get(f"/milepaeler/{milestone.id}/rediger")
    assert field_value(form, "starts_in") == "2025-09"

    response = leader_client.post(f"/milepaeler/{milestone.id}/rediger",
                                  data=milestone_form(code="M1", title="Hovedplaner levert", ends_in="januar 2026"))

    assert location(response) == f"/milepaeler/{milestone.id}"
    edited = find(Milestone, id=milestone.id)
    assert (edited.title, edited.ends_in) == ("Hovedplaner levert", date(2026, 1, 1))


def test_the_leader_changes_the_status_and_the_history_keeps_every_change(leader_client, network, make_milestone, find):
    milestone = make_milestone(network, "M4", history=[(date(2026, 2, 10), IN_PROGRESS, "Tre kommuner i gang")])

    response = leader_client.post(f"/milepaeler/{milestone.id}/status",
                                  data={"status": "partly", "note": "Fire av seks i gang ✓", "changed_on": "20.10.2026"})

    assert location(response) == f"/milepaeler/{milestone.id}"
    page = text(leader_client.get(f"/milepaeler/{milestone.id}"))
    assert "Status: Delvis" in page
    newest, oldest = "Fra 20. oktober 2026: Delvis Fire av seks i gang ✓", "Fra 10. februar 2026: Pågår Tre kommuner i gang"
    assert page.index(newest) < page.index(oldest)
    assert "Registrert av Sigrid Håland" in page
    assert find(Milestone, id=milestone.id).status is PARTLY


def test_the_status_date_is_today_unless_the_leader_backdates_it(leader_client, network, make_milestone):
    milestone = make_milestone(network, "M1")

    assert field_value(leader_client.get(f"/milepaeler/{milestone.id}"), "changed_on") == "2026-11-22"


@pytest.mark.parametrize(("changed_on", "message"), [
    ("23.11.2026", "Datoen kan ikke være fram i tid."),
    ("31.08.2025", "Datoen må være innenfor nettverkets periode, 1. september 2025 – 30. juni 2027."),
    ("31.02.2026", "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."),
])
def test_a_status_change_with_a_bad_date_is_refused_and_the_note_kept(leader_client, network, make_milestone,
                                                                      changed_on, message, count):
    milestone = make_milestone(network, "M1")

    response = leader_client.post(f"/milepaeler/{milestone.id}/status",
                                  data={"status": "done", "note": "Alle har signert", "changed_on": changed_on})

    assert response.status_code == 422
    assert message in field_error(response, "changed_on")
    assert field_value(response, "note") == "Alle har signert"
    assert count(MilestoneStatusChange) == 0


def test_a_tampered_status_gets_a_norwegian_message(leader_client, network, make_milestone):
    milestone = make_milestone(network, "M1")

    response = leader_client.post(f"/milepaeler/{milestone.id}/status", data={"status": "finished", "changed_on": "2026-11-01"})

    assert response.status_code == 422
    assert field_error(response, "status") == "Velg en av statusene i listen."


def test_the_leader_deletes_a_mistaken_status_change(leader_client, network, make_milestone, find):
    milestone = make_milestone(network, "M1", history=[(date(2025, 10, 1), IN_PROGRESS, ""), (date(2025, 11, 1), DONE, "Feil")])
    wrong = find(MilestoneStatusChange, note="Feil")

    response = leader_client.post(f"/statusendringer/{wrong.id}/slett")

    assert location(response) == f"/milepaeler/{milestone.id}"
    assert find(Milestone, id=milestone.id).status is IN_PROGRESS


def test_the_leader_reorders_and_deletes_milestones(leader_client, network, make_milestone):
    m1, m2 = make_milestone(network, "M1", position=0), make_milestone(network, "M2", position=1)

    leader_client.post(f"/milepaeler/{m2.id}/flytt/opp")
    assert list(grid(leader_client.get(f"/nettverk/{network.id}/plan"))) == ["M2", "M1"]
    assert leader_client.post(f"/milepaeler/{m2.id}/flytt/sidelengs").status_code == 404  # no such direction: no such page

    response = leader_client.post(f"/milepaeler/{m1.id}/slett", follow_redirects=True)
    assert "Milepæl M1 er slettet." in text(response)
    assert list(grid(response)) == ["M2"]


# --- risks ---------------------------------------------------------------------------------


def test_the_leader_registers_risks_and_they_are_listed_by_score(leader_client, network, make_risk):
    make_risk(network, "Dårlig vær på samlingsdagene", likelihood=2, consequence=1)

    response = leader_client.post(f"/nettverk/{network.id}/risikoer/ny", data=risk_form(description="Turnover ✓ Čáhppesjávri"))

    assert location(response) == f"/nettverk/{network.id}/risikoer"
    page = text(leader_client.get(f"/nettverk/{network.id}/risikoer"))
    assert page.index("Turnover ✓ Čáhppesjávri") < page.index("Dårlig vær på samlingsdagene")
    assert "6 · Høy risiko" in page and "2 · Lav risiko" in page
    assert "Konsekvens: middels" in page  # the matrix


def test_a_likelihood_outside_one_to_three_is_refused(leader_client, network, find):
    response = leader_client.post(f"/nettverk/{network.id}/risikoer/ny", data=risk_form(likelihood="7"))

    assert response.status_code == 422
    assert field_error(response, "likelihood") == "Velg sannsynlighet fra 1 (lav) til 3 (høy)."
    assert field_value(response, "description") == "Turnover blant lederne"
    assert find(Risk, network_id=network.id) is None


def test_the_leader_edits_and_deletes_a_risk(leader_client, network, make_risk):
    risk = make_risk(network, "Sykefravær", status="open")
    assert '<option selected value="open">' in leader_client.get(f"/risikoer/{risk.id}/rediger").get_data(as_text=True)

    changed = risk_form(description="Sykefravær", status="handled", kind="external")
    leader_client.post(f"/risikoer/{risk.id}/rediger", data=changed)
    assert "Tiltak iverksatt" in text(leader_client.get(f"/nettverk/{network.id}/risikoer"))
    assert "Ekstern" in text(leader_client.get(f"/nettverk/{network.id}/risikoer"))

    leader_client.post(f"/risikoer/{risk.id}/slett")
    assert "Ingen risikoer er registrert ennå." in text(leader_client.get(f"/nettverk/{network.id}/risikoer"))


# --- main activities -----------------------------------------------------------------------


def test_the_leader_adds_an_activity_whose_sub_tasks_show_as_a_list(leader_client, network):
    response = leader_client.post(f"/nettverk/{network.id}/hovedaktiviteter/ny", data=activity_form())

    assert location(response) == f"/nettverk/{network.id}/hovedaktiviteter"
    body = leader_client.get(f"/nettverk/{network.id}/hovedaktiviteter").get_data(as_text=True)
    assert "<li>Program</li><li>Innledere</li><li>Evaluering</li>" in body
    assert "Høsten 2025 – våren 2027" in body


def test_an_activity_without_a_title_is_sent_back(leader_client, network):
    response = leader_client.post(f"/nettverk/{network.id}/hovedaktiviteter/ny", data=activity_form(title=" "))

    assert response.status_code == 422
    assert field_error(response, "title") == "Skriv navnet på aktiviteten."
    assert field_value(response, "sub_tasks") == "Program\nInnledere\nEvaluering"


def test_the_leader_edits_reorders_and_deletes_activities(leader_client, network, make_activity, find, count):
    first, second = make_activity(network, "Samlinger", position=0), make_activity(network, "Oppfølging", position=1)

    leader_client.post(f"/hovedaktiviteter/{first.id}/rediger", data=activity_form(title="Samlinger og gruppearbeid"))
    leader_client.post(f"/hovedaktiviteter/{second.id}/flytt/opp")
    page = text(leader_client.get(f"/nettverk/{network.id}/hovedaktiviteter"))
    assert page.index("Oppfølging") < page.index("Samlinger og gruppearbeid")

    leader_client.post(f"/hovedaktiviteter/{second.id}/slett")
    assert count(Activity) == 1 and find(Activity).title == "Samlinger og gruppearbeid"


# --- the timeline --------------------------------------------------------------------------


def test_the_timeline_marks_past_entries_and_highlights_this_month(member_client, network, make_milestone):
    make_milestone(network, "M1", "Oppstart", first=(2025, 9), last=(2025, 11), history=[(date(2025, 11, 20), DONE, "")])
    make_milestone(network, "M4", "Heltidstiltak", first=(2026, 2), last=(2026, 11), position=1)

    response = member_client.get(f"/nettverk/{network.id}/tidslinje")

    body = response.get_data(as_text=True)
    current = re.search(r'<li class="timeline__month is-current" aria-current="date">(.*?)</ul>', body, re.S).group(1)
    assert "november 2026" in current and "Denne måneden" in current and "M4 Heltidstiltak skal være nådd" in current
    assert re.search(r'is-past" data-kind="milestone_end">.*?M1 Oppstart skal være nådd.*?Passert', body, re.S)
    assert text(response).index("september 2025") < text(response).index("november 2026")
