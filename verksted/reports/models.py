"""The pilot's project report: one per network, with ordered sections.

A section is either narrative (Markdown the leader writes) or generated from the network's
data when the report is drawn; its `options` say what the data section shows (which questions,
which quotes, which template fields feed which column, a cell's text edited for the report).
Nothing in a generated section is copied at write time, so the report follows the data.
"""
from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.extensions import db, db_enum
from verksted.networks.models import Network


class SectionSource(enum.StrEnum):
    NARRATIVE = "narrative"  # Markdown written in the browser
    ORGANISATION = "organisation"  # project leader, steering group, working group
    TEAMS = "teams"  # participating municipalities, withdrawn ones with date and reason
    GATHERINGS = "gatherings"  # number, month, place, host, focus, speakers
    EVALUATION = "evaluation"  # chosen questions across gatherings, and picked quotes
    RESULTS = "results"  # Kommune | Hovedmål | Tiltak | Resultater from each sluttrapport
    FURTHER_WORK = "further_work"  # Kommune | Videre oppgaver from each sluttrapport
    MILESTONES = "milestones"  # the month grid of the milestone plan
    RISKS = "risks"  # the risk register
    TEMPLATES = "templates"  # appendices: the templates used, as blank forms


class Report(db.Model):
    """The network's project report: its front page and the outline of its sections."""

    __tablename__ = "reports"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    network_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("networks.id", ondelete="CASCADE"), unique=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(300))
    subtitle: so.Mapped[str] = so.mapped_column(sa.String(300), default="")
    owner: so.Mapped[str] = so.mapped_column(sa.String(300), default="")  # who publishes it
    period: so.Mapped[str] = so.mapped_column(sa.String(120), default="")  # «2024–2026»
    logo: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary)  # PNG or JPEG, checked on upload
    logo_type: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    revision: so.Mapped[int] = so.mapped_column(default=0)  # a save based on an older one is refused
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    network: so.Mapped[Network] = so.relationship()
    updated_by: so.Mapped[User | None] = so.relationship()
    sections: so.Mapped[list[ReportSection]] = so.relationship(
        back_populates="report", order_by="ReportSection.position", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Report {self.title!r}>"


class ReportSection(db.Model):
    __tablename__ = "report_sections"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    report_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    source: so.Mapped[SectionSource] = so.mapped_column(db_enum(SectionSource), default=SectionSource.NARRATIVE)
    body: so.Mapped[str] = so.mapped_column(sa.Text, default="")  # Markdown; data sections: an introduction
    options: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    revision: so.Mapped[int] = so.mapped_column(default=0)
    updated_at: so.Mapped[datetime] = so.mapped_column(default=utcnow, onupdate=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))

    report: so.Mapped[Report] = so.relationship(back_populates="sections")
    updated_by: so.Mapped[User | None] = so.relationship()

    @property
    def is_narrative(self) -> bool:
        return self.source is SectionSource.NARRATIVE

    def __repr__(self) -> str:
        return f"<ReportSection {self.position} {self.title!r}>"
