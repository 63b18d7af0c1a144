"""A whole network out as the archive: one query per table, however much the network holds."""
from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version

import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.archive.schema import FORMAT_NAME, FORMAT_VERSION
from verksted.archive.tables import (
    PEOPLE,
    SETTINGS,
    TABLES,
    Table,
    encode_file,
    field_name,
    parent_of,
    reference_of,
    to_json,
    utc_text,
)
from verksted.clock import utcnow
from verksted.extensions import db
from verksted.gatherings import files as gathering_files
from verksted.networks.models import Network


def verksted_version() -> str:
    try:
        return version("verksted")
    except PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return "ukjent"


def _ids_of(table: Table, network_id: int):
    """A subquery of the ids of `table`'s rows that belong to the network."""
    model = table.model
    owner = parent_of(table)
    if owner is None:
        return sa.select(model.id).where(getattr(model, table.parent) == network_id)
    return sa.select(model.id).where(getattr(model, table.parent).in_(_ids_of(owner, network_id)))


def _rows(table: Table, network_id: int) -> list:
    model = table.model
    return list(db.session.scalars(sa.select(model).where(model.id.in_(_ids_of(table, network_id))).order_by(model.id)))


def export_network(network: Network) -> dict:
    """The network as JSON-ready data in the archive format (see docs/archive.md)."""
    rows = {table.name: _rows(table, network.id) for table in TABLES}
    people_ids = {
        getattr(row, column.name)
        for table in TABLES for column in table.columns if reference_of(column) is PEOPLE
        for row in rows[table.name]
    } - {None}
    people = list(db.session.scalars(sa.select(User).where(User.id.in_(people_ids)).order_by(User.id)))
    rows = {PEOPLE.name: people, **rows}

    keys: dict[tuple[str, int], str] = {}
    for table_name, found in rows.items():
        table = PEOPLE if table_name == PEOPLE.name else next(t for t in TABLES if t.name == table_name)
        for number, row in enumerate(found, start=1):
            keys[(table.table.name, row.id)] = f"{table.prefix}-{number}"

    body: dict = {"settings": {column.name: to_json(column, getattr(network, column.name)) for column in SETTINGS}}
    for table in (PEOPLE, *TABLES):
        body[table.name] = [_row_json(table, row, keys) for row in rows[table.name]]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": utc_text(utcnow()),
        "exported_by_version": verksted_version(),
        "network": body,
    }


def _row_json(table: Table, row, keys: dict[tuple[str, int], str]) -> dict:
    data = {"key": keys[(table.table.name, row.id)]}
    for column in table.columns:
        value = getattr(row, column.name)
        target = reference_of(column)
        if target is not None:
            data[field_name(column)] = None if value is None else _key(keys, target, value, column)
        else:
            data[column.name] = to_json(column, value)
    if table.name == "gathering_files":
        path = gathering_files.path_of(row)
        data["content"] = encode_file(path.read_bytes()) if path.is_file() else None
    return data


def _key(keys: dict[tuple[str, int], str], target: Table, value: int, column) -> str | None:
    """The key of the row referred to; a reference out of the network (never made by Verksted
    itself) is left out where it may be, so the archive stays importable."""
    key = keys.get((target.table.name, value))
    if key is None and not column.nullable:
        raise ValueError(f"{column.table.name}.{column.name} = {value} peker ut av nettverket")
    return key


def archive_bytes(network: Network) -> bytes:
    """The archive as UTF-8 JSON, indented so a person can read it; æøå and emoji kept as they are."""
    return json.dumps(export_network(network), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
