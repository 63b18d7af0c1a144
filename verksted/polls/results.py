"""What a question's answers add up to: counts, mean, median, distribution, word cloud,
open answers, the ranking's combined order, and a split by municipality."""
from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from verksted.extensions import db
from verksted.networks.models import Team, TeamStatus
from verksted.polls.models import Answer, HiddenWord, Poll, PollQuestion, QuestionKind

MIN_GROUP = 5  # a municipality's split is shown only from this many answers, so no one is singled out


def answers_by_question(question_ids: Iterable[int]) -> dict[int, list[Answer]]:
    """Every answer to these questions, in one query."""
    ids = list(question_ids)
    grouped: dict[int, list[Answer]] = {question_id: [] for question_id in ids}
    if ids:
        for answer in db.session.scalars(
            sa.select(Answer).where(Answer.question_id.in_(ids)).order_by(Answer.created_at, Answer.id)
        ):
            grouped[answer.question_id].append(answer)
    return grouped


def hidden_words_by_question(question_ids: Iterable[int]) -> dict[int, set[str]]:
    ids = list(question_ids)
    hidden: dict[int, set[str]] = {question_id: set() for question_id in ids}
    if ids:
        for question_id, word in db.session.execute(
            sa.select(HiddenWord.question_id, HiddenWord.word).where(HiddenWord.question_id.in_(ids))
        ):
            hidden[question_id].add(word)
    return hidden


def teams_for_split(network_id: int, answered: Iterable[int | None] = ()) -> dict[int, str]:
    """The municipalities a split by team lists: the network's active teams, and any other of
    its teams that answered (one that withdrew later, say), by id."""
    ids = {team_id for team_id in answered if team_id is not None}
    return dict(db.session.execute(
        sa.select(Team.id, Team.municipality).where(
            Team.network_id == network_id, sa.or_(Team.status == TeamStatus.ACTIVE, Team.id.in_(ids))
        )
    ).all())


@dataclass
class QuestionResults:
    question: PollQuestion
    answers: list[Answer]
    summary: dict
    split: list[dict]  # by municipality, as `split_by_team` gives it


def poll_results(poll: Poll) -> list[QuestionResults]:
    """Every question of the poll with its answers, summary and split by municipality, in three
    queries however many questions and answers there are (the poll's questions loaded)."""
    ids = [question.id for question in poll.questions]
    answers = answers_by_question(ids)
    hidden = hidden_words_by_question(ids)
    teams = teams_for_split(poll.network_id, {a.team_id for group in answers.values() for a in group})
    return [
        QuestionResults(
            question=question,
            answers=answers[question.id],
            summary=summarise(question, answers[question.id], hidden[question.id]),
            split=split_by_team(question, answers[question.id], teams),
        )
        for question in poll.questions
    ]


def summarise(question: PollQuestion, answers: list[Answer], hidden_words: set[str] = frozenset()) -> dict:
    """The results of one question as plain data, ready for a chart, a table or JSON."""
    kind = question.kind
    settings = question.settings or {}
    summary: dict = {"kind": kind.value, "count": len(answers)}
    if kind is QuestionKind.SCALE:
        summary.update(scale_summary([a.value for a in answers], settings.get("max", 5)))
    elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        options = settings.get("options", [])
        counts = Counter()
        for answer in answers:
            value = answer.value
            counts.update(value.get("choices", []) if "choices" in value else [value.get("choice")])
        summary["options"] = [
            {"label": label, "count": counts.get(index, 0), "share": _share(counts.get(index, 0), len(answers))}
            for index, label in enumerate(options)
        ]
    elif kind is QuestionKind.WORDS:
        summary["words"] = word_cloud(answers, hidden_words)
    elif kind is QuestionKind.TEXT:
        summary["texts"] = [
            {"id": a.id, "text": a.value.get("text", ""), "hidden": a.hidden, "team_id": a.team_id} for a in answers
        ]
        summary["shown"] = sum(1 for a in answers if not a.hidden)
    elif kind is QuestionKind.RANKING:
        summary["ranking"] = ranking_summary([a.value.get("order", []) for a in answers], settings.get("options", []))
    elif kind is QuestionKind.PROGRAMME:
        summary["items"] = [
            {
                "id": item["id"],
                "title": item["title"],
                **scale_summary(
                    [_item_value(a.value, item["id"]) for a in answers if item["id"] in a.value.get("scores", {})],
                    settings.get("max", 5),
                ),
            }
            for item in settings.get("items", [])
        ]
        summary.update(scale_summary(  # every rating of the day, "don't know" counted apart
            [{"score": s} if isinstance(s, int) else {"dont_know": True}
             for a in answers for s in a.value.get("scores", {}).values()],
            settings.get("max", 5),
        ))
    return summary


def scale_summary(values: list[dict], top: int) -> dict:
    """Mean, median, spread and distribution of scale answers; "don't know" counted apart."""
    scores = [v["score"] for v in values if isinstance(v.get("score"), int)]
    dont_know = sum(1 for v in values if v.get("dont_know"))
    distribution = Counter(scores)
    return {
        "answered": len(scores),
        "dont_know": dont_know,
        "mean": round(statistics.fmean(scores), 2) if scores else None,
        "median": statistics.median(scores) if scores else None,
        "stdev": round(statistics.pstdev(scores), 2) if len(scores) > 1 else (0.0 if scores else None),
        "min": min(scores) if scores else None,
        "max": max(scores) if scores else None,
        "scale_max": top,
        "distribution": [
            {"score": score, "count": distribution.get(score, 0), "share": _share(distribution.get(score, 0), len(scores))}
            for score in range(1, top + 1)
        ],
    }


def word_cloud(answers: list[Answer], hidden_words: set[str] = frozenset()) -> list[dict]:
    """Words by how many people wrote them, the most common first; the first spelling seen wins."""
    counts: Counter = Counter()
    spelling: dict[str, str] = {}
    for answer in answers:
        for word in answer.value.get("words", []):
            folded = word.casefold()
            spelling.setdefault(folded, word)
            counts[folded] += 1
    return [
        {"word": spelling[folded], "key": folded, "count": count, "hidden": folded in hidden_words}
        for folded, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    ]


def ranking_summary(orders: list[list[int]], options: list[str]) -> list[dict]:
    """The combined order (Borda count): first place earns n−1 points, last place none."""
    size = len(options)
    points = Counter()
    places: dict[int, list[int]] = {index: [] for index in range(size)}
    for order in orders:
        for place, index in enumerate(order):
            if 0 <= index < size:
                points[index] += size - 1 - place
                places[index].append(place + 1)
    rows = [
        {
            "label": label,
            "points": points.get(index, 0),
            "mean_place": round(statistics.fmean(places[index]), 2) if places[index] else None,
        }
        for index, label in enumerate(options)
    ]
    return sorted(rows, key=lambda row: (-row["points"], row["label"]))


def split_by_team(question: PollQuestion, answers: list[Answer], teams: dict[int, str]) -> list[dict]:
    """Results per municipality; groups with fewer than MIN_GROUP answers are withheld, saying why
    in `reason`: "few", or "difference" where a larger group is withheld too (see below)."""
    groups: dict[int | None, list[Answer]] = {}
    for answer in answers:
        groups.setdefault(answer.team_id, []).append(answer)
    rows = []
    for team_id, name in sorted(teams.items(), key=lambda pair: pair[1]):
        group = groups.get(team_id, [])
        shown = len(group) >= MIN_GROUP
        rows.append({
            "team_id": team_id,
            "municipality": name,
            "count": len(group),
            "shown": shown,
            "reason": None if shown else "few",
            "summary": summarise(question, group) if shown else None,
        })
    _withhold_against_difference(rows, len(answers))
    return rows


def _withhold_against_difference(rows: list[dict], total: int) -> None:
    """The whole room's results minus the groups shown leave the groups withheld: if those are
    fewer than MIN_GROUP answers and include a small municipality's, its answers could be worked
    out. The smallest groups shown are withheld too until what is left over is large enough."""
    if not any(row["count"] for row in rows if not row["shown"]):
        return
    left_over = total - sum(row["count"] for row in rows if row["shown"])
    for row in sorted((row for row in rows if row["shown"]), key=lambda row: (row["count"], row["municipality"])):
        if left_over >= MIN_GROUP:
            break
        row.update(shown=False, reason="difference", summary=None)
        left_over += row["count"]


def _item_value(value: dict, item_id: str) -> dict:
    score = value.get("scores", {}).get(item_id)
    return {"score": score} if isinstance(score, int) else {"dont_know": True}


def _share(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0
