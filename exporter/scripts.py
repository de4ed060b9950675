"""Which writing system each stretch of a text is in, and the language to
mark it with when the source does not say.

Exporters mark text in another script than the document's with its
language, so that spelling, hyphenation, fonts, shaping and screen readers
treat it as what it is (a Cyrillic name, an Urdu phrase).  The script of
each character comes from the Unicode Character Database through
fontTools (``fontTools.unicodedata``); characters common to every script
(spaces, digits, punctuation) and combining marks join the stretch they
are in.

The language is the one the source gives (``native_name_lang`` for a
person's native name) or else a guess from the script
(``SCRIPT_LANGUAGES``): Cyrillic is taken as Russian, Han as Chinese, and
Arabic script as the language whose own letters it holds (Urdu, Persian,
Pashto, Sindhi, Kurdish: :func:`guess_language`), else Arabic.  A guess can
be wrong (Ukrainian, Japanese kanji, a short Urdu word with no letter of its
own), so the source's word always wins; a script with no guess gets no
language, only its script's handling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from fontTools import unicodedata as ucd

#: ISO 15924 codes of scripts that need no mark in a document in a
#: Latin-script language: Latin, and the Common and Inherited pseudo-scripts.
PLAIN = frozenset({"Latn", "Zyyy", "Zinh", "Zzzz"})

#: Scripts Word sets in its East Asian font slot (``w:eastAsia``).
EAST_ASIAN = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo", "Hrkt", "Jpan", "Kore", "Hans", "Hant"})

#: Scripts Word treats as complex (its ``w:cs`` font slot and ``w:bidi``
#: language), besides those written right to left: the Brahmic scripts of
#: South and South-East Asia, Thai, Lao, Khmer, Tibetan and their kin.
COMPLEX = frozenset({"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Thai",
                     "Laoo", "Tibt", "Mymr", "Khmr"})

#: The language assumed for text in a script when the source names none:
#: the script's most widely written language, as a BCP 47 tag with the
#: region Word expects.  East Asian text is refined by its kana or hangul.
SCRIPT_LANGUAGES = {
    "Cyrl": "ru-RU", "Grek": "el-GR", "Armn": "hy-AM", "Geor": "ka-GE", "Hebr": "he-IL", "Arab": "ar-SA",
    "Syrc": "syr-SY", "Thaa": "dv-MV", "Deva": "hi-IN", "Beng": "bn-IN", "Guru": "pa-IN", "Gujr": "gu-IN",
    "Orya": "or-IN", "Taml": "ta-IN", "Telu": "te-IN", "Knda": "kn-IN", "Mlym": "ml-IN", "Sinh": "si-LK",
    "Thai": "th-TH", "Laoo": "lo-LA", "Tibt": "bo-CN", "Mymr": "my-MM", "Khmr": "km-KH", "Ethi": "am-ET",
    "Hani": "zh-CN", "Hira": "ja-JP", "Kana": "ja-JP", "Hang": "ko-KR", "Bopo": "zh-TW",
}

#: Text made only of these needs no look-up: Latin (with its extensions and
#: combining marks), general punctuation, currency, letterlike symbols,
#: arrows and technical symbols, and the Latin ligatures.
_PLAIN_TEXT = re.compile("[\u0000-\u036f\u1e00-\u1eff\u2000-\u2bff\ufb00-\ufb06]*")


@dataclass(frozen=True)
class Stretch:
    """A stretch of text in one script.  ``script`` is its ISO 15924 code,
    or "" for Latin and script-neutral text; ``lang`` the BCP 47 tag to mark
    it with ("" for none); ``slot`` how Word sets it: "latin", "cs"
    (complex) or "eastAsia"; ``rtl`` whether it is written right to left."""

    text: str
    script: str = ""
    lang: str = ""
    slot: str = "latin"
    rtl: bool = False


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The ISO 15924 script of character ``ch`` ("Zyyy" for common ones)."""
    return ucd.script(ch)


def is_plain(text: str) -> bool:
    """Whether ``text`` is all Latin or script-neutral (a fast check)."""
    return _PLAIN_TEXT.fullmatch(text) is not None


def right_to_left(text: str) -> bool:
    """Whether a paragraph of ``text`` runs right to left: the Unicode
    Bidirectional Algorithm's rules P2-P3 (its first strong letter, outside
    isolates, is right to left), as python-bidi's Rust core gives them."""
    if is_plain(text):
        return False
    from bidi import get_base_level

    return get_base_level(text) == 1


def stretches(text: str, lang: str = "") -> list[Stretch]:
    """``text`` cut where its script changes.  With ``lang`` (the source's
    own language for this text) every stretch carries it; without, each
    stretch in another script than Latin carries ``SCRIPT_LANGUAGES``'
    guess, and Latin or neutral text carries none."""
    if not text:
        return []
    if is_plain(text):
        return [Stretch(text, "", lang)]
    pieces: list[list] = []  # [script, text]
    pending = ""  # leading neutral characters, before any script is known
    for ch in text:
        script = script_of(ch)
        if script in ("Zyyy", "Zinh", "Zzzz"):
            if pieces:
                pieces[-1][1] += ch
            else:
                pending += ch
            continue
        script = "" if script == "Latn" else script
        if script in EAST_ASIAN and pieces and pieces[-1][0] in EAST_ASIAN:
            script = pieces[-1][0] if pieces[-1][0] in ("Hira", "Kana", "Hang") else script
            pieces[-1][0] = script
        if pieces and pieces[-1][0] == script:
            pieces[-1][1] += ch
        else:
            pieces.append([script, pending + ch])
            pending = ""
    if not pieces:
        return [Stretch(text, "", lang)]
    pieces[-1][1] += pending
    return [_stretch(piece, script, lang) for script, piece in pieces]


def _stretch(text: str, script: str, lang: str) -> Stretch:
    if not script:
        return Stretch(text, "", lang)
    rtl = ucd.script_horizontal_direction(script, "LTR") == "RTL"
    slot = "eastAsia" if script in EAST_ASIAN else "cs" if rtl or script in COMPLEX else "latin"
    return Stretch(text, script, lang or guess_language(script, text), slot, rtl)


#: Letters of the Arabic script that Arabic itself does not write, with the
#: language they mark (Unicode's Arabic block charts).  Tried in this order:
#: Pashto, Sindhi and Kurdish have letters of their own besides the ones
#: they share with Urdu, and Urdu shares Persian's.
_ARABIC_SCRIPT_LETTERS = (
    ("ps-AF", frozenset("ټډړږښګڼېۍځڅ")),
    ("sd-Arab-PK", frozenset("ڄڃٺٻڀٿڦڪڳڱڻ")),
    ("ckb-IQ", frozenset("ڕڵۆێ")),
    ("ur-PK", frozenset("ٹڈڑںہھےۂۓ")),
    ("fa-IR", frozenset("پچژگکی")),
)


def guess_language(script: str, text: str) -> str:
    """The language to mark ``text`` in ``script`` with when the source
    names none: for the Arabic script, the language whose own letters the
    text holds (Urdu for ے or ٹ, Persian for پ or گ, …), else Arabic; for
    another script, ``SCRIPT_LANGUAGES``' guess."""
    if script == "Arab":
        letters = set(text)
        for lang, own in _ARABIC_SCRIPT_LETTERS:
            if not own.isdisjoint(letters):
                return lang
    return SCRIPT_LANGUAGES.get(script, "")
