"""Planning documents: templates with versions, requests with deadlines, team submissions."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db, db_enum
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team


class DocumentKind(enum.StrEnum):
    HOVEDPLAN = "hovedplan"
    FREMDRIFTSPLAN = "fremdriftsplan"
    STATUSRAPPORT = "statusrapport"
    SLUTTRAPPORT = "sluttrapport"
    OTHER = "other"  # a kind the project leader names


class FieldKind(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"  # Markdown
    NUMBER = "number"
    DATE = "date"
    MEETING = "meeting"  # date + time + place
    LIST = "list"  # a list of items
    CHOICE = "choice"
    TABLE = "table"  # named columns, rows added by the team


class DocumentTemplate(db.Model):
    """A network's template for one kind of document. Its content lives in versions."""

    __tablename__ = "document_templates"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    kind: so.Mapped[DocumentKind] = so.mapped_column(db_enum(DocumentKind))
    kind_label: so.Mapped[str] = so.mapped_column(sa.String(120), default="")  # for DocumentKind.OTHER
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    position: so.Mapped[int] = so.mapped_column(default=0)
    archived_at: so.Mapped[datetime | None]
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    network: so.Mapped[Network] = so.relationship()
    versions: so.Mapped[list[TemplateVersion]] = so.relationship(
        back_populates="template", cascade="all, delete-orphan", order_by="TemplateVersion.number"
    )


class TemplateVersion(db.Model):
    """One frozen state of a template. A submission keeps the version it was written against.

    `sections` is a list of {"key", "heading", "guidance" (Markdown), "fields": [{"key", "label",
    "kind" (FieldKind), "help", "required", "choices", "columns", "carry"}]}; keys never change
    between versions, so answers and carried-forward fields can follow a section across versions.
    """

    __tablename__ = "template_versions"
    __table_args__ = (sa.UniqueConstraint("template_id", "number"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    template_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("document_templates.id", ondelete="CASCADE"), index=True
    )
    number: so.Mapped[int]
    introduction: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    length_guide: so.Mapped[str] = so.mapped_column(sa.String(200), default="")  # "høyst tre sider"
    word_budget: so.Mapped[int | None]  # shown to the writer as a live count
    sections: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    template: so.Mapped[DocumentTemplate] = so.relationship(back_populates="versions")


class DueRule(enum.StrEnum):
    FIXED = "fixed"  # a date
    BEFORE_GATHERING = "before_gathering"  # N days before a gathering; moves with it


class DocumentRequest(db.Model):
    """The project leader asks teams for a document by a deadline (an innlevering)."""

    __tablename__ = "document_requests"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    template_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("document_templates.id", ondelete="RESTRICT"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    instructions: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    due_rule: so.Mapped[DueRule] = so.mapped_column(db_enum(DueRule), default=DueRule.FIXED)
    due_on: so.Mapped[date]  # kept in step with the gathering for BEFORE_GATHERING
    gathering_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("gatherings.id", ondelete="SET NULL"), index=True)
    days_before: so.Mapped[int | None]
    period_from: so.Mapped[date | None]
    period_to: so.Mapped[date | None]
    series: so.Mapped[str] = so.mapped_column(sa.String(40), default="")  # requests made by one series action
    remind_days_before: so.Mapped[int] = so.mapped_column(default=7)  # 0: no reminder before the deadline
    shared_at: so.Mapped[datetime | None]  # every team may read every submission (erfaringsdeling)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    deleted_at: so.Mapped[datetime | None]

    network: so.Mapped[Network] = so.relationship()
    template: so.Mapped[DocumentTemplate] = so.relationship()
    gathering: so.Mapped[Gathering | None] = so.relationship()
    assignments: so.Mapped[list[Assignment]] = so.relationship(
        back_populates="request", cascade="all, delete-orphan"
    )
    submissions: so.Mapped[list[Submission]] = so.relationship(back_populates="request")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Assignment(db.Model):
    """A team asked for a request's document, with its own extended deadline if given one."""

    __tablename__ = "assignments"
    __table_args__ = (sa.UniqueConstraint("request_id", "team_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("document_requests.id", ondelete="CASCADE"), index=True)
    team_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    extended_to: so.Mapped[date | None]
    extension_reason: so.Mapped[str] = so.mapped_column(sa.String(500), default="")

    request: so.Mapped[DocumentRequest] = so.relationship(back_populates="assignments")
    team: so.Mapped[Team] = so.relationship()

    @property
    def due_on(self) -> date:
        return self.extended_to or self.request.due_on

    @property
    def network_id(self) -> int:
        return self.request.network_id


class SubmissionState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"  # sent back for revision
    APPROVED = "approved"


class Submission(db.Model):
    """A team's document for one request: answers by field key, saved as versions."""

    __tablename__ = "submissions"
    __table_args__ = (sa.UniqueConstraint("request_id", "team_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    request_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("document_requests.id", ondelete="CASCADE"), index=True)
    team_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    template_version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("template_versions.id", ondelete="RESTRICT"))
    state: so.Mapped[SubmissionState] = so.mapped_column(db_enum(SubmissionState), default=SubmissionState.DRAFT)
    answers: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    # Raised on every save; a save based on an older revision is refused, never silently merged.
    revision: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: so.Mapped[datetime | None]
    submitted_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    is_late: so.Mapped[bool] = so.mapped_column(default=False)
    decided_at: so.Mapped[datetime | None]  # returned or approved
    good_example: so.Mapped[bool] = so.mapped_column(default=False)
    ask_to_present: so.Mapped[bool] = so.mapped_column(default=False)
    shared_at: so.Mapped[datetime | None]

    request: so.Mapped[DocumentRequest] = so.relationship(back_populates="submissions")
    team: so.Mapped[Team] = so.relationship()
    template_version: so.Mapped[TemplateVersion] = so.relationship()
    updated_by: so.Mapped[User | None] = so.relationship(foreign_keys=[updated_by_id])
    submitted_by: so.Mapped[User | None] = so.relationship(foreign_keys=[submitted_by_id])
    versions: so.Mapped[list[SubmissionVersion]] = so.relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="SubmissionVersion.number"
    )
    comments: so.Mapped[list[Comment]] = so.relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="Comment.created_at"
    )

    @property
    def network_id(self) -> int:
        return self.request.network_id

    @property
    def is_shared(self) -> bool:
        """Shared with every team of the network (erfaringsdeling); drafts never are."""
        readable = self.state in (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
        return readable and (self.shared_at is not None or self.request.shared_at is not None)


class SubmissionVersion(db.Model):
    """What a submission held after one save, and who saved it."""

    __tablename__ = "submission_versions"
    __table_args__ = (sa.UniqueConstraint("submission_id", "number"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    submission_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    number: so.Mapped[int]
    answers: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    event: so.Mapped[str] = so.mapped_column(sa.String(20), default="save")  # save, submit, withdraw, return, approve
    saved_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    saved_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    submission: so.Mapped[Submission] = so.relationship(back_populates="versions")
    saved_by: so.Mapped[User | None] = so.relationship()


class CommentKind(enum.StrEnum):
    COMMENT = "comment"
    RETURNED = "returned"  # the message sent with a return for revision
    APPROVED = "approved"


class Comment(db.Model):
    """The project leader's feedback on a whole document or one section of it."""

    __tablename__ = "comments"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    submission_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    section_key: so.Mapped[str | None] = so.mapped_column(sa.String(40))  # None: the whole document
    kind: so.Mapped[CommentKind] = so.mapped_column(db_enum(CommentKind), default=CommentKind.COMMENT)
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    author_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    submission: so.Mapped[Submission] = so.relationship(back_populates="comments")
    author: so.Mapped[User | None] = so.relationship()


class FeedbackPhrase(db.Model):
    """A sentence the project leader often writes in feedback."""

    __tablename__ = "feedback_phrases"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    text: so.Mapped[str] = so.mapped_column(sa.String(1000))
    position: so.Mapped[int] = so.mapped_column(default=0)


class ReminderKind(enum.StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class SentReminder(db.Model):
    """One reminder e-mail sent; the unique key makes sure it is never sent twice."""

    __tablename__ = "sent_reminders"
    __table_args__ = (sa.UniqueConstraint("assignment_id", "user_id", "kind", "due_on"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    assignment_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("assignments.id", ondelete="CASCADE"), index=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: so.Mapped[ReminderKind] = so.mapped_column(db_enum(ReminderKind))
    due_on: so.Mapped[date]  # the deadline reminded of; a moved deadline may be reminded of again
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    sent_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    assignment: so.Mapped[Assignment] = so.relationship()
    user: so.Mapped[User] = so.relationship()
