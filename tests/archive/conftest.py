"""Shared by the archive's tests: emptying the database between export and import."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import current_app

from verksted.extensions import db


@pytest.fixture
def wipe(app):
    """Empty every table and the uploads folder: the «empty database» an archive goes into."""

    def wipe() -> None:
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        shutil.rmtree(Path(current_app.config["UPLOAD_FOLDER"]), ignore_errors=True)

    return wipe
