"""Notices by e-mail: the project leader hears when a team submits, the team when feedback arrives."""
from __future__ import annotations

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_request,
    make_submission,
    make_template,
)
from tests.pages import links_in
from verksted.documents import notices
from verksted.documents.models import Submission
from verksted.extensions import db


def test_the_project_leaders_hear_when_a_team_submits(ctx, cast, make_request, make_submission, outbox):
    submission = make_submission(make_request(cast.network, [cast.sameby]), cast.sameby)

    notices.submitted(db.session.get(Submission, submission.id))
    db.session.commit()

    (message,) = outbox  # the leader; not the observer, not the teams
    assert message["To"] == "Åse Bjørnstad Ødegård <prosjektleder@usht.example>"
    assert message["Subject"] == "Čáhppesjávri suohkan har sendt inn Statusrapport før samling 3"
    assert "Čáhppesjávri suohkan har sendt inn «Statusrapport før samling 3»" in message.get_content()
    assert "etter fristen" not in message.get_content()
    assert links_in(message)[0].startswith("http://localhost/")


def test_a_late_submission_says_so(ctx, cast, make_request, make_submission, outbox):
    submission = make_submission(make_request(cast.network, [cast.fjordvik], days=-2), cast.fjordvik, is_late=True)

    notices.submitted(db.session.get(Submission, submission.id))
    db.session.commit()

    assert outbox[0]["Subject"] == "Fjordvik kommune har sendt inn Statusrapport før samling 3 etter fristen"
    assert "Dokumentet kom etter fristen." in outbox[0].get_content()


def test_nothing_is_sent_when_the_change_is_not_committed(ctx, cast, make_request, make_submission, outbox):
    submission = make_submission(make_request(cast.network, [cast.fjordvik]), cast.fjordvik)

    notices.feedback_given(db.session.get(Submission, submission.id))
    db.session.rollback()

    assert len(outbox) == 0
