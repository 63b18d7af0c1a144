from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD
from tests.pages import links_in, path_of
from verksted.clock import utcnow
from verksted.errors import Refused
from verksted.extensions import db
from verksted.networks import services
from verksted.networks.models import Invitation, Membership, Network, OrgGroup, Role, Team, TeamStatus


@pytest.fixture
def network(ctx, make_network):
    return make_network("Rekruttere og beholde", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))


@pytest.fixture
def facilitator(network, make_user, make_membership):
    user = make_user("prosjektleder@usht.example", "Sigrid Håland")
    make_membership(user, network, Role.FACILITATOR)
    return user


def test_a_network_keeps_its_goals_in_order_without_blank_lines(ctx):
    network = services.create_network(
        {"name": "Heltidskultur", "main_goal": "Flere heltidsstillinger."},
        ["  Oppdatert kompetanseplan ", "", "Flere i heltid", "   "],
    )
    db.session.commit()

    assert [(g.position, g.text) for g in network.goals] == [(0, "Oppdatert kompetanseplan"), (1, "Flere i heltid")]


def test_editing_a_network_replaces_its_goals(network):
    services.update_network(network, {"name": network.name}, ["Første", "Andre", "Tredje"])
    db.session.commit()
    services.update_network(network, {"name": "Nytt navn"}, ["Andre først"])
    db.session.commit()

    assert network.name == "Nytt navn"
    assert [g.text for g in network.goals] == ["Andre først"]


@pytest.mark.parametrize("change", [services.create_network, lambda data, goals: services.update_network(
    db.session.scalar(sa.select(Network)), data, goals)])
def test_a_network_cannot_end_before_it_starts(network, change):
    with pytest.raises(Refused) as refused:
        change({"name": "Baklengs", "starts_on": date(2026, 1, 1), "ends_on": date(2025, 12, 31)}, [])

    assert refused.value.field == "ends_on"
    assert refused.value.message == "Sluttdatoen kan ikke være før startdatoen."


def test_organisation_members_are_ordered_within_their_group_and_can_be_moved(network):
    first = services.add_organisation_member(network, OrgGroup.STEERING, "Anne Leder", "Leder", "Fjordvik kommune")
    second = services.add_organisation_member(network, OrgGroup.STEERING, "Rune Medlem", "Medlem", "KS")
    worker = services.add_organisation_member(network, OrgGroup.WORKING, "Knut Rådgiver", "Rådgiver", "KS")
    db.session.commit()
    assert (first.position, second.position, worker.position) == (0, 1, 0)

    services.move_organisation_member(second, -1)
    services.move_organisation_member(second, -1)  # already at the top: stays there
    services.move_organisation_member(worker, 1)  # alone in its group: stays
    db.session.commit()

    assert (second.position, first.position, worker.position) == (0, 1, 0)


def test_a_municipality_has_one_team_per_network_whatever_the_case(network, make_network):
    services.create_team(network, "Fjordvik kommune", "9901")
    db.session.commit()

    with pytest.raises(Refused) as refused:
        services.create_team(network, "FJORDVIK KOMMUNE", None)

    assert refused.value.field == "municipality"
    assert refused.value.message == "FJORDVIK KOMMUNE har allerede et team i dette nettverket."
    assert services.create_team(make_network(), "Fjordvik kommune", None).municipality == "Fjordvik kommune"


def test_a_team_can_keep_its_own_name_when_edited(network):
    team = services.create_team(network, "Fjordvik kommune", "9901")
    db.session.commit()

    services.update_team(team, "Fjordvik Kommune", "", None)

    assert (team.municipality, team.municipality_number) == ("Fjordvik Kommune", None)


def test_a_team_contact_must_be_a_member_of_the_team(network, make_team, make_user, make_membership):
    team = make_team(network, "Fjordvik kommune")
    member, outsider = make_user(), make_user()
    make_membership(member, network, Role.TEAM_MEMBER, team)

    with pytest.raises(Refused) as refused:
        services.update_team(team, team.municipality, None, outsider.id)
    services.update_team(team, team.municipality, None, member.id)

    assert refused.value.field == "contact_user_id"
    assert team.contact_user_id == member.id


def test_a_withdrawn_team_keeps_date_and_reason_until_it_is_reactivated(network, make_team):
    team = make_team(network, "Håkøy kommune")

    services.withdraw_team(team, date(2026, 3, 16), "Langvarig sykefravær i teamet.")
    db.session.commit()
    assert (team.status, team.withdrawn_on, team.withdrawal_reason) == (
        TeamStatus.WITHDRAWN, date(2026, 3, 16), "Langvarig sykefravær i teamet.")
    assert db.session.get(Team, team.id) in network.teams

    services.reactivate_team(team)
    db.session.commit()
    assert (team.status, team.withdrawn_on, team.withdrawal_reason) == (TeamStatus.ACTIVE, None, "")


def test_a_team_cannot_withdraw_before_the_network_started(network, make_team):
    team = make_team(network)

    with pytest.raises(Refused) as refused:
        services.withdraw_team(team, date(2025, 8, 31), "For tidlig.")

    assert refused.value.field == "withdrawn_on"


def test_an_invitation_is_emailed_after_commit_with_a_link_that_opens_it(network, facilitator, make_team, outbox):
    team = make_team(network, "Fjordvik kommune")

    invitation = services.invite(network, " Ny.Person@Fjordvik.Kommune.Example ", "Ny Person", Role.TEAM_MEMBER,
                                 team, facilitator, is_group_leader=True, team_role="Sykepleier")
    assert len(outbox) == 0
    db.session.commit()

    (message,) = outbox
    assert invitation.email == "ny.person@fjordvik.kommune.example"
    assert message["Subject"] == "Invitasjon til Rekruttere og beholde i Verksted"
    token = path_of(links_in(message)[0]).removeprefix("/invitasjon/")
    assert services.invitation_for(token).id == invitation.id
    assert "Rolle: Teammedlem i Fjordvik kommune. Du er gruppeleder for teamet." in message.get_content()


def test_a_team_member_must_be_invited_to_a_team_and_no_one_else_can_be(network, facilitator, make_team):
    team = make_team(network)

    with pytest.raises(Refused) as no_team:
        services.invite(network, "a@kommune.example", "", Role.TEAM_MEMBER, None, facilitator)
    with pytest.raises(Refused) as observer_in_team:
        services.invite(network, "b@kommune.example", "", Role.OBSERVER, team, facilitator)

    assert no_team.value.field == observer_in_team.value.field == "team_id"


def test_someone_already_in_the_network_or_already_invited_is_not_invited_again(network, facilitator, make_team):
    team = make_team(network)
    services.invite(network, "ny@kommune.example", "", Role.TEAM_MEMBER, team, facilitator)
    db.session.commit()

    with pytest.raises(Refused) as member:
        services.invite(network, facilitator.email, "", Role.OBSERVER, None, facilitator)
    with pytest.raises(Refused) as invited:
        services.invite(network, "NY@kommune.example", "", Role.OBSERVER, None, facilitator)

    assert (member.value.field, invited.value.field) == ("email", "email")
    assert "allerede med i dette nettverket" in member.value.message
    assert "allerede invitert" in invited.value.message


def test_an_expired_invitation_does_not_stop_a_new_one(network, facilitator, make_invitation):
    make_invitation(network, "ny@kommune.example", Role.OBSERVER, valid_for=-timedelta(days=1))

    services.invite(network, "ny@kommune.example", "", Role.OBSERVER, None, facilitator)
    db.session.commit()

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 2


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"accepted_at": utcnow()}, "allerede brukt"),
        ({"revoked_at": utcnow()}, "trukket tilbake"),
        ({"expires_at": utcnow() - timedelta(minutes=1)}, "utløpt"),
    ],
    ids=["used", "revoked", "expired"],
)
def test_a_link_that_cannot_be_used_says_why(network, make_invitation, change, reason):
    invitation = make_invitation(network, role=Role.OBSERVER)
    db.session.execute(sa.update(Invitation).values(**change))
    db.session.commit()

    with pytest.raises(Refused, match=reason):
        services.invitation_for(invitation.token)


def test_accepting_creates_the_account_with_the_role(network, make_team, make_invitation):
    team = make_team(network, "Čáhppesjávri suohkan 🌿")
    invitation = make_invitation(network, "maret@svartvatn.kommune.example", Role.TEAM_MEMBER, team,
                                 is_group_leader=True)

    user = services.accept_invitation(invitation, name="Máret Ánde Guttorm", password="et-helt-nytt-passord")
    db.session.commit()

    assert (user.email, user.name) == ("maret@svartvatn.kommune.example", "Máret Ánde Guttorm")
    assert user.check_password("et-helt-nytt-passord")
    (membership,) = user.memberships
    assert (membership.role, membership.team.municipality, membership.is_group_leader) == (
        Role.TEAM_MEMBER, "Čáhppesjávri suohkan 🌿", True)
    assert invitation.accepted_at is not None


def test_accepting_with_an_existing_account_adds_the_role_to_it(network, make_network, make_user, make_membership,
                                                                make_invitation):
    person = make_user("kari@fjordvik.kommune.example")
    make_membership(person, make_network("Et annet nettverk"), Role.OBSERVER)
    invitation = make_invitation(network, person.email, Role.FACILITATOR)

    with pytest.raises(Refused, match="Logg inn"):
        services.accept_invitation(invitation, name="Kari", password="et-helt-nytt-passord")
    user = services.accept_invitation(invitation, user=person)
    db.session.commit()

    assert user.id == person.id
    assert sorted(m.role for m in user.memberships) == [Role.FACILITATOR, Role.OBSERVER]
    assert user.check_password(PASSWORD)


def test_an_invitation_is_for_the_address_it_was_sent_to(network, make_user, make_invitation):
    invitation = make_invitation(network, "kari@fjordvik.kommune.example", Role.OBSERVER)

    with pytest.raises(Refused, match="kari@fjordvik.kommune.example"):
        services.accept_invitation(invitation, user=make_user("ola@fjordvik.kommune.example"))


def test_sending_again_gives_a_new_link_and_the_old_one_stops_working(network, make_invitation, outbox):
    invitation = make_invitation(network, role=Role.OBSERVER, valid_for=timedelta(hours=1))
    services.revoke_invitation(invitation)
    db.session.commit()

    services.resend_invitation(invitation)
    db.session.commit()

    with pytest.raises(Refused, match="ugyldig"):
        services.invitation_for(invitation.token)
    new_token = path_of(links_in(outbox[0])[0]).removeprefix("/invitasjon/")
    assert services.invitation_for(new_token).id == invitation.id
    assert invitation.expires_at > utcnow() + timedelta(days=13)


def test_an_accepted_invitation_cannot_be_sent_again_or_revoked(network, make_invitation):
    invitation = make_invitation(network, role=Role.OBSERVER)
    invitation.accepted_at = utcnow()

    for change in (services.resend_invitation, services.revoke_invitation):
        with pytest.raises(Refused, match="allerede tatt imot"):
            change(invitation)


def test_the_last_project_leader_cannot_be_removed_or_demoted(network, facilitator, make_user, make_membership):
    only = db.session.scalar(sa.select(Membership).where(Membership.user_id == facilitator.id))

    with pytest.raises(Refused, match="minst én prosjektleder"):
        services.remove_membership(only)
    with pytest.raises(Refused, match="minst én prosjektleder"):
        services.update_membership(only, Role.OBSERVER, None, False, "")

    make_membership(make_user(), network, Role.FACILITATOR)
    services.update_membership(only, Role.OBSERVER, None, False, "")
    db.session.commit()
    assert only.role is Role.OBSERVER


def test_removing_the_team_contact_leaves_the_team_without_one(network, make_team, make_user, make_membership):
    team = make_team(network)
    member = make_user()
    membership = make_membership(member, network, Role.TEAM_MEMBER, team)
    team.contact_user_id = member.id
    db.session.commit()

    services.remove_membership(membership)
    db.session.commit()

    assert team.contact_user_id is None
    assert db.session.get(Membership, membership.id) is None


def test_a_person_starts_where_their_roles_are(network, make_network, make_team, make_user, make_membership):
    team = make_team(network)
    member, leader, admin, both = make_user(), make_user(), make_user(is_admin=True), make_user()
    make_membership(member, network, Role.TEAM_MEMBER, team)
    make_membership(leader, network, Role.FACILITATOR)
    make_membership(both, network, Role.OBSERVER)
    make_membership(both, make_network(), Role.OBSERVER)

    assert services.landing_for(member) == f"/team/{team.id}"
    assert services.landing_for(leader) == f"/nettverk/{network.id}"
    assert services.landing_for(admin) == "/admin/"
    assert services.landing_for(both) == "/nettverk"


def test_people_see_their_own_networks_and_admins_see_all(network, make_network, make_user, make_membership):
    other = make_network("Et annet nettverk")
    member = make_user()
    make_membership(member, other, Role.OBSERVER)

    assert [n.id for n in services.networks_for(member)] == [other.id]
    assert {n.id for n in services.networks_for(make_user(is_admin=True))} == {network.id, other.id}
