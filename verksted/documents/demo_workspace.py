"""The teams' documents in the demo network: hovedplaner and fremdriftsplaner sent in (a few late),
status reports, drafts in progress, each saved several times by different members, with tiltak
that change from one fremdriftsplan to the next so the history has something to show.

Runs after the requests are made and before the project leader's feedback. The rows are written
directly, with past dates, so that seeding sends no e-mail. The words are in demo_texts.py.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from verksted import clock
from verksted.accounts.models import User
from verksted.documents import schema, services
from verksted.documents.demo_texts import TEAMS
from verksted.documents.models import (
    DocumentKind,
    DocumentRequest,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.extensions import db
from verksted.networks.models import Membership, Network, Role, Team

# (kind, its number among the requests of that kind, start of the municipality)
LATE = {(DocumentKind.FREMDRIFTSPLAN, 0, "Vestre Mo"), (DocumentKind.FREMDRIFTSPLAN, 2, "Storåsen"),
        (DocumentKind.HOVEDPLAN, 0, "Håkøy")}
DRAFTS = {(DocumentKind.FREMDRIFTSPLAN, 2, "Lierbygd"), (DocumentKind.STATUSRAPPORT, 1, "Lierbygd"),
          (DocumentKind.FREMDRIFTSPLAN, 3, "Fjordvik")}
NOT_DELIVERED = {(DocumentKind.STATUSRAPPORT, 1, "Vestre Mo"), (DocumentKind.FREMDRIFTSPLAN, 1, "Håkøy")}


def seed_submissions(network: Network) -> None:
    db.session.flush()
    requests = db.session.scalars(
        sa.select(DocumentRequest)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None))
        .options(selectinload(DocumentRequest.template), selectinload(DocumentRequest.assignments))
        .order_by(DocumentRequest.due_on, DocumentRequest.id)
    ).all()
    members = _members(network)
    counted: dict[DocumentKind, int] = {}
    for request in requests:
        kind = request.template.kind
        number = counted[kind] = counted.get(kind, -1) + 1
        for assignment in request.assignments:
            team = assignment.team
            name = next((start for start in TEAMS if team.municipality.startswith(start)), None)
            state = _state(kind, number, name, assignment.due_on)
            answers = _answers(kind, number, TEAMS.get(name, {}), request, members.get(team.id, []))
            if state is None or not answers or not members.get(team.id):
                continue
            _document(request, team, answers, members[team.id], state, late=(kind, number, name) in LATE)


def _members(network: Network) -> dict[int, list[User]]:
    """Each team's members, the gruppeleder first."""
    found: dict[int, list[User]] = {}
    for membership in db.session.scalars(
        sa.select(Membership)
        .where(Membership.network_id == network.id, Membership.role == Role.TEAM_MEMBER)
        .options(selectinload(Membership.user))
        .order_by(Membership.is_group_leader.desc(), Membership.id)
    ):
        found.setdefault(membership.team_id, []).append(membership.user)
    return found


def _state(kind: DocumentKind, number: int, name: str | None, due_on: date) -> SubmissionState | None:
    key = (kind, number, name)
    if name is None or key in NOT_DELIVERED:
        return None
    if key in DRAFTS:
        return SubmissionState.DRAFT
    return SubmissionState.SUBMITTED if due_on < clock.today() else None


# --- What each kind of document says -----------------------------------------------------------


def _answers(kind: DocumentKind, number: int, texts: dict, request: DocumentRequest, people: list[User]) -> dict:
    plans = texts.get("plans", [])
    if not texts or not people:
        return {}
    if kind is DocumentKind.HOVEDPLAN:
        tiltak = next((rows for _goal, rows, _place in plans if rows), [])
        return {"f-teammedlemmer": _team_table(request, people), "f-gruppeleder": people[0].name,
                "f-effektmal": texts["effektmal"], **texts["hovedplan"], "f-tiltak": tiltak}
    if kind is DocumentKind.FREMDRIFTSPLAN and number < len(plans):
        goal, rows, place = plans[number]
        start = request.period_from or request.due_on
        return {"f-gruppeleder": people[0].name, "f-deltakere": [person.name for person in people[:4]],
                "f-effektmal": texts["effektmal"], "f-resultatmal": goal, "f-tiltak": rows,
                "f-arbeidsmote": {"date": (start + timedelta(days=9)).isoformat(), "time": "13:00", "place": place}}
    if kind is DocumentKind.STATUSRAPPORT and number < len(texts.get("status", [])):
        goal = plans[min(number + 1, len(plans) - 1)][0] if plans else ""
        return {"f-effektmal": texts["effektmal"], "f-resultatmal": goal, **texts["status"][number]}
    return {}


def _team_table(request: DocumentRequest, people: list[User]) -> list[list[str]]:
    roles = {m.user_id: m.team_role for m in db.session.scalars(
        sa.select(Membership).where(Membership.network_id == request.network_id,
                                    Membership.user_id.in_([p.id for p in people])))}
    rows = []
    for person in people:
        role, _sep, unit = roles.get(person.id, "").partition(", ")
        rows.append([person.name, role, unit])
    return rows


# --- Writing one document with its history -----------------------------------------------------


def _document(request: DocumentRequest, team: Team, final: dict, people: list[User], state: SubmissionState,
              late: bool) -> None:
    version = services.current_version(request.template)
    final = {key: value for key, value in final.items() if not schema.is_empty(value)}
    saves = _drafts_towards(version.sections, final)
    due = request.due_on
    first_day = min(due - timedelta(days=14), clock.today() - timedelta(days=6))
    days = [first_day, first_day + timedelta(days=5), first_day + timedelta(days=10)]
    times = [_at(day, hour) for day, hour in zip(days, (9, 13, 10), strict=True)]
    writers = [people[0], people[1 % len(people)], people[2 % len(people)]]
    submission = Submission(
        request=request, team=team, template_version=version, answers=final, revision=len(saves), state=state,
        created_at=times[0], updated_at=times[-1], updated_by_id=writers[-1].id,
    )
    db.session.add(submission)
    for number, (answers, event) in enumerate(saves, start=1):
        db.session.add(SubmissionVersion(submission=submission, number=number, answers=answers, event=event,
                                         saved_by_id=writers[number - 1].id, saved_at=times[number - 1]))
    if state is SubmissionState.SUBMITTED:
        submitted = _at(due + timedelta(days=4), 16) if late else _at(due - timedelta(days=1), 15)
        submission.submitted_at, submission.submitted_by_id, submission.is_late = submitted, people[0].id, late
        db.session.add(SubmissionVersion(submission=submission, number=len(saves) + 1, answers=final, event="submit",
                                         saved_by_id=people[0].id, saved_at=submitted))


def _drafts_towards(sections: list[dict], final: dict) -> list[tuple[dict, str]]:
    """Three saves: a first third of the fields, then two thirds with a first wording of the
    longest text, then the whole document."""
    keys = [field["key"] for _section, field in schema.fields(sections) if field["key"] in final]
    carried = {field["key"] for _section, field in schema.fields(sections) if field.get("carry")}
    first = {key: final[key] for key in keys[: max(1, len(keys) // 3)] + [k for k in keys if k in carried]}
    second = {key: final[key] for key in keys[: max(1, 2 * len(keys) // 3)]}
    texts = [key for key in second if isinstance(second[key], str) and ". " in second[key]]
    if texts:
        longest = max(texts, key=lambda key: len(second[key]))
        second[longest] = second[longest].split(". ")[0] + "."
    return [(first, "save"), (second, "autosave"), (dict(final), "save")]


def _at(day: date, hour: int) -> datetime:
    """A time on `day` (Oslo), stored as UTC, never later than now."""
    moment = datetime.combine(day, time(hour, 7)) - timedelta(hours=1)
    return min(moment, clock.utcnow() - timedelta(minutes=30))
