"""Export → import into an empty database → export again gives the same archive.

What differs, and is normalised before comparing: `exported_at` (when each export ran). Keys are
numbered in the order rows were made, which an import keeps, so they come out the same.
"""
from __future__ import annotations

import json

import jsonschema
import sqlalchemy as sa

from verksted import demo
from verksted.archive import archive_bytes, build_schema, export_network, import_archive
from verksted.extensions import db
from verksted.networks.models import Network

from tests.archive.conftest import SAMI


def normalised(archive: dict) -> dict:
    return {name: value for name, value in archive.items() if name != "exported_at"}


def round_trip(network: Network, wipe) -> tuple[dict, dict]:
    raw = archive_bytes(network)
    wipe()
    imported = import_archive(raw)
    db.session.commit()
    return json.loads(raw), export_network(db.session.get(Network, imported.id))


def test_the_demo_network_comes_back_the_same(ctx, wipe):
    demo.seed()
    db.session.commit()
    network = db.session.scalar(sa.select(Network).where(Network.name == demo.NETWORK_NAME))

    before, after = round_trip(network, wipe)

    assert normalised(after) == normalised(before)
    assert after["network"]["settings"]["name"] == demo.NETWORK_NAME
    jsonschema.Draft202012Validator(build_schema()).validate(before)


def test_a_network_with_every_feature_used_comes_back_the_same(ctx, wipe, rich_network):
    before, after = round_trip(db.session.get(Network, rich_network), wipe)

    assert normalised(after) == normalised(before)
    assert all(before["network"][name] for name in before["network"]), "every list holds something"
    assert SAMI in after["network"]["settings"]["name"]
    assert after["network"]["gathering_files"][0]["content"] == before["network"]["gathering_files"][0]["content"]
