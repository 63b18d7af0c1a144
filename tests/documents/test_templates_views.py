"""The template pages: everyone in the network reads and previews them; the project leader edits
them in the browser, and bad input is explained next to the field without losing what was typed."""
from __future__ import annotations

import copy
import os
import re
import threading
from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from tests.pages import field_error, field_value, location, text
from verksted.documents import starter
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, Submission, TemplateVersion
from verksted.extensions import db
from verksted.networks.models import Network, Role

SAMI = "Čáhppesjávri: ŋ š ŧ ž đ – æøå 🎯"


@pytest.fixture
def cast(app, make_network, make_user, make_team, make_membership):
    """A network with the starter templates, its leader, a team member, an observer, and the
    leader of another network."""
    network = make_network("Rekruttere og beholde – Nordfjella")
    team = make_team(network, "Čáhppesjávri suohkan")
    people = SimpleNamespace(
        leader=make_user("prosjektleder@usht.example", "Sigrid Håland"),
        member=make_user("biret@sameby.kommune.example", "Biret Sárá Eira"),
        observer=make_user("observator@ks.example", "Torbjørn Eide"),
        stranger=make_user("leder@sordalen.example", "Solveig Sørdalen"),
    )
    other = make_network("Heltid i Sørdalen")
    make_membership(people.leader, network, Role.FACILITATOR)
    make_membership(people.member, network, Role.TEAM_MEMBER, team, is_group_leader=True)
    make_membership(people.observer, network, Role.OBSERVER)
    make_membership(people.stranger, other, Role.FACILITATOR)
    with app.app_context():
        for each in (network, other):
            starter.add_starter_templates(db.session.get(Network, each.id))
        db.session.commit()
        ids = {t.kind: t.id for t in db.session.scalars(
            sa.select(DocumentTemplate).where(DocumentTemplate.network_id == network.id))}
        other_ids = {t.kind: t.id for t in db.session.scalars(
            sa.select(DocumentTemplate).where(DocumentTemplate.network_id == other.id))}
    return SimpleNamespace(network=network, other=other, team=team, templates=ids, other_templates=other_ids, **vars(people))


@pytest.fixture
def as_(client, login, cast):
    def as_(who: str):
        return login(client, getattr(cast, who))

    return as_


@pytest.fixture
def written(app, save, cast):
    """A team document written against the template's current version."""

    def written(template_id: int) -> Submission:
        with app.app_context():
            version_id = version_of(template_id).id
        (request,) = save(DocumentRequest(network_id=cast.network.id, template_id=template_id, title="Innlevering",
                                          due_on=date(2026, 12, 1)))
        (submission,) = save(Submission(request_id=request.id, team_id=cast.team.id, template_version_id=version_id,
                                        answers={"f-effektmal": "Heltid for alle"}))
        return submission

    return written


def version_of(template_id: int, number: int | None = None) -> TemplateVersion:
    query = sa.select(TemplateVersion).where(TemplateVersion.template_id == template_id)
    query = query.where(TemplateVersion.number == number) if number else query.order_by(TemplateVersion.number.desc())
    return db.session.scalars(query).first()


def sections_of(app, template_id: int, number: int | None = None) -> list[str]:
    with app.app_context():
        return [s["heading"] for s in version_of(template_id, number).sections]


def field_form(**changes) -> dict:
    return {"label": "Tiltak i perioden", "kind": "table", "help": "", "choices": "",
            "columns": "Delmål\nTiltak\nAnsvarlig\nTidsestimat", "carry": "", **changes}


# --- reading ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "observer", "leader"])
def test_everyone_in_the_network_reads_the_list_of_templates(as_, cast, who):
    response = as_(who).get(f"/nettverk/{cast.network.id}/maler")

    page = text(response)
    assert response.status_code == 200
    for title in ("Hovedplan", "Fremdriftsplan", "Statusrapport", "Sluttrapport"):
        assert title in page
    assert "Versjon 1" in page and "Ingen ennå" in page
    assert ("Ny mal" in page) is (who == "leader")
    assert 'aria-current="page">Maler<' in response.get_data(as_text=True)


def test_the_list_counts_the_documents_using_each_version(as_, cast, written, client, app):
    written(cast.templates[DocumentKind.HOVEDPLAN])
    as_("leader").post(f"/maler/{cast.templates[DocumentKind.HOVEDPLAN]}/deler/ny", data={"heading": "Ny del"})

    page = text(client.get(f"/nettverk/{cast.network.id}/maler"))

    assert "Versjon 2" in page and "versjon 1: 1" in page


def test_a_team_member_previews_a_template_as_the_blank_document(as_, cast):
    response = as_("member").get(f"/maler/{cast.templates[DocumentKind.HOVEDPLAN]}")

    body, page = response.get_data(as_text=True), text(response)
    assert response.status_code == 200
    assert "Høyst tre sider" in page and "omtrent 1400" in page
    assert "Hovedplanen er teamets første dokument" in page
    assert "Største bemanningsutfordringer" in page
    assert "<li>Hvilke stillinger og enheter er representert?</li>" in body  # guidance Markdown as a list
    assert '<th scope="col">Tidsestimat</th>' in body  # the measures table with its columns
    assert re.search(r'<input class="ds-input" type="radio" name="[^"]+" id="[^"]+" disabled>', body)
    assert 'type="date" id="forhandsvisning-f-arbeidsmote-dato"' not in body  # not in the hovedplan
    assert "Endre malen" not in page
    assert all("disabled" in tag for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", body) if "csrf" not in tag
               and "language" not in tag and 'type="hidden"' not in tag)


def test_the_preview_of_a_meeting_field_has_date_time_and_place(as_, cast):
    body = as_("member").get(f"/maler/{cast.templates[DocumentKind.FREMDRIFTSPLAN]}").get_data(as_text=True)

    for part, kind in (("dato", "date"), ("tid", "time"), ("sted", "text")):
        assert f'type="{kind}" id="forhandsvisning-f-arbeidsmote-{part}" disabled' in body


def test_html_in_the_guidance_is_shown_harmless(as_, cast, client):
    template_id = cast.templates[DocumentKind.SLUTTRAPPORT]
    as_("leader").post(f"/maler/{template_id}/deler/s-videre/rediger", data={
        "heading": "Videre arbeid", "guidance": "Skriv **konkret**.\n\n<script>alert('x')</script><img src=x onerror=alert(1)>",
    })

    body = client.get(f"/maler/{template_id}").get_data(as_text=True)

    assert "<strong>konkret</strong>" in body
    assert "<script>alert" not in body and "onerror" not in body


def test_an_older_version_is_shown_on_request_and_says_it_is_old(as_, cast, written, client):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    written(template_id)
    as_("leader").post(f"/maler/{template_id}/deler/s-team/slett")

    old, new = client.get(f"/maler/{template_id}?versjon=1"), client.get(f"/maler/{template_id}")

    assert "Team og gruppeleder" in text(old) and "Du ser på versjon 1" in text(old)
    assert "Team og gruppeleder" not in text(new) and "Du ser på versjon" not in text(new)
    assert 'name="versjon"' in new.get_data(as_text=True)
    assert client.get(f"/maler/{template_id}?versjon=9").status_code == 404
    assert client.get(f"/maler/{template_id}?versjon=en").status_code == 404


def test_a_team_member_may_look_but_not_edit(as_, cast):
    client = as_("member")
    template_id = cast.templates[DocumentKind.HOVEDPLAN]

    assert client.get(f"/maler/{template_id}/rediger").status_code == 403
    assert client.post(f"/maler/{template_id}/deler/ny", data={"heading": "Kapret"}).status_code == 403
    assert client.get(f"/nettverk/{cast.network.id}/maler/ny").status_code == 403


def test_another_networks_leader_is_not_told_the_template_exists(as_, cast):
    client = as_("stranger")
    template_id = cast.templates[DocumentKind.HOVEDPLAN]

    assert client.get(f"/maler/{template_id}").status_code == 404
    assert client.get(f"/maler/{template_id}/rediger").status_code == 404
    assert client.post(f"/maler/{template_id}/arkiver").status_code == 404


# --- new templates and details ---------------------------------------------------------------


def test_the_leader_starts_a_template_from_a_built_in_one(as_, cast, app):
    response = as_("leader").post(f"/nettverk/{cast.network.id}/maler/ny", data={
        "kind": "statusrapport", "title": f"Statusrapport {SAMI}", "kind_label": "", "start_from": "statusrapport",
    })

    assert response.status_code == 302
    editor = text(as_("leader").get(location(response)))
    assert f"Malen «Statusrapport {SAMI}» er opprettet." in editor
    assert "Kunnskap fra forrige samling" in editor


def test_the_leader_names_a_kind_of_their_own(as_, cast, app):
    response = as_("leader").post(f"/nettverk/{cast.network.id}/maler/ny", data={
        "kind": "other", "title": "Refleksjonsnotat etter samling 2", "kind_label": "Refleksjonsnotat", "start_from": "",
    })

    assert response.status_code == 302
    page = text(as_("leader").get(f"/nettverk/{cast.network.id}/maler"))
    assert "Refleksjonsnotat etter samling 2 Refleksjonsnotat Versjon 1" in page


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"title": "<b>Plan</b>"}, "title", "Feltet kan ikke inneholde tegnene < og >."),
    ({"title": ""}, "title", "Skriv en tittel for malen."),
    ({"title": "x" * 201}, "title", "Teksten kan være høyst 200 tegn."),
    ({"kind": "other"}, "kind_label", "Gi dokumenttypen et navn, for eksempel «Refleksjonsnotat»."),
    ({"kind": "ukjent"}, "kind", "Velg en av dokumenttypene i listen."),
    ({"start_from": "other"}, "start_from", "Velg en av de innebygde malene."),
])
def test_a_new_template_with_bad_input_is_explained(as_, cast, data, field, message):
    form = {"kind": "hovedplan", "title": "Hovedplan 2026", "kind_label": "", "start_from": "", **data}

    response = as_("leader").post(f"/nettverk/{cast.network.id}/maler/ny", data=form)

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert field_value(response, "title") == form["title"]
    assert "Rett opp dette før du går videre" in text(response)


@pytest.mark.parametrize(("budget", "message"), [
    ("mange", "Skriv et helt tall, for eksempel 1400."),
    ("0", "Skriv et tall mellom 1 og 100000."),
    ("1e9", "Skriv et helt tall, for eksempel 1400."),
])
def test_the_details_are_saved_and_a_bad_word_budget_is_explained(as_, cast, client, budget, message):
    template_id = cast.templates[DocumentKind.HOVEDPLAN]
    form = {"title": "Hovedplan", "introduction": "Kort om *planen*", "length_guide": "Høyst to sider", "word_budget": budget}

    refused = as_("leader").post(f"/maler/{template_id}/rediger", data=form)
    saved = client.post(f"/maler/{template_id}/rediger", data={**form, "word_budget": "950"})

    assert refused.status_code == 422
    assert field_error(refused, "word_budget") == message
    assert field_value(refused, "word_budget") == budget
    assert field_value(refused, "introduction") == "Kort om *planen*"
    assert saved.status_code == 302
    page = client.get(f"/maler/{template_id}")
    assert "omtrent 950" in text(page) and "<em>planen</em>" in page.get_data(as_text=True)


def test_a_kind_of_the_leaders_own_keeps_a_name_when_its_details_are_edited(as_, cast, app):
    client = as_("leader")
    created = client.post(f"/nettverk/{cast.network.id}/maler/ny", data={
        "kind": "other", "title": "Notat", "kind_label": "Refleksjonsnotat", "start_from": ""})
    editor = location(created)

    refused = client.post(editor, data={"title": "Notat", "kind_label": "", "introduction": "", "length_guide": ""})
    saved = client.post(editor, data={"title": "Notat", "kind_label": "Læringsnotat ✍️", "introduction": "", "length_guide": ""})

    assert field_value(client.get(f"/maler/{cast.templates[DocumentKind.HOVEDPLAN]}/rediger"), "kind_label") is None
    assert refused.status_code == 422 and field_error(refused, "kind_label") == "Gi dokumenttypen et navn."
    assert saved.status_code == 302
    assert "Notat Læringsnotat ✍️ Versjon 1" in text(client.get(f"/nettverk/{cast.network.id}/maler"))


# --- sections --------------------------------------------------------------------------------


def test_the_leader_adds_a_section_and_goes_on_to_its_fields(as_, cast, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]

    response = as_("leader").post(f"/maler/{template_id}/deler/ny", data={
        "heading": f"Refleksjon {SAMI}", "guidance": "- Hva lærte dere?\n- Hva gjør dere annerledes?",
    })

    assert response.status_code == 302 and "/felt/nytt" in location(response)
    assert sections_of(app, template_id)[-1] == f"Refleksjon {SAMI}"
    assert f"Nytt felt i «Refleksjon {SAMI}»" in text(as_("leader").get(location(response)))


def test_the_preview_button_shows_the_guidance_without_saving(as_, cast, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]

    response = as_("leader").post(f"/maler/{template_id}/deler/ny", data={
        "heading": "Refleksjon", "guidance": "| Hva | Hvem |\n|---|---|\n| Turnus | Enhetsleder |\n\n- punkt", "handling": "forhandsvis",
    })

    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Forhåndsvisning: slik ser teamet veiledningen" in text(response)
    assert "<td>Turnus</td>" in body and "<li>punkt</li>" in body
    assert field_value(response, "guidance").startswith("| Hva | Hvem |")
    assert "Refleksjon" not in sections_of(app, template_id)


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"heading": ""}, "heading", "Skriv en overskrift for delen."),
    ({"heading": "<script>"}, "heading", "Feltet kan ikke inneholde tegnene < og >."),
    ({"guidance": "å" * 10_001}, "guidance", "Teksten kan være høyst 10000 tegn."),
])
def test_a_section_with_bad_input_is_explained_and_kept(as_, cast, app, data, field, message):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    form = {"heading": "Refleksjon", "guidance": "Hva lærte dere?", **data}

    response = as_("leader").post(f"/maler/{template_id}/deler/ny", data=form)

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert field_value(response, "guidance") == form["guidance"]
    assert len(sections_of(app, template_id)) == 5


def test_sections_are_reordered_and_removed(as_, cast, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    client = as_("leader")

    client.post(f"/maler/{template_id}/deler/s-plan/flytt/opp")
    removed = client.post(f"/maler/{template_id}/deler/s-team/slett", follow_redirects=True)

    assert sections_of(app, template_id) == [
        "Effektmål", "Resultatmål for perioden", "Plan for perioden", "Første arbeidsmøte hjemme"]
    assert "Delen «Team og gruppeleder» er fjernet." in text(removed)
    assert client.post(f"/maler/{template_id}/deler/s-plan/flytt/sidelengs").status_code == 404


def test_a_section_removed_meanwhile_is_explained_not_a_500(as_, cast):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    client = as_("leader")
    client.post(f"/maler/{template_id}/deler/s-team/slett")

    again = client.post(f"/maler/{template_id}/deler/s-team/slett", follow_redirects=True)

    assert again.status_code == 200
    assert "Denne delen finnes ikke lenger i malen." in text(again)
    assert client.get(f"/maler/{template_id}/deler/s-team/rediger").status_code == 404


def test_editing_a_template_in_use_makes_a_new_version_and_says_so(as_, cast, written, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    submission = written(template_id)
    client = as_("leader")
    assert "Teamene har begynt på dokumenter etter versjon 1" in text(client.get(f"/maler/{template_id}/rediger"))

    response = client.post(f"/maler/{template_id}/deler/s-effektmal/rediger",
                           data={"heading": "Effektmål på lang sikt", "guidance": "Ny tekst"}, follow_redirects=True)

    assert "Malen er nå i versjon 2. Dokumenter som allerede er skrevet, beholder versjon 1." in text(response)
    assert sections_of(app, template_id, 1)[1] == "Effektmål"
    assert sections_of(app, template_id, 2)[1] == "Effektmål på lang sikt"
    with app.app_context():
        kept = db.session.get(Submission, submission.id)
        assert kept.template_version.number == 1 and kept.template_version.sections[1]["heading"] == "Effektmål"


# --- fields ----------------------------------------------------------------------------------


def test_the_leader_adds_a_table_field_and_sees_it_in_the_preview(as_, cast, client):
    template_id = cast.templates[DocumentKind.STATUSRAPPORT]

    response = as_("leader").post(f"/maler/{template_id}/deler/s-laering/felt/nytt", data=field_form(
        label="Målinger", columns="Måling\nFør\nEtter", help="Tall fra egen kommune."))

    assert response.status_code == 302 and response.headers["Location"].endswith("/rediger#del-s-laering")
    body = client.get(f"/maler/{template_id}").get_data(as_text=True)
    assert '<th scope="col">Måling</th><th scope="col">Før</th><th scope="col">Etter</th>' in body
    assert "Tall fra egen kommune." in body


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"columns": ""}, "columns", "En tabell trenger minst én kolonne. Skriv ett kolonnenavn per linje."),
    ({"kind": "choice", "choices": "Ja"}, "choices", "Et valg trenger minst to alternativer. Skriv ett alternativ per linje."),
    ({"label": "<i>Tiltak</i>"}, "label", "Feltet kan ikke inneholde tegnene < og >."),
    ({"label": "ø" * 201}, "label", "Teksten kan være høyst 200 tegn."),
    ({"columns": "Delmål\n<script>"}, "columns", "Feltet kan ikke inneholde tegnene < og >."),
    ({"carry": "effektmal"}, "carry", "Effektmål kan bare hentes inn i et felt av typen kort eller lang tekst."),
    ({"carry": "tiltak"}, "carry", "Et annet felt i malen henter allerede tiltakstabellen fra forrige dokument."),
    ({"kind": "video"}, "kind", "Velg en av felttypene i listen."),
])
def test_a_field_with_bad_input_is_explained_and_what_was_typed_is_kept(as_, cast, app, data, field, message):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    form = field_form(**data)

    response = as_("leader").post(f"/maler/{template_id}/deler/s-plan/felt/nytt", data=form)

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert field_value(response, "columns") == form["columns"]
    assert field_value(response, "label") == form["label"]


def test_the_field_form_shows_the_field_as_it_is_and_saves_changes(as_, cast, client):
    template_id = cast.templates[DocumentKind.HOVEDPLAN]

    shown = as_("leader").get(f"/maler/{template_id}/felt/f-har-plan/rediger")
    saved = client.post(f"/maler/{template_id}/felt/f-har-plan/rediger", data={
        "label": "Har kommunen en plan?", "kind": "choice", "choices": "Ja\nNei\nUnder arbeid\nVet ikke", "carry": "",
        "is_required": "y",
    })

    assert field_value(shown, "label") == "Har kommunen en kompetanse- og rekrutteringsplan?"
    assert field_value(shown, "choices") == "Ja\nNei\nUnder arbeid"
    assert saved.status_code == 302
    preview = text(client.get(f"/maler/{template_id}"))
    assert "Har kommunen en plan? (må fylles ut)" in preview and "Vet ikke" in preview


def test_fields_are_moved_and_removed(as_, cast, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    client = as_("leader")

    client.post(f"/maler/{template_id}/felt/f-deltakere/flytt/opp")
    client.post(f"/maler/{template_id}/felt/f-arbeidsmote/slett")

    with app.app_context():
        sections = version_of(template_id).sections
    assert [f["key"] for f in sections[0]["fields"]] == ["f-deltakere", "f-gruppeleder"]
    assert sections[3]["fields"] == []
    assert client.get(f"/maler/{template_id}/felt/f-arbeidsmote/rediger").status_code == 404


# --- copying and archiving -------------------------------------------------------------------


@pytest.fixture
def second_network(cast, make_network, make_membership, app):
    """Another network the leader also leads, with a template of its own."""
    network = make_network("Heltidskultur i praksis 2026")
    make_membership(cast.leader, network, Role.FACILITATOR)
    with app.app_context():
        template = starter.add_starter_templates(db.session.get(Network, network.id))[2]
        template.title = f"Statusrapport {SAMI}"
        db.session.commit()
        return SimpleNamespace(network=network, template_id=template.id)


def test_the_leader_copies_a_template_from_another_network_they_lead(as_, cast, second_network, app):
    client = as_("leader")

    listed = text(client.get(f"/nettverk/{cast.network.id}/maler/kopier"))
    response = client.post(f"/nettverk/{cast.network.id}/maler/kopier", data={"template_id": second_network.template_id})

    assert "Heltidskultur i praksis 2026" in listed and f"Statusrapport {SAMI}" in listed
    assert "Heltid i Sørdalen" not in listed  # led by someone else
    assert response.status_code == 302
    with app.app_context():
        copied = db.session.scalars(sa.select(DocumentTemplate).where(
            DocumentTemplate.network_id == cast.network.id, DocumentTemplate.title == f"Statusrapport {SAMI}")).one()
        assert [v.number for v in copied.versions] == [1]
        assert copied.versions[0].sections[0]["key"] == "s-mal"
    assert "er kopiert fra Heltidskultur i praksis 2026" in text(client.get(location(response)))


def test_a_template_from_a_network_the_leader_does_not_lead_cannot_be_copied(as_, cast, app):
    client = as_("leader")

    stolen = client.post(f"/nettverk/{cast.network.id}/maler/kopier",
                         data={"template_id": cast.other_templates[DocumentKind.HOVEDPLAN]})
    own = client.post(f"/nettverk/{cast.network.id}/maler/kopier", data={"template_id": cast.templates[DocumentKind.HOVEDPLAN]})
    nothing = client.post(f"/nettverk/{cast.network.id}/maler/kopier", data={})

    assert stolen.status_code == 404 and own.status_code == 404
    assert nothing.status_code == 422 and "Velg malen du vil kopiere." in text(nothing)
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(DocumentTemplate)
                                  .where(DocumentTemplate.network_id == cast.network.id))
    assert count == 4


def test_an_admin_may_copy_from_any_network(client, login, make_user, cast, app):
    login(client, make_user(is_admin=True))

    response = client.post(f"/nettverk/{cast.network.id}/maler/kopier",
                           data={"template_id": cast.other_templates[DocumentKind.SLUTTRAPPORT]})

    assert response.status_code == 302


def test_an_archived_template_is_listed_apart_and_can_be_taken_back(as_, cast, client):
    template_id = cast.templates[DocumentKind.SLUTTRAPPORT]

    archived = as_("leader").post(f"/maler/{template_id}/arkiver", follow_redirects=True)
    restored = client.post(f"/maler/{template_id}/gjenopprett", follow_redirects=True)

    assert "Arkiverte maler" in text(archived) and "kan ikke velges for nye innleveringer" in text(archived)
    assert "Arkiverte maler" not in text(restored)


def test_buttons_that_change_a_template_need_the_forms_csrf_token(csrf_client, login, cast, app):
    login(csrf_client, cast.leader)
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]

    response = csrf_client.post(f"/maler/{template_id}/deler/s-team/slett")

    assert response.status_code == 400
    assert "Team og gruppeleder" in sections_of(app, template_id)


# --- cost ------------------------------------------------------------------------------------


@pytest.fixture
def measured(client, count_queries):
    def measured(path) -> int:
        client.get(path)
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        return len(statements)

    return measured


def grow(app, network_id: int, team_id: int, count: int) -> int:
    """Give a network `count` templates, each with two versions and a document on the first."""
    with app.app_context():
        network = db.session.get(Network, network_id)
        templates = [DocumentTemplate(network=network, kind=DocumentKind.OTHER, kind_label="Notat", title=f"Mal {n}",
                                      position=n, versions=[TemplateVersion(number=1, sections=[]),
                                                            TemplateVersion(number=2, sections=[])])
                     for n in range(count)]
        db.session.add_all(templates)
        db.session.flush()
        for template in templates:
            request = DocumentRequest(network=network, template=template, title=template.title, due_on=date(2026, 12, 1))
            db.session.add(request)
            db.session.add(Submission(request=request, team_id=team_id, template_version=template.versions[0]))
        db.session.commit()
        return templates[0].id


def test_the_template_pages_cost_the_same_for_2_and_20_templates(make_network, make_team, make_membership, cast, app,
                                                                  login, client, measured):
    small, large = make_network("Lite nettverk"), make_network("Stort nettverk")
    firsts = {}
    for network, count in ((small, 2), (large, 20)):
        make_membership(cast.leader, network, Role.FACILITATOR)
        firsts[network.id] = grow(app, network.id, make_team(network).id, count)
    login(client, cast.leader)

    assert measured(f"/nettverk/{small.id}/maler") == measured(f"/nettverk/{large.id}/maler")
    assert measured(f"/maler/{firsts[small.id]}") == measured(f"/maler/{firsts[large.id]}")
    assert measured(f"/nettverk/{small.id}/maler/kopier") == measured(f"/nettverk/{large.id}/maler/kopier")


# --- two project leaders at once ---------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("VERKSTED_TEST_POSTGRES"), reason="SQLite lets only one writer in at a time")
def test_two_leaders_saving_different_sections_at_once_both_keep_their_change(as_, cast, app):
    template_id = cast.templates[DocumentKind.FREMDRIFTSPLAN]
    leader = as_("leader")
    with app.app_context():
        version = version_of(template_id)
        version_id, sections = version.id, copy.deepcopy(version.sections)
        engine = db.engine
    next(s for s in sections if s["key"] == "s-team")["heading"] = "Teamet – endret av en kollega"
    saved = {}

    def save_another_section():
        saved["response"] = leader.post(f"/maler/{template_id}/deler/s-effektmal/rediger",
                                        data={"heading": "Effektmål – endret", "guidance": ""})

    with engine.connect() as colleague:  # a colleague's save of another section, half done
        colleague.execute(sa.select(DocumentTemplate.id).where(DocumentTemplate.id == template_id).with_for_update())
        colleague.execute(sa.update(TemplateVersion).where(TemplateVersion.id == version_id).values(sections=sections))
        second = threading.Thread(target=save_another_section)
        second.start()
        second.join(0.5)
        waited = second.is_alive()
        colleague.commit()
    second.join(10)

    assert waited  # the second save waits for the first, then works on top of it
    assert saved["response"].status_code == 302
    headings = sections_of(app, template_id)
    assert "Teamet – endret av en kollega" in headings and "Effektmål – endret" in headings
