"""The four built-in templates a new network starts with: hovedplan, fremdriftsplan,
statusrapport and sluttrapport, following the utviklingsverksted method.

Section and field keys here are stable: answers, comments, carried-forward fields and the
project report (Kommune | Hovedmål | Tiltak | Resultater, Kommune | Videre oppgaver) find the
fields by them, in every network, across template versions.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.accounts.models import User
from verksted.documents.models import DocumentKind, DocumentTemplate, FieldKind
from verksted.documents.services import create_template
from verksted.extensions import db
from verksted.networks.models import Network

# What a carried-forward field carries from the team's latest document to the next.
CARRY_EFFEKTMAL = "effektmal"
CARRY_RESULTATMAL = "resultatmal"
CARRY_TILTAK = "tiltak"

# The fields the project report reads from every team's sluttrapport.
FINAL_MAIN_GOAL = "f-hovedmal"
FINAL_MEASURES = "f-tiltak"
FINAL_RESULTS = "f-resultater"
FINAL_NEXT = "f-videre"


@dataclass(frozen=True)
class Starter:
    kind: DocumentKind
    title: str
    introduction: str
    sections: list[dict] = field(default_factory=list)
    length_guide: str = ""
    word_budget: int | None = None


def _field(key: str, label: str, kind: FieldKind, help: str = "", required: bool = False,
           choices: list[str] | None = None, columns: list[str] | None = None, carry: str = "") -> dict:
    return {
        "key": key, "label": label, "kind": kind.value, "help": help, "required": required,
        "choices": list(choices or []), "columns": list(columns or []), "carry": carry,
    }


def _section(key: str, heading: str, guidance: str, *fields: dict) -> dict:
    return {"key": key, "heading": heading, "guidance": guidance, "fields": list(fields)}


def _measures_columns() -> list[str]:
    return [_("Delmål"), _("Tiltak"), _("Ansvarlig"), _("Tidsestimat")]


def _effect_goal(help: str = "") -> dict:
    return _field("f-effektmal", _("Effektmål"), FieldKind.LONG_TEXT, help=help, required=True, carry=CARRY_EFFEKTMAL)


def _result_goal(label: str) -> dict:
    return _field("f-resultatmal", label, FieldKind.LONG_TEXT, required=True, carry=CARRY_RESULTATMAL)


def _measures(label: str, required: bool = False) -> dict:
    return _field("f-tiltak", label, FieldKind.TABLE, required=required, columns=_measures_columns(), carry=CARRY_TILTAK)


def _hovedplan() -> Starter:
    return Starter(
        kind=DocumentKind.HOVEDPLAN,
        title=_("Hovedplan"),
        length_guide=_("Høyst tre sider"),
        word_budget=1400,
        introduction=_(
            "Hovedplanen er teamets første dokument i nettverket. Her beskriver dere hvor kommunen står "
            "i dag når det gjelder å skaffe og holde på fagfolk, hvor dere vil være når nettverket er over, "
            "og hvilke tiltak som skal føre dere dit. Har kommunen en kompetanse- og rekrutteringsplan fra "
            "før, bygger hovedplanen videre på den.\n\n"
            "Skriv kort og konkret. Planen er et arbeidsverktøy for teamet, og prosjektlederen bruker den "
            "til å følge dere opp mellom samlingene."
        ),
        sections=[
            _section(
                "s-teamet", _("Teamet"),
                _("Hvem er med i kommuneteamet? Ta med alle, også dem som bare deltar en del av tiden.\n\n"
                  "- Hvilke stillinger og enheter er representert?\n"
                  "- Er tillitsvalgte, verneombud eller HR med?\n"
                  "- Hvem er gruppeleder og holder i arbeidet mellom samlingene?"),
                _field("f-teammedlemmer", _("Medlemmer i teamet"), FieldKind.TABLE,
                       columns=[_("Navn"), _("Stilling/rolle"), _("Enhet")]),
                _field("f-gruppeleder", _("Gruppeleder"), FieldKind.SHORT_TEXT, required=True),
            ),
            _section(
                "s-effektmal", _("Effektmål"),
                _("Effektmålet er den varige endringen dere vil oppnå, gjerne flere år fram i tid. Det skal "
                  "gå an å se om målet er nådd.\n\n"
                  "- Hva skal være annerledes for tjenesten, de ansatte og innbyggerne når arbeidet har virket?\n"
                  "- Hvordan vil dere vite at dere er kommet dit?\n\n"
                  "Effektmålet følger med videre til fremdriftsplanene og statusrapportene, der dere kan "
                  "justere det."),
                _effect_goal(),
            ),
            _section(
                "s-kommunen", _("Om kommunen"),
                _("Gi en kort beskrivelse av kommunen, slik at de andre i nettverket forstår utgangspunktet "
                  "deres.\n\n"
                  "- Hvor mange bor i kommunen, og hvordan er befolkningen sammensatt: alder, bosetting, "
                  "utviklingen de neste årene?\n"
                  "- Hvilke ressurser og hvilke særlige utfordringer har kommunen?\n"
                  "- Hvordan er helse- og omsorgstjenestene organisert, og hvor mange stillinger og årsverk "
                  "har de?"),
                _field("f-innbyggere", _("Antall innbyggere"), FieldKind.NUMBER),
                _field("f-befolkning", _("Befolkningen"), FieldKind.LONG_TEXT,
                       help=_("Aldersfordeling, bosetting og forventet utvikling.")),
                _field("f-ressurser", _("Ressurser og utfordringer"), FieldKind.LONG_TEXT),
                _field("f-organisering", _("Slik er helse- og omsorgstjenestene organisert"), FieldKind.LONG_TEXT),
                _field("f-arsverk", _("Antall årsverk i helse og omsorg"), FieldKind.NUMBER),
                _field("f-stillinger", _("Stillinger"), FieldKind.LONG_TEXT,
                       help=_("For eksempel andel heltid, ubesatte stillinger og bruk av vikarer.")),
            ),
            _section(
                "s-kompetanseplan", _("Kompetanse- og rekrutteringsplan"),
                _("Mange kommuner har allerede en plan for kompetanse og rekruttering. Arbeidet i nettverket "
                  "bør bygge på den, ikke gå ved siden av den.\n\n"
                  "- Hva sier planen om kompetansen kommunen har i dag, og om den den trenger framover?\n"
                  "- Hvilke deler av planen kan tiltakene i nettverket bidra til?\n"
                  "- Har kommunen ingen plan ennå, kan arbeidet her bli et første steg mot en."),
                _field("f-har-plan", _("Har kommunen en kompetanse- og rekrutteringsplan?"), FieldKind.CHOICE,
                       choices=[_("Ja"), _("Nei"), _("Under arbeid")]),
                _field("f-planinnhold", _("Kort om innholdet i planen"), FieldKind.LONG_TEXT),
                _field("f-sammenheng", _("Slik henger arbeidet i nettverket sammen med planen"), FieldKind.LONG_TEXT),
            ),
            _section(
                "s-utfordringer", _("Største bemanningsutfordringer"),
                _("Beskriv de utfordringene som betyr mest for bemanningen i dag.\n\n"
                  "- Er det vanskelig å rekruttere, og i så fall hvem: sykepleiere, helsefagarbeidere eller "
                  "begge?\n"
                  "- Er det vanskelig å beholde dem, for eksempel fordi nyansatte slutter etter kort tid?\n"
                  "- Spiller deltid, turnus, sykefravær, lange avstander eller boligmarkedet inn?"),
                _field("f-utfordringer", _("Utfordringene"), FieldKind.LONG_TEXT, required=True),
            ),
            _section(
                "s-onsket", _("Ønsket situasjon på kort og lang sikt"),
                _("Hvordan ser bemanningen ut når dere har lyktes? Skill mellom det dere vil ha nådd når "
                  "nettverket avsluttes, og det dere sikter mot på lengre sikt.\n\n"
                  "- Hva er realistisk å få til innen nettverksperioden er over?\n"
                  "- Hvor vil dere være om fem til ti år?"),
                _field("f-onsket-kort", _("På kort sikt, ved slutten av nettverksperioden"), FieldKind.LONG_TEXT),
                _field("f-onsket-lang", _("På lang sikt"), FieldKind.LONG_TEXT),
            ),
            _section(
                "s-tiltak", _("Tiltak"),
                _("Hvilke tiltak vil dere prøve ut for å nå målene? Del gjerne effektmålet opp i delmål, og "
                  "knytt hvert tiltak til ett av dem.\n\n"
                  "- Hvem har ansvaret for hvert tiltak?\n"
                  "- Omtrent når, eller hvor lenge, skal det pågå?\n\n"
                  "Tabellen følger med videre til den første fremdriftsplanen."),
                _measures(_("Tiltak"), required=True),
            ),
            _section(
                "s-maling", _("Måling av effekt"),
                _("Hvordan vil dere se om tiltakene virker? Tenk på tall dere allerede har, og på hva dere må "
                  "begynne å samle inn.\n\n"
                  "- Hva kan dere følge med på etter noen måneder, for eksempel søkere til utlyste stillinger, "
                  "vikarbruk eller sykefravær?\n"
                  "- Hva vil vise effekten på lang sikt, for eksempel andel heltid eller hvor lenge nyansatte "
                  "blir?\n"
                  "- Hva er utgangspunktet dere sammenligner med?"),
                _field("f-maling-kort", _("Slik måler vi på kort sikt"), FieldKind.LONG_TEXT),
                _field("f-maling-lang", _("Slik måler vi på lang sikt"), FieldKind.LONG_TEXT),
            ),
        ],
    )


def _fremdriftsplan() -> Starter:
    return Starter(
        kind=DocumentKind.FREMDRIFTSPLAN,
        title=_("Fremdriftsplan"),
        introduction=_(
            "Fremdriftsplanen viser hva teamet skal gjøre fram til neste samling. Begynn på den mens dere "
            "er samlet på slutten av samlingen, og gjør den ferdig hjemme. Resultatmålet for perioden skal "
            "peke mot effektmålet, og tiltakene i tabellen skal føre fram til resultatmålet."
        ),
        sections=[
            _section(
                "s-team", _("Team og gruppeleder"),
                _("Hvem i teamet er med på arbeidet denne perioden, og hvem er gruppeleder? Har teamet endret "
                  "seg siden sist, skriv det her."),
                _field("f-gruppeleder", _("Gruppeleder"), FieldKind.SHORT_TEXT, required=True),
                _field("f-deltakere", _("Med i arbeidet denne perioden"), FieldKind.LIST, help=_("Ett navn per linje.")),
            ),
            _section(
                "s-effektmal", _("Effektmål"),
                _("Effektmålet er hentet fra teamets forrige dokument. Endre det bare hvis dere er blitt enige "
                  "om et nytt mål."),
                _effect_goal(),
            ),
            _section(
                "s-resultatmal", _("Resultatmål for perioden"),
                _("Hva skal være oppnådd innen neste samling? Et godt resultatmål er konkret og mulig å "
                  "etterprøve, og det bringer dere et steg nærmere effektmålet.\n\n"
                  "- Hva skal være gjort eller endret?\n"
                  "- Hvordan ser dere at resultatmålet er nådd?"),
                _result_goal(_("Resultatmål for perioden")),
            ),
            _section(
                "s-arbeidsmote", _("Første arbeidsmøte hjemme"),
                _("Avtal det første møtet i egen kommune før dere reiser fra samlingen. Da kommer arbeidet "
                  "raskt i gang."),
                _field("f-arbeidsmote", _("Dato, tid og sted"), FieldKind.MEETING, required=True),
            ),
            _section(
                "s-plan", _("Plan for perioden"),
                _("Før opp delmål og tiltak for perioden. Tiltakene fra forrige plan står allerede i tabellen: "
                  "behold dem dere fortsetter med, stryk dem som er avsluttet, og legg til nye.\n\n"
                  "- Hvem har ansvaret for hvert tiltak?\n"
                  "- Hvor lang tid regner dere med at det tar?"),
                _measures(_("Delmål og tiltak"), required=True),
            ),
        ],
    )


def _statusrapport() -> Starter:
    return Starter(
        kind=DocumentKind.STATUSRAPPORT,
        title=_("Statusrapport"),
        length_guide=_("Høyst to sider"),
        word_budget=950,
        introduction=_(
            "Statusrapporten oppsummerer hva teamet har gjort i perioden den gjelder, og gir rom for å tenke "
            "over hva som virket. Prosjektlederen leser rapportene for å følge opp teamene, legge opp neste "
            "samling og finne erfaringer som er verdt å dele med de andre kommunene."
        ),
        sections=[
            _section(
                "s-mal", _("Mål"),
                _("Effektmålet og resultatmålet er hentet fra teamets forrige dokument. Rett dem hvis de er "
                  "endret."),
                _effect_goal(),
                _result_goal(_("Resultatmål for perioden")),
            ),
            _section(
                "s-etter-planen", _("Fulgte arbeidet planen?"),
                _("Sammenlign med fremdriftsplanen, og med forrige statusrapport hvis dere har levert en.\n\n"
                  "- Hva gikk slik dere hadde planlagt?\n"
                  "- Hva måtte endres underveis, og hvorfor?"),
                _field("f-etter-planen", _("Dette gikk etter planen"), FieldKind.LONG_TEXT),
                _field("f-korrigert", _("Dette endret vi"), FieldKind.LONG_TEXT),
            ),
            _section(
                "s-kunnskap", _("Kunnskap fra forrige samling"),
                _("Har dere tatt i bruk noe dere lærte på forrige samling, fra innlegg, gruppearbeid eller "
                  "andre kommuner? Fortell hva, og hvordan det gikk."),
                _field("f-kunnskap", _("Kunnskap vi har tatt i bruk"), FieldKind.LONG_TEXT),
            ),
            _section(
                "s-igangsatt", _("Tiltak som er satt i gang"),
                _("- Hvilke tiltak har dere satt i verk i perioden?\n"
                  "- Hvorfor valgte dere akkurat disse?\n"
                  "- Hvem hadde ansvaret for hva?\n"
                  "- Skjedde det noe dere ikke hadde regnet med da tiltaket ble prøvd ut?"),
                _field("f-igangsatt", _("Tiltakene og hvordan de ble gjennomført"), FieldKind.LONG_TEXT, required=True),
            ),
            _section(
                "s-resultater", _("Resultater og veien videre"),
                _("- Hvilke konkrete resultater, følger eller ringvirkninger har tiltakene gitt så langt? "
                  "Bruk tall der dere har dem.\n"
                  "- Fortsetter dere som før, eller må noe justeres?\n"
                  "- Er det hindringer dere må ta hensyn til?\n"
                  "- Finnes det personer eller andre ressurser som kan hjelpe arbeidet framover?\n"
                  "- Hvilke tiltak vil dere prøve senere?"),
                _field("f-konkrete-resultater", _("Konkrete resultater"), FieldKind.LONG_TEXT, required=True),
                _field("f-videre-valg", _("Hva gjør dere videre?"), FieldKind.CHOICE,
                       choices=[_("Fortsetter som planlagt"), _("Justerer tiltakene"), _("Bytter ut tiltak")]),
                _field("f-hindringer", _("Hindringer"), FieldKind.LONG_TEXT),
                _field("f-hjelp", _("Ressurser som kan hjelpe"), FieldKind.LONG_TEXT),
                _field("f-senere", _("Tiltak vi vil prøve senere"), FieldKind.LIST, help=_("Ett tiltak per linje.")),
            ),
            _section(
                "s-referansegruppe", _("Kontakt med referansegruppen"),
                _("- Har dere vært i kontakt med referansegruppen i perioden?\n"
                  "- Hvordan opplevde dere kontakten, og hva kom ut av den?"),
                _field("f-referansegruppe", _("Kontakten med referansegruppen"), FieldKind.LONG_TEXT),
            ),
            _section(
                "s-laering", _("Det vi har lært"),
                _("Hva vet teamet nå som dere ikke visste da perioden begynte? Både det som lyktes og det som "
                  "ikke gjorde det, er nyttig for de andre kommunene."),
                _field("f-laering", _("Det vi har lært"), FieldKind.LONG_TEXT),
            ),
        ],
    )


def _sluttrapport() -> Starter:
    return Starter(
        kind=DocumentKind.SLUTTRAPPORT,
        title=_("Sluttrapport"),
        introduction=_(
            "Sluttrapporten samler det teamet har gjort og oppnådd gjennom hele nettverksperioden. "
            "Prosjektlederen bruker den i prosjektrapporten, der hver kommunes hovedmål, tiltak, resultater "
            "og videre oppgaver står side om side. Skriv derfor slik at en leser utenfor teamet forstår det."
        ),
        sections=[
            _section(
                "s-hovedmal", _("Hovedmål"),
                _("Hva var teamets hovedmål for arbeidet? Ble det endret underveis, skriv det endelige målet og "
                  "nevn kort hva som ble endret."),
                _field(FINAL_MAIN_GOAL, _("Hovedmål"), FieldKind.LONG_TEXT, required=True, carry=CARRY_EFFEKTMAL),
            ),
            _section(
                "s-tiltak", _("Tiltak"),
                _("Hvilke tiltak prøvde dere ut i perioden? Tabellen er hentet fra den siste planen deres. Ta "
                  "også med tiltak som ble avsluttet underveis, og skriv i så fall hvorfor."),
                _measures(_("Tiltak"), required=True),
            ),
            _section(
                "s-resultater", _("Resultater"),
                _("- Hva har arbeidet ført til, for de ansatte, for tjenesten og for innbyggerne?\n"
                  "- Hva viser målingene deres sammenlignet med utgangspunktet?\n"
                  "- Hva ble ikke som dere forventet?"),
                _field(FINAL_RESULTS, _("Resultater"), FieldKind.LONG_TEXT, required=True),
            ),
            _section(
                "s-videre", _("Videre arbeid"),
                _("Hva skal kommunen fortsette med når nettverket er over? Før opp konkrete oppgaver, og skriv "
                  "gjerne hvem som skal følge dem opp."),
                _field(FINAL_NEXT, _("Videre oppgaver"), FieldKind.LIST, required=True, help=_("Én oppgave per linje.")),
            ),
            _section(
                "s-erfaringer", _("Råd til andre kommuner"),
                _("Hvilke råd vil dere gi en kommune som skal begynne på det samme arbeidet?"),
                _field("f-erfaringer", _("Våre råd"), FieldKind.LONG_TEXT),
            ),
        ],
    )


def starters() -> list[Starter]:
    """The built-in templates, in the order a network uses them, in the current language."""
    return [_hovedplan(), _fremdriftsplan(), _statusrapport(), _sluttrapport()]


def starter(kind: DocumentKind) -> Starter | None:
    return next((s for s in starters() if s.kind is kind), None)


def sections_of(starter: Starter) -> list[dict]:
    """A copy of a starter's sections, safe to store and change."""
    return copy.deepcopy(starter.sections)


def add_starter_templates(network: Network, created_by: User | None = None) -> list[DocumentTemplate]:
    """Give a network the built-in templates, skipping kinds it already has a template for."""
    existing: set[DocumentKind] = set()
    if network.id is not None:
        existing = set(db.session.scalars(sa.select(DocumentTemplate.kind).where(DocumentTemplate.network_id == network.id)))
    added = []
    for position, built_in in enumerate(starters()):
        if built_in.kind in existing:
            continue
        template = create_template(
            network, built_in.kind, built_in.title, sections_of(built_in), introduction=built_in.introduction,
            length_guide=built_in.length_guide, word_budget=built_in.word_budget, created_by=created_by,
        )
        template.position = position
        added.append(template)
    return added
