"""The project plan as PDF, read back the way a PDF reader would."""
from datetime import date
from io import BytesIO

from pypdf import PdfReader

from tests.plan.conftest import DONE, IN_PROGRESS, PARTLY
from verksted.plan.models import RiskKind

SAMI_TITLE = "Čáhppesjávri: ŋ š ŧ ž đ – æøå 🎯"


def read(response) -> PdfReader:
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    return PdfReader(BytesIO(response.data))


def words(page) -> str:
    return " ".join(page.extract_text().split())


def test_the_plan_pdf_has_the_grid_legend_risks_and_activities(member_client, network, make_milestone, make_risk,
                                                              make_activity):
    make_milestone(network, "M1", SAMI_TITLE, first=(2025, 9), last=(2025, 11), responsible="Prosjektleder",
                   history=[(date(2025, 9, 8), IN_PROGRESS, ""), (date(2025, 11, 20), DONE, "")])
    make_milestone(network, "M4", "Heltidstiltak", first=(2026, 2), last=(2026, 11), position=1,
                   history=[(date(2026, 10, 20), PARTLY, "")])
    make_risk(network, "Turnover blant lederne", likelihood=3, consequence=3, kind=RiskKind.INTERNAL,
              counter_measure="Forankre i linjen")
    make_activity(network, "Samlinger i nettverket", purpose="Faglig påfyll", sub_tasks="Program\nEvaluering")

    response = member_client.get(f"/nettverk/{network.id}/plan.pdf")

    pdf = read(response)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "prosjektplan.pdf" in response.headers["Content-Disposition"]
    everything = " ".join(words(page) for page in pdf.pages)
    assert network.name in everything
    assert "skrevet ut 22. november 2026" in everything
    for text in ("M1", SAMI_TITLE, "M4 Heltidstiltak", "Prosjektleder", "2025", "2026", "2027",
                 "sep okt nov des jan feb", "Tegnforklaring", "Ikke startet", "Pågår", "Delvis", "Fullført", "Planlagt",
                 "Stiplet kant", "Risikoer", "Turnover blant lederne", "9 – Høy risiko", "Forankre i linjen",
                 "Hovedaktiviteter", "Samlinger i nettverket", "• Program • Evaluering"):
        assert text in everything, text
    assert "✓" in everything and "D" in everything


def test_the_plan_pdf_is_a4_landscape_with_its_title_in_the_metadata(member_client, network, make_milestone):
    make_milestone(network, "M1")

    pdf = read(member_client.get(f"/nettverk/{network.id}/plan.pdf"))

    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    assert pdf.metadata.title == f"Prosjektplan – {network.name}"


def test_a_long_plan_repeats_the_month_header_on_every_page(member_client, network, make_milestone):
    for n in range(1, 41):
        make_milestone(network, f"M{n}", f"Milepæl nummer {n}", position=n)

    pdf = read(member_client.get(f"/nettverk/{network.id}/plan.pdf"))

    grid_pages = [words(page) for page in pdf.pages if "M40" in words(page) or "M1 " in words(page)]
    assert len(grid_pages) >= 2
    for page in grid_pages:
        assert "Milepæl 2025 2026 2027 sep okt nov" in page


def test_a_plan_without_milestones_says_so(member_client, network):
    pdf = read(member_client.get(f"/nettverk/{network.id}/plan.pdf"))

    assert "Ingen milepæler er lagt inn ennå." in words(pdf.pages[0])
