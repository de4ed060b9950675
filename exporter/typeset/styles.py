"""Layout styles as ReportLab ParagraphStyles, each with its line breaking."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from exporter.layout import Layout, ParaStyle
from exporter.typeset.hyphenation import Rules, hyphenator
from exporter.typeset.paragraph import Breaking

_ALIGN = {"left": TA_LEFT, "justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT}


def face(names: dict[str, dict[str, str]], s: ParaStyle) -> str:
    """The ReportLab font name for a style's family, weight and slant."""
    key = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
           (True, True): "bold_italic"}[(s.bold, s.italic)]
    return names[s.font][key]


def rules_for(layout: Layout, lang: str) -> Rules:
    """The layout's hyphenation rules for ``lang`` (a BCP 47 tag): its
    settings, and the exceptions listed for that language or its base
    (``en`` serves ``en-GB``)."""
    h = layout.hyphenation
    base = lang.split("-")[0].lower()
    exceptions = tuple(h.exceptions.get(lang, ())) + (tuple(h.exceptions.get(base, ())) if base != lang else ())
    return Rules(lang=lang, left=h.left, right=h.right, min_word=h.min_word, capitalised=h.capitalised,
                 exceptions=exceptions)


def paragraph_styles(layout: Layout, names: dict[str, dict[str, str]], lang: str) -> dict[str, ParagraphStyle]:
    """Every layout style as a ParagraphStyle: no widows or orphans, lines
    broken by Octavo's total-fit breaker, words hyphenated where the style
    says so, kerned, and ligated unless the layout says not to
    (``typography.ligatures``)."""
    out = {}
    hyph = hyphenator(rules_for(layout, lang))
    ligatures = layout.ligatures
    with_hyphens, without = Breaking(hyph, ligatures=ligatures), Breaking(hyph, hyphens=False, ligatures=ligatures)
    for name, s in layout.styles.items():
        style = ParagraphStyle(
            name, fontName=face(names, s), fontSize=s.size, leading=s.leading, textColor=HexColor(s.colour),
            alignment=_ALIGN[s.align], spaceBefore=s.space_before, spaceAfter=s.space_after,
            firstLineIndent=s.first_indent, leftIndent=s.left_indent, keepWithNext=int(s.keep_with_next),
            allowWidows=0, allowOrphans=0, splitLongWords=1, hyphenationLang="", embeddedHyphenation=0,
            uriWasteReduce=0, textTransform="uppercase" if s.caps else None,
            bulletFontName=names[s.font]["regular"], bulletFontSize=s.size)
        style.breaking = with_hyphens if s.hyphenate else without
        out[name] = style
    return out
