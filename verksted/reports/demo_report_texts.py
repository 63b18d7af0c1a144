"""The project leader's own text in the demo reports: the finished network's whole narrative,
and the first pages of the running demo network's report.

Written for any number of teams: the figures come from `Facts`. Every name, place and figure
is made up; the sources list real, public documents the way a report would.
"""
from __future__ import annotations

from dataclasses import dataclass

NUMBER_WORDS = ["null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti", "elleve", "tolv"]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def count(number: int) -> str:
    """«åtte» for small numbers, digits for the rest, as Norwegian reports write them."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)


def month(day) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


@dataclass
class Facts:
    network: str
    leader: str
    owner: str
    starts: str  # «september 2023»
    ends: str
    teams: int
    active: int
    withdrawn: str  # the municipality that withdrew
    withdrawn_when: str
    finals: int  # sluttrapporter delivered
    missing: str  # the active team without one
    answers: int  # evaluation answers in all
    across_first: str  # mean score for group work across municipalities, first and last gathering
    across_last: str
    places: list[str]  # the host municipalities, in order


def foreword(f: Facts) -> str:
    return f"""Da {f.network} startet i {f.starts}, hadde kommunene i regionen lenge meldt om det samme: \
det er vanskelig å få tak i sykepleiere og helsefagarbeidere, mange jobber i små stillinger, og for mange nyansatte \
slutter etter kort tid. Utviklingsverksted ble valgt som arbeidsmåte fordi den lar hver kommune arbeide med sine egne \
utfordringer, samtidig som kommunene lærer av hverandre.

Denne rapporten oppsummerer {count(f.teams)} kommuners arbeid over nesten to år. Den bygger på teamenes egne planer og \
rapporter, på deltakernes evaluering etter hver samling og på erfaringene til styringsgruppen og arbeidsgruppen.

Som prosjektleder vil jeg takke alle som har bidratt: kommuneteamene, som har satt av tid i en travel hverdag; \
vertskommunene, som åpnet dørene for oss; innlederne; og styringsgruppen og arbeidsgruppen, som har fulgt arbeidet \
tett. En særlig takk til de tillitsvalgte, som var med fra første dag og gjorde tiltakene bedre.

Utviklingssenteret anbefaler arbeidsmåten til andre kommuner som vil arbeide systematisk med å rekruttere og beholde \
fagfolk. Anbefalingene våre står i kapittelet *Anbefalinger*.

*{f.leader}, prosjektleder, {f.ends}*"""


def summary(f: Facts) -> str:
    return f"""{f.network} var et utviklingsverksted for kommunene i Nordfjella, eid av {f.owner}. Målet var at \
kommunene skulle ha nok kompetente medarbeidere i helse- og omsorgstjenestene, og arbeide planmessig med å rekruttere, \
utvikle og beholde dem.

{count(f.teams).capitalize()} kommuner deltok med tverrfaglige team. {f.withdrawn} trakk seg i {f.withdrawn_when}; \
de andre {count(f.active)} fullførte. Teamene møttes på seks samlinger fra {f.starts} til {f.ends}, med faglige \
innlegg før lunsj og gruppearbeid etter. Mellom samlingene arbeidet hvert team med egne tiltak og leverte hovedplan, \
fremdriftsplaner, statusrapporter og sluttrapport.

De viktigste resultatene:

- Alle aktive kommuner har prøvd ut minst to tiltak, og de fleste tiltakene er videreført i drift.
- Flere kommuner har økt andelen ansatte i hel stilling, og flere har fått flere søkere til sykepleierstillinger.
- Kommunene har fått oversikt over kompetansen i egne tjenester, og de fleste har vedtatt en oppdatert kompetanse- og \
rekrutteringsplan.
- Deltakerne ga gruppearbeidet på tvers av kommunene {f.across_first} i snitt på første samling og {f.across_last} på \
den siste, på en skala fra 1 til 5.

**{count(f.finals).capitalize()}** av {count(f.active)} aktive team leverte sluttrapport. Rapporten avsluttes med \
anbefalinger til kommuner som vil ta arbeidsmåten i bruk."""


def background(f: Facts) -> str:
    return f"""Kommunene i Nordfjella er små og mellomstore, med spredt bosetting og lange avstander. Andelen \
innbyggere over 80 år vil nesten dobles de neste femten årene, mens antallet i yrkesaktiv alder går ned. Samtidig \
melder kommunene om at det er vanskelig å rekruttere sykepleiere, og at for mange helsefagarbeidere jobber deltid.

I {f.starts.split()[-1]} kartla utviklingssenteret og KS bemanningen i helse og omsorg i regionen. Kartleggingen viste \
store forskjeller mellom kommunene, men de samme mønstrene gikk igjen:

| Utfordring | Kommuner som nevnte den |
|---|---|
| Få søkere til sykepleierstillinger | Nesten alle |
| Mange små stillinger blant helsefagarbeidere | Mer enn halvparten |
| Nyansatte som slutter det første året | Omtrent halvparten |
| Lav andel lærlinger som blir etter fagbrevet | Omtrent en tredjedel |

Forskrift om ledelse og kvalitetsforbedring i helse- og omsorgstjenesten krever at lederne har oversikt over \
medarbeidernes kompetanse og behov for opplæring. Mange av lederne vi snakket med, sa at de manglet nettopp denne \
oversikten, og at kompetanseplanen i kommunen var lite kjent.

Utviklingssenteret og KS inviterte derfor kommunene til et læringsnettverk etter modell av utviklingsverksted. \
{count(f.teams).capitalize()} kommuner takket ja, og nettverket startet i {f.starts}."""


def goals(main_goal: str, goal_texts: list[str]) -> str:
    listed = "\n".join(f"{number}. {text}" for number, text in enumerate(goal_texts, start=1))
    return f"""**Hovedmål:** {main_goal}

Styringsgruppen vedtok disse delmålene ved oppstarten:

{listed}

Hvert kommuneteam formulerte i tillegg sitt eget effektmål i hovedplanen, med utgangspunkt i kommunens egne \
utfordringer. Effektmålene ble fulgt opp i fremdriftsplanene og statusrapportene, og noen team justerte dem \
underveis. Teamenes endelige mål står i resultattabellen."""


def method(f: Facts) -> str:
    return f"""Utviklingsverksted er et læringsnettverk der tverrfaglige team fra hver kommune arbeider med egne tiltak \
over tid, og lærer av hverandre underveis. Teamene består av ledere, sykepleiere, helsefagarbeidere, tillitsvalgte og \
HR: folk som sjelden arbeider sammen til daglig. Det gir flere blikk på de samme utfordringene, og det gjør det \
lettere å forankre tiltakene.

Nettverket hadde seks samlinger over 22 måneder. Kommunene vekslet på å være vertskommune. Hver samling hadde et \
fokustema, faglige innlegg i første del og gruppearbeid i andre del, både i eget team og på tvers av kommunene. På \
den siste samlingen viste teamene fram arbeidet sitt på stands.

Mellom samlingene leverte teamene planer og rapporter etter faste frister:

| Dokument | Når | Omfang |
|---|---|---|
| Hovedplan | Etter første samling | Høyst tre sider |
| Fremdriftsplan | Etter hver samling, fem i alt | Én side med tabell |
| Statusrapport | Før samling 3, 4, 5 og 6 | Høyst to sider |
| Sluttrapport | Etter siste samling | Et par sider |

Prosjektleder leste alle planene og rapportene, ga skriftlige tilbakemeldinger og hadde telefonmøte med hver \
gruppeleder etter samlingene. Statusrapportene ble også brukt til å velge hvilke team som skulle presentere arbeidet \
sitt, og til å legge opp gruppearbeidet på neste samling.

Deltakerne evaluerte hver samling på mobilen før de dro hjem. Til sammen kom det inn {f.answers} svar. Evalueringen \
ble brukt til å justere neste samling, og resultatene står i kapittelet om deltakernes evaluering.

Alle maler står i vedlegg 3."""


def recommendations(f: Facts) -> str:
    return """Erfaringene fra nettverket gir oss disse anbefalingene til kommuner og regioner som vil bruke \
utviklingsverksted:

1. **Sett sammen teamet med omhu.** Ta med ledere, fagfolk, tillitsvalgte og HR. Et tverrfaglig team forankrer \
tiltakene bredere, men trenger tid til å bli et team.
2. **Gi teamene tid.** Gruppelederen må ha tid i turnusen til arbeidet, og teamet bør avtale faste arbeidsmøter før \
det reiser hjem fra hver samling.
3. **Prioriter gruppearbeid på tvers av kommunene.** Det var dette deltakerne satte høyest mot slutten. Legg det tidlig \
på dagen, og bland gruppene.
4. **Bruk planene aktivt.** Hovedplan, fremdriftsplaner og statusrapporter holder arbeidet i gang, men bare når \
prosjektleder leser dem og gir tilbakemelding.
5. **Mål enkelt.** Bruk tall kommunen allerede har: stillingsstørrelser, sykefravær, søkere per stilling og turnover.
6. **Forankre i linjen fra starten.** Kommunedirektøren bør signere deltakeravtalen, og tiltakene må inn i \
kompetanseplanen og budsjettet før nettverket slutter.
7. **Følg opp team som strever.** Et team som mister gruppelederen eller står midt i en omorganisering, trenger tett \
kontakt og tilpassede frister – og noen ganger å få lov til å trekke seg med æren i behold.

Vi anbefaler at kommunene i regionen møtes én gang i året for å følge opp arbeidet, og at utviklingssenteret tilbyr \
et nytt nettverk for kommuner som ikke var med denne gangen."""


def sources(f: Facts) -> str:
    return f"""- Forskrift om ledelse og kvalitetsforbedring i helse- og omsorgstjenesten (FOR-2016-10-28-1250).
- Helse- og omsorgsdepartementet: *Meld. St. 15 (2017–2018) Leve hele livet – En kvalitetsreform for eldre*.
- KS: *Arbeidsgivermonitoren*, utgaver fra de siste årene.
- {f.owner}: *Prosjektplan for {f.network}*, vedtatt av styringsgruppen ved oppstarten.
- Kommuneteamenes hovedplaner, fremdriftsplaner, statusrapporter og sluttrapporter, {f.starts}–{f.ends}.
- Deltakernes evaluering etter hver samling ({f.answers} svar)."""


INTRODUCTIONS = {
    "organisation": "Prosjektet ble ledet av en prosjektleder i halv stilling ved utviklingssenteret. Styringsgruppen "
                    "hadde fem møter og arbeidsgruppen åtte i løpet av perioden.",
    "teams": "Hver kommune deltok med et tverrfaglig team. Tabellen viser kommunene som var med, og den som trakk seg "
             "underveis, med dato og årsak.",
    "gatherings": "Samlingene fulgte samme mønster: faglige innlegg før lunsj og gruppearbeid etter. Vertskommunen "
                  "fikk vise fram tjenestene sine, og teamene ble kjent med hverandres kommuner.",
    "evaluation": "Deltakerne svarte anonymt på mobilen på slutten av hver samling. Tilfredsheten med innleggene holdt "
                  "seg høy hele veien, mens gruppearbeidet på tvers av kommunene steg fra samling til samling.",
    "results": "Tabellen er hentet fra teamenes sluttrapporter. Ett svar er forkortet for rapporten; teamets eget "
               "dokument er uendret.",
    "further_work": "Alle teamene har skrevet hva kommunen skal arbeide videre med når nettverket er over.",
    "milestones": "Milepælsplanen viser hvordan arbeidet gikk, måned for måned.",
    "risks": "Risikovurderingen ble gått gjennom i styringsgruppen to ganger i året.",
    "templates": "Malene teamene brukte, som blanke skjema.",
}


# --- The running demo network: a report just begun -------------------------------------------


RUNNING_FOREWORD = """*Utkast – skrives ferdig når nettverket er over.*

Rekruttere og beholde er et læringsnettverk der seks kommuner i Nordfjella arbeider med å skaffe og holde på \
sykepleiere og helsefagarbeidere. Denne rapporten skal samle erfaringene fra nettverket, slik at andre kommuner kan \
lære av dem.

Takk til kommuneteamene, vertskommunene og alle som har holdt innlegg så langt."""

RUNNING_BACKGROUND = """Kommunene i Nordfjella har lenge meldt om få søkere til sykepleierstillinger, mange små \
stillinger blant helsefagarbeiderne og nyansatte som slutter etter kort tid. Etter et forprosjekt i 2024, der \
utviklingssenteret og KS kartla bemanningen i regionen, ble kommunene invitert til et læringsnettverk etter modell av \
utviklingsverksted.

Seks kommuner takket ja, blant dem Čáhppesjávri suohkan – Svartvatn kommune, der en del av tjenestene gis på \
samisk. Nettverket startet høsten 2025 og avsluttes sommeren 2027.

- Hovedmålet er at kommunene arbeider planmessig og systematisk med å rekruttere, utvikle og beholde medarbeidere.
- Arbeidet bygger på kommunenes egne kompetanse- og rekrutteringsplaner."""
