"""Checks of single values that the schema's types cannot say, shared by
the pydantic schema and its compiled form (``exporter.shapes``): kept out
of the schema's module so that checking them does not import pydantic."""

from __future__ import annotations

import datetime


def real_date(text: str) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real day between 1980
    and 2107 (the range every output format can date a file in)."""
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None
    if not 1980 <= parts[0] <= 2107:
        raise ValueError(f"'{text}': the year must be between 1980 and 2107")
    return text
