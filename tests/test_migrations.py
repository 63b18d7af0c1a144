"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from __future__ import annotations

import os

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tests.conftest import POSTGRES_ENV, app_config, dispose_engines, postgres_database
from verksted import create_app
from verksted.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_app(request, tmp_path):
    """An app on a brand-new, empty database of each kind this machine can offer."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ny.sqlite3'}"
        app = create_app(app_config(url, tmp_path / "outbox"))
        yield app
        dispose_engines(app)
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        pytest.skip(f"set {POSTGRES_ENV} to test the migrations on PostgreSQL too")
    with postgres_database(admin_url) as url:
        app = create_app(app_config(url, tmp_path / "outbox"))
        yield app
        dispose_engines(app)


def schema_differences(app) -> list:
    with app.app_context(), db.engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), db.metadata)


def table_names(app) -> set[str]:
    with app.app_context():
        return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_the_migrations_build_the_schema_the_models_describe(fresh_app):
    with fresh_app.app_context():
        flask_migrate.upgrade()

    assert schema_differences(fresh_app) == []
    assert table_names(fresh_app) == set(db.metadata.tables)


def test_the_migrations_can_be_undone_and_done_again(fresh_app):
    with fresh_app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
    assert table_names(fresh_app) == set()

    with fresh_app.app_context():
        flask_migrate.upgrade()
    assert schema_differences(fresh_app) == []


def test_the_migration_history_has_one_head(app):
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1
