"""The profile's form for a new personal access token."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import Optional

from verksted.api.tokens import NAME_MAX
from verksted.forms import DateInput, PlainText, max_length, required, strip


class NewTokenForm(FlaskForm):
    """Its fields are prefixed («nokkel-name»): the profile page has a «name» of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="nokkel", **kwargs)

    name = StringField(
        _l("Navn på nøkkelen"), filters=[strip], validators=[required(), max_length(NAME_MAX), PlainText()],
        description=_l("Hva nøkkelen brukes til, for eksempel «Kommunens saksbehandlingssystem»."),
    )
    expires_on = DateInput(
        _l("Utløper (valgfritt)"), validators=[Optional()],
        description=_l("Nøkkelen slutter å virke etter denne dagen. La stå tom for en nøkkel uten utløpsdato."),
    )
    can_write = BooleanField(
        _l("Kan skrive"),
        description=_l("Uten dette kan nøkkelen bare lese. Med det kan den også lagre og sende inn teamets dokumenter."),
    )
