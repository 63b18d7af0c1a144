"""Verksted: learning networks (utviklingsverksted) for municipal health and care services."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from verksted.config import load_config


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    app.config.from_mapping(load_config(app.instance_path))
    if test_config:
        app.config.update(test_config)

    _init_extensions(app)
    _register_blueprints(app)

    from verksted import cli, web

    cli.init_app(app)
    web.init_app(app)
    if app.config["PROXY_HOPS"] > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def _init_extensions(app: Flask) -> None:
    from verksted import i18n, mail  # noqa: F401  (mail registers its commit hooks)
    from verksted.accounts.models import User
    from verksted.extensions import babel, csrf, db, login_manager, migrate

    _add_answers_engine(app)
    db.init_app(app)
    if "answers" in app.config.get("SQLALCHEMY_BINDS", {}):
        with app.app_context():
            sa.event.listen(db.engines["answers"], "connect", _commit_answers_without_waiting)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, default_translation_directories=i18n.TRANSLATIONS)

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None  # the sign-in page says why on its own
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        ident, _, token = user_id.partition(":")
        if not ident.isdigit():
            return None
        user = db.session.get(User, int(ident))
        return user if user is not None and user.session_token == token else None


def _add_answers_engine(app: Flask) -> None:
    """On PostgreSQL, live-poll answers go through an engine of their own, `db.engines["answers"]`:
    each answer is one statement, so it runs in autocommit, and no ping is sent before every use
    (a whole room answers at once). The answer view sends again on a new connection when the
    database has closed the one it got."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if sa.engine.make_url(url).get_backend_name() == "postgresql":
        app.config["SQLALCHEMY_BINDS"] = {
            **app.config.get("SQLALCHEMY_BINDS", {}),
            "answers": {"url": url, "pool_pre_ping": False, "isolation_level": "AUTOCOMMIT"},
        }


def _commit_answers_without_waiting(dbapi_connection, connection_record) -> None:
    """An answer's commit does not wait for the disk: answers are then as durable on PostgreSQL
    as on SQLite in WAL mode with synchronous=NORMAL. A crash of the database server may lose
    the last moment's answers (the phones can send them again); it never leaves the data
    inconsistent. Everything else Verksted stores waits for the disk as usual."""
    dbapi_connection.execute("SET synchronous_commit = off")


def _register_blueprints(app: Flask) -> None:
    from verksted.accounts import bp as accounts
    from verksted.admin import bp as admin
    from verksted.calendar import bp as calendar
    from verksted.documents import bp as documents
    from verksted.gatherings import bp as gatherings
    from verksted.networks import bp as networks
    from verksted.plan import bp as plan
    from verksted.polls import bp as polls
    from verksted.reports import bp as reports
    from verksted.api import bp as api
    from verksted.archive import bp as archive

    app.register_blueprint(accounts)
    app.register_blueprint(networks)
    app.register_blueprint(gatherings)
    app.register_blueprint(plan)
    app.register_blueprint(calendar)
    app.register_blueprint(documents)
    app.register_blueprint(polls)
    app.register_blueprint(reports)
    app.register_blueprint(archive)
    app.register_blueprint(api)
    app.register_blueprint(admin, url_prefix="/admin")
