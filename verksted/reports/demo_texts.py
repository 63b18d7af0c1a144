"""The words of an invented, finished learning network: municipalities, people, the six
gatherings, what the room answered, the project plan and the organisation.

Every name, municipality, speaker, venue and figure here is made up. The project report's own
text is in demo_report_texts.py; what the teams wrote is in demo_team_texts.py.
"""
from __future__ import annotations

import random

from verksted.gatherings.models import ItemKind
from verksted.plan.models import MilestoneStatus, RiskKind, RiskStatus

TALK, WITHIN, ACROSS, STANDS, OTHER = (ItemKind.TALK, ItemKind.GROUP_WITHIN, ItemKind.GROUP_ACROSS,
                                       ItemKind.STANDS, ItemKind.OTHER)

# (name, short name) of the first municipalities; more are made up from the parts below.
MUNICIPALITIES = [
    ("Brekkedal kommune", "Brekkedal"),
    ("Lyngstrand kommune", "Lyngstrand"),
    ("Øvre Kvitdal kommune", "Øvre Kvitdal"),
    ("Guovžajávri suohkan – Bjørnsjø kommune", "Guovžajávri"),
    ("Havnøy kommune", "Havnøy"),
    ("Åsmyra kommune", "Åsmyra"),
    ("Tindebygd kommune", "Tindebygd"),
    ("Vestre Lia kommune", "Vestre Lia"),
    ("Mårvik kommune", "Mårvik"),
    ("Skjærsund kommune", "Skjærsund"),
]
SAMI = "Guovžajávri suohkan – Bjørnsjø kommune"
NAME_STARTS = ["Bjørke", "Furu", "Kvit", "Myr", "Tind", "Grå", "Ørne", "Rype", "Hegge", "Mose", "Einer", "Rogn",
               "Stein", "Ulv", "Hjort", "Elg", "Bre", "Sel", "Lom", "Trø", "Ospe", "Vier", "Lerke", "Tjern"]
NAME_ENDS = ["vik", "dal", "bygd", "nes", "øy", "fjord", "sund", "stad", "heim", "li", "vang", "mo", "haug", "berg",
             "voll", "åsen"]
NAME_PREFIXES = ["", "", "", "Nordre ", "Søndre ", "Indre ", "Ytre "]


def municipalities(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """`count` invented municipalities, the hand-picked ones first (the Sámi one always among them)."""
    chosen = list(MUNICIPALITIES[:count])
    if count < len(MUNICIPALITIES) and all(name != SAMI for name, _short in chosen):
        chosen[-1] = next(pair for pair in MUNICIPALITIES if pair[0] == SAMI)
    taken = {short for _name, short in chosen}
    while len(chosen) < count:
        short = rng.choice(NAME_PREFIXES) + rng.choice(NAME_STARTS) + rng.choice(NAME_ENDS)
        if short not in taken:
            taken.add(short)
            chosen.append((f"{short} kommune", short))
    return chosen


FIRST_NAMES = ["Ingrid", "Kari", "Astrid", "Solveig", "Ragnhild", "Marte", "Silje", "Tone", "Hanne", "Anita", "Berit",
               "Gro", "Åse", "Turid", "Eli", "Mona", "Heidi", "Linn", "Maria", "Fatima", "Agnieszka", "Leyla",
               "Ole", "Per", "Knut", "Eirik", "Jon", "Geir", "Arne", "Torstein", "Sindre", "Håkon", "Øyvind",
               "Ahmed", "Tomasz", "Jonas", "Vegard", "Bjørn", "Amina", "Siri", "Guro", "Tuva"]
SURNAMES = ["Haugen", "Solberg", "Lunde", "Dahl", "Strand", "Bakke", "Moen", "Nilsen", "Vik", "Rønning", "Sæther",
            "Aasen", "Grønli", "Kvåle", "Tveit", "Fossum", "Brekke", "Lie", "Berge", "Holm", "Myhre", "Sandvik",
            "Øverland", "Bråten", "Hætta", "Nygård", "Løvås", "Sørli", "Kowalski", "Hussein", "Engen", "Ås"]
SAMI_FIRST = ["Máret", "Biret", "Iŋgá", "Sunná", "Ánde", "Áslat", "Niillas", "Ovllá", "Elle", "Ristin"]
SAMI_SURNAMES = ["Guttorm", "Eira", "Somby", "Gaup", "Sara", "Buljo", "Turi", "Đuolja", "Šiellá", "Ŧoađđi"]

LEAD_ROLES = ["Enhetsleder, {kort} sykehjem", "Kommunalsjef helse og omsorg", "Virksomhetsleder, {kort} omsorgssenter",
              "Avdelingsleder hjemmetjenesten", "Enhetsleder, hjemmebaserte tjenester"]
ROLES = ["Sykepleier", "Helsefagarbeider", "Hovedtillitsvalgt, Fagforbundet", "Tillitsvalgt, NSF", "HR-rådgiver",
         "Fagutviklingssykepleier", "Verneombud", "Rådgiver, kompetanse og rekruttering", "Fagsykepleier demens",
         "Helsefagarbeider, nattevakt", "Personalrådgiver"]

WITHDRAWAL_REASON = (
    "Langvarig sykefravær hos gruppeleder og enhetsleder, og en omorganisering av helse og omsorg samtidig. "
    "Kommunen hadde ikke kapasitet til å følge arbeidet resten av perioden, men ønsker å delta i et senere nettverk."
)

NETWORK_DESCRIPTION = (
    "Et utviklingsverksted der kommuner i Nordfjella arbeidet med å **rekruttere**, **utvikle** og **beholde** "
    "sykepleiere og helsefagarbeidere. Teamene møttes på seks samlinger og arbeidet med egne tiltak hjemme mellom "
    "samlingene."
)
CENTRE = "Utviklingssenter for sykehjem og hjemmetjenester i Nordfjella"
OWNER = f"{CENTRE} og KS Nordfjella"
MAIN_GOAL = (
    "Kommunene i nettverket har nok kompetente medarbeidere i helse- og omsorgstjenestene, og arbeider planmessig "
    "med å rekruttere, utvikle og beholde dem."
)
GOALS = [
    "Hver kommune har en kompetanse- og rekrutteringsplan som er i bruk og rulleres hvert år.",
    "Flere ansatte i deltakende tjenester har hel stilling.",
    "Nyansatte og lærlinger får god oppfølging og blir værende.",
    "Kommunene er attraktive praksisarenaer for studenter og elever.",
    "Kommunene deler erfaringer og gode tiltak med hverandre.",
]
STEERING_GROUP = [
    ("Gunnhild Vatne", "Leder", "Kommunedirektør, Brekkedal kommune"),
    ("Rolf Aakre", "Prosjekteier", "KS Nordfjella"),
    ("Hilde Aamodt", "Medlem", "Utviklingssenter for sykehjem og hjemmetjenester i Nordfjella"),
    ("Kjersti Nøstdal", "Medlem", "Norsk Sykepleierforbund, fylkeskontoret"),
    ("Terje Ulvang", "Medlem", "Fagforbundet Nordfjella"),
    ("Randi Mørk", "Medlem", "Høgskolen i Nordfjella, institutt for sykepleie"),
]
WORKING_GROUP = [  # the project leader is first, added from the network's facilitator
    ("Knut Lunde", "Rådgiver", "KS Nordfjella"),
    ("Silje Fjeld", "Fagrådgiver", "Statsforvalteren i Nordfjella"),
    ("Áile Somby", "Høgskolelektor", "Høgskolen i Nordfjella"),
    ("Mette Berntsen", "Hovedtillitsvalgt", "Delta, Nordfjella"),
]
REFERENCE_GROUP = [
    ("Eldrerådet i Brekkedal", "Brukerrepresentant", "Brekkedal kommune"),
    ("Nils Tande", "Lærling", "Helsearbeiderfaget, Nordfjella videregående skole"),
]

# number, title, month after the start, focus, venue, [(start, end, title, kind, speaker, organisation)]
GATHERINGS = [
    (1, "Oppstartssamling", 1, "Utfordringsbilde og kompetanseplan", "kulturhus", [
        ("09.30", "10.00", "Velkommen, og presentasjon av teamene", OTHER, "@leader", ""),
        ("10.00", "10.45", "Utviklingsverksted som arbeidsmåte", TALK, "@leader", ""),
        ("10.45", "11.30", "Bemanning i helse og omsorg fram mot 2035", TALK, "Gunhild Rørvik", "KS Nordfjella"),
        ("11.30", "12.15", "Lunsj", OTHER, "", ""),
        ("12.15", "13.30", "Teamets utfordringsbilde og effektmål", WITHIN, "", ""),
        ("13.30", "14.30", "Hvilke utfordringer deler vi?", ACROSS, "", ""),
        ("14.30", "15.30", "Fremdriftsplan for første periode, og evaluering", WITHIN, "", ""),
    ]),
    (2, "Rekruttering", 5, "Rekruttere sykepleiere og helsefagarbeidere", "samfunnshus", [
        ("09.30", "09.50", "Velkommen til vertskommunen", OTHER, "@host", ""),
        ("09.50", "10.40", "Traineeordning for nyutdannede sykepleiere", TALK, "Eivind Storli",
         "Nabodal kommune"),
        ("10.40", "11.30", "Slik ble vi en praksisarena studentene vil tilbake til", TALK, "Tuva Lindseth",
         "Høgskolen i Nordfjella"),
        ("11.30", "12.15", "Lunsj", OTHER, "", ""),
        ("12.15", "13.30", "Rekrutteringstiltak i egen kommune", WITHIN, "", ""),
        ("13.30", "14.45", "Kafébord: annonser, praksis og første arbeidsdag", ACROSS, "", ""),
        ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
    ]),
    (3, "Heltidskultur", 9, "Heltid og turnus", "rådhus, kommunestyresalen", [
        ("09.30", "09.45", "Velkommen", OTHER, "@host", ""),
        ("09.45", "10.35", "Heltidskultur – hva skal til?", TALK, "Arnfinn Kolstad", "KS Nordfjella"),
        ("10.35", "11.25", "Årsturnus og langvakter: to år etter", TALK, "Marit Sundli", "Fjellheim omsorgssenter"),
        ("11.25", "12.10", "Lunsj", OTHER, "", ""),
        ("12.10", "13.15", "Status fra teamene: hva har virket så langt?", ACROSS, "", ""),
        ("13.15", "14.30", "Heltidstiltak på tvers: fra idé til utprøving", ACROSS, "", ""),
        ("14.30", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
    ]),
    (4, "Beholde og utvikle", 13, "Beholde nyansatte og lærlinger", "sykehjem, festsalen", [
        ("09.30", "09.45", "Velkommen", OTHER, "@host", ""),
        ("09.45", "10.30", "De første hundre dagene: introduksjon og fadder", TALK, "Lene Haukås",
         "Utviklingssenter for sykehjem og hjemmetjenester"),
        ("10.30", "11.15", "Lærlinger forteller: derfor ble vi", TALK, "Tre lærlinger", "Nordfjella videregående skole"),
        ("11.15", "11.45", "Kompetanseplanen som lederverktøy", TALK, "Per Arne Dyrdal", "Høgskolen i Nordfjella"),
        ("11.45", "12.30", "Lunsj", OTHER, "", ""),
        ("12.30", "14.15", "Gruppearbeid på tvers: hva får folk til å bli?", ACROSS, "", ""),
        ("14.15", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
    ]),
    (5, "Fra prosjekt til drift", 17, "Implementering og forankring", "hotell", [
        ("09.30", "09.45", "Velkommen", OTHER, "@leader", ""),
        ("09.45", "10.35", "Forbedringsarbeid som varer", TALK, "Synnøve Garnes", "Senter for kvalitet i kommunene"),
        ("10.35", "11.25", "Hvordan få tiltakene inn i budsjett og planer?", TALK, "Rolf Aakre", "KS Nordfjella"),
        ("11.25", "12.10", "Lunsj", OTHER, "", ""),
        ("12.10", "13.30", "Teamene presenterer: tre tiltak som virker", TALK, "Utvalgte kommuneteam", ""),
        ("13.30", "14.45", "Implementeringsplan, med råd fra de andre teamene", ACROSS, "", ""),
        ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
    ]),
    (6, "Avslutningssamling", 21, "Spredning og veien videre", "kulturhus", [
        ("09.30", "09.50", "Velkommen, og et tilbakeblikk", OTHER, "@leader", ""),
        ("09.50", "10.40", "Vilje til endring", TALK, "Torunn Hegge", "Nordfjella universitetssykehus"),
        ("10.40", "12.00", "Stands: teamene viser hva de har fått til", STANDS, "", ""),
        ("12.00", "12.45", "Lunsj", OTHER, "", ""),
        ("12.45", "14.00", "Hvordan holder vi arbeidet i gang? Gruppearbeid på tvers", ACROSS, "", ""),
        ("14.00", "14.45", "Hilsen fra styringsgruppen", TALK, "Gunnhild Vatne", "Styringsgruppen"),
        ("14.45", "15.30", "Evaluering og avslutning", OTHER, "@leader", ""),
    ]),
]

NOTES = {
    1: "## Hva skjedde\nTeamene presenterte seg og sitt utfordringsbilde. Flere kommuner delte de samme "
       "utfordringene: små stillinger, få søkere og nyansatte som slutter.\n\n## Til neste gang\n"
       "- Hovedplanen (høyst tre sider) leveres innen fristen.\n- Avtal første arbeidsmøte hjemme.",
    2: "## Hva skjedde\nTo innlegg om rekruttering, og kafébord der teamene byttet ideer til annonser og "
       "praksisordninger.\n\n## Evaluering\nGruppearbeidet på tvers fikk bedre score enn på oppstarten.",
    3: "## Hva skjedde\nDagen handlet om heltid og turnus. Teamene la fram status for hverandre, og flere "
       "fant en kommune å samarbeide med.",
    4: "## Hva skjedde\nLærlingene var dagens høydepunkt. Gruppearbeidet på tvers ga mange konkrete tiltak "
       "for å beholde nyansatte.",
    5: "## Hva skjedde\nTre team presenterte tiltak som virker. Hvert team laget en plan for hvordan "
       "tiltakene skal leve videre etter nettverket.",
    6: "## Hva skjedde\nTeamene viste fram arbeidet sitt på stands og besøkte hverandre. Styringsgruppen takket "
       "for innsatsen.\n\n## Videre\nSluttrapporten leveres innen tre uker.",
}

# The mean each scale question aims at, gathering by gathering: the day, the talks, group work
# within the team, and across the municipalities (rising most, as in the seed reports).
OVERALL = (4.0, 4.1, 4.3, 4.4, 4.5, 4.7)
TALKS = (4.5, 4.4, 4.5, 4.6, 4.4, 4.6)
WITHIN_TEAM = (3.6, 3.8, 3.9, 4.1, 4.2, 4.3)
ACROSS_TEAMS = (2.8, 3.3, 3.7, 4.1, 4.4, 4.6)
STANDS_SCORE = 4.7

WORDS = {
    1: ["kompetanseplan", "nettverk", "inspirasjon", "utfordringsbilde", "effektmål", "samarbeid", "motivasjon",
        "Guovžajávri", "nye kolleger", "struktur"],
    2: ["traineeordning", "praksis", "studenter", "annonser", "rekruttering", "kafébord", "erfaringsdeling",
        "høgskolen", "mot", "ideer"],
    3: ["heltid", "årsturnus", "langvakter", "heltidskultur", "tillitsvalgte", "turnus", "samarbeid", "giitu",
        "modig", "tall"],
    4: ["lærlinger", "fadder", "introduksjon", "ungdom", "veiledning", "beholde", "hundre dager", "sommerjobb",
        "fagbrev", "stolthet"],
    5: ["forankring", "budsjett", "drift", "implementering", "planer", "ledelse", "varig", "erfaringsdeling",
        "oppfølging", "linjen"],
    6: ["stands", "stolthet", "fellesskap", "resultater", "takk", "videre", "nettverk", "giitu", "glede", "spredning"],
}

# Open answers to «Hva bør vi gjøre annerledes neste gang?», written to be quoted.
TEXTS = {
    1: ["Mer tid til gruppearbeid på tvers av kommunene – vi har mye å lære av hverandre.",
        "Kortere foredrag før lunsj og lengre tid til å snakke sammen etterpå.",
        "Send programmet tidligere, så vi rekker å få vikar for dem som skal være med.",
        "Godt å høre at vi ikke er alene om å slite med små stillinger.",
        "Vi trenger eksempler på gode hovedplaner før vi skriver vår egen.",
        "Bruk mikrofon når spørsmålene kommer fra salen."],
    2: ["Kafébordene var det beste i dag. Vi dro hjem med tre ideer vi kan prøve allerede neste måned.",
        "Traineeordningen var et godt eksempel. Kan vi få kontakt med dem som står bak?",
        "Lang reisevei for oss som bor lengst nord – start gjerne en halvtime senere.",
        "Mer om helsefagarbeiderne, ikke bare sykepleierne.",
        "Takk til vertskommunen for god mat og en god dag 😊"],
    3: ["Gruppearbeidet på tvers var nyttigere enn å sitte i eget team hele ettermiddagen.",
        "Endelig tall på bordet om heltid. Det gjorde noe med diskusjonen hos oss.",
        "Ønsker at tillitsvalgte fra alle kommunene er med neste gang.",
        "Vi fant en kommune med samme turnusutfordring som oss, og skal møtes før neste samling.",
        "Giitu for en god dag! Fint å høre om langvaktene."],
    4: ["Lærlingene som fortalte, var dagens høydepunkt. De sa det vi ledere trenger å høre.",
        "Fadderordningen tar vi med hjem og starter opp med en gang.",
        "Mer tid på tvers, gjerne med nye grupper etter lunsj.",
        "Vi begynner å bli et nettverk nå, ikke bare kommuner i samme rom.",
        "Ta med nyansatte neste gang, ikke bare ledere."],
    5: ["Å høre de andre teamene presentere var mer lærerikt enn noe foredrag.",
        "Det var nyttig å få råd fra en annen kommune på implementeringsplanen vår.",
        "Vi trenger hjelp til å få toppledelsen med. Kan styringsgruppen bidra?",
        "Hotellet var fint, men langt å reise for oss i nord.",
        "Fint å se hvor langt vi har kommet siden oppstarten."],
    6: ["Standene viste hvor mye som er gjort. Jeg ble stolt av teamet vårt.",
        "Gruppearbeidet på tvers har vært det viktigste i hele nettverket.",
        "Vi kommer til å savne samlingene. Kan vi møtes én gang i året?",
        "Takk for to lærerike år – og for at dere holdt oss i ørene med fristene.",
        "Giitu buot! Vi tar med oss mye hjem, og vi kommer gjerne igjen."],
}
EXTRA_TEXTS = ["Bra dag.", "Flere pauser.", "Ingenting å utsette.", "Mer av det samme!", "Takk for en fin dag."]


def milestones(start_year: int) -> list[tuple]:
    """(code, title, responsible, first month offset, last month offset, description, [(offset in
    days from the start, status, note)]) for a finished network of 22 months."""
    done, partly, going = MilestoneStatus.DONE, MilestoneStatus.PARTLY, MilestoneStatus.IN_PROGRESS
    return [
        ("M1", "Oppstart og forankring i kommunene", "Prosjektleder", 0, 2,
         "Styringsgruppen er satt, avtaler med kommunedirektørene er signert, og første samling er holdt.",
         [(7, going, "Oppstartsmøte med styringsgruppen."), (70, done, "Alle kommunene har signert avtale.")]),
        ("M2", "Hovedplaner levert fra alle kommuneteam", "Gruppelederne", 1, 4,
         "Hvert team leverer en hovedplan på høyst tre sider.",
         [(40, going, "Teamene skrev utkast på første samling."), (100, partly, "De fleste hovedplanene er levert."),
          (130, done, "Alle hovedplanene er levert og gjennomgått.")]),
        ("M3", "Kartlegging av kompetanse og bemanning", "Arbeidsgruppen", 2, 8,
         "Hver kommune kartlegger kompetanse, stillingsstørrelser og turnover.",
         [(75, going, "Felles spørreskjema er sendt ut."), (250, done, "Kartleggingen er presentert på tredje samling.")]),
        ("M4", "Tiltak prøvd ut i hver kommune", "Kommuneteamene", 4, 16,
         "Teamene prøver ut tiltak for rekruttering, heltid og oppfølging av nyansatte.",
         [(140, going, "De første tiltakene er i gang."), (420, partly, "Ett team har trukket seg; de andre er i gang."),
          (500, done, "Alle aktive team har prøvd ut minst to tiltak.")]),
        ("M5", "Midtveisevaluering", "Prosjektleder og styringsgruppen", 10, 12,
         "Styringsgruppen gjennomgår fremdriften og justerer opplegget for andre år.",
         [(300, going, "Midtveisevalueringen er sendt til deltakerne."), (360, done, "Evalueringen er behandlet.")]),
        ("M6", "Kompetanse- og rekrutteringsplan oppdatert i hver kommune", "Kommunalsjefene", 12, 20,
         "Planene oppdateres med det teamene har lært, og legges fram politisk.",
         [(400, going, "Mal for oppdatering er delt."), (560, partly, "De fleste kommunene har vedtatt planen."),
          (640, done, "Planene er vedtatt eller lagt fram.")]),
        ("M7", "Tiltakene er en del av driften", "Kommunalsjefene", 16, 21,
         "Tiltakene som virker, er tatt inn i planer, budsjett og rutiner.",
         [(510, going, "Implementeringsplan laget på femte samling."), (650, partly, "Tiltakene er i drift i de fleste kommunene.")]),
        ("M8", "Sluttrapporter og prosjektrapport", "Prosjektleder", 20, 22,
         "Teamene leverer sluttrapporter, og prosjektrapporten deles med kommunene i regionen.",
         [(640, going, "Sluttrapportene er bestilt."), (665, done, "Prosjektrapporten er sendt styringsgruppen.")]),
    ]


RISKS = [
    # kind, description, likelihood, consequence, counter-measure, owner, status
    (RiskKind.INTERNAL, "Langvarig sykefravær i kommuneteamene gjør at arbeidet stopper opp.", 3, 2,
     "Hvert team har en stedfortreder for gruppelederen. Prosjektleder tar kontakt med team som uteblir.",
     "Prosjektleder", RiskStatus.HANDLED),
    (RiskKind.INTERNAL, "Ledere og nøkkelpersoner slutter underveis.", 3, 3,
     "Arbeidet forankres i linjen og skrives ned i planene, så nye ledere kan ta det over.",
     "Kommunalsjefene", RiskStatus.HANDLED),
    (RiskKind.INTERNAL, "Manglende forankring hos toppledelsen i kommunene.", 2, 3,
     "Kommunedirektørene signerer deltakeravtalen og får statusrapport to ganger i året.",
     "Styringsgruppen", RiskStatus.CLOSED),
    (RiskKind.EXTERNAL, "En kommune trekker seg på grunn av omorganisering eller økonomi.", 2, 2,
     "Tett oppfølging av teamene, og tilpassede frister for kommuner i en særskilt situasjon.",
     "Prosjektleder", RiskStatus.CLOSED),
    (RiskKind.EXTERNAL, "Stram kommuneøkonomi gir lite rom for å frikjøpe ansatte.", 3, 2,
     "Samlingene legges nær arbeidsstedet, og tiltak uten ekstra kostnader prioriteres.",
     "Styringsgruppen", RiskStatus.HANDLED),
    (RiskKind.INTERNAL, "Teamene leverer ikke planer og rapporter innen fristene.", 2, 1,
     "Påminnelse en uke før fristen, og tid til skriving på samlingene.", "Prosjektleder", RiskStatus.CLOSED),
    (RiskKind.EXTERNAL, "Lange reiseavstander og vinterføre hindrer oppmøte.", 2, 1,
     "Samlingene kan følges digitalt, og innleggene deles etterpå.", "Arbeidsgruppen", RiskStatus.CLOSED),
]

ACTIVITIES = [
    ("Samlinger i læringsnettverket",
     "Gi teamene faglig påfyll og tid til å arbeide sammen, i eget team og på tvers av kommunene.",
     ["Program med fokustema for hver samling", "Vertskommune og innledere", "Gruppearbeid i og på tvers av teamene",
      "Evaluering av hver samling"], "Prosjektleder med arbeidsgruppen", "Hele perioden"),
    ("Oppfølging av teamene mellom samlingene",
     "Holde arbeidet i gang hjemme og fange opp team som trenger hjelp.",
     ["Lese fremdriftsplaner og statusrapporter", "Telefonmøte med hver gruppeleder etter samlingene"],
     "Prosjektleder", "Hele perioden"),
    ("Kartlegging av kompetanse og bemanning",
     "Gi lederne oversikt over kompetanse, stillingsstørrelser og behov.",
     ["Felles spørreskjema", "Kartlegging i hver kommune", "Sammenstilling og presentasjon"],
     "Arbeidsgruppen", "Første år"),
    ("Sluttrapport og spredning",
     "Dokumentere resultatene og gjøre erfaringene kjent for andre kommuner.",
     ["Sluttrapport fra hvert team", "Prosjektrapport med anbefalinger", "Erfaringskonferanse for regionen"],
     "Prosjektleder og styringsgruppen", "Siste halvår"),
]
