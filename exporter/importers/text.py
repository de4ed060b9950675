"""Readers for plain-text and Markdown reports.

Plain text comes in two shapes.  Copied from a web page, each paragraph is
one long line, sometimes broken in mid-sentence; a line that ends with a
sentence's end ends its paragraph.  Typed in an editor, lines are wrapped at
a fixed width and blank lines separate paragraphs.  The reader tells them
apart by line lengths.  Markdown is parsed with markdown-it-py, the parser
the source format uses, and its paragraphs then get the same line rules
(rapporteurs number points "I." and "II." on lines of their own, which
CommonMark reads as one paragraph).
"""

from __future__ import annotations

import codecs
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from exporter.errors import Problem, ValidationError
from exporter.importers.document import LIST_MARKER, Block, Report, Span, is_debris
from exporter.source.yamlread import FORBIDDEN, char_name, line_col

#: A line that ends a sentence: its paragraph may end with it.
_ENDS = re.compile(r"[.?!:;][”’\"')\]]*$|[”\"]$")
#: Credit lines ("Compiled by: …") stand alone even inside a paragraph.
CREDIT = re.compile(r"^(?:compiled|complied|edited|written|prepared|reported|rapporteurs?|report(?:ed)? by|"
                    r"proof ?read|reviewed|design(?:ed)?|layout)\b[^:]{0,20}:", re.I)


def decode(raw: bytes, display: str) -> str:
    """The text of a report file: UTF-8 (with or without BOM) or UTF-16 with
    its BOM; anything else is refused with the place of the first bad byte."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise ValidationError([Problem(display, 0, 0, "", f"not valid {codec.upper()} after its "
                                               f"byte-order mark (at byte {exc.start + len(bom)})")],
                                      "report") from None
    head = raw[:4096]
    if b"\x00" in head and _looks_utf16(head):
        raise ValidationError([Problem(display, 0, 0, "", "this looks like UTF-16 text without its byte-order "
                                       "mark, which cannot be told from other encodings for sure; save the report "
                                       "as UTF-8, or as UTF-16 with BOM (Word and Notepad write one)")], "report")
    if b"\x00" in head:
        raise ValidationError([Problem(display, 0, 0, "", "this is not a text file (it holds NUL bytes); "
                                       "save the report as UTF-8 text, or give the .docx")], "report")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValidationError([Problem(display, line, col, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02X}); "
                                       "save the report as UTF-8 (with or without BOM) or UTF-16 with BOM")],
                              "report") from None


def _looks_utf16(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-16 (either byte order) of mostly Latin
    text: every other byte NUL, the rest not."""
    pairs = len(head) // 2
    if pairs < 4:
        return False
    for zero in (0, 1):  # big endian: NUL first; little endian: NUL second
        nul = sum(1 for i in range(zero, 2 * pairs, 2) if head[i] == 0)
        other = sum(1 for i in range(1 - zero, 2 * pairs, 2) if head[i] == 0)
        if nul >= 0.9 * pairs and other == 0:
            return True
    return False


def check_characters(text: str, display: str) -> None:
    """Refuse characters no source may hold, every one with its line and column."""
    problems = []
    for m in FORBIDDEN.finditer(text):
        line, col = line_col(text, m.start())
        problems.append(Problem(display, line, col, "", f"character {char_name(m.group())} is not allowed in "
                                "a report; delete it"))
    if problems:
        raise ValidationError(problems, "report")


#: Line ends of every kind: CR LF, CR, NEL and the Unicode line and paragraph separators.
_NEWLINES = re.compile("\r\n|[\r\x85\u2028\u2029]")


def _normalise_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


class _Lines:
    """Groups stand-alone lines into blocks (the shared line rules)."""

    def __init__(self, wrapped: bool) -> None:
        self.wrapped = wrapped
        self.blocks: list[Block] = []
        self.dropped: list[tuple[int, str]] = []
        self.cur: list[tuple[int, str, tuple[Span, ...]]] = []
        self.cur_kind = "para"
        self.cur_ordered = True
        self.open_short = False  # the last line was short and had no full stop

    def flush(self) -> None:
        if not self.cur:
            return
        text, spans = "", []
        for _, part, part_spans in self.cur:
            if text:
                text += " "
            spans.extend(Span(s.start + len(text), s.end + len(text), s.kind, s.target) for s in part_spans)
            text += part
        short = (self.cur_kind == "para" and len(self.cur) == 1 and _short(text))
        self.blocks.append(Block(self.cur_kind, text, self.cur[0][0], tuple(spans),
                                 ordered=self.cur_ordered, short=short))
        self.cur = []
        self.cur_kind = "para"

    def line(self, number: int, text: str, spans: tuple[Span, ...] = ()) -> None:
        """Add one line (trailing white space already cut)."""
        stripped = text.strip()
        if not stripped:
            self.flush()
            return
        lead = len(text) - len(text.lstrip())
        if lead:
            text = text[lead:].rstrip()
            spans = tuple(Span(max(0, s.start - lead), min(len(text), s.end - lead), s.kind, s.target)
                          for s in spans if s.end - lead > 0)
        if self.open_short and not text[:1].islower():
            self.flush()  # the short line before stood alone: a heading, a name, a dateline
        self.open_short = False
        if not self.cur and is_debris(text):
            self.dropped.append((number, text))
            return
        marker = LIST_MARKER.match(text)
        if marker or CREDIT.match(text):
            self.flush()
            if marker:
                self.cur_kind = "item"
                self.cur_ordered = marker.group("n") is not None
                cut = marker.end()
                text, spans = text[cut:], tuple(Span(max(0, s.start - cut), s.end - cut, s.kind, s.target)
                                                for s in spans if s.end > cut)
        self.cur.append((number, text, spans))
        if CREDIT.match(text) and self.cur_kind == "para":
            self.flush()
        elif not self.wrapped and _ENDS.search(text):
            self.flush()  # web copy: a paragraph is a line
        elif not self.wrapped and len(text) < 80:
            # a long line may be broken in mid-sentence; a short one without a
            # full stop stands alone unless the next line goes on in lower case
            self.open_short = True


def _short(text: str) -> bool:
    """A line that could be a heading, a name or a credit: short, or in
    capitals ("PANEL 2 – HEALTH DATA ACROSS BORDERS: …"), or a numbered
    session or panel, and not ending as a sentence does."""
    if re.search(r"[.?!,;]$", text):
        return False
    if len(text) <= 80 and len(text.split()) <= 10:
        return True
    letters = [c for c in text if c.isalpha()]
    return len(text) <= 200 and (bool(letters) and all(c.isupper() for c in letters)
                                 or bool(re.match(r"(?:session|panel)\s+(?:[IVX]+|\d+|one|two|three|four)\b", text, re.I)))


def read_text(raw: bytes, display: str) -> Report:
    """A plain-text report."""
    text = _normalise_newlines(decode(raw, display)).removeprefix("\ufeff")
    check_characters(text, display)
    lines = text.split("\n")
    if not text.strip():
        raise ValidationError([Problem(display, 0, 0, "", "the report is empty")], "report")
    long_lines = sum(1 for ln in lines if len(ln) > 100)
    filled = sum(1 for ln in lines if ln.strip())
    grouper = _Lines(wrapped=long_lines < 0.1 * filled)
    for number, line in enumerate(lines, 1):
        grouper.line(number, line.rstrip())
    grouper.flush()
    return Report(display, tuple(_mark_title(grouper.blocks)), "line", tuple(grouper.dropped))


def _mark_title(blocks: list[Block]) -> list[Block]:
    """A short line before any paragraph is the report's title."""
    for i, b in enumerate(blocks):
        if b.kind == "para" and b.short and not CREDIT.match(b.text):
            blocks[i] = Block("title", b.text, b.line, b.spans)
            break
        if b.kind == "para" and not b.short:
            break
    return blocks


# -- Markdown ------------------------------------------------------------------

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def _inline(tok: Token) -> tuple[str, list[Span]]:
    """Text (soft breaks as newlines) and spans of an inline token."""
    text = ""
    spans: list[Span] = []
    stack: list[tuple[str, int, str]] = []
    for child in tok.children or []:
        t = child.type
        if t in ("text", "code_inline", "html_inline"):
            text += child.content
        elif t == "softbreak":
            text += "\n"
        elif t == "hardbreak":
            text += "\n"
        elif t in ("em_open", "strong_open", "link_open"):
            stack.append((t, len(text), str(child.attrs.get("href", "")) if t == "link_open" else ""))
        elif t in ("em_close", "strong_close", "link_close") and stack:
            kind, start, href = stack.pop()
            name = {"em_open": "emph", "strong_open": "strong", "link_open": "link"}[kind]
            if len(text) > start:
                spans.append(Span(start, len(text), name, href))  # type: ignore[arg-type]
        elif t == "image":
            text += child.content
    return text, spans


def read_markdown(raw: bytes, display: str) -> Report:
    """A Markdown report: headings (the first level-1 heading is the title),
    paragraphs, lists, block quotes; emphasis, bold and links kept."""
    text = _normalise_newlines(decode(raw, display)).removeprefix("\ufeff")
    check_characters(text, display)
    if not text.strip():
        raise ValidationError([Problem(display, 0, 0, "", "the report is empty")], "report")
    tokens = _md.parse(text)
    grouper = _Lines(wrapped=True)  # the parser found the paragraphs
    blocks = grouper.blocks
    ordered: list[bool] = []
    title_seen = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = (tok.map[0] + 1) if tok.map else 0
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            ordered.append(tok.type == "ordered_list_open")
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif tok.type == "heading_open":
            body, _ = _inline(tokens[i + 1])
            grouper.flush()
            level = int(tok.tag[1])
            kind = "title" if level == 1 and not title_seen else "heading"
            title_seen = title_seen or kind == "title"
            blocks.append(Block(kind, " ".join(body.split()), line, level=level))
            i += 3
            continue
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            body, spans = _inline(tok)
            in_item = bool(ordered) and tokens[i - 2].type == "list_item_open"
            grouper.flush()
            parts = body.split("\n")
            offset = 0
            for k, part in enumerate(parts):
                part_spans = tuple(Span(max(s.start, offset) - offset, min(s.end, offset + len(part)) - offset,
                                        s.kind, s.target) for s in spans
                                   if s.start < offset + len(part) and s.end > offset)
                if k == 0 and in_item:
                    grouper.cur_kind, grouper.cur_ordered = "item", ordered[-1]
                grouper.line(line + k, part.rstrip(), part_spans)
                offset += len(part) + 1
            grouper.flush()
        elif tok.type in ("fence", "code_block", "html_block"):
            grouper.flush()
            for k, part in enumerate(tok.content.split("\n")):
                grouper.line(line + k, part.rstrip())
            grouper.flush()
        i += 1
    grouper.flush()
    blocks = grouper.blocks
    if not title_seen:
        blocks = _mark_title(blocks)
    return Report(display, tuple(blocks), "line", tuple(grouper.dropped))
