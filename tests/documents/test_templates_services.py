"""Editing templates never damages a document already written; sections and fields are checked,
ordered and copied as the project leader expects."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from verksted.accounts.models import User
from verksted.documents import services, starter
from verksted.documents import template_services as templates
from verksted.documents.models import DocumentKind, FieldKind, Submission, TemplateVersion
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Network, Role, Team


def field_data(**changes) -> dict:
    return {"label": "Tiltak", "kind": FieldKind.TABLE, "help": "", "required": False, "choices": [],
            "columns": ["Delmål", "Tiltak", "Ansvarlig"], "carry": "", **changes}


@pytest.fixture
def leader(ctx, make_user):
    return db.session.get(User, make_user("prosjektleder@usht.example", "Sigrid Håland").id)


@pytest.fixture
def network(ctx, make_network, make_membership, leader):
    network = db.session.get(Network, make_network("Rekruttere og beholde – Nordfjella").id)
    make_membership(leader, network, Role.FACILITATOR)
    return network


@pytest.fixture
def team(network, make_team):
    return db.session.get(Team, make_team(network, "Čáhppesjávri suohkan").id)


@pytest.fixture
def fremdriftsplan(network, leader):
    template = templates.new_template(network, DocumentKind.FREMDRIFTSPLAN, "Fremdriftsplan",
                                      start_from=DocumentKind.FREMDRIFTSPLAN, created_by=leader)
    db.session.commit()
    return template


def begin_document(network, template, team) -> Submission:
    request = services.create_request(network, template, f"{template.title} for høsten", due_on=date(2026, 12, 1),
                                      teams=[team])
    db.session.flush()
    submission = services.submission_for(request.assignments[0])
    db.session.commit()
    return submission


def headings(version: TemplateVersion) -> list[str]:
    return [section["heading"] for section in version.sections]


def stored_sections(version_id: int) -> list[dict]:
    """What the database holds for a version, not what this session remembers."""
    db.session.expire_all()
    return db.session.get(TemplateVersion, version_id).sections


# --- versions --------------------------------------------------------------------------------


def test_editing_a_template_in_use_makes_version_2_and_the_document_keeps_version_1(network, team, fremdriftsplan, leader):
    submission = begin_document(network, fremdriftsplan, team)
    first = fremdriftsplan.versions[0]
    before = copy.deepcopy(first.sections)

    version, key = templates.add_section(fremdriftsplan, "Refleksjon etter samlingen", "Hva tok dere med hjem?", leader)
    templates.update_section(fremdriftsplan, "s-effektmal", "Effektmål (langsiktig)", "Ny veiledning", leader)
    templates.remove_field(fremdriftsplan, "f-deltakere", leader)
    db.session.commit()

    assert [v.number for v in fremdriftsplan.versions] == [1, 2]
    assert version.number == 2 and version.created_by_id == leader.id
    assert headings(version)[-1] == "Refleksjon etter samlingen" and headings(version)[1] == "Effektmål (langsiktig)"
    assert stored_sections(first.id) == before
    db.session.refresh(submission)
    assert submission.template_version.number == 1
    assert submission.template_version.sections == before
    assert "f-deltakere" in {f["key"] for s in submission.template_version.sections for f in s["fields"]}


def test_a_template_nobody_uses_yet_is_edited_in_its_own_version(network, fremdriftsplan, leader):
    version, _key = templates.add_section(fremdriftsplan, "Ekstra", "", leader)
    templates.update_details(fremdriftsplan, {"title": "Fremdriftsplan høst", "introduction": "Kort **intro**",
                                              "length_guide": "Høyst én side", "word_budget": 500}, leader)
    db.session.commit()

    assert [v.number for v in fremdriftsplan.versions] == [1]
    assert version.number == 1 and headings(version)[-1] == "Ekstra"
    assert (fremdriftsplan.title, version.length_guide, version.word_budget) == ("Fremdriftsplan høst", "Høyst én side", 500)


def test_once_a_new_version_exists_further_changes_go_into_it(network, team, fremdriftsplan, leader):
    begin_document(network, fremdriftsplan, team)

    templates.add_section(fremdriftsplan, "Første endring", "", leader)
    templates.add_section(fremdriftsplan, "Andre endring", "", leader)
    db.session.commit()

    assert [v.number for v in fremdriftsplan.versions] == [1, 2]
    assert headings(fremdriftsplan.versions[-1])[-2:] == ["Første endring", "Andre endring"]


def test_changing_nothing_makes_no_new_version(network, team, fremdriftsplan, leader):
    begin_document(network, fremdriftsplan, team)
    section = templates.section_of(fremdriftsplan, "s-plan")

    templates.update_section(fremdriftsplan, "s-plan", section["heading"], section["guidance"], leader)
    templates.update_details(fremdriftsplan, {"title": "Fremdriftsplan", "introduction": fremdriftsplan.versions[0].introduction,
                                              "length_guide": "", "word_budget": None}, leader)
    templates.move_section(fremdriftsplan, "s-team", -1, leader)  # already first

    assert [v.number for v in fremdriftsplan.versions] == [1]


def test_a_new_document_is_written_against_the_newest_version(network, team, fremdriftsplan, leader, make_team):
    begin_document(network, fremdriftsplan, team)
    templates.add_section(fremdriftsplan, "Ny del", "", leader)
    db.session.commit()
    other = db.session.get(Team, make_team(network, "Fjordvik kommune").id)

    later = begin_document(network, fremdriftsplan, other)

    assert later.template_version.number == 2


# --- sections and fields ---------------------------------------------------------------------


def test_sections_move_up_and_down_and_stay_at_the_ends(network, fremdriftsplan, leader):
    templates.move_section(fremdriftsplan, "s-plan", -1, leader)
    templates.move_section(fremdriftsplan, "s-team", 1, leader)
    version = templates.move_section(fremdriftsplan, "s-plan", 1, leader)
    db.session.commit()

    assert [s["key"] for s in stored_sections(version.id)] == [
        "s-effektmal", "s-team", "s-resultatmal", "s-arbeidsmote", "s-plan"]
    assert [s["key"] for s in templates.move_section(fremdriftsplan, "s-plan", 1, leader).sections][-1] == "s-plan"
    assert [s["key"] for s in templates.move_section(fremdriftsplan, "s-effektmal", -1, leader).sections][0] == "s-effektmal"


def test_fields_move_within_their_section(network, fremdriftsplan, leader):
    version = templates.move_field(fremdriftsplan, "f-deltakere", -1, leader)

    assert [f["key"] for f in version.sections[0]["fields"]] == ["f-deltakere", "f-gruppeleder"]


def test_a_section_is_removed_with_its_fields(network, fremdriftsplan, leader):
    version, removed = templates.remove_section(fremdriftsplan, "s-arbeidsmote", leader)

    assert removed["heading"] == "Første arbeidsmøte hjemme"
    assert "s-arbeidsmote" not in [s["key"] for s in version.sections]


def test_a_section_that_is_gone_is_refused_with_a_message(network, fremdriftsplan, leader):
    with pytest.raises(Refused, match="finnes ikke lenger"):
        templates.move_section(fremdriftsplan, "s-finnes-ikke", 1, leader)
    with pytest.raises(Refused, match="finnes ikke lenger"):
        templates.remove_field(fremdriftsplan, "f-finnes-ikke", leader)


def test_a_section_needs_a_heading(network, fremdriftsplan, leader):
    with pytest.raises(Refused) as refused:
        templates.add_section(fremdriftsplan, "  ", "Veiledning", leader)

    assert refused.value.field == "heading"


def test_a_table_field_is_added_with_its_columns_and_a_fresh_key(network, fremdriftsplan, leader):
    version, key = templates.add_field(fremdriftsplan, "s-plan", field_data(columns=["Delmål ", "", "Tiltak", "Ansvarlig"]),
                                       leader)

    added = version.sections[4]["fields"][-1]
    assert key.startswith("f-") and key not in ("f-tiltak",)
    assert added == {"key": key, "label": "Tiltak", "kind": "table", "help": "", "required": False, "choices": [],
                     "columns": ["Delmål", "Tiltak", "Ansvarlig"], "carry": ""}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kind": FieldKind.CHOICE, "choices": []}, "choices", "minst to alternativer"),
    ({"kind": FieldKind.CHOICE, "choices": ["Ja"]}, "choices", "minst to alternativer"),
    ({"kind": FieldKind.CHOICE, "choices": ["Ja", "ja"]}, "choices", "står to ganger"),
    ({"kind": FieldKind.TABLE, "columns": []}, "columns", "minst én kolonne"),
    ({"kind": FieldKind.TABLE, "columns": [f"Kolonne {n}" for n in range(9)]}, "columns", "Høyst 8 linjer"),
    ({"kind": FieldKind.TABLE, "columns": ["x" * 121]}, "columns", "for lang"),
    ({"kind": FieldKind.NUMBER, "columns": [], "carry": "tiltak"}, "carry", "tabell"),
    ({"kind": FieldKind.TABLE, "carry": "effektmal"}, "carry", "kort eller lang tekst"),
    ({"kind": FieldKind.LONG_TEXT, "carry": "effektmal"}, "carry", "henter allerede effektmål"),
    ({"kind": FieldKind.LONG_TEXT, "carry": "noe annet"}, "carry", "Velg et av alternativene"),
    ({"label": " "}, "label", "ledetekst"),
])
def test_a_field_that_cannot_work_is_refused_next_to_its_input(network, fremdriftsplan, leader, changes, field, message):
    with pytest.raises(Refused, match=message) as refused:
        templates.add_field(fremdriftsplan, "s-plan", field_data(**changes), leader)

    assert refused.value.field == field
    assert [v.number for v in fremdriftsplan.versions] == [1]


def test_choices_and_columns_are_kept_only_for_the_kind_that_uses_them(network, fremdriftsplan, leader):
    version, key = templates.add_field(
        fremdriftsplan, "s-plan", field_data(kind=FieldKind.SHORT_TEXT, choices=["a", "b"], columns=["c"]), leader)

    added = version.sections[4]["fields"][-1]
    assert (added["kind"], added["choices"], added["columns"]) == ("short_text", [], [])


def test_a_field_keeps_its_key_and_may_keep_its_own_carry_when_edited(network, fremdriftsplan, leader):
    version = templates.update_field(fremdriftsplan, "f-effektmal", field_data(
        label="Effektmål for kommunen", kind=FieldKind.LONG_TEXT, columns=[], carry="effektmal", required=True), leader)

    (_section, changed) = templates.field_of(fremdriftsplan, "f-effektmal")
    assert changed["label"] == "Effektmål for kommunen" and changed["carry"] == "effektmal"
    assert version.number == 1


def test_the_stored_sections_are_never_changed_in_place(network, team, fremdriftsplan, leader):
    begin_document(network, fremdriftsplan, team)
    first = fremdriftsplan.versions[0]
    before = copy.deepcopy(first.sections)

    templates.move_field(fremdriftsplan, "f-deltakere", -1, leader)
    templates.update_section(fremdriftsplan, "s-team", "Teamet", "", leader)

    assert first.sections == before
    assert first.sections is not fremdriftsplan.versions[-1].sections


# --- whole templates -------------------------------------------------------------------------


def test_a_new_template_starts_empty_or_from_a_built_in_one(network, leader):
    empty = templates.new_template(network, DocumentKind.OTHER, "Refleksjonsnotat 📝", kind_label="Refleksjonsnotat")
    built = templates.new_template(network, DocumentKind.STATUSRAPPORT, "Statusrapport før samling 3",
                                   start_from=DocumentKind.STATUSRAPPORT)

    assert empty.versions[0].sections == [] and services.kind_label(empty) == "Refleksjonsnotat"
    assert built.versions[0].sections == starter.starter(DocumentKind.STATUSRAPPORT).sections
    assert built.versions[0].word_budget == 950
    assert built.position == empty.position + 1


def test_a_kind_the_leader_names_needs_a_name(network):
    with pytest.raises(Refused) as refused:
        templates.new_template(network, DocumentKind.OTHER, "Notat")

    assert refused.value.field == "kind_label"


def test_a_copy_from_another_network_is_version_1_of_a_new_template(network, team, fremdriftsplan, leader, make_network):
    begin_document(network, fremdriftsplan, team)
    version, _key = templates.add_section(fremdriftsplan, "Bare i versjon 2", "", leader)
    target = db.session.get(Network, make_network("Heltid i Sørdalen").id)

    copied = templates.copy_template(fremdriftsplan, target, leader)
    db.session.commit()

    assert copied.network_id == target.id and copied.id != fremdriftsplan.id
    assert [v.number for v in copied.versions] == [1]
    assert copied.versions[0].sections == version.sections
    templates.remove_section(copied, "s-team", leader)
    assert "s-team" in [s["key"] for s in fremdriftsplan.versions[-1].sections]


def test_templates_to_copy_come_from_the_other_networks_the_person_leads(network, fremdriftsplan, leader, make_network,
                                                                         make_membership, make_user):
    led = db.session.get(Network, make_network("Ledet nettverk").id)
    observed = db.session.get(Network, make_network("Observert nettverk").id)
    make_membership(leader, led, Role.FACILITATOR)
    make_membership(leader, observed, Role.OBSERVER)
    starter.add_starter_templates(led)
    starter.add_starter_templates(observed)
    db.session.commit()
    admin = db.session.get(User, make_user(is_admin=True).id)

    mine = templates.copyable_templates(leader, network)
    everything = templates.copyable_templates(admin, led)

    assert {t.network.name for t in mine} == {"Ledet nettverk"} and len(mine) == 4
    assert {t.network.name for t in everything} == {"Rekruttere og beholde – Nordfjella", "Observert nettverk"}


def test_an_archived_template_is_kept_listed_last_and_can_be_restored(network, fremdriftsplan, leader):
    hovedplan = templates.new_template(network, DocumentKind.HOVEDPLAN, "Hovedplan", start_from=DocumentKind.HOVEDPLAN)
    templates.archive_template(fremdriftsplan)
    db.session.commit()

    assert templates.templates_of(network) == [hovedplan, fremdriftsplan]
    assert fremdriftsplan.archived_at is not None

    templates.restore_template(fremdriftsplan)
    assert fremdriftsplan.archived_at is None
    assert templates.templates_of(network) == [fremdriftsplan, hovedplan]


def test_usage_is_counted_by_version(network, team, fremdriftsplan, leader, make_team):
    begin_document(network, fremdriftsplan, team)
    version, _key = templates.add_section(fremdriftsplan, "Ny", "", leader)
    db.session.commit()
    begin_document(network, fremdriftsplan, db.session.get(Team, make_team(network).id))

    usage = templates.usage_by_version(network)

    assert usage == {fremdriftsplan.versions[0].id: 1, version.id: 1}
