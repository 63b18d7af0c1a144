"""Forms of the template editor: a new template, its details, a section, a field."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import AnyOf

from verksted.documents import schema
from verksted.documents.models import DocumentKind, FieldKind
from verksted.documents.services import kind_names
from verksted.documents.template_services import MAX_CHOICES, MAX_COLUMNS, carry_names
from verksted.forms import PlainText, PlainTextArea, max_length, required, strip

GUIDANCE_MAX = 10_000
WORD_BUDGET_MAX = 100_000


def _text(label, limit: int, *validators, **kwargs) -> StringField:
    return StringField(label, filters=[strip], validators=[*validators, max_length(limit), PlainText()], **kwargs)


def _set_choices(field: SelectField, choices: list[tuple[str, str]], message) -> None:
    """Choices made per request (they are translated); a tampered value gets a Norwegian message."""
    field.choices = choices
    field.validators = [AnyOf([value for value, _label in choices], message=message)]


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class WholeNumberField(IntegerField):
    """An optional whole number from 1 to `most`, with Norwegian messages rather than WTForms' English."""

    def __init__(self, label=None, most: int = WORD_BUDGET_MAX, **kwargs):
        super().__init__(label, **kwargs)
        self.most = most

    def process_formdata(self, valuelist):
        text = (valuelist or [""])[0].strip().replace(" ", "").replace("\u00a0", "")
        self.data = None
        if not text:
            return
        try:
            number = int(text)
        except ValueError as error:
            raise ValueError(_l("Skriv et helt tall, for eksempel 1400.")) from error
        if not 1 <= number <= self.most:
            raise ValueError(_l("Skriv et tall mellom 1 og %(max)d.", max=self.most))
        self.data = number


class NewTemplateForm(FlaskForm):
    kind = SelectField(_l("Type dokument"), validate_choice=False)
    kind_label = _text(
        _l("Navn på dokumenttypen"), 120,
        description=_l("Bare for «Annet dokument», for eksempel «Refleksjonsnotat»."),
    )
    title = _text(_l("Tittel"), 200, required(_l("Skriv en tittel for malen.")),
                  description=_l("Slik teamene ser malen, for eksempel «Fremdriftsplan»."))
    start_from = SelectField(_l("Start med"), validate_choice=False,
                             description=_l("En innebygd mal har deler og spørsmål du kan endre etterpå."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.kind, [(kind.value, name) for kind, name in kind_names().items()],
                     _l("Velg en av dokumenttypene i listen."))
        _set_choices(self.start_from, [("", str(_l("En tom mal")))] + [
            (kind.value, str(_l("Den innebygde malen for %(kind)s", kind=name.lower())))
            for kind, name in kind_names().items() if kind is not DocumentKind.OTHER
        ], _l("Velg en av de innebygde malene."))

    def template_data(self) -> dict:
        return {
            "kind": DocumentKind(self.kind.data),
            "title": self.title.data,
            "kind_label": self.kind_label.data,
            "start_from": DocumentKind(self.start_from.data) if self.start_from.data else None,
        }


class TemplateDetailsForm(FlaskForm):
    title = NewTemplateForm.title
    kind_label = _text(_l("Navn på dokumenttypen"), 120, required(_l("Gi dokumenttypen et navn.")))
    introduction = PlainTextArea(
        _l("Innledning"), limit=GUIDANCE_MAX,
        description=_l("Vises øverst i dokumentet: hva det er til, og hvem som leser det. Du kan bruke Markdown."),
    )
    length_guide = _text(
        _l("Lengde"), 200, description=_l("For eksempel «Høyst tre sider». Vises for dem som skriver."),
    )
    word_budget = WholeNumberField(
        _l("Antall ord (omtrent)"),
        description=_l("Teamet ser hvor mange ord de har brukt av dette. Tre sider er omtrent 1400 ord."),
    )

    def details_data(self) -> dict:
        data = {key: getattr(self, key).data for key in ("title", "introduction", "length_guide", "word_budget")}
        if "kind_label" in self:
            data["kind_label"] = self.kind_label.data
        return data


class SectionForm(FlaskForm):
    heading = _text(_l("Overskrift"), 200, required(_l("Skriv en overskrift for delen.")))
    guidance = PlainTextArea(
        _l("Veiledning"), limit=GUIDANCE_MAX,
        description=_l("Spørsmålene teamet skal svare på. Du kan bruke Markdown: en linje som begynner med "
                       "- blir et kulepunkt, **fet** blir fet."),
    )


class FieldForm(FlaskForm):
    label = _text(_l("Ledetekst"), 200, required(_l("Skriv en ledetekst for feltet.")))
    kind = SelectField(_l("Type felt"), validate_choice=False)
    help = _text(_l("Hjelpetekst"), 500, description=_l("Vises under ledeteksten. Kan stå tom."))
    is_required = BooleanField(_l("Må fylles ut før dokumentet sendes inn"))
    choices = PlainTextArea(
        _l("Alternativer"), limit=MAX_CHOICES * 130, validators=[PlainText()],
        description=_l("Bare for «Valg fra liste»: ett alternativ per linje."),
    )
    columns = PlainTextArea(
        _l("Kolonner"), limit=MAX_COLUMNS * 130, validators=[PlainText()],
        description=_l("Bare for «Tabell»: ett kolonnenavn per linje, for eksempel Delmål, Tiltak, Ansvarlig, "
                       "Tidsestimat."),
    )
    carry = SelectField(
        _l("Hentes fra teamets forrige dokument"), validate_choice=False,
        description=_l("Feltet fylles på forhånd med teamets siste svar, som teamet kan endre."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.kind, [(kind.value, name) for kind, name in schema.field_kind_labels().items()],
                     _l("Velg en av felttypene i listen."))
        _set_choices(self.carry, [("", str(_l("Nei, feltet begynner tomt")))] + list(carry_names().items()),
                     _l("Velg et av alternativene."))

    def fill_from(self, field: dict) -> None:
        """Show a stored field's definition in the form."""
        self.label.data, self.kind.data, self.help.data = field["label"], field["kind"], field.get("help", "")
        self.is_required.data = bool(field.get("required"))
        self.choices.data = "\n".join(field.get("choices", []))
        self.columns.data = "\n".join(field.get("columns", []))
        self.carry.data = field.get("carry", "")

    def field_data(self) -> dict:
        return {
            "label": self.label.data, "kind": FieldKind(self.kind.data), "help": self.help.data,
            "required": self.is_required.data, "choices": _lines(self.choices.data),
            "columns": _lines(self.columns.data), "carry": self.carry.data or "",
        }
