"""Settings, read from the environment when the app is created."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """The app cannot start with the settings it was given."""


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def _development_secret(instance_path: Path) -> str:
    """A secret generated once per installation and kept in instance/."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def load_config(instance_path: str) -> dict:
    """Build the Flask config from the environment.

    In production (VERKSTED_ENV=production) a missing SECRET_KEY stops start-up, and
    cookies are marked Secure. In development a secret is generated once in instance/.
    """
    instance = Path(instance_path)
    production = os.environ.get("VERKSTED_ENV", "development").lower() == "production"
    secret = os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigError(
                "SECRET_KEY mangler. Sett miljøvariabelen SECRET_KEY til en lang, tilfeldig "
                "verdi før Verksted startes i produksjon (VERKSTED_ENV=production)."
            )
        secret = _development_secret(instance)

    upload_max_bytes = int(os.environ.get("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'verksted.sqlite3'}"
    # Hosting platforms still hand out the old scheme; SQLAlchemy wants the driver named.
    if database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgres://")
    elif database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")

    return {
        "VERKSTED_ENV": "production" if production else "development",
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "VERKSTED_BASE_URL": os.environ.get("VERKSTED_BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _flag("MAIL_USE_SSL", False),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "Verksted <ikke-svar@verksted.invalid>"),
        "MAIL_OUTBOX": str(instance / "outbox"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # Above the upload limit, so a too-big file gets a message by its field and not a bare 413.
        "MAX_CONTENT_LENGTH": upload_max_bytes + 5 * 1024 * 1024,
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER") or str(instance / "uploads"),
        "UPLOAD_MAX_BYTES": upload_max_bytes,
        "BABEL_DEFAULT_LOCALE": "nb",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Oslo",
        "INVITATION_VALID_DAYS": int(os.environ.get("INVITATION_VALID_DAYS", "14")),
        "PASSWORD_RESET_VALID_HOURS": int(os.environ.get("PASSWORD_RESET_VALID_HOURS", "2")),
        "LOGIN_MAX_FAILURES": int(os.environ.get("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_LOCK_MINUTES": int(os.environ.get("LOGIN_LOCK_MINUTES", "15")),
        # Live polls: wrong codes one machine may try in ten minutes, answers one device may send a minute.
        "POLL_CODE_ATTEMPTS": int(os.environ.get("POLL_CODE_ATTEMPTS", "20")),
        "POLL_ANSWERS_PER_MINUTE": int(os.environ.get("POLL_ANSWERS_PER_MINUTE", "60")),
        # Proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted: behind one,
        # the limits on guessing codes and signing in count the phone's address, not the proxy's.
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", "0")),
    }
