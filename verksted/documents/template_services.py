"""Keeping a network's document templates: reading them, starting new ones, copying from
another network, archiving, and editing their sections and fields.

Every change to a template's content goes through `revise_template`, so a template that a
document already uses gets a new version and the document keeps the one it was written against.
Sections are copied before they are changed: JSON columns are replaced, never changed in place.
"""
from __future__ import annotations

import copy

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.documents import schema, starter
from verksted.documents.models import DocumentKind, DocumentTemplate, FieldKind, Submission, TemplateVersion
from verksted.documents.services import create_template, current_version, revise_template
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks.models import Membership, Network, Role

MAX_SECTIONS = 40
MAX_FIELDS = 30  # in one section
MAX_CHOICES = 30
MAX_COLUMNS = 8
OPTION_MAX = 120  # one choice or one column name
TEXT_KINDS = (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT)
# Which kinds of field may carry which answer forward: a table's rows cannot fill a text field.
CARRY_FITS = {
    starter.CARRY_EFFEKTMAL: TEXT_KINDS,
    starter.CARRY_RESULTATMAL: TEXT_KINDS,
    starter.CARRY_TILTAK: (FieldKind.TABLE,),
}


def carry_names() -> dict[str, str]:
    return {
        starter.CARRY_EFFEKTMAL: _("Effektmål"),
        starter.CARRY_RESULTATMAL: _("Resultatmål"),
        starter.CARRY_TILTAK: _("Tiltakstabellen"),
    }


# --- reading ---------------------------------------------------------------------------------


def templates_of(network: Network) -> list[DocumentTemplate]:
    """The network's templates with their versions: in use first, archived last."""
    return list(db.session.scalars(
        sa.select(DocumentTemplate)
        .where(DocumentTemplate.network_id == network.id)
        .options(selectinload(DocumentTemplate.versions))
        .order_by(DocumentTemplate.archived_at.is_not(None), DocumentTemplate.position, DocumentTemplate.id)
    ))


def usage_by_version(network: Network) -> dict[int, int]:
    """How many team documents use each template version of the network, by version id."""
    rows = db.session.execute(
        sa.select(Submission.template_version_id, sa.func.count(Submission.id))
        .join(TemplateVersion, TemplateVersion.id == Submission.template_version_id)
        .join(DocumentTemplate, DocumentTemplate.id == TemplateVersion.template_id)
        .where(DocumentTemplate.network_id == network.id)
        .group_by(Submission.template_version_id)
    )
    return dict(rows.all())


def template_query(template_id: int) -> sa.Select:
    """One template with its versions and its network."""
    return sa.select(DocumentTemplate).where(DocumentTemplate.id == template_id).options(
        selectinload(DocumentTemplate.versions), selectinload(DocumentTemplate.network)
    )


def version_numbered(template: DocumentTemplate, number: int | None) -> TemplateVersion | None:
    """The version with this number; the current one when no number is asked for."""
    if number is None:
        return current_version(template)
    return next((version for version in template.versions if version.number == number), None)


def in_use(version: TemplateVersion) -> bool:
    return db.session.scalar(sa.select(Submission.id).where(Submission.template_version_id == version.id).limit(1)) is not None


def copyable_templates(user: User, network: Network) -> list[DocumentTemplate]:
    """Templates of the other networks this person leads (every other network, for an admin)."""
    query = (
        sa.select(DocumentTemplate)
        .join(Network, Network.id == DocumentTemplate.network_id)
        .where(DocumentTemplate.network_id != network.id)
        .options(selectinload(DocumentTemplate.versions), selectinload(DocumentTemplate.network))
        .order_by(Network.name, DocumentTemplate.position, DocumentTemplate.id)
    )
    if not user.is_admin:
        led = sa.select(Membership.network_id).where(Membership.user_id == user.id, Membership.role == Role.FACILITATOR)
        query = query.where(DocumentTemplate.network_id.in_(led))
    return list(db.session.scalars(query))


# --- whole templates -------------------------------------------------------------------------


def _check_kind(kind: DocumentKind, kind_label: str) -> str:
    if kind is DocumentKind.OTHER and not kind_label:
        raise Refused(_("Gi dokumenttypen et navn, for eksempel «Refleksjonsnotat»."), field="kind_label")
    return kind_label if kind is DocumentKind.OTHER else ""


def _next_position(network: Network) -> int:
    last = db.session.scalar(sa.select(sa.func.max(DocumentTemplate.position)).where(DocumentTemplate.network_id == network.id))
    return (last if last is not None else -1) + 1


def new_template(network: Network, kind: DocumentKind, title: str, kind_label: str = "",
                 start_from: DocumentKind | None = None, created_by: User | None = None) -> DocumentTemplate:
    """A new template, empty or a copy of one of the built-in ones."""
    kind_label = _check_kind(kind, kind_label)
    built_in = starter.starter(start_from) if start_from else None
    if start_from and built_in is None:
        raise Refused(_("Velg en av de innebygde malene."), field="start_from")
    template = create_template(
        network, kind, title,
        starter.sections_of(built_in) if built_in else [],
        introduction=built_in.introduction if built_in else "",
        length_guide=built_in.length_guide if built_in else "",
        word_budget=built_in.word_budget if built_in else None,
        kind_label=kind_label, created_by=created_by,
    )
    template.position = _next_position(network)
    return template


def copy_template(source: DocumentTemplate, network: Network, created_by: User | None = None) -> DocumentTemplate:
    """Another network's template, as it stands now, as version 1 of a new template here."""
    version = current_version(source)
    template = create_template(
        network, source.kind, source.title, copy.deepcopy(version.sections),
        introduction=version.introduction, length_guide=version.length_guide, word_budget=version.word_budget,
        kind_label=source.kind_label, created_by=created_by,
    )
    template.position = _next_position(network)
    return template


def update_details(template: DocumentTemplate, data: dict, changed_by: User | None = None) -> TemplateVersion:
    """Title and, for a kind the leader names, its name; introduction, length guide and word budget.

    The title belongs to the template; the rest to its version, so older documents keep theirs.
    """
    template.title = data["title"]
    template.kind_label = _check_kind(template.kind, data.get("kind_label", template.kind_label))
    version = current_version(template)
    content = {key: data[key] for key in ("introduction", "length_guide", "word_budget")}
    if all(getattr(version, key) == value for key, value in content.items()):
        return version
    return revise_template(template, changed_by, **content)


def archive_template(template: DocumentTemplate) -> None:
    """Hide the template from new requests; requests and documents that use it keep it."""
    if template.archived_at is None:
        template.archived_at = utcnow()


def restore_template(template: DocumentTemplate) -> None:
    template.archived_at = None


# --- sections --------------------------------------------------------------------------------


def _sections(template: DocumentTemplate) -> list[dict]:
    return copy.deepcopy(current_version(template).sections)


def _section_index(sections: list[dict], key: str) -> int:
    for index, section in enumerate(sections):
        if section["key"] == key:
            return index
    raise Refused(_("Denne delen finnes ikke lenger i malen. Kanskje noen andre har fjernet den."))


def section_of(template: DocumentTemplate, key: str) -> dict | None:
    """A section of the template's current version, or None."""
    return next((section for section in current_version(template).sections if section["key"] == key), None)


def _check_section(heading: str) -> None:
    if not heading.strip():
        raise Refused(_("Skriv en overskrift for delen."), field="heading")


def add_section(template: DocumentTemplate, heading: str, guidance: str,
                changed_by: User | None = None) -> tuple[TemplateVersion, str]:
    """Add a section at the end; returns the version changed and the new section's key."""
    _check_section(heading)
    sections = _sections(template)
    if len(sections) >= MAX_SECTIONS:
        raise Refused(_("Malen har allerede %(max)d deler, som er det høyeste antallet.", max=MAX_SECTIONS))
    key = schema.new_key("s")
    sections.append({"key": key, "heading": heading, "guidance": guidance, "fields": []})
    return revise_template(template, changed_by, sections=sections), key


def update_section(template: DocumentTemplate, key: str, heading: str, guidance: str,
                   changed_by: User | None = None) -> TemplateVersion:
    _check_section(heading)
    sections = _sections(template)
    section = sections[_section_index(sections, key)]
    if (section["heading"], section.get("guidance", "")) == (heading, guidance):
        return current_version(template)
    section["heading"], section["guidance"] = heading, guidance
    return revise_template(template, changed_by, sections=sections)


def move_section(template: DocumentTemplate, key: str, step: int, changed_by: User | None = None) -> TemplateVersion:
    """Move a section one place up (step -1) or down (+1); at either end it stays."""
    sections = _sections(template)
    index = _section_index(sections, key)
    target = index + step
    if not 0 <= target < len(sections):
        return current_version(template)
    sections[index], sections[target] = sections[target], sections[index]
    return revise_template(template, changed_by, sections=sections)


def remove_section(template: DocumentTemplate, key: str, changed_by: User | None = None) -> tuple[TemplateVersion, dict]:
    """Remove a section and its fields; returns the version changed and the section removed."""
    sections = _sections(template)
    removed = sections.pop(_section_index(sections, key))
    return revise_template(template, changed_by, sections=sections), removed


# --- fields ----------------------------------------------------------------------------------


def _field_place(sections: list[dict], key: str) -> tuple[dict, int]:
    for section in sections:
        for index, field in enumerate(section.get("fields", [])):
            if field["key"] == key:
                return section, index
    raise Refused(_("Dette feltet finnes ikke lenger i malen. Kanskje noen andre har fjernet det."))


def field_of(template: DocumentTemplate, key: str) -> tuple[dict, dict] | None:
    """(section, field) in the template's current version, or None."""
    for section, field in schema.fields(current_version(template).sections):
        if field["key"] == key:
            return section, field
    return None


def _options(values: list[str], field: str, most: int) -> list[str]:
    cleaned = [" ".join(value.split()) for value in values if value.strip()]
    too_long = next((value for value in cleaned if len(value) > OPTION_MAX), None)
    if too_long:
        raise Refused(_("«%(text)s…» er for lang: høyst %(max)d tegn per linje.", text=too_long[:30], max=OPTION_MAX),
                      field=field)
    if len(cleaned) > most:
        raise Refused(_("Høyst %(max)d linjer er lov her; du skrev %(count)d.", max=most, count=len(cleaned)), field=field)
    seen = set()
    for value in cleaned:
        if value.casefold() in seen:
            raise Refused(_("«%(text)s» står to ganger. Hver linje må være ulik.", text=value), field=field)
        seen.add(value.casefold())
    return cleaned


def _checked_field(data: dict, sections: list[dict], key: str) -> dict:
    """A field's definition from the form's data, or Refused with the reason next to its input."""
    kind = FieldKind(data["kind"])
    label = data["label"].strip()
    if not label:
        raise Refused(_("Skriv en ledetekst for feltet."), field="label")
    choices = _options(data.get("choices", []), "choices", MAX_CHOICES) if kind is FieldKind.CHOICE else []
    columns = _options(data.get("columns", []), "columns", MAX_COLUMNS) if kind is FieldKind.TABLE else []
    if kind is FieldKind.CHOICE and len(choices) < 2:
        raise Refused(_("Et valg trenger minst to alternativer. Skriv ett alternativ per linje."), field="choices")
    if kind is FieldKind.TABLE and not columns:
        raise Refused(_("En tabell trenger minst én kolonne. Skriv ett kolonnenavn per linje."), field="columns")
    carry = data.get("carry") or ""
    if carry:
        if carry not in CARRY_FITS:
            raise Refused(_("Velg et av alternativene."), field="carry")
        if kind not in CARRY_FITS[carry]:
            raise Refused(
                _("%(what)s kan bare hentes inn i et felt av typen %(kinds)s.", what=carry_names()[carry],
                  kinds=_("tabell") if carry == starter.CARRY_TILTAK else _("kort eller lang tekst")),
                field="carry",
            )
        if any(f.get("carry") == carry and f["key"] != key for _section, f in schema.fields(sections)):
            raise Refused(_("Et annet felt i malen henter allerede %(what)s fra forrige dokument.",
                            what=carry_names()[carry].lower()), field="carry")
    return {
        "key": key, "label": label, "kind": kind.value, "help": data.get("help", ""),
        "required": bool(data.get("required")), "choices": choices, "columns": columns, "carry": carry,
    }


def add_field(template: DocumentTemplate, section_key: str, data: dict,
              changed_by: User | None = None) -> tuple[TemplateVersion, str]:
    """Add a field at the end of a section; returns the version changed and the field's key."""
    sections = _sections(template)
    section = sections[_section_index(sections, section_key)]
    if len(section["fields"]) >= MAX_FIELDS:
        raise Refused(_("Delen har allerede %(max)d felt, som er det høyeste antallet.", max=MAX_FIELDS))
    key = schema.new_key("f")
    section["fields"] = [*section["fields"], _checked_field(data, sections, key)]
    return revise_template(template, changed_by, sections=sections), key


def update_field(template: DocumentTemplate, key: str, data: dict, changed_by: User | None = None) -> TemplateVersion:
    sections = _sections(template)
    section, index = _field_place(sections, key)
    changed = _checked_field(data, sections, key)
    if changed == section["fields"][index]:
        return current_version(template)
    section["fields"][index] = changed
    return revise_template(template, changed_by, sections=sections)


def move_field(template: DocumentTemplate, key: str, step: int, changed_by: User | None = None) -> TemplateVersion:
    """Move a field one place up or down within its section."""
    sections = _sections(template)
    section, index = _field_place(sections, key)
    fields, target = section["fields"], index + step
    if not 0 <= target < len(fields):
        return current_version(template)
    fields[index], fields[target] = fields[target], fields[index]
    return revise_template(template, changed_by, sections=sections)


def remove_field(template: DocumentTemplate, key: str, changed_by: User | None = None) -> tuple[TemplateVersion, dict]:
    sections = _sections(template)
    section, index = _field_place(sections, key)
    removed = section["fields"].pop(index)
    return revise_template(template, changed_by, sections=sections), removed
