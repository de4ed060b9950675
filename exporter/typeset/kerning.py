"""The font's kerning, measured by HarfBuzz and drawn as ``TJ`` adjustments.

Each distinct word is shaped once per font (kerning only: no ligatures, no
other substitutions) and the result kept as its *kerns*: the characters
after which the pen moves by other than the glyph's advance, with the
difference in thousandths of an em.  A word whose shaping would change its
glyphs (a script that joins its letters, combining marks) has no kerns
here; it is drawn as it is, or shaped whole by whoever sets that script.

A kerned text is a :class:`KernedStr`: the plain characters, so that the
line breaker, links and the text layer see ordinary text, with its kerns
beside them.  :class:`KerningCanvas` draws such a string as one ``TJ``
array with a number only where a pair is kerned, and measures it with its
kerns, so ReportLab's paragraph drawing places what follows it exactly.
This is ReportLab's own shaped-text route reduced to what kerning needs:
that route positions every glyph from Python and costs as much as the
rest of the drawing together.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from exporter.typeset import wordcache

try:
    import uharfbuzz as hb
except ImportError:  # pragma: no cover - a dependency; without it text is set unkerned
    hb = None

Kerns = tuple  # ((index of the character the adjustment follows, thousandths of an em), ...)

_FEATURES = {"kern": True, "liga": False, "clig": False, "dlig": False, "calt": False}


class KernedStr(str):
    """Text with its kerns (``.kerns``)."""

    def __new__(cls, text: str, kerns: Kerns):
        self = super().__new__(cls, text)
        self.kerns = kerns
        return self


class _Kerner:
    """One font's HarfBuzz shaper and the kerns of the words it has seen."""

    def __init__(self, font) -> None:
        face = font.hbFace
        self.font = hb.Font(face)
        self.scale = 1000.0 / face.upem
        path = getattr(font.face, "filename", None)
        self.known: dict[str, Kerns | None] = wordcache.table("kerns", hb.__version__, path=path) \
            if isinstance(path, str) else {}

    def kerns(self, text: str) -> Kerns | None:
        """``text``'s kerns, ``()`` when none, None when shaping would change
        its glyphs."""
        known = self.known.get(text, False)
        if known is not False:
            return known
        if len(text) < 2:
            self.known[text] = ()
            return ()
        font = self.font
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf, _FEATURES)
        infos, positions = buf.glyph_infos, buf.glyph_positions
        out: Kerns | None = ()
        if len(infos) != len(text):
            out = None
        else:
            found = []
            scale = self.scale
            for i, (info, pos) in enumerate(zip(infos, positions)):
                if info.cluster != i or pos.x_offset or pos.y_offset \
                        or font.get_nominal_glyph(ord(text[i])) != info.codepoint:
                    out = None
                    break
                d = pos.x_advance - font.get_glyph_h_advance(info.codepoint)
                if d and i < len(text) - 1:
                    found.append((i, d * scale))
            else:
                out = tuple(found)
        self.known[text] = out
        return out


_KERNERS: dict[str, _Kerner | None] = {}


def kerner(font_name: str) -> _Kerner | None:
    """The kerner of the registered font ``font_name``, None when the font
    cannot be shaped."""
    found = _KERNERS.get(font_name, False)
    if found is False:
        font = getFont(font_name)
        found = _KERNERS[font_name] = _Kerner(font) if hb is not None and getattr(font, "shapable", False) \
            else None
    return found


def kerns(text: str, font_name: str) -> Kerns | None:
    """The kerns of ``text`` in the registered font ``font_name``: ``()``
    when it has none or the font cannot be shaped, None when shaping would
    change the glyphs (then the text is not kerned)."""
    found = kerner(font_name)
    return found.kerns(text) if found is not None else ()


def total(kerns: Kerns, start: int = 0, stop: int | None = None) -> float:
    """The sum of the adjustments between characters ``start`` and ``stop``
    (a pair split by a line end is not kerned), in thousandths of an em."""
    if stop is None:
        return sum(d for _, d in kerns)
    last = stop - 1
    return sum(d for i, d in kerns if start <= i < last)


def sliced(kerns: Kerns, start: int, stop: int) -> list:
    """The kerns inside ``text[start:stop]``, numbered within the slice."""
    last = stop - 1
    return [(i - start, d) for i, d in kerns if start <= i < last]


class KerningText(PDFTextObject):
    """A text object that draws a :class:`KernedStr` with its kerns."""

    def _formatText(self, text):
        kerned = getattr(text, "kerns", None)
        if not kerned:
            return super()._formatText(text)
        font = getFont(self._fontname)
        if not font._dynamicFont:
            return super()._formatText(text)
        canv = self._canvas
        doc = canv._doc
        escape = canv._escape
        code = []
        pos = 0
        k = 0
        n = len(kerned)
        for subset, chunk in font.splitString(text, doc):
            if subset != self._curSubset:
                code.append(f"{font.getSubsetInternalName(subset, doc)} {fp_str(self._fontsize)} Tf "
                            f"{fp_str(self._leading)} TL")
                self._curSubset = subset
            end = pos + len(chunk)  # one byte per character
            parts = []
            a = 0
            while k < n and kerned[k][0] < end:
                at, d = kerned[k]
                cut = at + 1 - pos
                if cut >= len(chunk):
                    break  # the pair straddles two subsets: not kerned
                parts.append(f"({escape(chunk[a:cut])})")
                parts.append(fp_str(-d))
                a = cut
                k += 1
            while k < n and kerned[k][0] < end:
                k += 1
            if parts:
                parts.append(f"({escape(chunk[a:])})")
                code.append(f"[{' '.join(parts)}] TJ")
            else:
                code.append(f"({escape(chunk)}) Tj")
            pos = end
        return " ".join(code)


class KerningCanvas(Canvas):
    """A canvas whose text objects draw kerned strings, and that measures
    them with their kerns."""

    def beginText(self, x=0, y=0, direction=None):
        return KerningText(self, x, y, direction=direction)

    def stringWidth(self, text, fontName=None, fontSize=None):
        width = super().stringWidth(text, fontName, fontSize)
        kerned = getattr(text, "kerns", None)
        if kerned:
            width += sum(d for _, d in kerned) * (self._fontsize if fontSize is None else fontSize) / 1000
        return width
