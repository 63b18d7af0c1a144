"""The pools of phrases the teams of an invented, finished network write from: a theme each
team works on (heltid, lærlinger …) with its goals, measures, results and figures, and shared
sentences about how the work went. demo_team_documents.py composes the documents from them.

Placeholders: {kommune}, {kort} (the short name), {end} (the last year) and the team's figures.
Every word, figure and place is made up.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    goals: list[str]  # the team's hovedmål, one sentence
    measures: list[tuple[str, str, str, str]]  # Delmål | Tiltak | Ansvarlig | Tidsestimat
    results: list[str]  # a paragraph of results each
    next: list[str]  # videre oppgaver
    period_goals: list[str] = field(default_factory=list)  # resultatmål for a fremdriftsplan
    challenge: str = ""  # a bullet for the hovedplan's utfordringer
    metric: str = ""  # what the team measured, with its figures


THEMES: dict[str, Theme] = {
    "heltid": Theme(
        goals=[
            "Innen {end} har minst {heltid_til} prosent av de fast ansatte i helse og omsorg i {kort} en stilling "
            "på 80 prosent eller mer, og ingen får tilbud om mindre stilling enn 50 prosent.",
            "{kommune} har en heltidskultur der hele stillinger er hovedregelen, og andelen ansatte i heltid har økt "
            "fra {heltid_fra} til {heltid_til} prosent innen utgangen av {end}.",
        ],
        measures=[
            ("Heltid", "Kartlegge ønsket stillingsstørrelse blant alle deltidsansatte", "HR-rådgiver", "Første halvår"),
            ("Heltid", "Prøve ut langvakter i helg på én avdeling", "Enhetsleder", "Seks måneder, så evaluering"),
            ("Heltid", "Ønsketurnus i hjemmetjenesten, laget sammen med de ansatte", "Avdelingsleder hjemmetjenesten",
             "Fra andre år"),
            ("Heltid", "Lyse ut alle nye stillinger som hele stillinger", "Kommunalsjef", "Fast fra vedtak"),
            ("Heltid", "Felles vikarpool for sykehjem og hjemmetjeneste", "Enhetslederne", "Prøveperiode ett år"),
            ("Heltid", "Spørsmål om stillingsstørrelse i alle medarbeidersamtaler", "Nærmeste leder", "Årlig"),
        ],
        results=[
            "Andelen fast ansatte med 80 prosent stilling eller mer har økt fra {heltid_fra} til {heltid_til} prosent. "
            "Etter kartleggingen har {stillinger} ansatte fått større stilling, og ingen nye stillinger er lyst ut "
            "som små brøker siden kommunestyret vedtok heltidserklæringen.",
            "Langvaktene i helg ble prøvd ut i seks måneder. De ansatte som gikk langvakter, hadde færre helger på "
            "jobb og mindre reising, og avdelingen brukte {innleie_ned} prosent færre timer på ekstravakter. Ikke alle "
            "likte de lange dagene, og ordningen er derfor frivillig.",
            "Ønsketurnusen ga mer enn vi trodde. De ansatte fikk lage turnusen selv innenfor rammene, og {stillinger} "
            "av dem valgte å øke stillingen. Det ble færre bytter i etterkant, og lederne bruker mindre tid på å "
            "fylle hull i vaktplanen.",
        ],
        next=[
            "Ta i bruk ønsketurnus i resten av tjenestene",
            "Følge opp heltidserklæringen med årlig rapport til kommunestyret",
            "Evaluere langvaktene sammen med tillitsvalgte hvert år",
            "Lyse ut alle nye stillinger som hele stillinger",
        ],
        period_goals=[
            "Alle deltidsansatte er spurt om hvilken stilling de ønsker seg.",
            "Langvakter i helg er i gang på én avdeling.",
            "Den første ønsketurnusen er laget og tatt i bruk.",
        ],
        challenge="Over halvparten av helsefagarbeiderne jobber i stillinger under 50 prosent.",
        metric="Andel fast ansatte i 80 prosent stilling eller mer: fra {heltid_fra} til {heltid_til} prosent",
    ),
    "sykepleiere": Theme(
        goals=[
            "{kommune} rekrutterer nok sykepleiere til å dekke alle faste stillinger, og antall kvalifiserte søkere "
            "per utlyste sykepleierstilling har økt fra {sokere_fra} til {sokere_til}.",
            "Innen {end} har {kort} ingen ubesatte sykepleierstillinger som har stått ledige i mer enn tre måneder.",
        ],
        measures=[
            ("Rekruttere", "Traineeordning for nyutdannede sykepleiere med rotasjon mellom tjenestene",
             "Fagutviklingssykepleier", "Ett år per kull"),
            ("Rekruttere", "Stillingsannonser skrevet om, med bilder og ansatte som forteller", "HR-rådgiver", "Vår"),
            ("Rekruttere", "Stipend til helsefagarbeidere som tar sykepleierutdanning mot bindingstid",
             "Kommunalsjef", "Fra høsten"),
            ("Rekruttere", "Besøk på høgskolen sammen med nyansatte sykepleiere", "Enhetsleder", "To ganger i året"),
            ("Rekruttere", "Hjelp til bolig for nyansatte som flytter til kommunen", "Personalavdelingen",
             "Hele perioden"),
        ],
        results=[
            "Vi har hatt {sokere_til} kvalifiserte søkere i snitt på de siste sykepleierstillingene, mot {sokere_fra} "
            "før nettverket startet. Traineeordningen har tatt imot to kull, og alle de nyutdannede i første kull er "
            "fortsatt ansatt i kommunen.",
            "De nye stillingsannonsene ble lagt merke til. Flere søkere skrev at de hadde sett filmen med de ansatte, "
            "og vi fikk for første gang søkere fra andre fylker. Stipendordningen har {laerlinger_til} deltakere, som "
            "alle skal jobbe i kommunen i minst to år etter endt utdanning.",
            "Vi har ikke lenger sykepleierstillinger som står ubesatt i mer enn tre måneder. Det er likevel krevende å "
            "få søkere til stillinger med mange helgevakter, og her må vi se arbeidet med turnus og rekruttering i "
            "sammenheng.",
        ],
        next=[
            "Videreføre traineeordningen som fast tilbud for nyutdannede",
            "Holde kontakten med høgskolen og tilby faste praksisplasser",
            "Følge opp stipendmottakerne gjennom utdanningen",
            "Oppdatere stillingsannonsene hvert år sammen med de ansatte",
        ],
        period_goals=[
            "Traineeordningen er beskrevet og godkjent av kommunalsjefen.",
            "De nye stillingsannonsene er tatt i bruk.",
            "Første kull i traineeordningen har begynt.",
        ],
        challenge="Sykepleierstillinger står ledige i månedsvis, og vi bruker mye vikarbyrå i ferier.",
        metric="Kvalifiserte søkere per sykepleierstilling: fra {sokere_fra} til {sokere_til}",
    ),
    "laerlinger": Theme(
        goals=[
            "{kommune} tar inn minst {laerlinger_til} lærlinger i helsearbeiderfaget hvert år, og de fleste får "
            "tilbud om fast stilling etter fagbrevet.",
            "Flere unge i {kort} velger helsefag, og kommunen er kjent som en god læreplass for lærlinger og elever.",
        ],
        measures=[
            ("Lærlinger", "Flere læreplasser, fordelt på sykehjem og hjemmetjeneste", "Enhetsleder", "Fra høsten"),
            ("Lærlinger", "Opplæring av veiledere, med fast tid til veiledning i turnus", "Fagutviklingssykepleier",
             "Hvert halvår"),
            ("Lærlinger", "Sommerjobb for elever på helse- og oppvekstfag", "Avdelingsleder", "Mars–august"),
            ("Lærlinger", "Tilbud om fast stilling til lærlinger som består fagprøven", "Kommunalsjef", "Løpende"),
            ("Unge", "Besøk på ungdomsskolene sammen med lærlinger", "Rådgiver, kompetanse og rekruttering", "Vår"),
        ],
        results=[
            "Kommunen hadde {laerlinger_fra} lærlinger i helsearbeiderfaget da vi startet, og har nå {laerlinger_til}. "
            "Alle som har tatt fagbrev i perioden, har fått tilbud om fast stilling, og de fleste har takket ja.",
            "Sommerjobben for elever ble en suksess: {sommer} elever jobbet hos oss i sommer, alle med fast veileder. "
            "Flere av dem har søkt læreplass hos oss, og to kommer tilbake som lærlinger til høsten.",
            "Veilederne har fått fast tid til veiledning i turnusen. Lærlingene sier at de føler seg tatt imot, og "
            "veilederne sier at oppgaven er blitt lettere når den ikke må gjøres i tillegg til alt annet.",
        ],
        next=[
            "Beholde antallet læreplasser også når økonomien er stram",
            "Gjøre sommerjobb for elever til et fast tilbud",
            "Fortsette veilederopplæringen og gi veilederne fast tid i turnus",
            "Samarbeide med den videregående skolen om rekruttering til helsefag",
        ],
        period_goals=[
            "Vi har to nye læreplasser og opplærte veiledere.",
            "Sommerjobb for elever er lyst ut og veilederne er valgt.",
            "Alle lærlinger som tar fagbrev, har fått tilbud om stilling.",
        ],
        challenge="Få unge søker helsefag, og lærlingene vi har, blir ikke værende etter fagbrevet.",
        metric="Lærlinger i helsearbeiderfaget: fra {laerlinger_fra} til {laerlinger_til}",
    ),
    "nyansatte": Theme(
        goals=[
            "Nyansatte i helse og omsorg i {kort} blir værende: ingen av dem vi ansetter, slutter i løpet av det "
            "første året på grunn av arbeidsmiljø eller manglende oppfølging.",
            "{kommune} har en introduksjonsordning som gjør at nyansatte føler seg trygge i jobben etter tre måneder.",
        ],
        measures=[
            ("Beholde", "Fadderordning for alle nyansatte det første året", "Fagsykepleier", "Hele perioden"),
            ("Beholde", "Introduksjonsprogram med tre dager opplæring før første vakt", "Enhetsleder", "Fra januar"),
            ("Beholde", "Samtale med leder etter én, tre og tolv måneder", "Nærmeste leder", "Løpende"),
            ("Beholde", "Sluttsamtale med alle som slutter, med samme spørsmål hver gang", "HR-rådgiver", "Løpende"),
            ("Beholde", "Kveldsmøter for nyansatte på tvers av tjenestene", "Fagutviklingssykepleier",
             "Fire ganger i året"),
        ],
        results=[
            "Alle de {nyansatte} nyansatte i perioden har hatt fadder og samtale med leder etter én og tre måneder. "
            "Av dem har {slutta} sluttet i løpet av det første året, mot fem i de to årene før nettverket.",
            "Introduksjonsprogrammet gjør at nyansatte går sin første vakt med grunnleggende opplæring i journalsystem, "
            "legemiddelhåndtering og rutiner. Fadderne sier at de bruker mindre tid på å forklare det samme om igjen.",
            "Sluttsamtalene har gitt oss ny kunnskap. Det er sjelden lønn folk nevner; det er turnus, travle vakter og "
            "for lite tid til å spørre om hjelp. Det har vi brukt i arbeidet med turnus og introduksjon.",
        ],
        next=[
            "Gjøre fadderordningen og introduksjonsprogrammet til fast rutine",
            "Bruke sluttsamtalene i den årlige planen for kompetanse og rekruttering",
            "Tilby kveldsmøter for nyansatte også etter prosjektperioden",
        ],
        period_goals=[
            "Alle nyansatte har fått fadder.",
            "Introduksjonsprogrammet er prøvd ut med de tre første nyansatte.",
            "Vi har en fast mal for sluttsamtaler.",
        ],
        challenge="Vi mister nyansatte, særlig sykepleiere, i løpet av det første året.",
        metric="Nyansatte som sluttet det første året: {slutta} av {nyansatte}",
    ),
    "kompetanseplan": Theme(
        goals=[
            "{kommune} har en kompetanse- og rekrutteringsplan som er kjent i alle enheter, brukes i budsjettarbeidet "
            "og rulleres hvert år.",
            "Alle ledere i helse og omsorg i {kort} har oversikt over kompetansen i egen enhet og hvilke behov de har "
            "de neste fem årene.",
        ],
        measures=[
            ("Oversikt", "Kartlegge kompetansen i alle enheter med felles skjema", "Enhetslederne", "Første halvår"),
            ("Oversikt", "Kompetanseplan for hver enhet, samlet i én plan for helse og omsorg", "Kommunalsjef",
             "Andre halvår"),
            ("Plan", "Legge planen fram for politisk behandling", "Kommunalsjef", "Før budsjettet"),
            ("Plan", "Årshjul for rullering av planen", "Rådgiver, kompetanse og rekruttering", "Årlig"),
            ("Plan", "Opplæring av ledere i å bruke kompetanseverktøyet", "HR-rådgiver", "Høst"),
        ],
        results=[
            "Vi har kartlagt kompetansen i alle enheter, med svar fra {svar} prosent av de ansatte. Kartleggingen viste "
            "at vi mangler spesialkompetanse i demensomsorg og psykisk helse, og at mange helsefagarbeidere ønsker "
            "videreutdanning.",
            "Kompetanse- og rekrutteringsplanen ble vedtatt i kommunestyret, og den er nå en del av budsjettarbeidet. "
            "Alle enhetsledere har laget en plan for sin enhet, og planene rulleres etter et fast årshjul.",
            "Så langt har {ledere} ledere fått opplæring i kompetanseverktøyet. De sier at det er lettere å planlegge "
            "opplæring og å prioritere når de ser hele bildet, ikke bare den enkeltes ønsker.",
        ],
        next=[
            "Rullere kompetanse- og rekrutteringsplanen hvert år etter årshjulet",
            "Følge opp kartleggingen med en ny runde om to år",
            "Knytte planen tettere til budsjettet og handlingsprogrammet",
        ],
        period_goals=[
            "Kartleggingsskjemaet er ferdig og sendt ut.",
            "Alle enheter har en oversikt over kompetanse og behov.",
            "Planen er sendt til politisk behandling.",
        ],
        challenge="Lederne mangler oversikt over kompetansen i egen enhet, og planen ligger i en skuff.",
        metric="Ansatte som svarte på kompetansekartleggingen: {svar} prosent",
    ),
    "sykefravaer": Theme(
        goals=[
            "Sykefraværet i helse og omsorg i {kort} er redusert fra {syk_fra} til under {syk_til} prosent, og "
            "arbeidsmiljøet er godt nok til at folk ønsker å bli.",
            "{kommune} har et arbeidsmiljø som gjør at de ansatte blir, med et sykefravær under {syk_til} prosent.",
        ],
        measures=[
            ("Nærvær", "Tidlig dialog med ansatte som er syke, etter fast rutine", "Avdelingsleder", "Løpende"),
            ("Nærvær", "Tilrettelegging i samarbeid med NAV og bedriftshelsetjenesten", "HR-rådgiver", "Løpende"),
            ("Arbeidsmiljø", "Medarbeiderundersøkelse fulgt opp i hver enhet", "Enhetsleder", "Årlig"),
            ("Arbeidsmiljø", "Faste refleksjonsgrupper på arbeidstid", "Fagutviklingssykepleier", "Hver måned"),
        ],
        results=[
            "Sykefraværet har gått ned fra {syk_fra} til {syk_til} prosent. Det er vanskelig å si hva som gjorde mest, "
            "men lederne mener at den tidlige dialogen har betydd mye: vi snakker med den som er syk, før fraværet "
            "blir langt.",
            "Refleksjonsgruppene ble godt mottatt, og oppmøtet har vært godt også på kveldsvaktene. Medarbeider"
            "undersøkelsen viser at flere opplever at de blir hørt, og at det er lettere å si fra.",
        ],
        next=[
            "Videreføre rutinen for tidlig dialog ved sykefravær",
            "Holde refleksjonsgruppene i gang på arbeidstid",
            "Følge opp medarbeiderundersøkelsen i hver enhet",
        ],
        period_goals=[
            "Rutinen for tidlig dialog er kjent for alle ledere.",
            "Refleksjonsgruppene er i gang i to enheter.",
        ],
        challenge="Sykefraværet er høyt, og det går ut over dem som er på jobb.",
        metric="Sykefravær i helse og omsorg: fra {syk_fra} til {syk_til} prosent",
    ),
    "studenter": Theme(
        goals=[
            "{kommune} er en attraktiv praksisarena, og minst en tredjedel av sykepleierstudentene som har praksis hos "
            "oss, søker jobb i kommunen.",
            "Samarbeidet med høgskolen er så godt at {kort} tar imot {studenter} sykepleierstudenter i praksis hvert år.",
        ],
        measures=[
            ("Praksis", "Faste praksisplasser i både sykehjem og hjemmetjeneste", "Enhetsleder", "Fra høsten"),
            ("Praksis", "Kurs i praksisveiledning for sykepleiere", "Høgskolen og fagutviklingssykepleier",
             "Hvert år"),
            ("Praksis", "Velkomstdag for studentene, med omvisning og lunsj med ledelsen", "Avdelingsleder",
             "Hver praksisperiode"),
            ("Praksis", "Tilbud om sommerjobb til studenter etter praksis", "HR-rådgiver", "Vår"),
        ],
        results=[
            "Vi tok imot {studenter} sykepleierstudenter i praksis siste år, mot {studenter_fra} året før. Studentene gir "
            "praksisstedet gode tilbakemeldinger, og flere av dem har søkt sommerjobb hos oss.",
            "Sju sykepleiere har tatt kurs i praksisveiledning. De sier at de er tryggere i rollen, og at studentene "
            "stiller bedre spørsmål når de vet hva de skal lære.",
        ],
        next=[
            "Holde avtalen med høgskolen om faste praksisplasser",
            "Tilby kurs i praksisveiledning hvert år",
            "Gi alle studenter tilbud om sommerjobb",
        ],
        period_goals=[
            "Avtalen med høgskolen om faste praksisplasser er skrevet under.",
            "Velkomstdagen er prøvd ut med det første kullet.",
        ],
        challenge="Studentene tar praksis hos oss, men søker jobb på sykehuset etterpå.",
        metric="Sykepleierstudenter i praksis: fra {studenter_fra} til {studenter} i året",
    ),
    "ledelse": Theme(
        goals=[
            "Lederne i helse og omsorg i {kort} har tid, verktøy og støtte til å lede arbeidet med å rekruttere og "
            "beholde, og ingen leder har ansvar for mer enn 40 årsverk.",
            "{kommune} har ledere som blir: ingen lederstillinger i helse og omsorg står ubesatt lenger enn et halvår.",
        ],
        measures=[
            ("Ledelse", "Lederutviklingsprogram for enhets- og avdelingsledere", "Kommunalsjef", "Ett år"),
            ("Ledelse", "Fagkoordinatorer som avlaster lederne i hverdagen", "Enhetsleder", "Fra våren"),
            ("Ledelse", "Lederveiledning i grupper med ledere fra andre kommuner", "Prosjektleder og HR",
             "Seks ganger"),
            ("Ledelse", "Mindre kontrollspenn ved å dele opp de største enhetene", "Kommunedirektør", "Neste budsjett"),
        ],
        results=[
            "Til sammen {ledere} ledere har gått gjennom lederutviklingsprogrammet. De beskriver at de har fått et nettverk å "
            "spørre, og at de er blitt bedre til å prioritere tid til de ansatte.",
            "Fagkoordinatorene tar mye av det faglige i hverdagen, og lederne har fått mer tid til personalarbeid. "
            "Det er første gang på mange år at alle medarbeidersamtalene ble gjennomført før sommeren.",
        ],
        next=[
            "Videreføre fagkoordinatorene i budsjettet",
            "Tilby lederveiledning i grupper også etter nettverket",
            "Vurdere kontrollspennet når enhetene organiseres på nytt",
        ],
        period_goals=[
            "Lederutviklingsprogrammet har startet med alle enhetsledere.",
            "Fagkoordinatorene er på plass i to enheter.",
        ],
        challenge="Lederne har for mange ansatte og for lite tid til å følge opp hver enkelt.",
        metric="Ledere som har fullført lederutviklingsprogrammet: {ledere}",
    ),
}

OPENINGS = [
    "Arbeidet i {kommune} har gått i rykk og napp, men vi sitter igjen med tiltak som virker, og et team som har "
    "lært å jobbe sammen på tvers av enheter og fag.",
    "Da vi startet, hadde vi mange ideer og lite system. Nettverket ga oss en struktur: hovedplan, fremdriftsplaner "
    "og faste frister gjorde at arbeidet ble gjort også når hverdagen var travel.",
    "Teamet i {kort} har bestått av ledere, sykepleiere, helsefagarbeidere, tillitsvalgte og HR. At vi kom fra så "
    "ulike steder i organisasjonen, har gjort at tiltakene er godt forankret.",
    "Vi valgte få tiltak og holdt fast ved dem. Det var riktig for en liten kommune der de samme folkene har mange "
    "roller, og det har gitt resultater vi kan måle.",
    "Arbeidet har endret måten vi snakker om bemanning på i {kort}. Før handlet det om å fylle vakter, nå handler "
    "det om hvilke stillinger og hvilken kompetanse vi trenger om fem år.",
    "Perioden har vært preget av stor utskifting og en krevende økonomi. Likevel har teamet holdt arbeidet i gang, "
    "og flere av tiltakene er allerede blitt en del av driften.",
    "Det viktigste resultatet er kanskje ikke tallene, men at ledere, tillitsvalgte og ansatte har funnet en felles "
    "måte å jobbe med rekruttering og heltid på.",
    "Vi hadde høye ambisjoner da vi skrev hovedplanen. Noe har vi nådd, noe har tatt lengre tid, og noe har vi "
    "lagt til side for å få til det som betydde mest.",
]

WORKED = [
    "Teamet har hatt arbeidsmøte hver tredje uke, alltid på samme ukedag, og gruppelederen har fått fri fra turnus "
    "til arbeidet. Referatene ble lagt i en felles mappe, slik at de som ikke kunne komme, visste hva som var bestemt.",
    "Vi delte teamet i to: ledere og HR tok seg av planer og budsjett, mens sykepleierne og helsefagarbeiderne "
    "prøvde ut tiltakene i praksis og samlet erfaringene. Hver måned møttes alle for å se på tallene sammen.",
    "De tillitsvalgte var med i alle arbeidsmøtene. Det gjorde at vi kunne endre turnus og stillinger uten lange "
    "runder i etterkant, og at de ansatte fikk informasjon fra flere enn lederne.",
    "Vi har brukt personalmøtene til å fortelle om arbeidet og til å få innspill. Flere av de beste ideene kom fra "
    "ansatte som ikke var med i teamet.",
    "Mellom samlingene hadde vi kontakt med en av de andre kommunene i nettverket, som arbeidet med det samme. Vi "
    "besøkte hverandre én gang og utvekslet maler og rutiner.",
    "Teamet har endret seg underveis: to sluttet og tre kom til. Likevel har arbeidet holdt seg, fordi planene og "
    "fremdriftsplanene gjorde det lett for nye å se hva som var gjort.",
]

# «Hva ble ikke som dere forventet?», the sluttrapport asks.
SURPRISES = [
    "Det som overrasket oss mest, var hvor mange deltidsansatte som faktisk ønsket større stilling da de ble spurt "
    "direkte. Vi hadde trodd at de fleste var fornøyd med det de hadde.",
    "Vi hadde ventet at lønn ville være det viktigste for å rekruttere, men søkerne spurte mest om turnus, "
    "veiledning og om de ville få jobbe sammen med erfarne kolleger.",
    "Vi trodde at de unge ville være vanskeligst å beholde. Det viste seg at det var de erfarne i midten av "
    "karrieren som oftest sluttet, og det har vi måttet ta hensyn til.",
    "Tiltaket vi hadde minst tro på, ble det som ga mest: en fast kaffepause med leder hver fredag, der alle kunne "
    "ta opp det de ville.",
    "Det tok lengre tid enn ventet å få tall fra lønnssystemet. Til slutt laget HR en enkel rapport som nå brukes i "
    "alle enhetene.",
    "Vi ble overrasket over hvor mye de andre kommunene kunne lære oss. Det vi trodde var våre særegne problemer, "
    "hadde flere av dem allerede funnet løsninger på.",
]

# Ringvirkninger: what the work led to beyond the team.
RIPPLES = [
    "Arbeidet har hatt ringvirkninger utover helse og omsorg. Oppvekstsektoren har bedt om å få bruke malen for "
    "kompetansekartlegging, og HR bruker den nå i hele kommunen.",
    "Kommunestyret har fått presentert resultatene to ganger, og arbeidet med rekruttering er nå en fast del av "
    "handlingsprogrammet.",
    "Nabokommunen har tatt kontakt for å høre om erfaringene våre, og vi har delt både rutiner og maler.",
    "Lokalavisen skrev om lærlingene våre, og etterpå fikk vi flere henvendelser fra elever og foreldre enn noen gang.",
    "Tillitsvalgte og ledere har fått et felles språk for heltid og kompetanse, og det merkes i andre saker også.",
]

OBSTACLES = [
    "Ikke alt gikk etter planen. Et halvt år uten fast enhetsleder gjorde at arbeidet på sykehjemmet stoppet opp, "
    "og vi måtte flytte to tiltak til siste del av perioden.",
    "Koronautbruddet på sykehjemmet vinteren i andre år satte alt annet til side i to måneder. Teamet holdt "
    "kontakten på telefon, og vi tok igjen mye av det tapte på våren.",
    "Det har vært vanskelig å finne tid. Teammedlemmene jobber turnus på ulike steder, og arbeidsmøtene måtte ofte "
    "legges til ettermiddagen.",
    "Et stramt budsjett gjorde at vi ikke fikk ansatt fagkoordinatoren vi hadde planlagt. I stedet delte to "
    "sykepleiere oppgaven i hver sin halve stilling.",
    "Omorganiseringen av hjemmetjenesten kom midt i perioden, og teamet måtte sette seg inn i en ny struktur før vi "
    "kunne fortsette.",
    "Vi undervurderte hvor lang tid det tar å endre turnus. Avtaler med tillitsvalgte, høring blant de ansatte og "
    "nye vaktplaner tok nesten et år.",
    "Gruppelederen var lenge sykmeldt i det andre året. En av sykepleierne tok over, og prosjektleder hjalp oss med "
    "å holde fristene.",
    "Noen av tiltakene møtte motstand i starten, særlig blant erfarne ansatte som var fornøyd med turnusen slik den "
    "var. Det hjalp å la dem prøve før de bestemte seg.",
]

CLOSINGS = [
    "Det vi har lært mest av, er erfaringsdelingen med de andre kommunene. Vi har hentet ideer fra flere av dem, og "
    "vi har fått gode spørsmål tilbake på det vi selv har prøvd.",
    "Vi ser at tiltakene henger sammen: hele stillinger gjør det lettere å rekruttere, og gode introduksjonsordninger "
    "gjør at de nye blir. Det tar vi med oss videre.",
    "Målingene våre er enkle, men de viser en tydelig retning. Vi vil fortsette å måle det samme, slik at vi kan se "
    "om endringen varer.",
    "Arbeidet er nå forankret i kommunens planer og budsjett, og det er ikke lenger avhengig av teamet alene.",
    "Vi tror resultatene vil vise seg enda tydeligere om et par år, når de første kullene som har fått oppfølging fra "
    "første dag, har vært hos oss en stund.",
    "For de ansatte har det betydd mye å bli spurt. Mange har sagt at det er første gang noen har spurt hva slags "
    "stilling de egentlig ønsker seg.",
]

SHARED_METRICS = [
    "Timer med innleie fra vikarbyrå: ned {innleie_ned} prosent fra året før",
    "Ansatte som har fått større stilling i perioden: {stillinger}",
    "Elever med sommerjobb i helse og omsorg: {sommer} siste sommer",
]

VOICES = [
    "En helsefagarbeider sa det slik på et av arbeidsmøtene: «Det er første gang noen har spurt meg hva jeg vil, ikke "
    "bare når jeg kan jobbe.»",
    "En av de nyansatte sykepleierne skrev i evalueringen at fadderen var grunnen til at hun ble værende gjennom den "
    "første vinteren.",
    "En tillitsvalgt i teamet sa på den siste samlingen at samarbeidet med ledelsen aldri har vært bedre, fordi vi har "
    "hatt et felles mål å jobbe mot.",
    "En avdelingsleder sa det slik: «Jeg bruker mindre tid på å fylle hull og mer tid på å være leder.»",
    "En lærling fortalte lokalavisen at hun valgte oss fordi hun hadde hatt sommerjobb her og visste at hun ville få "
    "en veileder.",
    "En erfaren sykepleier som var skeptisk i starten, er nå den som forklarer de nye ordningene til andre.",
]

CITIZENS = [
    "For innbyggerne betyr det færre ukjente ansatte i døra og mer kontinuitet i hjemmetjenesten.",
    "Pårørende har merket at det er de samme folkene som er på jobb, og flere har sagt det til oss.",
    "Beboerne på sykehjemmet møter flere kjente ansikter i helgene enn før, og det har gitt roligere helger.",
    "Vi ser færre avvik knyttet til legemidler, noe vi tror henger sammen med bedre opplæring og mindre innleie.",
    "Brukerne av hjemmetjenesten får besøk til mer faste tider, fordi turnusen er mer stabil.",
]

GOAL_NOTES = [
    "Målet ble skjerpet etter den tredje samlingen, da vi så at det første var for vagt til å kunne måles.",
    "Vi la til tallene i målet etter at kartleggingen var ferdig; før det visste vi ikke hvor vi startet.",
    "Målet er det samme som i hovedplanen. Vi vurderte å endre det da økonomien ble strammere, men holdt fast ved det.",
    "Halvveis i perioden delte vi målet i to, ett for sykehjemmet og ett for hjemmetjenesten.",
    "",
    "",
]

ADVICE = [
    "Velg få tiltak og gjør dem skikkelig. Vi prøvde for mye i starten og måtte rydde etter første statusrapport.",
    "Ta med tillitsvalgte fra første dag. Det har spart oss for mange runder senere.",
    "Sett av faste arbeidsmøter for teamet før dere reiser hjem fra samlingen; ellers blir de ikke noe av.",
    "Bruk tall fra lønnssystemet og sykefraværsstatistikken dere allerede har, i stedet for å lage nye målinger.",
    "Spør de ansatte. De vet mest om hva som får dem til å bli, og hva som får dem til å slutte.",
    "Sørg for at toppledelsen kjenner arbeidet. Det har gjort det lettere å få tiltakene inn i budsjettet.",
    "Lån ideer fra de andre kommunene. Det meste av det vi fikk til, har vi sett hos noen andre først.",
    "Ikke vent på den perfekte planen. Prøv i det små, evaluer, og juster underveis.",
    "Gi gruppelederen tid i turnusen til arbeidet. Det går ikke å lede et team på fritiden.",
    "Fortell om det dere får til, både internt og i lokalavisen. Det gjør noe med stoltheten i tjenesten.",
    "Del opp store mål i delmål for hver periode mellom samlingene. Da ser dere framgangen.",
    "Husk nattevaktene og helgene. Tiltakene må virke for dem som jobber når lederne ikke er på jobb.",
]

CLOSED_GOAL = "Avsluttet"
CLOSED_WHY = ["avsluttet: for lite tid i turnus", "lagt til side da enhetslederen sluttet",
              "erstattet av et bedre tiltak fra en annen kommune", "avsluttet etter evaluering: for lite effekt"]

GENERIC_NEXT = [
    "Legge fram resultatene for kommunestyret og be om at arbeidet videreføres",
    "Holde teamet samlet to ganger i året for å følge opp tiltakene",
    "Dele erfaringene med nabokommunene i det regionale nettverket",
    "Ta resultatene inn i neste rullering av kompetanse- og rekrutteringsplanen",
    "Gi gruppelederen ansvar for oppfølgingen i linjen",
]

# The hovedplan's description of the municipality.
POPULATION = [
    "Befolkningen blir eldre: om ti år er hver fjerde innbygger over 67 år. Mange unge flytter ut for å studere, "
    "og få kommer tilbake.",
    "Kommunen har spredt bosetting med lange avstander mellom grendene. Folketallet har vært stabilt, men andelen "
    "eldre øker raskt.",
    "Folketallet øker langsomt på grunn av innflytting til kommunesenteret, mens utkantene mister innbyggere.",
    "Vi har mange hytter og et stort tillegg av folk i ferier og helger, noe som gir press på tjenestene om sommeren.",
    "Kommunen har en tospråklig befolkning, og en del av de eldste trenger tjenester på samisk.",
]
ORGANISATION = [
    "Ett sykehjem med {plasser} plasser, hjemmetjenesten i to soner og en tjeneste for psykisk helse og rus. "
    "Tildelingskontoret ligger i rådhuset.",
    "Helse og omsorg er samlet i én sektor med tre enheter: institusjon, hjemmetjeneste og bo- og "
    "aktivitetstilbud. Sykehjemmet har {plasser} plasser.",
    "Et omsorgssenter med {plasser} plasser og korttidsavdeling, og en hjemmetjeneste som dekker hele kommunen fra "
    "ett kontor.",
    "To sykehjem på til sammen {plasser} plasser og en hjemmetjeneste med nattpatrulje. Fra i fjor har vi også et "
    "dagsenter for personer med demens.",
]
RESOURCES = [
    "Vi har et godt samarbeid med den videregående skolen og en stabil gruppe erfarne helsefagarbeidere.",
    "Kommunen har moderne lokaler og god erfaring med velferdsteknologi, men få søkere til ledige stillinger.",
    "Et sterkt lokalsamfunn og korte beslutningsveier. Utfordringen er avstanden til utdanningsinstitusjonene.",
    "Vi har nylig bygget nytt omsorgssenter, og det gir oss muligheten til å organisere turnusen på en ny måte.",
]
POSITIONS = [
    "Omtrent {heltid_fra} prosent av de fast ansatte har 80 prosent stilling eller mer. Vi har flere ubesatte "
    "sykepleierstillinger og dekker mange helgevakter med vikarer.",
    "Andelen heltid er {heltid_fra} prosent. Mange helsefagarbeidere har stillinger mellom 30 og 50 prosent, og "
    "vikarbruken er høy i ferier.",
    "{heltid_fra} prosent av de ansatte har 80 prosent stilling eller mer. Det er få ledige stillinger, men mange små "
    "brøker, og det er vanskelig å få hele turnuser til å gå opp.",
]
PLAN_CONTENT = [
    "Planen fra i fjor peker på sykepleiere og helsefagarbeidere som de største behovene de neste fem årene, og på "
    "at for mange jobber små stillinger.",
    "Planen beskriver kompetansen vi har, og hva vi trenger innen demens, psykisk helse og velferdsteknologi. Den "
    "sier lite om hvordan vi skal rekruttere.",
    "Vi har en eldre plan som ikke er rullert. Den beskriver opplæring, men ikke rekruttering eller heltid.",
]
PLAN_LINK = [
    "Tiltakene i nettverket skal bli en del av planen når den rulleres neste år.",
    "Arbeidet i nettverket er selve arbeidet med å lage en ny plan; teamet er også plangruppen.",
    "Planen og hovedplanen peker i samme retning. Nettverket gir oss tid og struktur til å gjøre det planen sier.",
]
LONG_MEASURE = [
    "Andel heltid, søkere per stilling og hvor lenge nyansatte blir, sammenlignet med tallene fra oppstarten.",
    "Turnover og sykefravær over tre år, og medarbeiderundersøkelsen hvert annet år.",
    "Om planens mål for kompetanse er nådd, målt i den årlige rulleringen.",
]

STATUS_DONE = [
    "Det meste gikk etter planen. Tiltakene kom i gang, og teamet har hatt arbeidsmøte hver tredje uke.",
    "Vi kom i gang med to av tre tiltak. Det tredje ble utsatt til neste periode.",
    "Arbeidet fulgte planen fram til sommeren; etter ferien tok det tid å komme i gang igjen.",
    "Alle tiltakene i fremdriftsplanen ble startet, og vi har fått de første tallene.",
]
STATUS_CHANGED = [
    "Vi byttet ansvarlig for ett tiltak fordi enhetslederen sluttet.",
    "Kartleggingen tok lengre tid enn vi trodde, så vi utsatte oppfølgingen.",
    "Vi gjorde tiltaket mindre og prøver det først på én avdeling.",
    "Ingen store endringer, men vi har lagt arbeidsmøtene til en fast ukedag.",
]
STATUS_KNOWLEDGE = [
    "Vi brukte eksemplet fra forrige samling om hvordan en ønsketurnus bygges opp steg for steg.",
    "Kafébordene ga oss ideen om å la nyansatte skrive stillingsannonsen sammen med HR.",
    "Innlegget om lærlinger fikk oss til å gi veilederne fast tid i turnus.",
    "Vi tok med malen for sluttsamtaler som en av de andre kommunene delte.",
]
STATUS_HINDRANCES = [
    "Sykefravær i teamet og en travel høst har gjort det vanskelig å møtes.",
    "Budsjettet for neste år er stramt, og vi vet ikke om tiltaket kan videreføres.",
    "Noen ansatte er skeptiske til endringer i turnus, og det tar tid å få dem med.",
    "Ingen store hindringer i denne perioden.",
]
STATUS_REFERENCE = [
    "Vi har hatt ett møte med referansegruppen, som ga gode innspill på hvordan vi når helsefagarbeiderne.",
    "Ingen kontakt i denne perioden; vi planlegger et møte før neste samling.",
    "Referansegruppen leste statusrapporten og ba oss måle vikarbruken også.",
]
STATUS_LEARNT = [
    "Det hjelper å ha en fast dag for arbeidsmøtene. Da blir de ikke avlyst.",
    "Vi lærer mye av de andre kommunene i gruppearbeidet på tvers.",
    "De ansatte må være med fra starten, ellers blir tiltakene noe som kommer ovenfra.",
    "Tall overbeviser: da vi viste sykefraværet per avdeling, ble det lettere å få gehør.",
]
