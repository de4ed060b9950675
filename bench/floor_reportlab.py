"""The bare-library floor: the same paragraphs, same fonts, one ReportLab
pass; no contents, index, hyphenation, running heads or templates."""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from exporter.plaintext import body_units
from exporter.project import Project
from exporter.source.loader import load_event  # reads the source every run (no cache)

FONTS = Path(__file__).resolve().parent.parent / "exporter" / "fonts"


def main(event_dir: str, out: str) -> None:
    event = load_event(Path(event_dir).resolve(), Project(Path(event_dir).resolve().parent.parent))
    pdfmetrics.registerFont(TTFont("Body", str(FONTS / "NotoSerif-Regular.ttf")))
    style = ParagraphStyle("b", fontName="Body", fontSize=9.5, leading=13)
    story = [Paragraph(escape(u.text), style) for u in body_units(event)]
    SimpleDocTemplate(out, pagesize=(419.5, 595.3), invariant=1, initialFontName="Body").build(story)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
