"""One line of text drawn straight on a page (a running head, a footer),
with the paragraphs' font fallback and shaping.

``canvas.drawString`` sets every character in one font: an Urdu word in an
event's title would be boxes in the running head.  :func:`draw_line` draws
with the canvas when the font has every character (the common case, at no
cost), and otherwise as a one-line Octavo paragraph, which falls back,
shapes and orders right-to-left text as the body does."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab import rl_config

from exporter.typeset import fallback


def draw_line(canv, x: float, y: float, text: str, font: str, size: float, right: bool = False) -> None:
    """``text`` with its baseline at ``y``, starting at ``x`` (ending there
    when ``right``), in ``font`` at ``size`` and the canvas's fill colour."""
    if not text or set(text) <= fallback.coverage(font) or not fallback.chain_of(font):
        (canv.drawRightString if right else canv.drawString)(x, y, text)
        return
    from exporter.typeset.markup import esc
    from exporter.typeset.paragraph import Paragraph

    style = ParagraphStyle("line", parent=_style(font, size, right), textColor=canv._fillColorObj)
    width = 10000.0  # one line, however long: where it ends is the caller's business, as with drawString
    p = Paragraph(esc(text), style)
    _, height = p.wrap(width, 10 * size)
    first = p.blPara.lines[0]
    ascent = first.fontSize if rl_config.paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)
    p.drawOn(canv, x - width if right else x, y - (height - ascent))


def line_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` set on one line in ``font`` and its fallbacks
    (each run in the font that has it; a shaped run's width may differ a
    little from the sum of its characters')."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(t, f, size) for f, t in fallback.font_runs(text, font))


@lru_cache(maxsize=4096)
def fit_line(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened to fit ``width`` on one line: whole when it fits,
    else cut after its last whole word that fits with an ellipsis after it
    (a running head is a reminder of where one is, not the whole title); a
    single word too wide is cut between characters, never between a
    character and its marks or joiners."""
    if line_width(text, font, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        head = " ".join(words).rstrip(" ,;:·|—–-")
        if head and line_width(head + "…", font, size) <= width:
            return head + "…"
    word = words[0] if words else ""
    cut = len(word)
    while cut > 0:
        cut -= 1
        while cut > 0 and (unicodedata.category(word[cut])[0] == "M" or word[cut] in "\u200d\ufe0f"
                           or word[cut - 1] == "\u200d"):
            cut -= 1
        if line_width(word[:cut] + "…", font, size) <= width:
            return word[:cut] + "…"
    return "…"


@lru_cache(maxsize=None)
def _style(font: str, size: float, right: bool) -> ParagraphStyle:
    from exporter.typeset.hyphenation import Rules, hyphenator
    from exporter.typeset.paragraph import Breaking

    style = ParagraphStyle("line", fontName=font, fontSize=size, leading=size * 1.2,
                           alignment=TA_RIGHT if right else TA_LEFT)
    # no ligatures, as drawString sets the other lines (and a layout may turn them off)
    style.breaking = Breaking(hyphenator(Rules()), hyphens=False, ligatures=False)
    return style
