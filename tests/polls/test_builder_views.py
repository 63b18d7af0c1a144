"""Building a poll as the project leader does it: from the list, a new poll for a gathering or a
workshop, its questions of every kind, and what is refused with a message (never a 500)."""
from __future__ import annotations

import re
from datetime import time

import pytest
import sqlalchemy as sa

from tests.pages import field_error, field_value, location, text
from verksted.extensions import db
from verksted.gatherings.models import ItemKind
from verksted.polls.models import Poll, PollPace, PollQuestion, PollState, QuestionKind


def _questions(app, poll_id) -> list[PollQuestion]:
    with app.app_context():
        return db.session.scalars(
            sa.select(PollQuestion).where(PollQuestion.poll_id == poll_id).order_by(PollQuestion.position)
        ).all()


def _poll(app, poll_id) -> Poll | None:
    with app.app_context():
        return db.session.get(Poll, poll_id)


@pytest.fixture
def gathering(cast, make_gathering, make_item):
    gathering = make_gathering(cast.network, number=3, title="Unge inn i helse og omsorg", days_ahead=10)
    make_item(gathering, time(9, 30), "Velkommen til Storåsen", kind=ItemKind.OTHER)
    make_item(gathering, time(10), "Lærlinger som rekrutteringsvei", speaker="Ellinor Aas")
    make_item(gathering, time(13), "Kafébord på tvers", kind=ItemKind.GROUP_ACROSS)
    return gathering


SCALE = (QuestionKind.SCALE, "Hvor nyttig var dagen?", {"max": 5})


# --- the list of polls --------------------------------------------------------------------


def test_the_list_shows_each_poll_with_its_gathering_state_questions_and_answers(cast, make_gathering, make_poll,
                                                                                make_answers):
    first = make_gathering(cast.network, number=1, title="Oppstartssamling", days_ahead=-200)
    second = make_gathering(cast.network, number=2, title="Heltid som hovedregel", days_ahead=-30)
    old = make_poll(cast.network, first, [SCALE, (QuestionKind.TEXT, "Hva tar du med deg?", None)],
                    state=PollState.CLOSED, title="Evaluering – Oppstartssamling")
    make_answers(old.questions[0], [{"score": 4}] * 7)
    make_answers(old.questions[1], [{"text": "Mye"}] * 3)
    make_poll(cast.network, second, [SCALE], state=PollState.LIVE, title="Evaluering – Heltid som hovedregel")
    make_poll(cast.network, None, [SCALE], title="Kompetansebehov – workshop")

    page = text(cast.client_for(cast.leader).get(f"/nettverk/{cast.network.id}/avstemninger"))

    assert page.index("Evaluering – Heltid som hovedregel") < page.index("Evaluering – Oppstartssamling")
    assert "Evaluering – Oppstartssamling Samling 1: Oppstartssamling" in page
    assert "Avsluttet 2 7" in page  # two questions; seven took part
    assert "Pågår 1 0" in page
    assert "Kompetansebehov – workshop Frittstående workshop Utkast 1 0" in page
    assert "Ny avstemning" in page


def test_observers_see_the_list_with_results_only_and_teams_do_not_see_it(cast, make_poll):
    poll = make_poll(cast.network, None, [SCALE], state=PollState.CLOSED, title="Workshop")
    draft = make_poll(cast.network, None, [SCALE], title="Neste workshop")

    observer = cast.client_for(cast.observer).get(f"/nettverk/{cast.network.id}/avstemninger")
    body = observer.get_data(as_text=True)
    team = cast.client_for(cast.ingrid).get(f"/nettverk/{cast.network.id}/avstemninger")

    assert observer.status_code == 200
    assert f"/avstemninger/{poll.id}/resultater" in body
    assert f'href="/avstemninger/{poll.id}"' not in body
    assert f'href="/avstemninger/{draft.id}"' not in body
    assert "Ny avstemning" not in body
    assert team.status_code == 403


def test_the_list_costs_the_same_queries_for_two_polls_as_for_twelve(cast, make_gathering, make_poll, make_answers,
                                                                     login, app, count_queries):
    client = cast.client_for(cast.leader)

    def add_polls(first, last):
        for number in range(first, last + 1):
            gathering = make_gathering(cast.network, number=number, days_ahead=-number * 20)
            poll = make_poll(cast.network, gathering, [SCALE, SCALE], state=PollState.CLOSED)
            make_answers(poll.questions[0], [{"score": 3}, {"score": 5}])

    add_polls(1, 2)
    client.get(f"/nettverk/{cast.network.id}/avstemninger")
    with count_queries() as few:
        client.get(f"/nettverk/{cast.network.id}/avstemninger")
    add_polls(3, 12)
    with count_queries() as many:
        page = client.get(f"/nettverk/{cast.network.id}/avstemninger")

    assert page.get_data(as_text=True).count("Avsluttet") == 12
    assert len(many) == len(few)


def test_the_network_menu_links_to_polls_for_leaders_and_observers_only(cast):
    link = f'href="/nettverk/{cast.network.id}/avstemninger"'

    for person, sees in ((cast.leader, True), (cast.observer, True), (cast.ingrid, False)):
        page = cast.client_for(person).get(f"/nettverk/{cast.network.id}").get_data(as_text=True)
        assert (link in page) is sees, person.name


# --- a new poll ---------------------------------------------------------------------------


def test_a_gathering_evaluation_starts_from_the_template_with_the_title_filled_in(cast, gathering, app,
                                                                                  make_evaluation_question):
    make_evaluation_question(cast.network, QuestionKind.SCALE, ("Hvor nyttig var samlingen?",), position=1)
    make_evaluation_question(cast.network, QuestionKind.PROGRAMME, ("Vurder hvert punkt i programmet",), position=2)
    client = cast.client_for(cast.leader)

    form = client.get(f"/nettverk/{cast.network.id}/avstemninger/ny?samling={gathering.id}")
    created = client.post(f"/nettverk/{cast.network.id}/avstemninger/ny", data={
        "title": field_value(form, "title"), "gathering_id": str(gathering.id), "from_template": "y"})
    page = client.get(location(created))

    assert field_value(form, "title") == "Evaluering – Unge inn i helse og omsorg"
    assert re.search(r'<input [^>]*checked[^>]*id="from_template"', form.get_data(as_text=True))
    assert created.status_code == 302
    body = text(page)
    assert "Hvor nyttig var samlingen?" in body
    assert body.count("Fra evalueringsmalen, versjon 1") == 2
    assert "Lærlinger som rekrutteringsvei (Ellinor Aas) Kafébord på tvers" in body
    assert "Velkommen til Storåsen" not in body.split("Vurder hvert punkt")[1]
    poll = _poll(app, int(location(created).rsplit("/", 1)[1]))
    assert f"{poll.code[:3]} {poll.code[3:]}" in body
    assert poll.state is PollState.DRAFT and poll.gathering_id == gathering.id


def test_a_standalone_workshop_starts_empty_when_the_template_is_not_wanted(cast, app, make_evaluation_question):
    make_evaluation_question(cast.network)
    client = cast.client_for(cast.leader)

    created = client.post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                          data={"title": "Kompetansebehov – workshop", "gathering_id": "0"})

    poll_id = int(location(created).rsplit("/", 1)[1])
    assert _questions(app, poll_id) == []
    assert _poll(app, poll_id).gathering_id is None
    assert "Avstemningen har ingen spørsmål ennå." in text(client.get(location(created)))


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"title": ""}, "title", "Dette feltet må fylles ut."),
    ({"title": "x" * 201}, "title", "Teksten kan være høyst 200 tegn."),
    ({"title": "Evaluering", "gathering_id": "999999"}, "gathering_id", "Velg en av samlingene i listen."),
])
def test_a_new_poll_with_bad_input_is_shown_again_with_the_message(cast, app, data, field, message):
    response = cast.client_for(cast.leader).post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                                                 data={"gathering_id": "0", **data})

    assert response.status_code == 422
    assert field_error(response, field) == message
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Poll.id))) == 0


def test_a_gathering_of_another_network_cannot_be_chosen(cast, make_gathering, app):
    elsewhere = make_gathering(cast.other_network, title="Sørdalen-samlingen")

    response = cast.client_for(cast.leader).post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                                                 data={"title": "Evaluering", "gathering_id": str(elsewhere.id)})

    assert response.status_code == 422
    assert "Sørdalen-samlingen" not in text(response)
    assert field_error(response, "gathering_id") == "Velg en av samlingene i listen."


# --- questions of every kind --------------------------------------------------------------

KINDS = [
    ("scale", {"prompt": "Hvor nyttig var dagen?", "max": "10", "low_label": "Lite", "high_label": "Svært",
               "dont_know": "y"}, "Skala 1–10, «Lite» – «Svært», med «Vet ikke»"),
    ("single", {"prompt": "Hvilken samling var best?", "options": "Første\nAndre\n\n"}, "2 alternativer: Første · Andre"),
    ("multiple", {"prompt": "Hva var nyttigst?", "options": "Foredrag\nGruppearbeid\nStands", "max_choices": "2"},
     "3 alternativer: Foredrag · Gruppearbeid · Stands (høyst 2 valg)"),
    ("words", {"prompt": "Tre ord om dagen", "max_words": "3"}, "Høyst 3 ord per deltaker"),
    ("text", {"prompt": "Hva bør vi gjøre annerledes?"}, "Fritt svar"),
    ("ranking", {"prompt": "Hvilke behov er viktigst?", "options": "Heltid\nRekruttering\nLedelse"},
     "3 alternativer: Heltid · Rekruttering · Ledelse"),
    ("programme", {"prompt": "Vurder hvert punkt", "max": "5", "low_label": "", "high_label": ""},
     "Skala 1–5 Lærlinger som rekrutteringsvei (Ellinor Aas) Kafébord på tvers"),
]


@pytest.mark.parametrize(("kind", "data", "summary"), KINDS, ids=[k[0] for k in KINDS])
def test_the_leader_adds_a_question_of_each_kind_with_a_form_that_fits_it(cast, gathering, make_poll, app, kind,
                                                                          data, summary):
    poll = make_poll(cast.network, gathering, [])
    client = cast.client_for(cast.leader)

    form = client.get(f"/avstemninger/{poll.id}/sporsmal/ny?type={kind}")
    added = client.post(f"/avstemninger/{poll.id}/sporsmal/ny?type={kind}", data=data)
    page = text(client.get(f"/avstemninger/{poll.id}"))

    assert form.status_code == 200
    assert added.status_code == 302, text(added)
    assert data["prompt"] in page
    assert summary in page
    (question,) = _questions(app, poll.id)
    assert question.kind is QuestionKind(kind)


def test_each_kind_shows_only_the_settings_it_has(cast, make_poll):
    poll = make_poll(cast.network, None, [])
    client = cast.client_for(cast.leader)

    words = client.get(f"/avstemninger/{poll.id}/sporsmal/ny?type=words").get_data(as_text=True)
    scale = client.get(f"/avstemninger/{poll.id}/sporsmal/ny?type=scale").get_data(as_text=True)

    assert 'name="max_words"' in words and 'name="options"' not in words and 'name="max"' not in words
    assert 'name="low_label"' in scale and 'name="dont_know"' in scale and 'name="max_words"' not in scale


@pytest.mark.parametrize(("kind", "data", "field", "message"), [
    ("scale", {"prompt": ""}, "prompt", "Skriv spørsmålet."),
    ("scale", {"prompt": "   "}, "prompt", "Skriv spørsmålet."),
    ("text", {"prompt": "Hva? " * 101}, "prompt", "Teksten kan være høyst 500 tegn."),
    ("single", {"prompt": "Velg", "options": "Bare ett"}, "options", "Spørsmålet trenger minst to svaralternativer."),
    ("ranking", {"prompt": "Ranger", "options": "Heltid\nheltid"}, "options", "To svaralternativer er like."),
    ("multiple", {"prompt": "Velg", "options": "A\nB\nC", "max_choices": "4"}, "max_choices",
     "Flest valg må være mellom 1 og 3."),
    ("multiple", {"prompt": "Velg", "options": "A\nB\nC", "max_choices": "0"}, "max_choices",
     "Flest valg må være mellom 1 og 3."),
    ("multiple", {"prompt": "Velg", "options": "A\nB", "max_choices": "to"}, "max_choices",
     "Skriv et helt tall, for eksempel 2."),
    ("scale", {"prompt": "Hvor nyttig?", "max": "7"}, "max", "Velg ett av alternativene."),
    ("words", {"prompt": "Ord", "max_words": "9"}, "max_words", "Velg ett av alternativene."),
])
def test_a_question_that_cannot_work_is_refused_with_a_message_and_the_input_kept(cast, make_poll, app, kind, data,
                                                                                   field, message):
    poll = make_poll(cast.network, None, [])

    response = cast.client_for(cast.leader).post(f"/avstemninger/{poll.id}/sporsmal/ny?type={kind}", data=data)

    assert response.status_code == 422
    assert field_error(response, field) == message
    if data.get("options"):
        assert field_value(response, "options").strip() == data["options"].strip()
    assert _questions(app, poll.id) == []


def test_a_programme_question_needs_a_gathering_with_a_programme(cast, make_gathering, make_poll, app):
    standalone = make_poll(cast.network, None, [])
    bare = make_poll(cast.network, make_gathering(cast.network), [])
    client = cast.client_for(cast.leader)

    alone = client.post(f"/avstemninger/{standalone.id}/sporsmal/ny?type=programme", data={"prompt": "Vurder", "max": "5"})
    empty = client.post(f"/avstemninger/{bare.id}/sporsmal/ny?type=programme", data={"prompt": "Vurder", "max": "5"})

    assert alone.status_code == empty.status_code == 422
    assert "Bare i en avstemning som hører til en samling, kan deltakerne vurdere punktene i programmet." in text(alone)
    assert "Samlingen har ikke noe program å vurdere ennå." in text(empty)
    assert _questions(app, standalone.id) == _questions(app, bare.id) == []


def test_script_in_a_prompt_or_option_is_shown_as_text(cast, make_poll):
    poll = make_poll(cast.network, None, [])
    client = cast.client_for(cast.leader)

    client.post(f"/avstemninger/{poll.id}/sporsmal/ny?type=single",
                data={"prompt": "<script>alert('hei')</script> Bures boahtin – ŋ š ž 😀", "options": "<b>Ja</b>\nNei"})
    page = client.get(f"/avstemninger/{poll.id}").get_data(as_text=True)

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;hei&#39;)&lt;/script&gt; Bures boahtin – ŋ š ž 😀" in page
    assert "&lt;b&gt;Ja&lt;/b&gt;" in page


def test_the_leader_edits_a_question_and_moves_it(cast, make_poll, app):
    poll = make_poll(cast.network, None, [SCALE, (QuestionKind.TEXT, "Hva bør vi endre?", None)])
    first, second = poll.questions
    client = cast.client_for(cast.leader)

    form = client.get(f"/avstemninger/{poll.id}/sporsmal/{first.id}/rediger")
    client.post(f"/avstemninger/{poll.id}/sporsmal/{first.id}/rediger",
                data={"prompt": "Hvor nyttig var samlingen for teamet?", "max": "10", "low_label": "", "high_label": ""})
    client.post(f"/avstemninger/{poll.id}/sporsmal/{second.id}/flytt/opp")

    assert field_value(form, "prompt") == "Hvor nyttig var dagen?"
    questions = _questions(app, poll.id)
    assert [q.prompt for q in questions] == ["Hva bør vi endre?", "Hvor nyttig var samlingen for teamet?"]
    assert questions[1].settings["max"] == 10


def test_a_question_with_answers_cannot_be_edited_or_removed_and_says_why(cast, make_poll, make_answers, app):
    poll = make_poll(cast.network, None, [SCALE], state=PollState.LIVE)
    question = poll.questions[0]
    make_answers(question, [{"score": 4}])
    client = cast.client_for(cast.leader)

    opened = client.get(f"/avstemninger/{poll.id}/sporsmal/{question.id}/rediger", follow_redirects=True)
    edited = client.post(f"/avstemninger/{poll.id}/sporsmal/{question.id}/rediger",
                         data={"prompt": "Ny ordlyd", "max": "5"})
    removed = client.post(f"/avstemninger/{poll.id}/sporsmal/{question.id}/slett", follow_redirects=True)

    assert "Spørsmålet har fått svar og kan ikke endres lenger." in text(opened)
    assert edited.status_code == 422
    assert "Spørsmålet har fått svar og kan ikke endres lenger." in text(edited)
    assert field_value(edited, "prompt") == "Ny ordlyd"
    assert "Spørsmålet har fått svar og kan ikke fjernes." in text(removed)
    assert [q.prompt for q in _questions(app, poll.id)] == ["Hvor nyttig var dagen?"]


def test_a_question_without_answers_is_removed(cast, make_poll, app):
    poll = make_poll(cast.network, None, [SCALE, (QuestionKind.TEXT, "Hva bør vi endre?", None)])

    response = cast.client_for(cast.leader).post(f"/avstemninger/{poll.id}/sporsmal/{poll.questions[0].id}/slett",
                                                 follow_redirects=True)

    assert "Spørsmålet er fjernet." in text(response)
    assert [(q.prompt, q.position) for q in _questions(app, poll.id)] == [("Hva bør vi endre?", 0)]


def test_programme_items_are_fetched_again_after_the_programme_changed(cast, gathering, make_poll, make_item, app):
    client = cast.client_for(cast.leader)
    poll = make_poll(cast.network, gathering, [])
    client.post(f"/avstemninger/{poll.id}/sporsmal/ny?type=programme", data={"prompt": "Vurder hvert punkt", "max": "5"})
    make_item(gathering, time(14), "Tre lærlinger forteller", speaker="Sunná Márjá Eira")
    (question,) = _questions(app, poll.id)

    response = client.post(f"/avstemninger/{poll.id}/sporsmal/{question.id}/program", follow_redirects=True)

    assert "Programpunktene er hentet på nytt fra programmet." in text(response)
    (question,) = _questions(app, poll.id)
    assert [item["title"] for item in question.settings["items"]] == [
        "Lærlinger som rekrutteringsvei (Ellinor Aas)", "Kafébord på tvers", "Tre lærlinger forteller (Sunná Márjá Eira)"]


def test_the_leader_renames_the_poll_and_chooses_all_questions_at_once(cast, make_poll, app):
    poll = make_poll(cast.network, None, [SCALE])
    client = cast.client_for(cast.leader)

    saved = client.post(f"/avstemninger/{poll.id}/innstillinger", data={"title": "Workshop i Čáhppesjávri",
                                                                         "pace": "all"})
    refused = client.post(f"/avstemninger/{poll.id}/innstillinger", data={"title": "", "pace": "all"})

    assert saved.status_code == 302
    assert refused.status_code == 422
    assert field_error(refused, "title") == "Dette feltet må fylles ut."
    stored = _poll(app, poll.id)
    assert (stored.title, stored.pace) == ("Workshop i Čáhppesjávri", PollPace.ALL)


def test_a_closed_poll_is_read_only(cast, make_poll, app):
    poll = make_poll(cast.network, None, [SCALE], state=PollState.CLOSED)
    question = poll.questions[0]
    client = cast.client_for(cast.leader)

    page = client.get(f"/avstemninger/{poll.id}")
    added = client.post(f"/avstemninger/{poll.id}/sporsmal/ny?type=text", data={"prompt": "Noe mer?"},
                        follow_redirects=True)
    moved = client.post(f"/avstemninger/{poll.id}/sporsmal/{question.id}/flytt/ned", follow_redirects=True)
    renamed = client.post(f"/avstemninger/{poll.id}/innstillinger", data={"title": "Nytt navn", "pace": "one"})

    body = page.get_data(as_text=True)
    assert "Avstemningen er avsluttet." in text(page)
    assert "/rediger" not in body and "Legg til et spørsmål" not in body and "/slett" not in body
    assert "Avstemningen er avsluttet og kan ikke endres." in text(added)
    assert "Avstemningen er avsluttet og kan ikke endres." in text(moved)
    assert renamed.status_code == 422
    assert [q.prompt for q in _questions(app, poll.id)] == ["Hvor nyttig var dagen?"]
    assert _poll(app, poll.id).title == "Evaluering"


def test_a_draft_poll_can_be_deleted_but_not_one_that_has_run(cast, make_poll, app):
    draft = make_poll(cast.network, None, [SCALE], title="Utkast som ikke trengs")
    live = make_poll(cast.network, None, [SCALE], state=PollState.LIVE)
    client = cast.client_for(cast.leader)

    deleted = client.post(f"/avstemninger/{draft.id}/slett", follow_redirects=True)
    kept = client.post(f"/avstemninger/{live.id}/slett", follow_redirects=True)

    assert "Avstemningen «Utkast som ikke trengs» er slettet." in text(deleted)
    assert "Bare en avstemning som ikke er startet, kan slettes." in text(kept)
    assert _poll(app, draft.id) is None and _poll(app, live.id) is not None


def test_ids_from_another_poll_or_network_are_not_found(cast, make_poll):
    mine = make_poll(cast.network, None, [SCALE])
    theirs = make_poll(cast.other_network, None, [SCALE])
    client = cast.client_for(cast.leader)

    assert client.get(f"/avstemninger/{theirs.id}").status_code == 404
    assert client.get(f"/avstemninger/{mine.id}/sporsmal/{theirs.questions[0].id}/rediger").status_code == 404
    assert client.post(f"/avstemninger/{mine.id}/sporsmal/{theirs.questions[0].id}/slett").status_code == 404
    assert client.post(f"/avstemninger/{mine.id}/sporsmal/{mine.questions[0].id}/flytt/sidelengs").status_code == 404
    assert client.get(f"/avstemninger/{mine.id}/sporsmal/ny?type=quiz").status_code == 404
    assert client.get(f"/avstemninger/{mine.id}/sporsmal/ny").status_code == 404


# --- the gathering page -------------------------------------------------------------------


def test_the_gathering_page_offers_the_evaluation_and_then_links_to_it(cast, gathering, make_poll):
    leader = cast.client_for(cast.leader)

    before = leader.get(f"/samlinger/{gathering.id}").get_data(as_text=True)
    poll = make_poll(cast.network, gathering, [SCALE], state=PollState.CLOSED, title="Evaluering – samling 3")
    after = leader.get(f"/samlinger/{gathering.id}").get_data(as_text=True)
    observer = cast.client_for(cast.observer).get(f"/samlinger/{gathering.id}").get_data(as_text=True)
    team = cast.client_for(cast.ingrid).get(f"/samlinger/{gathering.id}").get_data(as_text=True)

    assert f"/nettverk/{cast.network.id}/avstemninger/ny?samling={gathering.id}" in before
    assert f'href="/avstemninger/{poll.id}"' in after and f"/avstemninger/{poll.id}/resultater" in after
    assert f"/avstemninger/{poll.id}/resultater" in observer and f'href="/avstemninger/{poll.id}"' not in observer
    assert "Evaluering – samling 3" not in team


def test_the_pages_send_their_forms_with_the_csrf_token(cast, csrf_client, login, make_poll, app):
    poll = make_poll(cast.network, None, [SCALE, (QuestionKind.TEXT, "Hva bør vi endre?", None)])
    login(csrf_client, cast.leader)

    page = csrf_client.get(f"/avstemninger/{poll.id}")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    form = csrf_client.get(f"/avstemninger/{poll.id}/sporsmal/ny?type=words")
    added = csrf_client.post(f"/avstemninger/{poll.id}/sporsmal/ny?type=words",
                             data={"csrf_token": token, "prompt": "Tre ord", "max_words": "2"})
    moved = csrf_client.post(f"/avstemninger/{poll.id}/sporsmal/{poll.questions[1].id}/flytt/opp",
                             data={"csrf_token": token})
    forged = csrf_client.post(f"/avstemninger/{poll.id}/sporsmal/{poll.questions[0].id}/slett")

    assert 'name="csrf_token"' in form.get_data(as_text=True)
    assert added.status_code == moved.status_code == 302
    assert forged.status_code == 400
    assert [q.prompt for q in _questions(app, poll.id)] == ["Hva bør vi endre?", "Hvor nyttig var dagen?", "Tre ord"]


def test_only_a_programme_question_without_answers_can_fetch_the_programme_again(ctx, cast, gathering, make_poll,
                                                                                 make_answers):
    from verksted.errors import Refused
    from verksted.polls import services

    poll = db.session.merge(make_poll(cast.network, gathering, [SCALE]))
    programme = services.add_question(poll, QuestionKind.PROGRAMME, "Vurder hvert punkt", {"max": 5})
    db.session.commit()
    make_answers(programme, [{"scores": {programme.settings["items"][0]["id"]: 4}}])

    with pytest.raises(Refused, match="Bare spørsmål om programmet"):
        services.refresh_programme(poll.questions[0])
    with pytest.raises(Refused, match="har fått svar"):
        services.refresh_programme(programme)
