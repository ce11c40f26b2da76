"""A page saved as a web archive (.mht / .mhtml) -> the report's text.

An MHT file is a MIME message (``multipart/related``) whose first HTML part is
the page; the standard library's ``email`` undoes its transfer encoding
(quoted-printable, base64) and the page goes to the HTML reader, with the
part's declared charset (GB2312 and GBK labels read as GB18030, whose superset
they are: pages labelled GB2312 routinely hold characters outside it).
"""
from __future__ import annotations

import email
import email.policy
from dataclasses import replace

from .base import Document, ReadError
from .plaintext import normalise_encoding
from .webpage import read_html


def read_mht(data: bytes) -> Document:
    """A saved web archive: its page's article, read by the HTML reader."""
    if not data.strip():
        raise ReadError("parse", "empty file (0 bytes)")
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    part = next((p for p in message.walk() if p.get_content_type() in ("text/html", "application/xhtml+xml")), None)
    if part is None:
        if message.get_content_maintype() != "multipart":
            # Not MIME at all: some sites name a plain saved page .mht.
            return replace(read_html(data), format="mht")
        raise ReadError("parse", "web archive without an HTML page (no text/html part)")
    payload = part.get_payload(decode=True) or b""
    charset = normalise_encoding(part.get_content_charset())  # GB2312/GBK -> GB18030
    return replace(read_html(payload, charset), format="mht")
