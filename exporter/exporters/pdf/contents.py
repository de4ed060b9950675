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

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from exporter.exporters.pdf.para import Paragraph

CALLBACK = "octavoContentsEnd"
DOT = " . "


def form_name(n: int) -> str:
    """The form XObject holding entry ``n``'s page number."""
    return f"toc{n}"


class Contents(Flowable):
    """The table of contents: ``entries`` are (level, markup, key) in book
    order, filled in by the story once it has every heading."""

    def __init__(self, styles: list[ParagraphStyle], links: bool, font: str) -> None:
        super().__init__()
        self.styles, self.links, self.font = styles, links, font
        self.entries: list[tuple[int, str, str]] = []
        self._table: Table | None = None
        self._size: tuple[float, tuple[float, float]] | None = None  # (width asked, size) of the last wrap

    def number_width(self, level: int) -> float:
        """The page-number column: room for four digits."""
        st = self.style(level)
        return stringWidth("0000", st.fontName, st.fontSize)

    def style(self, level: int) -> ParagraphStyle:
        return self.styles[min(level, len(self.styles) - 1)]

    def wrap(self, aw, ah):
        if self._size and self._size[0] == aw and self._table is not None:
            return self._size[1]  # the entries do not change: lay out once per width

        def entry_end(canv, kind, label) -> None:
            n = int(label)
            level = self.entries[n][0]
            st, numw = self.style(level), self.number_width(level)
            x, y = canv._curr_tx_info["cur_x"], canv._curr_tx_info["cur_y"]
            dots = int((aw - numw - x) / stringWidth(DOT, st.fontName, st.fontSize))
            canv.saveState()
            canv.setFont(st.fontName, st.fontSize)
            canv.setFillColor(st.textColor)
            if dots > 0:
                canv.drawRightString(aw - numw, y, DOT * dots)
            canv.translate(aw - numw, y)
            canv.doForm(form_name(n))
            canv.restoreState()

        self.canv.setNamedCB(CALLBACK, entry_end)
        rows = []
        for n, (level, text, key) in enumerate(self.entries):
            st = self.style(level)
            style = ParagraphStyle(f"contents{level}", parent=st, rightIndent=st.rightIndent + self.number_width(level))
            linked = f'<a href="#{key}">{text}</a>' if self.links and key else text
            rows.append([Paragraph(f'{linked}<onDraw name="{CALLBACK}" label="{n}"/>', style)])
        self._table = Table(rows or [[""]], colWidths=(aw,), style=TableStyle([
            ("FONT", (0, 0), (-1, -1), self.font, 9), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        size = self._table.wrapOn(self.canv, aw, ah)
        self._size = (aw, size)
        return size

    def split(self, aw, ah):
        self.wrap(aw, ah)
        return self._table.splitOn(self.canv, aw, ah)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)

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
