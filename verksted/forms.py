"""Form pieces every feature uses: trimmed text, plain names, Norwegian messages."""
from __future__ import annotations

from flask import abort, flash, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

PASSWORD_MIN = 10


def strip(value):
    return value.strip() if isinstance(value, str) else value


class PlainText:
    """Names and titles are plain text: angle brackets are refused, not silently dropped."""

    def __call__(self, form, field):
        if field.data and ("<" in field.data or ">" in field.data):
            raise ValidationError(_l("Feltet kan ikke inneholde tegnene < og >."))


def required(message=None):
    return DataRequired(message=message or _l("Dette feltet må fylles ut."))


def max_length(limit: int):
    return Length(max=limit, message=_l("Teksten kan være høyst %(max)d tegn.", max=limit))


def new_password_field(label=None):
    return PasswordField(
        label or _l("Nytt passord"),
        validators=[
            required(),
            Length(
                min=PASSWORD_MIN,
                max=200,
                message=_l("Passordet må ha mellom %(min)d og %(max)d tegn.", min=PASSWORD_MIN, max=200),
            ),
        ],
        description=_l("Minst %(min)d tegn. En setning du husker, er et godt passord.", min=PASSWORD_MIN),
        render_kw={"autocomplete": "new-password"},
    )


def confirm_password_field():
    return PasswordField(
        _l("Gjenta passordet"),
        validators=[required(), EqualTo("password", message=_l("Passordene er ikke like."))],
    )


class DateInput(DateField):
    """A date typed as 2025-02-14 (the browser's date picker) or 14.02.2025."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Skriv datoen som dd.mm.åååå, for eksempel 14.02.2026.")) from error


class PlainTextArea(TextAreaField):
    """A long text field with a length limit the browser also knows."""

    def __init__(self, label=None, validators=None, limit: int = 5000, **kwargs):
        kwargs.setdefault("filters", [strip])
        super().__init__(label, [*(validators or []), max_length(limit)], **kwargs)
        self.limit = limit


class ConfirmForm(FlaskForm):
    """A button that changes something: CSRF-protected, nothing else to fill in."""


def require_confirmation() -> None:
    """Stop a button's POST that does not carry the page's CSRF token (400)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)


def move_step(direction: str) -> int:
    """«opp» or «ned» in a move button's address as -1 or +1; another word is no such page."""
    if direction not in ("opp", "ned"):
        abort(404)
    require_confirmation()
    return -1 if direction == "opp" else 1


def show_refusal(form, refused, fields: dict[str, str] | None = None) -> None:
    """Put a service's refusal next to its field, or above the form when it has none."""
    field = (fields or {}).get(refused.field, refused.field)
    if field and field in form:
        form[field].errors = [*form[field].errors, refused.message]
    else:
        flash(refused.message, "danger")


def form_status(form) -> int:
    """A form page shown again after a POST is showing the user's mistakes: 422."""
    return 422 if request.method == "POST" else 200
