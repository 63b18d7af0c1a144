"""What each team of an invented, finished network wrote: hovedplan, fremdriftsplaner,
statusrapporter and sluttrapport, composed from the pools in demo_team_texts.py so that sixty
teams read differently.

Each team works on two themes; its texts draw sentences, measures and figures from those themes
and from the shared pools, with numbers of its own. Field keys are those of the starter
templates (documents/starter.py).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from verksted.reports.demo_team_texts import (
    ADVICE,
    CITIZENS,
    CLOSED_GOAL,
    CLOSED_WHY,
    CLOSINGS,
    GENERIC_NEXT,
    GOAL_NOTES,
    LONG_MEASURE,
    OBSTACLES,
    OPENINGS,
    ORGANISATION,
    PLAN_CONTENT,
    PLAN_LINK,
    POSITIONS,
    POPULATION,
    RESOURCES,
    RIPPLES,
    SHARED_METRICS,
    STATUS_CHANGED,
    STATUS_DONE,
    STATUS_HINDRANCES,
    STATUS_KNOWLEDGE,
    STATUS_LEARNT,
    STATUS_REFERENCE,
    SURPRISES,
    THEMES,
    VOICES,
    WORKED,
    Theme,
)

MEASURED = "Målingene våre viser:"  # the list of figures follows this paragraph

def numbers(rng: random.Random) -> dict[str, str]:
    """Figures for one team, consistent with each other, as Norwegian text."""
    heltid_fra = rng.randint(26, 46)
    syk_fra = rng.uniform(8.5, 12.9)
    studenter_fra = rng.randint(2, 8)
    return {
        "heltid_fra": str(heltid_fra), "heltid_til": str(heltid_fra + rng.randint(6, 17)),
        "stillinger": str(rng.randint(5, 19)), "innleie_ned": str(rng.randint(12, 41)),
        "syk_fra": _decimal(syk_fra), "syk_til": _decimal(syk_fra - rng.uniform(0.8, 3.1)),
        "sokere_fra": str(rng.randint(1, 3)), "sokere_til": str(rng.randint(4, 11)),
        "laerlinger_fra": str(rng.randint(1, 3)), "laerlinger_til": str(rng.randint(4, 9)),
        "sommer": str(rng.randint(4, 16)), "nyansatte": str(rng.randint(6, 21)), "slutta": str(rng.randint(0, 2)),
        "svar": str(rng.randint(64, 93)), "ledere": str(rng.randint(4, 11)),
        "studenter_fra": str(studenter_fra), "studenter": str(studenter_fra + rng.randint(3, 12)),
        "plasser": str(rng.choice((24, 32, 36, 40, 48, 56, 64, 72))),
        "innbyggere": f"{rng.randint(1800, 24000):,}".replace(",", "\u00a0"),
        "arsverk": str(rng.randint(60, 520)),
    }


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@dataclass
class TeamVoice:
    """What one team writes about: its themes, its figures and its names."""

    municipality: str
    short: str
    end_year: int
    themes: list[Theme]
    figures: dict[str, str]
    rng: random.Random

    def say(self, text: str) -> str:
        return text.format(kommune=self.municipality, kort=self.short, end=self.end_year, **self.figures)

    def pick(self, options: list[str]) -> str:
        return self.say(self.rng.choice(options))


def voice(municipality: str, short: str, end_year: int, seed: int) -> TeamVoice:
    rng = random.Random(seed)
    themes = rng.sample(list(THEMES.values()), 2)
    return TeamVoice(municipality, short, end_year, themes, numbers(rng), rng)


def measures(team: TeamVoice, people: list[str]) -> list[list[str]]:
    """The team's tiltak: three from its first theme, two from its second; some with a named person."""
    first, second = team.themes
    rows = team.rng.sample(first.measures, 3) + team.rng.sample(second.measures, 2)
    table = []
    for goal, measure, responsible, when in rows:
        if people and team.rng.random() < 0.3:
            responsible = team.rng.choice(people)
        table.append([goal, measure, responsible, when])
    return table


def final_report(team: TeamVoice, people: list[str]) -> dict:
    """The sluttrapport's answers, about a page to a page and a half when printed."""
    first, second = team.themes
    goal = " ".join(filter(None, (team.pick(first.goals), team.pick(second.goals), team.pick(GOAL_NOTES))))
    rows = measures(team, people)
    unused = [measure for _goal, measure, *_rest in second.measures if all(measure != row[1] for row in rows)]
    if unused and team.rng.random() < 0.4:
        rows.append([CLOSED_GOAL, f"{team.rng.choice(unused)} ({team.rng.choice(CLOSED_WHY)})", "Teamet",
                     "Stoppet etter første år"])
    # Every result paragraph of both themes and several shared ones: a sluttrapport as long
    # as the real ones, so a network of sixty teams prints a report of about two hundred pages.
    def some(pool: list[str], count: int) -> list[str]:
        return [team.say(text) for text in team.rng.sample(pool, count)]

    results = [team.pick(OPENINGS), *some(WORKED, 4), *[team.say(p) for p in first.results],
               *[team.say(p) for p in second.results], *some(VOICES, 3)]
    metrics = [first.metric, second.metric, team.rng.choice(SHARED_METRICS)]
    results += [MEASURED, "\n".join(f"- {team.say(m)}" for m in metrics)]
    results += [*some(CITIZENS, 2), *some(SURPRISES, 2), *some(OBSTACLES, 2), *some(RIPPLES, 2),
                team.pick(CLOSINGS)]
    next_items = team.rng.sample(first.next, 2) + team.rng.sample(second.next, 1) + team.rng.sample(GENERIC_NEXT, 2)
    return {
        "f-hovedmal": goal,
        "f-tiltak": rows,
        "f-resultater": "\n\n".join(results),
        "f-videre": next_items,
        "f-erfaringer": " ".join(team.rng.sample(ADVICE, 4)),
    }


def main_plan(team: TeamVoice, roster: list[list[str]], leader_name: str) -> dict:
    """The hovedplan, the team's first document."""
    first, second = team.themes
    return {
        "f-teammedlemmer": roster,
        "f-gruppeleder": leader_name,
        "f-effektmal": team.pick(first.goals),
        "f-innbyggere": team.figures["innbyggere"],
        "f-befolkning": team.pick(POPULATION),
        "f-ressurser": team.pick(RESOURCES),
        "f-organisering": team.pick(ORGANISATION),
        "f-arsverk": team.figures["arsverk"],
        "f-stillinger": team.pick(POSITIONS),
        "f-har-plan": team.rng.choice(("Ja", "Nei", "Under arbeid")),
        "f-planinnhold": team.pick(PLAN_CONTENT),
        "f-sammenheng": team.pick(PLAN_LINK),
        "f-utfordringer": "\n".join(f"- {theme.challenge}" for theme in team.themes),
        "f-onsket-kort": team.say(first.period_goals[-1]) + " " + team.say(second.period_goals[0]),
        "f-onsket-lang": team.pick(second.goals),
        "f-tiltak": measures(team, []),
        "f-maling-kort": team.say(first.metric) + ", målt hvert halvår.",
        "f-maling-lang": team.pick(LONG_MEASURE),
    }


def progress_plan(team: TeamVoice, number: int, leader_name: str, people: list[str], meeting: dict) -> dict:
    """Fremdriftsplan `number` (0-based): a resultatmål for the period and the measures at hand."""
    theme = team.themes[number % 2]
    goal = theme.period_goals[min(number // 2, len(theme.period_goals) - 1)]
    return {
        "f-gruppeleder": leader_name,
        "f-deltakere": people[:4],
        "f-effektmal": team.pick(team.themes[0].goals),
        "f-resultatmal": team.say(goal),
        "f-arbeidsmote": meeting,
        "f-tiltak": measures(team, people)[: 3 + number % 2],
    }


def status_report(team: TeamVoice, number: int) -> dict:
    theme = team.themes[number % 2]
    return {
        "f-effektmal": team.pick(team.themes[0].goals),
        "f-resultatmal": team.say(theme.period_goals[min(number, len(theme.period_goals) - 1)]),
        "f-etter-planen": team.pick(STATUS_DONE),
        "f-korrigert": team.pick(STATUS_CHANGED),
        "f-kunnskap": team.pick(STATUS_KNOWLEDGE),
        "f-igangsatt": "; ".join(row[1] for row in measures(team, [])[:2]) + ".",
        "f-konkrete-resultater": team.pick(theme.results),
        "f-videre-valg": team.rng.choice(("Fortsetter som planlagt", "Justerer tiltakene")),
        "f-hindringer": team.pick(STATUS_HINDRANCES),
        "f-referansegruppe": team.pick(STATUS_REFERENCE),
        "f-laering": team.pick(STATUS_LEARNT),
    }
