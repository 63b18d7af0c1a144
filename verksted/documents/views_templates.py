"""Pages of a network's document templates: the list, a preview of any version, and the
project leader's editor for templates, their sections and their fields."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.documents import bp, schema
from verksted.documents import template_services as services
from verksted.documents.forms_templates import FieldForm, NewTemplateForm, SectionForm, TemplateDetailsForm
from verksted.documents.models import DocumentKind, DocumentTemplate, TemplateVersion
from verksted.documents.services import current_version, kind_label
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, move_step, require_confirmation, show_refusal
from verksted.networks.models import Network
from verksted.permissions import Action, authorize

PREVIEW = "forhandsvis"  # the value of the section form's preview button


def _render(name: str, **context):
    """A template page, with the names the template pages show for kinds and carried fields."""
    return render_template(
        f"documents/{name}", kind_label=kind_label, field_kinds=schema.field_kind_labels(),
        carry_names=services.carry_names(), **context,
    )


def _network(network_id: int, action: Action = Action.VIEW_NETWORK) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


def _template(template_id: int, action: Action = Action.REVIEW) -> DocumentTemplate:
    query = services.template_query(template_id)
    if request.method == "POST":
        # A change reads the template's sections, changes one and writes them all back: two
        # project leaders saving at the same moment take turns, the second on top of the first,
        # so neither change is lost (PostgreSQL; SQLite lets only one writer in at a time).
        query = query.with_for_update(of=DocumentTemplate)
    template = db.first_or_404(query)
    authorize(action, template)
    return template


def _editor(template: DocumentTemplate, anchor: str | None = None):
    return redirect(url_for("documents.edit_template", template_id=template.id, _anchor=anchor))


def _saved(message: str, before: int, version: TemplateVersion) -> None:
    """Say what changed, and when the change became a new version, that older documents keep theirs."""
    db.session.commit()
    flash(message, "success")
    if version.number != before:
        flash(_("Malen er nå i versjon %(new)d. Dokumenter som allerede er skrevet, beholder versjon %(old)d.",
                new=version.number, old=before), "info")


# --- reading ---------------------------------------------------------------------------------


@bp.get("/nettverk/<int:network_id>/maler")
@login_required
def templates(network_id: int):
    network = _network(network_id)
    templates = services.templates_of(network)
    return _render(
        "template_list.html", network=network, usage=services.usage_by_version(network), confirm=ConfirmForm(),
        current_templates=[t for t in templates if t.archived_at is None],
        archived_templates=[t for t in templates if t.archived_at],
    )


@bp.get("/maler/<int:template_id>")
@login_required
def template(template_id: int):
    template = _template(template_id, Action.VIEW_NETWORK)
    number = request.args.get("versjon", type=int)
    if "versjon" in request.args and number is None:
        abort(404)
    version = services.version_numbered(template, number) or abort(404)
    return _render(
        "template_preview.html", template=template, network=template.network, version=version,
        current=current_version(template), usage=services.usage_by_version(template.network),
    )


# --- whole templates -------------------------------------------------------------------------


@bp.route("/nettverk/<int:network_id>/maler/ny", methods=["GET", "POST"])
@login_required
def new_template(network_id: int):
    network = _network(network_id, Action.REVIEW)
    form = NewTemplateForm()
    if form.validate_on_submit():
        try:
            template = services.new_template(network, created_by=current_user, **form.template_data())
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Malen «%(title)s» er opprettet.", title=template.title), "success")
            return _editor(template)
    return _render("template_new.html", form=form, network=network), form_status(form)


@bp.route("/nettverk/<int:network_id>/maler/kopier", methods=["GET", "POST"])
@login_required
def copy_template(network_id: int):
    network = _network(network_id, Action.REVIEW)
    choices = services.copyable_templates(current_user, network)
    form = ConfirmForm()
    if form.validate_on_submit():
        chosen = request.form.get("template_id", type=int)
        if chosen is None:
            flash(_("Velg malen du vil kopiere."), "danger")
        else:
            source = next((t for t in choices if t.id == chosen), None) or abort(404)
            template = services.copy_template(source, network, created_by=current_user)
            db.session.commit()
            flash(_("«%(title)s» er kopiert fra %(network)s. Endre den slik dette nettverket trenger.",
                    title=template.title, network=source.network.name), "success")
            return _editor(template)
    return _render("template_copy.html", network=network, choices=choices, form=form), form_status(form)


@bp.route("/maler/<int:template_id>/rediger", methods=["GET", "POST"])
@login_required
def edit_template(template_id: int):
    template = _template(template_id)
    version = current_version(template)
    form = TemplateDetailsForm(obj=version, title=template.title, kind_label=template.kind_label)
    if template.kind is not DocumentKind.OTHER:
        del form.kind_label
    if form.validate_on_submit():
        try:
            changed = services.update_details(template, form.details_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            _saved(_("Malen er lagret."), version.number, changed)
            return _editor(template)
    return _render(
        "template_edit.html", template=template, network=template.network, version=version, form=form,
        in_use=services.in_use(version), confirm=ConfirmForm(),
    ), form_status(form)


@bp.post("/maler/<int:template_id>/arkiver")
@login_required
def archive_template(template_id: int):
    template = _template(template_id)
    require_confirmation()
    services.archive_template(template)
    db.session.commit()
    flash(_("«%(title)s» er arkivert og kan ikke velges for nye innleveringer.", title=template.title), "success")
    return redirect(url_for("documents.templates", network_id=template.network_id))


@bp.post("/maler/<int:template_id>/gjenopprett")
@login_required
def restore_template(template_id: int):
    template = _template(template_id)
    require_confirmation()
    services.restore_template(template)
    db.session.commit()
    flash(_("«%(title)s» er tatt i bruk igjen.", title=template.title), "success")
    return redirect(url_for("documents.templates", network_id=template.network_id))


# --- sections --------------------------------------------------------------------------------


def _section_page(template: DocumentTemplate, form: SectionForm, section: dict | None):
    """The section form; its preview button shows the guidance as the team will see it."""
    previewing = request.form.get("handling") == PREVIEW
    page = _render(
        "template_section.html", template=template, network=template.network, form=form, section=section,
        preview=form.guidance.data if previewing and not form.errors else None,
    )
    return page, 200 if previewing and not form.errors else form_status(form)


@bp.route("/maler/<int:template_id>/deler/ny", methods=["GET", "POST"])
@login_required
def new_section(template_id: int):
    template = _template(template_id)
    form = SectionForm()
    if form.validate_on_submit() and request.form.get("handling") != PREVIEW:
        before = current_version(template).number
        try:
            version, key = services.add_section(template, form.heading.data, form.guidance.data, current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            _saved(_("Delen «%(heading)s» er lagt til. Legg til feltene teamet skal fylle ut.",
                     heading=form.heading.data), before, version)
            return redirect(url_for("documents.new_field", template_id=template.id, section_key=key))
    return _section_page(template, form, None)


@bp.route("/maler/<int:template_id>/deler/<section_key>/rediger", methods=["GET", "POST"])
@login_required
def edit_section(template_id: int, section_key: str):
    template = _template(template_id)
    section = services.section_of(template, section_key) or abort(404)
    form = SectionForm(data={"heading": section["heading"], "guidance": section.get("guidance", "")})
    if form.validate_on_submit() and request.form.get("handling") != PREVIEW:
        before = current_version(template).number
        try:
            version = services.update_section(template, section_key, form.heading.data, form.guidance.data, current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            _saved(_("Delen «%(heading)s» er lagret.", heading=form.heading.data), before, version)
            return _editor(template, f"del-{section_key}")
    return _section_page(template, form, section)


@bp.post("/maler/<int:template_id>/deler/<section_key>/flytt/<direction>")
@login_required
def move_section(template_id: int, section_key: str, direction: str):
    template = _template(template_id)
    step = move_step(direction)
    before = current_version(template).number
    try:
        version = services.move_section(template, section_key, step, current_user)
    except Refused as refused:
        flash(refused.message, "danger")
        return _editor(template)
    _saved(_("Delen er flyttet."), before, version)
    return _editor(template, f"del-{section_key}")


@bp.post("/maler/<int:template_id>/deler/<section_key>/slett")
@login_required
def delete_section(template_id: int, section_key: str):
    template = _template(template_id)
    require_confirmation()
    before = current_version(template).number
    try:
        version, removed = services.remove_section(template, section_key, current_user)
    except Refused as refused:
        flash(refused.message, "danger")
        return _editor(template)
    _saved(_("Delen «%(heading)s» er fjernet.", heading=removed["heading"]), before, version)
    return _editor(template, "deler")


# --- fields ----------------------------------------------------------------------------------


def _field_page(template: DocumentTemplate, form: FieldForm, section: dict, field: dict | None):
    return _render(
        "template_field.html", template=template, network=template.network, form=form, section=section, field=field,
    ), form_status(form)


@bp.route("/maler/<int:template_id>/deler/<section_key>/felt/nytt", methods=["GET", "POST"])
@login_required
def new_field(template_id: int, section_key: str):
    template = _template(template_id)
    section = services.section_of(template, section_key) or abort(404)
    form = FieldForm()
    if form.validate_on_submit():
        before = current_version(template).number
        try:
            version, _key = services.add_field(template, section_key, form.field_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            _saved(_("Feltet «%(label)s» er lagt til.", label=form.label.data), before, version)
            return _editor(template, f"del-{section_key}")
    return _field_page(template, form, section, None)


@bp.route("/maler/<int:template_id>/felt/<field_key>/rediger", methods=["GET", "POST"])
@login_required
def edit_field(template_id: int, field_key: str):
    template = _template(template_id)
    section, field = services.field_of(template, field_key) or abort(404)
    form = FieldForm()
    if request.method == "GET":
        form.fill_from(field)
    if form.validate_on_submit():
        before = current_version(template).number
        try:
            version = services.update_field(template, field_key, form.field_data(), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            _saved(_("Feltet «%(label)s» er lagret.", label=form.label.data), before, version)
            return _editor(template, f"del-{section['key']}")
    return _field_page(template, form, section, field)


@bp.post("/maler/<int:template_id>/felt/<field_key>/flytt/<direction>")
@login_required
def move_field(template_id: int, field_key: str, direction: str):
    template = _template(template_id)
    step = move_step(direction)
    found = services.field_of(template, field_key)
    before = current_version(template).number
    try:
        version = services.move_field(template, field_key, step, current_user)
    except Refused as refused:
        flash(refused.message, "danger")
        return _editor(template)
    _saved(_("Feltet er flyttet."), before, version)
    return _editor(template, f"del-{found[0]['key']}")


@bp.post("/maler/<int:template_id>/felt/<field_key>/slett")
@login_required
def delete_field(template_id: int, field_key: str):
    template = _template(template_id)
    require_confirmation()
    found = services.field_of(template, field_key)
    before = current_version(template).number
    try:
        version, removed = services.remove_field(template, field_key, current_user)
    except Refused as refused:
        flash(refused.message, "danger")
        return _editor(template)
    _saved(_("Feltet «%(label)s» er fjernet.", label=removed["label"]), before, version)
    return _editor(template, f"del-{found[0]['key']}")
