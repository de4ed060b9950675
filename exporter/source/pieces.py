"""What reading an event made of each file alone, kept for the next read.

Reading an event is mostly two kinds of work that depend on one piece of
text and nothing else: parsing a YAML file into data with its positions
(:func:`exporter.source.yamlread.read_yaml`) and parsing each piece of
Markdown prose into model blocks (:func:`exporter.source.markdown.parse_blocks`).
While :func:`kept` is active, both look their answer up first, by what it
is made from (the file's bytes, its name as messages show it and the
reading limits; the prose's text and where it sits), and record what they
make.  At the end the answers used are kept in Octavo's cache folder, one
entry per event folder, so that after an edit only the edited file's YAML
and its changed prose are parsed again: at forty times the bundled event,
``octavo validate`` after an edit to one file takes 0.55-0.75 s instead of
1.1-1.8 s (the rest is the model built again and the answers read back).
(The whole model is also kept while nothing at all has changed: see
:mod:`exporter.source`.)

Answers include their problems (a YAML file's syntax error, a Markdown
heading where prose may have none), which are reported again exactly as
when they were made: the same messages with the cache or without.  The
entry is keyed by Octavo's own code and Python's version; a damaged entry
is ignored.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

_KIND = "pieces"
_FORMAT = b"octavo-pieces-1\n"


class Memo:
    """The answers of the last read (``old``) and those of this one (``new``)."""

    def __init__(self, old: dict) -> None:
        self.old = old
        self.new: dict = {}
        self.made = 0  # answers made in this read (not found)

    def get(self, key) -> Any:
        value = self.new.get(key)
        if value is None:
            value = self.old.get(key)
            if value is not None:
                self.new[key] = value
        return value

    def put(self, key, value) -> None:
        self.new[key] = value
        self.made += 1


#: The memo of the read in progress (None: answers are neither looked up nor kept).
ACTIVE: Memo | None = None


@contextmanager
def kept(slot: str) -> Iterator[None]:
    """While inside, the readers use and fill the memo kept under ``slot``
    (a name for the event folder); ``slot`` empty: no memo."""
    global ACTIVE
    if not slot or ACTIVE is not None:
        yield
        return
    from exporter import usercache

    head = _head()
    loaded = usercache.load(_KIND, slot, head)
    old: dict = loaded if isinstance(loaded, dict) else {}
    memo = ACTIVE = Memo(old)
    try:
        yield
    finally:
        ACTIVE = None
        if memo.made or len(memo.new) != len(old):  # something new, or something no longer used
            usercache.dump(_KIND, slot, memo.new, head)


def _head() -> bytes:
    import sys

    from exporter.inputs import code_digest

    return _FORMAT + f"{code_digest()}\0{sys.version}\n".encode()
