"""The one-page policy brief: the brief section of the source, fitted to
its page(s) by :mod:`exporter.exporters.brief.fit`, with each key message
and recommendation citing the booklet page that discusses it.

The page numbers come from the booklet built with the same layout; when an
``export all`` has built it already, they are taken from ``shared``
instead of building it again.
"""

from __future__ import annotations

from typing import ClassVar

from exporter.cache import PageCache
from exporter.errors import OctavoError
from exporter.exporters import REGISTRY
from exporter.exporters.base import Exporter
from exporter.exporters.brief.fit import BriefOverflow, Fit, Fitter
from exporter.exporters.brief.story import BriefStory
from exporter.typeset.fonts import event_units, glyph_problems, register
from exporter.plaintext import brief_units
from exporter.typeset import wordcache


class BriefExporter(Exporter):
    """The policy brief as a PDF of ``layout.brief.max_pages`` page(s)."""

    name: ClassVar[str] = "brief"
    description: ClassVar[str] = "the one-page policy brief as PDF"
    suffix: ClassVar[str] = "-brief.pdf"

    fit: Fit

    needs: ClassVar[str] = "brief.yaml"

    @classmethod
    def applies(cls, event) -> bool:
        return event.brief is not None

    @classmethod
    def extra_inputs(cls, layout) -> str:
        return " ".join(o for o in layout.overrides if o.startswith("brief."))

    def render(self) -> bytes:
        ev, layout = self.event, self.layout
        if ev.brief is None:
            raise OctavoError(f"{ev.id}: this event has no brief: write brief.yaml next to event.yaml "
                              "(see the README, 'The policy brief')")
        names = register(layout)
        units = list(brief_units(ev.brief)) + event_units(ev)  # the masthead and footer set the event's
        problem = glyph_problems(layout, {"serif": units, "sans": units})
        if problem:
            raise problem
        story = BriefStory(ev, layout, names, self.booklet_pages())
        meta = dict(title=ev.brief.title, author=ev.organiser.name, subject=f"Policy brief: {ev.title}",
                    keywords=", ".join(ev.keywords), creator="Octavo", producer="Octavo", lang=ev.language,
                    displayDocTitle=1, initialFontName=names["serif" if "serif" in names else next(iter(names))]["regular"])
        self.fit = Fitter(story, names, meta).fit()
        wordcache.save()
        self.notes.extend(self.fit.log)
        self.pages = self.fit.pages
        return self.fit.data

    def booklet_pages(self) -> dict[str, int]:
        """Item id -> booklet page: from this run's booklet if it was built
        with the same layout, else from the page cache in the output folder
        if the inputs are unchanged, else from a booklet laid out now (and
        not written)."""
        key = ("item_pages", self.layout.name)
        if key not in self.shared:
            cache = PageCache(self.out_dir) if self.out_dir else None
            pages = cache.get(self.event, self.layout) if cache else None
            if pages is None:
                REGISTRY["pdf"](self.event, self.layout, self.shared).render()  # the booklet, not written
                if cache:
                    cache.put(self.event, self.layout, self.shared[key])
            else:
                self.shared[key] = pages
        return self.shared[key]


__all__ = ["BriefExporter", "BriefOverflow"]
