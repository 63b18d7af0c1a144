"""Forms for building polls and the evaluation template."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import Optional, ValidationError

from verksted.forms import PlainText, PlainTextArea, max_length, required, strip
from verksted.polls.kinds import OPTION_MAX, OPTIONS_MAX, PROMPT_MAX
from verksted.polls.models import PollPace, QuestionKind

NO_GATHERING = 0


def _optional_int(value):
    if value in (None, "", "0", 0):
        return NO_GATHERING
    try:
        return int(value)
    except (TypeError, ValueError):
        return NO_GATHERING


class WholeNumber(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Skriv et helt tall, for eksempel 2.")) from error


class Choice(RadioField):
    """Radio buttons whose refusal of a value not offered speaks Norwegian."""

    def pre_validate(self, form):
        if self.data not in {str(value) for value, _label in self.choices}:
            raise ValidationError(_l("Velg ett av alternativene."))


class NewPollForm(FlaskForm):
    title = StringField(_l("Tittel"), filters=[strip], validators=[required(), max_length(200), PlainText()],
                        description=_l("Deltakerne ser tittelen når de har skrevet inn koden."))
    gathering_id = SelectField(_l("Samling"), coerce=_optional_int, validate_choice=False)
    from_template = BooleanField(
        _l("Start med spørsmålene fra evalueringsmalen"),
        description=_l("Da kan svarene sammenlignes med de andre samlingene. Du kan endre spørsmålene etterpå."),
    )


class PollSettingsForm(FlaskForm):
    title = StringField(_l("Tittel"), filters=[strip], validators=[required(), max_length(200), PlainText()])
    pace = Choice(
        _l("Hvordan deltakerne får spørsmålene"),
        choices=[(PollPace.ONE.value, _l("Ett om gangen, når du viser det på skjermen")),
                 (PollPace.ALL.value, _l("Alle på en gang, så hver enkelt svarer i sitt tempo"))],
        default=PollPace.ONE.value,
    )


class QuestionForm(FlaskForm):
    """One form for every kind; `FIELDS` says which of its fields a kind shows and uses."""

    prompt = PlainTextArea(_l("Spørsmål"), validators=[required(_l("Skriv spørsmålet."))], limit=PROMPT_MAX,
                           render_kw={"rows": 2})
    options = PlainTextArea(
        _l("Svaralternativer"), limit=OPTIONS_MAX * (OPTION_MAX + 1),
        description=_l("Ett alternativ per linje, minst to og høyst %(max)d.", max=OPTIONS_MAX),
        render_kw={"rows": 6},
    )
    max_choices = WholeNumber(_l("Flest valg per deltaker"), validators=[Optional()], default=2)
    max = Choice(_l("Skala"), choices=[("5", _l("Fra 1 til 5")), ("10", _l("Fra 1 til 10"))], default="5")
    low_label = StringField(_l("Tekst ved laveste verdi"), filters=[strip], validators=[max_length(60)],
                            description=_l("For eksempel «Lite nyttig»."))
    high_label = StringField(_l("Tekst ved høyeste verdi"), filters=[strip], validators=[max_length(60)],
                             description=_l("For eksempel «Svært nyttig»."))
    dont_know = BooleanField(_l("Ta med svaret «Vet ikke»"))
    max_words = Choice(_l("Hvor mange ord hver deltaker kan skrive"),
                           choices=[("1", _l("Ett ord")), ("2", _l("To ord")), ("3", _l("Tre ord"))], default="3")

    FIELDS = {
        QuestionKind.SCALE: ("prompt", "max", "low_label", "high_label", "dont_know"),
        QuestionKind.SINGLE: ("prompt", "options"),
        QuestionKind.MULTIPLE: ("prompt", "options", "max_choices"),
        QuestionKind.WORDS: ("prompt", "max_words"),
        QuestionKind.TEXT: ("prompt",),
        QuestionKind.RANKING: ("prompt", "options"),
        QuestionKind.PROGRAMME: ("prompt", "max", "low_label", "high_label", "dont_know"),
    }

    def fields_for(self, kind: QuestionKind) -> list:
        return [self[name] for name in self.FIELDS[kind]]

    def validate_for(self, kind: QuestionKind) -> bool:
        """Validate only the fields this kind shows (the others are not sent)."""
        if not self.is_submitted():
            return False
        chosen = {"csrf_token", *self.FIELDS[kind]}
        results = [field.validate(self) for name, field in self._fields.items() if name in chosen]
        return all(results)

    def settings_data(self, kind: QuestionKind) -> dict:
        """The settings this kind reads, as `kinds.clean_settings` takes them."""
        data = {}
        for name in self.FIELDS[kind]:
            if name == "prompt":
                continue
            value = self[name].data
            if name == "options":
                value = [line for line in (value or "").splitlines() if line.strip()]
            data[name] = value
        return data

    def fill_from(self, kind: QuestionKind, prompt: str, settings: dict) -> None:
        """Show a question's current wording and settings in the form."""
        self.prompt.data = prompt
        for name in self.FIELDS[kind]:
            if name == "prompt" or name not in settings:
                continue
            value = settings[name]
            if name == "options":
                value = "\n".join(value)
            elif name in ("max", "max_words"):
                value = str(value)
            self[name].data = value


def kind_from(value) -> QuestionKind | None:
    try:
        return QuestionKind(value)
    except ValueError:
        return None
