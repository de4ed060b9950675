"""The booklet's page machinery: recto/verso frames, sessions opening on a
recto, truly blank versos, running heads, folios, page labels, outline,
and the page of every item for the index and the brief."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import ActionFlowable, BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import Flowable

from exporter.typeset.dates import SourceDated
from exporter.typeset.identity import Identified
from exporter.typeset.streams import BinaryStreams
from exporter.exporters.pdf.edition import Edition
from exporter.layout import Layout
from exporter.typeset.keep import KeepWithStart
from exporter.typeset.overflow import over_measure
from exporter.typeset.tagging import TaggedDoc


def roman(n: int) -> str:
    """``n`` as lower-case roman numerals."""
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


class OpenRecto(ActionFlowable):
    """Start a new page that is a recto, leaving a blank verso if needed."""

    def __init__(self) -> None:
        super().__init__(("openRecto",))


class OpenVerso(ActionFlowable):
    """Start a new page that is a verso (for the back cover)."""

    def __init__(self) -> None:
        super().__init__(("openVerso",))


class PadTo(ActionFlowable):
    """Start a new page whose number is a multiple of ``n``, leaving blank
    pages before it: the back cover of a saddle-stitched print edition.
    ``trailing``: at the very end, so the last page is one of the blanks."""

    def __init__(self, n: int, trailing: bool = False) -> None:
        super().__init__(("padTo", n, trailing))


@dataclass
class Marks:
    """What the last build learned about its pages."""

    body_start: int = 0                       # physical page where folio 1 is
    blank: set[int] = field(default_factory=set)
    openers: set[int] = field(default_factory=set)
    no_furniture: set[int] = field(default_factory=set)
    section_on: dict[int, str] = field(default_factory=dict)
    item_pages: dict[str, int] = field(default_factory=dict)
    toc_pages: dict[str, str] = field(default_factory=dict)        # heading key -> printed page
    person_pages: dict[str, list[str]] = field(default_factory=dict)  # person id -> printed pages


class TooLarge(LayoutError):
    """A flowable that does not fit the text block even on a page of its own."""

    def __init__(self, flowable: Flowable, width: float, height: float) -> None:
        super().__init__(f"{flowable.identity(60)} is too large for a {width:.0f}×{height:.0f} pt frame")
        self.flowable, self.width, self.height = flowable, width, height

    def source(self):
        """The source location recorded on the flowable (or the first
        flowable inside a group ReportLab made of it), or None."""
        todo = [self.flowable]
        while todo:
            f = todo.pop(0)
            loc = getattr(f, "_octavo", {}).get("loc")
            if loc is not None:
                return loc
            todo += list(getattr(f, "_content", None) or getattr(f, "_flowables", None) or [])
        return None

    def style(self) -> str:
        """The layout style of the flowable, if it is a paragraph."""
        todo = [self.flowable]
        while todo:
            f = todo.pop(0)
            if getattr(f, "style", None) is not None and hasattr(f.style, "name"):
                return f.style.name
            todo += list(getattr(f, "_content", None) or [])
        return ""


class OverMeasure(TooLarge):
    """A line of a paragraph wider than the text block: a word the line
    breaker could not break (see :func:`over_measure`)."""

    def __init__(self, flowable: Flowable, width: float, over: float) -> None:
        LayoutError.__init__(self, f"{flowable.identity(60)} has a line {over:.0f} pt wider than its {width:.0f} pt")
        self.flowable, self.width, self.height, self.over = flowable, width, 0.0, over


class BookletDoc(TaggedDoc, Identified, BinaryStreams, SourceDated, BaseDocTemplate):
    """A BaseDocTemplate with mirrored recto/verso frames and book rules."""

    keepTogetherClass = KeepWithStart  # a heading stands with two lines of its text, not all of it

    def __init__(self, buf, layout: Layout, furniture, edition: Edition, **kw) -> None:
        p = layout.page
        super().__init__(buf, **edition.doc_kwargs(p), **kw)
        self.layout, self.furniture, self.edition = layout, furniture, edition
        self.finishers: list = []  # called with (canvas, marks) after the last page, before saving
        self.watermark_font = kw.get("initialFontName") or "Helvetica"
        o = edition.offset
        self.marks = Marks()
        self._page_flowables = 0
        self._section = ""
        fw, fh = p.width - p.inner - p.outer, p.height - p.top - p.bottom
        self.text_width = fw  # what the frame gives a flowable (no padding)
        recto = Frame(o + p.inner, o + p.bottom, fw, fh, id="r", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        verso = Frame(o + p.outer, o + p.bottom, fw, fh, id="v", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self._sides = (PageTemplate("verso", [verso], onPageEnd=self._page_end),
                       PageTemplate("recto", [recto], onPageEnd=self._page_end))
        self.addPageTemplates(list(self._sides))

    # -- the build (one pass) ------------------------------------------------
    def beforeDocument(self) -> None:
        self.marks = Marks()
        self._page_flowables = 0
        self._section = ""

    def display_folio(self, page: int) -> str:
        """The number printed on physical ``page``: roman before the body."""
        start = self.marks.body_start
        if start and page >= start:
            return str(page - start + 1)
        return roman(page)

    def body_page(self, page: int) -> int:
        """``page`` counted from the body's first page (for contents)."""
        start = self.marks.body_start or 1
        return page - start + 1

    def _endBuild(self) -> None:
        """End the last page, let the finishers define what pages refer to
        (the contents' page numbers), then save."""
        self._doSave = 0
        super()._endBuild()
        for finish in self.finishers:
            finish(self.canv, self.marks)
        self.canv.save()

    def handle_flowable(self, flowables) -> None:
        """Place the next flowable; a LayoutError names the flowable."""
        f = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except OverMeasure:
            raise
        except LayoutError:
            if f is None:
                raise
            raise TooLarge(f, self.frame._width, self.frame._height) from None

    # -- recto / verso breaks ---------------------------------------------------
    def handle_openRecto(self) -> None:
        self._break_to(parity=1)

    def handle_openVerso(self) -> None:
        self._break_to(parity=0)

    def _break_to(self, parity: int) -> None:
        if self._page_flowables:
            self._new_page()
        if self.page % 2 != parity:
            self.marks.blank.add(self.page)
            self._new_page()

    def handle_padTo(self, n: int, trailing: bool) -> None:
        if trailing and self.page % n == 0:
            return
        if self._page_flowables:
            self._new_page()
        while self.page % n:
            self.marks.blank.add(self.page)
            self._new_page()
        if trailing:
            self.marks.blank.add(self.page)

    def _new_page(self) -> None:
        self.handle_pageBreak()
        self.clean_hanging()  # begin the new page now, so self.page is its number

    # -- page furniture --------------------------------------------------------
    def handle_pageBegin(self) -> None:
        self.pageTemplate = self._sides[(self.page + 1) % 2]  # odd pages are rectos
        super().handle_pageBegin()
        self.edition.draw_watermark(self.canv, self.layout.page, self.watermark_font)  # under the text
        self._page_flowables = 0
        if self.page == 1:
            self.canv.addPageLabel(0, style="ROMAN_LOWER")

    def afterFlowable(self, flowable: Flowable) -> None:
        over = over_measure(flowable)
        if over is not None:
            raise OverMeasure(flowable, over[1], over[0])
        self._page_flowables += 1
        page = self.page
        marks = getattr(flowable, "_octavo", {})
        if "body_start" in marks:  # first: the other marks count pages from it
            marks = {"body_start": True, **marks}
        for attr, value in marks.items():
            if attr == "section":
                self._section = value
            elif attr == "opener":
                self.marks.openers.add(page)
            elif attr == "body_start" and not self.marks.body_start:
                self.marks.body_start = page
                self.canv.addPageLabel(page - 1, style="ARABIC", start=1)
            elif attr == "no_furniture":
                self.marks.no_furniture.add(page)
            elif attr == "items":
                for item in value:
                    self.marks.item_pages.setdefault(item, page)
            elif attr == "outline":
                self._outline(*value)
            elif attr == "persons":
                folio = self.display_folio(page)
                for pid in value:
                    pages = self.marks.person_pages.setdefault(pid, [])
                    if folio not in pages:
                        pages.append(folio)
            elif attr == "toc":
                self.marks.toc_pages.setdefault(value[2], str(self.body_page(page)))
        self.marks.section_on[page] = self._section

    def _outline(self, key: str, title: str, level: int) -> None:
        if self.tagger is not None:
            self.tagger.titles[key] = title  # what a link to it says it leads to
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)

    def _page_end(self, canv, doc) -> None:
        page = canv.getPageNumber()
        m = self.marks
        self.edition.draw_marks(canv, self.layout.page)
        if page in m.blank or page in m.no_furniture or self._page_flowables == 0:
            return
        canv.saveState()
        canv.translate(self.edition.offset, self.edition.offset)
        self.furniture(canv, page, self.display_folio(page), m.section_on.get(page, ""),
                       opener=page in m.openers)
        canv.restoreState()
