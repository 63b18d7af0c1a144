"""What the API says about each thing: plain JSON with English snake_case keys.

Times are UTC with a «Z»; dates are ISO dates; clock times «HH:MM». The OpenAPI document
(openapi.py) describes every key here; change both together.
"""
from __future__ import annotations

from datetime import date, datetime, time

from verksted.documents import schema
from verksted.documents.models import DocumentRequest, Submission
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Team
from verksted.plan.models import Milestone
from verksted.polls.models import Poll
from verksted.polls.results import QuestionResults


def stamp(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value is not None else None


def day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def network(item: Network) -> dict:
    return {
        "id": item.id, "name": item.name, "description": item.description,
        "owner_organisation": item.owner_organisation, "main_goal": item.main_goal,
        "starts_on": day(item.starts_on), "ends_on": day(item.ends_on),
    }


def network_detail(item: Network) -> dict:
    return {**network(item), "goals": [goal.text for goal in item.goals]}


def team(item: Team) -> dict:
    return {
        "id": item.id, "network_id": item.network_id, "municipality": item.municipality,
        "municipality_number": item.municipality_number, "status": item.status.value,
        "withdrawn_on": day(item.withdrawn_on), "withdrawal_reason": item.withdrawal_reason,
    }


def gathering(item: Gathering) -> dict:
    return {
        "id": item.id, "network_id": item.network_id, "number": item.number, "title": item.title,
        "held_on": day(item.held_on), "starts_at": clock(item.starts_at), "ends_at": clock(item.ends_at),
        "venue": item.venue, "address": item.address, "host_team_id": item.host_team_id,
        "host_name": item.host_name, "focus": item.focus,
        "registration_closes_on": day(item.registration_closes_on),
    }


def gathering_detail(item: Gathering) -> dict:
    return {
        **gathering(item),
        "programme": [
            {"starts_at": clock(p.starts_at), "ends_at": clock(p.ends_at), "title": p.title, "kind": p.kind.value,
             "speaker": p.speaker, "speaker_organisation": p.speaker_organisation}
            for p in item.programme
        ],
    }


def request(item: DocumentRequest) -> dict:
    return {
        "id": item.id, "network_id": item.network_id, "title": item.title, "instructions": item.instructions,
        "kind": item.template.kind.value, "template_title": item.template.title, "due_on": day(item.due_on),
        "gathering_id": item.gathering_id, "period_from": day(item.period_from), "period_to": day(item.period_to),
        "shared": item.shared_at is not None,
    }


def submission(item: Submission) -> dict:
    return {
        "id": item.id, "request_id": item.request_id, "team_id": item.team_id, "state": item.state.value,
        "revision": item.revision, "created_at": stamp(item.created_at), "updated_at": stamp(item.updated_at),
        "submitted_at": stamp(item.submitted_at), "is_late": item.is_late,
    }


def submission_detail(item: Submission) -> dict:
    return {
        **submission(item),
        "answers": item.answers or {},
        "fields": [
            {"key": field["key"], "section": section.get("heading", ""), "label": field.get("label", ""),
             "kind": field["kind"], "required": bool(field.get("required")),
             "choices": list(field.get("choices") or []), "columns": list(field.get("columns") or [])}
            for section, field in schema.fields(item.template_version.sections)
        ],
    }


def milestone(item: Milestone) -> dict:
    return {
        "id": item.id, "network_id": item.network_id, "code": item.code, "title": item.title,
        "description": item.description, "responsible": item.responsible, "starts_in": day(item.starts_in),
        "ends_in": day(item.ends_in), "status": item.status.value, "position": item.position,
    }


def poll_results(poll: Poll, results: list[QuestionResults]) -> dict:
    return {
        "poll": {"id": poll.id, "network_id": poll.network_id, "gathering_id": poll.gathering_id,
                 "title": poll.title, "state": poll.state.value},
        "questions": [
            {"id": r.question.id, "position": r.question.position, "kind": r.question.kind.value,
             "prompt": r.question.prompt, "summary": _public(r.summary),
             "by_municipality": [{**row, "summary": _public(row["summary"])} for row in r.split]}
            for r in results
        ],
    }


def _public(summary: dict | None) -> dict | None:
    """A summary without what the moderator hid, and without which municipality wrote each open
    answer: a small group's words could be traced back to it."""
    if summary is None:
        return None
    shown = dict(summary)
    if "texts" in shown:
        shown["texts"] = [{"id": t["id"], "text": t["text"]} for t in shown["texts"] if not t["hidden"]]
    if "words" in shown:
        shown["words"] = [{"word": w["word"], "count": w["count"]} for w in shown["words"] if not w["hidden"]]
    return shown
