"""Forms for requests (innleveringer): asking for a document, extensions, and series."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from verksted.documents.request_services import REMIND_DAYS_MAX, RequestData
from verksted.documents.services import DAYS_BEFORE_MAX, DAYS_BEFORE_MIN
from verksted.forms import DateInput, PlainText, PlainTextArea, max_length, required, strip

BY_DATE, BY_GATHERING = "dato", "samling"
BEFORE, AFTER = "for", "etter"


def _optional_int(value):
    """An id from a select; nothing chosen, or something that is not an id, is None."""
    try:
        return int(value) or None
    except (TypeError, ValueError):
        return None


class NumberInput(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Skriv et helt tall, for eksempel 10.")) from error


class Checkboxes(SelectMultipleField):
    """Several choices as checkboxes; ids that are not numbers are refused."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        pass  # the service checks the chosen ids against the network

    def process_formdata(self, valuelist):
        try:
            self.data = [int(value) for value in valuelist]
        except ValueError as error:
            self.data = []
            raise ValueError(_l("Ugyldig valg.")) from error


def _between(low: int, high: int):
    def check(form, field):
        # A number that could not be read has said so already.
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(_l("Skriv et tall fra %(low)d til %(high)d.", low=low, high=high))

    return check


def _reminder_field():
    return NumberInput(
        _l("Påminnelse, antall dager før fristen"), default=7,
        validators=[InputRequired(message=_l("Skriv et antall dager, 0 for ingen påminnelse.")), _between(0, REMIND_DAYS_MAX)],
        description=_l("Teamets medlemmer får en e-post så mange dager før fristen. 0 betyr ingen påminnelse."),
    )


def _template_field(description=None):
    return SelectField(_l("Mal"), coerce=_optional_int, validate_choice=False, description=description)


def _typed(field) -> bool:
    return bool(field.raw_data and str(field.raw_data[0]).strip())


class RequestForm(FlaskForm):
    template_id = _template_field()
    title = StringField(
        _l("Tittel (valgfritt)"), filters=[strip], validators=[max_length(200), PlainText()],
        description=_l("La feltet stå tomt for å bruke malens type og et nummer, for eksempel «Statusrapport 2»."),
    )
    instructions = PlainTextArea(
        _l("Beskjed til teamene (valgfritt)"), limit=10_000,
        description=_l("Vises øverst i dokumentet. Du kan bruke Markdown."),
    )
    due_kind = RadioField(
        _l("Frist"), default=BY_DATE, validate_choice=False,
        choices=[SelectChoice(BY_DATE, _l("En dato")),
                 SelectChoice(BY_GATHERING, _l("Et antall dager før eller etter en samling"))],
        validators=[InputRequired(message=_l("Velg hvordan fristen settes."))],
    )
    due_on = DateInput(_l("Fristdato"))
    days = NumberInput(_l("Antall dager"))
    direction = SelectField(_l("Før eller etter"), choices=[SelectChoice(BEFORE, _l("før")), SelectChoice(AFTER, _l("etter"))], default=BEFORE,
                            validate_choice=False)
    gathering_id = SelectField(_l("Samling"), coerce=_optional_int, validate_choice=False)
    period_from = DateInput(_l("Perioden fra (valgfritt)"), validators=[Optional()])
    period_to = DateInput(_l("Perioden til (valgfritt)"), validators=[Optional()])
    team_ids = Checkboxes(_l("Team som skal levere"), coerce=int)
    remind_days_before = _reminder_field()

    @property
    def relative(self) -> bool:
        return self.due_kind.data == BY_GATHERING

    def validate_due_on(self, field):
        if self.relative or not _typed(field):
            field.errors[:] = []  # the date is not used, or has not been written
        if not self.relative and not _typed(field):
            raise ValidationError(_l("Skriv fristdatoen."))

    def validate_days(self, field):
        if not self.relative or not _typed(field):
            field.errors[:] = []
        if not self.relative or field.errors:
            return
        if not _typed(field):
            raise ValidationError(_l("Skriv hvor mange dager før eller etter samlingen fristen er."))
        high = -DAYS_BEFORE_MIN if self.direction.data == AFTER else DAYS_BEFORE_MAX
        if not 0 <= field.data <= high:
            raise ValidationError(_l("Skriv et tall fra 0 til %(high)d.", high=high))

    def validate_gathering_id(self, field):
        if self.relative and not field.data:
            raise ValidationError(_l("Velg samlingen fristen følger."))

    def request_data(self) -> RequestData:
        days = self.days.data if self.relative else None
        return RequestData(
            template_id=self.template_id.data,
            title=self.title.data or "",
            instructions=self.instructions.data or "",
            due_on=None if self.relative else self.due_on.data,
            gathering_id=self.gathering_id.data if self.relative else None,
            days_before=None if days is None else (-days if self.direction.data == AFTER else days),
            period_from=self.period_from.data,
            period_to=self.period_to.data,
            team_ids=list(self.team_ids.data or []),
            remind_days_before=self.remind_days_before.data,
        )

    def fill_from(self, request) -> None:
        """Show a request as it is, for editing."""
        self.template_id.data = request.template_id
        self.title.data = request.title
        self.instructions.data = request.instructions
        self.due_kind.data = BY_GATHERING if request.gathering_id else BY_DATE
        self.due_on.data = request.due_on
        self.gathering_id.data = request.gathering_id
        if request.gathering_id:
            self.days.data = abs(request.days_before)
            self.direction.data = BEFORE if request.days_before >= 0 else AFTER
        self.period_from.data, self.period_to.data = request.period_from, request.period_to
        self.team_ids.data = [a.team_id for a in request.assignments]
        self.remind_days_before.data = request.remind_days_before


class ExtensionForm(FlaskForm):
    extended_to = DateInput(_l("Ny frist for teamet"), validators=[InputRequired(message=_l("Skriv den nye fristen for teamet."))])
    reason = PlainTextArea(
        _l("Begrunnelse"), limit=500, validators=[required(_l("Skriv hvorfor teamet får utsatt frist."))],
        description=_l("Teamet ser begrunnelsen sammen med den nye fristen."), render_kw={"rows": 3},
    )


class ProgressSeriesForm(FlaskForm):
    template_id = _template_field()
    days_after = NumberInput(
        _l("Frist, antall dager etter samlingen"), default=14,
        validators=[InputRequired(message=_l("Skriv et antall dager.")), _between(0, -DAYS_BEFORE_MIN)],
        description=_l("Fremdriftsplanen begynnes på samlingen og leveres så mange dager etter."),
    )
    remind_days_before = _reminder_field()


class StatusSeriesForm(FlaskForm):
    template_id = _template_field()
    gathering_ids = Checkboxes(_l("Før hvilke samlinger"), coerce=int)
    days_before = NumberInput(
        _l("Frist, antall dager før samlingen"), default=10,
        validators=[InputRequired(message=_l("Skriv et antall dager.")), _between(0, DAYS_BEFORE_MAX)],
        description=_l("Rapporten dekker tiden fra forrige samling (eller nettverkets start) fram til fristen."),
    )
    remind_days_before = _reminder_field()
