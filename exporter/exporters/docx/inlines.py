"""Inline model nodes as Word runs: every run carries either no properties
or one named character style (Emphasis, Strong, Hyperlink), and text in
another script or language carries its language marks (``languages``)."""

from __future__ import annotations

from functools import singledispatch

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from exporter import model as m
from exporter.scripts import stretches

from .languages import mark
from .reference import STYLE_MARKS, style_for
from .styleids import add_run

#: Quotation marks by nesting depth: “outer”, ‘inner’.
QUOTES = (("\u201c", "\u201d"), ("\u2018", "\u2019"))


class Runs:
    """Where inline content goes: a python-docx paragraph, the character
    style in force, the quotation depth, and the language of the text when
    the source says it ("" for the document's, or a guess from the script)."""

    def __init__(self, paragraph, style: str | None = None, depth: int = 0, lang: str = "") -> None:
        self.paragraph, self.style, self.depth, self.lang = paragraph, style, depth, lang

    def add(self, text: str) -> None:
        """Append ``text`` in the current character style: one run, or one
        per stretch in another script, marked with its language."""
        for stretch in stretches(text, self.lang):
            mark(add_run(self.paragraph, stretch.text, self.style)._r, stretch)

    def styled(self, style: str) -> "Runs":
        """The same paragraph with ``style`` added to the character style in
        force: Strong inside Emphasis is Strong Emphasis, a link inside it
        Hyperlink Emphasis (a run carries one style, and none may be lost)."""
        marks = STYLE_MARKS.get(self.style or "", frozenset()) | STYLE_MARKS[style]
        return Runs(self.paragraph, style_for(marks), self.depth, self.lang)

    def deeper(self) -> "Runs":
        """The same paragraph one quotation level down."""
        return Runs(self.paragraph, self.style, self.depth + 1, self.lang)

    def in_language(self, lang: str) -> "Runs":
        """The same paragraph, for text the source says is in ``lang``."""
        return Runs(self.paragraph, self.style, self.depth, lang)


def add_inlines(runs: Runs, nodes: tuple[m.Inline, ...]) -> None:
    """Append each inline node of ``nodes`` in order."""
    for node in nodes:
        inline(node, runs)


@singledispatch
def inline(node, runs: Runs) -> None:
    """Append one inline node (dispatched on its type)."""
    raise TypeError(f"no Word rendering for {type(node).__name__}")


@inline.register
def _(node: m.Text, runs: Runs) -> None:
    runs.add(node.text)


@inline.register
def _(node: m.Emph, runs: Runs) -> None:
    add_inlines(runs.styled("Emphasis"), node.children)


@inline.register
def _(node: m.Strong, runs: Runs) -> None:
    add_inlines(runs.styled("Strong"), node.children)


@inline.register
def _(node: m.Quote, runs: Runs) -> None:
    opening, closing = QUOTES[runs.depth % 2]
    runs.add(opening)
    add_inlines(runs.deeper(), node.children)
    runs.add(closing)


@inline.register
def _(node: m.Link, runs: Runs) -> None:
    add_link(runs, node.target, node.children)


def add_link(runs: Runs, url: str, children: tuple[m.Inline, ...]) -> None:
    """A w:hyperlink to external ``url`` around the runs of ``children``,
    set in the Hyperlink character style."""
    p = runs.paragraph._p
    before = len(p.findall(qn("w:r")))
    add_inlines(runs.styled("Hyperlink"), children)
    new_runs = p.findall(qn("w:r"))[before:]
    rid = runs.paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    link.set(qn("w:history"), "1")
    p.append(link)
    for r in new_runs:
        link.append(r)
