"""Exporting a network: everything it holds, no secrets, the documented schema, few queries."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.archive import FORMAT_VERSION, archive_bytes, build_schema, export_network
from verksted.calendar.models import CalendarFeed
from verksted.extensions import db
from verksted.networks.models import Invitation, Network

from tests.archive.conftest import SAMI

SCHEMA = Path(__file__).parents[2] / "docs" / "archive.schema.json"


def test_the_documented_schema_is_the_one_the_import_checks_against():
    """A model change that changes the format must change docs/archive.schema.json as well
    (regenerate it with build_schema(), and say in docs/archive.md what changed)."""
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == build_schema()


def test_the_export_holds_the_whole_network_and_validates_against_the_schema(ctx, rich_network):
    archive = export_network(db.session.get(Network, rich_network))

    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(archive)
    assert (archive["format"], archive["format_version"]) == ("verksted-nettverksarkiv", FORMAT_VERSION)
    assert archive["exported_at"].endswith("Z")
    network = archive["network"]
    assert [team["key"] for team in network["teams"]] == ["team-1", "team-2", "team-3"]
    membership = network["memberships"][0]
    assert membership["user"] in {person["key"] for person in network["people"]}
    assert "user_id" not in membership and "id" not in membership
    assert network["gathering_files"][0]["content"]
    assert network["reports"][0]["logo"]


def test_no_password_hash_session_token_or_secret_leaves_in_the_archive(ctx, rich_network):
    raw = archive_bytes(db.session.get(Network, rich_network)).decode()
    users = db.session.scalars(sa.select(User)).all()
    secrets = [u.password_hash for u in users if u.password_hash] + [u.session_token for u in users]
    secrets += db.session.scalars(sa.select(Invitation.token_hash)).all()
    secrets += db.session.scalars(sa.select(CalendarFeed.token)).all()

    assert secrets and not [secret for secret in secrets if secret in raw]
    assert "password" not in raw and "token" not in raw


def test_letters_and_emoji_are_written_as_they_are(ctx, rich_network):
    raw = archive_bytes(db.session.get(Network, rich_network))

    assert SAMI.encode() in raw


def test_the_export_takes_as_many_queries_however_much_the_network_holds(ctx, count_queries, make_network,
                                                                          rich_network):
    small = make_network(name="Lite nettverk")
    db.session.expire_all()
    with count_queries() as few:
        export_network(db.session.get(Network, small.id))
    db.session.expire_all()
    with count_queries() as many:
        export_network(db.session.get(Network, rich_network))

    assert len(many) == len(few) <= 40


def test_the_export_command_writes_the_archive_by_name_or_id(runner, app, tmp_path, rich_network):
    with app.app_context():
        name = db.session.get(Network, rich_network).name
    by_name, by_id = tmp_path / "navn.json", tmp_path / "id.json"

    assert runner.invoke(args=["export", name, "--output", str(by_name)]).exit_code == 0
    result = runner.invoke(args=["export", str(rich_network), "-o", str(by_id)])

    assert result.exit_code == 0 and f"«{name}»" in result.output
    first, second = json.loads(by_name.read_bytes()), json.loads(by_id.read_bytes())
    assert first["network"] == second["network"]
    unknown = runner.invoke(args=["export", "Finnes ikke", "-o", str(tmp_path / "x.json")])
    assert unknown.exit_code == 1 and "Fant ikke nettverket" in unknown.output
