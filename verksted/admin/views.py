from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import selectinload

from verksted.accounts.models import User
from verksted.admin import bp
from verksted.admin.forms import NewNetworkForm
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import show_refusal
from verksted.networks import services as networks
from verksted.networks.models import Membership, Role, Team
from verksted.permissions import Action, authorize


@bp.get("/")
@login_required
def index():
    authorize(Action.ADMINISTER)
    team_counts = dict(
        db.session.execute(sa.select(Team.network_id, sa.func.count(Team.id)).group_by(Team.network_id)).all()
    )
    return render_template(
        "admin/index.html", networks=networks.networks_for(current_user), team_counts=team_counts
    )


@bp.route("/nettverk/nytt", methods=["GET", "POST"])
@login_required
def new_network():
    authorize(Action.ADMINISTER)
    form = NewNetworkForm()
    if form.validate_on_submit():
        try:
            network = networks.create_network(form.network_data(), form.goal_lines())
            db.session.flush()
            networks.invite(network, form.leader_email.data, form.leader_name.data, Role.FACILITATOR, None, current_user)
        except Refused as refused:
            db.session.rollback()
            show_refusal(form, refused, fields={"email": "leader_email"})
        else:
            db.session.commit()
            flash(
                _("Nettverket er opprettet, og %(email)s er invitert som prosjektleder.", email=form.leader_email.data),
                "success",
            )
            return redirect(url_for("networks.network", network_id=network.id))
    return render_template("admin/new_network.html", form=form), 422 if request.method == "POST" else 200


@bp.get("/brukere")
@login_required
def users():
    authorize(Action.ADMINISTER)
    people = db.session.scalars(
        sa.select(User).options(selectinload(User.memberships).selectinload(Membership.network)).order_by(User.name)
    ).all()
    return render_template("admin/users.html", users=people, role_label=networks.role_label)
