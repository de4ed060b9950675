"""ReportLab's paragraph, with Octavo's line breaking.

ReportLab parses the markup, measures and draws; the choice of line breaks
is Octavo's (:mod:`~exporter.typeset.linebreak` over the breaks
:mod:`~exporter.typeset.hyphenation` allows), for every paragraph whose
style carries a :class:`Breaking`.  The lines are handed back in
ReportLab's own shape (``FragLine``s, and the paragraph's word list with
split words marked as ReportLab marks its own), so drawing, splitting
across pages and links work unchanged.

What the reader and the text layer see:

* a hyphen the breaker adds is drawn as the font's glyph for U+00AD SOFT
  HYPHEN (the same shape and width as the hyphen), so text copied or
  searched in the PDF reads the word whole;
* a break after a compound's own hyphen or a URL's separator adds nothing;
* a word longer than the measure with nowhere to break (a 2,500-letter
  string) is cut where the measure ends, adding nothing, so it stays inside
  the text block;
* the last line on a page does not end in a hyphen: when a paragraph is
  split across pages, its lines are broken again with that line forbidden
  a hyphen.

The line breaks of the last width are kept: ReportLab wraps the same
paragraph more than once at one width (a heading kept with the paragraph
after it is measured in its group and again when placed).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, ShapedStr, makeShapedFragWord, shapeFragWord
from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paragraph import (FragLine, ParaLines, _getFragWords, _handleBulletWidth, _HSFrag,
                                          _InjectedFrag, _SHYWord, _SplitFrag, _SplitFragH, _SplitFragHS,
                                          _SplitFragHY)

from exporter.typeset import fallback
from exporter.typeset import linebreak as lb
from exporter.typeset.hyphenation import Hyphenator

SOFT_HYPHEN = "\u00ad"
_FK_TEXT, _FK_IMG, _FK_APPEND, _FK_BREAK = _rl._FK_TEXT, _rl._FK_IMG, _rl._FK_APPEND, _rl._FK_BREAK


@dataclass(frozen=True)
class Breaking:
    """How a style's paragraphs break: where words may break
    (``hyphenator``), whether a hyphen may be added (``hyphens``; without,
    words break only after a compound's hyphen or a URL's separators), the
    demerits, and how far word spaces stretch and shrink."""

    hyphenator: Hyphenator
    hyphens: bool = True
    params: lb.Params = lb.Params()
    stretch: float = 0.75  # of the natural space, at badness 100
    shrink: float = 0.3    # of the natural space: spaces never go below 70 % (Typst's limit is 67 %)
    kern: bool = True      # the font's kerning, through HarfBuzz, where the font is shapable
    # (text, font, size) -> the word's segments: ((start, stop, width, after, flagged, penalty), ...)
    _words: dict = field(default_factory=dict, compare=False, repr=False)

    def __deepcopy__(self, memo):
        return self


class _Seg:
    """A piece of a word between allowed breaks: its word, the slice of the
    word's text piece, and its width."""

    __slots__ = ("word", "start", "stop", "width")

    def __init__(self, word, start, stop, width):
        self.word, self.start, self.stop, self.width = word, start, stop, width


class Paragraph(_rl.Paragraph):
    """A ReportLab Paragraph set by Octavo's line breaker when its style
    has a ``breaking`` attribute (a :class:`Breaking`)."""

    remember = True             # keep the breaks of the last width (off: break on every wrap)
    _memo: tuple | None = None  # (width asked, (width, wrap widths, lines, height))
    _fixed: tuple | None = None  # the same, for the part of a split paragraph on its page
    _no_hyphen_line: int | None = None
    _octavo_bidi = False  # right-to-left or complex-script text (see fallback)

    def _setup(self, text, style, bulletText, frags, cleaner):
        fresh = frags is None
        super()._setup(text, style, bulletText, frags, cleaner)
        if fresh:  # each character in the first font of its chain that has it
            self.frags, self._octavo_bidi = fallback.split_frags(self.frags)

    def wrap(self, availWidth, availHeight):
        memo = self._fixed or (self._memo if self.remember else None)
        if memo is not None and memo[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = memo[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if size == (availWidth, getattr(self, "height", None)):  # not the "no room at all" answer
            self._memo = (availWidth, (self.width, self._wrapWidths, self.blPara, self.height))
        return size

    def split(self, availWidth, availHeight):
        marks = [(w, w.__class__) for w in self.frags if isinstance(w, list)]
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and getattr(parts[0].blPara.lines[-1], "octavoHyphen", False) \
                and getattr(self.style, "breaking", None) is not None and self._no_hyphen_line is None:
            # The last line on this page ends in a hyphen: break again with
            # none there.  ReportLab's split re-marks the word list it shares
            # with the first part; undo that before breaking anew.
            for w, cls in marks:
                if w.__class__ is not cls:
                    w.__class__ = cls
            self._no_hyphen_line = len(parts[0].blPara.lines) - 1
            self._memo = None
            self.__dict__.pop("blPara", None)
            self.wrap(availWidth, availHeight)
            again = super().split(availWidth, availHeight)
            if len(again) == 2:
                parts = again
        if len(parts) == 2:
            # The part on this page keeps the lines chosen for the whole
            # paragraph: broken again on its own, its text could take a
            # different number of lines.
            first = parts[0]
            first._fixed = (availWidth, (availWidth, self._wrapWidths, first.blPara, first.height))
        for part in parts:
            part._octavo_bidi = self._octavo_bidi
        return parts

    # -- line breaking --------------------------------------------------------
    def breakLines(self, width):
        style = self.style
        breaking: Breaking | None = getattr(style, "breaking", None)
        if breaking is None or (style.alignment not in (TA_JUSTIFY, TA_LEFT) and not self._octavo_bidi) \
                or style.wordWrap \
                or getattr(style, "shaping", 0) or style.endDots or not self.frags:
            return super().breakLines(width)
        maxWidths = list(width) if isinstance(width, (tuple, list)) else [width]
        _handleBulletWidth(self.bulletText, style, maxWidths)
        if _rl._processed_frags(self.frags):
            words = _rejoin(self.frags)  # the rest of a paragraph split across pages
        else:
            words = _getFragWords(self.frags, maxWidths[0])
        if self._octavo_bidi:
            words = [fallback.shape_word(w) if fallback.needs_shaping(w) else w for w in words]
        if breaking.kern:
            words = [_kerned(w) for w in words]
        if any(isinstance(w, _SHYWord) or any(getattr(f, "_fkind", _FK_TEXT) == _FK_IMG
                                               or hasattr(f, "backColor") for f, _ in w[1:]) for w in words):
            return super().breakLines(width)  # soft hyphens in the source, inline images: ReportLab's own
        segs, row = self._measure(words, breaking, min(maxWidths),
                                  style.alignment == TA_JUSTIFY)
        if not segs:
            return super().breakLines(width)
        params = breaking.params
        if style.alignment != TA_JUSTIFY:
            params = replace(params, ragged=3 * style.fontSize)
        ends = lb.best_breaks(row, maxWidths, params, self._no_hyphen_line)
        return self._lines(words, segs, row, ends, maxWidths)

    def _measure(self, words, breaking: Breaking, narrowest: float, justify: bool):
        """The paragraph as segments and a :class:`linebreak.Row`."""
        segs: list[_Seg] = []
        width, kind, after, stretch, shrink, flagged, penalty = [], [], [], [], [], [], []
        known = breaking._words
        stretch_k = breaking.stretch if justify else 0.0
        shrink_k = breaking.shrink if justify else 0.0
        last = len(words) - 1
        for wi, w in enumerate(words):
            pieces = w[1:]
            if getattr(pieces[0][0], "_fkind", _FK_TEXT) == _FK_BREAK:
                segs.append(_Seg(wi, 0, 0, 0.0))
                width.append(0.0)
                kind.append(lb.FORCED)
                after.append(0.0), stretch.append(0.0), shrink.append(0.0), flagged.append(False)
                penalty.append(0.0)
                continue
            parts = None
            if len(pieces) == 1 or sum(1 for _, t in pieces if t) == 1:
                f, t = next((f, t) for f, t in pieces if t) if len(pieces) > 1 else pieces[0]
                if w[0] > narrowest:
                    parts = _segments(t, f, breaking, narrowest)
                else:
                    key = (t, f.fontName, f.fontSize)
                    parts = known.get(key)
                    if parts is None:
                        parts = known[key] = _segments(t, f, breaking, None)
                    if getattr(f, "nobr", False):
                        parts = None
            if parts and len(parts) > 1:
                for start, stop, seg_width, drawn, flag, cost in parts[:-1]:
                    segs.append(_Seg(wi, start, stop, seg_width))
                    width.append(seg_width)
                    kind.append(lb.HYPHEN)
                    after.append(drawn), stretch.append(0.0), shrink.append(0.0)
                    flagged.append(flag)
                    penalty.append(cost)
                start, stop, seg_width = parts[-1][:3]
                segs.append(_Seg(wi, start, stop, seg_width))
                width.append(seg_width)
            else:
                segs.append(_Seg(wi, 0, None, w[0]))
                width.append(w[0])
            if wi < last and isinstance(w, _HSFrag):
                f_last = pieces[-1][0]
                space = _width(" ", f_last.fontName, f_last.fontSize)
                kind.append(lb.GLUE)
                after.append(space)
                stretch.append(space * stretch_k)
                shrink.append(space * shrink_k)
            else:
                kind.append(lb.NONE)
                after.append(0.0), stretch.append(0.0), shrink.append(0.0)
            flagged.append(False)
            penalty.append(0.0)
        return segs, lb.Row(width, kind, after, stretch, shrink, flagged, penalty)

    def _lines(self, words, segs: list[_Seg], row: lb.Row, ends: list[int], maxWidths: list[float]):
        """ReportLab's line structure for the chosen breaks, and the
        paragraph's word list (``self.frags``) with the split words marked
        as ReportLab marks its own, so that a page split can rejoin them."""
        lines = []
        FW: list = []
        self._width_max = 0
        begin = 0
        last_maxw = len(maxWidths) - 1
        for lineno, end in enumerate(ends):
            maxWidth = maxWidths[min(lineno, last_maxw)]
            sFW = len(FW)
            out: list = []          # the drawn frags of the line
            n = 0                   # words with text, for the justification's spaces
            current = 0.0
            maxSize = None
            maxAscent = minDescent = 0.0
            line_break = False
            hyphen = False
            src = None              # the frag the line's last text came from (runs of it merge)
            i = begin
            while i <= end:
                s = segs[i]
                w = words[s.word]
                pieces = w[1:]
                if getattr(pieces[0][0], "_fkind", _FK_TEXT) == _FK_BREAK:
                    g = pieces[0][0].clone()
                    out.append(g)
                    src = None
                    FW.append(w)
                    line_break = True
                    i += 1
                    continue
                j = i  # the run of this word's segments on this line
                while j < end and segs[j + 1].word == s.word:
                    j += 1
                text_index = next((k for k, (f, t) in enumerate(pieces) if t), 0)
                whole = s.stop is None or (s.start == 0 and segs[j].stop == len(pieces[text_index][1]))
                if whole:
                    parts = list(pieces)
                    FW.append(w)
                    width = w[0]
                else:
                    f, t = pieces[text_index]
                    a, z = segs[i].start, segs[j].stop
                    cut_here = z < len(t)
                    drawn_hyphen = cut_here and row.kind[j] == lb.HYPHEN and row.after[j] > 0
                    head = [] if a > 0 else list(pieces[:text_index])
                    tail = list(pieces[text_index + 1:]) if not cut_here else []
                    width = sum(segs[k].width for k in range(i, j + 1))
                    piece_text = t[a:z]
                    if drawn_hyphen:
                        width += row.after[j]
                        fw_piece = _SplitFragHY([width] + head + [(f, piece_text + "-")])
                        parts = head + [(f, piece_text + SOFT_HYPHEN)]
                    elif cut_here:
                        fw_piece = _SplitFragH([width] + head + [(f, piece_text)])
                        parts = head + [(f, piece_text)]
                    else:
                        cls = _SplitFragHS if isinstance(w, _HSFrag) else _SplitFrag
                        fw_piece = cls([width] + head + [(f, piece_text)] + tail)
                        parts = head + [(f, piece_text)] + tail
                    FW.append(fw_piece)
                    if cut_here:
                        FW.append(_InjectedFrag([0, (f.clone(_fkind=_FK_BREAK, text=""), "")]))
                        hyphen = row.flagged[j]
                if any(t for _, t in parts):
                    n += 1
                if i > begin and row.kind[i - 1] == lb.GLUE:
                    current += row.after[i - 1]
                    _add_space(out)
                current += width
                for f, t in parts:
                    if t and out and src is f:
                        out[-1].text += t
                        continue
                    g = f.clone()
                    g.text = t
                    out.append(g)
                    src = f if t and getattr(f, "_fkind", _FK_TEXT) == _FK_TEXT else None
                    size = f.fontSize
                    ascent, descent = _ascent_descent(f.fontName, size)
                    if maxSize is None or size > maxSize:
                        maxSize = size
                    if ascent > maxAscent:
                        maxAscent = ascent
                    if descent < minDescent:
                        minDescent = descent
                i = j + 1
            if current > self._width_max:
                self._width_max = current
            line = FragLine(extraSpace=maxWidth - current, wordCount=n, lineBreak=line_break and not self.style.justifyBreaks,
                            words=fallback.reorder_line(out) if self._octavo_bidi else out, fontSize=maxSize or self.style.fontSize, ascent=maxAscent,
                            descent=minDescent, maxWidth=maxWidth, sFW=sFW)
            line.octavoHyphen = hyphen
            lines.append(line)
            begin = end + 1
        self.frags = FW
        return ParaLines(kind=1, lines=lines)


_WIDTHS: dict = {}
_METRICS: dict = {}


def _width(text: str, font: str, size: float) -> float:
    """``stringWidth`` of a short, often repeated string (a space, a hyphen)."""
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    key = (font, size)
    m = _METRICS.get(key)
    if m is None:
        m = _METRICS[key] = getAscentDescent(font, size)
    return m


_KERN_ONLY = {"kern": True, "liga": False, "clig": False, "dlig": False}


def _kerned(w):
    """The word shaped by HarfBuzz with the font's kerning and nothing else,
    when that leaves its characters as they are.  Ligatures stay off:
    ReportLab maps a ligature glyph back to its presentation form (U+FB03
    "ﬃ"), so copied text would not read "ffi"."""
    f = w[1][0] if len(w) > 1 else None
    if f is None or getattr(f, "_fkind", _FK_TEXT) != _FK_TEXT or not _shapable(f.fontName):
        return w
    if any(hasattr(g, "cbDefn") for g, _ in w[1:]):
        return w  # ReportLab's shaping mislays the markers (index entries, anchors) inside a word
    if isinstance(w, (ShapedFragWord, _SHYWord)):
        return w  # shaped whole already; or soft hyphens from the source, which ReportLab sets itself
    if any(isinstance(t, ShapedStr) for _, t in w[1:]):  # rejoined from shaped pieces: shape the plain text
        w = (_HSFrag if isinstance(w, _HSFrag) else list)([w[0], *((g, str(t)) for g, t in w[1:])])
    if len(w) == 2:  # one font: each distinct word is shaped once per font and size
        f, t = w[1]
        key = (t, f.fontName, f.fontSize)
        known = _SHAPED.get(key)
        if known is None:
            shaped = shapeFragWord(w, _KERN_ONLY)
            ok = shaped is not w and str(shaped[1][1]) == t
            known = _SHAPED[key] = (shaped[0], shaped[1][1]) if ok else False
        if known is False:
            return w
        return makeShapedFragWord(w)([known[0], (f, known[1])])
    shaped = shapeFragWord(w, _KERN_ONLY)
    if shaped is not w and "".join(str(t) for _, t in shaped[1:]) != "".join(t for _, t in w[1:]):
        # ReportLab names each glyph by the first character the font maps to it, so a
        # zero-width space or a no-break space would come back as a space: keep the text
        return w
    return shaped


_SHAPABLE: dict = {}
_SHAPED: dict = {}  # (word, font, size) -> (width, shaped text), or False: drawn as it is


def _shapable(font: str) -> bool:
    s = _SHAPABLE.get(font)
    if s is None:
        s = _SHAPABLE[font] = bool(getattr(getFont(font), "shapable", False))
    return s


def _text_width(t: str, font: str, size: float) -> float:
    """The width of ``t`` as drawn: the HarfBuzz advances of a shaped
    (kerned) string, else the font's widths."""
    data = getattr(t, "__shapeData__", None)
    if data:
        scale, n = size / 1000, 0.0
        for d in data:  # summed as ReportLab's shaping sums them, for the same float
            if d.x_advance:
                n += d.x_advance * scale
        return n
    return stringWidth(t, font, size)


def _segments(t: str, f, breaking: Breaking, narrowest: float | None) -> tuple:
    """The pieces of the word ``t`` (set in ``f``) between its allowed
    breaks: ``(start, stop, width, hyphen width drawn at the break, whether
    the line then ends in a visible hyphen, cost of the break)``; when the
    word is wider than ``narrowest``, also cut where the measure ends."""
    params = breaking.params
    cuts = [(b.at, b.hyphen, params.hyphen_penalty if b.hyphen else
             params.proper_penalty if b.proper else params.explicit_penalty)
            for b in breaking.hyphenator.breaks(t, breaking.hyphens)]
    if narrowest is not None:
        cuts = _cut_long(t, f, cuts, narrowest, params.explicit_penalty)
    font, size = f.fontName, f.fontSize
    hw = _width("-", font, size)
    out, start = [], 0
    for at, hyphen, cost in cuts:
        out.append((start, at, _text_width(t[start:at], font, size), hw if hyphen else 0.0,
                    hyphen or t[at - 1] in "-\u2010", cost))
        start = at
    out.append((start, len(t), _text_width(t[start:], font, size), 0.0, False, 0.0))
    return tuple(out)


def _rejoin(FW: list) -> list:
    """The words of a word list this module made (``self.frags`` after a
    break), with the words split at line ends whole again and measured as a
    fresh paragraph measures them, so the same text always breaks, and is
    spaced, the same way.  (ReportLab's own rejoining drops the hyphen of a
    compound broken at its hyphen, and sums widths in another order.)"""
    words: list = []
    pending: list = []

    def flush(last) -> None:
        pieces: list = []
        for piece in pending:
            strip = isinstance(piece, _SplitFragHY)
            for k, (f, t) in enumerate(piece[1:]):
                if strip and k == len(piece) - 2 and t.endswith("-"):
                    t = t[:-1]
                if pieces and pieces[-1][0] is f:
                    pieces[-1] = (f, pieces[-1][1] + t)
                else:
                    pieces.append((f, t))
        cls = _HSFrag if isinstance(last, _HSFrag) else list
        words.append(cls([0.0] + pieces))
        pending.clear()

    for w in FW:
        if isinstance(w, _InjectedFrag):
            continue
        if isinstance(w, _SplitFrag):
            pending.append(w)
            if isinstance(w, _HSFrag) or not isinstance(w, _SplitFragH):
                flush(w)
            continue
        if pending:
            flush(pending[-1])
        words.append(w)
    if pending:
        flush(pending[-1])
    for w in words:
        n = 0.0
        for f, t in w[1:]:
            if t:
                n += _text_width(t, f.fontName, f.fontSize)
        w[0] = n
    return words


def _add_space(out: list) -> None:
    """The word space after the line's last text frag (ReportLab's way:
    the space is set in the font of the word before it)."""
    for g in reversed(out):
        if getattr(g, "_fkind", _FK_TEXT) == _FK_TEXT and not hasattr(g, "cbDefn"):
            if not g.text.endswith(" "):
                g.text += " "
            return


def _cut_long(text: str, f, cuts: list[tuple[int, bool, float]], measure: float,
              cost: float) -> list[tuple[int, bool, float]]:
    """Breaks for a word wider than the narrowest measure: its allowed
    breaks and, inside any stretch between them still wider than the
    measure, a break at every character, adding nothing, so the lines are
    filled wherever they start (a 2,500-letter string stays inside the
    text block and its lines end at the measure)."""
    out: list[tuple[int, bool, float]] = []
    points = [0] + [at for at, _, _ in cuts] + [len(text)]
    marks = {at: (hyphen, c) for at, hyphen, c in cuts}
    for a, z in zip(points, points[1:]):
        if stringWidth(text[a:z], f.fontName, f.fontSize) > measure:
            out += [(k, False, cost) for k in range(a + 1, z)]
        if z < len(text):
            out.append((z, *marks[z]))
    return out
