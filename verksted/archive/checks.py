"""Everything an archive must pass before an import touches the database.

The checks run in order — size, nesting, JSON syntax, duplicate object keys, format, version,
schema, then keys, references, uniqueness and values — and collect every problem they find (up
to MAX_PROBLEMS), each naming where it is: «teams[3].municipality: mangler».
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate

import jsonschema
import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from verksted.archive.schema import FORMAT_NAME, FORMAT_VERSION, build_schema
from verksted.archive.tables import (
    ALL_TABLES,
    PEOPLE,
    SETTINGS,
    TEXT_MAX,
    Table,
    decode_file,
    field_name,
    from_json,
    reference_of,
)
from verksted.errors import Refused

MAX_PROBLEMS = 50
MAX_DEPTH = 40  # nesting of arrays and objects, the archive's own levels included
DEFAULT_MAX_BYTES = 512 * 1024 * 1024

# Steps that turn an archive of version n into version n + 1; an import runs every step from the
# archive's version up to FORMAT_VERSION. Add one whenever FORMAT_VERSION is raised.
UPGRADES: dict[int, Callable[[dict], dict]] = {}


class ArchiveRefused(Refused):
    """The archive cannot be imported; `problems` says why, in Norwegian, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            self.problems.append(ngettext("… og %(num)d problem til.", "… og %(num)d problemer til.", rest))
        super().__init__(_("Arkivet kan ikke importeres.") + " " + " ".join(self.problems))


def max_bytes() -> int:
    """ARCHIVE_MAX_BYTES from the app's config, else from the environment, else 512 MB."""
    return int(current_app.config.get("ARCHIVE_MAX_BYTES") or os.environ.get("ARCHIVE_MAX_BYTES") or DEFAULT_MAX_BYTES)


_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 and -1 as signed bytes
_NOT_BRACKETS = bytes(set(range(256)) - set(b"[]{}"))


def nesting_depth(raw: bytes) -> int:
    """How deep arrays and objects nest, found in linear time without parsing (so without recursion)."""
    # Without escaped backslashes and then escaped quotes, every quote starts or ends a string.
    unescaped = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside_strings = b"".join(unescaped.split(b'"')[::2])
    steps = outside_strings.translate(_STEPS, _NOT_BRACKETS)
    return max(accumulate(memoryview(steps).cast("b")), default=0)


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for name, value in pairs:
        if name in seen:
            raise _DuplicateKey(name)
        seen[name] = value
    return seen


class _DuplicateKey(ValueError):
    pass


def _not_json(constant: str):
    """NaN and Infinity: Python reads them, JSON has no such thing."""
    raise ValueError(constant)


def parse(raw: bytes) -> dict:
    """The archive's data, upgraded to FORMAT_VERSION; ArchiveRefused if it is not one."""
    if not raw.strip():
        raise ArchiveRefused([_("Filen er tom.")])
    if len(raw) > max_bytes():
        raise ArchiveRefused([_("Filen er for stor: %(size)d MB, høyst %(limit)d MB er tillatt.",
                                size=len(raw) // 2**20, limit=max_bytes() // 2**20)])
    if nesting_depth(raw) > MAX_DEPTH:
        raise ArchiveRefused([_("Filen er nøstet for dypt (mer enn %(depth)d nivåer).", depth=MAX_DEPTH)])
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys, parse_constant=_not_json)
    except UnicodeDecodeError:
        raise ArchiveRefused([_("Filen er ikke UTF-8-tekst.")]) from None
    except _DuplicateKey as duplicate:
        raise ArchiveRefused([_("Feltet «%(name)s» står to ganger i samme objekt.", name=str(duplicate)[:100])]) from None
    except (ValueError, RecursionError) as error:  # also digits beyond Python's limit, NaN and Infinity
        if isinstance(error, json.JSONDecodeError):
            raise ArchiveRefused([_("Filen er ikke gyldig JSON (linje %(line)d).", line=error.lineno)]) from None
        raise ArchiveRefused([_("Filen er ikke gyldig JSON: den har et tall eller en verdi JSON ikke tillater.")]) \
            from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ArchiveRefused([_("Filen er ikke et nettverksarkiv fra Verksted (format må være «%(name)s»).",
                                name=FORMAT_NAME)])
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveRefused([_("format_version: må være et heltall fra 1 og oppover.")])
    if version > FORMAT_VERSION:
        raise ArchiveRefused([_("Arkivet har formatversjon %(version)d, men denne versjonen av Verksted leser bare til og med "
                                "versjon %(newest)d. Oppdater Verksted først.", version=version, newest=FORMAT_VERSION)])
    return upgrade(data)


def upgrade(data: dict) -> dict:
    while data["format_version"] < FORMAT_VERSION:
        data = UPGRADES[data["format_version"]](data)
    return data


# --- the schema -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(build_schema())


def where(path) -> str:
    """«teams[3].municipality» for ["network", "teams", 3, "municipality"]."""
    parts = list(path)
    if parts and parts[0] == "network" and len(parts) > 1:
        parts = parts[1:]
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or _("arkivet")


def _type_name(kind: str) -> str:
    return {"string": _("tekst"), "integer": _("heltall"), "boolean": _("true eller false"), "object": _("objekt"),
            "array": _("liste"), "null": "null", "number": _("tall")}.get(kind, kind)


def _schema_message(error: jsonschema.ValidationError) -> str:
    place = where(error.absolute_path)
    kind, expected = error.validator, error.validator_value
    if kind == "required":
        missing = next((name for name in expected if name not in error.instance), "?")
        return _("%(where)s.%(field)s: mangler", where=place, field=missing) if error.absolute_path else \
            _("%(field)s: mangler", field=missing)
    if kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _("%(where)s: ukjent felt «%(field)s»", where=place, field=", ".join(extra)[:100])
    if kind == "type":
        return _("%(where)s: skal være %(type)s", where=place, type=_type_name(expected))
    if kind == "maxLength":
        return _("%(where)s: for lang tekst (høyst %(max)d tegn)", where=place, max=expected)
    if kind == "maxItems":
        return _("%(where)s: for mange elementer (høyst %(max)d)", where=place, max=expected)
    if kind == "enum":
        return _("%(where)s: ukjent verdi «%(value)s»; gyldige verdier er %(values)s", where=place,
                 value=str(error.instance)[:60], values=", ".join(map(str, expected)))
    if kind in ("minimum", "maximum"):
        return _("%(where)s: tallet er utenfor det tillatte området", where=place)
    if kind == "pattern":
        return _("%(where)s: «%(value)s» har feil form", where=place, value=str(error.instance)[:60])
    if kind == "anyOf":
        best = jsonschema.exceptions.best_match(error.context)
        return _schema_message(best) if best is not None else _("%(where)s: ugyldig verdi", where=place)
    return _("%(where)s: ugyldig verdi", where=place)


def schema_problems(data: dict) -> list[str]:
    problems = []
    for error in _validator().iter_errors(data):
        problems.append(_schema_message(error))
        if len(problems) > MAX_PROBLEMS:
            break
    return problems


# --- what the schema cannot say ---------------------------------------------------------------


def _strings(value, place: str):
    """Every string in `value` (dictionary keys too) with where it is."""
    stack = [(value, place)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            yield item, path
        elif isinstance(item, dict):
            stack.extend((k, f"{path}.{k}") for k in item)
            stack.extend((v, f"{path}.{k}") for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(item))


def _long_strings(value, place: str, problems: list[str]) -> None:
    """Strings inside JSON columns: no longer than TEXT_MAX."""
    for text, path in _strings(value, place):
        if len(text) > TEXT_MAX:
            problems.append(_("%(where)s: for lang tekst (høyst %(max)d tegn)", where=path, max=TEXT_MAX))


def _unstorable_text(network: dict, problems: list[str]) -> None:
    """NUL characters and lone surrogates (\\u0000, \\ud800) are valid JSON that no database stores."""
    for text, path in _strings(network, ""):
        if "\x00" in text or not text.isascii() and _has_surrogate(text):
            problems.append(_("%(where)s: teksten har tegn som ikke kan lagres (\\u0000 eller en halv surrogat)",
                              where=path.lstrip(".") or _("arkivet")))
            if len(problems) > MAX_PROBLEMS:
                return


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def content_problems(network: dict) -> list[str]:
    """Keys unique and referenced keys present, values the columns can hold, unique rows unique."""
    problems: list[str] = []
    _unstorable_text(network, problems)
    keys: dict[str, set[str]] = {}
    for table in ALL_TABLES:
        seen = keys[table.name] = set()
        for index, row in enumerate(network.get(table.name, [])):
            if row["key"] in seen:
                problems.append(_("%(where)s.key: «%(key)s» er brukt før i %(list)s",
                                  where=where([table.name, index]), key=row["key"], list=table.name))
            seen.add(row["key"])
    for column in SETTINGS:
        _value_problems(column, network["settings"].get(column.name), f"settings.{column.name}", problems)
    for table in ALL_TABLES:
        for index, row in enumerate(network.get(table.name, [])):
            place = where([table.name, index])
            for column in table.columns:
                name = field_name(column)
                target = reference_of(column)
                if target is not None:
                    if row.get(name) is not None and row[name] not in keys[target.name]:
                        problems.append(_("%(where)s.%(field)s: «%(key)s» finnes ikke i %(list)s",
                                          where=place, field=name, key=row[name], list=target.name))
                else:
                    _value_problems(column, row.get(name), f"{place}.{name}", problems)
            if table.name == "gathering_files":
                _file_problems(row, place, problems)
        problems.extend(_uniqueness_problems(table, network.get(table.name, [])))
        if len(problems) > MAX_PROBLEMS:
            break
    return problems


def _value_problems(column, value, place: str, problems: list[str]) -> None:
    if isinstance(column.type, sa.JSON):
        _long_strings(value, place, problems)
        return
    try:
        from_json(column, value)
    except (ValueError, TypeError):
        problems.append(_("%(where)s: «%(value)s» er ikke en gyldig verdi", where=place, value=str(value)[:60]))


def _file_problems(row: dict, place: str, problems: list[str]) -> None:
    if row.get("content") is None:
        return
    try:
        size = len(decode_file(row["content"]))
    except ValueError:
        problems.append(_("%(where)s.content: er ikke gyldig base64", where=place))
        return
    if size != row["size"]:
        problems.append(_("%(where)s.size: sier %(said)d byte, men innholdet er %(size)d byte",
                          where=place, said=row["size"], size=size))
    if size > current_app.config["UPLOAD_MAX_BYTES"]:
        problems.append(_("%(where)s.content: filen er større enn det Verksted tar imot", where=place))


def unique_fields(table: Table) -> list[tuple[str, ...]]:
    """The fields whose values may occur only once in the list (the table's unique constraints)."""
    exported = {column.name: field_name(column) for column in table.columns}
    found = []
    for constraint in table.table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            names = [c.name for c in constraint.columns if c.name != "network_id"]
            if names and all(name in exported for name in names):
                found.append(tuple(exported[name] for name in names))
    found.extend((exported[c.name],) for c in table.columns if c.unique and c.name != "network_id")
    return found


def _uniqueness_problems(table: Table, rows: list[dict]) -> list[str]:
    problems = []
    for fields in unique_fields(table):
        seen: set = set()
        for index, row in enumerate(rows):
            value = tuple(row.get(name) for name in fields)
            if None in value:
                continue
            folded = tuple(v.casefold() if isinstance(v, str) and table is PEOPLE else v for v in value)
            if folded in seen:
                problems.append(_("%(where)s: %(fields)s er brukt før i %(list)s",
                                  where=where([table.name, index]), fields=" + ".join(fields), list=table.name))
            seen.add(folded)
    return problems


def rule_problems(network: dict) -> list[str]:
    """The domain's own rules between rows, which the database does not enforce."""
    problems = []
    for name in ("memberships", "invitations"):
        for index, row in enumerate(network.get(name, [])):
            if (row["role"] == "team_member") != (row.get("team") is not None):
                problems.append(_("%(where)s.team: et teammedlem må ha et team, og bare teammedlemmer kan ha det",
                                  where=where([name, index])))
    by_key = {name: {row["key"]: row for row in network.get(name, [])}
              for name in ("document_requests", "template_versions", "evaluation_question_versions")}
    for index, row in enumerate(network.get("submissions", [])):
        request = by_key["document_requests"][row["request"]]
        if by_key["template_versions"][row["template_version"]]["template"] != request["template"]:
            problems.append(_("%(where)s.template_version: hører til en annen mal enn innleveringen",
                              where=where(["submissions", index])))
    for index, row in enumerate(network.get("poll_questions", [])):
        version = row.get("question_version")
        if version is not None and by_key["evaluation_question_versions"][version]["question"] != row.get(
                "evaluation_question"):
            problems.append(_("%(where)s.question_version: hører til et annet evalueringsspørsmål",
                              where=where(["poll_questions", index])))
    return problems


def check(raw: bytes) -> dict:
    """The archive's data, upgraded and checked through; ArchiveRefused with every problem if not."""
    data = parse(raw)
    problems = schema_problems(data)
    if not problems:
        problems = content_problems(data["network"])
    if not problems:
        problems = rule_problems(data["network"])
    if problems:
        raise ArchiveRefused(problems)
    return data
