"""A report as its readers see it: a flat sequence of blocks.

Each reader (plain text, Markdown, Word) turns its file into these few
types and nothing else; the analysis (``structure``) never sees a format.
A block's text is exactly the report's text, with the hard line breaks of
web copy joined; inline markup (emphasis, bold, links) is kept as spans over
that text so that the writer can carry it into the source's Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

SpanKind = Literal["emph", "strong", "link"]


@dataclass(frozen=True)
class Span:
    """Inline markup over ``text[start:end]`` of a block."""

    start: int
    end: int
    kind: SpanKind
    target: str = ""


BlockKind = Literal["title", "subtitle", "heading", "para", "item"]


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, title or list item of the report.

    ``line`` is where it starts: a line of a text file, or the number of a
    Word paragraph.  ``ordered`` says, for a list item, whether its list is
    numbered.  ``short`` marks a plain-text line that stood alone and could
    be a heading, an outlet's name or a credit: the analysis decides."""

    kind: BlockKind
    text: str
    line: int
    spans: tuple[Span, ...] = ()
    level: int = 0
    ordered: bool = True
    short: bool = False

    def sub(self, start: int, end: int) -> "Block":
        """The block cut to ``text[start:end]``, spans clipped and rebased."""
        spans = tuple(Span(max(s.start, start) - start, min(s.end, end) - start, s.kind, s.target)
                      for s in self.spans if s.start < end and s.end > start)
        return replace(self, text=self.text[start:end], spans=spans)


@dataclass(frozen=True)
class Report:
    """A whole report: where it came from, its blocks in order, the lines a
    reader dropped as web debris (with their place), and what the file's
    own metadata says (a Word file's title and creation date)."""

    file: str
    blocks: tuple[Block, ...]
    unit: str = "line"
    dropped: tuple[tuple[int, str], ...] = ()
    meta_title: str = ""
    meta_date: str = ""
    notes: tuple[str, ...] = ()  # what the reader could not carry over, for the summary


#: A list item's marker at the start of a line: "I.", "iv)", "1.", "2)",
#: "a.", "(b)", "-", "•".  Group ``n`` is the number or letter.
LIST_MARKER = re.compile(r"^(?:\(?(?P<n>[IVXLC]{1,6}|[ivxlc]{1,6}|\d{1,3}|[a-z])[.)]|[-•▪◦*–])[ \t\u00a0]+(?=\S)")

#: Lines that web pages add around an article, dropped and listed.
DEBRIS = re.compile(
    r"^(?:listen(?: to this)?(?: text| article)?|author of this article:?|share(?: this(?: article| post)?)?:?"
    r"|print(?: this)?|email|tweet|facebook|twitter|linkedin|whatsapp|read more|click here(?: to [a-z ]+)?"
    r"|tags?:.*|related(?: posts| articles| news)?:?|leave a (?:reply|comment)|\d+ comments?"
    r"|posted (?:on|in|by) .*|skip to (?:main )?content|advertisement|back to top"
    r"|(?:published|posted|updated|last updated)(?: on)?:? \d{1,2} \w+,? \d{4}(?: *[|·•].*)?"
    r"|(?:[^›»|\n]{1,40} *[›»] *){2,}[^›»|\n]{1,40})$", re.I)  # a breadcrumb: Home › News › Events


def is_debris(line: str) -> bool:
    """Whether a line standing alone is web-page furniture, not report text."""
    return len(line) <= 120 and bool(DEBRIS.match(line.strip()))
