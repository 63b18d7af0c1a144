"""Building an invented, finished learning network in the session: teams and people, six
gatherings held, an evaluation after each with answers from the room, the teams' documents and
the project plan.

What a project leader types (gatherings, programme, polls, requests) goes through the services;
what many people did (answers, documents, memberships) is inserted in bulk, so a network of 60
teams with 300 answers per gathering is made in seconds. Nothing here commits.
"""
from __future__ import annotations

import calendar
import random
import re
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from verksted import clock
from verksted.accounts.models import User
from verksted.documents import request_services
from verksted.documents import services as document_services
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    Submission,
    SubmissionState,
    SubmissionVersion,
)
from verksted.documents.starter import add_starter_templates
from verksted.extensions import db
from verksted.gatherings import services as gathering_services
from verksted.gatherings.models import Gathering, ItemKind
from verksted.networks.models import (
    Membership,
    Network,
    NetworkGoal,
    OrganisationMember,
    OrgGroup,
    Role,
    Team,
    TeamStatus,
)
from verksted.plan import services as plan_services
from verksted.plan.models import Activity, Milestone, MilestoneStatus, Risk
from verksted.polls import services as poll_services
from verksted.polls.answering import answer_key, participant_hash
from verksted.polls.models import Answer, Participant, Poll, PollQuestion, PollState, QuestionKind, QuestionState
from verksted.reports import demo_team_documents as team_documents
from verksted.reports import demo_texts as texts

MONTHS = 22  # from the start of the network to its end


@dataclass
class Built:
    """What the report's text needs to know about the network just made."""

    network: Network
    leader: User
    teams: list[Team]
    withdrawn: Team | None  # none in a network of one team
    gatherings: list[Gathering] = field(default_factory=list)
    members: dict[int, list[Membership]] = field(default_factory=dict)  # team id: group leader first
    voices: dict[int, team_documents.TeamVoice] = field(default_factory=dict)
    short_names: dict[int, str] = field(default_factory=dict)
    across_means: list[float] = field(default_factory=list)  # group work across municipalities, per gathering
    answered: int = 0  # people who answered an evaluation
    finals: int = 0  # sluttrapporter delivered
    missing: Team | None = None  # the active team that delivered none

    @property
    def active(self) -> list[Team]:
        return [team for team in self.teams if not team.is_withdrawn]


# --- the network, its organisation, teams and people --------------------------------------


def network_with_teams(name: str, team_count: int, leader: User | None, starts_on: date,
                       rng: random.Random) -> Built:
    network = Network(
        name=name, description=texts.NETWORK_DESCRIPTION, owner_organisation=texts.OWNER,
        starts_on=starts_on, ends_on=add_months(starts_on.replace(day=1), MONTHS) - timedelta(days=1),
        main_goal=texts.MAIN_GOAL,
    )
    network.goals = [NetworkGoal(position=i, text=text) for i, text in enumerate(texts.GOALS)]
    leader = leader or _invented_leader()
    working = [(leader.name, "Prosjektleder", texts.CENTRE)] + texts.WORKING_GROUP
    network.organisation = [
        OrganisationMember(group=group, position=i, name=person, role=role, organisation=organisation)
        for group, people in ((OrgGroup.STEERING, texts.STEERING_GROUP), (OrgGroup.WORKING, working),
                              (OrgGroup.REFERENCE, texts.REFERENCE_GROUP))
        for i, (person, role, organisation) in enumerate(people)
    ]
    db.session.add_all([network, Membership(user=leader, network=network, role=Role.FACILITATOR)])
    teams, short_names = [], {}
    for index, (municipality, short) in enumerate(texts.municipalities(max(team_count, 1), rng)):
        team = Team(network=network, municipality=municipality,
                    municipality_number=f"98{index:02d}" if index < 100 else None)
        teams.append(team)
        short_names[municipality] = short
    db.session.add_all(teams)
    db.session.flush()
    short_names = {team.id: short_names[team.municipality] for team in teams}
    # The team that withdraws: the last one that is not the Sámi one, so its text stays in the results.
    withdrawn = next(team for team in reversed(teams) if team.municipality != texts.SAMI) if len(teams) > 1 else None
    built = Built(network, leader, teams, withdrawn, short_names=short_names)
    _people(built, rng)
    return built


def _invented_leader() -> User:
    leader = User(name="Bodil Nesheim", email=f"prosjektleder-{secrets.token_hex(4)}@verksted.example")
    db.session.add(leader)
    return leader


def _people(built: Built, rng: random.Random) -> None:
    """Three to six people in each team, the gruppeleder first; accounts without a password."""
    used: set[str] = set()
    planned: list[tuple[Team, str, str, str, bool]] = []
    for team in built.teams:
        short = built.short_names[team.id]
        sami = team.municipality == texts.SAMI
        for position in range(rng.randint(3, 6)):
            name = _name(rng, used, sami or (position == 0 and rng.random() < 0.05))
            role = (rng.choice(texts.LEAD_ROLES) if position == 0 else rng.choice(texts.ROLES)).format(kort=short)
            planned.append((team, name, role, f"{_slug(name)}@{_slug(short)}.kommune.example", position == 0))
    existing = {user.email: user for user in db.session.scalars(
        sa.select(User).where(User.email.in_([email for *_rest, email, _lead in planned])))}
    for team, name, role, email, lead in planned:
        user = existing.get(email) or User(name=name, email=email)
        membership = Membership(user=user, network=built.network, role=Role.TEAM_MEMBER, team=team,
                                is_group_leader=lead, team_role=role)
        db.session.add(membership)
        built.members.setdefault(team.id, []).append(membership)
        if lead:
            team.contact = user
    db.session.flush()


def _name(rng: random.Random, used: set[str], sami: bool) -> str:
    firsts, lasts = (texts.SAMI_FIRST, texts.SAMI_SURNAMES) if sami else (texts.FIRST_NAMES, texts.SURNAMES)
    while True:
        given = rng.sample(firsts, 2 if rng.random() < 0.15 else 1)  # now and then a double first name
        name = f"{' '.join(given)} {rng.choice(lasts)}"
        if name not in used:
            used.add(name)
            return name


def _slug(text: str) -> str:
    plain = text.lower()
    for letter, latin in {"á": "a", "č": "c", "đ": "d", "ŋ": "n", "š": "s", "ŧ": "t", "ž": "z", "æ": "ae",
                          "ø": "o", "å": "a"}.items():
        plain = plain.replace(letter, latin)
    return re.sub(r"[^a-z0-9]+", ".", plain).strip(".")


def withdraw(built: Built) -> None:
    """One team withdrew between the third and fourth gathering."""
    team = built.withdrawn
    if team is None:
        return
    third = built.gatherings[2]
    team.status = TeamStatus.WITHDRAWN
    team.withdrawn_on = third.held_on + timedelta(days=38)
    team.withdrawal_reason = texts.WITHDRAWAL_REASON


# --- gatherings ---------------------------------------------------------------------------


def gatherings(built: Built) -> None:
    """Six gatherings held, hosted in turn by the teams that stayed, each with its programme."""
    network, leader = built.network, built.leader
    hosts = [team for team in built.teams if team is not built.withdrawn] or built.teams
    for number, title, months, focus, venue, programme in texts.GATHERINGS:
        host = hosts[(number - 1) % len(hosts)]
        short = built.short_names[host.id]
        held_on = _thursday(add_months(network.starts_on.replace(day=1), months))
        gathering = gathering_services.create_gathering(network, {
            "number": number, "title": title, "held_on": held_on, "starts_at": time(9, 30), "ends_at": time(15, 30),
            "venue": f"{short} {venue}", "address": f"Storgata {number * 3}, {9890 + number} {short}",
            "host_team_id": host.id, "host_name": "", "focus": focus,
            "registration_closes_on": held_on - timedelta(days=10),
        })
        for starts, ends, item_title, kind, speaker, organisation in programme:
            if speaker == "@leader":
                speaker, organisation = leader.name, network.owner_organisation
            elif speaker == "@host":
                first = built.members[host.id][0]
                speaker, organisation = first.user.name, host.municipality
            gathering_services.add_item(gathering, {
                "starts_at": _clock(starts), "ends_at": _clock(ends), "title": item_title, "kind": kind,
                "speaker": speaker, "speaker_organisation": organisation})
        gathering_services.update_notes(gathering, texts.NOTES[number])
        built.gatherings.append(gathering)
    db.session.flush()


def _clock(text: str) -> time:
    hours, minutes = text.split(".")
    return time(int(hours), int(minutes))


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _thursday(first_of_month: date) -> date:
    """The second Thursday of the month: gatherings are mid-week, mid-month."""
    day = first_of_month + timedelta(days=7)
    return day + timedelta(days=(3 - day.weekday()) % 7)


# --- evaluations ---------------------------------------------------------------------------


def evaluations(built: Built, per_gathering: int, rng: random.Random) -> None:
    """The starter evaluation template, and a closed evaluation of every gathering with
    `per_gathering` answers; most people chose their municipality."""
    template = poll_services.starter_template(built.network, by=built.leader)
    targets = dict(zip((q.id for q in template), (texts.OVERALL, texts.TALKS, texts.WITHIN_TEAM, texts.ACROSS_TEAMS),
                       strict=False))
    across_id = template[3].id
    for gathering in built.gatherings:
        poll = poll_services.create_poll(built.network, f"Evaluering – {gathering.title}", gathering=gathering,
                                         by=built.leader)
        db.session.flush()
        opened = datetime.combine(gathering.held_on, time(13, 45))  # UTC, a quarter to three in Oslo
        poll.created_at = opened - timedelta(days=4)
        poll.state, poll.opened_at, poll.closed_at = PollState.CLOSED, opened, opened + timedelta(minutes=40)
        for question in poll.questions:
            question.state, question.opened_at, question.closed_at = QuestionState.CLOSED, opened, poll.closed_at
        present = [team for team in built.teams
                   if not team.is_withdrawn or (team.withdrawn_on and team.withdrawn_on > gathering.held_on)]
        scores = _answer_poll(poll, gathering, present, targets, per_gathering, rng, built)
        built.across_means.append(sum(scores[across_id]) / len(scores[across_id]) if scores[across_id] else 0.0)
        built.answered += per_gathering


def _answer_poll(poll: Poll, gathering: Gathering, teams: list[Team], targets: dict[int, tuple], count: int,
                 rng: random.Random, built: Built) -> dict[int, list[int]]:
    kinds = {str(item.id): item.kind for item in gathering.programme}
    weights = [len(built.members.get(team.id, [])) + 1 for team in teams]
    index = gathering.number - 1
    participants, answers, scores = [], [], {q: [] for q in targets}
    for person in range(count):
        team = rng.choices(teams, weights)[0] if teams and rng.random() < 0.85 else None
        team_id = team.id if team else None
        secret = f"{poll.id}:{person}:{secrets.token_hex(8)}"
        when = poll.opened_at + timedelta(seconds=rng.randint(15, 2300))
        participants.append({"poll_id": poll.id, "key_hash": participant_hash(secret), "team_id": team_id,
                             "joined_at": when, "window_started_at": when, "window_hits": 0})
        for question in poll.questions:
            target = targets.get(question.evaluation_question_id, texts.OVERALL)[index]
            value = _answer(question, index, target, kinds, rng)
            if value is None:
                continue
            if "score" in value and question.evaluation_question_id in scores:
                scores[question.evaluation_question_id].append(value["score"])
            answers.append({"question_id": question.id, "answer_key": answer_key(secret, question.id),
                            "value": value, "team_id": team_id, "hidden": False, "created_at": when,
                            "updated_at": when})
    insert_many(Participant, participants)
    insert_many(Answer, answers)
    return scores


def insert_many(model, rows: list[dict]) -> None:
    """Rows in a few multi-row INSERTs, not one per row: asking for the ids back makes
    SQLAlchemy batch them ("insertmanyvalues") on SQLite and PostgreSQL alike."""
    if rows:
        db.session.scalars(sa.insert(model).returning(model.id), rows).all()


def _answer(question: PollQuestion, index: int, target: float, kinds: dict, rng: random.Random) -> dict | None:
    """One invented person's answer to one question, or None when they skipped it."""
    number = index + 1
    if question.kind is QuestionKind.SCALE:
        return None if rng.random() < 0.04 else {"score": _score(target, rng)}
    if question.kind is QuestionKind.PROGRAMME:
        scores = {}
        for item in question.settings.get("items", []):
            if rng.random() < 0.06:
                continue
            kind = kinds.get(item["id"])
            aim = {ItemKind.GROUP_ACROSS: texts.ACROSS_TEAMS[index], ItemKind.GROUP_WITHIN: texts.WITHIN_TEAM[index],
                   ItemKind.STANDS: texts.STANDS_SCORE}.get(kind, texts.TALKS[index])
            scores[item["id"]] = "dont_know" if rng.random() < 0.04 else _score(aim, rng)
        return {"scores": scores} if scores else None
    if question.kind is QuestionKind.WORDS:
        return None if rng.random() < 0.2 else {"words": rng.sample(texts.WORDS[number], rng.randint(1, 3))}
    if question.kind is QuestionKind.TEXT:
        if rng.random() < 0.6:
            return None
        return {"text": rng.choice(texts.TEXTS[number] if rng.random() < 0.8 else texts.EXTRA_TEXTS)}
    if question.kind is QuestionKind.RANKING:
        if rng.random() < 0.15:
            return None
        options = len(question.settings.get("options", []))
        weights = [5.0, 4.2, 3.0, 3.8, 2.4, 2.0][:options] + [1.0] * max(0, options - 6)
        return {"order": sorted(range(options), key=lambda i: -(weights[i] + rng.gauss(0, 1.2)))}
    return None


def _score(target: float, rng: random.Random) -> int:
    return min(5, max(1, round(rng.gauss(target, 0.7))))


# --- documents ----------------------------------------------------------------------------


def documents(built: Built, rng: random.Random) -> None:
    """The requests of the whole cycle and what the teams delivered: a hovedplan, five
    fremdriftsplaner, four statusrapporter, and a sluttrapport from every active team but one."""
    network, leader, first = built.network, built.leader, built.gatherings[0]
    templates = {t.kind: t for t in add_starter_templates(network, leader)}
    db.session.flush()
    document_services.create_request(
        network, templates[DocumentKind.HOVEDPLAN], "Hovedplan", due_on=first.held_on + timedelta(days=10),
        instructions="Hovedplanen er teamets plan for hele perioden, **høyst tre sider**.", created_by=leader)
    request_services.progress_plan_series(network, templates[DocumentKind.FREMDRIFTSPLAN].id, 14, 7, leader)
    later = [g.id for g in built.gatherings if g.number >= 3]
    request_services.status_report_series(network, templates[DocumentKind.STATUSRAPPORT].id, later, 14, 7, leader)
    db.session.flush()
    gone = built.withdrawn
    if gone is not None:  # the team that left was asked for what was due before it left
        for request in request_services.requests_of(network):
            if request.due_on < gone.withdrawn_on and all(a.team_id != gone.id for a in request.assignments):
                request.assignments.append(Assignment(team=gone))
    document_services.create_request(
        network, templates[DocumentKind.SLUTTRAPPORT], "Sluttrapport", gathering=built.gatherings[-1],
        days_before=-21, period_from=network.starts_on, period_to=network.ends_on, created_by=leader,
        instructions="Sluttrapporten blir en del av prosjektrapporten: hovedmål, tiltak, resultater og videre arbeid.")
    db.session.flush()
    active = built.active
    built.missing = active[1] if len(active) > 2 else None  # never the first, whose row the report edits
    end_year = network.ends_on.year + 3  # an effektmål reaches beyond the network
    for number, team in enumerate(built.teams):
        built.voices[team.id] = team_documents.voice(team.municipality, built.short_names[team.id], end_year,
                                                 seed=rng.randint(0, 10**9) + number)
    _deliver(built, templates, rng)


def _deliver(built: Built, templates: dict[DocumentKind, DocumentTemplate], rng: random.Random) -> None:
    versions = {kind: document_services.current_version(template) for kind, template in templates.items()}
    requests = request_services.requests_of(built.network)
    numbers: dict[DocumentKind, int] = {}
    rows = []
    for request in requests:
        kind = request.template.kind
        number = numbers[kind] = numbers.get(kind, -1) + 1
        for assignment in request.assignments:
            team = assignment.team
            answers = _answers(built, kind, number, team, request)
            if answers is None:
                continue
            late = rng.random() < 0.08
            submitted = datetime.combine(request.due_on + timedelta(days=3 if late else -1), time(14, 7))
            approved = kind is DocumentKind.SLUTTRAPPORT or rng.random() < 0.6
            rows.append({
                "request_id": request.id, "team_id": team.id, "template_version_id": versions[kind].id,
                "state": SubmissionState.APPROVED if approved else SubmissionState.SUBMITTED, "answers": answers,
                "revision": 1, "created_at": submitted - timedelta(days=6), "updated_at": submitted,
                "updated_by_id": built.members[team.id][0].user_id, "submitted_at": submitted,
                "submitted_by_id": built.members[team.id][0].user_id, "is_late": late,
                "decided_at": submitted + timedelta(days=5) if approved else None,
                "good_example": False, "ask_to_present": False,
            })
    ids = db.session.scalars(sa.insert(Submission).returning(Submission.id, sort_by_parameter_order=True), rows).all()
    insert_many(SubmissionVersion, [
        {"submission_id": submission_id, "number": 1, "answers": row["answers"], "event": "submit",
         "saved_at": row["submitted_at"], "saved_by_id": row["submitted_by_id"]}
        for submission_id, row in zip(ids, rows, strict=True)
    ])
    built.finals = sum(1 for row in rows if row["template_version_id"] == versions[DocumentKind.SLUTTRAPPORT].id)


def _answers(built: Built, kind: DocumentKind, number: int, team: Team, request: DocumentRequest) -> dict | None:
    """What the team delivered for one request; None when it delivered nothing."""
    voice = built.voices[team.id]
    members = built.members[team.id]
    names = [m.user.name for m in members]
    if kind is DocumentKind.SLUTTRAPPORT:
        return None if team is built.missing else team_documents.final_report(voice, names)
    if kind is DocumentKind.HOVEDPLAN:
        roster = [[m.user.name, *(m.team_role.split(", ", 1) + [""])[:2]] for m in members]
        return team_documents.main_plan(voice, roster, names[0])
    if voice.rng.random() < 0.05:
        return None  # now and then a team let a deadline pass
    if kind is DocumentKind.FREMDRIFTSPLAN:
        start = request.period_from or request.due_on
        meeting = {"date": (start + timedelta(days=10)).isoformat(), "time": "13:00",
                   "place": f"{built.short_names[team.id]} rådhus, møterom 2"}
        return team_documents.progress_plan(voice, number, names[0], names, meeting)
    if kind is DocumentKind.STATUSRAPPORT:
        return team_documents.status_report(voice, number)
    return None


# --- the project plan ---------------------------------------------------------------------


def plan(built: Built) -> None:
    """Milestones with their history, all done or partly done at the end; risks; main activities."""
    network, start = built.network, built.network.starts_on
    today = max(clock.today(), network.ends_on)
    for position, (code, title, responsible, first, last, description, history) in enumerate(
            texts.milestones(start.year)):
        milestone = Milestone(
            network=network, position=position, code=code, title=title, responsible=responsible,
            description=description, starts_in=add_months(start.replace(day=1), first),
            ends_in=add_months(start.replace(day=1), min(last, MONTHS - 1)), status=MilestoneStatus.NOT_STARTED,
        )
        db.session.add(milestone)
        for days, status, note in history:
            changed_on = min(start + timedelta(days=days), network.ends_on)
            plan_services.change_status(milestone, status, note, changed_on, built.leader, today=today)
    db.session.add_all([
        Risk(network=network, position=position, kind=kind, description=description, likelihood=likelihood,
             consequence=consequence, counter_measure=counter, owner=owner, status=status)
        for position, (kind, description, likelihood, consequence, counter, owner, status) in enumerate(texts.RISKS)
    ])
    db.session.add_all([
        Activity(network=network, position=position, title=title, purpose=purpose, sub_tasks="\n".join(tasks),
                 responsible=responsible, period=period)
        for position, (title, purpose, tasks, responsible, period) in enumerate(texts.ACTIVITIES)
    ])
