"""Forms of the report's composing pages: the front page, a new section, and a section's editor
with the options of its kind of data, built per request from what the network holds."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import AnyOf, InputRequired, ValidationError
from wtforms.widgets import CheckboxInput, HiddenInput, ListWidget

from verksted.forms import PlainText, PlainTextArea, max_length, required, strip
from verksted.reports import services
from verksted.reports.models import ReportSection, SectionSource

QUOTE_MAX = 1000
CELL_MAX = 10_000
PREVIEW = "forhandsvis"  # the value of the editor's preview button


def _text(label, limit: int, *validators, **kwargs) -> StringField:
    return StringField(label, filters=[strip], validators=[*validators, max_length(limit), PlainText()], **kwargs)


def _revision() -> IntegerField:
    """The revision the writer was shown; a save based on an older one is refused, never lost."""
    return IntegerField(widget=HiddenInput(), validators=[InputRequired(_l("Last siden på nytt og lagre igjen."))])


def _one_of(choices: list[tuple[str, str]], message) -> list:
    return [AnyOf([value for value, _label in choices], message=message)]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes; a value that was not offered gets a Norwegian message."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        offered = {value for value, _label in self.choices}
        if any(value not in offered for value in self.data or []):
            raise ValidationError(_l("Velg bare blant valgene i listen."))


# --- the front page and the outline ---------------------------------------------------------


class FrontPageForm(FlaskForm):
    title = _text(_l("Tittel"), 300, required(_l("Skriv en tittel for rapporten.")))
    subtitle = _text(_l("Undertittel"), 300, description=_l("Kan stå tom."))
    owner = _text(_l("Utgitt av"), 300, description=_l("For eksempel utviklingssenteret og KS."))
    period = _text(_l("Periode"), 120, description=_l("For eksempel «2024–2026»."))
    logo = FileField(_l("Logofil"), description=_l("PNG eller JPEG, høyst 2 MB. Vises øverst på forsiden."))
    remove_logo = BooleanField(_l("Fjern logoen"))
    revision = _revision()

    def front_data(self) -> dict:
        return {key: self[key].data for key in ("title", "subtitle", "owner", "period")}

    def logo_bytes(self) -> bytes | None:
        """The uploaded file's bytes, or None when no file was chosen."""
        upload = self.logo.data
        if not upload or not getattr(upload, "filename", ""):
            return None
        return upload.read()


class NewSectionForm(FlaskForm):
    title = _text(_l("Tittel på den nye delen"), services.TITLE_MAX, required(_l("Skriv en tittel for delen.")))
    source = SelectField(_l("Innhold"), validate_choice=False,
                         description=_l("Egen tekst skriver du selv. De andre hentes fra nettverkets data."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.source.choices = [(source.value, label) for source, label in services.source_labels().items()]
        self.source.validators = _one_of(self.source.choices, _l("Velg en av typene i listen."))

    def section_source(self) -> SectionSource:
        return SectionSource(self.source.data)


# --- a section's editor ---------------------------------------------------------------------


class SectionForm(FlaskForm):
    """Title and text; the options of a data section are fields added per section."""

    title = _text(_l("Tittel"), services.TITLE_MAX, required(_l("Skriv en tittel for delen.")))
    body = PlainTextArea(
        _l("Tekst"), limit=services.BODY_MAX,
        description=_l("Du kan bruke Markdown: en linje som begynner med - blir et kulepunkt, **fet** blir fet, "
                       "og en linje som begynner med ## blir en underoverskrift."),
    )
    revision = _revision()

    offer: services.Offer
    source: SectionSource

    def new_options(self, current: dict) -> dict | None:
        """The section's options as the form says them; None for a section without options."""
        read = _READ_OPTIONS.get(self.source)
        return read(self, current) if read else None

    def show_revision(self, revision: int) -> None:
        """Carry the newest revision, so the next save is a choice made after seeing the colleague's."""
        self.revision.data, self.revision.raw_data = revision, [str(revision)]


def section_form(section: ReportSection, offer: services.Offer) -> SectionForm:
    """The editor's form for this section: its text, and the options its kind of data has."""
    extra = _OPTION_FIELDS.get(section.source, lambda offer: {})(offer)
    form_class = type("SectionEditForm", (SectionForm,), extra)
    data = {"title": section.title, "body": section.body, "revision": section.revision,
            **_OPTION_DATA.get(section.source, lambda section, offer: {})(section, offer)}
    form = form_class(data=data)
    form.offer, form.source = offer, section.source
    if not section.is_narrative:
        form.body.label.text = _l("Innledning")
        form.body.description = _l("Tekst foran det som hentes fra nettverkets data. Kan stå tom. "
                                   "Du kan bruke Markdown.")
    return form


# --- the evaluation: questions and quotes ---------------------------------------------------


def _evaluation_fields(offer: services.Offer) -> dict:
    return {
        "questions": CheckboxesField(
            _l("Spørsmål som vises som figurer"),
            choices=[(str(question.id), question.current.prompt) for question in offer.questions],
            description=_l("Velger du ingen, vises alle spørsmålene med skala i evalueringsmalen."),
        ),
        "drop_quotes": CheckboxesField(
            _l("Sitater som skal tas ut"),
            choices=[(services.quote_key(quote), _quote_label(quote["text"], quote.get("source", "")))
                     for quote in offer.quotes]),
        "pick_quotes": CheckboxesField(
            _l("Sitater fra åpne svar og teamenes dokumenter"),
            choices=[(services.quote_key(candidate), _quote_label(candidate.text, candidate.source))
                     for candidate in offer.candidates]),
        "quote_text": PlainTextArea(_l("Sitat"), limit=QUOTE_MAX,
                                    description=_l("Skriv inn et sitat som ikke står i listen.")),
        "quote_source": _text(_l("Hvor sitatet kommer fra"), 200, _source_with_quote,
                              description=_l("For eksempel «Fjordvik kommune» eller «Samling 3».")),
    }


def _quote_label(text: str, source: str) -> str:
    return f"«{text}» – {source}" if source else f"«{text}»"


def _source_with_quote(form, field) -> None:
    if form.quote_text.data and not field.data:
        raise ValidationError(_l("Skriv hvor sitatet kommer fra."))


def _evaluation_data(section: ReportSection, offer: services.Offer) -> dict:
    return {"questions": [str(key) for key in (section.options or {}).get("questions", [])]}


def _evaluation_options(form: SectionForm, current: dict) -> dict:
    dropped = set(form.drop_quotes.data or [])
    quotes = [quote for quote in form.offer.quotes if services.quote_key(quote) not in dropped]
    picked = set(form.pick_quotes.data or [])
    added = [{"text": candidate.text, "source": candidate.source}
             for candidate in form.offer.candidates if services.quote_key(candidate) in picked]
    if form.quote_text.data:
        added.append({"text": form.quote_text.data, "source": form.quote_source.data})
    quotes += [quote for quote in added if quote not in quotes]
    return {**current, "questions": [int(key) for key in form.questions.data or []], "quotes": quotes}


# --- the appendix of templates --------------------------------------------------------------


def _templates_fields(offer: services.Offer) -> dict:
    return {"templates": CheckboxesField(
        _l("Maler som legges ved som blanke skjema"),
        choices=[(str(template.id), template.title) for template in offer.templates],
        description=_l("Velger du ingen, legges alle malene nettverket har bedt teamene fylle ut, ved."),
    )}


def _templates_data(section: ReportSection, offer: services.Offer) -> dict:
    return {"templates": [str(key) for key in (section.options or {}).get("templates", [])]}


def _templates_options(form: SectionForm, current: dict) -> dict:
    return {**current, "templates": [int(key) for key in form.templates.data or []]}


# --- the results tables: which sluttrapport, which fields, a cell edited for the report -----


def cell_name(team_id: int, column: str) -> str:
    return f"celle-{team_id}-{column}"


def column_name(column: str) -> str:
    return f"kolonne-{column}"


def _table_fields(offer: services.Offer) -> dict:
    if offer.request is None:
        return {}
    requests = [(str(request.id), request.title) for request in offer.requests]
    fields = {
        "request_id": SelectField(_l("Sluttrapporten tabellen hentes fra"), choices=requests, validate_choice=False,
                                  validators=_one_of(requests, _l("Velg en av sluttrapportene i listen."))),
    }
    for column, label in offer.column_labels.items():
        fields[column_name(column)] = CheckboxesField(
            _l("Felt som fyller kolonnen «%(column)s»", column=label), choices=list(offer.fields),
            description=_l("Velger du ingen, brukes feltet fra den innebygde malen for sluttrapport."))
    for row in offer.rows:
        for column, label in offer.column_labels.items():
            fields[cell_name(row.team.id, column)] = PlainTextArea(
                _l("%(column)s for %(team)s i rapporten", column=label, team=row.team.municipality),
                limit=CELL_MAX)
    return fields


def _table_data(section: ReportSection, offer: services.Offer) -> dict:
    if offer.request is None:
        return {}
    cells = (section.options or {}).get("cells", {})
    data = {"request_id": str(offer.request.id)}
    data.update({column_name(column): list(keys) for column, keys in offer.columns.items()})
    data.update({cell_name(row.team.id, column): cells.get(f"{row.team.id}/{column}", "")
                 for row in offer.rows for column in offer.columns})
    return data


def _table_options(form: SectionForm, current: dict) -> dict:
    offer = form.offer
    if offer.request is None:
        return current
    chosen = int(form.request_id.data)
    if chosen != offer.request.id:
        # Another sluttrapport may have other fields: its columns start from the built-in ones.
        return {**{key: value for key, value in current.items() if key != "columns"}, "request_id": chosen}
    cells = dict(current.get("cells", {}))
    for row in offer.rows:
        for column in offer.columns:
            text = form[cell_name(row.team.id, column)].data
            if text:
                cells[f"{row.team.id}/{column}"] = text
            else:
                cells.pop(f"{row.team.id}/{column}", None)
    columns = {column: list(form[column_name(column)].data or []) for column in offer.columns}
    return {**current, "request_id": chosen, "columns": columns, "cells": cells}


_OPTION_FIELDS = {
    SectionSource.EVALUATION: _evaluation_fields,
    SectionSource.TEMPLATES: _templates_fields,
    SectionSource.RESULTS: _table_fields,
    SectionSource.FURTHER_WORK: _table_fields,
}
_OPTION_DATA = {
    SectionSource.EVALUATION: _evaluation_data,
    SectionSource.TEMPLATES: _templates_data,
    SectionSource.RESULTS: _table_data,
    SectionSource.FURTHER_WORK: _table_data,
}
_READ_OPTIONS = {
    SectionSource.EVALUATION: _evaluation_options,
    SectionSource.TEMPLATES: _templates_options,
    SectionSource.RESULTS: _table_options,
    SectionSource.FURTHER_WORK: _table_options,
}
