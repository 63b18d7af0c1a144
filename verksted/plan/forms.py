from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, SelectField, StringField
from wtforms.validators import AnyOf, InputRequired
from wtforms.widgets import MonthInput

from verksted import clock
from verksted.forms import DateInput, PlainText, PlainTextArea, max_length, required, strip
from verksted.plan.models import MilestoneStatus, RiskKind, RiskStatus

# Month names as people type them, bokmål and nynorsk alike; three letters are enough.
MONTH_NAMES = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")
_NUMERIC_MONTH = (
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$"),  # 2025-11, what <input type="month"> sends
    re.compile(r"^(?P<month>\d{1,2})[./ ](?P<year>\d{4})$"),  # 11.2025, 11/2025
)
_NAMED_MONTH = re.compile(r"^(?P<name>[a-zæøå]{3,})\.?\s+(?P<year>\d{4})$")


def parse_month(text: str) -> date | None:
    """The first day of a month typed as 2025-11, 11.2025 or «november 2025»; None if unreadable."""
    text = " ".join(text.strip().lower().split())
    for pattern in _NUMERIC_MONTH:
        match = pattern.match(text)
        if match:
            month = int(match["month"])
            return date(int(match["year"]), month, 1) if 1 <= month <= 12 else None
    match = _NAMED_MONTH.match(text)
    if match:
        for number, prefix in enumerate(MONTH_NAMES, start=1):
            if match["name"].startswith(prefix):
                return date(int(match["year"]), number, 1)
    return None


class MonthField(Field):
    """A month: the browser's month picker, or typed as 11.2025 where there is none."""

    widget = MonthInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%Y-%m") if self.data else ""

    def process_formdata(self, valuelist):
        text = (valuelist or [""])[0].strip()
        if not text:
            self.data = None
            return
        self.data = parse_month(text)
        if self.data is None:
            raise ValueError(_l("Skriv måneden som mm.åååå eller åååå-mm, for eksempel 11.2025."))


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _choice(label, choices, message, **kwargs) -> SelectField:
    """A drop-down whose tampered value gets a Norwegian message, not WTForms' English one."""
    values = [value for value, _ in choices]
    return SelectField(label, choices=choices, validate_choice=False, validators=[AnyOf(values, message=message)], **kwargs)


def _text(label, limit: int, *validators, **kwargs):
    return StringField(label, filters=[strip], validators=[*validators, max_length(limit), PlainText()], **kwargs)


class MilestoneForm(FlaskForm):
    code = _text(
        _l("Kode"), 12, required(_l("Skriv en kort kode, for eksempel M1.")),
        description=_l("Kort og unik i nettverket, for eksempel M1."),
    )
    title = _text(_l("Milepæl"), 200, required(_l("Skriv hva milepælen gjelder.")))
    description = PlainTextArea(_l("Beskrivelse"), limit=5000)
    responsible = _text(_l("Ansvarlig"), 200, description=_l("En person, en rolle eller en gruppe."))
    starts_in = MonthField(
        _l("Planlagt start"), validators=[InputRequired(_l("Velg måneden milepælen starter."))],
        description=_l("Måned og år, for eksempel 09.2025."),
    )
    ends_in = MonthField(
        _l("Planlagt ferdig"), validators=[InputRequired(_l("Velg måneden milepælen skal være nådd."))],
        description=_l("Måned og år, for eksempel 12.2025."),
    )

    def milestone_data(self) -> dict:
        return {key: getattr(self, key).data for key in ("code", "title", "description", "responsible", "starts_in", "ends_in")}


STATUS_CHOICES = [
    (MilestoneStatus.NOT_STARTED.value, _l("Ikke startet")),
    (MilestoneStatus.IN_PROGRESS.value, _l("Pågår")),
    (MilestoneStatus.PARTLY.value, _l("Delvis")),
    (MilestoneStatus.DONE.value, _l("Fullført")),
]


class StatusChangeForm(FlaskForm):
    status = _choice(_l("Ny status"), STATUS_CHOICES, _l("Velg en av statusene i listen."))
    note = PlainTextArea(
        _l("Kort merknad"), limit=1000, description=_l("Hva er gjort, og hva gjenstår? Vises i historikken.")
    )
    changed_on = DateInput(
        _l("Gjelder fra"), validators=[InputRequired(_l("Skriv datoen statusen gjelder fra."))], default=lambda: clock.today(),
        description=_l("I dag, eller en tidligere dato i nettverkets periode."),
    )


LEVEL_CHOICES = [("1", _l("1 – Lav")), ("2", _l("2 – Middels")), ("3", _l("3 – Høy"))]


class RiskForm(FlaskForm):
    kind = _choice(
        _l("Type"), [(RiskKind.INTERNAL.value, _l("Intern")), (RiskKind.EXTERNAL.value, _l("Ekstern"))],
        _l("Velg intern eller ekstern."),
    )
    description = PlainTextArea(_l("Risiko"), limit=2000, validators=[required(_l("Beskriv risikoen."))])
    # The service checks the range, so a tampered value gets the same clear message.
    likelihood = SelectField(_l("Sannsynlighet"), choices=LEVEL_CHOICES, coerce=_int_or_none, validate_choice=False, default=2)
    consequence = SelectField(_l("Konsekvens"), choices=LEVEL_CHOICES, coerce=_int_or_none, validate_choice=False, default=2)
    counter_measure = PlainTextArea(_l("Tiltak"), limit=2000, description=_l("Hva gjøres for å hindre eller dempe det?"))
    owner = _text(_l("Ansvarlig"), 200)
    status = _choice(
        _l("Status"),
        [
            (RiskStatus.OPEN.value, _l("Åpen")),
            (RiskStatus.HANDLED.value, _l("Tiltak iverksatt")),
            (RiskStatus.CLOSED.value, _l("Lukket")),
        ],
        _l("Velg en av statusene i listen."),
    )

    def risk_data(self) -> dict:
        data = {key: getattr(self, key).data for key in ("description", "likelihood", "consequence", "counter_measure", "owner")}
        return {**data, "kind": RiskKind(self.kind.data), "status": RiskStatus(self.status.data)}


class ActivityForm(FlaskForm):
    title = _text(_l("Hovedaktivitet"), 200, required(_l("Skriv navnet på aktiviteten.")))
    purpose = PlainTextArea(_l("Hensikt"), limit=2000)
    sub_tasks = PlainTextArea(_l("Deloppgaver"), limit=5000, description=_l("Én deloppgave per linje."))
    responsible = _text(_l("Ansvarlig"), 200)
    period = _text(_l("Periode"), 120, description=_l("For eksempel «Høsten 2025» eller «Hele perioden»."))

    def activity_data(self) -> dict:
        return {key: getattr(self, key).data for key in ("title", "purpose", "sub_tasks", "responsible", "period")}
