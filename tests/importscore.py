"""Scores of an imported event against a known structure (issue 14's bar).

Both sides are reduced to the same neutral form: people as (name,
honorific, affiliation), sessions as kinds with items, items as (kind
class, speakers), Q&A exchanges as (questioner, to, answerers).  Names are
compared as an editor would: without honorifics, case, accents or
punctuation, a one-letter slip tolerated, a given name allowed to be
missing or an initial.  Written independently of the importer's own
matching, so that the test cannot agree with a bug.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from exporter import model as m
from exporter.plaintext import inline_text


@dataclass
class Neutral:
    title: str = ""
    people: list[tuple[str, str, str]] = field(default_factory=list)  # name, honorific, affiliation
    sessions: list[dict] = field(default_factory=list)  # {kind, chair, items: [{kind, speakers, title, exchanges}]}


def from_event(ev: m.Event) -> Neutral:
    name = {p.id: p.name for p in ev.people}
    out = Neutral(ev.title + (f": {ev.subtitle}" if ev.subtitle else ""),
                  [(p.name, p.honorific, p.affiliation) for p in ev.people])
    for s in ev.sessions:
        items = []
        for it in s.items:
            if isinstance(it, m.Contribution):
                items.append({"kind": it.kind, "speakers": [name[x] for x in it.speakers],
                              "title": inline_text(it.title)})
            elif isinstance(it, m.QASession):
                items.append({"kind": "qa", "speakers": [], "title": "", "exchanges": [
                    (name[ex.questioner], [name[x] for x in ex.addressed_to], [name[a.responder] for a in ex.answers])
                    for ex in it.exchanges]})
            else:
                items.append({"kind": it.kind, "speakers": [], "title": ""})
        out.sessions.append({"kind": s.kind, "chair": name.get(s.chair, ""), "items": items})
    return out


def from_expected(path: Path) -> Neutral:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    out = Neutral(data.get("title", ""), [(p["name"], p.get("honorific", ""), p.get("affiliation", ""))
                                          for p in data["people"]])
    for s in data["sessions"]:
        items = []
        for it in s["items"]:
            entry = {"kind": it["kind"], "speakers": it.get("speakers", []), "title": it.get("title", "")}
            if it["kind"] == "qa":
                entry["exchanges"] = [(e["questioner"], e.get("to", []), e.get("answerers", []))
                                      for e in it.get("exchanges", [])]
            items.append(entry)
        out.sessions.append({"kind": s["kind"], "chair": s.get("chair", ""), "items": items})
    return out


# -- names -------------------------------------------------------------------------

def _tokens(name: str) -> list[str]:
    t = unicodedata.normalize("NFKD", name)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return [w for w in re.split(r"[^a-z0-9]+", t) if w]


def _slip(a: str, b: str) -> bool:
    """Equal, or one edit (or one swap of neighbours) apart."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def same_person(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb or not _slip(ta[-1], tb[-1]):
        return False
    ga, gb = ta[:-1], tb[:-1]
    if not ga or not gb:
        return True
    short, long_ = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    return all(any(_slip(s, x) or (len(s) == 1 and x.startswith(s)) for x in long_) for s in short)


def _match(pred: list[str], truth: list[str]) -> dict[int, int]:
    """Greedy one-to-one matching of predicted to true names."""
    used: set[int] = set()
    out: dict[int, int] = {}
    for i, p in enumerate(pred):
        for j, t in enumerate(truth):
            if j not in used and same_person(p, t):
                out[i] = j
                used.add(j)
                break
    return out


def f1(tp: int, n_pred: int, n_true: int) -> float:
    if n_pred == n_true == 0:
        return 1.0
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_true if n_true else 0.0
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _aff_right(a: str, b: str) -> bool:
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta and not tb:
        return True
    if not ta or not tb:
        return False
    return ta <= tb or tb <= ta or len(ta & tb) / len(ta | tb) >= 0.5


_CLASS = {"narrative": "note", "ceremony": "note"}


def _norm_title(t: str) -> str:
    return " ".join(re.sub(r"[“”\"‘’']", "", t).split()).lower()


@dataclass
class Scores:
    people_f1: float
    affiliations: float
    sessions_right: bool
    items_f1: float
    titles: float
    exchanges_f1: float

    def __str__(self) -> str:
        return (f"people F1 {self.people_f1:.3f}, affiliations {self.affiliations:.0%}, sessions "
                f"{'right' if self.sessions_right else 'WRONG'}, items F1 {self.items_f1:.3f}, talk titles "
                f"{self.titles:.0%}, Q&A exchanges F1 {self.exchanges_f1:.3f}")


def score(pred: Neutral, truth: Neutral) -> Scores:
    pnames = [p[0] for p in pred.people]
    tnames = [t[0] for t in truth.people]
    pairs = _match(pnames, tnames)
    people_f1 = f1(len(pairs), len(pnames), len(tnames))
    aff = sum(_aff_right(pred.people[i][2], truth.people[j][2]) for i, j in pairs.items())
    affiliations = aff / len(pairs) if pairs else 0.0

    def canon(name: str) -> str:
        for t in tnames:
            if same_person(name, t):
                return t
        return "?" + name

    sessions_right = [s["kind"] for s in pred.sessions] == [s["kind"] for s in truth.sessions]

    def item_keys(n: Neutral) -> list[tuple]:
        return [(si, _CLASS.get(it["kind"], it["kind"]), frozenset(canon(x) for x in it["speakers"]))
                for si, s in enumerate(n.sessions) for it in s["items"]]

    def exchange_keys(n: Neutral) -> list[tuple]:
        return [(si, canon(q), tuple(canon(a) for a in answers))
                for si, s in enumerate(n.sessions) for it in s["items"] if it["kind"] == "qa"
                for q, _to, answers in it.get("exchanges", [])]

    def overlap(a: list, b: list) -> int:
        rest = list(b)
        hit = 0
        for x in a:
            if x in rest:
                rest.remove(x)
                hit += 1
        return hit

    pi, ti = item_keys(pred), item_keys(truth)
    items_f1 = f1(overlap(pi, ti), len(pi), len(ti))
    pe, te = exchange_keys(pred), exchange_keys(truth)
    exchanges_f1 = f1(overlap(pe, te), len(pe), len(te))
    titled = [(si, frozenset(canon(x) for x in it["speakers"]), _norm_title(it["title"]))
              for si, s in enumerate(truth.sessions) for it in s["items"] if it["kind"] == "talk" and it["title"]]
    found = {(si, frozenset(canon(x) for x in it["speakers"])): _norm_title(it["title"])
             for si, s in enumerate(pred.sessions) for it in s["items"] if it["kind"] in ("talk", "keynote")}
    titles = sum(found.get((si, sp)) == t for si, sp, t in titled) / len(titled) if titled else 1.0
    return Scores(people_f1, affiliations, sessions_right, items_f1, titles, exchanges_f1)
