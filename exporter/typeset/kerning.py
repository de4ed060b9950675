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

Standard ligatures (the font's ``liga`` feature: fi, fl, ff, ffi, ffl in
Noto Serif; none in Liberation Serif, which has no such feature) come from
the same shaping, so which letters ligate is the font's answer, word by
word.  A word with ligatures has :class:`Ligated` kerns: its ``ligs``
``((start, stop, glyph, delta), ...)`` say which characters one glyph
stands for and by how much (``delta``, thousandths of an em) that glyph
is narrower or wider than their letters.  The kerns *measure* the word
as drawn: the delta is added to the kern after the ligature's last
character, so every width the line breaker takes (a whole word, a piece
of one, a line) is the plain letters' plus the kerns, as before.  The
drawing (:class:`KerningText`) puts the ligature's glyph in place of its
letters, with a private-use code whose ToUnicode entry is those letters
(:func:`exporter.typeset.fallback.to_unicode`: copied, searched or
extracted, "office" reads "office"), and draws only the true kern after
it.  Where a ligature cannot be drawn (a kern between its letters:
letter spacing), its letters are drawn instead, spaced to the width
measured, so a line never changes width between measuring and drawing.
"""

from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from exporter.typeset import wordcache
from exporter.typeset.fallback import _code

try:
    import uharfbuzz as hb
except ImportError:  # pragma: no cover - a dependency; without it text is set unkerned
    hb = None

Kerns = tuple  # ((index of the character the adjustment follows, thousandths of an em), ...)
Ligs = tuple   # ((first character, character after the last, glyph, delta in thousandths of an em), ...)


class Ligated(tuple):
    """The kerns of a text with ligatures (``.ligs``), a delta included
    in the kern after each ligature's last character.  True even with no
    kerns: it has ligatures."""

    def __new__(cls, kerns, ligs: Ligs):
        self = super().__new__(cls, kerns)
        self.ligs = ligs
        return self

    def __bool__(self) -> bool:
        return True


def ligs_of(kerns) -> Ligs:
    """The ligatures of ``kerns`` (``()`` for plain kerns or None)."""
    return getattr(kerns, "ligs", ())


class KernedStr(str):
    """Text with its kerns (``.kerns``) and ligatures (``.ligs``)."""

    def __new__(cls, text: str, kerns: Kerns, ligs: Ligs = ()):
        self = super().__new__(cls, text)
        self.kerns = kerns
        self.ligs = ligs
        return self


def _features(kern: bool, liga: bool) -> dict:
    """HarfBuzz features for kerning and, or, standard ligatures: no
    discretionary or contextual ones, no other substitutions asked for."""
    return {"kern": kern, "liga": liga, "clig": False, "dlig": False, "calt": False}


class _Kerner:
    """One font's HarfBuzz shaper and the kerns (and ligatures) of the
    words it has seen."""

    def __init__(self, font, kern: bool = True, liga: bool = False) -> None:
        face = font.hbFace
        self.font = hb.Font(face)
        self.scale = 1000.0 / face.upem
        self.liga = liga
        self.features = _features(kern, liga)
        self.unligated = _features(kern, False)
        path = getattr(font.face, "filename", None)
        made_from = ("kerns", hb.__version__) + (("liga",) if liga else ()) + (() if kern else ("no kern",))
        self.known: dict[str, Kerns | None] = wordcache.table(*made_from, path=path) \
            if isinstance(path, str) else {}
        if isinstance(self.known, wordcache.Table):
            # a word with ligatures is kept as [kerns, ligs] (marshal's types), used as Ligated
            odd = [(word, value) for word, value in self.known.items() if value.__class__ is list]
            for word, value in odd:
                try:
                    self.known[word] = _decode(value)
                except (IndexError, TypeError):  # not what was written: asked again
                    del self.known[word]
            self.known.encode, self.known.decode = _encode, _decode

    def kerns(self, text: str) -> Kerns | None:
        """``text``'s kerns, ``()`` when none, None when shaping would change
        its glyphs other than by a standard ligature."""
        known = self.known.get(text, False)
        if known is not False:
            return known
        if len(text) < 2:
            self.known[text] = ()
            return ()
        out = self._shape(text, self.features)
        if out is None and self.liga:
            out = self._shape(text, self.unligated)  # a substitution not drawn here: kerned, unligated
        self.known[text] = out
        return out

    def _shape(self, text: str, features: dict) -> Kerns | None:
        font = self.font
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        hb.shape(font, buf, features)
        infos, positions = buf.glyph_infos, buf.glyph_positions
        n = len(text)
        scale = self.scale
        found = []
        if len(infos) == n:  # one glyph a character (nearly every word)
            for i, (info, pos) in enumerate(zip(infos, positions)):
                if info.cluster != i or pos.x_offset or pos.y_offset \
                        or font.get_nominal_glyph(ord(text[i])) != info.codepoint:
                    return None
                d = pos.x_advance - font.get_glyph_h_advance(info.codepoint)
                if d and i < n - 1:
                    found.append((i, d * scale))
            return tuple(found)
        if not features["liga"] or not infos or infos[0].cluster:
            return None  # a substitution other than a standard ligature: not drawn here
        # fewer glyphs than characters: ligatures, each a glyph for a run of letters
        ligs = []
        last = len(infos) - 1
        for k, (info, pos) in enumerate(zip(infos, positions)):
            start = info.cluster
            stop = infos[k + 1].cluster if k < last else n
            if stop <= start or pos.x_offset or pos.y_offset:
                return None
            gid = info.codepoint
            advance = font.get_glyph_h_advance(gid)
            if stop - start == 1:
                if font.get_nominal_glyph(ord(text[start])) != gid:
                    return None
                letters = advance
            else:
                letters = 0
                for c in text[start:stop]:
                    own = font.get_nominal_glyph(ord(c))
                    if own is None or not c.isalpha():
                        return None
                    letters += font.get_glyph_h_advance(own)
                ligs.append((start, stop, gid, (advance - letters) * scale))
            # the kern after the glyph (none after a word's last), and a ligature's delta
            d = (pos.x_advance - advance if stop < n else 0) + (advance - letters)
            if d:
                found.append((stop - 1, d * scale))
        return Ligated(found, tuple(ligs))


def _encode(value):
    """A word's answer as the word table keeps it (marshal's types)."""
    return [tuple(value), value.ligs] if value.__class__ is Ligated else value


def _decode(value):
    """A word's answer as :func:`_encode` kept it."""
    return Ligated(value[0], tuple(value[1])) if value.__class__ is list else value


_KERNERS: dict[tuple, _Kerner | None] = {}


def kerner(font_name: str, kern: bool = True, liga: bool = False) -> _Kerner | None:
    """The kerner of the registered font ``font_name`` (with its standard
    ligatures when ``liga``), None when the font cannot be shaped or
    neither is asked for."""
    key = (font_name, kern, liga)
    found = _KERNERS.get(key, False)
    if found is False:
        font = getFont(font_name)
        found = _KERNERS[key] = _Kerner(font, kern, liga) \
            if hb is not None and getattr(font, "shapable", False) and (kern or liga) else None
    return found


def kerns(text: str, font_name: str, kern: bool = True, liga: bool = False) -> Kerns | None:
    """The kerns of ``text`` in the registered font ``font_name``: ``()``
    when it has none or the font cannot be shaped, None when shaping would
    change the glyphs (then the text is not kerned)."""
    found = kerner(font_name, kern, liga)
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


def piece(kerns: Kerns, text: str, start: int, stop: int, shaper: _Kerner | None) -> Kerns | list:
    """The kerns of ``text[start:stop]``, a piece of the word ``text`` (whose
    kerns are ``kerns``) set on a line of its own: the word's inside the
    piece (a pair a line end splits is not kerned).  A word with ligatures
    is shaped again piece by piece (by ``shaper``): a ligature the break
    cuts is not drawn, and each side ligates on its own ("of-" / "fice"
    keeps its fi), as TeX sets a ligature at a discretionary break."""
    if not kerns:
        return ()
    if kerns.__class__ is not Ligated:
        return sliced(kerns, start, stop)
    found = shaper.kerns(text[start:stop]) if shaper is not None else None
    return found or ()


def cut(text: str, start: int, stop: int, whole: bool = False) -> KernedStr:
    """``text[start:stop]`` of a :class:`KernedStr`, with its kerns and the
    ligatures wholly inside it; one that ends where it ends is drawn as
    letters (its delta is in the kern across the cut, drawn after it)
    unless ``whole``: the piece is a whole word, cut at spaces, and keeps
    the kern after its last character (a ligature's delta) with it."""
    kerns = getattr(text, "kerns", None) or ()
    last = stop if whole else stop - 1
    ligs = tuple((a - start, z - start, g, d) for a, z, g, d in getattr(text, "ligs", ())
                 if start <= a and (z <= stop if whole else z < stop))
    return KernedStr(text[start:stop], tuple((i - start, d) for i, d in kerns if start <= i < last), ligs)


def joined(a: str, b: str) -> str:
    """``a + b``, each with its kerns and ligatures."""
    kerns = tuple(getattr(a, "kerns", None) or ())
    ligs = tuple(getattr(a, "ligs", ()))
    more, more_ligs = getattr(b, "kerns", None) or (), getattr(b, "ligs", ())
    if more or more_ligs:
        at = len(a)
        kerns += tuple((i + at, d) for i, d in more)
        ligs += tuple((s + at, z + at, g, d) for s, z, g, d in more_ligs)
    text = str(a) + str(b)
    return KernedStr(text, kerns, ligs) if kerns or ligs else text


def unligated(text: KernedStr) -> tuple[KernedStr, float]:
    """``text`` set without its ligatures, each ligature's letters in its
    place at their own widths (its delta taken out of the kern after it),
    and how much wider that makes it, in thousandths of an em: for a line
    that is letter-spaced (TeX and Typst do not ligate tracked text)."""
    ligs = getattr(text, "ligs", ())
    if not ligs:
        return text, 0.0
    kerns = dict(text.kerns)
    wider = 0.0
    for _, stop, _, delta in ligs:
        rest = kerns.get(stop - 1, 0.0) - delta
        if abs(rest) < 1e-9:
            kerns.pop(stop - 1, None)
        else:
            kerns[stop - 1] = rest
        wider -= delta
    return KernedStr(str(text), tuple(sorted(kerns.items()))), wider


_LIG_CODES: dict[tuple, int] = {}  # (font, glyph, letters) -> the code the ligature is drawn with


def _ligated(text: str, kerns, ligs: Ligs, font) -> tuple[str, list]:
    """The characters drawn for ``text`` in ``font`` (each ligature's
    letters replaced by the code of its glyph, whose ToUnicode entry is
    those letters) and the kerns drawn, numbered in them: the kern after a
    ligature without its delta (the glyph's own width has it).  A
    ligature with a kern between its letters is drawn as its letters."""
    parts: list[str] = []
    out: list = []
    k, n = 0, len(kerns)
    pos = shift = 0
    for start, stop, gid, delta in ligs:
        if start < pos:
            continue
        while k < n and kerns[k][0] < start:
            out.append((kerns[k][0] - shift, kerns[k][1]))
            k += 1
        if k < n and kerns[k][0] < stop - 1:
            continue  # letter spacing inside it: its letters, as measured
        letters = text[start:stop]
        key = (font.fontName, gid, letters)
        code = _LIG_CODES.get(key)
        if code is None:
            code = _LIG_CODES[key] = _code(font, gid, letters)
        parts.append(text[pos:start])
        parts.append(chr(code))
        at = start - shift
        shift += stop - start - 1
        d = -delta
        if k < n and kerns[k][0] == stop - 1:
            d += kerns[k][1]
            k += 1
        if abs(d) > 1e-9:
            out.append((at, d))
        pos = stop
    while k < n:
        out.append((kerns[k][0] - shift, kerns[k][1]))
        k += 1
    parts.append(text[pos:])
    return "".join(parts), out


#: Kerns as the content stream writes them (``fp_str(-kern)``), by kern:
#: the same few values again and again.
_NUMBERS: dict[float, str] = {}


class KerningText(PDFTextObject):
    """A text object that draws a :class:`KernedStr` with its kerns and
    ligatures."""

    def _formatText(self, text):
        kerned = getattr(text, "kerns", None)
        ligs = getattr(text, "ligs", None)
        if not kerned and not ligs:
            return super()._formatText(text)
        font = getFont(self._fontname)
        if not font._dynamicFont:
            return super()._formatText(text)
        if ligs:
            text, kerned = _ligated(text, kerned or (), ligs, font)
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
                if cut > a:
                    parts.append(f"({escape(chunk[a:cut])})")
                    a = cut
                number = _NUMBERS.get(d)  # after a chunk's last character too: before the next subset's
                if number is None:
                    number = fp_str(-d)
                    if len(_NUMBERS) < 4096:  # a font's kerns are a few hundred values; tracking adds more
                        _NUMBERS[d] = number
                parts.append(number)
                k += 1
            if parts:
                if a < len(chunk):
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

    def drawText(self, aTextObject):
        super().drawText(aTextObject)
        # ReportLab's paragraph gives its text object a method bound to the
        # object itself (``_do_line``), a cycle only the collector frees:
        # drawn, the object is done with (see exporter.typeset.collector)
        aTextObject.__dict__.pop("_do_line", None)

    def stringWidth(self, text, fontName=None, fontSize=None):
        width = super().stringWidth(text, fontName, fontSize)
        kerned = getattr(text, "kerns", None)
        if kerned:
            width += sum(d for _, d in kerned) * (self._fontsize if fontSize is None else fontSize) / 1000
        return width
