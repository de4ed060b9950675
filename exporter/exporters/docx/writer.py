"""The proceedings, walked in booklet order and written as Word paragraphs.

Front matter (cover, imprint, contents) is one section numbered i, ii, …;
the introduction, each session, the participants index, the media coverage
and the back matter are sections of their own, numbered from 1 and started
on odd pages.  Headings are bookmarked and gathered for the table of
contents, which is written last into the place kept for it.
"""

from __future__ import annotations

import math
from functools import singledispatchmethod

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from exporter import model as m
from exporter.plaintext import inline_text

from .blocks import Blocks, ListNumbers
from .fields import bookmark, toc_entry
from .inlines import Runs, add_link
from .people import format_month, index_entries
from .sections import new_section, numbering, running_heads


class ProceedingsWriter(Blocks):
    """Writes one event's proceedings into a document prepared from the
    reference (body empty, styles checked)."""

    def __init__(self, document, event: m.Event, layout) -> None:
        super().__init__(document, ListNumbers(document, layout.list_number_format))
        self.event, self.layout = event, layout
        self.toc: list[tuple[int, str, str]] = []
        self.toc_anchor = None
        self.pad = None

    def write(self) -> None:
        """The whole proceedings, in order."""
        self.front_matter()
        self.chapter("Introduction", restart=True)
        self.blocks(self.event.introduction)
        for session in self.event.sessions:
            self.session(session)
        self.participants()
        self.media()
        self.back_matter()
        self.fill_contents()

    # -- headings and sections ----------------------------------------------

    def heading(self, style: str, text: str, level: int, lead_break: bool = False):
        """A bookmarked heading paragraph, listed in the contents at ``level``."""
        para = self.text(style, text)
        if lead_break:
            page_break(para)
        anchor = f"_Toc{len(self.toc) + 1:06d}"
        bookmark(para, anchor, len(self.toc) + 1)
        self.toc.append((level, text, anchor))
        return para

    def chapter(self, title: str, restart: bool = False, start=WD_SECTION.ODD_PAGE) -> None:
        """A new section opening with Heading 1 ``title`` (also its running head)."""
        section = new_section(self.document, start)
        numbering(section, "decimal", restart)
        running_heads(section, self.event.title, title)
        self.heading("Heading 1", title, 1)
