"""Downloading a document as PDF and Word in a real browser, with CSRF on.

Every page visited is checked with axe-core for serious and critical accessibility problems.
"""
from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import docx
import pytest
from pypdf import PdfReader

from tests.browser.conftest import axe_check, sign_in
from verksted import clock
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    TemplateVersion,
)

pytestmark = pytest.mark.browser

COLUMNS = ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]
SECTIONS = [
    {"key": "s-effekt", "heading": "Effektmål", "guidance": "Hva vil dere oppnå på lang sikt?", "fields": [
        {"key": "f-effektmal", "label": "Effektmål", "kind": "long_text", "help": "", "required": True,
         "choices": [], "columns": [], "carry": "effektmal"}]},
    {"key": "s-tiltak", "heading": "Tiltak i perioden", "guidance": "Ett tiltak per rad.", "fields": [
        {"key": "f-tiltak", "label": "Tiltak", "kind": "table", "help": "", "required": False, "choices": [],
         "columns": COLUMNS, "carry": "tiltak"}]},
]
GOAL = "Flere **hele stillinger** i Fjordvik og Čáhppesjávri 🌿 – ŋ š ŧ ž đ"


@pytest.fixture(autouse=True)
def demo_day(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 11, 22))


@pytest.fixture
def submitted(learning_network, save):
    """Fjordvik's fremdriftsplan 2, submitted on time."""
    network, fjordvik = learning_network.network, learning_network.fjordvik
    (template,) = save(DocumentTemplate(network_id=network.id, kind=DocumentKind.FREMDRIFTSPLAN,
                                        title="Fremdriftsplan"))
    (version,) = save(TemplateVersion(template_id=template.id, number=1, sections=SECTIONS))
    (request,) = save(DocumentRequest(network_id=network.id, template_id=template.id, title="Fremdriftsplan 2",
                                      due_on=date(2026, 2, 15), period_from=date(2025, 11, 1),
                                      period_to=date(2026, 2, 15)))
    save(Assignment(request_id=request.id, team_id=fjordvik.id))
    (submission,) = save(Submission(
        request_id=request.id, team_id=fjordvik.id, template_version_id=version.id, state=SubmissionState.SUBMITTED,
        submitted_at=datetime(2026, 2, 14, 13, 5), revision=3,
        answers={"f-effektmal": GOAL, "f-tiltak": [["Heltid", "Prøve ut langvakter", "Enhetsleder", "Vår 2026"]]},
    ))
    return submission


def test_a_team_member_downloads_the_submitted_document_as_pdf_and_word(page, submitted):
    page.goto("/")
    sign_in(page, "9901-1@kommune.example")  # Per Øvrebø, Fjordvik
    page.goto(f"/dokumenter/{submitted.id}")
    axe_check(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Last ned som PDF").click()
    download = pdf_download.value
    assert download.suggested_filename == "Fremdriftsplan 2 - Fjordvik kommune.pdf"
    reader = PdfReader(BytesIO(open(download.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert reader.metadata.title == "Fremdriftsplan 2 – Fjordvik kommune"
    assert "Flere hele stillinger i Fjordvik og Čáhppesjávri 🌿 – ŋ š ŧ ž đ" in text
    assert "Delmål Tiltak Ansvarlig Tidsestimat Heltid Prøve ut langvakter Enhetsleder Vår 2026" in text

    with page.expect_download() as word_download:
        page.get_by_role("link", name="Last ned som Word").click()
    document = docx.Document(word_download.value.path())
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == ["Effektmål", "Tiltak i perioden"]
    axe_check(page)
