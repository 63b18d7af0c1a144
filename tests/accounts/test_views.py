import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, AuthActions
from tests.pages import csrf_token, field_error, html_lang, links_in, location, path_of, text
from verksted.accounts.models import PasswordReset, User
from verksted.clock import utcnow
from verksted.extensions import db
from verksted.i18n import long_date
from verksted.networks.models import Role

WRONG = "Feil e-postadresse eller passord."


@pytest.fixture
def kari(make_user):
    return make_user("kari.nordmann@fjordvik.kommune.example", "Kari Nordmann")


def test_sign_in_page_asks_for_address_and_password(client):
    response = client.get("/logg-inn")

    assert response.status_code == 200
    assert 'name="email"' in response.get_data(as_text=True)
    assert 'name="password"' in response.get_data(as_text=True)
    assert "Glemt passordet?" in text(response)


def test_a_team_member_with_one_team_lands_on_the_team_page(auth, kari, make_network, make_team, make_membership):
    network = make_network()
    team = make_team(network, "Fjordvik kommune")
    make_membership(kari, network, Role.TEAM_MEMBER, team)

    response = auth.login(kari.email, follow_redirects=True)

    assert response.request.path == f"/team/{team.id}"
    assert "Fjordvik kommune" in text(response)


def test_a_project_leader_with_one_network_lands_on_the_network_page(auth, kari, make_network, make_membership):
    network = make_network("Rekruttere og beholde")
    make_membership(kari, network, Role.FACILITATOR)

    response = auth.login(kari.email, follow_redirects=True)

    assert response.request.path == f"/nettverk/{network.id}"
    assert "Rekruttere og beholde" in text(response)


def test_an_admin_without_networks_lands_on_administration(auth, make_user):
    admin = make_user("admin@verksted.example", is_admin=True)

    response = auth.login(admin.email, follow_redirects=True)

    assert response.request.path == "/admin/"
    assert "Administrasjon" in text(response)


def test_someone_in_two_networks_lands_on_the_list_of_networks(auth, kari, make_network, make_membership):
    make_membership(kari, make_network("Nettverk én"), Role.OBSERVER)
    make_membership(kari, make_network("Nettverk to"), Role.FACILITATOR)

    response = auth.login(kari.email, follow_redirects=True)

    assert response.request.path == "/nettverk"
    assert "Nettverk én" in text(response) and "Nettverk to" in text(response)


@pytest.mark.parametrize(
    ("email", "password"),
    [("kari.nordmann@fjordvik.kommune.example", "feil-passord-123"), ("ukjent@fjordvik.kommune.example", PASSWORD)],
    ids=["wrong password", "unknown address"],
)
def test_wrong_password_and_unknown_address_get_the_same_clear_message(auth, kari, email, password):
    response = auth.login(email, password)

    assert response.status_code == 422
    assert WRONG in text(response)


def test_the_address_typed_is_kept_after_a_failed_sign_in(auth, kari):
    response = auth.login(kari.email, "feil-passord-123")

    assert f'value="{kari.email}"' in response.get_data(as_text=True)


def test_an_empty_sign_in_form_says_what_is_missing(client):
    response = client.post("/logg-inn", data={"email": "", "password": ""})

    assert response.status_code == 422
    assert field_error(response, "email") == "Dette feltet må fylles ut."
    assert field_error(response, "password") == "Dette feltet må fylles ut."


def test_after_too_many_failures_even_the_right_password_is_refused_for_some_minutes(app, auth, kari):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login(kari.email, "feil-passord-123").status_code == 422

    response = auth.login(kari.email, PASSWORD)

    assert response.status_code == 422
    assert re.search(r"stengt i \d+ minutter", text(response))
    assert "/logg-inn" not in response.headers.get("Location", "")


def test_sign_in_follows_next_within_the_site_only(auth, client, kari, make_network, make_membership):
    network = make_network()
    make_membership(kari, network, Role.FACILITATOR)

    inside = client.post(f"/logg-inn?next=/nettverk/{network.id}/personer", data={"email": kari.email, "password": PASSWORD})
    auth.logout()
    outside = client.post("/logg-inn?next=https://svindel.example/", data={"email": kari.email, "password": PASSWORD})

    assert location(inside) == f"/nettverk/{network.id}/personer"
    assert location(outside) == "/"


def test_signing_out_ends_the_session(auth, client, kari):
    auth.login(kari.email)
    assert client.get("/profil").status_code == 200

    response = auth.logout(follow_redirects=True)

    assert "Du er logget ut." in text(response)
    assert client.get("/profil").status_code == 302


def test_a_signed_in_person_opening_the_sign_in_page_goes_home(client, login, kari):
    login(client, kari)

    assert location(client.get("/logg-inn")) == "/"


def reset_link(outbox, address) -> str:
    (message,) = outbox.to(address)
    (link,) = [link for link in links_in(message) if "/nytt-passord/" in link]
    return path_of(link)


def test_forgotten_password_link_works_once(auth, client, kari, outbox):
    response = client.post("/glemt-passord", data={"email": kari.email}, follow_redirects=True)
    assert f"Hvis {kari.email} er registrert hos oss" in text(response)
    link = reset_link(outbox, kari.email)
    assert outbox[0]["Subject"] == "Nytt passord i Verksted"
    assert "Hei Kari Nordmann," in outbox[0].get_content()

    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": "et-helt-nytt-passord", "confirm": "et-helt-nytt-passord"})
    assert response.status_code == 302
    assert "Passordet er endret" in text(client.get(location(response), follow_redirects=True))

    again = client.get(link)
    assert again.status_code == 410
    assert "allerede brukt" in text(again)
    auth.logout()
    assert auth.login(kari.email, PASSWORD).status_code == 422
    assert auth.login(kari.email, "et-helt-nytt-passord").status_code == 302


def test_forgotten_password_for_an_unknown_address_says_the_same_and_sends_nothing(client, outbox):
    response = client.post("/glemt-passord", data={"email": "ukjent@kommune.example"}, follow_redirects=True)

    assert "Hvis ukjent@kommune.example er registrert hos oss" in text(response)
    assert len(outbox) == 0


def test_a_new_password_must_be_long_enough_and_typed_twice_alike(client, kari, outbox):
    client.post("/glemt-passord", data={"email": kari.email})
    link = reset_link(outbox, kari.email)

    short = client.post(link, data={"password": "kort", "confirm": "kort"})
    unlike = client.post(link, data={"password": "et-helt-nytt-passord", "confirm": "et-annet-passord"})

    assert short.status_code == 422
    assert "Passordet må ha mellom 10 og 200 tegn." in field_error(short, "password")
    assert unlike.status_code == 422
    assert field_error(unlike, "confirm") == "Passordene er ikke like."


def test_an_expired_reset_link_explains_itself(app, client, kari, outbox):
    client.post("/glemt-passord", data={"email": kari.email})
    link = reset_link(outbox, kari.email)
    with app.app_context():
        db.session.execute(sa.update(PasswordReset).values(expires_at=utcnow() - timedelta(minutes=1)))
        db.session.commit()

    response = client.get(link)

    assert response.status_code == 410
    assert "Lenken for nytt passord er utløpt. Be om en ny lenke." in text(response)


def test_changing_password_needs_the_current_one(client, login, kari):
    login(client, kari)

    response = client.post(
        "/profil/passord",
        data={"current_password": "feil-passord-123", "password": "et-helt-nytt-passord", "confirm": "et-helt-nytt-passord"},
    )

    assert response.status_code == 422
    assert field_error(response, "current_password") == "Nåværende passord er feil."


def test_changing_password_signs_out_other_sessions_but_not_this_one(app, auth, client, kari):
    auth.login(kari.email)
    other_machine = app.test_client()
    AuthActions(other_machine).login(kari.email)
    assert other_machine.get("/profil").status_code == 200

    response = client.post(
        "/profil/passord",
        data={"current_password": PASSWORD, "password": "et-helt-nytt-passord", "confirm": "et-helt-nytt-passord"},
        follow_redirects=True,
    )

    assert "Passordet er endret." in text(response)
    assert client.get("/profil").status_code == 200
    assert other_machine.get("/profil").headers["Location"].startswith("/logg-inn")


def test_the_profile_saves_name_and_language(client, login, load, kari):
    login(client, kari)

    response = client.post("/profil", data={"name": "Kari Åsen Nordmann", "locale": "nn"}, follow_redirects=True)

    assert "Kari Åsen Nordmann" in text(response)
    user = load(User, kari.id)
    assert (user.name, user.locale) == ("Kari Åsen Nordmann", "nn")


def test_choosing_a_language_is_remembered_for_the_person(client, login, load, kari):
    login(client, kari)

    response = client.post("/sprak", data={"locale": "nn", "next": "/profil"})

    assert location(response) == "/profil"
    assert load(User, kari.id).locale == "nn"
    assert html_lang(client.get("/profil")) == "nn"


def test_a_person_remembered_on_this_machine_keeps_their_language_when_the_session_has_ended(client, kari):
    client.post("/logg-inn", data={"email": kari.email, "password": PASSWORD, "remember": "y"})
    client.post("/sprak", data={"locale": "nn"})
    client.delete_cookie("session")

    assert html_lang(client.get("/svar")) == "nn"


def test_a_visitor_not_signed_in_can_choose_a_language_too(client):
    client.post("/sprak", data={"locale": "en"})

    assert html_lang(client.get("/logg-inn")) == "en"


def test_an_unknown_language_changes_nothing(client, login, load, kari):
    login(client, kari)

    client.post("/sprak", data={"locale": "sv"})

    assert load(User, kari.id).locale == "nb"


def test_pages_are_in_norwegian_bokmal_by_default(client):
    assert html_lang(client.get("/logg-inn")) == "nb"


def test_dates_read_the_norwegian_way(app):
    with app.test_request_context():
        assert long_date(date(2019, 2, 14)) == "14. februar 2019"


def test_the_session_cookie_is_hidden_from_scripts_and_other_sites(auth, kari):
    response = auth.login(kari.email)

    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_a_form_sent_without_its_csrf_token_is_refused_in_norwegian(csrf_client, make_user):
    user = make_user()

    response = csrf_client.post("/logg-inn", data={"email": user.email, "password": PASSWORD})

    assert response.status_code == 400
    assert "Siden var for gammel til å sende inn." in text(response)


def test_a_form_sent_with_its_csrf_token_is_accepted(csrf_client, make_user):
    user = make_user()
    token = csrf_token(csrf_client.get("/logg-inn"))

    response = csrf_client.post("/logg-inn", data={"email": user.email, "password": PASSWORD, "csrf_token": token})

    assert response.status_code == 302
    assert location(response) == "/"


def test_signing_out_needs_the_csrf_token_too(csrf_client, make_user):
    user = make_user()
    token = csrf_token(csrf_client.get("/logg-inn"))
    csrf_client.post("/logg-inn", data={"email": user.email, "password": PASSWORD, "csrf_token": token})

    assert csrf_client.post("/logg-ut").status_code == 400
    assert csrf_client.get("/profil").status_code == 200
