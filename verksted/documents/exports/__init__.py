"""Submissions as PDF and DOCX, and all submissions of one request as a PDF bundle or a ZIP.

    content.py          what an exported document says (title area, sections, answers as blocks)
    markdown_blocks.py  Markdown as blocks both writers draw, raw HTML shown as text
    pdf.py, docx.py     the two writers
    bundle.py           a request's delivered documents: one PDF, or a ZIP of files
"""
from __future__ import annotations

from verksted.documents.exports import bundle, content
from verksted.documents.exports import docx as docx_writer
from verksted.documents.exports import pdf as pdf_writer
from verksted.documents.models import DocumentRequest, Submission


def submission_pdf(submission: Submission) -> bytes:
    return pdf_writer.submission_pdf(content.document_content(submission, content.assignment_of(submission)))


def submission_docx(submission: Submission) -> bytes:
    return docx_writer.submission_docx(content.document_content(submission, content.assignment_of(submission)))


def request_bundle_pdf(request: DocumentRequest) -> bytes:
    return bundle.bundle_pdf(request, content.deliveries(request))


def request_zip(request: DocumentRequest) -> bytes:
    return bundle.bundle_zip(content.deliveries(request))
