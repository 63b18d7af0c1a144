"""Backups of the whole installation and their restore, on the database kind this run tests.

Every test builds installations of its own (a new database and upload folder), so restoring
never touches the shared test database.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa

from tests.conftest import POSTGRES_ENV, app_config, dispose_engines, empty_database
from verksted import backup as backups
from verksted import create_app, demo
from verksted.accounts.models import LoginFailure, User
from verksted.documents.models import FeedbackPhrase
from verksted.extensions import db
from verksted.networks.models import Network

ON_POSTGRES = bool(os.environ.get(POSTGRES_ENV))
KIND = "postgresql" if ON_POSTGRES else "sqlite"
OTHER_KIND = "sqlite" if ON_POSTGRES else "postgresql"

if ON_POSTGRES and not (shutil.which("pg_dump") and shutil.which("pg_restore") and shutil.which("psql")):
    pytest.skip("pg_dump, pg_restore eller psql mangler: PostgreSQL-klienten er ikke installert.",
                allow_module_level=True)

UPLOADS = {
    "gatherings/presentasjon-æøå.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
    "gatherings/Sámi-čđŋšŧž 🙂.txt": "Buorre beaivi – æøå áčđŋšŧž 🙂\n".encode(),
    "gatherings/undermappe/tom.csv": b"",
}


@pytest.fixture
def installations(tmp_path):
    """install(name, revision="head") -> an app with a new database, migrated up to `revision`
    (None: left empty), and an upload folder."""
    with ExitStack() as stack:
        apps = []

        def install(name: str, revision: str = "head"):
            url = stack.enter_context(empty_database(tmp_path))
            uploads = tmp_path / name / "uploads"
            uploads.mkdir(parents=True)
            app = create_app(app_config(url, tmp_path / name / "outbox", UPLOAD_FOLDER=str(uploads)))
            if revision is not None:
                with app.app_context():
                    flask_migrate.upgrade(revision=revision)
            apps.append(app)
            return app

        yield install
        for app in apps:
            dispose_engines(app)


def seeded(install, name: str = "kilde", revision: str = "head", full: bool = False):
    """An installation with content and uploaded files; `full` loads the demo network, which has
    every feature in use (five seconds), else one small network."""
    app = install(name, revision)
    with app.app_context():
        if full:
            demo.seed()
        elif revision == "head":
            network = Network(name="Nettverk i Kárášjohka – æøå 🙂", description="Sámi: áčđŋšŧž")
            db.session.add_all([User(email="leder@example.no", name="Åse Ødegård", password_hash="x"), network])
            db.session.flush()
            db.session.add(FeedbackPhrase(network_id=network.id, text="Godt skrevet – æøå 🙂"))
        else:  # an older schema: plain SQL that every revision has
            db.session.execute(sa.text("INSERT INTO users (email, name, password_hash, is_admin, locale, session_token, "
                                       "created_at) VALUES ('eldre@example.no', 'Eldre Ærlig', 'x', false, 'nb', 't', "
                                       "CURRENT_TIMESTAMP)"))
        db.session.commit()
    folder = Path(app.config["UPLOAD_FOLDER"])
    for path, content in UPLOADS.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)
    return app


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def table_contents(app) -> dict[str, list[tuple]]:
    """Every row of every table, sorted by primary key."""
    with app.app_context():
        tables = [*db.metadata.sorted_tables, sa.table("alembic_version", sa.column("version_num"))]
        contents = {}
        for table in tables:
            key = list(table.primary_key.columns) if isinstance(table, sa.Table) else list(table.columns)
            contents[table.name] = [tuple(row) for row in db.session.execute(sa.select(table).order_by(*key))]
        db.session.rollback()
        return contents


def uploaded_files(app) -> dict[str, bytes]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def only_backup(directory: Path) -> Path:
    found = backups.backups_in(directory)
    assert len(found) == 1, found
    return found[0]


def edit_manifest(folder: Path, **changes) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(changes)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


class Writer(threading.Thread):
    """Writes numbered pairs of rows, one pair per transaction, until stopped."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.written, self.error = app, 0, None
        self.stop = threading.Event()
        with app.app_context():
            self.network_id = db.session.scalar(sa.select(Network.id))

    def run(self):
        try:
            with self.app.app_context():
                while not self.stop.is_set():
                    number = self.written + 1
                    db.session.add(LoginFailure(email=f"skriving-{number}@example.no", remote_addr=str(number)))
                    db.session.add(FeedbackPhrase(network_id=self.network_id, text=f"skriving {number} – æøå áčđŋšŧž 🙂",
                                                  position=number))
                    db.session.commit()
                    self.written = number
                db.session.remove()
        except Exception as error:  # surfaced by the test
            self.error = error


def rows(contents: dict[str, list[tuple]], table: str) -> list[dict]:
    columns = db.metadata.tables[table].columns.keys()
    return [dict(zip(columns, row)) for row in contents[table]]


def written_by_writer(table: str, row: dict, after: int = 0) -> bool:
    if table == "login_failures":
        return row["email"].startswith("skriving-") and int(row["remote_addr"]) > after
    return table == "feedback_phrases" and row["text"].startswith("skriving ") and row["position"] > after


def written_numbers(contents: dict[str, list[tuple]]) -> tuple[list[int], list[int]]:
    failures = [int(r["remote_addr"]) for r in rows(contents, "login_failures") if written_by_writer("login_failures", r)]
    phrases = [r["position"] for r in rows(contents, "feedback_phrases") if written_by_writer("feedback_phrases", r)]
    return sorted(failures), sorted(phrases)


def without_writes_after(contents: dict[str, list[tuple]], last: int) -> dict[str, list[tuple]]:
    """The contents as they were when write number `last` had just been committed."""
    kept = dict(contents)
    for table in ("login_failures", "feedback_phrases"):
        kept[table] = [row for row, named in zip(contents[table], rows(contents, table))
                       if not written_by_writer(table, named, after=last)]
    return kept


# --- the round trip ---------------------------------------------------------------------


def test_a_backup_taken_while_people_write_restores_to_one_consistent_moment(installations, tmp_path):
    source = seeded(installations, full=True)
    writer = Writer(source)
    writer.start()
    while writer.written < 5 and writer.is_alive():
        time.sleep(0.005)
    before = writer.written
    result = run(source, "backup", str(tmp_path / "kopier"))
    during = writer.written
    writer.stop.set()
    writer.join()
    assert writer.error is None
    assert result.exit_code == 0, result.output
    assert "Sikkerhetskopi skrevet til" in result.output
    assert during > before, "the writer kept writing while the backup was taken"

    target = installations("mål")
    with target.app_context():
        db.session.add(User(email="skal-bort@example.no", name="Skal bort", password_hash="x"))
        db.session.commit()
    (Path(target.config["UPLOAD_FOLDER"]) / "skal-bort.txt").write_text("bort")
    restored = run(target, "restore", str(only_backup(tmp_path / "kopier")), "--yes")
    assert restored.exit_code == 0, restored.output
    assert "Gjenopprettet sikkerhetskopien" in restored.output

    contents = table_contents(target)
    failures, phrases = written_numbers(contents)
    last = len(failures)
    assert failures == phrases == list(range(1, last + 1)), "each write is in the backup whole, or not at all"
    assert before <= last <= during + 1  # `written` is counted just after each commit
    assert contents == without_writes_after(table_contents(source), last)
    assert contents["users"] and contents["submissions"] and contents["polls"]
    assert uploaded_files(target) == uploaded_files(source)
    assert UPLOADS.items() <= uploaded_files(target).items()
    assert len(uploaded_files(target)) > len(UPLOADS), "the demo's gathering files are there too"


def test_the_backup_folder_holds_the_snapshot_the_files_and_a_manifest(installations, tmp_path):
    source = seeded(installations)
    assert run(source, "backup", str(tmp_path)).exit_code == 0
    folder = only_backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "verksted-backup" and manifest["database"] == KIND
    assert manifest["alembic_revision"] == "0006_api_tokens"
    assert manifest["created_at"].replace(":", "-") in folder.name
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert backups.DATABASE_FILES[KIND] in listed
    for path, content in UPLOADS.items():
        assert (folder / "uploads" / path).read_bytes() == content
        assert listed[f"uploads/{path}"]["size"] == len(content)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    if KIND == "sqlite":  # one self-contained file, without a write-ahead log beside it
        assert (folder / "database.sqlite3").read_bytes()[18:20] == b"\x01\x01"


def test_keep_removes_the_oldest_backups(installations, tmp_path):
    source = seeded(installations)
    killed, running = tmp_path / ".verksted-ufullstendig-gammel", tmp_path / ".verksted-ufullstendig-ny"
    killed.mkdir()
    running.mkdir()
    os.utime(killed, (killed.stat().st_atime, killed.stat().st_mtime - 2 * 24 * 3600))
    made = []
    for _ in range(3):
        result = run(source, "backup", str(tmp_path), "--keep", "2")
        assert result.exit_code == 0, result.output
        made.append(Path(result.output.split("skrevet til ")[1].split(" (")[0]))
    assert backups.backups_in(tmp_path) == made[1:]
    assert f"Slettet eldre sikkerhetskopi {made[0]}" in result.output
    assert not killed.exists() and running.exists(), "a backup killed a day ago is cleared, one in progress is not"


def test_a_backup_of_an_older_version_is_migrated_after_the_restore(installations, tmp_path):
    source = seeded(installations, revision="0005_reports")
    assert run(source, "backup", str(tmp_path / "kopier")).exit_code == 0
    target = installations("mål")
    result = run(target, "restore", str(only_backup(tmp_path / "kopier")), "--yes")
    assert result.exit_code == 0, result.output
    assert "oppgradert fra versjon 0005_reports" in result.output
    contents = table_contents(target)
    assert contents["alembic_version"] == [("0006_api_tokens",)]
    assert [row[1] for row in contents["users"]] == ["eldre@example.no"]
    assert contents["api_tokens"] == []


def test_a_backup_restores_into_a_brand_new_empty_database(installations, tmp_path):
    source = seeded(installations)
    assert run(source, "backup", str(tmp_path / "kopier")).exit_code == 0
    target = installations("ny", revision=None)
    for _ in range(2):  # restoring writes nothing into the backup, so it can be restored again
        result = run(target, "restore", str(only_backup(tmp_path / "kopier")), "--yes")
        assert result.exit_code == 0, result.output
        assert table_contents(target) == table_contents(source)
        assert uploaded_files(target) == uploaded_files(source) == UPLOADS


def test_only_the_owner_may_read_a_backup(installations, tmp_path):
    source = seeded(installations)
    assert run(source, "backup", str(tmp_path)).exit_code == 0
    assert only_backup(tmp_path).stat().st_mode & 0o777 == 0o700


def test_an_empty_database_is_not_backed_up(installations, tmp_path):
    source = installations("tom", revision=None)
    if not ON_POSTGRES:
        sqlite_file = Path(sa.engine.make_url(source.config["SQLALCHEMY_DATABASE_URI"]).database)
        result = run(source, "backup", str(tmp_path / "kopier"))
        assert result.exit_code == 1
        assert f"Databasefilen {sqlite_file} finnes ikke" in result.output
        sqlite_file.touch()
    result = run(source, "backup", str(tmp_path / "kopier"))
    assert result.exit_code == 1
    assert "Databasen er ikke satt opp for Verksted ennå" in result.output
    assert list((tmp_path / "kopier").iterdir()) == []


# --- refusals ---------------------------------------------------------------------------


@pytest.fixture
def backed_up(installations, tmp_path):
    """(a backup folder, an installation with content of its own to restore into)."""
    source = seeded(installations)
    assert run(source, "backup", str(tmp_path / "kopier")).exit_code == 0
    target = installations("mål")
    with target.app_context():
        db.session.add(User(email="blir@example.no", name="Blir", password_hash="x"))
        db.session.commit()
    return only_backup(tmp_path / "kopier"), target


def assert_untouched(target):
    assert [row[1] for row in table_contents(target)["users"]] == ["blir@example.no"]
    assert uploaded_files(target) == {}


@pytest.mark.parametrize("damaged", ["uploads/gatherings/presentasjon-æøå.pdf", "database"])
def test_an_edited_or_damaged_file_is_refused_by_its_checksum(backed_up, damaged):
    folder, target = backed_up
    path = folder / (backups.DATABASE_FILES[KIND] if damaged == "database" else damaged)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    result = run(target, "restore", str(folder), "--yes")
    assert result.exit_code == 1
    assert "er endret eller skadet: sjekksummen stemmer ikke" in result.output
    assert path.relative_to(folder).as_posix() in result.output
    assert_untouched(target)


def test_a_missing_or_added_file_is_refused(backed_up):
    folder, target = backed_up
    (folder / "uploads/gatherings/Sámi-čđŋšŧž 🙂.txt").unlink()
    (folder / "uploads/gatherings/innsmuglet.pdf").write_bytes(b"%PDF")
    result = run(target, "restore", str(folder), "--yes")
    assert result.exit_code == 1
    assert "Filen uploads/gatherings/Sámi-čđŋšŧž 🙂.txt mangler" in result.output
    assert "Filen uploads/gatherings/innsmuglet.pdf er lagt til" in result.output
    assert_untouched(target)


def test_a_database_snapshot_that_cannot_be_read_leaves_everything_as_it_was(backed_up):
    folder, target = backed_up
    snapshot = folder / backups.DATABASE_FILES[KIND]
    snapshot.write_bytes(snapshot.read_bytes()[:4096] + b"\0" * 4096)  # cut short, checksum made to match
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    size, digest = backups._digest(snapshot)
    edit_manifest(folder, files=[{**e, "size": size, "sha256": digest} if e["path"] == snapshot.name else e
                                 for e in manifest["files"]])
    result = run(target, "restore", str(folder), "--yes")
    assert result.exit_code == 1
    assert "Gjenopprettingen ble avbrutt" in result.output
    assert_untouched(target)
    assert [p.name for p in Path(target.config["UPLOAD_FOLDER"]).parent.iterdir() if p.name.startswith(".")] == []


def test_a_backup_of_the_other_database_kind_is_refused(backed_up):
    folder, target = backed_up
    edit_manifest(folder, database=OTHER_KIND)
    result = run(target, "restore", str(folder), "--yes")
    assert result.exit_code == 1
    assert f"av en {backups.KIND_NAMES[OTHER_KIND]}-database, men Verksted er satt opp med {backups.KIND_NAMES[KIND]}" \
        in result.output
    assert_untouched(target)


def test_a_backup_from_a_newer_verksted_is_refused(backed_up):
    folder, target = backed_up
    edit_manifest(folder, alembic_revision="0099_fremtiden")
    result = run(target, "restore", str(folder), "--yes")
    assert result.exit_code == 1
    assert "laget med en nyere versjon av Verksted" in result.output
    assert_untouched(target)


def test_a_folder_that_is_no_backup_is_refused(installations, tmp_path):
    target = installations("mål")
    result = run(target, "restore", str(tmp_path), "--yes")
    assert result.exit_code == 1
    assert "er ikke en sikkerhetskopi fra Verksted: manifest.json mangler" in result.output
    result = run(target, "restore", str(tmp_path / "finnes-ikke"), "--yes")
    assert result.exit_code == 1
    assert f"Fant ikke mappen {tmp_path / 'finnes-ikke'}" in result.output


def test_restore_asks_first_and_changes_nothing_when_the_answer_is_no(backed_up):
    folder, target = backed_up
    result = run(target, "restore", str(folder), input="n\n")
    assert result.exit_code == 1
    assert "erstattes. Fortsette?" in result.output
    assert "Avbrutt. Ingenting er endret." in result.output
    assert_untouched(target)


def test_a_backup_into_a_file_fails_with_a_message(installations, tmp_path):
    source = seeded(installations)
    (tmp_path / "fil").write_text("ikke en mappe")
    result = run(source, "backup", str(tmp_path / "fil"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'fil'} er en fil, ikke en mappe" in result.output
    result = run(source, "backup", str(tmp_path / "fil" / "kopier"))
    assert result.exit_code == 1
    assert f"Kan ikke skrive i mappen {tmp_path / 'fil' / 'kopier'}: en del av stien er ikke en mappe" in result.output


def test_backups_are_not_written_into_the_upload_folder(installations):
    source = seeded(installations)
    uploads = Path(source.config["UPLOAD_FOLDER"])
    result = run(source, "backup", str(uploads / "kopier"))
    assert result.exit_code == 1
    assert "kan ikke ligge i opplastingsmappen" in result.output
    assert not (uploads / "kopier").exists()


def test_a_backup_that_fails_halfway_leaves_nothing_that_looks_complete(installations, tmp_path, monkeypatch):
    source = seeded(installations)

    def disk_full(work):
        raise OSError(errno.ENOSPC, "No space left on device", str(work))

    monkeypatch.setattr(backups, "_file_list", disk_full)
    result = run(source, "backup", str(tmp_path / "kopier"))
    assert result.exit_code == 1
    assert "Sikkerhetskopien kunne ikke skrives: disken er full" in result.output
    assert list((tmp_path / "kopier").iterdir()) == []


@pytest.mark.skipif(not ON_POSTGRES, reason="pg_dump is only used with PostgreSQL")
def test_a_missing_pg_dump_is_named(installations, tmp_path, monkeypatch):
    source = seeded(installations)
    monkeypatch.setenv("PATH", str(tmp_path / "ingenting"))
    result = run(source, "backup", str(tmp_path / "kopier"))
    assert result.exit_code == 1
    assert "Fant ikke programmet pg_dump" in result.output
    assert list((tmp_path / "kopier").iterdir()) == []


def test_the_postgresql_password_goes_to_the_tools_in_the_environment_not_the_command_line(tmp_path):
    app = create_app(app_config("postgresql://verksted:hemm%C3%A6lig%40%3A%2F@db.example:5433/verksted?sslmode=require",
                                tmp_path / "outbox"))
    with app.app_context():
        url, env = backups._libpq()
    dispose_engines(app)
    assert url == "postgresql://verksted@db.example:5433/verksted?sslmode=require"
    assert env["PGPASSWORD"] == "hemmælig@:/"


def test_a_database_only_in_memory_is_not_backed_up(tmp_path):
    app = create_app(app_config("sqlite://", tmp_path / "outbox"))
    result = run(app, "backup", str(tmp_path / "kopier"))
    dispose_engines(app)
    assert result.exit_code == 1
    assert "Databasen ligger bare i minnet" in result.output
