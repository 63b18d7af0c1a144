"""The built-in templates: valid in every part, following the method, given to every new network."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
import sqlalchemy as sa

from tests.pages import text
from verksted.documents import schema, services, starter
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, FieldKind, Submission
from verksted.documents.template_services import CARRY_FITS
from verksted.extensions import db
from verksted.networks.models import Network, Team


def kinds_of(network_id: int) -> list[DocumentKind]:
    return list(db.session.scalars(
        sa.select(DocumentTemplate.kind).where(DocumentTemplate.network_id == network_id).order_by(DocumentTemplate.position)
    ))


@pytest.fixture
def built_in(ctx):
    return {s.kind: s for s in starter.starters()}


def test_there_is_a_starter_for_each_of_the_four_documents_of_the_method(built_in):
    assert list(built_in) == [DocumentKind.HOVEDPLAN, DocumentKind.FREMDRIFTSPLAN, DocumentKind.STATUSRAPPORT,
                              DocumentKind.SLUTTRAPPORT]
    assert [s.title for s in built_in.values()] == ["Hovedplan", "Fremdriftsplan", "Statusrapport", "Sluttrapport"]


@pytest.mark.parametrize("kind", list(DocumentKind)[:4])
def test_every_starter_is_a_valid_template(built_in, kind):
    sections = built_in[kind].sections
    section_keys = [section["key"] for section in sections]
    field_keys = [field["key"] for _section, field in schema.fields(sections)]
    carried = [field["carry"] for _section, field in schema.fields(sections) if field["carry"]]

    assert len(set(section_keys)) == len(section_keys) and all(k.startswith("s-") for k in section_keys)
    assert len(set(field_keys)) == len(field_keys) and all(k.startswith("f-") for k in field_keys)
    assert not [c for c, n in Counter(carried).items() if n > 1], "one field per carried answer"
    assert built_in[kind].introduction
    for section in sections:
        assert section["heading"] and section["guidance"] and section["fields"], section["key"]
        assert set(section) == {"key", "heading", "guidance", "fields"}
    for _section, field in schema.fields(sections):
        kind_of_field = FieldKind(field["kind"])  # every kind is one the schema knows
        assert set(field) == {"key", "label", "kind", "help", "required", "choices", "columns", "carry"}
        assert field["label"] and "<" not in field["label"]
        assert (len(field["choices"]) >= 2) == (kind_of_field is FieldKind.CHOICE), field["key"]
        assert bool(field["columns"]) == (kind_of_field is FieldKind.TABLE), field["key"]
        if field["carry"]:
            assert kind_of_field in CARRY_FITS[field["carry"]], field["key"]


def test_the_guidance_asks_questions_in_markdown_that_renders_as_a_list(built_in):
    from verksted.text import render_markdown

    guidance = built_in[DocumentKind.STATUSRAPPORT].sections[3]["guidance"]

    assert "?" in guidance
    assert "<li>" in render_markdown(guidance)


def test_the_hovedplan_follows_the_method(built_in):
    hovedplan = built_in[DocumentKind.HOVEDPLAN]
    fields = schema.field_by_key(hovedplan.sections)

    assert (hovedplan.length_guide, hovedplan.word_budget) == ("Høyst tre sider", 1400)
    assert [s["heading"] for s in hovedplan.sections] == [
        "Teamet", "Effektmål", "Om kommunen", "Kompetanse- og rekrutteringsplan", "Største bemanningsutfordringer",
        "Ønsket situasjon på kort og lang sikt", "Tiltak", "Måling av effekt",
    ]
    assert fields["f-teammedlemmer"]["columns"] == ["Navn", "Stilling/rolle", "Enhet"]
    assert fields["f-gruppeleder"]["kind"] == "short_text"
    assert fields["f-innbyggere"]["kind"] == fields["f-arsverk"]["kind"] == "number"
    assert fields["f-har-plan"]["choices"] == ["Ja", "Nei", "Under arbeid"]
    assert fields["f-tiltak"]["columns"] == ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]
    assert (fields["f-effektmal"]["carry"], fields["f-tiltak"]["carry"]) == ("effektmal", "tiltak")


def test_the_fremdriftsplan_carries_the_goals_and_the_measures_and_plans_the_first_meeting(built_in):
    fields = schema.field_by_key(built_in[DocumentKind.FREMDRIFTSPLAN].sections)

    assert {f["carry"] for f in fields.values() if f["carry"]} == {"effektmal", "resultatmal", "tiltak"}
    assert fields["f-arbeidsmote"]["kind"] == "meeting"
    assert fields["f-tiltak"]["columns"] == ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]


def test_the_statusrapport_is_two_pages_and_asks_what_the_team_learnt(built_in):
    statusrapport = built_in[DocumentKind.STATUSRAPPORT]
    headings = [s["heading"] for s in statusrapport.sections]

    assert statusrapport.length_guide == "Høyst to sider"
    assert "Kunnskap fra forrige samling" in headings and "Kontakt med referansegruppen" in headings
    assert headings[-1] == "Det vi har lært"


def test_the_sluttrapport_has_the_fields_the_project_report_reads(built_in):
    fields = schema.field_by_key(built_in[DocumentKind.SLUTTRAPPORT].sections)

    assert {"f-hovedmal", "f-tiltak", "f-resultater", "f-videre"} <= set(fields)
    assert fields["f-tiltak"]["kind"] == "table" and fields["f-videre"]["kind"] == "list"


@pytest.mark.parametrize("kind", list(DocumentKind)[:4])
def test_a_team_can_fill_in_every_starter_completely(built_in, kind):
    answers = {}
    for _section, field in schema.fields(built_in[kind].sections):
        answers[field["key"]] = {
            "short_text": "Máret Ánde Guttorm", "long_text": "Vi vil ha **flere** heltidsstillinger 🎯",
            "number": "1 234", "date": "14.02.2026", "meeting": {"date": "2026-02-14", "time": "9.30", "place": "Rådhuset"},
            "list": "Fortsette mentorordningen\nEvaluere turnusen", "choice": field["choices"][0] if field["choices"] else "",
            "table": [["Sámi æøå"] * len(field["columns"])],
        }[field["kind"]]

    cleaned = schema.clean_answers(built_in[kind].sections, answers, require=True)

    assert cleaned.errors == {}


def test_a_new_network_starts_with_the_four_templates(client, login, make_user, app):
    admin = make_user("admin@verksted.example", is_admin=True)
    login(client, admin)

    response = client.post("/admin/nettverk/nytt", data={
        "name": "Heltid i Čáhppesjávri", "leader_email": "leder@usht.example", "leader_name": "Ny Leder",
    })

    assert response.status_code == 302
    with app.app_context():
        network = db.session.scalar(sa.select(Network).where(Network.name == "Heltid i Čáhppesjávri"))
        assert kinds_of(network.id) == [DocumentKind.HOVEDPLAN, DocumentKind.FREMDRIFTSPLAN, DocumentKind.STATUSRAPPORT,
                                        DocumentKind.SLUTTRAPPORT]
    page = text(client.get(f"/nettverk/{network.id}/maler"))
    assert "Hovedplan" in page and "Sluttrapport" in page


def test_adding_the_starters_again_skips_the_kinds_the_network_has(ctx, make_network):
    network = db.session.get(Network, make_network().id)
    services.create_template(network, DocumentKind.STATUSRAPPORT, "Vår egen statusrapport", [])
    db.session.flush()

    added = starter.add_starter_templates(network)
    starter.add_starter_templates(network)
    db.session.flush()

    assert [t.kind for t in added] == [DocumentKind.HOVEDPLAN, DocumentKind.FREMDRIFTSPLAN, DocumentKind.SLUTTRAPPORT]
    assert Counter(kinds_of(network.id)) == Counter(list(DocumentKind)[:4])


def test_each_network_gets_its_own_copy_of_the_sections(ctx, make_network):
    first, second = (db.session.get(Network, make_network().id) for _ in range(2))

    one = starter.add_starter_templates(first)[0]
    other = starter.add_starter_templates(second)[0]

    assert one.versions[0].sections == other.versions[0].sections
    assert one.versions[0].sections is not other.versions[0].sections
    one.versions[0].sections[0]["fields"].clear()
    assert other.versions[0].sections[0]["fields"]


def test_the_hovedplans_goal_and_measures_prefill_the_first_fremdriftsplan(ctx, make_network, make_team):
    network = db.session.get(Network, make_network().id)
    team = db.session.get(Team, make_team(network).id)  # the network's only team, asked for both
    hovedplan, fremdriftsplan = starter.add_starter_templates(network)[:2]
    first = services.create_request(network, hovedplan, "Hovedplan", due_on=date(2025, 10, 15))
    db.session.flush()
    written = services.submission_for(first.assignments[0])
    written.answers = {"f-effektmal": "Alle nyutdannede får tilbud om heltid.",
                       "f-tiltak": [["Færre slutter", "Mentor for nyansatte", "Enhetsleder", "Høsten 2025"]],
                       "f-utfordringer": "Blir ikke med videre"}
    next_request = services.create_request(network, fremdriftsplan, "Fremdriftsplan 1", due_on=date(2025, 11, 30))
    db.session.flush()

    prefilled = services.submission_for(next_request.assignments[0]).answers

    assert prefilled == {"f-effektmal": "Alle nyutdannede får tilbud om heltid.",
                         "f-tiltak": [["Færre slutter", "Mentor for nyansatte", "Enhetsleder", "Høsten 2025"]]}
    assert next_request.assignments[0].team is team
    assert db.session.scalar(sa.select(sa.func.count(Submission.id))) == 2
    assert db.session.scalar(sa.select(sa.func.count(DocumentRequest.id))) == 2
