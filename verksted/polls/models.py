"""Live polls at gatherings, and the network's evaluation template they start from.

Who answered (`Participant`) is stored apart from what was answered (`Answer`): an answer
carries only a key derived from a secret that lives in the participant's own browser, one key
per question, so no row links a person to their answers, nor one answer to another.
"""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db, db_enum
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team


class QuestionKind(enum.StrEnum):
    SCALE = "scale"  # 1–5 or 1–10, labels at both ends, optional "don't know"
    SINGLE = "single"
    MULTIPLE = "multiple"  # with a maximum number of choices
    WORDS = "words"  # word cloud: one to three short words per person
    TEXT = "text"  # open answer
    RANKING = "ranking"  # order a list
    PROGRAMME = "programme"  # one scale per item of the gathering's programme

    @property
    def is_numeric(self) -> bool:
        return self in (QuestionKind.SCALE, QuestionKind.PROGRAMME)


class PollState(enum.StrEnum):
    DRAFT = "draft"  # being prepared; the code does not work yet
    LIVE = "live"  # the code works; questions are opened and closed one by one
    CLOSED = "closed"  # over; the code has expired, the results stay


class PollPace(enum.StrEnum):
    ONE = "one"  # participants see the question the presenter shows
    ALL = "all"  # participants see every open question at once


class QuestionState(enum.StrEnum):
    PENDING = "pending"
    OPEN = "open"
    CLOSED = "closed"


class EvaluationQuestion(db.Model):
    """A question of a network's evaluation template. It keeps its identity across gatherings,
    so its results can be compared; a new wording is a new version."""

    __tablename__ = "evaluation_questions"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    kind: so.Mapped[QuestionKind] = so.mapped_column(db_enum(QuestionKind))
    retired_at: so.Mapped[datetime | None]  # taken out of the template; earlier results stay
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    network: so.Mapped[Network] = so.relationship()
    versions: so.Mapped[list[EvaluationQuestionVersion]] = so.relationship(
        back_populates="question", cascade="all, delete-orphan", order_by="EvaluationQuestionVersion.number"
    )

    @property
    def current(self) -> EvaluationQuestionVersion:
        return self.versions[-1]


class EvaluationQuestionVersion(db.Model):
    __tablename__ = "evaluation_question_versions"
    __table_args__ = (sa.UniqueConstraint("question_id", "number"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    question_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("evaluation_questions.id", ondelete="CASCADE"), index=True
    )
    number: so.Mapped[int] = so.mapped_column(default=1)
    prompt: so.Mapped[str] = so.mapped_column(sa.String(500))
    settings: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    question: so.Mapped[EvaluationQuestion] = so.relationship(back_populates="versions")


class Poll(db.Model):
    """A set of questions answered live, at a gathering or at a workshop of its own."""

    __tablename__ = "polls"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    gathering_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("gatherings.id", ondelete="SET NULL"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    code: so.Mapped[str] = so.mapped_column(sa.String(8), unique=True)  # what participants type
    state: so.Mapped[PollState] = so.mapped_column(db_enum(PollState), default=PollState.DRAFT)
    pace: so.Mapped[PollPace] = so.mapped_column(db_enum(PollPace), default=PollPace.ONE)
    current_position: so.Mapped[int] = so.mapped_column(default=0)  # the question on the projector
    # Raised by every change the presenter makes (open, close, move, hide, show), so screens
    # can tell cheaply whether anything but the answers changed.
    version: so.Mapped[int] = so.mapped_column(default=0)
    opened_at: so.Mapped[datetime | None]
    closed_at: so.Mapped[datetime | None]
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    network: so.Mapped[Network] = so.relationship()
    gathering: so.Mapped[Gathering | None] = so.relationship()
    created_by: so.Mapped[User | None] = so.relationship()
    questions: so.Mapped[list[PollQuestion]] = so.relationship(
        back_populates="poll", cascade="all, delete-orphan", order_by="(PollQuestion.position, PollQuestion.id)"
    )

    @property
    def current_question(self) -> PollQuestion | None:
        if not self.questions:
            return None
        return self.questions[min(max(self.current_position, 0), len(self.questions) - 1)]


class PollQuestion(db.Model):
    __tablename__ = "poll_questions"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    poll_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    kind: so.Mapped[QuestionKind] = so.mapped_column(db_enum(QuestionKind))
    prompt: so.Mapped[str] = so.mapped_column(sa.String(500))
    settings: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    # Where it came from in the evaluation template, so gatherings can be compared.
    evaluation_question_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("evaluation_questions.id", ondelete="SET NULL"), index=True
    )
    question_version_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("evaluation_question_versions.id", ondelete="SET NULL")
    )
    state: so.Mapped[QuestionState] = so.mapped_column(db_enum(QuestionState), default=QuestionState.PENDING)
    results_visible: so.Mapped[bool] = so.mapped_column(default=True)
    opened_at: so.Mapped[datetime | None]
    closed_at: so.Mapped[datetime | None]

    poll: so.Mapped[Poll] = so.relationship(back_populates="questions")
    evaluation_question: so.Mapped[EvaluationQuestion | None] = so.relationship()
    question_version: so.Mapped[EvaluationQuestionVersion | None] = so.relationship()


class Participant(db.Model):
    """Someone who joined a poll: no name, only a hash of the secret in their browser."""

    __tablename__ = "poll_participants"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    poll_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    key_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    team_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    joined_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    # A short window of answers sent, to slow a flood from one device down.
    window_started_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    window_hits: so.Mapped[int] = so.mapped_column(default=0)

    team: so.Mapped[Team | None] = so.relationship()


class Answer(db.Model):
    """What one person answered to one question; `answer_key` is unique per question and
    cannot be traced back to the participant without the secret only their browser holds."""

    __tablename__ = "poll_answers"
    __table_args__ = (sa.UniqueConstraint("question_id", "answer_key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    question_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("poll_questions.id", ondelete="CASCADE"))
    answer_key: so.Mapped[str] = so.mapped_column(sa.String(64))
    value: so.Mapped[dict] = so.mapped_column(sa.JSON)
    team_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    hidden: so.Mapped[bool] = so.mapped_column(default=False)  # moderated off the screen, kept in the data
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    question: so.Mapped[PollQuestion] = so.relationship()
    team: so.Mapped[Team | None] = so.relationship()


class HiddenWord(db.Model):
    """A word moderated off a word cloud; the answers that hold it are kept."""

    __tablename__ = "poll_hidden_words"
    __table_args__ = (sa.UniqueConstraint("question_id", "word"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    question_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("poll_questions.id", ondelete="CASCADE"))
    word: so.Mapped[str] = so.mapped_column(sa.String(60))  # casefolded
    hidden_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    hidden_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class CodeAttempt(db.Model):
    """A code typed that matched no poll; many from one machine slow it down (guessing)."""

    __tablename__ = "poll_code_attempts"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    remote_addr: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, index=True)
