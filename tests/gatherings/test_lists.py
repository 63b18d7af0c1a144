"""The host's lists: CSV for Excel and PDF with name tags, every letter intact."""
from __future__ import annotations

import csv
import io

import pypdf

from verksted.extensions import db
from verksted.gatherings import lists, services
from verksted.gatherings.models import Gathering


def _groups(gathering):
    gathering = db.session.get(Gathering, gathering.id)
    return gathering, services.participants_by_team(gathering)


def _people(cast, gathering, make_registration):
    make_registration(gathering, cast.sameby, "Biret Sárá Eira", cast.biret, job_title="Enhetsleder",
                      dietary_needs="Laktosefri")
    make_registration(gathering, cast.sameby, "Nils-Ŋuvllát Somby", cast.nils, job_title="Helsefagarbeider")
    make_registration(gathering, cast.fjordvik, "Ingrid Sæther", cast.ingrid, job_title="Enhetsleder",
                      dietary_needs="Glutenfri, nøtteallergi 🥜")
    make_registration(gathering, cast.fjordvik, "Žaneta Đurić-Šŧorm", job_title="=1+1 vikar")


def test_the_csv_opens_in_norwegian_excel_with_every_letter(ctx, cast, make_gathering, make_registration):
    stored = make_gathering(cast.network, days_ahead=10)
    _people(cast, stored, make_registration)

    data = lists.participants_csv(*_groups(stored))

    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kommune", "Navn", "Stilling eller rolle", "Kost og allergier"]
    assert rows[1:] == [
        ["Čáhppesjávri suohkan", "Biret Sárá Eira", "Enhetsleder", "Laktosefri"],
        ["Čáhppesjávri suohkan", "Nils-Ŋuvllát Somby", "Helsefagarbeider", ""],
        ["Fjordvik kommune", "Ingrid Sæther", "Enhetsleder", "Glutenfri, nøtteallergi 🥜"],
        ["Fjordvik kommune", "Žaneta Đurić-Šŧorm", "'=1+1 vikar", ""],
    ]
    assert b"\r\n" in data


def test_after_the_day_the_csv_says_who_came(ctx, cast, make_gathering, make_registration):
    stored = make_gathering(cast.network, days_ahead=-1)
    make_registration(stored, cast.fjordvik, "Ingrid Sæther", cast.ingrid, attended=True)
    make_registration(stored, cast.fjordvik, "Per Øvrebø", cast.per, attended=False)

    rows = list(csv.reader(io.StringIO(lists.participants_csv(*_groups(stored)).decode("utf-8-sig")), delimiter=";"))

    assert rows[0][-1] == "Møtte"
    assert [row[-1] for row in rows[1:]] == ["Ja", "Nei"]


def test_the_pdf_has_a_section_per_team_and_name_tags(ctx, cast, make_gathering, make_registration):
    stored = make_gathering(cast.network, number=4, title="Heltidskultur", days_ahead=10)
    _people(cast, stored, make_registration)

    reader = pypdf.PdfReader(io.BytesIO(lists.participants_pdf(*_groups(stored))))
    first = reader.pages[0].extract_text()
    tags = reader.pages[-1].extract_text()

    assert "Deltakerliste – samling 4: Heltidskultur" in first
    for text in ("Čáhppesjávri suohkan (2)", "Fjordvik kommune (2)", "Biret Sárá Eira", "Nils-Ŋuvllát Somby",
                 "Žaneta Đurić-Šŧorm", "Glutenfri, nøtteallergi 🥜", "Laktosefri"):
        assert text in first
    assert len(reader.pages) == 2
    for text in ("Biret Sárá Eira", "Ingrid Sæther", "Čáhppesjávri suohkan", "Fjordvik kommune"):
        assert text in tags
    assert reader.metadata.title == "Deltakerliste – samling 4: Heltidskultur"


def test_name_tags_fill_eight_to_a_page(ctx, cast, make_gathering, make_registration):
    stored = make_gathering(cast.network, days_ahead=10)
    for n in range(9):
        make_registration(stored, cast.fjordvik, f"Deltaker {n + 1}")

    reader = pypdf.PdfReader(io.BytesIO(lists.participants_pdf(*_groups(stored))))

    assert len(reader.pages) == 3  # the list, then 8 tags, then 1
    assert "Deltaker 9" in reader.pages[2].extract_text()
    assert "Deltaker 8" not in reader.pages[2].extract_text()
