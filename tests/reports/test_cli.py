"""`flask --app verksted report NETWORK --output FILE`: the report as PDF, or DOCX by the file's
ending, from the command line; a clear Norwegian message and exit code 1 when it cannot."""
from __future__ import annotations

import docx
import pytest
from pypdf import PdfReader

from verksted.extensions import db
from verksted.networks.models import Network


@pytest.fixture
def made(ctx, make_report_network):
    return make_report_network(teams=3, gatherings=2, answers=4, name="Heltid i Čáhppesjávri")


@pytest.fixture
def report_command(runner):
    def report_command(*args):
        return runner.invoke(args=["report", *map(str, args)])

    return report_command


def test_the_report_is_written_as_pdf_from_the_network_id(made, report_command, tmp_path):
    target = tmp_path / "rapport.pdf"

    result = report_command(made.network.id, "--output", target)

    assert result.exit_code == 0, result.output
    assert f"Skrev «{made.report.title}» som PDF til {target}" in result.output
    reader = PdfReader(target)
    assert reader.metadata.title == made.report.title
    assert "Innhold" in reader.pages[1].extract_text()


def test_a_file_ending_in_docx_gets_the_word_document_and_the_network_may_be_named(made, report_command, tmp_path):
    target = tmp_path / "Sluttrapport Čáhppesjávri.DOCX"

    result = report_command("Heltid i Čáhppesjávri", "-o", target)

    assert result.exit_code == 0, result.output
    assert "som DOCX" in result.output
    headings = [p.text for p in docx.Document(target).paragraphs if p.style.name.startswith("Heading")]
    assert f"1 {made.report.sections[0].title}" in headings


def test_an_unknown_network_is_refused_with_a_message(made, report_command, tmp_path):
    target = tmp_path / "rapport.pdf"

    by_name = report_command("Heltid i Nordfjella", "--output", target)
    by_id = report_command(made.network.id + 1000, "--output", target)

    assert by_name.exit_code == 1
    assert "Fant ikke nettverket «Heltid i Nordfjella». Oppgi id-en eller hele navnet" in by_name.output
    assert by_id.exit_code == 1
    assert f"Fant ikke nettverket «{made.network.id + 1000}»" in by_id.output
    assert not target.exists()


def test_a_network_without_a_report_is_refused_with_a_message(ctx, report_command, tmp_path):
    network = Network(name="Nytt nettverk", description="")
    db.session.add(network)
    db.session.commit()

    result = report_command("Nytt nettverk", "--output", tmp_path / "rapport.pdf")

    assert result.exit_code == 1
    assert "Nettverket «Nytt nettverk» har ingen rapport ennå." in result.output


def test_two_networks_of_one_name_must_be_told_apart_by_id(made, report_command, tmp_path):
    twin = Network(name=made.network.name, description="")
    db.session.add(twin)
    db.session.commit()

    result = report_command(made.network.name, "--output", tmp_path / "rapport.pdf")

    assert result.exit_code == 1
    assert f"Flere nettverk heter «{made.network.name}». Oppgi id-en i stedet: {made.network.id}, {twin.id}." \
        in result.output


def test_a_file_that_cannot_be_written_is_reported(made, report_command, tmp_path):
    result = report_command(made.network.id, "--output", tmp_path / "finnes-ikke" / "rapport.pdf")

    assert result.exit_code == 1
    assert "Kunne ikke skrive" in result.output
