"""Gathering pages as people use them: the leader plans, teams register, the host prints lists."""
from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from urllib.parse import quote

import pypdf
import pytest

from tests.pages import field_error, field_value, location, text
from verksted.clock import today
from verksted.gatherings.models import Gathering, GatheringFile, ItemKind, ProgrammeItem, Registration

PDF = b"%PDF-1.4\n% Verksted test\n%%EOF\n"


def _form(**changes) -> dict:
    day = today() + timedelta(days=45)
    data = {
        "number": "1", "title": "Oppstartssamling", "held_on": day.isoformat(), "starts_at": "09:30",
        "ends_at": "15:30", "venue": "Storåsen kulturhus", "address": "Kulturveien 1, 9993 Storåsen",
        "host_team_id": "0", "host_name": "", "focus": "Kompetanseplan som verktøy", "registration_closes_on": "",
    }
    return {**data, **changes}


def _item_form(**changes) -> dict:
    data = {"starts_at": "10:00", "ends_at": "10:45", "title": "Heltidskultur i praksis", "kind": "talk",
            "speaker": "Máret Ánde Guttorm", "speaker_organisation": "Čáhppesjávri suohkan"}
    return {**data, **changes}


# --- planning ---------------------------------------------------------------------------


def test_the_leader_creates_a_gathering_and_fills_in_its_programme(cast, load):
    client = cast.client_for(cast.leader)

    new_page = client.get(f"/nettverk/{cast.network.id}/samlinger/ny")
    assert field_value(new_page, "number") == "1"
    created = client.post(f"/nettverk/{cast.network.id}/samlinger/ny",
                          data=_form(host_team_id=str(cast.sameby.id)))
    assert created.status_code == 302
    programme_path = location(created)
    client.post(programme_path, data=_item_form(starts_at="13:00", ends_at="15:00", title="Gruppearbeid på tvers",
                                                kind="group_across", speaker="", speaker_organisation=""))
    client.post(programme_path, data=_item_form())

    gathering_id = int(programme_path.split("/")[2])
    page = client.get(f"/samlinger/{gathering_id}")
    body = text(page).replace("\u2060", "")  # word joiners keep 10.00–10.45 on one line
    assert page.status_code == 200
    assert "Samling 1: Oppstartssamling" in body
    assert services_when(today() + timedelta(days=45)) in body
    assert "Storåsen kulturhus, Kulturveien 1, 9993 Storåsen" in body
    assert "Vertskommune Čáhppesjávri suohkan" in body
    assert body.index("10.00–10.45 Heltidskultur i praksis Máret Ánde Guttorm, Čáhppesjávri suohkan Foredrag") < body.index(
        "13.00–15.00 Gruppearbeid på tvers Gruppearbeid på tvers av kommuner")
    assert client.get(f"/nettverk/{cast.network.id}/samlinger/ny").status_code == 200
    assert field_value(client.get(f"/nettverk/{cast.network.id}/samlinger/ny"), "number") == "2"


def services_when(day: date) -> str:
    weekdays = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember"]
    return f"{weekdays[day.weekday()]} {day.day}. {months[day.month - 1]} {day.year} kl. 09.30–15.30"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"held_on": "31.02.2026"}, "held_on", "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."),
        ({"starts_at": "ni og tretti"}, "starts_at", "Skriv klokkeslettet som tt.mm, for eksempel 09.30."),
        ({"ends_at": "08:00"}, "ends_at", "Samlingen må slutte etter at den starter."),
        ({"title": "x" * 201}, "title", "Teksten kan være høyst 200 tegn."),
        ({"venue": "<b>Rådhuset</b>"}, "venue", "Feltet kan ikke inneholde tegnene < og >."),
        ({"number": "tre"}, "number", "Skriv et helt tall, for eksempel 3."),
        ({"title": ""}, "title", "Dette feltet må fylles ut."),
    ],
    ids=["impossible date", "malformed time", "end before start", "too long", "html", "not a number", "empty"],
)
def test_bad_gathering_input_is_explained_and_kept(cast, changes, field, message):
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/samlinger/ny", data=_form(**changes))

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert f'href="#{field}"' in response.get_data(as_text=True)  # the error summary links to the field
    if field in ("venue", "title") and changes[field]:
        assert field_value(response, field) == changes[field]
    assert field_value(response, "focus") == "Kompetanseplan som verktøy"


def test_a_taken_number_is_refused_next_to_the_field(cast, make_gathering):
    make_gathering(cast.network, number=1)
    client = cast.client_for(cast.leader)

    response = client.post(f"/nettverk/{cast.network.id}/samlinger/ny", data=_form(number="1"))

    assert response.status_code == 422
    assert field_error(response, "number") == "Nettverket har allerede en samling nummer 1. Velg et annet nummer."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_at": "08:00", "ends_at": "09:00"}, "starts_at",
         "Programpunktet må ligge innenfor samlingens tid, kl. 09.30–15.30."),
        ({"starts_at": "15:00", "ends_at": "16:15"}, "ends_at",
         "Programpunktet må ligge innenfor samlingens tid, kl. 09.30–15.30."),
        ({"starts_at": "11:00", "ends_at": "10:30"}, "ends_at", "Punktet må slutte etter at det starter."),
        ({"starts_at": "25:00"}, "starts_at", "Skriv klokkeslettet som tt.mm, for eksempel 09.30."),
        ({"speaker": "<script>alert(1)</script>"}, "speaker", "Feltet kan ikke inneholde tegnene < og >."),
    ],
    ids=["before the day", "after the day", "end before start", "malformed time", "html"],
)
def test_bad_programme_items_are_explained_and_kept(cast, make_gathering, changes, field, message, count_rows):
    gathering = make_gathering(cast.network)
    client = cast.client_for(cast.leader)

    response = client.post(f"/samlinger/{gathering.id}/program", data=_item_form(**changes))

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert field_value(response, "title") == "Heltidskultur i praksis"
    assert count_rows(ProgrammeItem, gathering_id=gathering.id) == 0


def test_a_programme_item_is_edited_and_removed(cast, make_gathering, make_item, load):
    gathering = make_gathering(cast.network)
    item = make_item(gathering, starts_at=time(10), title="Foredrag")
    client = cast.client_for(cast.leader)

    edited = client.post(f"/programpunkt/{item.id}/rediger",
                         data=_item_form(title="Rekruttering av unge", kind="group_within"))
    assert edited.status_code == 302
    saved = load(ProgrammeItem, item.id)
    assert (saved.title, saved.kind, saved.speaker) == ("Rekruttering av unge", ItemKind.GROUP_WITHIN,
                                                         "Máret Ánde Guttorm")

    removed = client.post(f"/programpunkt/{item.id}/slett")
    assert removed.status_code == 302
    assert load(ProgrammeItem, item.id) is None


def test_the_list_shows_every_gathering_in_order_and_marks_past_and_next(cast, make_gathering):
    make_gathering(cast.network, number=2, days_ahead=20, title="Heltidskultur", focus="Heltid",
                   host_team_id=cast.sameby)
    make_gathering(cast.network, number=1, days_ahead=-60, title="Oppstart", focus="Kompetanseplan som verktøy")
    make_gathering(cast.network, number=3, days_ahead=120, title="Stands", host_name="Fylkeskommunen")

    response = cast.client_for(cast.per).get(f"/nettverk/{cast.network.id}/samlinger")
    body = text(response)

    assert response.status_code == 200
    assert body.index("Oppstart") < body.index("Heltidskultur") < body.index("Stands")
    assert "Kompetanseplan som verktøy Gjennomført" in body
    assert "Čáhppesjávri suohkan Heltid Neste" in body
    assert "Fylkeskommunen – Kommende" in body
    assert 'aria-current="page">Samlinger</a>' in response.get_data(as_text=True)
    assert "Ny samling" not in body


def test_moving_a_gathering_through_the_form_tells_the_active_teams(cast, make_gathering, load, outbox):
    gathering = make_gathering(cast.network, number=2, title="Heltidskultur")
    client = cast.client_for(cast.leader)
    new_day = today() + timedelta(days=60)

    response = client.post(f"/samlinger/{gathering.id}/rediger", data=_form(
        number="2", title="Heltidskultur", held_on=new_day.strftime("%d.%m.%Y"), starts_at="10.00",
        venue="Fjordvik kulturhus", address="Storgata 12, 9990 Fjordvik"), follow_redirects=True)

    assert "Samlingen er flyttet." in text(response)
    assert load(Gathering, gathering.id).sequence == 1
    assert {str(m["To"]).split("<")[-1].rstrip(">") for m in outbox} == {
        cast.ingrid.email, cast.per.email, cast.liv.email, cast.biret.email, cast.nils.email}
    assert outbox.to(cast.gunnar.email) == []
    body = outbox.to(cast.per.email)[0].get_content()
    assert f"{services_when(new_day).replace('09.30', '10.00')}, Fjordvik kulturhus" in body


def test_the_leaders_summary_is_shown_as_markdown_without_scripts(cast, make_gathering):
    gathering = make_gathering(cast.network, days_ahead=-3)
    client = cast.client_for(cast.leader)

    client.post(f"/samlinger/{gathering.id}/oppsummering", data={
        "notes": "## Hva vi lærte\n\n- **Heltid** er et lederansvar\n<script>alert(1)</script>\n\n### Neste gang\n\nMer tid."})
    page = cast.client_for(cast.nils).get(f"/samlinger/{gathering.id}").get_data(as_text=True)

    assert "<strong>Heltid</strong> er et lederansvar" in page
    assert "<script>alert(1)" not in page
    # The summary sits under the page's h2 "Oppsummering", so its own headings start at h3.
    assert "<h3>Hva vi lærte</h3>" in page
    assert "<h4>Neste gang</h4>" in page


def test_the_network_page_points_to_the_next_gathering(cast, make_gathering):
    make_gathering(cast.network, number=1, days_ahead=-30, title="Oppstart")
    make_gathering(cast.network, number=2, days_ahead=14, title="Heltidskultur")
    make_gathering(cast.network, number=3, days_ahead=90, title="Stands")

    page = cast.client_for(cast.per).get(f"/nettverk/{cast.network.id}")

    assert "Neste samling Samling 2: Heltidskultur " + services_when(today() + timedelta(days=14)) in text(page)


def test_deleting_a_gathering_returns_to_the_list(cast, make_gathering, load):
    gathering = make_gathering(cast.network, number=5)
    client = cast.client_for(cast.leader)

    response = client.post(f"/samlinger/{gathering.id}/slett", follow_redirects=True)

    assert "Samling 5 er slettet." in text(response)
    assert load(Gathering, gathering.id) is None


# --- registration and attendance --------------------------------------------------------


def test_the_gruppeleder_registers_the_team_with_dietary_needs_and_an_extra_person(cast, make_gathering):
    gathering = make_gathering(cast.network)
    client = cast.client_for(cast.biret)

    page = client.get(f"/samlinger/{gathering.id}")
    assert f'href="/samlinger/{gathering.id}/pamelding/{cast.sameby.id}"' in page.get_data(as_text=True)
    assert f'href="/samlinger/{gathering.id}/pamelding/{cast.fjordvik.id}"' not in page.get_data(as_text=True)
    form = client.get(f"/samlinger/{gathering.id}/pamelding/{cast.sameby.id}")
    assert field_value(form, f"m{cast.nils.id}_job_title") == "Helsefagarbeider"

    response = client.post(f"/samlinger/{gathering.id}/pamelding/{cast.sameby.id}", data={
        f"m{cast.biret.id}_coming": "y", f"m{cast.biret.id}_job_title": "Enhetsleder",
        f"m{cast.biret.id}_dietary_needs": "Laktosefri",
        f"m{cast.nils.id}_job_title": "Helsefagarbeider",
        "n1_name": "Ánne Ŧuolbmá Čoavji", "n1_job_title": "Vikar", "n1_dietary_needs": "Ingen nøtter 🥜",
    }, follow_redirects=True)

    assert "Påmeldingen for Čáhppesjávri suohkan er lagret." in text(response)
    assert "Čáhppesjávri suohkan 2" in text(response)


def test_an_ordinary_member_and_another_teams_gruppeleder_may_not_register_the_team(cast, make_gathering):
    gathering = make_gathering(cast.network)
    path = f"/samlinger/{gathering.id}/pamelding/{cast.fjordvik.id}"

    assert cast.client_for(cast.per).get(path).status_code == 403
    assert cast.client_for(cast.per).post(path, data={f"m{cast.per.id}_coming": "y"}).status_code == 403
    assert cast.client_for(cast.biret).post(path, data={f"m{cast.ingrid.id}_coming": "y"}).status_code == 403
    assert cast.client_for(cast.stranger).get(path).status_code == 404
    assert cast.client_for(None).get(path).status_code == 302
    assert cast.client_for(cast.leader).get(path).status_code == 200


def test_an_emptied_name_takes_an_extra_person_off_and_an_overlong_diet_is_refused(cast, make_gathering,
                                                                                    make_registration, load):
    gathering = make_gathering(cast.network)
    extra = make_registration(gathering, cast.fjordvik, "Vikar Vikarsen")
    client = cast.client_for(cast.ingrid)
    path = f"/samlinger/{gathering.id}/pamelding/{cast.fjordvik.id}"

    refused = client.post(path, data={f"m{cast.ingrid.id}_coming": "y", f"m{cast.ingrid.id}_dietary_needs": "x" * 301,
                                      f"e{extra.id}_name": "Vikar Vikarsen", "n1_name": "Ny <person>"})
    assert refused.status_code == 422
    assert field_error(refused, f"m{cast.ingrid.id}_dietary_needs") == "Teksten kan være høyst 300 tegn."
    assert field_error(refused, "n1_name") == "Feltet kan ikke inneholde tegnene < og >."
    assert field_value(refused, "n1_name") == "Ny <person>"

    saved = client.post(path, data={f"m{cast.ingrid.id}_coming": "y", f"e{extra.id}_name": ""})
    assert saved.status_code == 302
    assert load(Registration, extra.id) is None


def test_after_the_closing_date_only_the_leader_can_change_the_registration(cast, make_gathering):
    gathering = make_gathering(cast.network, days_ahead=3, registration_closes_on=today() - timedelta(days=1))
    path = f"/samlinger/{gathering.id}/pamelding/{cast.fjordvik.id}"

    page = cast.client_for(cast.ingrid).get(path)
    refused = cast.client_for(cast.ingrid).post(path, data={f"m{cast.ingrid.id}_coming": "y"})
    allowed = cast.client_for(cast.leader).post(path, data={f"m{cast.ingrid.id}_coming": "y"})

    assert "Påmeldingen stengte" in text(page)
    assert "Lagre påmeldingen" not in text(page)
    assert refused.status_code == 422
    assert "Påmeldingen stengte" in text(refused)
    assert allowed.status_code == 302


def test_the_leader_records_who_came(cast, make_gathering, make_registration, load):
    gathering = make_gathering(cast.network, days_ahead=-1)
    came = make_registration(gathering, cast.fjordvik, "Ingrid Sæther", cast.ingrid)
    absent = make_registration(gathering, cast.sameby, "Nils-Ŋuvllát Somby", cast.nils)
    client = cast.client_for(cast.leader)

    form = client.get(f"/samlinger/{gathering.id}/oppmote")
    assert "Møtte: Nils-Ŋuvllát Somby" in text(form)
    response = client.post(f"/samlinger/{gathering.id}/oppmote", data={f"r{came.id}": "y"}, follow_redirects=True)

    assert "Oppmøtet er lagret." in text(response)
    assert load(Registration, came.id).attended is True
    assert load(Registration, absent.id).attended is False
    assert "Ingrid Sæther Enhetsleder" not in text(response)  # job title was left empty
    assert "Ingrid Sæther Ja" in text(response)
    assert "Nils-Ŋuvllát Somby Nei" in text(response)


def test_attendance_before_the_day_is_explained(cast, make_gathering, make_registration):
    gathering = make_gathering(cast.network, days_ahead=4)
    make_registration(gathering, cast.fjordvik, "Ingrid Sæther", cast.ingrid)

    response = cast.client_for(cast.leader).post(f"/samlinger/{gathering.id}/oppmote")

    assert response.status_code == 422
    assert "Oppmøte kan registreres fra samlingsdagen" in text(response)


# --- lists for the host -----------------------------------------------------------------


def test_the_host_team_downloads_the_csv_and_other_teams_may_not(cast, make_gathering, make_registration):
    gathering = make_gathering(cast.network, number=4, host_team_id=cast.sameby)
    make_registration(gathering, cast.sameby, "Biret Sárá Eira", cast.biret, dietary_needs="Laktosefri")
    make_registration(gathering, cast.fjordvik, "Ingrid Sæther", cast.ingrid, job_title="Enhetsleder")

    response = cast.client_for(cast.nils).get(f"/samlinger/{gathering.id}/deltakere.csv")

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename=samling-4-deltakere.csv' in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[1:] == [["Čáhppesjávri suohkan", "Biret Sárá Eira", "", "Laktosefri"],
                        ["Fjordvik kommune", "Ingrid Sæther", "Enhetsleder", ""]]
    assert cast.client_for(cast.per).get(f"/samlinger/{gathering.id}/deltakere.csv").status_code == 403
    assert cast.client_for(cast.observer).get(f"/samlinger/{gathering.id}/deltakere.csv").status_code == 200


def test_the_pdf_list_reads_back_with_team_and_sami_names(cast, make_gathering, make_registration):
    gathering = make_gathering(cast.network, number=4, title="Heltidskultur", host_team_id=cast.sameby)
    make_registration(gathering, cast.sameby, "Nils-Ŋuvllát Somby", cast.nils)
    make_registration(gathering, cast.fjordvik, "Liv Åsheim", cast.liv)

    response = cast.client_for(cast.leader).get(f"/samlinger/{gathering.id}/deltakere.pdf")
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    everything = "\n".join(page.extract_text() for page in reader.pages)

    assert response.mimetype == "application/pdf"
    for expected in ("Čáhppesjávri suohkan (1)", "Fjordvik kommune (1)", "Nils-Ŋuvllát Somby", "Liv Åsheim"):
        assert expected in everything


# --- files ------------------------------------------------------------------------------


def test_an_uploaded_file_is_downloaded_by_members_under_its_own_name(cast, make_gathering):
    gathering = make_gathering(cast.network)
    leader = cast.client_for(cast.leader)
    name = "Heltid – lysark fra Čáhppesjávri.pdf"

    uploaded = leader.post(f"/samlinger/{gathering.id}/filer", data={"title": "Lysark om heltid",
                                                                      "file": (io.BytesIO(PDF), name)},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "«Lysark om heltid» er lastet opp." in text(uploaded)
    page = cast.client_for(cast.nils).get(f"/samlinger/{gathering.id}")
    assert "Lysark om heltid" in text(page)

    with leader.application.app_context():
        from verksted.extensions import db

        stored = db.session.query(GatheringFile).one()
    response = cast.client_for(cast.nils).get(f"/samlingsfiler/{stored.id}")

    assert response.status_code == 200
    assert response.data == PDF
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert f"filename*=UTF-8''{quote(name)}" in response.headers["Content-Disposition"]
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert cast.client_for(cast.stranger).get(f"/samlingsfiler/{stored.id}").status_code == 404
    anonymous = cast.client_for(None).get(f"/samlingsfiler/{stored.id}")
    assert anonymous.status_code == 302 and location(anonymous).startswith("/logg-inn?next=")
    assert cast.client_for(cast.per).post(f"/samlingsfiler/{stored.id}/slett").status_code == 403

    deleted = leader.post(f"/samlingsfiler/{stored.id}/slett", follow_redirects=True)
    assert "«Lysark om heltid» er slettet." in text(deleted)
    assert cast.client_for(cast.nils).get(f"/samlingsfiler/{stored.id}").status_code == 404


def test_a_file_over_20_mb_is_refused_with_a_message(cast, make_gathering):
    gathering = make_gathering(cast.network)
    too_big = PDF + b"0" * (20 * 1024 * 1024)

    response = cast.client_for(cast.leader).post(
        f"/samlinger/{gathering.id}/filer", data={"title": "Opptak", "file": (io.BytesIO(too_big), "opptak.pdf")},
        content_type="multipart/form-data")

    assert response.status_code == 422
    assert field_error(response, "file") == "Filen er for stor – største tillatte størrelse er 20 MB."
    assert field_value(response, "title") == "Opptak"


def test_a_program_file_is_refused_by_its_type(cast, make_gathering, count_rows):
    gathering = make_gathering(cast.network)

    response = cast.client_for(cast.leader).post(
        f"/samlinger/{gathering.id}/filer", data={"title": "Verktøy", "file": (io.BytesIO(b"MZ\x90\x00"), "verktøy.exe")},
        content_type="multipart/form-data")

    assert response.status_code == 422
    assert field_error(response, "file").startswith("Filtypen .exe er ikke tillatt.")
    assert count_rows(GatheringFile, gathering_id=gathering.id) == 0


# --- pages that cost the same however much they show ------------------------------------


def _fill(gathering, cast, make_item, make_registration, save, count: int) -> None:
    for n in range(count):
        make_item(gathering, starts_at=time(10 + n % 5, n % 60), title=f"Punkt {n}")
        make_registration(gathering, cast.fjordvik if n % 2 else cast.sameby, f"Deltaker {n}")
        save(GatheringFile(gathering_id=gathering.id, title=f"Fil {n}", filename=f"fil-{n}.pdf",
                           stored_name=f"{gathering.id:04d}{n:028d}", content_type="application/pdf", size=100))


@pytest.mark.parametrize("path", ["/samlinger/{id}", "/samlinger/{id}/deltakere", "/samlinger/{id}/oppmote"])
def test_a_gathering_page_costs_the_same_queries_for_2_or_20_items(cast, make_gathering, make_item,
                                                                   make_registration, save, count_queries, path):
    small = make_gathering(cast.network, number=1, days_ahead=-1)
    large = make_gathering(cast.network, number=2, days_ahead=-1)
    _fill(small, cast, make_item, make_registration, save, 2)
    _fill(large, cast, make_item, make_registration, save, 20)
    client = cast.client_for(cast.leader)

    with count_queries() as few:
        assert client.get(path.format(id=small.id)).status_code == 200
    with count_queries() as many:
        assert client.get(path.format(id=large.id)).status_code == 200

    assert len(many) == len(few)


def test_the_gathering_list_costs_the_same_queries_for_2_or_20_gatherings(cast, make_network, make_team,
                                                                           make_gathering, count_queries, login):
    client = cast.client_for(cast.leader)
    for number in (1, 2):
        make_gathering(cast.network, number=number, host_team_id=cast.fjordvik)
    with count_queries() as few:
        assert client.get(f"/nettverk/{cast.network.id}/samlinger").status_code == 200
    for number in range(3, 21):
        make_gathering(cast.network, number=number, days_ahead=number * 10,
                       host_team_id=cast.sameby if number % 2 else cast.fjordvik)
    with count_queries() as many:
        assert client.get(f"/nettverk/{cast.network.id}/samlinger").status_code == 200

    assert len(many) == len(few)


def test_the_registration_form_costs_the_same_queries_for_2_or_8_members(cast, make_user, make_membership,
                                                                          make_gathering, count_queries):
    from verksted.networks.models import Role

    gathering = make_gathering(cast.network)
    client = cast.client_for(cast.leader)
    with count_queries() as few:
        assert client.get(f"/samlinger/{gathering.id}/pamelding/{cast.sameby.id}").status_code == 200
    for n in range(6):
        make_membership(make_user(name=f"Ny {n}"), cast.network, Role.TEAM_MEMBER, cast.sameby)
    with count_queries() as many:
        assert client.get(f"/samlinger/{gathering.id}/pamelding/{cast.sameby.id}").status_code == 200

    assert len(many) == len(few)
