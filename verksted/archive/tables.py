"""What the archive holds: one list per table a network owns, in the order an import creates them.

Each row becomes an object with its own `key` («team-3»); a foreign key becomes a field named
without «_id» that holds the referred row's key («team»: "team-3"), so an archive never carries
database ids. Columns are turned into JSON by their SQL type (see `to_json`/`from_json`).
"""
from __future__ import annotations

import base64
import enum
from dataclasses import dataclass
from datetime import date, datetime, time

import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.calendar.models import CalendarFeed
from verksted.documents.models import (
    Assignment,
    Comment,
    DocumentRequest,
    DocumentTemplate,
    FeedbackPhrase,
    SentReminder,
    Submission,
    SubmissionVersion,
    TemplateVersion,
)
from verksted.gatherings.models import Gathering, GatheringFile, ProgrammeItem, Registration
from verksted.networks.models import Invitation, Membership, Network, NetworkGoal, OrganisationMember, Team
from verksted.plan.models import Activity, Milestone, MilestoneStatusChange, Risk
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    HiddenWord,
    Participant,
    Poll,
    PollQuestion,
)
from verksted.reports.models import Report, ReportSection

TEXT_MAX = 200_000  # characters in one Text column or one string inside a JSON column


@dataclass(frozen=True)
class Table:
    """One list of the archive: the rows of `model` that belong to the network."""

    name: str  # the list's name in the archive
    model: type
    prefix: str  # of the rows' keys: «team» gives «team-1», «team-2» …
    parent: str = "network_id"  # the column that ties a row to its owner (the network, or a row above)
    skip: frozenset[str] = frozenset()  # columns never exported: secrets, or made afresh on import
    max_items: int | None = None

    @property
    def table(self) -> sa.Table:
        return self.model.__table__

    @property
    def columns(self) -> list[sa.Column]:
        """The exported columns, foreign keys among them (as references)."""
        return [c for c in self.table.columns if not c.primary_key and c.name != "network_id" and c.name not in self.skip]


# People come first (everyone a row refers to), then each table after the ones it refers to.
PEOPLE = Table("people", User, "person", parent="", skip=frozenset(
    {"password_hash", "session_token", "is_admin", "created_at", "last_login_at"}))
TABLES: tuple[Table, ...] = (
    Table("goals", NetworkGoal, "goal"),
    Table("organisation", OrganisationMember, "org"),
    Table("teams", Team, "team"),
    Table("memberships", Membership, "membership"),
    Table("invitations", Invitation, "invitation", skip=frozenset({"token_hash"})),
    Table("gatherings", Gathering, "gathering"),
    Table("programme_items", ProgrammeItem, "item", parent="gathering_id"),
    Table("registrations", Registration, "registration", parent="gathering_id"),
    Table("gathering_files", GatheringFile, "file", parent="gathering_id", skip=frozenset({"stored_name"})),
    Table("document_templates", DocumentTemplate, "template"),
    Table("template_versions", TemplateVersion, "template-version", parent="template_id"),
    Table("document_requests", DocumentRequest, "request"),
    Table("assignments", Assignment, "assignment", parent="request_id"),
    Table("submissions", Submission, "submission", parent="request_id"),
    Table("submission_versions", SubmissionVersion, "submission-version", parent="submission_id"),
    Table("comments", Comment, "comment", parent="submission_id"),
    Table("feedback_phrases", FeedbackPhrase, "phrase"),
    Table("sent_reminders", SentReminder, "reminder", parent="assignment_id"),
    Table("milestones", Milestone, "milestone"),
    Table("milestone_status_changes", MilestoneStatusChange, "milestone-change", parent="milestone_id"),
    Table("risks", Risk, "risk"),
    Table("activities", Activity, "activity"),
    Table("evaluation_questions", EvaluationQuestion, "evaluation-question"),
    Table("evaluation_question_versions", EvaluationQuestionVersion, "evaluation-version", parent="question_id"),
    Table("polls", Poll, "poll"),
    Table("poll_questions", PollQuestion, "poll-question", parent="poll_id"),
    Table("poll_participants", Participant, "participant", parent="poll_id"),
    Table("poll_answers", Answer, "answer", parent="question_id"),
    Table("poll_hidden_words", HiddenWord, "hidden-word", parent="question_id"),
    Table("reports", Report, "report", max_items=1),
    Table("report_sections", ReportSection, "report-section", parent="report_id"),
    Table("calendar_feeds", CalendarFeed, "calendar-feed", skip=frozenset({"token", "user_id"}), max_items=1),
)
ALL_TABLES: tuple[Table, ...] = (PEOPLE, *TABLES)
BY_TABLE_NAME: dict[str, Table] = {t.table.name: t for t in ALL_TABLES}
BY_NAME: dict[str, Table] = {t.name: t for t in ALL_TABLES}

# The network's own columns, exported under "settings".
SETTINGS = [c for c in Network.__table__.columns if not c.primary_key]


def reference_of(column: sa.Column) -> Table | None:
    """The list a foreign-key column points into, or None for a plain column."""
    for foreign_key in column.foreign_keys:
        return BY_TABLE_NAME.get(foreign_key.column.table.name)
    return None


def field_name(column: sa.Column) -> str:
    """«team_id» is written «team»: it holds a key, not an id."""
    return column.name.removesuffix("_id") if reference_of(column) is not None else column.name


def parent_of(table: Table) -> Table | None:
    if table.parent in ("", "network_id"):
        return None
    return reference_of(table.table.columns[table.parent])


# --- values ---------------------------------------------------------------------------------


def to_json(column: sa.Column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(kind, sa.DateTime):
        return utc_text(value)
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(kind, sa.LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def utc_text(moment: datetime) -> str:
    """A stored (naive UTC) time as ISO 8601 with «Z»."""
    return moment.isoformat() + "Z"


def from_json(column: sa.Column, value):
    """The Python value for a column; raises ValueError on a value the column cannot hold."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, sa.DateTime):
        return datetime.fromisoformat(value.removesuffix("Z"))
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    if isinstance(kind, sa.Time):
        return time.fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(value, validate=True)
    return value


def decode_file(content: str) -> bytes:
    return base64.b64decode(content, validate=True)


def encode_file(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
