"""The month grid of the milestone plan: which state each milestone was in, month by month.

The page and the PDF draw the same grid from `build_grid`. The rule for one cell:

- The columns are the months of the network's period, widened to take in every milestone.
- A month up to and including the current one shows the status that applied at the month's
  end: the latest change dated on or before it (in the current month: on or before today).
  With no change yet, the milestone is "not started".
- A month after the current one shows "planned" where the milestone is planned, else nothing.
- Outside its planned months a past month stays empty, unless the work went beyond the plan:
  started early (any status but "not started"), or still unfinished after the planned end –
  up to and including the month it was marked done.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from verksted.plan.models import Milestone, MilestoneStatus


class CellState(enum.StrEnum):
    NOT_STARTED = MilestoneStatus.NOT_STARTED.value
    IN_PROGRESS = MilestoneStatus.IN_PROGRESS.value
    PARTLY = MilestoneStatus.PARTLY.value
    DONE = MilestoneStatus.DONE.value
    PLANNED = "planned"  # a month still ahead, inside the plan


# What a cell shows besides its colour, so the state can be read in black and white.
SYMBOLS = {
    CellState.NOT_STARTED: "○",
    CellState.IN_PROGRESS: "•",
    CellState.PARTLY: "D",
    CellState.DONE: "✓",
    CellState.PLANNED: "–",
}


@dataclass(frozen=True)
class Cell:
    month: date
    state: CellState | None  # None: nothing to show
    in_plan: bool

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.state] if self.state else ""


@dataclass(frozen=True)
class Row:
    milestone: Milestone
    cells: list[Cell]


@dataclass(frozen=True)
class Grid:
    months: list[date]
    rows: list[Row]
    current_month: date

    @property
    def years(self) -> list[tuple[int, int]]:
        """Each year the columns touch, with how many of its months are shown."""
        counts: dict[int, int] = {}
        for month in self.months:
            counts[month.year] = counts.get(month.year, 0) + 1
        return list(counts.items())


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(month: date) -> date:
    return next_month(month) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from the one holding `first` to the one holding `last`, as first days."""
    months, month = [], month_of(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def plan_months(starts_on: date | None, ends_on: date | None, spans: Iterable[tuple[date, date]]) -> list[date]:
    """The network's period, widened to every planned span; empty when there is neither."""
    firsts = [d for d in [starts_on, *(start for start, _ in spans)] if d]
    lasts = [d for d in [ends_on, *(end for _, end in spans)] if d]
    if not firsts or not lasts:
        return []
    return months_between(min(firsts), max(lasts))


def status_on(changes: Sequence[tuple[date, MilestoneStatus]], day: date) -> MilestoneStatus:
    """The status that applied on `day`: the last change dated on or before it.

    `changes` are in the order they apply (by date, then as entered).
    """
    status = MilestoneStatus.NOT_STARTED
    for changed_on, changed_to in changes:
        if changed_on > day:
            break
        status = changed_to
    return status


def month_states(
    starts_in: date,
    ends_in: date,
    changes: Sequence[tuple[date, MilestoneStatus]],
    months: Sequence[date],
    today: date,
) -> list[Cell]:
    """One milestone's cells for these months (see the module's rule)."""
    current = month_of(today)
    cells = []
    for month in months:
        in_plan = month_of(starts_in) <= month <= month_of(ends_in)
        if month > current:
            cells.append(Cell(month, CellState.PLANNED if in_plan else None, in_plan))
            continue
        status = status_on(changes, min(month_end(month), today))
        shown = in_plan
        if month < month_of(starts_in):
            shown = status is not MilestoneStatus.NOT_STARTED
        elif month > month_of(ends_in):
            before = status_on(changes, month - timedelta(days=1))
            shown = status is not MilestoneStatus.DONE or before is not MilestoneStatus.DONE
        cells.append(Cell(month, CellState(status.value) if shown else None, in_plan))
    return cells


def build_grid(starts_on: date | None, ends_on: date | None, milestones: Sequence[Milestone], today: date) -> Grid:
    """The grid for these milestones (in display order, their history loaded)."""
    months = plan_months(starts_on, ends_on, [(m.starts_in, m.ends_in) for m in milestones])
    rows = [
        Row(m, month_states(m.starts_in, m.ends_in, [(c.changed_on, c.status) for c in history_in_order(m)], months, today))
        for m in milestones
    ]
    return Grid(months=months, rows=rows, current_month=month_of(today))


def history_in_order(milestone: Milestone) -> list:
    """Status changes in the order they apply: by date, then in the order they were entered."""
    return sorted(milestone.history, key=lambda c: (c.changed_on, c.id is None, c.id or 0))
