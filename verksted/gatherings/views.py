from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, require_confirmation, show_refusal
from verksted.gatherings import bp, files, lists, services
from verksted.gatherings.forms import (
    FileForm,
    GatheringForm,
    NotesForm,
    ProgrammeItemForm,
    attendance_form,
    other_rows,
    registration_choices,
    registration_form,
)
from verksted.gatherings.models import Gathering, GatheringFile, ProgrammeItem
from verksted.networks.models import Network, Team
from verksted.permissions import Action, authorize, can
from verksted.web import private_download

bp.add_app_template_filter(services.when, "gathering_when")
bp.add_app_template_filter(services.where, "gathering_where")
bp.add_app_template_filter(services.clock, "clock")
bp.add_app_template_filter(services.kind_label, "kind_label")
bp.add_app_template_filter(services.item_time, "item_time")
bp.add_app_template_filter(services.notes_html, "notes_markdown")
bp.add_app_template_filter(files.human_size, "file_size")
bp.add_app_template_global(services.next_gathering, "next_gathering")
bp.add_app_template_global(services.is_past, "is_past_gathering")


def _gathering(gathering_id: int, action: Action = Action.VIEW_NETWORK) -> Gathering:
    gathering = services.load_gathering(gathering_id)
    if gathering is None:
        abort(404)
    authorize(action, gathering)
    return gathering


def _host_choices(network: Network) -> list[tuple]:
    return [(0, _("Ikke et av teamene (skriv annen vertskommune)"))] + [
        (team.id, team.municipality + (" " + _("(trukket seg)") if team.is_withdrawn else ""))
        for team in services.network_teams(network)
    ]


@bp.get("/nettverk/<int:network_id>/samlinger")
@login_required
def index(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.VIEW_NETWORK, network)
    gatherings = services.gatherings_for(network)
    upcoming = next((g for g in gatherings if not services.is_past(g)), None)
    return render_template("gatherings/index.html", network=network, gatherings=gatherings, upcoming=upcoming)


@bp.route("/nettverk/<int:network_id>/samlinger/ny", methods=["GET", "POST"])
@login_required
def new_gathering(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_NETWORK, network)
    form = GatheringForm(number=services.next_number(network))
    form.host_team_id.choices = _host_choices(network)
    if form.validate_on_submit():
        try:
            gathering = services.create_gathering(network, form.gathering_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Samling %(number)d er opprettet. Legg inn programmet nå.", number=gathering.number), "success")
            return redirect(url_for("gatherings.programme", gathering_id=gathering.id))
    return render_template("gatherings/edit_gathering.html", form=form, network=network, gathering=None), form_status(form)


@bp.get("/samlinger/<int:gathering_id>")
@login_required
def gathering(gathering_id: int):
    gathering = _gathering(gathering_id)
    teams = services.network_teams(gathering.network)
    registrable = [team for team in teams if not team.is_withdrawn and can(Action.REGISTER_TEAM, team)]
    return render_template(
        "gatherings/gathering.html",
        gathering=gathering,
        network=gathering.network,
        teams=teams,
        counts=services.registered_counts(gathering),
        registrable=registrable,
        closed=services.registration_closed(gathering),
        begun=services.has_begun(gathering),
        confirm=ConfirmForm(),
    )


@bp.route("/samlinger/<int:gathering_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_gathering(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    form = GatheringForm(obj=gathering)
    form.host_team_id.choices = _host_choices(gathering.network)
    if form.validate_on_submit():
        try:
            moved = services.update_gathering(gathering, form.gathering_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            if moved:
                flash(_("Samlingen er flyttet. Medlemmene i de aktive teamene får beskjed på e-post."), "success")
            else:
                flash(_("Samlingen er lagret."), "success")
            return redirect(url_for("gatherings.gathering", gathering_id=gathering.id))
    return render_template(
        "gatherings/edit_gathering.html", form=form, network=gathering.network, gathering=gathering
    ), form_status(form)


@bp.post("/samlinger/<int:gathering_id>/slett")
@login_required
def delete_gathering(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    require_confirmation()
    network_id, number = gathering.network_id, gathering.number
    services.delete_gathering(gathering)
    db.session.commit()
    flash(_("Samling %(number)d er slettet.", number=number), "success")
    return redirect(url_for("gatherings.index", network_id=network_id))


@bp.route("/samlinger/<int:gathering_id>/program", methods=["GET", "POST"])
@login_required
def programme(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    form = ProgrammeItemForm()
    if form.validate_on_submit():
        try:
            item = services.add_item(gathering, form.item_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("«%(title)s» er lagt til i programmet.", title=item.title), "success")
            return redirect(url_for("gatherings.programme", gathering_id=gathering.id))
    return render_template(
        "gatherings/programme.html", gathering=gathering, network=gathering.network, form=form, confirm=ConfirmForm()
    ), form_status(form)


def _item(item_id: int) -> ProgrammeItem:
    item = db.get_or_404(ProgrammeItem, item_id)
    authorize(Action.MANAGE_NETWORK, item.gathering)
    return item


@bp.route("/programpunkt/<int:item_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_item(item_id: int):
    item = _item(item_id)
    form = ProgrammeItemForm(obj=item)
    if request.method == "GET":
        form.kind.data = item.kind.value
    if form.validate_on_submit():
        try:
            services.update_item(item, form.item_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Programpunktet er lagret."), "success")
            return redirect(url_for("gatherings.programme", gathering_id=item.gathering_id))
    return render_template(
        "gatherings/edit_item.html", form=form, item=item, gathering=item.gathering, network=item.gathering.network
    ), form_status(form)


@bp.post("/programpunkt/<int:item_id>/slett")
@login_required
def delete_item(item_id: int):
    item = _item(item_id)
    require_confirmation()
    gathering_id, title = item.gathering_id, item.title
    services.remove_item(item)
    db.session.commit()
    flash(_("«%(title)s» er fjernet fra programmet.", title=title), "success")
    return redirect(url_for("gatherings.programme", gathering_id=gathering_id))


@bp.route("/samlinger/<int:gathering_id>/oppsummering", methods=["GET", "POST"])
@login_required
def notes(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    form = NotesForm(obj=gathering)
    if form.validate_on_submit():
        services.update_notes(gathering, form.notes.data)
        db.session.commit()
        flash(_("Oppsummeringen er lagret."), "success")
        return redirect(url_for("gatherings.gathering", gathering_id=gathering.id) + "#oppsummering")
    return render_template(
        "gatherings/notes.html", form=form, gathering=gathering, network=gathering.network
    ), form_status(form)


@bp.route("/samlinger/<int:gathering_id>/pamelding/<int:team_id>", methods=["GET", "POST"])
@login_required
def register(gathering_id: int, team_id: int):
    gathering = _gathering(gathering_id)
    team = db.get_or_404(Team, team_id)
    if team.network_id != gathering.network_id:
        abort(404)
    authorize(Action.REGISTER_TEAM, team)
    leader = can(Action.MANAGE_NETWORK, gathering)
    registrations = services.team_registrations(gathering, team)
    by_user = {r.user_id: r for r in registrations if r.user_id is not None}
    members = [(m.user_id, m.user.name, m.team_role, by_user.get(m.user_id)) for m in services.team_members(team)]
    member_ids = {user_id for user_id, *_rest in members}
    extras = [r for r in registrations if r.user_id not in member_ids]
    form = registration_form(members, extras)
    if form.validate_on_submit():
        chosen, others = registration_choices(form, members, extras)
        try:
            services.register_team(gathering, team, chosen, others, current_user, after_closing=leader)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Påmeldingen for %(team)s er lagret.", team=team.municipality), "success")
            return redirect(url_for("gatherings.gathering", gathering_id=gathering.id))
    return render_template(
        "gatherings/register.html", form=form, gathering=gathering, network=gathering.network, team=team,
        members=members, registrations=registrations, other_rows=other_rows(extras),
        closed=services.registration_closed(gathering), leader=leader,
    ), form_status(form)


@bp.route("/samlinger/<int:gathering_id>/oppmote", methods=["GET", "POST"])
@login_required
def attendance(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    groups = services.participants_by_team(gathering)
    registrations = [r for _team, people in groups for r in people]
    form = attendance_form(registrations)
    if form.validate_on_submit():
        try:
            services.record_attendance(gathering, {r.id for r in registrations if form[f"r{r.id}"].data})
        except Refused as refused:
            flash(refused.message, "danger")
        else:
            db.session.commit()
            flash(_("Oppmøtet er lagret."), "success")
            return redirect(url_for("gatherings.participants", gathering_id=gathering.id))
    return render_template(
        "gatherings/attendance.html", form=form, gathering=gathering, network=gathering.network, groups=groups,
        begun=services.has_begun(gathering),
    ), form_status(form)


@bp.get("/samlinger/<int:gathering_id>/deltakere")
@login_required
def participants(gathering_id: int):
    gathering = _gathering(gathering_id, Action.VIEW_REGISTRATIONS)
    return render_template(
        "gatherings/participants.html", gathering=gathering, network=gathering.network,
        groups=services.participants_by_team(gathering), begun=services.has_begun(gathering),
    )


@bp.get("/samlinger/<int:gathering_id>/deltakere.csv")
@login_required
def participants_csv(gathering_id: int):
    gathering = _gathering(gathering_id, Action.VIEW_REGISTRATIONS)
    data = lists.participants_csv(gathering, services.participants_by_team(gathering))
    return private_download(data, "text/csv; charset=utf-8", f"samling-{gathering.number}-deltakere.csv")


@bp.get("/samlinger/<int:gathering_id>/deltakere.pdf")
@login_required
def participants_pdf(gathering_id: int):
    gathering = _gathering(gathering_id, Action.VIEW_REGISTRATIONS)
    data = lists.participants_pdf(gathering, services.participants_by_team(gathering))
    return private_download(data, "application/pdf", f"samling-{gathering.number}-deltakere.pdf")


@bp.route("/samlinger/<int:gathering_id>/filer", methods=["GET", "POST"])
@login_required
def upload(gathering_id: int):
    gathering = _gathering(gathering_id, Action.MANAGE_NETWORK)
    form = FileForm()
    if form.validate_on_submit():
        try:
            file = files.add_file(gathering, form.title.data, request.files.get("file"), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("«%(title)s» er lastet opp.", title=file.title), "success")
            return redirect(url_for("gatherings.upload", gathering_id=gathering.id))
    return render_template(
        "gatherings/files.html", form=form, gathering=gathering, network=gathering.network, confirm=ConfirmForm(),
        max_megabytes=files.max_megabytes(), extensions=files.allowed_extensions(),
    ), form_status(form)


def _file(file_id: int, action: Action) -> GatheringFile:
    file = db.get_or_404(GatheringFile, file_id)
    authorize(action, file.gathering)
    return file


@bp.get("/samlingsfiler/<int:file_id>")
@login_required
def download(file_id: int):
    file = _file(file_id, Action.VIEW_NETWORK)
    path = files.path_of(file)
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype=file.content_type, as_attachment=True, download_name=file.filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=0"
    return response


@bp.post("/samlingsfiler/<int:file_id>/slett")
@login_required
def delete_file(file_id: int):
    file = _file(file_id, Action.MANAGE_NETWORK)
    require_confirmation()
    gathering_id, title = file.gathering_id, file.title
    files.remove_file(file)
    db.session.commit()
    flash(_("«%(title)s» er slettet.", title=title), "success")
    return redirect(url_for("gatherings.upload", gathering_id=gathering_id))
