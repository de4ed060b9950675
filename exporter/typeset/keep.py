"""Headings kept with what follows them.

ReportLab keeps a ``keepWithNext`` heading with the *whole* flowable after
it: when a heading and the long paragraph after it do not both fit, the
heading goes over to the next page, leaving the rest of the page empty.
Book practice is that a heading stands with at least two lines of its
text, no more: :class:`KeepWithStart` places the heading (or a run of
headings: speaker, affiliation, talk title) when the headings and the first
two lines of what follows fit, and lets the paragraph split below them;
otherwise the headings move to the next page.  A paragraph too short to
split (three lines or fewer, with no widows or orphans allowed) counts
whole.
"""

from __future__ import annotations

from reportlab.platypus.flowables import KeepTogether, _listWrapOn

LINES = 2


class KeepWithStart(KeepTogether):
    """Keeps headings with the first :data:`LINES` lines of what follows."""

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if len(self._content) > 1:
            dims: list = []
            _listWrapOn(self._content, aW, self.canv, dims=dims)
            last = self._content[-1]
            head = self._H - dims[-1][1]
            style = getattr(last, "style", None)
            lines = len(getattr(getattr(last, "blPara", None), "lines", ()) or ())
            if style is not None and lines > 2 * LINES - 1:
                need = head + LINES * style.leading
            else:
                need = self._H
            if need <= aH + 1e-6:
                return list(self._content)
        return super().split(aW, aH)
