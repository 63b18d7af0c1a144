from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD
from verksted.accounts import services
from verksted.accounts.models import LoginFailure, PasswordReset, User
from verksted.accounts.tokens import new_token
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db

WRONG = "Feil e-postadresse eller passord."


@pytest.fixture
def kari(ctx, make_user):
    return make_user("kari.nordmann@fjordvik.kommune.example", "Kari Nordmann")


def failures_for(email):
    return db.session.scalar(sa.select(sa.func.count()).select_from(LoginFailure).where(LoginFailure.email == email))


def test_the_right_password_signs_in_whatever_the_case_and_spaces_of_the_address(kari):
    user = services.authenticate("  Kari.Nordmann@Fjordvik.Kommune.Example ", PASSWORD)

    assert user.id == kari.id
    assert user.last_login_at is not None


@pytest.mark.parametrize(
    ("email", "password"),
    [("kari.nordmann@fjordvik.kommune.example", "feil-passord-123"), ("ukjent@fjordvik.kommune.example", PASSWORD)],
    ids=["wrong password", "unknown address"],
)
def test_wrong_password_and_unknown_address_get_the_same_answer(kari, email, password):
    with pytest.raises(Refused) as refused:
        services.authenticate(email, password)

    assert refused.value.message == WRONG
    assert failures_for(email) == 1


def test_too_many_failures_close_sign_in_for_a_while_even_with_the_right_password(app, kari):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(Refused):
            services.authenticate(kari.email, "feil-passord-123")

    with pytest.raises(Refused) as refused:
        services.authenticate(kari.email, PASSWORD)

    assert "minutter" in refused.value.message
    assert 1 <= services.minutes_blocked(kari.email) <= app.config["LOGIN_LOCK_MINUTES"]


def test_sign_in_opens_again_when_the_failures_are_old_enough(app, kari):
    old = utcnow() - timedelta(minutes=app.config["LOGIN_LOCK_MINUTES"] + 1)
    db.session.add_all(LoginFailure(email=kari.email, created_at=old) for _ in range(app.config["LOGIN_MAX_FAILURES"]))
    db.session.commit()

    assert services.minutes_blocked(kari.email) == 0
    assert services.authenticate(kari.email, PASSWORD).id == kari.id


def test_one_machine_guessing_at_many_addresses_is_slowed_down(app, kari):
    limit = app.config["LOGIN_MAX_FAILURES"] * 6
    db.session.add_all(
        LoginFailure(email=f"gjett{n}@fjordvik.kommune.example", remote_addr="203.0.113.9") for n in range(limit)
    )
    db.session.commit()

    with pytest.raises(Refused) as refused:
        services.authenticate(kari.email, PASSWORD, remote_addr="203.0.113.9")
    assert "minutter" in refused.value.message
    assert services.authenticate(kari.email, PASSWORD, remote_addr="198.51.100.7").id == kari.id


def test_a_successful_sign_in_forgets_earlier_failures(kari):
    with pytest.raises(Refused):
        services.authenticate(kari.email, "feil-passord-123")

    services.authenticate(kari.email, PASSWORD)

    assert failures_for(kari.email) == 0


def test_password_reset_is_sent_only_to_known_addresses(kari, outbox):
    services.request_password_reset("ukjent@fjordvik.kommune.example")
    services.request_password_reset(kari.email.upper())
    db.session.commit()

    assert [m["To"].addresses[0].addr_spec for m in outbox] == [kari.email]
    assert "http://localhost/nytt-passord/" in outbox[0].get_content()


def _reset_for(user, expires_in=timedelta(hours=2)):
    token, token_hash = new_token()
    reset = PasswordReset(user_id=user.id, token_hash=token_hash, expires_at=utcnow() + expires_in)
    db.session.add(reset)
    db.session.commit()
    return token


def test_a_reset_link_sets_a_new_password_once_and_closes_every_other_link(kari):
    first, second = _reset_for(kari), _reset_for(kari)
    old_token = kari.session_token

    services.reset_password(services.password_reset_for(first), "et-helt-nytt-passord")
    db.session.commit()

    assert kari.check_password("et-helt-nytt-passord")
    assert kari.session_token != old_token
    for token in (first, second):
        with pytest.raises(Refused, match="allerede brukt"):
            services.password_reset_for(token)


def test_an_expired_or_unknown_reset_link_is_refused_with_the_reason(kari):
    expired = _reset_for(kari, expires_in=-timedelta(minutes=1))

    with pytest.raises(Refused, match="utløpt"):
        services.password_reset_for(expired)
    with pytest.raises(Refused, match="ugyldig"):
        services.password_reset_for("ikke-en-ekte-lenke")


def test_changing_password_needs_the_current_one(kari):
    with pytest.raises(Refused) as refused:
        services.change_password(kari, "feil-passord-123", "et-helt-nytt-passord")

    assert refused.value.field == "current_password"
    assert refused.value.message == "Nåværende passord er feil."
    assert kari.check_password(PASSWORD)


def test_changing_password_renews_the_session_token(kari):
    old_token = kari.session_token

    services.change_password(kari, PASSWORD, "et-helt-nytt-passord")

    assert kari.check_password("et-helt-nytt-passord")
    assert kari.session_token != old_token


def test_only_known_languages_can_be_chosen(kari):
    services.set_locale(kari, "nn")
    assert kari.locale == "nn"

    with pytest.raises(Refused, match="Ukjent språk"):
        services.set_locale(kari, "sv")


def test_an_address_can_only_have_one_account(kari):
    with pytest.raises(Refused) as refused:
        services.create_user("KARI.NORDMANN@fjordvik.kommune.example", "Kari igjen", "et-helt-nytt-passord")

    assert refused.value.field == "email"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_a_new_account_keeps_sami_letters_in_the_name(ctx):
    user = services.create_user("Maret@Svartvatn.Kommune.Example", "  Máret Ánde Guttorm ", "et-helt-nytt-passord")
    db.session.commit()

    assert (user.email, user.name) == ("maret@svartvatn.kommune.example", "Máret Ánde Guttorm")
