"""The demo network's project plan: milestones with their history, risks and main activities.

Invented content. The histories are written for the demo's "today", 22 November 2026: M1–M3
done, M4 and M7 partly done, M5 and M6 in progress, M8 not started.
"""
from __future__ import annotations

from datetime import date

from verksted.accounts.models import User
from verksted.extensions import db
from verksted.networks.models import Network
from verksted.plan import services
from verksted.plan.models import Activity, Milestone, MilestoneStatus, Risk, RiskKind, RiskStatus

NOT_STARTED, IN_PROGRESS, PARTLY, DONE = (
    MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.PARTLY, MilestoneStatus.DONE,
)

MILESTONES = [
    # code, title, responsible, first month, last month, description, [(date, status, note)]
    ("M1", "Oppstart og forankring i kommunene", "Prosjektleder", (2025, 9), (2025, 11),
     "Oppstartsmøte med styringsgruppen, avtaler med kommunedirektørene og første samling.", [
         (date(2025, 9, 8), IN_PROGRESS, "Oppstartsmøte holdt. Fem av seks kommuner har signert avtale."),
         (date(2025, 11, 20), DONE, "Alle seks kommuner har signert, og teamene er satt sammen."),
     ]),
    ("M2", "Hovedplaner levert fra alle kommuneteam", "Gruppelederne", (2025, 10), (2026, 1),
     "Hvert team leverer en hovedplan på høyst tre sider med effektmål, tiltak og hvordan effekten skal måles.", [
         (date(2025, 10, 15), IN_PROGRESS, "Teamene skrev utkast på første samling."),
         (date(2025, 12, 18), PARTLY, "Fire av seks hovedplaner er levert."),
         (date(2026, 1, 30), DONE, "Alle hovedplanene er levert og gjennomgått med teamene."),
     ]),
    ("M3", "Kartlegging av kompetanse og bemanning", "Arbeidsgruppen", (2025, 11), (2026, 4),
     "Hver kommune kartlegger kompetanse, stillingsstørrelser og turnover i de deltakende tjenestene.", [
         (date(2025, 11, 27), IN_PROGRESS, "Felles spørreskjema er sendt ut i alle kommunene."),
         (date(2026, 4, 24), DONE, "Kartleggingen er sammenstilt og presentert på tredje samling."),
     ]),
    ("M4", "Heltidstiltak prøvd ut i minst én tjeneste per kommune", "Gruppelederne", (2026, 2), (2026, 11),
     "Teamene prøver ut nye turnusordninger eller andre tiltak som gir flere hele stillinger.", [
         (date(2026, 2, 10), IN_PROGRESS, "Tre kommuner har valgt tjeneste og tiltak."),
         (date(2026, 10, 20), PARTLY, "Fire kommuner er i gang. Svartvatn venter på ny turnusavtale."),
     ]),
    ("M5", "Erfaringsdeling og midtveisevaluering", "Prosjektleder og styringsgruppen", (2026, 5), (2026, 12),
     "Styringsgruppen gjennomgår fremdriften, og teamene deler erfaringer på tvers.", [
         (date(2026, 5, 4), IN_PROGRESS, "Midtveisevalueringen er sendt ut til alle deltakerne."),
     ]),
    ("M6", "Rekrutteringstiltak for lærlinger og studenter", "Kommuneteamene", (2026, 3), (2027, 3),
     "Faste praksisplasser, sommerjobb for studenter og oppfølging av lærlinger.", [
         (date(2026, 3, 16), IN_PROGRESS, "Lierbygd og Storåsen har startet med faste praksisplasser."),
     ]),
    ("M7", "Kompetanse- og rekrutteringsplan oppdatert i hver kommune", "Kommunalsjefene", (2026, 8), (2027, 2),
     "Planene oppdateres med det teamene har lært, og legges fram for politisk behandling.", [
         (date(2026, 9, 1), IN_PROGRESS, "Mal for oppdatering er delt på fjerde samling."),
         (date(2026, 11, 12), PARTLY, "Lierbygd og Storåsen har vedtatt planen; tre kommuner gjenstår."),
     ]),
    ("M8", "Sluttrapport og spredning", "Prosjektleder", (2027, 3), (2027, 6),
     "Teamene leverer sluttrapporter, og prosjektrapporten deles med kommunene i regionen.", []),
]

RISKS = [
    # kind, description, likelihood, consequence, counter-measure, owner, status
    (RiskKind.INTERNAL, "Langvarig sykefravær i kommuneteamene gjør at arbeidet stopper opp.", 3, 2,
     "Hvert team har en stedfortreder for gruppelederen. Prosjektleder tar kontakt med team som uteblir.",
     "Prosjektleder", RiskStatus.HANDLED),
    (RiskKind.INTERNAL, "Ledere og nøkkelpersoner slutter underveis (turnover).", 3, 3,
     "Arbeidet forankres i linjen og dokumenteres i planene, så nye ledere kan ta det over.",
     "Kommunalsjefene", RiskStatus.OPEN),
    (RiskKind.INTERNAL, "Manglende forankring hos kommunens toppledelse.", 2, 3,
     "Kommunedirektørene signerer deltakeravtalen og får statusrapport to ganger i året.",
     "Styringsgruppen", RiskStatus.HANDLED),
    (RiskKind.EXTERNAL, "Kommunesammenslåing eller omorganisering endrer ansvar midt i perioden.", 1, 3,
     "Tilpassede frister for berørte kommuner; teamet beholdes så langt det går.",
     "Prosjektleder", RiskStatus.OPEN),
    (RiskKind.EXTERNAL, "Stram kommuneøkonomi gir lite rom for å frikjøpe ansatte til arbeidet.", 2, 2,
     "Samlingene legges til dagtid og nær arbeidsstedet; tiltak som ikke krever ekstra midler prioriteres.",
     "Styringsgruppen", RiskStatus.OPEN),
    (RiskKind.INTERNAL, "Teamene leverer ikke planer og rapporter innen fristene.", 2, 1,
     "Påminnelse en uke før fristen, og tid til skriving på samlingene.", "Prosjektleder", RiskStatus.HANDLED),
    (RiskKind.EXTERNAL, "Vær og lange reiseavstander hindrer oppmøte på samlingene.", 2, 1,
     "Samlingene kan følges digitalt, og opptak av innleggene deles etterpå.", "Arbeidsgruppen", RiskStatus.CLOSED),
]

ACTIVITIES = [
    # title, purpose, sub-tasks, responsible, period
    ("Samlinger i læringsnettverket",
     "Gi teamene faglig påfyll og tid til å arbeide sammen, i eget team og på tvers av kommunene.",
     ["Sette opp program med fokustema for hver samling", "Avtale vertskommune og innledere",
      "Lede gruppearbeid i og på tvers av teamene", "Evaluere hver samling med deltakerne"],
     "Prosjektleder med arbeidsgruppen", "Hele perioden"),
    ("Oppfølging av kommuneteamene mellom samlingene",
     "Holde arbeidet i gang hjemme og fange opp team som trenger hjelp.",
     ["Lese fremdriftsplaner og statusrapporter", "Telefonmøte med hver gruppeleder etter samlingene",
      "Tilpasse frister for team i en særskilt situasjon"],
     "Prosjektleder", "Hele perioden"),
    ("Kartlegging av kompetanse og bemanning",
     "Gi lederne oversikt over kompetanse, stillingsstørrelser og behov i egne tjenester.",
     ["Lage felles spørreskjema", "Gjennomføre kartleggingen i hver kommune", "Sammenstille og presentere funnene"],
     "Arbeidsgruppen", "Høsten 2025 – våren 2026"),
    ("Utprøving av heltidstiltak",
     "Prøve ut tiltak som gir flere hele stillinger, og lære av hverandres erfaringer.",
     ["Velge tjeneste og tiltak i hver kommune", "Involvere tillitsvalgte og verneombud",
      "Måle stillingsstørrelser før og etter"],
     "Kommuneteamene", "Våren 2026 – våren 2027"),
    ("Evaluering og læring underveis",
     "Bruke tilbakemeldingene til å justere samlingene og oppfølgingen.",
     ["Evaluering etter hver samling", "Midtveisevaluering med styringsgruppen", "Samle sitater til rapporten"],
     "Prosjektleder", "Hele perioden"),
    ("Sluttrapport og spredning",
     "Dokumentere resultatene og gjøre erfaringene kjent for andre kommuner.",
     ["Sluttrapport fra hvert team", "Prosjektrapport med anbefalinger", "Erfaringskonferanse for regionen"],
     "Prosjektleder og styringsgruppen", "Våren 2027"),
]


def seed(network: Network, leader: User) -> None:
    for position, (code, title, responsible, first, last, description, history) in enumerate(MILESTONES):
        milestone = Milestone(
            network=network, position=position, code=code, title=title, responsible=responsible,
            description=description, starts_in=date(*first, 1), ends_in=date(*last, 1), status=NOT_STARTED,
        )
        db.session.add(milestone)
        for changed_on, status, note in history:
            services.change_status(milestone, status, note, changed_on, leader, today=date(2026, 11, 22))
    for position, (kind, description, likelihood, consequence, counter_measure, owner, status) in enumerate(RISKS):
        db.session.add(Risk(
            network=network, position=position, kind=kind, description=description, likelihood=likelihood,
            consequence=consequence, counter_measure=counter_measure, owner=owner, status=status,
        ))
    for position, (title, purpose, tasks, responsible, period) in enumerate(ACTIVITIES):
        db.session.add(Activity(
            network=network, position=position, title=title, purpose=purpose, sub_tasks="\n".join(tasks),
            responsible=responsible, period=period,
        ))
