"""The report in the browser as it will print: who sees it, what it shows, and a network that
has no report yet."""
from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest

from verksted.extensions import db
from verksted.reports.models import Report, ReportSection, SectionSource

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def built(app, make_report_network):
    """A finished network with its report, as ids and people to sign in as."""

    def built(**counts):
        with app.test_request_context():
            made = make_report_network(**counts)
            return SimpleNamespace(
                network_id=made.network.id, report_id=made.report.id,
                leader=SimpleNamespace(id=made.leader.id), observer=SimpleNamespace(id=made.observer.id),
            )

    return built


@pytest.fixture
def change(app):
    """Change the report in the database: change(report_id, lambda report: …)."""

    def change(report_id: int, work) -> None:
        with app.app_context():
            work(db.session.get(Report, report_id))
            db.session.commit()

    return change


def preview_url(network_id: int) -> str:
    return f"/nettverk/{network_id}/rapport/forhandsvisning"


def read(client, login, person, network_id) -> str:
    """The preview's HTML as `person` sees it."""
    login(client, person)
    response = client.get(preview_url(network_id))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def visible(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def first(pattern: str, body: str) -> str:
    match = re.search(pattern, body, re.S)
    assert match, pattern
    return match.group(1) if match.groups() else match.group(0)


def table_rows(fragment: str) -> list[list[str]]:
    """Each body row's cells as text."""
    rows = re.findall(r"<tr>(.*?)</tr>", first(r"<tbody>(.*?)</tbody>", fragment), re.S)
    return [[visible(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def section_html(body: str, anchor: str) -> str:
    return first(rf'<section class="report-section" id="{anchor}".*?</section>', body)


def test_the_leader_sees_the_front_page_contents_and_numbered_sections(client, login, built):
    made = built()
    body = read(client, login, made.leader, made.network_id)

    assert visible(first(r"<h1[^>]*>(.*?)</h1>", body)) == "Sluttrapport: Heltid i Nordfjella"
    front = visible(first(r'<header class="report-front">.*?</header>', body))
    assert "USHT Nordfjella og KS" in front and "2025–2026" in front
    contents = first(r'<nav class="report-contents".*?</nav>', body)
    links = [(href, visible(label)) for href, label in re.findall(r'<a class="ds-link" href="([^"]+)">(.*?)</a>', contents)]
    assert links[0] == ("#del-1", "1 Forord")
    assert ("#del-10", "10 Resultater") in links
    assert ("#del-16-1", "Sluttrapport") in links  # the appendix's template, listed under its section
    for href, _title in links:
        assert f'id="{href[1:]}"' in body, href
    assert visible(first(r"<h2[^>]*>(.*?)</h2>", section_html(body, "del-10"))) == "10 Resultater"

    assert visible(first(r'<a[^>]*href="[^"]*/rapport\.pdf"[^>]*>(.*?)</a>', body)) == "Last ned PDF"
    assert visible(first(r'<a[^>]*href="[^"]*/rapport\.docx"[^>]*>(.*?)</a>', body)) == "Last ned DOCX"
    assert "Tilbake til redigering" in body


def test_every_kind_of_block_is_drawn(client, login, built):
    made = built(teams=3, gatherings=2, answers=5)
    body = read(client, login, made.leader, made.network_id)

    teams = section_html(body, "del-6")
    assert visible(first(r"<caption>(.*?)</caption>", teams)) == "Kommunene i nettverket"
    assert ["Havbygd kommune", "Trukket ut 16. mars 2026: Langvarig sykefravær i teamet"] in table_rows(teams)
    evaluation = section_html(body, "del-9")
    assert re.search(r'<svg class="trend-chart"[^>]*role="img"', evaluation)
    assert "Tallene i diagrammet" in evaluation
    results = section_html(body, "del-10")
    assert table_rows(results)[-1] == ["Åsdal kommune"] + ["Ingen sluttrapport levert"] * 3
    assert len(re.findall(r'class="ds-tag" data-color="warning"', results)) == 3
    assert len(re.findall(r"<td>\s*<ul class=\"report-list\">", results)) == 2  # the measures, a bullet per row
    assert len(re.findall(r"<li>", first(r"<ul class=\"report-list\">.*?</ul>", results))) == 2
    assert re.search(r'class="ds-alert report-note" data-color="warning"[^>]*><p class="ds-paragraph">'
                     r"Denne delen er ikke skrevet ennå\.</p>", section_html(body, "del-1"))
    milestones = section_html(body, "del-14")
    assert re.search(r'<td class="plan-cell" data-state="done"', milestones)
    assert "Tegnforklaring" in milestones
    appendix = section_html(body, "del-16")
    assert visible(first(r'<h3[^>]*id="del-16-1"[^>]*>(.*?)</h3>', appendix)) == "Sluttrapport"
    blank_table = first(r'<table class="ds-table report-table report-blank__table".*?</table>', appendix)
    assert [visible(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", blank_table)] == \
        ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"]
    assert len(re.findall(r'class="report-blank__lines"', appendix)) == 4


def test_picked_quotes_and_markdown_with_html_are_shown_as_text_with_every_letter(client, login, built, change):
    made = built()
    markdown = "**Takk** til Čáhppesjávri: áčđŋšŧž æøå 🎉\n\n<script>alert('x')</script> <b>ikke fet</b>"

    def write(report):
        report.sections[0].body = markdown
        evaluation = next(s for s in report.sections if s.source is SectionSource.EVALUATION)
        evaluation.options = {"quotes": [{"text": "Vi lærte mye <i>sammen</i> 🙌", "source": "Ørnes kommune"}]}

    change(made.report_id, write)
    body = read(client, login, made.leader, made.network_id)

    assert "<script>alert" not in body and "<b>ikke fet</b>" not in body and "<i>sammen</i>" not in body
    foreword = section_html(body, "del-1")
    assert "<strong>Takk</strong>" in foreword
    assert visible(foreword) == \
        "1 Forord Takk til Čáhppesjávri: áčđŋšŧž æøå 🎉 <script>alert('x')</script> <b>ikke fet</b>"
    quote = first(r'<figure class="report-quote">.*?</figure>', body)
    assert visible(first(r"<blockquote>(.*?)</blockquote>", quote)) == "«Vi lærte mye <i>sammen</i> 🙌»"
    assert visible(first(r"<figcaption[^>]*>(.*?)</figcaption>", quote)) == "– Ørnes kommune"


def test_the_logo_is_shown_when_the_report_has_one(client, login, built, change):
    made = built()
    assert "report-front__logo" not in read(client, login, made.leader, made.network_id)

    def add_logo(report):
        report.logo, report.logo_type = PNG, "image/png"

    change(made.report_id, add_logo)
    body = read(client, login, made.leader, made.network_id)
    assert first(r'<img class="report-front__logo" src="([^"]+)"', body) == f"/nettverk/{made.network_id}/rapport/logo"


def test_an_observer_reads_the_report_but_is_not_offered_to_edit_it(client, login, built):
    made = built()
    body = read(client, login, made.observer, made.network_id)
    assert visible(first(r"<h1[^>]*>(.*?)</h1>", body)) == "Sluttrapport: Heltid i Nordfjella"
    assert "/rapport.pdf" in body
    assert "Tilbake til redigering" not in body


def test_a_network_without_a_report_says_so_and_offers_the_leader_to_start_it(client, login, world):
    with client.application.app_context():
        db.session.execute(db.delete(ReportSection))
        db.session.execute(db.delete(Report))
        db.session.commit()
    network_id = world.network.id

    body = read(client, login, world.people.facilitator, network_id)
    assert visible(first(r"<h1[^>]*>(.*?)</h1>", body)) == "Rapporten er ikke startet"
    form = first(rf'<form method="post" action="/nettverk/{network_id}/rapport/start".*?</form>', body)
    assert visible(first(r"<button[^>]*>(.*?)</button>", form)) == "Start rapporten"
    assert "/rapport.pdf" not in body

    observer = client.application.test_client()
    body = read(observer, login, world.people.observer, network_id)
    assert "Prosjektlederen har ikke startet rapporten ennå." in body
    assert "/rapport/start" not in body


def test_a_team_member_may_not_read_the_report(client, login, world):
    login(client, world.people.team_member)
    assert client.get(preview_url(world.network.id)).status_code == 403


def test_the_page_costs_the_same_queries_for_three_times_the_network(client, login, built, count_queries):
    small = built(teams=2, gatherings=2, answers=3)
    large = built(teams=6, gatherings=6, answers=9, name="Stort nettverk")
    counts = []
    for made in (small, large):
        login(client, made.leader)
        client.get(preview_url(made.network_id))  # the session's first request loads the user's settings
        with count_queries() as statements:
            assert client.get(preview_url(made.network_id)).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
