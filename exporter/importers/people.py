"""People in report prose: who is named, and which mentions are one human.

A mention is a name after an honorific or rank ("Dr. Irina Serenko",
"AVM (R) Faaiz Amir", "H.E. Alexey Dedov", "Lt. Gen. (R) Syed Muhammad
Owais"), a name in a bold lead-in, or a capitalised name directly followed by
a parenthesis that reads like a position ("Ayesha Khan (Analyst, CISS)").
After it may come post-nominals ("HI (M), S Bt"), then a parenthesis or an
apposition giving role, affiliation and country.

Mentions are then grouped into people the way an editor would: the same
surname (allowing one slip of the pen: Volkhnosky/Volkhonsky) with given
names that agree (equal, one slip apart, an initial, or missing as in a
surname-only mention).  Each spelling that differs is recorded so the
importer can say what it merged; the spelling used is the one the report
uses most.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from exporter.naming import slug

_RETIRED = r"(?:\s*\((?:R|r|Retd\.?|retd\.?|Retired|retired)\))"
#: Honorifics and ranks, abbreviated (a bare surname may follow) …
_SHORT = (r"Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Amb|Engr|Engg|H\.\s?E|Lt\.?\s?Gen|Lt\.?\s?Col|Maj\.?\s?Gen|Brig\.?\s?Gen|"
          r"Gen|Brig|Col|Maj|Capt|Cdr|Cdre|Air\s+Cdre|Adm|Vice\s+Adm|Rear\s+Adm|R\.?\s?Adm|V\.?\s?Adm|AVM|ACM|"
          r"Sen|Hon|Rev|Justice|Sqn\s+Ldr|Wg\s+Cdr|Gp\s+Capt|Barr|Sir|Dame|Lord|Lady|Mag|Dipl\.-Ing|Dipl\.\s?Ing|Ing|Mgr|"
          r"Univ\.-Prof|Doc|Drs|Ir|Pr|Pt|Adv|Er")
#: … and written out (a full name must follow).
_LONG = (r"Ambassador|Professor|His\s+Excellency|Her\s+Excellency|Lieutenant\s+General|Major\s+General|"
         r"Brigadier\s+General|Brigadier|General|Colonel|Lieutenant\s+Colonel|Captain|Commander|Commodore|"
         r"Air\s+Commodore|Air\s+Vice\s+Marshal|Air\s+Chief\s+Marshal|Air\s+Marshal|Admiral|Vice\s+Admiral|"
         r"Rear\s+Admiral|Senator|Honourable|Honorable|Engineer|Barrister|Doctor|Madam")
_ONE = rf"(?:(?P<short>(?:{_SHORT})\.?)|(?P<long>{_LONG}))(?![\w])"
HONORIFIC = re.compile(rf"(?<![\w.])(?:{_ONE}{_RETIRED}?\.?(?:\s+|(?<=\.)(?=[A-Z][a-z])))"  # "Mr.Turgunov" too
                       rf"(?:(?:{_SHORT}|{_LONG})\.?{_RETIRED}?\s+)*")

_PARTICLES = frozenset("ul ud ur us al el bin bint ibn van von der den de da di du le la del dos das e ben".split())
_NOT_NAMES = frozenset("""The This That These Those He She They His Her Their It In On At By For From With And
Or But As While When After Before During Also However Moreover Furthermore Then Thus Although Though
Ambassador Ambassadors Chief Guest Session Panel President Prime Minister Secretary Director General Chairman
Chairperson Excellency Republic University Institute Centre Center Embassy Ministry Government
January February March April May June July August September October November December""".split())

#: Post-nominal letters after a name: awards (HI (M), S Bt, SI(M)), degrees.
_POSTNOM_TOKEN = r"(?:[A-Z]{1,3}\s?\((?![Rr]\))[A-Z]\)|[ST]\.?\s?Bt|Bt|Ph\.?\s?D\.?|PhD|OBE|MBE|CBE|KBE|DBE|FRS|QC|KC|PEng|MP|MNA|MPA|MLA|MEP)"
POSTNOMINALS = re.compile(rf",?\s*({_POSTNOM_TOKEN}(?:\s*,?\s*{_POSTNOM_TOKEN})*)(?=[\s,.;:)]|$)")

ROLE_WORDS = re.compile(
    r"\b(?:professor|prof|lecturer|director|dg|vc|ceo|md|gm|head|dean|chair(?:man|woman|person)?|president|"
    r"vice|founder|fellow|officer|associate|assistant|analyst|researcher|research|scholar|student|graduate|"
    r"consultant|adviser|advisor|secretary|ambassador|envoy|minister|representative|coordinator|editor|"
    r"journalist|anchor|member|manager|executive|commissioner|governor|chancellor|rector|principal|"
    r"counsellor|counselor|attaché|attache|diplomat|former|retired|serving|senior|deputy|chief|expert|"
    r"specialist|lead|leader|partner|correspondent|mna|mpa|senator|judge|advocate|lawyer|engineer|"
    r"economist|historian|author|writer|scientist|faculty|instructor|teacher|intern|secretary-general|"
    r"spokesperson|spokesman|spokeswoman|convener|convenor|moderator|rapporteur|coordinator|planner|"
    r"architect|practitioner|activist|campaigner|organiser|organizer|officer|trustee|consul|envoy|candidate|"
    r"specialist|adviser|counsel|registrar|fellow|lecturer)\b", re.I)
ORG_WORDS = re.compile(
    r"\b(?:university|institute|institution|centre|center|ministry|embassy|council|authority|agency|"
    r"division|foundation|forum|academy|school|college|department|commission|bank|association|society|"
    r"group|office|bureau|organi[sz]ation|party|corporation|company|times|news|tv|television|radio|"
    r"assembly|senate|parliament|court|army|navy|force|command|headquarters|directorate|trust|network|"
    r"initiative|programme|program|project|observatory|consultancy|consulting|partners|ltd|inc|llc|un|"
    r"nations|union|federation|republic|government|secretariat|conference|chamber|hospital|laboratory|committee|"
    r"cooperative|co-operative|alliance|fund|facility|board|unit|cell|lab|desk|daily|post|tribune|herald|journal|"
    r"magazine|channel|service|services|consortium|clinic|hospitals|institution|ngo|trust|association)\b",
    re.I)


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Country names as a report writes them (lower-case key -> as written),
    from pycountry's ISO 3166 data and the short forms reports use."""
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v)
                names.add(v.split(",")[0])
    names.update({"Russia", "USA", "US", "UK", "Iran", "Syria", "Vietnam", "Laos", "Bolivia", "Tanzania",
                  "Venezuela", "Moldova", "Turkey", "South Korea", "North Korea", "Taiwan", "Palestine",
                  "Kosovo", "Czech Republic", "the Netherlands", "United States of America", "Britain",
                  "Great Britain", "England", "Scotland", "Wales", "Brunei", "Macedonia"})
    return {n.lower(): n for n in names}


@dataclass
class Mention:
    """One naming of a person in the text."""

    start: int
    end: int
    honorific: str
    tokens: tuple[str, ...]
    post_nominals: str = ""
    detail: str = ""          # the parenthesis or apposition after the name
    detail_kind: str = ""     # "paren" or "appos"
    source: str = "honorific"  # "honorific", "paren", "lead-in", "surname"
    person: str = ""          # the id, once resolved
    who: "PersonDraft | None" = None  # the person, once resolved

    @property
    def name(self) -> str:
        return " ".join(self.tokens)


@dataclass
class PersonDraft:
    """A person the importer found, with the evidence for each field."""

    id: str = ""
    name: str = ""
    honorific: str = ""
    post_nominals: str = ""
    role: str = ""
    affiliation: str = ""
    country: str = ""
    mentions: list[Mention] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    spellings: dict[tuple[str, ...], None] = field(default_factory=dict)  # each distinct one, in order

    def mention(self, m: Mention) -> "PersonDraft":
        self.mentions.append(m)
        self.spellings.setdefault(m.tokens)
        return self

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@lru_cache(maxsize=65536)
def _fold(token: str) -> str:
    """A name token compared without case, accents, dots or apostrophes."""
    t = unicodedata.normalize("NFKD", token)
    return "".join(c for c in t if c.isalnum() and not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def same_token(a: str, b: str) -> bool:
    """Two name tokens for one name: equal, or one slip apart when long."""
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    if min(len(fa), len(fb)) < 5:
        return False
    return OSA.distance(fa, fb, score_cutoff=1) <= 1  # one edit, or two neighbours swapped


def _initial_of(a: str, b: str) -> bool:
    fa, fb = _fold(a), _fold(b)
    return (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the given names (all but the surname) of two mentions can be
    one person's: the shorter list matches, in order, part of the longer."""
    if not a or not b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    j = 0
    for tok in short:
        while j < len(long_) and not (same_token(tok, long_[j]) or _initial_of(tok, long_[j])):
            j += 1
        if j == len(long_):
            return False
        j += 1
    # the first given name must agree when both lists have one
    return same_token(short[0], long_[0]) or _initial_of(short[0], long_[0]) or len(short) < len(long_)


# -- finding mentions ----------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W_])?\.?|[A-Z]\.")


def _name_tokens(text: str, pos: int, *, need_two: bool) -> tuple[list[str], int]:
    """Capitalised name tokens from ``pos``: initials ("M."), particles
    inside a name ("ul", "bin"), at most five; returns tokens and end."""
    tokens: list[str] = []
    end = pos
    i = pos
    while len(tokens) < 6:
        m = re.compile(r"[ \t\u00a0]*").match(text, i)
        j = m.end() if tokens else i
        t = _TOKEN.match(text, j)
        if not t:
            break
        word = t.group()
        bare = word.rstrip(".")
        if word.endswith(".") and len(bare) > 1:
            word = bare  # a name followed by the sentence's full stop
        if bare in _PARTICLES and tokens:
            nxt = _TOKEN.match(text, t.end() + 1) if t.end() < len(text) else None
            if nxt and nxt.group()[0].isupper() and text[t.end():t.end() + 1] == " ":
                tokens.append(bare)
                i = end = t.start() + len(bare)
                continue
            break
        if not word[0].isupper() or word in _NOT_NAMES:
            break
        if len(bare) >= 2 and bare.isupper() and not (len(bare) == 2 and bare[1] == "." ):
            break  # an acronym: SVI, UN
        tokens.append(word)
        i = end = t.start() + len(word)
        if j > pos and text[pos:j].count("\n"):
            break
    while tokens and tokens[-1] in _PARTICLES:
        tokens.pop()
    if need_two and len(tokens) < 2:
        return [], pos
    return tokens, end


def _detail(text: str, end: int) -> tuple[str, str, str, int]:
    """Post-nominals, then a parenthesis or an apposition after a name."""
    post = ""
    m = POSTNOMINALS.match(text, end)
    if m and not HONORIFIC.match(text, m.start(1)):  # "…, AVM (R) Faaiz Amir": the next person's rank
        post, end = m.group(1).strip(), m.end()
    paren = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*\(([^()\n]{2,250})\)").match(text, end)
    if paren and _looks_like_position(paren.group(1)):
        return post, paren.group(1).strip(), "paren", paren.end()
    of = _OF_ORG.match(text, end)
    if of:  # "Professor X of the University of Y argued", "Mr. Z from the W Institute wondered"
        return post, of.group(1).strip(), "of", of.end()
    appos = _APPOSITION.match(text, end)
    if appos:
        phrase = _tail_cut(appos.group(1).strip())
        head = phrase.split()[:4]
        if (len(phrase.split()) <= 16 and not _names_someone(phrase)
                and (any(ROLE_WORDS.search(w) for w in head) or ORG_WORDS.search(phrase))
                and not re.match(r"(?:and|or|but|who|which|that)\b", phrase)):
            return post, phrase, "appos", end
    return post, "", "", end


#: "of the Nordic Institute for Vocational Education, Gothenburg,": an
#: organisation (capitalised words, "of", "for", "and" …) and its places.
_ORG_WORD = r"[A-Z][\w’'&-]*(?:\.[\w’'&-]+)*"  # "Eastbridge", "U.S", never a sentence's full stop
_OF_ORG = re.compile(rf"[ \t\u00a0]+(?:of|from)[ \t\u00a0]+(?:the[ \t\u00a0]+)?((?:{_ORG_WORD}"
                     rf"(?:[ \t\u00a0]+(?:(?:of|for|and|on|in|the|&)[ \t\u00a0]+)*{_ORG_WORD})*)"
                     rf"(?:,[ \t\u00a0]+{_ORG_WORD}(?:[ \t\u00a0]+(?:(?:of|for|and|on|in|the|&)[ \t\u00a0]+)*"
                     rf"{_ORG_WORD})*)*)(?=[ \t\u00a0]*(?:,[ \t\u00a0]+|[ \t\u00a0]+[a-z]|[.;:)]|$))")


#: ", Senior Fellow, Tehran Centre …": an apposition, up to where the sentence goes on.
_APPOSITION = re.compile(
    r",[ \t\u00a0]+((?:the |a |an )?[^;\n]{3,200}?)"
    r"(?=,[ \t\u00a0]+(?:in|while|who|during|at the|on|said|stated|speaking|delivering|presenting|as)\b"
    r"|,[ \t\u00a0]+(?=[a-z])|[.;:](?:\s|$)|\s+(?:in|while) (?:his|her|their)\b"
    r"|\s+(?:was|were|is|are|has|had|said|stated|remarked|noted|asked|replied|argued|explained|delivered|presented|"
    r"spoke|opened|welcomed|moderated|chaired|observed|described|emphasi[sz]ed|highlighted|and (?:a|an|the) )\b|$)")


def _tail_cut(phrase: str) -> str:
    """An apposition's last part stops where running text resumes:
    "Correspondent, Payam-e Sharq Daily, Mashhad regarding the role …"."""
    head, sep, last = phrase.rpartition(", ")
    if not sep:
        return phrase
    words = last.split(" ")
    for i, w in enumerate(words[1:], 1):
        if w[:1].islower() and words[i - 1][:1].isupper() and w not in (
                "of", "for", "and", "on", "in", "the", "at", "de", "du", "la", "al", "&", "to", "with"):
            last = " ".join(words[:i])
            break
    return head + sep + last


def _names_someone(phrase: str) -> bool:
    """Whether a phrase starts with another person ("Dr. Yulia Sveshnikova
    and …" in a list of names), not with a position ("Ambassador
    Extraordinary and Plenipotentiary of …")."""
    m = HONORIFIC.match(phrase)
    return bool(m and _name_tokens(phrase, m.end(), need_two=m.group("long") is not None)[0])


def _looks_like_position(text: str) -> bool:
    """Whether a parenthesis after a name gives a position, not an aside."""
    t = text.strip()
    if t in ("R", "r", "Retd", "Retd.", "Retired", "retd"):
        return False
    if re.fullmatch(r"(?:chair|co-chair|moderator|discussant|rapporteur|keynote speaker|chief guest|host)", t, re.I):
        return False  # a part played, not a position: "Dr. Rijal (Chair)"
    return bool("," in t or ROLE_WORDS.search(t) or ORG_WORDS.search(t) or re.fullmatch(r"[A-Z][A-Z&.-]{1,9}", t))


_PAREN_NAME = re.compile(r"(?<![\w.])((?:[A-Z][\w'’-]+[ \t]+){1,3}[A-Z][\w'’-]+)[ \t]*\((?=[^()\n]{2,250}\))")


def find_mentions(text: str, lead_in: tuple[int, int] | None = None) -> list[Mention]:
    """Every mention of a person in ``text``, in order.  ``lead_in`` is the
    span of a bold lead-in at the start of a paragraph, if there is one."""
    found: list[Mention] = []
    taken = 0
    for m in HONORIFIC.finditer(text):
        if m.start() < taken:
            continue
        need_two = m.group("long") is not None and not _SHORT_AFTER.search(m.group())
        tokens, end = _name_tokens(text, m.end(), need_two=need_two)
        if not tokens:
            continue
        inside_lead = lead_in is not None and lead_in[0] <= m.start() < lead_in[1]
        # a bold lead-in ("**Prof. Chen Jiaming, Sichuan University** said …") holds the whole position
        post, detail, kind, after = _detail(text[:lead_in[1]] if inside_lead else text, end)
        if inside_lead and not detail:
            post2, detail, kind, after = _detail(text, lead_in[1])
            post = post or post2
        found.append(Mention(m.start(), end, " ".join(m.group().split()), tuple(tokens), post, detail, kind))
        taken = after if kind == "paren" else end
    for m in _PAREN_NAME.finditer(text):
        if any(f.start <= m.start() < max(f.end, f.start + 1) or m.start() <= f.start < m.end() for f in found):
            continue
        tokens = tuple(m.group(1).split())
        if (any(t in _NOT_NAMES for t in tokens) or ORG_WORDS.search(m.group(1)) or ROLE_WORDS.search(m.group(1))
                or (m.start() > 0 and text[m.start() - 1].isupper())):
            continue
        inside = text[m.end():text.find(")", m.end())]
        if not ROLE_WORDS.search(inside):
            continue
        post, detail, kind, _ = _detail(text, m.end(1))
        if kind == "paren":
            found.append(Mention(m.start(), m.end(1), "", tokens, post, detail, kind, source="paren"))
    if lead_in is not None and not any(lead_in[0] <= f.start < lead_in[1] for f in found):
        inner = text[lead_in[0]:lead_in[1]]
        name_part = re.split(r"[,(:]", inner)[0].strip()
        tokens = tuple(name_part.split())
        if 2 <= len(tokens) <= 6 and all(t[0].isupper() for t in tokens):
            post, detail, kind, _ = _detail(text, lead_in[0] + len(name_part))
            found.append(Mention(lead_in[0], lead_in[0] + len(name_part), "", tokens, post, detail, kind,
                                 source="lead-in"))
    found.sort(key=lambda f: f.start)
    return found


#: A written-out rank that still takes a bare surname after an abbreviation
#: ("Ambassador (R) Kamal" is rare; "Lt. Gen." is matched as short).
_SHORT_AFTER = re.compile(r"\b(?:Dr|Mr|Ms|Mrs|Prof|Amb)\b")


# -- grouping mentions into people ---------------------------------------------

class People:
    """The people of one report, grown mention by mention."""

    def __init__(self) -> None:
        self.people: list[PersonDraft] = []

    def _candidates(self, mention: Mention) -> list[PersonDraft]:
        *given, surname = mention.tokens
        out = []
        for p in self.people:
            # each distinct spelling once: a long report names people often
            for other in p.spellings:
                *og, osur = other
                if same_token(surname, osur) and given_agree(tuple(given), tuple(og)):
                    out.append(p)
                    break
        return out

    def add(self, mention: Mention) -> PersonDraft | None:
        """Attach a mention to its person (a new one for a full name not seen
        before); a bare surname that matches no one is left unresolved."""
        cands = self._candidates(mention)
        if len(cands) == 1:
            return cands[0].mention(mention)
        if len(cands) > 1:
            full = [p for p in cands if mention.tokens in p.spellings]
            if len(full) == 1:
                return full[0].mention(mention)
            if len(mention.tokens) == 1:
                return None  # "Dr. Khan" with two Khans: not guessed
        if len(mention.tokens) < 2 and mention.source != "lead-in":
            return None
        p = PersonDraft().mention(mention)
        self.people.append(p)
        return p

    def resolve(self, mention: Mention) -> PersonDraft | None:
        """The known person a mention names, without adding anyone.  A bare
        name that is no one's surname may be one person's first name
        ("Prof. Chen" for Chen Jiaming, family name first)."""
        cands = self._candidates(mention)
        if not cands and len(mention.tokens) == 1:
            cands = [p for p in self.people
                     if any(len(t) > 1 and same_token(t[0], mention.tokens[0]) for t in p.spellings)]
        return cands[0] if len(cands) == 1 else None

    def finish(self) -> None:
        """Choose each person's spelling, honorific, position and id."""
        used: set[str] = set()
        for p in self.people:
            _finish(p)
        for p in self.people:
            base = slug(p.surname) or "person"
            if base in used or sum(1 for q in self.people if slug(q.surname) == base) > 1:
                base = slug(" ".join(p.name.split()[-2:]))
            pid, n = base, 2
            while pid in used:
                pid, n = f"{base}-{n}", n + 1
            used.add(pid)
            p.id = pid
            for mention in p.mentions:
                mention.person = pid


def _finish(p: PersonDraft) -> None:
    mentions = p.mentions
    longest = max(mentions, key=lambda m: len(m.tokens))
    chosen: list[str] = []
    spellings = Counter()
    for tok in longest.tokens:
        votes = Counter()
        for m in mentions:
            for t in m.tokens:
                if same_token(t, tok) and not (len(_fold(t)) == 1) != (len(_fold(tok)) == 1):
                    votes[t] += 1
        best = max(votes.items(), key=lambda kv: (kv[1], -_first_index(mentions, kv[0])))[0] if votes else tok
        chosen.append(best)
        spellings.update(votes)
    p.name = " ".join(chosen)
    variants = []
    for m in mentions:
        wrong = [t for t in m.tokens if t not in chosen and any(same_token(t, c) for c in chosen)]
        full = " ".join(m.tokens)
        if wrong and full not in variants:
            variants.append(full)
    if variants:
        p.checks.append("merged " + ", ".join(f"'{v}'" for v in variants) + f" into '{p.name}'")
    honorifics = Counter(m.honorific for m in mentions if m.honorific and len(m.tokens) >= 2) or \
        Counter(m.honorific for m in mentions if m.honorific)
    if honorifics:
        p.honorific = max(honorifics.items(), key=lambda kv: (kv[1], -_first_hon(mentions, kv[0])))[0]
        p.honorific = _tidy_honorific(p.honorific)
    posts = [m.post_nominals for m in mentions if m.post_nominals]
    p.post_nominals = posts[0] if posts else ""
    details = next(([m for m in mentions if m.detail_kind == kind] for kind in ("paren", "appos", "of")
                    if any(m.detail_kind == kind for m in mentions)), [])
    if details:
        best = max(details, key=lambda m: (m.detail_kind == "paren", len(m.detail.split(","))))
        p.role, p.affiliation, p.country = split_position(best.detail, best.detail_kind)


def _tidy_honorific(h: str) -> str:
    """The honorific as written, less a title repeated for emphasis."""
    return re.sub(r"\s+", " ", h).strip()


def _first_index(mentions: list[Mention], token: str) -> int:
    for i, m in enumerate(mentions):
        if token in m.tokens:
            return i
    return len(mentions)


def _first_hon(mentions: list[Mention], hon: str) -> int:
    for i, m in enumerate(mentions):
        if m.honorific == hon:
            return i
    return len(mentions)


def _is_role(part: str) -> bool:
    """Whether a part of a position is the person's role ("Programme
    Officer", "Head of Monitoring", "Director Academics") rather than an
    organisation ("Institute of Oriental Studies"): its head word, the last
    before "of", "at" or "for", is a role, or it has a role word and no
    organisation word."""
    head = re.split(r" (?:of|at|for|in|on) ", part)[0].split()[-1:]
    return bool((head and ROLE_WORDS.fullmatch(head[0].rstrip(".,"))) or
                (ROLE_WORDS.search(part) and not ORG_WORDS.search(part)))


def split_position(detail: str, kind: str) -> tuple[str, str, str]:
    """(role, affiliation, country) from "Senior Research Associate,
    Institute of Oriental Studies, Moscow, Russia" or from an apposition
    "the serving Foreign Secretary of the Islamic Republic of Pakistan"."""
    detail = re.sub(r"\s+", " ", detail).strip().rstrip(",.")
    detail = re.sub(r",(?=\S)", ", ", detail)
    country = ""
    detail = re.sub(r"\s*\((?:chair|co-chair|moderator|host|chairperson|rapporteur|discussant)\)$", "", detail,
                    flags=re.I)
    if kind == "of":
        parts = [x.strip() for x in detail.split(", ") if x.strip()]
        if len(parts) > 1 and parts[-1].lower() in countries():
            country = parts.pop()
        return "", ", ".join(parts), country
    if kind == "appos" and "," in detail and not re.search(r" at (?:the )?", detail):
        kind = "paren"  # "Director, Kestrel Institute for Climate Security, Edinburgh": read as a parenthesis
    if kind == "appos":
        phrase = re.sub(r"^(?:the|a|an) ", "", detail)
        m = re.search(r" at (?:the )?", phrase) or re.search(r" of (?:the )?", phrase) or (
            re.search(r" in (?:the )?(?=[A-Z])", phrase) if ORG_WORDS.search(phrase) else None)
        if m and ROLE_WORDS.search(phrase[:m.start()]):
            rest = phrase[m.end():].strip()
            envoy = re.match(r"(.+?) (?:to|in) ", rest)
            if envoy and envoy.group(1).lower() in countries():
                return phrase, "", ""  # "Ambassador of Pakistan to Kazakhstan": a post, not an employer
            return phrase[:m.start()].strip(), rest, ""
        if "," not in phrase:
            acronym = re.match(r"(.*\S)\s+([A-Z][A-Z&]{1,9})$", phrase)
            if acronym and ROLE_WORDS.search(acronym.group(1)):
                return acronym.group(1), acronym.group(2), ""  # "President CERS"
            if ORG_WORDS.search(phrase) and not ROLE_WORDS.search(phrase):
                return "", phrase, ""
            return phrase, "", ""
    parts = [x.strip() for x in detail.split(", ") if x.strip()]
    if len(parts) > 1 and parts[-1].lower() in countries():
        country = parts.pop()
    if len(parts) == 1:
        only = parts[0]
        if _is_role(only) and not re.search(r" (?:at|of) ", only) and not re.fullmatch(r"[A-Z][A-Z&.-]+", only):
            return only, "", country
        m = re.search(r" (?:at|of) (?:the )?", only)
        if m and ROLE_WORDS.search(only[:m.start()]) and not ORG_WORDS.search(only[:m.start()]):
            return only[:m.start()], only[m.end():], country
        return "", only, country
    if _is_role(parts[0]):
        first = re.search(r" (?:of|at) (?:the )?", parts[0])
        if first and ORG_WORDS.search(parts[0][first.end():]):
            # "former President of the National Defence University, Islamabad"
            envoy = re.match(r"(.+?) (?:to|in) ", parts[0][first.end():])
            if not (envoy and envoy.group(1).lower() in countries()):
                return (parts[0][:first.start()], ", ".join([parts[0][first.end():], *parts[1:]]), country)
        return parts[0], ", ".join(parts[1:]), country
    return "", ", ".join(parts), country
