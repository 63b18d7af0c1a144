"""Feedback on a submission as the project leader gives it and the team receives it: comments on
the whole document or one section, sending back for revision, approval."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_phrase,
    make_request,
    make_submission,
    make_template,
)
from tests.pages import field_error, field_value, links_in, text
from verksted.clock import utcnow
from verksted.documents.models import Comment, CommentKind, SubmissionState, SubmissionVersion
from verksted.extensions import db


@pytest.fixture
def submitted(cast, make_request, make_submission):
    """Fjordvik's submitted statusrapport."""
    request = make_request(cast.network, [cast.fjordvik, cast.sameby], days=-1)
    return make_submission(request, cast.fjordvik)


def comments_of(app, submission) -> list[Comment]:
    with app.app_context():
        return list(db.session.scalars(
            sa.select(Comment).where(Comment.submission_id == submission.id).order_by(Comment.id)
        ))


def events_of(app, submission) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            sa.select(SubmissionVersion.event).where(SubmissionVersion.submission_id == submission.id)
            .order_by(SubmissionVersion.number)
        ))


# --- comments -------------------------------------------------------------------------------


def test_a_comment_on_a_section_reaches_every_team_member_with_the_section_named(app, cast, submitted, outbox):
    client = cast.client_for(cast.leader)

    response = client.post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "s-tiltak", "kommentar-body": "Hvem er **ansvarlig** for langvaktene i Čáhppesjávri?",
    })

    assert response.status_code == 302
    (comment,) = comments_of(app, submitted)
    assert (comment.section_key, comment.kind, comment.author_id) == ("s-tiltak", CommentKind.COMMENT, cast.leader.id)
    assert sorted(m["To"] for m in outbox) == ["Ingrid Sæther <ingrid@fjordvik.kommune.example>",
                                               "Per Øvrebø <per@fjordvik.kommune.example>"]
    message = outbox.to("ingrid@fjordvik.kommune.example")[0]
    assert message["Subject"] == "Ny tilbakemelding på Statusrapport før samling 3"
    body = message.get_content()
    assert "kommentert delen «Tiltak i perioden»" in body
    assert "Hvem er **ansvarlig** for langvaktene i Čáhppesjávri?" in body
    assert "Åse Bjørnstad Ødegård" in body
    assert links_in(message)[0].startswith("http://localhost/")


def test_a_comment_on_the_whole_document_has_no_section(app, cast, submitted, outbox):
    cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "", "kommentar-body": "Et godt gjennomarbeidet dokument.",
    })

    (comment,) = comments_of(app, submitted)
    assert comment.section_key is None
    assert "Prosjektlederen har kommentert «Statusrapport før samling 3»." in outbox[0].get_content()


def test_an_empty_comment_is_refused_next_to_the_field(app, cast, submitted, outbox):
    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "s-effektmal", "kommentar-body": "   ",
    })

    assert response.status_code == 422
    assert field_error(response, "kommentar-body") == "Skriv kommentaren før du lagrer den."
    assert "Rett opp dette før du går videre" in text(response)
    assert comments_of(app, submitted) == []
    assert len(outbox) == 0


def test_an_over_long_comment_is_refused_and_kept_as_typed(app, cast, submitted):
    typed = "Čáhppesjávri " * 1000

    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "s-effektmal", "kommentar-body": typed,
    })

    assert response.status_code == 422
    assert field_error(response, "kommentar-body") == "Teksten kan være høyst 10000 tegn."
    assert field_value(response, "kommentar-body") == typed.strip()
    assert '<option selected value="s-effektmal">Effektmål</option>' in response.get_data(as_text=True)


def test_a_section_that_is_not_in_the_document_is_refused(app, cast, submitted):
    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "s-finnes-ikke", "kommentar-body": "Hei",
    })

    assert response.status_code == 422
    assert field_error(response, "kommentar-section_key") == "Delen finnes ikke i dette dokumentet."
    assert comments_of(app, submitted) == []


def test_html_in_a_comment_is_shown_harmless(app, cast, submitted):
    client = cast.client_for(cast.leader)
    client.post(f"/dokumenter/{submitted.id}/kommenter", data={
        "kommentar-section_key": "", "kommentar-body": "<script>alert('x')</script> Se **tiltak 2**",
    })

    page = client.post(f"/dokumenter/{submitted.id}/kommenter", data={"kommentar-body": ""}).get_data(as_text=True)

    assert "<script>alert" not in page
    assert "<strong>tiltak 2</strong>" in page


def test_the_leader_may_take_a_comment_back_but_not_a_decision(app, cast, submitted):
    client = cast.client_for(cast.leader)
    client.post(f"/dokumenter/{submitted.id}/kommenter", data={"kommentar-body": "Skrevet i feil dokument"})
    client.post(f"/dokumenter/{submitted.id}/send-tilbake", data={"tilbake-message": "Fyll inn tiltakene."})
    comment, returned = comments_of(app, submitted)

    assert client.post(f"/kommentarer/{comment.id}/slett").status_code == 302
    assert client.post(f"/kommentarer/{returned.id}/slett").status_code == 302

    assert [c.kind for c in comments_of(app, submitted)] == [CommentKind.RETURNED]


# --- return and approve ---------------------------------------------------------------------


def test_returning_a_document_unlocks_it_for_the_team_and_tells_them_why(app, cast, submitted, outbox, load):
    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/send-tilbake", data={
        "tilbake-message": "Skriv hvordan dere vil måle effekten av tiltakene.",
    })

    assert response.status_code == 302
    submission = load(type(submitted), submitted.id)
    assert submission.state is SubmissionState.RETURNED
    assert submission.decided_at is not None
    (comment,) = comments_of(app, submitted)
    assert (comment.kind, comment.body) == (CommentKind.RETURNED, "Skriv hvordan dere vil måle effekten av tiltakene.")
    assert events_of(app, submitted) == ["return"]
    message = outbox.to("per@fjordvik.kommune.example")[0]
    assert message["Subject"] == "Statusrapport før samling 3 er sendt tilbake til dere"
    assert "Dere kan rette dokumentet og sende det inn på nytt." in message.get_content()
    assert "Skriv hvordan dere vil måle effekten av tiltakene." in message.get_content()


def test_returning_needs_a_message(app, cast, submitted, outbox, load):
    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/send-tilbake",
                                                  data={"tilbake-message": ""})

    assert response.status_code == 422
    assert field_error(response, "tilbake-message") == "Skriv hva teamet skal endre før du sender dokumentet tilbake."
    assert load(type(submitted), submitted.id).state is SubmissionState.SUBMITTED
    assert len(outbox) == 0


def test_a_draft_cannot_be_returned_and_the_message_typed_is_kept(app, cast, make_request, make_submission):
    request = make_request(cast.network, [cast.fjordvik])
    draft = make_submission(request, cast.fjordvik, SubmissionState.DRAFT)

    response = cast.client_for(cast.leader).post(f"/dokumenter/{draft.id}/send-tilbake",
                                                  data={"tilbake-message": "Mer om rekruttering, takk."})

    assert response.status_code == 422
    assert "Bare dokumenter som er sendt inn, kan sendes tilbake." in text(response)
    assert comments_of(app, draft) == []


def test_approving_records_the_decision_and_an_optional_message(app, cast, submitted, outbox, load):
    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/godkjenn",
                                                  data={"godkjenn-message": ""})

    assert response.status_code == 302
    assert load(type(submitted), submitted.id).state is SubmissionState.APPROVED
    (comment,) = comments_of(app, submitted)
    assert (comment.kind, comment.body) == (CommentKind.APPROVED, "")
    assert events_of(app, submitted) == ["approve"]
    assert outbox[0]["Subject"] == "Statusrapport før samling 3 er godkjent"


def test_an_approved_document_can_still_be_sent_back_but_not_approved_twice(app, cast, make_request, make_submission):
    approved = make_submission(make_request(cast.network, [cast.fjordvik]), cast.fjordvik, SubmissionState.APPROVED)
    client = cast.client_for(cast.leader)

    twice = client.post(f"/dokumenter/{approved.id}/godkjenn", data={"godkjenn-message": "Igjen"})
    back = client.post(f"/dokumenter/{approved.id}/send-tilbake", data={"tilbake-message": "Jeg så feil."})

    assert twice.status_code == 422
    assert "kan godkjennes" in text(twice)
    assert back.status_code == 302


def test_feedback_on_a_deleted_request_is_refused_with_a_message(app, cast, submitted):
    from verksted.documents.models import DocumentRequest

    with app.app_context():
        db.session.get(DocumentRequest, submitted.request_id).deleted_at = utcnow()
        db.session.commit()

    response = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter",
                                                  data={"kommentar-body": "Hei"})

    assert response.status_code == 422
    assert "Denne innleveringen er slettet" in text(response)
    assert field_value(response, "kommentar-body") == "Hei"


@pytest.mark.parametrize("visitor", ["observer", "ingrid", "biret"])
def test_only_the_project_leader_gives_feedback(cast, submitted, visitor):
    user = getattr(cast, visitor, None) or getattr(cast.people, visitor)

    response = cast.client_for(user).post(f"/dokumenter/{submitted.id}/kommenter", data={"kommentar-body": "Hei"})

    assert response.status_code == 403


def test_another_networks_leader_is_not_told_the_document_exists(cast, submitted):
    client = cast.client_for(cast.other_leader)

    assert client.post(f"/dokumenter/{submitted.id}/godkjenn").status_code == 404


# --- the panel ------------------------------------------------------------------------------


def test_the_panel_offers_the_sections_and_the_saved_phrases(app, cast, submitted, make_phrase):
    make_phrase(cast.network, "Beskriv gjerne hvem som er ansvarlig for hvert tiltak.")

    page = cast.client_for(cast.leader).post(f"/dokumenter/{submitted.id}/kommenter",
                                             data={"kommentar-body": ""}).get_data(as_text=True)

    assert '<option value="s-tiltak">Tiltak i perioden</option>' in page
    assert '<label class="ds-label" for="kommentar-body-frase">Sett inn frase</label>' in page
    assert 'data-insert-into="kommentar-body"' in page
    assert "Fraser du kan kopiere" in page
    assert page.count("Beskriv gjerne hvem som er ansvarlig for hvert tiltak.") >= 2


def test_the_panel_is_on_the_document_page_for_the_project_leader_only(cast, submitted):
    leader = cast.client_for(cast.leader).get(f"/dokumenter/{submitted.id}")
    observer = cast.client_for(cast.observer).get(f"/dokumenter/{submitted.id}")
    team = cast.client_for(cast.people.ingrid).get(f"/dokumenter/{submitted.id}")

    assert 'id="tilbakemelding-overskrift"' in leader.get_data(as_text=True)
    assert "Send tilbake til teamet" in text(leader)
    for page in (observer, team):
        assert page.status_code == 200
        assert 'id="tilbakemelding-overskrift"' not in page.get_data(as_text=True)
