"""Networks, their organisation, municipal teams, memberships and invitations."""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _

from verksted import mail
from verksted.accounts.models import User
from verksted.accounts.services import normalise_email, user_by_email
from verksted.accounts.tokens import hash_token, new_token
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import (
    Invitation,
    Membership,
    Network,
    NetworkGoal,
    OrganisationMember,
    OrgGroup,
    Role,
    Team,
    TeamStatus,
)

NETWORK_FIELDS = ("name", "description", "owner_organisation", "starts_on", "ends_on", "main_goal")


def _check_period(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(_("Sluttdatoen kan ikke være før startdatoen."), field="ends_on")


def create_network(data: dict, goals: list[str]) -> Network:
    _check_period(data.get("starts_on"), data.get("ends_on"))
    network = Network(**{key: data[key] for key in NETWORK_FIELDS if key in data})
    db.session.add(network)
    set_goals(network, goals)
    from verksted.documents.starter import add_starter_templates  # documents builds on networks: import late

    add_starter_templates(network)
    return network


def update_network(network: Network, data: dict, goals: list[str]) -> None:
    _check_period(data.get("starts_on"), data.get("ends_on"))
    for key in NETWORK_FIELDS:
        if key in data:
            setattr(network, key, data[key])
    set_goals(network, goals)


def set_goals(network: Network, goals: list[str]) -> None:
    """Replace the network's delmål with these, in this order."""
    texts = [text.strip() for text in goals if text.strip()]
    existing = list(network.goals)
    for position, text in enumerate(texts):
        if position < len(existing):
            existing[position].text, existing[position].position = text, position
        else:
            network.goals.append(NetworkGoal(text=text, position=position))
    for goal in existing[len(texts):]:
        network.goals.remove(goal)


def add_organisation_member(network: Network, group: OrgGroup, name: str, role: str, organisation: str) -> OrganisationMember:
    position = 1 + max((m.position for m in network.organisation if m.group == group), default=-1)
    member = OrganisationMember(group=group, name=name, role=role, organisation=organisation, position=position)
    network.organisation.append(member)
    return member


def move_organisation_member(member: OrganisationMember, step: int) -> None:
    """Swap a person with the one above (step -1) or below (+1) in the same group."""
    same_group = [m for m in member.network.organisation if m.group == member.group]
    same_group.sort(key=lambda m: (m.position, m.id))
    index = same_group.index(member)
    other = index + step
    if 0 <= other < len(same_group):
        same_group[index], same_group[other] = same_group[other], same_group[index]
    for position, person in enumerate(same_group):
        person.position = position


def _check_unique_municipality(network: Network, municipality: str, team: Team | None = None) -> None:
    clash = db.session.scalar(
        sa.select(Team.id).where(
            Team.network_id == network.id,
            sa.func.lower(Team.municipality) == municipality.lower(),
            Team.id != (team.id if team else -1),
        )
    )
    if clash:
        raise Refused(_("%(name)s har allerede et team i dette nettverket.", name=municipality), field="municipality")


def create_team(network: Network, municipality: str, municipality_number: str | None) -> Team:
    _check_unique_municipality(network, municipality)
    team = Team(network=network, municipality=municipality, municipality_number=municipality_number or None)
    db.session.add(team)
    return team


def update_team(team: Team, municipality: str, municipality_number: str | None, contact_user_id: int | None) -> None:
    _check_unique_municipality(team.network, municipality, team)
    if contact_user_id and contact_user_id not in {m.user_id for m in team.members}:
        raise Refused(_("Kontaktpersonen må være medlem av teamet."), field="contact_user_id")
    team.municipality = municipality
    team.municipality_number = municipality_number or None
    team.contact_user_id = contact_user_id or None


def withdraw_team(team: Team, withdrawn_on: date, reason: str) -> None:
    network = team.network
    if network.starts_on and withdrawn_on < network.starts_on:
        raise Refused(_("Datoen kan ikke være før nettverket startet."), field="withdrawn_on")
    team.status = TeamStatus.WITHDRAWN
    team.withdrawn_on = withdrawn_on
    team.withdrawal_reason = reason


def reactivate_team(team: Team) -> None:
    team.status = TeamStatus.ACTIVE
    team.withdrawn_on = None
    team.withdrawal_reason = ""


def _check_team_role(network: Network, role: Role, team: Team | None) -> None:
    if role is Role.TEAM_MEMBER:
        if team is None or team.network_id != network.id:
            raise Refused(_("Velg hvilket kommuneteam personen skal være med i."), field="team_id")
    elif team is not None:
        raise Refused(_("Bare teammedlemmer hører til et kommuneteam."), field="team_id")


def invite(
    network: Network,
    email: str,
    name: str,
    role: Role,
    team: Team | None,
    invited_by: User,
    is_group_leader: bool = False,
    team_role: str = "",
) -> Invitation:
    """Create an invitation and e-mail its single-use link."""
    email = normalise_email(email)
    _check_team_role(network, role, team)
    existing = user_by_email(email)
    if existing is not None and any(m.network_id == network.id for m in existing.memberships):
        raise Refused(_("%(email)s er allerede med i dette nettverket.", email=email), field="email")
    pending = db.session.scalar(
        sa.select(Invitation).where(
            Invitation.network_id == network.id,
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
    )
    if pending is not None:
        raise Refused(
            _("%(email)s er allerede invitert. Send invitasjonen på nytt fra personlisten om den har kommet bort.", email=email),
            field="email",
        )
    invitation = Invitation(
        network=network,
        email=email,
        name=name,
        role=role,
        team=team if role is Role.TEAM_MEMBER else None,
        is_group_leader=is_group_leader and role is Role.TEAM_MEMBER,
        team_role=team_role if role is Role.TEAM_MEMBER else "",
        invited_by=invited_by,
        token_hash="",
        expires_at=utcnow(),
    )
    db.session.add(invitation)
    _send_invitation(invitation)
    return invitation


def resend_invitation(invitation: Invitation) -> None:
    """A fresh link and a new period of validity; the old link stops working."""
    if invitation.accepted_at is not None:
        raise Refused(_("Invitasjonen er allerede tatt imot."))
    invitation.revoked_at = None
    _send_invitation(invitation)


def revoke_invitation(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise Refused(_("Invitasjonen er allerede tatt imot."))
    invitation.revoked_at = utcnow()


def _send_invitation(invitation: Invitation) -> None:
    token, invitation.token_hash = new_token()
    days = current_app.config["INVITATION_VALID_DAYS"]
    invitation.expires_at = utcnow() + timedelta(days=days)
    link = current_app.config["VERKSTED_BASE_URL"] + url_for("networks.accept_invitation", token=token)
    mail.send_after_commit(
        mail.compose(
            invitation.email,
            _("Invitasjon til %(network)s i Verksted", network=invitation.network.name),
            "invitation",
            to_name=invitation.name,
            invitation=invitation,
            link=link,
            days=days,
            role_label=role_label(invitation.role),
        )
    )


def invitation_for(token: str) -> Invitation:
    """The open invitation behind a link, or a clear reason why it cannot be used."""
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == hash_token(token)))
    if invitation is None:
        raise Refused(_("Invitasjonslenken er ugyldig. Sjekk at hele lenken fra e-posten er med."))
    if invitation.accepted_at is not None:
        raise Refused(_("Denne invitasjonen er allerede brukt. Logg inn med kontoen din, eller be prosjektlederen om en ny."))
    if invitation.revoked_at is not None:
        raise Refused(_("Denne invitasjonen er trukket tilbake. Ta kontakt med prosjektlederen."))
    if invitation.expires_at <= utcnow():
        raise Refused(_("Invitasjonen er utløpt. Be prosjektlederen sende den på nytt."))
    return invitation


def accept_invitation(invitation: Invitation, user: User | None = None, name: str = "", password: str = "") -> User:
    """Give the invited role, creating the account if the address has none."""
    if user is None:
        if user_by_email(invitation.email) is not None:
            raise Refused(_("Det finnes allerede en konto for %(email)s. Logg inn for å ta imot invitasjonen.", email=invitation.email))
        user = User(email=invitation.email, name=name or invitation.name)
        user.set_password(password)
        db.session.add(user)
    elif normalise_email(user.email) != invitation.email:
        raise Refused(
            _("Invitasjonen ble sendt til %(email)s. Logg ut og logg inn med den adressen for å ta den imot.", email=invitation.email)
        )
    membership = next((m for m in user.memberships if m.network_id == invitation.network_id), None)
    if membership is None:
        membership = Membership(user=user, network_id=invitation.network_id, role=invitation.role)
        db.session.add(membership)
    membership.role = invitation.role
    membership.team = invitation.team
    membership.is_group_leader = invitation.is_group_leader
    membership.team_role = invitation.team_role
    invitation.accepted_at = utcnow()
    return user


def update_membership(membership: Membership, role: Role, team: Team | None, is_group_leader: bool, team_role: str) -> None:
    _check_team_role(membership.network, role, team)
    if membership.role is Role.FACILITATOR and role is not Role.FACILITATOR:
        _keep_one_facilitator(membership)
    membership.role = role
    membership.team = team if role is Role.TEAM_MEMBER else None
    membership.is_group_leader = is_group_leader and role is Role.TEAM_MEMBER
    membership.team_role = team_role if role is Role.TEAM_MEMBER else ""


def remove_membership(membership: Membership) -> None:
    if membership.role is Role.FACILITATOR:
        _keep_one_facilitator(membership)
    team = membership.team
    if team is not None and team.contact_user_id == membership.user_id:
        team.contact_user_id = None
    db.session.delete(membership)


def _keep_one_facilitator(membership: Membership) -> None:
    others = db.session.scalar(
        sa.select(sa.func.count(Membership.id)).where(
            Membership.network_id == membership.network_id,
            Membership.role == Role.FACILITATOR,
            Membership.id != membership.id,
        )
    )
    if not others:
        raise Refused(_("Nettverket må ha minst én prosjektleder. Inviter en ny prosjektleder først."))


def role_label(role: Role) -> str:
    return {
        Role.FACILITATOR: _("Prosjektleder"),
        Role.OBSERVER: _("Observatør"),
        Role.TEAM_MEMBER: _("Teammedlem"),
    }[role]


def group_label(group: OrgGroup) -> str:
    return {
        OrgGroup.STEERING: _("Styringsgruppe"),
        OrgGroup.WORKING: _("Arbeidsgruppe"),
        OrgGroup.REFERENCE: _("Referansegruppe"),
    }[group]


def networks_for(user: User) -> list[Network]:
    query = sa.select(Network).order_by(Network.starts_on.desc().nulls_last(), Network.name)
    if not user.is_admin:
        query = query.join(Membership).where(Membership.user_id == user.id)
    return list(db.session.scalars(query))


def landing_for(user: User) -> str:
    """Where a person starts after signing in, from their roles."""
    if user.is_admin and not user.memberships:
        return url_for("admin.index")
    if len(user.memberships) == 1:
        membership = user.memberships[0]
        if membership.role is Role.TEAM_MEMBER and membership.team_id:
            return url_for("networks.team", team_id=membership.team_id)
        return url_for("networks.network", network_id=membership.network_id)
    return url_for("networks.index")
