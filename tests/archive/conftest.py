"""Shared by the archive's tests: emptying the database between export and import."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import current_app

from verksted.extensions import db


@pytest.fixture
def wipe(app):
    """Empty every table and the uploads folder: the «empty database» an archive goes into."""

    def wipe() -> None:
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        shutil.rmtree(Path(current_app.config["UPLOAD_FOLDER"]), ignore_errors=True)

    return wipe


SAMI = "Guovdageaidnu – áčđŋšŧž 🌱"


@pytest.fixture
def rich_network(app):
    """A finished network (verksted.reports.demo) with every feature it lacks used as well:
    an invitation, registrations with attendance, a file, comments, phrases, an extension, a
    reminder sent, a hidden word, a calendar feed, and Sámi letters and emoji in the text."""
    from datetime import timedelta

    import sqlalchemy as sa

    from verksted.accounts.tokens import new_token
    from verksted.calendar.models import CalendarFeed
    from verksted.clock import utcnow
    from verksted.documents.models import (
        Assignment,
        Comment,
        CommentKind,
        DocumentRequest,
        FeedbackPhrase,
        ReminderKind,
        SentReminder,
        Submission,
    )
    from verksted.gatherings import files as gathering_files
    from verksted.gatherings.models import Gathering, GatheringFile, Registration
    from verksted.networks.models import Invitation, Membership, Role
    from verksted.polls.models import HiddenWord, PollQuestion, QuestionKind
    from verksted.reports.demo import finished_network

    with app.app_context():
        network = finished_network(f"Kompetanseløft {SAMI}", teams=3, answers_per_gathering=4)
        team = network.teams[0]
        team.withdrawal_reason = team.withdrawal_reason or SAMI
        member = db.session.scalar(sa.select(Membership).where(Membership.team_id == team.id))
        leader = db.session.scalar(sa.select(Membership).where(
            Membership.network_id == network.id, Membership.role == Role.FACILITATOR)).user
        gathering = db.session.scalar(sa.select(Gathering).where(Gathering.network_id == network.id)
                                      .order_by(Gathering.number))
        db.session.add(Invitation(network=network, email="ny@example.no", name=SAMI, role=Role.TEAM_MEMBER, team=team,
                                  token_hash=new_token()[1], invited_by=leader, expires_at=utcnow() + timedelta(days=7)))
        db.session.add_all([
            Registration(gathering=gathering, team=team, user=member.user, name=member.user.name, attended=True,
                         dietary_needs="Glutenfri 🌾", registered_by_id=member.user_id),
            Registration(gathering=gathering, team=team, name=f"Gjest {SAMI}", attended=False),
        ])
        content = f"Program for samlingen – {SAMI}\n".encode()
        file = GatheringFile(gathering=gathering, title=f"Program {SAMI}", filename="program æøå.txt",
                             stored_name="0" * 32, content_type="text/plain", size=len(content),
                             uploaded_by=leader)
        db.session.add(file)
        path = gathering_files.path_of(file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        submission = db.session.scalar(sa.select(Submission).join(DocumentRequest)
                                       .where(DocumentRequest.network_id == network.id).order_by(Submission.id))
        db.session.add_all([
            Comment(submission=submission, section_key=None, body=f"Godt skrevet! {SAMI}", author=leader),
            Comment(submission=submission, kind=CommentKind.RETURNED, body="Utdyp tiltakene.", author=leader),
            FeedbackPhrase(network_id=network.id, text="Fint at dere måler effekten 👍", position=1),
        ])
        assignment = db.session.scalar(sa.select(Assignment).where(Assignment.request_id == submission.request_id)
                                       .order_by(Assignment.id))
        assignment.extended_to = assignment.request.due_on + timedelta(days=14)
        assignment.extension_reason = "Sykdom i teamet"
        db.session.add(SentReminder(assignment=assignment, user=member.user, kind=ReminderKind.DUE_SOON,
                                    due_on=assignment.extended_to, email=member.user.email))
        words = db.session.scalar(sa.select(PollQuestion).where(PollQuestion.kind == QuestionKind.WORDS)
                                  .order_by(PollQuestion.id))
        db.session.add(HiddenWord(question_id=words.id, word="tull", hidden_by_id=leader.id))
        db.session.add(CalendarFeed(network=network))
        db.session.commit()
        return network.id
