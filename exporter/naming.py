"""Output file names that are safe on every system: ASCII letters, digits
and hyphens, nothing else (no spaces, no case-only differences)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from exporter.errors import OctavoError

#: A name that becomes a folder and part of file names.
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Its most characters: a file name holds it with a suffix (``-proceedings-print-imposed-<layout>.pdf``)
#: within the 255 bytes file systems allow, and slugs (:func:`slug`) are cut to it.
MAX_NAME = 80


def check_name(kind: str, name: str) -> None:
    """Refuse an event or layout name that cannot be a folder name here."""
    if not NAME.match(name):
        raise OctavoError(f"{kind} name '{name}': use lower-case letters, digits and hyphens "
                          "(it becomes a folder and part of file names)")
    if len(name) > MAX_NAME:
        raise OctavoError(f"{kind} name '{name[:20]}…' has {len(name)} characters; use at most {MAX_NAME} "
                          "(it becomes a folder and part of file names)")


def slug(text: str) -> str:
    """``text`` as a lower-case ASCII slug: accents dropped, every other run
    of characters a hyphen (``Pakistan Russia (Draft)`` ->
    ``pakistan-russia-draft``).  Text with no ASCII letters or digits at all
    gets ``x-`` and a short hash of it, so different names stay different."""
    kept = "".join(c if c.isascii() and c.isalnum() else "" if unicodedata.combining(c) else "-"
                   for c in unicodedata.normalize("NFKD", text).lower())
    out = re.sub(r"-+", "-", kept).strip("-")
    if not out:
        out = "x-" + hashlib.sha256(text.encode()).hexdigest()[:8]
    return out[:MAX_NAME].rstrip("-")
