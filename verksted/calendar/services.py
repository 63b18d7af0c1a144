"""Calendar feeds: secret addresses, and the events each feed holds."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError

from verksted.accounts.models import User
from verksted.calendar import ics
from verksted.calendar.ics import CalendarEvent
from verksted.calendar.models import CalendarFeed, new_feed_token
from verksted.clock import utcnow
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.i18n import long_date
from verksted.networks.models import Membership, Network

if TYPE_CHECKING:
    from verksted.documents.request_services import Deadline

# --- the secret addresses ---------------------------------------------------------------


@dataclass(frozen=True)
class FeedLinks:
    """The same feed for a browser or calendar that wants https, and for one that opens webcal://."""

    https: str
    webcal: str
    made_at: datetime


def _absolute(path: str) -> str:
    return current_app.config["VERKSTED_BASE_URL"] + path


def links(feed: CalendarFeed) -> FeedLinks:
    https = _absolute(url_for("calendar.feed", token=feed.token))
    return FeedLinks(https=https, webcal="webcal://" + https.split("://", 1)[1], made_at=feed.created_at)


def feed_for_network(network: Network) -> CalendarFeed:
    """The network's feed, made the first time someone asks for its address."""
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.network_id == network.id))
    if feed is None:
        feed = CalendarFeed(network=network, token=new_feed_token(), created_at=utcnow())
        db.session.add(feed)
    return feed


def feed_for_person(user: User) -> CalendarFeed:
    """The person's own feed, made the first time they look at its address."""
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))
    if feed is None:
        feed = CalendarFeed(user=user, token=new_feed_token(), created_at=utcnow())
        db.session.add(feed)
    return feed


def _renew(feed: CalendarFeed) -> CalendarFeed:
    feed.token = new_feed_token()
    feed.created_at = utcnow()
    return feed


def renew_network_feed(network: Network) -> CalendarFeed:
    """A new address for the network's feed; the old one stops working."""
    return _renew(feed_for_network(network))


def renew_personal_feed(user: User) -> CalendarFeed:
    """A new address for the person's feed; the old one stops working."""
    return _renew(feed_for_person(user))


def feed_by_token(token: str) -> CalendarFeed | None:
    return db.session.scalar(
        sa.select(CalendarFeed)
        .where(CalendarFeed.token == token)
        .options(selectinload(CalendarFeed.network), selectinload(CalendarFeed.user))
    )


# --- what goes in the calendars ---------------------------------------------------------


def _gatherings() -> sa.Select:
    return sa.select(Gathering).options(
        selectinload(Gathering.network), selectinload(Gathering.programme), selectinload(Gathering.host_team)
    ).order_by(Gathering.held_on, Gathering.starts_at, Gathering.id)


def gatherings_of(network: Network) -> list[Gathering]:
    return list(db.session.scalars(_gatherings().where(Gathering.network_id == network.id)))


def gatherings_for(user: User) -> list[Gathering]:
    """The gatherings of every network the person belongs to."""
    networks = sa.select(Membership.network_id).where(Membership.user_id == user.id)
    return list(db.session.scalars(_gatherings().where(Gathering.network_id.in_(networks))))


def _clock(moment) -> str:
    return moment.strftime("%H:%M")


def _programme_line(item) -> str:
    when = _clock(item.starts_at) + (f"–{_clock(item.ends_at)}" if item.ends_at else "")
    speaker = item.speaker + (f" ({item.speaker_organisation})" if item.speaker and item.speaker_organisation else "")
    return " – ".join(part for part in (when, item.title, speaker) if part)


def gathering_page(gathering: Gathering) -> str | None:
    """The address of the gathering's page, once the gatherings feature has one."""
    if "gatherings.gathering" not in current_app.view_functions:
        return None
    try:
        return _absolute(url_for("gatherings.gathering", gathering_id=gathering.id))
    except BuildError:
        return None


def gathering_event(gathering: Gathering) -> CalendarEvent:
    page = gathering_page(gathering)
    lines = []
    if gathering.focus:
        lines.append(_("Tema: %(focus)s", focus=gathering.focus))
    if gathering.host_label:
        lines.append(_("Vertskommune: %(host)s", host=gathering.host_label))
    if gathering.programme:
        lines += ["", _("Program:")] + [_programme_line(item) for item in gathering.programme]
    if page:
        lines += ["", _("Mer om samlingen: %(url)s", url=page)]
    return CalendarEvent(
        uid=f"gathering-{gathering.id}@verksted",
        summary=_(
            "Samling %(number)d: %(title)s – %(network)s",
            number=gathering.number, title=gathering.title, network=gathering.network.name,
        ),
        start=gathering.start,
        end=gathering.end,
        sequence=gathering.sequence,
        location=", ".join(part for part in (gathering.venue, gathering.address) if part),
        description="\n".join(lines).strip(),
        url=page,
        created=gathering.created_at,
        last_modified=gathering.updated_at,
    )


def _network_gatherings(network: Network) -> list[CalendarEvent]:
    return [gathering_event(gathering) for gathering in gatherings_of(network)]


def _personal_gatherings(user: User) -> list[CalendarEvent]:
    return [gathering_event(gathering) for gathering in gatherings_for(user)]


def _documents():
    """The documents feature, imported when first needed: it is built on top of calendars and gatherings."""
    from verksted.documents import request_services

    return request_services


def deadline_event(deadline: Deadline, page: str | None) -> CalendarEvent:
    """A document deadline as an all-day event; one that follows a gathering changes with it."""
    request_services = _documents()
    request = deadline.request
    rule = request_services.deadline_rule(request)
    follows = request.gathering if rule else None
    if deadline.extended:
        lines = [_("Utsatt frist. Fristen for de andre teamene er %(date)s.", date=long_date(request.due_on))]
    else:
        lines = [text[0].upper() + text[1:] for text in (rule, request_services.period_label(request)) if text]
    lines.append(_("Nettverk: %(network)s", network=request.network.name))
    if page:
        lines += ["", _("Dokumentene: %(url)s", url=page)]
    changed = follows.updated_at if follows is not None and follows.updated_at > request.created_at else None
    return CalendarEvent(
        uid=deadline.uid,
        summary=_("Frist: %(title)s (%(who)s)", title=request.title, who=deadline.who),
        start=deadline.on,
        end=deadline.on + timedelta(days=1),
        sequence=follows.sequence if follows is not None else 0,
        description="\n".join(lines),
        url=page,
        created=request.created_at,
        last_modified=changed,
    )


def _page(endpoint: str, **values) -> str | None:
    return _absolute(url_for(endpoint, **values)) if endpoint in current_app.view_functions else None


def _network_deadlines(network: Network) -> list[CalendarEvent]:
    page = _page("documents.requests", network_id=network.id)
    return [deadline_event(deadline, page) for deadline in _documents().network_deadlines(network)]


def _personal_deadlines(user: User) -> list[CalendarEvent]:
    return [
        deadline_event(deadline, _page("documents.workspace", team_id=deadline.teams[0].id)
                       or _page("documents.requests", network_id=deadline.request.network_id))
        for deadline in _documents().personal_deadlines(user)
    ]


# Each provider gives one kind of event for a feed.
NETWORK_EVENTS: list[Callable[[Network], list[CalendarEvent]]] = [_network_gatherings, _network_deadlines]
PERSONAL_EVENTS: list[Callable[[User], list[CalendarEvent]]] = [_personal_gatherings, _personal_deadlines]


def network_calendar(network: Network) -> bytes:
    events = [event for provider in NETWORK_EVENTS for event in provider(network)]
    return ics.calendar(events, name=network.name, subscribed=True)


def personal_calendar(user: User) -> bytes:
    with force_locale(user.locale):
        events = [event for provider in PERSONAL_EVENTS for event in provider(user)]
        return ics.calendar(events, name=_("Verksted – %(name)s", name=user.name), subscribed=True)


def feed_calendar(feed: CalendarFeed) -> bytes:
    return network_calendar(feed.network) if feed.network_id else personal_calendar(feed.user)


def gathering_calendar(gathering: Gathering) -> bytes:
    """One gathering as a file to open in a calendar program."""
    return ics.calendar([gathering_event(gathering)])
