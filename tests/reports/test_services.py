"""Composing the report: the outline's workflow, a save over a newer one refused, the logo
checked by reading it, and what a section's editor offers."""
from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import NetworkGoal
from verksted.reports import services
from verksted.reports.models import ReportSection, SectionSource

SAMI = "áčđŋšŧž ÁČĐŊŠŦŽ"


@pytest.fixture
def made(ctx, make_report_network):
    return make_report_network(teams=3, gatherings=2, answers=4)


def titles(report) -> list[str]:
    return [section.title for section in report.sections]


def png(size=(60, 20), mode="RGB") -> bytes:
    buffer = BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


# --- starting -------------------------------------------------------------------------------


def test_a_started_report_follows_the_seeds_outline_in_order(made):
    report = made.report

    assert titles(report) == [str(title) for title, _source in services.DEFAULT_OUTLINE]
    assert [section.position for section in report.sections] == list(range(1, len(services.DEFAULT_OUTLINE) + 1))
    assert report.owner == "USHT Nordfjella og KS"
    assert report.period == "2025–2026"


def test_starting_again_gives_the_report_already_there(made):
    assert services.start_report(made.network) is made.report


def test_the_goals_section_starts_from_the_network_s_main_goal_and_goals(ctx, make_network, save):
    network = make_network("Heltid", main_goal=f"Heltid som norm i {SAMI}.")
    save(NetworkGoal(network_id=network.id, position=1, text="Færre små stillinger"),
         NetworkGoal(network_id=network.id, position=2, text="Ønsketurnus"))

    report = services.start_report(network)

    goals = next(section for section in report.sections if section.title == "Mål")
    assert goals.body == f"**Hovedmål:** Heltid som norm i {SAMI}.\n\nDelmål:\n\n- Færre små stillinger\n- Ønsketurnus"


def test_the_method_section_starts_with_a_neutral_description_and_the_others_empty(made):
    bodies = {section.title: section.body for section in made.report.sections}

    assert "utviklingsverksted" in bodies["Metode"]
    assert "samlinger" in bodies["Metode"]
    assert bodies["Forord"] == bodies["Anbefalinger"] == ""


def test_a_network_without_goals_starts_with_an_empty_goals_section(ctx, make_network):
    report = services.start_report(make_network("Uten mål"))

    assert next(section for section in report.sections if section.title == "Mål").body == ""


# --- the outline ----------------------------------------------------------------------------


def test_a_new_section_comes_last_with_a_tidy_title(made):
    section = services.add_section(made.report, f"  Takk  til {SAMI} ", SectionSource.NARRATIVE, made.leader)

    assert made.report.sections[-1] is section
    assert section.title == f"Takk til {SAMI}"
    assert section.position == len(made.report.sections)


@pytest.mark.parametrize(("title", "message"), [
    ("   ", "Delen må ha en tittel."),
    ("x" * 201, "Tittelen kan være høyst 200 tegn."),
])
def test_a_section_needs_a_short_title(made, title, message):
    with pytest.raises(Refused, match=message):
        services.add_section(made.report, title, SectionSource.NARRATIVE)


def test_moving_swaps_with_the_neighbour_and_stops_at_the_ends(made):
    report = made.report
    first, second = report.sections[:2]
    revision = report.revision

    services.move_section(second, -1)
    assert titles(report)[:2] == ["Sammendrag", "Forord"]
    assert (second.position, first.position) == (1, 2)
    db.session.commit()
    db.session.expire_all()
    assert titles(report)[:2] == ["Sammendrag", "Forord"]

    services.move_section(second, -1)
    services.move_section(report.sections[-1], +1)
    assert titles(report)[:2] == ["Sammendrag", "Forord"]
    assert report.revision == revision  # someone typing on the front page is not stopped by a move


def test_removing_renumbers_the_rest(made):
    report = made.report

    services.remove_section(report.sections[1])
    db.session.flush()

    assert "Sammendrag" not in titles(report)
    assert [section.position for section in report.sections] == list(range(1, len(report.sections) + 1))


# --- saving a section -----------------------------------------------------------------------


def test_a_save_keeps_title_text_and_options_and_counts_a_revision(made):
    section = made.report.sections[0]

    services.save_section(section, f"Linje én\r\nLinje to {SAMI} 🙂", section.revision, made.leader,
                          options={"x": 1}, title="Forord og takk")

    assert section.title == "Forord og takk"
    assert section.body == f"Linje én\nLinje to {SAMI} 🙂"
    assert section.options == {"x": 1}
    assert section.revision == 1
    assert section.updated_by_id == made.leader.id


def test_a_save_on_an_older_revision_is_refused_and_changes_nothing(made):
    section = made.report.sections[0]
    services.save_section(section, "Kollegaens tekst", 0)

    with pytest.raises(services.StaleReport):
        services.save_section(section, "Min tekst", 0, title="Min tittel")

    assert (section.body, section.title) == ("Kollegaens tekst", "Forord")


def test_a_text_over_the_limit_is_refused(made):
    section = made.report.sections[0]

    with pytest.raises(Refused) as refused:
        services.save_section(section, "x" * (services.BODY_MAX + 1), section.revision)

    assert refused.value.field == "body"


# --- the front page -------------------------------------------------------------------------


def test_the_front_page_is_saved_and_a_logo_read_as_an_image(made):
    report = made.report
    logo = png()

    services.update_front_page(report, {"title": f"Rapport {SAMI}", "subtitle": "Undertittel", "owner": "KS",
                                        "period": "2025"}, report.revision, made.leader, logo=logo)

    assert (report.title, report.subtitle, report.owner, report.period) == (f"Rapport {SAMI}", "Undertittel", "KS",
                                                                            "2025")
    assert (report.logo, report.logo_type) == (logo, "image/png")

    services.update_front_page(report, {"title": "Rapport"}, report.revision, remove_logo=True)
    assert (report.logo, report.logo_type) == (None, "")


@pytest.mark.parametrize(("data", "message"), [
    (b"GIF89a ikke et bilde", "Filen er ikke et bilde"),
    (png()[:40], "Filen er ikke et bilde"),
    (png(size=(6000, 6000), mode="1"), "Logoen har for mange piksler"),
    (b"\0" * (2 * 2**20 + 1), "Logoen er for stor"),
])
def test_a_logo_that_cannot_be_read_as_a_small_png_or_jpeg_is_refused_and_nothing_changes(made, data, message):
    report = made.report
    before = (report.title, report.revision)

    with pytest.raises(Refused, match=message) as refused:
        services.update_front_page(report, {"title": "Ny tittel"}, report.revision, logo=data)

    assert refused.value.field == "logo"
    assert (report.title, report.revision) == before
    assert report.logo is None


def test_a_front_page_on_an_older_revision_is_refused(made):
    report = made.report
    services.add_section(report, "Ny del", SectionSource.NARRATIVE)

    with pytest.raises(services.StaleReport):
        services.update_front_page(report, {"title": "Ny tittel"}, report.revision - 1)


# --- what the editor offers -----------------------------------------------------------------


def section_of(made, source: SectionSource) -> ReportSection:
    return next(section for section in made.report.sections if section.source is source)


def test_the_evaluation_editor_offers_the_scale_questions_and_the_open_answers(made):
    offer = services.editor_offer(section_of(made, SectionSource.EVALUATION))

    assert [question.current.prompt for question in offer.questions] == ["Hvor nyttig var samlingen?"]
    assert any("Godt å møte de andre kommunene 😊" in candidate.text for candidate in offer.candidates)
    assert offer.quotes == []


def test_a_results_editor_offers_each_active_team_s_own_text_per_column(made):
    offer = services.editor_offer(section_of(made, SectionSource.RESULTS))

    assert offer.request.id == made.request.id
    assert list(offer.column_labels.values()) == ["Hovedmål", "Tiltak", "Resultater"]
    assert offer.columns == {"hovedmal": ["f-hovedmal"], "tiltak": ["f-tiltak"], "resultater": ["f-resultater"]}
    assert ("f-erfaringer", "Erfaringer") in offer.fields or any(key == "f-erfaringer" for key, _ in offer.fields)
    rows = {row.team.municipality: row for row in offer.rows}
    assert "Havbygd kommune" not in rows  # withdrawn
    assert rows["Ørnes kommune"].own["hovedmal"] == "Flere hele stillinger i Ørnes kommune."
    assert rows["Ørnes kommune"].own["tiltak"] == ("- Færre små stillinger – Ønsketurnus – Enhetsleder – Vår 2026\n"
                                                 "- Rekruttere – Sommerjobb for elever – HR – Hele året")
    assert not rows["Åsdal kommune"].delivered and rows["Åsdal kommune"].own["resultater"] == ""


def test_a_results_editor_without_any_sluttrapport_request_offers_nothing_to_map(ctx, make_network):
    report = services.start_report(make_network("Uten sluttrapport"))

    offer = services.editor_offer(next(s for s in report.sections if s.source is SectionSource.FURTHER_WORK))

    assert offer.request is None and offer.rows == [] and offer.requests == []


def test_a_quote_s_key_is_the_same_for_the_candidate_and_the_picked_copy(made):
    candidate = services.editor_offer(section_of(made, SectionSource.EVALUATION)).candidates[0]

    assert services.quote_key(candidate) == services.quote_key({"text": candidate.text, "source": candidate.source})
    assert services.quote_key(candidate) != services.quote_key({"text": candidate.text, "source": "Annen kilde"})


def test_a_picked_quote_is_not_offered_again(made):
    section = section_of(made, SectionSource.EVALUATION)
    first = services.editor_offer(section).candidates[0]
    section.options = {"quotes": [{"text": first.text, "source": first.source}]}

    offer = services.editor_offer(section)

    assert offer.quotes == [{"text": first.text, "source": first.source}]
    assert first not in offer.candidates
