"""Downloading a submission as PDF or DOCX, and a request's documents as one PDF or a ZIP."""
from __future__ import annotations

import zipfile
from datetime import datetime
from io import BytesIO

import pytest
from werkzeug.http import parse_options_header

from tests.documents.test_exports import (  # noqa: F401 (fixtures)
    ANSWERS,
    SAMI,
    fjordvik,
    make_request,
    make_submission,
    make_template,
    network,
    pdf_text,
    read_docx,
    read_pdf,
    submission,
)
from verksted.clock import utcnow
from verksted.documents.models import DocumentRequest, SubmissionState
from verksted.extensions import db
from verksted.networks.models import Role, TeamStatus

SAMEBY = "Čáhppesjávri suohkan"


@pytest.fixture
def people(network, fjordvik, make_team, make_user, make_membership, make_network):
    sameby = make_team(network, SAMEBY)
    people = {
        "leader": make_user(name="Åse Prosjektleder"),
        "observer": make_user(name="Olav Observatør"),
        "fjordvik": make_user(name="Ingrid Sæther"),
        "sameby": make_user(name="Biret Sárá Eira"),
        "stranger": make_user(name="Solveig Sørdalen"),
    }
    make_membership(people["leader"], network, Role.FACILITATOR)
    make_membership(people["observer"], network, Role.OBSERVER)
    make_membership(people["fjordvik"], network, Role.TEAM_MEMBER, fjordvik)
    make_membership(people["sameby"], network, Role.TEAM_MEMBER, sameby)
    make_membership(people["stranger"], make_network("Heltid i Sørdalen"), Role.FACILITATOR)
    people["sameby_team"] = sameby
    return people


@pytest.fixture
def as_user(client, login):
    def as_user(user):
        return login(client, user)

    return as_user


def disposition_name(response) -> str:
    """The file name the browser saves the download as."""
    kind, options = parse_options_header(response.headers["Content-Disposition"])
    assert kind == "attachment"
    return options["filename"]


# --- one submission -----------------------------------------------------------------------


def test_a_team_member_downloads_the_team_document_as_pdf(submission, people, as_user):
    response = as_user(people["fjordvik"]).get(f"/dokumenter/{submission.id}.pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert disposition_name(response) == "Fremdriftsplan 2 - Fjordvik kommune.pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    text = pdf_text(read_pdf(response.data))
    assert "Fremdriftsplan 2 – Fjordvik kommune" in text
    assert SAMI in text


def test_a_team_member_downloads_the_team_document_as_docx(submission, people, as_user):
    response = as_user(people["fjordvik"]).get(f"/dokumenter/{submission.id}.docx")

    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert disposition_name(response) == "Fremdriftsplan 2 - Fjordvik kommune.docx"
    document = read_docx(response.data)
    assert document.core_properties.title == "Fremdriftsplan 2 – Fjordvik kommune"
    assert "Biret Sárá Eira" in [p.text for p in document.paragraphs]


def test_a_sami_team_name_survives_in_the_file_name(network, people, make_request, make_submission, as_user):
    team = people["sameby_team"]
    request = make_request(network, [team])
    submission = make_submission(request, team)

    response = as_user(people["sameby"]).get(f"/dokumenter/{submission.id}.pdf")

    assert disposition_name(response) == f"Fremdriftsplan 2 - {SAMEBY}.pdf"


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_another_team_may_not_read_an_unshared_document(submission, people, as_user, suffix):
    assert as_user(people["sameby"]).get(f"/dokumenter/{submission.id}.{suffix}").status_code == 403


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_another_team_reads_a_document_once_it_is_shared(submission, people, as_user, app, suffix):
    with app.app_context():
        db.session.get(type(submission), submission.id).shared_at = utcnow()
        db.session.commit()

    assert as_user(people["sameby"]).get(f"/dokumenter/{submission.id}.{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_another_networks_leader_is_not_told_the_document_exists(submission, people, as_user, suffix):
    assert as_user(people["stranger"]).get(f"/dokumenter/{submission.id}.{suffix}").status_code == 404


@pytest.mark.parametrize("reader", ["leader", "observer"])
def test_the_leader_and_observers_read_every_document(submission, people, as_user, reader):
    assert as_user(people[reader]).get(f"/dokumenter/{submission.id}.pdf").status_code == 200


def test_a_document_that_does_not_exist_is_404(people, as_user):
    assert as_user(people["leader"]).get("/dokumenter/999999.pdf").status_code == 404


def test_a_document_whose_request_was_deleted_can_still_be_downloaded_by_its_team(submission, people, as_user, app):
    with app.app_context():
        db.session.get(DocumentRequest, submission.request_id).deleted_at = utcnow()
        db.session.commit()

    response = as_user(people["fjordvik"]).get(f"/dokumenter/{submission.id}.pdf")

    assert response.status_code == 200
    assert "Innleveringen er slettet av prosjektlederen." in pdf_text(read_pdf(response.data))


def test_harmful_markdown_is_shown_as_text_through_the_download(network, fjordvik, people, make_request,
                                                                make_submission, as_user):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={
        "f-effektmal": '<img src=x onerror="alert(1)"> og <script>document.cookie</script>',
    })
    client = as_user(people["fjordvik"])

    pdf = pdf_text(read_pdf(client.get(f"/dokumenter/{submission.id}.pdf").data))
    word = "\n".join(p.text for p in read_docx(client.get(f"/dokumenter/{submission.id}.docx").data).paragraphs)

    for text in (pdf, word):
        assert '<img src=x onerror="alert(1)"> og <script>document.cookie</script>' in text


# --- a request's documents together -------------------------------------------------------


@pytest.fixture
def delivered(network, fjordvik, people, make_request, make_submission, make_team):
    """Fremdriftsplan 2 asked of four teams: Fjordvik submitted, Čáhppesjávri approved (late),
    Lierbygd has only a draft, Storåsen has nothing."""
    lierbygd, storasen = make_team(network, "Lierbygd kommune"), make_team(network, "Storåsen kommune")
    request = make_request(network, [fjordvik, people["sameby_team"], lierbygd, storasen])
    make_submission(request, fjordvik)
    make_submission(request, people["sameby_team"], state=SubmissionState.APPROVED, is_late=True,
                    submitted_at=datetime(2026, 2, 18, 10, 0),
                    answers={**ANSWERS, "f-leder": "Nils-Ŋuvllát Somby"})
    make_submission(request, lierbygd, state=SubmissionState.DRAFT, answers={"f-leder": "Hemmelig utkast"})
    return request


def test_the_bundle_has_a_cover_with_every_team_then_each_delivered_document(delivered, people, as_user):
    response = as_user(people["leader"]).get(f"/innleveringer/{delivered.id}/samlet.pdf")

    assert response.status_code == 200
    assert disposition_name(response) == "Fremdriftsplan 2 - alle team.pdf"
    reader = read_pdf(response.data)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Fremdriftsplan 2 – alle innleveringer" in cover
    assert "Fjordvik kommune Sendt inn 14. februar 2026 kl. 14:05" in cover
    assert "Lierbygd kommune Ikke levert" in cover
    assert "Storåsen kommune Ikke levert" in cover
    assert f"{SAMEBY} Godkjent, levert for sent 18. februar 2026 kl. 11:00" in cover
    assert "Ikke levert: Lierbygd kommune, Storåsen kommune." in cover
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    starts = [page.split(" Nettverk")[0] for page in pages[1:] if " Nettverk " in page]
    assert starts == [f"Fremdriftsplan 2 – {SAMEBY}", "Fremdriftsplan 2 – Fjordvik kommune"]
    assert "Hemmelig utkast" not in pdf_text(reader)
    assert f"Fremdriftsplan 2 – alle innleveringer · side 1 av {len(pages)}" in pages[0]
    assert f"Fremdriftsplan 2 – Fjordvik kommune · side {len(pages)} av {len(pages)}" in pages[-1]


def test_the_zip_has_a_pdf_and_a_docx_for_each_delivered_document(delivered, people, as_user):
    response = as_user(people["observer"]).get(f"/innleveringer/{delivered.id}/filer.zip")

    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert disposition_name(response) == "Fremdriftsplan 2 - alle team.zip"
    archive = zipfile.ZipFile(BytesIO(response.data))
    assert sorted(archive.namelist()) == sorted([
        "Fremdriftsplan 2 - Fjordvik kommune.pdf", "Fremdriftsplan 2 - Fjordvik kommune.docx",
        f"Fremdriftsplan 2 - {SAMEBY}.pdf", f"Fremdriftsplan 2 - {SAMEBY}.docx",
    ])
    sami_entry = archive.getinfo(f"Fremdriftsplan 2 - {SAMEBY}.pdf")
    assert sami_entry.flag_bits & 0x800  # the name is marked as UTF-8
    assert archive.testzip() is None
    assert "Nils-Ŋuvllát Somby" in pdf_text(read_pdf(archive.read(f"Fremdriftsplan 2 - {SAMEBY}.pdf")))
    word = read_docx(archive.read("Fremdriftsplan 2 - Fjordvik kommune.docx"))
    assert word.core_properties.title == "Fremdriftsplan 2 – Fjordvik kommune"


@pytest.mark.parametrize("path", ["samlet.pdf", "filer.zip"])
@pytest.mark.parametrize(("visitor", "status"), [("fjordvik", 403), ("sameby", 403), ("stranger", 404)])
def test_only_readers_of_everything_get_a_requests_documents_together(delivered, people, as_user, path, visitor,
                                                                      status):
    assert as_user(people[visitor]).get(f"/innleveringer/{delivered.id}/{path}").status_code == status


@pytest.mark.parametrize("path", ["samlet.pdf", "filer.zip"])
def test_a_deleted_request_has_nothing_to_download(delivered, people, as_user, app, path):
    with app.app_context():
        db.session.get(DocumentRequest, delivered.id).deleted_at = utcnow()
        db.session.commit()

    assert as_user(people["leader"]).get(f"/innleveringer/{delivered.id}/{path}").status_code == 404


def test_a_request_nobody_has_delivered_makes_a_cover_page_only(network, fjordvik, people, make_request, as_user):
    request = make_request(network, [fjordvik])

    response = as_user(people["leader"]).get(f"/innleveringer/{request.id}/samlet.pdf")

    reader = read_pdf(response.data)
    assert len(reader.pages) == 1
    assert "Ikke levert: Fjordvik kommune." in pdf_text(reader)
    assert zipfile.ZipFile(BytesIO(as_user(people["leader"]).get(
        f"/innleveringer/{request.id}/filer.zip").data)).namelist() == []


def test_a_withdrawn_team_is_marked_on_the_cover(network, fjordvik, people, make_request, make_team, as_user):
    gone = make_team(network, "Vestre Mo kommune", status=TeamStatus.WITHDRAWN)
    request = make_request(network, [fjordvik, gone])

    cover = pdf_text(read_pdf(as_user(people["leader"]).get(f"/innleveringer/{request.id}/samlet.pdf").data))

    assert "Vestre Mo kommune (trukket ut) Ikke levert" in cover


@pytest.mark.parametrize("path", ["samlet.pdf", "filer.zip"])
def test_the_bundle_costs_the_same_queries_for_2_or_12_teams(network, people, make_request, make_submission,
                                                             make_team, as_user, count_queries, path):
    client = as_user(people["leader"])
    counts = []
    for size in (2, 12):
        teams = [make_team(network, f"Kommune {size}-{n}") for n in range(size)]
        request = make_request(network, teams, title=f"Statusrapport {size}")
        for team in teams:
            make_submission(request, team)
        with count_queries() as statements:
            assert client.get(f"/innleveringer/{request.id}/{path}").status_code == 200
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_one_submission_costs_the_same_queries_whatever_its_size(network, fjordvik, people, make_request,
                                                                 make_submission, as_user, count_queries):
    client = as_user(people["fjordvik"])
    counts = []
    for rows in (2, 150):
        request = make_request(network, [fjordvik], title=f"Plan {rows}")
        submission = make_submission(request, fjordvik, answers={"f-tiltak": [["a", "b", "c", "d"]] * rows})
        with count_queries() as statements:
            assert client.get(f"/dokumenter/{submission.id}.pdf").status_code == 200
        counts.append(len(statements))

    assert counts[0] == counts[1]


def test_the_request_page_offers_the_bundle_and_the_zip(delivered, people, as_user):
    page = as_user(people["leader"]).get(f"/innleveringer/{delivered.id}").get_data(as_text=True)

    assert f'href="/innleveringer/{delivered.id}/samlet.pdf"' in page
    assert f'href="/innleveringer/{delivered.id}/filer.zip"' in page
