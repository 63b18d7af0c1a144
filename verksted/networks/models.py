from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db, db_enum


class Role(enum.StrEnum):
    FACILITATOR = "facilitator"
    OBSERVER = "observer"
    TEAM_MEMBER = "team_member"


class TeamStatus(enum.StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class OrgGroup(enum.StrEnum):
    STEERING = "steering"
    WORKING = "working"
    REFERENCE = "reference"


class Network(db.Model):
    """A læringsnettverk: the municipalities, gatherings and documents of one cycle."""

    __tablename__ = "networks"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    owner_organisation: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    starts_on: so.Mapped[date | None]
    ends_on: so.Mapped[date | None]
    main_goal: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    goals: so.Mapped[list[NetworkGoal]] = so.relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="NetworkGoal.position"
    )
    organisation: so.Mapped[list[OrganisationMember]] = so.relationship(
        back_populates="network",
        cascade="all, delete-orphan",
        order_by="(OrganisationMember.group, OrganisationMember.position, OrganisationMember.id)",
    )
    teams: so.Mapped[list[Team]] = so.relationship(
        back_populates="network", cascade="all, delete-orphan", order_by="Team.municipality"
    )
    memberships: so.Mapped[list[Membership]] = so.relationship(
        back_populates="network", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Network {self.name!r}>"


class NetworkGoal(db.Model):
    """One delmål of the network's hovedmål."""

    __tablename__ = "network_goals"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    text: so.Mapped[str] = so.mapped_column(sa.String(500))

    network: so.Mapped[Network] = so.relationship(back_populates="goals")


class OrganisationMember(db.Model):
    """A person in the steering, working or reference group; needs no account."""

    __tablename__ = "organisation_members"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    group: so.Mapped[OrgGroup] = so.mapped_column(db_enum(OrgGroup))
    position: so.Mapped[int] = so.mapped_column(default=0)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    role: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    organisation: so.Mapped[str] = so.mapped_column(sa.String(200), default="")

    network: so.Mapped[Network] = so.relationship(back_populates="organisation")


class Team(db.Model):
    """A kommuneteam: the people from one municipality taking part in the network."""

    __tablename__ = "teams"
    __table_args__ = (sa.UniqueConstraint("network_id", "municipality"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    municipality: so.Mapped[str] = so.mapped_column(sa.String(120))
    municipality_number: so.Mapped[str | None] = so.mapped_column(sa.String(4))
    status: so.Mapped[TeamStatus] = so.mapped_column(db_enum(TeamStatus), default=TeamStatus.ACTIVE)
    withdrawn_on: so.Mapped[date | None]
    withdrawal_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    contact_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    network: so.Mapped[Network] = so.relationship(back_populates="teams")
    contact: so.Mapped[User | None] = so.relationship()
    members: so.Mapped[list[Membership]] = so.relationship(back_populates="team")

    @property
    def is_withdrawn(self) -> bool:
        return self.status == TeamStatus.WITHDRAWN

    def __repr__(self) -> str:
        return f"<Team {self.municipality!r}>"


class Membership(db.Model):
    """A person's one role in one network; team members belong to one team."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "network_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    role: so.Mapped[Role] = so.mapped_column(db_enum(Role))
    team_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    is_group_leader: so.Mapped[bool] = so.mapped_column(default=False)
    team_role: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)

    user: so.Mapped[User] = so.relationship(back_populates="memberships")
    network: so.Mapped[Network] = so.relationship(back_populates="memberships")
    team: so.Mapped[Team | None] = so.relationship(back_populates="members")


class Invitation(db.Model):
    """An e-mailed, single-use, expiring offer of a role in a network."""

    __tablename__ = "invitations"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("networks.id", ondelete="CASCADE"), index=True)
    email: so.Mapped[str] = so.mapped_column(sa.String(254))
    name: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    role: so.Mapped[Role] = so.mapped_column(db_enum(Role))
    team_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("teams.id", ondelete="CASCADE"))
    is_group_leader: so.Mapped[bool] = so.mapped_column(default=False)
    team_role: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    invited_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: so.Mapped[datetime] = so.mapped_column(default=utcnow)
    expires_at: so.Mapped[datetime]
    accepted_at: so.Mapped[datetime | None]
    revoked_at: so.Mapped[datetime | None]

    network: so.Mapped[Network] = so.relationship()
    team: so.Mapped[Team | None] = so.relationship()
    invited_by: so.Mapped[User | None] = so.relationship()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > utcnow()
