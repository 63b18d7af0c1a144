"""What the projector shows of a poll: one view-model for the presenter's page and for the
JSON that page polls, the fingerprint that tells an unchanged poll cheaply, and the QR code.

Everything comes from the database on each request, so any number of server processes can
answer a screen. The queries are a fixed few, however many answers there are.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

import segno
import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from verksted.extensions import db
from verksted.polls import answering, results, services
from verksted.polls.models import Participant, Poll, PollQuestion, QuestionKind

CLOUD_LEVELS = 6  # word sizes in the cloud, smallest to largest (present.css)


@dataclass
class Join:
    """How the room joins: a short address and the code to type there, or the QR code."""

    address: str  # e.g. "127.0.0.1:5000/svar", without the scheme
    url: str  # the answer page itself, which the QR code holds
    code: str

    @cached_property
    def qr_svg(self) -> Markup:
        qr = segno.make(self.url, error="m")
        label = _("QR-kode til %(address)s", address=self.address)
        svg = qr.svg_inline(scale=1, border=2, dark="#000", light="#fff", omitsize=True, svgclass="join__qr")
        return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" ', 1))


@dataclass
class Screen:
    """One moment of a poll on the projector: the question shown and its results so far."""

    poll: Poll
    question: PollQuestion | None
    participants: int
    summary: dict | None
    join: Join
    stamp: str

    @property
    def position(self) -> int:
        return self.poll.questions.index(self.question) if self.question is not None else 0

    @property
    def total(self) -> int:
        return len(self.poll.questions)

    @property
    def answers(self) -> int:
        return self.summary["count"] if self.summary else 0

    @property
    def results_visible(self) -> bool:
        return self.question is not None and self.question.results_visible

    @property
    def has_previous(self) -> bool:
        return self.question is not None and self.position > 0

    @property
    def has_next(self) -> bool:
        return self.question is not None and self.position < self.total - 1

    @property
    def texts(self) -> list[dict]:
        """Open answers still on the screen, newest first so new ones appear on top."""
        return [text for text in reversed((self.summary or {}).get("texts", [])) if not text["hidden"]]

    @property
    def hidden_texts(self) -> list[dict]:
        return [text for text in (self.summary or {}).get("texts", []) if text["hidden"]]

    @property
    def words(self) -> list[dict]:
        """The cloud's words still shown, each with a size from 1 to CLOUD_LEVELS by how often it came."""
        shown = [word for word in (self.summary or {}).get("words", []) if not word["hidden"]]
        top = max((word["count"] for word in shown), default=1)
        return [{**word, "level": max(1, math.ceil(CLOUD_LEVELS * word["count"] / top))} for word in shown]

    @property
    def hidden_words(self) -> list[dict]:
        return [word for word in (self.summary or {}).get("words", []) if word["hidden"]]

    @property
    def moderated(self) -> bool:
        return self.question is not None and self.question.kind in (QuestionKind.TEXT, QuestionKind.WORDS)

    def as_json(self) -> dict:
        question = self.question
        return {
            "stamp": self.stamp,
            "state": self.poll.state.value,
            "pace": self.poll.pace.value,
            "version": self.poll.version,
            "position": self.position,
            "total": self.total,
            "participants": self.participants,
            "answers": self.answers,
            "question": None if question is None else {
                "id": question.id,
                "kind": question.kind.value,
                "prompt": question.prompt,
                "state": question.state.value,
                "results_visible": question.results_visible,
            },
            # Results kept from the room stay off the wire too, until the leader shows them.
            "results": self._visible_summary(),
        }

    def _visible_summary(self) -> dict | None:
        if not self.results_visible or self.summary is None:
            return None
        summary = dict(self.summary)
        if "texts" in summary:
            summary["texts"] = [{"id": t["id"], "text": t["text"]} for t in summary["texts"] if not t["hidden"]]
        if "words" in summary:
            summary["words"] = [w for w in summary["words"] if not w["hidden"]]
        return summary


def stamp(poll_id: int) -> str | None:
    """The screen's ETag: the poll's fingerprint (one cheap query, no results) and the language
    the screen is written in."""
    fingerprint = answering.live_stamp(poll_id)
    return f"{fingerprint}-{get_locale()}" if fingerprint is not None else None


def load(poll_id: int) -> Poll | None:
    return db.session.scalar(
        sa.select(Poll).where(Poll.id == poll_id).options(sa.orm.selectinload(Poll.questions))
    )


def screen(poll: Poll, current_stamp: str | None = None) -> Screen:
    """The screen for the question the presenter shows, with its results."""
    current_stamp = current_stamp or stamp(poll.id) or ""
    question = poll.current_question
    summary = None
    if question is not None:
        answers = results.answers_by_question([question.id])[question.id]
        hidden = set()
        if question.kind is QuestionKind.WORDS:
            hidden = results.hidden_words_by_question([question.id])[question.id]
        summary = results.summarise(question, answers, hidden)
    participants = db.session.scalar(sa.select(sa.func.count(Participant.id)).where(Participant.poll_id == poll.id))
    return Screen(poll=poll, question=question, participants=participants or 0, summary=summary,
                  join=join_for(poll), stamp=current_stamp)


def join_for(poll: Poll) -> Join:
    base = current_app.config["VERKSTED_BASE_URL"].rstrip("/")
    short = urlsplit(base)
    address = (short.netloc + short.path).rstrip("/") + url_for("polls.enter_code")
    return Join(address=address, url=base + url_for("polls.answer_page", code=poll.code), code=poll.code)


def decimal(value: float | int | None) -> str:
    """4,2 – one decimal, in the language of the page."""
    if value is None:
        return "–"
    return format_decimal(value, "0.0")


def share_of(value: float | int | None, whole: float | int | None) -> float:
    """How much of a bar `value` fills, 0–100, for the charts' SVG widths and heights."""
    if not value or not whole:
        return 0.0
    return round(min(100.0, max(0.0, 100 * value / whole)), 1)


def word_in_cloud(question: PollQuestion, word: str) -> str | None:
    """The word as the cloud spells it, if this word cloud holds it; else None."""
    key = services.word_key(word)
    if question.kind is not QuestionKind.WORDS or not key:
        return None
    answers = results.answers_by_question([question.id])[question.id]
    return next((entry["word"] for entry in results.word_cloud(answers) if entry["key"] == key), None)
