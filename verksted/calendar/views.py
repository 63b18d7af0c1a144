from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from verksted.calendar import bp, services
from verksted.extensions import db
from verksted.forms import ConfirmForm, require_confirmation
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network
from verksted.permissions import Action, authorize


def _ics(body: bytes, cache: str, filename: str | None = None) -> Response:
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = cache
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/kalender/<token>.ics")
def feed(token: str):
    """A subscribed calendar: the secret address is the only key, as calendar programs cannot sign in."""
    feed = services.feed_by_token(token)
    if feed is None:
        abort(404)
    response = _ics(services.feed_calendar(feed), "private, max-age=300")
    response.headers["X-Robots-Tag"] = "noindex"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/samlinger/<int:gathering_id>.ics")
@login_required
def gathering(gathering_id: int):
    gathering = db.get_or_404(Gathering, gathering_id)
    authorize(Action.VIEW_NETWORK, gathering)
    return _ics(services.gathering_calendar(gathering), "private, no-cache", f"samling-{gathering.number}.ics")


@bp.get("/nettverk/<int:network_id>/kalender")
@login_required
def network_calendar(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.VIEW_NETWORK, network)
    feed = services.feed_for_network(network)
    db.session.commit()  # the address is made the first time anyone looks
    return render_template(
        "calendar/network.html",
        network=network,
        feed_links=services.links(feed),
        gatherings=services.gatherings_of(network),
        confirm=ConfirmForm(),
    )


@bp.post("/nettverk/<int:network_id>/kalender/ny-adresse")
@login_required
def renew_network_feed(network_id: int):
    network = db.get_or_404(Network, network_id)
    authorize(Action.MANAGE_NETWORK, network)
    require_confirmation()
    services.renew_network_feed(network)
    db.session.commit()
    flash(_("Kalenderen har fått ny adresse. Den gamle adressen virker ikke lenger."), "success")
    return redirect(url_for("calendar.network_calendar", network_id=network.id))


@bp.post("/profil/kalender/ny-adresse")
@login_required
def renew_personal_feed():
    require_confirmation()
    services.renew_personal_feed(current_user)
    db.session.commit()
    flash(_("Kalenderen din har fått ny adresse. Den gamle adressen virker ikke lenger."), "success")
    return redirect(url_for("accounts.profile") + "#kalender")
