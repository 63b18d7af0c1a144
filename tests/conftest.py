"""Shared fixtures: one app and one database for the session, emptied after every test.

The database is a SQLite file by default. With VERKSTED_TEST_POSTGRES set to a server admin
URL (postgresql://postgres@127.0.0.1:5432/postgres), a database of its own is created on that
server for the session and dropped at the end; no other database is touched.
"""
from __future__ import annotations

import email
import email.policy
import itertools
import os
import secrets
import shutil
from contextlib import contextmanager
from datetime import date, time, timedelta
from pathlib import Path
from types import SimpleNamespace

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import has_app_context
from werkzeug.security import generate_password_hash

from verksted import create_app
from verksted.accounts.models import User
from verksted.accounts.tokens import new_token
from verksted.clock import utcnow
from verksted.extensions import db
from verksted.gatherings import files as gathering_files
from verksted.gatherings.models import Gathering, GatheringFile, ProgrammeItem, Registration
from verksted.networks.models import Invitation, Membership, Network, OrganisationMember, OrgGroup, Role, Team
from verksted.plan.models import Activity, Milestone, MilestoneStatus, MilestoneStatusChange, Risk
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    FieldKind,
    Submission,
    SubmissionState,
    TemplateVersion,
)
from verksted.documents.models import Comment, FeedbackPhrase
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    Poll,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)
from verksted.reports.models import Report, ReportSection, SectionSource

PASSWORD = "passord-for-test"
POSTGRES_ENV = "VERKSTED_TEST_POSTGRES"


# --- databases --------------------------------------------------------------------------


@contextmanager
def postgres_database(admin_url: str):
    """A brand-new database on the server behind `admin_url`, dropped afterwards.

    Yields the SQLAlchemy URL of the new database (driver postgresql+psycopg).
    """
    import psycopg

    server = sa.engine.make_url(admin_url)
    name = f"verksted_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin_dsn = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    try:
        yield server.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def empty_database(tmp_dir: Path):
    """A fresh, empty database of the kind this run tests against."""
    admin_url = os.environ.get(POSTGRES_ENV)
    if admin_url:
        with postgres_database(admin_url) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_dir / f'verksted-{secrets.token_hex(4)}.sqlite3'}"


def dispose_engines(app) -> None:
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    with empty_database(tmp_path_factory.mktemp("database")) as url:
        yield url


# --- the app ----------------------------------------------------------------------------


def app_config(database_url: str, outbox: Path, **overrides) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test",
        "WTF_CSRF_ENABLED": False,
        "MAIL_SERVER": "",
        "MAIL_OUTBOX": str(outbox),
        "UPLOAD_FOLDER": str(Path(outbox).with_name("uploads")),  # beside the outbox, never in instance/
        "VERKSTED_BASE_URL": "http://localhost",
        **overrides,
    }


@pytest.fixture(scope="session")
def outbox_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("outbox")


@pytest.fixture(scope="session")
def app(database_url, outbox_dir):
    app = create_app(app_config(database_url, outbox_dir))
    with app.app_context():
        flask_migrate.upgrade()  # the schema comes from the migrations, which proves them too
    yield app
    dispose_engines(app)


@pytest.fixture(scope="session")
def csrf_app(database_url, outbox_dir, app):
    """The same database, with CSRF protection on as in production."""
    csrf_app = create_app(app_config(database_url, outbox_dir, WTF_CSRF_ENABLED=True))
    yield csrf_app
    dispose_engines(csrf_app)


@pytest.fixture(autouse=True)
def _empty_database_after_test(app, outbox_dir):
    yield
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
    for path in outbox_dir.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_client(csrf_app):
    return csrf_app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """A request context for calling services directly. Don't mix with `client` in one test:
    a request made inside it would share its app context and database session."""
    with app.test_request_context():
        yield
        db.session.rollback()


# --- reading what the app produced ------------------------------------------------------


class Outbox:
    """The e-mails the app has written to its outbox, oldest first, read afresh each time."""

    def __init__(self, directory: Path):
        self.directory = directory

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        paths = sorted(self.directory.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in paths]

    def __len__(self) -> int:
        return len(self.messages)

    def __iter__(self):
        return iter(self.messages)

    def __getitem__(self, index):
        return self.messages[index]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]


@pytest.fixture
def outbox(outbox_dir) -> Outbox:
    return Outbox(outbox_dir)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as statements: ...` collects every SQL statement sent."""

    @contextmanager
    def counting():
        with app.app_context():
            engines = list(db.engines.values())  # the answers' own engine on PostgreSQL too
        statements: list[str] = []

        def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        for engine in engines:
            sa.event.listen(engine, "before_cursor_execute", before_cursor_execute)
        try:
            yield statements
        finally:
            for engine in engines:
                sa.event.remove(engine, "before_cursor_execute", before_cursor_execute)

    return counting


@pytest.fixture
def load(app):
    """Read a row afresh from the database: load(User, user.id)."""

    def load(model, ident):
        with app.app_context():
            obj = db.session.get(model, ident)
            if obj is not None:
                db.session.refresh(obj)
            return obj

    return load


# --- signing in -------------------------------------------------------------------------


@pytest.fixture
def login(app):
    """Sign `client` in as `user` without typing the password (scrypt is slow)."""

    def login(client, user):
        with app.app_context():
            token = db.session.get(User, user.id).session_token
        with client.session_transaction() as session:
            session["_user_id"] = f"{user.id}:{token}"
            session["_fresh"] = True
        return client

    return login


class AuthActions:
    """Signing in and out through the real forms."""

    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = PASSWORD, **kwargs):
        return self._client.post("/logg-inn", data={"email": email, "password": password}, **kwargs)

    def logout(self, **kwargs):
        return self._client.post("/logg-ut", **kwargs)


@pytest.fixture
def auth(client):
    return AuthActions(client)


# --- factories --------------------------------------------------------------------------

_serial = itertools.count(1)


@pytest.fixture(scope="session")
def password_hash() -> str:
    """The hash of PASSWORD, computed once: scrypt takes a tenth of a second each time."""
    return generate_password_hash(PASSWORD)


@pytest.fixture
def save(app):
    """Add and commit objects; inside an active app context (ctx) they stay attached to its
    session, otherwise they come back detached with their columns loaded."""

    def save(*objects):
        if has_app_context():
            db.session.add_all(objects)
            db.session.commit()
            return objects
        with app.app_context():
            db.session.add_all(objects)
            db.session.commit()
            for obj in objects:
                db.session.refresh(obj)
        return objects

    return save


def _id(obj) -> int | None:
    return obj if obj is None or isinstance(obj, int) else obj.id


@pytest.fixture
def make_user(save, password_hash):
    def make_user(email=None, name=None, password=PASSWORD, is_admin=False, locale="nb") -> User:
        n = next(_serial)
        user = User(
            email=(email or f"person{n}@kommune.example").lower(),
            name=name or f"Person {n}",
            is_admin=is_admin,
            locale=locale,
        )
        if password == PASSWORD:
            user.password_hash = password_hash
        else:
            user.set_password(password)
        (user,) = save(user)
        return user

    return make_user


@pytest.fixture
def make_network(save):
    def make_network(name=None, **fields) -> Network:
        fields.setdefault("description", "")
        (network,) = save(Network(name=name or f"Læringsnettverk {next(_serial)}", **fields))
        return network

    return make_network


@pytest.fixture
def make_team(save):
    def make_team(network, municipality=None, **fields) -> Team:
        (team,) = save(Team(network_id=_id(network), municipality=municipality or f"Bygd {next(_serial)} kommune", **fields))
        return team

    return make_team


@pytest.fixture
def make_membership(save):
    def make_membership(user, network, role=Role.TEAM_MEMBER, team=None, is_group_leader=False, team_role="") -> Membership:
        (membership,) = save(
            Membership(
                user_id=_id(user),
                network_id=_id(network),
                role=Role(role),
                team_id=_id(team),
                is_group_leader=is_group_leader,
                team_role=team_role,
            )
        )
        return membership

    return make_membership


@pytest.fixture
def make_org_member(save):
    def make_org_member(network, group=OrgGroup.STEERING, name=None, role="Medlem", organisation="", position=0):
        (member,) = save(
            OrganisationMember(
                network_id=_id(network), group=OrgGroup(group), name=name or f"Person {next(_serial)}",
                role=role, organisation=organisation, position=position,
            )
        )
        return member

    return make_org_member


@pytest.fixture
def make_invitation(save):
    """An open invitation; its link token is on `.token`."""

    def make_invitation(network, email=None, role=Role.TEAM_MEMBER, team=None, name="", invited_by=None,
                        valid_for=timedelta(days=14), is_group_leader=False):
        token, token_hash = new_token()
        (invitation,) = save(
            Invitation(
                network_id=_id(network),
                email=(email or f"invitert{next(_serial)}@kommune.example").lower(),
                name=name,
                role=Role(role),
                team_id=_id(team),
                is_group_leader=is_group_leader,
                invited_by_id=_id(invited_by),
                token_hash=token_hash,
                expires_at=utcnow() + valid_for,
            )
        )
        invitation.token = token
        return invitation

    return make_invitation


VISITORS = (
    "anonymous",
    "other_team_member",  # in team Y of the same network, looking at team X
    "team_member",  # in team X
    "observer",
    "other_facilitator",  # project leader of network B only
    "facilitator",
    "admin",
)


@pytest.fixture
def world(app, login, save, make_user, make_network, make_team, make_membership, make_org_member, make_invitation):
    """The cast of the permission tests.

    Network A has a facilitator, an observer, team X (Fjellbygd) and team Y (Havbygd), each with
    a member, a steering group member and an open invitation to team X. Network B has its own
    facilitator. There is also a platform admin.
    """
    network = make_network("Rekruttering i Nordfjella", owner_organisation="Utviklingssenteret og KS")
    other_network = make_network("Heltid i Sørdalen")
    team_x = make_team(network, "Fjellbygd kommune", municipality_number="9911")
    team_y = make_team(network, "Havbygd kommune", municipality_number="9912")

    people = SimpleNamespace(
        facilitator=make_user("prosjektleder@usht.example", "Sigrun Fasilitator"),
        observer=make_user("observator@ks.example", "Olav Observatør"),
        team_member=make_user("kari@fjellbygd.kommune.example", "Kari Fjellbygd"),
        other_team_member=make_user("hans@havbygd.kommune.example", "Hans Havbygd"),
        other_facilitator=make_user("leder@sordalen.example", "Solveig Sørdalen"),
        admin=make_user("admin@verksted.example", "Ada Admin", is_admin=True),
    )
    memberships = SimpleNamespace(
        facilitator=make_membership(people.facilitator, network, Role.FACILITATOR),
        observer=make_membership(people.observer, network, Role.OBSERVER),
        team_member=make_membership(people.team_member, network, Role.TEAM_MEMBER, team_x, is_group_leader=True),
        other_team_member=make_membership(people.other_team_member, network, Role.TEAM_MEMBER, team_y),
        other_facilitator=make_membership(people.other_facilitator, other_network, Role.FACILITATOR),
    )
    org_member = make_org_member(network, OrgGroup.STEERING, "Rune Styringsleder", "Leder", "KS")
    invitation = make_invitation(network, "ny@fjellbygd.kommune.example", Role.TEAM_MEMBER, team_x,
                                 name="Nora Ny", invited_by=people.facilitator)
    (milestone, risk, activity) = save(
        Milestone(network_id=network.id, code="M1", title="Oppstart", starts_in=date(2025, 9, 1), ends_in=date(2025, 12, 1),
                  status=MilestoneStatus.IN_PROGRESS),
        Risk(network_id=network.id, description="Sykefravær i teamene", likelihood=2, consequence=3),
        Activity(network_id=network.id, title="Samlinger", sub_tasks="Program\nEvaluering"),
    )
    (status_change,) = save(MilestoneStatusChange(milestone_id=milestone.id, status=MilestoneStatus.IN_PROGRESS,
                                                  changed_on=date(2025, 10, 1), changed_by_id=people.facilitator.id))
    (gathering,) = save(Gathering(network_id=network.id, number=1, title="Oppstart", held_on=date(2026, 3, 30),
                                  starts_at=time(9), ends_at=time(15), host_team_id=team_x.id))
    (programme_item,) = save(ProgrammeItem(gathering_id=gathering.id, starts_at=time(9), title="Velkommen"))
    save(Registration(gathering_id=gathering.id, team_id=team_x.id, user_id=people.team_member.id, name="Kari Fjellbygd"))
    (gathering_file,) = save(GatheringFile(gathering_id=gathering.id, title="Program", filename="Program.pdf",
                                           stored_name=secrets.token_hex(16), content_type="application/pdf", size=9))
    with app.app_context():
        stored = gathering_files.path_of(gathering_file)
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"%PDF-1.4\n")
    (document_template,) = save(DocumentTemplate(network_id=network.id, kind=DocumentKind.FREMDRIFTSPLAN,
                                                 title="Fremdriftsplan"))
    (template_version,) = save(TemplateVersion(template_id=document_template.id, number=1, sections=[]))
    (document_request,) = save(DocumentRequest(network_id=network.id, template_id=document_template.id,
                                               title="Fremdriftsplan 1", due_on=date(2026, 3, 16)))
    save(Assignment(request_id=document_request.id, team_id=team_x.id),
         Assignment(request_id=document_request.id, team_id=team_y.id))
    # Team X's submitted document, not shared with the other teams.
    (submission,) = save(Submission(request_id=document_request.id, team_id=team_x.id,
                                    template_version_id=template_version.id, state=SubmissionState.SUBMITTED,
                                    submitted_at=utcnow()))
    (phrase,) = save(FeedbackPhrase(network_id=network.id, text="Hvordan vil dere måle effekten?"))
    (comment,) = save(Comment(submission_id=submission.id, body="Godt skrevet.", author_id=people.facilitator.id))
    (template,) = save(DocumentTemplate(
        network_id=network.id, kind=DocumentKind.FREMDRIFTSPLAN, title="Fremdriftsplan",
        versions=[TemplateVersion(number=1, sections=[
            {"key": "s-effektmal", "heading": "Effektmål", "guidance": "Hva vil dere oppnå?", "fields": [
                {"key": "f-effektmal", "label": "Effektmål", "kind": FieldKind.LONG_TEXT.value, "help": "",
                 "required": True, "choices": [], "columns": [], "carry": "effektmal"},
            ]},
            {"key": "s-plan", "heading": "Plan for perioden", "guidance": "", "fields": [
                {"key": "f-tiltak", "label": "Tiltak", "kind": FieldKind.TABLE.value, "help": "", "required": False,
                 "choices": [], "columns": ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"], "carry": "tiltak"},
            ]},
        ])],
    ))
    (evaluation_question,) = save(EvaluationQuestion(
        network_id=network.id, kind=QuestionKind.SCALE, position=1,
        versions=[EvaluationQuestionVersion(number=1, prompt="Hvor nyttig var dagen?", settings={"max": 5})],
    ))
    # A live poll at the gathering with an open scale question and a closed open-text one.
    (poll,) = save(Poll(network_id=network.id, gathering_id=gathering.id, title="Evaluering samling 1",
                        code="482913", state=PollState.LIVE))
    poll_question, text_question = save(
        PollQuestion(poll_id=poll.id, position=0, kind=QuestionKind.SCALE, prompt="Hvor nyttig var dagen?",
                     settings={"max": 5}, state=QuestionState.OPEN, evaluation_question_id=evaluation_question.id),
        PollQuestion(poll_id=poll.id, position=1, kind=QuestionKind.TEXT, prompt="Hva tar du med deg?",
                     settings={}, state=QuestionState.CLOSED),
    )
    (poll_answer,) = save(Answer(question_id=text_question.id, answer_key="0" * 64, value={"text": "Gruppearbeidet"}))
    (report,) = save(Report(network_id=network.id, title="Sluttrapport"))
    report_section, _results_section = save(
        ReportSection(report_id=report.id, position=1, title="Forord", source=SectionSource.NARRATIVE,
                      body="Takk til alle.", options={}),
        ReportSection(report_id=report.id, position=2, title="Resultater", source=SectionSource.RESULTS, body="",
                      options={}),
    )

    def client_for(visitor: str):
        client = app.test_client()
        if visitor != "anonymous":
            login(client, getattr(people, visitor))
        return client

    return SimpleNamespace(
        network=network,
        other_network=other_network,
        team_x=team_x,
        team_y=team_y,
        people=people,
        memberships=memberships,
        org_member=org_member,
        invitation=invitation,
        milestone=milestone,
        status_change=status_change,
        risk=risk,
        activity=activity,
        gathering=gathering,
        programme_item=programme_item,
        gathering_file=gathering_file,
        document_template=document_template,
        document_request=document_request,
        submission=submission,
        phrase=phrase,
        comment=comment,
        template=template,
        evaluation_question=evaluation_question,
        poll=poll,
        poll_question=poll_question,
        text_question=text_question,
        poll_answer=poll_answer,
        report=report,
        report_section=report_section,
        client_for=client_for,
        **vars(people),
    )
