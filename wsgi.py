"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from verksted import create_app

app = create_app()
