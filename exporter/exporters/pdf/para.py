"""The booklet's paragraph: ReportLab's, breaking its lines once per width.

ReportLab breaks a paragraph's lines again on every ``wrap``, and the same
paragraph is wrapped more than once at the same width: a style with
``keep_with_next`` groups a heading with what follows, and the group wraps
its members to measure them before the frame wraps them again to place
them; tables wrap their cells when measured and when split.  Line breaking
(with hyphenation) is most of the booklet's time, so the breaks of the last
width are kept.  They depend only on the width: the text and style of a
paragraph do not change once it is made.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph


class Paragraph(_Paragraph):
    """A ReportLab Paragraph that keeps the line breaks of its last width."""

    _memo: tuple | None = None  # (width asked, (width, wrap widths, lines, height))

    def wrap(self, availWidth, availHeight):
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = memo[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if size == (availWidth, getattr(self, "height", None)):  # not the "no room at all" answer
            self._memo = (availWidth, (self.width, self._wrapWidths, self.blPara, self.height))
        return size
