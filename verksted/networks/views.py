from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from sqlalchemy.orm import selectinload

from verksted.accounts.forms import AcceptInvitationForm
from verksted.accounts.models import User
from verksted.accounts.services import user_by_email
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal
from verksted.networks import bp, services
from verksted.networks.forms import (
    InviteForm,
    MembershipForm,
    NetworkForm,
    OrganisationMemberForm,
    TeamForm,
    WithdrawTeamForm,
)
from verksted.networks.models import Invitation, Membership, Network, OrganisationMember, OrgGroup, Role, Team
from verksted.permissions import Action, authorize


def _team_choices(network: Network, placeholder: str) -> list[tuple]:
    return [(0, placeholder)] + [
        (team.id, team.municipality + (" " + _("(trukket seg)") if team.is_withdrawn else ""))
        for team in network.teams
    ]


def _team_in(network: Network, team_id: int | None) -> Team | None:
    return next((team for team in network.teams if team.id == team_id), None)


@bp.get("/")
@login_required
def home():
    return redirect(services.landing_for(current_user))


@bp.get("/nettverk")
@login_required
def index():
    return render_template("networks/index.html", networks=services.networks_for(current_user))


@bp.get("/nettverk/<int:network_id>")
@login_required
def network(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.VIEW_NETWORK, network)
    teams = db.session.scalars(
        sa.select(Team)
        .where(Team.network_id == network.id)
        .options(selectinload(Team.members).selectinload(Membership.user), selectinload(Team.contact))
        .order_by(Team.municipality)
    ).all()
    facilitators = db.session.scalars(
        sa.select(User)
        .join(Membership)
        .where(Membership.network_id == network.id, Membership.role == Role.FACILITATOR)
        .order_by(User.name)
    ).all()
    return render_template(
        "networks/network.html",
        network=network,
        active_teams=[t for t in teams if not t.is_withdrawn],
        withdrawn_teams=[t for t in teams if t.is_withdrawn],
        facilitators=facilitators,
        groups=[(group, services.group_label(group), [m for m in network.organisation if m.group == group]) for group in OrgGroup],
    )


@bp.route("/nettverk/<int:network_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_network(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_NETWORK, network)
    form = NetworkForm(obj=network)
    if request.method == "GET":
        form.goals.data = "\n".join(goal.text for goal in network.goals)
    if form.validate_on_submit():
        try:
            services.update_network(network, form.network_data(), form.goal_lines())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Nettverket er lagret."), "success")
            return redirect(url_for("networks.network", network_id=network.id))
    return render_template("networks/edit_network.html", form=form, network=network), form_status(form)


@bp.route("/nettverk/<int:network_id>/organisasjon", methods=["GET", "POST"])
@login_required
def organisation(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_NETWORK, network)
    form = OrganisationMemberForm()
    if form.validate_on_submit():
        services.add_organisation_member(
            network, OrgGroup(form.group.data), form.name.data, form.role.data, form.organisation.data
        )
        db.session.commit()
        flash(_("%(name)s er lagt til.", name=form.name.data), "success")
        return redirect(url_for("networks.organisation", network_id=network.id))
    groups = [(group, services.group_label(group), [m for m in network.organisation if m.group == group]) for group in OrgGroup]
    return render_template(
        "networks/organisation.html", network=network, form=form, groups=groups, confirm=ConfirmForm()
    ), form_status(form)


def _organisation_member(member_id: int) -> OrganisationMember:
    member = db.get_or_404(OrganisationMember, member_id)
    authorize(Action.MANAGE_NETWORK, member.network)
    return member


@bp.route("/organisasjon/<int:member_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_organisation_member(member_id: int):
    member = _organisation_member(member_id)
    form = OrganisationMemberForm(obj=member)
    if form.validate_on_submit():
        form.populate_obj(member)
        member.group = OrgGroup(form.group.data)
        db.session.commit()
        flash(_("Endringen er lagret."), "success")
        return redirect(url_for("networks.organisation", network_id=member.network_id))
    return render_template("networks/edit_organisation_member.html", form=form, member=member), form_status(form)


@bp.post("/organisasjon/<int:member_id>/flytt/<direction>")
@login_required
def move_organisation_member(member_id: int, direction: str):
    member = _organisation_member(member_id)
    if direction not in ("opp", "ned") or not ConfirmForm().validate_on_submit():
        abort(400)
    services.move_organisation_member(member, -1 if direction == "opp" else 1)
    db.session.commit()
    return redirect(url_for("networks.organisation", network_id=member.network_id))


@bp.post("/organisasjon/<int:member_id>/slett")
@login_required
def delete_organisation_member(member_id: int):
    member = _organisation_member(member_id)
    require_confirmation()
    network_id = member.network_id
    db.session.delete(member)
    db.session.commit()
    flash(_("%(name)s er fjernet.", name=member.name), "success")
    return redirect(url_for("networks.organisation", network_id=network_id))


@bp.route("/nettverk/<int:network_id>/team/nytt", methods=["GET", "POST"])
@login_required
def new_team(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_TEAM, network)
    form = TeamForm()
    del form.contact_user_id  # members are invited after the team exists
    if form.validate_on_submit():
        try:
            team = services.create_team(network, form.municipality.data, form.municipality_number.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Teamet for %(name)s er opprettet. Inviter medlemmene nå.", name=team.municipality), "success")
            return redirect(url_for("networks.team", team_id=team.id))
    return render_template("networks/edit_team.html", form=form, network=network, team=None), form_status(form)


@bp.get("/team/<int:team_id>")
@login_required
def team(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.VIEW_TEAM, team)
    members = db.session.scalars(
        sa.select(Membership)
        .where(Membership.team_id == team.id)
        .options(selectinload(Membership.user))
        .join(User)
        .order_by(Membership.is_group_leader.desc(), User.name)
    ).all()
    invitations = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.team_id == team.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at)
    ).all()
    return render_template(
        "networks/team.html", team=team, network=team.network, members=members, invitations=invitations, confirm=ConfirmForm()
    )


@bp.route("/team/<int:team_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_team(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.MANAGE_TEAM, team)
    form = TeamForm(obj=team)
    form.contact_user_id.choices = [(0, _("Ingen valgt"))] + [
        (m.user_id, m.user.name) for m in sorted(team.members, key=lambda m: m.user.name)
    ]
    if form.validate_on_submit():
        try:
            services.update_team(team, form.municipality.data, form.municipality_number.data, form.contact_user_id.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Teamet er lagret."), "success")
            return redirect(url_for("networks.team", team_id=team.id))
    return render_template("networks/edit_team.html", form=form, network=team.network, team=team), form_status(form)


@bp.route("/team/<int:team_id>/trekk-ut", methods=["GET", "POST"])
@login_required
def withdraw_team(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.MANAGE_TEAM, team)
    form = WithdrawTeamForm()
    if form.validate_on_submit():
        try:
            services.withdraw_team(team, form.withdrawn_on.data, form.reason.data)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("%(name)s er merket som trukket ut. Teamet blir stående i oversikten.", name=team.municipality), "success")
            return redirect(url_for("networks.team", team_id=team.id))
    return render_template("networks/withdraw_team.html", form=form, team=team, network=team.network), form_status(form)


@bp.post("/team/<int:team_id>/gjenaktiver")
@login_required
def reactivate_team(team_id: int):
    team = db.get_or_404(Team, team_id)
    authorize(Action.MANAGE_TEAM, team)
    require_confirmation()
    services.reactivate_team(team)
    db.session.commit()
    flash(_("%(name)s er aktiv igjen.", name=team.municipality), "success")
    return redirect(url_for("networks.team", team_id=team.id))


@bp.get("/nettverk/<int:network_id>/personer")
@login_required
def people(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.VIEW_PEOPLE, network)
    memberships = db.session.scalars(
        sa.select(Membership)
        .where(Membership.network_id == network.id)
        .join(User)
        .options(selectinload(Membership.user), selectinload(Membership.team))
        .order_by(User.name)
    ).all()
    invitations = db.session.scalars(
        sa.select(Invitation)
        .where(Invitation.network_id == network.id, Invitation.accepted_at.is_(None))
        .options(selectinload(Invitation.team))
        .order_by(Invitation.created_at.desc())
    ).all()
    by_role = [(role, services.role_label(role), [m for m in memberships if m.role is role]) for role in Role]
    return render_template(
        "networks/people.html", network=network, by_role=by_role, invitations=invitations, confirm=ConfirmForm()
    )


@bp.route("/nettverk/<int:network_id>/inviter", methods=["GET", "POST"])
@login_required
def invite(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_NETWORK, network)
    form = InviteForm(team_id=request.args.get("team", type=int))
    form.team_id.choices = _team_choices(network, _("Ikke med i et team"))
    if form.validate_on_submit():
        try:
            invitation = services.invite(
                network,
                form.email.data,
                form.name.data,
                Role(form.role.data),
                _team_in(network, form.team_id.data),
                current_user,
                form.is_group_leader.data,
                form.team_role.data,
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Invitasjonen er sendt til %(email)s.", email=invitation.email), "success")
            if invitation.team_id:
                return redirect(url_for("networks.team", team_id=invitation.team_id))
            return redirect(url_for("networks.people", network_id=network.id))
    return render_template("networks/invite.html", form=form, network=network), form_status(form)


def _invitation(invitation_id: int) -> Invitation:
    invitation = db.get_or_404(Invitation, invitation_id)
    authorize(Action.MANAGE_NETWORK, invitation.network)
    require_confirmation()
    return invitation


@bp.post("/invitasjoner/<int:invitation_id>/send-igjen")
@login_required
def resend_invitation(invitation_id: int):
    invitation = _invitation(invitation_id)
    try:
        services.resend_invitation(invitation)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("En ny invitasjon er sendt til %(email)s. Den gamle lenken virker ikke lenger.", email=invitation.email), "success")
    return redirect(request.referrer or url_for("networks.people", network_id=invitation.network_id))


@bp.post("/invitasjoner/<int:invitation_id>/trekk-tilbake")
@login_required
def revoke_invitation(invitation_id: int):
    invitation = _invitation(invitation_id)
    try:
        services.revoke_invitation(invitation)
    except Refused as refused:
        flash(refused.message, "danger")
    else:
        db.session.commit()
        flash(_("Invitasjonen til %(email)s er trukket tilbake.", email=invitation.email), "success")
    return redirect(url_for("networks.people", network_id=invitation.network_id))


@bp.route("/invitasjon/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = services.invitation_for(token)
    except Refused as refused:
        return render_template("accounts/link_invalid.html", message=refused.message), 410
    if current_user.is_authenticated:
        form = ConfirmForm()
        if form.validate_on_submit():
            try:
                services.accept_invitation(invitation, user=current_user)
            except Refused as refused:
                flash(refused.message, "danger")
            else:
                db.session.commit()
                flash(_("Velkommen til %(network)s.", network=invitation.network.name), "success")
                return redirect(services.landing_for(current_user))
        return render_template("networks/accept_invitation.html", invitation=invitation, form=form, mode="confirm")
    if user_by_email(invitation.email) is not None:
        return render_template("networks/accept_invitation.html", invitation=invitation, mode="sign_in")
    form = AcceptInvitationForm(name=invitation.name or None)
    if form.validate_on_submit():
        user = services.accept_invitation(invitation, name=form.name.data, password=form.password.data)
        db.session.commit()
        login_user(user)
        flash(_("Kontoen din er opprettet. Velkommen til %(network)s.", network=invitation.network.name), "success")
        return redirect(services.landing_for(user))
    return render_template(
        "networks/accept_invitation.html", invitation=invitation, form=form, mode="create"
    ), form_status(form)


def _membership(membership_id: int) -> Membership:
    membership = db.get_or_404(Membership, membership_id)
    authorize(Action.MANAGE_NETWORK, membership.network)
    return membership


@bp.route("/medlemskap/<int:membership_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_membership(membership_id: int):
    membership = _membership(membership_id)
    network = membership.network
    form = MembershipForm(obj=membership)
    form.team_id.choices = _team_choices(network, _("Ikke med i et team"))
    if request.method == "GET":
        form.role.data = membership.role.value
    if form.validate_on_submit():
        try:
            services.update_membership(
                membership, Role(form.role.data), _team_in(network, form.team_id.data),
                form.is_group_leader.data, form.team_role.data,
            )
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Rollen til %(name)s er lagret.", name=membership.user.name), "success")
            return redirect(url_for("networks.people", network_id=network.id))
    return render_template(
        "networks/edit_membership.html", form=form, membership=membership, network=network, confirm=ConfirmForm()
    ), form_status(form)


@bp.post("/medlemskap/<int:membership_id>/fjern")
@login_required
def remove_membership(membership_id: int):
    membership = _membership(membership_id)
    require_confirmation()
    network_id, name = membership.network_id, membership.user.name
    try:
        services.remove_membership(membership)
    except Refused as refused:
        flash(refused.message, "danger")
        return redirect(url_for("networks.edit_membership", membership_id=membership_id))
    db.session.commit()
    flash(_("%(name)s er fjernet fra nettverket.", name=name), "success")
    return redirect(url_for("networks.people", network_id=network_id))
