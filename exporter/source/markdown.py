"""Markdown prose to model blocks, with markdown-it-py.

The prose subset is CommonMark's paragraphs, emphasis, strong, links,
ordered and bulleted lists and block quotes.  Raw HTML is off, so ``<b>``
or ``<script>`` is text like any other; line breaks inside a paragraph are
spaces.  Anything else (headings, code, images, tables, rules) is reported:
the structure of a record lives in the YAML, not in the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from exporter.model import (Block, BlockQuote, Emph, Inline, Link, ListBlock, Loc,
                            Paragraph, Strong, Text)

ALLOWED_SCHEMES = ("http", "https", "mailto")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.validateLink = lambda url: True  # we check schemes ourselves, with a location

_UNSUPPORTED = {
    "heading_open": "a heading", "code_block": "an indented code block (remove the indent)",
    "fence": "a code block", "hr": "a horizontal rule", "image": "an image",
    "code_inline": "a code span (escape the backquote as \\`)", "table_open": "a table",
}


@dataclass(frozen=True)
class ProseOrigin:
    """Where a piece of prose sits in its file: ``line_of(n)`` is the file
    line of the prose's 0-based line ``n``; ``col`` its first column."""

    file: str
    path: str
    first_line: int
    col: int

    def loc(self, n: int) -> Loc:
        return Loc(self.file, self.first_line + n, self.col, self.path)


Report = Callable[[Loc, str], None]


def parse_blocks(text: str, origin: ProseOrigin, report: Report) -> tuple[Block, ...]:
    """Markdown ``text`` as model blocks; problems go to ``report``.  While
    an event is read with its answers kept (:mod:`exporter.source.pieces`),
    the same text at the same place is not parsed again: its blocks and
    problems are those of the last read."""
    from exporter.source import pieces

    memo = pieces.ACTIVE
    if memo is None:
        return _parse_blocks(text, origin, report)
    key = ("md", text, origin)
    kept = memo.get(key)
    if kept is None:
        problems: list[tuple[Loc, str]] = []
        blocks = _parse_blocks(text, origin, lambda loc, message: problems.append((loc, message)))
        kept = (blocks, tuple(problems))
        memo.put(key, kept)
    blocks, problems = kept
    for loc, message in problems:
        report(loc, message)
    return blocks


def _parse_blocks(text: str, origin: ProseOrigin, report: Report) -> tuple[Block, ...]:
    tokens = _md.parse(text)
    blocks, _ = _blocks(tokens, 0, None, origin, report)
    return tuple(blocks)


def parse_inline(text: str, origin: ProseOrigin, report: Report) -> tuple[Inline, ...]:
    """One line of Markdown (a title, a message) as inline nodes."""
    blocks = parse_blocks(text, origin, report)
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return blocks[0].inlines
    if blocks:
        report(origin.loc(0), "expected a single line of text, not paragraphs or lists")
    return ()


def _blocks(tokens: list[Token], i: int, close: str | None, origin: ProseOrigin,
            report: Report) -> tuple[list[Block], int]:
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        loc = origin.loc(tok.map[0]) if tok.map else origin.loc(0)
        if close and tok.type == close:
            return out, i + 1
        if tok.type == "paragraph_open":
            out.append(Paragraph(_inlines(tokens[i + 1].children or [], loc, report), loc))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            ordered = tok.type == "ordered_list_open"
            items, i = _list_items(tokens, i + 1, tok.type.replace("_open", "_close"), origin, report)
            start = int(tok.attrs.get("start", 1)) if ordered else 1
            out.append(ListBlock(ordered, tuple(items), start, loc))
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close", origin, report)
            out.append(BlockQuote(tuple(inner), loc))
        else:
            what = _UNSUPPORTED.get(tok.type, tok.type)
            report(loc, f"{what} is not supported in prose; the structure belongs in the YAML")
            i = _skip(tokens, i)
    return out, i


def _list_items(tokens: list[Token], i: int, close: str, origin: ProseOrigin,
                report: Report) -> tuple[list[tuple[Block, ...]], int]:
    items: list[tuple[Block, ...]] = []
    while tokens[i].type != close:
        # list_item_open … list_item_close; paragraphs inside tight lists are hidden
        inner, i = _blocks(tokens, i + 1, "list_item_close", origin, report)
        items.append(tuple(inner))
    return items, i + 1


def _skip(tokens: list[Token], i: int) -> int:
    """Index after the token at ``i`` and everything nested in it."""
    level = tokens[i].nesting
    i += 1
    while level > 0 and i < len(tokens):
        level += tokens[i].nesting
        i += 1
    return i


def _inlines(children: list[Token], loc: Loc, report: Report) -> tuple[Inline, ...]:
    stack: list[tuple[str, list[Inline], str]] = [("root", [], "")]
    for tok in children:
        top = stack[-1][1]
        if tok.type == "text":
            _append_text(top, tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            _append_text(top, " ")
        elif tok.type in ("em_open", "strong_open"):
            stack.append((tok.type, [], ""))
        elif tok.type == "link_open":
            href = str(tok.attrs.get("href", ""))
            scheme = urlsplit(href).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                report(loc, f"link target '{href}' is not allowed; use an http, https or mailto link")
            stack.append(("link", [], href))
        elif tok.type in ("em_close", "strong_close", "link_close"):
            kind, kids, href = stack.pop()
            node: Inline = (Emph(tuple(kids)) if kind == "em_open" else
                            Strong(tuple(kids)) if kind == "strong_open" else Link(href, tuple(kids)))
            stack[-1][1].append(node)
        else:
            what = _UNSUPPORTED.get(tok.type, tok.type)
            report(loc, f"{what} is not supported in prose")
            if tok.content:
                _append_text(top, tok.content)
    return tuple(stack[0][1])


def _append_text(out: list[Inline], text: str) -> None:
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text + text)
    else:
        out.append(Text(text))


# -- writing prose back: the mirror of the parser ------------------------------

#: Characters that are markup anywhere in a line of CommonMark text.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>!])")
#: A character reference ("&amp;", "&#10;") that the parser would decode.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: What makes a line something other than a paragraph's text.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=~|:-])|(\d{1,9})([.)]))")


def escape_text(text: str, *, line_start: bool = True) -> str:
    """``text`` as CommonMark that :func:`parse_inline` reads back as exactly
    ``text`` (tested as a property in ``tests/test_import_text.py``).

    Only what would otherwise be markup is escaped: emphasis and code
    markers, brackets, angle brackets, a ``!`` before a link, character
    references, and what would start a heading, list, quotation or setext
    underline at the start of a line (``line_start``)."""
    out = _ENTITY.sub("\\\\&", _INLINE_SPECIAL.sub(r"\\\1", text))
    if line_start:
        out = _LINE_START.sub(lambda m: m.group(1) + (("\\" + m.group(2)) if m.group(2)
                                                     else m.group(3) + "\\" + m.group(4)), out, count=1)
    return out
