"""A person makes, uses and revokes personal access tokens on their profile."""
from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from tests.pages import text
from verksted.accounts.tokens import hash_token
from verksted.api.models import ApiToken
from verksted.clock import utcnow
from verksted.extensions import db


def _tokens(app, user) -> list[ApiToken]:
    with app.app_context():
        return db.session.scalars(sa.select(ApiToken).where(ApiToken.user_id == user.id)).all()


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(app, world):
    client = world.client_for("team_member")

    response = client.post("/profil/nokler", data={"nokkel-name": "Kommunens fagsystem 🚀", "nokkel-can_write": "y"})

    assert response.status_code == 200
    secret = re.search(r'value="(vt_[A-Za-z0-9_-]{43})"', response.get_data(as_text=True)).group(1)
    (token,) = _tokens(app, world.people.team_member)
    assert token.token_hash == hash_token(secret) and secret not in token.token_hash
    assert token.can_write and token.name == "Kommunens fagsystem 🚀"
    profile = client.get("/profil").get_data(as_text=True)
    assert "Kommunens fagsystem 🚀" in profile and token.prefix in profile and secret not in profile
    me = client.get("/api/v1/networks", headers={"Authorization": f"Bearer {secret}"})
    assert me.status_code == 200 and me.json["total"] == 1


def test_a_token_needs_a_name_and_an_expiry_in_the_future(app, world):
    client = world.client_for("team_member")

    response = client.post("/profil/nokler", data={"nokkel-name": "", "nokkel-expires_on": "01.01.2020"})

    assert response.status_code == 422
    assert "Dette feltet må fylles ut." in text(response)
    response = client.post("/profil/nokler", data={"nokkel-name": "Gammel", "nokkel-expires_on": "01.01.2020"})
    assert response.status_code == 422
    assert "Utløpsdatoen har allerede passert" in text(response)
    assert _tokens(app, world.people.team_member) == []


def test_without_a_valid_token_the_api_says_401_in_json_even_with_a_session(world, make_token, app):
    signed_in = world.client_for("facilitator")  # a session cookie is never enough

    for headers in ({}, {"Authorization": "Bearer vt_gjettet"}, {"Authorization": "Basic dnRfeA=="}):
        response = signed_in.get("/api/v1/networks", headers=headers)
        assert response.status_code == 401
        assert response.json["message"].startswith("Mangler gyldig nøkkel")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_an_expired_token_stops_working(app, world, make_token, load):
    secret = make_token(world.people.facilitator, expires_on=date.today() + timedelta(days=2))
    headers = {"Authorization": f"Bearer {secret}"}
    client = app.test_client()
    assert client.get("/api/v1/networks", headers=headers).status_code == 200
    with app.app_context():
        token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
        assert token.last_used_at is not None
        token.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()

    assert client.get("/api/v1/networks", headers=headers).status_code == 401


def test_a_revoked_token_stops_working_at_once(app, world, make_token):
    secret = make_token(world.people.facilitator)
    (token,) = _tokens(app, world.people.facilitator)
    client = world.client_for("facilitator")

    response = client.post(f"/profil/nokler/{token.id}/trekk-tilbake")

    assert response.status_code == 302
    assert "er trukket tilbake" in text(client.get(response.headers["Location"]))
    assert app.test_client().get("/api/v1/networks", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert "Fagsystem" not in client.get("/profil").get_data(as_text=True)


def test_another_users_token_cannot_be_revoked(app, world, make_token):
    secret = make_token(world.people.facilitator)
    (token,) = _tokens(app, world.people.facilitator)

    response = world.client_for("observer").post(f"/profil/nokler/{token.id}/trekk-tilbake")

    assert response.status_code == 404
    assert app.test_client().get("/api/v1/networks", headers={"Authorization": f"Bearer {secret}"}).status_code == 200


def test_a_read_only_token_is_refused_every_write(world, api_as):
    api = api_as("team_member", can_write=False)

    for response in (
        api.post(f"/requests/{world.document_request.id}/teams/{world.team_x.id}/submission"),
        api.put(f"/submissions/{world.submission.id}/draft", json={"revision": 0, "answers": {}}),
        api.post(f"/submissions/{world.submission.id}/submit", json={"revision": 0}),
    ):
        assert response.status_code == 403
        assert response.json["message"] == "Denne nøkkelen kan bare lese. Lag en nøkkel som kan skrive."
    assert api.get(f"/submissions/{world.submission.id}").status_code == 200


def test_a_token_runs_to_the_end_of_its_last_day_and_says_so(app, world):
    client = world.client_for("observer")

    response = client.post("/profil/nokler", data={"nokkel-name": "Rapportverktøy", "nokkel-expires_on": "31.07.2099"})

    assert "Den virker til og med 31. juli 2099." in text(response)
    (token,) = _tokens(app, world.people.observer)
    assert str(token.expires_at) == "2099-07-31 22:00:00"  # midnight in Oslo, summer time
    assert "31. juli 2099" in text(client.get("/profil"))


def test_the_profile_pages_revoke_button_carries_its_csrf_token(csrf_client, login, world, make_token, app):
    make_token(world.people.facilitator)
    (token,) = _tokens(app, world.people.facilitator)
    login(csrf_client, world.people.facilitator)
    page = csrf_client.get("/profil").get_data(as_text=True)
    form = page[page.index(f'action="/profil/nokler/{token.id}/trekk-tilbake"'):]
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)

    assert csrf_client.post(f"/profil/nokler/{token.id}/trekk-tilbake").status_code == 400
    response = csrf_client.post(f"/profil/nokler/{token.id}/trekk-tilbake", data={"csrf_token": csrf})

    assert response.status_code == 302
    assert _tokens(app, world.people.facilitator)[0].revoked_at is not None


def test_a_token_has_its_users_rights_of_today(app, world, api_as):
    api = api_as("observer")
    assert api.get(f"/teams/{world.team_x.id}").status_code == 200
    with app.app_context():
        db.session.delete(db.session.get(type(world.memberships.observer), world.memberships.observer.id))
        db.session.commit()

    assert api.get(f"/teams/{world.team_x.id}").status_code == 404
    assert api.get("/networks").json["items"] == []
