"""gunicorn's settings for Verksted; `gunicorn wsgi:app` reads them from this directory.

Synchronous workers: every request is short (a live poll's answer costs a few milliseconds),
and the HTTPS proxy in front buffers slow phones. WEB_CONCURRENCY sets the number of workers.
"""
import multiprocessing
import os

# One per core: an answer waits little for the database (its commit does not wait for the disk),
# and more workers than cores measured no faster on SQLite and slower on PostgreSQL (bench/polls.py).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "sync"
timeout = 30
graceful_timeout = 20

# The app is loaded once in the master and the workers are forked from it: they share its
# memory, and a worker that is replaced starts at once instead of importing everything again.
preload_app = True

# The heartbeat file in memory: a busy disk must not make gunicorn think a worker hangs.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_fork(server, worker):
    """A forked worker must not use the master's database connections: open its own."""
    from verksted.extensions import db

    app = worker.app.wsgi()
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose(close=False)
