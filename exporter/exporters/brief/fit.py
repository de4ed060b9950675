"""Fitting the brief on its pages, honestly.

1. Search the largest body size on a 0.25 pt grid between the layout's
   ``max_size`` and its floor ``min_size`` whose blocks, measured with the
   real flowables, fit the frame (binary search: the height falls as the
   size falls).
2. Confirm with a real build that the result has at most ``max_pages``
   pages; if not, step the size down and build again.
3. If nothing fits at the floor, leave out the next part of the layout's
   ``drop_order`` and start again; key messages and recommendations are
   never left out.
4. If it still does not fit, fail with :class:`BriefOverflow`: by how much,
   and which blocks are the longest, with their source locations.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from exporter.errors import OctavoError
from exporter.exporters.brief.story import PART_NAMES, ROLES, Block, BriefStory
from exporter.typeset.dates import SourceDated
from exporter.typeset.identity import Identified
from exporter.typeset.streams import BinaryStreams
from exporter.typeset.oneline import draw_line, fit_line
from exporter.typeset.overflow import first_text, over_measure
from exporter.typeset.styles import face
from exporter.typeset import tagging

STEP = 0.25          # pt: the size grid
FOOTER = 7 * mm      # room kept under the frame for the footer


@dataclass
class Fit:
    """The fitter's result: the body size chosen, the parts left out, how
    many measurements and builds it took, the page count and the bytes."""

    size: float
    left_out: tuple[str, ...]
    iterations: int
    pages: int
    data: bytes
    log: list[str] = field(default_factory=list)


class BriefDoc(tagging.TaggedDoc, Identified, BinaryStreams, SourceDated, BaseDocTemplate):
    """The brief's document template, dated from the source, its id from
    its content, tagged and identified as PDF/A-2u; a line wider than the
    page's text block is an error (see
    :func:`~exporter.exporters.pdf.doc.over_measure`)."""

    archive = True

    def afterFlowable(self, flowable) -> None:
        over = over_measure(flowable)
        if over is not None:
            text = first_text(flowable)
            raise OctavoError(
                f"the brief: a line of “{text[:60]}{'…' if len(text) > 60 else ''}” would be {over[0]:.0f} pt wider "
                f"than the page's text block ({over[1]:.0f} pt), off the page: it holds a word the line breaker "
                "cannot break (a run in two fonts with no space, such as Chinese with a Latin letter or a dash in "
                "it: a known limit); put a space where the text may break; nothing was written")


class BriefOverflow(OctavoError):
    """The brief does not fit even at the floor with every optional part
    left out; the message says by how much and names the longest blocks."""


def grid(top: float, floor: float) -> list[float]:
    """Body sizes from ``top`` down to ``floor`` in ``STEP`` steps (the floor
    always included)."""
    sizes, s = [], top
    while s > floor + 1e-6:
        sizes.append(round(s, 2))
        s -= STEP
    return sizes + [floor]


class Fitter:
    """Fits one brief: ``story`` makes the blocks, ``meta`` is the PDF's
    document information (title, author …)."""

    def __init__(self, story: BriefStory, names, meta: dict) -> None:
        self.story, self.names, self.meta = story, names, meta
        b = story.layout.brief
        self.settings = b
        self.width = b.width - 2 * b.margin
        self.frame_height = b.height - 2 * b.margin - FOOTER
        self.iterations = 0
        story.footer_text(1, b.max_pages)  # a template error surfaces here, not inside ReportLab's page hook

    # -- measuring ---------------------------------------------------------------
    def stack(self, flowables) -> float:
        """The height ``flowables`` take stacked in the frame, as ReportLab's
        Frame stacks them: the gap between two is the larger of the first's
        space after and the second's space before; none at the top."""
        total, after = 0.0, None
        for f in flowables:
            _, h = f.wrap(self.width, self.frame_height * 10)
            before = f.getSpaceBefore()
            total += h + (max(before, after) if after is not None else 0.0)
            after = f.getSpaceAfter()
        return total

    def block_height(self, block: Block) -> float:
        """The height ``block`` takes on its own."""
        return self.stack(block.flowables)

    def measure(self, size: float, left_out: tuple[str, ...]) -> float:
        """The height of the whole brief at body ``size``."""
        self.iterations += 1
        return self.stack([f for b in self.story.blocks(size, left_out) for f in b.flowables])

    # -- building ----------------------------------------------------------------
    def build(self, size: float, left_out: tuple[str, ...], pages: int = 1) -> tuple[bytes, int]:
        """A real build at ``size``: the bytes and the page count
        (``pages`` is the count the footer shows)."""
        self.iterations += 1
        b = self.settings
        buf = io.BytesIO()
        doc = BriefDoc(buf, pagesize=(b.width, b.height), leftMargin=b.margin, rightMargin=b.margin,
                       topMargin=b.margin, bottomMargin=b.margin, invariant=1, **self.meta)
        doc.source_date = self.story.event.published or self.story.event.date
        doc.tagger = tagging.Tagger(self.meta.get("lang", ""), ROLES)
        frame = Frame(b.margin, b.margin + FOOTER, self.width, self.frame_height, 0, 0, 0, 0, id="brief")
        doc.addPageTemplates([PageTemplate("brief", [frame], onPage=self._footer(size, pages))])
        flowables = [f for block in self.story.blocks(size, left_out) for f in block.flowables]
        try:
            doc.build(flowables)
        except LayoutError:
            return b"", 10 ** 6  # one block taller than a whole page
        return buf.getvalue(), doc.page

    def _footer(self, size: float, pages: int) -> Callable:
        st = self.story.styles(size)
        b = self.settings

        def draw(canv, doc) -> None:
            style, text = self.story.footer_text(doc.page, pages)
            s = st[style]
            layout_style = self.story.layout.styles[style]
            # one line, inside the margins, however long the event's title
            text = fit_line(text, face(self.names, layout_style), s.fontSize, doc.pagesize[0] - 2 * b.margin)
            tagger = doc.tagger  # the footer is drawn first and read last
            if tagger is not None:
                tagger.begin(canv, tagger.node(tagging.Tag("P", last=True), text=text))
            canv.saveState()
            canv.setFont(face(self.names, layout_style), s.fontSize)
            canv.setFillColor(s.textColor)
            draw_line(canv, b.margin, b.margin, text, face(self.names, layout_style), s.fontSize)
            canv.restoreState()
            if tagger is not None:
                tagger.end(canv)

        return draw

    # -- fitting -----------------------------------------------------------------
    def fit(self) -> Fit:
        """The largest size that fits, leaving out parts only when the floor
        is not enough; raises :class:`BriefOverflow` when nothing fits."""
        b, log = self.settings, []
        left_out: tuple[str, ...] = ()
        droppable = [p for p in b.drop_order if self._has(p)]
        room = self.frame_height * b.max_pages
        while True:
            sizes = grid(b.max_size, b.min_size)
            if self.measure(sizes[-1], left_out) <= room or b.max_pages > 1:
                found = self._search(sizes, left_out, room)
                if found:
                    size, data, pages = found
                    return Fit(size, left_out, self.iterations, pages, data, log)
            if not droppable:
                raise self._overflow(left_out)
            part = droppable.pop(0)
            left_out += (part,)
            log.append(f"left out {PART_NAMES[part]} to fit {self._pages_text()} (it does not fit at the "
                       f"{b.min_size:g}pt floor with it)")

    def _search(self, sizes: list[float], left_out: tuple[str, ...], room: float):
        """Binary search for the largest fitting size, then confirm by real
        builds, stepping down when a build runs over."""
        lo, hi = 0, len(sizes) - 1          # sizes[hi] is the floor
        first = hi
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.measure(sizes[mid], left_out) <= room:
                first, hi = mid, mid - 1
            else:
                lo = mid + 1
        for size in sizes[first:]:
            data, pages = self.build(size, left_out)
            if pages <= self.settings.max_pages:
                if pages > 1:  # the footer says "page n of N": build once more with N known
                    data, pages = self.build(size, left_out, pages)
                return size, data, pages
        return None

    def _has(self, part: str) -> bool:
        b, org = self.story.brief, self.story.event.organiser
        return {"quote": b.quote is not None, "context": bool(b.context), "key_figures": bool(b.key_figures),
                "about": bool(org.description or org.profile or org.url)}[part]

    def _pages_text(self) -> str:
        n = self.settings.max_pages
        return f"{n} page" + ("s" if n > 1 else "")

    def _overflow(self, left_out: tuple[str, ...]) -> BriefOverflow:
        b = self.settings
        blocks = self.story.blocks(b.min_size, left_out)
        over = self.stack([f for x in blocks for f in x.flowables]) - self.frame_height * b.max_pages
        line = self.story.styles(b.min_size)["brief_body"].leading
        dropped = f" with {' and '.join(PART_NAMES[p] for p in left_out)} left out" if left_out else ""
        parts: dict[str, list[float]] = {}
        for x in blocks:
            parts.setdefault(x.part, []).append(self.block_height(x))
        share = ", ".join(f"{PART_NAMES[k].removeprefix('the ')} {sum(v) / mm:.0f} mm"
                          + (f" ({len(v)})" if len(v) > 1 else "") for k, v in parts.items())
        prose = [(self.stack(x.flowables[x.heading:]), x) for x in blocks if x.prose]
        lines = [f"the brief does not fit on {self._pages_text()}, even at the {b.min_size:g}pt floor{dropped}: "
                 f"it is {over / mm:.0f} mm too long (about {max(1, round(over / line))} lines of body text).",
                 f"Space taken at {b.min_size:g}pt: {share}.", "The longest blocks:"]
        for h, x in sorted(prose, key=lambda hx: -hx[0])[:5]:
            where = f"{x.loc.file}:{x.loc.line}:{x.loc.col}" if x.loc.line else x.loc.file
            lines.append(f"  {where}: {x.label}: {h / mm:.0f} mm ({round(h / line)} lines)")
        more = (" or allow a second page with --max-pages 2 (or brief.max_pages in the layout);"
                if b.max_pages == 1 else "")
        lines.append(f"Shorten them or cut some,{more} nothing was written.")
        return BriefOverflow("\n".join(lines))
