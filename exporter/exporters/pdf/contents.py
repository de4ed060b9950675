"""The contents, laid out in the same single pass as the body.

Every entry is known before layout (the story's headings), and each
entry's height does not depend on its page number, which is set in a
fixed-width column.  So the contents are laid out at once, and each page
number is drawn as a reference to a PDF form XObject (``toc0``, ``toc1`` …)
that the document defines after the last page, when every heading's page
is known.  This replaces ReportLab's ``TableOfContents`` and the repeated
``multiBuild`` passes it needs.
"""

from __future__ import annotations

from contextlib import nullcontext

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from exporter.typeset.paragraph import Paragraph
from exporter.typeset.tagging import Tag, mark

CALLBACK = "octavoContentsEnd"
DOT = " . "


def form_name(n: int) -> str:
    """The form XObject holding entry ``n``'s page number."""
    return f"toc{n}"


class Contents:
    """The table of contents: ``entries`` are (level, markup, key) in book
    order, filled in by the story once it has every heading; its
    :meth:`flowables` take its place in the story.

    Each entry is a paragraph of its own (not a table row: ReportLab
    re-measures every remaining row of a table each time it splits one
    across a page, which cost a 1,200-page book 6 % of its layout time)."""

    def __init__(self, styles: list[ParagraphStyle], links: bool) -> None:
        self.styles, self.links = styles, links
        self.entries: list[tuple[int, str, str]] = []

    def number_width(self, level: int) -> float:
        """The page-number column: room for four digits."""
        st = self.style(level)
        return stringWidth("0000", st.fontName, st.fontSize)

    def style(self, level: int) -> ParagraphStyle:
        return self.styles[min(level, len(self.styles) - 1)]

    def flowables(self) -> list[Flowable]:
        """A marker that sets up the dot leaders, then one paragraph per
        entry, its text kept clear of the page-number column."""
        styles = {}
        toc = Tag("TOC")  # TOC > TOCI > Reference > (Link > the entry, its page number)
        out: list[Flowable] = [_Leaders(self)]
        for n, (level, text, key) in enumerate(self.entries):
            if level not in styles:
                st = self.style(level)
                styles[level] = ParagraphStyle(f"contents{level}", parent=st,
                                               rightIndent=st.rightIndent + self.number_width(level))
            linked = f'<a href="#{key}">{text}</a>' if self.links and key else text
            out.append(mark(Paragraph(f'{linked}<onDraw name="{CALLBACK}" label="{n}"/>', styles[level]),
                            "Reference", Tag("TOCI", toc), link=bool(self.links and key)))
        return out

    def entry_end(self, canv, width: float, n: int) -> None:
        """After entry ``n``'s text (the canvas at the paragraph's origin, the
        text cursor after its last word): dot leaders to the number column,
        and the form that will hold the entry's page number."""
        level = self.entries[n][0]
        st, numw = self.style(level), self.number_width(level)
        x, y = canv._curr_tx_info["cur_x"], canv._curr_tx_info["cur_y"]
        dots = int((width - numw - x) / stringWidth(DOT, st.fontName, st.fontSize))
        tagger = getattr(canv, "tagger", None)
        with tagger.aside(canv) if tagger else nullcontext() as entry:
            # tagged: the leaders are an Artifact, the page number is read after
            # the entry's text (drawn before it: ReportLab draws the text last)
            canv.saveState()
            canv.setFont(st.fontName, st.fontSize)
            canv.setFillColor(st.textColor)
            if dots > 0:
                canv.drawRightString(width - numw, y, DOT * dots)
            canv.translate(width - numw, y)
            if entry is not None:
                tagger.begin(canv, entry.parent if entry.role == "Link" else entry)
            canv.doForm(form_name(n))
            if entry is not None:
                tagger.end(canv)
            canv.restoreState()

    def define_forms(self, canv, pages: dict[str, str]) -> None:
        """Define every entry's page-number form (called after the last
        page, with each heading key's printed page number)."""
        for n, (level, _, key) in enumerate(self.entries):
            st, numw = self.style(level), self.number_width(level)
            canv.beginForm(form_name(n), 0, -st.fontSize, numw, st.fontSize * 1.5)
            canv.setFont(st.fontName, st.fontSize)
            canv.setFillColor(st.textColor)
            canv.drawRightString(numw, 0, pages.get(key, "–"))
            canv.endForm()


class _Leaders(Flowable):
    """Takes no room; when laid out it gives the canvas the callback the
    entries call at their end (with the width of the text block)."""

    def __init__(self, contents: Contents) -> None:
        super().__init__()
        self.contents = contents

    def wrap(self, aw, ah):
        contents = self.contents
        self.canv.setNamedCB(CALLBACK, lambda canv, kind, label: contents.entry_end(canv, aw, int(label)))
        return 0, 0

    def draw(self):
        pass
