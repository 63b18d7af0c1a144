"""An archive in as a new network: checked through first, then created all at once.

Nothing is added to the session until the whole archive has passed every check; the caller
commits. Files are written under UPLOAD_FOLDER and removed again if the transaction rolls back.
"""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.accounts.models import User
from verksted.accounts.services import normalise_email
from verksted.accounts.tokens import new_token
from verksted.archive.checks import ArchiveRefused, check
from verksted.archive.tables import PEOPLE, SETTINGS, TABLES, Table, decode_file, field_name, from_json, reference_of
from verksted.extensions import db
from verksted.gatherings import files as gathering_files
from verksted.networks.models import Network
from verksted.polls.models import Participant, Poll
from verksted.polls.services import new_code


def import_archive(raw: bytes, by: User | None = None) -> Network:
    """A new network made from the archive `raw`; ArchiveRefused (nothing added) if it cannot be.

    `by` is who imports it. The archive's people keep their own roles; giving the importer one is
    the caller's choice (the import page makes them project leader).
    """
    data = check(raw)["network"]
    clashes = _clashes(data)
    try:
        return _create(data, clashes)
    except sa.exc.DBAPIError as error:  # the checks should leave nothing for the database to refuse
        db.session.rollback()
        raise ArchiveRefused([_("Databasen tok ikke imot arkivet: %(error)s", error=str(error.orig)[:300])]) from None


def _clashes(data: dict) -> dict:
    """What the archive holds that must be unique across the whole database and is taken already."""
    emails = {normalise_email(person["email"]) for person in data.get("people", [])}
    name = data["settings"]["name"]
    return {
        "users": {user.email: user for user in _taken(User, User.email, emails)},
        "codes": set(_taken(Poll.code, Poll.code, {poll["code"] for poll in data.get("polls", [])})),
        "hashes": set(_taken(Participant.key_hash, Participant.key_hash,
                             {row["key_hash"] for row in data.get("poll_participants", [])})),
        "names": set(db.session.scalars(sa.select(Network.name).where(Network.name.startswith(name, autoescape=True)))),
    }


def _taken(what, column, values: set, chunk: int = 5000) -> list:
    """`what` for the rows whose `column` is one of `values`, asked in chunks the databases accept."""
    ordered = sorted(values)
    return [found for start in range(0, len(ordered), chunk)
            for found in db.session.scalars(sa.select(what).where(column.in_(ordered[start:start + chunk])))]


def free_name(name: str, taken: set[str]) -> str:
    """The name itself if free, else «name (importert)», «name (importert 2)» …"""
    if name not in taken:
        return name
    for number in range(1, 10_000):
        suffix = _(" (importert)") if number == 1 else _(" (importert %(number)d)", number=number)
        candidate = name[: 200 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
    return name[:180] + " " + secrets.token_hex(8)


def _create(data: dict, clashes: dict) -> Network:
    settings = {column.name: from_json(column, data["settings"].get(column.name)) for column in SETTINGS}
    settings = {name: value for name, value in settings.items() if value is not None}
    settings["name"] = free_name(settings["name"], clashes["names"])
    network = Network(**settings)
    db.session.add(network)
    db.session.flush()

    ids: dict[str, dict[str, int]] = {PEOPLE.name: _people(data.get(PEOPLE.name, []), clashes["users"])}
    for table in TABLES:
        rows = data.get(table.name, [])
        made = [table.model(**_fields(table, row, network.id, ids, clashes)) for row in rows]
        db.session.add_all(made)
        db.session.flush()
        ids[table.name] = {row["key"]: obj.id for row, obj in zip(rows, made)}
        if table.name == "gathering_files":
            _write_files(rows, made)
    return network


def _people(rows: list[dict], existing: dict[str, User]) -> dict[str, int]:
    """Keys of the archive's people to users here: the same e-mail is the same person."""
    users = []
    for row in rows:
        email = normalise_email(row["email"])
        user = existing.get(email)
        if user is None:
            # No password: they choose one through «Glemt passord».
            user = existing[email] = User(email=email, name=row["name"], locale=row.get("locale") or "nb")
            db.session.add(user)
        users.append(user)
    db.session.flush()
    return {row["key"]: user.id for row, user in zip(rows, users)}


def _fields(table: Table, row: dict, network_id: int, ids: dict, clashes: dict) -> dict:
    fields = {}
    if "network_id" in table.table.columns:
        fields["network_id"] = network_id
    for column in table.columns:
        name = field_name(column)
        if name not in row:
            continue  # the model's default
        target = reference_of(column)
        value = row[name]
        fields[column.name] = (None if value is None else ids[target.name][value]) if target else from_json(column, value)
    return _made_afresh(table, fields, clashes)


def _made_afresh(table: Table, fields: dict, clashes: dict) -> dict:
    """Values that must be unique across the database, or secrets the archive never holds."""
    if table.name == "invitations":
        fields["token_hash"] = new_token()[1]  # unusable: a pending invitation must be sent again
    elif table.name == "gathering_files":
        fields["stored_name"] = secrets.token_hex(16)
    elif table.name == "polls" and fields["code"] in clashes["codes"]:
        fields["code"] = new_code()
        clashes["codes"].add(fields["code"])
    elif table.name == "poll_participants" and fields["key_hash"] in clashes["hashes"]:
        # Taken by the network this was exported from: that browser keeps its place there.
        fields["key_hash"] = hashlib.sha256(f"import:{fields['key_hash']}:{secrets.token_hex(8)}".encode()).hexdigest()
    return fields


def _write_files(rows: list[dict], made: list) -> None:
    # gatherings/files.py removes what is listed here if the transaction rolls back.
    written = db.session.info.setdefault(gathering_files._WRITTEN, [])  # noqa: SLF001
    for row, file in zip(rows, made):
        if row.get("content") is None:
            continue
        path = gathering_files.path_of(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(decode_file(row["content"]))
        written.append(path)
