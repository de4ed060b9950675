"""Two things ReportLab writes the same in every file, corrected where it
writes them: the outline's ``/Count`` and the trailer's ``/ID``.

- ``/Count`` of the outline dictionary must be the number of visible
  outline items (ISO 32000-1 §12.3.3).  ReportLab's ``PDFOutlines`` counts
  them, then uses the same attribute as a counter while it names the
  entries of each nested level, so a booklet with three sessions' entries
  nested under them said 29 for its 26 entries.  :class:`CountedOutlines`
  counts again once the tree is made.
- ``/ID`` (§14.4) is an MD5 of a time stamp and the document information
  (title, author, subject, keywords): with a fixed time stamp, as
  deterministic output needs, the screen and the print edition, or two
  speakers' review copies, had the same identifier.  :class:`ContentCanvas`
  adds every page's content stream, size and boxes to the digest before
  the file is written, so different files get different ids and the same
  inputs the same one.

:class:`Identified` makes a ReportLab document template draw on a
:class:`ContentCanvas`: no global setting or library code is changed.
"""

from __future__ import annotations

import hashlib

from reportlab.pdfbase.pdfdoc import PDFOutlines, count
from reportlab.pdfgen.canvas import Canvas

from exporter.typeset.kerning import KerningCanvas


class CountedOutlines(PDFOutlines):
    """ReportLab's outline, with ``/Count`` the number of visible items."""

    def prepare(self, document, canvas) -> None:
        super().prepare(document, canvas)
        if self.ready == 1:  # a tree was made; count() is the function ReportLab counts with first
            self.count = count(self.mydestinations, self.closedict)


class ContentCanvas(KerningCanvas):
    """A canvas whose document has a :class:`CountedOutlines` and whose
    ``/ID`` digests the pages' content."""

    def __init__(self, *args, **kw) -> None:
        super().__init__(*args, **kw)
        doc = self._doc
        doc.outline = doc.Outlines = doc.Catalog.Outlines = CountedOutlines()

    def save(self) -> None:
        self._doc.updateSignature(content_digest(self._doc))
        super().save()


def content_digest(doc) -> str:
    """A SHA-256 of every page of ReportLab document ``doc``: its content
    stream, size and page boxes."""
    h = hashlib.sha256()
    for page in doc.Pages.pages:
        h.update(repr((page.pagewidth, page.pageheight)).encode())
        for box in ("CropBox", "ArtBox", "BleedBox", "TrimBox"):
            value = getattr(page, box, None)
            if value is not None:
                h.update(f"{box}{value.sequence!r}".encode())
        stream = page.stream or ""
        h.update(stream.encode("utf-8", "surrogatepass") if isinstance(stream, str) else stream)
    return h.hexdigest()


class Identified:
    """Mixin for a ReportLab document template: built on a
    :class:`ContentCanvas` unless another canvas is asked for."""

    def _makeCanvas(self, filename=None, canvasmaker=Canvas):
        return super()._makeCanvas(filename=filename,
                                   canvasmaker=ContentCanvas if canvasmaker is Canvas else canvasmaker)
