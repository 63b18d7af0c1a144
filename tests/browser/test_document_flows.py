"""A team fills in a document in a real browser: autosave while typing, nothing lost offline,
a Markdown preview, table rows, submitting, and two members saving at once. Every page visited
is checked with axe-core."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_check, sign_in
from verksted.clock import today
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.extensions import db

pytestmark = pytest.mark.browser

SAVED = re.compile(r"Lagret kl\. \d\d\.\d\d")
EFFECT = "Flere hele stillinger i Fjordvik og Čáhppesjávri – med Biret Sárá Eira og Nils-Ŋuvllát på laget"


def _field(key, label, kind, **extra):
    return {"key": key, "label": label, "kind": kind, "help": "", "required": False, "choices": [], "columns": [],
            "carry": "", **extra}


SECTIONS = [
    {"key": "s-mal", "heading": "Mål for perioden", "guidance": "Hva vil dere **oppnå**?", "fields": [
        _field("f-effektmal", "Effektmål", "long_text", required=True, carry="effektmal"),
        _field("f-resultatmal", "Resultatmål", "long_text", carry="resultatmal"),
    ]},
    {"key": "s-mote", "heading": "Første arbeidsmøte", "guidance": "", "fields": [
        _field("f-mote", "Første arbeidsmøte hjemme", "meeting"),
    ]},
    {"key": "s-tiltak", "heading": "Tiltak", "guidance": "Ett tiltak per rad.", "fields": [
        _field("f-tiltak", "Tiltaksplan", "table", columns=["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"], carry="tiltak"),
    ]},
]


@pytest.fixture
def plan_request(learning_network, save):
    """Fremdriftsplan 2 asked of both teams, due in ten days."""
    network = learning_network.network
    (template,) = save(DocumentTemplate(network_id=network.id, kind=DocumentKind.FREMDRIFTSPLAN, title="Fremdriftsplan"))
    (version,) = save(TemplateVersion(template_id=template.id, number=1, sections=SECTIONS, word_budget=500,
                                      length_guide="Høyst to sider", introduction="Fylles ut av hele teamet."))
    (request,) = save(DocumentRequest(network_id=network.id, template_id=template.id, title="Fremdriftsplan 2",
                                      due_on=today() + timedelta(days=10)))
    save(*[Assignment(request_id=request.id, team_id=team.id) for team in (learning_network.fjordvik, learning_network.sameby)])
    request.version = version
    return request


@pytest.fixture
def draft(learning_network, plan_request, save):
    (submission,) = save(Submission(request_id=plan_request.id, team_id=learning_network.fjordvik.id,
                                    template_version_id=plan_request.version.id, answers={}))
    return submission


def stored_answers(live_server, submission_id: int) -> dict:
    with live_server.app.app_context():
        return db.session.get(Submission, submission_id).answers


def open_editor(page, email: str, submission_id: int) -> None:
    page.goto("/logg-inn")
    sign_in(page, email)
    page.goto(f"/dokumenter/{submission_id}/rediger")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fremdriftsplan 2")


def test_a_team_member_fills_in_and_submits_a_plan(page, learning_network, plan_request, live_server):
    page.goto("/logg-inn")
    sign_in(page, "9901-0@kommune.example")  # Ingrid Sæther, gruppeleder in Fjordvik
    page.goto(f"/team/{learning_network.fjordvik.id}")
    page.get_by_role("link", name="Dokumenter: planer og rapporter teamet skal levere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentene til Fjordvik kommune")
    expect(page.get_by_role("heading", name="Frist innen to uker (1)")).to_be_visible()
    axe_check(page)

    page.get_by_role("button", name=re.compile(r"^Begynn\W+Fremdriftsplan 2$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fremdriftsplan 2")
    expect(page.get_by_text("Skrevet etter mal versjon 1")).to_be_visible()
    axe_check(page)

    page.get_by_label("Effektmål").fill(EFFECT)
    meeting = page.get_by_role("group", name="Første arbeidsmøte hjemme")
    meeting.get_by_label("Dato").fill((today() + timedelta(days=7)).isoformat())
    meeting.get_by_label("Klokkeslett").fill("09:30")
    meeting.get_by_label("Sted").fill("Rådhuset, møterom Ørnen")
    page.get_by_label("Delmål, rad 1").fill("Heltid")
    page.get_by_label("Tiltak, rad 1").fill("Ønsketurnus i to avdelinger")
    page.get_by_role("button", name="Legg til rad").click()
    page.get_by_label("Tiltak, rad 2").fill("Mentorordning for nyansatte")
    page.get_by_label("Ansvarlig, rad 2").fill("Per Øvrebø")
    expect(page.locator("[data-word-count]")).not_to_have_text("0")

    expect(page.locator("#lagrestatus")).to_have_text(SAVED, timeout=10_000)
    page.reload()
    expect(page.get_by_label("Effektmål")).to_have_value(EFFECT)
    expect(page.get_by_label("Tiltak, rad 2")).to_have_value("Mentorordning for nyansatte")
    expect(meeting.get_by_label("Sted")).to_have_value("Rådhuset, møterom Ørnen")
    expect(page.locator("#gjenopprett")).to_be_hidden()

    page.get_by_label("Resultatmål").fill("- Tre nye faste stillinger\n- Turnus på **alle** avdelinger")
    result_field = page.locator(".doc-field[data-key='f-resultatmal']")
    result_field.get_by_role("button", name="Forhåndsvis").click()
    preview = page.locator("#svar-f-resultatmal-forhandsvisning")
    expect(preview.get_by_role("listitem")).to_have_count(2)
    expect(preview.locator("strong")).to_have_text("alle")
    axe_check(page)

    page.get_by_role("button", name="Send inn").click()
    expect(page.locator(".flash")).to_contain_text("Dokumentet er sendt inn.")
    expect(page.get_by_role("link", name="Skriv videre")).to_have_count(0)
    expect(page.get_by_text(EFFECT)).to_be_visible()
    expect(page.get_by_role("cell", name="Mentorordning for nyansatte")).to_be_visible()
    axe_check(page)

    page.get_by_role("link", name="Dokumentene til Fjordvik kommune").click()
    expect(page.get_by_role("heading", name="Levert (1)")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Fremdriftsplan 2"))).to_contain_text("Sendt inn")
    with live_server.app.app_context():
        submission = db.session.scalar(db.select(Submission).filter_by(request_id=plan_request.id))
        assert submission.state is SubmissionState.SUBMITTED
        assert submission.answers["f-effektmal"] == EFFECT
        assert [row[1] for row in submission.answers["f-tiltak"]] == ["Ønsketurnus i to avdelinger", "Mentorordning for nyansatte"]


def test_text_typed_while_offline_is_saved_when_the_network_returns(context, learning_network, draft, live_server):
    page = context.new_page()
    open_editor(page, "9901-1@kommune.example", draft.id)  # Per Øvrebø

    context.set_offline(True)
    page.get_by_label("Effektmål").fill(EFFECT)
    expect(page.locator("#lagrestatus")).to_have_text("Ikke lagret – vi prøver igjen", timeout=10_000)
    assert stored_answers(live_server, draft.id) == {}

    context.set_offline(False)
    expect(page.locator("#lagrestatus")).to_have_text(SAVED, timeout=20_000)
    assert stored_answers(live_server, draft.id)["f-effektmal"] == EFFECT


def test_a_closed_tab_leaves_its_unsaved_text_to_be_restored(context, learning_network, draft, live_server):
    page = context.new_page()
    open_editor(page, "9901-1@kommune.example", draft.id)
    context.set_offline(True)
    page.get_by_label("Effektmål").fill(EFFECT)
    page.close()  # the last try to send it fails too: it stays in the browser
    context.set_offline(False)

    again = context.new_page()
    again.goto(f"/dokumenter/{draft.id}/rediger")

    offer = again.locator("#gjenopprett")
    expect(offer).to_contain_text("Du har ulagrede endringer fra")
    axe_check(again)
    offer.get_by_role("button", name="Gjenopprett").click()
    expect(again.get_by_label("Effektmål")).to_have_value(EFFECT)
    expect(again.locator("#lagrestatus")).to_have_text(SAVED, timeout=10_000)
    assert stored_answers(live_server, draft.id)["f-effektmal"] == EFFECT


def test_two_members_saving_at_once_see_both_versions_and_merge(new_context, learning_network, draft, live_server):
    ingrid, per = new_context().new_page(), new_context().new_page()
    open_editor(ingrid, "9901-0@kommune.example", draft.id)
    open_editor(per, "9901-1@kommune.example", draft.id)

    per.get_by_label("Effektmål").fill("Pers effektmål: færre vakanser")
    expect(per.locator("#lagrestatus")).to_have_text(SAVED, timeout=10_000)
    ingrid.get_by_label("Effektmål").fill(EFFECT)

    conflict = ingrid.locator("#konflikt")
    expect(conflict).to_contain_text("Noen andre har lagret dokumentet mens du skrev", timeout=10_000)
    assert stored_answers(live_server, draft.id)["f-effektmal"] == "Pers effektmål: færre vakanser"
    conflict.get_by_role("button", name="Se begge versjonene og slå sammen").click()
    expect(ingrid.get_by_role("heading", level=1)).to_have_text("Slå sammen: Fremdriftsplan 2")
    choice = ingrid.get_by_role("group", name="Mål for perioden: Effektmål")
    expect(choice).to_contain_text(EFFECT)
    expect(choice).to_contain_text("Pers effektmål: færre vakanser")
    axe_check(ingrid)

    choice.get_by_label("Slå sammen og rediger teksten").check()
    choice.get_by_label("Sammenslått tekst").fill(f"{EFFECT}. Færre vakanser.")
    ingrid.get_by_role("button", name="Lagre den sammenslåtte versjonen").click()
    expect(ingrid.locator(".flash")).to_contain_text("Den sammenslåtte versjonen er lagret.")
    expect(ingrid.get_by_label("Effektmål")).to_have_value(f"{EFFECT}. Færre vakanser.")
    expect(ingrid.locator("#gjenopprett")).to_be_hidden()
    assert stored_answers(live_server, draft.id)["f-effektmal"] == f"{EFFECT}. Færre vakanser."


def test_restoring_text_that_someone_has_saved_over_since_opens_the_merge_page(context, learning_network, draft,
                                                                               live_server):
    page = context.new_page()
    open_editor(page, "9901-1@kommune.example", draft.id)
    context.set_offline(True)
    page.get_by_label("Effektmål").fill(EFFECT)
    page.close()
    context.set_offline(False)
    with live_server.app.app_context():  # meanwhile, Ingrid saves from her own machine
        submission = db.session.get(Submission, draft.id)
        submission.answers, submission.revision = {"f-effektmal": "Ingrids effektmål"}, submission.revision + 1
        db.session.commit()

    again = context.new_page()
    again.goto(f"/dokumenter/{draft.id}/rediger")
    again.locator("#gjenopprett").get_by_role("button", name="Gjenopprett").click()

    expect(again.get_by_role("heading", level=1)).to_have_text("Slå sammen: Fremdriftsplan 2")
    choice = again.get_by_role("group", name="Mål for perioden: Effektmål")
    expect(choice).to_contain_text(EFFECT)
    expect(choice).to_contain_text("Ingrids effektmål")
    assert stored_answers(live_server, draft.id) == {"f-effektmal": "Ingrids effektmål"}
