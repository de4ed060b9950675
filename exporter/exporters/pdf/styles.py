"""Layout styles as ReportLab ParagraphStyles."""

from __future__ import annotations

from functools import lru_cache

import pyphen
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from exporter.layout import Layout, ParaStyle

_ALIGN = {"left": TA_LEFT, "justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT}


def face(names: dict[str, dict[str, str]], s: ParaStyle) -> str:
    """The ReportLab font name for a style's family, weight and slant."""
    key = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
           (True, True): "bold_italic"}[(s.bold, s.italic)]
    return names[s.font][key]


@lru_cache(maxsize=8)
def hyphenator(lang: str):
    """A hyphenation function for ``lang`` that remembers every word: given
    to ReportLab instead of a language name, for which it builds a new
    pyphen dictionary wrapper on every paragraph and hyphenates each word
    anew on every line break."""
    dic = pyphen.Pyphen(lang=lang)

    @lru_cache(maxsize=1 << 16)
    def pairs(word: str) -> tuple[tuple[str, str], ...]:
        return tuple(dic.iterate(word))

    return pairs


def paragraph_styles(layout: Layout, names: dict[str, dict[str, str]], lang: str) -> dict[str, ParagraphStyle]:
    """Every layout style as a ParagraphStyle: no widows or orphans, words
    hyphenated where the style says so, long words split inside the box."""
    out = {}
    code = lang.replace("-", "_")
    hyph = hyphenator(code) if code in pyphen.LANGUAGES or code.split("_")[0] in pyphen.LANGUAGES else ""
    for name, s in layout.styles.items():
        out[name] = ParagraphStyle(
            name, fontName=face(names, s), fontSize=s.size, leading=s.leading, textColor=HexColor(s.colour),
            alignment=_ALIGN[s.align], spaceBefore=s.space_before, spaceAfter=s.space_after,
            firstLineIndent=s.first_indent, leftIndent=s.left_indent, keepWithNext=int(s.keep_with_next),
            allowWidows=0, allowOrphans=0, splitLongWords=1, uriWasteReduce=0.3,
            hyphenationLang=hyph if s.hyphenate else "", embeddedHyphenation=int(s.hyphenate),
            textTransform="uppercase" if s.caps else None,
            bulletFontName=names[s.font]["regular"], bulletFontSize=s.size)
    return out
