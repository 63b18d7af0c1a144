"""E-mail notices of the documents workflow: to the project leader when a team submits, and to
the team when feedback arrives. Reminders of deadlines live in reminders.py."""
from __future__ import annotations

from verksted.documents.models import Comment, Submission


def submitted(submission: Submission) -> None:
    """Tell the network's project leaders that a team has submitted a document."""


def feedback_given(submission: Submission, comment: Comment | None = None) -> None:
    """Tell the team's members that the project leader commented, returned or approved."""
