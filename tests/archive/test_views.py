"""The archive's pages: export, the next cycle and import, as the project leader uses them."""
from __future__ import annotations

import io
import json
from datetime import date

import sqlalchemy as sa

from tests.pages import field_error, text
from verksted.extensions import db
from verksted.networks.models import Membership, Network, Role
from verksted.plan.models import Milestone


def network_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Network.id)))


def upload(client, data: bytes, name: str = "arkiv.json"):
    return client.post("/nettverk/importer", data={"archive": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def test_the_leader_finds_the_export_and_the_next_cycle_in_the_networks_menu(world):
    page = world.client_for("facilitator").get(f"/nettverk/{world.network.id}/arkiv")

    assert page.status_code == 200
    assert "Eksporter nettverket (JSON)" in text(page)
    assert "uten passord" in text(page)
    assert f'href="/nettverk/{world.network.id}/arkiv.json"' in page.get_data(as_text=True)
    assert 'href="/arkivformat/"' in page.get_data(as_text=True)
    assert "Start nytt nettverk fra dette" in text(page)
    overview = world.client_for("facilitator").get(f"/nettverk/{world.network.id}")
    assert f'href="/nettverk/{world.network.id}/arkiv"' in overview.get_data(as_text=True)
    observer_view = world.client_for("observer").get(f"/nettverk/{world.network.id}")
    assert f'href="/nettverk/{world.network.id}/arkiv"' not in observer_view.get_data(as_text=True)


def test_the_export_downloads_the_network_as_json(world):
    response = world.client_for("facilitator").get(f"/nettverk/{world.network.id}/arkiv.json")

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "private, no-store"
    archive = json.loads(response.get_data())
    assert archive["network"]["settings"]["name"] == "Rekruttering i Nordfjella"
    assert "passord-for-test" not in response.get_data(as_text=True)


def test_the_next_network_form_says_what_is_copied_and_what_stays(world):
    page = world.client_for("facilitator").get(f"/nettverk/{world.network.id}/ny-periode")

    assert page.status_code == 200
    assert "Dette tas med" in text(page) and "Dette blir igjen" in text(page)
    assert "Milepælsplanen" in text(page) and "Avstemningene og alle svar" in text(page)


def test_the_leader_starts_the_next_network_and_lands_on_its_page(world, app):
    with app.app_context():
        source = db.session.get(Network, world.network.id)
        source.starts_on = date(2025, 8, 1)
        db.session.commit()
    client = world.client_for("facilitator")

    response = client.post(f"/nettverk/{world.network.id}/ny-periode",
                           data={"name": "Nordfjella 2027–2029 áčđŋšŧž 🌱", "starts_on": "01.08.2027",
                                 "ends_on": "2029-06-30"})

    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert "Nordfjella 2027–2029 áčđŋšŧž 🌱" in text(page)
    assert "er startet fra «Rekruttering i Nordfjella»" in text(page)
    with app.app_context():
        new = db.session.scalar(sa.select(Network).where(Network.name.startswith("Nordfjella 2027")))
        assert [(m.user_id, m.role) for m in new.memberships] == [(world.facilitator.id, Role.FACILITATOR)]
        milestone = db.session.scalar(sa.select(Milestone).where(Milestone.network_id == new.id))
        assert milestone.starts_in == date(2027, 9, 1)


def test_an_end_before_the_start_is_refused_by_its_field_and_nothing_is_made(world, app):
    before = network_count(app)

    response = world.client_for("facilitator").post(
        f"/nettverk/{world.network.id}/ny-periode",
        data={"name": "Ny periode", "starts_on": "2027-08-01", "ends_on": "2027-07-01"})

    assert response.status_code == 422
    assert field_error(response, "ends_on") == "Sluttdatoen kan ikke være før startdatoen."
    assert network_count(app) == before


def test_an_empty_name_is_refused(world, app):
    response = world.client_for("facilitator").post(
        f"/nettverk/{world.network.id}/ny-periode", data={"name": "  ", "starts_on": "2027-08-01"})

    assert response.status_code == 422
    assert field_error(response, "name") == "Dette feltet må fylles ut."


def test_a_leader_imports_an_archive_and_becomes_the_project_leader_of_the_new_network(world, app):
    archive = world.client_for("facilitator").get(f"/nettverk/{world.network.id}/arkiv.json").get_data()
    before = network_count(app)
    client = world.client_for("other_facilitator")

    response = upload(client, archive)

    assert response.status_code == 302
    assert network_count(app) == before + 1
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "er importert" in text(page)
    with app.app_context():
        imported = db.session.get(Network, int(response.headers["Location"].rsplit("/", 1)[1]))
        assert imported.name.startswith("Rekruttering i Nordfjella")
        mine = db.session.scalar(sa.select(Membership).where(Membership.network_id == imported.id,
                                                             Membership.user_id == world.other_facilitator.id))
        assert mine.role is Role.FACILITATOR


def test_a_refused_archive_shows_every_problem_and_creates_nothing(world, app):
    before = network_count(app)

    response = upload(world.client_for("facilitator"), json.dumps({"format_version": 999}).encode())

    assert response.status_code == 422
    assert "Filen ble ikke importert. Ingenting er lagret." in text(response)
    assert 'role="alert"' in response.get_data(as_text=True)
    assert network_count(app) == before


def test_a_file_that_is_not_json_is_refused_clearly(world, app):
    before = network_count(app)

    response = upload(world.client_for("admin"), "ikke json æøå".encode(), "notat.txt")

    assert response.status_code == 422
    assert "Filen ble ikke importert" in text(response)
    assert network_count(app) == before


def test_no_file_chosen_is_told_by_the_field(world):
    response = world.client_for("facilitator").post("/nettverk/importer", data={})

    assert response.status_code == 422
    assert field_error(response, "archive") == "Velg arkivfilen du vil importere."


def test_the_import_page_says_the_size_limit_and_is_offered_to_leaders_only(world, app):
    page = world.client_for("facilitator").get("/nettverk/importer")
    limit = app.config["MAX_CONTENT_LENGTH"] // 2**20

    assert f"Filen kan være høyst {limit} MB." in text(page)
    assert 'href="/nettverk/importer"' in world.client_for("facilitator").get("/nettverk").get_data(as_text=True)
    assert 'href="/nettverk/importer"' in world.client_for("admin").get("/admin/").get_data(as_text=True)
    assert 'href="/nettverk/importer"' not in world.client_for("observer").get("/nettverk").get_data(as_text=True)


def test_the_schema_of_the_format_is_served(world):
    response = world.client_for("team_member").get("/arkivformat/archive.schema.json")

    assert response.status_code == 200
    assert response.mimetype == "application/schema+json"
    assert json.loads(response.get_data())["type"] == "object"


def test_the_next_network_from_the_demos_finished_network_has_a_working_report_and_plan(app, make_user, login, client):
    from verksted.accounts.models import User
    from verksted.reports.demo import FINISHED_NAME, finished_network
    from verksted.reports.models import Report

    leader = make_user("leder@usht.example", "Åse Leder")
    with app.test_request_context():
        source = finished_network(FINISHED_NAME, teams=2, answers_per_gathering=2,
                                  leader=db.session.get(User, leader.id))
        db.session.commit()
        source_id = source.id
        outline = [(s.title, s.source) for s in db.session.scalar(
            sa.select(Report).where(Report.network_id == source_id)).sections]
    login(client, leader)

    response = client.post(f"/nettverk/{source_id}/ny-periode",
                           data={"name": "Kompetanseløft 2027–2029", "starts_on": "2027-09-01"})
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])

    with app.app_context():
        report = db.session.scalar(sa.select(Report).where(Report.network_id == new_id))
        assert [(s.title, s.source) for s in report.sections] == outline
    for path in ("rapport/forhandsvisning", "rapport", "plan", "evaluering/sporsmal", "maler"):
        assert client.get(f"/nettverk/{new_id}/{path}").status_code == 200, path
    assert client.get(f"/nettverk/{new_id}/rapport.pdf").status_code == 200


def test_the_format_page_links_the_schema_and_shows_the_documentation_where_installed(world, app):
    from pathlib import Path

    page = world.client_for("team_member").get("/arkivformat/")

    assert page.status_code == 200
    assert 'href="/arkivformat/archive.schema.json"' in page.get_data(as_text=True)
    assert 'href="archive.schema.json"' in page.get_data(as_text=True)  # the docs' own link, beside the page
    docs = Path(app.root_path).parent / "docs" / "archive.md"
    if docs.is_file():
        first_heading = next(line for line in docs.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        assert first_heading.lstrip("# ").strip() in text(page)


def test_an_archive_over_the_size_limit_is_told_by_its_field(world, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2 * 2**20)
    before = network_count(app)

    response = upload(world.client_for("facilitator"), b"{" + b" " * (3 * 2**20) + b"}")

    assert response.status_code == 413
    assert field_error(response, "archive").startswith("Filen er større enn 2 MB og kan ikke importeres her.")
    assert "Filen kan være høyst 2 MB." in text(response)
    assert network_count(app) == before


def test_an_ended_networks_page_offers_its_leader_the_next_cycle(world, app):
    path = f"/nettverk/{world.network.id}"
    assert "Nettverket er avsluttet" not in text(world.client_for("facilitator").get(path))
    with app.app_context():
        network = db.session.get(Network, world.network.id)
        network.starts_on, network.ends_on = date(2023, 9, 1), date(2025, 6, 30)
        db.session.commit()

    page = world.client_for("facilitator").get(path)

    assert "Nettverket er avsluttet" in text(page)
    assert f'href="/nettverk/{world.network.id}/ny-periode"' in page.get_data(as_text=True)
    assert "Nettverket er avsluttet" not in text(world.client_for("observer").get(path))
