"""E-mail leaves by SMTP when a server is set up, lands in the outbox when not, and only ever
for changes that were committed."""
from __future__ import annotations

import email
import email.policy
import socket
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import abort

from tests.conftest import app_config, dispose_engines
from tests.pages import links_in, path_of, text
from verksted import create_app, mail
from verksted.accounts.models import User
from verksted.extensions import db
from verksted.networks.models import Role

SAMI_TEAM = "Čáhppesjávri suohkan 🌿"
SAMI_NAME = "Máret Ánde Guttorm"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Collector:
    """An SMTP handler that keeps what it receives."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((envelope.rcpt_tos, message))
        return "250 Mottatt"


@pytest.fixture(scope="module")
def smtp_server():
    from aiosmtpd.controller import Controller

    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def smtp(smtp_server):
    smtp_server.handler.received.clear()
    return smtp_server.handler


@pytest.fixture
def make_app(app, database_url, outbox_dir):
    """Another app on the session's database, with its own mail settings."""
    made = []

    def make_app(**config):
        made.append(create_app(app_config(database_url, outbox_dir, **config)))
        return made[-1]

    yield make_app
    for other in made:
        dispose_engines(other)


@pytest.fixture
def leader_and_team(make_network, make_team, make_user, make_membership):
    network = make_network("Rekruttere og beholde")
    team = make_team(network, SAMI_TEAM)
    leader = make_user("prosjektleder@usht.example", "Sigrid Håland")
    make_membership(leader, network, Role.FACILITATOR)
    return leader, network, team


def invite_maret(client, network, team):
    return client.post(f"/nettverk/{network.id}/inviter", data={
        "email": "maret@svartvatn.kommune.example", "name": SAMI_NAME, "role": "team_member", "team_id": str(team.id),
    })


def queue_a_message():
    mail.send_after_commit(mail.compose("noen@kommune.example", "Skal aldri sendes", "password_reset",
                                        user=SimpleNamespace(name="Noen"), link="http://localhost/x", hours=2))


def test_an_invitation_goes_out_by_smtp_with_a_working_link_and_the_name_intact(make_app, smtp, smtp_server, login,
                                                                              leader_and_team, outbox):
    leader, network, team = leader_and_team
    smtp_app = make_app(MAIL_SERVER=smtp_server.hostname, MAIL_PORT=smtp_server.port, MAIL_USE_TLS=False)
    client = login(smtp_app.test_client(), leader)

    assert invite_maret(client, network, team).status_code == 302

    ((recipients, message),) = smtp.received
    assert recipients == ["maret@svartvatn.kommune.example"]
    assert message["To"].addresses[0].display_name == SAMI_NAME
    assert message["Subject"] == "Invitasjon til Rekruttere og beholde i Verksted"
    body = message.get_content()
    assert f"Hei {SAMI_NAME}," in body
    assert f"Rolle: Teammedlem i {SAMI_TEAM}." in body
    assert len(outbox) == 0

    (link,) = [link for link in links_in(message) if "/invitasjon/" in link]
    assert link.startswith("http://localhost/invitasjon/")
    page = smtp_app.test_client().get(path_of(link))
    assert page.status_code == 200
    assert f"Du er invitert som teammedlem i {SAMI_TEAM}." in text(page)


def test_without_a_mail_server_the_message_is_kept_in_the_outbox(client, login, leader_and_team, outbox_dir, outbox):
    leader, network, team = leader_and_team
    login(client, leader)

    invite_maret(client, network, team)

    (eml,) = outbox_dir.glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert f"Hei {SAMI_NAME}," in message.get_content()
    assert [m["Message-ID"] for m in outbox] == [message["Message-ID"]]


def test_a_message_that_cannot_be_sent_is_kept_in_the_outbox(make_app, login, leader_and_team, outbox):
    leader, network, team = leader_and_team
    unreachable = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    client = login(unreachable.test_client(), leader)

    assert invite_maret(client, network, team).status_code == 302

    (message,) = outbox
    assert f"Rolle: Teammedlem i {SAMI_TEAM}." in message.get_content()


def test_a_message_queued_in_a_request_that_fails_is_never_sent(make_app, smtp, smtp_server, outbox):
    failing_app = make_app(MAIL_SERVER=smtp_server.hostname, MAIL_PORT=smtp_server.port, MAIL_USE_TLS=False,
                           PROPAGATE_EXCEPTIONS=False)

    @failing_app.post("/prove-og-feile")
    def queue_then_fail():
        queue_a_message()
        raise RuntimeError("noe gikk galt midt i forespørselen")

    @failing_app.post("/lagre")
    def commit_something_else():
        db.session.commit()
        return "lagret"

    client = failing_app.test_client()
    response = client.post("/prove-og-feile")
    assert response.status_code == 500
    assert "En feil oppstod hos oss." in text(response)
    client.post("/lagre")

    assert smtp.received == []
    assert len(outbox) == 0


def test_a_message_queued_before_a_rollback_is_dropped(app, outbox):
    with app.test_request_context():
        db.session.scalar(sa.select(User.id))  # as every service does, the request has read something
        queue_a_message()
        db.session.rollback()
        db.session.commit()

    assert len(outbox) == 0


def test_a_message_queued_before_a_rollback_is_dropped_even_if_nothing_was_read(app, outbox):
    with app.test_request_context():
        queue_a_message()
        db.session.rollback()
        db.session.commit()

    assert len(outbox) == 0


def test_refused_requests_send_nothing(client, login, leader_and_team, outbox):
    leader, network, team = leader_and_team
    login(client, leader)
    invite_maret(client, network, team)

    again = invite_maret(client, network, team)

    assert again.status_code == 422
    assert len(outbox) == 1


def test_a_network_created_with_a_refused_leader_sends_no_invitation(client, login, make_user, outbox):
    login(client, make_user(is_admin=True))

    client.post("/admin/nettverk/nytt", data={
        "name": "Nytt nettverk", "starts_on": "01.09.2026", "ends_on": "01.01.2026",
        "leader_email": "leder@usht.example",
    })

    assert len(outbox) == 0


def test_abort_in_a_request_does_not_send_what_it_queued(make_app, outbox):
    aborting_app = make_app()

    @aborting_app.post("/avbryt")
    def queue_then_abort():
        queue_a_message()
        abort(403)

    assert aborting_app.test_client().post("/avbryt").status_code == 403
    with aborting_app.test_request_context():
        db.session.commit()

    assert len(outbox) == 0
