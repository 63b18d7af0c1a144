"""The project leader's side of a submission: feedback, approval, marks for the next gathering,
sharing with the other teams, and the phrases the leader writes often.

Services change the session and queue mail; the view commits once.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from verksted.accounts.models import User
from verksted.clock import today, utcnow
from verksted.documents import notices
from verksted.documents.models import (
    Assignment,
    Comment,
    CommentKind,
    DocumentRequest,
    FeedbackPhrase,
    SentReminder,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.documents.services import live_request
from verksted.errors import Refused
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Network

READABLE = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)  # what may be shared


def _live(submission: Submission) -> None:
    live_request(submission.request_id)


def sections_of(submission: Submission) -> list[tuple[str, str]]:
    """(key, heading) of the sections of the template version the team wrote against."""
    return [(section["key"], section.get("heading") or _("Uten overskrift"))
            for section in submission.template_version.sections]


# --- Feedback -------------------------------------------------------------------------------


def comment(submission: Submission, author: User, body: str, section_key: str | None = None) -> Comment:
    """A comment on the whole document, or on one section when `section_key` is given."""
    _live(submission)
    if section_key and section_key not in dict(sections_of(submission)):
        raise Refused(_("Delen finnes ikke i dette dokumentet."), field="section_key")
    return _feedback(submission, author, CommentKind.COMMENT, body, section_key or None)


def return_for_revision(submission: Submission, author: User, message: str) -> Comment:
    """Send a submitted document back to the team, who may then edit and resubmit it."""
    _live(submission)
    if submission.state not in READABLE:
        raise Refused(_("Bare dokumenter som er sendt inn, kan sendes tilbake."))
    if not (message or "").strip():
        raise Refused(_("Skriv hva teamet skal endre før du sender dokumentet tilbake."), field="message")
    _decide(submission, author, SubmissionState.RETURNED, "return")
    return _feedback(submission, author, CommentKind.RETURNED, message)


def approve(submission: Submission, author: User, message: str = "") -> Comment:
    _live(submission)
    if submission.state is not SubmissionState.SUBMITTED:
        raise Refused(_("Bare dokumenter som er sendt inn og venter på tilbakemelding, kan godkjennes."))
    _decide(submission, author, SubmissionState.APPROVED, "approve")
    return _feedback(submission, author, CommentKind.APPROVED, message or "")


def _decide(submission: Submission, author: User, state: SubmissionState, event: str) -> None:
    now = utcnow()
    submission.state, submission.decided_at = state, now
    # The decision is part of the history; the answers themselves are unchanged.
    last = db.session.scalar(
        sa.select(sa.func.max(SubmissionVersion.number)).where(SubmissionVersion.submission_id == submission.id)
    )
    db.session.add(SubmissionVersion(
        submission=submission, number=(last or 0) + 1, answers=dict(submission.answers), event=event,
        saved_by_id=author.id, saved_at=now,
    ))


def _feedback(submission: Submission, author: User, kind: CommentKind, body: str,
              section_key: str | None = None) -> Comment:
    feedback = Comment(submission=submission, section_key=section_key, kind=kind, body=body.strip(),
                       author_id=author.id, author=author, created_at=utcnow())
    db.session.add(feedback)
    notices.feedback_given(submission, feedback)
    return feedback


def delete_comment(comment: Comment) -> None:
    """A plain comment may be taken back; a return or an approval stays in the record."""
    if comment.kind is not CommentKind.COMMENT:
        raise Refused(_("Meldingen hører til en beslutning og blir stående."))
    db.session.delete(comment)


# --- Marks for the next gathering -----------------------------------------------------------

MARKS = {"godt-eksempel": "good_example", "presentere": "ask_to_present"}


def toggle_mark(submission: Submission, mark: str) -> bool:
    """Turn "good example" or "ask to present" on or off; returns whether it is now on."""
    _live(submission)
    attribute = MARKS[mark]
    if submission.state is SubmissionState.DRAFT:
        raise Refused(_("Et utkast kan ikke merkes. Vent til teamet har sendt det inn."))
    setattr(submission, attribute, not getattr(submission, attribute))
    return getattr(submission, attribute)


def marked_submissions(network: Network) -> list[Submission]:
    """Submissions marked "ask to present" or "good example", in deadline order."""
    return list(db.session.scalars(
        sa.select(Submission)
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(
            DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
            sa.or_(Submission.good_example, Submission.ask_to_present),
        )
        .options(joinedload(Submission.request).joinedload(DocumentRequest.template), joinedload(Submission.team))
        .order_by(DocumentRequest.due_on, DocumentRequest.id, Submission.team_id)
    ))


# --- Sharing (erfaringsdeling) --------------------------------------------------------------


def share_submission(submission: Submission) -> None:
    _live(submission)
    if submission.state not in READABLE:
        raise Refused(_("Bare dokumenter som er sendt inn eller godkjent, kan deles med de andre teamene."))
    submission.shared_at = submission.shared_at or utcnow()


def unshare_submission(submission: Submission) -> None:
    submission.shared_at = None


def share_request(request: DocumentRequest, on: date | None = None) -> None:
    """Share every submitted document of a request with all teams, once its deadline has passed."""
    live_request(request.id)
    if (on or today()) <= request.due_on:
        raise Refused(_("Alle dokumentene kan deles først når fristen %(date)s er passert.",
                        date=long_date(request.due_on)))
    request.shared_at = request.shared_at or utcnow()


def unshare_request(request: DocumentRequest) -> None:
    request.shared_at = None


def shared_submissions(network: Network) -> list[tuple[DocumentRequest, list[Submission]]]:
    """What every team of the network may read: shared one by one, or with the whole request."""
    submissions = db.session.scalars(
        sa.select(Submission)
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(
            DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
            Submission.state.in_(READABLE),
            sa.or_(Submission.shared_at.is_not(None), DocumentRequest.shared_at.is_not(None)),
        )
        .options(joinedload(Submission.request).joinedload(DocumentRequest.template), joinedload(Submission.team))
        .order_by(DocumentRequest.due_on.desc(), DocumentRequest.id)
    )
    grouped: dict[int, tuple[DocumentRequest, list[Submission]]] = {}
    for submission in submissions:
        grouped.setdefault(submission.request_id, (submission.request, []))[1].append(submission)
    for _request, items in grouped.values():
        items.sort(key=lambda s: s.team.municipality)
    return list(grouped.values())


def requests_to_share(network: Network, on: date | None = None) -> list[DocumentRequest]:
    """The requests whose deadline has passed: the leader may share all their documents."""
    return list(db.session.scalars(
        sa.select(DocumentRequest)
        .where(
            DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
            DocumentRequest.due_on < (on or today()),
        )
        .options(joinedload(DocumentRequest.template))
        .order_by(DocumentRequest.due_on.desc(), DocumentRequest.id)
    ))


# --- Saved phrases --------------------------------------------------------------------------


def phrases(network: Network) -> list[FeedbackPhrase]:
    return list(db.session.scalars(
        sa.select(FeedbackPhrase).where(FeedbackPhrase.network_id == network.id)
        .order_by(FeedbackPhrase.position, FeedbackPhrase.id)
    ))


def add_phrase(network: Network, text: str) -> FeedbackPhrase:
    last = db.session.scalar(
        sa.select(sa.func.max(FeedbackPhrase.position)).where(FeedbackPhrase.network_id == network.id)
    )
    phrase = FeedbackPhrase(network_id=network.id, text=text.strip(), position=(last or 0) + 1)
    db.session.add(phrase)
    return phrase


def update_phrase(phrase: FeedbackPhrase, text: str) -> None:
    phrase.text = text.strip()


def move_phrase(phrase: FeedbackPhrase, step: int) -> None:
    """Swap a phrase with its neighbour above (-1) or below (+1)."""
    ordered = phrases(db.session.get(Network, phrase.network_id))
    index = ordered.index(phrase)
    other = index + step
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered, start=1):
        item.position = position


# --- What the reminders sent ----------------------------------------------------------------

REMINDER_PAGE = 100


def reminder_log(network: Network, page: int = 1) -> tuple[list[SentReminder], bool]:
    """The reminders sent for the network's requests, newest first; and whether there are more."""
    rows = list(db.session.scalars(
        sa.select(SentReminder)
        .join(Assignment, SentReminder.assignment_id == Assignment.id)
        .join(DocumentRequest, Assignment.request_id == DocumentRequest.id)
        .where(DocumentRequest.network_id == network.id)
        .options(
            selectinload(SentReminder.user),
            selectinload(SentReminder.assignment).options(
                joinedload(Assignment.team), joinedload(Assignment.request)
            ),
        )
        .order_by(SentReminder.sent_at.desc(), SentReminder.id.desc())
        .offset((max(page, 1) - 1) * REMINDER_PAGE)
        .limit(REMINDER_PAGE + 1)
    ))
    return rows[:REMINDER_PAGE], len(rows) > REMINDER_PAGE
