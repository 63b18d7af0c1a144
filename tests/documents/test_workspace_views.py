"""The team's pages as people use them: what is due, filling in and submitting a document,
mistakes shown next to the field, taking it back, who may read what, and deleted requests."""
from __future__ import annotations

import json
import re
from datetime import timedelta

import sqlalchemy as sa

from tests.documents.workspace_cast import FILLED, docs  # noqa: F401  (fixtures)
from tests.pages import field_error, field_value, location, text
from verksted.clock import today, utcnow
from verksted.documents.models import (
    Assignment,
    Comment,
    CommentKind,
    DocumentRequest,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.extensions import db

SAMI = "Máret Ánde Čađeŋ-Šuŧžá"


def _form(revision, **answers) -> dict:
    data = {"revision": str(revision)}
    data.update({f"svar-{key}": value for key, value in answers.items()})
    return data


def _filled(revision, **changes) -> dict:
    data = _form(revision, **{"f-gruppeleder": "Biret Sárá Eira", "f-effektmal": FILLED["f-effektmal"]})
    data.update({"svar-f-tiltak-0-0": "Heltid", "svar-f-tiltak-0-1": "Ønsketurnus i to avdelinger",
                 "svar-f-tiltak-0-2": "Enhetsleder", "svar-f-tiltak-0-3": "Høst 2026"})
    data.update(changes)
    return data


# --- The workspace --------------------------------------------------------------------------


def test_the_workspace_shows_each_document_with_its_deadline_state_and_who_saved_last(docs, app):
    overdue = docs.make_request("Hovedplan for Čáhppesjávri og Fjordvik", due_in=-2)
    extended = docs.make_request("Statusrapport 2", due_in=-5)
    done = docs.make_request("Fremdriftsplan 1", due_in=-30)
    docs.make_submission(done, state=SubmissionState.SUBMITTED, is_late=True, submitted_at=utcnow(), by=docs.per)
    with app.app_context():
        assignment = db.session.scalar(sa.select(Assignment).filter_by(request_id=extended.id, team_id=docs.fjordvik.id))
        assignment.extended_to, assignment.extension_reason = today() + timedelta(days=20), "Kommunesammenslåing 🏛️"
        db.session.commit()

    page = docs.client_for(docs.kari).get(f"/team/{docs.fjordvik.id}/dokumenter")

    body = text(page)
    assert page.status_code == 200
    assert "Fristen er ute (1) " in body and "Hovedplan for Čáhppesjávri og Fjordvik" in body
    assert "Senere frister (1)" in body and "Utsatt fra" in body and "Kommunesammenslåing 🏛️" in body
    assert "Levert (1)" in body and "Sendt inn etter fristen" in body and "Per Øvrebø" in body
    assert body.index("Fristen er ute") < body.index("Senere frister") < body.index("Levert")
    assert f'/team/{docs.fjordvik.id}/dokumenter/{overdue.id}/start' in page.get_data(as_text=True)


def test_a_team_with_nothing_asked_for_is_told_so(docs):
    page = docs.client_for(docs.kari).get(f"/team/{docs.fjordvik.id}/dokumenter")

    assert "Teamet er ikke bedt om noen dokumenter ennå" in text(page)


def test_the_team_page_links_to_the_workspace(docs):
    page = docs.client_for(docs.kari).get(f"/team/{docs.fjordvik.id}")

    assert f'href="/team/{docs.fjordvik.id}/dokumenter"' in page.get_data(as_text=True)


def test_starting_a_document_opens_it_for_writing_and_a_second_start_opens_the_same(docs, load):
    request = docs.make_request()
    client = docs.client_for(docs.kari)

    first = client.post(f"/team/{docs.fjordvik.id}/dokumenter/{request.id}/start")
    second = docs.client_for(docs.per).post(f"/team/{docs.fjordvik.id}/dokumenter/{request.id}/start")

    assert first.status_code == 302 and location(first).endswith("/rediger")
    assert location(first) == location(second)
    editor = client.get(location(first))
    assert editor.status_code == 200
    assert "Skrevet etter mal versjon 1" in text(editor)
    assert "Omfang: Høyst to sider." in text(editor) and "0 av omtrent 400 ord brukt." in text(editor)


def test_a_team_cannot_start_a_document_it_was_not_asked_for(docs):
    request = docs.make_request(teams=(docs.sameby,))

    response = docs.client_for(docs.kari).post(f"/team/{docs.fjordvik.id}/dokumenter/{request.id}/start")

    assert response.status_code == 404


def test_starting_a_deleted_request_says_it_is_gone(docs):
    request = docs.make_request(deleted_at=utcnow())

    response = docs.client_for(docs.kari).post(f"/team/{docs.fjordvik.id}/dokumenter/{request.id}/start")

    assert response.status_code == 410
    assert "slettet av prosjektlederen" in text(response)


# --- Writing --------------------------------------------------------------------------------


def test_saving_keeps_every_character_on_the_edit_page_and_the_read_view(docs, load):
    submission = docs.make_submission(docs.make_request(), answers={}, versions=0)
    client = docs.client_for(docs.kari)
    effect = f"Flere i hele stillinger hos {SAMI} 💪\n\n- æøå ÆØÅ\n- «sitat»"

    saved = client.post(f"/dokumenter/{submission.id}/rediger", data=_form(
        0, **{"f-gruppeleder": SAMI, "f-effektmal": effect, "f-ansatte": "12.5", "f-milepael": "14.02.2027",
              "f-mote-dato": "2026-12-03", "f-mote-tid": "9.30", "f-mote-sted": "Rådhuset, møterom Ŋuorra",
              "f-status": "I rute", "f-laerte": "Turnus tar tid\n- Spør de ansatte først"}))

    assert saved.status_code == 302
    stored = load(Submission, submission.id)
    assert stored.answers["f-gruppeleder"] == SAMI
    assert stored.answers["f-ansatte"] == "12,5"
    assert stored.answers["f-milepael"] == "2027-02-14"
    assert stored.answers["f-mote"] == {"date": "2026-12-03", "time": "09:30", "place": "Rådhuset, møterom Ŋuorra"}
    assert stored.answers["f-laerte"] == ["Turnus tar tid", "Spør de ansatte først"]
    editor = client.get(location(saved))
    assert "Dokumentet er lagret." in text(editor)
    assert field_value(editor, "svar-f-gruppeleder") == SAMI
    assert field_value(editor, "svar-f-effektmal") == effect
    read = client.get(f"/dokumenter/{submission.id}")
    body = read.get_data(as_text=True)
    assert SAMI in text(read) and "💪" in text(read)
    assert "<li>æøå ÆØÅ</li>" in body  # the Markdown list renders as a list
    assert "3. desember 2026, kl. 09:30, Rådhuset, møterom Ŋuorra" in text(read)
    assert "14. februar 2027" in text(read)


def test_mistakes_are_shown_next_to_the_field_and_everything_typed_is_kept(docs, load):
    submission = docs.make_submission(docs.make_request(), answers={}, versions=0)
    client = docs.client_for(docs.kari)

    response = client.post(f"/dokumenter/{submission.id}/rediger", data=_form(
        0, **{"f-gruppeleder": "Kari Nordmo", "f-milepael": "31.02.2027", "f-ansatte": "tolv", "f-effektmal": "x" * 30_001}))

    assert response.status_code == 422
    assert field_error(response, "svar-f-milepael") == "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."
    assert field_error(response, "svar-f-ansatte") == "Skriv et tall, for eksempel 12 eller 3,5."
    assert "Teksten er for lang: 30001 tegn, høyst 30000." in field_error(response, "svar-f-effektmal")
    assert "Rett opp dette før du går videre:" in text(response)
    assert field_value(response, "svar-f-milepael") == "31.02.2027"
    assert field_value(response, "svar-f-ansatte") == "tolv"
    assert 'type="text" id="svar-f-milepael"' in response.get_data(as_text=True)  # a date picker would blank it
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Kari Nordmo"  # the valid parts are saved


def test_a_table_with_hundreds_of_rows_is_refused_with_a_message_and_kept(docs):
    submission = docs.make_submission(docs.make_request(), answers={}, versions=0)
    data = _form(0)
    data.update({f"svar-f-tiltak-{row}-1": f"Tiltak {row}" for row in range(250)})

    response = docs.client_for(docs.kari).post(f"/dokumenter/{submission.id}/rediger", data=data)

    assert response.status_code == 422
    assert "Tabellen har 250 rader; høyst 200 er lov." in field_error(response, "svar-f-tiltak")
    assert field_value(response, "svar-f-tiltak-249-1") == "Tiltak 249"


def test_html_and_script_in_markdown_are_shown_harmless(docs):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)> **fet** <a href="javascript:alert(1)">lenke</a>'
    submission = docs.make_submission(docs.make_request(), answers={"f-effektmal": evil})
    client = docs.client_for(docs.kari)

    read = client.get(f"/dokumenter/{submission.id}").get_data(as_text=True)
    preview = client.post("/dokumenter/forhandsvis", json={"text": evil}).get_json()["html"]

    for html in (read, preview):
        assert "<script>alert" not in html and "<img" not in html and 'href="javascript:' not in html
        assert "<strong>fet</strong>" in html


def test_without_script_a_table_row_is_added_by_saving_and_removed_by_its_button(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=1)
    client = docs.client_for(docs.kari)

    added = client.post(f"/dokumenter/{submission.id}/rediger", data=_filled(1, legg_til_rad="f-tiltak"))
    page = client.get(location(added))

    assert location(added).startswith(f"/dokumenter/{submission.id}/rediger?ny_rad=f-tiltak")
    assert field_value(page, "svar-f-tiltak-0-1") == "Ønsketurnus i to avdelinger"
    assert field_value(page, "svar-f-tiltak-1-1") == ""
    data = _filled(1, **{"svar-f-tiltak-1-1": "Mentorordning"}, fjern_rad="f-tiltak:0")
    removed = client.post(f"/dokumenter/{submission.id}/rediger", data=data)
    assert removed.status_code == 302
    assert load(Submission, submission.id).answers["f-tiltak"] == [["", "Mentorordning", "", ""]]


def test_without_script_preview_shows_the_markdown_and_keeps_the_text(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=1)

    response = docs.client_for(docs.kari).post(
        f"/dokumenter/{submission.id}/rediger", data=_filled(1, **{"svar-f-effektmal": "- ett\n- to"}, forhandsvis="f-effektmal"))

    assert response.status_code == 200
    assert re.search(r"<ul>\s*<li>ett</li>\s*<li>to</li>\s*</ul>", response.get_data(as_text=True))
    assert field_value(response, "svar-f-effektmal") == "- ett\n- to"
    assert load(Submission, submission.id).answers["f-effektmal"] == FILLED["f-effektmal"]  # previewing saves nothing


def test_a_field_carried_forward_says_where_it_came_from(docs):
    docs.make_submission(docs.make_request("Fremdriftsplan 1", due_in=-30), state=SubmissionState.SUBMITTED)
    request = docs.make_request("Fremdriftsplan 2")
    client = docs.client_for(docs.per)

    editor = client.get(location(client.post(f"/team/{docs.fjordvik.id}/dokumenter/{request.id}/start")))

    assert "Hentet fra Fremdriftsplan 1 – kan endres." in text(editor)
    assert field_value(editor, "svar-f-effektmal") == FILLED["f-effektmal"]
    assert field_value(editor, "svar-f-tiltak-0-1") == "Ønsketurnus i to avdelinger"


# --- Conflicts ------------------------------------------------------------------------------


def test_a_stale_save_is_refused_and_opens_the_merge_page_with_both_versions(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=2)  # someone saved twice meanwhile
    client = docs.client_for(docs.per)

    response = client.post(f"/dokumenter/{submission.id}/rediger", data=_filled(1, **{"svar-f-gruppeleder": SAMI}))

    body = text(response)
    assert response.status_code == 409
    assert "Noen andre har lagret dokumentet mens du skrev" in body
    assert "Din versjon" in body and "Lagret versjon" in body
    assert SAMI in body and "Biret Sárá Eira" in body
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Biret Sárá Eira"  # nothing overwritten
    assert SAMI in field_value(response, "samlet-f-gruppeleder")


def test_the_merge_page_saves_the_chosen_versions_against_the_latest_save(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=2)
    client = docs.client_for(docs.per)
    mine = {**FILLED, "f-gruppeleder": SAMI, "f-effektmal": "Mitt effektmål"}

    missing = client.post(f"/dokumenter/{submission.id}/sammensla", data={
        "mine": json.dumps(mine), "revision": "2", "handling": "lagre", "valg-f-gruppeleder": "mine"})
    saved = client.post(f"/dokumenter/{submission.id}/sammensla", data={
        "mine": json.dumps(mine), "revision": "2", "handling": "lagre", "valg-f-gruppeleder": "mine",
        "valg-f-effektmal": "combined", "samlet-f-effektmal": "Begge mål, skrevet sammen"})

    assert missing.status_code == 422
    assert field_error(missing, "valg-f-effektmal") == "Velg hvilken versjon du vil beholde."
    assert 'id="valg-f-gruppeleder-mine" value="mine" checked' in missing.get_data(as_text=True)
    assert saved.status_code == 302
    answers = load(Submission, submission.id).answers
    assert answers["f-gruppeleder"] == SAMI and answers["f-effektmal"] == "Begge mål, skrevet sammen"
    assert answers["f-tiltak"] == FILLED["f-tiltak"]


def test_a_merge_on_a_version_that_has_moved_on_is_shown_again(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=3)

    response = docs.client_for(docs.per).post(f"/dokumenter/{submission.id}/sammensla", data={
        "mine": json.dumps({**FILLED, "f-gruppeleder": SAMI}), "revision": "2", "handling": "lagre",
        "valg-f-gruppeleder": "mine"})

    assert response.status_code == 409
    assert "lagret på nytt av noen andre" in text(response)
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Biret Sárá Eira"


# --- Submitting and taking back -------------------------------------------------------------


def test_submitting_locks_the_document_and_tells_the_team_and_the_leader(docs, load, outbox):
    submission = docs.make_submission(docs.make_request(due_in=5), versions=1)
    client = docs.client_for(docs.kari)

    response = client.post(f"/dokumenter/{submission.id}/send-inn", data=_filled(1))

    assert response.status_code == 302 and location(response) == f"/dokumenter/{submission.id}"
    read = client.get(location(response))
    assert "Dokumentet er sendt inn. Prosjektlederen har fått beskjed." in text(read)
    assert "Sendt inn" in text(read) and "etter fristen" not in text(read)
    assert load(Submission, submission.id).state is SubmissionState.SUBMITTED
    assert len(outbox.to("leder@usht.example")) == 1
    locked = client.get(f"/dokumenter/{submission.id}/rediger")
    assert locked.status_code == 302 and location(locked) == f"/dokumenter/{submission.id}"
    workspace = text(client.get(f"/team/{docs.fjordvik.id}/dokumenter"))
    assert "Levert (1)" in workspace


def test_submitting_after_the_deadline_is_marked_late(docs, load):
    submission = docs.make_submission(docs.make_request(due_in=-1), versions=1)

    client = docs.client_for(docs.kari)

    response = client.post(f"/dokumenter/{submission.id}/send-inn", data=_filled(1))

    assert load(Submission, submission.id).is_late is True
    page = client.get(location(response))
    assert "Dokumentet er sendt inn etter fristen." in text(page)


def test_submitting_without_the_required_fields_saves_but_does_not_submit(docs, load):
    submission = docs.make_submission(docs.make_request(), answers={}, versions=0)

    response = docs.client_for(docs.kari).post(f"/dokumenter/{submission.id}/send-inn",
                                               data=_form(0, **{"f-effektmal": "Halvferdig 🙂"}))

    assert response.status_code == 422
    assert field_error(response, "svar-f-gruppeleder") == "Dette feltet må fylles ut før dokumentet sendes inn."
    assert "lagret, men ikke sendt inn" in text(response)
    stored = load(Submission, submission.id)
    assert stored.state is SubmissionState.DRAFT and stored.answers == {"f-effektmal": "Halvferdig 🙂"}


def test_taking_back_before_the_deadline_opens_it_for_editing(docs, load):
    submission = docs.make_submission(docs.make_request(due_in=2), state=SubmissionState.SUBMITTED, submitted_at=utcnow())
    client = docs.client_for(docs.per)

    assert "Ta tilbake for å endre" in text(client.get(f"/dokumenter/{submission.id}"))
    response = client.post(f"/dokumenter/{submission.id}/ta-tilbake")

    assert location(response) == f"/dokumenter/{submission.id}/rediger"
    assert load(Submission, submission.id).state is SubmissionState.DRAFT


def test_taking_back_after_the_deadline_is_refused_with_a_reason(docs, load):
    submission = docs.make_submission(docs.make_request(due_in=-1), state=SubmissionState.SUBMITTED, submitted_at=utcnow())
    client = docs.client_for(docs.per)

    assert "Ta tilbake for å endre" not in text(client.get(f"/dokumenter/{submission.id}"))
    response = client.post(f"/dokumenter/{submission.id}/ta-tilbake", follow_redirects=True)

    assert "Fristen gikk ut" in text(response)
    assert load(Submission, submission.id).state is SubmissionState.SUBMITTED


def test_a_returned_document_shows_the_leaders_message_and_can_be_sent_in_again(docs, save, load):
    submission = docs.make_submission(docs.make_request(due_in=-3), state=SubmissionState.RETURNED, versions=1)
    save(Comment(submission_id=submission.id, kind=CommentKind.RETURNED, body="Skriv mer om **målingene**.",
                 author_id=docs.leader.id),
         Comment(submission_id=submission.id, section_key="s-tiltak", body="Hvem har ansvaret for rad 2?",
                 author_id=docs.leader.id))
    client = docs.client_for(docs.kari)

    editor = client.get(f"/dokumenter/{submission.id}/rediger")
    response = client.post(f"/dokumenter/{submission.id}/send-inn", data=_filled(1))

    body = text(editor)
    assert "Sendt tilbake av Åse Ødegård" in body and "målingene" in body
    assert body.index("Tiltak Ett tiltak per rad.") < body.index("Hvem har ansvaret for rad 2?")  # beside its section
    assert response.status_code == 302
    assert load(Submission, submission.id).state is SubmissionState.SUBMITTED


# --- Who may read and write -----------------------------------------------------------------


def test_another_teams_member_can_neither_edit_nor_read_a_draft(docs):
    submission = docs.make_submission(docs.make_request())
    client = docs.client_for(docs.biret)

    assert client.get(f"/dokumenter/{submission.id}/rediger").status_code == 403
    assert client.post(f"/dokumenter/{submission.id}/rediger", data=_filled(1)).status_code == 403
    assert client.get(f"/dokumenter/{submission.id}").status_code == 403


def test_a_shared_submitted_document_is_readable_by_other_teams_without_comments_or_history(docs, save):
    submission = docs.make_submission(docs.make_request(shared_at=utcnow()), state=SubmissionState.SUBMITTED)
    save(Comment(submission_id=submission.id, section_key="s-mal", body="Bare for Fjordvik", author_id=docs.leader.id))
    client = docs.client_for(docs.biret)

    page = client.get(f"/dokumenter/{submission.id}")

    assert page.status_code == 200
    assert "Flere faste ansatte i hele stillinger i Čáhppesjávri 💪" in text(page)
    assert "Bare for Fjordvik" not in text(page)
    assert client.get(f"/dokumenter/{submission.id}/historikk").status_code == 403


def test_the_observer_reads_drafts_but_cannot_write(docs, save):
    submission = docs.make_submission(docs.make_request())
    save(Comment(submission_id=submission.id, section_key="s-mal", body="Tydelig mål 👍", author_id=docs.leader.id))
    client = docs.client_for(docs.observer)

    page = client.get(f"/dokumenter/{submission.id}")

    assert page.status_code == 200 and "Utkast" in text(page) and "Tydelig mål 👍" in text(page)
    assert "Skriv videre" not in text(page)
    assert client.get(f"/dokumenter/{submission.id}/rediger").status_code == 403


# --- A request deleted while the team works -------------------------------------------------


def test_saving_to_a_deleted_request_says_so_and_keeps_the_text(docs, app, load):
    submission = docs.make_submission(docs.make_request(), versions=1)
    client = docs.client_for(docs.kari)
    editor = client.get(f"/dokumenter/{submission.id}/rediger")  # the team is writing when the request goes
    with app.app_context():
        db.session.get(DocumentRequest, submission.request_id).deleted_at = utcnow()
        db.session.commit()

    saved = client.post(f"/dokumenter/{submission.id}/rediger", data=_filled(1, **{"svar-f-gruppeleder": SAMI}))
    submitted = client.post(f"/dokumenter/{submission.id}/send-inn", data=_filled(1))
    read = client.get(f"/dokumenter/{submission.id}")

    assert editor.status_code == 200
    assert saved.status_code == 410 and submitted.status_code == 410 and read.status_code == 410
    assert "slettet av prosjektlederen" in text(saved)
    assert field_value(saved, "svar-f-gruppeleder") == SAMI
    assert "Flere faste ansatte" in text(read)
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Biret Sárá Eira"


# --- History --------------------------------------------------------------------------------


def test_history_lists_versions_and_shows_what_changed_in_words(docs, save):
    submission = docs.make_submission(docs.make_request(), versions=1)
    save(SubmissionVersion(submission_id=submission.id, number=2, event="autosave", saved_by_id=docs.per.id,
                           answers={**FILLED, "f-effektmal": "Nytt mål for Ánde\nAndre linje"}))

    page = docs.client_for(docs.kari).get(f"/dokumenter/{submission.id}/historikk")

    body = text(page)
    html = page.get_data(as_text=True)
    assert "Endringer fra versjon 1 til versjon 2" in body
    assert "Lagret automatisk Per Øvrebø" in body
    assert "fjernet: Flere faste ansatte i hele stillinger i Čáhppesjávri 💪" in body
    assert "lagt til: Nytt mål for Ánde" in body
    assert "<ins>" in html and "<del>" in html


def test_history_compares_a_fremdriftsplan_with_the_previous_ones_tiltak(docs):
    docs.make_submission(docs.make_request("Fremdriftsplan 1", due_in=-60), state=SubmissionState.APPROVED, answers={
        "f-tiltak": [["Heltid", "Ønsketurnus", "Leder", "Høst"], ["Rekruttere", "Sommerjobb for elever", "HR", "Juni"]]})
    current = docs.make_submission(docs.make_request("Fremdriftsplan 2"), answers={
        "f-tiltak": [["Heltid", "Ønsketurnus", "Leder", "Vår"], ["Beholde", "Mentorordning", "Fagutvikler", "Året"]]})

    body = text(docs.client_for(docs.kari).get(f"/dokumenter/{current.id}/historikk"))

    assert "Tiltak sammenlignet med Fremdriftsplan 1" in body
    assert "Nye tiltak (1)" in body and "Mentorordning" in body
    assert "Videreført (1)" in body and "Tidsestimat" in body
    assert "Ikke med lenger (1)" in body and "Sommerjobb for elever" in body
