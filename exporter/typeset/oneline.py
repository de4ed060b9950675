"""One line of text drawn straight on a page (a running head, a footer),
with the paragraphs' font fallback and shaping.

``canvas.drawString`` sets every character in one font: an Urdu word in an
event's title would be boxes in the running head.  :func:`draw_line` draws
with the canvas when the font has every character (the common case, at no
cost), and otherwise as a one-line Octavo paragraph, which falls back,
shapes and orders right-to-left text as the body does."""

from __future__ import annotations

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


@lru_cache(maxsize=None)
def _style(font: str, size: float, right: bool) -> ParagraphStyle:
    from exporter.typeset.hyphenation import Rules, hyphenator
    from exporter.typeset.paragraph import Breaking

    style = ParagraphStyle("line", fontName=font, fontSize=size, leading=size * 1.2,
                           alignment=TA_RIGHT if right else TA_LEFT)
    style.breaking = Breaking(hyphenator(Rules()), hyphens=False)
    return style
