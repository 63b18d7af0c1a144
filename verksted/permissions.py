"""Who may do what: the one place that decides.

Views call `authorize(action, target)`. A visitor who is not signed in is sent to sign in;
one who may not even know the target exists gets 404; one who may see it but not do the
action gets 403.
"""
from __future__ import annotations

import enum

import sqlalchemy as sa
from flask import abort, g
from flask_login import current_user

from verksted.extensions import db, login_manager
from verksted.networks.models import Membership, Network, Role


class Action(enum.StrEnum):
    ADMINISTER = "platform.administer"  # create networks and project leaders
    VIEW_NETWORK = "network.view"  # the network's shared parts: goals, teams, gatherings, plan, files
    MANAGE_NETWORK = "network.manage"  # settings, organisation, gatherings, plan, invitations
    VIEW_PEOPLE = "network.people"  # everyone in the network with their addresses
    VIEW_TEAM = "team.view"
    MANAGE_TEAM = "team.manage"
    REGISTER_TEAM = "team.register"  # sign a team's people up for gatherings
    VIEW_REGISTRATIONS = "gathering.registrations"  # who comes, with dietary needs
    VIEW_SUBMISSION = "submission.view"  # a team's own documents, shared ones, or all for readers
    EDIT_SUBMISSION = "submission.edit"  # the team's members write their own documents
    REVIEW = "documents.review"  # templates, requests, feedback, approval, sharing
    READ_ALL = "documents.read_all"  # every team's delivered documents at once: leaders and observers
    RUN_POLLS = "polls.run"  # build polls and the evaluation template, present, moderate
    VIEW_POLL_RESULTS = "polls.results"  # results, exports and the evaluation across gatherings
    WRITE_REPORT = "report.write"  # compose the project report: outline, text, data options
    READ_REPORT = "report.read"  # preview and download the project report
    EXPORT_NETWORK = "network.export"  # the whole network as an archive, every team's words in it
    START_NEXT_CYCLE = "network.next_cycle"  # a new network from this one's templates and plan


def memberships() -> dict[int, Membership]:
    """The signed-in person's memberships by network id, loaded once per request."""
    if not current_user.is_authenticated:
        return {}
    if "memberships" not in g:
        rows = db.session.scalars(sa.select(Membership).where(Membership.user_id == current_user.id))
        g.memberships = {m.network_id: m for m in rows}
    return g.memberships


def _network_id(target) -> int | None:
    if isinstance(target, Network):
        return target.id
    return getattr(target, "network_id", None)


def _membership(user, target) -> Membership | None:
    if user is current_user._get_current_object():
        return memberships().get(_network_id(target))
    return db.session.scalar(
        sa.select(Membership).where(Membership.user_id == user.id, Membership.network_id == _network_id(target))
    )


_LEADS = (Role.FACILITATOR,)
_READS_ALL = (Role.FACILITATOR, Role.OBSERVER)

# For each action: may this membership do it to this target?
_POLICY = {
    Action.VIEW_NETWORK: lambda m, target: True,
    Action.MANAGE_NETWORK: lambda m, target: m.role in _LEADS,
    Action.VIEW_PEOPLE: lambda m, target: m.role in _READS_ALL,
    Action.VIEW_TEAM: lambda m, team: m.role in _READS_ALL or m.team_id == team.id,
    Action.MANAGE_TEAM: lambda m, team: m.role in _LEADS,
    Action.REGISTER_TEAM: lambda m, team: m.role in _LEADS or (m.team_id == team.id and m.is_group_leader),
    Action.VIEW_REGISTRATIONS: lambda m, gathering: m.role in _READS_ALL
    or (m.team_id is not None and m.team_id == gathering.host_team_id),
    # Teams never see another team's draft or unshared document; observers read everything.
    Action.VIEW_SUBMISSION: lambda m, submission: m.role in _READS_ALL
    or m.team_id == submission.team_id
    or submission.is_shared,
    Action.EDIT_SUBMISSION: lambda m, submission: m.role is Role.TEAM_MEMBER and m.team_id == submission.team_id,
    Action.REVIEW: lambda m, target: m.role in _LEADS,
    Action.READ_ALL: lambda m, target: m.role in _READS_ALL,
    Action.RUN_POLLS: lambda m, target: m.role in _LEADS,
    Action.VIEW_POLL_RESULTS: lambda m, target: m.role in _READS_ALL,
    Action.WRITE_REPORT: lambda m, target: m.role in _LEADS,
    Action.READ_REPORT: lambda m, target: m.role in _READS_ALL,
    Action.EXPORT_NETWORK: lambda m, target: m.role in _LEADS,
    Action.START_NEXT_CYCLE: lambda m, target: m.role in _LEADS,
}


def can(action: Action, target=None, user=None) -> bool:
    user = user or current_user._get_current_object()
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if action is Action.ADMINISTER:
        return False
    membership = _membership(user, target)
    return membership is not None and _POLICY[action](membership, target)


def authorize(action: Action, target=None) -> None:
    """Stop the request unless the signed-in person may do `action` on `target`."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if can(action, target):
        return
    if action is Action.ADMINISTER or not can(Action.VIEW_NETWORK, target):
        abort(404)
    abort(403)


def may_import_networks(user=None) -> bool:
    """Importing an archive makes a new network: for admins and anyone who leads a network."""
    user = user or current_user._get_current_object()
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    return db.session.scalar(
        sa.select(sa.exists().where(Membership.user_id == user.id, Membership.role.in_(_LEADS)))
    )


def role_in(network: Network) -> Role | None:
    membership = memberships().get(network.id)
    return membership.role if membership else None
