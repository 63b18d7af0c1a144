import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from tests.pages import text
from verksted import demo
from verksted.accounts.models import User
from verksted.extensions import db
from verksted.networks.models import Membership, Network, OrgGroup, Role, Team, TeamStatus


@pytest.fixture
def quick_passwords(monkeypatch):
    """The demo has some thirty people; hashing each with scrypt would take seconds."""
    monkeypatch.setattr(
        "verksted.accounts.models.generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )


@pytest.fixture
def flask(app, runner):
    """Run a `flask` command. The real `flask` CLI pushes an app context for every command;
    the test runner does not, so it is pushed here."""

    def flask(*args):
        with app.app_context():
            return runner.invoke(args=list(args))

    return flask


def counts(app) -> tuple[int, int, int]:
    with app.app_context():
        return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (User, Network, Team))


def test_seed_demo_prints_how_to_sign_in_and_can_be_run_twice(app, flask, quick_passwords):
    first = flask("seed-demo")
    after_first = counts(app)
    second = flask("seed-demo")

    assert first.exit_code == 0, first.output
    assert "Demodata lastet inn." in first.output
    assert f"passordet «{demo.PASSWORD}»" in first.output
    assert "prosjektleder@verksted.example" in first.output
    assert "admin@verksted.example" in first.output
    assert second.exit_code == 0
    assert "Demodata finnes allerede." in second.output
    assert counts(app) == after_first


def test_the_demo_network_shows_a_whole_learning_network(app, flask, quick_passwords):
    flask("seed-demo")

    with app.app_context():
        network = db.session.scalar(sa.select(Network).where(Network.name == demo.NETWORK_NAME))
        sizes = [len(team.members) for team in network.teams]
        withdrawn = [team for team in network.teams if team.status is TeamStatus.WITHDRAWN]
        groups = {member.group for member in network.organisation}
        roles = [m.role for m in network.memberships]
        leaders = [sum(m.is_group_leader for m in team.members) for team in network.teams]
        names = {m.user.name for m in network.memberships}

    assert 5 <= len(sizes) <= 8
    assert all(3 <= size <= 6 for size in sizes), sizes
    assert len(withdrawn) == 1
    assert withdrawn[0].withdrawn_on is not None and withdrawn[0].withdrawal_reason
    assert {OrgGroup.STEERING, OrgGroup.WORKING} <= groups
    assert roles.count(Role.FACILITATOR) >= 1 and roles.count(Role.OBSERVER) >= 1
    assert leaders == [1] * len(leaders)
    assert any(ch in "".join(names) for ch in "áčđŋšŧž"), "the demo should show Sámi names"


def test_the_printed_demo_sign_ins_work(app, flask, quick_passwords, auth):
    output = flask("seed-demo").output

    for line in (line for line in output.splitlines()[2:] if "@" in line):  # not the live poll's code
        address = line.split(":", 1)[1].strip()
        assert auth.login(address, demo.PASSWORD).status_code == 302, address
        auth.logout()


def test_the_demo_group_leader_finds_a_key_to_the_api_on_the_profile(app, flask, quick_passwords, auth, client):
    output = flask("seed-demo").output
    group_leader = next(line for line in output.splitlines() if "Gruppeleder" in line).split(":", 1)[1].strip()

    auth.login(group_leader, demo.PASSWORD)
    page = text(client.get("/profil"))

    assert "Fagsystemet i Fjordvik kommune" in page


def test_create_admin_creates_a_platform_administrator(app, flask, auth):
    result = flask("create-admin", "Drift@Kommune.Example", "--name", "Driftsansvarlig",
                                 "--password", "et-langt-passord")

    assert result.exit_code == 0, result.output
    assert "Administrator drift@kommune.example er opprettet." in result.output
    assert auth.login("drift@kommune.example", "et-langt-passord", follow_redirects=True).request.path == "/admin/"


def test_create_admin_makes_an_existing_person_admin_without_a_second_account(app, flask, make_user, load):
    person = make_user("kari@fjordvik.kommune.example")

    result = flask("create-admin", "KARI@fjordvik.kommune.example")

    assert result.exit_code == 0
    assert "kari@fjordvik.kommune.example er nå administrator." in result.output
    assert load(User, person.id).is_admin
    assert counts(app)[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--password", "kort"], "Passordet må ha minst 10 tegn."),
        ([], "Oppgi passord med --password eller VERKSTED_ADMIN_PASSWORD."),
    ],
    ids=["short password", "no password"],
)
def test_create_admin_refuses_without_a_good_password(app, flask, monkeypatch, args, message):
    monkeypatch.delenv("VERKSTED_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("verksted.cli.os.isatty", lambda fd: False)  # as from a deploy script, not a terminal

    result = flask("create-admin", "drift@kommune.example", *args)

    assert result.exit_code != 0
    assert message in result.output
    assert counts(app)[0] == 0


def test_create_admin_reads_the_password_from_the_environment(app, flask, monkeypatch, load):
    monkeypatch.setenv("VERKSTED_ADMIN_PASSWORD", "et-langt-passord")

    result = flask("create-admin", "drift@kommune.example")

    assert result.exit_code == 0, result.output
    with app.app_context():
        admin = db.session.scalar(sa.select(User).where(User.email == "drift@kommune.example"))
        assert admin.is_admin and admin.check_password("et-langt-passord")
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Membership)) == 0
