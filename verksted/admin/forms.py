from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Optional

from verksted.accounts.forms import email_field
from verksted.forms import PlainText, max_length, strip
from verksted.networks.forms import NetworkForm


class NewNetworkForm(NetworkForm):
    leader_email = email_field(_l("Prosjektlederens e-postadresse"))
    leader_name = StringField(
        _l("Prosjektlederens navn"), filters=[strip], validators=[Optional(), max_length(120), PlainText()]
    )
