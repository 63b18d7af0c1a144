"""The demo's project reports: the running network's report just begun, and a finished network
whose every data source is filled and whose report is written to the end, made quickly enough
for the benchmark's sixty teams."""
from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from verksted import demo
from verksted.documents.models import DocumentKind, DocumentRequest, DocumentTemplate, Submission
from verksted.extensions import db
from verksted.gatherings.models import Gathering, ItemKind
from verksted.networks.models import Membership, Network, Role, TeamStatus
from verksted.plan.models import Milestone, MilestoneStatus, Risk
from verksted.polls.models import Answer, Participant, Poll, PollQuestion, PollState, QuestionKind
from verksted.reports import services
from verksted.reports.content import Note, report_content
from verksted.reports.demo import FINISHED_NAME, finished_network
from verksted.reports.models import SectionSource

SAMI_LETTERS = "áčđŋšŧž"


@pytest.fixture
def seeded(app, monkeypatch):
    """The whole demo, seeded once for the test (quick password hashes: scrypt would take seconds)."""
    monkeypatch.setattr("verksted.accounts.models.generate_password_hash",
                        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"))
    with app.test_request_context():
        demo.seed()
        db.session.commit()
        finished = _network(FINISHED_NAME).id
    return finished


def _network(name: str) -> Network:
    return db.session.scalar(sa.select(Network).where(Network.name == name))


def _finals(network: Network) -> list[Submission]:
    return list(db.session.scalars(
        sa.select(Submission)
        .join(DocumentRequest, DocumentRequest.id == Submission.request_id)
        .join(DocumentTemplate, DocumentTemplate.id == DocumentRequest.template_id)
        .where(DocumentRequest.network_id == network.id, DocumentTemplate.kind == DocumentKind.SLUTTRAPPORT)
    ))


def _notes(blocks: list) -> list[str]:
    """Every note in a section, in its tables' cells too."""
    found = []
    for block in blocks:
        if isinstance(block, Note):
            found.append(block.text)
        for row in getattr(block, "rows", None) or []:
            for cell in row:
                found += _notes(cell)
    return found


def test_the_demo_seed_gives_a_report_begun_and_a_finished_network_with_its_whole_report(seeded, ctx):
    running, finished = _network(demo.NETWORK_NAME), _network(FINISHED_NAME)
    begun, complete = services.report_of(running), services.report_of(finished)
    sections = {section.title: section for section in begun.sections}
    (evaluation,) = [s for s in begun.sections if s.source is SectionSource.EVALUATION]
    open_answers = {a.value["text"] for a in db.session.scalars(
        sa.select(Answer).join(PollQuestion).join(Poll)
        .where(Poll.network_id == running.id, PollQuestion.kind == QuestionKind.TEXT))}

    assert [s.title for s in begun.sections] == [str(title) for title, _source in services.DEFAULT_OUTLINE]
    assert "Utkast" in sections["Forord"].body and "Čáhppesjávri" in sections["Bakgrunn"].body
    assert not sections["Sammendrag"].body and not sections["Anbefalinger"].body  # still to be written
    (quote,) = evaluation.options["quotes"]
    assert quote["text"] in open_answers and quote["source"]

    assert all(s.body.strip() for s in complete.sections), "every section of the finished report has its text"
    assert complete.logo and complete.logo_type == "image/png"
    roles = {(m.user.email, m.role) for m in finished.memberships if m.role is not Role.TEAM_MEMBER}
    assert roles == {(demo.LEADER[1], Role.FACILITATOR), (demo.OBSERVER[1], Role.OBSERVER)}
    assert FINISHED_NAME in demo.sign_in_help()


def test_the_demo_leader_signs_in_and_reads_and_downloads_the_finished_report(seeded, client, auth):
    assert auth.login(demo.LEADER[1], demo.PASSWORD).status_code == 302

    preview = client.get(f"/nettverk/{seeded}/rapport/forhandsvisning")
    download = client.get(f"/nettverk/{seeded}/rapport.pdf")

    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert all(title in page for title in ("Forord", "Sammendrag", "Anbefalinger", "Kilder"))
    assert "Guovžajávri" in page and "Ingen sluttrapport levert" in page
    assert download.status_code == 200 and download.data.startswith(b"%PDF")


def test_the_finished_report_is_written_to_the_end_with_quotes_and_one_edited_cell(ctx):
    network = finished_network("Kompetanseløft i Fjellbygd 2023–2025")
    db.session.commit()
    report = services.report_of(network)
    by_source = {s.source: s for s in report.sections if not s.is_narrative}
    narrative = [s for s in report.sections if s.is_narrative]
    content = report_content(report)
    notes = [(section.title, note) for section in content.sections for note in _notes(section.blocks)]
    (missing,) = [team for team in network.teams if not team.is_withdrawn
                  and team.id not in {s.team_id for s in _finals(network)}]

    assert len(narrative) == 7 and all(len(s.body) > 500 for s in narrative if s.title != "Kilder")
    everything = "\n".join(s.body for s in narrative)
    assert "|---|" in everything and "\n- " in everything and "\n1. " in everything
    assert all(letter in everything for letter in "æøå")
    quotes = by_source[SectionSource.EVALUATION].options["quotes"]
    assert len(quotes) >= 4 and len({q["source"] for q in quotes}) == len(quotes)
    assert any(q["source"].endswith("Sluttrapport") for q in quotes)
    (cell, text), = by_source[SectionSource.RESULTS].options["cells"].items()
    assert cell.endswith("/resultater") and text and "Målingene våre viser:" in text
    # The only notes of missing data are the team that sent no sluttrapport.
    assert notes and all(title in ("Resultater", "Implementering og videre arbeid") for title, _note in notes)
    assert all(missing.municipality in line for line in content.missing)


def test_the_finished_network_has_every_data_source_filled(ctx):
    network = finished_network("Kompetanseløft i Fjellbygd 2023–2025", teams=8, answers_per_gathering=25)
    db.session.commit()
    teams = network.teams
    withdrawn = [team for team in teams if team.status is TeamStatus.WITHDRAWN]
    gatherings = db.session.scalars(sa.select(Gathering).where(Gathering.network_id == network.id)
                                    .order_by(Gathering.number)).all()
    polls = db.session.scalars(sa.select(Poll).where(Poll.network_id == network.id)).all()
    finals = _finals(network)
    milestones = db.session.scalars(sa.select(Milestone).where(Milestone.network_id == network.id)).all()
    people = db.session.scalars(sa.select(Membership).where(Membership.network_id == network.id,
                                                            Membership.role == Role.TEAM_MEMBER)).all()

    assert len(teams) == 8 and len(withdrawn) == 1
    assert withdrawn[0].withdrawn_on and withdrawn[0].withdrawal_reason
    assert network.starts_on < withdrawn[0].withdrawn_on < network.ends_on
    assert any(letter in team.municipality for team in teams for letter in SAMI_LETTERS)
    assert all(3 <= len(team.members) <= 6 and sum(m.is_group_leader for m in team.members) == 1 for team in teams)
    assert len(people) == sum(len(team.members) for team in teams)
    assert {member.group.value for member in network.organisation} == {"steering", "working", "reference"}

    assert [g.number for g in gatherings] == [1, 2, 3, 4, 5, 6]
    assert all(g.held_on < network.ends_on and g.host_team and g.focus and g.venue for g in gatherings)
    assert all(any(item.kind is ItemKind.TALK and item.speaker for item in g.programme) for g in gatherings)
    assert any(item.kind is ItemKind.STANDS for item in gatherings[-1].programme)
    assert len({g.host_team_id for g in gatherings}) == 6

    assert len(polls) == 6 and all(p.state is PollState.CLOSED and p.gathering_id for p in polls)
    for poll in polls:
        joined = db.session.scalars(sa.select(Participant.team_id).where(Participant.poll_id == poll.id)).all()
        assert len(joined) == 25 and sum(1 for team in joined if team) > 12  # most chose their municipality
        if poll.gathering.held_on > withdrawn[0].withdrawn_on:
            assert withdrawn[0].id not in joined

    active = [team for team in teams if not team.is_withdrawn]
    assert len(finals) == len(active) - 1 and withdrawn[0].id not in {s.team_id for s in finals}
    for final in finals:
        answers = final.answers
        assert answers["f-hovedmal"] and answers["f-resultater"].count("\n\n") >= 8
        assert all(len(row) == 4 and all(row) for row in answers["f-tiltak"])
        assert len(answers["f-videre"]) >= 4
    assert len({s.answers["f-resultater"] for s in finals}) == len(finals)  # every team reads differently
    earlier = db.session.scalars(sa.select(Submission).where(Submission.team_id == withdrawn[0].id)).all()
    assert earlier, "the team that withdrew had delivered documents before it left"

    assert len(milestones) == 8 and all(m.history for m in milestones)
    assert all(m.status in (MilestoneStatus.DONE, MilestoneStatus.PARTLY) for m in milestones)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Risk).where(Risk.network_id == network.id)) >= 5


def test_sixty_teams_with_three_hundred_answers_per_gathering_are_made_in_seconds(ctx):
    """The benchmark's network; bulk inserts keep it to a few seconds on either database."""
    started = time.perf_counter()
    network = finished_network("Heltid i Nordfjella – 60 kommuner", teams=60, answers_per_gathering=300)
    db.session.commit()
    seconds = time.perf_counter() - started
    participants = db.session.scalar(
        sa.select(sa.func.count()).select_from(Participant).join(Poll).where(Poll.network_id == network.id))
    finals = _finals(network)

    assert len(network.teams) == len({team.municipality for team in network.teams}) == 60
    assert participants == 6 * 300
    assert len(finals) == 58  # sixty teams, one withdrawn, one without its sluttrapport
    assert len({s.answers["f-resultater"] for s in finals}) == 58
    assert seconds < 40, f"{seconds:.1f} s"  # the benchmark needs it well under a minute
