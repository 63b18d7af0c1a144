from datetime import date, time

import pytest
from flask import current_app

from tests.plan.conftest import DONE, IN_PROGRESS, TODAY
from verksted.gatherings.models import Gathering
from verksted.plan.timeline import timeline


@pytest.fixture
def make_gathering(save):
    def make_gathering(network, number, held_on, title="Samling"):
        (gathering,) = save(Gathering(network_id=network.id, number=number, title=title, held_on=held_on,
                                      starts_at=time(9), ends_at=time(15), focus="Heltid"))
        return gathering

    return make_gathering


def titles(month):
    return [entry.title for entry in month.entries]


def test_gatherings_and_milestones_are_grouped_by_month_in_date_order(ctx, network, make_gathering, make_milestone):
    make_gathering(network, 2, date(2026, 3, 30), "Kompetanseplaner")
    make_gathering(network, 1, date(2025, 10, 2), "Oppstart")
    make_milestone(network, "M1", "Forankring", first=(2025, 9), last=(2025, 10), history=[(date(2025, 10, 20), DONE, "")])
    make_milestone(network, "M2", "Hovedplaner", first=(2025, 10), last=(2025, 10))

    months = timeline(network, TODAY)

    by_month = {m.month: m for m in months}
    assert titles(by_month[date(2025, 9, 1)]) == ["M1 Forankring starter"]
    assert titles(by_month[date(2025, 10, 1)]) == [
        "Samling 1: Oppstart", "M1 Forankring skal være nådd", "M2 Hovedplaner – planlagt denne måneden",
    ]
    assert titles(by_month[date(2026, 3, 1)]) == ["Samling 2: Kompetanseplaner"]
    assert [m.month for m in months] == sorted(m.month for m in months)


def test_past_entries_are_marked_and_the_current_month_is_always_there(ctx, network, make_gathering, make_milestone):
    make_gathering(network, 4, date(2026, 11, 5))
    make_gathering(network, 5, date(2026, 11, 26))
    make_milestone(network, "M4", first=(2026, 2), last=(2026, 11), history=[(date(2026, 2, 1), IN_PROGRESS, "")])

    months = timeline(network, TODAY)

    november = next(m for m in months if m.is_current)
    assert november.month == date(2026, 11, 1) and not november.is_past
    assert [(e.title, e.is_past(TODAY)) for e in november.entries] == [
        ("Samling 4: Samling", True), ("Samling 5: Samling", False), ("M4 Hovedplaner levert skal være nådd", False),
    ]
    assert all(m.is_past for m in months if m.month < date(2026, 11, 1))
    assert november.entries[-1].tag == ("Pågår", "info")


def test_an_empty_network_still_shows_the_current_month(ctx, network):
    assert [(m.month, m.entries, m.is_current) for m in timeline(network, TODAY)] == [(date(2026, 11, 1), [], True)]


def test_a_gathering_links_to_its_page_only_while_that_page_exists(ctx, network, make_gathering, monkeypatch):
    gathering = make_gathering(network, 1, date(2026, 3, 30))

    (entry,) = timeline(network, TODAY)[0].entries
    assert entry.url == f"/samlinger/{gathering.id}"

    monkeypatch.delitem(current_app.view_functions, "gatherings.gathering")
    (entry,) = timeline(network, TODAY)[0].entries
    assert entry.url is None
