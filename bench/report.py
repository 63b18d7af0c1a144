"""How fast the project report of a large network is made as a PDF, and how its time grows.

Three finished networks (`verksted.reports.demo.finished_network`) of 15, 30 and 60 teams, each
with six gatherings of 300 evaluation answers, sluttrapporter from every active team but one and
a full report, go into a new database. Each report is then made from the database, as the
download does (`report_content` and `report_pdf`), in a fresh process of its own: once to warm
up (fonts, caches), then RUNS times; its time is the median, its memory the process's peak
resident size.

Targets: the 60-team report (about 200 pages) in under 3 s with a peak under 400 MB, and time
growing no faster than pages (seconds per page at 60 teams no more than at 15, give or take
the noise of a shared machine). The machine's load average is printed before and after.

Last line: pages=… seconds=… peak_mb=…
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from io import BytesIO

from _harness import ROOT, BenchError, bench_database, report

SIZES = (15, 30, 60)
ANSWERS_PER_GATHERING = 300
RUNS = 3
TARGET_SECONDS = 3.0
TARGET_PEAK_MB = 400


def fill(app) -> dict[int, int]:
    """The networks, by team count: their ids."""
    from verksted.extensions import db
    from verksted.reports.demo import finished_network

    ids = {}
    with app.test_request_context():
        for teams in SIZES:
            network = finished_network(f"Heltid i Nordfjella – {teams} kommuner", teams=teams,
                                       answers_per_gathering=ANSWERS_PER_GATHERING)
            db.session.commit()
            ids[teams] = network.id
    return ids


def measure(network_id: int) -> dict:
    """In this process: make the network's report RUNS times after a warm-up."""
    from pypdf import PdfReader

    from verksted import create_app
    from verksted.extensions import db
    from verksted.networks.models import Network
    from verksted.reports import services
    from verksted.reports.content import report_content
    from verksted.reports.pdf import report_pdf

    app = create_app()
    with app.test_request_context():
        def make() -> bytes:
            db.session.expire_all()  # read the network afresh each time, as a new request would
            return report_pdf(report_content(services.report_of(db.session.get(Network, network_id))))

        data = make()
        durations = []
        for _ in range(RUNS):
            started = time.perf_counter()
            make()
            durations.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"pages": len(PdfReader(BytesIO(data)).pages), "seconds": statistics.median(durations), "peak_mb": peak_mb}


def measure_apart(network_id: int) -> dict:
    """`measure` in a fresh Python process, so its peak memory is the report's alone."""
    done = subprocess.run([sys.executable, __file__, "--measure", str(network_id)], cwd=ROOT, env=os.environ,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise BenchError(f"Målingen av nettverk {network_id} feilet:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"belastning {one:.2f} (1 min), {five:.2f} (5 min) på {os.cpu_count()} kjerner"


def main() -> int:
    print(f"Før: {load()}.", file=sys.stderr)
    with bench_database() as (app, _url):
        started = time.perf_counter()
        ids = fill(app)
        print(f"Data lagt inn på {time.perf_counter() - started:.1f} s.", file=sys.stderr)
        results = {teams: measure_apart(network_id) for teams, network_id in ids.items()}
    for teams, result in results.items():
        print(f"{teams} kommuner: {result['pages']} sider på {result['seconds']:.2f} s, "
              f"{1000 * result['seconds'] / result['pages']:.1f} ms per side, topp {result['peak_mb']:.0f} MB")
    print(f"Etter: {load()}.", file=sys.stderr)
    largest = results[SIZES[-1]]
    if largest["seconds"] > TARGET_SECONDS or largest["peak_mb"] > TARGET_PEAK_MB:
        print(f"Over målet: {TARGET_SECONDS:.0f} s og {TARGET_PEAK_MB} MB.", file=sys.stderr)
    report(pages=largest["pages"], seconds=f"{largest['seconds']:.2f}", peak_mb=round(largest["peak_mb"]))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(int(sys.argv[2]))))
        sys.exit(0)
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"FEIL: {error}", file=sys.stderr)
        sys.exit(1)
