"""The project leader's review in the demo network: saved phrases, comments on whole documents and
on single sections, one document sent back, approvals, marks for the next gathering, the hovedplaner
shared with every team, and the log of the reminders cron has sent.

Runs after the teams' documents are in; it works on whatever they delivered before today. The
rows are written directly, with past dates, so that seeding sends no e-mail. Every word is made up.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from verksted.accounts.models import User
from verksted.clock import today
from verksted.documents.models import (
    Assignment,
    Comment,
    CommentKind,
    DocumentKind,
    DocumentRequest,
    FeedbackPhrase,
    ReminderKind,
    SentReminder,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.extensions import db
from verksted.networks.models import Membership, Network, Role, TeamStatus

PHRASES = [
    "Takk for en grundig og ærlig rapport – den er nyttig å lese før samlingen.",
    "Skriv gjerne hvem som er ansvarlig for hvert tiltak, og når det skal være gjort.",
    "Hvordan vil dere måle om tiltaket virker? Ett eller to tall dere kan følge over tid, holder.",
    "Dette er et godt eksempel for de andre kommunene. Kan dere fortelle om det på neste samling?",
    "Husk å ta med det dere har fått til, også når det er små skritt.",
]

# (kind, start of the municipality, section key or None, what the leader wrote)
COMMENTS = [
    (DocumentKind.HOVEDPLAN, "Fjordvik", "s-effektmal",
     "Effektmålet er tydelig. Kan dere si hvor mange heltidsstillinger dere har i dag, så vi ser endringen?"),
    (DocumentKind.HOVEDPLAN, "Storåsen", "s-tiltak",
     "Samarbeidet med den videregående skolen er et **godt grep**. Del gjerne avtalen dere har laget."),
    (DocumentKind.HOVEDPLAN, "Čáhppesjávri", None,
     "Fint at dere skriver om språk og kultur i rekrutteringen – det har de andre kommunene mye å lære av."),
    (DocumentKind.FREMDRIFTSPLAN, "Vestre Mo", "s-plan",
     "Tabellen er oversiktlig. Tidsestimatene for tiltak 2 og 3 overlapper; går det i praksis?"),
    (DocumentKind.STATUSRAPPORT, "Fjordvik", "s-resultater",
     "Godt at dere har tall fra turnusen. Hva tror dere forklarer at færre tok ekstravakter i sommer?"),
    (DocumentKind.STATUSRAPPORT, "Lierbygd", "s-laering",
     "Refleksjonen om hvorfor tiltaket stoppet opp, er verdifull. Ta den gjerne med i gruppearbeidet."),
    (DocumentKind.STATUSRAPPORT, "Čáhppesjávri", None,
     "Takk for en grundig og ærlig rapport – den er nyttig å lese før samlingen."),
]
RETURNED = (DocumentKind.FREMDRIFTSPLAN, "Lierbygd",
            "Resultatmålene for perioden mangler, og tiltakstabellen er tom. Fyll inn begge før neste samling, "
            "gjerne på første arbeidsmøte.")
GOOD_EXAMPLES = [(DocumentKind.HOVEDPLAN, "Storåsen"), (DocumentKind.STATUSRAPPORT, "Čáhppesjávri")]
LOG_DAYS = timedelta(days=60)
ASK_TO_PRESENT = [(DocumentKind.STATUSRAPPORT, "Čáhppesjávri"), (DocumentKind.STATUSRAPPORT, "Vestre Mo")]


def seed_feedback(network: Network, leader: User) -> None:
    db.session.flush()
    db.session.add_all(FeedbackPhrase(network_id=network.id, text=text, position=n)
                       for n, text in enumerate(PHRASES, start=1))
    delivered = _delivered(network)
    for kind, municipality, section, body in COMMENTS:
        submission = _first(delivered, kind, municipality)
        if submission is not None:
            _comment(submission, leader, CommentKind.COMMENT, body, section)
    kind, municipality, message = RETURNED
    returned = _first(delivered, kind, municipality, latest=True)  # the team is revising it now
    if returned is not None:
        _decide(returned, leader, SubmissionState.RETURNED, CommentKind.RETURNED, message)
    for submission in delivered:
        if submission.request.template.kind is DocumentKind.HOVEDPLAN and submission is not returned:
            _decide(submission, leader, SubmissionState.APPROVED, CommentKind.APPROVED, "")
    for kind, municipality in GOOD_EXAMPLES:
        if (submission := _first(delivered, kind, municipality)) is not None:
            submission.good_example = True
    for kind, municipality in ASK_TO_PRESENT:
        if (submission := _first(delivered, kind, municipality)) is not None:
            submission.ask_to_present = True
    # Every team may read every hovedplan, shared two weeks after the deadline.
    for request in {s.request for s in delivered if s.request.template.kind is DocumentKind.HOVEDPLAN}:
        request.shared_at = _at(request.due_on + timedelta(days=14), 10)
    _reminder_log(network)


def _delivered(network: Network) -> list[Submission]:
    """What the teams sent in before today, in deadline order."""
    return list(db.session.scalars(
        sa.select(Submission)
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
               DocumentRequest.due_on < today(), Submission.submitted_at.is_not(None),
               Submission.state != SubmissionState.DRAFT)
        .options(joinedload(Submission.request).joinedload(DocumentRequest.template), joinedload(Submission.team))
        .order_by(DocumentRequest.due_on, Submission.team_id)
    ))


def _first(delivered: list[Submission], kind: DocumentKind, municipality: str, latest: bool = False) -> Submission | None:
    found = [s for s in delivered if s.request.template.kind is kind and s.team.municipality.startswith(municipality)]
    return (found[-1] if latest else found[0]) if found else None


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour))


def _after_submission(submission: Submission, days: int) -> datetime:
    return min(submission.submitted_at + timedelta(days=days), datetime.combine(today(), time(7)))


def _comment(submission: Submission, leader: User, kind: CommentKind, body: str, section: str | None = None,
             days_after: int = 3) -> None:
    keys = {s["key"] for s in submission.template_version.sections}
    db.session.add(Comment(
        submission=submission, section_key=section if section in keys else None, kind=kind, body=body,
        author_id=leader.id, created_at=_after_submission(submission, days_after),
    ))


def _decide(submission: Submission, leader: User, state: SubmissionState, kind: CommentKind, message: str) -> None:
    decided = _after_submission(submission, 5)
    submission.state, submission.decided_at = state, decided
    last = db.session.scalar(
        sa.select(sa.func.max(SubmissionVersion.number)).where(SubmissionVersion.submission_id == submission.id)
    ) or 0
    db.session.add(SubmissionVersion(
        submission=submission, number=last + 1, answers=dict(submission.answers), saved_by_id=leader.id,
        saved_at=decided, event="return" if state is SubmissionState.RETURNED else "approve",
    ))
    _comment(submission, leader, kind, message, days_after=5)


def _reminder_log(network: Network) -> None:
    """The reminders the daily cron run (six in the morning) has sent over the last two months."""
    db.session.flush()
    delivered = {tuple(row) for row in db.session.execute(
        sa.select(Submission.request_id, Submission.team_id)
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(DocumentRequest.network_id == network.id,
               Submission.state.in_((SubmissionState.SUBMITTED, SubmissionState.APPROVED)))
    )}
    assignments = db.session.scalars(
        sa.select(Assignment).join(Assignment.request)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
        .options(joinedload(Assignment.request), joinedload(Assignment.team))
    ).all()
    members: dict[int, list[User]] = {}
    for membership in db.session.scalars(
        sa.select(Membership).where(Membership.network_id == network.id, Membership.role == Role.TEAM_MEMBER)
        .options(joinedload(Membership.user))
    ):
        members.setdefault(membership.team_id, []).append(membership.user)
    for assignment in assignments:
        if assignment.team.status is not TeamStatus.ACTIVE or (assignment.request_id, assignment.team_id) in delivered:
            continue
        due, before = assignment.due_on, assignment.request.remind_days_before
        runs = [(ReminderKind.OVERDUE, due + timedelta(days=1))]
        if before > 0:
            runs.append((ReminderKind.DUE_SOON, due - timedelta(days=before)))
        for kind, day in runs:
            if today() - LOG_DAYS <= day <= today():
                db.session.add_all(
                    SentReminder(assignment=assignment, user=user, kind=kind, due_on=due, email=user.email,
                                 sent_at=_at(day, 5))
                    for user in members.get(assignment.team_id, [])
                )
