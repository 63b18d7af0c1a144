"""Polls: building them, running them live, and the evaluation template they start from.

Workflow functions change the session and never commit; the view commits once.
"""
from __future__ import annotations

import secrets
from collections.abc import Mapping

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
    question.retired_at = utcnow()


def move_evaluation_question(question: EvaluationQuestion, step: int) -> None:
    questions = evaluation_template(question.network)
    _move(questions, question, step)


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
    title = " ".join((title or "").split())
    if not title:
        raise Refused(_("Gi avstemningen en tittel."), "title")
    if len(title) > 200:
        raise Refused(_("Tittelen kan være høyst %(max)d tegn.", max=200), "title")
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
        settings["items"] = programme_items(poll.gathering)
    question = PollQuestion(
        position=len(poll.questions), kind=kind, prompt=_prompt(prompt), settings=clean_settings(kind, settings),
        state=QuestionState.PENDING, results_visible=True,
    )
    poll.questions.append(question)
    _changed(poll)
    return question


def update_question(question: PollQuestion, prompt: str, settings: Mapping) -> None:
    """Change a question's wording or options; not once it has answers, which would change meaning."""
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
    if has_answers(question):
        raise Refused(_("Spørsmålet har fått svar og kan ikke fjernes. Lukk det i stedet."))
    poll = question.poll
    poll.questions.remove(question)
    for position, other in enumerate(poll.questions):
        other.position = position
    poll.current_position = min(poll.current_position, max(len(poll.questions) - 1, 0))
    _changed(poll)


def move_question(question: PollQuestion, step: int) -> None:
    _move(question.poll.questions, question, step)
    _changed(question.poll)


def has_answers(question: PollQuestion) -> bool:
    if question.id is None:
        return False
    return db.session.scalar(sa.select(Answer.id).where(Answer.question_id == question.id).limit(1)) is not None


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
    poll.pace = pace
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
    word = " ".join((word or "").split()).casefold()[:60]
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
        sa.delete(HiddenWord).where(HiddenWord.question_id == question.id, HiddenWord.word == (word or "").casefold())
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


def _changed(poll: Poll) -> None:
    """Every change on the presenter's side raises the version screens poll for."""
    poll.version = (poll.version or 0) + 1


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
