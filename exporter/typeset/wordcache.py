"""What the typesetter learnt about words, kept for the next run.

Setting a text asks two questions of each distinct word, whose answers
depend only on the word and on installed data: where it may be hyphenated
(the language's patterns and the layout's rules) and how its letters kern
(the font file, through HarfBuzz).  Asking them costs more than the rest of
the line breaking together in a short run, and the answers are the same
tomorrow, so they are kept in Octavo's cache folder (``exporter.usercache``)
as one table per font file and per set of hyphenation rules, keyed by what
they were made from (the file's identity, the library's version), like the
parsed fonts and patterns kept there.

The tables are pure functions of their keys: a file set with the cache, or
without it, or with a damaged one, is the same bytes (tested).  A table
stops growing at :data:`LIMIT` words.
"""

from __future__ import annotations

import marshal
import os

from exporter import usercache

KIND = "words"
LIMIT = 200_000
_VERSION = f"words 1 marshal {marshal.version}"


class Table(dict):
    """A word's answers, read from the cache and written back when the run
    added to them.  ``encode``: how an answer that is not of marshal's
    types is written; ``decode``: how it is read back (set by the table's
    reader, :class:`exporter.typeset.kerning._Kerner`)."""

    encode = None
    decode = None

    def __init__(self, key: str | None) -> None:
        super().__init__()
        self.key = key
        self.loaded = 0
        if key is None:
            return
        data = usercache.read(KIND, key)
        if data is not None:
            try:
                entries = marshal.loads(data)
            except (EOFError, ValueError, TypeError):
                entries = None
            if isinstance(entries, dict):
                self.update(entries)
                self.loaded = len(entries)

    def save(self) -> None:
        """Write the table back when this run added words to it."""
        if self.key is None or len(self) == self.loaded or self.loaded >= LIMIT:
            return
        items = self.items() if len(self) <= LIMIT else list(self.items())[:LIMIT]
        encode = self.encode
        try:  # words as plain strings (the text may be a library's subclass of str)
            data = marshal.dumps({str(k): encode(v) for k, v in items} if encode else {str(k): v for k, v in items})
        except (ValueError, TypeError):
            return  # an answer marshal cannot hold: not kept, asked again next time
        usercache.write(KIND, self.key, data)
        self.loaded = len(self)


_TABLES: dict[tuple, Table] = {}


def table(*made_from: object, path: str | os.PathLike | None = None) -> Table:
    """The table for answers made from ``made_from`` (and the file at
    ``path``, by its identity); an empty one that is never written when
    the cache is off or the file cannot be read."""
    path = str(path) if path is not None else None  # a Path and its text: one table
    found = _TABLES.get((path, made_from))
    if found is None:
        from pathlib import Path

        try:
            key = usercache.file_key(Path(path), _VERSION, *made_from) if path else \
                usercache.key(_VERSION, *made_from)
        except OSError:
            key = None
        if usercache.folder() is None:
            key = None
        found = _TABLES[(path, made_from)] = Table(key)
    return found


def sizes() -> dict[tuple, int]:
    """How many answers each table holds now (see :func:`learnt_since`)."""
    return {k: len(t) for k, t in _TABLES.items()}


def learnt_since(before: dict[tuple, int]) -> list:
    """The answers added to the tables since :func:`sizes` gave ``before``,
    as ``[(path, made_from, [(word, answer), ...]), ...]`` (marshal's
    types): what a process that breaks paragraphs ahead learnt, for the
    one that keeps the tables (:func:`learn`)."""
    out = []
    for (path, made_from), found in _TABLES.items():
        # new since: the size it had then, or (made since) what it read from the cache folder
        start = before.get((path, made_from), found.loaded)
        if len(found) > start:
            encode = found.encode or (lambda value: value)
            out.append((path, made_from, [(str(k), encode(v)) for k, v in list(found.items())[start:]]))
    return out


def learn(learnt: list) -> None:
    """Add what :func:`learnt_since` gave, in another process, to this
    process's tables (an answer already there is kept: it is the same)."""
    for path, made_from, items in learnt:
        found = table(*made_from, path=path)
        decode = found.decode or (lambda value: value)
        for word, answer in items:
            if word not in found:
                found[word] = decode(answer)


def save() -> None:
    """Write back every table this run added to (at the end of a PDF)."""
    for found in _TABLES.values():
        found.save()
