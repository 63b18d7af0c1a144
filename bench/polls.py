"""A whole hall answers a live poll at once.

A live poll of five open questions (scale, single choice, multiple choice, words, open text;
every question open at once) on gunicorn with the production settings. 1,000 simulated
participants, each with its own cookies, join by the poll's address and answer all five, sixteen
phones sending at a time; then a tenth of the answers are changed. Afterwards the database must hold
exactly the answers sent: one per participant and question, the changed ones with their new
value, none lost, none doubled.

Measured: the latency of every answer sent (p50, p95), answers per second over the answering,
the same server's rate on a trivial endpoint (/helse) with the same number of clients, their
ratio, and the largest resident memory of any server process during the run. On stderr, each
phase's rate and the CPU time per request of the server, this client and (when it runs on this
machine) PostgreSQL.

    python bench/polls.py                         a new SQLite file
    VERKSTED_BENCH_DATABASE_URL=… python bench/polls.py    that database
    python bench/polls.py --postgres postgresql://postgres@127.0.0.1:5432/postgres
                                                  a scratch database on that server, dropped
                                                  afterwards (skipped when the server is down)

Last line: participants=… answers=… answers_per_s=… p50_ms=… p95_ms=… noop_per_s=… ratio=…
max_rss_mb=… database=sqlite|postgresql
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from _harness import (
    BenchError,
    RssSampler,
    bench_database,
    cpu_seconds,
    gunicorn_server,
    percentile,
    postgres_answers,
    postgres_database,
    report,
)

PARTICIPANTS = int(os.environ.get("BENCH_POLL_PARTICIPANTS", "1000"))
CLIENTS = int(os.environ.get("BENCH_POLL_CLIENTS", "16"))  # phones sending at the same moment
CHANGED_SHARE = 0.10
NOOP_REQUESTS = 4000  # even: half before the answers, half after
SEED = 20261122

QUESTIONS = [  # kind, prompt, settings
    ("scale", "Hvor nyttig var samlingen for kommunen deres?", {"max": 5, "low_label": "Lite", "high_label": "Svært",
                                                                 "dont_know": True}),
    ("single", "Hvilken del av dagen ga mest?", {"options": ["Foredraget", "Gruppearbeidet", "Kafébordet",
                                                             "Besøket på Čáhcesuolu helsetun"]}),
    ("multiple", "Hva vil dere ta med hjem?", {"options": ["Turnusmodellen", "Rekrutteringsplanen", "Heltidsløftet",
                                                            "Ŋuolla-metoden"], "max_choices": 2}),
    ("words", "Tre ord om dagen", {"max_words": 3}),
    ("text", "Hva bør vi gjøre annerledes neste gang?", {}),
]


def answer_for(kind: str, n: int, changed: bool = False) -> tuple[dict, list[tuple[str, str]]]:
    """What participant n answers to a question of this kind: the value the database should hold,
    and the form fields that send it. A changed answer differs from the first."""
    m = n + 7 if changed else n
    if kind == "scale":
        if m % 11 == 0:
            return {"dont_know": True}, [("score", "dont_know")]
        score = 1 + m % 5
        return {"score": score}, [("score", str(score))]
    if kind == "single":
        return {"choice": m % 4}, [("choice", str(m % 4))]
    if kind == "multiple":
        # A change leaves out the first choice it made (n % 4), so it always differs.
        choices = sorted({(n + 1) % 4, (n + 2) % 4} if changed else {n % 4, (n // 4) % 4})
        return {"choices": choices}, [("choices", str(c)) for c in choices]
    if kind == "words":
        words = [f"ord{m}", "Ærlig", "Gáivuotna 🙂"][: 1 + m % 3]
        return {"words": words}, [("words", word) for word in words]
    text = f"Svar nr. {m}: mer tid til gruppearbeid – æøå ÆØÅ á č đ ŋ š ŧ ž 🙂{' (endret)' if changed else ''}"
    return {"text": text}, [("text", text)]


# --- the poll ---------------------------------------------------------------------------------


def create_poll(app) -> dict:
    """A live poll with every question open at once; returns its id, code and questions."""
    import secrets

    from verksted.extensions import db
    from verksted.networks.models import Network, Team
    from verksted.polls import services
    from verksted.polls.models import PollPace, QuestionKind

    run = secrets.token_hex(3)  # lets the benchmark add to a database that is not new
    with app.test_request_context():
        network = Network(name=f"Avstemningsnettverk {run} – Sápmi og Nordfjella", description="Oppdiktet.")
        db.session.add(network)
        db.session.add_all(Team(network=network, municipality=f"Kommune {t:02d}") for t in range(1, 11))
        poll = services.create_poll(network, f"Evaluering av samlingen {run} 🙂", from_template=False)
        for kind, prompt, settings in QUESTIONS:
            services.add_question(poll, QuestionKind(kind), prompt, settings)
        services.start_poll(poll, PollPace.ALL)
        db.session.commit()
        return {"id": poll.id, "code": poll.code, "questions": [(q.id, q.kind.value) for q in poll.questions]}


# --- the phones -------------------------------------------------------------------------------

META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


@dataclass
class Phone:
    """One participant's browser: its cookies and the page's CSRF token."""

    number: int
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            if "max-age=0" in attributes.lower() or "1970" in attributes:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value


class Connections:
    """One keep-alive HTTP connection per client thread; the client stays cheap, since it shares
    the machine's cores with the server."""

    def __init__(self, base_url: str) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.local = threading.local()
        self.reconnects = 0

    def send(self, method: str, path: str, headers: dict, body: bytes | None = None) -> tuple[http.client.HTTPResponse, bytes, float]:
        """Send one request; returns the response, its body and the milliseconds it took."""
        for attempt in (1, 2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle connection before reading the request: send it again.
                connection.close()
                self.local.connection = None
                self.reconnects += 1
                if attempt == 2:
                    raise
                continue
            return response, data, (time.perf_counter() - start) * 1000
        raise AssertionError("unreachable")


def join(connections: Connections, phone: Phone, code: str) -> None:
    response, body, _ms = connections.send("GET", f"/svar/{code}", {"Cookie": phone.cookie_header()})
    if response.status != 200:
        raise BenchError(f"Deltaker {phone.number} fikk {response.status} på /svar/{code}.")
    phone.keep_cookies(response)
    found = META_CSRF.search(body.decode("utf-8", "replace"))
    if not found:
        raise BenchError("Fant ikke <meta name=\"csrf-token\"> på avstemningssiden.")
    phone.csrf = found.group(1)


def send_answer(connections: Connections, phone: Phone, code: str, question_id: int, fields: list) -> float:
    body = urllib.parse.urlencode(fields).encode()
    headers = {
        "Cookie": phone.cookie_header(),
        "Accept": "application/json",
        "X-CSRFToken": phone.csrf,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    response, data, ms = connections.send("POST", f"/svar/{code}/sporsmal/{question_id}", headers, body)
    phone.keep_cookies(response)
    try:
        reply = json.loads(data)
    except ValueError:
        reply = {}
    if response.status != 200 or reply.get("ok") is not True:
        raise BenchError(f"Svaret fra deltaker {phone.number} på spørsmål {question_id} ga {response.status}: "
                         f"{data[:300].decode('utf-8', 'replace')}")
    return ms


def run_all(tasks: list, clients: int, server=None, label: str = "") -> tuple[list, float]:
    """Run the tasks `clients` at a time; returns their results and the wall time in seconds.
    With a server, says on stderr how much CPU the server and the client used per task."""
    before = cpu_seconds(server) if server else None
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = [future.result() for future in [pool.submit(task) for task in tasks]]
    seconds = time.perf_counter() - start
    if server:
        after = cpu_seconds(server)
        per_task = [(end - start) / len(tasks) * 1000 for start, end in zip(before, after)]
        print(f"{label}: {len(tasks) / seconds:.0f}/s; CPU per stk.: tjener {per_task[0]:.2f} ms, "
              f"klient {per_task[1]:.2f} ms, PostgreSQL {per_task[2]:.2f} ms", file=sys.stderr)
    return results, seconds


def noop_seconds(connections: Connections, clients: int, count: int, server=None) -> float:
    """Wall time of `count` GETs of the trivial endpoint, `clients` at a time."""
    def fetch() -> None:
        response, _data, _ms = connections.send("GET", "/helse", {})
        if response.status != 200:
            raise BenchError(f"/helse ga {response.status}.")

    _results, seconds = run_all([fetch] * count, clients, server, "/helse")
    return seconds


# --- the check --------------------------------------------------------------------------------


def secret_of(app, phone: Phone, poll_id: int) -> str:
    """The participant's secret, read from its signed session cookie as the server does."""
    serializer = app.session_interface.get_signing_serializer(app)
    session = serializer.loads(phone.cookies[app.config["SESSION_COOKIE_NAME"]])
    return session["poll_secrets"][str(poll_id)]


def check_stored(app, poll: dict, phones: list[Phone], expected: dict) -> int:
    """Every participant and answer stored exactly once, each with the value sent last."""
    import sqlalchemy as sa

    from verksted.extensions import db
    from verksted.polls.answering import answer_key, participant_hash
    from verksted.polls.models import Answer, Participant

    question_ids = [question_id for question_id, _kind in poll["questions"]]
    with app.app_context():
        participants = set(db.session.scalars(sa.select(Participant.key_hash).where(Participant.poll_id == poll["id"])))
        stored = {(question_id, key): value for question_id, key, value in db.session.execute(
            sa.select(Answer.question_id, Answer.answer_key, Answer.value).where(Answer.question_id.in_(question_ids)))}
        rows = db.session.scalar(sa.select(sa.func.count(Answer.id)).where(Answer.question_id.in_(question_ids)))
        per_question = dict(db.session.execute(
            sa.select(Answer.question_id, sa.func.count(Answer.id))
            .where(Answer.question_id.in_(question_ids)).group_by(Answer.question_id)).all())
        db.session.remove()
    problems = []
    if len(participants) != len(phones):
        problems.append(f"{len(participants)} deltakere lagret, ventet {len(phones)}")
    if rows != len(phones) * len(question_ids) or len(stored) != rows:
        problems.append(f"{rows} svar lagret, ventet {len(phones) * len(question_ids)}")
    for question_id in question_ids:
        if per_question.get(question_id) != len(phones):
            problems.append(f"spørsmål {question_id} har {per_question.get(question_id, 0)} svar, ventet {len(phones)}")
    wrong = 0
    for phone in phones:
        secret = secret_of(app, phone, poll["id"])
        if participant_hash(secret) not in participants:
            problems.append(f"deltaker {phone.number} mangler")
        for question_id in question_ids:
            if stored.get((question_id, answer_key(secret, question_id))) != expected[phone.number, question_id]:
                wrong += 1
    if wrong:
        problems.append(f"{wrong} svar mangler eller har feil verdi")
    if problems:
        raise BenchError("Databasen har ikke svarene som ble sendt: " + "; ".join(problems[:10]))
    return rows


# --- the run ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", metavar="ADMIN_URL",
                        help="måle på en ny database på denne PostgreSQL-serveren (slettes etterpå)")
    args = parser.parse_args()
    if args.postgres:
        if not postgres_answers(args.postgres):
            print(f"PostgreSQL svarer ikke på {args.postgres}; hopper over målingen der.", file=sys.stderr)
            return 0
        with postgres_database(args.postgres) as url:
            os.environ["VERKSTED_BENCH_DATABASE_URL"] = url
            return measure_poll()
    return measure_poll()


def measure_poll() -> int:
    rng = random.Random(SEED)
    with bench_database() as (app, url):
        database = "postgresql" if url.startswith("postgres") else "sqlite"
        poll = create_poll(app)
        phones = [Phone(n) for n in range(PARTICIPANTS)]
        expected: dict[tuple[int, int], dict] = {}
        with gunicorn_server(url, workers=None, env={"VERKSTED_ENV": "production"}) as server, RssSampler(server) as rss:
            connections = Connections(server.base_url)
            code = poll["code"]
            _joined, join_seconds = run_all([lambda phone=phone: join(connections, phone, code) for phone in phones],
                                            CLIENTS)
            print(f"{len(phones)} deltakere ble med på {join_seconds:.1f} s.", file=sys.stderr)
            # Half the trivial requests before the answers and half after, so a machine that gets
            # busier or quieter during the run weighs on both rates alike.
            noop_time = noop_seconds(connections, CLIENTS, NOOP_REQUESTS // 2, server)

            def answer_all(phone: Phone) -> list[float]:
                questions = list(poll["questions"])
                random.Random(phone.number).shuffle(questions)  # phones answer in their own order
                latencies = []
                for question_id, kind in questions:
                    value, fields = answer_for(kind, phone.number)
                    latencies.append(send_answer(connections, phone, code, question_id, fields))
                    expected[phone.number, question_id] = value
                return latencies

            first, first_seconds = run_all([lambda phone=phone: answer_all(phone) for phone in phones], CLIENTS,
                                           server, "svar (5 per deltaker)")
            changes = rng.sample([(phone, question) for phone in phones for question in poll["questions"]],
                                 round(CHANGED_SHARE * len(phones) * len(poll["questions"])))

            def change(phone: Phone, question: tuple[int, str]) -> float:
                question_id, kind = question
                value, fields = answer_for(kind, phone.number, changed=True)
                ms = send_answer(connections, phone, code, question_id, fields)
                expected[phone.number, question_id] = value
                return ms

            changed, change_seconds = run_all([lambda c=c: change(*c) for c in changes], CLIENTS, server, "endringer")
            noop_time += noop_seconds(connections, CLIENTS, NOOP_REQUESTS // 2, server)
        noop_per_s = NOOP_REQUESTS / noop_time
        latencies = [ms for per_phone in first for ms in per_phone] + changed
        answers_per_s = len(latencies) / (first_seconds + change_seconds)
        print(f"{len(latencies)} svar på {first_seconds + change_seconds:.1f} s ({len(changed)} av dem endret); "
              f"{connections.reconnects} nye forbindelser etter brudd; minne per prosess (MB): "
              + ", ".join(f"{mb:.0f}" for mb in rss.by_pid.values()), file=sys.stderr)
        check_stored(app, poll, phones, expected)
    report(
        participants=len(phones),
        answers=len(latencies),
        answers_per_s=answers_per_s,
        p50_ms=percentile(latencies, 0.50),
        p95_ms=percentile(latencies, 0.95),
        noop_per_s=noop_per_s,
        ratio=f"{answers_per_s / noop_per_s:.2f}",
        max_rss_mb=rss.max_mb,
        database=database,
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"FEIL: {error}", file=sys.stderr)
        sys.exit(1)
