"""The project leader's saved phrases (frasebank): written once, put into feedback often."""
from __future__ import annotations

import sqlalchemy as sa

from tests.documents.reviewing import cast, make_phrase  # noqa: F401  (fixtures)
from tests.pages import field_error, field_value, location, text
from verksted.documents.models import FeedbackPhrase
from verksted.extensions import db


def phrases_in(app, network) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            sa.select(FeedbackPhrase.text).where(FeedbackPhrase.network_id == network.id)
            .order_by(FeedbackPhrase.position, FeedbackPhrase.id)
        ))


def test_the_leader_adds_phrases_which_are_listed_in_order(app, cast):
    client = cast.client_for(cast.leader)
    path = f"/nettverk/{cast.network.id}/frasebank"

    first = client.post(path, data={"text": "Hvordan vil dere måle effekten?"})
    client.post(path, data={"text": "Takk for en grundig rapport – Giitu! 🙏"})

    assert location(first) == path
    assert phrases_in(app, cast.network) == ["Hvordan vil dere måle effekten?", "Takk for en grundig rapport – Giitu! 🙏"]
    body = text(client.get(path))
    assert body.index("Hvordan vil dere måle effekten?") < body.index("Takk for en grundig rapport – Giitu! 🙏")


def test_an_empty_phrase_is_refused_and_a_long_one_kept_as_typed(app, cast):
    client = cast.client_for(cast.leader)
    path = f"/nettverk/{cast.network.id}/frasebank"

    empty = client.post(path, data={"text": "  "})
    typed = "Æ" * 1001
    long = client.post(path, data={"text": typed})

    assert empty.status_code == 422
    assert field_error(empty, "text") == "Skriv frasen."
    assert long.status_code == 422
    assert field_error(long, "text") == "Teksten kan være høyst 1000 tegn."
    assert field_value(long, "text") == typed
    assert phrases_in(app, cast.network) == []


def test_a_phrase_is_edited_moved_and_deleted(app, cast, make_phrase):
    first = make_phrase(cast.network, "Første", position=1)
    second = make_phrase(cast.network, "Andre", position=2)
    client = cast.client_for(cast.leader)

    assert field_value(client.get(f"/fraser/{first.id}/rediger"), "text") == "Første"
    client.post(f"/fraser/{first.id}/rediger", data={"text": "Første, rettet"})
    client.post(f"/fraser/{second.id}/flytt/opp")
    assert phrases_in(app, cast.network) == ["Andre", "Første, rettet"]

    client.post(f"/fraser/{second.id}/slett")
    assert phrases_in(app, cast.network) == ["Første, rettet"]


def test_moving_the_top_phrase_up_changes_nothing(app, cast, make_phrase):
    first = make_phrase(cast.network, "Første", position=1)
    make_phrase(cast.network, "Andre", position=2)

    assert cast.client_for(cast.leader).post(f"/fraser/{first.id}/flytt/opp").status_code == 302
    assert cast.client_for(cast.leader).post(f"/fraser/{first.id}/flytt/til-siden").status_code == 404
    assert phrases_in(app, cast.network) == ["Første", "Andre"]


def test_an_edit_that_empties_the_phrase_is_refused(app, cast, make_phrase):
    phrase = make_phrase(cast.network, "Første")

    response = cast.client_for(cast.leader).post(f"/fraser/{phrase.id}/rediger", data={"text": ""})

    assert response.status_code == 422
    assert field_error(response, "text") == "Skriv frasen."
    assert phrases_in(app, cast.network) == ["Første"]


def test_phrases_are_the_project_leaders_own(cast, make_phrase):
    phrase = make_phrase(cast.network, "Første")

    assert cast.client_for(cast.observer).get(f"/nettverk/{cast.network.id}/frasebank").status_code == 403
    assert cast.client_for(cast.people.ingrid).post(f"/fraser/{phrase.id}/slett").status_code == 403
    assert cast.client_for(cast.other_leader).get(f"/fraser/{phrase.id}/rediger").status_code == 404
