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
from verksted.networks.models import Membership, Network, Role, Team


class Action(enum.StrEnum):
    ADMINISTER = "platform.administer"  # create networks and project leaders
    VIEW_NETWORK = "network.view"  # the network's public parts
    MANAGE_NETWORK = "network.manage"  # settings, organisation, teams, invitations
    VIEW_PEOPLE = "network.people"  # everyone in the network with their addresses
    VIEW_TEAM = "team.view"
    MANAGE_TEAM = "team.manage"


def memberships() -> dict[int, Membership]:
    """The signed-in person's memberships by network id, loaded once per request."""
    if not current_user.is_authenticated:
        return {}
    if "memberships" not in g:
        rows = db.session.scalars(sa.select(Membership).where(Membership.user_id == current_user.id))
        g.memberships = {m.network_id: m for m in rows}
    return g.memberships


def _network_of(target) -> Network | int | None:
    if isinstance(target, Network):
        return target
    if isinstance(target, Team):
        return target.network_id
    return None


def _network_id(target) -> int | None:
    network = _network_of(target)
    return network.id if isinstance(network, Network) else network


def can(action: Action, target=None, user=None) -> bool:
    user = user or current_user
    if not user.is_authenticated:
        return False
    if user.is_admin:
        return True
    if action is Action.ADMINISTER:
        return False
    membership = memberships().get(_network_id(target)) if user is current_user else _membership(user, target)
    if membership is None:
        return False
    role = membership.role
    if action is Action.VIEW_NETWORK:
        return True
    if action in (Action.MANAGE_NETWORK, Action.MANAGE_TEAM):
        return role is Role.FACILITATOR
    if action is Action.VIEW_PEOPLE:
        return role in (Role.FACILITATOR, Role.OBSERVER)
    if action is Action.VIEW_TEAM:
        return role in (Role.FACILITATOR, Role.OBSERVER) or membership.team_id == target.id
    return False


def _membership(user, target) -> Membership | None:
    return db.session.scalar(
        sa.select(Membership).where(Membership.user_id == user.id, Membership.network_id == _network_id(target))
    )


def authorize(action: Action, target=None) -> None:
    """Stop the request unless the signed-in person may do `action` on `target`."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if can(action, target):
        return
    if action is Action.ADMINISTER or not can(Action.VIEW_NETWORK, target):
        abort(404)
    abort(403)


def role_in(network: Network) -> Role | None:
    membership = memberships().get(network.id)
    return membership.role if membership else None
