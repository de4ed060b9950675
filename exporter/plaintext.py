"""The model as plain text, in reading order.

Used by ``octavo show``, by the nothing-lost tests, and (later) by
``octavo verify`` to compare what an output contains with what the source
says.  Each unit keeps its source location so a missing one can be named.
"""

from __future__ import annotations

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


def inline_text(nodes: tuple[m.Inline, ...], open_q: str = "“", close_q: str = "”") -> str:
    """The text of inline nodes; quotations get ``open_q``/``close_q``."""
    out: list[str] = []
    for n in nodes:
        if isinstance(n, m.Text):
            out.append(n.text)
        elif isinstance(n, m.Quote):
            out.append(open_q + inline_text(n.children, open_q, close_q) + close_q)
        else:
            out.append(inline_text(n.children, open_q, close_q))
    return "".join(out)


def block_units(blocks: tuple[m.Block, ...], kind: str = "paragraph") -> Iterator[Unit]:
    """Paragraphs and list items of ``blocks``, in order."""
    for b in blocks:
        if isinstance(b, m.Paragraph):
            yield Unit(kind, inline_text(b.inlines), b.loc)
        elif isinstance(b, m.ListBlock):
            for item in b.items:
                yield from block_units(item, "list item")
        else:
            yield from block_units(b.blocks, "quotation")


def item_units(item: m.Item) -> Iterator[Unit]:
    """The text of one session item."""
    if isinstance(item, m.Contribution):
        if item.title:
            yield Unit("talk title", inline_text(item.title), item.loc)
        yield from block_units(item.body)
    elif isinstance(item, m.QASession):
        yield from block_units(item.intro)
        for ex in item.exchanges:
            yield from block_units(ex.question, "question")
            for a in ex.answers:
                yield from block_units(a.body, "answer")
    else:
        yield from block_units(item.body)


def body_units(event: m.Event) -> Iterator[Unit]:
    """Everything of the proceedings' body an output must carry, in order:
    introduction, sessions, media coverage."""
    yield from block_units(event.introduction)
    for s in event.sessions:
        yield Unit("session title", s.title, s.loc)
        if s.theme:
            yield Unit("session theme", inline_text(s.theme), s.loc)
        yield from block_units(s.intro)
        for item in s.items:
            yield from item_units(item)
    if event.media:
        yield from block_units(event.media.intro)
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
