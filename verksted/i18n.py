"""Language choice and Norwegian date forms."""
from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, gettext
from flask_login import current_user
from flask_login.config import COOKIE_NAME



LOCALES = ("nb", "nn", "en")
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
TRANSLATIONS = str(Path(__file__).parent / "translations")


def select_locale() -> Locale:
    if _may_be_signed_in() and current_user.is_authenticated and current_user.locale in LOCALES:
        return _locale(current_user.locale)
    chosen = session.get("locale") if request else None
    return _locale(chosen if chosen in LOCALES else "nb")


@cache
def _locale(code: str) -> Locale:
    """Parsed once: Flask-Babel would parse the code again on every request."""
    return Locale.parse(code)


def _may_be_signed_in() -> bool:
    """Whether the request may carry a signed-in user. Loading one costs every request a little,
    and a phone answering a poll has neither a sign-in in its session nor a remember-me cookie."""
    if not has_request_context():
        return False
    return "_user_id" in session or current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies


def long_date(value: date | datetime | None) -> str:
    """14. februar 2019"""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, gettext("d. MMMM y"))
    return format_date(value, gettext("d. MMMM y"))


def date_time(value: datetime | None) -> str:
    """14. februar 2019 kl. 09:30, in Oslo time"""
    if value is None:
        return ""
    return format_datetime(value, gettext("d. MMMM y 'kl.' HH:mm"))
