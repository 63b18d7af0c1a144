"""Uploaded files: the type is checked by name and by content, the size by the setting, and the
bytes on disk follow the database (gone on rollback, removed once a deletion is committed)."""
from __future__ import annotations

import io
import zipfile

import pytest
from werkzeug.datastructures import FileStorage

from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings import files
from verksted.gatherings.models import Gathering, GatheringFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def upload(data: bytes, filename: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename)


@pytest.mark.parametrize(
    ("filename", "data", "content_type"),
    [
        ("Heltid – lysark.pdf", PDF, "application/pdf"),
        ("Kompetanseplan.docx", _zip(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("Foredrag.PPTX", _zip(), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("Budsjett.ods", _zip(), "application/vnd.oasis.opendocument.spreadsheet"),
        ("Gammel rapport.doc", OLE, "application/msword"),
        ("Gruppebilde.png", PNG, "image/png"),
        ("Stand i Čáhppesjávri.jpeg", JPEG, "image/jpeg"),
        ("Deltakere.csv", "Navn;Kommune\nBiret;Čáhppesjávri\n".encode(), "text/csv"),
        ("Notater.txt", "Åse skrev dette 🙂".encode(), "text/plain"),
    ],
)
def test_allowed_files_are_taken_with_their_name_as_typed(ctx, filename, data, content_type):
    name, kind, size = files.check_upload(upload(data, filename))

    assert (name, kind, size) == (filename, content_type, len(data))


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Filtypen .exe er ikke tillatt."),
        ("side.html", b"<script>", "Filtypen .html er ikke tillatt."),
        ("uten-endelse", PDF, "Filen mangler filendelse"),
        ("forkledd.pdf", b"MZ\x90\x00 not a pdf", "Innholdet i filen stemmer ikke med filendelsen .pdf."),
        ("bilde.png", JPEG, "Innholdet i filen stemmer ikke med filendelsen .png."),
        ("program.docx", PDF, "Innholdet i filen stemmer ikke med filendelsen .docx."),
        ("notat.txt", b"MZ\x00\x00\x00binary", "Innholdet i filen stemmer ikke med filendelsen .txt."),
        ("tom.pdf", b"", "Filen er tom."),
    ],
)
def test_refused_files_are_explained(ctx, filename, data, message):
    with pytest.raises(Refused) as refused:
        files.check_upload(upload(data, filename))

    assert refused.value.field == "file"
    assert message in refused.value.message


def test_a_file_over_the_limit_is_refused_with_the_limit_in_megabytes(app, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", 2 * 1024 * 1024)

    with pytest.raises(Refused) as refused:
        files.check_upload(upload(PDF + b"0" * (2 * 1024 * 1024), "stor.pdf"))

    assert refused.value.message == "Filen er for stor – største tillatte størrelse er 2 MB."


def test_a_path_in_the_name_is_dropped(ctx):
    name, _kind, _size = files.check_upload(upload(PDF, "C:\\Users\\åse\\Documents\\Plan for høsten.pdf"))

    assert name == "Plan for høsten.pdf"


def test_an_upload_is_removed_again_when_the_transaction_rolls_back(ctx, cast, make_gathering):
    gathering = db.session.get(Gathering, make_gathering(cast.network).id)

    stored = files.add_file(gathering, "Lysark", upload(PDF, "lysark.pdf"), None)
    path = files.path_of(stored)
    assert path.read_bytes() == PDF
    db.session.rollback()

    assert not path.exists()


def test_a_deleted_file_leaves_the_disk_only_when_the_deletion_is_committed(ctx, cast, make_gathering):
    gathering = db.session.get(Gathering, make_gathering(cast.network).id)
    stored = files.add_file(gathering, "Lysark", upload(PDF, "lysark.pdf"), None)
    db.session.commit()
    path = files.path_of(stored)

    files.remove_file(stored)
    db.session.rollback()
    assert path.exists()

    files.remove_file(db.session.get(GatheringFile, stored.id))
    db.session.commit()
    assert not path.exists()
