"""The brief's bare-library floor: the same blocks (title, key messages,
context, recommendations, key figures, quote, about), same fonts, set by
ReportLab in one pass at one fixed size: no fitting, no templates, no page
references."""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from exporter.plaintext import block_units, brief_units
from exporter.project import Project
from exporter.source.loader import load_event  # reads the source every run (no cache)

FONTS = Path(__file__).resolve().parent.parent / "exporter" / "fonts"


def main(event_dir: str, out: str) -> None:
    event = load_event(Path(event_dir).resolve(), Project(Path(event_dir).resolve().parent.parent))
    for name, file in (("Serif", "NotoSerif-Regular"), ("Sans", "NotoSans-Regular"), ("SansBold", "NotoSans-Bold")):
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{file}.ttf")))
    body = ParagraphStyle("b", fontName="Serif", fontSize=9.25, leading=12.5)
    head = ParagraphStyle("h", fontName="SansBold", fontSize=10, leading=13, spaceBefore=8)
    title = ParagraphStyle("t", fontName="SansBold", fontSize=20, leading=24)
    small = ParagraphStyle("s", fontName="Sans", fontSize=8, leading=10)
    brief = event.brief
    story = [Paragraph(escape(brief.title), title), Paragraph("Key messages", head)]
    units = list(brief_units(brief))
    story += [Paragraph(escape(u.text), body) for u in units if u.kind in ("key message", "context",
                                                                             "recommendation")]
    figures = [u for u in units if u.kind == "key figure"]
    story += [Paragraph("Key figures", head), Table([[Paragraph(escape(u.text), small) for u in figures]])]
    story += [Paragraph(escape(u.text), body) for u in units if u.kind == "quote"]
    story += [Paragraph(escape(u.text), small) for u in block_units(event.organiser.description)]
    SimpleDocTemplate(out, pagesize=A4, invariant=1, initialFontName="Serif").build(story)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
