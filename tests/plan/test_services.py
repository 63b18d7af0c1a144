from datetime import date

import pytest

from tests.plan.conftest import DONE, IN_PROGRESS, NOT_STARTED, PARTLY, TODAY
from verksted.errors import Refused
from verksted.extensions import db
from verksted.plan import services
from verksted.plan.forms import parse_month
from verksted.plan.grid import CellState, build_grid
from verksted.plan.models import Milestone, RiskKind, RiskStatus


def milestone_data(**changes):
    return {"code": "M1", "title": "Oppstart", "description": "", "responsible": "Prosjektleder",
            "starts_in": date(2025, 9, 1), "ends_in": date(2025, 11, 1), **changes}


def risk_data(**changes):
    return {"kind": RiskKind.INTERNAL, "description": "Turnover blant lederne", "likelihood": 2, "consequence": 3,
            "counter_measure": "", "owner": "", "status": RiskStatus.OPEN, **changes}


@pytest.mark.parametrize(("typed", "month"), [
    ("2025-11", date(2025, 11, 1)),
    ("11.2025", date(2025, 11, 1)),
    ("1.2026", date(2026, 1, 1)),
    ("11/2025", date(2025, 11, 1)),
    ("november 2025", date(2025, 11, 1)),
    ("Nov. 2025", date(2025, 11, 1)),
    ("  mai   2026 ", date(2026, 5, 1)),
    ("desember 2026", date(2026, 12, 1)),
])
def test_a_month_can_be_typed_several_ways(typed, month):
    assert parse_month(typed) == month


@pytest.mark.parametrize("typed", ["13.2025", "2025-00", "høsten 2025", "11.25", "2025", "nov"])
def test_an_unreadable_month_is_not_guessed(typed):
    assert parse_month(typed) is None


def test_a_new_milestone_comes_last_and_starts_not_started(ctx, network, make_milestone):
    make_milestone(network, "M1", position=4)

    milestone = services.create_milestone(network, milestone_data(code="M2"))
    db.session.flush()

    assert milestone.status is NOT_STARTED
    assert milestone.position == 5
    assert [m.code for m in services.milestones_of(network)] == ["M1", "M2"]


def test_a_code_already_used_in_the_network_is_refused_whatever_its_case(ctx, network, make_network, make_milestone):
    make_milestone(network, "M1")
    make_milestone(make_network("Et annet nettverk"), "M2")

    with pytest.raises(Refused) as refused:
        services.create_milestone(network, milestone_data(code="m1"))

    assert refused.value.field == "code"
    assert "Koden m1 er allerede brukt" in refused.value.message
    services.create_milestone(network, milestone_data(code="M2"))  # another network's code is free here


def test_a_milestone_keeps_its_own_code_when_edited(ctx, network, make_milestone):
    milestone = make_milestone(network, "M1")

    services.update_milestone(milestone, milestone_data(code="M1", title="Oppstart og forankring"))

    assert milestone.title == "Oppstart og forankring"


def test_a_milestone_cannot_end_before_it_starts(ctx, network):
    with pytest.raises(Refused) as refused:
        services.create_milestone(network, milestone_data(starts_in=date(2025, 11, 1), ends_in=date(2025, 10, 1)))

    assert refused.value.field == "ends_in"
    assert "kan ikke være ferdig før den starter" in refused.value.message


def test_the_next_code_suggested_is_the_next_free_number(ctx, network, make_milestone):
    make_milestone(network, "M1")
    make_milestone(network, "M3")

    assert services.next_code(network) == "M4"


def test_a_status_change_is_kept_in_the_history_with_who_and_why(ctx, network, people, make_milestone):
    milestone = make_milestone(network, "M4", history=[(date(2026, 2, 10), IN_PROGRESS, "I gang")])

    services.change_status(milestone, PARTLY, "Fire av seks i gang", date(2026, 10, 20), people.leader, TODAY)
    db.session.commit()

    db.session.expire_all()
    milestone = db.session.get(Milestone, milestone.id)
    assert milestone.status is PARTLY
    assert [(c.changed_on, c.status, c.note) for c in milestone.history] == [
        (date(2026, 2, 10), IN_PROGRESS, "I gang"),
        (date(2026, 10, 20), PARTLY, "Fire av seks i gang"),
    ]
    assert milestone.history[-1].changed_by.name == "Sigrid Håland"


def test_a_backdated_change_does_not_override_a_later_one(ctx, network, people, make_milestone):
    milestone = make_milestone(network, "M2", history=[(date(2026, 6, 1), DONE, "Levert")])

    services.change_status(milestone, IN_PROGRESS, "Glemte å registrere oppstarten", date(2026, 3, 1), people.leader, TODAY)

    assert milestone.status is DONE


@pytest.mark.parametrize(("changed_on", "message"), [
    (date(2026, 11, 23), "kan ikke være fram i tid"),
    (date(2025, 8, 31), "innenfor nettverkets periode, 1. september 2025 – 30. juni 2027"),
])
def test_a_status_change_must_be_dated_in_the_period_and_not_in_the_future(ctx, network, people, make_milestone,
                                                                          changed_on, message):
    milestone = make_milestone(network, "M1")

    with pytest.raises(Refused) as refused:
        services.change_status(milestone, IN_PROGRESS, "", changed_on, people.leader, TODAY)

    assert refused.value.field == "changed_on"
    assert message in refused.value.message
    assert milestone.history == []


def test_deleting_the_latest_change_brings_back_the_one_before(ctx, network, make_milestone):
    milestone = make_milestone(network, "M1", history=[(date(2025, 10, 1), IN_PROGRESS, ""), (date(2025, 11, 1), DONE, "")])

    services.delete_status_change(milestone.history[-1])

    assert milestone.status is IN_PROGRESS
    services.delete_status_change(milestone.history[-1])
    assert milestone.status is NOT_STARTED


def test_moving_a_milestone_swaps_it_with_its_neighbour(ctx, network, make_milestone):
    for position, code in enumerate(["M1", "M2", "M3"]):
        make_milestone(network, code, position=position)
    m3 = services.milestones_of(network)[2]

    services.move_milestone(m3, -1)

    assert [m.code for m in services.milestones_of(network)] == ["M1", "M3", "M2"]
    services.move_milestone(services.milestones_of(network)[0], -1)  # the first cannot go higher
    assert [m.code for m in services.milestones_of(network)] == ["M1", "M3", "M2"]


def test_the_grid_of_the_seed_case_shows_m4_and_m7_partly_done_in_november(ctx, network, make_milestone):
    make_milestone(network, "M4", first=(2026, 2), last=(2026, 11), position=0,
                   history=[(date(2026, 2, 10), IN_PROGRESS, ""), (date(2026, 10, 20), PARTLY, "")])
    make_milestone(network, "M7", first=(2026, 8), last=(2027, 2), position=1,
                   history=[(date(2026, 9, 1), IN_PROGRESS, ""), (date(2026, 11, 12), PARTLY, "")])

    grid = build_grid(network.starts_on, network.ends_on, services.milestones_of(network, with_history=True), TODAY)

    november = grid.months.index(date(2026, 11, 1))
    m4, m7 = grid.rows
    assert m4.cells[november].state is CellState.PARTLY
    assert m7.cells[november].state is CellState.PARTLY
    assert m7.cells[november - 1].state is CellState.IN_PROGRESS
    assert m7.cells[november + 1].state is CellState.PLANNED
    assert grid.current_month == date(2026, 11, 1)
    assert grid.years == [(2025, 4), (2026, 12), (2027, 6)]


def test_risks_are_listed_by_score_highest_first(ctx, network, make_risk):
    make_risk(network, "Lav", likelihood=1, consequence=2, position=0)
    make_risk(network, "Høy", likelihood=3, consequence=3, position=1)
    make_risk(network, "Middels lukket", likelihood=2, consequence=2, status=RiskStatus.CLOSED, position=2)
    make_risk(network, "Middels åpen", likelihood=2, consequence=2, position=3)

    assert [r.description for r in services.risks_of(network)] == ["Høy", "Middels åpen", "Middels lukket", "Lav"]


@pytest.mark.parametrize(("field", "value"), [("likelihood", 4), ("likelihood", 0), ("consequence", None)])
def test_likelihood_and_consequence_must_be_from_one_to_three(ctx, network, field, value):
    with pytest.raises(Refused) as refused:
        services.create_risk(network, risk_data(**{field: value}))

    assert refused.value.field == field
    assert "fra 1 (lav) til 3 (høy)" in refused.value.message


def test_the_risk_matrix_places_open_risks_by_consequence_and_likelihood(ctx, network, make_risk):
    make_risk(network, "Turnover", likelihood=3, consequence=3)
    make_risk(network, "Sammenslåing", likelihood=1, consequence=3)
    make_risk(network, "Vær", likelihood=1, consequence=3, status=RiskStatus.CLOSED)
    risks = services.risks_of(network)

    matrix = services.risk_matrix(risks)

    high_consequence = dict(matrix)[3]
    assert [(likelihood, [n for n, _ in cell]) for likelihood, cell in high_consequence] == [(1, [2]), (2, []), (3, [1])]


def test_score_levels_are_named_and_coloured(ctx):
    assert services.score_level(9) == ("Høy risiko", "danger")
    assert services.score_level(4) == ("Middels risiko", "warning")
    assert services.score_level(2) == ("Lav risiko", "success")


def test_an_activitys_sub_tasks_are_its_lines(ctx, network):
    activity = services.create_activity(network, {
        "title": "Samlinger", "purpose": "Faglig påfyll", "sub_tasks": "- Program\n\n• Innledere\nEvaluering  ",
        "responsible": "Prosjektleder", "period": "Høsten 2025",
    })

    assert activity.sub_task_list == ["Program", "Innledere", "Evaluering"]


def test_moving_an_activity_down_swaps_it_with_the_next(ctx, network, make_activity):
    for position, title in enumerate(["Samlinger", "Oppfølging", "Rapport"]):
        make_activity(network, title, position=position)

    services.move_activity(services.activities_of(network)[0], 1)

    assert [a.title for a in services.activities_of(network)] == ["Oppfølging", "Samlinger", "Rapport"]
