from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField
from wtforms.validators import Optional

from verksted.forms import DateInput, PlainText, max_length, required, strip


class NextNetworkForm(FlaskForm):
    name = StringField(_l("Navn på det nye nettverket"), filters=[strip],
                       validators=[required(), max_length(200), PlainText()],
                       description=_l("For eksempel «Rekruttere og beholde 2027–2029»."))
    starts_on = DateInput(_l("Startdato"), validators=[required(_l("Skriv datoen det nye nettverket starter."))],
                          description=_l("Milepælene flyttes like mange måneder som startdatoen flyttes."))
    ends_on = DateInput(_l("Sluttdato"), validators=[Optional()])


class ImportForm(FlaskForm):
    archive = FileField(_l("Arkivfil (.json)"),
                        description=_l("En fil lastet ned med «Eksporter nettverket (JSON)» her eller på en annen "
                                       "Verksted-server."))
