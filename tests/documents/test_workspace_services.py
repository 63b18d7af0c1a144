"""The team's side of a document, called directly: what is due, saving, submitting, taking back,
merging after a conflict, carried-forward notes and history."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.documents.workspace_cast import COLUMNS, FILLED, docs  # noqa: F401  (fixtures)
from verksted.accounts.models import User
from verksted.clock import today, utcnow
from verksted.documents import workspace_services as work
from verksted.documents.models import Assignment, DocumentKind, DocumentRequest, Submission, SubmissionState
from verksted.documents.services import StaleRevision
from verksted.errors import Refused
from verksted.extensions import db


def _get(model, ident):
    return db.session.get(model, ident)


def _submission(docs, request, **fields):
    return _get(Submission, docs.make_submission(request, **fields).id)


# --- The workspace --------------------------------------------------------------------------


def test_documents_are_grouped_by_what_they_need(docs, ctx, save):
    docs.make_request("Hovedplan", due_in=-3)
    soon = docs.make_request("Fremdriftsplan 2", due_in=14)
    docs.make_request("Statusrapport 3", due_in=15)
    done = docs.make_request("Fremdriftsplan 1", due_in=-40)
    returned = docs.make_request("Statusrapport 1", due_in=-20)
    docs.make_submission(done, state=SubmissionState.APPROVED)
    docs.make_submission(returned, state=SubmissionState.RETURNED)
    docs.make_submission(soon)  # a draft still counts by its deadline

    groups = work.due_for(_get(type(docs.fjordvik), docs.fjordvik.id))

    titles = {group: [due.request.title for due in items] for group, items in groups.items()}
    assert titles == {
        work.Group.RETURNED: ["Statusrapport 1"],
        work.Group.OVERDUE: ["Hovedplan"],
        work.Group.DUE_SOON: ["Fremdriftsplan 2"],
        work.Group.LATER: ["Statusrapport 3"],
        work.Group.DONE: ["Fremdriftsplan 1"],
    }
    assert groups[work.Group.DUE_SOON][0].submission is not None
    assert groups[work.Group.OVERDUE][0].submission is None


def test_an_extension_moves_the_teams_deadline_and_its_group(docs, ctx):
    request = docs.make_request("Hovedplan", due_in=-3)
    assignment = db.session.scalar(db.select(Assignment).filter_by(request_id=request.id, team_id=docs.fjordvik.id))
    assignment.extended_to, assignment.extension_reason = today() + timedelta(days=30), "Kommunesammenslåing"
    db.session.commit()

    groups = work.due_for(_get(type(docs.fjordvik), docs.fjordvik.id))

    (due,) = groups[work.Group.LATER]
    assert due.due_on == today() + timedelta(days=30)
    assert groups[work.Group.OVERDUE] == []


def test_deleted_requests_and_other_teams_requests_are_not_listed(docs, ctx):
    docs.make_request("Slettet", deleted_at=utcnow())
    docs.make_request("Bare for Čáhppesjávri", teams=(docs.sameby,))

    groups = work.due_for(_get(type(docs.fjordvik), docs.fjordvik.id))

    assert sum(len(items) for items in groups.values()) == 0


def test_starting_a_deleted_request_is_refused_as_gone(docs, ctx):
    request = docs.make_request(deleted_at=utcnow())

    with pytest.raises(work.RequestGone) as refused:
        work.assignment_for_team(_get(type(docs.fjordvik), docs.fjordvik.id), request.id)

    assert "slettet av prosjektlederen" in refused.value.message


def test_a_new_document_starts_from_the_teams_latest_goals_and_notes_where_they_came_from(docs, ctx):
    first = docs.make_request("Fremdriftsplan 1", due_in=-30)
    docs.make_submission(first, state=SubmissionState.SUBMITTED)
    second = docs.make_request("Fremdriftsplan 2", due_in=10)
    team = _get(type(docs.fjordvik), docs.fjordvik.id)

    submission = work.start(work.assignment_for_team(team, second.id), _get(User, docs.kari.id))
    db.session.flush()

    assert submission.answers["f-effektmal"] == FILLED["f-effektmal"]
    assert submission.answers["f-tiltak"] == FILLED["f-tiltak"]
    assert "f-gruppeleder" not in submission.answers  # only fields marked to carry
    notes = work.carried_from(submission)
    assert {key: request.title for key, request in notes.items()} == {
        "f-effektmal": "Fremdriftsplan 1", "f-tiltak": "Fremdriftsplan 1",
    }


def test_a_carried_field_the_team_has_changed_loses_its_note(docs, ctx):
    docs.make_submission(docs.make_request("Fremdriftsplan 1", due_in=-30), state=SubmissionState.SUBMITTED)
    later = _submission(docs, docs.make_request("Fremdriftsplan 2"),
                        answers={**FILLED, "f-effektmal": "Et nytt effektmål"})

    assert set(work.carried_from(later)) == {"f-tiltak"}


# --- Saving and submitting ------------------------------------------------------------------


def test_a_save_on_an_old_revision_is_refused_and_changes_nothing(docs, ctx):
    submission = _submission(docs, docs.make_request(), versions=2)

    with pytest.raises(StaleRevision) as stale:
        work.save(submission, {"f-gruppeleder": "Per"}, 1, _get(User, docs.per.id))

    assert stale.value.theirs["f-gruppeleder"] == "Biret Sárá Eira"
    assert submission.answers["f-gruppeleder"] == "Biret Sárá Eira"


def test_saving_to_a_deleted_request_is_refused_as_gone(docs, ctx):
    submission = _submission(docs, docs.make_request(deleted_at=utcnow()))

    with pytest.raises(work.RequestGone):
        work.save(submission, {"f-gruppeleder": "Per"}, submission.revision, _get(User, docs.per.id))


def test_submitting_needs_the_required_fields_and_keeps_what_was_typed(docs, ctx):
    submission = _submission(docs, docs.make_request(), answers={})

    errors = work.submit(submission, {"f-effektmal": "Færre deltidsstillinger"}, submission.revision, _get(User, docs.kari.id))

    assert errors == {"f-gruppeleder": "Dette feltet må fylles ut før dokumentet sendes inn."}
    assert submission.state is SubmissionState.DRAFT
    assert submission.answers == {"f-effektmal": "Færre deltidsstillinger"}


def test_submitting_locks_the_document_records_who_and_when_and_keeps_a_version(docs, ctx, outbox):
    submission = _submission(docs, docs.make_request(due_in=0))
    kari = _get(User, docs.kari.id)

    assert work.submit(submission, dict(FILLED), submission.revision, kari) == {}
    db.session.commit()

    assert submission.state is SubmissionState.SUBMITTED
    assert submission.submitted_by_id == kari.id and submission.submitted_at is not None
    assert submission.is_late is False  # the deadline day itself is in time
    assert [v.event for v in work.versions(submission)] == ["save", "submit"]
    assert len(outbox.to("leder@usht.example")) == 1
    with pytest.raises(Refused):
        work.save(submission, dict(FILLED), submission.revision, kari)


def test_a_submission_after_the_deadline_is_marked_late(docs, ctx):
    submission = _submission(docs, docs.make_request(due_in=-1))

    work.submit(submission, dict(FILLED), submission.revision, _get(User, docs.kari.id))

    assert submission.is_late is True


def test_a_submission_within_the_teams_extension_is_not_late(docs, ctx):
    request = docs.make_request(due_in=-5)
    assignment = db.session.scalar(db.select(Assignment).filter_by(request_id=request.id, team_id=docs.fjordvik.id))
    assignment.extended_to = today() + timedelta(days=2)
    db.session.commit()
    submission = _submission(docs, request)

    work.submit(submission, dict(FILLED), submission.revision, _get(User, docs.kari.id))

    assert submission.is_late is False


def test_a_returned_document_sent_in_again_after_the_deadline_keeps_its_first_on_time_mark(docs, ctx):
    submission = _submission(docs, docs.make_request(due_in=-5), state=SubmissionState.RETURNED, is_late=False)

    assert work.submit(submission, dict(FILLED), submission.revision, _get(User, docs.per.id)) == {}

    assert submission.state is SubmissionState.SUBMITTED and submission.is_late is False


def test_taking_back_before_the_deadline_makes_a_draft_again(docs, ctx):
    submission = _submission(docs, docs.make_request(due_in=3), state=SubmissionState.SUBMITTED,
                             submitted_at=utcnow(), submitted_by_id=docs.kari.id)

    work.take_back(submission, _get(User, docs.per.id))

    assert submission.state is SubmissionState.DRAFT
    assert submission.submitted_at is None
    assert work.versions(submission)[-1].event == "withdraw"


def test_taking_back_after_the_deadline_or_after_approval_is_refused(docs, ctx):
    late = _submission(docs, docs.make_request("Hovedplan", due_in=-1), state=SubmissionState.SUBMITTED)
    approved = _submission(docs, docs.make_request("Fremdriftsplan 1", due_in=5), state=SubmissionState.APPROVED)
    per = _get(User, docs.per.id)

    with pytest.raises(Refused, match="Fristen gikk ut"):
        work.take_back(late, per)
    with pytest.raises(Refused, match="ikke behandlet"):
        work.take_back(approved, per)
    assert late.state is SubmissionState.SUBMITTED and approved.state is SubmissionState.APPROVED


# --- Merging --------------------------------------------------------------------------------


SECTIONS = [{"key": "s", "heading": "Mål", "fields": [
    {"key": "kort", "label": "Kort", "kind": "short_text"},
    {"key": "lang", "label": "Lang", "kind": "long_text"},
    {"key": "dato", "label": "Dato", "kind": "date"},
    {"key": "liste", "label": "Liste", "kind": "list"},
    {"key": "tabell", "label": "Tabell", "kind": "table", "columns": ["A", "B"]},
]}]


def test_differences_list_only_fields_that_differ_with_a_combined_suggestion():
    theirs = {"kort": "Likt", "lang": "Deres tekst", "dato": "2026-01-05", "liste": ["a", "b"], "tabell": [["1", "2"]]}
    mine = {"kort": "Likt", "lang": "Min tekst om Ánde", "dato": "06.01.2026", "liste": "b\nc", "tabell": [["1", "2"], ["3", "4"]]}

    found = {d.key: d for d in work.differences(SECTIONS, mine, theirs)}

    assert set(found) == {"lang", "dato", "liste", "tabell"}
    assert found["lang"].combined == "Deres tekst\n\nMin tekst om Ánde"
    assert found["dato"].mine == "2026-01-06" and found["dato"].combined is None
    assert found["liste"].combined == ["a", "b", "c"]
    assert found["tabell"].combined == [["1", "2"], ["3", "4"]]


def test_merged_answers_follow_each_choice_and_ask_for_missing_ones():
    theirs = {"kort": "Deres", "lang": "Deres tekst", "dato": "2026-01-05"}
    mine = {"kort": "Min", "lang": "Min tekst", "dato": "2026-02-05"}

    answers, missing = work.merged_answers(SECTIONS, mine, theirs, {"kort": "mine", "lang": "combined"},
                                           {"lang": "Begge, redigert"})

    assert answers == {"kort": "Min", "lang": "Begge, redigert", "dato": "2026-01-05"}
    assert missing == {"dato": "Velg hvilken versjon du vil beholde."}


def test_a_merge_saves_against_the_version_it_was_shown(docs, ctx):
    submission = _submission(docs, docs.make_request(), versions=2)
    mine = {**FILLED, "f-gruppeleder": "Per Øvrebø"}
    per = _get(User, docs.per.id)

    missing, errors = work.merge(submission, mine, {"f-gruppeleder": "mine"}, {}, submission.revision, per)

    assert (missing, errors) == ({}, {})
    assert submission.answers["f-gruppeleder"] == "Per Øvrebø"
    assert work.versions(submission)[-1].event == "merge"
    with pytest.raises(StaleRevision):
        work.merge(submission, mine, {"f-gruppeleder": "theirs"}, {}, submission.revision - 1, per)


# --- History --------------------------------------------------------------------------------


def test_compare_defaults_to_the_latest_two_versions_and_version_zero_is_the_empty_document(docs, ctx, save):
    submission = _submission(docs, docs.make_request(), versions=1)
    kari = _get(User, docs.kari.id)
    work.save(submission, {**FILLED, "f-gruppeleder": "Nils-Ŋuvllát Somby"}, submission.revision, kari)
    db.session.flush()
    saved = work.versions(submission)

    latest = work.compare(submission, saved, None, None)
    from_empty = work.compare(submission, saved, 0, 1)

    assert (latest.older.number, latest.newer.number) == (1, 2)
    assert [c.field["key"] for c in latest.changes] == ["f-gruppeleder"]
    assert from_empty.older is None
    assert {c.field["key"] for c in from_empty.changes} == {"f-gruppeleder", "f-effektmal", "f-tiltak"}
    assert work.compare(submission, [], None, None) is None


def test_compare_skips_steps_that_kept_the_answers(docs, ctx):
    submission = _submission(docs, docs.make_request(due_in=3), versions=2)
    work.submit(submission, {**FILLED, "f-gruppeleder": "Ánde"}, submission.revision, _get(User, docs.kari.id))
    db.session.flush()
    saved = work.versions(submission)

    comparison = work.compare(submission, saved, None, None)

    assert [v.event for v in saved] == ["save", "save", "save", "submit"]
    assert (comparison.older.number, comparison.newer.number) == (2, 3)
    assert [c.field["key"] for c in comparison.changes] == ["f-gruppeleder"]


def test_a_fremdriftsplan_is_compared_with_the_teams_previous_one(docs, ctx):
    docs.make_submission(docs.make_request("Fremdriftsplan 1", due_in=-60), state=SubmissionState.APPROVED, answers={
        "f-tiltak": [["Heltid", "Ønsketurnus", "Leder", "Høst"], ["Rekruttere", "Sommerjobb", "HR", "Juni"]]})
    docs.make_submission(docs.make_request("Fremdriftsplan for Čáhppesjávri", due_in=-30, teams=(docs.sameby,)),
                         team=docs.sameby, answers={"f-tiltak": [["x", "Annet lags tiltak", "", ""]]})
    current = _submission(docs, docs.make_request("Fremdriftsplan 2", due_in=10), answers={
        "f-tiltak": [["Heltid", "Ønsketurnus", "Leder", "Vår"], ["Beholde", "Mentor", "Fagutvikler", "Året"]]})

    previous, result = work.tiltak_since_previous(current)

    assert previous.request.title == "Fremdriftsplan 1"
    assert [row.cells[1] for row in result.carried] == ["Ønsketurnus"]
    assert result.carried[0].changed_columns == ["Tidsestimat"]
    assert [row[1] for row in result.new] == ["Mentor"]
    assert [row[1] for row in result.dropped] == ["Sommerjobb"]
    assert result.columns == COLUMNS


def test_other_kinds_and_a_first_fremdriftsplan_have_no_tiltak_comparison(docs, ctx):
    hovedplan = docs.make_template(kind=DocumentKind.HOVEDPLAN, title="Hovedplan")
    plan = _submission(docs, docs.make_request("Hovedplan", template=hovedplan), template=hovedplan)
    first = _submission(docs, docs.make_request("Fremdriftsplan 1"))

    assert work.tiltak_since_previous(plan) is None
    assert work.tiltak_since_previous(first) is None


def test_a_deleted_earlier_request_is_not_the_previous_plan(docs, ctx):
    docs.make_submission(docs.make_request("Slettet plan", due_in=-30, deleted_at=utcnow()))
    current = _submission(docs, docs.make_request("Fremdriftsplan 2", due_in=10))

    assert work.tiltak_since_previous(current) is None
    assert _get(DocumentRequest, current.request_id).title == "Fremdriftsplan 2"
