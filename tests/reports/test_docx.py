"""The project report as a Word document, read back with python-docx."""
from __future__ import annotations

import time
from datetime import date
from io import BytesIO
from types import SimpleNamespace

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image
from werkzeug.http import parse_options_header

from verksted.documents.exports import markdown_blocks as mb
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.plan.grid import Cell, CellState, Grid, Row
from verksted.polls.evaluation import Chart, ChartPoint
from verksted.reports.content import (
    BlankField,
    ChartBlock,
    DataTable,
    FrontPage,
    GridBlock,
    Note,
    QuoteBlock,
    ReportContent,
    Section,
    Subheading,
    report_content,
)
from verksted.reports.docx import report_docx
from verksted.reports.models import Report, SectionSource

LETTERS = "Æøå ÆØÅ og samisk: áčđŋšŧž ÁČĐŊŠŦŽ, med emoji 😊🎉"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- reading the document back --------------------------------------------------------------


def read(data: bytes):
    return docx.Document(BytesIO(data))


def items(document) -> list:
    """The body's paragraphs and tables in the order they stand."""
    found = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            found.append(Paragraph(element, document))
        elif element.tag == qn("w:tbl"):
            found.append(Table(element, document))
    return found


def headings(document, level: int | None = None) -> list[tuple[str, str]]:
    """(style, text) of every heading, in order; only `level` if given."""
    wanted = f"Heading {level}" if level else "Heading"
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(wanted)]


def table_with(document, first_header: str, *more: str) -> Table:
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:1 + len(more)] == [first_header, *more]:
            return table
    raise AssertionError(f"no table with the header {first_header!r}")


def column(table: Table, index: int = 0) -> list[str]:
    return [row.cells[index].text for row in table.rows[1:]]


def row_of(table: Table, first_cell: str) -> list[str]:
    return next([cell.text for cell in row.cells] for row in table.rows if row.cells[0].text == first_cell)


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells]


def field_codes(part) -> list[str]:
    return [code.text.strip() for code in part.element.iter(qn("w:instrText"))]


def png(width: int = 40, height: int = 20) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), "#0B5FAE").save(buffer, format="PNG")
    return buffer.getvalue()


# --- hand-made reports ----------------------------------------------------------------------


def front(**changes) -> FrontPage:
    values = dict(title="Sluttrapport for Heltid i Nordfjella", subtitle="Utviklingsverksted 2025–2026",
                  network="Heltid i Nordfjella", owner="USHT Nordfjella og KS", period="2025–2026",
                  logo=None, logo_type="")
    return FrontPage(**(values | changes))


def one_section(*blocks, **front_changes) -> ReportContent:
    return ReportContent(front=front(**front_changes), sections=[Section(1, "Resultater", list(blocks), "del-1")])


def a_chart() -> Chart:
    points = [
        ChartPoint(label=f"Samling {n}", count=20 + n, mean=3.5 + n / 4, low=3.0, high=4.5, x=60 + 120 * n,
                   y=120 - 20 * n, low_y=140, high_y=80, changed=n == 2)
        for n in range(3)
    ]
    return Chart(width=420, height=220, scale_max=5, plot_top=30, plot_bottom=180, left=40, right=400, step=120,
                 points=points, gridlines=[(value, 180 - (value - 1) * 37.5) for value in range(1, 6)])


def a_grid() -> GridBlock:
    months = [date(2025, month, 1) for month in range(1, 13)] + [date(2026, month, 1) for month in range(1, 7)]
    milestone = SimpleNamespace(code="M1", title="Hovedplaner levert fra Čáhppesjávri", responsible="Prosjektleder")
    cells = [Cell(month, CellState.DONE if month.month == 3 and month.year == 2025 else None, in_plan=True)
             for month in months]
    cells[4] = Cell(months[4], CellState.IN_PROGRESS, in_plan=False)
    grid = Grid(months=months, rows=[Row(milestone, cells)], current_month=date(2025, 5, 1))
    return GridBlock(grid, legend=[("✓", "Fullført"), ("•", "Pågår")])


def paragraph(text: str) -> mb.Paragraph:
    return mb.Paragraph(mb.plain(text))


# --- the frame: front page, contents, header and footer, properties --------------------------


def test_front_page_shows_title_subtitle_network_owner_and_period(ctx):
    document = read(report_docx(one_section(paragraph("Tekst"))))

    first = [p.text for p in document.paragraphs[:6]]
    assert first[:5] == ["Sluttrapport for Heltid i Nordfjella", "Utviklingsverksted 2025–2026",
                         "Heltid i Nordfjella", "USHT Nordfjella og KS", "2025–2026"]
    assert document.paragraphs[0].style.name == "Title"


def test_the_table_of_contents_is_words_own_field_with_a_note_how_to_fill_it(ctx):
    document = read(report_docx(one_section(paragraph("Tekst"))))

    assert r'TOC \o "1-3" \h \z \u' in field_codes(document.part)
    assert any("Oppdater felt" in text for text in texts(document))
    assert document.settings.element.find(qn("w:updateFields")) is not None


def test_pages_have_the_title_above_and_the_page_number_below(ctx):
    document = read(report_docx(one_section(paragraph("Tekst"))))
    section = document.sections[0]

    assert section.header.paragraphs[0].text == "Sluttrapport for Heltid i Nordfjella"
    assert "PAGE" in field_codes(section.footer.part)
    assert section.different_first_page_header_footer  # the front page has neither
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_title_language_and_author_are_in_the_files_properties(ctx):
    properties = read(report_docx(one_section(paragraph("Tekst")))).core_properties

    assert properties.title == "Sluttrapport for Heltid i Nordfjella"
    assert properties.language == "nb-NO"
    assert properties.author == "Verksted"


def test_a_logo_is_drawn_on_the_front_page(ctx):
    document = read(report_docx(one_section(paragraph("Tekst"), logo=png(), logo_type="image/png")))

    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width <= docx.shared.Mm(60)


@pytest.mark.parametrize("logo", [b"not an image at all", png()[:60], b"\x89PNG\r\n\x1a\n" + b"\0" * 40, b""])
def test_a_logo_that_is_not_an_image_is_left_out_and_the_report_is_still_made(ctx, logo):
    document = read(report_docx(one_section(paragraph("Tekst"), logo=logo, logo_type="image/png")))

    assert len(document.inline_shapes) == 0
    assert "Tekst" in texts(document)


# --- the blocks ------------------------------------------------------------------------------


def test_headings_of_sections_subheadings_and_markdown_use_words_heading_styles(ctx):
    content = ReportContent(front=front(), sections=[
        Section(1, "Forord", mb.blocks("# Bakgrunn for nettverket\n\nTekst\n\n## Et underpunkt\n\nMer"), "del-1"),
        Section(2, "Vedlegg", [Subheading("Sluttrapport"), BlankField("Hovedmål")], "del-2"),
    ])

    assert headings(read(report_docx(content))) == [
        ("Heading 1", "1 Forord"), ("Heading 2", "Bakgrunn for nettverket"), ("Heading 3", "Et underpunkt"),
        ("Heading 1", "2 Vedlegg"), ("Heading 2", "Sluttrapport"),
    ]


def test_data_tables_are_word_tables_whose_header_repeats_and_whose_cells_hold_blocks(ctx):
    table = DataTable(
        header=["Kommune", "Tiltak"],
        rows=[[[paragraph("Ørnes kommune")], mb.blocks("- Ønsketurnus\n- Færre små stillinger")],
              [[paragraph("Åsdal kommune")], [Note("Ingen sluttrapport levert")]]],
        widths=[1, 3], caption="Resultater fra sluttrapportene",
    )
    document = read(report_docx(one_section(table)))

    word = table_with(document, "Kommune", "Tiltak")
    assert word.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert column(word) == ["Ørnes kommune", "Åsdal kommune"]
    listed = word.rows[1].cells[1].paragraphs
    assert [(p.style.name, p.text) for p in listed] == [("List Bullet", "Ønsketurnus"),
                                                       ("List Bullet", "Færre små stillinger")]
    note = word.rows[2].cells[1].paragraphs
    assert [(p.style.name, p.text) for p in note] == [("Merknad", "Ingen sluttrapport levert")]
    assert word.columns[1].width > 2 * word.columns[0].width
    assert "Resultater fra sluttrapportene" in [p.text for p in document.paragraphs if p.style.name == "Caption"]


def test_a_narrow_column_is_widened_to_its_longest_word_where_the_others_have_room(ctx):
    table = DataTable(header=["Kommune", "Resultater"], rows=[[[paragraph("Čáhppesjávri")], [paragraph("Økte")]]],
                      widths=[0.2, 5])
    word = read(report_docx(one_section(table))).tables[0]

    assert word.columns[0].width > docx.shared.Mm(25)  # «Čáhppesjávri» whole, not broken
    assert word.columns[0].width < word.columns[1].width
    assert abs(sum(column.width for column in word.columns) - docx.shared.Mm(160)) < docx.shared.Mm(1)


def test_a_chart_is_an_image_followed_by_its_numbers(ctx):
    summary = DataTable(header=["Samling", "Antall svar", "Gjennomsnitt"],
                        rows=[[[paragraph(f"Samling {n}")], [paragraph(str(20 + n))], [paragraph("4")]]
                              for n in range(3)], caption="Hvor nyttig var samlingen?")
    document = read(report_docx(one_section(ChartBlock("Hvor nyttig var samlingen?", a_chart(), summary))))

    (picture,) = document.inline_shapes
    image = document.part.related_parts[picture._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image.content_type == "image/png"
    assert Image.open(BytesIO(image.blob)).size == (420 * 3, 220 * 3)
    assert picture._inline.docPr.get("descr") == "Hvor nyttig var samlingen?"
    assert column(table_with(document, "Samling", "Antall svar")) == ["Samling 0", "Samling 1", "Samling 2"]


def test_the_milestone_plan_is_a_table_of_months_with_the_symbols(ctx):
    document = read(report_docx(one_section(a_grid())))

    first, second = [table for table in document.tables if table.rows[0].cells[0].text == "Milepæl"]
    assert len(first.columns) == 13 and len(second.columns) == 7  # twelve months a table, then the rest
    assert first.rows[0].cells[1].text.endswith("2025")
    row = [cell.text for cell in first.rows[1].cells]
    assert row[0] == "M1 Hovedplaner levert fra Čáhppesjávri\nProsjektleder"
    assert row[3] == "✓" and row[5] == "•"
    assert "Tegnforklaring\n✓  Fullført\n•  Pågår" in [p.text for p in document.paragraphs]


def test_quotes_notes_and_blank_fields_are_drawn(ctx):
    document = read(report_docx(one_section(
        QuoteBlock("Godt å møte de andre kommunene 😊", "Samling 3, åpent svar"),
        Note("Arbeidsgruppe: ingen er registrert ennå."),
        BlankField("Hovedmål", help="Skriv det endelige målet.", lines=4),
        BlankField("Tiltak", columns=["Delmål", "Tiltak", "Ansvarlig"]),
    )))

    styled = {p.text: p.style.name for p in document.paragraphs}
    assert styled["Godt å møte de andre kommunene 😊\n– Samling 3, åpent svar"] == "Quote"
    assert styled["Arbeidsgruppe: ingen er registrert ennå."] == "Merknad"
    assert styled["Skriv det endelige målet."] == "Veiledning"
    blank = table_with(document, "Delmål", "Tiltak", "Ansvarlig")
    assert len(blank.rows) > 1 and all(cell.text == "" for row in blank.rows[1:] for cell in row.cells)


def test_markdown_with_html_is_shown_as_the_text_typed(ctx):
    document = read(report_docx(one_section(*mb.blocks("Før <script>alert(1)</script> etter"))))

    assert "Før <script>alert(1)</script> etter" in texts(document)


def test_every_letter_survives_and_control_characters_are_dropped(ctx):
    typed = LETTERS + "\x07\x0b"
    content = ReportContent(front=front(title=typed), sections=[
        Section(1, typed, [paragraph(typed), Note(typed), QuoteBlock(typed, typed),
                           DataTable(header=[typed], rows=[[[paragraph(typed)]]], caption=typed)], "del-1"),
    ])
    document = read(report_docx(content))

    assert document.paragraphs[0].text == LETTERS
    assert headings(document) == [("Heading 1", f"1 {LETTERS}")]
    assert texts(document).count(LETTERS) >= 5
    assert document.tables[0].rows[1].cells[0].text == LETTERS


def test_an_empty_section_is_still_a_heading(ctx):
    content = ReportContent(front=front(), sections=[Section(1, "Sammendrag", [], "del-1"),
                                                     Section(2, "Bakgrunn", [paragraph("Tekst")], "del-2")])

    assert headings(read(report_docx(content))) == [("Heading 1", "1 Sammendrag"), ("Heading 1", "2 Bakgrunn")]


def test_a_huge_table_is_written_whole_and_quickly(ctx):
    rows = [[[paragraph(f"Kommune {n}")], [paragraph("Flere hele stillinger. " * 5)], [Note("Ingen tiltak")]]
            for n in range(3000)]
    started = time.perf_counter()
    data = report_docx(one_section(DataTable(header=["Kommune", "Hovedmål", "Tiltak"], rows=rows)))
    seconds = time.perf_counter() - started

    table = read(data).tables[0]
    assert len(table.rows) == 3001
    assert table.rows[3000].cells[0].text == "Kommune 2999"
    assert seconds < 15


# --- a real network's report -------------------------------------------------------------------


@pytest.fixture
def made(make_report_network, ctx):
    return make_report_network(teams=3, gatherings=2, answers=4)


def drawn(report: Report):
    return read(report_docx(report_content(report)))


def test_the_reports_sections_are_heading_1_in_the_reports_order(made):
    document = drawn(made.report)

    expected = [f"{n} {section.title}" for n, section in enumerate(made.report.sections, start=1)]
    assert [text for _style, text in headings(document, level=1)] == expected
    assert len(expected) >= 10
    assert all(p.paragraph_format.page_break_before for p in document.paragraphs if p.style.name == "Heading 1")


def test_the_results_table_has_a_row_for_every_active_team(made):
    table = table_with(drawn(made.report), "Kommune", "Hovedmål", "Tiltak", "Resultater")

    assert sorted(column(table)) == sorted(team.municipality for team in made.teams)
    ornes = row_of(table, "Ørnes kommune")
    assert ornes[1] == "Flere hele stillinger i Ørnes kommune."
    assert "Andelen heltid i Ørnes kommune økte" in ornes[3]
    assert "Havbygd kommune" not in column(table)  # withdrawn: not among the results


def test_a_team_without_sluttrapport_has_a_row_that_says_so(made):
    table = table_with(drawn(made.report), "Kommune", "Hovedmål", "Tiltak", "Resultater")

    row = row_of(table, made.without_report.municipality)
    assert all("Ingen sluttrapport" in text for text in row[1:])


def test_withdrawn_teams_are_in_the_team_list_with_their_reason(made):
    table = table_with(drawn(made.report), "Kommune", "Status")

    assert "Langvarig sykefravær i teamet" in row_of(table, "Havbygd kommune")[1]
    assert "Čáhppesjávri suohkan" in column(table)


def test_the_gatherings_places_appear(made):
    document = drawn(made.report)

    assert {"Kulturhuset 1", "Kulturhuset 2"} <= set(texts(document))


def test_the_evaluation_has_a_chart_image(made):
    document = drawn(made.report)
    evaluation = next(n for n, s in enumerate(made.report.sections, start=1) if s.source is SectionSource.EVALUATION)
    after = False
    pictures = 0
    for item in items(document):
        if isinstance(item, Paragraph) and item.style.name == "Heading 1":
            after = item.text.startswith(f"{evaluation} ")
        elif after and isinstance(item, Paragraph):
            pictures += len(item._p.xpath(".//pic:pic"))
    assert pictures == 1


def test_a_narrative_with_every_letter_comes_back_unchanged(made):
    section = made.report.sections[0]
    section.title = "Forord fra Čáhppesjávri"
    section.body = f"{LETTERS}\n\n**Fet** og *kursiv* 👍"
    made.report.title = f"Sluttrapport {LETTERS}"
    db.session.commit()

    document = drawn(made.report)

    assert headings(document, level=1)[0] == ("Heading 1", "1 Forord fra Čáhppesjávri")
    assert LETTERS in texts(document)
    assert "Fet og kursiv 👍" in texts(document)
    assert document.core_properties.title == f"Sluttrapport {LETTERS}"


def test_a_narrative_with_html_and_a_broken_logo_still_makes_a_report(made):
    made.report.sections[0].body = "Før <script>alert(1)</script> etter\n\n<b>fet?</b>"
    made.report.logo, made.report.logo_type = b"GIF89a and then nothing", "image/gif"
    db.session.commit()

    document = drawn(made.report)

    assert {"Før <script>alert(1)</script> etter", "<b>fet?</b>"} <= set(texts(document))
    assert not document.paragraphs[0]._p.xpath(".//pic:pic")  # no logo on the front page


def test_an_empty_narrative_says_it_is_not_written_yet(made):
    document = drawn(made.report)

    assert ("Merknad", "Denne delen er ikke skrevet ennå.") in [(p.style.name, p.text) for p in document.paragraphs]


# --- the download ------------------------------------------------------------------------------


def test_a_leader_downloads_the_report_as_docx_named_after_its_title(make_report_network, app, client, login):
    with app.app_context():
        made = make_report_network()
        made.report.title = "Sluttrapport: Heltid i Čáhppesjávri"
        db.session.commit()
        network_id, leader = made.network.id, SimpleNamespace(id=made.leader.id)

    response = login(client, leader).get(f"/nettverk/{network_id}/rapport.docx")

    assert response.status_code == 200
    assert response.mimetype == DOCX
    kind, options = parse_options_header(response.headers["Content-Disposition"])
    assert kind == "attachment"
    assert options["filename"] == "Sluttrapport- Heltid i Čáhppesjávri.docx"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert read(response.data).core_properties.title == "Sluttrapport: Heltid i Čáhppesjávri"


def test_an_observer_downloads_the_report_too(make_report_network, app, client, login):
    with app.app_context():
        made = make_report_network()
        network_id, observer = made.network.id, SimpleNamespace(id=made.observer.id)

    response = login(client, observer).get(f"/nettverk/{network_id}/rapport.docx")

    assert response.status_code == 200
    assert headings(read(response.data), level=1)


def test_without_a_report_the_download_leads_to_the_report_page_with_a_message(app, client, login, make_network,
                                                                               make_user, make_membership):
    from verksted.networks.models import Role

    network = make_network("Heltid i Sørdalen")
    leader = make_user(name="Åse Prosjektleder")
    make_membership(leader, network, Role.FACILITATOR)

    response = login(client, leader).get(f"/nettverk/{network.id}/rapport.docx")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/nettverk/{network.id}/rapport")
    with app.app_context():
        assert db.session.get(Network, network.id) is not None
    with client.session_transaction() as session:
        assert ("info", "Rapporten er ikke startet ennå.") in session["_flashes"]


def test_the_command_line_writes_the_report_outside_any_request(app):
    with app.app_context():
        document = read(report_docx(one_section(a_grid(), Note("Ingen sluttrapport levert"))))

    assert document.core_properties.language == "nb-NO"
    assert "Ingen sluttrapport levert" in texts(document)
