"""The model as plain text, in reading order.

Used by ``octavo show``, by the nothing-lost tests, and (later) by
``octavo verify`` to compare what an output contains with what the source
says.  Each unit keeps its source location so a missing one can be named.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from exporter import model as m


@dataclass(frozen=True)
class Unit:
    """One piece of text an output must carry: a paragraph, a list item, a
    title; ``kind`` says which, ``loc`` where the source has it."""

    kind: str
    text: str
    loc: m.Loc = m.NOWHERE


def link_address(target: str, shown: str) -> str:
    """Where a link points, as paper shows it after the link's text (a
    printed page cannot be clicked): its target without ``https://`` or
    ``mailto:``, or "" when the text already is the address (with or
    without its scheme) or the link points inside the document."""
    bare = re.sub(r"^(https?://|mailto:)", "", target).rstrip("/")
    if not target or target.startswith("#") or shown.strip().rstrip("/") in (target.rstrip("/"), bare):
        return ""
    return bare


def inline_text(nodes: tuple[m.Inline, ...], open_q: str = "“", close_q: str = "”",
                addresses: bool = False) -> str:
    """The text of inline nodes; quotations get ``open_q``/``close_q``;
    ``addresses``: each link followed by `` (address)``, as the print
    edition sets it (:func:`link_address`)."""
    out: list[str] = []
    for n in nodes:
        if isinstance(n, m.Text):
            out.append(n.text)
        elif isinstance(n, m.Quote):
            out.append(open_q + inline_text(n.children, open_q, close_q, addresses) + close_q)
        else:
            inner = inline_text(n.children, open_q, close_q, addresses)
            out.append(inner)
            if addresses and isinstance(n, m.Link):
                bare = link_address(n.target, inline_text(n.children))
                if bare:
                    out.append(f" ({bare})")
    return "".join(out)


def block_units(blocks: tuple[m.Block, ...], kind: str = "paragraph", addresses: bool = False) -> Iterator[Unit]:
    """Paragraphs and list items of ``blocks``, in order (``addresses``: see
    :func:`inline_text`)."""
    for b in blocks:
        if isinstance(b, m.Paragraph):
            yield Unit(kind, inline_text(b.inlines, addresses=addresses), b.loc)
        elif isinstance(b, m.ListBlock):
            for item in b.items:
                yield from block_units(item, "list item", addresses)
        else:
            yield from block_units(b.blocks, "quotation", addresses)


def item_units(item: m.Item, addresses: bool = False) -> Iterator[Unit]:
    """The text of one session item."""
    if isinstance(item, m.Contribution):
        if item.title:
            yield Unit("talk title", inline_text(item.title, addresses=addresses), item.loc)
        yield from block_units(item.body, addresses=addresses)
    elif isinstance(item, m.QASession):
        yield from block_units(item.intro, addresses=addresses)
        for ex in item.exchanges:
            yield from block_units(ex.question, "question", addresses)
            for a in ex.answers:
                yield from block_units(a.body, "answer", addresses)
    else:
        yield from block_units(item.body, addresses=addresses)


def body_units(event: m.Event, addresses: bool = False) -> Iterator[Unit]:
    """Everything of the proceedings' body an output must carry, in order:
    introduction, sessions, media coverage; ``addresses``: as the print
    edition has it, each link's address after its text."""
    yield from block_units(event.introduction, addresses=addresses)
    for s in event.sessions:
        yield Unit("session title", s.title, s.loc)
        if s.theme:
            yield Unit("session theme", inline_text(s.theme, addresses=addresses), s.loc)
        yield from block_units(s.intro, addresses=addresses)
        for item in s.items:
            yield from item_units(item, addresses)
    if event.media:
        yield from block_units(event.media.intro, addresses=addresses)
        for o in event.media.outlets:
            yield Unit("outlet", o.name, o.loc)


def brief_units(brief: m.Brief) -> Iterator[Unit]:
    """Everything of the policy brief an output must carry, in order:
    title, key messages, context, recommendations, key figures, quote."""
    yield Unit("brief title", brief.title, brief.loc)
    for k in brief.key_messages:
        yield Unit("key message", inline_text(k.text), k.loc)
    yield from block_units(brief.context, "context")
    for r in brief.recommendations:
        yield Unit("recommendation", " ".join(x for x in (r.actor, inline_text(r.text)) if x), r.loc)
    for f in brief.key_figures:
        yield Unit("key figure", " ".join(x for x in (f.value, f.unit, f.label) if x), f.loc)
    if brief.quote:
        yield Unit("quote", brief.quote.text, brief.quote.loc)


# -- comparing texts: what `octavo verify`, the importer and the tests share ----

_HYPHENS = "-\u00ad\u2010\u2011"


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u200b\u200c\u200d\u2060]", "", text)  # invisible: they join, never separate
    return re.sub(f"[{_HYPHENS}]\\s*", "", text).lower()


def tokens(text: str) -> list[str]:
    """Lower-case word tokens of ``text``; hyphens join (a word broken at a
    line end, or "Pakistan-Russia", is one token), zero-width characters
    vanish (a source may hold them), other
    punctuation separates."""
    text = _normal(text)
    words = re.findall(r"\w+", text)
    return _rtl_runs(words) if _RTL_CHAR.search(text) else words


def _line_joins(text: str) -> list[bool]:
    """For each token of ``text`` (as :func:`tokens` gives them), whether only a line end stands between
    it and the token before: where a word too long for the measure was cut,
    adding nothing."""
    text = _normal(text)
    out, end = [], None
    for match in re.finditer(r"\w+", text):
        gap = text[end:match.start()] if end is not None else ""
        out.append(bool(gap) and gap.strip("\n") == "")  # a line end, or a page end (two)
        end = match.end()
    return out


def _find_cut(want: list[str], hay_words: list[str], joins: list[bool], first: int) -> tuple[int, int] | None:
    """The first run of ``hay_words``, from token ``first`` on, that reads
    ``want`` when tokens with only a line end between them (``joins``) may
    be one word: (first token, token after the last), or None."""
    n = len(hay_words)
    for k in range(first, n):
        if not want[0].startswith(hay_words[k]):
            continue
        j = k
        for w in want:
            if j >= n:
                break
            acc = hay_words[j]
            while acc != w and j + 1 < n and joins[j + 1] and w.startswith(acc + hay_words[j + 1]):
                j += 1
                acc += hay_words[j]
            if acc != w:
                break
            j += 1
        else:
            return k, j
    return None


#: Right-to-left letters and the Arabic-Indic digits (U+0590 to U+08FF and the presentation forms).
_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _rtl_runs(words: list[str]) -> list[str]:
    """Each run of right-to-left words (Urdu, Arabic, Hebrew) as its words
    in a fixed order, its numbers by their digits: PDF text extraction gives
    such a run's words in the order they are drawn (right to left, broken
    into lines) and often reverses Arabic-Indic numbers, so a run is
    compared as the words it holds, each whole, not as their order."""
    out: list[str] = []
    run: list[str] = []
    for w in words + [""]:
        if w and _RTL_CHAR.search(w):
            run.append("".join(sorted(w)) if w.isdigit() else w)
            continue
        if run:
            out += sorted(run)
            run = []
        if w:
            out.append(w)
    return out


def find_in_order(needles: list[str], text: str, cut_words: bool = False) -> list[tuple[int, str]]:
    """(index, "missing" | "out of order") for each of ``needles`` not
    found, in order, among the tokens of ``text``.

    A needle without right-to-left letters must appear as its tokens, one
    after another, after the previous needle found.  A needle with them (an
    Urdu paragraph, or English prose quoting Arabic) is compared as the
    multiset of its tokens, each whole, within the stretch of ``text`` where
    its left-to-right neighbours put it: from the end of the needle found
    before it to the start of the next left-to-right needle found.  PDF
    readers return a right-to-left line's runs in the order they are drawn
    (so "کتاب Bang-e-Dara (1924) ہے" reads with the English on the other
    side of the Urdu) and give two right-to-left paragraphs in a row as one
    run, so neither their words' order nor the paragraph boundary between
    them can be read back; what each one holds still can, and words the
    stretch already lent to an earlier paragraph are not lent again.

    ``cut_words`` (text read from a PDF): a word of a left-to-right needle
    may also stand cut in pieces at line ends with nothing added, as the
    typesetter sets a word longer than the measure (a 3,000-letter string,
    a long URL); only a line end may stand between the pieces."""
    hay_words = tokens(text)
    hay = " " + " ".join(hay_words) + " "
    # (a run of right-to-left tokens is reordered within its own places, so the other tokens keep theirs)
    joins = _line_joins(text) if cut_words else None
    if joins is not None and len(joins) != len(hay_words):  # pragma: no cover - same tokenizer
        joins = None
    starts: list[int] = []  # each token's offset in ``hay``
    if joins is not None:
        at = 1
        for w in hay_words:
            starts.append(at)
            at += len(w) + 1
    wants = [tokens(n) for n in needles]
    rtl = [any(_RTL_CHAR.search(w) for w in words) for words in wants]
    pos, after, problems = 0, 0, []
    i = 0
    while i < len(needles):
        words = wants[i]
        if not words:
            i += 1
            continue
        if not rtl[i]:
            want = " " + " ".join(words) + " "
            at = hay.find(want, pos)
            if at >= 0:
                pos, after = at + 1, at + len(want) - 1
            elif joins is not None and (cut := _find_cut(words, hay_words, joins,
                                                          bisect.bisect_left(starts, pos))) is not None:
                pos = starts[cut[0]]
                after = starts[cut[1] - 1] + len(hay_words[cut[1] - 1])
            else:
                elsewhere = hay.find(want) >= 0 or (joins is not None and
                                                    _find_cut(words, hay_words, joins, 0) is not None)
                problems.append((i, "out of order" if elsewhere else "missing"))
            i += 1
            continue
        group = i
        while i < len(needles) and (rtl[i] or not wants[i]):
            i += 1
        end = len(hay)
        for k in range(i, len(needles)):
            if wants[k] and not rtl[k]:
                at = hay.find(" " + " ".join(wants[k]) + " ", pos)
                if at >= 0:
                    end = at + 1
                    break
        start = max(pos, after)
        stretch = Counter(hay[start:max(start, end)].split())
        for k in range(group, i):
            need = Counter(wants[k])
            if not need:
                continue
            if need <= stretch:
                stretch -= need
            else:
                # out of order only when its words stand elsewhere as the source has them: an
                # Urdu paragraph's common words are found all over the text, so their mere count
                # proves nothing
                elsewhere = hay.find(" " + " ".join(wants[k]) + " ") >= 0
                problems.append((k, "out of order" if elsewhere else "missing"))
    return problems
