"""Six invented gatherings for the demo network: programmes, registrations, attendance, notes, files.

Everything goes through the services, as if the project leader had typed it. Every speaker,
organisation, venue and address here is made up.
"""
from __future__ import annotations

import io
from datetime import date, time

from reportlab.platypus import Paragraph, Spacer
from werkzeug.datastructures import FileStorage

from verksted import pdf
from verksted.accounts.models import User
from verksted.extensions import db
from verksted.gatherings import files, services
from verksted.gatherings.models import Gathering, ItemKind
from verksted.networks.models import Network, Team

TALK, WITHIN, ACROSS, STANDS, OTHER = (ItemKind.TALK, ItemKind.GROUP_WITHIN, ItemKind.GROUP_ACROSS,
                                       ItemKind.STANDS, ItemKind.OTHER)


def _t(text: str) -> time:
    hours, minutes = text.split(".")
    return time(int(hours), int(minutes))


# number, title, date, host (start of the team's name), venue, address, focus, closes, programme
GATHERINGS = [
    (1, "Oppstartssamling", date(2025, 10, 16), "Fjordvik", "Fjordvik kulturhus, Storsalen",
     "Kaigata 4, 9990 Fjordvik", "Kompetanseplan som verktøy", date(2025, 10, 6), [
         ("09.30", "10.00", "Velkommen, presentasjon av teamene og nettverket", OTHER, "@leader", ""),
         ("10.00", "10.45", "Kompetanseplanen – fra skuff til verktøy", TALK, "Randi Mørk",
          "Høgskolen i Nordfjella"),
         ("10.45", "11.30", "Slik kartla vi kompetansen i hjemmetjenesten", TALK, "Hege Sandvik",
          "Nabobygd kommune"),
         ("11.30", "12.15", "Lunsj", OTHER, "", ""),
         ("12.15", "13.30", "Hovedplanen: effektmål og utfordringsbilde for egen kommune", WITHIN, "", ""),
         ("13.30", "14.45", "Hvilke bemanningsutfordringer deler vi?", ACROSS, "", ""),
         ("14.45", "15.30", "Fremdriftsplan for første periode og evaluering", WITHIN, "", ""),
     ]),
    (2, "Heltid som hovedregel", date(2026, 2, 12), "Håkøy", "Håkøy samfunnshus", "Øyvegen 21, 9986 Håkøy",
     "Heltidskultur", date(2026, 2, 2), [
         ("09.30", "09.50", "Velkommen til Håkøy", OTHER, "Gunnar Vik", "Håkøy kommune"),
         ("09.50", "10.40", "Heltidskultur – hva er det, og hvorfor er det så vanskelig?", TALK, "Oddvar Rustad",
          "KS Nordfjella"),
         ("10.40", "11.30", "Lange vakter og årsturnus: erfaringer fra et sykehjem", TALK, "Anita Berge",
          "Solstrand sykehjem"),
         ("11.30", "12.15", "Lunsj", OTHER, "", ""),
         ("12.15", "13.30", "Hvor mange deltidsstillinger har vi, og hvorfor?", WITHIN, "", ""),
         ("13.30", "14.45", "Tiltak for heltid: hva har virket hos dere?", ACROSS, "", ""),
         ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
     ]),
    (3, "Unge inn i helse og omsorg", date(2026, 9, 17), "Storåsen", "Storåsen hotell",
     "Stasjonsvegen 2, 9983 Storåsen", "Rekruttering av unge", date(2026, 9, 7), [
         ("09.30", "09.45", "Velkommen til Storåsen", OTHER, "Eirik Mælen", "Storåsen kommune"),
         ("09.45", "10.30", "Hvordan få ungdom til å velge helsefag?", TALK, "Jon Ivar Moe",
          "Nordfjella videregående skole"),
         ("10.30", "11.15", "Lærlinger og sommervikarer som rekrutteringsvei", TALK, "Ellinor Aas",
          "Fjellheim kommune"),
         ("11.15", "11.30", "Tre lærlinger forteller", TALK, "Lærlinger fra Storåsen", "Storåsen kommune"),
         ("11.30", "12.15", "Lunsj", OTHER, "", ""),
         ("12.15", "13.30", "Statusrapporten: hva har vi fått til siden forrige samling?", WITHIN, "", ""),
         ("13.30", "14.45", "Kafébord: unge arbeidstakere, lærlinger og studenter", ACROSS, "", ""),
         ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
     ]),
    (4, "Bli og bli god", date(2026, 12, 3), "Vestre Mo", "Vestre Mo rådhus, kommunestyresalen",
     "Rådhusplassen 1, 9981 Vestre Mo", "Å beholde medarbeidere: arbeidsmiljø og fagutvikling",
     date(2026, 11, 26), [
         ("09.30", "09.45", "Velkommen til Vestre Mo", OTHER, "Bjørg Rønning", "Vestre Mo kommune"),
         ("09.45", "10.30", "Hvorfor slutter folk – og hvorfor blir de?", TALK, "Pål Hovland",
          "Bedriftshelsetjenesten i Nordfjella"),
         ("10.30", "11.15", "Fagutvikling som gjør at folk blir", TALK, "Sara Nilsen",
          "Utviklingssenter for sykehjem og hjemmetjenester"),
         ("11.15", "12.00", "Lunsj", OTHER, "", ""),
         ("12.00", "13.15", "Medarbeiderundersøkelsen: hva sier den om oss?", WITHIN, "", ""),
         ("13.15", "14.45", "Gode grep for å beholde nyansatte", ACROSS, "", ""),
         ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
     ]),
    (5, "Turnus som virkemiddel", date(2027, 3, 11), "Čáhppesjávri", "Svartvatn kulturhus",
     "Jávrregeaidnu 3, 9979 Svartvatn", "Ledelse, turnus og heltid i praksis", date(2027, 3, 1), [
         ("09.30", "09.50", "Bures boahtin – velkommen til Svartvatn", OTHER, "Máret Ánde Guttorm",
          "Čáhppesjávri suohkan – Svartvatn kommune"),
         ("09.50", "10.40", "Turnus som virkemiddel for heltid", TALK, "Arne Kvalheim", "KS Nordfjella"),
         ("10.40", "11.30", "Å rekruttere til tjenester med samisk språk og kultur", TALK, "Inger Ánne Labba",
          "Sámi giellaguovddáš Nordfjella"),
         ("11.30", "12.15", "Lunsj", OTHER, "", ""),
         ("12.15", "13.30", "Turnusen vår: hva kan vi endre før sommeren?", WITHIN, "", ""),
         ("13.30", "14.45", "Ledernes rolle i heltidsarbeidet", ACROSS, "", ""),
         ("14.45", "15.30", "Fremdriftsplan og evaluering", WITHIN, "", ""),
     ]),
    (6, "Avslutningssamling", date(2027, 6, 3), "Lierbygd", "Lierbygd samfunnshus", "Torget 2, 9992 Lierbygd",
     "Erfaringsdeling og stands", date(2027, 5, 24), [
         ("09.30", "09.45", "Velkommen til siste samling", OTHER, "Marte Kvåle", "Lierbygd kommune"),
         ("09.45", "10.30", "Hva har vi lært? Resultater fra nettverket", TALK, "@leader", ""),
         ("10.30", "12.00", "Stands: teamene viser fram tiltakene sine", STANDS, "", ""),
         ("12.00", "12.45", "Lunsj", OTHER, "", ""),
         ("12.45", "13.45", "Hva tar vi med oss videre fra de andre kommunene?", ACROSS, "", ""),
         ("13.45", "14.45", "Sluttrapporten og veien videre i egen kommune", WITHIN, "", ""),
         ("14.45", "15.30", "Forankring i kommunene og evaluering av nettverket", TALK, "Knut Lunde",
          "KS Nordfjella"),
     ]),
]

DIETS = ["", "Glutenfri", "", "Laktosefri", "", "Vegetar", "", "Nøtteallergi", "", "Halal", ""]

# Who else came along: gathering number -> team -> [(name, job title, dietary needs)]
EXTRAS = {
    1: {"Fjordvik": [("Stine Holm", "Helsefagarbeider, nattevakt", "")]},
    2: {"Håkøy": [("Eli Storvik", "Personalleder", "Vegetar"), ("Rolf Leirvåg", "Hovedverneombud", "")]},
    3: {"Storåsen": [("Amalie Brekken", "Lærling, helsearbeiderfaget", ""),
                     ("Jonas Nguyen", "Lærling, helsearbeiderfaget", "Laktosefri")],
        "Čáhppesjávri": [("Sunná Márjá Eira", "Sommervikar, sykepleierstudent", "Glutenfri")]},
    4: {"Storåsen": [("Kjell Ove Haugen", "Kommunalsjef", "")]},
}
ABSENT = {1: ["Kari Nordmo"], 2: ["Hanne Fossum", "Ola Tveit"], 3: ["Liv Åsheim", "Sunniva Dahl"]}
REGISTERED_FOR_NEXT = ("Fjordvik", "Storåsen", "Čáhppesjávri")  # registered for gathering 4 so far

NOTES = {
    1: """## Hva skjedde
Alle seks kommunene var representert, med til sammen 24 deltakere. Teamene presenterte seg og
sine viktigste bemanningsutfordringer.

## Hva teamene tar med seg hjem
- Hovedplanen (høyst tre sider) leveres innen **1. desember**.
- Første arbeidsmøte hjemme avtales før jul.
- Se over kompetanseplanen: hvem bruker den, og til hva?

## Evaluering
Foredragene fikk gode tilbakemeldinger. Flere ønsket mer tid til gruppearbeid på tvers av kommunene.
""",
    2: """## Hva skjedde
Håkøy var vertskommune. Dagen handlet om heltidskultur, med eksempler fra et sykehjem som har
innført årsturnus og lange vakter.

## Hva teamene tar med seg hjem
- Kartlegg andelen deltid i egne tjenester og hvorfor.
- Velg ett tiltak for heltid som kan prøves ut før sommeren.
- Statusrapporten leveres to uker før neste samling.

## Evaluering
Gruppearbeidet på tvers fikk høyere score enn på første samling.
""",
    3: """## Hva skjedde
Tre lærlinger fortalte hvorfor de valgte helsefag, og hva som fikk dem til å bli. Kafébordene
ga mange konkrete ideer til sommerjobb og lærlingplasser.

## Hva teamene tar med seg hjem
- Lag en plan for å ta imot sommervikarer og lærlinger.
- Inviter videregående skole til et møte i kommunen.

## Evaluering
Den høyeste scoren så langt for gruppearbeid på tvers av kommuner.
""",
}

FILES = {
    1: [("Lysark: Kompetanseplanen – fra skuff til verktøy", "Kompetanseplanen – lysark.pdf",
         ["Kompetanseplanen – fra skuff til verktøy",
          "Hvorfor en kompetanseplan? Hva skal den inneholde? Hvem bruker den, og når?",
          "Tre spørsmål til teamet: Hva vet vi om kompetansen vår i dag? Hva trenger vi om fem år? "
          "Hvordan kommer vi dit?"]),
        ("Mal for hovedplan", "Mal for hovedplan.pdf",
         ["Mal for hovedplan (høyst tre sider)",
          "Teamet. Effektmål. Kort om kommunen. Kompetanse- og rekrutteringsplan. Største "
          "bemanningsutfordringer. Ønsket situasjon. Tiltak. Hvordan effekten måles."])],
    2: [("Lysark: Heltidskultur", "Heltidskultur – lysark.pdf",
         ["Heltidskultur – hva er det, og hvorfor er det så vanskelig?",
          "Heltid som hovedregel krever at ledere, tillitsvalgte og ansatte drar i samme retning."])],
    3: [("Oppsummering fra kafébordene", "Kafébord – oppsummering.pdf",
         ["Oppsummering fra kafébordene: unge arbeidstakere, lærlinger og studenter",
          "Sommerjobb tidlig, fast veileder, og en plan for lærlingene etter fagbrevet."])],
}


def seed(network: Network, leader: User) -> None:
    db.session.flush()
    teams = {team.municipality: team for team in network.teams}

    def team(start: str) -> Team:
        return next(t for name, t in teams.items() if name.startswith(start))

    for number, title, held_on, host, venue, address, focus, closes_on, programme in GATHERINGS:
        gathering = services.create_gathering(network, {
            "number": number, "title": title, "held_on": held_on, "starts_at": time(9, 30), "ends_at": time(15, 30),
            "venue": venue, "address": address, "host_team_id": team(host).id, "host_name": "", "focus": focus,
            "registration_closes_on": closes_on,
        })
        for starts, ends, item_title, kind, speaker, organisation in programme:
            if speaker == "@leader":
                speaker, organisation = leader.name, network.owner_organisation
            services.add_item(gathering, {"starts_at": _t(starts), "ends_at": _t(ends), "title": item_title,
                                          "kind": kind, "speaker": speaker, "speaker_organisation": organisation})
        db.session.flush()
        if number <= 3:
            _register_everyone(gathering, network, leader, team)
            services.update_notes(gathering, NOTES[number])
        elif number == 4:
            for start in REGISTERED_FOR_NEXT:
                _register(gathering, team(start), EXTRAS[4].get(start, []), leader)
        for file_title, filename, lines in FILES.get(number, []):
            files.add_file(gathering, file_title, FileStorage(io.BytesIO(_handout(lines)), filename), leader)
    db.session.flush()


def _register_everyone(gathering: Gathering, network: Network, leader: User, team) -> None:
    for each in network.teams:
        if each.is_withdrawn and each.withdrawn_on <= gathering.held_on:
            continue
        extras = next((people for start, people in EXTRAS.get(gathering.number, {}).items()
                       if each.municipality.startswith(start)), [])
        _register(gathering, each, extras, leader)
    db.session.flush()
    absent = set(ABSENT.get(gathering.number, []))
    came = {r.id for _team, people in services.participants_by_team(gathering) for r in people if r.name not in absent}
    services.record_attendance(gathering, came)


def _register(gathering: Gathering, team: Team, extras: list[tuple[str, str, str]], leader: User) -> None:
    members = sorted(team.members, key=lambda m: (not m.is_group_leader, m.user.name))
    chosen = [
        {"user_id": m.user_id, "job_title": m.team_role, "dietary_needs": DIETS[(gathering.number + i) % len(DIETS)]}
        for i, m in enumerate(members)
        if i < 4 or gathering.number == 1  # everyone came to the first; later, up to four from each team
    ]
    others = [{"registration_id": None, "name": name, "job_title": job, "dietary_needs": diet}
              for name, job, diet in extras]
    services.register_team(gathering, team, chosen, others, leader, after_closing=True)


def _handout(lines: list[str]) -> bytes:
    """A small, real PDF so that downloading a demo file gives something to open."""
    buffer = io.BytesIO()
    styles = pdf.styles()
    doc = pdf.document(buffer, lines[0])
    story = [Paragraph(pdf.markup(lines[0]), styles["title"]), Spacer(1, 6)]
    story += [Paragraph(pdf.markup(line), styles["body"]) for line in lines[1:]]
    doc.build(story)
    return buffer.getvalue()
