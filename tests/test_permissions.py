"""Every route, every kind of visitor: who gets in, who is told no, who is not told anything.

The table below is the product's access rule written out. A new route fails
`test_every_route_is_in_the_table` until it is added here with its answers.
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import VISITORS
from tests.pages import text

OK = "ok"  # the page (200), a redirect onwards (302, not to sign-in) or the form's own complaint (422)
LOGIN = "login"  # sent to /logg-inn, with the way back in ?next=
FORBIDDEN = 403  # may know the thing exists, may not do this
NOT_FOUND = 404  # may not know it exists
GONE = 410  # a link that does not work (the token routes, with a bogus token)
SIGNED_OUT = "signed out"  # sent to /logg-inn without ?next=
UNAUTHORIZED = 401  # a script's request without a session: told in JSON, not sent to sign in
BAD_REQUEST = 400

# For each role, in the order of VISITORS:
#   anonymous, other team member, team member, observer, other network's facilitator, facilitator, admin
PUBLIC = (OK,) * 7
GONE_FOR_ALL = (GONE,) * 7
NOT_FOUND_FOR_ALL = (NOT_FOUND,) * 7  # a secret calendar address that does not exist
SIGNED_IN = (LOGIN, OK, OK, OK, OK, OK, OK)
VIEW_NETWORK = (LOGIN, OK, OK, OK, NOT_FOUND, OK, OK)
VIEW_TEAM = (LOGIN, FORBIDDEN, OK, OK, NOT_FOUND, OK, OK)
VIEW_PEOPLE = (LOGIN, FORBIDDEN, FORBIDDEN, OK, NOT_FOUND, OK, OK)
MANAGE = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, OK)
ADMIN_ONLY = (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)
REGISTER_TEAM = (LOGIN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, OK, OK)  # team X's gruppeleder
VIEW_REGISTRATIONS = (LOGIN, FORBIDDEN, OK, OK, NOT_FOUND, OK, OK)  # team X hosts the gathering
EDIT_SUBMISSION = (LOGIN, FORBIDDEN, OK, FORBIDDEN, NOT_FOUND, FORBIDDEN, OK)  # team X's own members
# The editor's script: signed out is told so (401); an empty body from one who may write is refused (400).
AUTOSAVE = (UNAUTHORIZED, FORBIDDEN, BAD_REQUEST, FORBIDDEN, NOT_FOUND, FORBIDDEN, BAD_REQUEST)

# The presenter's screen's script: signed out is told so in JSON (401), not sent to sign in.
LIVE_SCREEN = (UNAUTHORIZED, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK, OK)
# Hiding a word: the world's poll has no word cloud, so a leader is told there is no such word.
NO_WORD_CLOUD = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# The world's report has no logo: a reader is told there is none (404), like anyone else.
REPORT_WITHOUT_LOGO = (LOGIN, FORBIDDEN, FORBIDDEN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Importing an archive makes a new network: for those who lead one (here or elsewhere) and admins.
IMPORT_NETWORKS = (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, OK)

# (rule, method) -> (how to fill in the rule from the world, answers per visitor)
RULES = {
    ("/logg-inn", "GET"): (lambda w: "/logg-inn", PUBLIC),
    ("/logg-inn", "POST"): (lambda w: "/logg-inn", PUBLIC),
    ("/logg-ut", "POST"): (lambda w: "/logg-ut", (LOGIN,) + (SIGNED_OUT,) * 6),
    ("/glemt-passord", "GET"): (lambda w: "/glemt-passord", PUBLIC),
    ("/glemt-passord", "POST"): (lambda w: "/glemt-passord", PUBLIC),
    ("/nytt-passord/<token>", "GET"): (lambda w: "/nytt-passord/ikke-en-ekte-lenke", GONE_FOR_ALL),
    ("/nytt-passord/<token>", "POST"): (lambda w: "/nytt-passord/ikke-en-ekte-lenke", GONE_FOR_ALL),
    ("/profil", "GET"): (lambda w: "/profil", SIGNED_IN),
    ("/profil", "POST"): (lambda w: "/profil", SIGNED_IN),
    ("/profil/passord", "POST"): (lambda w: "/profil/passord", SIGNED_IN),
    ("/sprak", "POST"): (lambda w: "/sprak", PUBLIC),
    # Answering a live poll: public, no account. The answer from a browser that never joined is
    # refused with the form shown again (422); choosing a municipality without joining goes back to the poll.
    ("/svar", "GET"): (lambda w: "/svar", PUBLIC),
    ("/svar", "POST"): (lambda w: "/svar", PUBLIC),
    ("/svar/<code>", "GET"): (lambda w: f"/svar/{w.poll.code}", PUBLIC),
    ("/svar/<code>/sporsmal/<int:question_id>", "POST"): (
        lambda w: f"/svar/{w.poll.code}/sporsmal/{w.poll_question.id}", PUBLIC),
    ("/svar/<code>/kommune", "POST"): (lambda w: f"/svar/{w.poll.code}/kommune", PUBLIC),
    ("/svar/<code>/status", "GET"): (lambda w: f"/svar/{w.poll.code}/status", PUBLIC),
    ("/", "GET"): (lambda w: "/", SIGNED_IN),
    ("/nettverk", "GET"): (lambda w: "/nettverk", SIGNED_IN),
    ("/nettverk/<int:network_id>", "GET"): (lambda w: f"/nettverk/{w.network.id}", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/rediger", "GET"): (lambda w: f"/nettverk/{w.network.id}/rediger", MANAGE),
    ("/nettverk/<int:network_id>/rediger", "POST"): (lambda w: f"/nettverk/{w.network.id}/rediger", MANAGE),
    ("/nettverk/<int:network_id>/organisasjon", "GET"): (lambda w: f"/nettverk/{w.network.id}/organisasjon", MANAGE),
    ("/nettverk/<int:network_id>/organisasjon", "POST"): (lambda w: f"/nettverk/{w.network.id}/organisasjon", MANAGE),
    ("/organisasjon/<int:member_id>/rediger", "GET"): (lambda w: f"/organisasjon/{w.org_member.id}/rediger", MANAGE),
    ("/organisasjon/<int:member_id>/rediger", "POST"): (lambda w: f"/organisasjon/{w.org_member.id}/rediger", MANAGE),
    ("/organisasjon/<int:member_id>/flytt/<direction>", "POST"): (
        lambda w: f"/organisasjon/{w.org_member.id}/flytt/ned", MANAGE),
    ("/organisasjon/<int:member_id>/slett", "POST"): (lambda w: f"/organisasjon/{w.org_member.id}/slett", MANAGE),
    ("/nettverk/<int:network_id>/team/nytt", "GET"): (lambda w: f"/nettverk/{w.network.id}/team/nytt", MANAGE),
    ("/nettverk/<int:network_id>/team/nytt", "POST"): (lambda w: f"/nettverk/{w.network.id}/team/nytt", MANAGE),
    ("/team/<int:team_id>", "GET"): (lambda w: f"/team/{w.team_x.id}", VIEW_TEAM),
    ("/team/<int:team_id>/rediger", "GET"): (lambda w: f"/team/{w.team_x.id}/rediger", MANAGE),
    ("/team/<int:team_id>/rediger", "POST"): (lambda w: f"/team/{w.team_x.id}/rediger", MANAGE),
    ("/team/<int:team_id>/trekk-ut", "GET"): (lambda w: f"/team/{w.team_x.id}/trekk-ut", MANAGE),
    ("/team/<int:team_id>/trekk-ut", "POST"): (lambda w: f"/team/{w.team_x.id}/trekk-ut", MANAGE),
    ("/team/<int:team_id>/gjenaktiver", "POST"): (lambda w: f"/team/{w.team_x.id}/gjenaktiver", MANAGE),
    ("/nettverk/<int:network_id>/personer", "GET"): (lambda w: f"/nettverk/{w.network.id}/personer", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/inviter", "GET"): (lambda w: f"/nettverk/{w.network.id}/inviter", MANAGE),
    ("/nettverk/<int:network_id>/inviter", "POST"): (lambda w: f"/nettverk/{w.network.id}/inviter", MANAGE),
    ("/invitasjoner/<int:invitation_id>/send-igjen", "POST"): (
        lambda w: f"/invitasjoner/{w.invitation.id}/send-igjen", MANAGE),
    ("/invitasjoner/<int:invitation_id>/trekk-tilbake", "POST"): (
        lambda w: f"/invitasjoner/{w.invitation.id}/trekk-tilbake", MANAGE),
    ("/invitasjon/<token>", "GET"): (lambda w: "/invitasjon/ikke-en-ekte-lenke", GONE_FOR_ALL),
    ("/invitasjon/<token>", "POST"): (lambda w: "/invitasjon/ikke-en-ekte-lenke", GONE_FOR_ALL),
    ("/medlemskap/<int:membership_id>/rediger", "GET"): (
        lambda w: f"/medlemskap/{w.memberships.team_member.id}/rediger", MANAGE),
    ("/medlemskap/<int:membership_id>/rediger", "POST"): (
        lambda w: f"/medlemskap/{w.memberships.team_member.id}/rediger", MANAGE),
    ("/medlemskap/<int:membership_id>/fjern", "POST"): (
        lambda w: f"/medlemskap/{w.memberships.team_member.id}/fjern", MANAGE),
    ("/nettverk/<int:network_id>/plan", "GET"): (lambda w: f"/nettverk/{w.network.id}/plan", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/plan.pdf", "GET"): (lambda w: f"/nettverk/{w.network.id}/plan.pdf", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/tidslinje", "GET"): (lambda w: f"/nettverk/{w.network.id}/tidslinje", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/milepaeler/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/milepaeler/ny", MANAGE),
    ("/nettverk/<int:network_id>/milepaeler/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/milepaeler/ny", MANAGE),
    ("/milepaeler/<int:milestone_id>", "GET"): (lambda w: f"/milepaeler/{w.milestone.id}", VIEW_NETWORK),
    ("/milepaeler/<int:milestone_id>/status", "POST"): (lambda w: f"/milepaeler/{w.milestone.id}/status", MANAGE),
    ("/milepaeler/<int:milestone_id>/rediger", "GET"): (lambda w: f"/milepaeler/{w.milestone.id}/rediger", MANAGE),
    ("/milepaeler/<int:milestone_id>/rediger", "POST"): (lambda w: f"/milepaeler/{w.milestone.id}/rediger", MANAGE),
    ("/milepaeler/<int:milestone_id>/flytt/<direction>", "POST"): (
        lambda w: f"/milepaeler/{w.milestone.id}/flytt/ned", MANAGE),
    ("/milepaeler/<int:milestone_id>/slett", "POST"): (lambda w: f"/milepaeler/{w.milestone.id}/slett", MANAGE),
    ("/statusendringer/<int:change_id>/slett", "POST"): (
        lambda w: f"/statusendringer/{w.status_change.id}/slett", MANAGE),
    ("/nettverk/<int:network_id>/risikoer", "GET"): (lambda w: f"/nettverk/{w.network.id}/risikoer", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/risikoer/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/risikoer/ny", MANAGE),
    ("/nettverk/<int:network_id>/risikoer/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/risikoer/ny", MANAGE),
    ("/risikoer/<int:risk_id>/rediger", "GET"): (lambda w: f"/risikoer/{w.risk.id}/rediger", MANAGE),
    ("/risikoer/<int:risk_id>/rediger", "POST"): (lambda w: f"/risikoer/{w.risk.id}/rediger", MANAGE),
    ("/risikoer/<int:risk_id>/slett", "POST"): (lambda w: f"/risikoer/{w.risk.id}/slett", MANAGE),
    ("/nettverk/<int:network_id>/hovedaktiviteter", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/hovedaktiviteter", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/hovedaktiviteter/ny", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/hovedaktiviteter/ny", MANAGE),
    ("/nettverk/<int:network_id>/hovedaktiviteter/ny", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/hovedaktiviteter/ny", MANAGE),
    ("/hovedaktiviteter/<int:activity_id>/rediger", "GET"): (lambda w: f"/hovedaktiviteter/{w.activity.id}/rediger", MANAGE),
    ("/hovedaktiviteter/<int:activity_id>/rediger", "POST"): (
        lambda w: f"/hovedaktiviteter/{w.activity.id}/rediger", MANAGE),
    ("/hovedaktiviteter/<int:activity_id>/flytt/<direction>", "POST"): (
        lambda w: f"/hovedaktiviteter/{w.activity.id}/flytt/ned", MANAGE),
    ("/hovedaktiviteter/<int:activity_id>/slett", "POST"): (lambda w: f"/hovedaktiviteter/{w.activity.id}/slett", MANAGE),
    ("/admin/", "GET"): (lambda w: "/admin/", ADMIN_ONLY),
    ("/admin/nettverk/nytt", "GET"): (lambda w: "/admin/nettverk/nytt", ADMIN_ONLY),
    ("/admin/nettverk/nytt", "POST"): (lambda w: "/admin/nettverk/nytt", ADMIN_ONLY),
    ("/admin/brukere", "GET"): (lambda w: "/admin/brukere", ADMIN_ONLY),
    ("/kalender/<token>.ics", "GET"): (lambda w: "/kalender/ikke-en-ekte-adresse.ics", NOT_FOUND_FOR_ALL),
    ("/samlinger/<int:gathering_id>.ics", "GET"): (lambda w: f"/samlinger/{w.gathering.id}.ics", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/kalender", "GET"): (lambda w: f"/nettverk/{w.network.id}/kalender", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/kalender/ny-adresse", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/kalender/ny-adresse", MANAGE),
    ("/profil/kalender/ny-adresse", "POST"): (lambda w: "/profil/kalender/ny-adresse", SIGNED_IN),
    ("/nettverk/<int:network_id>/samlinger", "GET"): (lambda w: f"/nettverk/{w.network.id}/samlinger", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/samlinger/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/samlinger/ny", MANAGE),
    ("/nettverk/<int:network_id>/samlinger/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/samlinger/ny", MANAGE),
    ("/samlinger/<int:gathering_id>", "GET"): (lambda w: f"/samlinger/{w.gathering.id}", VIEW_NETWORK),
    ("/samlinger/<int:gathering_id>/rediger", "GET"): (lambda w: f"/samlinger/{w.gathering.id}/rediger", MANAGE),
    ("/samlinger/<int:gathering_id>/rediger", "POST"): (lambda w: f"/samlinger/{w.gathering.id}/rediger", MANAGE),
    ("/samlinger/<int:gathering_id>/slett", "POST"): (lambda w: f"/samlinger/{w.gathering.id}/slett", MANAGE),
    ("/samlinger/<int:gathering_id>/program", "GET"): (lambda w: f"/samlinger/{w.gathering.id}/program", MANAGE),
    ("/samlinger/<int:gathering_id>/program", "POST"): (lambda w: f"/samlinger/{w.gathering.id}/program", MANAGE),
    ("/programpunkt/<int:item_id>/rediger", "GET"): (lambda w: f"/programpunkt/{w.programme_item.id}/rediger", MANAGE),
    ("/programpunkt/<int:item_id>/rediger", "POST"): (lambda w: f"/programpunkt/{w.programme_item.id}/rediger", MANAGE),
    ("/programpunkt/<int:item_id>/slett", "POST"): (lambda w: f"/programpunkt/{w.programme_item.id}/slett", MANAGE),
    ("/samlinger/<int:gathering_id>/oppsummering", "GET"): (
        lambda w: f"/samlinger/{w.gathering.id}/oppsummering", MANAGE),
    ("/samlinger/<int:gathering_id>/oppsummering", "POST"): (
        lambda w: f"/samlinger/{w.gathering.id}/oppsummering", MANAGE),
    ("/samlinger/<int:gathering_id>/pamelding/<int:team_id>", "GET"): (
        lambda w: f"/samlinger/{w.gathering.id}/pamelding/{w.team_x.id}", REGISTER_TEAM),
    ("/samlinger/<int:gathering_id>/pamelding/<int:team_id>", "POST"): (
        lambda w: f"/samlinger/{w.gathering.id}/pamelding/{w.team_x.id}", REGISTER_TEAM),
    ("/samlinger/<int:gathering_id>/oppmote", "GET"): (lambda w: f"/samlinger/{w.gathering.id}/oppmote", MANAGE),
    ("/samlinger/<int:gathering_id>/oppmote", "POST"): (lambda w: f"/samlinger/{w.gathering.id}/oppmote", MANAGE),
    ("/samlinger/<int:gathering_id>/deltakere", "GET"): (
        lambda w: f"/samlinger/{w.gathering.id}/deltakere", VIEW_REGISTRATIONS),
    ("/samlinger/<int:gathering_id>/deltakere.csv", "GET"): (
        lambda w: f"/samlinger/{w.gathering.id}/deltakere.csv", VIEW_REGISTRATIONS),
    ("/samlinger/<int:gathering_id>/deltakere.pdf", "GET"): (
        lambda w: f"/samlinger/{w.gathering.id}/deltakere.pdf", VIEW_REGISTRATIONS),
    ("/samlinger/<int:gathering_id>/filer", "GET"): (lambda w: f"/samlinger/{w.gathering.id}/filer", MANAGE),
    ("/samlinger/<int:gathering_id>/filer", "POST"): (lambda w: f"/samlinger/{w.gathering.id}/filer", MANAGE),
    ("/samlingsfiler/<int:file_id>", "GET"): (lambda w: f"/samlingsfiler/{w.gathering_file.id}", VIEW_NETWORK),
    ("/samlingsfiler/<int:file_id>/slett", "POST"): (lambda w: f"/samlingsfiler/{w.gathering_file.id}/slett", MANAGE),
    # Document templates: everyone in the network reads them; the project leader edits them.
    ("/nettverk/<int:network_id>/maler", "GET"): (lambda w: f"/nettverk/{w.network.id}/maler", VIEW_NETWORK),
    ("/maler/<int:template_id>", "GET"): (lambda w: f"/maler/{w.template.id}", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/maler/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/maler/ny", MANAGE),
    ("/nettverk/<int:network_id>/maler/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/maler/ny", MANAGE),
    ("/nettverk/<int:network_id>/maler/kopier", "GET"): (lambda w: f"/nettverk/{w.network.id}/maler/kopier", MANAGE),
    ("/nettverk/<int:network_id>/maler/kopier", "POST"): (lambda w: f"/nettverk/{w.network.id}/maler/kopier", MANAGE),
    ("/maler/<int:template_id>/rediger", "GET"): (lambda w: f"/maler/{w.template.id}/rediger", MANAGE),
    ("/maler/<int:template_id>/rediger", "POST"): (lambda w: f"/maler/{w.template.id}/rediger", MANAGE),
    ("/maler/<int:template_id>/arkiver", "POST"): (lambda w: f"/maler/{w.template.id}/arkiver", MANAGE),
    ("/maler/<int:template_id>/gjenopprett", "POST"): (lambda w: f"/maler/{w.template.id}/gjenopprett", MANAGE),
    ("/maler/<int:template_id>/deler/ny", "GET"): (lambda w: f"/maler/{w.template.id}/deler/ny", MANAGE),
    ("/maler/<int:template_id>/deler/ny", "POST"): (lambda w: f"/maler/{w.template.id}/deler/ny", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/rediger", "GET"): (
        lambda w: f"/maler/{w.template.id}/deler/s-plan/rediger", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/rediger", "POST"): (
        lambda w: f"/maler/{w.template.id}/deler/s-plan/rediger", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/flytt/<direction>", "POST"): (
        lambda w: f"/maler/{w.template.id}/deler/s-effektmal/flytt/ned", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/slett", "POST"): (
        lambda w: f"/maler/{w.template.id}/deler/s-plan/slett", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/felt/nytt", "GET"): (
        lambda w: f"/maler/{w.template.id}/deler/s-plan/felt/nytt", MANAGE),
    ("/maler/<int:template_id>/deler/<section_key>/felt/nytt", "POST"): (
        lambda w: f"/maler/{w.template.id}/deler/s-plan/felt/nytt", MANAGE),
    ("/maler/<int:template_id>/felt/<field_key>/rediger", "GET"): (
        lambda w: f"/maler/{w.template.id}/felt/f-tiltak/rediger", MANAGE),
    ("/maler/<int:template_id>/felt/<field_key>/rediger", "POST"): (
        lambda w: f"/maler/{w.template.id}/felt/f-tiltak/rediger", MANAGE),
    ("/maler/<int:template_id>/felt/<field_key>/flytt/<direction>", "POST"): (
        lambda w: f"/maler/{w.template.id}/felt/f-tiltak/flytt/opp", MANAGE),
    ("/maler/<int:template_id>/felt/<field_key>/slett", "POST"): (
        lambda w: f"/maler/{w.template.id}/felt/f-tiltak/slett", MANAGE),
    # Team X's submitted, unshared document: its team and the readers of everything.
    ("/dokumenter/<int:submission_id>.pdf", "GET"): (lambda w: f"/dokumenter/{w.submission.id}.pdf", VIEW_TEAM),
    ("/dokumenter/<int:submission_id>.docx", "GET"): (lambda w: f"/dokumenter/{w.submission.id}.docx", VIEW_TEAM),
    # Every team's documents at once: the project leader and observers.
    ("/innleveringer/<int:request_id>/samlet.pdf", "GET"): (
        lambda w: f"/innleveringer/{w.document_request.id}/samlet.pdf", VIEW_PEOPLE),
    ("/innleveringer/<int:request_id>/filer.zip", "GET"): (
        lambda w: f"/innleveringer/{w.document_request.id}/filer.zip", VIEW_PEOPLE),
    # Requests (innleveringer): every member sees the deadlines; the project leader asks, changes and extends.
    ("/nettverk/<int:network_id>/innleveringer", "GET"): (lambda w: f"/nettverk/{w.network.id}/innleveringer", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/innleveringer/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/innleveringer/ny", MANAGE),
    ("/nettverk/<int:network_id>/innleveringer/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/innleveringer/ny", MANAGE),
    ("/nettverk/<int:network_id>/innleveringer/serie", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/innleveringer/serie", MANAGE),
    ("/nettverk/<int:network_id>/innleveringer/serie", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/innleveringer/serie", MANAGE),
    ("/innleveringer/<int:request_id>", "GET"): (lambda w: f"/innleveringer/{w.document_request.id}", MANAGE),
    ("/innleveringer/<int:request_id>/rediger", "GET"): (lambda w: f"/innleveringer/{w.document_request.id}/rediger", MANAGE),
    ("/innleveringer/<int:request_id>/rediger", "POST"): (lambda w: f"/innleveringer/{w.document_request.id}/rediger", MANAGE),
    ("/innleveringer/<int:request_id>/slett", "POST"): (lambda w: f"/innleveringer/{w.document_request.id}/slett", MANAGE),
    ("/innleveringer/<int:request_id>/utsettelse/<int:team_id>", "GET"): (
        lambda w: f"/innleveringer/{w.document_request.id}/utsettelse/{w.team_x.id}", MANAGE),
    ("/innleveringer/<int:request_id>/utsettelse/<int:team_id>", "POST"): (
        lambda w: f"/innleveringer/{w.document_request.id}/utsettelse/{w.team_x.id}", MANAGE),
    ("/innleveringer/<int:request_id>/utsettelse/<int:team_id>/fjern", "POST"): (
        lambda w: f"/innleveringer/{w.document_request.id}/utsettelse/{w.team_x.id}/fjern", MANAGE),
    # Review: the leaders and observers read who has delivered what; only the project leader gives
    # feedback, marks, shares and keeps phrases. Everyone in the network reads what is shared.
    ("/nettverk/<int:network_id>/dokumenter/oversikt", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/dokumenter/oversikt", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/dokumenter/til-samlingen", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/dokumenter/til-samlingen", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/dokumenter/delt", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/dokumenter/delt", VIEW_NETWORK),
    ("/nettverk/<int:network_id>/dokumenter/paminnelser", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/dokumenter/paminnelser", MANAGE),
    ("/dokumenter/<int:submission_id>/kommenter", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/kommenter", MANAGE),
    ("/kommentarer/<int:comment_id>/slett", "POST"): (lambda w: f"/kommentarer/{w.comment.id}/slett", MANAGE),
    ("/dokumenter/<int:submission_id>/send-tilbake", "POST"): (
        lambda w: f"/dokumenter/{w.submission.id}/send-tilbake", MANAGE),
    ("/dokumenter/<int:submission_id>/godkjenn", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/godkjenn", MANAGE),
    ("/dokumenter/<int:submission_id>/merk/<mark>", "POST"): (
        lambda w: f"/dokumenter/{w.submission.id}/merk/godt-eksempel", MANAGE),
    ("/dokumenter/<int:submission_id>/del", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/del", MANAGE),
    ("/dokumenter/<int:submission_id>/slutt-a-dele", "POST"): (
        lambda w: f"/dokumenter/{w.submission.id}/slutt-a-dele", MANAGE),
    ("/innleveringer/<int:request_id>/del", "POST"): (lambda w: f"/innleveringer/{w.document_request.id}/del", MANAGE),
    ("/innleveringer/<int:request_id>/slutt-a-dele", "POST"): (
        lambda w: f"/innleveringer/{w.document_request.id}/slutt-a-dele", MANAGE),
    ("/nettverk/<int:network_id>/frasebank", "GET"): (lambda w: f"/nettverk/{w.network.id}/frasebank", MANAGE),
    ("/nettverk/<int:network_id>/frasebank", "POST"): (lambda w: f"/nettverk/{w.network.id}/frasebank", MANAGE),
    ("/fraser/<int:phrase_id>/rediger", "GET"): (lambda w: f"/fraser/{w.phrase.id}/rediger", MANAGE),
    ("/fraser/<int:phrase_id>/rediger", "POST"): (lambda w: f"/fraser/{w.phrase.id}/rediger", MANAGE),
    ("/fraser/<int:phrase_id>/flytt/<direction>", "POST"): (lambda w: f"/fraser/{w.phrase.id}/flytt/opp", MANAGE),
    ("/fraser/<int:phrase_id>/slett", "POST"): (lambda w: f"/fraser/{w.phrase.id}/slett", MANAGE),
    # The team's workspace: the team writes its own documents; leaders and observers read them.
    ("/team/<int:team_id>/dokumenter", "GET"): (lambda w: f"/team/{w.team_x.id}/dokumenter", VIEW_TEAM),
    ("/team/<int:team_id>/dokumenter/<int:request_id>/start", "POST"): (
        lambda w: f"/team/{w.team_x.id}/dokumenter/{w.document_request.id}/start", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>", "GET"): (lambda w: f"/dokumenter/{w.submission.id}", VIEW_TEAM),
    ("/dokumenter/<int:submission_id>/rediger", "GET"): (lambda w: f"/dokumenter/{w.submission.id}/rediger", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>/rediger", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/rediger", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>/send-inn", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/send-inn", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>/ta-tilbake", "POST"): (
        lambda w: f"/dokumenter/{w.submission.id}/ta-tilbake", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>/sammensla", "POST"): (
        lambda w: f"/dokumenter/{w.submission.id}/sammensla", EDIT_SUBMISSION),
    ("/dokumenter/<int:submission_id>/autolagre", "POST"): (lambda w: f"/dokumenter/{w.submission.id}/autolagre", AUTOSAVE),
    ("/dokumenter/forhandsvis", "POST"): (lambda w: "/dokumenter/forhandsvis", (UNAUTHORIZED,) + (OK,) * 6),
    ("/dokumenter/<int:submission_id>/historikk", "GET"): (lambda w: f"/dokumenter/{w.submission.id}/historikk", VIEW_TEAM),
    # Building polls and the evaluation template: project leaders; the list of polls: leaders and observers.
    ("/nettverk/<int:network_id>/avstemninger", "GET"): (lambda w: f"/nettverk/{w.network.id}/avstemninger", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/avstemninger/ny", "GET"): (lambda w: f"/nettverk/{w.network.id}/avstemninger/ny", MANAGE),
    ("/nettverk/<int:network_id>/avstemninger/ny", "POST"): (lambda w: f"/nettverk/{w.network.id}/avstemninger/ny", MANAGE),
    ("/avstemninger/<int:poll_id>", "GET"): (lambda w: f"/avstemninger/{w.poll.id}", MANAGE),
    ("/avstemninger/<int:poll_id>/innstillinger", "POST"): (lambda w: f"/avstemninger/{w.poll.id}/innstillinger", MANAGE),
    ("/avstemninger/<int:poll_id>/slett", "POST"): (lambda w: f"/avstemninger/{w.poll.id}/slett", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/ny", "GET"): (lambda w: f"/avstemninger/{w.poll.id}/sporsmal/ny?type=scale", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/ny", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/ny?type=scale", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/rediger", "GET"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/{w.poll_question.id}/rediger", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/rediger", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/{w.poll_question.id}/rediger", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/slett", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/{w.poll_question.id}/slett", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/flytt/<direction>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/{w.poll_question.id}/flytt/ned", MANAGE),
    ("/avstemninger/<int:poll_id>/sporsmal/<int:question_id>/program", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/sporsmal/{w.poll_question.id}/program", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/startmal", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/startmal", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/ny", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/ny?type=words", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/ny", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/ny?type=words", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/rediger", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/{w.evaluation_question.id}/rediger", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/rediger", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/{w.evaluation_question.id}/rediger", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/ta-ut", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/{w.evaluation_question.id}/ta-ut", MANAGE),
    ("/nettverk/<int:network_id>/evaluering/sporsmal/<int:question_id>/flytt/<direction>", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering/sporsmal/{w.evaluation_question.id}/flytt/ned", MANAGE),
    # The presenter's screen and its controls: project leaders only. Its script is told in JSON when signed out.
    ("/avstemninger/<int:poll_id>/skjerm", "GET"): (lambda w: f"/avstemninger/{w.poll.id}/skjerm", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm.json", "GET"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm.json", LIVE_SCREEN),
    ("/avstemninger/<int:poll_id>/skjerm/start", "POST"): (lambda w: f"/avstemninger/{w.poll.id}/skjerm/start", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/avslutt", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/avslutt", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/vis/<int:position>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/vis/1", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/tempo/<any(ett, alle):pace>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/tempo/alle", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/sporsmal/<int:question_id>"
     "/<any(apne, lukk, 'vis-resultater', 'skjul-resultater'):change>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/sporsmal/{w.poll_question.id}/skjul-resultater", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/svar/<int:answer_id>/<any(skjul, vis):change>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/svar/{w.poll_answer.id}/skjul", MANAGE),
    ("/avstemninger/<int:poll_id>/skjerm/sporsmal/<int:question_id>/ord/<any(skjul, vis):change>", "POST"): (
        lambda w: f"/avstemninger/{w.poll.id}/skjerm/sporsmal/{w.text_question.id}/ord/skjul", NO_WORD_CLOUD),
    # Results, their downloads and the evaluation across gatherings: leaders and observers.
    ("/avstemninger/<int:poll_id>/resultater", "GET"): (lambda w: f"/avstemninger/{w.poll.id}/resultater", VIEW_PEOPLE),
    ("/avstemninger/<int:poll_id>/resultater.csv", "GET"): (
        lambda w: f"/avstemninger/{w.poll.id}/resultater.csv", VIEW_PEOPLE),
    ("/avstemninger/<int:poll_id>/resultater.xlsx", "GET"): (
        lambda w: f"/avstemninger/{w.poll.id}/resultater.xlsx", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/evaluering", "GET"): (lambda w: f"/nettverk/{w.network.id}/evaluering", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/evaluering.pdf", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/evaluering.pdf", VIEW_PEOPLE),
    # The project report: leaders write it; leaders and observers read it; a team reads its own dossier.
    ("/nettverk/<int:network_id>/rapport", "GET"): (lambda w: f"/nettverk/{w.network.id}/rapport", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/rapport/start", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/start", MANAGE),
    ("/nettverk/<int:network_id>/rapport/forside", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/forside", MANAGE),
    ("/nettverk/<int:network_id>/rapport/forside", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/forside", MANAGE),
    ("/nettverk/<int:network_id>/rapport/logo", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/logo", REPORT_WITHOUT_LOGO),
    ("/nettverk/<int:network_id>/rapport/deler", "POST"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/deler", MANAGE),
    ("/rapportdeler/<int:section_id>", "GET"): (lambda w: f"/rapportdeler/{w.report_section.id}", MANAGE),
    ("/rapportdeler/<int:section_id>", "POST"): (lambda w: f"/rapportdeler/{w.report_section.id}", MANAGE),
    ("/rapportdeler/<int:section_id>/flytt/<direction>", "POST"): (
        lambda w: f"/rapportdeler/{w.report_section.id}/flytt/ned", MANAGE),
    ("/rapportdeler/<int:section_id>/slett", "POST"): (lambda w: f"/rapportdeler/{w.report_section.id}/slett", MANAGE),
    ("/nettverk/<int:network_id>/rapport/forhandsvisning", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/rapport/forhandsvisning", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/rapport.pdf", "GET"): (lambda w: f"/nettverk/{w.network.id}/rapport.pdf", VIEW_PEOPLE),
    ("/nettverk/<int:network_id>/rapport.docx", "GET"): (
        lambda w: f"/nettverk/{w.network.id}/rapport.docx", VIEW_PEOPLE),
    ("/team/<int:team_id>/mappe.pdf", "GET"): (lambda w: f"/team/{w.team_x.id}/mappe.pdf", VIEW_TEAM),
    # The archive: the project leader exports the network and starts the next one from it; anyone who
    # leads a network (or an admin) imports one; the format's description is for everyone signed in.
    ("/nettverk/<int:network_id>/arkiv", "GET"): (lambda w: f"/nettverk/{w.network.id}/arkiv", MANAGE),
    ("/nettverk/<int:network_id>/arkiv.json", "GET"): (lambda w: f"/nettverk/{w.network.id}/arkiv.json", MANAGE),
    ("/nettverk/<int:network_id>/ny-periode", "GET"): (lambda w: f"/nettverk/{w.network.id}/ny-periode", MANAGE),
    ("/nettverk/<int:network_id>/ny-periode", "POST"): (lambda w: f"/nettverk/{w.network.id}/ny-periode", MANAGE),
    ("/nettverk/importer", "GET"): (lambda w: "/nettverk/importer", IMPORT_NETWORKS),
    ("/nettverk/importer", "POST"): (lambda w: "/nettverk/importer", IMPORT_NETWORKS),
    ("/arkivformat/", "GET"): (lambda w: "/arkivformat/", SIGNED_IN),
    ("/arkivformat/archive.schema.json", "GET"): (lambda w: "/arkivformat/archive.schema.json", SIGNED_IN),
    # Personal access tokens on the profile: one's own only; another's token (or none) is not found.
    ("/profil/nokler", "GET"): (lambda w: "/profil/nokler", SIGNED_IN),
    ("/profil/nokler", "POST"): (lambda w: "/profil/nokler", SIGNED_IN),
    ("/profil/nokler/<int:token_id>/trekk-tilbake", "POST"): (
        lambda w: "/profil/nokler/999999/trekk-tilbake", (LOGIN,) + (NOT_FOUND,) * 6),
    # The JSON API answers only a bearer token, never the session cookie: every visitor here is 401
    # (tests/api/ walks every endpoint with every role's token). Its description is public.
    ("/api/v1/openapi.json", "GET"): (lambda w: "/api/v1/openapi.json", PUBLIC),
    **{
        (rule, method): (lambda w, path=path: path.format(w=w), (UNAUTHORIZED,) * 7)
        for rule, method, path in [
            ("/api/v1/networks", "GET", "/api/v1/networks"),
            ("/api/v1/networks/<int:network_id>", "GET", "/api/v1/networks/{w.network.id}"),
            ("/api/v1/networks/<int:network_id>/teams", "GET", "/api/v1/networks/{w.network.id}/teams"),
            ("/api/v1/teams/<int:team_id>", "GET", "/api/v1/teams/{w.team_x.id}"),
            ("/api/v1/networks/<int:network_id>/gatherings", "GET", "/api/v1/networks/{w.network.id}/gatherings"),
            ("/api/v1/gatherings/<int:gathering_id>", "GET", "/api/v1/gatherings/{w.gathering.id}"),
            ("/api/v1/networks/<int:network_id>/requests", "GET", "/api/v1/networks/{w.network.id}/requests"),
            ("/api/v1/requests/<int:request_id>", "GET", "/api/v1/requests/{w.document_request.id}"),
            ("/api/v1/requests/<int:request_id>/submissions", "GET",
             "/api/v1/requests/{w.document_request.id}/submissions"),
            ("/api/v1/submissions/<int:submission_id>", "GET", "/api/v1/submissions/{w.submission.id}"),
            ("/api/v1/networks/<int:network_id>/milestones", "GET", "/api/v1/networks/{w.network.id}/milestones"),
            ("/api/v1/polls/<int:poll_id>/results", "GET", "/api/v1/polls/{w.poll.id}/results"),
            ("/api/v1/requests/<int:request_id>/teams/<int:team_id>/submission", "POST",
             "/api/v1/requests/{w.document_request.id}/teams/{w.team_x.id}/submission"),
            ("/api/v1/submissions/<int:submission_id>/draft", "PUT", "/api/v1/submissions/{w.submission.id}/draft"),
            ("/api/v1/submissions/<int:submission_id>/submit", "POST", "/api/v1/submissions/{w.submission.id}/submit"),
        ]
    },
}

NOT_WALKED = {"static", "health"}


def routes_in(app) -> set[tuple[str, str]]:
    return {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in NOT_WALKED
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_is_in_the_table(app):
    routes = routes_in(app)
    missing = sorted(routes - RULES.keys())
    gone = sorted(RULES.keys() - routes)
    assert not missing, f"Add these routes to RULES in test_permissions.py with the answer for each visitor: {missing}"
    assert not gone, f"These routes no longer exist; remove them from RULES: {gone}"


def outcome(response):
    """What the visitor experienced, in the table's terms."""
    if response.status_code in (301, 302, 303):
        target = urlsplit(response.headers["Location"])
        if target.path == "/logg-inn":
            return LOGIN if "next" in parse_qs(target.query) else SIGNED_OUT
        return OK
    if response.status_code in (200, 422):
        return OK
    return response.status_code


CASES = [
    pytest.param(method, rule, visitor, expected, id=f"{method} {rule} as {visitor}")
    for (rule, method), (_, answers) in RULES.items()
    for visitor, expected in zip(VISITORS, answers, strict=True)
]


@pytest.mark.parametrize(("method", "rule", "visitor", "expected"), CASES)
def test_route_answers_each_visitor_as_the_rules_say(world, method, rule, visitor, expected):
    path = RULES[(rule, method)][0](world)
    client = world.client_for(visitor)

    response = client.open(path, method=method)

    assert outcome(response) == expected, (
        f"{method} {path} as {visitor}: got {response.status_code} {response.headers.get('Location', '')}"
    )


@pytest.mark.parametrize("visitor", ["other_team_member", "observer", "other_facilitator"])
def test_refusals_are_explained_in_norwegian(world, visitor):
    response = world.client_for(visitor).get(f"/team/{world.team_x.id}/rediger")

    if response.status_code == 403:
        assert "Du har ikke tilgang til denne siden." in text(response)
    else:
        assert response.status_code == 404
        assert "Siden finnes ikke, eller du har ikke tilgang til den." in text(response)


@pytest.mark.parametrize("path", ["/nytt-passord/ikke-en-ekte-lenke", "/invitasjon/ikke-en-ekte-lenke"])
def test_a_bogus_link_says_it_does_not_work(client, path):
    response = client.get(path)

    assert response.status_code == 410
    assert "Lenken virker ikke" in text(response)
    assert "ugyldig" in text(response)


def test_signing_in_brings_the_visitor_back_to_the_page_asked_for(world):
    client = world.client_for("anonymous")

    response = client.get(f"/team/{world.team_x.id}")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logg-inn?next=")


def test_a_team_member_sees_other_teams_listed_but_cannot_open_them(world):
    client = world.client_for("team_member")

    page = client.get(f"/nettverk/{world.network.id}").get_data(as_text=True)

    assert f'href="/team/{world.team_x.id}"' in page
    assert "Havbygd kommune" in page
    assert f'href="/team/{world.team_y.id}"' not in page


def test_a_project_leader_of_one_network_cannot_see_that_another_exists(world):
    client = world.client_for("other_facilitator")

    networks_page = client.get("/nettverk")

    assert "Heltid i Sørdalen" in text(networks_page)
    assert "Rekruttering i Nordfjella" not in text(networks_page)
    assert client.get(f"/nettverk/{world.network.id}").status_code == 404
