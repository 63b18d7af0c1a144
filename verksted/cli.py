"""Commands under `flask --app verksted …`."""
from __future__ import annotations

import getpass
import json
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
    app.cli.add_command(write_report)
    app.cli.add_command(export_network)
    app.cli.add_command(import_network)
    app.cli.add_command(backup)
    app.cli.add_command(restore)


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


@click.command("report")
@with_appcontext
@click.argument("network")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="Filen rapporten skrives til: PDF, eller DOCX når navnet slutter på .docx.")
def write_report(network: str, output: str):
    """Write NETWORK's project report (NETWORK: its id or exact name) as PDF, or as DOCX when
    the file name ends in .docx."""
    from pathlib import Path

    from flask import current_app

    from verksted.reports import services
    from verksted.reports.content import report_content

    found = _network(network)
    report = services.report_of(found)
    if report is None:
        _fail(f"Nettverket «{found.name}» har ingen rapport ennå. Start den på nettverkets rapportside i Verksted.")
    as_docx = output.lower().endswith(".docx")
    with current_app.test_request_context():  # the report's words are translated as for a reader
        content = report_content(report)
        if as_docx:
            from verksted.reports.docx import report_docx

            data = report_docx(content)
        else:
            from verksted.reports.pdf import report_pdf

            data = report_pdf(content)
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        _fail(f"Kunne ikke skrive {output}: {error.strerror or error}.")
    kind = "DOCX" if as_docx else "PDF"
    click.echo(f"Skrev «{report.title}» som {kind} til {output} ({len(data) // 1024} kB).")


@click.command("backup")
@with_appcontext
@click.argument("directory", type=click.Path())
@click.option("--keep", type=click.IntRange(min=1), default=None,
              help="Behold bare de N nyeste sikkerhetskopiene i mappen; eldre slettes.")
def backup(directory: str, keep: int | None):
    """Write a consistent backup of the database and the uploaded files to a new folder in DIRECTORY."""
    from verksted.backup import BackupFailed, create_backup, prune

    try:
        folder = create_backup(directory)
        removed = prune(directory, keep) if keep else []
    except BackupFailed as failed:
        _fail("\n".join(failed.problems))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    size = sum(entry["size"] for entry in manifest["files"])
    click.echo(f"Sikkerhetskopi skrevet til {folder} ({len(manifest['files'])} filer, {_size(size)}).")
    for old in removed:
        click.echo(f"Slettet eldre sikkerhetskopi {old}.")


@click.command("restore")
@with_appcontext
@click.argument("folder", type=click.Path())
@click.option("--yes", is_flag=True, help="Ikke spør før databasen og filene erstattes.")
def restore(folder: str, yes: bool):
    """Replace the database and the uploaded files with the backup in FOLDER (stop Verksted first)."""
    from flask import current_app

    from verksted.backup import KIND_NAMES, BackupFailed, check_backup, restore_backup

    try:
        manifest = check_backup(folder)
        if not yes:
            click.echo(f"Sikkerhetskopien er fra {manifest['created_at']} (Verksted {manifest['verksted_version']}).")
            if not click.confirm(f"Alt innholdet i {KIND_NAMES[manifest['database']]}-databasen og i "
                                 f"{current_app.config['UPLOAD_FOLDER']} erstattes. Fortsette?"):
                _fail("Avbrutt. Ingenting er endret.")
        restored = restore_backup(folder)
    except BackupFailed as failed:
        _fail("Gjenopprettingen ble avbrutt:\n" + "\n".join(f"- {problem}" for problem in failed.problems))
    click.echo(f"Gjenopprettet sikkerhetskopien fra {restored.manifest['created_at']}.")
    if restored.migrated_from:
        click.echo(f"Databasen er oppgradert fra versjon {restored.migrated_from} til denne versjonen av Verksted.")


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB" if count >= 1024 * 1024 else f"{count // 1024} kB"


@click.command("export")
@with_appcontext
@click.argument("network")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="JSON-filen arkivet skrives til (formatet er beskrevet i docs/archive.md).")
def export_network(network: str, output: str):
    """Write all of NETWORK (its id or exact name) to a network archive: documented JSON."""
    from pathlib import Path

    from verksted.archive import archive_bytes

    found = _network(network)
    data = archive_bytes(found)
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        _fail(f"Kunne ikke skrive {output}: {error.strerror or error}.")
    click.echo(f"Skrev nettverket «{found.name}» til {output} ({len(data) // 1024} kB).")


@click.command("import")
@with_appcontext
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
def import_network(archive: str):
    """Create a new network from a network archive written by `export`. All or nothing."""
    from pathlib import Path

    from verksted.archive import ArchiveRefused, import_archive

    try:
        network = import_archive(Path(archive).read_bytes())
        db.session.commit()
    except ArchiveRefused as refused:
        db.session.rollback()
        _fail("Arkivet ble ikke importert. Ingenting er endret:\n"
              + "\n".join(f"- {problem}" for problem in refused.problems))
    click.echo(f"Importerte nettverket {network.id}: «{network.name}».")


def _network(wanted: str):
    """The network with this id, else with exactly this name; a clear message and exit 1 if none."""
    import sqlalchemy as sa

    from verksted.networks.models import Network

    if wanted.isdigit() and (network := db.session.get(Network, int(wanted))) is not None:
        return network
    named = db.session.scalars(sa.select(Network).where(Network.name == wanted).order_by(Network.id)).all()
    if len(named) > 1:
        _fail(f"Flere nettverk heter «{wanted}». Oppgi id-en i stedet: {', '.join(str(n.id) for n in named)}.")
    if not named:
        _fail(f"Fant ikke nettverket «{wanted}». Oppgi id-en eller hele navnet, nøyaktig som det er skrevet.")
    return named[0]


def _fail(message: str):
    click.echo(message, err=True)
    raise click.exceptions.Exit(1)
