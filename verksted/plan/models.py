"""The project plan: milestones with their history, risks and main activities."""
from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db, db_enum
from verksted.networks.models import Network


class MilestoneStatus(enum.StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PARTLY = "partly"  # delvis
    DONE = "done"


class Milestone(db.Model):
    __tablename__ = "milestones"
    __table_args__ = (sa.UniqueConstraint("network_id", "code"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(12))  # M1, M2 …
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    responsible: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    # Months are stored as their first day.
    starts_in: so.Mapped[date]
    ends_in: so.Mapped[date]
    status: so.Mapped[MilestoneStatus] = so.mapped_column(db_enum(MilestoneStatus), default=MilestoneStatus.NOT_STARTED)
    position: so.Mapped[int] = so.mapped_column(default=0)

    network: so.Mapped[Network] = so.relationship()
    history: so.Mapped[list[MilestoneStatusChange]] = so.relationship(
        back_populates="milestone", cascade="all, delete-orphan",
        order_by="(MilestoneStatusChange.changed_on, MilestoneStatusChange.id)",
    )


class MilestoneStatusChange(db.Model):
    """A milestone's status from a date on, with the leader's note."""

    __tablename__ = "milestone_status_changes"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    milestone_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("milestones.id", ondelete="CASCADE"), index=True)
    status: so.Mapped[MilestoneStatus] = so.mapped_column(db_enum(MilestoneStatus))
    note: so.Mapped[str] = so.mapped_column(sa.String(1000), default="")
    changed_on: so.Mapped[date]
    changed_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    milestone: so.Mapped[Milestone] = so.relationship(back_populates="history")
    changed_by: so.Mapped[User | None] = so.relationship()


class RiskKind(enum.StrEnum):
    INTERNAL = "internal"
    EXTERNAL = "external"


class RiskStatus(enum.StrEnum):
    OPEN = "open"
    HANDLED = "handled"  # counter-measure in place
    CLOSED = "closed"


class Risk(db.Model):
    __tablename__ = "risks"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    kind: so.Mapped[RiskKind] = so.mapped_column(db_enum(RiskKind), default=RiskKind.INTERNAL)
    description: so.Mapped[str] = so.mapped_column(sa.Text)
    likelihood: so.Mapped[int] = so.mapped_column(default=2)  # 1 low – 3 high
    consequence: so.Mapped[int] = so.mapped_column(default=2)  # 1 low – 3 high
    counter_measure: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    owner: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    status: so.Mapped[RiskStatus] = so.mapped_column(db_enum(RiskStatus), default=RiskStatus.OPEN)
    position: so.Mapped[int] = so.mapped_column(default=0)

    network: so.Mapped[Network] = so.relationship()

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence


class Activity(db.Model):
    """A main activity of the project plan."""

    __tablename__ = "activities"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    purpose: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    sub_tasks: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # one per line
    responsible: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    period: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    position: so.Mapped[int] = so.mapped_column(default=0)

    network: so.Mapped[Network] = so.relationship()

    @property
    def sub_task_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.sub_tasks.splitlines() if line.strip(" -•\t")]
