"""The workflow of gatherings, called directly: planning, programme, registration, attendance, moving."""
from __future__ import annotations

from datetime import time, timedelta

import pytest

from verksted.clock import today
from verksted.errors import Refused
from verksted.extensions import db
from verksted.gatherings import services
from verksted.gatherings.models import Gathering, ItemKind, Registration
from verksted.networks.models import Network, Team


def _data(**changes) -> dict:
    data = {
        "number": 1, "title": "Oppstartssamling", "held_on": today() + timedelta(days=40),
        "starts_at": time(9, 30), "ends_at": time(15, 30), "venue": "Storåsen kulturhus",
        "address": "Kulturveien 1, 9993 Storåsen", "host_team_id": None, "host_name": "",
        "focus": "Kompetanseplan som verktøy", "registration_closes_on": None,
    }
    return {**data, **changes}


def _get(model, obj):
    return db.session.get(model, obj.id)


def test_a_gathering_is_created_with_its_programme_in_time_order(ctx, cast):
    network = _get(Network, cast.network)

    gathering = services.create_gathering(network, _data(host_team_id=cast.fjordvik.id))
    services.add_item(gathering, {"starts_at": time(13), "ends_at": time(15), "title": "Gruppearbeid",
                                  "kind": ItemKind.GROUP_ACROSS, "speaker": "", "speaker_organisation": ""})
    services.add_item(gathering, {"starts_at": time(9, 30), "ends_at": time(10, 15), "title": "Heltid – hvorfor?",
                                  "kind": ItemKind.TALK, "speaker": "Máret Ánde", "speaker_organisation": "KS"})
    db.session.commit()
    db.session.expire_all()

    saved = db.session.get(Gathering, gathering.id)
    assert [item.title for item in saved.programme] == ["Heltid – hvorfor?", "Gruppearbeid"]
    assert saved.host_label == "Fjordvik kommune"
    assert saved.sequence == 0


def test_the_number_defaults_to_the_next_free_one_and_a_taken_number_is_refused(ctx, cast, make_gathering):
    make_gathering(cast.network, number=1)
    make_gathering(cast.network, number=2)
    network = _get(Network, cast.network)

    assert services.next_number(network) == 3
    with pytest.raises(Refused) as refused:
        services.create_gathering(network, _data(number=2))
    assert refused.value.field == "number"
    assert "allerede en samling nummer 2" in refused.value.message


def test_a_gathering_that_ends_before_it_starts_is_refused(ctx, cast):
    with pytest.raises(Refused) as refused:
        services.create_gathering(_get(Network, cast.network), _data(starts_at=time(15), ends_at=time(9)))

    assert refused.value.field == "ends_at"
    assert refused.value.message == "Samlingen må slutte etter at den starter."


def test_the_host_is_a_team_of_the_network_or_a_name_but_not_both(ctx, cast):
    network = _get(Network, cast.network)
    other_team = Team(network_id=cast.other_network.id, municipality="Elvdal kommune")
    db.session.add(other_team)
    db.session.flush()

    with pytest.raises(Refused) as both:
        services.create_gathering(network, _data(host_team_id=cast.fjordvik.id, host_name="Nabokommunen"))
    with pytest.raises(Refused) as elsewhere:
        services.create_gathering(network, _data(host_team_id=other_team.id))
    outside = services.create_gathering(network, _data(host_name="Fylkeskommunen"))

    assert both.value.field == "host_name"
    assert elsewhere.value.field == "host_team_id"
    assert outside.host_label == "Fylkeskommunen"


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field"),
    [(time(8), time(9), "starts_at"), (time(15, 0), time(16), "ends_at"), (time(15, 30), None, "starts_at")],
    ids=["before the day starts", "past the end of the day", "at the very end"],
)
def test_a_programme_item_outside_the_gatherings_hours_is_refused(ctx, cast, make_gathering, starts_at, ends_at, field):
    gathering = _get(Gathering, make_gathering(cast.network))

    with pytest.raises(Refused) as refused:
        services.add_item(gathering, {"starts_at": starts_at, "ends_at": ends_at, "title": "Kaffe",
                                      "kind": ItemKind.OTHER})

    assert refused.value.field == field
    assert refused.value.message == "Programpunktet må ligge innenfor samlingens tid, kl. 09.30–15.30."


def test_a_programme_item_that_ends_before_it_starts_is_refused(ctx, cast, make_gathering):
    gathering = _get(Gathering, make_gathering(cast.network))

    with pytest.raises(Refused) as refused:
        services.add_item(gathering, {"starts_at": time(11), "ends_at": time(10), "title": "Lunsj",
                                      "kind": ItemKind.OTHER})

    assert refused.value.field == "ends_at"
    assert refused.value.message == "Punktet må slutte etter at det starter."


def test_shortening_the_day_past_its_programme_is_refused(ctx, cast, make_gathering, make_item):
    stored = make_gathering(cast.network)
    make_item(stored, starts_at=time(14), ends_at=time(15), title="Oppsummering")
    gathering = _get(Gathering, stored)

    with pytest.raises(Refused) as refused:
        services.update_gathering(gathering, _data(ends_at=time(14, 30), held_on=gathering.held_on), cast.leader)

    assert refused.value.field == "ends_at"
    assert "14.00 Oppsummering" in refused.value.message


def test_moving_a_gathering_raises_its_sequence_and_tells_the_active_teams(ctx, cast, make_gathering, outbox):
    stored = make_gathering(cast.network, number=3, title="Heltidskultur", held_on=today() + timedelta(days=20))
    gathering = _get(Gathering, stored)
    new_day = gathering.held_on + timedelta(days=7)

    moved = services.update_gathering(
        gathering, _data(number=3, title="Heltidskultur", held_on=new_day, venue="Lierbygd rådhus",
                         address="Torget 2, 9992 Lierbygd"),
        cast.leader,
    )
    db.session.commit()

    assert moved is True
    assert db.session.get(Gathering, stored.id).sequence == 1
    recipients = sorted(str(message["To"]) for message in outbox)
    assert len(recipients) == 5
    for person in (cast.ingrid, cast.per, cast.liv, cast.biret, cast.nils):
        assert len(outbox.to(person.email)) == 1
    for person in (cast.gunnar, cast.leader, cast.observer, cast.stranger):
        assert outbox.to(person.email) == []
    message = outbox.to(cast.nils.email)[0]
    assert message["Subject"] == "Samling 3 er flyttet"
    body = message.get_content()
    assert services.when(stored) in body
    assert "Fjordvik kulturhus, Storgata 12, 9990 Fjordvik" in body
    assert "Lierbygd rådhus, Torget 2, 9992 Lierbygd" in body
    assert f"/samlinger/{stored.id}" in body


def test_changing_only_the_title_is_not_a_move(ctx, cast, make_gathering, outbox):
    stored = make_gathering(cast.network, number=2)
    gathering = _get(Gathering, stored)
    same_place = {key: getattr(gathering, key) for key in services.MOVING_FIELDS}

    moved = services.update_gathering(gathering, _data(number=2, title="Ny tittel", **same_place), cast.leader)
    db.session.commit()

    assert moved is False
    assert db.session.get(Gathering, stored.id).sequence == 0
    assert len(outbox) == 0


def _register(gathering, team, members=(), others=(), by=None, after_closing=False):
    return services.register_team(
        _get(Gathering, gathering), _get(Team, team),
        [{"user_id": user.id, "job_title": job, "dietary_needs": diet} for user, job, diet in members],
        [{"registration_id": rid, "name": name, "job_title": job, "dietary_needs": diet}
         for rid, name, job, diet in others],
        by, after_closing=after_closing,
    )


def _registered(gathering, team) -> list[tuple[str, str, str]]:
    db.session.expire_all()
    rows = db.session.query(Registration).filter_by(gathering_id=gathering.id, team_id=team.id).all()
    return sorted((r.name, r.job_title, r.dietary_needs) for r in rows)


def test_a_team_registers_its_members_and_extra_people_with_dietary_needs(ctx, cast, make_gathering):
    gathering = make_gathering(cast.network)

    _register(gathering, cast.sameby,
              members=[(cast.biret, "Enhetsleder", "Laktosefri"), (cast.nils, "Helsefagarbeider", "")],
              others=[(None, "Ánne Ŧuolbmá Čoavji", "Vikar", "Nøtteallergi 🥜")], by=cast.biret)
    db.session.commit()

    assert _registered(gathering, cast.sameby) == [
        ("Biret Sárá Eira", "Enhetsleder", "Laktosefri"),
        ("Nils-Ŋuvllát Somby", "Helsefagarbeider", ""),
        ("Ánne Ŧuolbmá Čoavji", "Vikar", "Nøtteallergi 🥜"),
    ]


def test_registering_again_makes_the_list_exactly_what_was_sent(ctx, cast, make_gathering):
    gathering = make_gathering(cast.network)
    _register(gathering, cast.fjordvik, members=[(cast.ingrid, "", ""), (cast.per, "", "")],
              others=[(None, "Vikar Vikarsen", "", ""), (None, "Tone Ny", "", "")])
    db.session.commit()
    extras = {r.name: r.id for r in db.session.query(Registration).filter_by(user_id=None)}

    _register(gathering, cast.fjordvik, members=[(cast.per, "Sykepleier", "Vegetar")],
              others=[(extras["Vikar Vikarsen"], "", "", ""), (extras["Tone Ny"], "Tone Ny-Hansen", "Lærling", "")])
    db.session.commit()

    assert _registered(gathering, cast.fjordvik) == [
        ("Per Øvrebø", "Sykepleier", "Vegetar"),
        ("Tone Ny-Hansen", "Lærling", ""),
    ]


def test_only_the_teams_own_members_can_be_ticked(ctx, cast, make_gathering):
    gathering = make_gathering(cast.network)

    with pytest.raises(Refused, match="Bare teamets egne medlemmer"):
        _register(gathering, cast.fjordvik, members=[(cast.nils, "", "")])


def test_a_withdrawn_team_cannot_be_registered(ctx, cast, make_gathering):
    gathering = make_gathering(cast.network)

    with pytest.raises(Refused, match="Håkøy kommune har trukket seg"):
        _register(gathering, cast.hakoy, members=[(cast.gunnar, "", "")])


def test_a_withdrawn_team_stays_registered_for_gatherings_before_it_withdrew(ctx, cast, make_gathering):
    earlier = make_gathering(cast.network, days_ahead=-150)

    _register(earlier, cast.hakoy, members=[(cast.gunnar, "Enhetsleder", "")], by=cast.leader, after_closing=True)
    db.session.commit()

    assert _registered(earlier, cast.hakoy) == [("Gunnar Vik", "Enhetsleder", "")]


def test_registration_closes_after_its_date_except_for_the_project_leader(ctx, cast, make_gathering):
    gathering = make_gathering(cast.network, registration_closes_on=today() - timedelta(days=1), days_ahead=5)

    with pytest.raises(Refused, match="Påmeldingen stengte"):
        _register(gathering, cast.fjordvik, members=[(cast.ingrid, "", "")], by=cast.ingrid)
    _register(gathering, cast.fjordvik, members=[(cast.ingrid, "", "")], by=cast.leader, after_closing=True)
    db.session.commit()

    assert _registered(gathering, cast.fjordvik) == [("Ingrid Sæther", "", "")]


def test_attendance_is_recorded_from_the_day_of_the_gathering(ctx, cast, make_gathering, make_registration):
    coming = make_gathering(cast.network, number=1, days_ahead=3)
    held = make_gathering(cast.network, number=2, days_ahead=-2)
    came = make_registration(held, cast.fjordvik, "Ingrid Sæther", cast.ingrid)
    stayed_home = make_registration(held, cast.fjordvik, "Per Øvrebø", cast.per)

    with pytest.raises(Refused, match="Oppmøte kan registreres fra samlingsdagen"):
        services.record_attendance(_get(Gathering, coming), set())
    services.record_attendance(_get(Gathering, held), {came.id})
    db.session.commit()

    assert db.session.get(Registration, came.id).attended is True
    assert db.session.get(Registration, stayed_home.id).attended is False


def test_deleting_a_gathering_takes_its_programme_and_registrations(ctx, cast, make_gathering, make_item,
                                                                    make_registration):
    stored = make_gathering(cast.network)
    make_item(stored)
    make_registration(stored, cast.fjordvik, "Ingrid Sæther", cast.ingrid)

    services.delete_gathering(_get(Gathering, stored))
    db.session.commit()

    assert db.session.get(Gathering, stored.id) is None
    assert db.session.query(Registration).count() == 0


def test_a_gathering_reads_as_weekday_date_and_hours(ctx, cast, make_gathering):
    from datetime import date

    gathering = make_gathering(cast.network, held_on=date(2026, 2, 12), starts_at=time(9, 30), ends_at=time(15, 30))

    assert services.when(gathering) == "torsdag 12. februar 2026 kl. 09.30–15.30"
    assert services.where(gathering) == "Fjordvik kulturhus, Storgata 12, 9990 Fjordvik"
