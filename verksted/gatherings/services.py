"""Gatherings: planning them, their programme, who comes, and telling people when one moves."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa
from babel.dates import format_time
from flask import current_app, url_for
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy.orm import selectinload

from verksted import mail
from verksted.accounts.models import User
from verksted.clock import today, utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings import files
from verksted.gatherings.models import Gathering, ItemKind, ProgrammeItem, Registration
from verksted.networks.models import Membership, Network, Team, TeamStatus
from verksted.text import render_markdown

GATHERING_FIELDS = (
    "number", "title", "held_on", "starts_at", "ends_at", "venue", "address", "host_team_id", "host_name",
    "focus", "registration_closes_on",
)
# Changing any of these moves the gathering: calendars are updated and the teams are told.
MOVING_FIELDS = ("held_on", "starts_at", "ends_at", "venue", "address")
ITEM_FIELDS = ("starts_at", "ends_at", "title", "kind", "speaker", "speaker_organisation")


# --- how a gathering reads ---------------------------------------------------------------


def clock(value: time | None) -> str:
    """09.30"""
    if value is None:
        return ""
    return format_time(value, _("HH.mm"), locale=get_locale())


def weekday_date(value: date) -> str:
    """torsdag 14. februar 2026"""
    return format_date(value, _("EEEE d. MMMM y"))


def when(gathering) -> str:
    """torsdag 14. februar 2026 kl. 09.30–15.30"""
    return _("%(day)s kl. %(start)s–%(end)s", day=weekday_date(gathering.held_on),
             start=clock(gathering.starts_at), end=clock(gathering.ends_at))


def where(gathering) -> str:
    return ", ".join(part for part in (gathering.venue, gathering.address) if part)


def item_time(item: ProgrammeItem) -> str:
    """09.30–10.15, never broken over two lines"""
    if item.ends_at is None:
        return clock(item.starts_at)
    return f"{clock(item.starts_at)}\u2060–\u2060{clock(item.ends_at)}"


_HEADING = re.compile(r"<(/?)h([1-6])>")


def notes_html(text: str | None, top: int = 3) -> Markup:
    """The leader's Markdown summary, its headings moved under the page's own (the first at `top`)."""
    html = str(render_markdown(text))
    levels = [int(level) for _slash, level in _HEADING.findall(html)]
    if not levels:
        return Markup(html)
    shift = top - min(levels)
    return Markup(_HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}>", html))


def kind_label(kind: ItemKind) -> str:
    return {
        ItemKind.TALK: _("Foredrag"),
        ItemKind.GROUP_WITHIN: _("Gruppearbeid i teamene"),
        ItemKind.GROUP_ACROSS: _("Gruppearbeid på tvers av kommuner"),
        ItemKind.STANDS: _("Stands"),
        ItemKind.OTHER: _("Annet"),
    }[kind]


# Norwegian alphabetical order: æ, ø, å last; Sámi letters beside their Latin base letters.
_NORWEGIAN = str.maketrans({"æ": "z\u0001", "ä": "z\u0001", "ø": "z\u0002", "ö": "z\u0002", "å": "z\u0003",
                            "đ": "d", "ŋ": "n", "ŧ": "t"})


def alphabetical(text: str) -> str:
    """A sort key that puts names in Norwegian alphabetical order, the same on every database."""
    folded = unicodedata.normalize("NFD", text.casefold().translate(_NORWEGIAN))
    return "".join(char for char in folded if not unicodedata.combining(char))


def is_past(gathering: Gathering) -> bool:
    return gathering.held_on < today()


def has_begun(gathering: Gathering) -> bool:
    return gathering.held_on <= today()


# --- reading ----------------------------------------------------------------------------


def gatherings_for(network: Network) -> list[Gathering]:
    return list(db.session.scalars(
        sa.select(Gathering)
        .where(Gathering.network_id == network.id)
        .options(selectinload(Gathering.host_team))
        .order_by(Gathering.held_on, Gathering.number)
    ))


def next_gathering(network: Network) -> Gathering | None:
    """The first gathering from today on."""
    return db.session.scalar(
        sa.select(Gathering)
        .where(Gathering.network_id == network.id, Gathering.held_on >= today())
        .options(selectinload(Gathering.host_team))
        .order_by(Gathering.held_on, Gathering.number)
        .limit(1)
    )


def load_gathering(gathering_id: int) -> Gathering | None:
    """A gathering with everything its page shows, in a fixed number of queries."""
    return db.session.scalar(
        sa.select(Gathering)
        .where(Gathering.id == gathering_id)
        .options(
            selectinload(Gathering.network),
            selectinload(Gathering.host_team),
            selectinload(Gathering.programme),
            selectinload(Gathering.files),
        )
    )


def network_teams(network: Network) -> list[Team]:
    teams = db.session.scalars(sa.select(Team).where(Team.network_id == network.id))
    return sorted(teams, key=lambda team: alphabetical(team.municipality))


def registered_counts(gathering: Gathering) -> dict[int, tuple[int, int]]:
    """For each team id: how many are registered, and how many came."""
    rows = db.session.execute(
        sa.select(
            Registration.team_id,
            sa.func.count(Registration.id),
            sa.func.count(Registration.id).filter(Registration.attended.is_(True)),
        )
        .where(Registration.gathering_id == gathering.id)
        .group_by(Registration.team_id)
    )
    return {team_id: (registered, came) for team_id, registered, came in rows}


def participants_by_team(gathering: Gathering) -> list[tuple[Team, list[Registration]]]:
    """Everyone registered, team by team in alphabetical order."""
    registrations = db.session.scalars(
        sa.select(Registration)
        .where(Registration.gathering_id == gathering.id)
        .options(selectinload(Registration.team))
        .order_by(Registration.id)
    ).all()
    groups: dict[int, tuple[Team, list[Registration]]] = {}
    for registration in sorted(registrations, key=lambda r: alphabetical(r.name)):
        groups.setdefault(registration.team_id, (registration.team, []))[1].append(registration)
    return sorted(groups.values(), key=lambda group: alphabetical(group[0].municipality))


# --- planning ---------------------------------------------------------------------------


def next_number(network: Network) -> int:
    highest = db.session.scalar(sa.select(sa.func.max(Gathering.number)).where(Gathering.network_id == network.id))
    return (highest or 0) + 1


def _check_gathering(network: Network, data: dict, gathering: Gathering | None = None) -> None:
    if data["ends_at"] <= data["starts_at"]:
        raise Refused(_("Samlingen må slutte etter at den starter."), field="ends_at")
    taken = db.session.scalar(
        sa.select(Gathering.id).where(
            Gathering.network_id == network.id,
            Gathering.number == data["number"],
            Gathering.id != (gathering.id if gathering else -1),
        )
    )
    if taken:
        raise Refused(
            _("Nettverket har allerede en samling nummer %(number)d. Velg et annet nummer.", number=data["number"]),
            field="number",
        )
    host_team_id = data.get("host_team_id")
    if host_team_id and not db.session.scalar(
        sa.select(Team.id).where(Team.id == host_team_id, Team.network_id == network.id)
    ):
        raise Refused(_("Velg vertskommunen blant nettverkets kommuneteam."), field="host_team_id")
    if host_team_id and data.get("host_name"):
        raise Refused(
            _("Velg et kommuneteam eller skriv en annen vertskommune, ikke begge."), field="host_name"
        )
    closes_on = data.get("registration_closes_on")
    if closes_on and closes_on > data["held_on"]:
        raise Refused(_("Påmeldingsfristen kan ikke være etter samlingsdagen."), field="registration_closes_on")
    if gathering is not None:
        outside = [item for item in gathering.programme
                   if not _within(item.starts_at, item.ends_at, data["starts_at"], data["ends_at"])]
        if outside:
            raise Refused(
                _("Programmet har punkter utenfor den nye tiden: %(items)s. Flytt eller fjern dem først.",
                  items=", ".join(f"{clock(item.starts_at)} {item.title}" for item in outside)),
                field="starts_at" if outside[0].starts_at < data["starts_at"] else "ends_at",
            )


def _within(starts_at: time, ends_at: time | None, day_starts: time, day_ends: time) -> bool:
    return day_starts <= starts_at < day_ends and (ends_at is None or ends_at <= day_ends)


def _gathering_values(data: dict) -> dict:
    values = {key: data[key] for key in GATHERING_FIELDS if key in data}
    values["host_team_id"] = values.get("host_team_id") or None
    values["host_name"] = "" if values["host_team_id"] else values.get("host_name") or ""
    for key in ("venue", "address", "focus"):
        values[key] = values.get(key) or ""
    return values


def create_gathering(network: Network, data: dict) -> Gathering:
    _check_gathering(network, data)
    gathering = Gathering(network=network, **_gathering_values(data))
    db.session.add(gathering)
    return gathering


def update_gathering(gathering: Gathering, data: dict, changed_by: User | None) -> bool:
    """Save the leader's changes; returns whether the gathering moved in time or place."""
    _check_gathering(gathering.network, data, gathering)
    before = _Snapshot.of(gathering)
    for key, value in _gathering_values(data).items():
        setattr(gathering, key, value)
    moved = any(getattr(before, key) != getattr(gathering, key) for key in MOVING_FIELDS)
    if moved:
        gathering_moved(gathering, before, changed_by)
    return moved


@dataclass(frozen=True)
class _Snapshot:
    """Where and when a gathering was, before a change."""

    number: int
    held_on: date
    starts_at: time
    ends_at: time
    venue: str
    address: str

    @classmethod
    def of(cls, gathering: Gathering) -> _Snapshot:
        return cls(gathering.number, gathering.held_on, gathering.starts_at, gathering.ends_at,
                   gathering.venue, gathering.address)


def gathering_moved(gathering: Gathering, before: _Snapshot, changed_by: User | None) -> None:
    """A gathering got a new time or place: calendars must notice, and the teams are told."""
    gathering.sequence = (gathering.sequence or 0) + 1
    gathering.updated_at = utcnow()
    from verksted.documents import request_services  # imported here: documents build on gatherings

    request_services.follow_gathering(gathering, before.held_on, changed_by)
    link = current_app.config["VERKSTED_BASE_URL"] + url_for("gatherings.gathering", gathering_id=gathering.id)
    subject = _("Samling %(number)d er flyttet", number=gathering.number)
    for user in _people_in_active_teams(gathering.network_id):
        mail.send_after_commit(mail.compose(
            user.email, subject, "gathering_moved", to_name=user.name,
            gathering=gathering, network=gathering.network, link=link, changed_by=changed_by,
            old_when=when(before), old_where=where(before), new_when=when(gathering), new_where=where(gathering),
        ))


def _people_in_active_teams(network_id: int) -> list[User]:
    return list(db.session.scalars(
        sa.select(User)
        .join(Membership, Membership.user_id == User.id)
        .join(Team, Membership.team_id == Team.id)
        .where(Team.network_id == network_id, Team.status == TeamStatus.ACTIVE)
        .order_by(User.name)
        .distinct()
    ))


def delete_gathering(gathering: Gathering) -> None:
    files.forget_after_commit(list(gathering.files))
    from verksted.documents import request_services  # imported here: documents build on gatherings

    request_services.forget_gathering(gathering)
    db.session.delete(gathering)


def update_notes(gathering: Gathering, notes: str) -> None:
    gathering.notes = notes or ""


# --- programme --------------------------------------------------------------------------


def _check_item(gathering: Gathering, data: dict) -> None:
    starts_at, ends_at = data["starts_at"], data.get("ends_at")
    if ends_at is not None and ends_at <= starts_at:
        raise Refused(_("Punktet må slutte etter at det starter."), field="ends_at")
    if not _within(starts_at, ends_at, gathering.starts_at, gathering.ends_at):
        field = "starts_at" if not gathering.starts_at <= starts_at < gathering.ends_at else "ends_at"
        raise Refused(
            _("Programpunktet må ligge innenfor samlingens tid, kl. %(start)s–%(end)s.",
              start=clock(gathering.starts_at), end=clock(gathering.ends_at)),
            field=field,
        )


def add_item(gathering: Gathering, data: dict) -> ProgrammeItem:
    _check_item(gathering, data)
    position = 1 + max((item.position for item in gathering.programme), default=-1)
    item = ProgrammeItem(position=position, **{key: data.get(key) for key in ITEM_FIELDS})
    _clean_item(item)
    gathering.programme.append(item)
    return item


def update_item(item: ProgrammeItem, data: dict) -> None:
    _check_item(item.gathering, data)
    for key in ITEM_FIELDS:
        setattr(item, key, data.get(key))
    _clean_item(item)


def _clean_item(item: ProgrammeItem) -> None:
    item.kind = item.kind or ItemKind.TALK
    item.speaker = item.speaker or ""
    item.speaker_organisation = item.speaker_organisation or ""


def remove_item(item: ProgrammeItem) -> None:
    item.gathering.programme.remove(item)


# --- registration and attendance --------------------------------------------------------


def registration_closed(gathering: Gathering) -> str | None:
    """Why teams can no longer change their registration themselves, if they cannot."""
    closes_on = gathering.registration_closes_on
    if closes_on and today() > closes_on:
        return _("Påmeldingen stengte %(date)s. Ta kontakt med prosjektlederen om noe må endres.",
                 date=format_date(closes_on, _("d. MMMM y")))
    if is_past(gathering):
        return _("Samlingen er holdt, så påmeldingen er stengt.")
    return None


def team_members(team: Team) -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership)
        .join(User, Membership.user_id == User.id)
        .where(Membership.team_id == team.id)
        .options(selectinload(Membership.user))
        .order_by(Membership.is_group_leader.desc(), User.name)
    ))


def team_registrations(gathering: Gathering, team: Team) -> list[Registration]:
    return list(db.session.scalars(
        sa.select(Registration)
        .where(Registration.gathering_id == gathering.id, Registration.team_id == team.id)
        .order_by(Registration.created_at, Registration.id)
    ))


def register_team(
    gathering: Gathering,
    team: Team,
    members: list[dict],
    others: list[dict],
    registered_by: User | None,
    after_closing: bool = False,
) -> list[Registration]:
    """Make the team's registration for a gathering exactly this.

    `members`: the team members who come, each {user_id, job_title, dietary_needs}.
    `others`: people without an account, each {registration_id (None for a new one), name,
    job_title, dietary_needs}; an existing one without a name is taken off the list.
    `after_closing`: the project leader may change a registration after it has closed.
    """
    if team.network_id != gathering.network_id:
        raise Refused(_("Teamet er ikke med i dette nettverket."))
    if team.is_withdrawn and (team.withdrawn_on is None or gathering.held_on >= team.withdrawn_on):
        raise Refused(_("%(team)s har trukket seg fra nettverket og kan ikke meldes på.", team=team.municipality))
    closed = registration_closed(gathering)
    if closed and not after_closing:
        raise Refused(closed)

    by = registered_by.id if registered_by else None
    member_ids = {m.user_id: m for m in team_members(team)}
    existing = list(db.session.scalars(
        sa.select(Registration).where(
            Registration.gathering_id == gathering.id,
            sa.or_(Registration.team_id == team.id, Registration.user_id.in_(list(member_ids))),
        )
    ))
    by_user = {r.user_id: r for r in existing if r.user_id is not None}
    by_id = {r.id: r for r in existing}
    kept: set[int] = set()
    result: list[Registration] = []

    for choice in members:
        membership = member_ids.get(choice["user_id"])
        if membership is None:
            raise Refused(_("Bare teamets egne medlemmer kan krysses av. Andre skrives inn med navn."))
        registration = by_user.get(membership.user_id)
        if registration is None:
            registration = Registration(gathering_id=gathering.id, user_id=membership.user_id, registered_by_id=by)
            db.session.add(registration)
            by_user[membership.user_id] = registration
        registration.team_id = team.id
        registration.name = membership.user.name
        registration.job_title = choice.get("job_title") or ""
        registration.dietary_needs = choice.get("dietary_needs") or ""
        result.append(registration)
        if registration.id:
            kept.add(registration.id)

    for person in others:
        registration = by_id.get(person.get("registration_id")) if person.get("registration_id") else None
        if registration is not None and registration.team_id != team.id:
            registration = None
        if not person.get("name"):
            continue  # an emptied row: the person is taken off below
        if registration is None:
            registration = Registration(gathering_id=gathering.id, team_id=team.id, registered_by_id=by)
            db.session.add(registration)
        else:
            kept.add(registration.id)
        registration.name = person["name"]
        registration.job_title = person.get("job_title") or ""
        registration.dietary_needs = person.get("dietary_needs") or ""
        result.append(registration)

    for registration in existing:
        if registration.team_id == team.id and registration.id not in kept:
            db.session.delete(registration)
    return result


def record_attendance(gathering: Gathering, came: set[int]) -> None:
    """Mark who came: registrations whose ids are in `came` attended, the others did not."""
    if not has_begun(gathering):
        raise Refused(_("Oppmøte kan registreres fra samlingsdagen, %(date)s.", date=weekday_date(gathering.held_on)))
    for registration in db.session.scalars(sa.select(Registration).where(Registration.gathering_id == gathering.id)):
        registration.attended = registration.id in came
