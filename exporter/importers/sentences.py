"""Sentences of report prose, for one-sentence-per-line sources and for the
importer's reading of who said what.

Rule-based and linear: a sentence ends at ``.``, ``?`` or ``!`` (with any
closing quotes or brackets after it) followed by white space and a capital,
digit or opening quote, unless the word before the full stop is an
abbreviation that does not end sentences in this genre (honorifics and ranks,
``i.e.``, initials, ``Conf.``).  Reports copied from web pages also run
sentences together ("presidency.The"); a full stop between a lower-case
letter and a capitalised word ends a sentence too, unless an abbreviation
holds it ("i.e.Russia").

pysbd, the library for this, was measured at 0.50 s for the bundled report
alone (the whole import must take less), and knows nothing of ranks such as
``AVM (R)`` or ``Lt. Gen.``; hence these few rules, tested in
``tests/test_import_text.py``.
"""

from __future__ import annotations

import re

#: Words (before their full stop) after which a sentence never ends here.
ABBREVIATIONS = frozenset("""
mr mrs ms mx dr prof amb engr gen lt col maj brig capt cdr cmdr adm sgt cpl rev fr sr jr st
hon sen rep gov pres supt insp mag dipl ing univ mgr doc drs engr engg barr adv
no nos vol pp p ch art sec para fig figs ed eds conf dept univ inst assn govt min
vs viz cf approx ca est etc al ltd inc co corp
i.e e.g u.s u.k u.n u.s.a h.e a.m p.m ph.d m.a b.a m.sc b.sc
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

#: Abbreviations that may still end a sentence when a capitalised word follows
#: (``etc.``, ``Inc.``, ``Ltd.``, ``Co.``, ``a.m.``/``p.m.``).
_MAY_END = frozenset("etc ltd inc co corp a.m p.m al".split())

_BOUNDARY = re.compile(
    r"""(?P<end>[.?!]+[”’"')\]]*)          # the terminator and closing marks
        (?:(?P<space>[ \t\u00a0]+)           # then white space
           (?=[“‘"'(\[]?[A-Z0-9\u00C0-\u024F\u0400-\u04FF])
         |(?P<tight>)(?<=[a-z\u00DF-\u00FF)][.?!])(?=[A-Z][a-z]))  # or 'word.Word'
    """, re.X)

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _abbreviation(text: str, end: int) -> str:
    """The word (lower-case, no final dot) that ends just before ``end``."""
    m = _WORD_BEFORE.search(text, max(0, end - 12), end)
    return m.group(1).lower().rstrip(".") if m else ""


def spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; the white space between
    two sentences belongs to neither, and every other character to one."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _BOUNDARY.finditer(text):
        stop = m.end("end")
        if stop <= start:
            continue
        inside = text[start:m.start("end")]
        if inside.count("“") > inside.count("”") or inside.count('"') % 2:
            continue  # a question mark inside a quoted title: “Whose Data, Whose Rules? Data …”
        single = inside.rfind("‘")
        if single >= 0 and not re.search(r"’(?!\w)", inside[single:]):
            continue  # the same in British single quotes (’ inside a word is an apostrophe)
        mark = text[m.start("end")]
        if mark == ".":
            word = _abbreviation(text, m.start("end"))
            if word in ABBREVIATIONS and word not in _MAY_END:
                continue
            if len(word) == 1 and word.isalpha() and m.group("space") is not None:
                # an initial ("S. Sadia Kazmi", "M. Nawaz Khan"): a sentence
                # does not end in one capital letter
                before = text[m.start("end") - 2] if m.start("end") >= 2 else " "
                if not before.isalpha():
                    continue
            if m.group("tight") is not None and "." in word:
                continue  # "i.e.Russia", "U.S.Army"
        out.append((start, stop))
        start = m.end()
    tail_end = len(text.rstrip())
    if start < tail_end:
        out.append((start, tail_end))
    return out


def split(text: str) -> list[str]:
    """The sentences of ``text``, each exactly as written."""
    return [text[a:b] for a, b in spans(text)]
