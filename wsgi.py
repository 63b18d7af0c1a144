"""Entry point for gunicorn: `gunicorn wsgi:app`."""
import gc

from verksted import create_app

app = create_app()
# What the app loads at start-up lives as long as the process: keep it out of every
# garbage-collection sweep, so requests are not paused to re-examine it.
gc.freeze()
