"""The review's lists cost the same number of queries for 2 documents as for 10."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.documents.reviewing import (  # noqa: F401  (fixtures)
    cast,
    make_request,
    make_submission,
    make_template,
)
from verksted.clock import utcnow
from verksted.documents.models import Assignment, ReminderKind, SentReminder
from verksted.extensions import db
from verksted.networks.models import Team


def _grow(cast, save, make_request, make_submission, count: int) -> None:
    """`count` more teams, each with a shared, marked submission and a reminder sent, across two requests."""
    teams = save(*[Team(network_id=cast.network.id, municipality=f"Vekst {count}-{n} kommune") for n in range(count)])
    requests = [make_request(cast.network, teams, days=-10 - n, title=f"Innlevering {count}-{n}") for n in range(2)]
    for n, team in enumerate(teams):
        submission = make_submission(requests[n % 2], team, good_example=True, ask_to_present=True, shared_at=utcnow())
        save(SentReminder(assignment_id=_assignment_id(submission), user_id=cast.people.ingrid.id,
                          kind=ReminderKind.OVERDUE, due_on=requests[n % 2].due_on, email="ingrid@fjordvik.kommune.example",
                          sent_at=utcnow() - timedelta(hours=n)))


def _assignment_id(submission) -> int:
    return db.session.scalar(sa.select(Assignment.id).where(
        Assignment.request_id == submission.request_id, Assignment.team_id == submission.team_id))


@pytest.mark.parametrize("page", ["til-samlingen", "delt", "paminnelser"])
def test_a_review_list_costs_the_same_for_2_and_10_documents(app, cast, save, make_request, make_submission,
                                                             count_queries, page):
    counts = []
    for count in (2, 8):  # 2 documents, then 10
        with app.app_context():
            _grow(cast, save, make_request, make_submission, count)
        client = cast.client_for(cast.leader)
        path = f"/nettverk/{cast.network.id}/dokumenter/{page}"
        client.get(path)
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(statements))

    assert counts[0] == counts[1]
