"""Commands under `flask --app verksted …`."""
from __future__ import annotations

import getpass
import os

import click
from flask import Flask
from flask.cli import with_appcontext

from verksted.errors import Refused
from verksted.extensions import db


def init_app(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(send_reminders)


@click.command("seed-demo")
@with_appcontext
def seed_demo():
    """Load the demo network (once) and print how to sign in."""
    from verksted import demo

    created = demo.seed()
    db.session.commit()
    click.echo("Demodata lastet inn." if created else "Demodata finnes allerede.")
    click.echo(demo.sign_in_help())


@click.command("create-admin")
@with_appcontext
@click.argument("email")
@click.option("--name", default="Administrator", help="Navnet som vises i Verksted.")
@click.option("--password", envvar="VERKSTED_ADMIN_PASSWORD", default=None, help="Spørres om hvis det ikke er gitt.")
def create_admin(email: str, name: str, password: str | None):
    """Create a platform administrator, or make an existing user one."""
    from verksted.accounts import services
    from verksted.forms import PASSWORD_MIN

    user = services.user_by_email(email)
    if user is not None:
        user.is_admin = True
        db.session.commit()
        click.echo(f"{user.email} er nå administrator.")
        return
    if password is None:
        if not os.isatty(0):
            raise click.UsageError("Oppgi passord med --password eller VERKSTED_ADMIN_PASSWORD.")
        password = getpass.getpass("Passord: ")
    if len(password) < PASSWORD_MIN:
        raise click.UsageError(f"Passordet må ha minst {PASSWORD_MIN} tegn.")
    try:
        user = services.create_user(email, name, password, is_admin=True)
    except Refused as refused:
        raise click.UsageError(refused.message) from refused
    db.session.commit()
    click.echo(f"Administrator {user.email} er opprettet.")


@click.command("send-reminders")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Vis hvem som ville fått påminnelse, uten å sende noe.")
def send_reminders(dry_run: bool):
    """Send today's deadline reminders; run it daily from cron. Nothing is sent twice."""
    from flask import current_app

    from verksted.documents import reminders

    with current_app.test_request_context():  # the links in the e-mails are built with url_for
        sent = reminders.send_reminders(dry_run=dry_run)
        if dry_run:
            for reminder in sent:
                click.echo(f"{reminder.user.email}: {reminder.assignment.request.title} "
                           f"({reminder.assignment.team.municipality}, frist {reminder.due_on:%d.%m.%Y}, {reminder.kind})")
            click.echo(f"{len(sent)} påminnelser ville blitt sendt. Ingenting er sendt.")
            return
        db.session.commit()
    click.echo(f"Sendte {len(sent)} påminnelser.")
