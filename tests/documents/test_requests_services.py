"""Requests for documents, called directly: deadlines by date or by a gathering, series, extensions,
deadlines that follow a moved gathering, and the deadlines in calendars and the timeline.

The fixtures here are the cast of every request test; names are invented, some carry æøå and
Sámi letters on purpose. Today is 22 November 2026: gatherings 1–3 are past, 4–6 ahead.
"""
from __future__ import annotations

from datetime import date, time
from types import SimpleNamespace

import pytest

from tests.calendar.conftest import events_in
from verksted.calendar import services as calendar
from verksted.documents import request_services, services
from verksted.documents.models import (
    Assignment,
    DocumentKind,
    DocumentRequest,
    DocumentTemplate,
    DueRule,
    Submission,
    TemplateVersion,
)
from verksted.documents.request_services import RequestData
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings import services as gatherings
from verksted.gatherings.models import Gathering
from verksted.networks.models import Network, Role, Team, TeamStatus
from verksted.plan import timeline

TODAY = date(2026, 11, 22)
GATHERING_DAYS = [date(2025, 10, 16), date(2026, 2, 12), date(2026, 9, 17), date(2026, 12, 3), date(2027, 3, 11),
                  date(2027, 6, 3)]


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(request_services, "today", lambda: TODAY)
    return TODAY


def _template(network, kind, title, archived=False):
    return DocumentTemplate(
        network_id=network.id, kind=kind, title=title, archived_at=date(2026, 1, 1) if archived else None,
        versions=[TemplateVersion(number=1, sections=[
            {"key": "s-effekt", "heading": "Effektmål", "guidance": "", "fields": [
                {"key": "f-effekt", "label": "Effektmål", "kind": "long_text", "help": "", "required": False,
                 "choices": [], "columns": [], "carry": "effektmal"}]},
        ])],
    )


@pytest.fixture
def cast(app, login, save, make_user, make_network, make_team, make_membership):
    """Nordfjella: a project leader, an observer, Fjordvik (Ingrid, gruppeleder, and Per), Čáhppesjávri
    (Biret and Nils-Ŋuvllát), Håkøy which withdrew (Gunnar), six gatherings and four templates, one
    archived. Another network has its own leader, template and gathering."""
    network = make_network("Rekruttere og beholde – Nordfjella", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))
    other = make_network("Heltid i Sørdalen", starts_on=date(2026, 1, 1))
    fjordvik = make_team(network, "Fjordvik kommune")
    sameby = make_team(network, "Čáhppesjávri suohkan")
    hakoy = make_team(network, "Håkøy kommune", status=TeamStatus.WITHDRAWN, withdrawn_on=date(2026, 3, 16),
                      withdrawal_reason="Sykefravær")

    def person(email, name, role=Role.TEAM_MEMBER, team=None, lead=False, in_network=network):
        user = make_user(email, name)
        make_membership(user, in_network, role, team, is_group_leader=lead)
        return user

    people = SimpleNamespace(
        leader=person("leder@usht.example", "Åse Ødegård", Role.FACILITATOR),
        observer=person("observator@ks.example", "Olav Observatør", Role.OBSERVER),
        ingrid=person("ingrid@fjordvik.example", "Ingrid Sæther", team=fjordvik, lead=True),
        per=person("per@fjordvik.example", "Per Øvrebø", team=fjordvik),
        biret=person("biret@sameby.example", "Biret Sárá Eira", team=sameby, lead=True),
        nils=person("nils@sameby.example", "Nils-Ŋuvllát Somby", team=sameby),
        gunnar=person("gunnar@hakoy.example", "Gunnar Vik", team=hakoy, lead=True),
        stranger=person("leder@sordalen.example", "Solveig Sørdalen", Role.FACILITATOR, in_network=other),
    )
    gathering_list = save(*[
        Gathering(network_id=network.id, number=n, title=f"Samling {n}", held_on=held_on, starts_at=time(9, 30),
                  ends_at=time(15, 30), venue="Kulturhuset")
        for n, held_on in enumerate(GATHERING_DAYS, start=1)
    ])
    (other_gathering,) = save(Gathering(network_id=other.id, number=1, title="Oppstart", held_on=date(2027, 1, 14),
                                        starts_at=time(9), ends_at=time(15)))
    hovedplan, fremdrift, status, archived, other_template = save(
        _template(network, DocumentKind.HOVEDPLAN, "Hovedplan"),
        _template(network, DocumentKind.FREMDRIFTSPLAN, "Fremdriftsplan"),
        _template(network, DocumentKind.STATUSRAPPORT, "Statusrapport"),
        _template(network, DocumentKind.STATUSRAPPORT, "Gammel statusrapport", archived=True),
        _template(other, DocumentKind.STATUSRAPPORT, "Statusrapport Sørdalen"),
    )

    def client_for(user):
        client = app.test_client()
        if user is not None:
            login(client, user)
        return client

    return SimpleNamespace(
        network=network, other_network=other, fjordvik=fjordvik, sameby=sameby, hakoy=hakoy,
        gatherings={g.number: g for g in gathering_list}, other_gathering=other_gathering,
        hovedplan=hovedplan, fremdrift=fremdrift, status=status, archived=archived, other_template=other_template,
        client_for=client_for, **vars(people),
    )


@pytest.fixture
def make_request(save):
    """A request stored directly: by date, or `days_before` a gathering; for the teams given (default both active)."""

    def make_request(cast, title="Statusrapport 1", template=None, due_on=date(2026, 12, 1), gathering=None,
                     days_before=None, teams=None, **fields) -> DocumentRequest:
        if gathering is not None:
            due_on = services.due_date_for(gathering, days_before)
        (request,) = save(DocumentRequest(
            network_id=cast.network.id, template_id=(template or cast.status).id, title=title, due_on=due_on,
            due_rule=DueRule.BEFORE_GATHERING if gathering else DueRule.FIXED,
            gathering_id=gathering.id if gathering else None, days_before=days_before, **fields,
        ))
        save(*[Assignment(request_id=request.id, team_id=team.id) for team in (teams or [cast.fjordvik, cast.sameby])])
        return request

    return make_request


def _get(model, obj):
    return db.session.get(model, obj.id)


def _data(cast, **changes) -> RequestData:
    values = {"template_id": cast.status.id, "title": "Statusrapport før samling 4", "due_on": date(2026, 11, 23),
              "team_ids": [cast.fjordvik.id, cast.sameby.id]}
    return RequestData(**{**values, **changes})


def _deadlines(request: DocumentRequest) -> dict[str, date]:
    return {a.team.municipality: a.due_on for a in db.session.get(DocumentRequest, request.id).assignments}


# --- asking for a document ------------------------------------------------------------------


def test_a_request_by_date_asks_the_chosen_teams_by_that_date(ctx, cast):
    network = _get(Network, cast.network)

    request = request_services.create(network, _data(cast, instructions="Høyst **to** sider."), cast.leader)
    db.session.commit()

    assert request.due_rule is DueRule.FIXED
    assert request.due_on == date(2026, 11, 23)
    assert _deadlines(request) == {"Fjordvik kommune": date(2026, 11, 23), "Čáhppesjávri suohkan": date(2026, 11, 23)}
    assert request.remind_days_before == 7
    assert request_services.deadline_rule(request) == ""


def test_a_request_relative_to_a_gathering_falls_due_days_before_or_after_it(ctx, cast):
    network = _get(Network, cast.network)

    before = request_services.create(network, _data(cast, due_on=None, gathering_id=cast.gatherings[4].id,
                                                    days_before=10), cast.leader)
    after = request_services.create(network, _data(cast, template_id=cast.fremdrift.id, title="Fremdriftsplan 4",
                                                   due_on=None, gathering_id=cast.gatherings[4].id, days_before=-14),
                                    cast.leader)
    same_day = request_services.create(network, _data(cast, due_on=None, gathering_id=cast.gatherings[6].id,
                                                      days_before=0), cast.leader)

    assert (before.due_rule, before.due_on) == (DueRule.BEFORE_GATHERING, date(2026, 11, 23))
    assert after.due_on == date(2026, 12, 17)
    assert request_services.deadline_rule(before) == "10 dager før samling 4"
    assert request_services.deadline_rule(after) == "14 dager etter samling 4"
    assert request_services.deadline_rule(same_day) == "samme dag som samling 6"
    assert request_services.relative_rule(1, 2) == "1 dag før samling 2"


@pytest.mark.parametrize("days", [-61, 181])
def test_days_outside_sixty_after_to_a_hundred_and_eighty_before_are_refused(ctx, cast, days):
    with pytest.raises(Refused) as refused:
        request_services.create(_get(Network, cast.network),
                                _data(cast, gathering_id=cast.gatherings[4].id, days_before=days), cast.leader)

    assert refused.value.field == "days_before"
    assert refused.value.message == "Fristen kan være fra 60 dager etter til 180 dager før samlingen."


def test_a_gathering_or_template_of_another_network_and_an_archived_template_are_refused(ctx, cast):
    network = _get(Network, cast.network)

    with pytest.raises(Refused) as gathering:
        request_services.create(network, _data(cast, gathering_id=cast.other_gathering.id, days_before=5), cast.leader)
    with pytest.raises(Refused) as template:
        request_services.create(network, _data(cast, template_id=cast.other_template.id), cast.leader)
    with pytest.raises(Refused) as archived:
        request_services.create(network, _data(cast, template_id=cast.archived.id), cast.leader)

    assert (gathering.value.field, gathering.value.message) == ("gathering_id", "Velg en av nettverkets samlinger.")
    assert template.value.field == archived.value.field == "template_id"
    assert [t.title for t in request_services.active_templates(network)] == ["Hovedplan", "Fremdriftsplan", "Statusrapport"]


def test_no_team_or_a_withdrawn_team_is_refused(ctx, cast):
    network = _get(Network, cast.network)

    with pytest.raises(Refused) as nobody:
        request_services.create(network, _data(cast, team_ids=[]), cast.leader)
    with pytest.raises(Refused) as withdrawn:
        request_services.create(network, _data(cast, team_ids=[cast.fjordvik.id, cast.hakoy.id]), cast.leader)

    assert (nobody.value.field, nobody.value.message) == ("team_ids", "Velg minst ett team som skal levere.")
    assert withdrawn.value.field == "team_ids"


def test_a_period_that_ends_before_it_begins_is_refused_and_a_deadline_before_it_is_only_a_warning(ctx, cast):
    network = _get(Network, cast.network)

    with pytest.raises(Refused) as backwards:
        request_services.create(network, _data(cast, period_from=date(2026, 9, 17), period_to=date(2026, 9, 1)),
                                cast.leader)
    early = request_services.create(network, _data(cast, period_from=date(2026, 12, 1), period_to=date(2027, 2, 1)),
                                    cast.leader)

    assert (backwards.value.field, backwards.value.message) == ("period_to", "Perioden kan ikke slutte før den begynner.")
    assert request_services.warnings(early) == ["Merk: fristen 23. november 2026 er før perioden begynner (1. desember 2026)."]


def test_a_reminder_is_from_zero_to_sixty_days_before(ctx, cast):
    with pytest.raises(Refused) as refused:
        request_services.create(_get(Network, cast.network), _data(cast, remind_days_before=61), cast.leader)

    assert refused.value.field == "remind_days_before"


def test_the_period_reads_as_a_norwegian_sentence(ctx, cast, make_request):
    request = _get(DocumentRequest, make_request(cast, period_from=date(2025, 9, 1), period_to=date(2026, 2, 15)))
    same_year = _get(DocumentRequest, make_request(cast, period_from=date(2026, 2, 12), period_to=date(2026, 9, 7)))

    assert request_services.period_label(request) == "for perioden 1. september 2025 til 15. februar 2026"
    assert request_services.period_label(same_year) == "for perioden 12. februar til 7. september 2026"


def test_a_title_left_empty_is_the_kind_and_the_next_number(ctx, cast, make_request):
    make_request(cast, title="Statusrapport før samling 3")
    network = _get(Network, cast.network)

    request = request_services.create(network, _data(cast, title=""), cast.leader)
    plan = request_services.create(network, _data(cast, title="", template_id=cast.hovedplan.id), cast.leader)

    assert request.title == "Statusrapport 2"
    assert plan.title == "Hovedplan 1"


# --- series ---------------------------------------------------------------------------------


def test_the_progress_plan_series_makes_one_plan_per_period_between_gatherings(ctx, cast):
    result = request_services.progress_plan_series(_get(Network, cast.network), cast.fremdrift.id, 14, 7, cast.leader)
    db.session.commit()

    plans = sorted(result.created, key=lambda r: r.due_on)
    assert [p.title for p in plans] == [f"Fremdriftsplan {k} (samling {k}–{k + 1})" for k in range(1, 6)]
    assert [(p.period_from, p.period_to) for p in plans] == list(zip(GATHERING_DAYS, GATHERING_DAYS[1:]))
    assert [p.due_on for p in plans] == [date(2025, 10, 30), date(2026, 2, 26), date(2026, 10, 1), date(2026, 12, 17),
                                         date(2027, 3, 25)]
    assert {p.days_before for p in plans} == {-14}
    assert len({p.series for p in plans}) == 1 and plans[0].series.startswith("fremdriftsplan-")
    assert all(sorted(a.team.municipality for a in p.assignments) == ["Fjordvik kommune", "Čáhppesjávri suohkan"]
               for p in plans)
    assert request_services.deadline_rule(plans[0]) == "14 dager etter samling 1"


def test_making_the_same_series_again_makes_nothing_twice(ctx, cast):
    network = _get(Network, cast.network)
    request_services.progress_plan_series(network, cast.fremdrift.id, 14, 7, cast.leader)
    db.session.commit()

    with pytest.raises(Refused) as refused:
        request_services.progress_plan_series(network, cast.fremdrift.id, 10, 7, cast.leader)

    assert refused.value.message == "Disse innleveringene finnes allerede. Ingen nye ble laget."


def test_the_status_report_series_covers_the_time_since_the_gathering_before(ctx, cast):
    chosen = [cast.gatherings[n].id for n in (1, 3, 4)]

    result = request_services.status_report_series(_get(Network, cast.network), cast.status.id, chosen, 10, 5,
                                                   cast.leader)

    reports = sorted(result.created, key=lambda r: r.due_on)
    assert [r.title for r in reports] == ["Statusrapport før samling 1", "Statusrapport før samling 3",
                                          "Statusrapport før samling 4"]
    assert [(r.period_from, r.period_to, r.due_on) for r in reports] == [
        (date(2025, 9, 1), date(2025, 10, 6), date(2025, 10, 6)),  # from the network's start
        (date(2026, 2, 12), date(2026, 9, 7), date(2026, 9, 7)),
        (date(2026, 9, 17), date(2026, 11, 23), date(2026, 11, 23)),
    ]
    assert {r.remind_days_before for r in reports} == {5}


def test_a_status_series_needs_a_gathering_of_the_network(ctx, cast):
    network = _get(Network, cast.network)

    with pytest.raises(Refused) as none:
        request_services.status_report_series(network, cast.status.id, [], 10, 7, cast.leader)
    with pytest.raises(Refused) as foreign:
        request_services.status_report_series(network, cast.status.id, [cast.other_gathering.id], 10, 7, cast.leader)

    assert (none.value.field, none.value.message) == ("gathering_ids", "Velg minst én samling.")
    assert foreign.value.field == "gathering_ids"


def test_a_progress_series_needs_two_gatherings(ctx, cast):
    with pytest.raises(Refused) as refused:
        request_services.progress_plan_series(_get(Network, cast.other_network), cast.other_template.id, 14, 7, None)

    assert "minst to samlinger" in refused.value.message


# --- extensions -----------------------------------------------------------------------------


def test_an_extension_is_the_teams_deadline_and_needs_a_later_date_and_a_reason(ctx, cast, make_request):
    request = _get(DocumentRequest, make_request(cast, due_on=date(2026, 12, 1)))
    fjordvik = services.assignment_for(request, _get(Team, cast.fjordvik))

    with pytest.raises(Refused) as earlier:
        request_services.grant_extension(fjordvik, date(2026, 12, 1), "Kommunesammenslåing")
    with pytest.raises(Refused) as no_reason:
        request_services.grant_extension(fjordvik, date(2027, 1, 15), "  ")
    request_services.grant_extension(fjordvik, date(2027, 1, 15), "Kommunesammenslåing 1. januar – nytt team")
    db.session.commit()

    assert earlier.value.field == "extended_to"
    assert earlier.value.message == "Den nye fristen må være etter innleveringens frist, 1. desember 2026."
    assert no_reason.value.field == "reason"
    assert _deadlines(request) == {"Fjordvik kommune": date(2027, 1, 15), "Čáhppesjávri suohkan": date(2026, 12, 1)}
    assert services.is_late(fjordvik, on=date(2026, 12, 20)) is False


# --- deadlines that follow the gathering ----------------------------------------------------


def _move(cast, number: int, to: date, leader):
    gathering = db.session.get(Gathering, cast.gatherings[number].id)
    data = {key: getattr(gathering, key) for key in gatherings.GATHERING_FIELDS}
    gatherings.update_gathering(gathering, {**data, "held_on": to}, leader)
    db.session.commit()


def test_moving_a_gathering_moves_its_deadlines_and_tells_the_assigned_active_teams(ctx, cast, make_request, save,
                                                                                    outbox):
    status = make_request(cast, "Statusrapport før samling 5", gathering=cast.gatherings[5], days_before=10,
                          teams=[cast.fjordvik, cast.sameby, cast.hakoy], period_to=date(2027, 3, 1))
    plan = make_request(cast, "Fremdriftsplan 4 (samling 4–5)", template=cast.fremdrift, gathering=cast.gatherings[4],
                        days_before=-14, teams=[cast.sameby], period_from=date(2026, 12, 3), period_to=date(2027, 3, 11))
    fixed = make_request(cast, "Sluttrapport", due_on=date(2027, 3, 20))

    _move(cast, 5, date(2027, 3, 18), _get(type(cast.leader), cast.leader))

    assert _deadlines(status) == {"Fjordvik kommune": date(2027, 3, 8), "Čáhppesjávri suohkan": date(2027, 3, 8),
                                  "Håkøy kommune": date(2027, 3, 8)}
    moved_plan = _get(DocumentRequest, plan)
    assert (moved_plan.due_on, moved_plan.period_to) == (date(2026, 12, 17), date(2027, 3, 18))  # the period follows
    assert _get(DocumentRequest, status).period_to == date(2027, 3, 8)  # a period that ran to the deadline still does
    assert _get(DocumentRequest, fixed).due_on == date(2027, 3, 20)
    for person in (cast.ingrid, cast.per, cast.biret, cast.nils):
        (notice,) = [m for m in outbox.to(person.email) if m["Subject"].startswith("Ny frist")]
        assert notice["Subject"] == "Ny frist: Statusrapport før samling 5"
        body = notice.get_content()
        assert "Statusrapport før samling 5: før 1. mars 2027, nå 8. mars 2027" in body
        assert "Samling 5 i Rekruttere og beholde – Nordfjella er flyttet til 18. mars 2027." in body
        assert "Åse Ødegård" in body
    assert "Ny frist for Čáhppesjávri suohkan:" in outbox.to(cast.nils.email)[0].get_content()
    assert outbox.to(cast.gunnar.email) == []  # Håkøy has withdrawn
    assert outbox.to(cast.leader.email) == []


def test_an_extension_later_than_the_moved_deadline_is_kept_and_an_earlier_one_gives_way(ctx, cast, make_request,
                                                                                       save, outbox):
    request = make_request(cast, gathering=cast.gatherings[5], days_before=10)  # due 1 March 2027
    for assignment in _get(DocumentRequest, request).assignments:
        assignment.extended_to = date(2027, 4, 1) if assignment.team_id == cast.fjordvik.id else date(2027, 3, 5)
        assignment.extension_reason = "Kommunesammenslåing"
    db.session.commit()

    _move(cast, 5, date(2027, 3, 25), cast.leader)  # due 15 March 2027

    assert _deadlines(request) == {"Fjordvik kommune": date(2027, 4, 1), "Čáhppesjávri suohkan": date(2027, 3, 15)}
    assert outbox.to(cast.ingrid.email)[0]["Subject"] == "Samling 5 er flyttet"  # Fjordvik's own date did not move
    assert [m["Subject"] for m in outbox.to(cast.biret.email)] == ["Ny frist: Statusrapport 1", "Samling 5 er flyttet"]


def test_a_team_that_has_delivered_is_not_told_of_the_new_deadline(ctx, cast, make_request, save, outbox):
    request = make_request(cast, gathering=cast.gatherings[5], days_before=10)
    version = _get(DocumentTemplate, cast.status).versions[0]
    save(Submission(request_id=request.id, team_id=cast.sameby.id, template_version_id=version.id, state="submitted"))

    _move(cast, 5, date(2027, 3, 25), cast.leader)

    assert [m["Subject"] for m in outbox.to(cast.biret.email)] == ["Samling 5 er flyttet"]
    assert [m["Subject"] for m in outbox.to(cast.ingrid.email)] == ["Ny frist: Statusrapport 1", "Samling 5 er flyttet"]


def test_deleting_a_gathering_keeps_the_last_deadline_as_a_date(ctx, cast, make_request):
    request = make_request(cast, gathering=cast.gatherings[6], days_before=10)

    gatherings.delete_gathering(db.session.get(Gathering, cast.gatherings[6].id))
    db.session.commit()

    kept = _get(DocumentRequest, request)
    assert (kept.due_rule, kept.due_on, kept.gathering_id, kept.days_before) == (DueRule.FIXED, date(2027, 5, 24), None, None)


# --- changing and deleting ------------------------------------------------------------------


def test_changing_the_deadline_tells_the_teams_and_a_team_that_has_begun_stays(ctx, cast, make_request, save, outbox):
    request = make_request(cast, due_on=date(2026, 12, 1))
    version = _get(DocumentTemplate, cast.status).versions[0]
    save(Submission(request_id=request.id, team_id=cast.sameby.id, template_version_id=version.id))
    stored = _get(DocumentRequest, request)

    with pytest.raises(Refused) as begun:
        request_services.update(stored, _data(cast, team_ids=[cast.fjordvik.id]), cast.leader)
    request_services.update(stored, _data(cast, title="", due_on=date(2026, 12, 8)), cast.leader)
    db.session.commit()

    assert begun.value.message == "Čáhppesjávri suohkan har begynt på dokumentet og kan ikke tas ut av innleveringen."
    assert _get(DocumentRequest, request).title == "Statusrapport 1"  # an emptied title keeps the old one
    assert _deadlines(request) == {"Fjordvik kommune": date(2026, 12, 8), "Čáhppesjávri suohkan": date(2026, 12, 8)}
    body = outbox.to(cast.nils.email)[0].get_content()
    assert "Prosjektlederen i Rekruttere og beholde – Nordfjella har endret en frist." in body
    assert "før 1. desember 2026, nå 8. desember 2026" in body


def test_a_deleted_request_is_refused_with_a_clear_message(ctx, cast, make_request):
    request = make_request(cast)
    request_services.delete(_get(DocumentRequest, request))
    db.session.commit()

    with pytest.raises(Refused) as refused:
        request_services.load_request(request.id)

    assert "slettet av prosjektlederen" in refused.value.message
    assert request_services.requests_of(_get(Network, cast.network)) == []
    assert db.session.get(Assignment, _get(DocumentRequest, request).assignments[0].id) is not None  # kept


def test_the_list_has_upcoming_deadlines_first_and_counts_what_is_delivered(ctx, cast, make_request, save):
    past = make_request(cast, "Hovedplan", template=cast.hovedplan, due_on=date(2025, 12, 1))
    older = make_request(cast, "Statusrapport før samling 2", due_on=date(2026, 1, 29))
    later = make_request(cast, "Sluttrapport", due_on=date(2027, 6, 30))
    soon = make_request(cast, "Statusrapport før samling 4", due_on=date(2026, 11, 23))
    version = _get(DocumentTemplate, cast.hovedplan).versions[0]
    save(Submission(request_id=past.id, team_id=cast.fjordvik.id, template_version_id=version.id, state="submitted"),
         Submission(request_id=past.id, team_id=cast.sameby.id, template_version_id=version.id, state="draft"))

    listing = request_services.request_list(_get(Network, cast.network))

    assert [r.title for r in listing.upcoming] == [soon.title, later.title]
    assert [r.title for r in listing.past] == [older.title, past.title]
    assert listing.delivered == {past.id: 1}


# --- calendars and the timeline -------------------------------------------------------------


def test_the_network_calendar_has_each_deadline_as_a_whole_day_and_each_extension_apart(ctx, cast, make_request):
    request = make_request(cast, "Statusrapport før samling 4 – Čáhppesjávri 📋", gathering=cast.gatherings[4],
                           days_before=10, period_from=date(2026, 9, 17), period_to=date(2026, 11, 23))
    gone = make_request(cast, "Slettet", deleted_at=date(2026, 11, 1))
    only_one = make_request(cast, "Ekstra rapport", due_on=date(2027, 1, 10), teams=[cast.sameby])
    fjordvik = services.assignment_for(_get(DocumentRequest, request), _get(Team, cast.fjordvik))
    request_services.grant_extension(fjordvik, date(2026, 12, 14), "Kommunesammenslåing")
    db.session.commit()

    events = {str(e["UID"]): e for e in events_in(calendar.network_calendar(_get(Network, cast.network)))}

    main = events[f"deadline-{request.id}@verksted"]
    assert str(main["SUMMARY"]) == "Frist: Statusrapport før samling 4 – Čáhppesjávri 📋 (alle team unntatt Fjordvik kommune)"
    assert main.decoded("DTSTART") == date(2026, 11, 23)
    assert main.decoded("DTEND") == date(2026, 11, 24)
    assert str(main["DESCRIPTION"]).splitlines()[:2] == ["10 dager før samling 4",
                                                         "For perioden 17. september til 23. november 2026"]
    extended = events[f"deadline-{request.id}-team-{cast.fjordvik.id}@verksted"]
    assert str(extended["SUMMARY"]) == "Frist: Statusrapport før samling 4 – Čáhppesjávri 📋 (Fjordvik kommune)"
    assert extended.decoded("DTSTART") == date(2026, 12, 14)
    assert str(events[f"deadline-{only_one.id}@verksted"]["SUMMARY"]) == \
        "Frist: Ekstra rapport (Čáhppesjávri suohkan)"
    assert not any(str(gone.id) in uid for uid in events if uid.startswith("deadline-"))


def test_a_deadline_for_every_active_team_says_all_teams_and_follows_a_moved_gathering(ctx, cast, make_request):
    request = make_request(cast, "Statusrapport før samling 5", gathering=cast.gatherings[5], days_before=10)

    _move(cast, 5, date(2027, 3, 18), cast.leader)
    events = {str(e["UID"]): e for e in events_in(calendar.network_calendar(_get(Network, cast.network)))}

    event = events[f"deadline-{request.id}@verksted"]
    assert str(event["SUMMARY"]) == "Frist: Statusrapport før samling 5 (alle team)"
    assert event.decoded("DTSTART") == date(2027, 3, 8)
    assert event.decoded("SEQUENCE") == 1


def test_a_personal_calendar_has_only_the_own_teams_deadlines_with_its_own_date(ctx, cast, make_request):
    request = make_request(cast, "Hovedplan", template=cast.hovedplan, due_on=date(2026, 12, 1),
                           teams=[cast.fjordvik, cast.sameby, cast.hakoy])
    make_request(cast, "Bare for Fjordvik", due_on=date(2027, 1, 5), teams=[cast.fjordvik])
    request_services.grant_extension(services.assignment_for(_get(DocumentRequest, request), _get(Team, cast.sameby)),
                                     date(2027, 1, 20), "Ny enhetsleder")
    db.session.commit()

    def deadlines(user):
        return sorted((str(e["SUMMARY"]), e.decoded("DTSTART"))
                      for e in events_in(calendar.personal_calendar(_get(type(user), user)))
                      if str(e["UID"]).startswith("deadline-"))

    assert deadlines(cast.nils) == [("Frist: Hovedplan (Čáhppesjávri suohkan)", date(2027, 1, 20))]
    assert deadlines(cast.per) == [("Frist: Bare for Fjordvik (Fjordvik kommune)", date(2027, 1, 5)),
                                   ("Frist: Hovedplan (Fjordvik kommune)", date(2026, 12, 1))]
    assert deadlines(cast.gunnar) == []  # Håkøy has withdrawn
    assert deadlines(cast.leader) == []


def test_the_timeline_shows_the_deadlines_in_their_month(ctx, cast, make_request):
    make_request(cast, "Statusrapport før samling 4", gathering=cast.gatherings[4], days_before=10)

    months = timeline.timeline(_get(Network, cast.network), TODAY)

    (november,) = [m for m in months if m.month == date(2026, 11, 1)]
    (entry,) = [e for e in november.entries if e.kind == "deadline"]
    assert (entry.on, entry.title, entry.detail) == (date(2026, 11, 23), "Frist: Statusrapport før samling 4 (alle team)",
                                                     "10 dager før samling 4")
