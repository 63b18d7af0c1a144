"""Language choice and Norwegian date forms."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from flask import request, session
from flask_babel import format_date, format_datetime, gettext
from flask_login import current_user



LOCALES = ("nb", "nn", "en")
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
TRANSLATIONS = str(Path(__file__).parent / "translations")


def select_locale() -> str:
    if current_user and current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    chosen = session.get("locale") if request else None
    return chosen if chosen in LOCALES else "nb"


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
