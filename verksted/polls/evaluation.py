"""The evaluation across gatherings: every question of the network's evaluation template with
its results gathering by gathering, where its wording changed, and a split by municipality.

Everything is read in a fixed number of queries, however many gatherings, polls and answers
there are; the page and the PDF draw from the same `Evaluation`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from verksted.clock import OSLO, today
from verksted.extensions import db
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network
from verksted.polls.models import (
    Answer,
    EvaluationQuestion,
    Poll,
    PollQuestion,
    PollState,
    QuestionKind,
)
from verksted.polls.results import MIN_GROUP, hidden_words_by_question, split_by_team, summarise, teams_for_split

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TOP_WORDS = 5
TOP_RANKED = 3


@dataclass
class Occasion:
    """One poll that asked the template's questions: a gathering's evaluation, or a poll of its own."""

    poll: Poll
    gathering: Gathering | None
    day: date
    label: str  # «Samling 3»
    in_sentence: str  # «samling 3», as it reads inside a sentence


@dataclass
class Cell:
    """One question at one occasion."""

    occasion: Occasion
    question: PollQuestion | None  # None where that poll did not ask it
    summary: dict | None = None
    split: list[dict] = field(default_factory=list)
    change: str | None = None  # what changed from the occasion before, said at the first one changed

    @property
    def asked(self) -> bool:
        return self.question is not None

    @property
    def count(self) -> int:
        return self.summary["count"] if self.summary else 0


@dataclass
class ChartPoint:
    label: str
    count: int
    mean: float
    low: float  # mean − standard deviation, kept on the scale
    high: float
    x: float
    y: float
    low_y: float
    high_y: float
    changed: bool  # the wording or scale changed here


@dataclass
class Chart:
    """A mean-and-spread chart in SVG coordinates (y grows downwards); the PDF flips it."""

    width: float
    height: float
    scale_max: int
    plot_top: float
    plot_bottom: float
    left: float
    right: float
    step: float  # room for each occasion
    points: list[ChartPoint]
    gridlines: list[tuple[int, float]]

    def change_x(self, point: ChartPoint) -> float:
        """Where a dashed line marks that the question changed, between an occasion and the one before."""
        return round(point.x - self.step / 2, 1)

    @property
    def line(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass
class TeamRow:
    municipality: str
    cells: list[dict | None]  # per occasion: the team's row from `split_by_team`, None where not asked


@dataclass
class Trend:
    """One question of the template across the occasions."""

    question: EvaluationQuestion
    kind: QuestionKind
    prompt: str  # the wording now
    retired: bool
    cells: list[Cell]
    changes: list[str]
    options: list[str] = field(default_factory=list)  # every option any occasion offered (choices)
    teams: list[TeamRow] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def answered(self) -> int:
        return sum(cell.count for cell in self.cells)

    @property
    def asked_cells(self) -> list[Cell]:
        return [cell for cell in self.cells if cell.asked]

    @property
    def has_split(self) -> bool:
        return bool(self.teams)


@dataclass
class Evaluation:
    network: Network
    has_template: bool
    occasions: list[Occasion]
    trends: list[Trend]
    without_evaluation: list[tuple[Gathering, str]]  # gatherings with no results, and why


def network_evaluation(network: Network) -> Evaluation:
    """The network's evaluation template, followed from occasion to occasion."""
    questions = list(db.session.scalars(
        sa.select(EvaluationQuestion).where(EvaluationQuestion.network_id == network.id)
        .order_by(EvaluationQuestion.retired_at.is_not(None), EvaluationQuestion.position, EvaluationQuestion.id)
        .options(so.selectinload(EvaluationQuestion.versions))
    ))
    gatherings = list(db.session.scalars(
        sa.select(Gathering).where(Gathering.network_id == network.id).order_by(Gathering.number, Gathering.id)
    ))
    polls = list(db.session.scalars(sa.select(Poll).where(Poll.network_id == network.id)))
    started = {poll.id: poll for poll in polls if poll.state is not PollState.DRAFT}
    poll_questions = list(db.session.scalars(
        sa.select(PollQuestion).where(
            PollQuestion.poll_id.in_(list(started)), PollQuestion.evaluation_question_id.is_not(None)
        ).order_by(PollQuestion.poll_id, PollQuestion.position, PollQuestion.id)
    )) if started else []
    answers = _answers([question.id for question in poll_questions])
    hidden = hidden_words_by_question([question.id for question in poll_questions])
    teams = teams_for_split(network.id, {row.team_id for rows in answers.values() for row in rows})

    by_id = {gathering.id: gathering for gathering in gatherings}
    asked_in = {question.poll_id for question in poll_questions}
    occasions = sorted(
        (_occasion(poll, by_id.get(poll.gathering_id)) for poll in started.values() if poll.id in asked_in),
        key=lambda occasion: (occasion.day, occasion.gathering.number if occasion.gathering else 0, occasion.poll.id),
    )
    _tell_apart(occasions)

    linked: dict[tuple[int, int], list[PollQuestion]] = defaultdict(list)
    for question in poll_questions:
        linked[(question.evaluation_question_id, question.poll_id)].append(question)
    trends = []
    for question in questions:
        trend = _trend(question, occasions, linked, answers, hidden, teams)
        if trend.retired and not trend.answered:
            continue  # taken out before anyone answered it: nothing to show
        trends.append(trend)
    return Evaluation(
        network=network,
        has_template=bool(questions),
        occasions=occasions,
        trends=trends,
        without_evaluation=_without_evaluation(gatherings, polls, asked_in),
    )


# --- Loading ------------------------------------------------------------------------------

def _answers(question_ids: list[int]) -> dict[int, list]:
    """Answers as light rows (id, value, team, hidden): all `summarise` reads, without the ORM's cost."""
    grouped: dict[int, list] = {question_id: [] for question_id in question_ids}
    if question_ids:
        for row in db.session.execute(
            sa.select(Answer.id, Answer.question_id, Answer.value, Answer.team_id, Answer.hidden)
            .where(Answer.question_id.in_(question_ids)).order_by(Answer.id)
        ):
            grouped[row.question_id].append(row)
    return grouped


def _occasion(poll: Poll, gathering: Gathering | None) -> Occasion:
    if gathering is not None:
        return Occasion(poll, gathering, gathering.held_on,
                        _("Samling %(number)d", number=gathering.number),
                        _("samling %(number)d", number=gathering.number))
    started = poll.opened_at or poll.created_at
    day = started.replace(tzinfo=timezone.utc).astimezone(OSLO).date() if isinstance(started, datetime) else today()
    return Occasion(poll, None, day, poll.title, f"«{poll.title}»")


def _tell_apart(occasions: list[Occasion]) -> None:
    """Two polls at one gathering are named by their titles too."""
    per_gathering: dict[int, int] = defaultdict(int)
    for occasion in occasions:
        if occasion.gathering is not None:
            per_gathering[occasion.gathering.id] += 1
    for occasion in occasions:
        if occasion.gathering is not None and per_gathering[occasion.gathering.id] > 1:
            occasion.label = f"{occasion.label}: {occasion.poll.title}"
            occasion.in_sentence = f"{occasion.in_sentence} («{occasion.poll.title}»)"


def _without_evaluation(gatherings: list[Gathering], polls: list[Poll], asked_in: set[int]) -> list[tuple[Gathering, str]]:
    polls_at: dict[int, list[Poll]] = defaultdict(list)
    for poll in polls:
        if poll.gathering_id is not None:
            polls_at[poll.gathering_id].append(poll)
    missing = []
    for gathering in gatherings:
        held = polls_at.get(gathering.id, [])
        if any(poll.id in asked_in for poll in held):
            continue
        if any(poll.state is not PollState.DRAFT for poll in held):
            why = _("avstemningen brukte ikke spørsmålene fra evalueringsmalen")
        elif held:
            why = _("avstemningen er ikke startet")
        elif gathering.held_on > today():
            why = _("samlingen er ikke holdt ennå")
        else:
            why = _("ingen avstemning")
        missing.append((gathering, why))
    return missing


# --- One question across the occasions ----------------------------------------------------

def _trend(question: EvaluationQuestion, occasions: list[Occasion], linked, answers, hidden, teams) -> Trend:
    cells = []
    for occasion in occasions:
        asked = linked.get((question.id, occasion.poll.id), [])
        if not asked:
            cells.append(Cell(occasion, None))
            continue
        first = asked[0]  # one poll asks a template question once; should it twice, the answers are pooled
        pooled = [row for poll_question in asked for row in answers.get(poll_question.id, [])]
        words_hidden = set().union(*(hidden.get(poll_question.id, set()) for poll_question in asked))
        cells.append(Cell(
            occasion, first,
            summary=summarise(first, pooled, words_hidden),
            split=split_by_team(first, pooled, teams) if question.kind is not QuestionKind.TEXT else [],
        ))
    prompt = question.current.prompt if question.versions else ""
    trend = Trend(
        question=question,
        kind=question.kind,
        prompt=prompt,
        retired=question.retired_at is not None,
        cells=cells,
        changes=_mark_changes(question.kind, cells, prompt),
    )
    if question.kind in CHOICE_KINDS:
        trend.options = _all_options(cells)
    if question.kind.is_numeric:
        trend.chart = chart(cells)
    trend.teams = _team_rows(cells)
    return trend


def _mark_changes(kind: QuestionKind, cells: list[Cell], prompt: str) -> list[str]:
    """Where the wording, the options or the scale changed from one occasion to the next,
    said once on the question and once on the occasion where it happened; and whether the
    template's wording now (the heading) is still to be asked."""
    changes = []
    previous: Cell | None = None
    for cell in cells:
        if not cell.asked:
            continue
        if previous is not None:
            what = _what_changed(kind, previous.question, cell.question)
            if what:
                cell.change = what
                where = cell.occasion.in_sentence
                if what == "wording":
                    changes.append(_("Ny formulering fra %(occasion)s: «%(prompt)s»", occasion=where,
                                     prompt=cell.question.prompt))
                elif what == "scale":
                    changes.append(_("Ny skala fra %(occasion)s: 1–%(max)d", occasion=where,
                                     max=cell.question.settings.get("max", 5)))
                else:
                    changes.append(_("Endrede svaralternativer fra %(occasion)s", occasion=where))
        previous = cell
    if previous is not None and previous.question.prompt != prompt:
        changes.append(_("Ny formulering i malen, ikke spurt ennå: «%(prompt)s»", prompt=prompt))
    if changes:
        first = next(cell for cell in cells if cell.asked)
        changes.insert(0, _("Spurt som «%(prompt)s» fra %(occasion)s", prompt=first.question.prompt,
                            occasion=first.occasion.in_sentence))
    return changes


def _what_changed(kind: QuestionKind, before: PollQuestion, after: PollQuestion) -> str | None:
    if before.prompt != after.prompt:
        return "wording"
    settings_before, settings_after = dict(before.settings or {}), dict(after.settings or {})
    if kind.is_numeric and settings_before.get("max") != settings_after.get("max"):
        return "scale"
    if settings_before.get("options") != settings_after.get("options"):
        return "options"
    return None


def _all_options(cells: list[Cell]) -> list[str]:
    seen: dict[str, None] = {}
    for cell in cells:
        for option in (cell.summary or {}).get("options", []):
            seen.setdefault(option["label"], None)
    return list(seen)


def _team_rows(cells: list[Cell]) -> list[TeamRow]:
    """A row per municipality that answered anywhere; none at all if nobody said where they were from."""
    names: dict[int, str] = {}
    answered: set[int] = set()
    for cell in cells:
        for row in cell.split:
            names[row["team_id"]] = row["municipality"]
            if row["count"]:
                answered.add(row["team_id"])
    rows = []
    for team_id in sorted(answered, key=lambda team_id: names[team_id]):
        rows.append(TeamRow(names[team_id], [
            next((row for row in cell.split if row["team_id"] == team_id), None) if cell.asked else None
            for cell in cells
        ]))
    return rows


# --- The chart ----------------------------------------------------------------------------

CHART_LEFT = 36
CHART_RIGHT = 16
CHART_TOP = 24
CHART_PLOT = 170
CHART_BOTTOM = 44  # the occasion's name and its number of answers
CHART_STEP = 96  # at least, per occasion
CHART_MIN_WIDTH = 560  # a chart of two or three occasions is still read at a glance


def chart(cells: list[Cell]) -> Chart | None:
    """Mean with mean ± standard deviation for every occasion that has scores; None if none has."""
    with_scores = [cell for cell in cells if cell.summary and cell.summary.get("mean") is not None]
    if not with_scores:
        return None
    top = max(cell.summary.get("scale_max", 5) for cell in with_scores)
    bottom_y = CHART_TOP + CHART_PLOT

    def y(value: float) -> float:
        return round(CHART_TOP + (top - value) / (top - 1) * CHART_PLOT, 1)

    step = max(CHART_STEP, (CHART_MIN_WIDTH - CHART_LEFT - CHART_RIGHT) / len(with_scores))
    points = []
    for index, cell in enumerate(with_scores):
        summary = cell.summary
        mean, spread = summary["mean"], summary.get("stdev") or 0.0
        low, high = max(1.0, mean - spread), min(float(top), mean + spread)
        points.append(ChartPoint(
            label=cell.occasion.label, count=summary["count"], mean=mean, low=round(low, 2), high=round(high, 2),
            x=round(CHART_LEFT + step * (index + 0.5), 1), y=y(mean), low_y=y(low), high_y=y(high),
            changed=cell.change is not None,
        ))
    every = 1 if top <= 5 else 3
    return Chart(
        width=round(CHART_LEFT + CHART_RIGHT + step * len(points)),
        height=bottom_y + CHART_BOTTOM,
        scale_max=top,
        plot_top=CHART_TOP,
        plot_bottom=bottom_y,
        left=CHART_LEFT,
        right=round(CHART_LEFT + step * len(points)),
        step=step,
        points=points,
        gridlines=[(value, y(value)) for value in sorted({1, top, *range(1, top + 1, every)})],
    )


# --- Tables, the same on the page and in the PDF ------------------------------------------

@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # the first cell of a row names it


CHANGE_LABELS = {"wording": _l("ny formulering"), "scale": _l("ny skala"), "options": _l("nye svaralternativer")}


def results_table(trend: Trend) -> Table:
    """The question's results occasion by occasion (for choices: option by option)."""
    if trend.kind in CHOICE_KINDS:
        headers = [_("Svaralternativ"), *(cell.occasion.label for cell in trend.cells)]
        rows = [[_("Antall svar"), *(str(cell.count) if cell.asked else _("Ikke spurt") for cell in trend.cells)]]
        for label in trend.options:
            row = [label]
            for cell in trend.cells:
                option = option_share(cell, label) if cell.asked else None
                if option is None:
                    row.append(_("Ikke spurt") if not cell.asked else _("Ikke et alternativ"))
                else:
                    row.append(f"{percent(option['share'])} ({option['count']})")
            rows.append(row)
        return Table(headers, rows)
    headers = [_("Samling"), _("Antall svar")]
    if trend.kind.is_numeric:
        headers += [_("Gjennomsnitt"), _("Standardavvik"), _("Median"), _("Laveste–høyeste"), _("Vet ikke")]
    elif trend.kind is QuestionKind.WORDS:
        headers.append(_("Mest brukte ord"))
    elif trend.kind is QuestionKind.RANKING:
        headers.append(_("Samlet rekkefølge"))
    rows = []
    for cell in trend.cells:
        name = cell.occasion.label
        if cell.change:
            name = f"{name} ({CHANGE_LABELS[cell.change]})"
        if not cell.asked:
            rows.append([name, _("Ikke spurt"), *([""] * (len(headers) - 2))])
            continue
        summary = cell.summary
        row = [name, str(cell.count)]
        if trend.kind.is_numeric:
            low_high = f"{summary['min']}–{summary['max']}" if summary.get("min") is not None else "–"
            row += [number(summary["mean"]), number(summary["stdev"]), number(summary["median"]), low_high,
                    str(summary["dont_know"])]
        elif trend.kind is QuestionKind.WORDS:
            row.append(", ".join(f"{word['word']} ({word['count']})" for word in top_words(summary)) or "–")
        elif trend.kind is QuestionKind.RANKING:
            row.append("; ".join(_("%(place)d. %(label)s (%(points)d poeng)", place=place, label=r["label"],
                                   points=r["points"])
                                 for place, r in enumerate(top_ranked(summary), start=1)) or "–")
        rows.append(row)
    return Table(headers, rows)


def items_table(trend: Trend) -> Table | None:
    """For a programme question: each item of each gathering's programme with its mean."""
    if trend.kind is not QuestionKind.PROGRAMME:
        return None
    headers = [_("Samling"), _("Punkt i programmet"), _("Gjennomsnitt"), _("Vurderinger"), _("Vet ikke")]
    rows = [
        [cell.occasion.label, item["title"], number(item["mean"]), str(item["answered"]), str(item["dont_know"])]
        for cell in trend.cells if cell.count
        for item in cell.summary.get("items", [])
    ]
    return Table(headers, rows) if rows else None


def split_table(trend: Trend) -> Table | None:
    """Municipality by occasion, where a group is large enough to be shown; None without a split."""
    if not trend.teams:
        return None
    headers = [_("Kommune"), *(cell.occasion.label for cell in trend.cells)]
    rows = []
    for team in trend.teams:
        rows.append([team.municipality, *(_split_cell(row) for row in team.cells)])
    return Table(headers, rows)


def _split_cell(row: dict | None) -> str:
    if row is None:
        return _("Ikke spurt")
    if row["shown"]:
        return _("%(result)s (%(count)d svar)", result=headline(row["summary"]), count=row["count"])
    if not row["count"]:
        return _("Ingen svar")
    if row["reason"] == "difference":
        return _("Skjult, så mindre grupper ikke kan regnes ut")
    return _("Skjult: færre enn %(min)d svar", min=MIN_GROUP)


# --- Numbers and short results, as a reader sees them -------------------------------------

def number(value: float | int | None) -> str:
    """4,25 in Norwegian, 4.25 in English; a dash for nothing."""
    if value is None:
        return "–"
    return format_decimal(value, format="0.##")


def percent(share: float | None) -> str:
    return "–" if share is None else _("%(share)s %%", share=format_decimal(share, format="0.#"))


def headline(summary: dict | None) -> str:
    """A question's results in a line: the mean, the shares, the top words or the first ranked."""
    if not summary or not summary.get("count"):
        return _("Ingen svar")
    kind = QuestionKind(summary["kind"])
    if kind.is_numeric:
        if summary.get("mean") is None:
            return _("Bare «vet ikke»")
        return _("Gjennomsnitt %(mean)s", mean=number(summary["mean"]))
    if kind in CHOICE_KINDS:
        return ", ".join(f"{option['label']} {percent(option['share'])}" for option in summary["options"])
    if kind is QuestionKind.WORDS:
        words = [word for word in summary["words"] if not word["hidden"]][:3]
        return ", ".join(f"{word['word']} ({word['count']})" for word in words) or _("Ingen ord vises")
    if kind is QuestionKind.RANKING:
        ranked = [row for row in summary["ranking"] if row["mean_place"] is not None]
        return _("Først: %(label)s", label=ranked[0]["label"]) if ranked else _("Ingen svar")
    return _("%(count)d svar", count=summary["count"])


def top_words(summary: dict | None, limit: int = TOP_WORDS) -> list[dict]:
    """The words most people wrote, leaving out those the leader hid from the screen."""
    return [word for word in (summary or {}).get("words", []) if not word["hidden"]][:limit]


def top_ranked(summary: dict | None, limit: int = TOP_RANKED) -> list[dict]:
    return [row for row in (summary or {}).get("ranking", []) if row["mean_place"] is not None][:limit]


def option_share(cell: Cell, label: str) -> dict | None:
    """The count and share of one option at one occasion; None where it was not offered."""
    for option in (cell.summary or {}).get("options", []):
        if option["label"] == label:
            return option
    return None
