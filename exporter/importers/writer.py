"""A draft event as source files, in the house style of the bundled event.

``event.yaml``, ``people.yaml`` and ``sessions/N-ID.yaml`` are built as
ruamel.yaml documents (so that quoting, block scalars and comments are the
library's job): prose in ``|`` blocks with one sentence per line, lists as
Markdown lists, ids and references in flow lists, and every guess an
editor should confirm as an end-of-line comment ``# check: …`` on the key
it concerns.  Prose is written as CommonMark whose reading gives back the
report's text exactly; each paragraph is read back with the source
format's own parser as it is written, and markup that would not survive
(emphasis a rapporteur opened inside a word, say) is left out rather than
letting a marker or a lost character into the text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from exporter import model as m
from exporter.importers import sentences
from exporter.importers.document import Block, Span
from exporter.importers.structure import Draft, Item, Session
from exporter.naming import slug
from exporter.plaintext import inline_text
from exporter.source.markdown import ALLOWED_SCHEMES, ProseOrigin, escape_text, parse_blocks

CHECK = "check: "


@dataclass
class Written:
    """The files of an imported event (name -> text) and what they hold."""

    files: dict[str, str]
    people: int = 0
    sessions: int = 0
    items: int = 0
    exchanges: int = 0
    checks: int = 0
    expected: list[str] = field(default_factory=list)  # every paragraph's text, for the final check


# -- prose ---------------------------------------------------------------------------

def _read_back(markdown: str) -> list[str]:
    problems: list[str] = []
    blocks = parse_blocks(markdown, ProseOrigin("<import>", "", 1, 1), lambda loc, msg: problems.append(msg))
    if problems:
        return ["\0problem"]
    out: list[str] = []
    for b in blocks:
        if isinstance(b, m.Paragraph):
            out.append(inline_text(b.inlines))
        elif isinstance(b, m.ListBlock):
            for item in b.items:
                out.extend(inline_text(p.inlines) for p in item if isinstance(p, m.Paragraph))
        else:
            out.append("\0quote")
    return out


def _flat(text: str) -> str:
    """What a paragraph reads as: its line breaks are spaces."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


def _usable(span: Span, text: str) -> bool:
    if span.kind == "link":
        return urlsplit(span.target).scheme.lower() in ALLOWED_SCHEMES and "\n" not in span.target
    return bool(text[span.start:span.end].strip())


def _markup(block: Block, breaks: list[tuple[int, int]], with_spans: bool) -> str:
    """A block's text as Markdown, a line break for each ``breaks`` range."""
    text = block.text
    spans: list[Span] = []
    if with_spans:
        for s in sorted(block.spans, key=lambda s: (s.start, -s.end)):
            if not _usable(s, text):
                continue
            a, b = s.start, s.end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if any(a < o.end < b and o.start < a or a < o.start < b < o.end for o in spans):
                continue  # crossing spans cannot be written
            if any(br[0] < b and br[1] > a and (a >= br[0] or b <= br[1]) for br in breaks):
                continue
            spans.append(Span(a, b, s.kind, s.target))
    opens: dict[int, list[Span]] = {}
    closes: dict[int, list[Span]] = {}
    for s in spans:
        opens.setdefault(s.start, []).append(s)
        closes.setdefault(s.end, []).append(s)
    points = sorted({0, len(text), *opens, *closes, *(p for br in breaks for p in br)})
    break_at = {a: b for a, b in breaks}
    out: list[str] = []
    at_line_start = True
    i = 0
    pos_index = 0
    while pos_index < len(points):
        pos = points[pos_index]
        if pos > i:
            out.append(escape_text(text[i:pos], line_start=at_line_start))
            at_line_start = False
            i = pos
        for s in sorted(closes.get(pos, []), key=lambda s: -s.start):
            out.append({"emph": "*", "strong": "**"}.get(s.kind) or f"](<{_destination(s.target)}>)")
        if pos in break_at:
            out.append("\n")
            at_line_start = True
            i = break_at[pos]
            while pos_index < len(points) and points[pos_index] < i:
                pos_index += 1
            continue
        for s in sorted(opens.get(pos, []), key=lambda s: -s.end):
            out.append({"emph": "*", "strong": "**"}.get(s.kind) or "[")
            at_line_start = False
        pos_index += 1
    return "".join(out)


def _destination(url: str) -> str:
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._") if re.search(r"[<>\s\\]", url) else url


def paragraph(block: Block, one_line: bool = False) -> str:
    """One paragraph as Markdown, one sentence per line."""
    text = block.text
    breaks: list[tuple[int, int]] = []
    if not one_line:
        sp = sentences.spans(text)
        breaks = [(a[1], b[0]) for a, b in zip(sp, sp[1:]) if re.fullmatch(r"[ \t]+", text[a[1]:b[0]])]
    expected = text.strip()
    for a, b in reversed(breaks):
        expected = expected[:a] + " " + expected[b:]
    expected = _flat(expected)
    for with_spans in (True, False):
        md = _markup(block, breaks, with_spans)
        md = "\n".join(line.rstrip() for line in md.split("\n"))
        if _read_back(md) == [expected] or (one_line and _read_back("1. " + md) == [expected]):
            return md
    raise RuntimeError(f"cannot write this paragraph as Markdown without changing it: {text[:80]!r}")


def prose(blocks: list[Block]) -> str:
    """Paragraphs and lists as a Markdown text, blank lines between them."""
    chunks: list[str] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "item":
            items = []
            ordered = b.ordered
            while i < len(blocks) and blocks[i].kind == "item" and blocks[i].ordered == ordered:
                items.append(("1. " if ordered else "- ") + paragraph(blocks[i], one_line=True))
                i += 1
            chunks.append("\n".join(items))
            continue
        chunks.append(paragraph(b))
        i += 1
    return "\n\n".join(chunks) + "\n"


def inline(text: str) -> str:
    """A one-line Markdown value (a talk's title, a theme)."""
    return escape_text(" ".join(text.split()))


# -- the files -----------------------------------------------------------------------

def _flow(values: list[str]) -> CommentedSeq:
    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq


def _check(node: CommentedMap, key: str, notes: list[str]) -> int:
    if notes:
        node.yaml_add_eol_comment("# " + "; ".join(CHECK + n for n in notes), key)
    return len(notes)


def _dump(data: CommentedMap) -> str:
    yaml = YAML()
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


class _Ids:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, base: str) -> str:
        base = slug(base)[:60].rstrip("-") or "item"
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        return ident


def write(draft: Draft, report_name: str) -> Written:
    """The source files for ``draft``."""
    files: dict[str, str] = {}
    w = Written(files)
    pid = {id(p): p.id for p in draft.people.people}
    if not draft.sessions:
        # A report that announces no session and names no one who speaks (a note, one long
        # paragraph): an event needs a session, so its text is one narrative of one, for the
        # editor to split; the text is the report's, kept whole and in order.
        blocks, draft.introduction = draft.introduction, []
        draft.sessions.append(Session("working", blocks[0].line if blocks else 0, title="Proceedings",
                                      checks=["the report announces no session and names no speaker: its text "
                                              "is one narrative here; split it into sessions and items"]))
        if blocks:
            draft.sessions[0].items.append(Item("narrative", blocks[0].line, blocks=blocks))

    # event.yaml
    ev = CommentedMap()
    ev.yaml_set_start_comment(f"Imported from {report_name} by `octavo import`.\n"
                              "Every guess to confirm is marked '# check:' (grep -rn '# check:' on this folder).")
    ev["title"] = draft.title
    w.checks += _check(ev, "title", [draft.checks["title"]] if "title" in draft.checks else [])
    if draft.subtitle:
        ev["subtitle"] = draft.subtitle
    if draft.kind:
        ev["kind"] = draft.kind
    ev["date"] = draft.date
    ev["venue"] = draft.venue
    ev["city"] = draft.city
    ev["language"] = "en-GB"
    for key in ("date", "venue", "city"):
        w.checks += _check(ev, key, [draft.checks[key]] if key in draft.checks else [])
    if draft.compiled_by or draft.edited_by:
        credits = CommentedMap()
        if draft.compiled_by:
            credits["compiled_by"] = _flow(draft.compiled_by)
            w.checks += _check(credits, "compiled_by", [draft.checks["credits"]] if "credits" in draft.checks
                               else [])
        if draft.edited_by:
            credits["edited_by"] = _flow(draft.edited_by)
        ev["credits"] = credits
    org = CommentedMap()
    org["name"] = draft.organiser
    org["short_name"] = draft.organiser_short
    w.checks += _check(org, "name", [draft.checks["organiser"]] if "organiser" in draft.checks else [])
    ev["organiser"] = org
    if draft.introduction:
        ev["introduction"] = LiteralScalarString(prose(draft.introduction))
        w.expected += [b.text for b in draft.introduction]
    if draft.outlets:
        media = CommentedMap()
        if draft.media_intro:
            media["intro"] = LiteralScalarString(prose(draft.media_intro))
            w.expected += [b.text for b in draft.media_intro]
        outlets = CommentedSeq()
        for name, url in draft.outlets:
            o = CommentedMap()
            o["name"] = name
            if url:
                o["url"] = url
            outlets.append(o)
        media["outlets"] = outlets
        ev["media"] = media
    elif draft.media_intro:
        # coverage text with no outlets: it is still text of the report
        draft.sessions[-1].items.append(Item("narrative", 0, blocks=draft.media_intro,
                                             checks=["media coverage text without outlets"]))
    files["event.yaml"] = _dump(ev)

    # people.yaml
    people = CommentedSeq()
    for p in draft.people.people:
        entry = CommentedMap()
        entry["id"] = p.id
        if p.honorific:
            entry["honorific"] = p.honorific
        entry["name"] = p.name
        if p.post_nominals:
            entry["post_nominals"] = p.post_nominals
        if p.role:
            entry["role"] = p.role
        if p.affiliation:
            entry["affiliation"] = p.affiliation
        if p.country:
            entry["country"] = p.country
        w.checks += _check(entry, "name", p.checks)
        people.append(entry)
    if not people:
        entry = CommentedMap(id="unknown", name="Unknown")
        w.checks += _check(entry, "name", ["the report names no one with an honorific; add the speakers"])
        people.append(entry)
    doc = CommentedMap()
    doc.yaml_set_start_comment("Everyone the report names, defined once; sessions refer to people by id.")
    doc["people"] = people
    files["people.yaml"] = _dump(doc)
    w.people = len(draft.people.people)

    ids = _Ids()
    for n, s in enumerate(draft.sessions, 1):
        sid = ids("inaugural" if s.kind == "inaugural" else "concluding" if s.kind == "concluding"
                  else f"session-{n}")
        files[f"sessions/{n}-{sid}.yaml"] = _dump(_session(s, sid, ids, pid, w))
    w.sessions = len(draft.sessions)
    return w


def _session(s: Session, sid: str, ids: _Ids, pid: dict[int, str], w: Written) -> CommentedMap:
    doc = CommentedMap()
    doc["id"] = sid
    doc["kind"] = s.kind
    w.checks += _check(doc, "kind", s.checks)
    doc["title"] = s.title
    if s.theme:
        doc["theme"] = inline(s.theme)
        w.expected.append(s.theme)
    if s.chair is not None:
        doc["chair"] = pid[id(s.chair)]
    speakers: list[str] = []
    discussants: list[str] = []
    for it in s.items:
        for p in it.speakers:
            if it.kind == "talk" and pid[id(p)] not in speakers:
                speakers.append(pid[id(p)])
            if it.kind == "discussant" and pid[id(p)] not in discussants:
                discussants.append(pid[id(p)])
    for p, role in s.panel:
        ident = pid[id(p)]
        if ident in speakers or ident in discussants or p is s.chair:
            continue
        (discussants if role == "discussant" else speakers).append(ident)
    if speakers:
        doc["speakers"] = _flow(speakers)
    if discussants:
        doc["discussants"] = _flow(discussants)
    if s.intro:
        doc["intro"] = LiteralScalarString(prose(s.intro))
        w.expected += [b.text for b in s.intro]
    items = CommentedSeq()
    for it in s.items:
        entry = _item(it, sid, ids, pid, w)
        if entry is not None:
            items.append(entry)
    doc["items"] = items
    return doc


def _item(it: Item, sid: str, ids: _Ids, pid: dict[int, str], w: Written) -> CommentedMap | None:
    entry = CommentedMap()
    w.items += 1
    if it.kind == "qa":
        intro = list(it.intro)
        exchanges = CommentedSeq()
        notes = list(it.checks)
        kept = []
        for ex in it.exchanges:  # an unnamed participant's question stays in its place, in the one before
            if ex.unnamed and kept:
                prev = kept[-1]
                (prev.answers[-1].blocks if prev.answers and prev.answers[-1].by is not None else prev.question) \
                    .extend(ex.question + [b for a in ex.answers for b in a.blocks])
                prev.checks.append("it runs on into a question from someone the report does not name; "
                                   "that question and its answers are kept here")
                continue
            kept.append(ex)
        for ex in kept:
            if ex.questioner is None:
                intro += ex.question + [b for a in ex.answers for b in a.blocks]
                notes.append("an answer with no questioner found is kept in the intro")
                continue
            e = CommentedMap()
            e["id"] = ids(f"qa-{pid[id(ex.questioner)]}")
            e["questioner"] = pid[id(ex.questioner)]
            e["to"] = _flow([pid[id(p)] for p in ex.to])
            question = list(ex.question)
            answers = CommentedSeq()
            for a in ex.answers:
                if a.by is None:
                    if a.blocks:
                        question += a.blocks
                        notes_here = ["an answer whose speaker was not found is kept in the question"]
                        w.checks += _check(e, "questioner", notes_here)
                    continue
                ans = CommentedMap()
                ans["by"] = pid[id(a.by)]
                w.checks += _check(ans, "by", a.checks)
                ans["text"] = LiteralScalarString(prose(a.blocks))
                w.expected += [b.text for b in a.blocks]
                answers.append(ans)
            e["question"] = LiteralScalarString(prose(question))
            w.expected += [b.text for b in question]
            w.checks += _check(e, "questioner", ex.checks + ([] if answers else
                                                            ["no answer found: the question stands alone"]))
            e["answers"] = answers
            exchanges.append(e)
            w.exchanges += 1
        if not exchanges:
            it = Item("narrative", it.line, blocks=intro, checks=notes + ["a question round with no exchanges found"])
        else:
            entry["id"] = ids(f"qa-{sid}")
            entry["kind"] = "qa"
            w.checks += _check(entry, "kind", notes)
            if intro:
                entry["intro"] = LiteralScalarString(prose(intro))
                w.expected += [b.text for b in intro]
            entry["exchanges"] = exchanges
            return entry
    if not it.blocks:
        w.items -= 1
        return None
    if it.kind in ("narrative", "ceremony"):
        entry["id"] = ids(f"{sid}-{'ceremony' if it.kind == 'ceremony' else 'note'}")
        entry["kind"] = it.kind
        if it.speakers:
            entry["people"] = _flow([pid[id(p)] for p in it.speakers])
    else:
        speakers = [pid[id(p)] for p in it.speakers]
        entry["id"] = ids(f"{speakers[0] if speakers else sid}-{it.kind}")
        entry["kind"] = it.kind
        if not speakers:
            it.kind = "narrative"
            entry["kind"] = "narrative"
        else:
            entry["speakers"] = _flow(speakers)
        if it.title and speakers:
            entry["title"] = inline(it.title)
    w.checks += _check(entry, "kind", it.checks)
    entry["text"] = LiteralScalarString(prose(it.blocks))
    w.expected += [b.text for b in it.blocks]
    return entry
