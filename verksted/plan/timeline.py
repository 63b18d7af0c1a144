"""One timeline of the network: gatherings, milestones and document deadlines, month by month.

Each provider turns one kind of thing into entries; the timeline sorts and groups them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import gettext as _

from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network
from verksted.permissions import Action, can
from verksted.plan import services
from verksted.plan.grid import month_end, month_of
from verksted.plan.models import MilestoneStatus


@dataclass(frozen=True)
class Entry:
    on: date  # the day, or for month-only entries a day that sorts them within the month
    kind: str  # "gathering", "milestone_start", "milestone_end", …
    title: str
    detail: str = ""
    url: str | None = None
    day_known: bool = True  # False: only the month is known
    tag: tuple[str, str] | None = None  # (label, colour) shown beside the title

    def is_past(self, today: date) -> bool:
        return self.on < today if self.day_known else month_of(self.on) < month_of(today)


@dataclass(frozen=True)
class Month:
    month: date
    entries: list[Entry]
    is_current: bool
    is_past: bool


def gathering_entries(network: Network) -> list[Entry]:
    gatherings = db.session.scalars(
        sa.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.held_on, Gathering.number)
    )
    has_page = "gatherings.gathering" in current_app.view_functions
    return [
        Entry(
            on=gathering.held_on,
            kind="gathering",
            title=_("Samling %(number)d: %(title)s", number=gathering.number, title=gathering.title),
            detail=gathering.focus,
            url=url_for("gatherings.gathering", gathering_id=gathering.id) if has_page else None,
        )
        for gathering in gatherings
    ]


def milestone_entries(network: Network) -> list[Entry]:
    entries = []
    for milestone in services.milestones_of(network):
        name = f"{milestone.code} {milestone.title}"
        who = _("Ansvarlig: %(who)s", who=milestone.responsible) if milestone.responsible else ""
        url = url_for("plan.milestone", milestone_id=milestone.id)
        tag = (services.status_label(milestone.status), services.STATUS_COLORS[milestone.status.value])
        if milestone.starts_in == milestone.ends_in:
            entries.append(Entry(month_end(milestone.ends_in), "milestone_end", _("%(name)s – planlagt denne måneden", name=name),
                                 who, url, day_known=False, tag=tag))
            continue
        entries.append(Entry(milestone.starts_in, "milestone_start", _("%(name)s starter", name=name),
                             who, url, day_known=False,
                             tag=tag if milestone.status is MilestoneStatus.NOT_STARTED else None))
        entries.append(Entry(month_end(milestone.ends_in), "milestone_end", _("%(name)s skal være nådd", name=name),
                             who, url, day_known=False, tag=tag))
    return entries


def deadline_entries(network: Network) -> list[Entry]:
    """One entry per document deadline; a team's extended deadline is an entry of its own."""
    from verksted.documents import request_services  # imported here: documents build on the plan and gatherings

    leader = can(Action.REVIEW, network)
    entries = []
    for deadline in request_services.network_deadlines(network):
        request = deadline.request
        rule = request_services.deadline_rule(request)
        entries.append(Entry(
            on=deadline.on,
            kind="deadline",
            title=_("Frist: %(title)s (%(who)s)", title=request.title, who=deadline.who),
            detail=_("Utsatt frist") if deadline.extended else rule[:1].upper() + rule[1:],
            url=url_for("documents.request_page", request_id=request.id) if leader else None,
        ))
    return entries


PROVIDERS: list[Callable[[Network], list[Entry]]] = [gathering_entries, milestone_entries, deadline_entries]

_KIND_ORDER = {"milestone_start": 0, "gathering": 1, "milestone_end": 2}


def timeline(network: Network, today: date) -> list[Month]:
    """Every entry, in date order, grouped by month; the current month is always there."""
    entries = [entry for provider in PROVIDERS for entry in provider(network)]
    entries.sort(key=lambda e: (e.on, _KIND_ORDER.get(e.kind, 1), e.title))
    by_month: dict[date, list[Entry]] = {month_of(today): []}
    for entry in entries:
        by_month.setdefault(month_of(entry.on), []).append(entry)
    current = month_of(today)
    return [
        Month(month, by_month[month], is_current=month == current, is_past=month < current)
        for month in sorted(by_month)
    ]
