"""Reading rendered pages the way a person would: the text, a field's value, its message."""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"https?://[^\s<>\"]+")


def text(response) -> str:
    """The page's visible text with tags removed and whitespace collapsed."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(_TAG.sub(" ", body)).split())


def section_text(body: str, section_id: str) -> str:
    """The visible text of the page's <section id="…"> (sections not nested), whitespace collapsed."""
    match = re.search(rf'<section[^>]*\bid="{re.escape(section_id)}".*?</section>', body, re.S)
    assert match, f"the page has no section {section_id}"
    return " ".join(html.unescape(_TAG.sub(" ", match.group(0))).split())


def field_error(response, field_id: str) -> str | None:
    """The message shown next to a form field, or None."""
    match = re.search(rf'id="{re.escape(field_id)}-feil">(.*?)</div>', response.get_data(as_text=True), re.S)
    return html.unescape(match.group(1)).strip() if match else None


def field_value(response, field_id: str) -> str | None:
    """What an input or textarea holds as the page is shown."""
    body = response.get_data(as_text=True)
    area = re.search(rf'<textarea[^>]*\bid="{re.escape(field_id)}"[^>]*>\r?\n?(.*?)</textarea>', body, re.S)
    if area:
        return html.unescape(area.group(1))
    tag = re.search(rf'<input[^>]*\bid="{re.escape(field_id)}"[^>]*>', body)
    if not tag:
        return None
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return html.unescape(value.group(1)) if value else ""


def html_lang(response) -> str | None:
    match = re.search(r'<html[^>]*\blang="([^"]*)"', response.get_data(as_text=True))
    return match.group(1) if match else None


def csrf_token(response) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.get_data(as_text=True))
    assert match, "the page has no CSRF token"
    return match.group(1)


def links_in(message) -> list[str]:
    """The links in an e-mail's body."""
    return _LINK.findall(message.get_content())


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def location(response) -> str:
    """Where a redirect points, as a path."""
    return path_of(response.headers["Location"])
