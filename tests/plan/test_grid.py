"""The month grid's rule, on plain dates: no database, no request."""
from datetime import date

from verksted.plan.grid import CellState, month_states, months_between, plan_months, status_on
from verksted.plan.models import MilestoneStatus

NOT_STARTED, IN_PROGRESS, PARTLY, DONE = (
    MilestoneStatus.NOT_STARTED, MilestoneStatus.IN_PROGRESS, MilestoneStatus.PARTLY, MilestoneStatus.DONE,
)
SEP, OCT, NOV, DEC = (date(2025, m, 1) for m in (9, 10, 11, 12))


def states(cells):
    return [cell.state for cell in cells]


def test_a_milestone_shows_the_status_of_each_month_end_and_planned_months_ahead():
    changes = [(date(2025, 10, 1), IN_PROGRESS), (date(2025, 11, 15), PARTLY)]

    cells = month_states(SEP, DEC, changes, [SEP, OCT, NOV, DEC], today=date(2025, 11, 20))

    assert states(cells) == [CellState.NOT_STARTED, CellState.IN_PROGRESS, CellState.PARTLY, CellState.PLANNED]
    assert all(cell.in_plan for cell in cells)


def test_a_change_on_the_last_day_of_a_month_counts_for_that_month():
    cells = month_states(SEP, DEC, [(date(2025, 9, 30), IN_PROGRESS)], [SEP, OCT], today=date(2025, 12, 5))

    assert states(cells) == [CellState.IN_PROGRESS, CellState.IN_PROGRESS]


def test_the_current_month_shows_the_status_as_of_today():
    cells = month_states(SEP, DEC, [(date(2025, 11, 3), DONE)], [OCT, NOV, DEC], today=date(2025, 11, 10))

    assert states(cells) == [CellState.NOT_STARTED, CellState.DONE, CellState.PLANNED]


def test_months_outside_the_plan_stay_empty_when_work_keeps_to_the_plan():
    changes = [(date(2025, 10, 2), IN_PROGRESS), (date(2025, 11, 20), DONE)]

    cells = month_states(OCT, NOV, changes, [SEP, OCT, NOV, DEC, date(2026, 1, 1)], today=date(2026, 1, 15))

    assert states(cells) == [None, CellState.IN_PROGRESS, CellState.DONE, None, None]
    assert [cell.in_plan for cell in cells] == [False, True, True, False, False]


def test_work_started_ahead_of_plan_shows_before_the_planned_months():
    cells = month_states(NOV, DEC, [(date(2025, 10, 14), IN_PROGRESS)], [SEP, OCT, NOV], today=date(2025, 11, 30))

    assert states(cells) == [None, CellState.IN_PROGRESS, CellState.IN_PROGRESS]
    assert not cells[1].in_plan


def test_a_late_milestone_shows_after_its_planned_end_until_the_month_it_is_done():
    changes = [(date(2025, 9, 10), IN_PROGRESS), (date(2025, 12, 4), DONE)]
    months = months_between(SEP, date(2026, 1, 31))

    cells = month_states(SEP, OCT, changes, months, today=date(2026, 1, 20))

    assert states(cells) == [CellState.IN_PROGRESS, CellState.IN_PROGRESS, CellState.IN_PROGRESS, CellState.DONE, None]


def test_a_milestone_never_started_stays_visible_as_overdue_up_to_now_but_not_beyond():
    months = months_between(SEP, date(2026, 1, 1))

    cells = month_states(SEP, OCT, [], months, today=date(2025, 12, 1))

    assert states(cells) == [CellState.NOT_STARTED] * 4 + [None]


def test_changes_entered_for_the_same_day_apply_in_the_order_they_were_entered():
    changes = [(date(2025, 10, 1), PARTLY), (date(2025, 10, 1), IN_PROGRESS)]

    assert status_on(changes, date(2025, 10, 1)) is IN_PROGRESS
    assert status_on(changes, date(2025, 9, 30)) is NOT_STARTED


def test_the_columns_are_the_network_period():
    months = plan_months(date(2025, 9, 1), date(2027, 6, 30), [(OCT, DEC)])

    assert months[0] == SEP and months[-1] == date(2027, 6, 1)
    assert len(months) == 22


def test_the_columns_widen_to_a_milestone_outside_the_period():
    months = plan_months(date(2025, 9, 15), date(2025, 12, 31), [(date(2025, 6, 1), OCT), (NOV, date(2026, 2, 1))])

    assert months == months_between(date(2025, 6, 1), date(2026, 2, 1))


def test_without_a_period_the_columns_are_the_milestones_span():
    assert plan_months(None, None, [(OCT, NOV), (SEP, OCT)]) == [SEP, OCT, NOV]
    assert plan_months(None, None, []) == []


def test_months_run_across_the_new_year():
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == [NOV, DEC, date(2026, 1, 1), date(2026, 2, 1)]
