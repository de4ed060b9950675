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

from copy import copy
from dataclasses import dataclass, field, replace
from string import whitespace as _ASCII_SPACE

from reportlab.lib.abag import ABag as _ABag
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import paragraph as _rl
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus.paragraph import (FragLine, ParaLines, _getFragWords, _handleBulletWidth, _HSFrag,
                                          _InjectedFrag, _SHYWord, _SplitFrag, _SplitFragH, _SplitFragHS,
                                          _SplitFragHY)

from exporter.typeset import fallback, kerning, prebreak
from exporter.typeset import linebreak as lb
from exporter.typeset.hyphenation import CJK, Hyphenator
from exporter.typeset.tagging import share as _share_tag

SOFT_HYPHEN = "\u00ad"
_LINES, _ENDS = "lines", "ends"  # the two kinds of answer from the other process (prebreak)
_FK_TEXT, _FK_IMG, _FK_APPEND, _FK_BREAK = _rl._FK_TEXT, _rl._FK_IMG, _rl._FK_APPEND, _rl._FK_BREAK


@dataclass(frozen=True)
class Breaking:
    """How a style's paragraphs break: where words may break
    (``hyphenator``), whether a hyphen may be added (``hyphens``; without,
    words break only after a compound's hyphen or a URL's separators), the
    demerits, how far word spaces stretch and shrink, and whether the
    font's kerning and standard ligatures are applied (``kern``,
    ``ligatures``; through HarfBuzz, where the font is shapable)."""

    hyphenator: Hyphenator
    hyphens: bool = True
    params: lb.Params = lb.Params()
    stretch: float = 0.75  # of the natural space, at badness 100
    shrink: float = 0.3    # of the natural space: spaces never go below 70 % (Typst's limit is 67 %)
    kern: bool = True      # the font's kerning, through HarfBuzz, where the font is shapable
    ligatures: bool = True  # the font's standard ligatures (liga: fi, fl, ff, ffi, ffl), likewise
    # (text, font, size) -> the word's segments (_segments) as the row's columns (_columns)
    _columns: dict = field(default_factory=dict, compare=False, repr=False)
    _ragged: dict = field(default_factory=dict, compare=False, repr=False)
    # (font, size) -> {word: (kerned width, [kerns] or None)}, for paragraphs of one plain frag
    _plain: dict = field(default_factory=dict, compare=False, repr=False)

    def __deepcopy__(self, memo):
        return self

    def shaper(self, font: str):
        """The :mod:`kerning` shaper of the registered font ``font`` for
        this breaking, or None (not shapable, or neither asked for)."""
        if not (self.kern or self.ligatures):
            return None
        return kerning.kerner(font, self.kern, self.ligatures)

    def ragged(self, size: float) -> lb.Params:
        """The demerits for unjustified text at font size ``size``."""
        params = self._ragged.get(size)
        if params is None:
            params = self._ragged[size] = replace(self.params, ragged=3 * size)
        return params


class Paragraph(_rl.Paragraph):
    """A ReportLab Paragraph set by Octavo's line breaker when its style
    has a ``breaking`` attribute (a :class:`Breaking`)."""

    remember = True             # keep the breaks of the last width (off: break on every wrap)
    _memo: tuple | None = None  # (width asked, (width, wrap widths, lines, height))
    _fixed: tuple | None = None  # the same, for the part of a split paragraph on its page
    _no_hyphen_line: int | None = None
    _octavo_bidi = False  # right-to-left or complex-script text (see fallback)
    # lines made from the other process's (prebreak): frags not yet the word
    # list; its breaks as sent (see prebroken, split)
    _words_wanted: tuple | None = None

    def _setup(self, text, style, bulletText, frags, cleaner):
        fresh = frags is None
        if fresh and bulletText is None and isinstance(text, str) and "<" not in text and "&" not in text:
            # text with no markup at all (most paragraphs): ReportLab's
            # parse of it, without running its parser
            cleaned = cleaner(text)
            frags = _unmarked(cleaned, style) if cleaned else None
            if frags is not None:
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)
        if fresh:  # each character in the first font of its chain that has it
            self.frags, self._octavo_bidi = fallback.split_frags(self.frags)
            self.style = fallback.directed_style(self.style, self.frags) if self._octavo_bidi else self.style

    def wrap(self, availWidth, availHeight):
        memo = self._fixed or (self._memo if self.remember else None)
        if memo is not None and memo[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = memo[1]
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if size == (availWidth, getattr(self, "height", None)):  # not the "no room at all" answer
            self._memo = (availWidth, (self.width, self._wrapWidths, self.blPara, self.height))
        return size

    def _splits(self, availWidth, availHeight) -> bool:
        """Whether ReportLab's split of this wrapped paragraph goes past its
        first answers (none: no room for two lines; itself: it fits) to
        the split proper, which reads the word list; True where unsure.
        (Most splits asked for, by keep-with-next groups and at page feet,
        are of the first kinds.)"""
        style = self.style
        if availWidth < _rl._FUZZ or availHeight < _rl._FUZZ:
            return False
        if getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
            return True
        s = int(availHeight / float(style.leading))
        if (not getattr(self, "allowOrphans", getattr(style, "allowOrphans", 0)) and s <= 1) or s == 0:
            return False
        return len(self.blPara.lines) > s

    def split(self, availWidth, availHeight):
        if self._words_wanted is not None and getattr(self, "blPara", None) is not None \
                and self._splits(availWidth, availHeight):
            # lines made from the other process's: the word list a split
            # reads (frags) made here from its breaks, with the same lines
            # (a few paragraphs in a hundred are split: sending every
            # paragraph's word list cost the other process a sixth of its time)
            cuts = self._words_wanted
            self._words_wanted = None
            self.blPara = self._rebuild(self._wrapWidths, cuts)
            if self._memo is not None:
                self._memo = (self._memo[0], (*self._memo[1][:2], self.blPara, self._memo[1][3]))
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
            self._keep_rest(parts[1], len(first.blPara.lines), availWidth)
            _share_tag(self, parts)  # tagging hook: the parts are one structure element
        for part in parts:
            part._octavo_bidi = self._octavo_bidi
        return parts

    def _keep_rest(self, rest, start: int, availWidth: float) -> None:
        """The rest of a paragraph split across pages keeps the lines chosen
        for the whole paragraph (from line ``start``), for the frame width
        it was split at: broken again on its own, page after page, a long
        paragraph was broken once per page it spans (a 20,000-word paragraph
        took minutes), and its rest could be set other than the whole was.
        Not for a right-to-left paragraph, or where line heights vary."""
        bl = getattr(self, "blPara", None)
        style = rest.style
        if bl is None or getattr(bl, "kind", 0) != 1 or self._octavo_bidi \
                or getattr(style, "autoLeading", "") not in ("", "off") or rest.bulletText:
            return
        lines = bl.lines[start:]
        base = lines[0].sFW
        kept = []
        for line in lines:
            line = copy(line)
            line.sFW -= base
            kept.append(line)
        width = availWidth - style.leftIndent - style.rightIndent  # every line's, as the rest wraps
        rest._memo = (availWidth, (availWidth, [width, width], ParaLines(kind=1, lines=kept),
                                   len(kept) * style.leading))
        rest._width_max = self._width_max

    def drawOn(self, canvas, x, y, _sW=0):
        # tagging hook (exporter.typeset.tagging): the paragraph's marked content
        tagger = getattr(canvas, "tagger", None)
        fallback.line_offsets(self)  # a right-to-left paragraph's lines from the right
        if tagger is None:
            return super().drawOn(canvas, x, y, _sW)
        tagger.open(canvas, self)
        super().drawOn(canvas, x, y, _sW)
        tagger.close(canvas)

    # -- line breaking --------------------------------------------------------
    def breakLines(self, width):
        # the other process's answer (prebreak), for the paragraph as it was
        # sent: not once its frags are the word list of an earlier break
        answer = prebreak.chosen(self, width) \
            if self._no_hyphen_line is None and not _rl._processed_frags(self.frags) else None
        if answer is not None and answer[0] == _LINES:
            return self._set_lines(*answer[1:])
        return self._break(width, answer)

    def _break(self, width, answer: tuple | None = None):
        """:meth:`breakLines` here; ``answer``: the breaks chosen in the
        other process (:meth:`prebroken`'s ``(_ENDS, ends, measured)``)."""
        got = self._breakable(width)
        if got is None:
            return super().breakLines(width)
        plain, maxWidths, justify, breaking, params, (words, texts, kerned, whole, fits) = got
        if answer is None:
            segs, row, ends = self._choose(got)
        else:
            _, ends, measured = answer
            segs, row = self._measure(words, texts, whole, breaking, min(maxWidths), justify) if measured \
                else (None, whole)
        if plain:
            return _tracked(self._plain_lines(self.frags[0], words, texts, kerned, row, ends, maxWidths, segs),
                            justify)
        return _tracked(self._lines(words, segs, row, ends, maxWidths, kerned), justify and not self._octavo_bidi)

    def _rebuild(self, width, cuts: list):
        """The lines :meth:`prebroken` sent, made again here with their word
        list (``frags``): the paragraph's words measured as :meth:`_choose`
        measures them, but only the words a line ends inside cut into their
        segments (the others cannot change the lines or the list)."""
        _, maxWidths, justify, breaking, _, (words, texts, kerned, whole, _) = self._breakable(width)
        inside = {wi for wi, stop in cuts if stop is not None}
        if not inside:
            ends, segs, row = [wi for wi, _ in cuts], None, whole
        else:
            segs, row = self._measure(words, texts, whole, breaking, min(maxWidths), justify, inside)
            at = {(wi, _inside(texts, wi, stop)): i for i, (wi, _, stop) in enumerate(segs)}
            ends = [at[cut] for cut in cuts]
        return _tracked(self._plain_lines(self.frags[0], words, texts, kerned, row, ends, maxWidths, segs), justify)

    def _breakable(self, width) -> tuple | None:
        """What Octavo's line breaker needs to break this paragraph at
        ``width`` (see :meth:`breakLines`): whether it is one plain run,
        the widths of its lines, whether it is justified, its
        :class:`Breaking` and demerits, and its words
        (:func:`_plain_words`, :func:`_prepare`); None where ReportLab
        breaks it (no ``breaking`` in its style, centred text, soft hyphens
        in the source, inline images)."""
        style = self.style
        breaking: Breaking | None = getattr(style, "breaking", None)
        if breaking is None or (style.alignment not in (TA_JUSTIFY, TA_LEFT) and not self._octavo_bidi) \
                or style.wordWrap \
                or getattr(style, "shaping", 0) or style.endDots or not self.frags:
            return None
        maxWidths = list(width) if isinstance(width, (tuple, list)) else [width]
        _handleBulletWidth(self.bulletText, style, maxWidths)
        justify = style.alignment == TA_JUSTIFY
        frags = self.frags
        prepared = None
        if len(frags) == 1 and not self._octavo_bidi and not _rl._processed_frags(frags):
            # one run of plain text (most body paragraphs): the word list built directly
            prepared = _plain_words(frags[0], breaking, justify, min(maxWidths))
        plain = prepared is not None
        if not plain:
            if _rl._processed_frags(frags):
                words = _rejoin(frags)  # the rest of a paragraph split across pages
            else:
                words = _getFragWords(frags, maxWidths[0])
            if self._octavo_bidi:  # right-to-left and complex scripts, shaped whole (see fallback)
                words = [fallback.shape_word(w) if fallback.needs_shaping(w) else w for w in words]
            words = _cut_mixed(words, breaking, min(maxWidths))
            prepared = _prepare(words, breaking, justify, min(maxWidths))
            if prepared is None:
                return None
        params = breaking.params if justify else breaking.ragged(style.fontSize)
        return plain, maxWidths, justify, breaking, params, prepared

    def _choose(self, got: tuple) -> tuple:
        """The line breaks for :meth:`_breakable`'s ``got``: the segments
        (None: words whole), the measured row, and the segment ending each
        line."""
        _, maxWidths, justify, breaking, params, (words, texts, _, whole, fits) = got
        # First fit at word spaces, words whole (TeX's first pass): most
        # paragraphs are set as well so, and their words need no hyphenating.
        ends = lb.first_fit(whole, maxWidths, params) if fits else None
        if ends is not None:
            return None, whole, ends
        segs, row = self._measure(words, texts, whole, breaking, min(maxWidths), justify)
        return segs, row, lb.best_breaks(row, maxWidths, params, self._no_hyphen_line)

    def prebroken(self, width) -> tuple | None:
        """What :meth:`breakLines` makes of this paragraph at ``width``, for
        :mod:`.prebreak` to send from the other process.  For a paragraph
        of one plain run, its lines, as ``(_LINES, widest, lines, cuts)``:
        each line's extra space, word count, measure, first word, text,
        kerns and ligatures (or None), and whether it ends in a hyphen the
        breaker added (all :meth:`_set_lines` needs to make them again); and
        where each line ends, as ``(word, stop)``, ``stop`` the character
        the line ends before inside the word, None after the word whole
        (for the word list, made again where the paragraph is split:
        :meth:`_rebuild`).  For others, the
        breaks, as ``(_ENDS, ends, measured)``: the index ending each line,
        of the paragraph's segments (``measured``) or of its whole words
        (every line ends between words).  None where ReportLab breaks it."""
        got = self._breakable(width)
        if got is None:
            return None
        segs, row, ends = self._choose(got)
        bl = _tracked(self._plain_lines(self.frags[0], *got[5][:3], row, ends, got[1], segs), got[2]) \
            if got[0] else None
        measured = segs is not None
        if bl is not None:
            texts = got[5][1]
            cuts = [(wi, _inside(texts, wi, stop)) for e in ends for wi, _, stop in (segs[e],)] if measured \
                else [(e, None) for e in ends]
            KS = kerning.KernedStr
            return _LINES, self._width_max, [
                (ln.extraSpace, ln.wordCount, ln.maxWidth, ln.sFW, str(t),
                 (t.kerns, t.ligs) if isinstance(t, KS) else None, ln.octavoHyphen)
                for ln in bl.lines for t in (ln.words[0].text,)], cuts
        if measured and all(row.kind[e] != lb.HYPHEN for e in ends):
            # no line ends inside a word: the breaks are between whole words
            ends, measured = [segs[e][0] for e in ends], False
        return _ENDS, ends, measured

    def _set_lines(self, widest: float, lines: list, cuts: list):
        """The lines :meth:`prebroken` made of this paragraph of one plain
        run in the other process, made again: the same lines
        :meth:`_plain_lines` and :func:`_tracked` make here.  The word list
        a page split needs (``frags``, see :meth:`_broken`) is made only
        when the paragraph is split (:meth:`split`), from the breaks
        (:meth:`_rebuild`)."""
        f = self.frags[0]
        f._fkind = _FK_TEXT  # as _plain_words marks it
        size, font = f.fontSize, f.fontName
        m = _METRICS.get((font, size))
        if m is None:
            m = _METRICS[(font, size)] = getAscentDescent(font, size)
        ascent = m[0] if m[0] > 0.0 else 0.0
        descent = m[1] if m[1] < 0.0 else 0.0
        KernedStr = kerning.KernedStr
        out = []
        for extra, count, measure, first, text, kerns, hyphen in lines:
            g = _clone(f)
            g.text = KernedStr(text, *kerns) if kerns is not None else text
            out.append(_line(hyphen, extraSpace=extra, wordCount=count, lineBreak=False, words=[g], fontSize=size,
                             ascent=ascent, descent=descent, maxWidth=measure, sFW=first))
        self._width_max = widest
        self._words_wanted = cuts  # for the word list, if it is split
        return ParaLines(kind=1, lines=out)

    def _plain_lines(self, f, words: list, texts: list, kerned: list, row: lb.Row, ends: list[int],
                     maxWidths: list[float], segs: list | None = None):
        """:meth:`_lines` for a paragraph of the one plain frag ``f``
        (:func:`_plain_words`): each line one frag, its words and pieces
        of words joined by single spaces, with the same widths, kerns,
        split-word marks and fields.  ``segs``: the segments of
        :meth:`_measure` when the breaks may fall inside words."""
        lines = []
        FW: list = []
        width_max = 0.0
        begin = 0
        last_maxw = len(maxWidths) - 1
        after = row.after
        size = f.fontSize
        font = f.fontName
        key = (font, size)
        m = _METRICS.get(key)
        if m is None:
            m = _METRICS[key] = getAscentDescent(font, size)
        ascent = m[0] if m[0] > 0.0 else 0.0
        descent = m[1] if m[1] < 0.0 else 0.0
        KernedStr = kerning.KernedStr
        Ligated = kerning.Ligated
        for lineno, end in enumerate(ends):
            maxWidth = maxWidths[lineno if lineno < last_maxw else last_maxw]
            sFW = len(FW)
            pieces: list = []
            kerns: list = []
            ligs: list = []
            at = 0             # characters of the line's text so far
            current = 0.0
            hyphen = False
            i = begin
            while i <= end:
                if segs is None:
                    wi = j = i
                    whole = True
                else:
                    wi, a, stop = segs[i]
                    j = i  # the run of this word's segments on this line
                    while j < end and segs[j + 1][0] == wi:
                        j += 1
                    whole = stop is None or (a == 0 and segs[j][2] == len(texts[wi][1]))
                if i > begin:
                    current += after[i - 1]
                    at += 1
                if whole:
                    t = texts[wi][1]
                    current += words[wi][0]
                    FW.append(words[wi])
                    kk = kerned[wi]
                    if kk is not None and kk[0]:
                        kk = kk[0]
                        kerns.extend([(k + at, d) for k, d in kk] if at else kk)
                        if kk.__class__ is Ligated:
                            ligs.extend([(b + at, e + at, g, d) for b, e, g, d in kk.ligs])
                else:
                    kk = kerned[wi]
                    marks, _, t, width, piece_kerns, ends_hyphen = _piece(
                        words[wi], f, texts[wi][1], a, segs[j][2], j, row, kk[0] if kk is not None else (), [], [],
                        self.style.breaking)
                    FW += marks
                    if piece_kerns:
                        kerns.extend([(k + at, d) for k, d in piece_kerns])
                        if piece_kerns.__class__ is Ligated:
                            ligs.extend([(b + at, e + at, g, d) for b, e, g, d in piece_kerns.ligs])
                    if ends_hyphen is not None:
                        hyphen = ends_hyphen
                    current += width
                pieces.append(t)
                at += len(t)
                i = j + 1
            text = " ".join(pieces)
            g = _clone(f)
            g.text = KernedStr(text, tuple(kerns), tuple(ligs)) if kerns or ligs else text
            if current > width_max:
                width_max = current
            lines.append(_line(hyphen, extraSpace=maxWidth - current, wordCount=len(pieces), lineBreak=False,
                               words=[g], fontSize=size, ascent=ascent, descent=descent, maxWidth=maxWidth,
                               sFW=sFW))
            begin = end + 1
        return self._broken(lines, FW, width_max)

    def _measure(self, words, texts: list, glue: lb.Row, breaking: Breaking, narrowest: float,
                 justify: bool = True, only: set | None = None):
        """The paragraph as segments between the words' allowed breaks and
        a :class:`linebreak.Row`; ``segs[i]`` is ``(word, start, stop)`` of
        segment i (``stop`` None: the word whole).  ``glue``: the words
        whole, for what follows each (:func:`_prepare`).  In justified
        text a break between Chinese or Japanese characters may stretch
        (:data:`_CJK_STRETCH`), as the space between them does when the
        line is justified (:func:`_tracked`).  ``only``: the words to cut
        into segments (the others stay whole)."""
        width, kind, after, stretch, shrink, flagged, penalty = [], [], [], [], [], [], []
        segs: list = []
        columns = breaking._columns
        for wi, w in enumerate(words):
            f0 = w[1][0]
            if getattr(f0, "_fkind", _FK_TEXT) == _FK_BREAK:
                segs.append((wi, 0, None))
                width.append(0.0)
                kind.append(lb.FORCED)
                after.append(0.0), stretch.append(0.0), shrink.append(0.0), flagged.append(False)
                penalty.append(0.0)
                continue
            ww = w[0]
            cols = None
            single = texts[wi]
            if single is not None and (only is None or wi in only):
                f, t = single
                if ww > narrowest:
                    cols = _columns(_segments(t, f, breaking, narrowest), t, f.fontSize)
                elif not getattr(f, "nobr", False):
                    key = (t, f.fontName, f.fontSize)
                    cols = columns.get(key, False)
                    if cols is False:
                        cols = columns[key] = _columns(_segments(t, f, breaking, None), t, f.fontSize)
            if cols is not None:
                spans, widths, kinds, drawn, cjk, zeros, flags, costs = cols
                segs.extend([(wi, a, b) for a, b in spans])
                width.extend(widths)
                kind.extend(kinds), after.extend(drawn), stretch.extend(cjk if justify else zeros)
                shrink.extend(zeros), flagged.extend(flags), penalty.extend(costs)
            else:
                segs.append((wi, 0, None))
                width.append(ww)
            flagged.append(False), penalty.append(0.0)
            kind.append(glue.kind[wi])  # what follows the word, as the first fit had it
            after.append(glue.after[wi]), stretch.append(glue.stretch[wi]), shrink.append(glue.shrink[wi])
        return segs, lb.Row(width, kind, after, stretch, shrink, flagged, penalty)

    def _lines(self, words, segs: list | None, row: lb.Row, ends: list[int], maxWidths: list[float],
               kerned: list):
        """ReportLab's line structure for the chosen breaks, and the
        paragraph's word list (``self.frags``) with the split words marked
        as ReportLab marks its own, so that a page split can rejoin them.
        ``kerned[i]``: the kerns of word i's pieces, or None."""
        lines = []
        FW: list = []
        width_max = 0.0
        begin = 0
        last_maxw = len(maxWidths) - 1
        kind, after = row.kind, row.after
        glue = lb.GLUE
        shaped = self._octavo_bidi  # shaped words (ReportLab's ShapedStr) only in such paragraphs
        justify_breaks = self.style.justifyBreaks
        metrics = _METRICS
        for lineno, end in enumerate(ends):
            maxWidth = maxWidths[lineno if lineno < last_maxw else last_maxw]
            sFW = len(FW)
            out: list = []          # the drawn frags of the line
            texts: list = []        # their text as it is gathered (:class:`_Text`), or None
            n = 0                   # words with text, for the justification's spaces
            current = 0.0
            maxSize = None
            maxAscent = minDescent = 0.0
            line_break = False
            hyphen = False
            src = None              # the frag the line's last text came from (runs of it merge)
            last_text = None        # the last text frag's :class:`_Text`
            i = begin
            while i <= end:
                if segs is None:
                    wi, j, whole = i, i, True
                else:
                    wi, a, stop = segs[i]
                    j = i  # the run of this word's segments on this line
                    while j < end and segs[j + 1][0] == wi:
                        j += 1
                    whole = stop is None or (a == 0 and segs[j][2] == len(_text_of(words[wi])))
                w = words[wi]
                if whole and len(w) == 2:  # the common case: a word whole, in one frag
                    f, t = w[1]
                    if t and src is f:
                        FW.append(w)
                        if kind[i - 1] != lb.HYPHEN:  # not a part of a word cut where no space is (_Cut)
                            n += 1
                        if i > begin and kind[i - 1] == glue:
                            current += after[i - 1]
                            parts = last_text.parts
                            if not parts[-1].endswith(" "):
                                parts.append(" ")
                                last_text.length += 1
                        current += w[0]
                        pk = kerned[wi]
                        if pk is not None and pk[0]:
                            last_text.kern(pk[0])
                        last_text.parts.append(t)
                        last_text.length += len(t)
                        i = j + 1  # past the word's segments
                        continue
                pieces = w[1:]
                if getattr(pieces[0][0], "_fkind", _FK_TEXT) == _FK_BREAK:
                    out.append(pieces[0][0].clone())
                    texts.append(None)
                    src = None
                    FW.append(w)
                    line_break = True
                    i += 1
                    continue
                if whole:
                    pk = kerned[wi]
                    parts = zip(pieces, pk) if pk is not None else ((p, ()) for p in pieces)
                    FW.append(w)
                    width = w[0]
                    has_text = any(t for _, t in pieces)
                else:
                    text_index = next((k for k, (_, t) in enumerate(pieces) if t), 0)
                    f, t = pieces[text_index]
                    z = segs[j][2]
                    head = [] if a > 0 else list(pieces[:text_index])
                    tail = list(pieces[text_index + 1:]) if z == len(t) else []
                    pk = kerned[wi]
                    marks, piece_text, drawn, width, piece_kerns, ends_hyphen = _piece(
                        w, f, t, a, z, j, row, pk[text_index] if pk is not None else (), head, tail,
                        self.style.breaking)
                    FW += marks
                    if ends_hyphen is not None:
                        hyphen = ends_hyphen
                    parts = [(p, ()) for p in head] + [((f, drawn), piece_kerns)] + [(p, ()) for p in tail]
                    has_text = bool(piece_text) or any(t for _, t in head) or any(t for _, t in tail)
                if has_text and (i == begin or kind[i - 1] != lb.HYPHEN):
                    n += 1  # words, for the spaces between them (not the parts of a word cut without one)
                if i > begin and kind[i - 1] == lb.GLUE:
                    current += after[i - 1]
                    _add_space(texts)
                current += width
                for (f, t), kk in parts:
                    if t and src is f:
                        texts[-1].add(t, kk)
                        continue
                    g = _clone(f)
                    g.text = t
                    out.append(g)
                    if getattr(f, "_fkind", _FK_TEXT) == _FK_TEXT and not hasattr(f, "cbDefn"):
                        src = f if t else None
                        last_text = _Text(t, kk)  # an empty one too: a word space may go there
                        texts.append(last_text)
                    else:
                        src = None
                        texts.append(None)
                    size = f.fontSize
                    key = (f.fontName, size)
                    m = metrics.get(key)
                    if m is None:
                        m = metrics[key] = getAscentDescent(f.fontName, size)
                    if maxSize is None or size > maxSize:
                        maxSize = size
                    if m[0] > maxAscent:
                        maxAscent = m[0]
                    if m[1] < minDescent:
                        minDescent = m[1]
                i = j + 1
            for g, text in zip(out, texts):
                if text is not None:
                    g.text = text.joined(shaped)
            if current > width_max:
                width_max = current
            if self._octavo_bidi:
                out = fallback.reorder_line(out)
            lines.append(_line(hyphen, extraSpace=maxWidth - current, wordCount=n,
                               lineBreak=line_break and not justify_breaks, words=out,
                               fontSize=maxSize or self.style.fontSize, ascent=maxAscent, descent=minDescent,
                               maxWidth=maxWidth, sFW=sFW))
            begin = end + 1
        return self._broken(lines, FW, width_max)

    def _broken(self, lines: list, FW: list, width_max: float):
        """The paragraph's lines, its word list as they split it, its widest line."""
        self._width_max = width_max
        self.frags = FW
        self._words_wanted = None
        return ParaLines(kind=1, lines=lines)


#: A justified line whose word spaces would open wider than this (in em of
#: its size) is letter-spaced, by at most _TRACK_MAX em a letter, to bring
#: them back: the line breaker's last resort, when no choice of breaks keeps
#: every line within bounds (a run of names and ranks with nothing to
#: hyphenate).  Typst and InDesign let tracking take part in justification
#: in the same way; the letters move by far less than the eye can see.
_TRACK_FROM = 0.70
_TRACK_MAX = 0.02


def _tracked(para: ParaLines, justify: bool) -> ParaLines:
    """``para`` with its justified lines whose word spaces would open past
    :data:`_TRACK_FROM` em letter-spaced: an adjustment (a kern) between each
    two letters of a word, as many thousandths of an em as the line needs
    to bring its spaces back to that width, up to :data:`_TRACK_MAX` em, and
    the line's extra space reduced by what the letters took.  Nothing is
    added to the text: copied, it reads the same.  A letter-spaced line is
    set without ligatures (as TeX and Typst set tracked text): their
    letters take their own widths first, from the line's extra space."""
    if not justify:
        return para
    lines = para.lines
    for line in lines[:-1]:
        extra = line.extraSpace
        if line.lineBreak or extra <= 0:
            continue
        texts = [w for w in line.words if getattr(w, "_fkind", _FK_TEXT) == _FK_TEXT
                 and not hasattr(w, "cbDefn") and w.text and not hasattr(w.text, "__shapeData__")]
        if not texts:
            continue
        spaces = line.wordCount + sum(_rl._nbspCount(w.text) for w in line.words if not hasattr(w, "cbDefn")) - 1
        if spaces <= 0:
            _spread_cjk(line, texts, extra)
            continue
        f0 = texts[0]
        size = f0.fontSize
        space = _width(" ", f0.fontName, size)
        if space + extra / spaces <= _TRACK_FROM * size:
            continue
        if any(getattr(w.text, "ligs", ()) for w in texts):
            for w in texts:
                w.text, wider = kerning.unligated(w.text)
                line.extraSpace -= wider * w.fontSize / 1000
            extra = line.extraSpace
        pairs = [[i for i in range(len(w.text) - 1) if not w.text[i].isspace() and not w.text[i + 1].isspace()]
                 for w in texts]
        count = sum(len(p) for p in pairs)
        if not count:
            continue
        excess = extra - (_TRACK_FROM * size - space) * spaces
        if excess <= 0:
            continue  # its letters' own widths took the room
        _spread(line, texts, pairs, min(excess / count, _TRACK_MAX * size), count)  # points a letter
    return para


_UNMARKED: dict[int, tuple] = {}  # id(style) -> (style, its attributes then, the frag of its text)


def _unmarked(text: str, style):
    """The frags ReportLab's parser makes of ``text`` (cleaned, with no
    markup) in ``style``: a copy of the one frag it made of a letter in
    that style, with this text, as its parser copies its frag for each run
    of text.  None where the parser would do more (Greek, a text
    transform).  A style changed since (an attribute no longer equal) is
    parsed again."""
    attrs = style.__dict__
    known = _UNMARKED.get(id(style))
    if known is None or known[0] is not style or known[1] != attrs:
        style_out, frags, bullets = ParaParser().parse("x", style)
        template = frags[0] if style_out is style and frags and len(frags) == 1 and not bullets \
            and not frags[0].greek and not getattr(style, "textTransform", None) else None
        known = _UNMARKED[id(style)] = (style, dict(attrs), template)
    template = known[2]
    if template is None:
        return None
    frag = copy(template)
    frag.text = text
    return [frag]


_rl_putFragLine = _rl._putFragLine


def _put_frag_line(cur_x, tx, line, last, pKind):
    """ReportLab's ``_putFragLine`` (it draws one line of frags), answered
    directly for a line of one plain frag (what Octavo's breaker makes of
    most body text): no image, link, underline, background, leaders or
    automatic leading, so that of all ReportLab does per frag only the
    font, colour and rise changes and the text itself are drawn (its
    bookkeeping of widths and spaces feeds only those other features).
    The same operators; anything else is ReportLab's own."""
    words = line.words
    if len(words) == 1:
        f = words[0]
        xs = tx.XtraState
        if not (f.link or f.us_lines or hasattr(f, "cbDefn") or getattr(f, "backColor", None) or xs.backColor
                or xs.autoLeading in ("min", "max") or (last and xs.style.endDots)):
            leading = xs.leading
            if tx._leading != leading:
                tx.setLeading(leading)
            fontSize = f.fontSize
            if tx._fontname != f.fontName or tx._fontsize != fontSize:
                tx._setFont(f.fontName, fontSize)
            textColor = f.textColor
            if xs.textColor is not textColor and xs.textColor != textColor:
                xs.textColor = textColor
                tx.setFillColor(textColor)
            rise = f.rise
            if xs.rise != rise:
                xs.rise = rise
                tx.setRise(rise)
            tx._textOut(f.text, True)
            return
    return _rl_putFragLine(cur_x, tx, line, last, pKind)


_rl._putFragLine = _put_frag_line  # the line drawers look it up in ReportLab's module


def _clone(f):
    """``f.clone()``, for a frag (a ReportLab ``ABag``): a frag of the same
    class with a copy of its attributes, without the keyword round trip
    (where its class makes and clones as ``ABag`` does)."""
    cls = f.__class__
    if cls.__init__ is not _ABag.__init__ or cls.clone is not _ABag.clone:
        return f.clone()
    g = object.__new__(cls)
    g.__dict__.update(f.__dict__)
    return g


def _line(hyphen: bool, **fields) -> FragLine:
    """ReportLab's line, marked with whether it ends in a hyphen the
    breaker added (the page split reads it)."""
    line = FragLine(**fields)
    line.octavoHyphen = hyphen
    return line


def _piece(w, f, t: str, a: int, z: int, j: int, row: lb.Row, kerns, head: list, tail: list,
           breaking: Breaking | None = None):
    """What a line holds of the word ``w`` split by the line breaker: the
    characters ``a:z`` of its text piece ``t`` (in frag ``f``, with its
    ``kerns``), ending at segment ``j`` of ``row``, after the word's
    pieces ``head`` and before ``tail``.  Returns the entries for the
    paragraph's word list (ReportLab's split-word marks, and its line
    break after a cut), the characters, the text drawn (a soft hyphen
    after them when a hyphen is drawn), the width, the kerns, and whether
    the line then ends in a visible hyphen (None: the word ends on it).
    A word with ligatures is shaped again for the piece
    (:func:`kerning.piece`), by ``breaking``'s shaper."""
    cut_here = z < len(t)
    piece = t[a:z]
    width = _plain_width(piece, f.fontName, f.fontSize)
    if not kerns:
        piece_kerns = ()
    elif kerns.__class__ is kerning.Ligated:
        piece_kerns = kerning.piece(kerns, t, a, z, breaking.shaper(f.fontName) if breaking is not None else None)
    else:
        piece_kerns = kerning.sliced(kerns, a, z)
    if piece_kerns:
        width += kerning.total(piece_kerns) * f.fontSize / 1000
    if cut_here and row.kind[j] == lb.HYPHEN and row.after[j] > 0:  # a hyphen drawn
        width += row.after[j]
        marks = [_SplitFragHY([width] + head + [(f, piece + "-")])]
        drawn = piece + SOFT_HYPHEN
    elif cut_here:
        marks = [_SplitFragH([width] + head + [(f, piece)])]
        drawn = piece
    else:
        cls = _SplitFragHS if isinstance(w, _HSFrag) else _SplitFrag
        marks = [cls([width] + head + [(f, piece)] + tail)]
        drawn = piece
    if not cut_here:
        return marks, piece, drawn, width, piece_kerns, None
    marks.append(_InjectedFrag([0, (f.clone(_fkind=_FK_BREAK, text=""), "")]))
    return marks, piece, drawn, width, piece_kerns, row.flagged[j]


#: How far a break between two Chinese or Japanese characters stretches
#: (in em of the text's size, at badness 100) in justified text: little, so
#: that within tolerance the characters stay closer than a tenth of an em
#: more than set solid (text extraction reads a wider gap as a space).
_CJK_STRETCH = 0.05


def _spread_cjk(line, texts: list, extra: float) -> None:
    """Justify a line with no word space, of Chinese or Japanese text, as
    such text is justified: its extra room shared between its characters
    (an adjustment after each character that is or stands next to one of
    theirs), the line's extra space then used up."""
    gaps = [[i for i in range(len(w.text) - 1) if CJK.match(w.text, i) or CJK.match(w.text, i + 1)]
            for w in texts]
    count = sum(len(g) for g in gaps)
    if count:
        _spread(line, texts, gaps, extra / count, count)


def _spread(line, texts: list, gaps: list, step: float, count: int) -> None:
    """Widen each of the ``count`` gaps (``gaps[k]``: after which characters
    of ``texts[k]``) by ``step`` points, as kerns, taking it from the line's
    extra space."""
    for w, at in zip(texts, gaps):
        if at:
            d = step * 1000 / w.fontSize
            merged = dict(getattr(w.text, "kerns", ()))
            for i in at:
                merged[i] = merged.get(i, 0.0) + d
            w.text = kerning.KernedStr(str(w.text), tuple(sorted(merged.items())), getattr(w.text, "ligs", ()))
    line.extraSpace -= step * count


def _text_of(w) -> str:
    """The text of a word's one text piece."""
    return next((t for _, t in w[1:] if t), "")


_WIDTHS: dict = {}
_SPACES: dict = {}  # (font, size) -> the width of a space
_METRICS: dict = {}


def _plain_width(t: str, font: str, size: float) -> float:
    """The width of ``t`` unkerned: the HarfBuzz advances of a shaped
    string (a right-to-left or complex-script word), else the font's."""
    data = getattr(t, "__shapeData__", None)
    if data:
        scale, n = size / 1000, 0.0
        for d in data:  # summed as ReportLab's shaping sums them, for the same float
            if d.x_advance:
                n += d.x_advance * scale
        return n
    return stringWidth(t, font, size)


def _width(text: str, font: str, size: float) -> float:
    """``stringWidth`` of a short, often repeated string (a space, a hyphen)."""
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def _prepare(words: list, breaking: Breaking, justify: bool, narrowest: float):
    """One pass over the words: each word's width made its kerned width
    (in place); for each word, its one text piece ``(frag, text)`` when it
    has only one (the words that may be hyphenated), else None; the kerns
    of each of its pieces, or None when it has none; the row of whole
    words (for the first fit, and for what follows each word); and whether
    every word fits the measure (else a word must be cut: no first fit).
    None when ReportLab should set the paragraph itself (soft hyphens in
    the source, inline images, backgrounds)."""
    texts: list = []
    kerned: list = []
    width, kind, after, stretch, shrink = [], [], [], [], []
    stretch_k = breaking.stretch if justify else 0.0
    shrink_k = breaking.shrink if justify else 0.0
    kern = breaking.kern or breaking.ligatures
    spaces = _SPACES
    fits = True
    last = len(words) - 1
    kerner_font = kerner = None
    for wi, w in enumerate(words):
        if isinstance(w, _SHYWord):
            return None
        ks = None
        single = None
        if len(w) == 2:
            f, t = w[1]
            fk = getattr(f, "_fkind", _FK_TEXT)
            if fk == _FK_BREAK:
                texts.append(None), kerned.append(None)
                width.append(0.0), kind.append(lb.FORCED)
                after.append(0.0), stretch.append(0.0), shrink.append(0.0)
                continue
            if fk == _FK_IMG or hasattr(f, "backColor"):
                return None
            single = w[1]
            if kern and t and fk == _FK_TEXT and not hasattr(t, "__shapeData__"):
                if f.fontName != kerner_font:
                    kerner_font, kerner = f.fontName, breaking.shaper(f.fontName)
                if kerner is not None:
                    kk = kerner.known.get(t, False)
                    if kk is False:
                        kk = kerner.kerns(t)
                    if kk:
                        w[0] += kerning.total(kk) * f.fontSize / 1000
                        ks = [kk]
        else:
            pieces = w[1:]
            if getattr(pieces[0][0], "_fkind", _FK_TEXT) == _FK_BREAK:
                texts.append(None), kerned.append(None)
                width.append(0.0), kind.append(lb.FORCED)
                after.append(0.0), stretch.append(0.0), shrink.append(0.0)
                continue
            found = None
            count = 0
            for k, (f, t) in enumerate(pieces):
                fk = getattr(f, "_fkind", _FK_TEXT)
                if fk == _FK_IMG or hasattr(f, "backColor"):
                    return None
                if t:
                    count += 1
                    found = pieces[k]
                    if kern and fk == _FK_TEXT and not hasattr(f, "cbDefn") and not hasattr(t, "__shapeData__"):
                        shaper = breaking.shaper(f.fontName)
                        kk = shaper.kerns(t) if shaper is not None else ()
                        if kk:
                            w[0] += kerning.total(kk) * f.fontSize / 1000
                            if ks is None:
                                ks = [()] * len(pieces)
                            ks[k] = kk
            single = found if count == 1 else None
        texts.append(single)
        kerned.append(ks)
        ww = w[0]
        if ww > narrowest:
            fits = False
        width.append(ww)
        if wi < last and isinstance(w, _HSFrag):
            f_last = w[-1][0]
            space = spaces.get((f_last.fontName, f_last.fontSize))
            if space is None:
                space = spaces[(f_last.fontName, f_last.fontSize)] = stringWidth(" ", f_last.fontName,
                                                                                  f_last.fontSize)
            kind.append(lb.GLUE)
            after.append(space)
            stretch.append(space * stretch_k)
            shrink.append(space * shrink_k)
        else:
            kind.append(lb.HYPHEN if isinstance(w, _Cut) and wi < last else lb.NONE)  # a break adding nothing
            after.append(0.0), stretch.append(0.0), shrink.append(0.0)
    none = [False] * len(width)
    return words, texts, kerned, lb.Row(width, kind, after, stretch, shrink, none, none), fits


def _plain_words(f, breaking: Breaking, justify: bool, narrowest: float):
    """:func:`_prepare`'s answer (and the word list ReportLab's
    ``_getFragWords`` would build) for a paragraph of the one frag ``f``
    of plain text, from a table of each distinct word's kerned width in
    its font and size; None when ``f`` is anything else (an inline image,
    a line break, a background, soft hyphens, shaped or empty text)."""
    text = f.text
    if not text or hasattr(f, "cbDefn") or hasattr(f, "lineBreak") or hasattr(f, "backColor") \
            or hasattr(text, "__shapeData__") or SOFT_HYPHEN in text:
        return None
    text = _rl.lstrip(text)
    split = _rl.split(text) if text else None
    if not split or not all(split):
        return None
    f._fkind = _FK_TEXT
    font, size = f.fontName, f.fontSize
    key = (font, size)
    table = breaking._plain.get(key)
    if table is None:
        table = breaking._plain[key] = {}
    kerner = breaking.shaper(font)
    space = _SPACES.get(key)
    if space is None:
        space = _SPACES[key] = stringWidth(" ", font, size)
    get = table.get
    known = [get(t) for t in split]  # (kerned width, [kerns] or None) of each word
    if None in known:
        for i, t in enumerate(split):
            if known[i] is None:
                k = get(t)  # a word met twice in this paragraph: measured once
                if k is None:
                    ww = stringWidth(t, font, size)
                    kk = None
                    if kerner is not None:
                        found = kerner.kerns(t)
                        if found:
                            ww += kerning.total(found) * size / 1000
                            kk = [found]
                    k = table[t] = (ww, kk)
                known[i] = k
    texts = [(f, t) for t in split]
    width = [k[0] for k in known]
    kerned = [k[1] for k in known]
    HS = _HSFrag
    words = [HS([k[0], piece]) for k, piece in zip(known, texts)]
    fits = max(width) <= narrowest
    if text[-1] not in _ASCII_SPACE:  # as ReportLab: the last word is followed by a space only if the text is
        words[-1] = list(words[-1])
    n = len(width)
    glue = [lb.GLUE] * n
    glue[-1] = lb.NONE
    stretch = space * breaking.stretch if justify else 0.0
    shrink = space * breaking.shrink if justify else 0.0
    none = [False] * n
    row = lb.Row(width, glue, [space] * (n - 1) + [0.0], [stretch] * (n - 1) + [0.0],
                 [shrink] * (n - 1) + [0.0], none, none)
    return words, texts, kerned, row, fits


class _Cut(list):
    """A word of a paragraph's word list (``[width, (frag, text), ...]``)
    after which a line may end with nothing added, though no space follows
    it: a part of a word set in several fonts, cut where its characters
    allow a break (see :func:`_cut_mixed`)."""


def _cut_mixed(words: list, breaking: Breaking, narrowest: float) -> list:
    """``words`` with each word set in several fonts (Chinese with a Latin
    letter or an em dash in it, which ReportLab takes for one word: there
    are no spaces) cut into parts where a line may end between its pieces,
    as :mod:`hyphenation` allows for the word's whole text (between Chinese
    characters, after a URL's separator or a compound's hyphen); a word in
    several fonts wider than the measure with no such place is cut between
    all its pieces, so that it stays inside the text block.  Each part but
    the last is a :class:`_Cut`; the pieces themselves break as words of
    one font do.  Words with anything but text in them (an index mark, a
    shaped run) are left whole."""
    out = None
    for wi, w in enumerate(words):
        parts = _cut_parts(w, breaking, narrowest)
        if parts is not None and out is None:
            out = list(words[:wi])
        if out is not None:
            out.extend(parts or (w,))
    return words if out is None else out


def _cut_parts(w: list, breaking: Breaking, narrowest: float) -> list | None:
    """The parts :func:`_cut_mixed` cuts the word ``w`` into, or None."""
    if len(w) <= 2 or isinstance(w, (_SplitFrag, _SHYWord)):
        return None
    pieces = w[1:]
    if not all(t and getattr(f, "_fkind", _FK_TEXT) == _FK_TEXT and not hasattr(f, "cbDefn")
               and not hasattr(t, "__shapeData__") for f, t in pieces):
        return None
    bounds, at = [], 0
    for _, t in pieces[:-1]:
        at += len(t)
        bounds.append(at)
    allowed = {b.at for b in breaking.hyphenator.breaks("".join(t for _, t in pieces), False) if not b.proper}
    cuts = [k + 1 for k, at in enumerate(bounds) if at in allowed]
    if not cuts and w[0] > narrowest:
        cuts = list(range(1, len(pieces)))
    if not cuts:
        return None
    parts = []
    for a, z in zip([0] + cuts, cuts + [len(pieces)]):
        width = 0.0
        for f, t in pieces[a:z]:
            width += stringWidth(t, f.fontName, f.fontSize)
        parts.append((w.__class__ if z == len(pieces) else _Cut)([width, *pieces[a:z]]))
    return parts


def _inside(texts: list, wi: int, stop: int | None) -> int | None:
    """Where a segment of word ``wi`` that ends a line stops, as a line end
    inside the word: None when it ends the word."""
    return None if stop is None or stop == len(texts[wi][1]) else stop


def _columns(parts: tuple, t: str, size: float) -> tuple | None:
    """The segments of a word (:func:`_segments`) as :meth:`Paragraph._measure`
    adds them to its row, column by column: each segment's ``(start,
    stop)`` and width, then for each break inside the word its kind, the
    hyphen drawn there, its stretch in justified text (a break between
    Chinese or Japanese characters stretches as their space does) and in
    ragged text (none), its shrink, whether a line ending there ends in a
    visible hyphen, and its cost.  None for a word with no break inside."""
    if len(parts) < 2:
        return None
    inner = parts[:-1]
    stretch = _CJK_STRETCH * size
    zeros = (0.0,) * len(inner)
    return (tuple((p[0], p[1]) for p in parts), tuple(p[2] for p in parts), (lb.HYPHEN,) * len(inner),
            tuple(p[3] for p in inner),
            tuple(stretch if CJK.match(t, p[1] - 1) or CJK.match(t, p[1]) else 0.0 for p in inner),
            zeros, tuple(p[4] for p in inner), tuple(p[5] for p in inner))


def _segments(t: str, f, breaking: Breaking, narrowest: float | None) -> tuple:
    """The pieces of the word ``t`` (set in ``f``) between its allowed
    breaks: ``(start, stop, width, hyphen width drawn at the break, whether
    the line then ends in a visible hyphen, cost of the break)``; when the
    word is wider than ``narrowest``, also cut where the measure ends.
    A piece is measured kerned, with the kern of the pair it ends
    (HarfBuzz's way: the pieces add up to the word), and a ligature's
    delta in the piece holding its last letter.  A break inside a
    ligature is measured so too, though the pieces then ligate on their
    own (:func:`kerning.piece`: "of-" and "fice" with its fi, a hair wider
    than that share of ffi): the breaker may misjudge such a line by up to
    a few hundredths of an em; the line as drawn is measured exactly."""
    params = breaking.params
    cuts = [(b.at, b.hyphen, params.hyphen_penalty if b.hyphen else
             params.proper_penalty if b.proper else params.explicit_penalty)
            for b in breaking.hyphenator.breaks(t, breaking.hyphens)]
    if narrowest is not None:
        cuts = _cut_long(t, f, cuts, narrowest, params.explicit_penalty)
    font, size = f.fontName, f.fontSize
    shaper = breaking.shaper(font) if not hasattr(t, "__shapeData__") else None
    kerns = (shaper.kerns(t) or ()) if shaper is not None else ()
    hw = _width("-", font, size)
    out, start = [], 0
    for at, hyphen, cost in cuts:
        width = _plain_width(t[start:at], font, size)
        if kerns:
            width += kerning.total(kerns, start, at + 1) * size / 1000
        out.append((start, at, width, hw if hyphen else 0.0, hyphen or t[at - 1] in "-\u2010", cost))
        start = at
    width = _plain_width(t[start:], font, size)
    if kerns:
        width += kerning.total(kerns, start, len(t)) * size / 1000
    out.append((start, len(t), width, 0.0, False, 0.0))
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
                n += _plain_width(t, f.fontName, f.fontSize)
        w[0] = n
    return words


class _Text:
    """A drawn frag's text as the line gathers it, with its kerns and
    ligatures."""

    __slots__ = ("parts", "kerns", "ligs", "length")

    def __init__(self, t: str, kerns) -> None:
        self.parts = [t]
        self.kerns = list(kerns)
        self.ligs = list(kerns.ligs) if kerns.__class__ is kerning.Ligated else []
        self.length = len(t)

    def kern(self, kerns) -> None:
        """Kerns (and ligatures) of text about to be added."""
        at = self.length
        self.kerns.extend([(i + at, d) for i, d in kerns])
        if kerns.__class__ is kerning.Ligated:
            self.ligs.extend([(b + at, e + at, g, d) for b, e, g, d in kerns.ligs])

    def add(self, t: str, kerns) -> None:
        if kerns:
            self.kern(kerns)
        self.parts.append(t)
        self.length += len(t)

    def joined(self, shaped: bool = True) -> str:
        """The text; ``shaped``: it may hold shaped parts, to be added as
        ReportLab adds them (keeping their glyph data)."""
        parts = self.parts
        if len(parts) == 1:
            text = parts[0]
        elif shaped and any(hasattr(p, "__shapeData__") for p in parts):
            text = parts[0]  # shaped text (ReportLab's ShapedStr) keeps its glyph data as it is added to
            for p in parts[1:]:
                text = text + p
            return text
        else:
            text = "".join(parts)
        if self.kerns or self.ligs:
            return kerning.KernedStr(text, tuple(self.kerns), tuple(self.ligs))
        return text


def _add_space(texts: list) -> None:
    """The word space after the line's last text frag (ReportLab's way:
    the space is set in the font of the word before it)."""
    for text in reversed(texts):
        if text is not None:
            if not text.parts[-1].endswith(" "):
                text.add(" ", ())
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
        if _plain_width(text[a:z], f.fontName, f.fontSize) > measure:
            out += [(k, False, cost) for k in range(a + 1, z)]
        if z < len(text):
            out.append((z, *marks[z]))
    return out
