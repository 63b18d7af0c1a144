"""Forms for gatherings, their programme, files, registration and attendance."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, IntegerField, SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError

from verksted.forms import DateInput, PlainText, PlainTextArea, max_length, required, strip
from verksted.gatherings.models import ItemKind


def _optional_int(value):
    if value in (None, "", "0", 0):
        return None
    return int(value)


class TimeInput(TimeField):
    """A time of day typed as 09:30 (the browser's time picker), 09.30 or 0930."""

    FORMATS = ("%H:%M", "%H.%M", "%H%M", "%H")

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        typed = valuelist[0].strip()
        for pattern in self.FORMATS:
            try:
                self.data = datetime.strptime(typed, pattern).time()
                return
            except ValueError:
                continue
        self.data = None
        raise ValueError(_l("Skriv klokkeslettet som tt.mm, for eksempel 09.30."))


class NumberInput(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Skriv et helt tall, for eksempel 3.")) from error


def _number_between(low: int, high: int):
    def check(form, field):
        # A number that could not be read has said so already.
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(_l("Nummeret må være mellom %(low)d og %(high)d.", low=low, high=high))

    return check


def typed(message):
    """Required, judged by what was typed: a malformed date keeps its own message."""
    return InputRequired(message=message)


def _text(label, limit: int, *validators, **kwargs):
    return StringField(label, filters=[strip], validators=[*validators, max_length(limit), PlainText()], **kwargs)


class GatheringForm(FlaskForm):
    number = NumberInput(
        _l("Nummer"),
        validators=[typed(_l("Skriv hvilket nummer samlingen har.")), _number_between(1, 99)],
    )
    title = _text(_l("Tittel"), 200, required(), description=_l("For eksempel «Oppstartssamling» eller «Samling 3»."))
    held_on = DateInput(_l("Dato"), validators=[typed(_l("Skriv datoen for samlingen."))])
    starts_at = TimeInput(_l("Starter kl."), validators=[typed(_l("Skriv når samlingen starter."))])
    ends_at = TimeInput(_l("Slutter kl."), validators=[typed(_l("Skriv når samlingen slutter."))])
    venue = _text(_l("Sted"), 200, description=_l("Navnet på stedet, for eksempel kulturhuset eller et hotell."))
    address = _text(_l("Adresse"), 300)
    host_team_id = SelectField(_l("Vertskommune"), coerce=_optional_int, validate_choice=False)
    host_name = _text(
        _l("Annen vertskommune"), 120,
        description=_l("Fyll ut bare når verten ikke er et av teamene i nettverket."),
    )
    focus = _text(_l("Fokus og tema"), 300)
    registration_closes_on = DateInput(
        _l("Påmeldingsfrist (valgfritt)"), validators=[Optional()],
        description=_l("Etter denne datoen kan bare prosjektleder endre påmeldingen."),
    )

    FIELDS = ("number", "title", "held_on", "starts_at", "ends_at", "venue", "address", "host_team_id",
              "host_name", "focus", "registration_closes_on")

    def gathering_data(self) -> dict:
        return {key: getattr(self, key).data for key in self.FIELDS}


KIND_CHOICES = [
    SelectChoice(ItemKind.TALK.value, _l("Foredrag")),
    SelectChoice(ItemKind.GROUP_WITHIN.value, _l("Gruppearbeid i teamene")),
    SelectChoice(ItemKind.GROUP_ACROSS.value, _l("Gruppearbeid på tvers av kommuner")),
    SelectChoice(ItemKind.STANDS.value, _l("Stands")),
    SelectChoice(ItemKind.OTHER.value, _l("Annet")),
]


class ProgrammeItemForm(FlaskForm):
    starts_at = TimeInput(_l("Fra kl."), validators=[typed(_l("Skriv når punktet starter."))])
    ends_at = TimeInput(_l("Til kl. (valgfritt)"), validators=[Optional()])
    title = _text(_l("Tittel"), 300, required())
    kind = SelectField(_l("Type"), choices=KIND_CHOICES)
    speaker = _text(_l("Foredragsholder"), 200)
    speaker_organisation = _text(_l("Foredragsholderens organisasjon"), 200)

    FIELDS = ("starts_at", "ends_at", "title", "kind", "speaker", "speaker_organisation")

    def item_data(self) -> dict:
        data = {key: getattr(self, key).data for key in self.FIELDS}
        data["kind"] = ItemKind(data["kind"])
        return data


class NotesForm(FlaskForm):
    notes = PlainTextArea(
        _l("Oppsummering"), limit=20000,
        description=_l("Hva skjedde, hva ble bestemt, og hva tar teamene med seg hjem. Du kan bruke Markdown."),
        render_kw={"rows": 14},
    )


class FileForm(FlaskForm):
    title = _text(_l("Tittel"), 200, required(), description=_l("For eksempel «Foredrag om heltidskultur – lysark»."))
    file = FileField(_l("Fil"))


# --- registration and attendance: one row of fields per person --------------------------


def registration_form(members, extras, blank_rows: int = 3) -> FlaskForm:
    """A form with a row for each team member, each extra person already registered, and a few
    empty rows for more. `members` are (user_id, name, job title, registration or None);
    `extras` are registrations of people without an account in the team.
    """
    fields: dict = {}
    for user_id, name, job_title, registration in members:
        fields[f"m{user_id}_coming"] = BooleanField(
            _l("Påmeldt: %(name)s", name=name), default=registration is not None)
        fields[f"m{user_id}_job_title"] = _text(
            _l("Stilling eller rolle – %(name)s", name=name), 120,
            default=registration.job_title if registration else job_title)
        fields[f"m{user_id}_dietary_needs"] = _text(
            _l("Kost og allergier – %(name)s", name=name), 300,
            default=registration.dietary_needs if registration else "")
    for registration in extras:
        _person_fields(fields, f"e{registration.id}", registration.name, registration)
    for row in range(1, blank_rows + 1):
        _person_fields(fields, f"n{row}", _l("ny deltaker %(number)d", number=row), None)
    return type("RegistrationForm", (FlaskForm,), fields)()


def _person_fields(fields: dict, key: str, who, registration) -> None:
    fields[f"{key}_name"] = _text(_l("Navn – %(who)s", who=who), 120, default=registration.name if registration else "")
    fields[f"{key}_job_title"] = _text(
        _l("Stilling eller rolle – %(who)s", who=who), 120, default=registration.job_title if registration else "")
    fields[f"{key}_dietary_needs"] = _text(
        _l("Kost og allergier – %(who)s", who=who), 300, default=registration.dietary_needs if registration else "")


def other_rows(extras, blank_rows: int = 3) -> list[tuple[int | None, str]]:
    """The rows for people without an account: (registration id or None, field prefix)."""
    return [(registration.id, f"e{registration.id}") for registration in extras] + [
        (None, f"n{row}") for row in range(1, blank_rows + 1)
    ]


def registration_choices(form, members, extras, blank_rows: int = 3) -> tuple[list[dict], list[dict]]:
    """What the form says: the members who come, and every extra person's row."""
    chosen = [
        {
            "user_id": user_id,
            "job_title": form[f"m{user_id}_job_title"].data,
            "dietary_needs": form[f"m{user_id}_dietary_needs"].data,
        }
        for user_id, _name, _job, _registration in members
        if form[f"m{user_id}_coming"].data
    ]
    people = [
        {
            "registration_id": registration_id,
            "name": form[f"{key}_name"].data or "",
            "job_title": form[f"{key}_job_title"].data or "",
            "dietary_needs": form[f"{key}_dietary_needs"].data or "",
        }
        for registration_id, key in other_rows(extras, blank_rows)
    ]
    return chosen, people


def attendance_form(registrations) -> FlaskForm:
    fields = {
        f"r{registration.id}": BooleanField(
            _l("Møtte: %(name)s", name=registration.name), default=registration.attended is not False)
        for registration in registrations
    }
    return type("AttendanceForm", (FlaskForm,), fields)()
