"""The PDF booklet: print-ready proceedings set with ReportLab.

Phases of :meth:`PdfExporter.render`:
1. register the layout's fonts and check they cover every character;
2. build the story (model -> flowables) and the page machinery;
3. lay out in one pass (contents page numbers are forms defined at the end,
   the index is set from the pages recorded before it);
4. return the bytes (deterministic: ``invariant`` and fixed metadata).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

from reportlab.lib.colors import HexColor
from reportlab.platypus.doctemplate import LayoutError

from exporter.cache import PageCache
from exporter.colour import print_colour
from exporter.errors import OctavoError
from exporter.exporters.base import Exporter
from exporter.exporters.pdf.doc import BookletDoc, OverMeasure, TooLarge
from exporter.exporters.pdf import pdfx
from exporter.exporters.pdf.edition import Edition
from exporter.typeset.fonts import all_units, glyph_problems, register
from exporter.exporters.pdf.story import ROLES, Story
from exporter.typeset.oneline import draw_line, fit_line
from exporter.typeset.styles import face, paragraph_styles
from exporter.typeset import prebreak, tagging, wordcache
from exporter.layout.templates import render_lines


class PdfExporter(Exporter):
    """The proceedings as a typeset booklet for screen reading (RGB, links,
    outline)."""

    name: ClassVar[str] = "pdf"
    description: ClassVar[str] = "the proceedings as a typeset PDF booklet"
    suffix: ClassVar[str] = "-proceedings.pdf"

    def edition(self) -> Edition:
        """What this PDF is made for (see :mod:`.edition`)."""
        return Edition.screen()

    paginates_booklet: ClassVar[bool] = True  # its pages are the booklet's (the brief cites them)
    item_pages: dict[str, int]

    def story(self, styles, names, edition: Edition) -> Story:
        """The flowables' builder for this PDF."""
        return Story(self.event, self.layout, styles, names, links=edition.links, pad_to=edition.pad_to,
                     colour=edition.colour)

    def render(self) -> bytes:
        ev, layout = self.event, self.layout
        # -- 1. fonts --------------------------------------------------------
        names = register(layout)
        problem = glyph_problems(layout, {"serif": all_units(ev, layout)})
        if problem:
            raise problem
        styles = paragraph_styles(layout, names, ev.language)
        # -- 2. story and page machinery -------------------------------------
        edition = self.edition()
        story = self.story(styles, names, edition)
        buf = io.BytesIO()
        doc = BookletDoc(buf, layout, self._furniture(names), edition, title=ev.title, author=ev.organiser.name,
                         subject=ev.subtitle, keywords=", ".join(ev.keywords), creator="Octavo",
                         producer="Octavo", lang=ev.language, invariant=1, displayDocTitle=1,
                         initialFontName=names["serif"]["regular"] if "serif" in names else None)
        doc.watermark_font = names["sans"]["bold"] if "sans" in names else doc.watermark_font
        doc.source_date = ev.published or ev.date
        if edition.tagged:
            doc.tagger = tagging.Tagger(ev.language, ROLES)
            doc.archive = edition.archive
        story.finish(doc)
        # -- 3. lay out until stable -------------------------------------------
        flowables = story.flowables()
        try:
            with prebreak.ahead(flowables, doc.text_width):  # see prebreak.py
                doc.build(flowables)  # one pass: see contents.py
        except TooLarge as exc:
            raise self._too_large(exc) from None
        except LayoutError as exc:
            raise OctavoError(f"the layout '{layout.name}' cannot hold an element of the source: {exc}") from None
        self.item_pages = {k: doc.body_page(v) for k, v in doc.marks.item_pages.items()}
        if self.paginates_booklet:
            self.shared[("item_pages", layout.name)] = self.item_pages
        self.doc = doc
        self.pages = doc.page
        wordcache.save()
        return buf.getvalue()

    def written(self, out_dir: Path) -> None:
        """Remember the booklet's item pages for a later brief."""
        if self.paginates_booklet:
            PageCache(out_dir).put(self.event, self.layout, self.item_pages)

    def _too_large(self, exc: TooLarge) -> OctavoError:
        """The error for an element the text block cannot hold: where it was
        written, and which layout style to change."""
        loc = exc.source()
        where = f"{loc}: " if loc else f"{type(exc.flowable).__name__}: "
        style = exc.style()
        if isinstance(exc, OverMeasure):
            where = f"{loc}: " if loc else f"a paragraph in style '{style}': "
            return OctavoError(
                f"{where}a line of this text would be {exc.over:.0f} pt wider than the text block of layout "
                f"'{self.layout.name}' ({exc.width:.0f} pt), off the page: it holds a word the line breaker "
                "cannot break (a run in two fonts with no space, such as Chinese with a Latin letter or a dash "
                "in it: a known limit); put a space where the text may break; nothing was written")
        origin = self.layout.origins.get(f"styles.{style}") if style else None
        hint = f"; make style '{style}' smaller" + (f" ({origin})" if origin else "") if style else ""
        return OctavoError(f"{where}this element does not fit in the text block of layout '{self.layout.name}' "
                           f"({exc.width:.0f}×{exc.height:.0f} pt) even on a page of its own{hint}")

    def _furniture(self, names):
        """The function drawing running heads and folios on a page."""
        layout, ev = self.layout, self.event
        head = layout.styles[layout.running_head_style]
        folio = layout.styles[layout.folio_style]
        verso_text = " ".join(x.text for x in render_lines(layout, "running_head_verso.j2", event=ev))
        recto_texts: dict[str, str] = {}  # by section: rendered once, not on every page of every pass

        def recto_text(section: str) -> str:
            if section not in recto_texts:
                lines = render_lines(layout, "running_head_recto.j2", event=ev, section=section)
                recto_texts[section] = " ".join(x.text for x in lines)
            return recto_texts[section]
        p = layout.page
        rule = HexColor(layout.colours.get("rule", "#999999"))

        def draw(canv, page: int, folio_text: str, section: str, opener: bool) -> None:
            recto = page % 2 == 1
            left = p.inner if recto else p.outer
            right = p.width - (p.outer if recto else p.inner)
            canv.saveState()
            if not opener:
                text = recto_text(section) if recto else verso_text
                y = p.height - p.top + 14
                canv.setFont(face(names, head), head.size)
                canv.setFillColor(HexColor(head.colour))
                text = fit_line(text, face(names, head), head.size, right - left)  # one line, inside the block
                draw_line(canv, right if recto else left, y, text, face(names, head), head.size, right=recto)
                if layout.running_head_rule:
                    canv.setStrokeColor(rule)
                    canv.setLineWidth(0.4)
                    canv.line(left, y - 4, right, y - 4)
            canv.setFont(face(names, folio), folio.size)
            canv.setFillColor(HexColor(folio.colour))
            y = p.bottom - 22
            (canv.drawRightString(right, y, folio_text) if recto else canv.drawString(left, y, folio_text))
            canv.restoreState()

        return draw


class PrintPdfExporter(PdfExporter):
    """The proceedings as a print-ready PDF/X: bleed, TrimBox and BleedBox,
    crop marks if the layout asks, CMYK through the layout's output profile
    with 100 % K text, no links, the page count a multiple of four."""

    name: ClassVar[str] = "print"
    description: ClassVar[str] = "the proceedings as a print-ready PDF/X (bleed, page boxes, CMYK)"
    suffix: ClassVar[str] = "-proceedings-print.pdf"
    paginates_booklet: ClassVar[bool] = False  # same pages as the screen edition, which publishes them

    def edition(self) -> Edition:
        return Edition.printed(self.layout.page, print_colour(self.layout))

    def render(self) -> bytes:
        data = pdfx.identify(super().render(), self.layout, self.event)
        self.shared[("print", self.layout.name)] = data
        return data


class ImposedPdfExporter(Exporter):
    """The print edition imposed for saddle stitching in house: two pages
    per sheet side in printer's order (A5 pages on A4 landscape)."""

    name: ClassVar[str] = "imposed"
    description: ClassVar[str] = "the print edition imposed two-up for saddle stitching"
    suffix: ClassVar[str] = "-proceedings-print-imposed.pdf"
    in_all: ClassVar[bool] = False

    def render(self) -> bytes:
        from exporter.exporters.pdf.impose import impose

        key = ("print", self.layout.name)
        if key not in self.shared:
            PrintPdfExporter(self.event, self.layout, self.shared).render()
        return impose(self.shared[key])
