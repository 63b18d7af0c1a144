"""What every data section of the project report says, drawn from a small network made in the
test (see conftest.make_report_network)."""
from __future__ import annotations

from datetime import date

import pytest

from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, TemplateVersion
from verksted.extensions import db
from verksted.networks.models import Network, OrgGroup, OrganisationMember
from verksted.plan.grid import SYMBOLS, CellState
from verksted.polls.models import Answer, EvaluationQuestion, QuestionKind
from verksted.reports import sources
from verksted.reports.content import (
    BlankField,
    ChartBlock,
    DataTable,
    GridBlock,
    Note,
    QuoteBlock,
    Subheading,
    report_content,
)
from verksted.reports.models import ReportSection, SectionSource

# --- reading the content back as text ------------------------------------------------------


def text(block) -> str:
    """Everything a block says, as one string."""
    if isinstance(block, list):
        return " ".join(text(each) for each in block)
    if isinstance(block, (Note, Subheading)):
        return block.text
    if isinstance(block, mb.Span):
        return block.text
    if isinstance(block, (mb.Paragraph, mb.Heading)):
        return mb.text_of(block.spans)
    if isinstance(block, mb.ListBlock):
        return " ".join(f"• {text(item)}" for item in block.items)
    if isinstance(block, mb.Quote):
        return text(block.blocks)
    if isinstance(block, mb.Code):
        return block.text
    if isinstance(block, DataTable):
        return " | ".join([block.caption, *block.header] + [text(cell) for row in block.rows for cell in row])
    if isinstance(block, ChartBlock):
        return f"{block.title} {text(block.summary)}"
    if isinstance(block, QuoteBlock):
        return f"«{block.text}» {block.source}"
    if isinstance(block, BlankField):
        return f"{block.label} {block.help} {' '.join(block.columns)}"
    return ""


def rows_of(table: DataTable) -> list[list[str]]:
    return [[text(cell) for cell in row] for row in table.rows]


def row_for(table: DataTable, municipality: str) -> list:
    return next(row for row in table.rows if text(row[0]) == municipality)


def section_blocks(report, source: SectionSource) -> list:
    content = report_content(report)
    number = next(s.position for s in report.sections if s.source is source)
    return content.sections[number - 1].blocks


def tables(blocks) -> list[DataTable]:
    return [block for block in blocks if isinstance(block, DataTable)]


def section_of(report, source: SectionSource) -> ReportSection:
    return next(s for s in report.sections if s.source is source)


def set_options(report, source: SectionSource, **options) -> None:
    section_of(report, source).options = options
    db.session.commit()


# --- the interfaces the composing pages use ------------------------------------------------


def test_open_answers_are_offered_as_quotes_with_their_gathering(world, ctx):
    network = db.session.get(Network, world.network.id)
    candidates = sources.quote_candidates(network)
    assert sources.QuoteCandidate("Gruppearbeidet", "Samling 1 – åpent svar") in candidates


def test_quotes_name_the_municipality_and_come_from_team_documents_too(ctx, make_report_network):
    made = make_report_network(teams=3, gatherings=1, answers=2)
    hidden = db.session.scalars(db.select(Answer).order_by(Answer.id)).all()[-1]
    hidden.value, hidden.hidden = {"text": "Skjult svar"}, True
    db.session.commit()

    candidates = sources.quote_candidates(made.network)
    by_text = {candidate.text: candidate.source for candidate in candidates}
    assert by_text["Godt å møte de andre kommunene 😊 (1.0)"] == "Ørnes kommune – Samling 1"
    assert "Skjult svar" not in by_text
    assert by_text["Begynn i det små, og involver de tillitsvalgte tidlig."] == "Ørnes kommune – Sluttrapport"
    assert by_text["Andelen heltid i Čáhppesjávri suohkan økte fra 40 til 55 prosent."] == \
        "Čáhppesjávri suohkan – Sluttrapport"


def test_a_long_text_is_offered_in_short_paragraphs(ctx, make_report_network):
    made = make_report_network(teams=2, gatherings=0)
    submission = next(iter(made.submissions.values()))
    long_paragraph = "Ord " * 300
    submission.answers = {**submission.answers, "f-resultater": f"{long_paragraph}\n\n- **Første** funn fra målingen\n- Andre funn"}
    db.session.commit()

    found = [c.text for c in sources.quote_candidates(made.network) if c.source == "Ørnes kommune – Sluttrapport"]
    assert "Første funn fra målingen" in found
    assert all(len(quote) <= sources.QUOTE_LENGTH + 1 for quote in found)
    assert any(quote.endswith("…") for quote in found)


def test_final_requests_are_the_sluttrapport_requests_newest_first_with_their_fields(ctx, make_report_network):
    made = make_report_network(teams=2, gatherings=0)
    later = DocumentRequest(network_id=made.network.id, template_id=made.request.template_id,
                            title="Sluttrapport, runde 2", due_on=date(2026, 9, 1))
    other_kind = DocumentTemplate(network_id=made.network.id, kind=DocumentKind.STATUSRAPPORT, title="Status",
                                  versions=[TemplateVersion(number=1, sections=[])])
    db.session.add_all([later, other_kind, DocumentRequest(network_id=made.network.id, template=other_kind,
                                                           title="Status 1", due_on=date(2026, 10, 1))])
    db.session.commit()

    assert [r.title for r in sources.final_requests(made.network)] == ["Sluttrapport, runde 2", "Sluttrapport"]
    assert sources.template_fields(made.request) == [
        ("f-hovedmal", "Hovedmål"), ("f-tiltak", "Tiltak"), ("f-resultater", "Resultater"),
        ("f-videre", "Videre oppgaver"), ("f-erfaringer", "Våre råd"),
    ]


# --- each data section ---------------------------------------------------------------------


def test_organisation_lists_the_project_leader_and_each_group_with_a_note_for_an_empty_one(ctx, make_report_network):
    made = make_report_network()
    content = report_content(made.report)
    blocks = section_blocks(made.report, SectionSource.ORGANISATION)

    leaders, steering = tables(blocks)
    assert leaders.caption == "Prosjektledelse"
    assert rows_of(leaders) == [["Sigrun Prosjektleder", "Prosjektleder", "USHT Nordfjella og KS"]]
    assert steering.caption == "Styringsgruppe"
    assert rows_of(steering) == [["Rune Styringsleder", "Leder", "KS"], ["Máret Šeđđa", "Medlem", "Statsforvalteren"]]
    assert Note("Arbeidsgruppe: ingen er registrert ennå.") in blocks
    assert "Organisering: Arbeidsgruppe mangler." in content.missing

    db.session.add(OrganisationMember(network_id=made.network.id, group=OrgGroup.WORKING, name="Åse Arbeid",
                                      role="Rådgiver", organisation="Ørnes kommune"))
    db.session.commit()
    working = tables(section_blocks(made.report, SectionSource.ORGANISATION))[-1]
    assert working.caption == "Arbeidsgruppe"
    assert rows_of(working) == [["Åse Arbeid", "Rådgiver", "Ørnes kommune"]]


def test_teams_in_norwegian_order_with_the_withdrawn_team_its_date_and_reason(ctx, make_report_network):
    made = make_report_network(teams=5)
    (table,) = tables(section_blocks(made.report, SectionSource.TEAMS))
    assert table.header == ["Kommune", "Status"]
    assert rows_of(table) == [
        ["Bjørkely kommune", "Deltar"],
        ["Čáhppesjávri suohkan", "Deltar"],
        ["Fjordvik kommune", "Deltar"],
        ["Havbygd kommune", "Trukket ut 16. mars 2026: Langvarig sykefravær i teamet"],
        ["Ørnes kommune", "Deltar"],
        ["Åsdal kommune", "Deltar"],
    ]


def test_gatherings_with_month_place_host_focus_and_each_speaker_once(ctx, make_report_network):
    made = make_report_network(teams=3, gatherings=2)
    (table,) = tables(section_blocks(made.report, SectionSource.GATHERINGS))
    assert table.header == ["Nr.", "Måned", "Sted", "Vertskommune", "Tema", "Foredragsholdere"]
    first = table.rows[0]
    assert [text(cell) for cell in first[:5]] == ["1", "mars 2025", "Kulturhuset 1", "Čáhppesjávri suohkan",
                                                  "Heltidskultur del 1"]
    (speakers,) = first[5]
    assert [span.text for span in speakers.spans if not span.is_break] == [
        "Ingrid Ås (KS)", "Ánde Đuođđa (Čáhppesjávri suohkan)"]
    assert text(table.rows[1][1]) == "mai 2025"


def test_evaluation_charts_every_scale_question_with_its_numbers_and_the_picked_quotes(ctx, make_report_network):
    made = make_report_network(teams=3, gatherings=2, answers=4)
    set_options(made.report, SectionSource.EVALUATION,
                quotes=[{"text": "Endelig fikk vi snakke med de andre kommunene 🙌", "source": "Ørnes kommune"}])
    blocks = section_blocks(made.report, SectionSource.EVALUATION)

    charts = [block for block in blocks if isinstance(block, ChartBlock)]
    assert [chart.title for chart in charts] == ["Hvor nyttig var samlingen?"]  # the open question is no chart
    (chart,) = charts
    assert [point.label for point in chart.chart.points] == ["Samling 1", "Samling 2"]
    assert chart.summary.header == ["Samling", "Antall svar", "Gjennomsnitt", "Standardavvik"]
    assert rows_of(chart.summary)[0] == ["Samling 1", "4", "3,75", "0,83"]
    assert blocks[-1] == QuoteBlock("Endelig fikk vi snakke med de andre kommunene 🙌", "Ørnes kommune")


def test_evaluation_shows_the_chosen_questions_and_says_where_nothing_was_asked(ctx, make_report_network):
    made = make_report_network(teams=2, gatherings=1, answers=3)
    text_question = db.session.scalar(db.select(EvaluationQuestion).where(EvaluationQuestion.kind == QuestionKind.TEXT))
    set_options(made.report, SectionSource.EVALUATION, questions=[text_question.id])
    blocks = section_blocks(made.report, SectionSource.EVALUATION)
    assert not [block for block in blocks if isinstance(block, ChartBlock)]
    (table,) = tables(blocks)
    assert table.caption == "Hva tar du med deg hjem?"
    assert rows_of(table) == [["Samling 1", "3"]]

    empty = make_report_network(teams=2, gatherings=0, name="Uten samlinger")
    assert Note("Ingen samling er evaluert ennå.") in section_blocks(empty.report, SectionSource.EVALUATION)
    content = report_content(empty.report)
    assert "Deltakernes evaluering: ingen sitater er valgt." in content.missing


def test_evaluation_without_a_template_says_so(ctx, make_report_network):
    made = make_report_network(teams=2, gatherings=0)
    for question in db.session.scalars(db.select(EvaluationQuestion)):
        db.session.delete(question)
    db.session.commit()
    blocks = section_blocks(made.report, SectionSource.EVALUATION)
    assert blocks == [Note("Nettverket har ingen evalueringsmal, så det er ingen evaluering å vise.")]


def test_results_have_a_row_per_active_team_with_the_measures_as_bullets(ctx, make_report_network):
    made = make_report_network(teams=3)
    (table,) = tables(section_blocks(made.report, SectionSource.RESULTS))
    assert table.header == ["Kommune", "Hovedmål", "Tiltak", "Resultater"]
    assert [row[0] for row in rows_of(table)] == ["Čáhppesjávri suohkan", "Ørnes kommune", "Åsdal kommune"]
    assert "Havbygd kommune" not in text(table)  # withdrawn: in the team list, not in the results

    sami = table.rows[0]
    assert text(sami[1]) == "Flere hele stillinger i Čáhppesjávri suohkan."
    (measures,) = sami[2]
    assert isinstance(measures, mb.ListBlock)
    assert [text(item) for item in measures.items] == [
        "Færre små stillinger – Ønsketurnus – Enhetsleder – Vår 2026",
        "Rekruttere – Sommerjobb for elever – HR – Hele året",
    ]
    assert text(sami[3]) == "Andelen heltid i Čáhppesjávri suohkan økte fra 40 til 55 prosent."


def test_a_team_without_sluttrapport_gets_a_row_that_says_so(ctx, make_report_network):
    made = make_report_network(teams=3)
    content = report_content(made.report)
    results = section_of(made.report, SectionSource.RESULTS)
    (table,) = tables(content.sections[results.position - 1].blocks)
    row = row_for(table, "Åsdal kommune")
    assert row[1:] == [[Note("Ingen sluttrapport levert")]] * 3
    assert "Resultater: Åsdal kommune har ikke levert sluttrapport." in content.missing
    assert "Implementering og videre arbeid: Åsdal kommune har ikke levert sluttrapport." in content.missing


def test_an_edited_cell_shows_the_leaders_markdown_and_leaves_the_team_document_alone(ctx, make_report_network):
    made = make_report_network(teams=2)
    team = made.teams[0]
    set_options(made.report, SectionSource.RESULTS,
                cells={f"{team.id}/resultater": "**Heltid** økte <script>alert(1)</script> 🎉"})
    (table,) = tables(section_blocks(made.report, SectionSource.RESULTS))
    (paragraph,) = row_for(table, team.municipality)[3]
    assert text(paragraph) == "Heltid økte <script>alert(1)</script> 🎉"
    assert paragraph.spans[0] == mb.Span("Heltid", bold=True)
    assert made.submissions[team.id].answers["f-resultater"].startswith("Andelen heltid")


def test_several_fields_in_one_column_are_joined_each_under_its_label(ctx, make_report_network):
    made = make_report_network(teams=2)
    set_options(made.report, SectionSource.RESULTS,
                columns={"resultater": ["f-resultater", "f-erfaringer"], "hovedmal": ["f-ukjent"]})
    content = report_content(made.report)
    (table,) = tables(content.sections[section_of(made.report, SectionSource.RESULTS).position - 1].blocks)
    first = row_for(table, "Ørnes kommune")
    assert [text(block) for block in first[3]] == [
        "Resultater", "Andelen heltid i Ørnes kommune økte fra 40 til 55 prosent.",
        "Våre råd", "Begynn i det små, og involver de tillitsvalgte tidlig."]
    assert first[3][0].spans[0].bold
    assert first[1] == [Note("Ikke fylt ut")]  # a field the template does not have
    assert "Resultater: Hovedmål mangler for Ørnes kommune." in content.missing


def test_further_work_lists_each_teams_tasks(ctx, make_report_network):
    made = make_report_network(teams=2)
    (table,) = tables(section_blocks(made.report, SectionSource.FURTHER_WORK))
    assert table.header == ["Kommune", "Videre oppgaver"]
    assert rows_of(table) == [
        ["Čáhppesjávri suohkan", "Ingen sluttrapport levert"],
        ["Ørnes kommune", "• Fortsette med ønsketurnus • Ta inn flere lærlinger"],
    ]


def test_the_chosen_sluttrapport_request_is_read_and_a_deleted_one_gives_way_to_the_newest(ctx, make_report_network):
    made = make_report_network(teams=2)
    earlier = DocumentRequest(network_id=made.network.id, template_id=made.request.template_id,
                              title="Sluttrapport, første utkast", due_on=date(2025, 12, 1))
    db.session.add(earlier)
    db.session.commit()
    set_options(made.report, SectionSource.RESULTS, request_id=earlier.id)
    (table,) = tables(section_blocks(made.report, SectionSource.RESULTS))
    assert table.caption == "Fra sluttrapportene: Sluttrapport, første utkast"
    assert all(text(row[1:]) == " ".join(["Ingen sluttrapport levert"] * 3) for row in table.rows)

    set_options(made.report, SectionSource.RESULTS, request_id=earlier.id + 1000)
    content = report_content(made.report)
    (table,) = tables(content.sections[section_of(made.report, SectionSource.RESULTS).position - 1].blocks)
    assert table.caption == "Fra sluttrapportene: Sluttrapport"
    assert "Resultater: sluttrapportene som var valgt, finnes ikke lenger; de nyeste brukes." in content.missing


def test_without_any_sluttrapport_request_the_results_say_so(ctx, make_report_network):
    made = make_report_network(teams=2)
    made.request.deleted_at = made.request.created_at
    db.session.commit()
    content = report_content(made.report)
    blocks = content.sections[section_of(made.report, SectionSource.RESULTS).position - 1].blocks
    assert blocks == [Note("Nettverket har ikke bedt teamene om sluttrapport ennå, så tabellen er tom.")]
    assert "Resultater: nettverket har ikke bedt om sluttrapporter ennå." in content.missing


def test_milestones_as_the_month_grid_with_its_legend_and_a_table(ctx, make_report_network):
    made = make_report_network(teams=2)
    grid, table = section_blocks(made.report, SectionSource.MILESTONES)
    assert isinstance(grid, GridBlock)
    assert [row.milestone.code for row in grid.grid.rows] == ["M1", "M2"]
    assert (SYMBOLS[CellState.DONE], "Fullført: Milepælen var nådd.") in grid.legend
    assert rows_of(table) == [
        ["M1 Hovedplaner levert", "februar 2025 – april 2025", "Fullført", "Prosjektleder"],
        ["M2 Sluttrapporter levert", "mai 2026", "Ikke startet", ""],
    ]


def test_risks_as_a_table(ctx, make_report_network):
    made = make_report_network(teams=2)
    (table,) = section_blocks(made.report, SectionSource.RISKS)
    assert rows_of(table) == [["1", "Sykefravær i teamene", "Intern", "Høy × Middels = 6 (Høy risiko)",
                               "Tett oppfølging mellom samlingene", "Prosjektleder", "Åpen"]]


def test_templates_as_blank_forms_with_headings_guidance_and_room_for_every_field(ctx, make_report_network):
    made = make_report_network(teams=2)
    unused = DocumentTemplate(network_id=made.network.id, kind=DocumentKind.OTHER, title="Ubrukt mal",
                              versions=[TemplateVersion(number=1, sections=[])])
    db.session.add(unused)
    db.session.commit()
    blocks = section_blocks(made.report, SectionSource.TEMPLATES)
    assert [block.text for block in blocks if isinstance(block, Subheading)] == ["Sluttrapport"]
    assert mb.Heading(2, [mb.Span("Tiltak")]) in blocks
    fields = {block.label: block for block in blocks if isinstance(block, BlankField)}
    assert fields["Hovedmål"].lines == 6
    assert fields["Videre oppgaver"].lines == 4
    assert fields["Tiltak"].columns == ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]

    set_options(made.report, SectionSource.TEMPLATES, templates=[unused.id])
    assert section_blocks(made.report, SectionSource.TEMPLATES) == [Subheading("Ubrukt mal")]


def test_a_narrative_section_shows_markdown_with_html_as_text_and_keeps_every_letter(ctx, make_report_network):
    made = make_report_network(teams=2)
    foreword = section_of(made.report, SectionSource.NARRATIVE)
    foreword.body = "Takk til *alle* i Čáhppesjávri: áčđŋšŧž æøå ÆØÅ 🎉\n\n<b>ikke fet</b> <script>x()</script>"
    db.session.commit()
    first = report_content(made.report).sections[0]
    assert first.anchor == "del-1"
    assert text(first.blocks) == "Takk til alle i Čáhppesjávri: áčđŋšŧž æøå ÆØÅ 🎉 <b>ikke fet</b> <script>x()</script>"
    assert not any(span.bold for block in first.blocks for span in block.spans)


def test_an_empty_narrative_section_says_it_is_not_written_yet(ctx, make_report_network):
    made = make_report_network(teams=2)
    assert report_content(made.report).sections[1].blocks == [Note("Denne delen er ikke skrevet ennå.")]


# --- cost ----------------------------------------------------------------------------------


@pytest.mark.parametrize("larger", [3])
def test_the_report_costs_the_same_queries_for_three_times_the_network(ctx, make_report_network, count_queries,
                                                                       larger):
    small = make_report_network(teams=2, gatherings=2, answers=3, name="Lite nettverk")
    large = make_report_network(teams=2 * larger, gatherings=2 * larger, answers=3 * larger, name="Stort nettverk")
    for made in (small, large):
        for team in made.teams:
            db.session.add(OrganisationMember(network_id=made.network.id, group=OrgGroup.WORKING,
                                              name=f"Medlem fra {team.municipality}"))
    db.session.commit()
    counts = []
    for made in (small, large):
        db.session.expire_all()
        with count_queries() as statements:
            content = report_content(made.report)
        counts.append(len(statements))
    assert len(content.sections) == 16
    assert counts[0] == counts[1], counts
