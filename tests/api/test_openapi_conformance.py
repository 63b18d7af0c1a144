"""Schemathesis walks every operation of /api/v1/openapi.json with a project leader's and a team
member's token: no server error, and every answer as the document describes it."""
from __future__ import annotations

from datetime import date

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from verksted.documents.models import Assignment, DocumentRequest, Submission, TemplateVersion
from verksted.extensions import db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 25  # per operation and visitor: the whole walk takes seconds, on either database


@pytest.fixture
def known_ids(app, world, save):
    """Ids that exist, so cases reach past «not found»: the world's, and a draft of team X."""
    (request,) = save(DocumentRequest(network_id=world.network.id, template_id=world.template.id,
                                      title="Statusrapport 1 ✍️", due_on=date(2099, 1, 31)))
    save(Assignment(request_id=request.id, team_id=world.team_x.id))
    with app.app_context():
        version_id = db.session.scalar(sa.select(TemplateVersion.id).where(TemplateVersion.template_id == world.template.id))
    (draft,) = save(Submission(request_id=request.id, team_id=world.team_x.id,
                               template_version_id=version_id,
                               answers={"f-effektmal": "Færre deltidsstillinger – Sámi: áčđŋšŧž 🌿"}))
    return {"network_id": world.network.id, "team_id": world.team_x.id, "gathering_id": world.gathering.id,
            "request_id": request.id, "submission_id": draft.id, "poll_id": world.poll.id}


@pytest.mark.parametrize("visitor", ["facilitator", "team_member"])
def test_every_answer_matches_the_openapi_document(app, world, known_ids, make_token, visitor):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {make_token(getattr(world.people, visitor), can_write=True)}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15  # every endpoint but the document itself

    for operation in operations:
        names = [p.name for p in operation.path_parameters]
        known = {name: known_ids[name] for name in names}
        strategy = operation.as_strategy()
        if known:
            strategy = st.one_of(strategy, operation.as_strategy(path_parameters=known))

        @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def walk(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        walk()
