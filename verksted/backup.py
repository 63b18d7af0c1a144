"""Backups of the whole installation: the database and the uploaded files, and their restore.

A backup is a folder DIR/verksted-<UTC time>/ holding the database snapshot (SQLite through its
online backup API, PostgreSQL through `pg_dump --format=custom`; both consistent while the app
writes), a copy of UPLOAD_FOLDER under uploads/, and manifest.json with every file's size and
SHA-256. It is written under a hidden temporary name and renamed when complete, so a folder
named verksted-… is always whole.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from verksted.extensions import db

FORMAT = "verksted-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PREFIX = "verksted-"
UPLOADS = "uploads"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
_NAME = re.compile(r"^verksted-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$")
_CHUNK = 1024 * 1024


class BackupFailed(Exception):
    """A backup or restore could not be done; `problems` say why, in Norwegian."""

    def __init__(self, *problems: str):
        super().__init__(" ".join(problems))
        self.problems = list(problems)


@dataclass
class Restored:
    manifest: dict
    migrated_from: str | None  # the backup's revision when migrations ran after the restore


# --- writing a backup -------------------------------------------------------------------


def create_backup(target: Path) -> Path:
    """Write a new backup folder under `target` and return it."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise BackupFailed(f"{target} er en fil, ikke en mappe. Oppgi mappen sikkerhetskopiene skal ligge i.")
    kind = database_kind()
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    if target.resolve().is_relative_to(uploads.resolve()):
        raise BackupFailed(f"Sikkerhetskopiene kan ikke ligge i opplastingsmappen {uploads}; velg en annen mappe.")
    try:
        target.mkdir(parents=True, exist_ok=True)
        work = Path(target / f".{PREFIX}ufullstendig-{secrets.token_hex(6)}")
        work.mkdir(mode=0o700)  # it holds every account's password hash
    except OSError as error:
        raise BackupFailed(f"Kan ikke skrive i mappen {target}: {_reason(error)}.") from error
    try:
        # Files are copied before and after the database snapshot: a file is never changed in
        # place, so every file the snapshot refers to is caught by one of the two passes.
        _copy_uploads(uploads, work / UPLOADS)
        revision = _snapshot(kind, work / DATABASE_FILES[kind])
        _copy_uploads(uploads, work / UPLOADS)
        manifest = _write_manifest(work, kind, revision)
        final = _free_name(target, manifest["created_at"])
        work.rename(final)
    except BaseException as error:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(error, OSError):
            raise BackupFailed(f"Sikkerhetskopien kunne ikke skrives: {_reason(error)}"
                               f"{f' ({error.filename})' if error.filename else ''}.") from error
        raise
    return final


def _snapshot(kind: str, database_file: Path) -> str:
    """Write the database's snapshot; return its alembic revision, read from the snapshot itself."""
    if kind == "sqlite":
        _snapshot_sqlite(database_file)
        revision = _sqlite_revision(database_file)
    else:
        _dump_postgresql(database_file)
        revision = _dump_revision(database_file)
    if revision is None:
        raise BackupFailed("Databasen er ikke satt opp for Verksted ennå, så det er ingenting å ta kopi av. "
                           "Kjør flask --app verksted db upgrade først.")
    return revision


def _write_manifest(work: Path, kind: str, revision: str) -> dict:
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "verksted_version": _version(),
        "alembic_revision": revision,
        "database": kind,
        "created_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": _file_list(work),
    }
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


_REASONS = {errno.EACCES: "ingen tilgang", errno.EPERM: "ikke tillatt", errno.ENOSPC: "disken er full",
            errno.EROFS: "filsystemet er skrivebeskyttet", errno.ENOENT: "finnes ikke",
            errno.EEXIST: "finnes allerede", errno.ENOTDIR: "en del av stien er ikke en mappe"}


def _reason(error: OSError) -> str:
    return _REASONS.get(error.errno, error.strerror or str(error))


def _version() -> str:
    try:
        return metadata.version("verksted")
    except metadata.PackageNotFoundError:
        return "ukjent"


def database_kind() -> str:
    kind = db.engine.url.get_backend_name()
    if kind not in DATABASE_FILES:
        raise BackupFailed(f"Sikkerhetskopi støttes bare for SQLite og PostgreSQL, ikke {kind}.")
    if kind == "sqlite" and not _sqlite_path():
        raise BackupFailed("Databasen ligger bare i minnet; det finnes ingen fil å ta sikkerhetskopi av.")
    return kind


def backups_in(target: Path) -> list[Path]:
    """The complete backups in `target`, oldest first."""
    if not Path(target).is_dir():
        return []
    found = [p for p in Path(target).iterdir() if p.is_dir() and _NAME.match(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: (p.name[: len(PREFIX) + 20], len(p.name), p.name))


def prune(target: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest backups in `target`, and what a backup that was killed
    left behind more than a day ago; return the removed backups."""
    if keep < 1:
        raise BackupFailed("--keep må være minst 1.")
    doomed = backups_in(target)[:-keep]
    for path in doomed:
        shutil.rmtree(path)
    day_ago = datetime.now(timezone.utc).timestamp() - 24 * 3600
    for left in Path(target).glob(f".{PREFIX}ufullstendig-*"):
        if left.stat().st_mtime < day_ago:
            shutil.rmtree(left, ignore_errors=True)
    return doomed


def _free_name(target: Path, created_at: str) -> Path:
    stem = PREFIX + created_at.replace(":", "-")
    candidate, number = target / stem, 1
    while candidate.exists():
        number += 1
        candidate = target / f"{stem}-{number}"
    return candidate


def _copy_uploads(source: Path, destination: Path) -> None:
    """Copy every regular file under `source` not copied yet; files that vanish are skipped."""
    destination.mkdir(exist_ok=True)
    if not source.is_dir():
        return
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        relative = Path(folder).relative_to(source)
        for name in sorted(files):
            copy = destination / relative / name
            if copy.exists() or not (Path(folder) / name).is_file():
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(Path(folder) / name, copy)
            except FileNotFoundError:  # deleted while we were copying: gone from the database too
                copy.unlink(missing_ok=True)


def _file_list(work: Path) -> list[dict]:
    entries = []
    for path in sorted(p for p in work.rglob("*") if p.is_file()):
        size, digest = _digest(path)
        entries.append({"path": path.relative_to(work).as_posix(), "size": size, "sha256": digest})
    return entries


def _digest(path: Path) -> tuple[int, str]:
    sha, size = hashlib.sha256(), 0
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


# --- SQLite -----------------------------------------------------------------------------


def _sqlite_path() -> str | None:
    database = db.engine.url.database
    return None if database in (None, "", ":memory:") or database.startswith("file::memory:") else database


def _snapshot_sqlite(destination: Path) -> None:
    if not Path(_sqlite_path()).is_file():
        raise BackupFailed(f"Databasefilen {_sqlite_path()} finnes ikke. Sjekk DATABASE_URL.")
    # All pages in one step, under one read transaction: a consistent snapshot.
    _sqlite_copy(_sqlite_path(), destination, "Kunne ikke ta kopi av SQLite-databasen", standalone=True)


def _sqlite_revision(path: Path) -> str | None:
    connection = sqlite3.connect(_read_only(path), uri=True)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _restore_sqlite(snapshot: Path) -> None:
    db.session.remove()
    db.engine.dispose()
    # Replaces every page of the configured database, in one transaction.
    _sqlite_copy(_read_only(snapshot), _sqlite_path(), "Kunne ikke skrive til SQLite-databasen")


def _read_only(path: Path) -> str:
    """A URI that reads the snapshot without writing anything beside it (it may be on read-only media)."""
    return f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1"


def _sqlite_copy(source: str, target: str, failure: str, standalone: bool = False) -> None:
    """Copy the database `source` (a path or file: URI) into `target`; a `standalone` copy is one
    file, with no write-ahead log to go with it."""
    try:
        source_db = sqlite3.connect(source, timeout=30, uri=source.startswith("file:"))
        try:
            target_db = sqlite3.connect(target, timeout=30)
            try:
                source_db.backup(target_db)
                if standalone:
                    target_db.execute("PRAGMA journal_mode=DELETE")
            finally:
                target_db.close()
        finally:
            source_db.close()
    except sqlite3.Error as error:
        raise BackupFailed(f"{failure} ({target}): {error}.") from error


# --- PostgreSQL -------------------------------------------------------------------------


def _libpq() -> tuple[str, dict]:
    """The database's libpq URL without its password, and the environment carrying it."""
    url = db.engine.url
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = sa.engine.URL.create("postgresql", username=url.username, host=url.host, port=url.port,
                                 database=url.database, query=url.query).render_as_string(hide_password=False)
    return plain, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed(f"Fant ikke programmet {name}. Installer PostgreSQL-klienten (på Debian og Ubuntu: "
                           f"apt-get install postgresql-client) i samme versjon som databaseserveren.")
    return found


def _run(command: list[str], what: str, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, **options)
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise BackupFailed(f"{what} mislyktes (kode {result.returncode}): {detail or 'ingen melding'}")
    return result


def _dump_postgresql(destination: Path) -> None:
    url, env = _libpq()
    _run([_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={destination}", f"--dbname={url}"],
         "pg_dump", env=env)


def _dump_revision(dump: Path) -> str | None:
    """The alembic revision inside the dump itself, so it belongs to the same snapshot."""
    listing = _run([_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(dump)],
                   "pg_restore").stdout.decode("utf-8")
    lines = listing.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and number + 1 < len(lines):
            value = lines[number + 1]
            return None if value == "\\." else value.split("\t")[0]
    return None


def _restore_postgresql(dump: Path) -> None:
    """Replace the database's content with the dump in one transaction: anything the dump does
    not have (a newer table, say) goes too, and on any error nothing has changed.

    psql reads pg_restore's script between BEGIN and a COMMIT that is only sent once pg_restore
    has finished without error; otherwise psql's connection ends and the server rolls back."""
    pg_restore, psql = _tool("pg_restore"), _tool("psql")
    url, env = _libpq()
    drops = db.session.execute(sa.text(_DROP_EVERYTHING)).scalars().all()
    db.session.remove()
    db.engine.dispose()
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as load_errors:
        loader = subprocess.Popen([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", f"--dbname={url}"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=load_errors, env=env)
        restore = subprocess.Popen([pg_restore, "--clean", "--if-exists", "--no-owner", "--file=-", str(dump)],
                                   stdout=subprocess.PIPE, stderr=restore_errors)
        try:
            # A Verksted still running holds locks: fail after a while instead of waiting for ever.
            loader.stdin.write(("BEGIN;\nSET lock_timeout = '30s';\n" + "\n".join(drops) + "\n").encode())
            while chunk := restore.stdout.read(_CHUNK):
                loader.stdin.write(chunk)
            if restore.wait() == 0:
                loader.stdin.write(b"\nCOMMIT;\n")
        except BrokenPipeError:  # psql stopped at an error; its message says which
            pass
        finally:
            restore.stdout.close()
            restore.wait()
            try:
                loader.stdin.close()
            except BrokenPipeError:
                pass
            loader.wait()
        if loader.returncode != 0:  # first: pg_restore fails too when psql stops reading
            raise BackupFailed(f"Innlesingen i databasen mislyktes, og ingenting er endret: "
                               f"{_text(load_errors) or 'ingen melding'}")
        if restore.returncode != 0:
            raise BackupFailed(f"pg_restore mislyktes (kode {restore.returncode}), og ingenting er endret: "
                               f"{_text(restore_errors) or 'ingen melding'}")


def _text(stream) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", "replace").strip()


_DROP_EVERYTHING = """
SELECT format('DROP VIEW IF EXISTS %I.%I CASCADE;', schemaname, viewname)
  FROM pg_views WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE;', schemaname, tablename)
  FROM pg_tables WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE;', schemaname, sequencename)
  FROM pg_sequences WHERE schemaname = current_schema()
UNION ALL
SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE;', n.nspname, t.typname)
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = current_schema() AND t.typtype = 'e'
"""


# --- checking and restoring -------------------------------------------------------------


def check_backup(folder: Path) -> dict:
    """The backup's manifest once every check has passed; BackupFailed lists every problem found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupFailed(f"Fant ikke mappen {folder}. Oppgi en mappe som heter verksted-…, med manifest.json i.")
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupFailed(f"{folder} er ikke en sikkerhetskopi fra Verksted: {MANIFEST} mangler.") from None
    except (OSError, ValueError) as error:
        raise BackupFailed(f"{MANIFEST} i {folder} kan ikke leses: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupFailed(f"{folder} er ikke en sikkerhetskopi fra Verksted.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupFailed(f"Sikkerhetskopien har formatversjon {manifest.get('format_version')}; "
                           f"denne versjonen av Verksted leser versjon {FORMAT_VERSION}.")
    problems = _kind_problems(manifest) + _revision_problems(manifest) + _file_problems(folder, manifest)
    if problems:
        raise BackupFailed(*problems)
    return manifest


def _kind_problems(manifest: dict) -> list[str]:
    kind, configured = manifest.get("database"), database_kind()
    if kind == configured:
        return []
    return [f"Sikkerhetskopien er av en {KIND_NAMES.get(kind, str(kind))}-database, men Verksted er satt opp "
            f"med {KIND_NAMES[configured]}. Flytt data mellom databasetyper med eksport og import av nettverk."]


def _revision_problems(manifest: dict) -> list[str]:
    revision = manifest.get("alembic_revision")
    if revision is None:
        return []
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    known = {script.revision for script in scripts.walk_revisions()}
    if revision in known:
        return []
    return [f"Sikkerhetskopien er laget med en nyere versjon av Verksted (databaseversjon {revision}, "
            f"Verksted {manifest.get('verksted_version', '?')}). Oppgrader Verksted før du gjenoppretter den."]


def _file_problems(folder: Path, manifest: dict) -> list[str]:
    problems, listed = [], set()
    entries = manifest.get("files")
    if not isinstance(entries, list):
        return [f"{MANIFEST} mangler fillisten."]
    for entry in entries:
        path = str(entry.get("path", "")) if isinstance(entry, dict) else ""
        if not path or path.startswith("/") or ".." in Path(path).parts:
            problems.append(f"Fillisten har et ugyldig filnavn: «{path}».")
            continue
        listed.add(path)
        file = folder / path
        if not file.is_file():
            problems.append(f"Filen {path} mangler i sikkerhetskopien.")
        elif _digest(file) != (entry.get("size"), entry.get("sha256")):
            problems.append(f"Filen {path} er endret eller skadet: sjekksummen stemmer ikke.")
    kind = manifest.get("database")
    if kind in DATABASE_FILES and DATABASE_FILES[kind] not in listed:
        problems.append(f"Databasefilen {DATABASE_FILES[kind]} mangler i fillisten.")
    for extra in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()):
        if extra != MANIFEST and extra not in listed:
            problems.append(f"Filen {extra} er lagt til etter at sikkerhetskopien ble tatt.")
    return problems


def restore_backup(folder: Path) -> Restored:
    """Replace the database's content and the upload folder with the backup's, then migrate."""
    import flask_migrate

    folder = Path(folder)
    manifest = check_backup(folder)
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    staged = _stage_uploads(folder / UPLOADS, uploads, manifest)
    try:
        snapshot = folder / DATABASE_FILES[manifest["database"]]
        if manifest["database"] == "sqlite":
            _restore_sqlite(snapshot)
        else:
            _restore_postgresql(snapshot)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    _swap_in(staged, uploads)
    migrated_from = None
    if manifest.get("alembic_revision") != _head():
        migrated_from = manifest.get("alembic_revision")
        flask_migrate.upgrade()
    return Restored(manifest=manifest, migrated_from=migrated_from)


def _head() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config()).get_current_head()


def _stage_uploads(source: Path, uploads: Path, manifest: dict) -> Path:
    """Copy the backup's files beside the upload folder, checking each again as it is copied."""
    staged = uploads.with_name(f".{uploads.name}-gjenoppretting-{secrets.token_hex(4)}")
    expected = {e["path"]: (e["size"], e["sha256"]) for e in manifest["files"] if e["path"].startswith(UPLOADS + "/")}
    try:
        staged.mkdir(parents=True)
        for path, wanted in expected.items():
            copy = staged / Path(path).relative_to(UPLOADS)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source.parent / path, copy)
            if _digest(copy) != wanted:
                raise BackupFailed(f"Filen {path} endret seg under gjenopprettingen; ingenting er endret.")
    except OSError as error:
        shutil.rmtree(staged, ignore_errors=True)
        raise BackupFailed(f"Kan ikke skrive filene ved siden av {uploads}: {_reason(error)}.") from error
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def _swap_in(staged: Path, uploads: Path) -> None:
    """Put the staged files in the upload folder's place; when the folder cannot be renamed
    (a mount point), its content is replaced instead."""
    old = uploads.with_name(f".{uploads.name}-gammel-{secrets.token_hex(4)}")
    try:
        if uploads.exists():
            uploads.rename(old)
        staged.rename(uploads)
    except OSError:
        if old.exists() and not uploads.exists():
            old.rename(uploads)
        for child in list(uploads.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in list(staged.iterdir()):
            shutil.move(str(child), uploads / child.name)
        staged.rmdir()
        return
    shutil.rmtree(old, ignore_errors=True)
