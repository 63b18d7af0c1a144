"""How fast the documents pages answer for a large network, and how fast a long PDF is made.

A network of 60 municipal teams (5 members each) asked for 40 documents made from the built-in
templates: every team has a filled-in document for every request, each saved ten times. Served
by gunicorn with two workers, the project leader's overview matrix and one team's workspace are
each fetched 20 times untimed, then 200 times timed. Then, in this process, a status report long
enough for 20 pages or more is made into a PDF ten times.

Targets: p95 under 100 ms for both pages; the PDF under 300 ms.

Last line: teams=60 requests=40 versions=10 matrix_p50_ms=… matrix_p95_ms=… workspace_p50_ms=…
workspace_p95_ms=… pdf_pages=… pdf_ms=…
"""
from __future__ import annotations

import re
import secrets
import statistics
import sys
import time
from datetime import date, datetime, timedelta

from _harness import BenchError, Client, bench_database, gunicorn_server, measure, report

TEAMS = 60
MEMBERS_PER_TEAM = 5
REQUESTS = 40
VERSIONS = 10
REQUESTS_TIMED = 200
WARMUP = 20
PDF_RUNS = 10
PDF_MIN_PAGES = 20
PASSWORD = "bench-passord-123"

PARAGRAPH = (
    "Teamet i Gáivuotna har prøvd ut **langvakter** i to enheter og ser at flere ansatte ønsker "
    "større stillinger. Vi har hatt tre arbeidsmøter med tillitsvalgte og HR, og sykefraværet i "
    "hjemmetjenesten har gått ned fra 11,2 til 8,4 prosent. Neste steg er å prøve ut en ny turnus "
    "på Fjordtun omsorgssenter, der vi også vil kartlegge ønsket stillingsstørrelse."
)
LONG_TEXT = (
    f"{PARAGRAPH}\n\n- Kartlegge ønsket stillingsstørrelse\n- Dialog med tillitsvalgte\n"
    f"- Ny turnus fra mars\n\n{PARAGRAPH}"
)
TABLE_ROWS = [
    ["Flere hele stillinger", "Turnus med langvakter", "Enhetsleder", "Vår 2026"],
    ["Rekruttere lærlinger", "Lærlingdag på skolen", "HR-rådgiver", "Høst 2026"],
    ["Beholde nyutdannede", "Mentorordning første år", "Fagutviklingssykepleier", "Hele perioden"],
    ["Redusere sykefravær", "Tidlig dialog ved fravær", "Avdelingsleder", "Løpende"],
]


def answer(field: dict, version: int = VERSIONS, long_text: str = LONG_TEXT):
    """A filled-in answer of the field's kind; `version` varies the text a little per save."""
    kind = field["kind"]
    if kind == "long_text":
        return f"{long_text}\n\nLagret {version}. gang."
    if kind == "short_text":
        return "Åse Nordmo Čuđegátte"
    if kind == "number":
        return "42,5"
    if kind == "date":
        return "2026-02-14"
    if kind == "meeting":
        return {"date": "2026-02-14", "time": "09:30", "place": "Rådhuset, møterom Ŋuolla"}
    if kind == "list":
        return ["Enhetsleder", "Sykepleier", "Helsefagarbeider", "Tillitsvalgt"]
    if kind == "choice":
        return (field.get("choices") or [""])[0]
    if kind == "table":
        return [row[: len(field.get("columns") or [])] for row in TABLE_ROWS]
    return "Svar"


def answers_for(sections: list[dict], version: int = VERSIONS, long_text: str = LONG_TEXT) -> dict:
    return {field["key"]: answer(field, version, long_text) for section in sections for field in section["fields"]}


def templates_for(network, leader) -> list:
    """The built-in templates; a template of the same size when they are not there."""
    try:
        from verksted.documents.starter import add_starter_templates
    except ImportError:
        add_starter_templates = None
    if add_starter_templates is not None:
        return add_starter_templates(network, leader)
    from verksted.documents.models import DocumentKind
    from verksted.documents.services import create_template

    kinds = ["short_text", "long_text", "long_text", "meeting", "table", "list", "long_text", "date"]
    sections = [
        {"key": f"s-{n}", "heading": f"Del {n}", "guidance": "Hva har dere **gjort**, og hvorfor?",
         "fields": [{"key": f"f-{n}", "label": f"Spørsmål {n}", "kind": kind, "help": "", "required": False,
                     "choices": [], "columns": ["Delmål", "Tiltak", "Ansvarlig", "Tidsestimat"], "carry": ""}]}
        for n, kind in enumerate(kinds)
    ]
    return [create_template(network, kind, kind.value.capitalize(), sections, created_by=leader)
            for kind in (DocumentKind.HOVEDPLAN, DocumentKind.FREMDRIFTSPLAN, DocumentKind.STATUSRAPPORT,
                         DocumentKind.SLUTTRAPPORT)]


def fill(app) -> dict:
    """The network, its teams, requests and versioned submissions, inserted in bulk."""
    import sqlalchemy as sa

    from verksted.accounts.models import User
    from verksted.documents.models import (
        Assignment,
        DocumentRequest,
        Submission,
        SubmissionState,
        SubmissionVersion,
    )
    from verksted.extensions import db
    from verksted.networks.models import Membership, Network, Role, Team

    run = secrets.token_hex(3)  # lets the benchmark add to a database that is not new
    with app.test_request_context():
        leader = User(email=f"prosjektleder-{run}@bench.example", name="Målfrid Prosjektleder")
        leader.set_password(PASSWORD)  # scrypt is slow on purpose: hash once, reuse below
        network = Network(name=f"Dokumentnettverk {run} – Sápmi og Nordfjella", description="Oppdiktet.",
                          starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))
        db.session.add_all([leader, network, Membership(user=leader, network=network, role=Role.FACILITATOR)])
        teams, member_email = [], None
        for t in range(1, TEAMS + 1):
            team = Team(network=network, municipality=f"Kommune {t:02d} Gáivuotna-Čáhcesuolu")
            teams.append(team)
            for m in range(1, MEMBERS_PER_TEAM + 1):
                user = User(email=f"d{t:02d}-m{m}-{run}@bench.example", name=f"Åsne Øvrebø {t:02d}-{m}")
                user.password_hash = leader.password_hash
                member_email = member_email or user.email
                db.session.add_all([team, user, Membership(user=user, network=network, role=Role.TEAM_MEMBER,
                                                           team=team, is_group_leader=m == 1)])
        templates = templates_for(network, leader)
        db.session.flush()
        requests = []
        for r in range(REQUESTS):
            template = templates[r % len(templates)]
            due = date(2025, 10, 1) + timedelta(days=15 * r)
            requests.append(DocumentRequest(
                network=network, template=template, title=f"{template.title} {r // len(templates) + 1}",
                due_on=due, period_from=due - timedelta(days=90), period_to=due, created_by_id=leader.id,
            ))
        db.session.add_all(requests)
        db.session.flush()
        db.session.execute(sa.insert(Assignment), [
            {"request_id": request.id, "team_id": team.id} for request in requests for team in teams
        ])
        rows, version_answers = [], []
        states = [SubmissionState.SUBMITTED, SubmissionState.APPROVED, SubmissionState.SUBMITTED,
                  SubmissionState.RETURNED, SubmissionState.DRAFT]
        for r, request in enumerate(requests):
            version = request.template.versions[-1]
            answers = answers_for(version.sections)
            for t, team in enumerate(teams):
                state = states[(r + t) % len(states)]
                submitted = datetime.combine(request.due_on, datetime.min.time()) - timedelta(hours=t)
                rows.append({
                    "request_id": request.id, "team_id": team.id, "template_version_id": version.id,
                    "state": state, "answers": answers, "revision": VERSIONS,
                    "submitted_at": None if state is SubmissionState.DRAFT else submitted,
                    "is_late": (r * t) % 9 == 1, "updated_at": submitted,
                })
                version_answers.append(version.sections)
        ids = db.session.scalars(
            sa.insert(Submission).returning(Submission.id, sort_by_parameter_order=True), rows
        ).all()
        for start in range(0, len(ids), 500):  # keeps memory flat: 24 000 versions in batches
            db.session.execute(sa.insert(SubmissionVersion), [
                {"submission_id": submission_id, "number": n, "answers": answers_for(sections, n),
                 "event": "save", "saved_at": datetime(2026, 1, 1) + timedelta(minutes=n)}
                for submission_id, sections in zip(ids[start:start + 500], version_answers[start:start + 500])
                for n in range(1, VERSIONS + 1)
            ])
        db.session.commit()
        return {"network_id": network.id, "team_id": teams[0].id, "leader": leader.email, "member": member_email}


def long_submission(app, filled: dict) -> int:
    """A status report from the first team whose long answers make at least 20 pages."""
    import sqlalchemy as sa

    from verksted.documents import exports
    from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, Submission, SubmissionState
    from verksted.extensions import db

    with app.test_request_context():
        template = db.session.scalar(sa.select(DocumentTemplate).where(
            DocumentTemplate.network_id == filled["network_id"], DocumentTemplate.kind == DocumentKind.STATUSRAPPORT))
        version = template.versions[-1]
        request = DocumentRequest(network_id=filled["network_id"], template=template, title="Statusrapport – lang",
                                  due_on=date(2026, 11, 1))
        submission = Submission(request=request, team_id=filled["team_id"], template_version=version,
                                state=SubmissionState.SUBMITTED, submitted_at=datetime(2026, 10, 30, 12, 0))
        db.session.add_all([request, submission])
        long_fields = sum(1 for s in version.sections for f in s["fields"] if f["kind"] == "long_text") or 1
        paragraphs = max(1, 50 // long_fields)
        for _attempt in range(6):
            text = "\n\n".join([LONG_TEXT] * paragraphs)
            submission.answers = answers_for(version.sections, 1, text)
            db.session.flush()
            pages = count_pages(exports.submission_pdf(submission))
            if pages >= PDF_MIN_PAGES:
                break
            paragraphs = int(paragraphs * PDF_MIN_PAGES / max(pages, 1)) + 1
        db.session.commit()
        return submission.id


def count_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def time_pdf(app, submission_id: int) -> tuple[int, float]:
    """Pages and median milliseconds of making the submission's PDF, as the download does."""
    from verksted.documents import exports
    from verksted.documents.exports.content import load_submission

    with app.test_request_context():
        submission = load_submission(submission_id)
        pages = count_pages(exports.submission_pdf(submission))
        if pages < PDF_MIN_PAGES:
            raise BenchError(f"PDF-en ble bare {pages} sider; målingen krever minst {PDF_MIN_PAGES}.")
        durations = []
        for _ in range(PDF_RUNS):
            start = time.perf_counter()
            exports.submission_pdf(submission)
            durations.append((time.perf_counter() - start) * 1000)
    return pages, statistics.median(durations)


def check_page(client: Client, path: str, name: str) -> None:
    response = client.get(path)
    if response.status != 200:
        raise BenchError(f"{name} ({path}) svarte {response.status}; finnes siden, og har brukeren tilgang?")


def main() -> int:
    with bench_database() as (app, url):
        started = time.perf_counter()
        filled = fill(app)
        pdf_submission = long_submission(app, filled)
        print(f"Data lagt inn på {time.perf_counter() - started:.1f} s.", file=sys.stderr)
        matrix_path = f"/nettverk/{filled['network_id']}/dokumenter/oversikt"
        workspace_path = f"/team/{filled['team_id']}/dokumenter"
        with gunicorn_server(url) as server:
            leader, member = Client(server.base_url), Client(server.base_url)
            leader.sign_in(filled["leader"], PASSWORD)
            member.sign_in(filled["member"], PASSWORD)
            check_page(leader, matrix_path, "Oversikten over innleveringer")
            check_page(member, workspace_path, "Teamets dokumentside")
            matrix = measure(leader, matrix_path, REQUESTS_TIMED, WARMUP, server)
            print(f"Oversikten: p50 {matrix['p50_ms']:.1f} ms, p95 {matrix['p95_ms']:.1f} ms.", file=sys.stderr)
            workspace = measure(member, workspace_path, REQUESTS_TIMED, WARMUP, server)
            print(f"Teamets side: p50 {workspace['p50_ms']:.1f} ms, p95 {workspace['p95_ms']:.1f} ms.", file=sys.stderr)
        pdf_pages, pdf_ms = time_pdf(app, pdf_submission)
    report(
        teams=TEAMS, requests=REQUESTS, versions=VERSIONS,
        matrix_p50_ms=matrix["p50_ms"], matrix_p95_ms=matrix["p95_ms"],
        workspace_p50_ms=workspace["p50_ms"], workspace_p95_ms=workspace["p95_ms"],
        pdf_pages=pdf_pages, pdf_ms=pdf_ms,
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"FEIL: {error}", file=sys.stderr)
        sys.exit(1)
