"""What the API reads: the caller's networks and a network's things, a page at a time, in a
stable order, with the same rules as the pages (verksted.permissions)."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from verksted.accounts.models import User
from verksted.documents.models import DocumentRequest, Submission, SubmissionState
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Membership, Network, Team
from verksted.permissions import Action, can
from verksted.plan.models import Milestone

PER_PAGE = 20
PER_PAGE_MAX = 100


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int


def paginate(query: sa.Select, page: int, per_page: int) -> Page:
    """One page of `query` (already ordered) and how many there are in all: two queries."""
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items, page, per_page, total)


def networks_of(user: User) -> sa.Select:
    query = sa.select(Network).order_by(Network.id)
    if user.is_admin:
        return query
    return query.where(Network.id.in_(sa.select(Membership.network_id).where(Membership.user_id == user.id)))


def teams_of(network: Network) -> sa.Select:
    return sa.select(Team).where(Team.network_id == network.id).order_by(Team.municipality, Team.id)


def gatherings_of(network: Network) -> sa.Select:
    return sa.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.held_on, Gathering.id)


def requests_of(network: Network) -> sa.Select:
    return (
        sa.select(DocumentRequest)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
        .options(selectinload(DocumentRequest.template))
        .order_by(DocumentRequest.due_on, DocumentRequest.id)
    )


def milestones_of(network: Network) -> sa.Select:
    return sa.select(Milestone).where(Milestone.network_id == network.id).order_by(
        Milestone.position, Milestone.starts_in, Milestone.id)


def live_request(request_id: int) -> DocumentRequest | None:
    request = db.session.get(DocumentRequest, request_id)
    return None if request is None or request.is_deleted else request


def visible_submissions(request: DocumentRequest, user: User) -> sa.Select:
    """The request's submissions `user` may read (Action.VIEW_SUBMISSION, said in SQL): all of them
    for leaders and observers; otherwise the own team's and those shared with every team."""
    query = sa.select(Submission).where(Submission.request_id == request.id).order_by(Submission.id)
    if can(Action.READ_ALL, request.network, user=user):
        return query
    membership = db.session.scalar(
        sa.select(Membership).where(Membership.user_id == user.id, Membership.network_id == request.network_id)
    )
    own_team = membership.team_id if membership is not None else None
    shared = sa.and_(
        Submission.state.in_((SubmissionState.SUBMITTED, SubmissionState.APPROVED)),
        sa.or_(Submission.shared_at.is_not(None), sa.literal(request.shared_at is not None)),
    )
    return query.where(sa.or_(Submission.team_id == own_team, shared))
