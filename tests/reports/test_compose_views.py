"""The pages where the project leader composes the report: the outline, a section's editor
with its data options, the front page and its logo."""
from __future__ import annotations

from io import BytesIO
from types import SimpleNamespace

import pytest
from PIL import Image

from tests.pages import field_error, field_value, location, section_text, text
from verksted.documents.models import Submission
from verksted.extensions import db
from verksted.networks.models import NetworkGoal, Role
from verksted.reports.models import Report, ReportSection, SectionSource

SAMI = "Čáhppesjávri: áčđŋšŧž ÁČĐŊŠŦŽ"
WRITTEN = f"Takk til teamene i Ørnes og Åsdal 🙌\n\n- {SAMI}\n- **Æ, ø og å** står seg"


# --- the cast -------------------------------------------------------------------------------


@pytest.fixture
def finished(app, make_report_network):
    """A finished network with its report started; ids only, so tests use their own clients."""
    with app.app_context():
        made = make_report_network(teams=3, gatherings=2, answers=4)
        return SimpleNamespace(
            network_id=made.network.id, report_id=made.report.id,
            leader=SimpleNamespace(id=made.leader.id), observer=SimpleNamespace(id=made.observer.id),
            sections={section.source: section.id for section in made.report.sections},
            forord=made.report.sections[0].id, teams=[(team.id, team.municipality) for team in made.teams],
            without_report=made.without_report.id, request_id=made.request.id,
            submissions={team_id: s.id for team_id, s in made.submissions.items()},
        )


@pytest.fixture
def leader(client, login, finished):
    return login(client, finished.leader)


@pytest.fixture
def new_network(make_network, make_user, make_membership, save):
    """A network without a report, with a leader and an observer."""
    network = make_network("Heltid i Sørdalen", owner_organisation="USHT Sørdalen",
                           main_goal="Flere ansatte i hele stillinger.")
    save(NetworkGoal(network_id=network.id, position=1, text="Ønsketurnus i alle kommunene"),
         NetworkGoal(network_id=network.id, position=2, text="Færre små stillinger"))
    leader, observer = make_user(name="Åse Leder"), make_user(name="Olav Observatør")
    make_membership(leader, network, Role.FACILITATOR)
    make_membership(observer, network, Role.OBSERVER)
    return SimpleNamespace(network=network, leader=leader, observer=observer)


def saved(load, section_id: int) -> ReportSection:
    return load(ReportSection, section_id)


def outline_titles(app, network_id: int) -> list[str]:
    with app.app_context():
        report = db.session.query(Report).filter_by(network_id=network_id).one()
        return [section.title for section in report.sections]


def editor(client, section_id: int):
    response = client.get(f"/rapportdeler/{section_id}")
    assert response.status_code == 200
    return response


def save_section(client, section_id: int, **data):
    """Send the editor's form as it stands, with `data` changed."""
    page = editor(client, section_id)
    form = {"title": field_value(page, "title"), "body": field_value(page, "body"),
            "revision": field_value(page, "revision"), "handling": "lagre"}
    form.update(data)
    return client.post(f"/rapportdeler/{section_id}", data=form)


# --- starting the report --------------------------------------------------------------------


def test_without_a_report_the_leader_is_told_what_it_is_and_offered_to_start_it(client, login, new_network):
    login(client, new_network.leader)

    response = client.get(f"/nettverk/{new_network.network.id}/rapport")

    assert response.status_code == 200
    assert "Rapporten er ikke startet" in text(response)
    assert "Start rapporten" in text(response)


def test_an_observer_without_a_report_is_told_the_leader_has_not_started_it(client, login, new_network):
    login(client, new_network.observer)

    response = client.get(f"/nettverk/{new_network.network.id}/rapport")

    assert "Prosjektlederen har ikke startet rapporten ennå." in text(response)
    assert "Start rapporten" not in text(response)


def test_starting_gives_the_default_outline_with_goals_and_method_drafted(app, client, login, new_network):
    login(client, new_network.leader)

    response = client.post(f"/nettverk/{new_network.network.id}/rapport/start")
    client.post(f"/nettverk/{new_network.network.id}/rapport/start")  # a second press changes nothing

    assert location(response) == f"/nettverk/{new_network.network.id}/rapport"
    titles = outline_titles(app, new_network.network.id)
    assert titles[:4] == ["Forord", "Sammendrag", "Bakgrunn", "Mål"]
    assert titles.count("Forord") == 1
    with app.app_context():
        report = db.session.query(Report).filter_by(network_id=new_network.network.id).one()
        goals = next(s for s in report.sections if s.title == "Mål").body
        method = next(s for s in report.sections if s.title == "Metode").body
        assert report.title == "Sluttrapport: Heltid i Sørdalen"
        assert report.owner == "USHT Sørdalen"
    assert "**Hovedmål:** Flere ansatte i hele stillinger." in goals
    assert "- Ønsketurnus i alle kommunene\n- Færre små stillinger" in goals
    assert "utviklingsverksted" in method
    outline = client.get(f"/nettverk/{new_network.network.id}/rapport")
    assert "Deltakernes evaluering (fra evalueringene)" in text(outline)


# --- the outline ----------------------------------------------------------------------------


def test_the_outline_lists_the_sections_in_order_with_their_kind_and_who_changed_them(leader, finished):
    response = leader.get(f"/nettverk/{finished.network_id}/rapport")

    assert response.status_code == 200
    outline = section_text(response.get_data(as_text=True), "deler")
    assert outline.index("Forord") < outline.index("Sammendrag") < outline.index("Vedlegg 3: Maler")
    assert "Resultattabell (fra sluttrapportene)" in outline
    assert "av Sigrun Prosjektleder" in outline
    assert "Flytt opp" in outline and "Flytt ned" in outline and "Fjern" in outline
    page = text(response)
    for link in ("Forhåndsvis", "Last ned PDF", "Last ned DOCX", "Endre forsiden", "Legg til delen"):
        assert link in page


def test_the_outline_lists_what_is_missing(leader, finished):
    response = leader.get(f"/nettverk/{finished.network_id}/rapport")

    missing = section_text(response.get_data(as_text=True), "mangler")
    assert "Åsdal kommune" in missing  # the team without a sluttrapport


def test_an_observer_reads_the_outline_without_changing_it(client, login, finished):
    login(client, finished.observer)

    response = client.get(f"/nettverk/{finished.network_id}/rapport")

    page = text(response)
    assert "Forord" in page and "Last ned PDF" in page and "Forhåndsvis" in page
    for action in ("Flytt opp", "Fjern", "Legg til delen", "Endre forsiden", "Start rapporten"):
        assert action not in page
    assert f'href="/rapportdeler/{finished.forord}"' not in response.get_data(as_text=True)


def test_leaders_and_observers_find_the_report_in_the_network_menu(client, login, finished):
    login(client, finished.observer)

    response = client.get(f"/nettverk/{finished.network_id}")

    assert f'href="/nettverk/{finished.network_id}/rapport"' in response.get_data(as_text=True)


# --- adding, moving, removing ---------------------------------------------------------------


def test_a_section_added_with_a_title_and_kind_comes_last_and_opens_its_editor(app, leader, finished, load):
    response = leader.post(f"/nettverk/{finished.network_id}/rapport/deler",
                           data={"title": "Takk til Čáhppesjávri 🎉", "source": "narrative"})

    titles = outline_titles(app, finished.network_id)
    assert titles[-1] == "Takk til Čáhppesjávri 🎉"
    assert location(response).startswith("/rapportdeler/")
    page = leader.get(location(response))
    assert field_value(page, "title") == "Takk til Čáhppesjávri 🎉"


def test_a_data_section_can_be_added_too(app, leader, finished):
    leader.post(f"/nettverk/{finished.network_id}/rapport/deler", data={"title": "Samlingene igjen", "source": "gatherings"})

    with app.app_context():
        section = db.session.query(ReportSection).filter_by(title="Samlingene igjen").one()
        assert section.source is SectionSource.GATHERINGS


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"title": "  ", "source": "narrative"}, "title", "Skriv en tittel for delen."),
    ({"title": "Ny del", "source": "tull"}, "source", "Velg en av typene i listen."),
    ({"title": "x" * 201, "source": "narrative"}, "title", "Teksten kan være høyst 200 tegn."),
])
def test_a_section_without_a_title_or_kind_is_refused_by_its_field(app, leader, finished, data, field, message):
    before = outline_titles(app, finished.network_id)

    response = leader.post(f"/nettverk/{finished.network_id}/rapport/deler", data=data)

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert outline_titles(app, finished.network_id) == before


def test_moving_a_section_up_and_down_changes_the_order(app, leader, finished):
    sammendrag = outline_titles(app, finished.network_id).index("Sammendrag")
    with app.app_context():
        report = db.session.get(Report, finished.report_id)
        sammendrag_id = report.sections[sammendrag].id

    response = leader.post(f"/rapportdeler/{sammendrag_id}/flytt/opp")

    assert response.headers["Location"].endswith(f"/nettverk/{finished.network_id}/rapport#del-{sammendrag_id}")
    assert outline_titles(app, finished.network_id)[:2] == ["Sammendrag", "Forord"]
    leader.post(f"/rapportdeler/{sammendrag_id}/flytt/ned")
    leader.post(f"/rapportdeler/{sammendrag_id}/flytt/ned")
    assert outline_titles(app, finished.network_id)[:3] == ["Forord", "Bakgrunn", "Sammendrag"]


def test_moving_the_first_section_up_changes_nothing_and_a_strange_direction_is_not_found(app, leader, finished):
    before = outline_titles(app, finished.network_id)

    leader.post(f"/rapportdeler/{finished.forord}/flytt/opp")
    strange = leader.post(f"/rapportdeler/{finished.forord}/flytt/sidelengs")

    assert strange.status_code == 404
    assert outline_titles(app, finished.network_id) == before


def test_removing_a_section_takes_it_out_of_the_outline(app, leader, finished, load):
    response = leader.post(f"/rapportdeler/{finished.forord}/slett")

    assert response.headers["Location"].endswith(f"/nettverk/{finished.network_id}/rapport#deler")
    assert "Forord" not in outline_titles(app, finished.network_id)
    assert load(ReportSection, finished.forord) is None
    with app.app_context():
        positions = [s.position for s in db.session.get(Report, finished.report_id).sections]
    assert positions == list(range(1, len(positions) + 1))
    assert "Delen «Forord» er fjernet fra rapporten." in text(leader.get(location(response)))


def test_removing_asks_first(leader, finished):
    response = leader.get(f"/nettverk/{finished.network_id}/rapport")

    assert 'data-confirm="Fjerne «Forord» fra rapporten? Teksten i delen blir borte."' in response.get_data(as_text=True)


def test_removing_without_the_form_s_token_changes_nothing(csrf_client, login, finished, load):
    login(csrf_client, finished.leader)

    response = csrf_client.post(f"/rapportdeler/{finished.forord}/slett")

    assert response.status_code == 400
    assert load(ReportSection, finished.forord) is not None


# --- writing a section ----------------------------------------------------------------------


def test_the_leader_renames_a_section_and_writes_its_text_with_norwegian_and_sami_letters(leader, finished, load):
    response = save_section(leader, finished.forord, title=f"Forord – {SAMI}", body=WRITTEN)

    assert location(response) == f"/rapportdeler/{finished.forord}"
    section = saved(load, finished.forord)
    assert section.title == f"Forord – {SAMI}"
    assert section.body == WRITTEN
    page = leader.get(location(response))
    assert field_value(page, "body") == WRITTEN
    assert f"«Forord – {SAMI}» er lagret." in text(page)
    assert f"Forord – {SAMI}" in text(leader.get(f"/nettverk/{finished.network_id}/rapport"))


def test_the_preview_shows_the_text_rendered_and_saves_nothing(leader, finished, load):
    before = saved(load, finished.forord)

    response = save_section(leader, finished.forord, body=WRITTEN, handling="forhandsvis")

    assert response.status_code == 200
    preview = section_text(response.get_data(as_text=True), "forhandsvisning-del")
    assert "Ikke lagret ennå." in preview and SAMI in preview
    assert "<strong>Æ, ø og å</strong>" in response.get_data(as_text=True)
    assert field_value(response, "body") == WRITTEN
    after = saved(load, finished.forord)
    assert (after.body, after.revision) == (before.body, before.revision)


def test_html_in_the_text_is_shown_as_text_in_the_preview_never_run(leader, finished):
    response = save_section(leader, finished.forord, body="<script>alert('x')</script> og <b>fet</b>",
                            handling="forhandsvis")

    assert "<script>alert" not in response.get_data(as_text=True).split('id="forhandsvisning-del"')[1]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"title": ""}, "title", "Skriv en tittel for delen."),
    ({"body": "x" * 200_001}, "body", "Teksten kan være høyst 200000 tegn."),
])
def test_an_empty_title_or_too_long_text_is_refused_by_its_field_and_the_text_kept(leader, finished, load, data,
                                                                                  field, message):
    response = save_section(leader, finished.forord, **{"body": WRITTEN, **data})

    assert response.status_code == 422
    assert field_error(response, field) == message
    assert field_value(response, "body") == data.get("body", WRITTEN)
    assert saved(load, finished.forord).body != WRITTEN


def test_a_save_on_an_older_revision_is_refused_with_both_texts_shown(app, client, login, finished, load,
                                                                      make_user, make_membership):
    login(client, finished.leader)
    page = editor(client, finished.forord)  # the leader opens the foreword …
    colleague = app.test_client()
    login(colleague, finished.leader)
    save_section(colleague, finished.forord, body="Kollegaens forord om Ŋuorra.")  # … a colleague saves first

    response = client.post(f"/rapportdeler/{finished.forord}", data={
        "title": "Forord", "body": WRITTEN, "revision": field_value(page, "revision"), "handling": "lagre"})

    assert response.status_code == 409
    assert field_value(response, "body") == WRITTEN
    assert "Kollegaens forord om Ŋuorra." in section_text(response.get_data(as_text=True), "lagret-av-andre-del")
    assert "Noen andre har lagret denne delen" in text(response)
    assert saved(load, finished.forord).body == "Kollegaens forord om Ŋuorra."

    again = client.post(f"/rapportdeler/{finished.forord}", data={
        "title": "Forord", "body": WRITTEN, "revision": field_value(response, "revision"), "handling": "lagre"})

    assert again.status_code == 302
    assert saved(load, finished.forord).body == WRITTEN


def test_a_save_without_its_revision_is_refused_and_the_text_kept(leader, finished, load):
    response = leader.post(f"/rapportdeler/{finished.forord}", data={"title": "Forord", "body": WRITTEN})

    assert response.status_code == 422
    assert field_value(response, "body") == WRITTEN


# --- the front page and its logo ------------------------------------------------------------


def image(kind: str = "PNG", size=(120, 40)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (20, 90, 160)).save(buffer, kind)
    return buffer.getvalue()


def front_form(client, network_id: int, **data):
    page = client.get(f"/nettverk/{network_id}/rapport/forside")
    assert page.status_code == 200
    form = {name: field_value(page, name) for name in ("title", "subtitle", "owner", "period", "revision")}
    form.update(data)
    return client.post(f"/nettverk/{network_id}/rapport/forside", data=form, content_type="multipart/form-data")


FRONT = {"title": "Heltid i Nordfjella – sluttrapport", "subtitle": f"Læringsnettverk med {SAMI} 🌄",
         "owner": "USHT Nordfjella og KS", "period": "2025–2026"}


def test_the_front_page_is_saved_with_norwegian_and_sami_letters(leader, finished, load):
    response = front_form(leader, finished.network_id, **FRONT)

    assert location(response) == f"/nettverk/{finished.network_id}/rapport"
    report = load(Report, finished.report_id)
    assert (report.title, report.subtitle, report.owner, report.period) == tuple(FRONT.values())
    assert FRONT["subtitle"] in text(leader.get(location(response)))


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_png_or_jpeg_logo_is_kept_and_served(client, login, leader, finished, load, kind):
    logo = image(kind)

    response = front_form(leader, finished.network_id, **FRONT, logo=(BytesIO(logo), f"logo.{kind.lower()}"))

    assert response.status_code == 302
    report = load(Report, finished.report_id)
    assert report.logo == logo and report.logo_type == f"image/{kind.lower()}"
    login(client, finished.observer)
    served = client.get(f"/nettverk/{finished.network_id}/rapport/logo")
    assert served.status_code == 200
    assert served.mimetype == f"image/{kind.lower()}"
    assert served.data == logo
    assert f'/nettverk/{finished.network_id}/rapport/logo' in client.get(
        f"/nettverk/{finished.network_id}/rapport").get_data(as_text=True)


def test_a_new_logo_replaces_the_old_and_removing_it_leaves_none(leader, finished, load):
    front_form(leader, finished.network_id, logo=(BytesIO(image("PNG")), "gammel.png"))
    new = image("JPEG", (300, 100))

    front_form(leader, finished.network_id, logo=(BytesIO(new), "ny.jpg"))
    assert load(Report, finished.report_id).logo == new

    front_form(leader, finished.network_id, remove_logo="y")
    report = load(Report, finished.report_id)
    assert report.logo is None and report.logo_type == ""
    assert leader.get(f"/nettverk/{finished.network_id}/rapport/logo").status_code == 404


@pytest.mark.parametrize(("upload", "message"), [
    ((b"%PDF-1.4 ikke et bilde", "logo.png"), "Filen er ikke et bilde. Last opp logoen som PNG eller JPEG."),
    ((b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "halv.png"), "Filen er ikke et bilde. Last opp logoen som PNG eller JPEG."),
    ((image("GIF"), "logo.gif"), "Logoen må være en PNG- eller JPEG-fil."),
    ((image("PNG") + b"\0" * (2 * 2**20), "stor.png"), "Logoen er for stor. Den kan være høyst 2 MB."),
])
def test_a_logo_that_is_not_an_image_or_too_big_is_refused_and_the_other_fields_kept(leader, finished, load,
                                                                                      upload, message):
    data, name = upload

    response = front_form(leader, finished.network_id, **FRONT, logo=(BytesIO(data), name))

    assert response.status_code == 422
    assert field_error(response, "logo") == message
    assert field_value(response, "subtitle") == FRONT["subtitle"]
    assert field_value(response, "title") == FRONT["title"]
    report = load(Report, finished.report_id)
    assert report.logo is None and report.title != FRONT["title"]


def test_a_front_page_without_a_title_is_refused(leader, finished):
    response = front_form(leader, finished.network_id, title="", subtitle="Beholdes")

    assert response.status_code == 422
    assert field_error(response, "title") == "Skriv en tittel for rapporten."
    assert field_value(response, "subtitle") == "Beholdes"


def test_a_front_page_saved_on_an_older_revision_is_refused_and_both_shown(app, client, login, finished, load):
    login(client, finished.leader)
    page = client.get(f"/nettverk/{finished.network_id}/rapport/forside")
    colleague = app.test_client()
    login(colleague, finished.leader)
    front_form(colleague, finished.network_id, title="Kollegaens tittel")

    response = client.post(f"/nettverk/{finished.network_id}/rapport/forside", data={
        **FRONT, "revision": field_value(page, "revision")})

    assert response.status_code == 409
    assert field_value(response, "title") == FRONT["title"]
    assert "Kollegaens tittel" in text(response)
    assert load(Report, finished.report_id).title == "Kollegaens tittel"


def test_a_report_without_a_logo_has_none_to_show(leader, finished):
    assert leader.get(f"/nettverk/{finished.network_id}/rapport/logo").status_code == 404


# --- the options of the data sections -------------------------------------------------------


def candidates(app, finished):
    from verksted.networks.models import Network
    from verksted.reports import services, sources

    with app.app_context():
        return [(services.quote_key(c), c.text, c.source)
                for c in sources.quote_candidates(db.session.get(Network, finished.network_id))]


def test_the_evaluation_s_questions_and_picked_quotes_are_saved(app, leader, finished, load):
    section_id = finished.sections[SectionSource.EVALUATION]
    page = editor(leader, section_id)
    assert "Hvor nyttig var samlingen?" in section_text(page.get_data(as_text=True), "sporsmal")
    assert "Hva tar du med deg hjem?" not in section_text(page.get_data(as_text=True), "sporsmal")  # no chart of words
    with app.app_context():
        from verksted.polls.models import EvaluationQuestion
        question_id = db.session.query(EvaluationQuestion).filter_by(kind="scale").one().id
    (key, quote, source), *_ = candidates(app, finished)
    assert quote in text(page)

    response = save_section(leader, section_id, questions=str(question_id), pick_quotes=key,
                            quote_text=f"Vi lærte mest av de andre kommunene, sa en fra {SAMI}.",
                            quote_source="Samling 2 – muntlig 🗣")

    assert response.status_code == 302
    options = saved(load, section_id).options
    assert options["questions"] == [question_id]
    assert options["quotes"] == [{"text": quote, "source": source},
                                 {"text": f"Vi lærte mest av de andre kommunene, sa en fra {SAMI}.",
                                  "source": "Samling 2 – muntlig 🗣"}]
    assert SAMI in section_text(leader.get(f"/rapportdeler/{section_id}").get_data(as_text=True), "sitater")


def test_a_picked_quote_is_removed_and_the_others_kept(app, leader, finished, load):
    section_id = finished.sections[SectionSource.EVALUATION]
    (first, *_), (second, *_) = candidates(app, finished)[:2]
    save_section(leader, section_id, pick_quotes=[first, second])
    assert len(saved(load, section_id).options["quotes"]) == 2

    save_section(leader, section_id, drop_quotes=first)

    quotes = saved(load, section_id).options["quotes"]
    assert [quote["text"] for quote in quotes] == [candidates(app, finished)[1][1]]


def test_a_typed_quote_needs_its_source(leader, finished, load):
    section_id = finished.sections[SectionSource.EVALUATION]

    response = save_section(leader, section_id, quote_text="Et sitat uten kilde")

    assert response.status_code == 422
    assert field_error(response, "quote_source") == "Skriv hvor sitatet kommer fra."
    assert field_value(response, "quote_text") == "Et sitat uten kilde"
    assert saved(load, section_id).options.get("quotes", []) == []


def test_a_quote_that_was_not_offered_is_refused(leader, finished):
    response = save_section(leader, finished.sections[SectionSource.EVALUATION], pick_quotes="ikke-et-sitat")

    assert response.status_code == 422
    assert field_error(response, "pick_quotes") == "Velg bare blant valgene i listen."


def test_the_results_table_shows_each_team_s_text_and_a_cell_edited_for_the_report(app, leader, finished, load):
    section_id = finished.sections[SectionSource.RESULTS]
    (oernes_id, oernes), *_ = finished.teams
    page = editor(leader, section_id)
    cells = section_text(page.get_data(as_text=True), "cellene")
    assert f"Flere hele stillinger i {oernes}." in cells
    assert "Åsdal kommune – ingen sluttrapport levert" in cells
    before = load(Submission, finished.submissions[oernes_id])

    edited = f"Heltid økte fra 40 til 55 prosent i {SAMI} ✅"
    response = save_section(leader, section_id, request_id=str(finished.request_id),
                            **{"kolonne-hovedmal": "f-hovedmal", "kolonne-tiltak": "f-tiltak",
                               "kolonne-resultater": ["f-resultater", "f-erfaringer"],
                               f"celle-{oernes_id}-resultater": edited})

    assert response.status_code == 302
    options = saved(load, section_id).options
    assert options["request_id"] == finished.request_id
    assert options["columns"] == {"hovedmal": ["f-hovedmal"], "tiltak": ["f-tiltak"],
                                  "resultater": ["f-resultater", "f-erfaringer"]}
    assert options["cells"] == {f"{oernes_id}/resultater": edited}
    after = load(Submission, finished.submissions[oernes_id])
    assert (after.answers, after.revision) == (before.answers, before.revision)
    page = editor(leader, section_id)
    assert field_value(page, f"celle-{oernes_id}-resultater") == edited
    assert "Begynn i det små" in section_text(page.get_data(as_text=True), "cellene")  # the joined field


def test_emptying_an_edited_cell_brings_back_the_team_s_own_text(leader, finished, load):
    section_id = finished.sections[SectionSource.FURTHER_WORK]
    team_id = finished.teams[0][0]
    save_section(leader, section_id, request_id=str(finished.request_id),
                 **{f"celle-{team_id}-videre": "Kortere tekst for rapporten"})
    assert saved(load, section_id).options["cells"] == {f"{team_id}/videre": "Kortere tekst for rapporten"}

    save_section(leader, section_id, request_id=str(finished.request_id), **{f"celle-{team_id}-videre": ""})

    assert saved(load, section_id).options["cells"] == {}


def test_a_field_that_is_not_in_the_template_is_refused(leader, finished):
    response = save_section(leader, finished.sections[SectionSource.RESULTS], request_id=str(finished.request_id),
                            **{"kolonne-hovedmal": "f-finnes-ikke"})

    assert response.status_code == 422
    assert field_error(response, "kolonne-hovedmal") == "Velg bare blant valgene i listen."


def test_the_appendix_lists_the_network_s_templates_to_choose_from(app, leader, finished, load):
    section_id = finished.sections[SectionSource.TEMPLATES]
    with app.app_context():
        from verksted.documents.models import DocumentTemplate
        template_id = db.session.query(DocumentTemplate).filter_by(network_id=finished.network_id).one().id
    assert "Sluttrapport" in section_text(editor(leader, section_id).get_data(as_text=True), "valg")

    save_section(leader, section_id, templates=str(template_id))

    assert saved(load, section_id).options == {"templates": [template_id]}


def test_a_data_section_without_options_keeps_its_introduction(leader, finished, load):
    section_id = finished.sections[SectionSource.GATHERINGS]

    response = save_section(leader, section_id, body=f"Samlingene ble holdt rundt i kommunene. {SAMI}")

    assert response.status_code == 302
    section = saved(load, section_id)
    assert section.body == f"Samlingene ble holdt rundt i kommunene. {SAMI}"
    assert section.options == {}


# --- cost ------------------------------------------------------------------------------------


def test_the_outline_costs_the_same_queries_for_many_more_sections(app, leader, finished, make_user, count_queries):
    def measured() -> int:
        leader.get(f"/nettverk/{finished.network_id}/rapport")  # anything done once per process is not the page's
        with count_queries() as statements:
            response = leader.get(f"/nettverk/{finished.network_id}/rapport")
        assert response.status_code == 200
        return len(statements)

    before = measured()
    writers = [make_user(name=f"Skribent {n}") for n in range(len(SectionSource) * 2)]
    with app.app_context():
        report = db.session.get(Report, finished.report_id)
        for n, writer in enumerate(writers):
            source = list(SectionSource)[n % len(SectionSource)]
            report.sections.append(ReportSection(position=100 + n, title=f"Ekstra {n}", source=source,
                                                 body="Tekst", options={}, updated_by_id=writer.id))
        db.session.commit()

    assert measured() == before
    assert "Skribent 19" in text(leader.get(f"/nettverk/{finished.network_id}/rapport"))


def test_choosing_another_sluttrapport_starts_its_columns_from_the_built_in_fields(app, leader, finished, load):
    from datetime import date

    from verksted.documents.models import DocumentRequest

    section_id = finished.sections[SectionSource.RESULTS]
    team_id = finished.teams[0][0]
    save_section(leader, section_id, request_id=str(finished.request_id), **{
        "kolonne-hovedmal": ["f-hovedmal", "f-erfaringer"], f"celle-{team_id}-hovedmal": "Kortere mål"})
    with app.app_context():
        first = db.session.get(DocumentRequest, finished.request_id)
        second = DocumentRequest(network_id=finished.network_id, template_id=first.template_id,
                                 title="Sluttrapport, andre runde", due_on=date(2026, 1, 10))
        db.session.add(second)
        db.session.commit()
        second_id = second.id

    response = save_section(leader, section_id, request_id=str(second_id))

    assert response.status_code == 302
    options = saved(load, section_id).options
    assert options["request_id"] == second_id
    assert "columns" not in options
    assert options["cells"] == {f"{team_id}/hovedmal": "Kortere mål"}
    page = editor(leader, section_id)
    assert 'value="f-erfaringer"' in page.get_data(as_text=True)
    assert "Sluttrapport, andre runde" in text(page)
