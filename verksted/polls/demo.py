"""Polls for the demo network: the starter evaluation template, a closed evaluation with invented
answers for every gathering held so far, and one live workshop poll anyone can answer.

The scores follow the story of the seed reports: the talks stay high, and group work across the
municipalities rises gathering by gathering. Every answer here is invented.
"""
from __future__ import annotations

import random
import secrets
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from verksted.accounts.models import User
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind
from verksted.networks.models import Network, Team
from verksted.polls import services
from verksted.polls.answering import answer_key, participant_hash
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    HiddenWord,
    Participant,
    Poll,
    PollPace,
    PollQuestion,
    PollState,
    QuestionKind,
)

HELD = (1, 2, 3)  # the gatherings the gatherings demo has held: registrations, attendance and notes
LIVE_TITLE = "Kompetansebehov – workshop"

# How many answered, and from which municipality (start of the team's name); the rest chose none.
PEOPLE = {
    1: {"Fjordvik": 8, "Lierbygd": 4, "Storåsen": 6, "Vestre Mo": 7, "Čáhppesjávri": 5, "Håkøy": 3, None: 5},
    2: {"Fjordvik": 6, "Lierbygd": 3, "Storåsen": 5, "Vestre Mo": 6, "Čáhppesjávri": 4, "Håkøy": 3, None: 4},
    3: {"Fjordvik": 6, "Lierbygd": 3, "Storåsen": 7, "Vestre Mo": 5, "Čáhppesjávri": 4, None: 4},
}
# The mean each scale question aims at, gathering by gathering.
OVERALL = {1: 4.0, 2: 4.2, 3: 4.4}
TALKS = {1: 4.5, 2: 4.4, 3: 4.5}
WITHIN = {1: 3.5, 2: 3.8, 3: 4.1}
ACROSS = {1: 2.9, 2: 3.6, 3: 4.3}

WITHIN_REWORDED = "Hvor nyttig var gruppearbeidet i ditt eget kommuneteam?"

WORDS = {
    1: ["kompetanseplan", "nettverk", "inspirasjon", "samarbeid", "kartlegging", "motivasjon", "erfaringsdeling",
        "hovedplan", "Čáhppesjávri", "nye kolleger"],
    2: ["heltid", "årsturnus", "langvakter", "heltidskultur", "tillitsvalgte", "mot", "samarbeid", "Håkøy",
        "giitu", "erfaringsdeling"],
    3: ["lærlinger", "sommerjobb", "ungdom", "kafébord", "veiledning", "rekruttering", "samarbeid", "Máret",
        "fagbrev", "inspirasjon"],
}
HIDDEN_WORD = {2: "kjedelig"}

TEXTS = {
    1: ["Mer tid til gruppearbeid på tvers av kommunene.",
        "Kortere foredrag før lunsj, lengre tid til å snakke sammen.",
        "Send ut programmet tidligere, så vi rekker å planlegge vaktene.",
        "Bra dag! Fint å møte de andre teamene.",
        "Vi trenger eksempler på gode hovedplaner.",
        "Vanskelig å høre spørsmålene fra salen – bruk mikrofon.",
        "Tydeligere oppgave i gruppearbeidet etter lunsj.",
        "Flere pauser, det ble mye å ta inn."],
    2: ["Gruppearbeidet på tvers var det beste i dag – mer av det!",
        "Godt å høre hvordan de har jobbet med langvakter på Håkøy.",
        "Ønsker at tillitsvalgte fra alle kommunene er med neste gang.",
        "Maten var god, takk til vertskommunen 😊",
        "Kan vi få lysarkene før samlingen?",
        "Lang reisevei fra Čáhppesjávri – start gjerne kl. 10."],
    3: ["Lærlingene som fortalte, var dagens høydepunkt.",
        "Kafébordene fungerte veldig godt, behold den formen.",
        "Giitu for en god dag! Vi tar med oss ideene om sommerjobb.",
        "Mer om hvordan vi beholder de unge etter fagbrevet.",
        "Fint at Máret og teamet fra Svartvatn delte erfaringene sine.",
        "Enda mer tid på tvers, gjerne med nye grupper etter lunsj."],
}
HIDDEN_TEXT = {2: "Bortkastet dag. Foredragsholderen burde holdt seg hjemme."}

# How much each competence need matters to the room (higher first), for the ranking.
NEEDS = [5.0, 4.2, 3.0, 3.8, 2.4, 2.0]


def seed(network: Network, leader: User) -> None:
    """The starter template, closed evaluations of the gatherings held, and one live workshop."""
    db.session.flush()
    rng = random.Random(20251016)
    template = services.starter_template(network, by=leader)
    gatherings = {g.number: g for g in db.session.scalars(sa.select(Gathering).where(Gathering.network_id == network.id))}
    _date_template(template, gatherings[1])
    teams = {team.municipality: team for team in network.teams}
    # The starter template's first four questions: the day, the talks, group work within and across.
    targets = dict(zip((q.id for q in template), (OVERALL, TALKS, WITHIN, ACROSS), strict=False))
    for number in HELD:
        if number == 2:
            _reword_within(template, leader, gatherings[1])
        _evaluation(network, gatherings[number], teams, targets, leader, rng)
    _live_workshop(network, teams, leader, rng)
    db.session.flush()


def live_code() -> str | None:
    """The code of the demo's live workshop, for the sign-in help."""
    return db.session.scalar(
        sa.select(Poll.code).where(Poll.title == LIVE_TITLE, Poll.state == PollState.LIVE).order_by(Poll.id)
    )


def _date_template(template: list[EvaluationQuestion], first: Gathering) -> None:
    written = _at(first.held_on - timedelta(days=21), time(10))
    for question in template:
        question.created_at = written
        for version in question.versions:
            version.created_at = written


def _reword_within(template: list[EvaluationQuestion], leader: User, first: Gathering) -> None:
    """After the first gathering the leader sharpened one question; it stays the same question."""
    within = template[2]
    version = services.revise_evaluation_question(within, WITHIN_REWORDED, within.current.settings, by=leader)
    version.created_at = _at(first.held_on + timedelta(days=35), time(9))


def _evaluation(network: Network, gathering: Gathering, teams: dict[str, Team], targets: dict[int, dict],
                leader: User, rng: random.Random) -> Poll:
    poll = services.create_poll(network, f"Evaluering – {gathering.title}", gathering=gathering, by=leader)
    db.session.flush()
    day = gathering.held_on
    poll.created_at = _at(day - timedelta(days=3), time(11))
    services.start_poll(poll)
    for position in range(len(poll.questions)):
        services.show_question(poll, position)
    services.close_poll(poll)
    opened, closed = _at(day, time(13, 45)), _at(day, time(14, 25))
    poll.opened_at, poll.closed_at = opened, closed
    for question in poll.questions:
        question.opened_at, question.closed_at = opened, closed
    db.session.flush()

    kinds = {str(item.id): item.kind for item in gathering.programme}
    number = gathering.number
    for start, count in PEOPLE[number].items():
        team = _team(teams, start)
        for _person in range(count):
            secret = secrets.token_urlsafe(24)
            when = opened + timedelta(seconds=rng.randint(20, 2300))
            db.session.add(Participant(poll_id=poll.id, key_hash=participant_hash(secret),
                                       team_id=team.id if team else None, joined_at=when, window_started_at=when))
            for question in poll.questions:
                value = _answer(question, number, targets.get(question.evaluation_question_id, OVERALL), kinds, rng)
                if value is not None:
                    db.session.add(Answer(question_id=question.id, answer_key=answer_key(secret, question.id),
                                          value=value, team_id=team.id if team else None,
                                          created_at=when, updated_at=when))
    _moderated(poll, number, opened, leader)
    return poll


def _answer(question: PollQuestion, number: int, target: dict[int, float], kinds: dict,
            rng: random.Random) -> dict | None:
    """One invented person's answer to one question, or None when they skipped it."""
    if question.kind is QuestionKind.SCALE:
        if rng.random() < 0.04:
            return None
        return {"score": _score(target[number], rng)}
    if question.kind is QuestionKind.PROGRAMME:
        scores = {}
        for item in question.settings.get("items", []):
            kind = kinds.get(item["id"])
            if rng.random() < 0.06:
                continue
            if rng.random() < 0.05:
                scores[item["id"]] = "dont_know"
                continue
            target = {ItemKind.GROUP_ACROSS: ACROSS[number], ItemKind.GROUP_WITHIN: WITHIN[number],
                      ItemKind.STANDS: 4.6}.get(kind, TALKS[number])
            scores[item["id"]] = _score(target, rng)
        return {"scores": scores} if scores else None
    if question.kind is QuestionKind.WORDS:
        if rng.random() < 0.2:
            return None
        return {"words": rng.sample(WORDS[number], rng.randint(1, 3))}
    if question.kind is QuestionKind.TEXT:
        if rng.random() < 0.55:
            return None
        return {"text": rng.choice(TEXTS[number])}
    if question.kind is QuestionKind.RANKING:
        if rng.random() < 0.15:
            return None
        return {"order": _order(len(question.settings["options"]), rng)}
    return None


def _moderated(poll: Poll, number: int, when: datetime, leader: User) -> None:
    """A word and an open answer the leader took off the screen; both stay in the data."""
    by_kind = {question.kind: question for question in poll.questions}
    if number in HIDDEN_WORD:
        words = by_kind[QuestionKind.WORDS]
        for word in (HIDDEN_WORD[number], HIDDEN_WORD[number].capitalize()):
            db.session.add(Answer(question_id=words.id, answer_key=secrets.token_hex(32), value={"words": [word]},
                                  created_at=when, updated_at=when))
        db.session.add(HiddenWord(question_id=words.id, word=HIDDEN_WORD[number], hidden_by_id=leader.id,
                                  hidden_at=when + timedelta(minutes=5)))
    if number in HIDDEN_TEXT:
        db.session.add(Answer(question_id=by_kind[QuestionKind.TEXT].id, answer_key=secrets.token_hex(32),
                              value={"text": HIDDEN_TEXT[number]}, hidden=True, created_at=when, updated_at=when))


def _live_workshop(network: Network, teams: dict[str, Team], leader: User, rng: random.Random) -> Poll:
    """A workshop running now: anyone can join with its code at /svar and answer both questions."""
    poll = services.create_poll(network, LIVE_TITLE, from_template=False, by=leader)
    ranking = services.add_question(poll, QuestionKind.RANKING, "Hvilke kompetansebehov er viktigst for dere nå?", {
        "options": ["Rekruttere sykepleiere og helsefagarbeidere", "Flere i heltidsstillinger",
                    "Lederstøtte og lederopplæring", "Veiledning av nyansatte, lærlinger og studenter",
                    "Fagutvikling i demensomsorg", "Velferdsteknologi i hverdagen"]})
    words = services.add_question(poll, QuestionKind.WORDS, "Hva trenger teamet ditt mest av i året som kommer?",
                                  {"max_words": 3})
    services.start_poll(poll, PollPace.ALL)
    db.session.flush()
    for start in ("Fjordvik", "Storåsen", "Vestre Mo", "Čáhppesjávri", None, None):
        team = _team(teams, start)
        secret = secrets.token_urlsafe(24)
        db.session.add(Participant(poll_id=poll.id, key_hash=participant_hash(secret),
                                   team_id=team.id if team else None))
        db.session.add(Answer(question_id=ranking.id, answer_key=answer_key(secret, ranking.id),
                              value={"order": _order(6, rng)}, team_id=team.id if team else None))
        db.session.add(Answer(question_id=words.id, answer_key=answer_key(secret, words.id),
                              value={"words": rng.sample(["tid", "folk", "heltid", "veiledning", "ro", "kollegaer",
                                                          "fagutvikling", "sykepleiere"], 2)},
                              team_id=team.id if team else None))
    return poll


def _team(teams: dict[str, Team], start: str | None) -> Team | None:
    if start is None:
        return None
    return next(team for name, team in teams.items() if name.startswith(start))


def _score(target: float, rng: random.Random, top: int = 5) -> int:
    return min(top, max(1, round(rng.gauss(target, 0.75))))


def _order(count: int, rng: random.Random) -> list[int]:
    weights = NEEDS[:count] + [1.0] * (count - len(NEEDS))
    return sorted(range(count), key=lambda index: -(weights[index] + rng.gauss(0, 1.2)))


def _at(day, at: time) -> datetime:
    return datetime.combine(day, at)
