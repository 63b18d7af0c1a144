"""The archive's JSON Schema (draft 2020-12), built from the tables it holds.

docs/archive.schema.json is this schema written out; a test keeps the two the same, so a change
to a model that changes the format cannot slip through unnoticed.
"""
from __future__ import annotations

import sqlalchemy as sa

from verksted.archive.tables import ALL_TABLES, SETTINGS, TEXT_MAX, Table, field_name, reference_of

FORMAT_NAME = "verksted-nettverksarkiv"
FORMAT_VERSION = 1
SCHEMA_ID = "https://verksted.no/schema/archive.schema.json"
MAX_ITEMS = 200_000  # rows in one list
KEY = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$"}
TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$"}
# What a column's type cannot say.
EXTRA = {("people", "email"): {"pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}}
BASE64 = {"type": "string", "contentEncoding": "base64", "pattern": "^[A-Za-z0-9+/]*={0,2}$"}


def column_schema(column: sa.Column) -> dict:
    kind = column.type
    if (target := reference_of(column)) is not None:
        schema = {"$ref": "#/$defs/key", "description": f"nøkkelen til en rad i {target.name}"}
    elif isinstance(kind, sa.Enum) and kind.enum_class is not None:
        schema = {"type": "string", "enum": [member.value for member in kind.enum_class]}
    elif isinstance(kind, sa.DateTime):
        schema = {"$ref": "#/$defs/datetime"}
    elif isinstance(kind, sa.Date):
        schema = {"$ref": "#/$defs/date"}
    elif isinstance(kind, sa.Time):
        schema = {"$ref": "#/$defs/time"}
    elif isinstance(kind, sa.Boolean):
        schema = {"type": "boolean"}
    elif isinstance(kind, sa.Integer):
        schema = {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1}
    elif isinstance(kind, sa.LargeBinary):
        schema = {"$ref": "#/$defs/base64"}
    elif isinstance(kind, sa.JSON):
        schema = {}  # any JSON; its depth and string lengths are checked before the schema
    elif isinstance(kind, sa.String) and kind.length:
        schema = {"type": "string", "maxLength": kind.length}
    else:
        schema = {"type": "string", "maxLength": TEXT_MAX}
    if column.nullable and schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def is_required(column: sa.Column) -> bool:
    """Required when the database needs it and has no default for it."""
    return not column.nullable and column.default is None and column.server_default is None


def row_schema(table: Table) -> dict:
    properties = {"key": {"$ref": "#/$defs/key"}}
    required = ["key"]
    for column in table.columns:
        properties[field_name(column)] = column_schema(column) | EXTRA.get((table.name, column.name), {})
        if is_required(column):
            required.append(field_name(column))
    if table.name == "gathering_files":
        properties["content"] = {"anyOf": [{"$ref": "#/$defs/base64"}, {"type": "null"}]}
        required.append("content")
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def build_schema() -> dict:
    settings = {c.name: column_schema(c) for c in SETTINGS}
    network = {
        "type": "object",
        "properties": {
            "settings": {
                "type": "object", "properties": settings, "additionalProperties": False,
                "required": [c.name for c in SETTINGS if is_required(c)],
            },
            **{
                table.name: {"type": "array", "items": {"$ref": f"#/$defs/{table.name}"},
                             "maxItems": table.max_items or MAX_ITEMS}
                for table in ALL_TABLES
            },
        },
        "required": ["settings"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Verksted: nettverksarkiv",
        "description": "Et helt læringsnettverk fra Verksted. Se docs/archive.md.",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"type": "integer", "minimum": 1},
            "exported_at": {"$ref": "#/$defs/datetime"},
            "exported_by_version": {"type": "string", "maxLength": 40},
            "network": network,
        },
        "required": ["format", "format_version", "network"],
        "additionalProperties": False,
        "$defs": {
            "key": KEY, "date": DATE, "datetime": DATETIME, "time": TIME, "base64": BASE64,
            **{table.name: row_schema(table) for table in ALL_TABLES},
        },
    }
