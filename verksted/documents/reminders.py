"""Deadline reminders by e-mail, sent by `flask --app verksted send-reminders` from cron.

Every member of a team that has not delivered gets a reminder some days before the deadline
(the request's `remind_days_before`; 0 turns it off) and one when the deadline has passed.
Each reminder (assignment, person, kind, deadline) goes out once: the SentReminder row is
written in the same transaction as the mail is queued, and its unique key stops a second cron
run from sending it again. A moved deadline is a new deadline and may be reminded of again.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from verksted import mail
from verksted.accounts.models import User
from verksted.clock import today
from verksted.documents.models import (
    Assignment,
    DocumentRequest,
    ReminderKind,
    SentReminder,
    Submission,
    SubmissionState,
)
from verksted.documents.notices import link_to
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Membership, Role, Team, TeamStatus

# A reminder of a deadline more than a month gone helps nobody; the leader follows those up.
OVERDUE_WINDOW = timedelta(days=30)
_OPEN = (SubmissionState.DRAFT, SubmissionState.RETURNED)


@dataclass(frozen=True)
class Reminder:
    assignment: Assignment
    user: User
    kind: ReminderKind
    due_on: date


def kind_for(due_on: date, remind_days_before: int, on: date) -> ReminderKind | None:
    """Which reminder a deadline calls for today, if any."""
    if on > due_on:
        return ReminderKind.OVERDUE if on - due_on <= OVERDUE_WINDOW else None
    if remind_days_before > 0 and on >= due_on - timedelta(days=remind_days_before):
        return ReminderKind.DUE_SOON
    return None


def due_reminders(on: date | None = None) -> list[Reminder]:
    """The reminders to send today that have not been sent, across every network."""
    on = on or today()
    assignments = db.session.scalars(
        sa.select(Assignment)
        .join(Assignment.request)
        .join(Assignment.team)
        .outerjoin(Submission, sa.and_(Submission.request_id == Assignment.request_id,
                                       Submission.team_id == Assignment.team_id))
        .where(
            DocumentRequest.deleted_at.is_(None),
            Team.status == TeamStatus.ACTIVE,
            sa.or_(Submission.id.is_(None), Submission.state.in_(_OPEN)),
            sa.func.coalesce(Assignment.extended_to, DocumentRequest.due_on) >= on - OVERDUE_WINDOW,
        )
        .options(contains_eager(Assignment.request), contains_eager(Assignment.team))
        .order_by(DocumentRequest.due_on, Assignment.id)
    ).all()
    wanted = [(a, kind) for a in assignments if (kind := kind_for(a.due_on, a.request.remind_days_before, on))]
    if not wanted:
        return []
    team_ids = {a.team_id for a, _kind in wanted}
    members: dict[int, list[User]] = {}
    for membership in db.session.scalars(
        sa.select(Membership).where(Membership.team_id.in_(team_ids), Membership.role == Role.TEAM_MEMBER)
        .join(Membership.user).options(contains_eager(Membership.user)).order_by(User.name)
    ):
        members.setdefault(membership.team_id, []).append(membership.user)
    sent = {tuple(row) for row in db.session.execute(
        sa.select(SentReminder.assignment_id, SentReminder.user_id, SentReminder.kind, SentReminder.due_on)
        .where(SentReminder.assignment_id.in_([a.id for a, _kind in wanted]))
    )}
    return [
        Reminder(assignment, user, kind, assignment.due_on)
        for assignment, kind in wanted
        for user in members.get(assignment.team_id, [])
        if (assignment.id, user.id, kind, assignment.due_on) not in sent
    ]


def send_reminders(on: date | None = None, dry_run: bool = False) -> list[Reminder]:
    """Queue today's reminders and record each as sent; returns those sent (or due, on a dry run).

    The caller commits: the mail goes out only then.
    """
    reminders = due_reminders(on)
    if dry_run:
        return reminders
    sent = []
    for reminder in reminders:
        try:
            with db.session.begin_nested():
                db.session.add(SentReminder(
                    assignment_id=reminder.assignment.id, user_id=reminder.user.id, kind=reminder.kind,
                    due_on=reminder.due_on, email=reminder.user.email,
                ))
        except IntegrityError:
            continue  # another run got there first; it sends this one
        _compose(reminder)
        sent.append(reminder)
    return sent


def _compose(reminder: Reminder) -> None:
    assignment, user = reminder.assignment, reminder.user
    request, team = assignment.request, assignment.team
    link = link_to("documents.workspace", ("networks.team", {"team_id": team.id}), team_id=team.id)
    with force_locale(user.locale or "nb"):
        if reminder.kind is ReminderKind.OVERDUE:
            subject = _("Fristen for %(title)s er passert", title=request.title)
        else:
            subject = _("Påminnelse: %(title)s skal leveres innen %(date)s", title=request.title,
                        date=long_date(reminder.due_on))
        mail.send_after_commit(mail.compose(
            user.email, subject, f"reminder_{reminder.kind.value}", to_name=user.name,
            user=user, team=team, document_request=request, network=request.network, due_on=reminder.due_on,
            link=link,
        ))
