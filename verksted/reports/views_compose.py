"""Composing the report: the outline, each section's editor, the front page and its logo."""
from __future__ import annotations

from io import BytesIO

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.errors import Refused
from verksted.extensions import db
from verksted.forms import ConfirmForm, form_status, move_step, require_confirmation, show_refusal
from verksted.networks.models import Network
from verksted.permissions import Action, can
from verksted.reports import bp, services
from verksted.reports.content import missing_in
from verksted.reports.forms import PREVIEW, FrontPageForm, NewSectionForm, cell_name, column_name, section_form
from verksted.reports.models import Report
from verksted.reports.views import network_for, section_for


def _outline(network_id: int, anchor: str | None = None):
    return redirect(url_for("reports.report", network_id=network_id, _anchor=anchor))


def _report_of(network: Network) -> Report:
    """The network's report; without one, the outline says how to start it."""
    report = services.report_of(network)
    if report is None:
        flash(_("Rapporten er ikke startet ennå."), "info")
        abort(_outline(network.id))
    return report


# --- the outline ----------------------------------------------------------------------------


def _outline_page(network: Network, new_section: NewSectionForm, status: int = 200):
    report = services.outline_of(network)
    return render_template(
        "reports/report.html", network=network, report=report, new_section=new_section, confirm=ConfirmForm(),
        missing=missing_in(report) if report else [], source_labels=services.source_labels(),
        writer=can(Action.WRITE_REPORT, network),
    ), status


@bp.get("/nettverk/<int:network_id>/rapport")
@login_required
def report(network_id: int):
    return _outline_page(network_for(network_id), NewSectionForm())


@bp.post("/nettverk/<int:network_id>/rapport/start")
@login_required
def start(network_id: int):
    network = network_for(network_id, Action.WRITE_REPORT)
    require_confirmation()
    if services.report_of(network) is None:
        services.start_report(network, current_user)
        db.session.commit()
        flash(_("Rapporten er startet med de vanlige delene. Skriv tekstene, og velg hva delene med data skal vise."),
              "success")
    return _outline(network.id)


@bp.post("/nettverk/<int:network_id>/rapport/deler")
@login_required
def add_section(network_id: int):
    network = network_for(network_id, Action.WRITE_REPORT)
    report = _report_of(network)
    form = NewSectionForm()
    if form.validate_on_submit():
        try:
            section = services.add_section(report, form.title.data, form.section_source(), current_user)
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Delen «%(title)s» er lagt til sist i rapporten.", title=section.title), "success")
            return redirect(url_for("reports.section", section_id=section.id))
    return _outline_page(network, form, 422)


@bp.post("/rapportdeler/<int:section_id>/flytt/<direction>")
@login_required
def move_section(section_id: int, direction: str):
    section = section_for(section_id)
    services.move_section(section, move_step(direction), current_user)
    db.session.commit()
    return _outline(section.report.network_id, f"del-{section.id}")


@bp.post("/rapportdeler/<int:section_id>/slett")
@login_required
def remove_section(section_id: int):
    section = section_for(section_id)
    require_confirmation()
    network_id, title = section.report.network_id, section.title
    services.remove_section(section, current_user)
    db.session.commit()
    flash(_("Delen «%(title)s» er fjernet fra rapporten.", title=title), "success")
    return _outline(network_id, "deler")


# --- the front page -------------------------------------------------------------------------


@bp.route("/nettverk/<int:network_id>/rapport/forside", methods=["GET", "POST"])
@login_required
def front_page(network_id: int):
    network = network_for(network_id, Action.WRITE_REPORT)
    report = _report_of(network)
    form = FrontPageForm(data={"title": report.title, "subtitle": report.subtitle, "owner": report.owner,
                               "period": report.period, "revision": report.revision})
    if report.logo:
        form.logo.label.text = _("Ny logo i stedet for denne")
    status = form_status(form)
    if form.validate_on_submit():
        try:
            services.update_front_page(report, form.front_data(), form.revision.data, current_user,
                                       logo=form.logo_bytes(), remove_logo=form.remove_logo.data)
        except services.StaleReport as stale:
            flash(stale.message, "warning")
            form.revision.data, form.revision.raw_data = report.revision, [str(report.revision)]
            status = 409
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("Forsiden er lagret."), "success")
            return _outline(network.id)
    return render_template("reports/front_page.html", network=network, report=report, form=form,
                           stale=status == 409), status


@bp.get("/nettverk/<int:network_id>/rapport/logo")
@login_required
def logo(network_id: int):
    network = network_for(network_id)
    found = db.session.execute(
        sa.select(Report.logo, Report.logo_type).where(Report.network_id == network.id)
    ).first()
    if found is None or not found.logo:
        abort(404)
    return send_file(BytesIO(found.logo), mimetype=found.logo_type or "application/octet-stream", max_age=0)


# --- a section's editor ---------------------------------------------------------------------


@bp.route("/rapportdeler/<int:section_id>", methods=["GET", "POST"])
@login_required
def section(section_id: int):
    section = section_for(section_id)
    offer = services.editor_offer(section)
    form = section_form(section, offer)
    previewing = request.form.get("handling") == PREVIEW
    status = form_status(form)
    if form.validate_on_submit() and not previewing:
        try:
            services.save_section(section, form.body.data or "", form.revision.data, current_user,
                                  options=form.new_options(dict(section.options or {})), title=form.title.data)
        except services.StaleReport as stale:
            flash(stale.message, "warning")
            form.show_revision(section.revision)
            status = 409
        except Refused as refused:
            show_refusal(form, refused)
        else:
            db.session.commit()
            flash(_("«%(title)s» er lagret.", title=section.title), "success")
            return redirect(url_for("reports.section", section_id=section.id))
    elif previewing and not form.errors:
        status = 200
    return render_template(
        "reports/section.html", section=section, report=section.report, network=section.report.network, form=form,
        offer=offer, source_labels=services.source_labels(), stale=status == 409, cell_name=cell_name,
        column_name=column_name, preview=(form.body.data or "") if previewing and not form.errors else None,
    ), status
