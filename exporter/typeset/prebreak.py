"""Paragraphs broken ahead, in a second process, while the first lays out
and draws.

Breaking a paragraph into lines (its word list, first fit, total fit for
the paragraphs first fit sets badly, the lines' text and kerns) is a pure
function of its text, its style and the width it is set at, and it is a
third of a long booklet's export; laying the pages out and drawing them is
most of the rest, and needs the lines in order.  So, on a machine with a
second core, a child process forked once the story is built runs ahead
through the story's paragraphs and sends back what
:meth:`exporter.typeset.paragraph.Paragraph.prebroken` makes of each: for
a paragraph of one plain run (most body text), its lines (text, kerns,
extra space: a few numbers a line); for others, the index ending each
line.  The parent, when it comes to break that paragraph at that width,
takes the answer if it has arrived and makes the lines from it.  An answer
not there yet, a paragraph set at another width (in a list, a table, a
split paragraph's rest) or one whose last line on a page may not end in a
hyphen is broken in the parent as before.

The answers are the parent's own, computed by the same code on a copy of
the same objects: a booklet is the same bytes with this or without it
(tested, with every paragraph taken from the child).  Nothing is written by
the child: it only writes to its pipe, and leaves with ``os._exit``; the
parent stops it when the layout ends, however it ends.  What the child
learnt about words (their kerns and hyphenation, :mod:`.wordcache`) it
sends last, and the parent keeps it in the cache folder with its own, so
that the next run's child reads it instead of shaping every word again.

Used where ``os.fork`` is safe (Linux, and no other thread running), with
two cores or more to run on, and for stories long enough to be worth a
process (:data:`MIN_PARAGRAPHS`).
``OCTAVO_JOBS=1`` turns it off.
"""

from __future__ import annotations

import gc
import marshal
import mmap
import os
import select
import signal
import struct
import sys
import time
from contextlib import contextmanager
from typing import Iterator

from exporter.typeset import wordcache

#: Fewer paragraphs than this are broken in the one process (a fork costs
#: a few milliseconds; the bundled booklet sends about 200).
MIN_PARAGRAPHS = 100
_BATCH = 16  # paragraphs a message
_ANSWERS, _WORDS = "answers", "words"  # the kinds of message: a batch of answers; what it learnt
_HEADER = struct.Struct("<I")
_POSITION = struct.Struct("<q")  # the index of the paragraph the layout last asked for
_LEAD = 2  # a child behind the layout goes on this many paragraphs after it
_LAST_WAIT = 0.5  # seconds the layout's end waits for the child's last message

_active: _Session | None = None


class _Session:
    """The parent's side: the paragraphs sent ahead, and the answers read."""

    def __init__(self, items: list, fd: int, pid: int, wait: bool, position: mmap.mmap | None = None) -> None:
        self.items = items        # index -> (paragraph, width) (the same object, in the parent)
        self.fd, self.pid = fd, pid
        self.wait = wait          # wait for each answer (tests), rather than break it here
        self.answers: dict[int, tuple] = {}  # index -> (widths, Paragraph.prebroken's answer)
        self.buffer = b""
        self.open = True
        # paragraphs sent asked for, answers used, answers that ReportLab breaks it (for tests)
        self.asked = self.taken = self.declined = 0
        self.learnt: list | None = None  # what the child learnt about words, once it is done
        self.position = position  # where the layout is, for the child to keep ahead of it

    def read(self, index: int) -> None:
        """Take whatever the child has sent so far, without waiting (or,
        in ``wait`` mode, until the answer for ``index`` is in)."""
        chunks = []
        while self.open:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                if self.wait and index not in self.answers:
                    self._parse(b"".join(chunks))
                    chunks = []
                    if index not in self.answers:
                        select.select([self.fd], [], [])
                    continue
                break
            except OSError:
                self.open = False
                break
            if not chunk:
                self.open = False
                break
            chunks.append(chunk)
        self._parse(b"".join(chunks))

    def _parse(self, data: bytes) -> None:
        if not data:
            return
        data = self.buffer + data
        at, size = 0, len(data)
        while size - at >= 4:
            (length,) = _HEADER.unpack_from(data, at)
            if size - at - 4 < length:
                break
            kind, payload = marshal.loads(data[at + 4:at + 4 + length])
            if kind == _ANSWERS:
                for index, widths, answer in payload:
                    self.answers[index] = (widths, answer)
            else:
                self.learnt = payload
            at += 4 + length
        self.buffer = data[at:]

    def close(self) -> None:
        """Stop the child; first take what it learnt about words (its last
        message, waited for at most :data:`_LAST_WAIT` seconds), into this
        process's tables (:mod:`.wordcache`), which the exporter saves."""
        if self.open:
            self.read(-1)  # what has come (waiting in wait mode, as the child ends)
        deadline = time.monotonic() + _LAST_WAIT
        while self.open and self.learnt is None and time.monotonic() < deadline:
            # the child, ahead of the layout, is done or nearly: its last message
            if select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                self.read(-1)
        if self.learnt:
            wordcache.learn(self.learnt)
        os.close(self.fd)
        if self.position is not None:
            self.position.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def chosen(paragraph, width) -> tuple | None:
    """The child's answer for ``paragraph`` broken at ``width`` (the widths
    ReportLab's wrap gives its lines), as
    :meth:`~exporter.typeset.paragraph.Paragraph.prebroken` returns it, or
    None when it has none (yet)."""
    session = _active
    if session is None:
        return None
    index = paragraph.__dict__.get("_prebreak")
    if index is None or session.items[index][0] is not paragraph:
        return None  # not sent, or a copy of one that was
    session.asked += 1
    if session.position is not None:
        _POSITION.pack_into(session.position, 0, index)
    answer = session.answers.get(index)
    if answer is None:
        session.read(index)
        answer = session.answers.get(index)
        if answer is None:
            return None
    widths, answer = answer
    if answer is None:
        session.declined += 1
        return None
    if widths != tuple(width):
        return None
    session.taken += 1
    return answer


def _paragraphs(flowables, width: float, out: list) -> list:
    """The paragraphs of ``flowables`` that a frame ``width`` wide sets
    at its width (``(paragraph, width)``, in story order): at the top
    level and inside groups kept together.  (A list makes its items'
    indents only when it is wrapped: its paragraphs are broken here.)"""
    from exporter.typeset.paragraph import Paragraph

    for f in flowables:
        if isinstance(f, Paragraph):
            if getattr(f.style, "breaking", None) is not None:
                out.append((f, width))
        else:
            content = f.__dict__.get("_content")
            if isinstance(content, list):
                _paragraphs(content, width, out)
    return out


def _usable() -> bool:
    if os.environ.get("OCTAVO_JOBS", "").strip() == "1":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if "threading" in sys.modules and sys.modules["threading"].active_count() > 1:
        return False  # a fork copies only this thread: a lock another holds would never be let go
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


#: For tests: fork whatever the story's length or the machine, and wait
#: for every answer (so that every paragraph sent is set from the child's).
FORCE = False


@contextmanager
def ahead(flowables: list, width: float) -> Iterator[_Session | None]:
    """Break the paragraphs of ``flowables`` that the frame sets at
    ``width`` in a child process for the duration of the block (see the
    module's notes); the block gets the session (None: not forked)."""
    global _active
    force = FORCE
    items = _paragraphs(flowables, width, [])
    if _active is not None or not (force or (len(items) >= MIN_PARAGRAPHS and _usable())):
        yield None
        return
    for index, (p, _) in enumerate(items):
        p._prebreak = index
    read_fd, write_fd = os.pipe()
    position = mmap.mmap(-1, _POSITION.size)  # shared: the paragraph the layout has come to
    _POSITION.pack_into(position, 0, -1)
    # SIGINT waits while the child is made, so that the parent's handler
    # (exporter.interrupt) never runs in the child: a Ctrl-C ends the
    # child quietly (and the parent says what it says)
    masked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        os.close(read_fd)
        os.close(write_fd)
        yield None
        return
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(items, write_fd, masked, position)
    signal.pthread_sigmask(signal.SIG_SETMASK, masked)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    session = _active = _Session(items, read_fd, pid, wait=force, position=None if force else position)
    try:
        yield session
    finally:
        _active = None
        session.close()


def _child(items: list, fd: int, masked, position: mmap.mmap) -> None:
    """Answer for each paragraph in turn, ``_BATCH`` to a message, keeping
    ahead of the layout: a paragraph the layout has already come to (it
    broke it itself) is skipped, to the second one after where it is;
    leave without running anything of the parent's (``os._exit``)."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child quietly
        signal.pthread_sigmask(signal.SIG_SETMASK, masked)
        from exporter import usercache

        usercache.READ_ONLY = True  # what it learns about words, fonts, patterns: not stored here
        # No cyclic collection here: the child starts with the whole layout's
        # objects as its own, which the collector would walk again and again
        # (touching every page of memory it shares with the parent), and
        # breaking lines makes next to no cycles.  With it, the child kept
        # pace with the layout for three paragraphs in four; without, nine in ten.
        gc.disable()
        learnt = wordcache.sizes()
        batch = []
        index, count = -1, len(items)
        while index + 1 < count:
            index += 1
            (at,) = _POSITION.unpack_from(position, 0)
            if index <= at:  # behind the layout: go ahead of it
                if batch:
                    _send(fd, (_ANSWERS, batch))
                    batch = []
                index = at + _LEAD
                if index >= count:
                    break
            p, width = items[index]
            style = p.style
            widths = (width - (style.leftIndent + style.firstLineIndent) - style.rightIndent,
                      width - style.leftIndent - style.rightIndent)
            try:
                answer = p.prebroken(list(widths))
            except Exception:  # noqa: BLE001 - the parent breaks it, and reports what goes wrong
                answer = None
            batch.append((index, widths, answer))
            if len(batch) >= _BATCH or index == count - 1:
                if batch:
                    _send(fd, (_ANSWERS, batch))
                batch = []
        # what it learnt about words (kerns, hyphenation), for the parent
        # to keep in the cache folder with its own: the next run's child
        # then reads it instead of shaping and hyphenating every word again
        _send(fd, (_WORDS, wordcache.learnt_since(learnt)))
    except BaseException:  # noqa: BLE001 - a closed pipe (the parent is done), an interrupt
        pass
    finally:
        os._exit(0)


def _send(fd: int, message: tuple) -> None:
    try:
        data = marshal.dumps(message)
    except ValueError:  # something marshal cannot hold (never in answers): not sent
        return
    _write(fd, _HEADER.pack(len(data)) + data)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
