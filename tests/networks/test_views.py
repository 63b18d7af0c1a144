from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, AuthActions
from tests.pages import field_error, field_value, links_in, location, path_of, text
from verksted.accounts.models import User
from verksted.extensions import db
from verksted.networks.models import Membership, OrganisationMember, Role, Team

SAMI_TEAM = "Čáhppesjávri suohkan 🌿"
SAMI_NAME = "Máret Ánde Guttorm"


@pytest.fixture
def network(make_network):
    return make_network("Rekruttere og beholde", starts_on=date(2025, 9, 1), ends_on=date(2027, 6, 30))


@pytest.fixture
def leader(network, make_user, make_membership):
    user = make_user("prosjektleder@usht.example", "Sigrid Håland")
    make_membership(user, network, Role.FACILITATOR)
    return user


@pytest.fixture
def as_leader(client, login, leader):
    return login(client, leader)


@pytest.fixture
def team(network, make_team):
    return make_team(network, "Fjordvik kommune", municipality_number="9901")


def network_form(**changes):
    return {
        "name": "Rekruttere og beholde",
        "description": "Seks kommuner arbeider med **rekruttering**.",
        "owner_organisation": "Utviklingssenteret og KS",
        "starts_on": "01.09.2025",
        "ends_on": "30.06.2027",
        "main_goal": "Kommunene rekrutterer og beholder planmessig.",
        "goals": "Oppdatert kompetanseplan\n\nFlere i heltid\nLedere med oversikt",
        **changes,
    }


def invitation_link(outbox, address) -> str:
    (message,) = outbox.to(address)
    (link,) = [link for link in links_in(message) if "/invitasjon/" in link]
    return path_of(link)


# --- networks ---------------------------------------------------------------------------


def test_an_admin_creates_a_network_with_goals_and_invites_its_project_leader(client, login, make_user, outbox):
    login(client, make_user(is_admin=True))

    response = client.post("/admin/nettverk/nytt", data=network_form(
        leader_email="Sigrid@USHT.example", leader_name="Sigrid Håland"), follow_redirects=True)

    assert response.request.path.startswith("/nettverk/")
    page = text(response)
    assert "Nettverket er opprettet, og Sigrid@USHT.example er invitert som prosjektleder." in page
    assert "Oppdatert kompetanseplan Flere i heltid Ledere med oversikt" in page
    assert "1. september 2025 – 30. juni 2027" in page
    assert "<strong>rekruttering</strong>" in response.get_data(as_text=True)
    (message,) = outbox.to("sigrid@usht.example")
    assert "Rolle: Prosjektleder." in message.get_content()


def test_a_new_network_ending_before_it_starts_is_refused_and_nothing_is_sent(client, login, make_user, outbox):
    login(client, make_user(is_admin=True))

    response = client.post("/admin/nettverk/nytt", data=network_form(
        name="Baklengs nettverk", starts_on="01.09.2026", ends_on="31.08.2026", leader_email="sigrid@usht.example"))

    assert response.status_code == 422
    assert field_error(response, "ends_on") == "Sluttdatoen kan ikke være før startdatoen."
    assert field_value(response, "name") == "Baklengs nettverk"
    assert "Baklengs nettverk" not in text(client.get("/admin/"))
    assert len(outbox) == 0


def test_the_project_leader_edits_the_network_and_its_goals(as_leader, network):
    edit = as_leader.get(f"/nettverk/{network.id}/rediger")
    assert field_value(edit, "name") == "Rekruttere og beholde"

    response = as_leader.post(f"/nettverk/{network.id}/rediger", data=network_form(
        name="Rekruttere, utvikle og beholde", goals="Bare ett delmål"), follow_redirects=True)

    assert "Nettverket er lagret." in text(response)
    assert "Rekruttere, utvikle og beholde" in text(response)
    assert "Bare ett delmål" in text(response)
    assert "Oppdatert kompetanseplan" not in text(response)
    assert field_value(as_leader.get(f"/nettverk/{network.id}/rediger"), "goals") == "Bare ett delmål"


def test_a_network_ending_before_it_starts_is_refused_next_to_the_end_date(as_leader, network):
    response = as_leader.post(f"/nettverk/{network.id}/rediger", data=network_form(
        name="Nytt navn som ikke lagres", starts_on="01.09.2026", ends_on="31.08.2026"))

    assert response.status_code == 422
    assert field_error(response, "ends_on") == "Sluttdatoen kan ikke være før startdatoen."
    assert field_value(response, "name") == "Nytt navn som ikke lagres"
    assert "Rekruttere og beholde" in text(as_leader.get(f"/nettverk/{network.id}"))


def test_a_date_that_is_not_a_date_is_explained(as_leader, network):
    response = as_leader.post(f"/nettverk/{network.id}/rediger", data=network_form(starts_on="første september"))

    assert response.status_code == 422
    assert "Skriv datoen som dd.mm.åååå" in field_error(response, "starts_on")
    assert field_value(response, "starts_on") == "første september"


def test_too_long_goals_are_refused_and_kept_for_shortening(as_leader, network):
    goals = "x" * 5001

    response = as_leader.post(f"/nettverk/{network.id}/rediger", data=network_form(goals=goals))

    assert response.status_code == 422
    assert field_error(response, "goals") == "Teksten kan være høyst 5000 tegn."
    assert field_value(response, "goals") == goals


# --- organisation -----------------------------------------------------------------------


def org_rows(response) -> list[str]:
    body = response.get_data(as_text=True)
    return [name for name in ("Anne Leder", "Rune Medlem", "Knut Rådgiver") if name in body]


def test_the_project_leader_adds_edits_moves_and_removes_organisation_members(as_leader, network):
    url = f"/nettverk/{network.id}/organisasjon"
    for name, role in (("Anne Leder", "Leder"), ("Rune Medlem", "Medlem")):
        response = as_leader.post(url, data={"group": "steering", "name": name, "role": role, "organisation": "KS"},
                                  follow_redirects=True)
        assert f"{name} er lagt til." in text(response)
    network_page = text(as_leader.get(f"/nettverk/{network.id}"))
    assert "Styringsgruppe Anne Leder, leder – KS Rune Medlem, medlem – KS" in network_page

    with as_leader.application.app_context():
        ids = dict(db.session.execute(sa.select(OrganisationMember.name, OrganisationMember.id)).all())
    anne_id, rune_id = ids["Anne Leder"], ids["Rune Medlem"]
    as_leader.post(f"/organisasjon/{rune_id}/flytt/opp")
    page = text(as_leader.get(f"/nettverk/{network.id}"))
    assert page.index("Rune Medlem") < page.index("Anne Leder")

    response = as_leader.post(f"/organisasjon/{anne_id}/rediger", data={
        "group": "working", "name": "Anne Leder", "role": "Rådgiver", "organisation": "Statsforvalteren"},
        follow_redirects=True)
    assert "Endringen er lagret." in text(response)
    assert "Arbeidsgruppe Anne Leder, rådgiver – Statsforvalteren" in text(as_leader.get(f"/nettverk/{network.id}"))

    response = as_leader.post(f"/organisasjon/{rune_id}/slett", follow_redirects=True)
    assert "Rune Medlem er fjernet." in text(response)
    assert "Rune Medlem" not in text(as_leader.get(f"/nettverk/{network.id}"))


def test_an_organisation_member_needs_a_plain_name_of_reasonable_length(as_leader, network):
    url = f"/nettverk/{network.id}/organisasjon"
    long_name = "Å" * 121

    too_long = as_leader.post(url, data={"group": "steering", "name": long_name})
    html = as_leader.post(url, data={"group": "steering", "name": "<b>Fet</b>"})
    empty = as_leader.post(url, data={"group": "steering", "name": "   "})

    assert too_long.status_code == html.status_code == empty.status_code == 422
    assert field_error(too_long, "name") == "Teksten kan være høyst 120 tegn."
    assert field_value(too_long, "name") == long_name
    assert field_error(html, "name") == "Feltet kan ikke inneholde tegnene < og >."
    assert field_error(empty, "name") == "Dette feltet må fylles ut."


def test_moving_an_organisation_member_a_direction_that_does_not_exist_is_a_bad_request(as_leader, network,
                                                                                        make_org_member):
    member = make_org_member(network)

    assert as_leader.post(f"/organisasjon/{member.id}/flytt/sidelengs").status_code == 400


# --- teams ------------------------------------------------------------------------------


def test_the_project_leader_creates_a_team(as_leader, network):
    response = as_leader.post(f"/nettverk/{network.id}/team/nytt",
                              data={"municipality": " Fjordvik kommune ", "municipality_number": "9901"},
                              follow_redirects=True)

    assert response.request.path.startswith("/team/")
    assert "Teamet for Fjordvik kommune er opprettet. Inviter medlemmene nå." in text(response)
    assert "Kommunenummer 9901" in text(response)
    assert "Fjordvik kommune" in text(as_leader.get(f"/nettverk/{network.id}"))


def test_a_municipality_already_in_the_network_is_refused_whatever_the_case(as_leader, network, team):
    response = as_leader.post(f"/nettverk/{network.id}/team/nytt", data={"municipality": "fjordvik KOMMUNE"})

    assert response.status_code == 422
    assert field_error(response, "municipality") == "fjordvik KOMMUNE har allerede et team i dette nettverket."
    assert field_value(response, "municipality") == "fjordvik KOMMUNE"


@pytest.mark.parametrize("number", ["123", "12345", "12a4", "46 01"])
def test_a_municipality_number_has_four_digits(as_leader, network, number):
    response = as_leader.post(f"/nettverk/{network.id}/team/nytt",
                              data={"municipality": "Fjordvik kommune", "municipality_number": number})

    assert response.status_code == 422
    assert field_error(response, "municipality_number") == "Kommunenummeret har fire sifre, for eksempel 4601."
    assert field_value(response, "municipality_number") == number.strip()


def test_html_in_a_municipality_name_is_refused_and_shown_back_harmlessly(as_leader, network):
    typed = "<script>alert('hei')</script> kommune"

    response = as_leader.post(f"/nettverk/{network.id}/team/nytt", data={"municipality": typed})

    assert response.status_code == 422
    assert field_error(response, "municipality") == "Feltet kan ikke inneholde tegnene < og >."
    assert field_value(response, "municipality") == typed
    assert "<script>alert" not in response.get_data(as_text=True)


def test_a_municipality_name_of_121_characters_is_refused(as_leader, network):
    typed = "Č" * 121

    response = as_leader.post(f"/nettverk/{network.id}/team/nytt", data={"municipality": typed})

    assert response.status_code == 422
    assert field_error(response, "municipality") == "Teksten kan være høyst 120 tegn."
    assert field_value(response, "municipality") == typed


def test_a_team_is_renamed_and_given_a_contact_among_its_members(as_leader, load, team, network, make_user,
                                                                 make_membership):
    member = make_user(name="Ingrid Solberg")
    make_membership(member, network, Role.TEAM_MEMBER, team)

    response = as_leader.post(f"/team/{team.id}/rediger", data={
        "municipality": "Fjordvik herad", "municipality_number": "", "contact_user_id": str(member.id)},
        follow_redirects=True)

    assert "Teamet er lagret." in text(response)
    assert "Fjordvik herad" in text(response)
    assert load(Team, team.id).contact_user_id == member.id
    assert "Ingrid Solberg" in text(as_leader.get(f"/nettverk/{network.id}"))


def test_a_withdrawn_team_stays_listed_with_date_and_reason_and_can_come_back(as_leader, network, team):
    reason = "Langvarig sykefravær hos gruppeleder."

    response = as_leader.post(f"/team/{team.id}/trekk-ut", data={"withdrawn_on": "16.03.2026", "reason": reason},
                              follow_redirects=True)

    assert "Fjordvik kommune er merket som trukket ut." in text(response)
    assert f"Teamet trakk seg 16. mars 2026 {reason}" in text(response)
    page = text(as_leader.get(f"/nettverk/{network.id}"))
    assert f"Team som har trukket seg Fjordvik kommune – trukket seg 16. mars 2026: {reason}" in page

    response = as_leader.post(f"/team/{team.id}/gjenaktiver", follow_redirects=True)

    assert "Fjordvik kommune er aktiv igjen." in text(response)
    page = text(as_leader.get(f"/nettverk/{network.id}"))
    assert "Team som har trukket seg" not in page
    assert "Fjordvik kommune" in page


def test_withdrawing_needs_a_date_and_a_reason(as_leader, team):
    response = as_leader.post(f"/team/{team.id}/trekk-ut", data={"withdrawn_on": "", "reason": ""})

    assert response.status_code == 422
    assert field_error(response, "withdrawn_on") == "Skriv datoen teamet trakk seg."
    assert field_error(response, "reason") == "Skriv hvorfor teamet trakk seg. Årsaken blir stående i rapporten."


def test_withdrawing_before_the_network_started_is_refused_next_to_the_date(as_leader, team):
    response = as_leader.post(f"/team/{team.id}/trekk-ut", data={"withdrawn_on": "2025-08-31", "reason": "Tidlig."})

    assert response.status_code == 422
    assert field_error(response, "withdrawn_on") == "Datoen kan ikke være før nettverket startet."
    assert field_value(response, "reason") == "Tidlig."


# --- invitations ------------------------------------------------------------------------


def invite(client, network, email, role="team_member", team=None, name="", **extra):
    data = {"email": email, "name": name, "role": role, "team_id": str(team.id if team else 0), **extra}
    return client.post(f"/nettverk/{network.id}/inviter", data=data)


def test_a_new_person_accepts_an_invitation_and_lands_on_the_team_page(app, as_leader, network, team, outbox, load):
    response = invite(as_leader, network, "ny@fjordvik.kommune.example", team=team, name="Nora Ny",
                      is_group_leader="y", team_role="Sykepleier")
    assert location(response) == f"/team/{team.id}"
    assert "Nora Ny (ny@fjordvik.kommune.example)" in text(as_leader.get(f"/team/{team.id}"))
    link = invitation_link(outbox, "ny@fjordvik.kommune.example")
    newcomer = app.test_client()

    page = newcomer.get(link)
    assert "Du er invitert som teammedlem i Fjordvik kommune." in text(page)
    assert field_value(page, "name") == "Nora Ny"
    response = newcomer.post(link, data={"name": "Nora Nyberg", "password": "et-helt-nytt-passord",
                                         "confirm": "et-helt-nytt-passord"}, follow_redirects=True)

    assert response.request.path == f"/team/{team.id}"
    assert "Kontoen din er opprettet. Velkommen til Rekruttere og beholde." in text(response)
    assert "Nora Nyberg Gruppeleder Sykepleier ny@fjordvik.kommune.example" in text(response)
    assert AuthActions(app.test_client()).login("ny@fjordvik.kommune.example", "et-helt-nytt-passord").status_code == 302


def test_a_new_account_needs_a_good_password(app, network, team, make_invitation):
    invitation = make_invitation(network, team=team)

    response = app.test_client().post(f"/invitasjon/{invitation.token}",
                                      data={"name": "Nora", "password": "kort", "confirm": "kort"})

    assert response.status_code == 422
    assert "Passordet må ha mellom 10 og 200 tegn." in field_error(response, "password")


def test_someone_with_an_account_signs_in_to_accept_and_gets_a_second_role(app, network, make_network, make_user,
                                                                           make_membership, make_invitation):
    other = make_network("Heltidskultur i praksis")
    person = make_user("kari@fjordvik.kommune.example", "Kari Nordmann")
    make_membership(person, other, Role.FACILITATOR)
    invitation = make_invitation(network, person.email, Role.OBSERVER)
    client = app.test_client()
    link = f"/invitasjon/{invitation.token}"

    page = client.get(link)
    assert "Det finnes allerede en konto for kari@fjordvik.kommune.example." in text(page)
    assert f'href="/logg-inn?next=/invitasjon/{invitation.token}"' in page.get_data(as_text=True).replace("%2F", "/")
    response = client.post(f"/logg-inn?next={link}", data={"email": person.email, "password": PASSWORD})
    assert location(response) == link
    assert "Ta imot invitasjonen" in text(client.get(link))
    response = client.post(link, follow_redirects=True)

    assert "Velkommen til Rekruttere og beholde." in text(response)
    assert response.request.path == "/nettverk"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
        roles = db.session.execute(sa.select(Membership.network_id, Membership.role).where(
            Membership.user_id == person.id)).all()
    assert sorted(roles) == sorted([(network.id, Role.OBSERVER), (other.id, Role.FACILITATOR)])


def test_a_used_link_does_not_work_again(app, network, team, make_invitation):
    invitation = make_invitation(network, team=team)
    client = app.test_client()
    client.post(f"/invitasjon/{invitation.token}", data={"name": "Nora", "password": "et-helt-nytt-passord",
                                                         "confirm": "et-helt-nytt-passord"})

    response = app.test_client().get(f"/invitasjon/{invitation.token}")

    assert response.status_code == 410
    assert "Denne invitasjonen er allerede brukt." in text(response)


def test_an_expired_link_says_so(client, network, team, make_invitation):
    invitation = make_invitation(network, team=team, valid_for=-timedelta(minutes=1))

    response = client.get(f"/invitasjon/{invitation.token}")

    assert response.status_code == 410
    assert "Invitasjonen er utløpt. Be prosjektlederen sende den på nytt." in text(response)


def test_a_revoked_link_says_so(app, as_leader, network, team, make_invitation):
    invitation = make_invitation(network, team=team)

    response = as_leader.post(f"/invitasjoner/{invitation.id}/trekk-tilbake", follow_redirects=True)

    assert f"Invitasjonen til {invitation.email} er trukket tilbake." in text(response)
    assert "Trukket tilbake" in text(response)
    link = app.test_client().get(f"/invitasjon/{invitation.token}")
    assert link.status_code == 410
    assert "Denne invitasjonen er trukket tilbake." in text(link)


def test_sending_an_invitation_again_replaces_the_link(app, as_leader, network, team, make_invitation, outbox):
    invitation = make_invitation(network, team=team)

    response = as_leader.post(f"/invitasjoner/{invitation.id}/send-igjen", follow_redirects=True)

    assert "Den gamle lenken virker ikke lenger." in text(response)
    assert app.test_client().get(f"/invitasjon/{invitation.token}").status_code == 410
    assert app.test_client().get(invitation_link(outbox, invitation.email)).status_code == 200


@pytest.mark.parametrize("who", ["member", "invited"])
def test_inviting_someone_already_there_is_explained_at_the_address(as_leader, network, team, leader,
                                                                    make_invitation, who):
    address = leader.email if who == "member" else make_invitation(network, team=team).email

    response = invite(as_leader, network, address.upper(), role="observer")

    assert response.status_code == 422
    message = field_error(response, "email")
    assert address in message
    assert ("allerede med i dette nettverket" if who == "member" else "allerede invitert") in message
    assert field_value(response, "email") == address.upper()


def test_a_team_member_must_be_invited_to_a_team(as_leader, network):
    response = invite(as_leader, network, "ny@kommune.example", role="team_member", team=None)

    assert response.status_code == 422
    assert field_error(response, "team_id") == "Velg hvilket kommuneteam personen skal være med i."


def test_an_invalid_address_is_explained(as_leader, network, team):
    response = invite(as_leader, network, "ikke-en-adresse", team=team)

    assert response.status_code == 422
    assert field_error(response, "email") == "Skriv en gyldig e-postadresse, som navn@kommune.no."


def test_sami_letters_and_emoji_survive_to_the_pages_and_the_email(app, as_leader, network, outbox):
    response = as_leader.post(f"/nettverk/{network.id}/team/nytt", data={"municipality": SAMI_TEAM},
                              follow_redirects=True)
    team_id = int(response.request.path.rsplit("/", 1)[1])
    with app.app_context():
        team = db.session.get(Team, team_id)
        db.session.expunge(team)
    invite(as_leader, network, "maret@svartvatn.kommune.example", team=team, name=SAMI_NAME)

    (message,) = outbox.to("maret@svartvatn.kommune.example")
    assert message["To"].addresses[0].display_name == SAMI_NAME
    body = message.get_content()
    assert f"Hei {SAMI_NAME}," in body
    assert f"Rolle: Teammedlem i {SAMI_TEAM}." in body
    assert SAMI_TEAM in text(as_leader.get(f"/nettverk/{network.id}"))

    newcomer = app.test_client()
    response = newcomer.post(invitation_link(outbox, "maret@svartvatn.kommune.example"), data={
        "name": SAMI_NAME, "password": "et-helt-nytt-passord", "confirm": "et-helt-nytt-passord"},
        follow_redirects=True)
    assert f"{SAMI_TEAM}" in text(response)
    assert SAMI_NAME in text(response)
    assert SAMI_NAME in text(as_leader.get(f"/nettverk/{network.id}/personer"))


# --- people and roles -------------------------------------------------------------------


def test_the_people_page_lists_everyone_by_role_with_addresses(as_leader, network, team, make_user, make_membership,
                                                               make_invitation):
    member = make_user("ingrid@fjordvik.kommune.example", "Ingrid Solberg")
    make_membership(member, network, Role.TEAM_MEMBER, team, is_group_leader=True, team_role="Enhetsleder")
    make_invitation(network, "ny@fjordvik.kommune.example", Role.TEAM_MEMBER, team, name="Nora Ny")

    page = text(as_leader.get(f"/nettverk/{network.id}/personer"))

    assert "Prosjektleder (1) Navn E-post Handlinger Sigrid Håland prosjektleder@usht.example" in page
    assert "Ingrid Solberg Gruppeleder ingrid@fjordvik.kommune.example Fjordvik kommune Enhetsleder" in page
    assert "Nora Ny ny@fjordvik.kommune.example Teammedlem i Fjordvik kommune" in page


def test_the_project_leader_changes_a_persons_role(as_leader, network, team, make_user, make_membership, load):
    member = make_user(name="Ingrid Solberg")
    membership = make_membership(member, network, Role.TEAM_MEMBER, team)

    response = as_leader.post(f"/medlemskap/{membership.id}/rediger",
                              data={"role": "observer", "team_id": "0", "team_role": ""}, follow_redirects=True)

    assert "Rollen til Ingrid Solberg er lagret." in text(response)
    changed = load(Membership, membership.id)
    assert (changed.role, changed.team_id) == (Role.OBSERVER, None)


def test_the_last_project_leader_cannot_be_removed(as_leader, network, leader, load):
    with as_leader.application.app_context():
        own = db.session.scalar(sa.select(Membership.id).where(Membership.user_id == leader.id))

    response = as_leader.post(f"/medlemskap/{own}/fjern", follow_redirects=True)

    assert "Nettverket må ha minst én prosjektleder. Inviter en ny prosjektleder først." in text(response)
    assert load(Membership, own) is not None


def test_a_removed_member_loses_access(app, as_leader, network, team, make_user, make_membership, login, load):
    member = make_user(name="Ingrid Solberg")
    membership = make_membership(member, network, Role.TEAM_MEMBER, team)
    their_client = login(app.test_client(), member)
    assert their_client.get(f"/team/{team.id}").status_code == 200

    response = as_leader.post(f"/medlemskap/{membership.id}/fjern", follow_redirects=True)

    assert "Ingrid Solberg er fjernet fra nettverket." in text(response)
    assert their_client.get(f"/team/{team.id}").status_code == 404
