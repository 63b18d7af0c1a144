"""Presentations and handouts for a gathering: checked on the way in, kept under UPLOAD_FOLDER.

A file is written when it is uploaded and removed again if the request's transaction rolls
back; a deleted file's bytes go only once the deletion is committed.
"""
from __future__ import annotations

import secrets
import unicodedata
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from verksted.accounts.models import User
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings.models import Gathering, GatheringFile

_PDF = (b"%PDF",)
_ZIP = (b"PK\x03\x04",)  # Office Open XML and OpenDocument are zip files
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # Word, Excel and PowerPoint before 2007
_PNG = (b"\x89PNG\r\n\x1a\n",)
_JPEG = (b"\xff\xd8\xff",)
_TEXT = None  # no signature: checked for being text instead

# extension -> (content type sent on download, how the content starts)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    "pdf": ("application/pdf", _PDF),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    "odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "doc": ("application/msword", _OLE),
    "ppt": ("application/vnd.ms-powerpoint", _OLE),
    "xls": ("application/vnd.ms-excel", _OLE),
    "png": ("image/png", _PNG),
    "jpg": ("image/jpeg", _JPEG),
    "jpeg": ("image/jpeg", _JPEG),
    "txt": ("text/plain", _TEXT),
    "csv": ("text/csv", _TEXT),
}
_HEAD = 8192
_WRITTEN = "verksted_files_written"
_DOOMED = "verksted_files_doomed"


def allowed_extensions() -> str:
    return ", ".join(f".{ext}" for ext in ALLOWED_TYPES)


def max_megabytes() -> int:
    return current_app.config["UPLOAD_MAX_BYTES"] // (1024 * 1024)


def human_size(size: int) -> str:
    """1,4 MB"""
    if size < 1024 * 1024:
        return _("%(size)s kB", size=format_decimal(max(1, round(size / 1024))))
    return _("%(size)s MB", size=format_decimal(round(size / (1024 * 1024), 1)))


def path_of(file: GatheringFile) -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "gatherings" / file.stored_name


def _clean_filename(raw: str) -> str:
    """The name as the person's computer gave it, without folders or control characters."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", "".join(c for c in name if unicodedata.category(c)[0] != "C")).strip()
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = stem[: 254 - len(ext)] + dot + ext if dot else name[:255]
    return name


def _extension(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and stem else ""


def _size(upload: FileStorage) -> int:
    stream = upload.stream
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


def _looks_like(head: bytes, signatures: tuple[bytes, ...] | None) -> bool:
    if signatures is None:
        return b"\x00" not in head
    return any(head.startswith(signature) for signature in signatures)


def check_upload(upload: FileStorage | None) -> tuple[str, str, int]:
    """The clean file name, its content type and its size; or why it cannot be taken."""
    if upload is None or not upload.filename:
        raise Refused(_("Velg en fil å laste opp."), field="file")
    filename = _clean_filename(upload.filename)
    extension = _extension(filename)
    if not extension:
        raise Refused(
            _("Filen mangler filendelse, så vi kan ikke se hva slags fil det er. Tillatte filtyper: %(types)s.",
              types=allowed_extensions()),
            field="file",
        )
    if extension not in ALLOWED_TYPES:
        raise Refused(
            _("Filtypen .%(extension)s er ikke tillatt. Tillatte filtyper: %(types)s.",
              extension=extension, types=allowed_extensions()),
            field="file",
        )
    size = _size(upload)
    if size > current_app.config["UPLOAD_MAX_BYTES"]:
        raise Refused(
            _("Filen er for stor – største tillatte størrelse er %(size)d MB.", size=max_megabytes()), field="file"
        )
    if size == 0:
        raise Refused(_("Filen er tom. Velg filen på nytt."), field="file")
    content_type, signatures = ALLOWED_TYPES[extension]
    head = upload.stream.read(_HEAD)
    upload.stream.seek(0)
    if not _looks_like(head, signatures):
        raise Refused(
            _("Innholdet i filen stemmer ikke med filendelsen .%(extension)s. Lagre filen på nytt i riktig format "
              "og prøv igjen.", extension=extension),
            field="file",
        )
    return filename, content_type, size


def add_file(gathering: Gathering, title: str, upload: FileStorage | None, uploaded_by: User | None) -> GatheringFile:
    filename, content_type, size = check_upload(upload)
    file = GatheringFile(
        title=title, filename=filename, stored_name=secrets.token_hex(16), content_type=content_type, size=size,
        uploaded_by=uploaded_by,
    )
    path = path_of(file)
    path.parent.mkdir(parents=True, exist_ok=True)
    upload.save(path)
    db.session.info.setdefault(_WRITTEN, []).append(path)
    gathering.files.append(file)
    return file


def remove_file(file: GatheringFile) -> None:
    forget_after_commit([file])
    db.session.delete(file)


def forget_after_commit(files: list[GatheringFile]) -> None:
    """Remove these files' bytes once their rows are gone for good."""
    db.session.info.setdefault(_DOOMED, []).extend(path_of(file) for file in files)


@sa.event.listens_for(db.session, "after_commit")
def _settle_after_commit(session) -> None:
    session.info.pop(_WRITTEN, None)
    for path in session.info.pop(_DOOMED, []):
        path.unlink(missing_ok=True)


@sa.event.listens_for(db.session, "after_rollback")
def _undo_after_rollback(session) -> None:
    session.info.pop(_DOOMED, None)
    for path in session.info.pop(_WRITTEN, []):
        path.unlink(missing_ok=True)
