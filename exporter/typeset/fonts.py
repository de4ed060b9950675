"""Registering a layout's TrueType fonts with ReportLab, and checking that
they hold every glyph the text needs."""

from __future__ import annotations

import codecs
import hashlib
import io
import weakref
from functools import lru_cache, partial
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFName
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace, makeToUnicodeCMap

from exporter import model as m
from exporter.errors import Problem, ValidationError
from exporter.typeset.preload import ttfont
from exporter.layout import Layout
from exporter.plaintext import Unit
from exporter.typeset import fallback

FACES = ("regular", "bold", "italic", "bold_italic")


class TaggedTTFont(TTFont):
    """A TrueType font whose embedded subsets each carry a tag of their own.

    ReportLab names the n-th subset of every font with the same tag (its
    ``SUBSETN(n)``: ``AAAAAA+`` for the first), so the six fonts of a
    booklet all read ``AAAAAA+…``, where ISO 32000-1 §9.6.4 wants a tag that
    tells subsets apart.  This is Octavo's one hook into ReportLab's font
    embedding, and it uses only what ``TTFont.addObjects`` leaves behind:
    once it has added a subset's objects, the subset's name (the font's
    ``BaseFont``, its descriptor's ``FontName`` and its ToUnicode CMap's
    name) is given the tag :func:`subset_tag` derives from the font's name,
    the subset's number and its characters: distinct and deterministic."""

    def splitString(self, text, doc, encoding="utf-8"):
        """ReportLab's, answered at once for a text whose every character
        already has its code in the first subset (most lines once the first
        pages are drawn), through an encoding map of those codes (rebuilt
        when a code is added); ReportLab's own loop, one character at a
        time in Python, assigns the codes of new characters and does the
        rest."""
        state = self.state.get(doc)
        if state is not None and text and isinstance(text, str) and "\xa0" not in text and "\x00" not in text:
            assignments = state.assignments
            known = state.__dict__.get("_octavo_codes")
            if known is None or known[0] != len(assignments):
                known = state._octavo_codes = (len(assignments), _first_subset_map(assignments))
            try:  # the codec machinery's charmap, as a single-byte codec encodes
                return [(0, codecs.charmap_encode(text, "strict", known[1])[0])]
            except UnicodeEncodeError:  # a character not seen yet, or one in a later subset
                pass
        return super().splitString(text, doc, encoding)

    def addObjects(self, doc) -> None:
        """ReportLab's, with the subsets' tags (above); and the glyphs
        HarfBuzz's shaping made of several (a dotless base and its dots
        drawn as one, :func:`.fallback.cluster_glyphs`) written into the
        subsets that use them (:func:`_with_clusters`, through the face's
        ``makeSubset`` for the time ReportLab adds the subsets), so that
        every glyph drawn has characters to read back."""
        state = self.state.get(doc)
        subsets = [tuple(s) for s in state.subsets] if state is not None else []
        internal = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
        clusters = fallback.cluster_glyphs(self.fontName)
        face = self.face
        if clusters:  # ReportLab calls the face's makeSubset for each subset
            face.makeSubset = partial(_with_clusters, face, clusters)
        try:
            super().addObjects(doc)
        finally:
            face.__dict__.pop("makeSubset", None)
        fonts = doc.idToObject["BasicFonts"].dict
        used: set[str] = doc.__dict__.setdefault("_octavo_subset_tags", set())
        for n, (name, subset) in enumerate(zip(internal, subsets)):
            font = fonts[name]
            old = font.BaseFont
            base = old.split("+", 1)[1]
            new = f"{subset_tag(base, n, _readable(subset, self.fontName, face.charToGlyph), used)}+{base}"
            font.BaseFont = new
            doc.idToObject["fontDescriptor:" + old]["FontName"] = PDFName(new)
            doc.idToObject["toUnicodeCMap:" + old].content = _to_unicode_cmap(new, list(subset), self.fontName)

    writes_clusters = True  # fallback shapes with this font: it writes cluster_glyphs


def _first_subset_map(assignments: dict[int, int]):
    """An encoding map (``codecs.charmap_build``) from each character with
    a code in a font's first subset to that code; U+FFFE marks a code no
    character has (the codec reads it so).  Code 0 is given U+0000, as the
    codec's fast map needs, and never used: a text with U+0000 goes
    ReportLab's way (:meth:`TaggedTTFont.splitString`)."""
    table = ["\ufffe"] * 256
    table[0] = "\x00"
    for char, code in assignments.items():
        if code < 256 and char != 0xFFFE:
            table[code] = chr(char)
    return codecs.charmap_build("".join(table))


def _with_clusters(face, clusters: dict[int, tuple], subset: list[int]) -> bytes:
    """ReportLab's TrueType subset of ``face`` for the codes ``subset``,
    with each code of ``clusters`` (code -> its glyphs and their places, in
    font units) drawn by a glyph of its own: the outlines of its glyphs,
    each moved to its place, appended to the subset and given the code in
    its character map, with the advance of the glyph ReportLab's subset had
    there (the base's, which the PDF's /Widths give).  Other subsets'
    bytes are ReportLab's own."""
    data = TTFontFace.makeSubset(face, subset)
    wanted = [(i, clusters[c]) for i, c in enumerate(subset) if c in clusters]
    if not wanted:
        return data
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont as Font

    source = _source_glyphs(face)
    names = source.glyphOrder
    # ReportLab's glyphs kept as they are (recompiling them all to bound
    # them again costs 40 times the rest); the tables that bound every
    # glyph are widened for the new ones here
    font = Font(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=False)
    glyf, hmtx, maxp, head, hhea = (font[t] for t in ("glyf", "hmtx", "maxp", "head", "hhea"))
    cmap = font["cmap"].getcmap(1, 0)  # ReportLab's one map: code -> glyph
    order = list(font.getGlyphOrder())
    for code, parts in wanted:
        pen = TTGlyphPen(None)
        for gid, dx, dy in parts:
            outline = DecomposingRecordingPen(source.glyphs)
            source.glyphs[names[gid]].draw(outline)
            outline.replay(TransformPen(pen, (1, 0, 0, 1, dx, dy)))
        glyph = pen.glyph()
        name = f"octavo.cluster{code}"
        order.append(name)
        glyf.glyphOrder = order
        glyf[name] = glyph
        glyph.recalcBounds(glyf)
        advance = hmtx[cmap.cmap[code]][0]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
        cmap.cmap[code] = name
        if glyph.numberOfContours > 0:
            maxp.maxPoints = max(maxp.maxPoints, len(glyph.coordinates))
            maxp.maxContours = max(maxp.maxContours, glyph.numberOfContours)
            head.xMin, head.yMin = min(head.xMin, glyph.xMin), min(head.yMin, glyph.yMin)
            head.xMax, head.yMax = max(head.xMax, glyph.xMax), max(head.yMax, glyph.yMax)
            hhea.minLeftSideBearing = min(hhea.minLeftSideBearing, glyph.xMin)
            hhea.minRightSideBearing = min(hhea.minRightSideBearing, advance - glyph.xMax)
            hhea.xMaxExtent = max(hhea.xMaxExtent, glyph.xMax)
    font.setGlyphOrder(order)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


class _Source:
    """The outlines of a face's font file (fontTools), read once."""

    def __init__(self, face):
        from fontTools.ttLib import TTFont as Font

        number = getattr(face, "subfontNameX", b"")[1:]
        font = Font(io.BytesIO(face._ttf_data), fontNumber=int(number) if number else -1, lazy=True)
        self.glyphs = font.getGlyphSet()
        self.glyphOrder = font.getGlyphOrder()


_SOURCES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _source_glyphs(face) -> _Source:
    known = _SOURCES.get(face)
    if known is None:
        known = _SOURCES[face] = _Source(face)
    return known


def _to_unicode_cmap(name: str, subset: list[int], font: str) -> str:
    """ReportLab's ToUnicode CMap for a subset, with each glyph HarfBuzz
    shaped from characters (an Arabic letter's joining form, a dotless
    base) mapped to those characters rather than to the private-use code
    ReportLab drew it with, and characters beyond the Basic Multilingual
    Plane (an emoji) written as UTF-16 surrogate pairs, as the format
    requires (ReportLab writes their code point's hex digits)."""
    cmap = makeToUnicodeCMap(name, subset)
    shaped = fallback.has_shaped(font)
    if not shaped and max(subset, default=0) <= 0xFFFF:
        return cmap
    lines = []
    for line in cmap.split("\n"):
        if line.startswith("<") and "> <" in line and len(line.split()) == 2:
            code, dest = line.split()
            value = int(dest[1:-1], 16)
            text = fallback.to_unicode(font, value) if shaped else chr(value)
            line = f"{code} <{text.encode('utf-16-be').hex().upper()}>"
        lines.append(line)
    return "\n".join(lines)


def _readable(subset: tuple[int, ...], font: str, glyphs: dict) -> tuple:
    """A subset's codes, each glyph HarfBuzz shaped (a ligature, an Arabic
    letter's form) given as its glyph and the characters it stands for
    instead: its private-use code depends on what the process drew before
    (another file, another speaker's review copy), and the subset's tag
    must not."""
    if not fallback.has_shaped(font):
        return subset
    return tuple(f"{glyphs.get(c)}:{fallback.to_unicode(font, c)}" if 0xE000 <= c <= 0xF8FF else c
                 for c in subset)


def subset_tag(base: str, number: int, chars: tuple, used: set[str]) -> str:
    """Six capital letters for subset ``number`` of font ``base`` holding
    ``chars``, from a SHA-256 of the three; never one in ``used`` (to which
    it is added)."""
    salt = 0
    while True:
        seed = f"{base}\0{number}\0{salt}\0" + ",".join(map(str, chars))
        value = int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")
        tag = ""
        for _ in range(6):
            value, letter = divmod(value, 26)
            tag += chr(ord("A") + letter)
        if tag not in used:
            used.add(tag)
            return tag
        salt += 1


@lru_cache(maxsize=None)
def _register(path: Path) -> str:
    """Register one TrueType file once per process (parsed once per machine,
    see :mod:`.preload`); return its font name."""
    name = _name(path)
    # shapable: HarfBuzz kerns the words the line breaker sets (uharfbuzz)
    pdfmetrics.registerFont(ttfont(name, path, TaggedTTFont, shapable=True))
    return name


def _name(path: Path) -> str:
    return f"Octavo-{path.stem}"


def _register_family(fam) -> dict[str, str]:
    faces = {face: _register(getattr(fam, face)) for face in FACES}
    for face, (bold, italic) in zip(FACES, ((0, 0), (1, 0), (0, 1), (1, 1))):
        addMapping(faces["regular"], bold, italic, faces[face])
    return faces


def register(layout: Layout) -> dict[str, dict[str, str]]:
    """Register the families of ``layout`` its styles use; return ReportLab
    font names by logical family and face, with bold/italic mapped for
    ``<b>``/``<i>``.  A family used only as another's fallback is
    registered when a character first needs it (an Arabic or CJK face is
    never read for a Latin book); each family's fallback chain is set for
    the paragraphs (:mod:`exporter.typeset.fallback`)."""
    used = {s.font for s in layout.styles.values()} | ({"serif", "sans"} & set(layout.fonts))
    names: dict[str, dict[str, str]] = {}
    for key, fam in layout.fonts.items():
        if key in used:
            names[key] = _register_family(fam)
        else:
            names[key] = {face: _name(getattr(fam, face)) for face in FACES}
    for key, fam in layout.fonts.items():
        if not fam.fallback:
            continue
        for face in FACES:
            chain = [fallback.Fallback(names[other][face], partial(_register_family, layout.fonts[other]))
                     for other in fam.fallback]
            fallback.set_chain(names[key][face], chain)
    return names


def language_markup(layout: Layout, names: dict[str, dict[str, str]], text: str, lang: str,
                    font: str = "serif") -> str:
    """``text`` (escaped) as paragraph markup, set in the font the layout
    gives for ``lang`` (``fonts.serif.languages: {ur: nastaliq}``) when it
    has one and that font has the text's characters."""
    from exporter.typeset.markup import esc

    fam = layout.fonts.get(font)
    langs = dict(fam.languages) if fam else {}
    key = langs.get(lang) or langs.get(lang.split("-")[0]) if lang else None
    if not key or not text:
        return esc(text)
    faces = _register_family(layout.fonts[key])
    if set(text) - fallback.coverage(faces["regular"]) - {" "}:
        return esc(text)
    return f'<font face="{faces["regular"]}">{esc(text)}</font>'


def missing_glyphs(layout: Layout, units: list[Unit], font: str = "serif") -> ValidationError | None:
    """An error naming each character of ``units`` the layout's ``font``
    cannot draw, with where the text is; None when all are covered."""
    fam = layout.fonts[font]
    names = register(layout)
    faces = list(dict.fromkeys(names[font].values()))
    verdict: dict[str, bool] = {}  # each distinct character is looked up once
    problems = []
    chain = [layout.fonts[k].family for k in (font, *fam.fallback) if k in layout.fonts]
    where = (f"no font of fonts.{font} ({chain[0]}, then {', '.join(chain[1:])}) has a glyph for" if fam.fallback
             else f"the layout's font '{fam.family}' (fonts.{font}) has no glyph for")
    for unit in units:
        bad = []
        for c in set(unit.text):
            if c not in verdict:
                verdict[c] = c.isspace() or all(not fallback.missing(c, n) for n in faces)
            if not verdict[c]:
                bad.append(c)
        if bad:
            chars = ", ".join(f"'{c}' U+{ord(c):04X}" for c in sorted(bad)[:8])
            loc = unit.loc
            problems.append(Problem(loc.file, loc.line, loc.col, loc.path, f"{where} {chars}"))
    return ValidationError(problems, "source for this layout") if problems else None


def glyph_problems(layout: Layout, by_font: dict[str, list[Unit]]) -> ValidationError | None:
    """One error for every character a font lacks, for each logical font of
    ``by_font`` (font -> the text it sets) the layout defines; None if all
    are covered.  The one glyph check of the booklet, the brief and
    ``octavo check``."""
    found: list[Problem] = []
    seen: set[tuple] = set()  # a character two fonts lack is named once for its place
    for font, units in by_font.items():
        problem = missing_glyphs(layout, units, font) if font in layout.fonts else None
        for p in problem.problems if problem else ():
            key = (p.file, p.line, p.col, p.path, p.message.rsplit(" glyph for ", 1)[-1])
            if key not in seen:
                seen.add(key)
                found.append(p)
    return ValidationError(found, "source for this layout") if found else None


def all_units(event: m.Event, layout: Layout | None = None) -> list[Unit]:
    """Every piece of text of ``event`` the booklet sets, for glyph checks:
    a person's native name only where ``layout`` prints it (the index of
    participants, or speaker headings with ``speaker_native_name``)."""
    from exporter.plaintext import body_units

    units = list(body_units(event)) + event_units(event)
    native = layout is None or prints_native_names(layout)
    for p in event.people:
        units.append(Unit("person", " ".join((p.full_name, p.position, p.native_name if native else "")), p.loc))
    return units


def event_units(event: m.Event) -> list[Unit]:
    """The event's own texts that cover, imprint, running heads, back cover
    and the brief's masthead and footer set (title, venue, organiser,
    credits, the organiser's description and profile, its figures), each
    with where it is written."""
    from exporter.plaintext import block_units

    org = event.organiser
    units = [Unit("event", text, loc) for text, loc in event.texts]
    units += block_units((*org.description, *org.profile))
    units += [Unit("figure", f"{f.value} {f.label}", f.loc) for f in org.figures]
    return units


def prints_native_names(layout: Layout) -> bool:
    """Whether the booklet of ``layout`` prints people's native names."""
    return bool(layout.parts.get("index") or layout.speaker_native_name)
