"""Deadline reminders: members of teams that have not delivered get one before the deadline and
one after it, never the same twice, through `flask --app verksted send-reminders` run by cron."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_request,
    make_submission,
    make_template,
)
from tests.pages import links_in, text
from tests.test_mail import make_app, smtp, smtp_server  # noqa: F401  (fixtures: a real SMTP server)
from verksted.clock import today, utcnow
from verksted.documents import reminders
from verksted.documents.models import Assignment, DocumentRequest, ReminderKind, SentReminder, SubmissionState
from verksted.extensions import db
from verksted.i18n import long_date


def send(on=None) -> list[tuple[str, str]]:
    """Run the reminders inside the test's request context and commit, as the command does."""
    sent = reminders.send_reminders(on=on)
    db.session.commit()
    return sorted((r.user.email, r.kind.value) for r in sent)


FJORDVIK = ["ingrid@fjordvik.kommune.example", "per@fjordvik.kommune.example"]
SAMEBY = ["biret@svartvatn.kommune.example"]


@pytest.fixture
def asked(cast, make_request):
    """A request asked of both active teams and the withdrawn one; `days` from today."""

    def asked(days, **fields):
        return make_request(cast.network, [cast.fjordvik, cast.sameby, cast.hakoy], days=days, **fields)

    return asked


def test_members_of_active_teams_are_reminded_the_set_number_of_days_before(ctx, asked, outbox):
    asked(days=7, remind_days_before=7)

    assert send() == sorted((email, "due_soon") for email in FJORDVIK + SAMEBY)

    message = outbox.to("biret@svartvatn.kommune.example")[0]
    assert message["To"].addresses[0].display_name == "Biret Sárá Eira"
    due = long_date(today() + timedelta(days=7))
    assert message["Subject"] == f"Påminnelse: Statusrapport før samling 3 skal leveres innen {due}"
    assert "Hei, Biret Sárá Eira!" in message.get_content()
    assert "Čáhppesjávri suohkan skal levere «Statusrapport før samling 3»" in message.get_content()
    assert links_in(message)[0].startswith("http://localhost/")


def test_nobody_is_reminded_too_early_or_when_reminders_are_off(ctx, asked):
    asked(days=8, remind_days_before=7)
    asked(days=1, remind_days_before=0)

    assert send() == []


def test_an_overdue_document_gets_one_overdue_reminder(ctx, asked, outbox):
    asked(days=-1)

    assert send() == sorted((email, "overdue") for email in FJORDVIK + SAMEBY)
    assert outbox.to(FJORDVIK[0])[0]["Subject"] == "Fristen for Statusrapport før samling 3 er passert"


def test_a_deadline_long_gone_is_left_to_the_project_leader(ctx, asked):
    asked(days=-31)

    assert send() == []


def test_the_same_reminder_is_never_sent_twice(ctx, asked, outbox):
    asked(days=3)

    first, second = send(), send()

    assert len(first) == 3
    assert second == []
    assert len(outbox) == 3


def test_the_overdue_reminder_follows_the_due_soon_one(ctx, asked):
    request = asked(days=2)
    send()

    assert send(on=request.due_on + timedelta(days=1)) == sorted((email, "overdue") for email in FJORDVIK + SAMEBY)


def test_teams_that_have_delivered_are_not_reminded_but_returned_ones_are(ctx, cast, asked, make_submission):
    request = asked(days=2)
    make_submission(request, cast.fjordvik, SubmissionState.APPROVED)
    make_submission(request, cast.sameby, SubmissionState.RETURNED)

    assert send() == [(SAMEBY[0], "due_soon")]


def test_submitted_and_draft_documents(ctx, cast, asked, make_submission):
    request = asked(days=-2)
    make_submission(request, cast.fjordvik, SubmissionState.SUBMITTED)
    make_submission(request, cast.sameby, SubmissionState.DRAFT)

    assert send() == [(SAMEBY[0], "overdue")]


def test_a_deleted_request_reminds_nobody(ctx, asked):
    asked(days=2, deleted_at=utcnow())

    assert send() == []


def test_a_moved_deadline_is_reminded_of_again(ctx, asked):
    request = asked(days=2)
    send()

    moved = db.session.get(DocumentRequest, request.id)
    moved.due_on = today() + timedelta(days=4)
    db.session.commit()

    assert len(send()) == 3


def test_an_extension_moves_one_teams_reminder(ctx, cast, asked):
    request = asked(days=2)
    assignment = db.session.scalar(sa.select(Assignment).where(
        Assignment.request_id == request.id, Assignment.team_id == cast.sameby.id))
    assignment.extended_to = today() + timedelta(days=30)
    db.session.commit()

    assert send() == sorted((email, "due_soon") for email in FJORDVIK)


def test_a_reminder_another_run_has_just_sent_is_skipped(ctx, asked, outbox, monkeypatch):
    asked(days=2)
    due = reminders.due_reminders()
    for reminder in due:  # a second cron run, a moment ahead of this one
        db.session.add(SentReminder(assignment_id=reminder.assignment.id, user_id=reminder.user.id,
                                    kind=reminder.kind, due_on=reminder.due_on, email=reminder.user.email))
    db.session.commit()
    monkeypatch.setattr(reminders, "due_reminders", lambda on=None: due)

    assert send() == []
    assert len(outbox) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SentReminder)) == 3


def test_the_leader_sees_what_was_sent_to_whom(cast, asked, app):
    with app.test_request_context():
        asked(days=1)
        send()

    response = cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/dokumenter/paminnelser")

    assert response.status_code == 200
    body = text(response)
    assert "Biret Sárá Eira biret@svartvatn.kommune.example Čáhppesjávri suohkan Statusrapport før samling 3 Frist nærmer seg" in body
    assert body.count("Frist nærmer seg") == 3
    assert cast.client_for(cast.people.ingrid).get(
        f"/nettverk/{cast.network.id}/dokumenter/paminnelser").status_code == 403


# --- the command, through a real SMTP server ------------------------------------------------


def test_the_command_sends_through_smtp_once_with_sami_names_intact(make_app, smtp, smtp_server, asked):
    asked(days=-1)
    smtp_app = make_app(MAIL_SERVER=smtp_server.hostname, MAIL_PORT=smtp_server.port, MAIL_USE_TLS=False)
    runner = smtp_app.test_cli_runner()

    first = runner.invoke(args=["send-reminders"])
    second = runner.invoke(args=["send-reminders"])

    assert first.exit_code == 0, first.output
    assert "Sendte 3 påminnelser." in first.output
    assert "Sendte 0 påminnelser." in second.output
    assert sorted(recipients[0] for recipients, _message in smtp.received) == sorted(FJORDVIK + SAMEBY)
    biret = next(message for recipients, message in smtp.received if recipients == SAMEBY)
    assert biret["To"].addresses[0].display_name == "Biret Sárá Eira"
    assert "Fristen for «Statusrapport før samling 3» fra Čáhppesjávri suohkan var" in biret.get_content()


def test_a_dry_run_tells_what_would_be_sent_and_sends_nothing(make_app, smtp, smtp_server, asked, app):
    asked(days=3)
    smtp_app = make_app(MAIL_SERVER=smtp_server.hostname, MAIL_PORT=smtp_server.port, MAIL_USE_TLS=False)

    result = smtp_app.test_cli_runner().invoke(args=["send-reminders", "--dry-run"])

    assert result.exit_code == 0, result.output
    assert "biret@svartvatn.kommune.example: Statusrapport før samling 3 (Čáhppesjávri suohkan" in result.output
    assert "3 påminnelser ville blitt sendt. Ingenting er sendt." in result.output
    assert smtp.received == []
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SentReminder)) == 0


def test_kind_for_chooses_by_the_days_left():
    due = today()
    assert reminders.kind_for(due, 7, due - timedelta(days=8)) is None
    assert reminders.kind_for(due, 7, due - timedelta(days=7)) is ReminderKind.DUE_SOON
    assert reminders.kind_for(due, 7, due) is ReminderKind.DUE_SOON
    assert reminders.kind_for(due, 0, due) is None
    assert reminders.kind_for(due, 0, due + timedelta(days=1)) is ReminderKind.OVERDUE
    assert reminders.kind_for(due, 7, due + timedelta(days=31)) is None
