"""What the data sections of one report read, each kind loaded once, the first time a section
needs it; and the small helpers the builders share to make table cells.

A report of sixty teams and six gatherings costs the same queries as one of two teams and one
gathering: every loader reads a whole kind of data in one or two queries.
"""
from __future__ import annotations

from functools import cached_property

import sqlalchemy as sa
import sqlalchemy.orm as so

from verksted.accounts.models import User
from verksted.documents.exports import markdown_blocks as mb
from verksted.documents.exports.content import DELIVERED, _sort_key
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, Submission
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Membership, Network, OrganisationMember, Role, Team
from verksted.plan import services as plan_services
from verksted.plan.models import Milestone, Risk
from verksted.polls.evaluation import Evaluation, network_evaluation
from verksted.polls.models import EvaluationQuestion


class Context:
    """The network's data for one drawing of its report, and what the leader may want to fill in."""

    def __init__(self, network: Network, checklist_only: bool = False):
        self.network = network
        self.checklist_only = checklist_only  # only `missing` is wanted: charts are not drawn
        self.missing: list[str] = []
        self._submissions: dict[int, dict[int, Submission]] = {}

    @cached_property
    def teams(self) -> list[Team]:
        """Every team, withdrawn ones too, in Norwegian alphabetical order."""
        teams = db.session.scalars(sa.select(Team).where(Team.network_id == self.network.id))
        return sorted(teams, key=lambda team: (_sort_key(team.municipality), team.id))

    @property
    def active_teams(self) -> list[Team]:
        return [team for team in self.teams if not team.is_withdrawn]

    @cached_property
    def project_leaders(self) -> list[User]:
        return list(db.session.scalars(
            sa.select(User).join(Membership, Membership.user_id == User.id)
            .where(Membership.network_id == self.network.id, Membership.role == Role.FACILITATOR)
            .order_by(Membership.created_at, Membership.id)
        ))

    @cached_property
    def organisation(self) -> list[OrganisationMember]:
        return list(db.session.scalars(
            sa.select(OrganisationMember).where(OrganisationMember.network_id == self.network.id)
            .order_by(OrganisationMember.position, OrganisationMember.id)
        ))

    @cached_property
    def gatherings(self) -> list[Gathering]:
        """With their programme and host team."""
        return list(db.session.scalars(
            sa.select(Gathering).where(Gathering.network_id == self.network.id)
            .order_by(Gathering.number, Gathering.id)
            .options(so.selectinload(Gathering.programme), so.joinedload(Gathering.host_team))
        ))

    @cached_property
    def evaluation(self) -> Evaluation:
        return network_evaluation(self.network)

    @cached_property
    def has_evaluation_template(self) -> bool:
        if not self.checklist_only:
            return self.evaluation.has_template
        return db.session.scalar(sa.select(sa.exists().where(EvaluationQuestion.network_id == self.network.id)))

    @cached_property
    def final_requests(self) -> list[DocumentRequest]:
        return final_requests(self.network)

    def final_reports(self, request: DocumentRequest) -> dict[int, Submission]:
        """Each team's delivered document for this request, by team id, with its template version."""
        if request.id not in self._submissions:
            self._submissions[request.id] = {
                submission.team_id: submission
                for submission in db.session.scalars(
                    sa.select(Submission).where(Submission.request_id == request.id, Submission.state.in_(DELIVERED))
                    .options(so.joinedload(Submission.template_version))
                )
            }
        return self._submissions[request.id]

    @cached_property
    def milestones(self) -> list[Milestone]:
        return plan_services.milestones_of(self.network, with_history=True)

    @cached_property
    def risks(self) -> list[Risk]:
        return plan_services.risks_of(self.network)

    @cached_property
    def templates(self) -> list[DocumentTemplate]:
        """Every template of the network with its versions, in the network's order."""
        return list(db.session.scalars(
            sa.select(DocumentTemplate).where(DocumentTemplate.network_id == self.network.id)
            .order_by(DocumentTemplate.position, DocumentTemplate.id)
            .options(so.selectinload(DocumentTemplate.versions))
        ))

    @cached_property
    def requested_template_ids(self) -> set[int]:
        """The templates a request of the network used."""
        return set(db.session.scalars(
            sa.select(DocumentRequest.template_id).where(
                DocumentRequest.network_id == self.network.id, DocumentRequest.deleted_at.is_(None)
            )
        ))


def final_requests(network: Network) -> list[DocumentRequest]:
    """The network's requests for a sluttrapport, the newest first."""
    return list(db.session.scalars(
        sa.select(DocumentRequest)
        .join(DocumentTemplate, DocumentTemplate.id == DocumentRequest.template_id)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
               DocumentTemplate.kind == DocumentKind.SLUTTRAPPORT)
        .order_by(DocumentRequest.due_on.desc(), DocumentRequest.id.desc())
    ))


# --- cells --------------------------------------------------------------------------------


def text_cell(text: str | None) -> list:
    """Plain text as a cell's blocks; an empty cell for nothing."""
    spans = mb.plain((text or "").strip())
    return [mb.Paragraph(spans)] if spans else []


def lines_cell(lines: list[str]) -> list:
    """Several short lines in one paragraph, one under the other."""
    spans: list[mb.Span] = []
    for line in lines:
        if spans:
            spans.append(mb.Span("\n"))
        spans += mb.plain(line)
    return [mb.Paragraph(spans)] if spans else []


def heading(text: str, level: int = 2) -> mb.Heading:
    return mb.Heading(level, mb.plain(text))


def options_of(section) -> dict:
    """A section's options as a dict, whatever was stored."""
    return section.options if isinstance(section.options, dict) else {}
