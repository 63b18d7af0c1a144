"""What the demo teams wrote in their documents: goals, tiltak that change from one
fremdriftsplan to the next, and status reports. Every word, figure and place is made up.

Keyed by the start of the municipality's name. `plans` holds the fremdriftsplaner in order;
each is (resultatmål, tiltak rows of Delmål | Tiltak | Ansvarlig | Tidsestimat, meeting place).
"""
from __future__ import annotations

TEAMS = {
    "Fjordvik": {
        "effektmal": "Innen utgangen av 2028 har minst 60 prosent av de fast ansatte i helse og omsorg i Fjordvik "
                     "en stilling på 80 prosent eller mer, og ingen nyutdannede sykepleiere slutter i løpet av det "
                     "første året.",
        "hovedplan": {
            "f-innbyggere": "4 850", "f-arsverk": "212",
            "f-befolkning": "Befolkningen blir eldre: om ti år er hver fjerde innbygger over 67 år. Mange unge "
                            "flytter ut for å studere, og få kommer tilbake.",
            "f-organisering": "Ett sykehjem med 48 plasser, hjemmetjenesten i to soner og en tjeneste for "
                              "psykisk helse og rus. Tildelingskontoret ligger i rådhuset.",
            "f-har-plan": "Ja",
            "f-planinnhold": "Planen fra 2024 peker på sykepleiere og helsefagarbeidere som de største behovene, "
                             "og på at for mange jobber små stillinger.",
            "f-utfordringer": "- Over halvparten av helsefagarbeiderne jobber under 50 prosent.\n"
                              "- Vi mister nyutdannede sykepleiere etter det første året.\n"
                              "- Helgene dekkes med mange små vakter og mye innleie.",
            "f-onsket-kort": "Alle deltidsansatte er spurt om hvilken stilling de ønsker, og langvakter i helg "
                             "er prøvd ut på sykehjemmet.",
            "f-maling-kort": "Andel fast ansatte i 80 prosent eller mer, målt hvert halvår fra lønnssystemet.",
        },
        "plans": [
            ("Kartleggingen av ønsket stillingsstørrelse er ferdig, og vi har en plan for langvakter i helg.", [
                ["Heltid", "Kartlegge ønsket stillingsstørrelse blant alle deltidsansatte", "HR-rådgiver", "Oktober–november"],
                ["Heltid", "Prøve ut langvakter i helg på Fjordvik sykehjem", "Enhetsleder", "Fra januar"],
                ["Beholde", "Fadderordning for nyansatte sykepleiere", "Fagsykepleier", "Hele perioden"],
            ], "Fjordvik sykehjem, møterommet i 2. etasje"),
            ("Langvakter i helg er i gang på én avdeling, og alle nyansatte har fått en fadder.", [
                ["Heltid", "Prøve ut langvakter i helg på Fjordvik sykehjem", "Enhetsleder", "Januar–juni"],
                ["Beholde", "Fadderordning for nyansatte sykepleiere", "Fagsykepleier", "Hele perioden"],
                ["Rekruttere", "Sommerjobb for elever på helsefag med fast veileder", "Enhetsleder", "Mars–august"],
            ], "Rådhuset, formannskapssalen"),
            ("Langvaktene er evaluert, og hjemmetjenesten har laget sin første ønsketurnus.", [
                ["Heltid", "Prøve ut langvakter i helg på Fjordvik sykehjem", "Enhetsleder", "Evaluere i oktober"],
                ["Beholde", "Fadderordning for nyansatte sykepleiere", "Kari Nordmo", "Hele perioden"],
                ["Heltid", "Ønsketurnus i hjemmetjenesten", "Avdelingsleder hjemmetjenesten", "Høst 2026"],
            ], "Fjordvik sykehjem, møterommet i 2. etasje"),
            ("Ønsketurnusen er tatt i bruk i begge soner, og vi vet hvem som ønsker større stilling.", [
                ["Heltid", "Ønsketurnus i hjemmetjenesten", "Avdelingsleder hjemmetjenesten", "Vår 2027"],
                ["Beholde", "Fadderordning for nyansatte sykepleiere", "Kari Nordmo", "Hele perioden"],
                ["Beholde", "Spørsmål om stillingsstørrelse i alle medarbeidersamtaler", "Enhetsleder", "Januar"],
            ], "Rådhuset, møterom Fjorden"),
        ],
        "status": [{
            "f-etter-planen": "Langvaktene i helg kom i gang i februar, og fadderordningen fungerer for alle nye.",
            "f-korrigert": "Sommerjobben for elever ble mindre enn planlagt: vi fikk bare to veiledere.",
            "f-kunnskap": "Vi brukte eksemplet fra samling 2 om hvordan en ønsketurnus bygges opp steg for steg.",
            "f-igangsatt": "Langvakter på avdeling A hver tredje helg, med to sykepleiere og to helsefagarbeidere. "
                           "Enhetslederen hadde ansvaret, og tillitsvalgte var med fra første møte.",
            "f-konkrete-resultater": "Andelen i 80 prosent eller mer økte fra 41 til 47 prosent. Antall "
                                     "ekstravakter i juli gikk ned med en tredjedel sammenlignet med i fjor.",
            "f-videre-valg": "Justerer tiltakene",
            "f-hindringer": "Noen ansatte er skeptiske til lange vakter fordi de har lang reisevei.",
            "f-laering": "Det tar tid å endre turnus. Det hjelper å la de ansatte prøve før de bestemmer seg.",
        }, {
            "f-etter-planen": "Ønsketurnusen er laget i sone nord, og nesten alle fikk det de ønsket.",
            "f-korrigert": "Sone sør venter til etter jul fordi avdelingslederen har vært sykmeldt.",
            "f-igangsatt": "Ønsketurnus i hjemmetjenesten, sone nord. Avdelingslederen og en tillitsvalgt laget "
                           "den sammen med de ansatte på to arbeidsmøter.",
            "f-konkrete-resultater": "Ni ansatte har fått større stilling etter ønsketurnusen.",
            "f-videre-valg": "Fortsetter som planlagt",
            "f-laering": "Når de ansatte lager turnusen selv, blir det færre bytter etterpå.",
        }],
    },
    "Lierbygd": {
        "effektmal": "Lierbygd har nok fagarbeidere til å dekke alle vakter uten innleie fra byrå, også etter "
                     "sammenslåingen med Nordre Dal.",
        "hovedplan": {
            "f-innbyggere": "3 120", "f-arsverk": "138",
            "f-organisering": "Et bo- og omsorgssenter og en hjemmetjeneste. Fra 2027 slås tjenestene sammen med "
                              "Nordre Dal.",
            "f-har-plan": "Under arbeid",
            "f-utfordringer": "Vi leier inn sykepleiere fra byrå nesten hver helg, og det er få lærlinger i "
                              "helsearbeiderfaget.",
            "f-onsket-kort": "Vi har fire lærlinger og en fast ordning for å ta imot dem.",
            "f-maling-kort": "Timer innleie fra byrå per måned.",
        },
        "plans": [
            ("", [], "Lierbygd bo- og omsorgssenter"),  # sent back: the team filled in too little
            ("To nye lærlinger har startet, og alle ansatte vet hvem som er veileder.", [
                ["Rekruttere", "Lærlingplasser i helsearbeiderfaget", "Fagutviklingssykepleier", "Fra januar"],
                ["Rekruttere", "Besøk på ungdomsskolen med elever som har vært lærlinger", "Kommunalsjef", "Mars"],
            ], "Kommunehuset, lille møterom"),
            ("Lærlingordningen er beskrevet, slik at Nordre Dal kan bruke den etter sammenslåingen.", [
                ["Rekruttere", "Lærlingplasser i helsearbeiderfaget", "Fagutviklingssykepleier", "Hele året"],
                ["Beholde", "Felles veilederkurs med Nordre Dal", "Kommunalsjef", "Oktober"],
            ], "Kommunehuset, lille møterom"),
        ],
        "status": [{
            "f-etter-planen": "Lærlingplassene er på plass, og to lærlinger startet i januar.",
            "f-korrigert": "Besøkene på ungdomsskolen stoppet opp etter det første.",
            "f-igangsatt": "Lærlingplasser med egen veileder på bo- og omsorgssenteret.",
            "f-konkrete-resultater": "To lærlinger i gang. Innleien er omtrent som før.",
            "f-videre-valg": "Justerer tiltakene",
            "f-hindringer": "Sammenslåingen tar mye av tiden til lederne.",
            "f-laering": "Skolebesøkene stoppet fordi ingen hadde dem som sin oppgave. Et tiltak trenger én "
                         "som eier det, ikke bare en avtale.",
        }, {
            "f-etter-planen": "Veilederkurset er avtalt med Nordre Dal.",
            "f-igangsatt": "Lærlingordningen er skrevet ned, og to nye veiledere er på plass.",
            "f-konkrete-resultater": "Fire lærlinger i alt.",
        }],
    },
    "Storåsen": {
        "effektmal": "Storåsen rekrutterer de fleste nye helsefagarbeiderne fra egen befolkning, og flere unge "
                     "velger helsefag på videregående.",
        "hovedplan": {
            "f-innbyggere": "7 900", "f-arsverk": "305",
            "f-organisering": "Hjemmebaserte tjenester i tre distrikter, to sykehjem og et dagsenter.",
            "f-har-plan": "Ja",
            "f-utfordringer": "For få søkere til stillinger i hjemmetjenesten i distriktene, og mange ansatte "
                              "nærmer seg pensjonsalder.",
            "f-onsket-kort": "En avtale med Storåsen videregående skole om praksis og sommerjobb.",
            "f-maling-kort": "Antall søkere per utlyst stilling og antall elever på helsefag.",
        },
        "plans": [
            ("Avtalen med den videregående skolen er skrevet, og de første elevene har hatt praksis hos oss.", [
                ["Rekruttere", "Samarbeidsavtale med Storåsen videregående skole", "Enhetsleder", "Høst 2025"],
                ["Rekruttere", "Praksisplasser i hjemmetjenesten for Vg2-elever", "Hanne Fossum", "Vår 2026"],
            ], "Storåsen helsehus"),
            ("Alle praksiselever får tilbud om sommerjobb.", [
                ["Rekruttere", "Praksisplasser i hjemmetjenesten for Vg2-elever", "Hanne Fossum", "Vår 2026"],
                ["Rekruttere", "Sommerjobb for praksiselever", "Enhetsleder", "Sommer 2026"],
                ["Beholde", "Seniorsamtaler for ansatte over 60", "Personalrådgiver", "Våren"],
            ], "Storåsen helsehus"),
            ("Sommerjobbene er evaluert sammen med elevene.", [
                ["Rekruttere", "Sommerjobb for praksiselever", "Enhetsleder", "Evaluere i september"],
                ["Beholde", "Seniorsamtaler for ansatte over 60", "Personalrådgiver", "Hele året"],
                ["Rekruttere", "Rekrutteringsfilm laget av elevene", "Tone Lindvik", "Høst 2026"],
            ], "Dagsenteret, Storåsen"),
        ],
        "status": [{
            "f-etter-planen": "Avtalen med skolen er underskrevet, og elleve elever hadde praksis.",
            "f-igangsatt": "Praksisplasser i alle tre distrikter, med en fast kontaktperson per elev.",
            "f-konkrete-resultater": "Seks elever tok sommerjobb. Tre har sagt de vil søke lærlingplass.",
            "f-videre-valg": "Fortsetter som planlagt",
            "f-laering": "Elevene forteller hverandre om praksisen; det gjør mer enn brosjyrer.",
        }, {
            "f-etter-planen": "Filmen er spilt inn.",
            "f-igangsatt": "Elevene lagde en kort film om en dag i hjemmetjenesten.",
            "f-konkrete-resultater": "Filmen er vist på to skoler.",
        }],
    },
    "Vestre Mo": {
        "effektmal": "Ansatte på Mo omsorgssenter blir lenger: gjennomtrekken er halvert innen 2028.",
        "hovedplan": {
            "f-innbyggere": "2 400", "f-arsverk": "96",
            "f-organisering": "Mo omsorgssenter med institusjon, omsorgsboliger og hjemmetjeneste under én leder.",
            "f-har-plan": "Nei",
            "f-utfordringer": "Mange slutter etter kort tid, særlig på nattevakt.",
            "f-maling-kort": "Hvor mange som har sluttet siste tolv måneder.",
        },
        "plans": [
            ("Vi vet hvorfor folk har sluttet de siste to årene.", [
                ["Beholde", "Sluttsamtaler med alle som har sluttet siden 2023", "Personalrådgiver", "Oktober–desember"],
                ["Beholde", "Faste nattevakter i team på to", "Virksomhetsleder", "November–mars"],
                ["Beholde", "Ny opplæringsplan for nattevakter", "Fagsykepleier", "Desember–april"],
            ], "Mo omsorgssenter, kantina"),
            ("Nattevaktene går i faste team, og opplæringsplanen er i bruk.", [
                ["Beholde", "Faste nattevakter i team på to", "Virksomhetsleder", "Hele våren"],
                ["Beholde", "Ny opplæringsplan for nattevakter", "Fagsykepleier", "April"],
            ], "Mo omsorgssenter, kantina"),
            ("Alle nye har en plan for de første tre månedene.", [
                ["Beholde", "Ny opplæringsplan for nattevakter", "Fagsykepleier", "Hele året"],
                ["Beholde", "Tremånedersplan for alle nyansatte", "Virksomhetsleder", "Høst 2026"],
            ], "Mo omsorgssenter, kantina"),
        ],
        "status": [{
            "f-etter-planen": "Sluttsamtalene ga oss et tydelig bilde: mange sluttet fordi de var alene på natt.",
            "f-igangsatt": "Nattevaktene går nå i faste team på to.",
            "f-konkrete-resultater": "Ingen nattevakter har sluttet siden februar.",
            "f-videre-valg": "Fortsetter som planlagt",
            "f-laering": "Å spørre dem som sluttet, ga oss svar vi ikke fikk i medarbeiderundersøkelsen.",
        }],
    },
    "Čáhppesjávri": {
        "effektmal": "Čáhppesjávri suohkan – Svartvatn kommune har nok ansatte som snakker samisk, slik at alle "
                     "som ønsker det, får tjenester på samisk.",
        "hovedplan": {
            "f-innbyggere": "1 950", "f-arsverk": "84",
            "f-befolkning": "Om lag halvparten av innbyggerne snakker samisk, og mange eldre foretrekker det.",
            "f-organisering": "Et helsesenter med sykehjem og hjemmetjeneste i én enhet.",
            "f-har-plan": "Under arbeid",
            "f-utfordringer": "Få samiskspråklige søkere, og vi konkurrerer med større kommuner om sykepleierne.",
            "f-onsket-kort": "Samisk språk og kultur er en del av hvordan vi rekrutterer og lærer opp.",
            "f-maling-kort": "Antall ansatte som kan gi tjenester på samisk.",
        },
        "plans": [
            ("Alle utlysninger er på samisk og norsk, og vi har en språkplan for nyansatte.", [
                ["Rekruttere", "Utlysninger på samisk og norsk", "Máret Ánde Guttorm", "Fra oktober"],
                ["Kompetanse", "Samiskkurs for ansatte i arbeidstiden", "Biret Sárá Eira", "Vinter 2026"],
            ], "Helsesenteret, Čáhppesjávri"),
            ("Åtte ansatte har startet på samiskkurs, og vi har avtale med en samisk høgskole om praksis.", [
                ["Kompetanse", "Samiskkurs for ansatte i arbeidstiden", "Biret Sárá Eira", "Hele året"],
                ["Rekruttere", "Praksisplasser for sykepleierstudenter fra samiske områder", "Máret Ánde Guttorm", "Vår 2026"],
            ], "Helsesenteret, Čáhppesjávri"),
            ("Språkplanen er i bruk for alle nyansatte.", [
                ["Kompetanse", "Samiskkurs for ansatte i arbeidstiden", "Biret Sárá Eira", "Hele året"],
                ["Rekruttere", "Praksisplasser for sykepleierstudenter fra samiske områder", "Nils-Ŋuvllát Somby", "Høst 2026"],
                ["Beholde", "Språkmentor for nyansatte", "Elle-Káre Sara", "Fra september"],
            ], "Kulturviessu, Čáhppesjávri"),
        ],
        "status": [{
            "f-etter-planen": "Samiskkurset kom i gang, og to sykepleierstudenter hadde praksis hos oss.",
            "f-kunnskap": "Fra samling 2 tok vi med oss ideen om å la ansatte lære bort det de kan.",
            "f-igangsatt": "Kurs to timer i uka i arbeidstiden, og praksisplasser med samiskspråklig veileder.",
            "f-konkrete-resultater": "Én av studentene har søkt sommerjobb. Åtte ansatte går på kurs.",
            "f-videre-valg": "Fortsetter som planlagt",
            "f-laering": "Språket er en grunn til å komme hit, ikke bare et krav vi stiller.",
        }, {
            "f-etter-planen": "Språkmentorene er på plass.",
            "f-igangsatt": "Tre erfarne ansatte er språkmentorer for de nye.",
            "f-konkrete-resultater": "Alle fire nyansatte i høst har en språkmentor. 🌿",
            "f-videre-valg": "Fortsetter som planlagt",
        }],
    },
    "Håkøy": {
        "effektmal": "Håkøy beholder sykepleierne sine og trenger ikke innleie i helgene.",
        "hovedplan": {
            "f-innbyggere": "1 100", "f-arsverk": "41",
            "f-utfordringer": "Tre av sju sykepleiere er sykmeldt, og vi klarer knapt å dekke turnusen.",
        },
        "plans": [
            ("Vi har en oversikt over vaktene som dekkes med innleie.", [
                ["Beholde", "Oversikt over innleie per helg", "Gruppeleder", "Høsten"],
            ], "Håkøy sjukeheim"),
        ],
        "status": [],
    },
}
