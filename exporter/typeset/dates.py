"""PDF dates taken from the source, so the same source gives the same bytes.

ReportLab stamps CreationDate and ModDate with the clock, or with
$SOURCE_DATE_EPOCH, or with 2000-01-01 when ``invariant``.  A document
template with :class:`SourceDated` stamps the event's publication date
instead (midnight UTC), unless $SOURCE_DATE_EPOCH is set, which wins as
reproducible-builds tools expect.
"""

from __future__ import annotations

import calendar
import os
import time

from reportlab.lib.utils import TimeStamp


def timestamp(iso: str) -> TimeStamp:
    """A ReportLab time stamp for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (missing parts taken as 1), or $SOURCE_DATE_EPOCH when set."""
    stamp = TimeStamp(invariant=1)
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return stamp
    parts = [int(p) for p in iso.split("-") if p] + [1, 1]
    t = calendar.timegm((parts[0], parts[1], parts[2], 0, 0, 0))
    stamp.t, stamp.lt = t, time.gmtime(t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class SourceDated:
    """Mixin for a ReportLab document template: set ``source_date`` (ISO)
    and the PDF's dates come from it."""

    source_date: str = ""

    def _makeCanvas(self, *args, **kw):
        canv = super()._makeCanvas(*args, **kw)
        if self.source_date:
            canv._doc._timeStamp = timestamp(self.source_date)
        return canv
