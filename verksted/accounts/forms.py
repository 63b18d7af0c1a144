from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import Email

from verksted.i18n import LOCALES
from verksted.forms import PlainText, confirm_password_field, max_length, new_password_field, required, strip
from verksted.i18n import LANGUAGE_NAMES


def email_field(label=None):
    return EmailField(
        label or _l("E-postadresse"),
        filters=[strip],
        validators=[required(), max_length(254), Email(message=_l("Skriv en gyldig e-postadresse, som navn@kommune.no."))],
        render_kw={"autocomplete": "email"},
    )


def name_field():
    return StringField(
        _l("Navn"), filters=[strip], validators=[required(), max_length(120), PlainText()],
        render_kw={"autocomplete": "name"},
    )


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Passord"), validators=[required(), max_length(200)], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Husk meg på denne maskinen"))


class ForgotPasswordForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password = new_password_field()
    confirm = confirm_password_field()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Nåværende passord"), validators=[required(), max_length(200)],
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field()
    confirm = confirm_password_field()


class ProfileForm(FlaskForm):
    name = name_field()
    locale = SelectField(_l("Språk"), choices=[(code, LANGUAGE_NAMES[code]) for code in LOCALES])


class LanguageForm(FlaskForm):
    locale = SelectField(_l("Språk"), choices=[(code, LANGUAGE_NAMES[code]) for code in LOCALES])


class AcceptInvitationForm(FlaskForm):
    name = name_field()
    password = new_password_field(_l("Velg passord"))
    confirm = confirm_password_field()
