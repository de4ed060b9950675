"""Lines wider than their measure: what the line breaker could not cut.

Shared by the booklet and the brief (no exporter imports another)."""

from __future__ import annotations

import html
import re

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.flowables import Flowable


def over_measure(flowable: Flowable) -> tuple[float, float] | None:
    """(points over, the measure) of the first line of paragraph
    ``flowable`` that is wider than its measure by more than its word
    spaces may shrink (and a point for rounding), or None.  The line
    breaker cuts a word too long for the measure where the measure ends;
    a line still wider runs into the margin or off the page, where no
    reader sees it though its text is in the file."""
    for inner in _inside(flowable):  # a table's cells (the brief's panels), a group's members
        found = over_measure(inner)
        if found is not None:
            return found
    bl = getattr(flowable, "blPara", None)
    style = getattr(flowable, "style", None)
    if bl is None or style is None or not hasattr(style, "fontName"):
        return None
    space = None
    for line in bl.lines:
        if bl.kind == 0:
            extra, words = line
            count, measure = len(words), getattr(flowable, "width", 0.0)
        else:
            extra, count, measure = line.extraSpace, line.wordCount, line.maxWidth
        if extra >= -1.0:
            continue  # within the measure, or within the point allowed for rounding
        if space is None:
            breaking = getattr(style, "breaking", None)
            shrink = breaking.shrink if breaking is not None and style.alignment == TA_JUSTIFY else 0.0
            space = shrink * stringWidth(" ", style.fontName, style.fontSize)
        if -extra > space * max(count - 1, 0) + 1.0:
            return -extra, measure
    return None


def first_text(flowable: Flowable) -> str:
    """The text of ``flowable``'s first paragraph with a line over its
    measure (or its own), for a message."""
    for inner in _inside(flowable):
        if over_measure(inner) is not None:
            return first_text(inner)
    markup = str(getattr(flowable, "text", ""))
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())  # its text, not its markup


def _inside(flowable: Flowable) -> list:
    cells = getattr(flowable, "_cellvalues", None)
    if cells:
        return [f for row in cells for cell in row for f in (cell if isinstance(cell, (list, tuple)) else [cell])
                if isinstance(f, Flowable)]
    return [f for f in getattr(flowable, "_content", None) or getattr(flowable, "_flowables", None) or []
            if isinstance(f, Flowable)]
