"""The network's evaluation template: defined once, each gathering's poll starts from it, and a
changed wording becomes a new version of the same question so gatherings stay comparable."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.pages import field_error, field_value, location, text
from verksted.errors import Refused
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.polls import services
from verksted.polls.models import EvaluationQuestion, Poll, PollQuestion, QuestionKind


def _template(app, network_id) -> list[EvaluationQuestion]:
    with app.app_context():
        questions = db.session.scalars(
            sa.select(EvaluationQuestion).where(EvaluationQuestion.network_id == network_id)
            .order_by(EvaluationQuestion.position, EvaluationQuestion.id)
        ).all()
        for question in questions:
            question.versions  # noqa: B018 - loaded before the session closes
        return questions


def _url(network, *rest) -> str:
    return "/".join([f"/nettverk/{network.id}/evaluering/sporsmal", *map(str, rest)]).rstrip("/")


def test_an_empty_template_offers_a_starter_template_in_one_click(cast, app):
    client = cast.client_for(cast.leader)

    empty = text(client.get(_url(cast.network)))
    made = client.post(_url(cast.network, "startmal"), follow_redirects=True)
    again = client.post(_url(cast.network, "startmal"), follow_redirects=True)

    assert "Bruk forslaget til evalueringsmal" in empty
    assert "Evalueringen på hver samling starter med disse spørsmålene, og når et spørsmål beholdes, kan svarene " \
           "sammenlignes fra samling til samling." in empty
    prompts = [q.current.prompt for q in _template(app, cast.network.id)]
    assert prompts[0] == "Hvor nyttig var samlingen for arbeidet i teamet ditt?"
    assert {"Hvor nyttig var gruppearbeidet i eget team?", "Hvor nyttig var gruppearbeidet på tvers av kommunene?",
            "Vurder hvert punkt i programmet", "Hva tar du med deg hjem?", "Hva bør vi gjøre annerledes neste gang?",
            "Hvilke kompetansebehov er viktigst for dere nå?"} <= set(prompts)
    assert "Evalueringsmalen har fått 8 spørsmål." in text(made)
    assert "Bruk forslaget til evalueringsmal" not in text(made)
    assert "Nettverket har allerede en evalueringsmal." in text(again)
    assert len(_template(app, cast.network.id)) == 8


def test_the_starter_template_covers_the_kinds_an_evaluation_needs(ctx, cast):
    network = db.session.merge(cast.network)

    questions = services.starter_template(network)

    kinds = [q.kind for q in questions]
    assert kinds.count(QuestionKind.SCALE) == 4
    assert {QuestionKind.PROGRAMME, QuestionKind.WORDS, QuestionKind.TEXT, QuestionKind.RANKING} <= set(kinds)
    assert [q.position for q in questions] == sorted(q.position for q in questions)
    assert len({q.position for q in questions}) == len(questions)
    ranking = next(q for q in questions if q.kind is QuestionKind.RANKING)
    assert len(ranking.current.settings["options"]) >= 4


def test_a_changed_wording_becomes_version_two_with_its_history_shown(cast, app, make_evaluation_question):
    question = make_evaluation_question(cast.network, QuestionKind.SCALE, ("Hvor nyttig var gruppearbeidet på tvers?",),
                                        settings={"max": 5, "low_label": "Lite nyttig", "high_label": "Svært nyttig"})
    client = cast.client_for(cast.leader)

    form = client.get(_url(cast.network, question.id, "rediger"))
    saved = client.post(_url(cast.network, question.id, "rediger"), data={
        "prompt": "Hvor nyttig var gruppearbeidet med de andre kommunene?", "max": "5",
        "low_label": "Lite nyttig", "high_label": "Svært nyttig"}, follow_redirects=True)

    assert field_value(form, "prompt") == "Hvor nyttig var gruppearbeidet på tvers?"
    body = text(saved)
    assert "Lagret som versjon 2 av spørsmålet." in body
    with app.app_context():
        today = long_date(db.session.get(EvaluationQuestion, question.id).current.created_at)
    assert f"Versjon 2, endret {today}" in body
    assert "Tidligere ordlyd" in body
    assert f"Versjon 1 ({today}): «Hvor nyttig var gruppearbeidet på tvers?»" in body
    (stored,) = _template(app, cast.network.id)
    assert [v.number for v in stored.versions] == [1, 2]


def test_saving_without_a_change_makes_no_new_version(cast, app, make_evaluation_question):
    question = make_evaluation_question(cast.network, QuestionKind.WORDS, ("Hva tar du med deg hjem?",),
                                        settings={"max_words": 3})

    saved = cast.client_for(cast.leader).post(_url(cast.network, question.id, "rediger"), data={
        "prompt": "  Hva tar du   med deg hjem? ", "max_words": "3"}, follow_redirects=True)

    assert "Ingen endringer å lagre." in text(saved)
    assert len(_template(app, cast.network.id)[0].versions) == 1


def test_changed_options_are_a_new_version_too(cast, app, make_evaluation_question):
    question = make_evaluation_question(cast.network, QuestionKind.RANKING, ("Hvilke behov er viktigst?",),
                                        settings={"options": ["Heltid", "Rekruttering"]})

    cast.client_for(cast.leader).post(_url(cast.network, question.id, "rediger"), data={
        "prompt": "Hvilke behov er viktigst?", "options": "Heltid\nRekruttering\nLedelse"})

    (stored,) = _template(app, cast.network.id)
    assert [v.settings["options"] for v in stored.versions] == [["Heltid", "Rekruttering"],
                                                                ["Heltid", "Rekruttering", "Ledelse"]]


def test_a_gathering_poll_uses_the_current_version_and_older_polls_keep_theirs(cast, app, make_evaluation_question,
                                                                              make_gathering):
    question = make_evaluation_question(cast.network, QuestionKind.SCALE, ("Hvor nyttig var dagen?",))
    client = cast.client_for(cast.leader)
    first = make_gathering(cast.network, number=1, days_ahead=-60)
    second = make_gathering(cast.network, number=2, days_ahead=10)

    before = client.post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                         data={"title": "Evaluering 1", "gathering_id": str(first.id), "from_template": "y"})
    client.post(_url(cast.network, question.id, "rediger"), data={"prompt": "Hvor nyttig var samlingen?", "max": "5"})
    after = client.post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                        data={"title": "Evaluering 2", "gathering_id": str(second.id), "from_template": "y"})

    old_page, new_page = text(client.get(location(before))), text(client.get(location(after)))
    assert "Hvor nyttig var dagen? " in old_page and "versjon 1" in old_page
    assert "Hvor nyttig var samlingen?" in new_page and "Fra evalueringsmalen, versjon 2" in new_page
    with app.app_context():
        links = db.session.execute(sa.select(PollQuestion.evaluation_question_id)).scalars().all()
    assert links == [question.id, question.id]


def test_a_question_taken_out_of_the_template_is_not_asked_again_but_its_results_stay(cast, app, make_poll,
                                                                                       make_evaluation_question):
    kept = make_evaluation_question(cast.network, QuestionKind.SCALE, ("Hvor nyttig var dagen?",), position=1)
    retired = make_evaluation_question(cast.network, QuestionKind.TEXT, ("Hva var lunsjen?",), settings={},
                                       position=2)
    earlier = make_poll(cast.network, None, [(QuestionKind.TEXT, "Hva var lunsjen?", {})],
                        evaluation_questions=[retired])
    client = cast.client_for(cast.leader)

    response = client.post(_url(cast.network, retired.id, "ta-ut"), follow_redirects=True)
    created = client.post(f"/nettverk/{cast.network.id}/avstemninger/ny",
                          data={"title": "Neste", "gathering_id": "0", "from_template": "y"})

    body = text(response)
    assert "«Hva var lunsjen?» er tatt ut av evalueringsmalen. Svarene fra tidligere samlinger er tatt vare på." in body
    assert "Tatt ut av malen «Hva var lunsjen?»" in body.replace("Disse spørsmålene stilles ikke lenger, men svarene "
                                                                 "fra samlingene der de ble stilt, vises fortsatt i "
                                                                 "evalueringen. ", "")
    poll_id = int(location(created).rsplit("/", 1)[1])
    with app.app_context():
        asked = db.session.scalars(sa.select(PollQuestion.prompt).where(PollQuestion.poll_id == poll_id)).all()
        earlier_link = db.session.get(Poll, earlier.id).questions[0].evaluation_question_id
    assert asked == ["Hvor nyttig var dagen?"]
    assert earlier_link == retired.id
    assert kept.id in [q.id for q in _template(app, cast.network.id)]


def test_the_leader_reorders_the_template(cast, app, make_evaluation_question):
    first = make_evaluation_question(cast.network, QuestionKind.SCALE, ("Først",), position=1)
    second = make_evaluation_question(cast.network, QuestionKind.SCALE, ("Så",), position=2)
    client = cast.client_for(cast.leader)

    client.post(_url(cast.network, second.id, "flytt", "opp"))

    assert [q.id for q in _template(app, cast.network.id)] == [second.id, first.id]
    page = text(client.get(_url(cast.network)))
    assert page.index("Så") < page.index("Først")


def test_the_leader_adds_a_question_to_the_template(cast, app):
    client = cast.client_for(cast.leader)

    form = client.get(_url(cast.network, "ny") + "?type=multiple")
    added = client.post(_url(cast.network, "ny") + "?type=multiple", data={
        "prompt": "Hva var mest nyttig i dag?", "options": "Foredragene\nGruppearbeidet\nStandene",
        "max_choices": "2"}, follow_redirects=True)

    assert 'name="max_choices"' in form.get_data(as_text=True)
    assert "Spørsmålet er lagt til i evalueringsmalen." in text(added)
    assert "3 alternativer: Foredragene · Gruppearbeidet · Standene (høyst 2 valg)" in text(added)
    (question,) = _template(app, cast.network.id)
    assert question.current.settings == {"options": ["Foredragene", "Gruppearbeidet", "Standene"], "max_choices": 2}


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"prompt": "", "options": "A\nB"}, "prompt", "Skriv spørsmålet."),
    ({"prompt": "x" * 501, "options": "A\nB"}, "prompt", "Teksten kan være høyst 500 tegn."),
    ({"prompt": "Velg", "options": "Ja\nja"}, "options", "To svaralternativer er like."),
    ({"prompt": "Velg", "options": "Ja"}, "options", "Spørsmålet trenger minst to svaralternativer."),
])
def test_a_template_question_that_cannot_work_is_refused_and_no_version_is_made(cast, app, make_evaluation_question,
                                                                                data, field, message):
    question = make_evaluation_question(cast.network, QuestionKind.SINGLE, ("Velg en",),
                                        settings={"options": ["Ja", "Nei"]})

    added = cast.client_for(cast.leader).post(_url(cast.network, "ny") + "?type=single", data=data)
    edited = cast.client_for(cast.leader).post(_url(cast.network, question.id, "rediger"), data=data)

    assert added.status_code == edited.status_code == 422
    assert field_error(added, field) == field_error(edited, field) == message
    (stored,) = _template(app, cast.network.id)
    assert len(stored.versions) == 1


def test_script_in_a_template_question_is_shown_as_text(cast, make_evaluation_question):
    make_evaluation_question(cast.network, QuestionKind.TEXT, ("<img src=x onerror=alert(1)> Hva lærte du, Máret?",),
                             settings={})

    page = cast.client_for(cast.leader).get(_url(cast.network)).get_data(as_text=True)

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Hva lærte du, Máret?" in page


def test_another_networks_template_question_is_not_found(cast, make_evaluation_question):
    theirs = make_evaluation_question(cast.other_network)
    client = cast.client_for(cast.leader)

    assert client.get(_url(cast.network, theirs.id, "rediger")).status_code == 404
    assert client.post(_url(cast.network, theirs.id, "ta-ut")).status_code == 404
    assert client.post(_url(cast.network, theirs.id, "flytt", "ned")).status_code == 404
    assert client.get(_url(cast.network, "ny") + "?type=ukjent").status_code == 404


def test_only_project_leaders_edit_the_template(cast):
    assert cast.client_for(cast.observer).get(_url(cast.network)).status_code == 403
    assert cast.client_for(cast.ingrid).post(_url(cast.network, "startmal")).status_code == 403
    assert cast.client_for(cast.stranger).get(_url(cast.network)).status_code == 404


def test_revising_to_an_empty_wording_is_refused_by_the_service(ctx, cast, make_evaluation_question):
    question = db.session.merge(make_evaluation_question(cast.network))

    with pytest.raises(Refused, match="Skriv spørsmålet."):
        services.revise_evaluation_question(question, "   ", {"max": 5})
