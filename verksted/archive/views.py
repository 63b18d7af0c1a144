"""The archive's pages: a network out as JSON, the next cycle started from it, an archive back in."""
from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted import archive
from verksted.accounts.models import User
from verksted.archive import bp
from verksted.archive.forms import ImportForm, NextNetworkForm
from verksted.archive.next_cycle import COPIED, LEFT_BEHIND, has_ended, start_next_network
from verksted.documents.exports.content import safe_file_name
from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import form_status, show_refusal
from verksted.networks.models import Membership, Network, Role
from verksted.permissions import Action, authorize, may_import_networks
from verksted.web import private_download


bp.add_app_template_global(has_ended, "network_has_ended")


@bp.app_context_processor
def _import_link() -> dict:
    """The network list and the admin page offer «Importer nettverk» to those who may."""
    return {"may_import_networks": may_import_networks}


def _network(network_id: int, action: Action) -> Network:
    network = db.get_or_404(Network, network_id)
    authorize(action, network)
    return network


@bp.get("/nettverk/<int:network_id>/arkiv")
@login_required
def archive_page(network_id: int):
    network = _network(network_id, Action.EXPORT_NETWORK)
    return render_template("archive/archive.html", network=network)


@bp.get("/nettverk/<int:network_id>/arkiv.json")
@login_required
def export(network_id: int):
    network = _network(network_id, Action.EXPORT_NETWORK)
    return private_download(archive.archive_bytes(network), "application/json", safe_file_name(network.name, "json"))


@bp.route("/nettverk/<int:network_id>/ny-periode", methods=["GET", "POST"])
@login_required
def next_network(network_id: int):
    network = _network(network_id, Action.START_NEXT_CYCLE)
    form = NextNetworkForm()
    if form.validate_on_submit():
        try:
            new = start_next_network(network, form.name.data, form.starts_on.data, form.ends_on.data,
                                     by=current_user._get_current_object())
        except Refused as refused:
            db.session.rollback()
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("«%(name)s» er startet fra «%(source)s». Du er prosjektleder.", name=new.name,
                    source=network.name), "success")
            return redirect(url_for("networks.network", network_id=new.id))
    return render_template("archive/next_network.html", network=network, form=form, copied=COPIED,
                           left_behind=LEFT_BEHIND), form_status(form)


@bp.route("/nettverk/importer", methods=["GET", "POST"])
@login_required
def import_network():
    if not may_import_networks():
        abort(403)
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = request.files.get("archive")
        raw = upload.read() if upload else b""
        if not raw:
            form.archive.errors = [_("Velg arkivfilen du vil importere.")]
        else:
            try:
                network = _import_and_lead(raw, current_user._get_current_object())
            except archive.ArchiveRefused as refused:
                db.session.rollback()
                problems = list(refused.problems)
            else:
                db.session.commit()
                flash(_("«%(name)s» er importert.", name=network.name), "success")
                return redirect(url_for("networks.network", network_id=network.id))
    return _import_page(form, problems), 422 if problems else form_status(form)


def _import_page(form: ImportForm, problems: list[str]) -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return render_template("archive/import.html", form=form, problems=problems, max_megabytes=limit // 2**20)


@bp.errorhandler(413)
def _too_large(error):
    """An archive over the app's limit is told by its field on the import page, not on a bare error page."""
    if request.endpoint != "archive.import_network":
        return render_template("error.html", status=413, title=_("For stor fil"),
                               message=_("Det du sendte, er for stort.")), 413
    form = ImportForm(formdata=None)  # the body is too big to read: the form starts empty
    form.archive.errors = [_("Filen er større enn %(size)d MB og kan ikke importeres her. Be en administrator "
                             "importere den med kommandoen «flask --app verksted import FIL.json».",
                             size=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 2**20)]
    return _import_page(form, []), 413


def _import_and_lead(raw: bytes, user: User) -> Network:
    """The imported network, with the importer as its project leader unless the archive has them in it."""
    network = archive.import_archive(raw, by=user)
    if db.session.scalar(sa.select(Membership.id).where(Membership.network_id == network.id,
                                                        Membership.user_id == user.id)) is None:
        db.session.add(Membership(network_id=network.id, user_id=user.id, role=Role.FACILITATOR))
    return network


@bp.get("/arkivformat/")  # the slash lets the docs link the schema beside them as «archive.schema.json»
@login_required
def format_docs():
    """docs/archive.md as a page; where the docs folder is not installed, the schema alone."""
    path = Path(current_app.root_path).parent / "docs" / "archive.md"
    return render_template("archive/format.html", text=path.read_text(encoding="utf-8") if path.is_file() else "")


@bp.get("/arkivformat/archive.schema.json")
@login_required
def format_schema():
    text = json.dumps(archive.build_schema(), ensure_ascii=False, indent=2)
    return Response(text, mimetype="application/schema+json")
