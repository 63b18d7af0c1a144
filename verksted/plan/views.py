from __future__ import annotations

from io import BytesIO

from flask import flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted import clock
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, move_step, require_confirmation, show_refusal
from verksted.networks.models import Network
from verksted.permissions import Action, authorize
from verksted.plan import bp, services
from verksted.plan import pdf as plan_pdf
from verksted.plan.forms import ActivityForm, MilestoneForm, RiskForm, StatusChangeForm
from verksted.plan.grid import SYMBOLS, build_grid, history_in_order
from verksted.plan.models import Activity, Milestone, MilestoneStatus, MilestoneStatusChange, Risk
from verksted.plan.timeline import timeline as build_timeline


@bp.context_processor
def plan_labels():
    return {
        "status_label": services.status_label,
        "status_color": lambda status: services.STATUS_COLORS[status.value],
        "level_label": services.level_label,
        "score_level": services.score_level,
        "risk_kind_label": services.risk_kind_label,
        "risk_status_label": services.risk_status_label,
        "month_name": lambda month: format_date(month, "LLLL y"),
        "month_abbr": lambda month: format_date(month, "LLL"),
        "symbols": SYMBOLS,
    }


def _network(network_id: int, action: Action = Action.VIEW_NETWORK) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


# --- the plan and its PDF ------------------------------------------------------------------


@bp.get("/nettverk/<int:network_id>/plan")
@login_required
def plan(network_id: int):
    network = _network(network_id)
    milestones = services.milestones_of(network, with_history=True)
    grid = build_grid(network.starts_on, network.ends_on, milestones, clock.today())
    return render_template("plan/plan.html", network=network, grid=grid, legend=services.legend(), confirm=ConfirmForm())


@bp.get("/nettverk/<int:network_id>/plan.pdf")
@login_required
def plan_as_pdf(network_id: int):
    network = _network(network_id)
    today = clock.today()
    grid = build_grid(network.starts_on, network.ends_on, services.milestones_of(network, with_history=True), today)
    content = plan_pdf.plan_pdf(network, grid, services.risks_of(network), services.activities_of(network), today)
    return send_file(BytesIO(content), mimetype="application/pdf", download_name="prosjektplan.pdf", as_attachment=True)


@bp.get("/nettverk/<int:network_id>/tidslinje")
@login_required
def timeline(network_id: int):
    network = _network(network_id)
    today = clock.today()
    return render_template("plan/timeline.html", network=network, months=build_timeline(network, today), today=today)


# --- milestones ----------------------------------------------------------------------------


def _milestone(milestone_id: int, action: Action = Action.MANAGE_NETWORK) -> Milestone:
    milestone = db.first_or_404(services.milestone_query(milestone_id))
    authorize(action, milestone)
    return milestone


@bp.route("/nettverk/<int:network_id>/milepaeler/ny", methods=["GET", "POST"])
@login_required
def new_milestone(network_id: int):
    network = _network(network_id, Action.MANAGE_NETWORK)
    form = MilestoneForm()
    if request.method == "GET":
        form.code.data = services.next_code(network)
    if form.validate_on_submit():
        try:
            milestone = services.create_milestone(network, form.milestone_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Milepæl %(code)s er lagt til.", code=milestone.code), "success")
            return redirect(url_for("plan.plan", network_id=network.id))
    return render_template("plan/edit_milestone.html", form=form, network=network, milestone=None), form_status(form)


def _milestone_page(milestone: Milestone, form: StatusChangeForm | None, status: int = 200):
    return render_template(
        "plan/milestone.html", milestone=milestone, network=milestone.network, form=form,
        history=list(reversed(history_in_order(milestone))), confirm=ConfirmForm(),
    ), status


@bp.get("/milepaeler/<int:milestone_id>")
@login_required
def milestone(milestone_id: int):
    milestone = _milestone(milestone_id, Action.VIEW_NETWORK)
    form = StatusChangeForm(status=milestone.status.value)
    return _milestone_page(milestone, form)


@bp.post("/milepaeler/<int:milestone_id>/status")
@login_required
def change_status(milestone_id: int):
    milestone = _milestone(milestone_id)
    form = StatusChangeForm()
    if form.validate_on_submit():
        try:
            services.change_status(milestone, MilestoneStatus(form.status.data), form.note.data, form.changed_on.data,
                                   current_user, clock.today())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Statusen for %(code)s er lagret.", code=milestone.code), "success")
            return redirect(url_for("plan.milestone", milestone_id=milestone.id))
    return _milestone_page(milestone, form, 422)


@bp.route("/milepaeler/<int:milestone_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_milestone(milestone_id: int):
    milestone = _milestone(milestone_id)
    form = MilestoneForm(obj=milestone)
    if form.validate_on_submit():
        try:
            services.update_milestone(milestone, form.milestone_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Milepæl %(code)s er lagret.", code=milestone.code), "success")
            return redirect(url_for("plan.milestone", milestone_id=milestone.id))
    return render_template(
        "plan/edit_milestone.html", form=form, network=milestone.network, milestone=milestone
    ), form_status(form)


@bp.post("/milepaeler/<int:milestone_id>/flytt/<direction>")
@login_required
def move_milestone(milestone_id: int, direction: str):
    milestone = _milestone(milestone_id)
    services.move_milestone(milestone, move_step(direction))
    db.session.commit()
    return redirect(url_for("plan.plan", network_id=milestone.network_id, _anchor="milepaeler"))


@bp.post("/milepaeler/<int:milestone_id>/slett")
@login_required
def delete_milestone(milestone_id: int):
    milestone = _milestone(milestone_id)
    require_confirmation()
    network_id, code = milestone.network_id, milestone.code
    db.session.delete(milestone)
    db.session.commit()
    flash(_("Milepæl %(code)s er slettet.", code=code), "success")
    return redirect(url_for("plan.plan", network_id=network_id))


@bp.post("/statusendringer/<int:change_id>/slett")
@login_required
def delete_status_change(change_id: int):
    change = db.get_or_404(MilestoneStatusChange, change_id)
    milestone = _milestone(change.milestone_id)
    require_confirmation()
    services.delete_status_change(change)
    db.session.commit()
    flash(_("Statusendringen er slettet."), "success")
    return redirect(url_for("plan.milestone", milestone_id=milestone.id))


# --- risks ---------------------------------------------------------------------------------


@bp.get("/nettverk/<int:network_id>/risikoer")
@login_required
def risks(network_id: int):
    network = _network(network_id)
    risks = services.risks_of(network)
    return render_template("plan/risks.html", network=network, risks=risks, matrix=services.risk_matrix(risks),
                           confirm=ConfirmForm())


def _risk(risk_id: int) -> Risk:
    risk = db.get_or_404(Risk, risk_id)
    authorize(Action.MANAGE_NETWORK, risk)
    return risk


@bp.route("/nettverk/<int:network_id>/risikoer/ny", methods=["GET", "POST"])
@login_required
def new_risk(network_id: int):
    network = _network(network_id, Action.MANAGE_NETWORK)
    form = RiskForm()
    if form.validate_on_submit():
        try:
            services.create_risk(network, form.risk_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Risikoen er lagt til."), "success")
            return redirect(url_for("plan.risks", network_id=network.id))
    return render_template("plan/edit_risk.html", form=form, network=network, risk=None), form_status(form)


@bp.route("/risikoer/<int:risk_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_risk(risk_id: int):
    risk = _risk(risk_id)
    form = RiskForm(obj=risk)
    if request.method == "GET":
        form.kind.data, form.status.data = risk.kind.value, risk.status.value
    if form.validate_on_submit():
        try:
            services.update_risk(risk, form.risk_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Risikoen er lagret."), "success")
            return redirect(url_for("plan.risks", network_id=risk.network_id))
    return render_template("plan/edit_risk.html", form=form, network=risk.network, risk=risk), form_status(form)


@bp.post("/risikoer/<int:risk_id>/slett")
@login_required
def delete_risk(risk_id: int):
    risk = _risk(risk_id)
    require_confirmation()
    network_id = risk.network_id
    db.session.delete(risk)
    db.session.commit()
    flash(_("Risikoen er slettet."), "success")
    return redirect(url_for("plan.risks", network_id=network_id))


# --- main activities -----------------------------------------------------------------------


@bp.get("/nettverk/<int:network_id>/hovedaktiviteter")
@login_required
def activities(network_id: int):
    network = _network(network_id)
    return render_template("plan/activities.html", network=network, activities=services.activities_of(network),
                           confirm=ConfirmForm())


def _activity(activity_id: int) -> Activity:
    activity = db.get_or_404(Activity, activity_id)
    authorize(Action.MANAGE_NETWORK, activity)
    return activity


@bp.route("/nettverk/<int:network_id>/hovedaktiviteter/ny", methods=["GET", "POST"])
@login_required
def new_activity(network_id: int):
    network = _network(network_id, Action.MANAGE_NETWORK)
    form = ActivityForm()
    if form.validate_on_submit():
        services.create_activity(network, form.activity_data())
        db.session.commit()
        flash(_("Hovedaktiviteten er lagt til."), "success")
        return redirect(url_for("plan.activities", network_id=network.id))
    return render_template("plan/edit_activity.html", form=form, network=network, activity=None), form_status(form)


@bp.route("/hovedaktiviteter/<int:activity_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_activity(activity_id: int):
    activity = _activity(activity_id)
    form = ActivityForm(obj=activity)
    if form.validate_on_submit():
        services.update_activity(activity, form.activity_data())
        db.session.commit()
        flash(_("Hovedaktiviteten er lagret."), "success")
        return redirect(url_for("plan.activities", network_id=activity.network_id))
    return render_template(
        "plan/edit_activity.html", form=form, network=activity.network, activity=activity
    ), form_status(form)


@bp.post("/hovedaktiviteter/<int:activity_id>/flytt/<direction>")
@login_required
def move_activity(activity_id: int, direction: str):
    activity = _activity(activity_id)
    services.move_activity(activity, move_step(direction))
    db.session.commit()
    return redirect(url_for("plan.activities", network_id=activity.network_id))


@bp.post("/hovedaktiviteter/<int:activity_id>/slett")
@login_required
def delete_activity(activity_id: int):
    activity = _activity(activity_id)
    require_confirmation()
    network_id = activity.network_id
    db.session.delete(activity)
    db.session.commit()
    flash(_("Hovedaktiviteten er slettet."), "success")
    return redirect(url_for("plan.activities", network_id=network_id))
