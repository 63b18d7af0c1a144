"""The workspace and a document's pages cost the same number of queries for 2 requests, versions
and comments as for 20."""
from __future__ import annotations

import pytest

from tests.documents.workspace_cast import docs  # noqa: F401  (fixtures)
from verksted.documents.models import Comment, SubmissionState, SubmissionVersion


@pytest.fixture
def measured(count_queries):
    def measured(client, path) -> int:
        client.get(path)  # anything done once per process is not the page's cost
        with count_queries() as statements:
            response = client.get(path)
        assert response.status_code == 200, path
        return len(statements)

    return measured


def _documents(docs, save, count, due_in=-20):
    """`count` requests, each with a document of Fjordvik's in a different state."""
    states = list(SubmissionState)
    return [
        docs.make_submission(docs.make_request(f"Dokument {due_in} {n}", due_in=due_in - n * 7),
                             state=states[n % len(states)], versions=0)
        for n in range(count)
    ]


def _history(save, submission, first, count, people, author):
    """Versions `first`+1 … `first`+`count` by different members, and `count` comments on the
    whole document and on a section."""
    save(*[SubmissionVersion(submission_id=submission.id, number=first + v + 1, saved_by_id=people[v % 2].id,
                             answers={"f-gruppeleder": f"Versjon {first + v}", "f-effektmal": f"Mål {v}"})
           for v in range(count)])
    save(*[Comment(submission_id=submission.id, body=f"Kommentar {c}", section_key="s-mal" if c % 2 else None,
                   author_id=author.id) for c in range(count)])


@pytest.mark.parametrize("visitor", ["kari", "leader"])
def test_the_workspace_costs_the_same_for_2_and_20_requests(docs, save, measured, visitor):
    client = docs.client_for(getattr(docs, visitor))
    path = f"/team/{docs.fjordvik.id}/dokumenter"

    _documents(docs, save, 2)
    few = measured(client, path)
    _documents(docs, save, 18, due_in=40)
    many = measured(client, path)

    assert few == many


@pytest.mark.parametrize(("visitor", "page"), [
    ("kari", ""), ("kari", "/rediger"), ("kari", "/historikk"), ("leader", ""), ("leader", "/historikk"),
])
def test_a_documents_pages_cost_the_same_for_2_and_20_versions_comments_and_earlier_documents(
        docs, save, measured, visitor, page):
    client = docs.client_for(getattr(docs, visitor))
    draft = _documents(docs, save, 2, due_in=10)[0]  # a draft with a document before it
    path = f"/dokumenter/{draft.id}{page}"
    people = (docs.kari, docs.per)

    _history(save, draft, 0, 2, people, docs.leader)
    few = measured(client, path)
    _history(save, draft, 2, 18, people, docs.leader)
    _documents(docs, save, 18, due_in=-100)
    many = measured(client, path)

    assert few == many
