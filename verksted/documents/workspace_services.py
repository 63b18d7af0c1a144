"""The team's side of a document: what is due, filling it in, submitting and taking it back,
merging after two people saved at once, and reading what changed.

Services change the session and queue mail; the view commits once.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from verksted import clock
from verksted.accounts.models import User
from verksted.documents import diff, notices, schema, services
from verksted.documents.models import (
    Assignment,
    Comment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    FieldKind,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.errors import Refused
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Team

DUE_SOON_DAYS = 14
EDITABLE = (SubmissionState.DRAFT, SubmissionState.RETURNED)
DONE = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)


class RequestGone(Refused):
    """The project leader deleted the request while the team worked on it (410)."""


def check_live(submission: Submission) -> None:
    try:
        services.live_request(submission.request_id)
    except Refused as refused:
        raise RequestGone(refused.message) from None


def is_editable(submission: Submission) -> bool:
    return submission.state in EDITABLE


def assignment_of(submission: Submission) -> Assignment:
    return db.session.scalar(
        sa.select(Assignment).where(Assignment.request_id == submission.request_id, Assignment.team_id == submission.team_id)
    )


# --- The workspace --------------------------------------------------------------------------


class Group(enum.StrEnum):
    RETURNED = "returned"  # sent back for revision: needs the team first
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    DONE = "done"


@dataclass
class Due:
    """One document the team is asked for, with the team's own deadline and how far it has come."""

    assignment: Assignment
    submission: Submission | None
    group: Group

    @property
    def request(self) -> DocumentRequest:
        return self.assignment.request

    @property
    def due_on(self) -> date:
        return self.assignment.due_on


def _group(assignment: Assignment, submission: Submission | None, on: date) -> Group:
    if submission is not None and submission.state in DONE:
        return Group.DONE
    if submission is not None and submission.state is SubmissionState.RETURNED:
        return Group.RETURNED
    if assignment.due_on < on:
        return Group.OVERDUE
    if assignment.due_on <= on + timedelta(days=DUE_SOON_DAYS):
        return Group.DUE_SOON
    return Group.LATER


def due_for(team: Team, on: date | None = None) -> dict[Group, list[Due]]:
    """The team's documents from requests that still exist, grouped by what they need, soonest
    deadline first (the latest first among those done). Costs the same queries for any number."""
    on = on or clock.today()
    assignments = db.session.scalars(
        sa.select(Assignment)
        .join(Assignment.request)
        .where(Assignment.team_id == team.id, DocumentRequest.deleted_at.is_(None))
        .options(contains_eager(Assignment.request).selectinload(DocumentRequest.template))
    ).all()
    submissions = {
        submission.request_id: submission
        for submission in db.session.scalars(
            sa.select(Submission).where(Submission.team_id == team.id).options(selectinload(Submission.updated_by))
        )
    }
    groups: dict[Group, list[Due]] = {group: [] for group in Group}
    for assignment in sorted(assignments, key=lambda a: (a.due_on, a.request.title, a.id)):
        submission = submissions.get(assignment.request_id)
        group = _group(assignment, submission, on)
        groups[group].append(Due(assignment, submission, group))
    groups[Group.DONE].reverse()
    return groups


def assignment_for_team(team: Team, request_id: int) -> Assignment:
    """The team's assignment to a live request; a deleted request is RequestGone."""
    try:
        request = services.live_request(request_id)
    except Refused as refused:
        raise RequestGone(refused.message) from None
    return services.assignment_for(request, team)


def start(assignment: Assignment, user: User) -> Submission:
    return services.submission_for(assignment, user)


# --- Writing --------------------------------------------------------------------------------


def save(submission: Submission, raw: dict, base_revision: int, user: User, event: str = "save") -> schema.Cleaned:
    """Save the team's answers; refused if the request is gone, the document locked, or someone
    else saved since `base_revision` (StaleRevision)."""
    check_live(submission)
    return services.save_answers(submission, raw, base_revision, user, event)


def submit(submission: Submission, raw: dict, base_revision: int, user: User) -> dict[str, str]:
    """Save the answers and hand the document in, locked, with the time recorded.

    Returns the field errors that stop it; the valid answers are saved all the same. A document
    sent back for revision keeps its first submission's lateness when it is sent in again.
    """
    cleaned = save(submission, raw, base_revision, user)
    errors = cleaned.errors or schema.clean_answers(submission.template_version.sections, submission.answers, require=True).errors
    if errors:
        return errors
    resubmitted = submission.state is SubmissionState.RETURNED
    submission.state = SubmissionState.SUBMITTED
    submission.submitted_at, submission.submitted_by_id = clock.utcnow(), user.id
    if not resubmitted:
        submission.is_late = services.is_late(assignment_of(submission), clock.today())
    _record_step(submission, user, "submit")
    notices.submitted(submission)
    return {}


def take_back(submission: Submission, user: User, on: date | None = None) -> None:
    """Take a submitted document back to edit it, while the team's deadline has not passed and the
    project leader has not yet decided on it."""
    check_live(submission)
    if submission.state is not SubmissionState.SUBMITTED:
        raise Refused(_("Bare dokumenter som er sendt inn og ikke behandlet ennå, kan tas tilbake."))
    due_on = assignment_of(submission).due_on
    if (on or clock.today()) > due_on:
        raise Refused(_("Fristen gikk ut %(date)s, så dokumentet kan ikke tas tilbake lenger. "
                        "Ta kontakt med prosjektlederen hvis noe må rettes.", date=long_date(due_on)))
    submission.state = SubmissionState.DRAFT
    submission.submitted_at = submission.submitted_by_id = None
    submission.is_late = False
    _record_step(submission, user, "withdraw")


def _record_step(submission: Submission, user: User, event: str) -> None:
    """A step in the document's life is part of its history; the answers stay as they are."""
    last = db.session.scalar(
        sa.select(sa.func.max(SubmissionVersion.number)).where(SubmissionVersion.submission_id == submission.id)
    )
    db.session.add(SubmissionVersion(
        submission=submission, number=(last or 0) + 1, answers=dict(submission.answers), event=event,
        saved_by_id=user.id, saved_at=clock.utcnow(),
    ))


# --- Merging after a conflict ---------------------------------------------------------------

MINE, THEIRS, COMBINED = "mine", "theirs", "combined"


@dataclass
class Difference:
    """A field where this writer's text and the saved text differ."""

    section: dict
    field: dict
    mine: object
    theirs: object
    combined: object | None  # both joined, where the kind of field allows it

    @property
    def key(self) -> str:
        return self.field["key"]

    @property
    def combined_is_text(self) -> bool:
        return FieldKind(self.field["kind"]) in (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT, FieldKind.LIST)


def differences(sections: list[dict], mine_raw: dict, theirs: dict) -> list[Difference]:
    mine = schema.clean_answers(sections, mine_raw).answers
    found = []
    for section, field in schema.fields(sections):
        key = field["key"]
        if schema.as_text(field, mine.get(key)) != schema.as_text(field, theirs.get(key)):
            found.append(Difference(section, field, mine.get(key), theirs.get(key), _combined(field, mine.get(key), theirs.get(key))))
    return found


def _combined(field: dict, mine, theirs):
    kind = FieldKind(field["kind"])
    if kind in (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT):
        parts = [str(part).strip() for part in (theirs, mine) if isinstance(part, str) and part.strip()]
        return (" " if kind is FieldKind.SHORT_TEXT else "\n\n").join(parts)
    if kind in (FieldKind.LIST, FieldKind.TABLE):
        both = [item for part in (theirs, mine) if isinstance(part, list) for item in part]
        return [item for n, item in enumerate(both) if item not in both[:n]]
    return None


def merged_answers(
    sections: list[dict], mine_raw: dict, theirs: dict, choices: dict[str, str], combined_raw: dict[str, object]
) -> tuple[dict, dict[str, str]]:
    """The saved answers with, for each field that differs, the version the writer chose."""
    answers, errors = dict(theirs), {}
    for difference in differences(sections, mine_raw, theirs):
        choice = choices.get(difference.key)
        if choice == MINE:
            value = difference.mine
        elif choice == THEIRS:
            value = difference.theirs
        elif choice == COMBINED and difference.combined is not None:
            value = combined_raw.get(difference.key, difference.combined) if difference.combined_is_text else difference.combined
        else:
            errors[difference.key] = _("Velg hvilken versjon du vil beholde.")
            continue
        answers[difference.key] = value
    return answers, errors


def merge(
    submission: Submission, mine_raw: dict, choices: dict[str, str], combined_raw: dict[str, object],
    base_revision: int, user: User,
) -> tuple[dict[str, str], dict[str, str]]:
    """Save the writer's choices against the version they were shown; returns (choices still
    missing, field errors). Someone saving again meanwhile is StaleRevision, as any save."""
    check_live(submission)
    if base_revision != submission.revision:
        raise services.StaleRevision(submission, theirs=submission.answers, mine=mine_raw)
    answers, missing = merged_answers(submission.template_version.sections, mine_raw, submission.answers, choices, combined_raw)
    if missing:
        return missing, {}
    return {}, save(submission, answers, base_revision, user, event="merge").errors


# --- Reading and carrying forward -----------------------------------------------------------


def comments_of(submission: Submission) -> tuple[list[Comment], dict[str, list[Comment]]]:
    """The project leader's comments: those on the whole document, and those by section."""
    comments = db.session.scalars(
        sa.select(Comment).where(Comment.submission_id == submission.id)
        .options(selectinload(Comment.author)).order_by(Comment.created_at, Comment.id)
    ).all()
    by_section: dict[str, list[Comment]] = {}
    for comment in comments:
        if comment.section_key:
            by_section.setdefault(comment.section_key, []).append(comment)
    return [c for c in comments if not c.section_key], by_section


def carried_from(submission: Submission) -> dict[str, DocumentRequest]:
    """Fields still holding what was carried forward from an earlier document of the team, with
    the request of the document it came from."""
    carrying = [field for _section, field in schema.fields(submission.template_version.sections) if field.get("carry")]
    if not carrying:
        return {}
    earlier = db.session.scalars(
        sa.select(Submission)
        .where(Submission.team_id == submission.team_id, Submission.id != submission.id,
               Submission.created_at <= submission.created_at)
        .options(selectinload(Submission.template_version), selectinload(Submission.request))
        .order_by(Submission.updated_at.desc())
    ).all()
    notes = {}
    for field in carrying:
        value = submission.answers.get(field["key"])
        if schema.is_empty(value):
            continue
        for other in earlier:
            source = next((f for _s, f in schema.fields(other.template_version.sections) if f.get("carry") == field["carry"]), None)
            if source is not None and other.answers.get(source["key"]) == value:
                notes[field["key"]] = other.request
                break
    return notes


# --- History --------------------------------------------------------------------------------


def versions(submission: Submission) -> list[SubmissionVersion]:
    return db.session.scalars(
        sa.select(SubmissionVersion).where(SubmissionVersion.submission_id == submission.id)
        .options(selectinload(SubmissionVersion.saved_by)).order_by(SubmissionVersion.number)
    ).all()


CONTENT_EVENTS = ("save", "autosave", "merge")  # the others mark a step and keep the answers


@dataclass
class Comparison:
    older: SubmissionVersion | None  # None: the empty document before the first save
    newer: SubmissionVersion
    changes: list[diff.FieldChange]


def compare(submission: Submission, saved: list[SubmissionVersion], older: int | None, newer: int | None) -> Comparison | None:
    """Two saved versions side by side; unless chosen, the latest change of the answers (not a
    step such as sending in) against the version before it."""
    if not saved:
        return None
    by_number = {version.number: version for version in saved}
    latest_change = next((v for v in reversed(saved) if v.event in CONTENT_EVENTS), saved[-1])
    new = by_number.get(newer, latest_change)
    if older in by_number:
        old = by_number[older]
    elif older == 0:
        old = None
    else:
        old = next((v for v in reversed(saved) if v.number < new.number), None)
    sections = submission.template_version.sections
    return Comparison(old, new, diff.compare_answers(sections, old.answers if old else {}, new.answers))


def _tiltak_field(sections: list[dict]) -> dict | None:
    tables = [field for _section, field in schema.fields(sections) if field.get("kind") == FieldKind.TABLE]
    return next((f for f in tables if f.get("carry") == "tiltak"), None) or next(
        (f for f in tables if any(" ".join(c.casefold().split()) == "tiltak" for c in f.get("columns", []))), None
    )


def tiltak_since_previous(submission: Submission) -> tuple[Submission, diff.TiltakComparison] | None:
    """For a fremdriftsplan: the team's previous fremdriftsplan and how the tiltak changed since."""
    request = submission.request
    field = _tiltak_field(submission.template_version.sections)
    if request.template.kind is not DocumentKind.FREMDRIFTSPLAN or field is None:
        return None
    previous = db.session.scalar(
        sa.select(Submission)
        .join(Submission.request)
        .join(DocumentRequest.template)
        .where(
            Submission.team_id == submission.team_id,
            Submission.id != submission.id,
            DocumentTemplate.kind == DocumentKind.FREMDRIFTSPLAN,
            DocumentRequest.deleted_at.is_(None),
            sa.or_(DocumentRequest.due_on < request.due_on,
                   sa.and_(DocumentRequest.due_on == request.due_on, DocumentRequest.id < request.id)),
        )
        .options(contains_eager(Submission.request), selectinload(Submission.template_version))
        .order_by(DocumentRequest.due_on.desc(), DocumentRequest.id.desc())
        .limit(1)
    )
    earlier_field = _tiltak_field(previous.template_version.sections) if previous is not None else None
    if earlier_field is None:
        return None
    return previous, diff.compare_tiltak(
        previous.answers.get(earlier_field["key"]), earlier_field.get("columns", []),
        submission.answers.get(field["key"]), field.get("columns", []),
    )
