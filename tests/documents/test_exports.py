"""A submission as PDF and DOCX, read back the way a reader or Word would.

The factories here build documents directly through the models; test_exports_views.py uses
them too.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from verksted.documents import exports
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import load_submission
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    FieldKind,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.extensions import db

SAMI = "Čáhppesjávri: ŋ š ŧ ž đ á – æøå 🎯"
COLUMNS = ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]


def _field(key, label, kind, **extra):
    return {"key": key, "label": label, "kind": kind.value, "help": "", "required": False, "choices": [],
            "columns": [], "carry": "", **extra}


SECTIONS = [
    {"key": "s-team", "heading": "Teamet", "guidance": "Hvem er med i teamet, og hvem er **gruppeleder**?",
     "fields": [_field("f-leder", "Gruppeleder", FieldKind.SHORT_TEXT),
                _field("f-medlemmer", "Medlemmer", FieldKind.LIST)]},
    {"key": "s-effekt", "heading": "Effektmål", "guidance": "- Hva vil dere oppnå på lang sikt?\n- Hvordan måles det?",
     "fields": [_field("f-effektmal", "Effektmål", FieldKind.LONG_TEXT)]},
    {"key": "s-mote", "heading": "Første arbeidsmøte", "guidance": "",
     "fields": [_field("f-mote", "Dato, tid og sted", FieldKind.MEETING)]},
    {"key": "s-tiltak", "heading": "Tiltak", "guidance": "Ett tiltak per rad.",
     "fields": [_field("f-tiltak", "Tiltaksplan", FieldKind.TABLE, columns=COLUMNS)]},
    {"key": "s-tall", "heading": "Fakta om kommunen", "guidance": "",
     "fields": [_field("f-arsverk", "Antall årsverk", FieldKind.NUMBER),
                _field("f-evaluering", "Dato for evaluering", FieldKind.DATE),
                _field("f-fase", "Fase", FieldKind.CHOICE, choices=["Oppstart", "Utprøving"])]},
    {"key": "s-laering", "heading": "Hva har dere lært", "guidance": "",
     "fields": [_field("f-laering", "Læring", FieldKind.LONG_TEXT)]},
]

EFFECT_GOAL = f"""Alle i **{SAMI}** skal ha *hele stillinger* innen 2027.

1. Kartlegge ønsket stillingsstørrelse
2. Prøve ut langvakter

Se [veilederen](https://www.ks.no/heltid) og <script>alert('hei')</script> her.

| Mål | Frist |
|---|---|
| Heltid | 2027 |
"""

ANSWERS = {
    "f-leder": "Biret Sárá Eira",
    "f-medlemmer": ["Nils-Ŋuvllát Somby", "Áile Ŧuomas"],
    "f-effektmal": EFFECT_GOAL,
    "f-mote": {"date": "2026-02-14", "time": "09:30", "place": "Fjordvik rådhus"},
    "f-tiltak": [["Flere hele stillinger", "Turnus med langvakter", "Enhetsleder", "Vår 2026"],
                 ["Rekruttere lærlinger", "Lærlingdag på skolen", "HR-rådgiver", "Høst 2026"]],
    "f-arsverk": "42,5",
    "f-evaluering": "2026-06-15",
    "f-fase": "Utprøving",
}


@pytest.fixture
def make_template(save):
    def make_template(network, sections=SECTIONS, kind=DocumentKind.FREMDRIFTSPLAN, number=1) -> TemplateVersion:
        (template,) = save(DocumentTemplate(network_id=network.id, kind=kind, title="Fremdriftsplan"))
        (version,) = save(TemplateVersion(template_id=template.id, number=number, sections=sections))
        return version

    return make_template


@pytest.fixture
def make_request(save, make_template):
    def make_request(network, teams, title="Fremdriftsplan 2", version=None, **fields) -> DocumentRequest:
        version = version or make_template(network)
        fields.setdefault("due_on", date(2026, 2, 15))
        (request,) = save(
            DocumentRequest(network_id=network.id, template_id=version.template_id, title=title, **fields)
        )
        save(*[Assignment(request_id=request.id, team_id=team.id) for team in teams])
        request.version = version
        return request

    return make_request


@pytest.fixture
def make_submission(save):
    def make_submission(request, team, answers=ANSWERS, state=SubmissionState.SUBMITTED, **fields) -> Submission:
        if state is not SubmissionState.DRAFT:
            fields.setdefault("submitted_at", datetime(2026, 2, 14, 13, 5))
        (submission,) = save(Submission(request_id=request.id, team_id=team.id, template_version_id=request.version.id,
                                        state=state, answers=answers, **fields))
        return submission

    return make_submission


@pytest.fixture
def network(make_network):
    return make_network("Rekruttere og beholde – læringsnettverk i Nordfjella")


@pytest.fixture
def fjordvik(network, make_team):
    return make_team(network, "Fjordvik kommune")


@pytest.fixture
def submission(network, fjordvik, make_request, make_submission):
    request = make_request(network, [fjordvik], period_from=date(2025, 9, 1), period_to=date(2026, 2, 15))
    return make_submission(request, fjordvik)


@pytest.fixture
def export(app):
    """Run an export function on a submission loaded afresh, as the view does."""

    def export(function, submission_id):
        with app.test_request_context():
            return function(load_submission(submission_id))

    return export


def read_pdf(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdf_text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def read_docx(data: bytes):
    return docx.Document(BytesIO(data))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# --- Markdown blocks ----------------------------------------------------------------------


def test_markdown_with_html_keeps_the_html_as_visible_text():
    blocks = mb.blocks("Før <script>alert(1)</script> etter\n\n<b>fet?</b>")

    assert [mb.text_of(block.spans) for block in blocks] == ["Før <script>alert(1)</script> etter", "<b>fet?</b>"]


def test_markdown_links_keep_only_web_and_mail_addresses():
    (paragraph,) = mb.blocks("[trygt](https://ks.no) og [farlig](javascript:alert(1))")

    links = {span.text: span.href for span in paragraph.spans if span.text.strip() not in ("og",)}
    assert links == {"trygt": "https://ks.no", "farlig": None}


def test_markdown_lists_tables_and_emphasis_become_blocks():
    blocks = mb.blocks("**fet** og *kursiv*\n\n3. tre\n4. fire\n\n- a\n- b\n\n| A | B |\n|---|---|\n| 1 | 2 |")

    paragraph, numbered, bullets, table = blocks
    assert [(s.text, s.bold, s.italic) for s in paragraph.spans] == [("fet", True, False), (" og ", False, False),
                                                                     ("kursiv", False, True)]
    assert (numbered.ordered, numbered.start, len(numbered.items)) == (True, 3, 2)
    assert (bullets.ordered, [mb.text_of(item[0].spans) for item in bullets.items]) == (False, ["a", "b"])
    assert [mb.text_of(cell) for cell in table.header] == ["A", "B"]
    assert [[mb.text_of(cell) for cell in row] for row in table.rows] == [["1", "2"]]


def test_lists_nested_deeper_than_a_page_allows_are_written_flat():
    deep = "".join(f"{'    ' * level}- nivå {level}\n" for level in range(8))

    (outer,) = mb.blocks(deep)

    depth, listing = 1, outer
    while len(listing.items[0]) > 1 and isinstance(listing.items[0][1], mb.ListBlock):
        depth, listing = depth + 1, listing.items[0][1]
    assert depth == mb.MAX_NESTING
    assert [mb.text_of(block.spans) for block in listing.items[0]] == [
        "nivå 3", "– nivå 4", "– nivå 5", "– nivå 6", "– nivå 7"]


def test_control_characters_from_pasted_text_are_dropped():
    (paragraph,) = mb.blocks("Linje\x0bmed\x00 tegn")

    assert mb.text_of(paragraph.spans) == "Linjemed tegn"


# --- PDF ----------------------------------------------------------------------------------


def test_the_pdf_has_the_title_area_sections_and_answers(submission, export):
    reader = read_pdf(export(exports.submission_pdf, submission.id))

    text = pdf_text(reader)
    assert reader.metadata.title == "Fremdriftsplan 2 – Fjordvik kommune"
    assert text.startswith("Fremdriftsplan 2 – Fjordvik kommune")
    for expected in ("Nettverk Rekruttere og beholde – læringsnettverk i Nordfjella", "Team Fjordvik kommune",
                     "Dokument Fremdriftsplan, malversjon 1", "Periode 1. september 2025 – 15. februar 2026",
                     "Frist 15. februar 2026", "Status Sendt inn", "Levert 14. februar 2026 kl. 14:05"):
        assert expected in text, expected
    assert "levert for sent" not in text
    for heading in ("Teamet", "Effektmål", "Første arbeidsmøte", "Tiltak", "Fakta om kommunen", "Hva har dere lært"):
        assert heading in text, heading


def test_the_pdf_shows_every_kind_of_answer(submission, export):
    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert SAMI in text
    assert "Gruppeleder Biret Sárá Eira" in text
    assert "• Nils-Ŋuvllát Somby • Áile Ŧuomas" in text
    assert "1. Kartlegge ønsket stillingsstørrelse 2. Prøve ut langvakter" in text
    assert "veilederen (https://www.ks.no/heltid)" in text
    assert "<script>alert('hei')</script> her." in text
    assert "Mål Frist Heltid 2027" in text
    assert "Dato, tid og sted 14. februar 2026 kl. 09:30, Fjordvik rådhus" in text
    assert ("Delmål Tiltak Ansvarlig Tidsestimat "
            "Flere hele stillinger Turnus med langvakter Enhetsleder Vår 2026") in text
    assert "Antall årsverk 42,5" in text
    assert "Dato for evaluering 15. juni 2026" in text
    assert "Fase Utprøving" in text
    assert "Læring Ikke besvart" in text


def test_the_pdf_guidance_is_there_in_small_type(submission, export):
    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "Hvem er med i teamet, og hvem er gruppeleder?" in text
    assert "• Hva vil dere oppnå på lang sikt? • Hvordan måles det?" in text


def test_the_pdf_pages_are_numbered_with_the_title_in_the_footer(submission, export, app):
    long_answers = {**ANSWERS, "f-laering": "Vi har lært mye om turnus. " * 600}
    with app.app_context():
        db.session.get(Submission, submission.id).answers = long_answers
        db.session.commit()

    reader = read_pdf(export(exports.submission_pdf, submission.id))

    pages = len(reader.pages)
    assert pages >= 3
    for number, page in enumerate(reader.pages, start=1):
        footer = f"Fremdriftsplan 2 – Fjordvik kommune · side {number} av {pages}"
        assert footer in " ".join(page.extract_text().split())


def test_the_pdf_is_a4_with_its_language_and_bookmarks(submission, export):
    reader = read_pdf(export(exports.submission_pdf, submission.id))

    assert (round(float(reader.pages[0].mediabox.width)), round(float(reader.pages[0].mediabox.height))) == (595, 842)
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert [item.title for item in reader.outline[1]][:2] == ["Teamet", "Effektmål"]


def test_each_bookmark_opens_the_page_its_heading_is_on(submission, export):
    reader = read_pdf(export(exports.submission_pdf, submission.id))
    sections = reader.outline[1]

    for item in sections:
        page = reader.get_destination_page_number(item)
        assert item.title in " ".join(reader.pages[page].extract_text().split())
    assert len({reader.get_destination_page_number(item) for item in sections}) > 1


def test_a_late_submission_says_so(network, fjordvik, make_request, make_submission, export):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, is_late=True, submitted_at=datetime(2026, 2, 20, 8, 0))

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "Levert 20. februar 2026 kl. 09:00 – levert for sent" in text


def test_an_extended_deadline_is_shown_with_the_original(network, fjordvik, make_request, make_submission, export, app):
    request = make_request(network, [fjordvik])
    with app.app_context():
        assignment = db.session.scalar(db.select(Assignment).filter_by(request_id=request.id))
        assignment.extended_to, assignment.extension_reason = date(2026, 3, 1), "Kommunesammenslåing"
        db.session.commit()
    submission = make_submission(request, fjordvik)

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "Frist 1. mars 2026 (utsatt fra 15. februar 2026)" in text


def test_a_table_of_200_rows_repeats_its_header_on_every_page(network, fjordvik, make_request, make_submission, export):
    rows = [[f"Delmål {n}", f"Tiltak {n} for {SAMI}", "Enhetsleder", f"Uke {n % 52 + 1}"] for n in range(1, 201)]
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={"f-tiltak": rows})

    reader = read_pdf(export(exports.submission_pdf, submission.id))

    table_pages = [" ".join(page.extract_text().split()) for page in reader.pages
                   if "Tiltak 200" in page.extract_text() or "Tiltak 100 " in page.extract_text()]
    assert len(reader.pages) >= 4
    assert table_pages and all("Delmål Tiltak Ansvarlig Tidsestimat" in page for page in table_pages)
    assert "Delmål 200 Tiltak 200 for " + SAMI in pdf_text(reader)


def test_the_longest_answers_and_cells_still_make_a_pdf(network, fjordvik, make_request, make_submission, export):
    words = " ".join(f"ord{n}" for n in range(5000))[:30_000]
    cell = ("ø" * 40 + " ") * 48  # a cell taller than a page
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={
        "f-effektmal": words, "f-tiltak": [[cell, "kort", "", "🎯" * 30]], "f-leder": "x" * 500,
    })

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "ord0 ord1 ord2" in text
    assert words.split()[-1] in text


def test_deep_lists_and_wide_tables_still_make_a_pdf_and_a_docx(network, fjordvik, make_request, make_submission,
                                                               export):
    deep = "".join(f"{'    ' * level}- nivå {level}\n" for level in range(40))
    wide = "|" + "|".join(f"k{n}" for n in range(60)) + "|\n|" + "---|" * 60 + "\n|" + "celle|" * 60 + "\n"
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={"f-effektmal": deep, "f-laering": wide})

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))
    word = docx_text(read_docx(export(exports.submission_docx, submission.id)))

    for written in (text, word):
        assert "nivå 39" in written
        assert "k59" in written


def test_a_submission_without_answers_still_makes_a_pdf(network, fjordvik, make_request, make_submission, export):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={}, state=SubmissionState.DRAFT)

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "Status Utkast" in text
    assert "Levert" not in text
    assert text.count("Ikke besvart") == 9


def test_answers_stored_in_an_unexpected_shape_are_shown_as_text(network, fjordvik, make_request, make_submission,
                                                                 export):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={
        "f-tiltak": "en tabell skrevet som tekst", "f-mote": "neste tirsdag", "f-medlemmer": "Kari, Per",
        "f-evaluering": "31.02.2026", "f-effektmal": ["en", "liste"],
    })

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    for shown in ("en tabell skrevet som tekst", "neste tirsdag", "Kari, Per", "31.02.2026"):
        assert shown in text, shown


def test_the_pdf_keeps_the_template_version_it_was_written_against(network, fjordvik, make_request, make_submission,
                                                                 make_template, save, export):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik)
    changed = [{**SECTIONS[0], "heading": "Teamet vårt (ny versjon)"}]
    save(TemplateVersion(template_id=request.version.template_id, number=2, sections=changed))

    text = pdf_text(read_pdf(export(exports.submission_pdf, submission.id)))

    assert "malversjon 1" in text
    assert "ny versjon" not in text


# --- DOCX ---------------------------------------------------------------------------------


def headings(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_the_docx_uses_word_heading_styles_for_sections_and_fields(submission, export):
    document = read_docx(export(exports.submission_docx, submission.id))

    assert headings(document, "Title") == ["Fremdriftsplan 2 – Fjordvik kommune"]
    assert headings(document, "Heading 1") == ["Teamet", "Effektmål", "Første arbeidsmøte", "Tiltak",
                                               "Fakta om kommunen", "Hva har dere lært"]
    assert headings(document, "Heading 2")[:3] == ["Gruppeleder", "Medlemmer", "Effektmål"]
    assert document.core_properties.title == "Fremdriftsplan 2 – Fjordvik kommune"
    assert document.core_properties.language == "nb-NO"


def test_the_docx_table_answer_is_a_word_table_with_a_repeating_header(submission, export):
    document = read_docx(export(exports.submission_docx, submission.id))

    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Delmål")
    assert [cell.text for cell in table.rows[0].cells] == COLUMNS
    assert [cell.text for cell in table.rows[1].cells] == ANSWERS["f-tiltak"][0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_the_docx_renders_markdown_as_runs_lists_and_links(submission, export):
    document = read_docx(export(exports.submission_docx, submission.id))

    text = docx_text(document)
    assert SAMI in text
    assert "<script>alert('hei')</script> her." in text
    assert "veilederen (https://www.ks.no/heltid)" in text
    goal = next(p for p in document.paragraphs if p.text.startswith("Alle i "))
    assert [run.text for run in goal.runs if run.bold] == [SAMI]
    assert [run.text for run in goal.runs if run.italic] == ["hele stillinger"]
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered == ["Kartlegge ønsket stillingsstørrelse", "Prøve ut langvakter"]
    assert "Nils-Ŋuvllát Somby" in [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "14. februar 2026 kl. 09:30, Fjordvik rådhus" in text


def test_each_numbered_list_in_the_docx_starts_from_its_own_first_number(network, fjordvik, make_request,
                                                                       make_submission, export):
    request = make_request(network, [fjordvik])
    submission = make_submission(request, fjordvik, answers={"f-effektmal": "1. a\n2. b", "f-laering": "1. c\n2. d"})

    document = read_docx(export(exports.submission_docx, submission.id))

    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert [p.text for p in numbered] == ["a", "b", "c", "d"]
    assert ids[0] == ids[1] != ids[2] == ids[3]


def test_the_docx_survives_empty_and_oversized_answers(network, fjordvik, make_request, make_submission, export):
    rows = [[f"Delmål {n}", "Tiltak", "Ansvarlig", "Uke"] for n in range(200)]
    request = make_request(network, [fjordvik])
    big = make_submission(request, fjordvik, answers={"f-tiltak": rows, "f-effektmal": "æ" * 30_000 + "\x0b"})

    document = read_docx(export(exports.submission_docx, big.id))

    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Delmål")
    assert len(table.rows) == 201
    assert "Ikke besvart" in docx_text(document)
    assert re.search("æ{30000}", docx_text(document))
