"""Review copies: for one person, a PDF of only their own contributions and
the Q&A exchanges they took part in, with each session's title and panel,
a cover note asking for corrections by the source's deadline, and a DRAFT
watermark on every page.

The copy is set by the booklet's own story and layout from the same model
(narrowed to the person), so what a speaker approves is what is printed.
"""

from __future__ import annotations

import dataclasses
from typing import ClassVar

from reportlab.platypus import Flowable

from exporter import model as m
from exporter.exporters.pdf import PdfExporter
from exporter.exporters.pdf.doc import OpenRecto
from exporter.exporters.pdf.edition import Edition
from exporter.exporters.pdf.story import Story, tag
from exporter.layout.templates import human_date
from exporter.layout import Layout
from exporter.naming import slug
from exporter.review import for_person

WATERMARK = "DRAFT"


class ReviewStory(Story):
    """The booklet's story for a review copy: the cover note, then the
    narrowed sessions, each opening on a recto."""

    def __init__(self, *args, person: m.Person, **kw) -> None:
        super().__init__(*args, **kw)
        self.person = person

    def flowables(self) -> list[Flowable]:
        ev = self.event
        note = self.template("review_note.j2", person=self.person,
                             deadline=human_date(ev.review_deadline) if ev.review_deadline else "",
                             contact=ev.editor_contact)
        out: list[Flowable] = [tag(x, no_furniture=True) for x in note]
        for n, session in enumerate(ev.sessions):
            flow = self.session(session, n)
            if n == 0:
                tag(flow[0], body_start=True)
            out += [OpenRecto(), *flow]
        return out


class ReviewPdfExporter(PdfExporter):
    """One person's review copy, written to ``<event>/review/``."""

    name: ClassVar[str] = "review"
    description: ClassVar[str] = "a speaker's review copy: their contributions only, marked DRAFT"
    suffix: ClassVar[str] = "-review.pdf"
    in_all: ClassVar[bool] = False
    paginates_booklet: ClassVar[bool] = False

    def __init__(self, event: m.Event, layout: Layout, shared: dict | None = None, *, person: str) -> None:
        self.person, narrowed = for_person(event, person)
        parts = {k: False for k in layout.parts}
        super().__init__(narrowed, dataclasses.replace(layout, parts=parts), shared)

    def filename(self) -> str:
        """``<event>-review-<person id>.pdf`` (``-<layout>`` as usual)."""
        base = super().filename()
        head = f"{slug(self.event.id)}-review"
        return f"{head}-{slug(self.person.id)}{base[len(head):]}"

    def path(self, out_dir):
        """Review copies go to ``<event>/review/``, apart from the publications."""
        return out_dir / slug(self.event.id) / "review" / self.filename()

    def edition(self) -> Edition:
        return Edition.review(WATERMARK)

    def story(self, styles, names, edition: Edition) -> Story:
        return ReviewStory(self.event, self.layout, styles, names, links=edition.links, person=self.person)
