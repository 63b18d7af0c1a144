"""What every page shares: template filters, error pages and security headers."""
from __future__ import annotations

from io import BytesIO

from flask import Flask, jsonify, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from verksted.i18n import LANGUAGE_NAMES, date_time, long_date
from verksted.text import render_markdown

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["date_time"] = date_time
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def page_globals():
        from verksted.permissions import Action, can

        return {"language_names": LANGUAGE_NAMES, "current_locale": str(get_locale()), "can": can, "Action": Action}

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if app.config["VERKSTED_ENV"] == "production":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    def error_page(status: int, title: str, message: str):
        if request.path.startswith("/api/"):  # the API's callers are programs: they get JSON
            return jsonify(error=title, message=message), status
        return render_template("error.html", status=status, title=title, message=message), status

    @app.errorhandler(403)
    def forbidden(error):
        return error_page(403, _("Ingen tilgang"), _("Du har ikke tilgang til denne siden."))

    @app.errorhandler(404)
    def not_found(error):
        return error_page(404, _("Fant ikke siden"), _("Siden finnes ikke, eller du har ikke tilgang til den."))

    @app.errorhandler(405)
    def method_not_allowed(error):
        return error_page(405, _("Ugyldig forespørsel"), _("Denne handlingen kan ikke gjøres slik."))

    @app.errorhandler(413)
    def too_large(error):
        return error_page(413, _("For stor fil"), _("Det du sendte, er for stort."))

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        if request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
            # A script's request (a phone sending an answer) shows this by the button it pressed.
            response = jsonify(ok=False, message=_("Siden er for gammel. Last inn siden på nytt og send svaret igjen."))
            response.status_code = 400
            return response
        return error_page(
            400,
            _("Skjemaet var utløpt"),
            _("Siden var for gammel til å sende inn. Gå tilbake, last siden på nytt og prøv igjen."),
        )

    @app.errorhandler(500)
    def server_error(error):
        from verksted.extensions import db

        db.session.rollback()
        return error_page(500, _("Noe gikk galt"), _("En feil oppstod hos oss. Prøv igjen om litt."))

    @app.get("/helse")
    def health():
        return {"status": "ok"}


def private_download(data: bytes, mimetype: str, name: str):
    """A file made for this reader: sent as an attachment, kept by no cache on the way (it holds
    teams' own words, answers or health information)."""
    response = send_file(BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
