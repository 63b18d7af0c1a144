"""Shared pieces for the benchmarks in bench/.

A benchmark
1. gets a fresh, migrated database with `bench_database()` and fills it through the models,
2. starts gunicorn on it with `gunicorn_server(url)`,
3. signs in with `Client(base).sign_in(email, password)`, and
4. times sequential requests with `measure(client, path)`,
then prints its result as one last line of `key=value` pairs with `report(...)`.

Only the standard library is used on the client side (urllib + http.cookiejar), so the numbers
are the server's and nothing needs installing. Set VERKSTED_BENCH_DATABASE_URL to measure
against another database (e.g. PostgreSQL) instead of a new SQLite file; the benchmark then adds
its rows to that database. `postgres_database(admin_url)` makes a scratch PostgreSQL database for
one run and drops it afterwards; `RssSampler(server)` follows the server's memory.
"""
from __future__ import annotations

import http.cookiejar
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECRET_KEY = "bench-only-secret-key-not-for-production-use-0123456789abcdef"
WORKERS = 2


class BenchError(RuntimeError):
    """The benchmark could not measure what it set out to."""


# --- database -------------------------------------------------------------------------------


@contextmanager
def bench_database():
    """Yield (app, database_url): a migrated database and an app bound to it.

    Fill it inside `with app.app_context():` and commit; the engine is disposed afterwards so
    that the server's workers have the database to themselves.
    """
    url = os.environ.get("VERKSTED_BENCH_DATABASE_URL")
    tmp = None
    if not url:
        tmp = tempfile.TemporaryDirectory(prefix="verksted-bench-")
        url = f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ["SECRET_KEY"] = SECRET_KEY
    os.environ["VERKSTED_ENV"] = "development"  # plain http: session cookies must not be Secure

    import flask_migrate

    from verksted import create_app
    from verksted.extensions import db

    app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
    try:
        yield app, url
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if tmp is not None:
            tmp.cleanup()


def postgres_answers(admin_url: str) -> bool:
    """Whether a PostgreSQL server accepts us at `admin_url` (a server admin URL)."""
    import psycopg

    try:
        with psycopg.connect(_libpq_url(admin_url), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@contextmanager
def postgres_database(admin_url: str):
    """A brand-new database `verksted_bench_<random>` on the server behind `admin_url`, dropped
    afterwards; no other database is touched. Yields its URL."""
    import psycopg

    name = f"verksted_bench_{secrets.token_hex(4)}"
    admin = _libpq_url(admin_url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    try:
        yield urllib.parse.urlsplit(admin)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _libpq_url(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else url


# --- server ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn_command() -> list[str]:
    # The interpreter running the benchmark has Verksted installed (make bench uses .venv's).
    return [sys.executable, "-m", "gunicorn"]


@dataclass
class Server:
    base_url: str
    log_path: Path
    pid: int = 0  # gunicorn's master process

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


@contextmanager
def gunicorn_server(database_url: str, workers: int | None = WORKERS, timeout: float = 30.0, env: dict | None = None):
    """Run `gunicorn wsgi:app` on a free 127.0.0.1 port until the block ends.

    gunicorn reads the production settings from gunicorn.conf.py; `workers=None` keeps its number
    of workers too. `env` adds to the server's environment (e.g. VERKSTED_ENV=production).
    """
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET_KEY, "VERKSTED_ENV": "development", **(env or {})}
    log_dir = tempfile.TemporaryDirectory(prefix="verksted-bench-log-")
    log_path = Path(log_dir.name) / "gunicorn.log"
    command = _gunicorn_command() + (["--workers", str(workers)] if workers else []) + [
        "--bind", f"127.0.0.1:{port}",
        "--chdir", str(ROOT),
        "--log-level", "warning",
        "wsgi:app",
    ]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(base_url=f"http://127.0.0.1:{port}", log_path=log_path, pid=process.pid)
    try:
        _wait_until_healthy(server, process, timeout)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log_dir.cleanup()


def _wait_until_healthy(server: Server, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn stoppet (status {process.returncode}):\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.base_url + "/helse", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise BenchError(f"gunicorn svarte ikke på /helse innen {timeout:.0f} s:\n{server.log_tail()}")


class RssSampler:
    """Samples the resident memory (VmRSS) of gunicorn's master and every worker in a
    background thread while the block runs; `max_mb` is the largest seen in any one process."""

    def __init__(self, server: Server, interval: float = 0.2) -> None:
        self.server = server
        self.interval = interval
        self.max_mb = 0.0
        self.by_pid: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def __enter__(self) -> RssSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        for pid in [self.server.pid, *_children(self.server.pid)]:
            mb = _rss_mb(pid)
            if mb is not None:
                self.by_pid[pid] = max(self.by_pid.get(pid, 0.0), mb)
                self.max_mb = max(self.max_mb, mb)


def cpu_seconds(server: Server) -> tuple[float, float, float]:
    """CPU time used so far by the server (master and workers), by this process (the client) and
    by the PostgreSQL server's processes on this machine (0 when there are none)."""
    used = sum(_cpu_of(pid) for pid in [server.pid, *_children(server.pid)])
    database = sum(_cpu_of(int(proc.name)) for proc in Path("/proc").iterdir() if proc.name.isdigit() and _comm(proc) == "postgres")
    own = os.times()
    return used, own.user + own.system, database


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except (OSError, ValueError, IndexError):
        return 0.0


def _comm(proc: Path) -> str:
    try:
        return (proc / "comm").read_text().strip()
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


# --- client ---------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    url: str
    body: str


class _CsrfFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.token: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "input" and self.token is None:
            values = dict(attrs)
            if values.get("name") == "csrf_token":
                self.token = values.get("value") or ""


def csrf_token(html: str) -> str:
    finder = _CsrfFinder()
    finder.feed(html)
    if not finder.token:
        raise BenchError("Fant ikke csrf_token i skjemaet.")
    return finder.token


class Client:
    """A browser-less visitor with its own cookies."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, data: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                return Response(response.status, response.geturl(), response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.geturl(), error.read().decode("utf-8", "replace"))

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, fields: dict) -> Response:
        return self.request(path, data=fields)

    def sign_in(self, email: str, password: str) -> None:
        form = self.get("/logg-inn")
        if form.status != 200:
            raise BenchError(f"GET /logg-inn ga {form.status}")
        result = self.post(
            "/logg-inn", {"email": email, "password": password, "csrf_token": csrf_token(form.body)}
        )
        if result.status != 200 or urllib.parse.urlsplit(result.url).path == "/logg-inn":
            raise BenchError(f"Innlogging som {email} mislyktes (status {result.status}, {result.url}).")


# --- timing ---------------------------------------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """Linear interpolation between the closest ranks (fraction 0.5 is the median)."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(client: Client, path: str, count: int = 200, warmup: int = 20, server: Server | None = None) -> dict:
    """Time `count` sequential GETs of `path` after `warmup` untimed ones; every one must be 200."""
    durations: list[float] = []
    for i in range(warmup + count):
        start = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            log = f"\n--- gunicorn-logg ---\n{server.log_tail()}" if server else ""
            raise BenchError(f"GET {path} ga {response.status} (forespørsel {i + 1}).{log}")
        if i >= warmup:
            durations.append(elapsed)
    return {
        "p50_ms": percentile(durations, 0.50),
        "p95_ms": percentile(durations, 0.95),
        "mean_ms": statistics.fmean(durations),
        "count": count,
    }


def report(**values) -> None:
    """Print the result line: key=value pairs, floats with one decimal."""
    parts = [f"{key}={value:.1f}" if isinstance(value, float) else f"{key}={value}" for key, value in values.items()]
    print(" ".join(parts), flush=True)
