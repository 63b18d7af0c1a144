"""Downloads: one submission as PDF or DOCX; all delivered documents of a request as one PDF or
a ZIP of files."""
from __future__ import annotations

from flask import abort
from flask_login import login_required

from verksted.documents import bp, exports
from verksted.documents.exports import bundle, content
from verksted.documents.models import DocumentRequest, Submission
from verksted.extensions import db
from verksted.permissions import Action, authorize
from verksted.web import private_download

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"


def _submission(submission_id: int) -> Submission:
    submission = content.load_submission(submission_id)
    if submission is None:
        abort(404)
    authorize(Action.VIEW_SUBMISSION, submission)
    return submission


def _request(request_id: int) -> DocumentRequest:
    request = db.get_or_404(DocumentRequest, request_id)
    if request.is_deleted:
        abort(404)
    authorize(Action.READ_ALL, request)
    return request


@bp.get("/dokumenter/<int:submission_id>.pdf")
@login_required
def submission_pdf(submission_id: int):
    submission = _submission(submission_id)
    return private_download(exports.submission_pdf(submission), PDF, content.file_name(submission, "pdf"))


@bp.get("/dokumenter/<int:submission_id>.docx")
@login_required
def submission_docx(submission_id: int):
    submission = _submission(submission_id)
    return private_download(exports.submission_docx(submission), DOCX, content.file_name(submission, "docx"))


@bp.get("/innleveringer/<int:request_id>/samlet.pdf")
@login_required
def request_bundle_pdf(request_id: int):
    request = _request(request_id)
    return private_download(exports.request_bundle_pdf(request), PDF, bundle.file_name(request, "pdf"))


@bp.get("/innleveringer/<int:request_id>/filer.zip")
@login_required
def request_zip(request_id: int):
    request = _request(request_id)
    return private_download(exports.request_zip(request), ZIP, bundle.file_name(request, "zip"))
