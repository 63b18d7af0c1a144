from __future__ import annotations

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import OSLO, utcnow
from verksted.extensions import db, db_enum
from verksted.networks.models import Network, Team


class ItemKind(enum.StrEnum):
    TALK = "talk"
    GROUP_WITHIN = "group_within"  # group work inside each team
    GROUP_ACROSS = "group_across"  # group work across municipalities
    STANDS = "stands"
    OTHER = "other"


class Gathering(db.Model):
    """A samling: one day the teams of a network meet."""

    __tablename__ = "gatherings"
    __table_args__ = (sa.UniqueConstraint("network_id", "number"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    number: so.Mapped[int]
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    held_on: so.Mapped[date]
    starts_at: so.Mapped[time]
    ends_at: so.Mapped[time]
    venue: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    address: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    host_team_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="SET NULL"))
    host_name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")  # a host outside the network
    focus: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # the leader's summary afterwards
    registration_closes_on: so.Mapped[date | None]
    # Raised on every change calendar clients must notice (iCalendar SEQUENCE).
    sequence: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)

    network: so.Mapped[Network] = so.relationship()
    host_team: so.Mapped[Team | None] = so.relationship()
    programme: so.Mapped[list[ProgrammeItem]] = so.relationship(
        back_populates="gathering", cascade="all, delete-orphan",
        order_by="(ProgrammeItem.starts_at, ProgrammeItem.position, ProgrammeItem.id)",
    )
    registrations: so.Mapped[list[Registration]] = so.relationship(
        back_populates="gathering", cascade="all, delete-orphan"
    )
    files: so.Mapped[list[GatheringFile]] = so.relationship(
        back_populates="gathering", cascade="all, delete-orphan", order_by="GatheringFile.uploaded_at"
    )

    @property
    def host_label(self) -> str:
        return self.host_team.municipality if self.host_team else self.host_name

    @property
    def start(self) -> datetime:
        """When it starts, as an aware Oslo time."""
        return datetime.combine(self.held_on, self.starts_at, tzinfo=OSLO)

    @property
    def end(self) -> datetime:
        return datetime.combine(self.held_on, self.ends_at, tzinfo=OSLO)


class ProgrammeItem(db.Model):
    __tablename__ = "programme_items"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    gathering_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    starts_at: so.Mapped[time]
    ends_at: so.Mapped[time | None]
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    kind: so.Mapped[ItemKind] = so.mapped_column(db_enum(ItemKind), default=ItemKind.TALK)
    speaker: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    speaker_organisation: so.Mapped[str] = so.mapped_column(sa.String(200), default="")

    gathering: so.Mapped[Gathering] = so.relationship(back_populates="programme")


class Registration(db.Model):
    """One person from a team coming to a gathering, and afterwards whether they came."""

    __tablename__ = "registrations"
    __table_args__ = (sa.UniqueConstraint("gathering_id", "user_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    gathering_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    team_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    # A team member with an account, or (user_id empty) someone the team brings along.
    user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    job_title: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    dietary_needs: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    attended: so.Mapped[bool | None]  # None until the leader records who came
    registered_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    gathering: so.Mapped[Gathering] = so.relationship(back_populates="registrations")
    team: so.Mapped[Team] = so.relationship()
    user: so.Mapped[User | None] = so.relationship(foreign_keys=[user_id])


class GatheringFile(db.Model):
    """A presentation or handout; the bytes live under instance/uploads/."""

    __tablename__ = "gathering_files"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    gathering_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("gatherings.id", ondelete="CASCADE"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    filename: so.Mapped[str] = so.mapped_column(sa.String(255))
    stored_name: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    content_type: so.Mapped[str] = so.mapped_column(sa.String(120))
    size: so.Mapped[int]
    uploaded_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    gathering: so.Mapped[Gathering] = so.relationship(back_populates="files")
    uploaded_by: so.Mapped[User | None] = so.relationship()
