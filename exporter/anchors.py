"""Where each paragraph of an output came from, as a name that survives a
round trip through Word or LibreOffice.

The Word exporter wraps the source text of every prose paragraph in a
bookmark named by :func:`anchor`; ``octavo import EDITED.docx --into`` walks
the current source with :func:`paragraphs` and finds each bookmark's
paragraph again.  A name is ``oc`` and a hash of the paragraph's source
file (relative to the event folder), its field (``items[3].text``) and its
place among that field's paragraphs, so that it says nothing to a reader
and stays the same however often the file is exported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Iterator

from exporter import model as m

PREFIX = "oc"


def relative_file(file: str, event_id: str) -> str:
    """``sessions/2-geopolitics.yaml`` from a location's file, however the
    project displayed it."""
    parts = PurePosixPath(file).parts
    if event_id in parts:
        at = len(parts) - 1 - parts[::-1].index(event_id)
        return "/".join(parts[at + 1:])
    return "/".join(parts[-2:])


def anchor(event_id: str, loc: m.Loc, ordinal: int) -> str:
    """The bookmark name of the ``ordinal``-th paragraph of the field at ``loc``."""
    key = f"{event_id}|{relative_file(loc.file, event_id)}|{loc.path}|{ordinal}"
    return PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()[:14]


class Counter:
    """Numbers paragraphs field by field as a writer meets them."""

    def __init__(self, event_id: str) -> None:
        self.event_id = event_id
        self.seen: dict[tuple[str, str], int] = {}

    def name(self, para: m.Paragraph) -> str | None:
        """The anchor of ``para`` (None for text that has no source place)."""
        if para.loc is m.NOWHERE or not para.loc.path:
            return None
        key = (para.loc.file, para.loc.path)
        ordinal = self.seen.get(key, 0)
        self.seen[key] = ordinal + 1
        return anchor(self.event_id, para.loc, ordinal)


@dataclass(frozen=True)
class Placed:
    """A paragraph of the source with its anchor; ``list_item`` says the
    paragraph opens an item of a Markdown list."""

    name: str
    paragraph: m.Paragraph
    list_item: bool = False
    owner: str = ""  # the id of the item, exchange or session it belongs to; "introduction" …
    people: tuple[str, ...] = ()  # whose words these are (speakers, the questioner, the one answering)


def _blocks(blocks: tuple[m.Block, ...], list_item: bool = False) -> Iterator[tuple[m.Paragraph, bool]]:
    for b in blocks:
        if isinstance(b, m.Paragraph):
            yield b, list_item
        elif isinstance(b, m.ListBlock):
            for item in b.items:
                for k, (p, _) in enumerate(_blocks(item)):
                    yield p, k == 0
        else:
            yield from _blocks(b.blocks)


def _event_blocks(event: m.Event) -> Iterator[tuple[str, tuple[str, ...], tuple[m.Block, ...]]]:
    yield "introduction", (), event.introduction
    for s in event.sessions:
        yield s.id, (), s.intro
        for it in s.items:
            if isinstance(it, m.QASession):
                yield it.id, (), it.intro
                for ex in it.exchanges:
                    yield ex.id, (ex.questioner,), ex.question
                    for a in ex.answers:
                        yield ex.id, (a.responder,), a.body
            elif isinstance(it, m.Contribution):
                yield it.id, it.speakers, it.body
            else:
                yield it.id, it.people, it.body
    if event.media:
        yield "media", (), event.media.intro
    yield "organiser", (), event.organiser.description
    yield "organiser", (), event.organiser.profile


def paragraphs(event: m.Event) -> dict[str, Placed]:
    """Every prose paragraph of ``event`` by anchor, numbered as the Word
    exporter numbers them (model order within each field)."""
    counter = Counter(event.id)
    out: dict[str, Placed] = {}
    for owner, people, blocks in _event_blocks(event):
        for para, list_item in _blocks(blocks):
            name = counter.name(para)
            if name is not None:
                out[name] = Placed(name, para, list_item, owner, people)
    return out
