"""The project plan: milestones and their status history, risks, main activities, the timeline."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Network
from verksted.plan.grid import CellState, history_in_order
from verksted.plan.models import Activity, Milestone, MilestoneStatus, MilestoneStatusChange, Risk, RiskKind, RiskStatus

MILESTONE_FIELDS = ("code", "title", "description", "responsible", "starts_in", "ends_in")
RISK_FIELDS = ("kind", "description", "likelihood", "consequence", "counter_measure", "owner", "status")
ACTIVITY_FIELDS = ("title", "purpose", "sub_tasks", "responsible", "period")
LEVELS = (1, 2, 3)


# --- reading --------------------------------------------------------------------------------


def milestones_of(network: Network, with_history: bool = False) -> list[Milestone]:
    query = sa.select(Milestone).where(Milestone.network_id == network.id).order_by(Milestone.position, Milestone.id)
    if with_history:
        query = query.options(selectinload(Milestone.history).selectinload(MilestoneStatusChange.changed_by))
    return list(db.session.scalars(query))


def milestone_query(milestone_id: int) -> sa.Select:
    """One milestone with its history and who recorded each change."""
    return sa.select(Milestone).where(Milestone.id == milestone_id).options(
        selectinload(Milestone.history).selectinload(MilestoneStatusChange.changed_by)
    )


def risks_of(network: Network) -> list[Risk]:
    """Highest score first; among equals the open ones, then in the order they were entered."""
    order = {RiskStatus.OPEN: 0, RiskStatus.HANDLED: 1, RiskStatus.CLOSED: 2}
    risks = db.session.scalars(sa.select(Risk).where(Risk.network_id == network.id))
    return sorted(risks, key=lambda r: (-r.score, order[r.status], r.position, r.id))


def activities_of(network: Network) -> list[Activity]:
    return list(db.session.scalars(
        sa.select(Activity).where(Activity.network_id == network.id).order_by(Activity.position, Activity.id)
    ))


def risk_matrix(risks: list[Risk]) -> list[tuple[int, list[tuple[int, list[tuple[int, Risk]]]]]]:
    """Rows of consequence (high first) by columns of likelihood (low first), each cell holding
    the numbered risks that are not closed. Numbers follow the list's order, from 1."""
    numbered = [(number, risk) for number, risk in enumerate(risks, start=1) if risk.status is not RiskStatus.CLOSED]
    return [
        (consequence, [
            (likelihood, [(n, r) for n, r in numbered if r.consequence == consequence and r.likelihood == likelihood])
            for likelihood in LEVELS
        ])
        for consequence in reversed(LEVELS)
    ]


# --- milestones ----------------------------------------------------------------------------


def _check_milestone(network: Network, data: dict, milestone: Milestone | None = None) -> None:
    if data["ends_in"] < data["starts_in"]:
        raise Refused(_("Milepælen kan ikke være ferdig før den starter. Velg en senere måned."), field="ends_in")
    clash = db.session.scalar(
        sa.select(Milestone.id).where(
            Milestone.network_id == network.id,
            sa.func.lower(Milestone.code) == data["code"].lower(),
            Milestone.id != (milestone.id if milestone else -1),
        )
    )
    if clash:
        raise Refused(_("Koden %(code)s er allerede brukt i dette nettverket. Velg en annen.", code=data["code"]), field="code")


def next_code(network: Network) -> str:
    """A suggestion for a new milestone's code: M and the next free number."""
    codes = {code.upper() for code in db.session.scalars(sa.select(Milestone.code).where(Milestone.network_id == network.id))}
    number = len(codes) + 1
    while f"M{number}" in codes:
        number += 1
    return f"M{number}"


def create_milestone(network: Network, data: dict) -> Milestone:
    _check_milestone(network, data)
    position = 1 + (db.session.scalar(
        sa.select(sa.func.max(Milestone.position)).where(Milestone.network_id == network.id)
    ) or 0)
    milestone = Milestone(network=network, position=position, status=MilestoneStatus.NOT_STARTED,
                          **{key: data[key] for key in MILESTONE_FIELDS})
    db.session.add(milestone)
    return milestone


def update_milestone(milestone: Milestone, data: dict) -> None:
    _check_milestone(milestone.network, data, milestone)
    for key in MILESTONE_FIELDS:
        setattr(milestone, key, data[key])


def move_milestone(milestone: Milestone, step: int) -> None:
    """Swap a milestone with the one above (step -1) or below (+1)."""
    _swap(milestones_of(milestone.network), milestone, step)


def change_status(
    milestone: Milestone, status: MilestoneStatus, note: str, changed_on: date, changed_by: User | None, today: date
) -> MilestoneStatusChange:
    """Record a status from a date on; the milestone's status becomes the latest that applies."""
    network = milestone.network
    if changed_on > today:
        raise Refused(_("Datoen kan ikke være fram i tid. Skriv datoen statusen gjelder fra."), field="changed_on")
    if (network.starts_on and changed_on < network.starts_on) or (network.ends_on and changed_on > network.ends_on):
        raise Refused(
            _("Datoen må være innenfor nettverkets periode, %(start)s – %(end)s.",
              start=long_date(network.starts_on) or "…", end=long_date(network.ends_on) or "…"),
            field="changed_on",
        )
    change = MilestoneStatusChange(status=status, note=note, changed_on=changed_on, changed_by=changed_by, created_at=utcnow())
    milestone.history.append(change)
    _refresh_status(milestone)
    return change


def delete_status_change(change: MilestoneStatusChange) -> None:
    milestone = change.milestone
    milestone.history.remove(change)
    _refresh_status(milestone)


def _refresh_status(milestone: Milestone) -> None:
    history = history_in_order(milestone)
    milestone.status = history[-1].status if history else MilestoneStatus.NOT_STARTED


def status_label(status: MilestoneStatus | CellState) -> str:
    return {
        "not_started": _("Ikke startet"),
        "in_progress": _("Pågår"),
        "partly": _("Delvis"),
        "done": _("Fullført"),
        "planned": _("Planlagt"),
    }[status.value]


STATUS_COLORS = {"not_started": "neutral", "in_progress": "info", "partly": "warning", "done": "success", "planned": "neutral"}


def legend() -> list[tuple[CellState, str, str]]:
    """Each state the grid can show, with its label and what it means."""
    explanations = {
        CellState.NOT_STARTED: _("Arbeidet var ikke startet ved utgangen av måneden."),
        CellState.IN_PROGRESS: _("Arbeidet pågikk."),
        CellState.PARTLY: _("Delvis nådd."),
        CellState.DONE: _("Milepælen var nådd."),
        CellState.PLANNED: _("Planlagt i en kommende måned."),
    }
    return [(state, status_label(state), explanations[state]) for state in CellState]


# --- risks ---------------------------------------------------------------------------------


def _check_risk(data: dict) -> None:
    for field, label in (("likelihood", _("sannsynlighet")), ("consequence", _("konsekvens"))):
        if data.get(field) not in LEVELS:
            raise Refused(_("Velg %(what)s fra 1 (lav) til 3 (høy).", what=label), field=field)


def create_risk(network: Network, data: dict) -> Risk:
    _check_risk(data)
    position = 1 + (db.session.scalar(sa.select(sa.func.max(Risk.position)).where(Risk.network_id == network.id)) or 0)
    risk = Risk(network=network, position=position, **{key: data[key] for key in RISK_FIELDS})
    db.session.add(risk)
    return risk


def update_risk(risk: Risk, data: dict) -> None:
    _check_risk(data)
    for key in RISK_FIELDS:
        setattr(risk, key, data[key])


def level_label(level: int) -> str:
    return {1: _("Lav"), 2: _("Middels"), 3: _("Høy")}[level]


def score_level(score: int) -> tuple[str, str]:
    """How serious a likelihood × consequence score is, in words and as a tag colour."""
    if score >= 6:
        return _("Høy risiko"), "danger"
    if score >= 3:
        return _("Middels risiko"), "warning"
    return _("Lav risiko"), "success"


def risk_kind_label(kind: RiskKind) -> str:
    return {RiskKind.INTERNAL: _("Intern"), RiskKind.EXTERNAL: _("Ekstern")}[kind]


def risk_status_label(status: RiskStatus) -> str:
    return {RiskStatus.OPEN: _("Åpen"), RiskStatus.HANDLED: _("Tiltak iverksatt"), RiskStatus.CLOSED: _("Lukket")}[status]


# --- main activities -----------------------------------------------------------------------


def create_activity(network: Network, data: dict) -> Activity:
    position = 1 + (db.session.scalar(
        sa.select(sa.func.max(Activity.position)).where(Activity.network_id == network.id)
    ) or 0)
    activity = Activity(network=network, position=position, **{key: data[key] for key in ACTIVITY_FIELDS})
    db.session.add(activity)
    return activity


def update_activity(activity: Activity, data: dict) -> None:
    for key in ACTIVITY_FIELDS:
        setattr(activity, key, data[key])


def move_activity(activity: Activity, step: int) -> None:
    _swap(activities_of(activity.network), activity, step)


def _swap(items: list, item, step: int) -> None:
    index = items.index(item)
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for position, each in enumerate(items):
        each.position = position
