"""Output file names that are safe on every system: ASCII letters, digits
and hyphens, nothing else (no spaces, no case-only differences)."""

from __future__ import annotations

import hashlib
import re
import unicodedata


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
    return out[:80].rstrip("-")
