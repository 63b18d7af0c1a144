"""Polls: building them, running them live, and the evaluation template they start from.

Workflow functions change the session and never commit; the view commits once.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from verksted.accounts.models import User
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind
from verksted.networks.models import Network
from verksted.polls.kinds import PROMPT_MAX, clean_settings, default_settings
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    EvaluationQuestionVersion,
    HiddenWord,
    Poll,
    PollPace,
    PollQuestion,
    PollState,
    QuestionKind,
    QuestionState,
)

CODE_DIGITS = 6


# --- The evaluation template --------------------------------------------------------------

def evaluation_template(network: Network) -> list[EvaluationQuestion]:
    """The questions every gathering's evaluation starts from, in order."""
    return list(
        db.session.scalars(
            sa.select(EvaluationQuestion)
            .where(EvaluationQuestion.network_id == network.id, EvaluationQuestion.retired_at.is_(None))
            .order_by(EvaluationQuestion.position, EvaluationQuestion.id)
            .options(sa.orm.selectinload(EvaluationQuestion.versions))
        )
    )


def retired_evaluation_questions(network: Network) -> list[EvaluationQuestion]:
    """Questions taken out of the template; their earlier results stay comparable."""
    return list(
        db.session.scalars(
            sa.select(EvaluationQuestion)
            .where(EvaluationQuestion.network_id == network.id, EvaluationQuestion.retired_at.is_not(None))
            .order_by(EvaluationQuestion.retired_at.desc(), EvaluationQuestion.id)
            .options(sa.orm.selectinload(EvaluationQuestion.versions))
        )
    )


def add_evaluation_question(
    network: Network, kind: QuestionKind, prompt: str, settings: Mapping, by: User | None = None
) -> EvaluationQuestion:
    prompt = _prompt(prompt)
    last = db.session.scalar(
        sa.select(sa.func.max(EvaluationQuestion.position)).where(EvaluationQuestion.network_id == network.id)
    )
    question = EvaluationQuestion(network=network, kind=kind, position=(last or 0) + 1)
    question.versions.append(
        EvaluationQuestionVersion(number=1, prompt=prompt, settings=clean_settings(kind, settings), created_by_id=_id(by))
    )
    db.session.add(question)
    return question


def revise_evaluation_question(
    question: EvaluationQuestion, prompt: str, settings: Mapping, by: User | None = None
) -> EvaluationQuestionVersion:
    """A changed wording (or changed options) becomes a new version; the question stays the
    same question, so gatherings before and after can still be compared."""
    prompt = _prompt(prompt)
    settings = clean_settings(question.kind, settings)
    current = question.current
    if current.prompt == prompt and current.settings == settings:
        return current
    version = EvaluationQuestionVersion(
        number=current.number + 1, prompt=prompt, settings=settings, created_by_id=_id(by)
    )
    question.versions.append(version)
    return version


def retire_evaluation_question(question: EvaluationQuestion) -> None:
    """Take a question out of the template; the answers it already has stay comparable."""
    if question.retired_at is None:
        question.retired_at = utcnow()


def move_evaluation_question(question: EvaluationQuestion, step: int) -> None:
    questions = evaluation_template(question.network)
    _move(questions, question, step)


def starter_template(network: Network, by: User | None = None) -> list[EvaluationQuestion]:
    """A sensible first evaluation template in one click: how useful the day, the talks and both
    kinds of group work were, each programme item, words to take home, what to change, and the
    competence needs that matter most now."""
    if evaluation_template(network):
        raise Refused(_("Nettverket har allerede en evalueringsmal."))
    useful = {"max": 5, "low_label": _("Lite nyttig"), "high_label": _("Svært nyttig")}
    questions = [
        (QuestionKind.SCALE, _("Hvor nyttig var samlingen for arbeidet i teamet ditt?"), useful),
        (QuestionKind.SCALE, _("Hvor nyttige var foredragene?"), useful),
        (QuestionKind.SCALE, _("Hvor nyttig var gruppearbeidet i eget team?"), useful),
        (QuestionKind.SCALE, _("Hvor nyttig var gruppearbeidet på tvers av kommunene?"), useful),
        (QuestionKind.PROGRAMME, _("Vurder hvert punkt i programmet"), {**useful, "dont_know": True}),
        (QuestionKind.WORDS, _("Hva tar du med deg hjem?"), {"max_words": 3}),
        (QuestionKind.TEXT, _("Hva bør vi gjøre annerledes neste gang?"), {}),
        (QuestionKind.RANKING, _("Hvilke kompetansebehov er viktigst for dere nå?"), {"options": [
            _("Rekruttere sykepleiere og helsefagarbeidere"),
            _("Flere i heltidsstillinger"),
            _("Lederstøtte og lederopplæring"),
            _("Veiledning av nyansatte, lærlinger og studenter"),
            _("Fagutvikling i demensomsorg"),
            _("Velferdsteknologi i hverdagen"),
        ]}),
    ]
    added = []
    for kind, prompt, settings in questions:
        added.append(add_evaluation_question(network, kind, prompt, settings, by=by))
        db.session.flush()  # each takes the next position
    return added


# --- Building a poll ----------------------------------------------------------------------

def new_code() -> str:
    """A six-digit code no other poll has (the unique constraint is the final word)."""
    for _attempt in range(20):
        code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
        if code[0] != "0" and db.session.scalar(sa.select(Poll.id).where(Poll.code == code)) is None:
            return code
    raise Refused(_("Fant ingen ledig kode. Prøv igjen."))


def create_poll(
    network: Network,
    title: str,
    gathering: Gathering | None = None,
    from_template: bool = True,
    by: User | None = None,
) -> Poll:
    """A new poll in draft; for a gathering it starts from the network's evaluation template."""
    title = _title(title)
    if gathering is not None and gathering.network_id != network.id:
        raise Refused(_("Samlingen hører til et annet nettverk."), "gathering_id")
    poll = Poll(
        network=network, gathering=gathering, title=title, code=new_code(), created_by_id=_id(by),
        state=PollState.DRAFT, pace=PollPace.ONE, current_position=0, version=0,
    )
    db.session.add(poll)
    if from_template:
        for question in evaluation_template(network):
            version = question.current
            settings = dict(version.settings)
            if question.kind is QuestionKind.PROGRAMME:
                settings["items"] = programme_items(gathering)
            poll.questions.append(
                PollQuestion(
                    position=len(poll.questions),
                    kind=question.kind,
                    prompt=version.prompt,
                    settings=settings,
                    evaluation_question=question,
                    question_version=version,
                    state=QuestionState.PENDING,
                    results_visible=True,
                )
            )
    return poll


def programme_items(gathering: Gathering | None) -> list[dict]:
    """The gathering's programme as items to rate (not breaks and the like)."""
    if gathering is None:
        return []
    return [
        {"id": str(item.id), "title": item.title + (f" ({item.speaker})" if item.speaker else "")}
        for item in gathering.programme
        if item.kind is not ItemKind.OTHER
    ]


def add_question(poll: Poll, kind: QuestionKind, prompt: str, settings: Mapping | None = None) -> PollQuestion:
    _still_editable(poll)
    settings = dict(settings if settings is not None else default_settings(kind))
    if kind is QuestionKind.PROGRAMME and not settings.get("items"):
        settings["items"] = _programme_or_refuse(poll)
    question = PollQuestion(
        position=len(poll.questions), kind=kind, prompt=_prompt(prompt), settings=clean_settings(kind, settings),
        state=QuestionState.PENDING, results_visible=True,
    )
    poll.questions.append(question)
    _changed(poll)
    return question


def update_question(question: PollQuestion, prompt: str, settings: Mapping) -> None:
    """Change a question's wording or options; not once it has answers, which would change meaning."""
    _still_editable(question.poll)
    if has_answers(question):
        raise Refused(_("Spørsmålet har fått svar og kan ikke endres lenger."))
    question.prompt = _prompt(prompt)
    question.settings = clean_settings(question.kind, settings)
    # A poll question reworded on the day is no longer the template's version of it.
    if question.question_version is not None and (
        question.prompt != question.question_version.prompt or question.settings != question.question_version.settings
    ):
        question.question_version = None
    _changed(question.poll)


def remove_question(question: PollQuestion) -> None:
    _still_editable(question.poll)
    if has_answers(question):
        raise Refused(_("Spørsmålet har fått svar og kan ikke fjernes. Steng det i stedet."))
    poll = question.poll
    poll.questions.remove(question)
    for position, other in enumerate(poll.questions):
        other.position = position
    poll.current_position = min(poll.current_position, max(len(poll.questions) - 1, 0))
    _changed(poll)


def move_question(question: PollQuestion, step: int) -> None:
    _still_editable(question.poll)
    _move(question.poll.questions, question, step)
    _changed(question.poll)


def has_answers(question: PollQuestion) -> bool:
    if question.id is None:
        return False
    return db.session.scalar(sa.select(Answer.id).where(Answer.question_id == question.id).limit(1)) is not None


def refresh_programme(question: PollQuestion) -> None:
    """Fill a programme question's items afresh from the gathering's programme as it is now."""
    _still_editable(question.poll)
    if question.kind is not QuestionKind.PROGRAMME:
        raise Refused(_("Bare spørsmål om programmet har programpunkter."))
    if has_answers(question):
        raise Refused(_("Spørsmålet har fått svar, så programpunktene kan ikke endres lenger."))
    question.settings = {**question.settings, "items": _programme_or_refuse(question.poll)}
    _changed(question.poll)


def update_poll(poll: Poll, title: str, pace: PollPace) -> None:
    """The leader renames the poll or chooses whether questions come one at a time or all at once."""
    _still_editable(poll)
    poll.title = _title(title)
    poll.pace = PollPace(pace)
    _changed(poll)


def delete_poll(poll: Poll) -> None:
    """Only a draft can be deleted: once the code has worked, the answers are the network's record."""
    if poll.state is not PollState.DRAFT:
        raise Refused(_("Bare en avstemning som ikke er startet, kan slettes."))
    db.session.delete(poll)


@dataclass
class PollListing:
    poll: Poll
    questions: int
    answered: int  # the most answers any one question got: about how many took part


def polls_for(network: Network) -> list[PollListing]:
    """The network's polls, newest gathering first, in three queries however many there are."""
    polls = db.session.scalars(
        sa.select(Poll).where(Poll.network_id == network.id).options(sa.orm.selectinload(Poll.gathering))
    ).all()
    ids = [poll.id for poll in polls]
    questions = dict(db.session.execute(
        sa.select(PollQuestion.poll_id, sa.func.count(PollQuestion.id))
        .where(PollQuestion.poll_id.in_(ids)).group_by(PollQuestion.poll_id)
    ).all()) if ids else {}
    answered: dict[int, int] = {}
    if ids:
        for poll_id, count in db.session.execute(
            sa.select(PollQuestion.poll_id, sa.func.count(Answer.id))
            .join(Answer, Answer.question_id == PollQuestion.id)
            .where(PollQuestion.poll_id.in_(ids)).group_by(PollQuestion.poll_id, PollQuestion.id)
        ):
            answered[poll_id] = max(answered.get(poll_id, 0), count)
    listings = [PollListing(poll, questions.get(poll.id, 0), answered.get(poll.id, 0)) for poll in polls]
    listings.sort(key=lambda row: (_poll_day(row.poll), row.poll.created_at, row.poll.id), reverse=True)
    return listings


def polls_at(gathering: Gathering) -> list[Poll]:
    """The polls of one gathering, oldest first (usually just its evaluation)."""
    return list(db.session.scalars(
        sa.select(Poll).where(Poll.gathering_id == gathering.id).order_by(Poll.created_at, Poll.id)
    ))


def load_poll(poll_id: int) -> Poll | None:
    """A poll with what the leader's page shows, in a fixed number of queries."""
    return db.session.scalar(
        sa.select(Poll).where(Poll.id == poll_id).options(
            sa.orm.selectinload(Poll.network),
            sa.orm.selectinload(Poll.gathering),
            sa.orm.selectinload(Poll.questions).selectinload(PollQuestion.question_version),
        )
    )


def answer_counts(poll: Poll) -> dict[int, int]:
    """How many answers each of the poll's questions has, by question id."""
    return dict(db.session.execute(
        sa.select(Answer.question_id, sa.func.count(Answer.id))
        .join(PollQuestion, PollQuestion.id == Answer.question_id)
        .where(PollQuestion.poll_id == poll.id).group_by(Answer.question_id)
    ).all())


# --- Running a poll -----------------------------------------------------------------------

def start_poll(poll: Poll, pace: PollPace | None = None) -> None:
    """Make the code work; the first question opens so the room can answer at once."""
    if poll.state is PollState.CLOSED:
        raise Refused(_("Avstemningen er avsluttet og kan ikke startes igjen."))
    if not poll.questions:
        raise Refused(_("Legg til minst ett spørsmål før du starter."))
    if pace is not None:
        poll.pace = pace
    if poll.state is PollState.DRAFT:
        poll.state = PollState.LIVE
        poll.opened_at = utcnow()
        poll.current_position = 0
        if poll.pace is PollPace.ALL:
            for question in poll.questions:
                _open(question)
        else:
            _open(poll.questions[0])
    _changed(poll)


def close_poll(poll: Poll) -> None:
    """End the poll: every question closes and the code stops working."""
    for question in poll.questions:
        if question.state is QuestionState.OPEN:
            _close(question)
    poll.state = PollState.CLOSED
    poll.closed_at = utcnow()
    _changed(poll)


def set_pace(poll: Poll, pace: PollPace) -> None:
    """Switch between one question at a time and all at once; in a live poll, switching to all
    at once opens the questions not yet asked, so every participant can answer them."""
    poll.pace = PollPace(pace)
    if poll.state is PollState.LIVE and poll.pace is PollPace.ALL:
        for question in poll.questions:
            if question.state is QuestionState.PENDING:
                _open(question)
    _changed(poll)


def open_question(question: PollQuestion) -> None:
    if question.poll.state is not PollState.LIVE:
        raise Refused(_("Start avstemningen før du åpner spørsmål."))
    _open(question)
    _changed(question.poll)


def close_question(question: PollQuestion) -> None:
    if question.state is QuestionState.OPEN:
        _close(question)
    _changed(question.poll)


def show_question(poll: Poll, position: int, open_it: bool = True) -> PollQuestion:
    """Put question `position` on the screen (forward or back); in one-at-a-time polls it
    opens, and the question it replaces closes."""
    if not poll.questions:
        raise Refused(_("Avstemningen har ingen spørsmål."))
    position = min(max(position, 0), len(poll.questions) - 1)
    previous = poll.current_question
    poll.current_position = position
    current = poll.current_question
    if poll.state is PollState.LIVE and poll.pace is PollPace.ONE and open_it:
        if previous is not None and previous is not current and previous.state is QuestionState.OPEN:
            _close(previous)
        if current.state is not QuestionState.OPEN:
            _open(current)
    _changed(poll)
    return current


def set_results_visible(question: PollQuestion, visible: bool) -> None:
    question.results_visible = visible
    _changed(question.poll)


def hide_answer(answer: Answer, hidden: bool = True) -> None:
    """Take an open answer off the screen (it stays in the data, marked hidden), or back."""
    answer.hidden = hidden
    _changed(answer.question.poll)


def hide_word(question: PollQuestion, word: str, by: User | None = None) -> None:
    word = word_key(word)
    if not word:
        raise Refused(_("Velg et ord å skjule."))
    exists = db.session.scalar(
        sa.select(HiddenWord).where(HiddenWord.question_id == question.id, HiddenWord.word == word)
    )
    if exists is None:
        db.session.add(HiddenWord(question_id=question.id, word=word, hidden_by_id=_id(by)))
    _changed(question.poll)


def show_word(question: PollQuestion, word: str) -> None:
    db.session.execute(
        sa.delete(HiddenWord).where(HiddenWord.question_id == question.id, HiddenWord.word == word_key(word))
    )
    _changed(question.poll)


def hidden_words(question: PollQuestion) -> set[str]:
    return set(db.session.scalars(sa.select(HiddenWord.word).where(HiddenWord.question_id == question.id)))


# --- Helpers ------------------------------------------------------------------------------

def _open(question: PollQuestion) -> None:
    question.state = QuestionState.OPEN
    question.opened_at = question.opened_at or utcnow()
    question.closed_at = None


def _close(question: PollQuestion) -> None:
    question.state = QuestionState.CLOSED
    question.closed_at = utcnow()


def word_key(word: str | None) -> str:
    """A word as the cloud counts it and as it is hidden: spaces tidied, case folded."""
    return " ".join((word or "").split()).casefold()[:60]


def _changed(poll: Poll) -> None:
    """Every change on the presenter's side raises the version screens poll for."""
    poll.version = (poll.version or 0) + 1


def _programme_or_refuse(poll: Poll) -> list[dict]:
    if poll.gathering is None:
        raise Refused(_("Bare i en avstemning som hører til en samling, kan deltakerne vurdere punktene i programmet."), "kind")
    items = programme_items(poll.gathering)
    if not items:
        raise Refused(_("Samlingen har ikke noe program å vurdere ennå. Legg inn programmet først."), "kind")
    return items


def _poll_day(poll: Poll) -> date:
    return poll.gathering.held_on if poll.gathering is not None else poll.created_at.date()


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Gi avstemningen en tittel."), "title")
    if len(title) > 200:
        raise Refused(_("Tittelen kan være høyst %(max)d tegn.", max=200), "title")
    return title


def _still_editable(poll: Poll) -> None:
    if poll.state is PollState.CLOSED:
        raise Refused(_("Avstemningen er avsluttet og kan ikke endres."))


def _move(items: list, item, step: int) -> None:
    index = items.index(item)
    target = min(max(index + step, 0), len(items) - 1)
    items.insert(target, items.pop(index))
    for position, other in enumerate(items):
        other.position = position


def _prompt(prompt: str) -> str:
    prompt = " ".join((prompt or "").split())
    if not prompt:
        raise Refused(_("Skriv spørsmålet."), "prompt")
    if len(prompt) > PROMPT_MAX:
        raise Refused(_("Spørsmålet kan være høyst %(max)d tegn.", max=PROMPT_MAX), "prompt")
    return prompt


def _id(user: User | None) -> int | None:
    return user.id if user is not None and getattr(user, "is_authenticated", False) else None
