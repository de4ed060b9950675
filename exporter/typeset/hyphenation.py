"""Where a word may break at a line end, and whether a hyphen is added.

The rules are those of book work in English (and, through pyphen's
patterns, other languages):

* a word shorter than ``min_word`` letters is never broken, and a break
  leaves at least ``left`` letters before it and ``right`` after it;
* a capitalised word (a name, a place) is not broken unless the layout
  allows it (``capitalised: true``, which a language that capitalises
  every noun, such as German, needs): a reader trips over "Pul-wama"; a
  word in capitals (an acronym) never is;
* a compound breaks only after its own hyphen, adding nothing (no
  "deep-" / "-seated");
* numbers, URLs, e-mail addresses and paths get no hyphen; a long one may
  break after its separators (``/ . - _ ? & = # :``) with nothing added, so
  the text copied from the page is the address itself;
* the layout's exceptions (``Af-ghan-istan``) win over the patterns.

A break is a :class:`Break`: the offset in the word, and whether a hyphen
is drawn there.  Words are looked up once each (a cache per hyphenator).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from exporter.typeset import wordcache

# Punctuation that may cling to either end of a word and plays no part in
# where it breaks: quotes, brackets, sentence marks.
_LEADING = "\"'“‘«([{¿¡*_"
_TRAILING = "\"'”’»)]}.,;:!?…*_"
_HYPHENS = "-\u2010"
_URLISH = re.compile(r"(?i)^(https?://|ftp://|www\.|mailto:)|@|\.[a-z]{2,}/|^[a-z0-9.-]+\.(org|com|net|int|gov|edu|pk|ru|uk|cn|io)\b")
_LONG_RUN = 24  # a run this long with separators (a path, an identifier) may break after them
# not "_": it is part of a word, so a break after it would split the word for search and copy
#: Chinese and Japanese characters, between which a line may break (they are written without spaces).
class _Rare:
    """A compiled pattern that matches only from character ``first`` up,
    compiled the first time a text has such a character: a class of wide
    Unicode ranges takes 10 ms to compile, a sixtieth of a short export,
    and Latin text never needs it.  Answers ``match`` and ``search`` as
    the pattern does."""

    def __init__(self, pattern: str, first: str) -> None:
        self.pattern, self.first = pattern, first
        self._compiled: re.Pattern | None = None

    def _get(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def match(self, text: str, pos: int = 0):
        if pos >= len(text) or text[pos] < self.first:
            return None
        return self._get().match(text, pos)

    def search(self, text: str):
        if not text or max(text) < self.first:
            return None
        return self._get().search(text)


CJK = _Rare("[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
            "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]", "\u2e80")
#: Characters a line may not start with, or end with, in Chinese and Japanese (kinsoku shori, simplified).
_CJK_NO_START = set("、。，．：；？！）」』】〕〉》〗〙〛ー…‥々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                    "・゠〜,.:;?!)]}”’%")
_CJK_NO_END = set("（「『【〔〈《〖〘〚([{“‘")
_SEPARATORS = re.compile(r"[/.\-?&=#:;,@~]+")


@dataclass(frozen=True)
class Break:
    """A break after ``at`` characters of the word; ``hyphen``: a hyphen is
    drawn at the line end (False after a compound's own hyphen or a URL's
    separator); ``proper``: the break is at the hyphen of a compound of
    names ("Pakistan-|Russia"), which keeps each name whole but is taken
    only to spare a very loose line."""

    at: int
    hyphen: bool
    proper: bool = False


@dataclass(frozen=True)
class Rules:
    """The layout's hyphenation settings for one language."""

    lang: str = "en_GB"
    left: int = 2
    right: int = 3
    min_word: int = 6
    capitalised: bool = False
    exceptions: tuple[str, ...] = ()


def _language(lang: str) -> str | None:
    """The pyphen dictionary for a BCP 47 tag (``en-GB`` → ``en_GB``, ``ru``
    → ``ru_RU``), or None when there are no patterns for it."""
    code = lang.replace("-", "_")
    if code in pyphen.LANGUAGES:
        return code
    base = code.split("_")[0]
    return pyphen.language_fallback(base) if pyphen.language_fallback(base) else None


class Hyphenator:
    """The breaks allowed in a word under :class:`Rules`.  Shared, and
    deep-copied as itself (ReportLab deep-copies paragraph styles)."""

    def __init__(self, rules: Rules):
        self.rules = rules
        code = _language(rules.lang)
        self._code = code
        self._dic: pyphen.Pyphen | None = None  # read when a word's answer is not kept (see _patterns)
        # the patterns' answers, kept from run to run (exporter.typeset.wordcache)
        self._points = wordcache.table("hyphenation", repr(rules), pyphen.__version__,
                                       path=pyphen.LANGUAGES[code]) if code else {}
        self._exceptions: dict[str, tuple[int, ...]] = {}
        for spelled in rules.exceptions:
            word = spelled.replace("-", "")
            points, at = [], 0
            for part in spelled.split("-")[:-1]:
                at += len(part)
                points.append(at)
            self._exceptions[word.lower()] = tuple(points)
        self.breaks = lru_cache(maxsize=1 << 16)(self._breaks)

    def __deepcopy__(self, memo):
        return self

    def _breaks(self, word: str, hyphens: bool = True) -> tuple[Break, ...]:
        """Every break allowed in ``word`` (a word as it stands in the text,
        with any clinging punctuation), in order.  ``hyphens=False`` (a
        style that does not hyphenate, such as a heading): only the breaks
        that add nothing, after a compound's hyphen or a URL's separators."""
        if CJK.search(word):
            return _cjk_breaks(word)
        start, end = 0, len(word)
        while start < end and word[start] in _LEADING:
            start += 1
        while end > start and word[end - 1] in _TRAILING:
            end -= 1
        core = word[start:end]
        if not core:
            return ()
        if _URLISH.search(core) or (len(core) >= _LONG_RUN and _SEPARATORS.search(core)):
            return self._separator_breaks(word, start, end)
        if any(c.isdigit() for c in core):
            return ()  # numbers, dates, "Resolution-1540": whole
        capital = core[0].isupper() or unicodedata.category(core[0]) == "Lt"
        if any(c in _HYPHENS for c in core):
            return self._compound_breaks(core, start, capital and not self.rules.capitalised)
        # NATO, UNESCO: capitals and no small letters (a script without case has neither)
        acronym = not any(c.islower() for c in core) and sum(c.isupper() for c in core) >= 2
        if acronym or (capital and not self.rules.capitalised) or not hyphens:
            return ()  # names, places, acronyms: "Pul-wama" reads badly
        return tuple(Break(start + at, True) for at in self._word_points(core))

    def _separator_breaks(self, word: str, start: int, end: int) -> tuple[Break, ...]:
        """A URL, address, path or number: breaks after its separators, with
        at least ``left`` characters before and ``right`` after, nothing
        added."""
        r = self.rules
        out = []
        for m in _SEPARATORS.finditer(word, start, end):
            at = m.end()
            if at - start >= r.left and end - at >= r.right:
                out.append(Break(at, False))
        return tuple(out)

    def _compound_breaks(self, core: str, start: int, proper: bool) -> tuple[Break, ...]:
        """A hyphenated compound breaks only after its own hyphens, keeping
        ``left``/``right`` letters on either side (no "ISIS-" / "K")."""
        r = self.rules
        out = []
        for i, c in enumerate(core):
            if c in _HYPHENS and i + 1 >= r.left + 1 and len(core) - i - 1 >= r.right:
                if core[i + 1] not in _HYPHENS and core[i - 1] not in _HYPHENS:
                    out.append(Break(start + i + 1, False, proper))
        return tuple(out)

    def _word_points(self, core: str) -> tuple[int, ...]:
        """Pattern (or exception) breaks inside a plain word."""
        r = self.rules
        letters = sum(1 for c in core if c.isalpha())
        marks = sum(1 for c in core if unicodedata.category(c)[0] == "M")  # Thai vowels, Telugu signs, accents
        if letters + marks != len(core) or letters < r.min_word:
            return ()  # apostrophes, digits: leave it whole
        known = self._exceptions.get(core.lower())
        if known is not None:
            return tuple(p for p in known if r.left <= p <= len(core) - r.right)
        if not self._code:
            return ()
        points = self._points.get(core)
        if points is None:
            points = self._points[core] = tuple(
                int(p) for p in self._patterns().positions(core)  # pyphen's DataInt
                if r.left <= p <= len(core) - r.right
                and not (marks and unicodedata.category(core[p])[0] == "M"))  # never before a mark
        return points


    def _patterns(self) -> pyphen.Pyphen:
        """The language's patterns, read the first time a word's breaks are
        not among those kept from earlier runs (most runs of a book
        already edited never read them)."""
        if self._dic is None:
            r = self.rules
            self._dic = pyphen.Pyphen(lang=self._code, left=r.left, right=r.right)
        return self._dic


@lru_cache(maxsize=16)
def hyphenator(rules: Rules) -> Hyphenator:
    """One hyphenator per set of rules, shared by every paragraph."""
    return Hyphenator(rules)


def _cjk_breaks(word: str) -> tuple[Break, ...]:
    """Breaks adding nothing before and after each Chinese or Japanese
    character of ``word``, except before closing punctuation and small
    kana, and after opening punctuation."""
    out = []
    for at in range(1, len(word)):
        before, after = word[at - 1], word[at]
        if (CJK.match(before) or CJK.match(after)) and after not in _CJK_NO_START \
                and before not in _CJK_NO_END and not unicodedata.category(after).startswith("M"):
            out.append(Break(at, False))
    return tuple(out)
