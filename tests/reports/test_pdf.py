"""The project report as a PDF, read back with pypdf the way a reader's program reads it: the
contents with the right page numbers, the teams, gatherings and results from the network's data,
every letter users type, the metadata, and bad input that still gives a report."""
from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from verksted.documents.exports import markdown_blocks as mb
from verksted.extensions import db
from verksted.reports.content import DataTable, Note, ReportContent, Section, Subheading, report_content
from verksted.reports.models import ReportSection, SectionSource
from verksted.reports.pdf import report_pdf

SAMI = "Čáhppesjávri suohkan: á č đ ŋ š ŧ ž – Ærlig, østlig og åpent 🎯"
CONTENTS_LINE = re.compile(r"^(.+) (\d+)$")


class ReadBack:
    """A PDF as its reader sees it: each page's lines, the whole text, the metadata."""

    def __init__(self, data: bytes):
        self.reader = PdfReader(BytesIO(data))
        self.lines = [[" ".join(line.split()) for line in page.extract_text().splitlines() if line.strip()]
                      for page in self.reader.pages]
        self.pages = [" ".join(lines) for lines in self.lines]

    def page_of(self, line: str, after: int = 2) -> int:
        """The first page (counting from 1) after page `after` (the contents) with this line."""
        return next(number for number, lines in enumerate(self.lines, start=1) if number > after and line in lines)

    def contents(self) -> dict[str, int]:
        """Each entry of the contents page («3 Bakgrunn», or a subheading) → the page it gives."""
        laid_out = self.reader.pages[1].extract_text(extraction_mode="layout").splitlines()
        lines = [" ".join(line.split()) for line in laid_out]
        return {match[1]: int(match[2]) for line in lines
                if (match := CONTENTS_LINE.match(line)) and not line.startswith("side ")}

    def section_text(self, heading: str) -> str:
        """The pages of the section under `heading`: each section begins on a page of its own."""
        first = self.page_of(heading)
        later = [page for entry, page in self.contents().items() if page > first and entry[0].isdigit()]
        return " ".join(self.pages[first - 1:min(later, default=len(self.pages) + 1) - 1])


def read(content: ReportContent) -> ReadBack:
    return ReadBack(report_pdf(content))


@pytest.fixture
def made(ctx, make_report_network):
    return make_report_network(teams=4, gatherings=3, answers=12)


def test_the_contents_give_the_page_each_section_begins_on(made):
    content = report_content(made.report)

    pdf = read(content)

    listed = pdf.contents()
    assert [entry for entry in listed if entry != "Sluttrapport"] == [
        f"{section.number} {section.title}" for section in content.sections]
    for section in content.sections:
        heading = f"{section.number} {section.title}"
        assert pdf.page_of(heading) == listed[heading], heading


def test_templates_in_the_appendix_are_listed_one_level_down_with_their_pages(made):
    content = report_content(made.report)
    appendix = next(section for section in content.sections if section.title == "Vedlegg 3: Maler")
    templates = [block.text for block in appendix.blocks if isinstance(block, Subheading)]

    pdf = read(content)

    assert templates == ["Sluttrapport"]
    contents = pdf.contents()
    assert contents["Sluttrapport"] == pdf.page_of("Sluttrapport") == contents["16 Vedlegg 3: Maler"]


def test_the_bookmarks_lead_to_each_section_and_the_running_header_and_page_numbers_skip_the_front_page(made):
    made.report.title = "Sluttrapport for Heltid i Nordfjella"
    content = report_content(made.report)

    pdf = read(content)

    outline = [item for item in pdf.reader.outline if not isinstance(item, list)]
    sections = {item.title: pdf.reader.get_destination_page_number(item) + 1 for item in outline}
    for section in content.sections:
        heading = f"{section.number} {section.title}"
        assert sections[heading] == pdf.page_of(heading)
    total = len(pdf.pages)
    assert "side 1 av" not in pdf.pages[0] and "Sluttrapport for Heltid i Nordfjella" in pdf.pages[0]
    for number, text in enumerate(pdf.pages[1:], start=2):
        assert f"side {number} av {total}" in text
        assert text.count("Sluttrapport for Heltid i Nordfjella") >= 1


def test_the_front_page_and_the_metadata_carry_the_title_and_language(made):
    made.report.subtitle = "Et utviklingsverksted om heltid og rekruttering"
    made.report.owner = "USHT Nordfjella og KS"
    made.report.period = "2025–2026"
    content = report_content(made.report)

    pdf = read(content)

    assert pdf.reader.metadata.title == made.report.title
    assert pdf.reader.trailer["/Root"]["/Lang"] == "nb"
    front = pdf.pages[0]
    for fact in ("Et utviklingsverksted om heltid og rekruttering", "Heltid i Nordfjella", "USHT Nordfjella og KS",
                 "2025–2026"):
        assert fact in front


def test_every_active_team_has_its_row_in_the_results_and_the_one_without_a_sluttrapport_says_so(made):
    content = report_content(made.report)

    pdf = read(content)

    results = pdf.section_text("10 Resultater")
    for team in made.teams:
        assert team.municipality in results
    for team in made.teams[:-1]:
        assert f"Andelen heltid i {team.municipality} økte fra 40 til 55 prosent." in results
    without = results[results.index(made.without_report.municipality):]
    assert without.startswith(f"{made.without_report.municipality} Ingen sluttrapport levert")
    assert made.withdrawn.municipality not in results


def test_withdrawn_teams_stay_in_the_team_list_with_their_reason_and_the_gatherings_with_their_places(made):
    pdf = read(report_content(made.report))

    teams = pdf.section_text("6 Deltakende kommuner")
    assert "Havbygd kommune Trukket ut 16. mars 2026: Langvarig sykefravær i teamet" in teams
    gatherings = pdf.section_text("8 Gjennomføring")
    for gathering in made.gatherings:
        assert gathering.venue in gatherings
    assert "Ánde Đuođđa (Čáhppesjávri suohkan)" in gatherings


def test_a_section_with_norwegian_and_sami_letters_and_emoji_comes_back_unchanged(made):
    foreword = made.report.sections[0]
    foreword.title = "Forord – Čáhppesjávri"
    foreword.body = f"{SAMI}\n\nMed **fet** tekst og en [lenke](https://www.ks.no/heltid)."
    db.session.flush()

    pdf = read(report_content(made.report))

    assert "1 Forord – Čáhppesjávri" in pdf.lines[2]
    assert SAMI in pdf.pages[2]
    assert "Med fet tekst og en lenke (https://www.ks.no/heltid)." in pdf.pages[2]


def test_markdown_with_html_is_shown_as_the_text_that_was_typed(made):
    made.report.sections[0].body = "Se <script>alert('hei')</script> og <b>dette</b> & mer."
    db.session.flush()

    pdf = read(report_content(made.report))

    assert "Se <script>alert('hei')</script> og <b>dette</b> & mer." in pdf.pages[2]


def test_an_empty_section_says_so(made):
    made.report.sections[0].body = ""
    db.session.add(ReportSection(report_id=made.report.id, position=99, title="Tom del",
                                 source=SectionSource.NARRATIVE, body="   "))
    db.session.flush()
    db.session.refresh(made.report)
    content = report_content(made.report)
    content.sections.append(Section(len(content.sections) + 1, "Uten innhold", [], "del-x"))

    pdf = read(content)

    assert "Denne delen er ikke skrevet ennå." in pdf.pages[2]
    assert "Denne delen er ikke skrevet ennå." in pdf.section_text(f"{len(content.sections) - 1} Tom del")
    assert "Denne delen er tom." in pdf.section_text(f"{len(content.sections)} Uten innhold")


def test_a_huge_table_runs_over_pages_with_its_header_on_top_of_each(made):
    content = report_content(made.report)
    rows = [[[mb.Paragraph(mb.plain(f"Kommune nr. {n}"))], [mb.Paragraph(mb.plain(f"Tiltak {n}: " + "ord " * (n % 40)))],
             [Note("Ingen sluttrapport levert")] if n % 50 == 7 else [mb.Paragraph(mb.plain(f"Resultat {n}"))]]
            for n in range(1, 401)]
    table = DataTable(["Kommunenavn", "Tiltaket", "Resultatet"], rows, [1, 3, 2], caption="Alle kommunene")
    content.sections.append(Section(len(content.sections) + 1, "Stor tabell", [table], "del-stor"))

    pdf = read(content)

    pages = pdf.pages[pdf.page_of(f"{len(content.sections)} Stor tabell") - 1:]
    assert len(pages) > 8
    for page in pages:
        assert page.count("Kommunenavn Tiltaket Resultatet") == 1
    text = " ".join(pages)
    assert text.count("Alle kommunene") == 1
    assert pages[0].index("Alle kommunene") < pages[0].index("Kommunenavn Tiltaket Resultatet")
    for n in range(1, 401):
        assert f"Kommune nr. {n} " in text
    assert text.count("Ingen sluttrapport levert") == 8


def test_a_row_taller_than_a_page_is_split_across_pages(made):
    content = report_content(made.report)
    long_text = "\n\n".join(f"Avsnitt {n}: " + "langt svar " * 60 for n in range(1, 16))
    table = DataTable(["Kommune", "Resultater"], [[[mb.Paragraph(mb.plain("Ørnes kommune"))], mb.blocks(long_text)]])
    content.sections = [Section(1, "Lang rad", [table], "del-1")]

    pdf = read(content)

    text = " ".join(pdf.pages[2:])
    assert len(pdf.pages) >= 4
    for n in range(1, 16):
        assert f"Avsnitt {n}:" in text


def test_a_logo_that_is_no_image_is_left_out_and_a_real_one_is_drawn(made):
    made.report.logo, made.report.logo_type = b"\x89PNG\r\n\x1a\n not really a png", "image/png"
    with_junk = report_pdf(report_content(made.report))
    picture = BytesIO()
    Image.new("RGB", (240, 80), "#0B5FAE").save(picture, "PNG")
    made.report.logo = picture.getvalue()
    with_logo = report_pdf(report_content(made.report))

    assert ReadBack(with_junk).pages[0].startswith(made.report.title)
    assert not ReadBack(with_junk).reader.pages[0]["/Resources"].get("/XObject")
    assert ReadBack(with_logo).reader.pages[0]["/Resources"]["/XObject"]


def test_a_report_is_still_made_when_something_cannot_be_laid_out(made):
    content = report_content(made.report)
    too_tall = "Kolonne " + "med en svært lang overskrift " * 600
    table = DataTable(["Kommune", too_tall], [[[mb.Paragraph(mb.plain("Fjordvik kommune"))],
                                                [mb.Paragraph(mb.plain("Ønsketurnus i hjemmetjenesten"))]]])
    content.sections[0] = replace(content.sections[0], blocks=[table])

    pdf = read(content)

    first = pdf.section_text("1 Forord")
    assert "Kommune: Fjordvik kommune" in first
    assert "Ønsketurnus i hjemmetjenesten" in first
    assert "10 Resultater" in pdf.pages[pdf.contents()["10 Resultater"] - 1]


# --- the download ---------------------------------------------------------------------------


def test_leaders_and_observers_download_the_report_named_for_its_title(world, login, app):
    for person in (world.facilitator, world.observer):
        response = login(app.test_client(), person).get(f"/nettverk/{world.network.id}/rapport.pdf")

        assert response.status_code == 200
        assert response.mimetype == "application/pdf"
        assert response.headers["Content-Disposition"] == "attachment; filename=Sluttrapport.pdf"
        assert response.headers["Cache-Control"] == "private, no-store"
        pdf = ReadBack(response.data)
        assert pdf.reader.metadata.title == "Sluttrapport"
        assert "Takk til alle." in pdf.section_text("1 Forord")


def test_without_a_report_the_download_leads_to_the_report_page_with_a_message(world, login, app, make_network,
                                                                              make_membership):
    network = make_network("Nettverk uten rapport")
    make_membership(world.facilitator, network, "facilitator")
    client = login(app.test_client(), world.facilitator)

    response = client.get(f"/nettverk/{network.id}/rapport.pdf")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/nettverk/{network.id}/rapport")
    assert "Rapporten er ikke startet ennå." in client.get(response.headers["Location"]).get_data(as_text=True)
