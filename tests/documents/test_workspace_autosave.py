"""Autosave and preview as the editor's script uses them: JSON in, JSON out, with the answers a
person needs when the session expired, the page was stale, or the request was deleted."""
from __future__ import annotations

import re

from tests.documents.workspace_cast import FILLED, docs  # noqa: F401  (fixtures)
from verksted.clock import utcnow
from verksted.documents.models import Submission, SubmissionState, SubmissionVersion

SAMI = "Ánde Čađeŋ Šuŧžá 🌿"


def _autosave(client, submission, revision, answers, **kwargs):
    return client.post(f"/dokumenter/{submission.id}/autolagre", json={"revision": revision, "answers": answers}, **kwargs)


def test_an_autosave_stores_the_answers_and_answers_with_the_new_revision(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=1)

    response = _autosave(docs.client_for(docs.kari), submission, 1, {**FILLED, "f-gruppeleder": SAMI})

    data = response.get_json()
    assert response.status_code == 200
    assert data["revision"] == 2 and data["errors"] == {}
    assert re.fullmatch(r"Lagret kl\. \d\d\.\d\d", data["saved_label"])
    assert data["words"] > 0
    stored = load(Submission, submission.id)
    assert stored.answers["f-gruppeleder"] == SAMI and stored.revision == 2


def test_autosaves_in_a_row_by_one_writer_make_one_version(docs, app):
    submission = docs.make_submission(docs.make_request(), answers={}, versions=0)
    client = docs.client_for(docs.kari)

    for revision, text in enumerate(["Fl", "Flere", "Flere i hele stillinger"]):
        assert _autosave(client, submission, revision, {"f-effektmal": text}).status_code == 200

    with app.app_context():
        versions = SubmissionVersion.query.filter_by(submission_id=submission.id).all()
    assert [(v.event, v.answers["f-effektmal"]) for v in versions] == [("autosave", "Flere i hele stillinger")]


def test_an_autosave_with_mistakes_keeps_the_valid_parts_and_names_the_fields(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=1)

    response = _autosave(docs.client_for(docs.kari), submission, 1,
                         {**FILLED, "f-milepael": "i morgen", "f-gruppeleder": "Per Øvrebø"})

    assert response.status_code == 200
    assert response.get_json()["errors"] == {"f-milepael": "Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026."}
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Per Øvrebø"


def test_a_stale_autosave_is_refused_with_the_saved_answers_to_merge_with(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=3)

    response = _autosave(docs.client_for(docs.per), submission, 2, {**FILLED, "f-gruppeleder": SAMI})

    data = response.get_json()
    assert response.status_code == 409
    assert data["message"] == "Noen andre har lagret dokumentet mens du skrev."
    assert data["revision"] == 3 and data["theirs"]["f-gruppeleder"] == "Biret Sárá Eira"
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Biret Sárá Eira"


def test_an_autosave_without_a_session_gets_401_in_json_not_the_sign_in_page(docs, load):
    submission = docs.make_submission(docs.make_request(), versions=1)

    response = _autosave(docs.client_for(None), submission, 1, {"f-gruppeleder": SAMI})

    assert response.status_code == 401
    assert "logget ut" in response.get_json()["message"]
    assert load(Submission, submission.id).answers["f-gruppeleder"] == "Biret Sárá Eira"


def test_an_autosave_with_a_stale_token_gets_400_in_json_with_a_fresh_token(docs, csrf_client, login, load):
    submission = docs.make_submission(docs.make_request(), versions=1)
    login(csrf_client, docs.kari)

    refused = _autosave(csrf_client, submission, 1, {**FILLED, "f-gruppeleder": SAMI}, headers={"X-CSRFToken": "gammel"})
    token = refused.get_json()["csrf_token"]
    saved = _autosave(csrf_client, submission, 1, {**FILLED, "f-gruppeleder": SAMI}, headers={"X-CSRFToken": token})

    assert refused.status_code == 400 and "for gammel" in refused.get_json()["message"]
    assert saved.status_code == 200
    assert load(Submission, submission.id).answers["f-gruppeleder"] == SAMI


def test_an_autosave_to_a_deleted_request_gets_410_with_the_reason(docs):
    submission = docs.make_submission(docs.make_request(deleted_at=utcnow()), versions=1)

    response = _autosave(docs.client_for(docs.kari), submission, 1, {"f-gruppeleder": SAMI})

    assert response.status_code == 410
    assert "slettet av prosjektlederen" in response.get_json()["message"]


def test_an_autosave_to_a_submitted_document_is_refused_as_locked(docs):
    submission = docs.make_submission(docs.make_request(), state=SubmissionState.SUBMITTED, versions=1)

    response = _autosave(docs.client_for(docs.kari), submission, 1, {"f-gruppeleder": SAMI})

    assert response.status_code == 423
    assert "låst" in response.get_json()["message"]


def test_an_autosave_that_is_not_a_document_is_refused(docs):
    submission = docs.make_submission(docs.make_request(), versions=1)
    client = docs.client_for(docs.kari)

    for body in ({"revision": "1", "answers": {}}, {"revision": 1, "answers": []}, ["ikke", "et", "dokument"]):
        response = client.post(f"/dokumenter/{submission.id}/autolagre", json=body)
        assert response.status_code == 400
        assert response.get_json()["message"] == "Det som ble sendt, var ikke et dokument."


def test_another_teams_member_cannot_autosave(docs):
    submission = docs.make_submission(docs.make_request(), versions=1)

    assert _autosave(docs.client_for(docs.biret), submission, 1, {"f-gruppeleder": SAMI}).status_code == 403


def test_the_preview_renders_lists_and_tables_typed_in_markdown(docs):
    client = docs.client_for(docs.kari)

    response = client.post("/dokumenter/forhandsvis", json={"text": "- én\n- to\n\n| Tiltak | Hvem |\n|---|---|\n| Turnus | Ánde |"})

    html = response.get_json()["html"]
    assert response.status_code == 200
    assert "<li>én</li>" in html and "<td>Ánde</td>" in html and "<th>Tiltak</th>" in html


def test_the_preview_refuses_text_that_is_too_long_and_needs_a_session(docs):
    assert docs.client_for(docs.kari).post("/dokumenter/forhandsvis", json={"text": "x" * 30_001}).status_code == 400
    assert docs.client_for(None).post("/dokumenter/forhandsvis", json={"text": "x"}).status_code == 401
