"""An invented learning network that shows every feature: `flask --app verksted seed-demo`.

Every name, municipality and address here is made up.
"""
from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.accounts.tokens import new_token
from verksted.api import tokens as api_tokens
from verksted.calendar import demo as calendar_demo
from verksted.gatherings import demo as gatherings_demo
from verksted.clock import utcnow
from verksted.documents import demo as documents_demo
from verksted.documents import demo_review
from verksted.documents.starter import add_starter_templates
from verksted.extensions import db
from verksted.networks.models import (
    Invitation,
    Membership,
    Network,
    NetworkGoal,
    OrganisationMember,
    OrgGroup,
    Role,
    Team,
    TeamStatus,
)
from verksted.plan import demo as plan_demo
from verksted.polls import demo as polls_demo
from verksted.reports import demo as reports_demo

PASSWORD = "verksted-demo"
NETWORK_NAME = "Rekruttere og beholde – læringsnettverk i Nordfjella 2025–2027"

LEADER = ("Sigrid Håland", "prosjektleder@verksted.example")
OBSERVER = ("Torbjørn Eide", "observator@verksted.example")
ADMIN = ("Verksted-administrator", "admin@verksted.example")
SECOND_LEADER = ("Halvard Brekke", "halvard.brekke@verksted.example")

TEAMS = [
    # municipality, number, domain, [(name, team role, gruppeleder)]
    ("Fjordvik kommune", "9901", "fjordvik", [
        ("Ingrid Solberg", "Enhetsleder, Fjordvik sykehjem", True),
        ("Kari Nordmo", "Sykepleier", False),
        ("Ahmed Haugen", "Helsefagarbeider", False),
        ("Liv Åsheim", "Hovedtillitsvalgt, Fagforbundet", False),
        ("Per Øvrebø", "HR-rådgiver", False),
    ]),
    ("Lierbygd kommune", "9902", "lierbygd", [
        ("Marte Kvåle", "Kommunalsjef helse og omsorg", True),
        ("Jonas Bråten", "Fagutviklingssykepleier", False),
        ("Sunniva Dahl", "Avdelingsleder hjemmetjenesten", False),
    ]),
    ("Storåsen kommune", "9903", "storasen", [
        ("Eirik Mælen", "Enhetsleder, hjemmebaserte tjenester", True),
        ("Hanne Fossum", "Sykepleier", False),
        ("Tone Lindvik", "Helsefagarbeider", False),
        ("Zofia Nowak", "Tillitsvalgt, NSF", False),
    ]),
    ("Vestre Mo kommune", "9904", "vestremo", [
        ("Bjørg Rønning", "Virksomhetsleder, Mo omsorgssenter", True),
        ("Anders Sæther", "Personalrådgiver", False),
        ("Mia Strand", "Sykepleier", False),
        ("Ola Tveit", "Helsefagarbeider, lærling", False),
        ("Randi Hovde", "Fagsykepleier demens", False),
        ("Nils Jøssang", "Verneombud", False),
    ]),
    ("Čáhppesjávri suohkan – Svartvatn kommune", "9905", "svartvatn", [
        ("Máret Ánde Guttorm", "Enhetsleder, Svartvatn helsesenter", True),
        ("Biret Sárá Eira", "Sykepleier", False),
        ("Nils-Ŋuvllát Somby", "Helsefagarbeider", False),
        ("Elle-Káre Sara", "Rådgiver, kompetanse og rekruttering", False),
    ]),
    ("Håkøy kommune", "9906", "hakoy", [
        ("Gunnar Vik", "Enhetsleder, Håkøy sykehjem", True),
        ("Siv Leirvåg", "Sykepleier", False),
        ("Trude Moen", "Helsefagarbeider", False),
    ]),
]

STEERING_GROUP = [
    ("Anne-Lise Berg", "Leder", "Kommunedirektør, Fjordvik kommune"),
    ("Rune Skjelbred", "Medlem", "KS Nordfjella"),
    ("Hilde Aamodt", "Medlem", "Utviklingssenter for sykehjem og hjemmetjenester"),
    ("Torbjørn Eide", "Medlem", "Fagforbundet Nordfjella"),
    ("Ragnhild Ås", "Medlem", "Norsk Sykepleierforbund, fylkeskontoret"),
]
WORKING_GROUP = [
    ("Sigrid Håland", "Prosjektleder", "Utviklingssenter for sykehjem og hjemmetjenester"),
    ("Knut Lunde", "Rådgiver", "KS Nordfjella"),
    ("Silje Fjeld", "Fagrådgiver", "Statsforvalteren i Nordfjella"),
]


def _user(name: str, email: str, is_admin: bool = False) -> User:
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None:
        user = User(name=name, email=email, is_admin=is_admin)
        user.set_password(PASSWORD)
        db.session.add(user)
    return user


def seed() -> bool:
    """Create the demo network; does nothing if it is there already."""
    if db.session.scalar(sa.select(Network.id).where(Network.name == NETWORK_NAME)):
        return False
    _user(*ADMIN, is_admin=True)
    leader = _user(*LEADER)
    observer = _user(*OBSERVER)

    network = Network(
        name=NETWORK_NAME,
        description=(
            "Et utviklingsverksted der seks kommuner i Nordfjella arbeider med **rekruttering**, "
            "**kompetanse** og **heltid** i helse- og omsorgstjenestene. Teamene møtes på seks "
            "samlinger og arbeider med egne tiltak hjemme mellom samlingene."
        ),
        owner_organisation="Utviklingssenter for sykehjem og hjemmetjenester i Nordfjella og KS",
        starts_on=date(2025, 9, 1),
        ends_on=date(2027, 6, 30),
        main_goal=(
            "Kommunene i nettverket arbeider planmessig og systematisk med å rekruttere, utvikle og "
            "beholde medarbeidere i helse- og omsorgstjenestene."
        ),
    )
    network.goals = [
        NetworkGoal(position=i, text=text)
        for i, text in enumerate([
            "Hver kommune har en oppdatert kompetanse- og rekrutteringsplan som brukes i det daglige.",
            "Flere ansatte i deltakende tjenester har heltidsstilling.",
            "Lederne har oversikt over medarbeidernes kompetanse og opplæringsbehov.",
            "Kommunene deler erfaringer og gode tiltak med hverandre.",
        ])
    ]
    network.organisation = [
        OrganisationMember(group=group, position=i, name=name, role=role, organisation=org)
        for group, people in ((OrgGroup.STEERING, STEERING_GROUP), (OrgGroup.WORKING, WORKING_GROUP))
        for i, (name, role, org) in enumerate(people)
    ]
    db.session.add(network)
    db.session.add_all([
        Membership(user=leader, network=network, role=Role.FACILITATOR),
        Membership(user=observer, network=network, role=Role.OBSERVER),
    ])

    for municipality, number, domain, people in TEAMS:
        team = Team(network=network, municipality=municipality, municipality_number=number)
        db.session.add(team)
        for name, team_role, is_lead in people:
            email = _email(name, domain)
            user = _user(name, email)
            db.session.add(Membership(
                user=user, network=network, role=Role.TEAM_MEMBER, team=team,
                is_group_leader=is_lead, team_role=team_role,
            ))
            if is_lead:
                team.contact = user
    withdrawn = next(t for t in network.teams if t.municipality == "Håkøy kommune")
    withdrawn.status = TeamStatus.WITHDRAWN
    withdrawn.withdrawn_on = date(2026, 3, 16)
    withdrawn.withdrawal_reason = (
        "Langvarig sykefravær hos gruppeleder og enhetsleder. Kommunen har ikke kapasitet til å "
        "følge arbeidet i resten av perioden, men ønsker å delta i neste nettverk."
    )
    fjordvik = next(t for t in network.teams if t.municipality == "Fjordvik kommune")
    _, token_hash = new_token()
    db.session.add(Invitation(
        network=network, email="jorunn.aune@fjordvik.kommune.example", name="Jorunn Aune",
        role=Role.TEAM_MEMBER, team=fjordvik, team_role="Helsefagarbeider, nattevakt",
        token_hash=token_hash, invited_by=leader, expires_at=utcnow() + timedelta(days=10),
    ))

    # A second, smaller network: the demo project leader reads along there as an observer.
    second = Network(
        name="Heltidskultur i praksis 2026",
        description="Et kortere nettverk for kommuner som vil prøve ut nye turnusordninger.",
        owner_organisation="KS Nordfjella",
        starts_on=date(2026, 1, 15),
        ends_on=date(2026, 12, 15),
        main_goal="Flere ansatte i heltidsstillinger gjennom nye turnusmodeller.",
    )
    db.session.add(second)
    second_leader = _user(*SECOND_LEADER)
    db.session.add_all([
        Membership(user=second_leader, network=second, role=Role.FACILITATOR),
        Membership(user=leader, network=second, role=Role.OBSERVER),
        Team(network=second, municipality="Elvdal kommune", municipality_number="9907"),
        Team(network=second, municipality="Nordre Strand kommune", municipality_number="9908"),
    ])
    add_starter_templates(network, leader)
    add_starter_templates(second, second_leader)
    calendar_demo.seed(network, leader)
    gatherings_demo.seed(network, leader)
    polls_demo.seed(network, leader)
    plan_demo.seed(network, leader)
    documents_demo.seed(network, leader)
    demo_review.seed_feedback(network, leader)
    reports_demo.seed(network, leader)
    # The previous cycle, finished, with its whole project report; the leader ran it too.
    finished = reports_demo.finished_network(reports_demo.FINISHED_NAME, leader=leader)
    db.session.add(Membership(user=observer, network=finished, role=Role.OBSERVER))
    _api_keys(leader, fjordvik.contact)
    return True


def _api_keys(leader: User, group_leader: User) -> None:
    """Keys to the API on two profiles, so the list there has something to show; their secrets
    were shown once and are known to nobody."""
    db.session.flush()
    used = utcnow() - timedelta(days=2, hours=3)
    key, _secret = api_tokens.create(group_leader, "Fagsystemet i Fjordvik kommune", can_write=True)
    key.last_used_at = used
    api_tokens.create(leader, "Uttrekk til KS-statistikken", expires_on=date(2027, 6, 30), today=date(2026, 1, 1))


def _email(name: str, domain: str) -> str:
    plain = name.lower()
    for sami, latin in {"á": "a", "č": "c", "đ": "d", "ŋ": "n", "š": "s", "ŧ": "t", "ž": "z",
                        "æ": "ae", "ø": "o", "å": "a", " ": ".", "-": "."}.items():
        plain = plain.replace(sami, latin)
    return f"{plain}@{domain}.kommune.example"


def sign_in_help() -> str:
    lead = TEAMS[0][3][0][0]
    lines = [
        "Logg inn på http://127.0.0.1:5000 med passordet «%s» og en av disse:" % PASSWORD,
        f"  Prosjektleder:          {LEADER[1]}",
        f"  Observatør:             {OBSERVER[1]}",
        f"  Gruppeleder (Fjordvik): {_email(lead, TEAMS[0][2])}",
        f"  Administrator:          {ADMIN[1]}",
    ]
    lines.append(f"Prosjektrapporten (som prosjektleder, menyen Prosjektrapport): ferdig skrevet i "
                 f"«{reports_demo.FINISHED_NAME}», påbegynt i «{NETWORK_NAME}».")
    code = polls_demo.live_code()
    if code:
        lines.append(f"Svar på en avstemning uten å logge inn: http://127.0.0.1:5000/svar med koden {code}")
    return "\n".join(lines)
