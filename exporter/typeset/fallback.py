"""Font fallback by character, right-to-left runs and complex shaping for
ReportLab paragraphs.

A layout names, for each logical font, the fonts to try after it
(``fonts.serif.fallback: [naskh, cjk, emoji]``).  :func:`set_chain`
records that chain for every ReportLab font name of the family (regular,
bold, italic), each fallback loaded only when a character first needs it,
so a Latin-only book never reads the Arabic or CJK files.

A paragraph's frags (ReportLab's runs of text in one font) are then:

1. cut where the text needs another font (:func:`split_frags`): each
   character goes to the first font of the chain that has it; combining
   marks, joiners and variation selectors stay with the character they
   belong to, and spaces, digits and punctuation stay in the run they are
   in when its font has them (the digits of an Urdu date stay in the Urdu
   face).  When every character is in the frag's own font (a Latin book),
   this is one set comparison per frag;
2. given bidirectional embedding levels when the paragraph has
   right-to-left text: the levels come from the Unicode Bidirectional
   Algorithm, bracket pairs (rule N0) included, as python-bidi's Rust core
   resolves them (:func:`embedding_levels`), on the whole paragraph, and
   frags are cut where the level changes;
3. words set in a right-to-left or complex-script run are shaped by
   HarfBuzz with all the font's features (joining forms, ligatures, mark
   positioning) in their own direction (:func:`shape_word`), so each word's
   glyphs come out in visual order;
4. after line breaking, each line's runs are put in visual order
   (:func:`reorder_line`: rule L2 of the algorithm, reversing every run at
   or above each odd level, the word spaces staying where they are);
5. a right-to-left paragraph (base level 1 by rules P2-P3: its first
   strong letter is right to left, as in a quotation in Arabic) is set
   from the right (:func:`directed_style`, :func:`line_offsets`): a style
   aligned left sets it flush right, a justified one justifies it with its
   last line (and any line ended by a forced break) flush right, and the
   first-line indent is on the right; centred and right-aligned styles keep
   their alignment.

Copying and searching: a shaped glyph with no character of its own (a
contextual form, a ligature) is given, in the font's ToUnicode map, the
characters HarfBuzz shaped into it (:func:`to_unicode`), so the text
layer reads the letters, not private-use codes.  A cluster HarfBuzz draws
as several glyphs (Noto Naskh Arabic's پ: a dotless base and three dots,
none of them the letter on its own) is drawn as one glyph made of their
outlines, each where HarfBuzz puts it (:func:`cluster_glyphs`, written into
the font's subsets by ``fonts.TaggedTTFont``): every glyph drawn maps to
characters (PDF/UA-1 7.21.7, PDF/A-2u), and the letter reads once.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import Callable

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr, makeShapedFragWord

try:
    import uharfbuzz
except ImportError:  # pragma: no cover - a dependency of ReportLab's shaping
    uharfbuzz = None

#: Characters written right to left (Hebrew, Arabic and their supplements,
#: Syriac, Thaana, N'Ko, the presentation forms, and the RTL planes).
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
#: Text that needs shaping beyond kerning even left to right: Brahmic and
#: South-East Asian scripts, and emoji sequences (a skin tone, a flag's
#: regional-indicator letters, a tag, or an emoji joined by a zero-width
#: joiner: the emoji font's ligatures make each sequence one glyph; a joiner
#: in Latin text is left as it is): searched like ``_RTL``.
_COMPLEX = re.compile("[\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
                      "\U0001F1E6-\U0001F1FF\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"
                      "|[\u2600-\u27bf\U0001F000-\U0001FAFF]\ufe0f?\u200d")
_FIRST_RTL_OR_COMPLEX = "\u0590"  # no character before it is in either class


class Fallback:
    """One font of a chain: its ReportLab name and how to register it."""

    __slots__ = ("name", "load", "_cmap")

    def __init__(self, name: str, load: Callable[[], object]):
        self.name, self.load, self._cmap = name, load, None

    def cmap(self) -> dict:
        if self._cmap is None:
            self.load()
            self._cmap = getFont(self.name).face.charToGlyph
        return self._cmap


_CHAINS: dict[str, tuple[Fallback, ...]] = {}
_COVER: dict[str, frozenset] = {}  # font name -> characters it has (the first font's fast test)


def set_chain(font: str, chain: list[Fallback]) -> None:
    """Fonts to try, in order, for characters ``font`` lacks."""
    _CHAINS[font] = tuple(f for f in chain if f.name != font)


def chain_of(font: str) -> tuple[Fallback, ...]:
    return _CHAINS.get(font, ())


def coverage(font: str) -> frozenset:
    """The characters ``font`` (registered) has a glyph for, as a set of
    one-character strings."""
    cover = _COVER.get(font)
    if cover is None:
        cover = _COVER[font] = frozenset(chr(c) for c in getFont(font).face.charToGlyph if c < 0xE000 or c > 0xF8FF)
    return cover


def _clings(ch: str) -> bool:
    """A character that belongs to the one before it: combining marks,
    joiners, variation selectors, emoji modifiers and tags."""
    o = ord(ch)
    return (unicodedata.category(ch) in ("Mn", "Mc", "Me") or o in (0x200C, 0x200D)
            or 0xFE00 <= o <= 0xFE0F or 0x1F3FB <= o <= 0x1F3FF or 0xE0020 <= o <= 0xE007F
            or 0xE0100 <= o <= 0xE01EF)


def _neutral(ch: str) -> bool:
    """Spaces, digits and punctuation: they stay in the run they are in."""
    return unicodedata.category(ch)[0] in "ZNPS" and not ch.isalpha()


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as (font name, text) runs: each character in the first font
    of ``font``'s chain that has it (``font`` itself for one none has)."""
    if not text or set(text) <= coverage(font):
        return [(font, text)]
    chain = _CHAINS.get(font, ())
    first = coverage(font)
    runs: list[list] = []
    for ch in text:
        if runs and (_clings(ch) or (_neutral(ch) and runs[-1][0] != font and not (ch.isspace() and ch in first)
                                     and ord(ch) in _cmap_of(runs[-1][0], chain))):
            runs[-1][1] += ch
            continue
        name = font
        if ch not in first:
            name = next((f.name for f in chain if ord(ch) in f.cmap()), font)
        if runs and runs[-1][0] == name:
            runs[-1][1] += ch
        else:
            runs.append([name, ch])
    return [(n, t) for n, t in runs]


def _cmap_of(name: str, chain: tuple[Fallback, ...]) -> dict:
    for f in chain:
        if f.name == name:
            return f.cmap()
    return getFont(name).face.charToGlyph


def missing(text: str, font: str) -> set[str]:
    """The characters of ``text`` no font of ``font``'s chain has (spaces
    and characters that cling to another excepted)."""
    first = coverage(font)
    chars = set(text) - first
    if not chars:
        return set()
    chain = _CHAINS.get(font, ())
    return {c for c in chars if not c.isspace() and not _clings(c) and c not in "\u200b\u2060\ufeff\u00ad"
            and not any(ord(c) in f.cmap() for f in chain)}


# -- a paragraph's frags ----------------------------------------------------------

def split_frags(frags: list) -> tuple[list, bool]:
    """The frags of a parsed paragraph, cut by font and bidirectional
    level; and whether any is right to left."""
    out = None
    for i, f in enumerate(frags):
        text = getattr(f, "text", "")
        name = getattr(f, "fontName", None)
        if not text or name is None or hasattr(f, "cbDefn") or getattr(f, "_fkind", 0) != 0 \
                or set(text) <= coverage(name) or name not in _CHAINS:
            if out is not None:
                out.append(f)
            continue
        if out is None:
            out = list(frags[:i])
        for run_font, run in font_runs(text, name):
            g = f.clone()
            g.text, g.fontName = run, run_font
            out.append(g)
    frags = frags if out is None else out
    whole = "".join(getattr(f, "text", "") for f in frags)
    if not whole or max(whole) < _FIRST_RTL_OR_COMPLEX:  # Latin, Greek, Cyrillic: at once
        return frags, False
    if not _RTL.search(whole):
        return frags, bool(_COMPLEX.search(whole))
    return _levelled(frags, whole), True


_LEVELS = re.compile(r"Level\(\s*(\d+),\s*\)")


def embedding_levels(text: str, direction: str | None = None) -> tuple[int, list[int]]:
    """The paragraph level of ``text`` and the embedding level of each of
    its characters, as the Unicode Bidirectional Algorithm resolves them
    through rule I2 (before the line rules L1-L2): rules P2-P3 (or
    ``direction``, ``"L"`` or ``"R"``), X1-X10, W1-W7, N0-N2, I1-I2.

    They come from python-bidi's Rust core (the ``unicode-bidi`` crate,
    conformant with UAX #9 including the bracket-pair rule N0), which gives
    them only as its ``BidiInfo`` debug text (``get_display(debug=True)``,
    "return the calculated levels"): one level per UTF-8 byte, read here
    per character.  python-bidi's pure-Python ``bidi.algorithm`` has no
    N0, so a bracket next to a word in the other direction faced the wrong
    way.  Characters rule X9 removes keep the level the crate gives them."""
    from bidi.bidi import get_display_inner

    info = get_display_inner(text, direction, True)
    head, sep, rest = info.partition("\n    levels: [\n")
    section, sep2, tail = rest.partition("\n    ],\n")
    by_byte = [int(v) for v in _LEVELS.findall(section)]
    paragraph = _LEVELS.search(tail[tail.find("paragraphs:"):]) if sep2 else None
    if not sep or paragraph is None or len(by_byte) != len(text.encode("utf-8")):
        raise RuntimeError("python-bidi's debug output is not the unicode-bidi BidiInfo this code reads; "
                           "check the python-bidi version against pyproject.toml")
    levels, at = [], 0
    for ch in text:
        levels.append(by_byte[at])
        at += len(ch.encode("utf-8"))
    return int(paragraph.group(1)), levels


def _levelled(frags: list, whole: str) -> list:
    """``frags`` cut where the bidirectional level changes, each carrying
    its level as ``bidiLevel``."""
    base, levels = embedding_levels(whole)
    # trailing white space takes the base level (rule L1), the rest as resolved
    out, at = [], 0
    for f in frags:
        text = getattr(f, "text", "")
        if not text:
            out.append(f)
            continue
        start = at
        pieces: list[list] = []
        for k, ch in enumerate(text):
            level = levels[at + k] if at + k < len(levels) else base
            if pieces and pieces[-1][0] == level:
                pieces[-1][1] += ch
            else:
                pieces.append([level, ch])
        at = start + len(text)
        for level, piece in pieces:
            g = f.clone()
            g.text, g.bidiLevel, g.bidiBase = piece, level, base
            out.append(g)
    return out


def right_to_left(frags: list) -> bool:
    """Whether a paragraph of ``frags`` (as :func:`split_frags` gives them)
    is right to left: its base level, by rules P2-P3, is odd."""
    return bool(next((f.bidiBase % 2 for f in frags if hasattr(f, "bidiBase")), 0))


def mirrored(style):
    """A copy of ``style`` with its left and right indents swapped: for a
    right-to-left list item, whose indent before its text, where its bullet
    or number stands, is on the right (as Word and browsers set it)."""
    style = copy.copy(style)
    style.leftIndent, style.rightIndent = style.rightIndent, style.leftIndent
    return style


def label_from_the_right(text: str) -> str:
    """A list label (``1.``) as it is drawn before right-to-left text: its
    characters in the visual order the bidirectional algorithm gives them
    in a right-to-left paragraph (``.1``: the number, on the right, is read
    first)."""
    from bidi import get_display

    return get_display(text, base_dir="R")


class NumberFromTheRight:
    """A list's number format (``fmt``, as ``%s.``) for a right-to-left
    item: called with the number, the label as drawn (:func:`label_from_the_right`,
    ``.1``); :meth:`read` gives it as it is read (``1.``)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def __call__(self, number: str) -> str:
        return label_from_the_right(self.fmt % number)

    def read(self, number: str) -> str:
        return self.fmt % number


def directed_style(style, frags: list):
    """The style a paragraph of ``frags`` (as :func:`split_frags` gives
    them) is set in: ``style`` itself, or for a right-to-left paragraph a
    copy marked ``octavoRTL`` (see :func:`line_offsets`) whose left
    alignment is right alignment."""
    if not right_to_left(frags):
        return style
    if style.alignment not in (TA_LEFT, TA_JUSTIFY, TA_RIGHT):
        return style  # centred: the same from either side
    rtl = copy.copy(style)
    if rtl.alignment == TA_LEFT:
        rtl.alignment = TA_RIGHT
    rtl.octavoRTL = True
    return rtl


def line_offsets(p) -> None:
    """For a paragraph ``p`` set in a right-to-left style (see
    :func:`directed_style`), ReportLab's per-line offsets from the left
    edge (``_offsets``): its justified drawing sets a last line, and a line
    ended by a forced break, flush left, and indents the first line on the
    left; here these lines move right by their free space, and the first
    line's indent is taken from its right end instead (ReportLab has
    already made that line shorter by the indent)."""
    style = p.style
    blpara = getattr(p, "blPara", None)
    if not getattr(style, "octavoRTL", False) or blpara is None:
        return
    lines = blpara.lines
    justify = style.alignment == TA_JUSTIFY and not style.justifyLastLine
    last = -1 if getattr(p, "_JustifyLast", False) else len(lines) - 1  # the head of a split keeps its last justified
    offsets = []
    for i, line in enumerate(lines):
        extra, forced = (line[0], False) if isinstance(line, tuple) else (line.extraSpace, line.lineBreak)
        x = extra if justify and (forced or i == last) and extra > 0 else 0.0
        offsets.append(x - style.firstLineIndent if i == 0 else x)
    p._offsets = offsets


# -- shaping ---------------------------------------------------------------------

def needs_shaping(w) -> bool:
    """Whether word ``w`` must be shaped with all the font's features, in
    its own direction: right-to-left or complex-script text."""
    for f, t in w[1:]:
        if getattr(f, "bidiLevel", 0) % 2 or (t and _COMPLEX.search(t)):
            return True
    return False


_UNI: dict[str, dict[int, str]] = {}  # font name -> glyph code -> the characters shaped into it
_WORDS: dict = {}  # (text, font, size, rtl) -> ShapedStr


def shape_word(w):
    """Word ``w`` shaped piece by piece (HarfBuzz, every feature, direction
    from the piece's bidirectional level), each piece's glyphs in visual
    order; the pieces stay in logical order (:func:`reorder_line` orders
    them with the rest of the line)."""
    if uharfbuzz is None:
        return w
    pieces = []
    width = 0.0
    for f, t in w[1:]:
        if not t or hasattr(f, "cbDefn") or getattr(f, "_fkind", 0) != 0:
            pieces.append((f, t))
            continue
        if isinstance(t, ShapedStr):  # shaped already (the rest of a paragraph split across pages)
            pieces.append((f, t))
            width += sum(d.x_advance for d in t.__shapeData__) * f.fontSize / 1000
            continue
        rtl = bool(getattr(f, "bidiLevel", 0) % 2)
        s = _shape(str(t), f.fontName, f.fontSize, rtl)
        if s is None:
            pieces.append((f, t))
            width += getFont(f.fontName).stringWidth(t, f.fontSize)
            continue
        pieces.append((f, s))
        width += sum(d.x_advance for d in s.__shapeData__) * f.fontSize / 1000
    return makeShapedFragWord(w)([width, *pieces])


def _shape(text: str, font: str, size: float, rtl: bool) -> ShapedStr | None:
    key = (text, font, size, rtl)
    known = _WORDS.get(key)
    if known is not None:
        return known
    ttf = getFont(font)
    if not getattr(ttf, "shapable", False) or not getattr(ttf, "writes_clusters", False):
        return None  # (only a font that writes cluster_glyphs into its subsets: a cluster's dots are in them)
    hbf = ttf.hbFont(size)
    buf = uharfbuzz.Buffer()
    buf.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    uharfbuzz.shape(hbf, buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    # the characters of each cluster: from its start to the next cluster's start, in logical order
    starts = sorted({i.cluster for i in infos})
    ends = {s: e for s, e in zip(starts, starts[1:] + [len(text)])}
    chars, data = [], []
    face, scale = ttf.face, ttf.pdfScale
    k = 0
    while k < len(infos):
        # a cluster's glyphs stand together (clusters are monotone at this level)
        cluster = infos[k].cluster
        end = k + 1
        while end < len(infos) and infos[end].cluster == cluster:
            end += 1
        text_of = text[cluster:ends[cluster]]
        if end - k == 1:
            pos = positions[k]
            code = _code(ttf, infos[k].codepoint, text_of)
            x_advance, y_advance, x_offset, y_offset = pos.x_advance, pos.y_advance, pos.x_offset, pos.y_offset
        else:
            # a cluster drawn as several glyphs (a dotless base and its dots,
            # alef and its madda): one glyph of their outlines, so that the
            # code drawn stands for the cluster's characters and no glyph
            # for none (see cluster_glyphs)
            placed, x, y = [], 0, 0
            for info, pos in zip(infos[k:end], positions[k:end]):
                placed.append((info.codepoint, x + pos.x_offset, y + pos.y_offset, pos.x_advance))
                x, y = x + pos.x_advance, y + pos.y_advance
            base = max(placed, key=lambda p: p[3])  # the widest: its origin is the new glyph's
            parts = tuple((gid, dx - base[1], dy - base[2]) for gid, dx, dy, _ in placed)
            code = _cluster_code(ttf, base[0], parts, text_of)
            x_advance, y_advance, x_offset, y_offset = x, y, base[1], base[2]
        chars.append(chr(code))
        data.append(ShapeData(cluster, scale(x_advance), scale(y_advance), scale(x_offset), scale(y_offset),
                              face.charWidths[code]))
        k = end
    shaped = _WORDS[key] = ShapedStr("".join(chars), shapeData=data)
    return shaped


_CODES: dict[str, dict[tuple, int]] = {}  # font -> (glyph or cluster's glyphs, text) -> code
_CLUSTERS: dict[str, dict[int, tuple]] = {}  # font -> code -> ((glyph, dx, dy), ...) drawn as one


def _code(ttf, gid: int, text: str) -> int:
    """The code glyph ``gid`` of ``ttf`` is drawn with when it stands for
    ``text``: the character itself when the glyph is that character's own,
    else a private-use code of its own for this glyph and text (so that a
    glyph drawn for two texts, the dotless base of both reh and zain, reads
    back as each)."""
    face = ttf.face
    if len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
        return ord(text)
    code = _private(ttf, gid, gid, text)
    face.glyphToChar.setdefault(gid, []).append(code)
    return code


def _cluster_code(ttf, base: int, parts: tuple, text: str) -> int:
    """The private-use code of a glyph made of ``parts`` (glyph, x, y: in
    font units from the origin of ``base``, the widest of them) standing for
    ``text``: drawn as ``base`` is, with its advance, until the font's
    subsets are written (:func:`cluster_glyphs`)."""
    code = _private(ttf, parts, base, text)
    _CLUSTERS.setdefault(ttf.fontName, {})[code] = parts
    return code


def _private(ttf, key, gid: int, text: str) -> int:
    """A code for ``key`` standing for ``text``, drawn with glyph ``gid``'s
    advance; counted down from U+F8FF (ReportLab's own count up from
    U+E000)."""
    face = ttf.face
    codes = _CODES.setdefault(ttf.fontName, {})
    code = codes.get((key, text))
    if code is None:
        code = 0xF8FF - len(codes)
        while code in face.charToGlyph:
            code -= 1
        if code < 0xE000:
            raise ValueError(f"too many shaped glyphs in {ttf.fontName}")
        codes[(key, text)] = code
        face.charToGlyph[code] = gid
        face.charWidths[code] = ttf.pdfScale(face.hmetrics[gid][0]) if gid < len(face.hmetrics) \
            else face.defaultWidth
        _UNI.setdefault(ttf.fontName, {})[code] = text
    return code


def cluster_glyphs(font: str) -> dict[int, tuple]:
    """The codes of ``font`` that stand for several glyphs drawn as one
    (code -> ((glyph, x, y), ...), in font units from the glyph's origin):
    :class:`exporter.typeset.fonts.TaggedTTFont` writes each into its
    subsets as a glyph of its own."""
    return _CLUSTERS.get(font, {})


def to_unicode(font: str, code: int) -> str:
    """The text glyph ``code`` of ``font`` stands for (its character, or the
    characters shaped into it)."""
    return _UNI.get(font, {}).get(code, chr(code))


def has_shaped(font: str) -> bool:
    return bool(_UNI.get(font))


# -- lines ---------------------------------------------------------------------

def reorder_line(out: list) -> list:
    """A line's frags in visual order, by rule L2 of the bidirectional
    algorithm: from the highest level down to the lowest odd one, every
    run of pieces at that level or above is reversed.  A piece is a word's
    run in one frag, or the spaces between words; its glyphs are in visual
    order already (:func:`shape_word`), so it moves whole, a word set left
    to right with its kerns and ligatures (it was measured with them).
    White space at the end of the line takes the paragraph's level (rule
    L1)."""
    if not any(getattr(g, "bidiLevel", 0) % 2 for g in out):
        return out
    pieces: list[list] = []  # [frag, text or None, level]
    for g in out:
        text = getattr(g, "text", None)
        level = getattr(g, "bidiLevel", 0)
        if not text or getattr(g, "_fkind", 0) != 0 or hasattr(g, "cbDefn"):
            pieces.append([g, None, level])
            continue
        piece = _piece_of(text)
        for m in re.finditer(r"[^ ]+| +", str(text)):
            pieces.append([g, piece(text, m.start(), m.end()), level])
    for p in reversed(pieces):  # L1: the line's trailing white space
        if p[1] is None or not p[1].isspace():
            break
        p[2] = getattr(p[0], "bidiBase", 0)
    levels = [p[2] for p in pieces]
    odd = [v for v in levels if v % 2]
    if not odd:
        return out
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(pieces):
            if pieces[i][2] < level:
                i += 1
                continue
            j = i
            while j < len(pieces) and pieces[j][2] >= level:
                j += 1
            pieces[i:j] = pieces[i:j][::-1]
            i = j
    new: list = []
    for g, text, _ in pieces:
        if text is None:
            new.append(g)
            continue
        if new and getattr(new[-1], "_octavo_src", None) is g:
            new[-1].text = _joined(new[-1].text, text)
            continue
        h = g.clone()
        h.text = text
        h._octavo_src = g
        new.append(h)
    return new


def _piece_of(text) -> Callable:
    """How :func:`reorder_line` cuts ``text`` into words and spaces: with
    their kerns and ligatures (a left-to-right word in a line that also
    holds right-to-left text is measured with them), else as slices."""
    if getattr(text, "kerns", None) or getattr(text, "ligs", None):
        from exporter.typeset.kerning import cut

        return lambda t, a, z: cut(t, a, z, whole=True)
    return lambda t, a, z: t[a:z]


def _joined(a, b):
    """``a + b``, keeping kerns and ligatures (:func:`reorder_line`)."""
    if getattr(a, "kerns", None) is None and getattr(b, "kerns", None) is None:
        return a + b
    from exporter.typeset.kerning import joined

    return joined(a, b)
