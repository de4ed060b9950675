"""The two editions of one booklet: what the screen PDF and the print PDF
do differently, in one place.

Screen: the trim size as the page, RGB, links and outline, tagged (PDF/UA-1)
and identified as PDF/A-2u.  Review copies are tagged too.
Print: the page grown by the bleed (and room for crop marks when the layout
asks for them), TrimBox and BleedBox on every page, every colour converted
to CMYK through the layout's output profile (black text is 100 % K; see
:mod:`exporter.colour`), no links, and the page count padded to a multiple
of four with blank pages before the back cover (saddle stitch).  The bleed
is drawn by moving the page's content, never by ReportLab's
``bleedWidth``, which stretches the page.  PDF/X identification is added to
the finished file (:mod:`.pdfx`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor, Color, toColor
from reportlab.lib.units import mm

from exporter.colour import PrintColour
from exporter.layout.model import Page

MARK_ROOM = 9 * mm      # beyond the bleed, for crop marks
MARK_GAP = 2 * mm       # between the bleed and a mark
REGISTRATION = CMYKColor(1, 1, 1, 1)


def cmyk_hook(colour: PrintColour):
    """The ``enforceColorSpace`` hook of a print edition's canvas: every
    colour set on it, as the inks ``colour`` prints it with."""

    def to_cmyk(value) -> CMYKColor:
        c = toColor(value)
        if isinstance(c, CMYKColor):
            return c
        if not isinstance(c, Color):
            raise ValueError(f"not a colour: {value!r}")
        rgb = (round(c.red * 255), round(c.green * 255), round(c.blue * 255))
        return CMYKColor(*colour.cmyk(*rgb), alpha=c.alpha)

    return to_cmyk


@dataclass(frozen=True)
class Edition:
    """How one PDF of the booklet is made: ``offset`` is the distance from
    the media box's edge to the trim, ``pad_to`` the page-count multiple."""

    name: str
    links: bool
    offset: float
    bleed: float
    crop_marks: bool
    pad_to: int
    cmyk: bool
    watermark: str = ""
    colour: PrintColour | None = None  # the conversion to CMYK, when ``cmyk``
    tagged: bool = False   # tagged PDF/UA-1 (see exporter.typeset.tagging)
    archive: bool = False  # and PDF/A-2u: the copy kept in an archive

    @classmethod
    def review(cls, text: str) -> Edition:
        """A speaker's review copy: the screen edition with ``text`` across
        every page."""
        return cls("review", True, 0.0, 0.0, False, 1, False, text, tagged=True)

    @classmethod
    def screen(cls) -> Edition:
        """The screen edition: trim-size pages, RGB, links."""
        return cls("screen", True, 0.0, 0.0, False, 1, False, tagged=True, archive=True)

    @classmethod
    def printed(cls, page: Page, colour: PrintColour | None = None) -> Edition:
        """The print edition of a layout's page: bleed, marks if asked, CMYK
        by ``colour`` (needed to draw it, not to measure it)."""
        return cls("print", False, page.bleed + (MARK_ROOM if page.crop_marks else 0.0), page.bleed,
                   page.crop_marks, 4, True, colour=colour)

    def doc_kwargs(self, page: Page) -> dict:
        """Keyword arguments for the document template: page size, boxes,
        colour space."""
        o, b = self.offset, self.bleed
        kw: dict = {"pagesize": (page.width + 2 * o, page.height + 2 * o)}
        if self.name == "print":
            kw["trimBox"] = (o, o, o + page.width, o + page.height)
            kw["bleedBox"] = (o - b, o - b, o + page.width + b, o + page.height + b)
        if self.cmyk:
            if self.colour is None:
                raise ValueError("a CMYK edition needs its colour conversion")
            kw["enforceColorSpace"] = cmyk_hook(self.colour)
        return kw

    def draw_watermark(self, canv, page: Page, font: str) -> None:
        """The watermark, large, light and diagonal (drawn first, so the
        text lies on top of it)."""
        if not self.watermark:
            return
        canv.saveState()
        canv.setFillColor(Color(0.6, 0.6, 0.6, alpha=0.25))
        canv.setFont(font, min(page.width, page.height) / 4.5)
        canv.translate(self.offset + page.width / 2, self.offset + page.height / 2)
        canv.rotate(54)
        canv.drawCentredString(0, -page.width / 14, self.watermark)
        canv.restoreState()

    def draw_marks(self, canv, page: Page) -> None:
        """Crop marks at the trim's corners, outside the bleed."""
        if not self.crop_marks:
            return
        o, start = self.offset, self.bleed + MARK_GAP
        x0, y0, x1, y1 = o, o, o + page.width, o + page.height
        canv.saveState()
        canv.setStrokeColor(REGISTRATION)
        canv.setLineWidth(0.25)
        for x, y, dx, dy in ((x0, y0, -1, -1), (x1, y0, 1, -1), (x0, y1, -1, 1), (x1, y1, 1, 1)):
            canv.line(x + dx * start, y, x + dx * o, y)
            canv.line(x, y + dy * start, x, y + dy * o)
        canv.restoreState()
