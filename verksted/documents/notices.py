"""E-mail notices of the documents workflow: to the project leader when a team submits, and to
the team when feedback arrives. Reminders of deadlines live in reminders.py.

Each message is written in the recipient's own language and goes out only if the change it
tells of is committed.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from verksted import mail
from verksted.accounts.models import User
from verksted.documents.models import Comment, CommentKind, Submission
from verksted.extensions import db
from verksted.networks.models import Membership, Role


def link_to(endpoint: str, fallback: tuple[str, dict], **values) -> str:
    """An absolute link for an e-mail; `fallback` while a page is not there yet."""
    if endpoint not in current_app.view_functions:
        endpoint, values = fallback
    return current_app.config["VERKSTED_BASE_URL"] + url_for(endpoint, **values)


def submission_link(submission: Submission) -> str:
    return link_to("documents.submission", ("networks.team", {"team_id": submission.team_id}),
                   submission_id=submission.id)


def team_members(team_id: int) -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == team_id, Membership.role == Role.TEAM_MEMBER)
        .order_by(User.name)
    ))


def _facilitators(network_id: int) -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.network_id == network_id, Membership.role == Role.FACILITATOR)
        .order_by(User.name)
    ))


def submitted(submission: Submission) -> None:
    """Tell the network's project leaders that a team has submitted a document."""
    request, team = submission.request, submission.team
    link = link_to("documents.submission", ("documents.overview", {"network_id": request.network_id}),
                   submission_id=submission.id)
    for user in _facilitators(request.network_id):
        with force_locale(user.locale or "nb"):
            if submission.is_late:
                subject = _("%(team)s har sendt inn %(title)s etter fristen", team=team.municipality, title=request.title)
            else:
                subject = _("%(team)s har sendt inn %(title)s", team=team.municipality, title=request.title)
            mail.send_after_commit(mail.compose(
                user.email, subject, "document_submitted", to_name=user.name,
                submission=submission, document_request=request, team=team, network=request.network, link=link,
            ))


def feedback_given(submission: Submission, comment: Comment | None = None) -> None:
    """Tell the team's members that the project leader commented, returned or approved."""
    request = submission.request
    kind = comment.kind if comment is not None else CommentKind.COMMENT
    section = None
    if comment is not None and comment.section_key:
        section = next((s.get("heading", "") for s in submission.template_version.sections
                        if s["key"] == comment.section_key), None)
    link = submission_link(submission)
    for user in team_members(submission.team_id):
        with force_locale(user.locale or "nb"):
            subject = {
                CommentKind.COMMENT: _("Ny tilbakemelding på %(title)s", title=request.title),
                CommentKind.RETURNED: _("%(title)s er sendt tilbake til dere", title=request.title),
                CommentKind.APPROVED: _("%(title)s er godkjent", title=request.title),
            }[kind]
            mail.send_after_commit(mail.compose(
                user.email, subject, "document_feedback", to_name=user.name,
                submission=submission, document_request=request, team=submission.team, network=request.network,
                comment=comment, kind=kind.value, section=section, link=link,
            ))
