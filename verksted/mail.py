"""Outgoing e-mail, sent only once the request's changes are committed.

Without MAIL_SERVER every message is written to the log and to instance/outbox/ as an .eml
file; with it, messages go out by SMTP, and one that cannot be sent is kept in the outbox
too, so that nothing is silently lost.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
import uuid
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, render_template

from verksted.clock import utcnow
from verksted.extensions import db

log = logging.getLogger("verksted.mail")
_QUEUE_KEY = "verksted_outgoing_mail"


def compose(to: str, subject: str, template: str, to_name: str = "", **context) -> EmailMessage:
    """A plain-text message rendered from templates/mail/<template>.txt."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = formataddr((to_name, to)) if to_name else to
    message["Message-ID"] = make_msgid(domain="verksted")
    message.set_content(render_template(f"mail/{template}.txt", **context), charset="utf-8")
    return message


def send_after_commit(message: EmailMessage) -> None:
    """Queue a message to go out when the current transaction commits."""
    db.session.connection()  # make sure a transaction is open, so a rollback drops the message
    db.session.info.setdefault(_QUEUE_KEY, []).append(message)


def deliver(message: EmailMessage, config: dict) -> None:
    if not config.get("MAIL_SERVER"):
        _write_to_outbox(message, config)
        log.info("E-post (ingen e-postserver satt opp):\n%s", message.as_string())
        return
    try:
        _send_smtp(message, config)
    except (OSError, smtplib.SMTPException):
        log.exception("Kunne ikke sende e-post til %s; lagt i utboksen", message["To"])
        _write_to_outbox(message, config)


def _send_smtp(message: EmailMessage, config: dict) -> None:
    host, port = config["MAIL_SERVER"], config["MAIL_PORT"]
    if config.get("MAIL_USE_SSL"):
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, context=ssl.create_default_context(), timeout=20)
    else:
        smtp = smtplib.SMTP(host, port, timeout=20)
    with smtp:
        if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
            smtp.starttls(context=ssl.create_default_context())
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def _write_to_outbox(message: EmailMessage, config: dict) -> Path:
    outbox = Path(config["MAIL_OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
    return path


@sa.event.listens_for(db.session, "after_commit")
def _deliver_queued(session) -> None:
    for message in session.info.pop(_QUEUE_KEY, []):
        deliver(message, current_app.config)


@sa.event.listens_for(db.session, "after_soft_rollback")
def _drop_queued(session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_QUEUE_KEY, None)
