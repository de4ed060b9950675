"""Block model nodes as Word paragraphs: Paragraph in the given style,
ListBlock as List Number (a fresh, restarting w:num per list) or List
Bullet, BlockQuote in the Quote style.

The source text of each prose paragraph (not its label, such as a
questioner's name) is wrapped in a bookmark named after its place in the
source (``exporter.anchors``), so that an edited copy can be read back into
the source: invisible in Word and LibreOffice, and kept by both when they
save."""

from __future__ import annotations

from functools import singledispatch

from docx.oxml.ns import qn

from exporter import model as m
from exporter.anchors import Counter
from exporter.plaintext import inline_text
from exporter.scripts import right_to_left

from .inlines import Runs, add_inlines
from .ooxml import PPR_ORDER, el, put_in_order
from .reference import list_abstract
from .styleids import add_paragraph

#: A label set before a block's text: (text, character style or None).
Lead = tuple[tuple[str, str | None], ...]


class ListNumbers:
    """Numbering instances for ordered lists: each list gets its own w:num
    over the List Number abstract numbering, restarting at the list's start."""

    def __init__(self, document, number_format: str) -> None:
        self.numbering = document.part.numbering_part.element
        abstract = list_abstract(document, number_format)
        self.abstract_id = int(abstract.get(qn("w:abstractNumId")))

    def new(self, start: int) -> int:
        """The numId of a new numbering instance starting at ``start``."""
        num = self.numbering.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId


class Blocks:
    """Writes blocks into a python-docx document (at its end)."""

    #: Bookmark ids of source anchors start here, clear of the headings' ids.
    FIRST_ANCHOR_ID = 100_000

    def __init__(self, document, numbers: ListNumbers, event_id: str = "") -> None:
        self.document, self.numbers = document, numbers
        self.anchors = Counter(event_id) if event_id else None
        self.anchor_ids = self.FIRST_ANCHOR_ID

    def paragraph(self, style: str, inlines: tuple[m.Inline, ...] = (), lead: Lead = (),
                  source: m.Paragraph | None = None):
        """A new paragraph in ``style``: the lead label, then ``inlines``;
        with ``source``, the inlines are bookmarked as that paragraph's text."""
        para = add_paragraph(self.document, style)
        runs = Runs(para)
        for text, char_style in lead:
            runs.styled(char_style).add(text) if char_style else runs.add(text)
        name = self.anchors.name(source) if source is not None and self.anchors is not None else None
        if name is not None:
            ident = str(self.anchor_ids)
            self.anchor_ids += 1
            para._p.append(el("w:bookmarkStart", id=ident, name=name))
        add_inlines(runs, inlines)
        if name is not None:
            para._p.append(el("w:bookmarkEnd", id=ident))
        if right_to_left("".join(text for text, _ in lead) + inline_text(inlines)):
            # an Urdu or Arabic paragraph: Word sets it from the right, its
            # list number or bullet on the right, as the PDF does
            put_in_order(para._p.get_or_add_pPr(), el("w:bidi"), PPR_ORDER)
        return para

    def text(self, style: str, text: str, lead: Lead = ()):
        """A new paragraph in ``style`` holding plain ``text``."""
        return self.paragraph(style, (m.Text(text),), lead)

    def blocks(self, blocks: tuple[m.Block, ...], style: str = "Body Text", lead: Lead = ()) -> None:
        """Each block in order; ``lead`` opens the first paragraph (or stands
        alone when the first block is not a paragraph)."""
        if lead and (not blocks or not isinstance(blocks[0], m.Paragraph)):
            self.paragraph(style, (), lead)
            lead = ()
        for i, b in enumerate(blocks):
            block(b, self, style, lead if i == 0 else ())

    def list_item(self, item: tuple[m.Block, ...], style: str, num_id: int | None) -> None:
        """One list item: its first paragraph numbered, the rest as body."""
        first, rest = (item[0], item[1:]) if item else (m.Paragraph(()), ())
        if isinstance(first, m.Paragraph):
            para = self.paragraph(style, first.inlines, source=first)
            if num_id is not None:
                set_number(para, num_id)
        else:
            rest = item
        self.blocks(rest)


def set_number(para, num_id: int) -> None:
    """Attach ``para`` to numbering instance ``num_id`` at level 0."""
    num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


@singledispatch
def block(node, out: Blocks, style: str, lead: Lead) -> None:
    """Write one block (dispatched on its type)."""
    raise TypeError(f"no Word rendering for {type(node).__name__}")


@block.register
def _(node: m.Paragraph, out: Blocks, style: str, lead: Lead) -> None:
    out.paragraph(style, node.inlines, lead, source=node)


@block.register
def _(node: m.ListBlock, out: Blocks, style: str, lead: Lead) -> None:
    list_style = "List Number" if node.ordered else "List Bullet"
    num_id = out.numbers.new(node.start) if node.ordered else None
    for item in node.items:
        out.list_item(item, list_style, num_id)


@block.register
def _(node: m.BlockQuote, out: Blocks, style: str, lead: Lead) -> None:
    out.blocks(node.blocks, "Quote")
