import pytest
from flask import request

from verksted import create_app
from verksted.config import ConfigError, load_config


@pytest.fixture
def environment(monkeypatch):
    """A clean environment: only what each test sets."""
    for name in ("VERKSTED_ENV", "SECRET_KEY", "DATABASE_URL", "MAIL_SERVER", "MAIL_USE_TLS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_refuses_to_start_without_a_secret_key(environment):
    environment.setenv("VERKSTED_ENV", "production")

    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_sends_cookies_over_https_only(environment, tmp_path):
    environment.setenv("VERKSTED_ENV", "production")
    environment.setenv("SECRET_KEY", "en-lang-og-tilfeldig-hemmelighet")
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": False,
                      "MAIL_OUTBOX": str(tmp_path)})

    response = app.test_client().post("/sprak", data={"locale": "nn"})

    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_development_sends_cookies_over_plain_http_too(environment, tmp_path):
    config = load_config(str(tmp_path))

    assert config["VERKSTED_ENV"] == "development"
    assert config["SESSION_COOKIE_SECURE"] is False
    assert config["SESSION_COOKIE_HTTPONLY"] is True
    assert config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_development_makes_a_secret_once_and_keeps_it(environment, tmp_path):
    instance = tmp_path / "instance"

    first = load_config(str(instance))["SECRET_KEY"]
    second = load_config(str(instance))["SECRET_KEY"]

    assert first == second
    assert len(first) >= 32
    assert (instance / "secret_key").read_text().strip() == first
    assert (instance / "secret_key").stat().st_mode & 0o077 == 0


def test_a_secret_key_from_the_environment_wins(environment, tmp_path):
    environment.setenv("SECRET_KEY", "fra-miljoet")

    assert load_config(str(tmp_path))["SECRET_KEY"] == "fra-miljoet"
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://verksted@db/verksted", "postgresql+psycopg://verksted@db/verksted"),
        ("postgresql://verksted@db/verksted", "postgresql+psycopg://verksted@db/verksted"),
        ("postgresql+psycopg://verksted@db/verksted", "postgresql+psycopg://verksted@db/verksted"),
    ],
)
def test_a_database_url_from_the_hosting_platform_is_given_the_right_driver(environment, tmp_path, given, used):
    environment.setenv("DATABASE_URL", given)

    assert load_config(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == used


def test_without_a_database_url_the_data_lives_in_the_instance_folder(environment, tmp_path):
    assert load_config(str(tmp_path))["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'verksted.sqlite3'}"


def test_every_page_carries_the_security_headers(client):
    response = client.get("/logg-inn")

    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_health_check_answers_without_signing_in(client):
    response = client.get("/helse")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def address_seen(tmp_path, forwarded_for: str, **config) -> str:
    """The client address the app sees for a request from 127.0.0.1 carrying X-Forwarded-For."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": False,
                      "MAIL_OUTBOX": str(tmp_path), **config})
    seen = []

    @app.get("/_adresse")
    def address():
        seen.append(request.remote_addr)
        return ""

    app.test_client().get("/_adresse", headers={"X-Forwarded-For": forwarded_for},
                          environ_base={"REMOTE_ADDR": "127.0.0.1"})
    return seen[0]


def test_behind_a_proxy_the_limits_count_the_phones_address(environment, tmp_path):
    """With PROXY_HOPS=1 the address the proxy forwards is the one wrong codes are counted for."""
    assert address_seen(tmp_path, "10.1.2.3", PROXY_HOPS=1) == "10.1.2.3"


def test_without_a_proxy_a_forwarded_address_is_not_believed(environment, tmp_path):
    assert address_seen(tmp_path, "10.1.2.3") == "127.0.0.1"
