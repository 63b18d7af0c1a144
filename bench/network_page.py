"""How fast the network overview and its people list answer for a large network.

A network with 60 municipal teams of 5 members each, seen by its project leader through
gunicorn with two workers. Each page is fetched 20 times untimed, then 200 times timed.

Last line: teams=60 network_p50_ms=… network_p95_ms=… people_p50_ms=… people_p95_ms=…
"""
from __future__ import annotations

import secrets
import sys

from _harness import BenchError, Client, bench_database, gunicorn_server, measure, report

TEAMS = 60
MEMBERS_PER_TEAM = 5
REQUESTS = 200
WARMUP = 20
PASSWORD = "bench-passord-123"


def fill(app) -> tuple[int, str]:
    """Create the network; return its id and the project leader's e-mail."""
    from verksted.accounts.models import User
    from verksted.extensions import db
    from verksted.networks.models import Membership, Network, Role, Team

    run = secrets.token_hex(3)  # lets the benchmark add to a database that is not new
    with app.app_context():
        leader = User(email=f"prosjektleder-{run}@bench.example", name="Målfrid Prosjektleder")
        leader.set_password(PASSWORD)  # scrypt is slow on purpose: hash once, reuse below
        network = Network(
            name=f"Ytelsesnettverk {run} – Sápmi og Nordfjella",
            description="Et stort, oppdiktet nettverk for ytelsesmåling.",
            main_goal="Rekruttere og beholde fagfolk i helse- og omsorgstjenesten.",
        )
        db.session.add_all([leader, network])
        db.session.add(Membership(user=leader, network=network, role=Role.FACILITATOR))
        for t in range(1, TEAMS + 1):
            team = Team(network=network, municipality=f"Kommune {t:02d} Gáivuotna-Čáhcesuolu")
            db.session.add(team)
            for m in range(1, MEMBERS_PER_TEAM + 1):
                user = User(email=f"k{t:02d}-m{m}-{run}@bench.example", name=f"Åsne Øvrebø {t:02d}-{m}")
                user.password_hash = leader.password_hash
                db.session.add(user)
                db.session.add(
                    Membership(
                        user=user,
                        network=network,
                        role=Role.TEAM_MEMBER,
                        team=team,
                        is_group_leader=(m == 1),
                        team_role="Gruppeleder" if m == 1 else "Sykepleier",
                    )
                )
                if m == 1:
                    team.contact = user
        db.session.commit()
        return network.id, leader.email


def main() -> int:
    with bench_database() as (app, url):
        network_id, email = fill(app)
        with gunicorn_server(url) as server:
            client = Client(server.base_url)
            client.sign_in(email, PASSWORD)
            overview = measure(client, f"/nettverk/{network_id}", REQUESTS, WARMUP, server)
            people = measure(client, f"/nettverk/{network_id}/personer", REQUESTS, WARMUP, server)
    report(
        teams=TEAMS,
        network_p50_ms=overview["p50_ms"],
        network_p95_ms=overview["p95_ms"],
        people_p50_ms=people["p50_ms"],
        people_p95_ms=people["p95_ms"],
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"FEIL: {error}", file=sys.stderr)
        sys.exit(1)
