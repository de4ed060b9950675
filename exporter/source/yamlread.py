"""Read a YAML file into plain data, remembering where every value was.

ruamel.yaml composes the node tree, through libyaml's C parser
(``ruamel.yaml.clib``) when it is installed and ruamel's pure-Python parser
otherwise; the C parser is about fourteen times faster, and a text it
refuses goes to the pure parser, whose messages are the ones reported.
This module turns the nodes into dicts, lists and strings itself (null is
the only type resolved, so ``NO`` stays ``"NO"``), so that every scalar
keeps the exact text the editor typed (``0755`` stays ``"0755"``, ``1.10``
stays ``"1.10"``), duplicate keys are reported with both lines, and alias
expansion and nesting depth are bounded.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.main import CParser as _CParser
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from exporter.errors import Problem

PathT = tuple[Any, ...]

#: Whether ``YAML(pure=False)`` gets libyaml's parser (from ruamel.yaml.clib).
HAVE_C = _CParser is not None

#: Characters no output format can carry: C0/C1 controls other than tab and
#: line breaks, DEL, the non-characters U+FFFE/U+FFFF and lone surrogates.
#: Characters refused in text, each reported with its location: C0/C1
#: controls (but tab, LF, CR, NEL), non-characters, lone surrogates, the
#: direction overrides and isolates (they can make text read differently
#: from what it says; Octavo sets direction itself) and a byte-order mark
#: inside the text.  Zero-width space, joiner and non-joiner and the soft
#: hyphen are kept: they break lines, shape scripts and hint hyphenation.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
                       "\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Limits:
    """Safety limits for reading sources; each can be raised through the
    environment variable named in its error message."""

    max_file_bytes: int = int(os.environ.get("OCTAVO_MAX_FILE_BYTES", 5_000_000))
    max_nodes: int = int(os.environ.get("OCTAVO_MAX_NODES", 200_000))
    max_depth: int = int(os.environ.get("OCTAVO_MAX_DEPTH", 40))


@dataclass(frozen=True)
class Pos:
    """Where a value starts (1-based line and column), its character span in
    the file, and its YAML style ('|' for a literal block, '"' quoted…)."""

    line: int
    col: int
    start: int = 0
    end: int = 0
    style: str | None = None


@dataclass
class YamlDoc:
    """A parsed file: its data, the position of every value and mapping key
    (by path), and the problems found while reading it."""

    file: str
    text: str = ""
    data: Any = None
    values: dict[PathT, Pos] = field(default_factory=dict)
    keys: dict[PathT, Pos] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def pos(self, path: PathT) -> Pos:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Pos(1, 1))

    def problem(self, path: PathT, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``path`` (at its key when ``key`` is true)."""
        p = self.keys.get(tuple(path)) if key else None
        p = p or self.pos(path)
        return Problem(self.file, p.line, p.col, dotted(path), message)

    def add(self, path: PathT, message: str, *, key: bool = False) -> None:
        """Record a problem located at ``path``."""
        self.problems.append(self.problem(path, message, key=key))


_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _join_pair(m: re.Match) -> str:
    high, low = m.group()
    return chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00))


def dotted(path: PathT) -> str:
    """``('items', 2, 'speakers')`` as ``items[2].speakers``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def char_name(ch: str) -> str:
    """``U+0007 (BEL)``-style name of a character for messages."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ord(ch), "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 0xB: "VERTICAL TAB", 0xC: "FORM FEED",
                  0x1B: "ESCAPE", 0x7F: "DELETE", 0xFFFE: "NONCHARACTER", 0xFFFF: "NONCHARACTER"}


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def read_yaml(path: Path, display: str, limits: Limits = Limits()) -> YamlDoc:
    """Parse ``path`` into a :class:`YamlDoc`; never raises for bad input.
    While an event is read with its answers kept (:mod:`exporter.source.pieces`),
    a file read before with the same bytes, name and limits is not parsed again."""
    from exporter.source import pieces

    memo = pieces.ACTIVE
    raw = path.read_bytes()
    if memo is None:
        return _read_yaml(raw, display, limits)
    import hashlib
    import pickle

    key = ("yaml", display, limits.max_file_bytes, limits.max_nodes, limits.max_depth, hashlib.sha256(raw).digest())
    kept = memo.get(key)
    if kept is not None:
        try:
            return pickle.loads(kept)  # a fresh copy: the loader adds its problems to it
        except Exception:  # noqa: BLE001 - a damaged answer: parse again
            pass
    doc = _read_yaml(raw, display, limits)
    memo.put(key, pickle.dumps(doc, protocol=5))
    return doc


def _read_yaml(raw: bytes, display: str, limits: Limits) -> YamlDoc:
    doc = YamlDoc(display)
    if len(raw) > limits.max_file_bytes:
        doc.problems.append(Problem(display, 0, 0, "", f"file is {len(raw):,} bytes, over the limit of "
                                    f"{limits.max_file_bytes:,} (raise it with OCTAVO_MAX_FILE_BYTES)"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        doc.problems.append(Problem(display, line, col, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02X}); "
                                    "save the file as UTF-8"))
        return doc
    text = text.removeprefix("\ufeff")
    bad = [(m.start(), m.group()) for m in FORBIDDEN.finditer(text)]
    if bad:  # let the parser see a harmless stand-in, report each with its field below
        text = FORBIDDEN.sub("\ufffd", text)
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        doc.problems.append(Problem(display, 1, 1, "", "file is empty"))
        return doc
    doc.text = text
    try:
        node = compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        doc.problems.append(Problem(display, mark.line + 1, mark.column + 1, "", f"YAML syntax error: {what}"))
        return doc
    except RecursionError:
        doc.problems.append(Problem(display, 1, 1, "", f"nesting deeper than the YAML reader can follow; "
                                    f"a source nests at most {limits.max_depth} levels (OCTAVO_MAX_DEPTH)"))
        return doc
    except YAMLError as exc:
        doc.problems.append(Problem(display, 1, 1, "", f"YAML error: {exc}"))
        return doc
    builder = _Builder(doc, limits)
    try:
        doc.data = builder.build(node, ())
    except _TooBig as exc:
        doc.problems.append(Problem(display, 1, 1, "", str(exc)))
        doc.data = None
        return doc
    for index, ch in bad:
        line, col = line_col(text, index)
        doc.problems.append(Problem(display, line, col, dotted(builder.path_at(index)),
                                    f"character {char_name(ch)} is not allowed in text; delete it"))
    return doc


#: Line separators YAML 1.1 (libyaml) breaks lines at and YAML 1.2 does not.
_SEPARATORS = re.compile("[\x85\u2028\u2029]")


#: Flow brackets, and a line's indentation with its compact block indicators
#: (``- - - x``): what nesting is made of.
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:[-?:][ \t]+)*", re.M)
#: Deepest nesting given to the C parser: ruamel's compiled composer recurses
#: once per level and overflows the C stack (a crash, no message) somewhere
#: past 10,000; the pure parser raises a RecursionError, which is reported.
C_SAFE_DEPTH = 1000


def nesting_bound(text: str) -> int:
    """An upper bound of the nesting depth of the YAML document ``text``:
    the top level, its deepest run of open flow brackets, and its longest
    run of indentation and block indicators at the start of a line (each
    nested block collection starts at least one column further in;
    brackets in quoted or plain text only make the bound larger)."""
    depth = deepest = 0
    for ch in _NOT_BRACKET.sub("", text):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return 1 + deepest + max(map(len, _BLOCK_PREFIX.findall(text)), default=0)


def compose(text: str, fast: bool = HAVE_C) -> Node:
    """The node tree of the YAML document ``text``.  With ``fast``, libyaml
    parses it first; what libyaml refuses, text holding line separators
    the two YAML versions read differently, and text that may nest deeper
    than :data:`C_SAFE_DEPTH` go to ruamel's pure parser, which raises the
    errors reported to editors."""
    if fast and not _SEPARATORS.search(text) and nesting_bound(text) <= C_SAFE_DEPTH:
        try:
            return YAML(typ="safe", pure=False).compose(text)
        except (YAMLError, RecursionError, ValueError):
            pass
    return YAML(typ="safe", pure=True).compose(text)


#: A tag written before a value.
_TAG = re.compile(r"(?:&[^\s,\[\]{}]+\s+)?(![^\s,\[\]{}]*)")  # after an anchor, if any


class _TooBig(Exception):
    pass


class _Builder:
    """Turns composed nodes into data, filling positions and problems."""

    def __init__(self, doc: YamlDoc, limits: Limits) -> None:
        self.doc, self.limits, self.count = doc, limits, 0
        self.spans: list[tuple[int, int, PathT]] = []

    def path_at(self, index: int) -> PathT:
        """The deepest value path whose span contains character ``index``."""
        best: PathT = ()
        for start, end, path in self.spans:
            if start <= index < end and len(path) >= len(best):
                best = path
        return best

    def build(self, node: Node, path: PathT) -> Any:
        self.count += 1
        if self.count > self.limits.max_nodes:
            raise _TooBig(f"more than {self.limits.max_nodes:,} YAML values (are aliases expanding?); "
                          "raise the limit with OCTAVO_MAX_NODES")
        if len(path) > self.limits.max_depth:
            raise _TooBig(f"nesting deeper than {self.limits.max_depth} levels at {dotted(path)}; "
                          "raise the limit with OCTAVO_MAX_DEPTH")
        s, e = node.start_mark, node.end_mark
        style = getattr(node, "style", None) or None  # libyaml gives '' for plain
        self.doc.values[path] = Pos(s.line + 1, s.column + 1, s.index, e.index, style)
        self.spans.append((s.index, e.index, path))
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        return None  # pragma: no cover - ruamel has no other node kinds

    def scalar(self, node: ScalarNode, path: PathT) -> str | None:
        if self.is_null(node):
            return None
        value = node.value
        if node.style == '"' and _SURROGATE_PAIR.search(value):
            # "\ud83d\udc69" as JSON (which is YAML 1.2) and JSON writers escape 👩: one character
            value = _SURROGATE_PAIR.sub(_join_pair, value)
        bad = list(FORBIDDEN.finditer(value))
        for m in bad:
            if value[m.start()] != "\ufffd":
                self.doc.add(path, f"character {char_name(m.group())} is not allowed in text; "
                                   "remove the escape sequence that produces it")
        return FORBIDDEN.sub("\ufffd", value) if bad else value  # reported once, here

    def is_null(self, node: ScalarNode) -> bool:
        """Whether ``node`` is YAML's null (``~``, ``null``, nothing, or a
        value tagged ``!!null``).  A value after a bare ``!`` is text, as
        YAML says; ruamel's pure parser resolves it like an untagged one."""
        if not str(node.tag).endswith(":null"):
            return False
        written = _TAG.match(self.doc.text, node.start_mark.index)
        return not (written and written.group(1) == "!")

    def mapping(self, node: MappingNode, path: PathT) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):
                m = knode.start_mark
                self.doc.problems.append(Problem(self.doc.file, m.line + 1, m.column + 1, dotted(path),
                                                 "a key must be plain text"))
                continue
            key = knode.value
            kpos = Pos(knode.start_mark.line + 1, knode.start_mark.column + 1)
            if key in first:
                self.doc.problems.append(Problem(self.doc.file, kpos.line, kpos.col, dotted((*path, key)),
                                                 f"duplicate key '{key}' (first given on line {first[key]})"))
                continue
            first[key] = kpos.line
            self.doc.keys[(*path, key)] = kpos
            out[key] = self.build(vnode, (*path, key))
        return out
