"""The documents the demo network's project leader has asked for: the hovedplan, five
fremdriftsplaner, four statusrapporter and the sluttrapport, with one team given more time.

Runs after the gatherings and the starter templates; everything goes through the services, as
if the project leader had filled in the forms. Every name and reason here is made up.
"""
from __future__ import annotations

from datetime import date

from verksted.accounts.models import User
from verksted.documents import demo_workspace, request_services, services
from verksted.documents.models import Assignment, DocumentKind, DocumentRequest
from verksted.extensions import db
from verksted.networks.models import Network

HOVEDPLAN_INSTRUCTIONS = """Hovedplanen er teamets plan for hele nettverksperioden, **høyst tre sider**.

Bruk det dere kom fram til i gruppearbeidet på oppstartssamlingen. Skriv effektmålet slik at dere
kan måle det om to år, og velg få tiltak dere har tid til."""

PROGRESS_INSTRUCTIONS = """Fremdriftsplanen begynner dere på samlingen, mens teamet er samlet.
Gjør den ferdig hjemme, og avtal det første arbeidsmøtet før dere drar."""

STATUS_INSTRUCTIONS = """Statusrapporten er **høyst to sider**. Jeg leser alle rapportene før samlingen
og bruker dem til å legge opp gruppearbeidet, så skriv gjerne om det som ikke gikk som planlagt."""

FINAL_INSTRUCTIONS = """Sluttrapporten oppsummerer hele perioden: hovedmålet, tiltakene, resultatene
og hva kommunen skal arbeide videre med. Den blir en del av prosjektrapporten."""

EXTENSION = (
    "Lierbygd", "Statusrapport før samling 4", date(2026, 11, 30),
    "Lierbygd og Nordre Dal slås sammen fra 1. januar 2027. Enhetslederne er opptatt med den nye "
    "organiseringen i november, og teamet får derfor en uke ekstra.",
)


def seed(network: Network, leader: User) -> None:
    db.session.flush()
    templates = {t.kind: t for t in reversed(request_services.active_templates(network))}
    if len(templates) < 4:
        return  # the starter templates are not there to ask from

    def ask(kind: DocumentKind, title: str, instructions: str, **deadline) -> DocumentRequest:
        return services.create_request(network, templates[kind], title, instructions=instructions,
                                       created_by=leader, **deadline)

    ask(DocumentKind.HOVEDPLAN, "Hovedplan", HOVEDPLAN_INSTRUCTIONS, due_on=date(2025, 12, 1))
    plans = request_services.progress_plan_series(network, templates[DocumentKind.FREMDRIFTSPLAN].id, 14, 7, leader)
    chosen = [g.id for g in request_services.gatherings_of(network) if g.number >= 3]
    reports = request_services.status_report_series(network, templates[DocumentKind.STATUSRAPPORT].id, chosen, 14, 7,
                                                    leader)
    for request in plans.created:
        request.instructions = PROGRESS_INSTRUCTIONS
    for request in reports.created:
        request.instructions = STATUS_INSTRUCTIONS
    last = max(request_services.gatherings_of(network), key=lambda g: g.number)
    ask(DocumentKind.SLUTTRAPPORT, "Sluttrapport", FINAL_INSTRUCTIONS, gathering=last, days_before=-21,
        period_from=network.starts_on, period_to=network.ends_on)
    db.session.flush()

    _withdrawn_team_was_asked_before_it_left(network)
    team_start, title, extended_to, reason = EXTENSION
    request = next(r for r in request_services.requests_of(network) if r.title == title)
    assignment = next(a for a in request.assignments if a.team.municipality.startswith(team_start))
    request_services.grant_extension(assignment, extended_to, reason)
    db.session.flush()
    # The teams' documents for the past deadlines; the leader's feedback on them follows in demo_review.
    demo_workspace.seed_submissions(network)


def _withdrawn_team_was_asked_before_it_left(network: Network) -> None:
    """A team that withdrew was still asked for the documents due before it left."""
    for team in network.teams:
        if not team.is_withdrawn or team.withdrawn_on is None:
            continue
        for request in request_services.requests_of(network):
            if request.due_on < team.withdrawn_on and all(a.team_id != team.id for a in request.assignments):
                request.assignments.append(Assignment(team=team))
