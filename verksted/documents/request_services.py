"""Requests for documents (innleveringer): asking the teams, deadlines by date or relative to a
gathering, series of requests, extensions for one team, and deadlines that follow a moved gathering.

Services change the session and queue mail; the view commits once.
"""
from __future__ import annotations

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from verksted import mail
from verksted.accounts.models import User
from verksted.clock import today, utcnow
from verksted.documents import services
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    DueRule,
    Submission,
    SubmissionState,
)
from verksted.errors import Refused
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.gatherings.models import Gathering
from verksted.networks.models import Membership, Network, Team, TeamStatus

REMIND_DAYS_MAX = 60
DELIVERED = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)


# --- how a request reads --------------------------------------------------------------------


def relative_rule(days_before: int | None, gathering_number: int | None) -> str:
    """«10 dager før samling 3», «14 dager etter samling 1», «samme dag som samling 6»."""
    if days_before is None or gathering_number is None:
        return ""
    if days_before == 0:
        return _("samme dag som samling %(number)d", number=gathering_number)
    if days_before > 0:
        return ngettext("%(num)d dag før samling %(number)d", "%(num)d dager før samling %(number)d",
                        days_before, number=gathering_number)
    return ngettext("%(num)d dag etter samling %(number)d", "%(num)d dager etter samling %(number)d",
                    -days_before, number=gathering_number)


def deadline_rule(request: DocumentRequest) -> str:
    """How the deadline is set, when it follows a gathering; empty for a fixed date."""
    if request.due_rule is not DueRule.BEFORE_GATHERING or request.gathering is None:
        return ""
    return relative_rule(request.days_before, request.gathering.number)


def period_label(request: DocumentRequest) -> str:
    """«for perioden 1. september til 15. februar 2026»"""
    start, end = request.period_from, request.period_to
    if start and end:
        start_text = long_date(start) if start.year != end.year else format_date(start, _("d. MMMM"))
        return _("for perioden %(start)s til %(end)s", start=start_text, end=long_date(end))
    if start:
        return _("for perioden fra %(start)s", start=long_date(start))
    if end:
        return _("for perioden fram til %(end)s", end=long_date(end))
    return ""


def teams_label(teams: list[Team], everyone: bool) -> str:
    return _("alle team") if everyone else ", ".join(team.municipality for team in teams)


# --- reading --------------------------------------------------------------------------------


def active_templates(network: Network) -> list[DocumentTemplate]:
    """The templates a request can be made from: the network's own, not archived."""
    return list(db.session.scalars(
        sa.select(DocumentTemplate)
        .where(DocumentTemplate.network_id == network.id, DocumentTemplate.archived_at.is_(None))
        .order_by(DocumentTemplate.position, DocumentTemplate.id)
    ))


def gatherings_of(network: Network) -> list[Gathering]:
    return list(db.session.scalars(
        sa.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.held_on, Gathering.number)
    ))


def active_teams(network: Network) -> list[Team]:
    return list(db.session.scalars(
        sa.select(Team)
        .where(Team.network_id == network.id, Team.status == TeamStatus.ACTIVE)
        .order_by(Team.municipality)
    ))


def _live_requests() -> sa.Select:
    return (
        sa.select(DocumentRequest)
        .where(DocumentRequest.deleted_at.is_(None))
        .options(
            selectinload(DocumentRequest.template),
            selectinload(DocumentRequest.gathering),
            selectinload(DocumentRequest.assignments).selectinload(Assignment.team),
        )
        .order_by(DocumentRequest.due_on, DocumentRequest.id)
    )


def requests_of(network: Network) -> list[DocumentRequest]:
    """The network's requests that are not deleted, by deadline, with templates and teams loaded."""
    return list(db.session.scalars(_live_requests().where(DocumentRequest.network_id == network.id)))


@dataclass
class RequestList:
    upcoming: list[DocumentRequest]  # deadline today or later, soonest first
    past: list[DocumentRequest]  # most recent first
    delivered: dict[int, int]  # request id -> how many teams have submitted


def request_list(network: Network, team_id: int | None = None) -> RequestList:
    """The requests on the leader's list; with `team_id`, only those that team is asked for."""
    requests = requests_of(network)
    if team_id is not None:
        requests = [r for r in requests if any(a.team_id == team_id for a in r.assignments)]
    rows = db.session.execute(
        sa.select(Submission.request_id, sa.func.count(Submission.id))
        .join(DocumentRequest, Submission.request_id == DocumentRequest.id)
        .where(DocumentRequest.network_id == network.id, Submission.state.in_(DELIVERED))
        .group_by(Submission.request_id)
    )
    now = today()
    return RequestList(
        upcoming=[r for r in requests if r.due_on >= now],
        past=sorted((r for r in requests if r.due_on < now), key=lambda r: (r.due_on, r.id), reverse=True),
        delivered=dict(rows.all()),
    )


def load_request(request_id: int) -> DocumentRequest:
    """A request with what its page shows; a deleted one is refused with the clear message."""
    request = db.session.scalar(
        sa.select(DocumentRequest)
        .where(DocumentRequest.id == request_id)
        .options(
            selectinload(DocumentRequest.template),
            selectinload(DocumentRequest.gathering),
            selectinload(DocumentRequest.network),
            selectinload(DocumentRequest.assignments).selectinload(Assignment.team),
            selectinload(DocumentRequest.submissions),
        )
    )
    if request is None or request.is_deleted:
        services.live_request(request_id)  # refuses with the clear message
    return request


def assignments_in_order(request: DocumentRequest) -> list[Assignment]:
    """Active teams first, then withdrawn ones, each in alphabetical order."""
    return sorted(request.assignments, key=lambda a: (a.team.is_withdrawn, a.team.municipality))


def submissions_by_team(request: DocumentRequest) -> dict[int, Submission]:
    return {submission.team_id: submission for submission in request.submissions}


# --- asking for a document ------------------------------------------------------------------


@dataclass
class RequestData:
    """What the leader filled in; ids are checked against the network before use."""

    template_id: int | None
    title: str = ""
    instructions: str = ""
    due_on: date | None = None
    gathering_id: int | None = None
    days_before: int | None = None  # negative: days after the gathering
    period_from: date | None = None
    period_to: date | None = None
    team_ids: list[int] = field(default_factory=list)
    remind_days_before: int = 7


def _template_in(network: Network, template_id: int | None) -> DocumentTemplate:
    template = next((t for t in active_templates(network) if t.id == template_id), None)
    if template is None:
        raise Refused(_("Velg en av nettverkets maler."), field="template_id")
    return template


def _gathering_in(network: Network, gathering_id: int | None) -> Gathering:
    gathering = db.session.get(Gathering, gathering_id) if gathering_id else None
    if gathering is None or gathering.network_id != network.id:
        raise Refused(_("Velg en av nettverkets samlinger."), field="gathering_id")
    return gathering


def _teams_in(network: Network, team_ids: list[int], keep: list[Team] = ()) -> list[Team]:
    """The chosen teams; withdrawn teams may only stay on a request they were already on."""
    if not team_ids:
        raise Refused(_("Velg minst ett team som skal levere."), field="team_ids")
    allowed = {team.id: team for team in [*active_teams(network), *keep]}
    if any(team_id not in allowed for team_id in team_ids):
        raise Refused(_("Velg blant de aktive teamene i nettverket."), field="team_ids")
    return [allowed[team_id] for team_id in dict.fromkeys(team_ids)]


def _check_reminder(days: int) -> None:
    if not 0 <= days <= REMIND_DAYS_MAX:
        raise Refused(_("Påminnelsen kan sendes fra 0 til %(max)d dager før fristen.", max=REMIND_DAYS_MAX),
                      field="remind_days_before")


def default_title(network: Network, template: DocumentTemplate) -> str:
    """«Statusrapport 3»: the template's kind and the next number among the network's requests of that kind."""
    same_kind = db.session.scalar(
        sa.select(sa.func.count(DocumentRequest.id))
        .join(DocumentTemplate, DocumentRequest.template_id == DocumentTemplate.id)
        .where(DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
               DocumentTemplate.kind == template.kind, DocumentTemplate.kind_label == template.kind_label)
    )
    return f"{services.kind_label(template)} {same_kind + 1}"


def create(network: Network, data: RequestData, created_by: User | None) -> DocumentRequest:
    """Ask the chosen teams for a document by a date, or N days before or after a gathering."""
    template = _template_in(network, data.template_id)
    gathering = _gathering_in(network, data.gathering_id) if data.gathering_id else None
    teams = _teams_in(network, data.team_ids)
    _check_reminder(data.remind_days_before)
    return services.create_request(
        network, template, data.title or default_title(network, template),
        due_on=None if gathering else data.due_on, gathering=gathering,
        days_before=data.days_before if gathering else None,
        period_from=data.period_from, period_to=data.period_to, teams=teams,
        instructions=data.instructions, created_by=created_by, remind_days_before=data.remind_days_before,
    )


def warnings(request: DocumentRequest) -> list[str]:
    """Things that are allowed but probably not meant."""
    found = []
    if request.period_from and request.due_on < request.period_from:
        found.append(_("Merk: fristen %(due)s er før perioden begynner (%(start)s).",
                       due=long_date(request.due_on), start=long_date(request.period_from)))
    if request.due_on < today():
        found.append(_("Merk: fristen %(due)s er allerede passert.", due=long_date(request.due_on)))
    return found


def update(request: DocumentRequest, data: RequestData, changed_by: User | None) -> None:
    """Change a request. Teams that have begun their document stay on it, and so does its template.

    A team whose deadline moves is told by e-mail.
    """
    network = request.network
    begun = {s.team_id for s in request.submissions}
    template = _template_in(network, data.template_id) if data.template_id != request.template_id else request.template
    if template is not request.template and begun:
        raise Refused(_("Malen kan ikke byttes når teamene har begynt å skrive."), field="template_id")
    on_request = [a.team for a in request.assignments]
    teams = _teams_in(network, data.team_ids, keep=on_request)
    dropped = [a for a in request.assignments if a.team not in teams]
    if writing := [a.team.municipality for a in dropped if a.team_id in begun]:
        raise Refused(_("%(teams)s har begynt på dokumentet og kan ikke tas ut av innleveringen.",
                        teams=", ".join(writing)), field="team_ids")
    _check_reminder(data.remind_days_before)
    if data.gathering_id:
        gathering = _gathering_in(network, data.gathering_id)
        services.check_days_before(data.days_before)
        due_rule, due_on, days_before = DueRule.BEFORE_GATHERING, services.due_date_for(gathering, data.days_before), data.days_before
    elif data.due_on is None:
        raise Refused(_("Velg en frist: en dato, eller et antall dager før en samling."), field="due_on")
    else:
        gathering, due_rule, due_on, days_before = None, DueRule.FIXED, data.due_on, None
    if data.period_from and data.period_to and data.period_to < data.period_from:
        raise Refused(_("Perioden kan ikke slutte før den begynner."), field="period_to")

    before = {a.team_id: a.due_on for a in request.assignments}
    for assignment in dropped:
        request.assignments.remove(assignment)
    present = {a.team_id for a in request.assignments}
    request.assignments.extend(Assignment(team=team) for team in teams if team.id not in present)
    request.template = template
    request.title = data.title or request.title
    request.instructions = data.instructions
    request.due_rule, request.gathering, request.days_before = due_rule, gathering, days_before
    request.period_from, request.period_to = data.period_from, data.period_to
    request.remind_days_before = data.remind_days_before
    changes = _set_deadline(request, due_on, before)
    _tell_teams(changes, changed_by, gathering=None)


def delete(request: DocumentRequest) -> None:
    """Take a request away. What the teams wrote is kept; opening it says it was deleted."""
    request.deleted_at = utcnow()


# --- extensions -----------------------------------------------------------------------------


def grant_extension(assignment: Assignment, extended_to: date | None, reason: str) -> None:
    """Give one team a later deadline, with the reason shown to the team."""
    request = assignment.request
    if extended_to is None:
        raise Refused(_("Skriv den nye fristen for teamet."), field="extended_to")
    if extended_to <= request.due_on:
        raise Refused(_("Den nye fristen må være etter innleveringens frist, %(date)s.", date=long_date(request.due_on)),
                      field="extended_to")
    if not (reason or "").strip():
        raise Refused(_("Skriv hvorfor teamet får utsatt frist. Teamet ser begrunnelsen."), field="reason")
    assignment.extended_to = extended_to
    assignment.extension_reason = reason.strip()


def remove_extension(assignment: Assignment) -> None:
    assignment.extended_to = None
    assignment.extension_reason = ""


# --- series ---------------------------------------------------------------------------------


def _series_tag(kind: str) -> str:
    return f"{kind}-{secrets.token_hex(4)}"


def _exists(network: Network, template: DocumentTemplate, gathering: Gathering, after: bool) -> bool:
    """Whether the same template is already asked for relative to this gathering (before or after it)."""
    side = DocumentRequest.days_before < 0 if after else DocumentRequest.days_before >= 0
    return db.session.scalar(
        sa.select(DocumentRequest.id).where(
            DocumentRequest.network_id == network.id, DocumentRequest.deleted_at.is_(None),
            DocumentRequest.template_id == template.id, DocumentRequest.gathering_id == gathering.id, side,
        ).limit(1)
    ) is not None


@dataclass
class SeriesResult:
    created: list[DocumentRequest]
    skipped: int  # already asked for, so not made again


def progress_plan_series(
    network: Network, template_id: int | None, days_after: int | None, remind_days_before: int,
    created_by: User | None,
) -> SeriesResult:
    """One fremdriftsplan per period between consecutive gatherings, due N days after the first."""
    template = _template_in(network, template_id)
    if days_after is None or not 0 <= days_after <= -services.DAYS_BEFORE_MIN:
        raise Refused(_("Skriv et antall dager fra 0 til %(max)d.", max=-services.DAYS_BEFORE_MIN), field="days_after")
    _check_reminder(remind_days_before)
    gatherings = gatherings_of(network)
    if len(gatherings) < 2:
        raise Refused(_("Nettverket trenger minst to samlinger før fremdriftsplanene kan lages som en serie."))
    teams, tag = active_teams(network), _series_tag("fremdriftsplan")
    result = SeriesResult([], 0)
    for position, (first, second) in enumerate(zip(gatherings, gatherings[1:]), start=1):
        if _exists(network, template, first, after=True):
            result.skipped += 1
            continue
        title = _("%(kind)s %(position)d (samling %(first)d–%(second)d)", kind=services.kind_label(template),
                  position=position, first=first.number, second=second.number)
        result.created.append(services.create_request(
            network, template, title, gathering=first, days_before=-days_after,
            period_from=first.held_on, period_to=second.held_on, teams=teams, series=tag,
            created_by=created_by, remind_days_before=remind_days_before,
        ))
    return _series_done(result)


def status_report_series(
    network: Network, template_id: int | None, gathering_ids: list[int], days_before: int | None,
    remind_days_before: int, created_by: User | None,
) -> SeriesResult:
    """One statusrapport before each chosen gathering, covering the time since the one before it."""
    template = _template_in(network, template_id)
    if days_before is None or not 0 <= days_before <= services.DAYS_BEFORE_MAX:
        raise Refused(_("Skriv et antall dager fra 0 til %(max)d.", max=services.DAYS_BEFORE_MAX), field="days_before")
    _check_reminder(remind_days_before)
    gatherings = gatherings_of(network)
    if not gathering_ids:
        raise Refused(_("Velg minst én samling."), field="gathering_ids")
    if any(gathering_id not in {g.id for g in gatherings} for gathering_id in gathering_ids):
        raise Refused(_("Velg en av nettverkets samlinger."), field="gathering_ids")
    teams, tag = active_teams(network), _series_tag("statusrapport")
    result = SeriesResult([], 0)
    previous_on = network.starts_on
    for gathering in gatherings:
        if gathering.id in gathering_ids:
            if _exists(network, template, gathering, after=False):
                result.skipped += 1
            else:
                due_on = services.due_date_for(gathering, days_before)
                title = _("%(kind)s før samling %(number)d", kind=services.kind_label(template), number=gathering.number)
                result.created.append(services.create_request(
                    network, template, title, gathering=gathering, days_before=days_before,
                    period_from=previous_on if previous_on and previous_on <= due_on else None, period_to=due_on,
                    teams=teams, series=tag, created_by=created_by, remind_days_before=remind_days_before,
                ))
        previous_on = gathering.held_on
    return _series_done(result)


def _series_done(result: SeriesResult) -> SeriesResult:
    if not result.created:
        raise Refused(_("Disse innleveringene finnes allerede. Ingen nye ble laget."))
    return result


def series_template_id(templates: list[DocumentTemplate], kind: DocumentKind) -> int | None:
    """The template a series form starts with: the first of the right kind."""
    return next((t.id for t in templates if t.kind is kind), None)


# --- deadlines that follow a gathering ------------------------------------------------------


@dataclass(frozen=True)
class DeadlineChange:
    request: DocumentRequest
    team: Team
    old: date
    new: date


def _set_deadline(request: DocumentRequest, due_on: date, before: dict[int, date]) -> list[DeadlineChange]:
    """Give the request a new deadline. An extension now earlier than the deadline gives way to it.

    Returns each active team still writing whose own deadline changed from what `before` says.
    """
    if request.period_to and request.period_to == request.due_on and request.due_on != due_on:
        request.period_to = due_on  # a period that ran to the deadline still does
    request.due_on = due_on
    delivered = {s.team_id for s in request.submissions if s.state in DELIVERED}
    changes = []
    for assignment in request.assignments:
        if assignment.extended_to and assignment.extended_to <= due_on:
            remove_extension(assignment)
        old = before.get(assignment.team_id)
        writing = assignment.team.status is TeamStatus.ACTIVE and assignment.team_id not in delivered
        if old is not None and old != assignment.due_on and writing:
            changes.append(DeadlineChange(request, assignment.team, old, assignment.due_on))
    return changes


def follow_gathering(gathering: Gathering, old_held_on: date, changed_by: User | None) -> list[DeadlineChange]:
    """A gathering moved: deadlines set relative to it move too, and the teams are told.

    Periods that began or ended on the gathering's old day now begin or end on its new day.
    """
    requests = db.session.scalars(
        _live_requests()
        .where(DocumentRequest.network_id == gathering.network_id)
        .options(selectinload(DocumentRequest.assignments).selectinload(Assignment.team)
                 .selectinload(Team.members).selectinload(Membership.user),
                 selectinload(DocumentRequest.submissions))
    ).all()
    changes: list[DeadlineChange] = []
    for request in requests:
        if old_held_on != gathering.held_on:
            if request.period_from == old_held_on:
                request.period_from = gathering.held_on
            if request.period_to == old_held_on:
                request.period_to = gathering.held_on
        if request.due_rule is DueRule.BEFORE_GATHERING and request.gathering_id == gathering.id:
            before = {a.team_id: a.due_on for a in request.assignments}
            changes += _set_deadline(request, services.due_date_for(gathering, request.days_before), before)
    _tell_teams(changes, changed_by, gathering=gathering)
    return changes


def forget_gathering(gathering: Gathering) -> None:
    """A gathering is deleted: requests tied to it keep their last deadline as a fixed date."""
    for request in db.session.scalars(sa.select(DocumentRequest).where(DocumentRequest.gathering_id == gathering.id)):
        request.due_rule, request.gathering, request.days_before = DueRule.FIXED, None, None


def _team_page(team: Team) -> str:
    base = current_app.config["VERKSTED_BASE_URL"]
    if "documents.workspace" in current_app.view_functions:
        return base + url_for("documents.workspace", team_id=team.id)
    return base + url_for("networks.team", team_id=team.id)


def _tell_teams(changes: list[DeadlineChange], changed_by: User | None, gathering: Gathering | None) -> None:
    """One e-mail to each member of a team whose deadlines moved, listing every moved deadline."""
    by_team: dict[int, list[DeadlineChange]] = defaultdict(list)
    for change in changes:
        by_team[change.team.id].append(change)
    for team_changes in by_team.values():
        team = team_changes[0].team
        network = team_changes[0].request.network
        if len(team_changes) == 1:
            subject = _("Ny frist: %(title)s", title=team_changes[0].request.title)
        else:
            subject = _("Nye frister for %(team)s", team=team.municipality)
        for membership in team.members:
            user = membership.user
            mail.send_after_commit(mail.compose(
                user.email, subject, "deadline_moved", to_name=user.name, team=team, network=network,
                gathering=gathering, changes=[(c.request.title, long_date(c.old), long_date(c.new)) for c in team_changes],
                link=_team_page(team), changed_by=changed_by,
            ))


# --- deadlines in calendars and the timeline ------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """One day some teams must deliver a request's document."""

    request: DocumentRequest
    on: date
    teams: list[Team]
    everyone: bool  # every active team of the network
    extended: bool = False
    one_team: bool = False  # one team's own deadline, extended or not (a personal calendar)
    excepted: tuple[Team, ...] = ()  # every active team but these, which have later deadlines

    @property
    def uid(self) -> str:
        if self.extended or self.one_team:
            return f"deadline-{self.request.id}-team-{self.teams[0].id}@verksted"
        return f"deadline-{self.request.id}@verksted"

    @property
    def who(self) -> str:
        if self.excepted:
            return _("alle team unntatt %(teams)s", teams=teams_label(list(self.excepted), everyone=False))
        return teams_label(self.teams, self.everyone)


def network_deadlines(network: Network) -> list[Deadline]:
    """Every deadline of the network's requests: one for the teams on the request's date, and one
    for each team with an extension. Withdrawn teams have no deadlines."""
    active = {team.id for team in active_teams(network)}
    deadlines = []
    for request in requests_of(network):
        assignments = [a for a in request.assignments if a.team_id in active]
        on_time = sorted((a.team for a in assignments if not a.extended_to), key=lambda t: t.municipality)
        later = sorted((a.team for a in assignments if a.extended_to), key=lambda t: t.municipality)
        asked_all = {a.team_id for a in assignments} == active
        if on_time:
            deadlines.append(Deadline(request, request.due_on, on_time, everyone=asked_all and not later,
                                      excepted=tuple(later) if asked_all else ()))
        deadlines += [
            Deadline(request, a.extended_to, [a.team], everyone=False, extended=True)
            for a in sorted(assignments, key=lambda a: a.team.municipality) if a.extended_to
        ]
    return deadlines


def personal_deadlines(user: User) -> list[Deadline]:
    """The deadlines of the person's own active teams, with each team's own (extended) date."""
    own_teams = sa.select(Membership.team_id).where(Membership.user_id == user.id, Membership.team_id.is_not(None))
    assignments = db.session.scalars(
        sa.select(Assignment)
        .join(DocumentRequest, Assignment.request_id == DocumentRequest.id)
        .join(Team, Assignment.team_id == Team.id)
        .where(Assignment.team_id.in_(own_teams), DocumentRequest.deleted_at.is_(None), Team.status == TeamStatus.ACTIVE)
        .options(
            selectinload(Assignment.team),
            selectinload(Assignment.request).selectinload(DocumentRequest.gathering),
            selectinload(Assignment.request).selectinload(DocumentRequest.network),
        )
        .order_by(DocumentRequest.due_on, Assignment.id)
    )
    return [
        Deadline(a.request, a.due_on, [a.team], everyone=False, extended=a.extended_to is not None, one_team=True)
        for a in assignments
    ]
