"""A team's dossier: every document it was asked for, by deadline, as one PDF with a contents
page; what was not delivered is listed as such, and a document sent back shows what was handed in."""
from __future__ import annotations

import re
from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    SubmissionVersion,
    TemplateVersion,
)
from verksted.extensions import db
from verksted.networks.models import Network, Team, TeamStatus
from verksted.reports.pdf import dossier_pdf

SECTIONS = [{"key": "s-mal", "heading": "Mål og tiltak", "guidance": "Hva vil dere oppnå?", "fields": [
    {"key": "f-mal", "label": "Hovedmål", "kind": "long_text", "help": "", "required": True, "choices": [],
     "columns": [], "carry": ""}]}]
CONTENTS_LINE = re.compile(r"^(.+) (\d+|Ikke levert)$")


class Dossier:
    def __init__(self, data: bytes):
        self.reader = PdfReader(BytesIO(data))
        self.pages = [" ".join(page.extract_text().split()) for page in self.reader.pages]
        laid_out = self.reader.pages[0].extract_text(extraction_mode="layout").splitlines()
        lines = [" ".join(line.split()) for line in laid_out]
        lines = lines[lines.index("Innhold") + 1:]
        self.contents = [(match[1], match[2]) for line in lines
                         if (match := CONTENTS_LINE.match(line)) and not line.startswith("side ")]

    def first_page_with(self, text: str) -> int:
        return next(number for number, page in enumerate(self.pages, start=1) if number > 1 and text in page)


@pytest.fixture
def team(ctx):
    """Čáhppesjávri's documents: delivered, sent back after changes, not delivered, one of a
    deleted request and one asked of another team only."""
    network = Network(name="Heltid i Nordfjella", description="")
    db.session.add(network)
    db.session.flush()
    team, other = Team(network_id=network.id, municipality="Čáhppesjávri suohkan"), \
        Team(network_id=network.id, municipality="Fjordvik kommune")
    template = DocumentTemplate(network_id=network.id, kind=DocumentKind.FREMDRIFTSPLAN, title="Fremdriftsplan",
                                versions=[TemplateVersion(number=1, sections=SECTIONS)])
    db.session.add_all([team, other, template])
    db.session.flush()
    version = template.versions[0]

    def request(title: str, due_on: date, *teams: Team, deleted: bool = False) -> DocumentRequest:
        made = DocumentRequest(network_id=network.id, template_id=template.id, title=title, due_on=due_on,
                               deleted_at=datetime(2026, 1, 1) if deleted else None)
        db.session.add(made)
        db.session.flush()
        db.session.add_all([Assignment(request_id=made.id, team_id=each.id) for each in teams])
        return made

    def submission(request: DocumentRequest, state: SubmissionState, text: str) -> Submission:
        made = Submission(request_id=request.id, team_id=team.id, template_version_id=version.id, state=state,
                          answers={"f-mal": text}, submitted_at=None if state is SubmissionState.DRAFT
                          else datetime(2025, 5, 1, 12))
        db.session.add(made)
        db.session.flush()
        return made

    third = request("Fremdriftsplan 3", date(2025, 9, 1), team, other)
    first = request("Fremdriftsplan 1", date(2025, 3, 1), team, other)
    second = request("Fremdriftsplan 2", date(2025, 6, 1), team, other)
    gone = request("Fremdriftsplan slettet", date(2025, 4, 1), team, deleted=True)
    request("Bare for Fjordvik", date(2025, 2, 1), other)
    submission(first, SubmissionState.APPROVED, "Flere hele stillinger i Čáhppesjávri 🎯 – ŋ š ŧ ž đ")
    returned = submission(second, SubmissionState.RETURNED, "Teksten etter retur, ikke sendt inn ennå")
    db.session.add_all([
        SubmissionVersion(submission_id=returned.id, number=1, answers={"f-mal": "Det teamet leverte i juni"},
                          event="submit"),
        SubmissionVersion(submission_id=returned.id, number=2, answers={"f-mal": "Det teamet leverte i juni"},
                          event="return"),
        SubmissionVersion(submission_id=returned.id, number=3, answers={"f-mal": "Teksten etter retur"},
                          event="save"),
    ])
    submission(third, SubmissionState.DRAFT, "Et utkast")
    submission(gone, SubmissionState.SUBMITTED, "Fra en slettet innlevering")
    db.session.commit()
    return team


def test_the_dossier_lists_every_document_by_deadline_with_its_page_or_that_it_is_not_delivered(team):
    dossier = Dossier(dossier_pdf(team))

    assert [title for title, _page in dossier.contents] == [
        "1 Fremdriftsplan 1 – frist 1. mars 2025, godkjent",
        "2 Fremdriftsplan 2 – frist 1. juni 2025, sendt tilbake for endring",
        "3 Fremdriftsplan 3 – frist 1. september 2025",
    ]
    assert dossier.contents[2][1] == "Ikke levert"
    for number, title in ((1, "Fremdriftsplan 1"), (2, "Fremdriftsplan 2")):
        entry = next(page for text, page in dossier.contents if text.startswith(f"{number} {title} "))
        assert dossier.first_page_with(f"{title} – Čáhppesjávri suohkan") == int(entry)
    assert "Teamets mappe – Čáhppesjávri suohkan" in dossier.pages[0]
    assert dossier.reader.metadata.title == "Teamets mappe – Čáhppesjávri suohkan"


def test_each_document_is_the_version_the_team_last_handed_in(team):
    text = " ".join(Dossier(dossier_pdf(team)).pages)

    assert "Flere hele stillinger i Čáhppesjávri 🎯 – ŋ š ŧ ž đ" in text
    assert "Det teamet leverte i juni" in text
    assert "Teksten etter retur" not in text
    assert "Et utkast" not in text
    assert "slettet" not in text
    assert "Bare for Fjordvik" not in text


def test_a_team_asked_for_nothing_gets_a_dossier_that_says_so(ctx, make_network, make_team):
    network = make_network("Tomt nettverk")
    team = make_team(network, "Havbygd kommune", status=TeamStatus.WITHDRAWN, withdrawn_on=date(2026, 3, 16))

    dossier = Dossier(dossier_pdf(db.session.get(Team, team.id)))

    assert "Havbygd kommune (trukket ut)" in dossier.pages[0]
    assert "Teamet er ikke bedt om noen dokumenter ennå." in dossier.pages[0]


def test_a_team_member_downloads_the_dossier_from_the_team_page(world, login, app):
    client = login(app.test_client(), world.team_member)

    page = client.get(f"/team/{world.team_x.id}").get_data(as_text=True)
    response = client.get(f"/team/{world.team_x.id}/mappe.pdf")

    assert f'href="/team/{world.team_x.id}/mappe.pdf"' in page
    assert "Last ned teamets mappe (PDF)" in page
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'attachment; filename="Mappe - Fjellbygd kommune.pdf"'
    dossier = Dossier(response.data)
    assert dossier.contents[0][0].startswith("1 Fremdriftsplan 1 – frist 16. mars 2026")
    assert login(app.test_client(), world.other_team_member).get(
        f"/team/{world.team_x.id}/mappe.pdf").status_code in (403, 404)
