"""Tagged PDF (PDF/UA-1) for ReportLab documents, and PDF/A-2u
identification.

ReportLab has no tagging API, so tagging is done in two steps:

1. **While drawing.**  A :class:`Tagger` set on the document template
   (:class:`TaggedDoc`) wraps every page's content in ``/Artifact BMC …
   EMC``; each flowable that is real content (a paragraph, through the hook
   in :meth:`exporter.typeset.paragraph.Paragraph.drawOn`; a list label,
   a list's or the one a paragraph draws as its ``bulletText``; a figure)
   interrupts that with a marked-content sequence ``/P <</MCID n>> BDC …
   EMC`` and records which structure element owns MCID ``n`` of the page.  So anything drawn outside a flowable (running
   heads, folios, rules, table backgrounds, blank pages, the review
   watermark, dot leaders) is an Artifact without being named, and nothing
   painted is left out of both.  The structure element of a flowable is
   its :class:`Tag` (set by the story; a paragraph without one is a ``P``,
   or the role its style maps to); tags name their parent, so ``TOC >
   TOCI``, ``L > LI > Lbl + LBody`` and ``BlockQuote`` are built from the
   flowables' tags, in drawing order, with no container flowables.  A
   paragraph split across pages shares its tag with its parts: one element,
   two MCIDs.  Link annotations made while a flowable is drawn are put in a
   ``Link`` element of it.
2. **Before saving.**  The tagged document draws on a
   :class:`TaggedCanvas`, whose ``save`` first calls :func:`write`: it puts
   the structure tree into ReportLab's own document objects, which
   ReportLab then writes with everything else, in one pass (no second
   program re-reads the file): StructTreeRoot and its elements
   (:class:`_StructElem`, formatted from parts ReportLab formats), ParentTree,
   ``/StructParents`` and ``/Tabs /S`` on pages, ``/StructParent``,
   ``/Contents`` and the Print flag on link annotations; in the catalog
   ``/MarkInfo``, ``/Lang``, DisplayDocTitle, the page labels direct in
   their number tree; an XMP packet (made with ElementTree) with the
   document information's XMP equivalents, ``pdfuaid:part 1`` and, for the
   archive copy, PDF/A-2u: ``pdfaid`` part 2 conformance U (with the
   extension schema PDF/A asks for ``pdfuaid``) and an sRGB OutputIntent
   ``GTS_PDFA1``; the file is PDF 1.7.

The reading order is the structure tree's, which is the order flowables
are drawn; an element may be drawn after the one read after it (a
contents entry's page number is drawn before its text by ReportLab, and
read after it).  Conformance is checked by the project's tests, not
certified (see the README).
"""

from __future__ import annotations

import re
import struct
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from functools import lru_cache, partial
from typing import Iterator

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (PDFArray, PDFCatalog, PDFDictionary, PDFName, PDFObject, PDFObjectReference,
                                      PDFPage, PDFStream, PDFString, pdfdocEnc)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import BulletDrawer, ListFlowable, ListItem, _bulletFormat

from exporter.scripts import is_plain, stretches
from exporter.typeset.fallback import to_unicode
from exporter.typeset.identity import ContentCanvas
from exporter.typeset.kerning import cut

_HEADING = re.compile(r"H([1-6])")


class Tag:
    """What a flowable is in the structure tree: ``role`` (a standard
    structure type; None: the tagger's default for the flowable),
    ``parent`` (another tag, or None for the document), ``attrs``
    (``Alt``, ``Lang`` …).  ``link``: the flowable's text is one link, so
    its content goes inside the ``Link`` element.  ``last``: read after
    everything else (the brief's footer).  ``artifact``: not read at all
    (a pull quote that repeats the text)."""

    __slots__ = ("role", "parent", "attrs", "link", "last", "artifact", "node")

    def __init__(self, role: str | None = None, parent: Tag | None = None, *, link: bool = False,
                 last: bool = False, artifact: bool = False, **attrs) -> None:
        self.role, self.parent, self.attrs = role, parent, attrs
        self.link, self.last, self.artifact = link, last, artifact
        self.node: _Node | None = None


def mark(flowable, role: str | None = None, parent: Tag | None = None, **kw):
    """Give ``flowable`` a :class:`Tag` (returns the flowable)."""
    flowable._tag = Tag(role, parent, **kw)
    return flowable


def share(whole, parts) -> None:
    """The parts of a split flowable are one structure element."""
    tag = getattr(whole, "_tag", None)
    if tag is None:
        tag = whole._tag = Tag()
    for p in parts:
        p._tag = tag


class _Node:
    """A structure element being recorded: its kids are nodes, marked
    content ``(page, mcid)`` or link annotations ``("annot", page, i)``."""

    __slots__ = ("role", "kids", "attrs", "parent")

    def __init__(self, role: str, attrs: dict, parent: _Node | None) -> None:
        self.role, self.attrs, self.parent, self.kids = role, attrs, parent, []


class Tagger:
    """Records the marked content of one document as it is drawn.

    ``lang``: the document's language; ``roles``: structure type by
    paragraph style name (default ``P``); ``titles``: link destination name
    -> what it is called, for link annotations' ``/Contents``."""

    def __init__(self, lang: str = "", roles: dict[str, str] | None = None) -> None:
        self.lang = lang
        self.roles = roles or {}
        self.titles: dict[str, str] = {}
        self.root = _Node("Document", {}, None)
        self.tail: list[_Node] = []
        self.page = -1
        self.parents: list[list[_Node]] = []   # per page: the element of each MCID
        self.annots: list[tuple[int, int, str]] = []  # (page, index in its /Annots, destination name or "")
        self.annot_nodes: list[_Node] = []
        self._open: list[tuple[_Node, int]] = []  # sequences open: (element, annotations before)

    # -- pages -------------------------------------------------------------------
    def page_begin(self, canv) -> None:
        self.page += 1
        self.parents.append([])
        canv._code.append("/Artifact BMC")

    def page_end(self, canv) -> None:
        canv._code.append("EMC")

    # -- elements ---------------------------------------------------------------
    def node(self, tag: Tag, role: str = "P", text: str = "") -> _Node:
        """The element of ``tag``, made (with its parents) the first time."""
        if tag.node is None:
            parent = self.node(tag.parent, "Div") if tag.parent is not None else None
            attrs = dict(tag.attrs)
            if text and "Lang" not in attrs:
                lang = self.lang_of(text)
                if lang:
                    attrs["Lang"] = lang
            n = _Node(tag.role or role, attrs, parent)
            if parent is not None:
                parent.kids.append(n)
            else:
                (self.tail if tag.last else self.root.kids).append(n)
            tag.node = n
        return tag.node

    def lang_of(self, text: str) -> str:
        """The language of ``text`` when most of its letters are in a script
        other than the document's (a paragraph in Cyrillic), else ""."""
        if is_plain(text):
            return ""
        counts: dict[str, int] = {}
        for s in stretches(text):
            letters = sum(1 for ch in s.text if ch.isalpha())
            counts[s.lang] = counts.get(s.lang, 0) + letters
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        return lang if lang and n * 2 > sum(counts.values()) and lang != self.lang else ""

    def begin(self, canv, node: _Node) -> None:
        """Leave the page's Artifact and start a sequence of ``node``."""
        parents = self.parents[self.page]
        mcid = len(parents)
        parents.append(node)
        node.kids.append((self.page, mcid))
        canv._code.append(f"EMC /{node.role} <</MCID {mcid}>> BDC")

    def end(self, canv) -> None:
        """End the sequence; back in the page's Artifact."""
        canv._code.append("EMC /Artifact BMC")

    # -- flowables --------------------------------------------------------------
    def open(self, canv, flowable) -> None:
        """Before ``flowable`` draws itself."""
        tag = getattr(flowable, "_tag", None)
        if tag is None:
            tag = flowable._tag = Tag()
        if tag.artifact or self._open:  # inside another element: its content
            self._open.append((None, 0))
            return
        style = getattr(flowable, "style", None)
        role = self.roles.get(getattr(style, "name", ""), "P")
        label = None
        if tag.role == "LBody" and tag.node is None and tag.parent is not None and not tag.link \
                and getattr(flowable, "bulletText", None):
            # a paragraph that draws its list item's number or bullet itself
            # (bulletText): that is the item's Lbl, before its LBody
            label = self._child(self.node(tag.parent, "LI"), "Lbl")
        node = self.node(tag, role, getattr(flowable, "text", "") or "")
        if tag.link:
            node = next((k for k in node.kids if isinstance(k, _Node) and k.role == "Link"), None) \
                or self._child(node, "Link")
        self._open.append((node, len(canv._annotationrefs)))
        self.begin(canv, label or node)
        if not tag.link and getattr(flowable, "blPara", None) is not None:
            _Spans.install(self, canv, node, flowable, label)

    def close(self, canv) -> None:
        """After the flowable drew itself: end its sequence, and put the link
        annotations it made in a Link element."""
        node, before = self._open.pop()
        if node is None:
            return
        spans = canv.__dict__.pop("_tag_spans", None)
        if spans is not None:
            spans.uninstall()
        self.end(canv)
        after = len(canv._annotationrefs)
        if after > before:
            holders = spans.link_holders(after - before) if spans is not None else None
            if holders is None:
                holders = [node if node.role == "Link" else self._child(node, "Link")] * (after - before)
            objects = canv._doc.idToObject
            for holder, i in zip(holders, range(before, after)):
                link = objects.get(canv._annotationrefs[i].name)
                dest = getattr(getattr(link, "Destination", None), "name", "") or ""
                holder.kids.append(("annot", self.page, i))
                self.annots.append((self.page, i, dest if isinstance(dest, str) else ""))
                self.annot_nodes.append(holder)

    def _child(self, node: _Node, role: str) -> _Node:
        child = _Node(role, {}, node)
        node.kids.append(child)
        return child

    @contextmanager
    def aside(self, canv) -> Iterator[_Node | None]:
        """Inside a flowable's sequence: what is drawn in the ``with`` is an
        Artifact (unless it starts a sequence of its own); the flowable's
        sequence resumes after it.  Yields the flowable's element."""
        node = self._open[-1][0] if self._open else None
        if node is None:
            yield None
            return
        self.end(canv)
        yield node
        self.begin(canv, node)

    # -- the tree -----------------------------------------------------------------
    def elements(self) -> Iterator[_Node]:
        todo = [*reversed(self.tail), *reversed(self.root.kids)]
        while todo:
            n = todo.pop()
            yield n
            todo += [k for k in reversed(n.kids) if isinstance(k, _Node)]

    def heading_shift(self) -> int:
        """How many levels every heading moves up so the first level is H1
        (a review copy or a layout without a cover has no book title)."""
        levels = [int(m.group(1)) for n in self.elements() if (m := _HEADING.fullmatch(n.role))]
        return min(levels) - 1 if levels else 0


class _Spans:
    """Inline structure inside one paragraph: the words of a link in its
    ``Link`` element, words in another script than the paragraph's in a
    ``Span`` with their ``/Lang``; and the list label a paragraph draws
    itself (``bulletText``) in its ``Lbl``.

    Installed by :meth:`Tagger.open` only on a paragraph that has any of
    these, for the time it draws itself.  ReportLab draws a bullet as a
    text object of its own, begun and drawn before the paragraph's text
    object is begun (``_drawBullet`` in ``drawPara``, for either kind of
    paragraph): so with a ``label`` the first text object begun is the
    label's, drawn inside the ``Lbl`` sequence :meth:`Tagger.open` began,
    and the paragraph's ``LBody`` sequence begins after its ``ET``.  ReportLab writes a paragraph's text as
    one text object (``BT … ET``) and each fragment of it through
    ``_textOut``, so the text object this paragraph begins gets a
    ``_textOut`` that ends and begins marked-content sequences between
    (and, for a change of script, inside) fragments, and the canvas's
    ``drawText`` closes the paragraph's own sequence before ``BT`` and
    opens a new one after ``ET`` (a sequence may not cross a text object's
    bounds, ISO 32000-1, 14.6).  The text drawn is the same, piece for
    piece; a kern between two pieces is kept as a number in ``TJ``."""

    def __init__(self, tagger: Tagger, canv, node: _Node, frags: list, label: _Node | None = None,
                 inline: bool = True) -> None:
        self.tagger, self.canv, self.node, self.frags = tagger, canv, node, frags
        self.label, self.inline = label, inline
        self.label_text = None  # the label's text object, once begun
        self.cursor = 0
        self.current: _Node | None = None  # the element whose sequence is open in the text object
        self.links: dict = {}  # ReportLab's link record -> its Link element
        self.line = 0
        self.on_line: list[tuple[int, int, object]] = []  # (line, link number, record), once each
        self.spans: dict[tuple[int, str], _Node] = {}  # (id of holder, lang) -> the Span just used

    @classmethod
    def install(cls, tagger: Tagger, canv, node: _Node, flowable, label: _Node | None = None) -> None:
        bl = flowable.blPara
        frags = [f for line in bl.lines for f in line.words if not hasattr(f, "cbDefn")] \
            if getattr(bl, "kind", 0) == 1 else []
        linked = any(getattr(f, "link", None) for f in frags)
        # the text as set in lines (once broken, a paragraph's ``frags`` are
        # ReportLab's word lists, with no text of their own)
        drawn = "".join(f.text for f in frags) if frags else \
            " ".join(w for line in bl.lines if isinstance(line, tuple) for w in line[1] if isinstance(w, str))
        # no Span in a heading: pdfua 0.1.3's empty-heading rule raises on a
        # heading whose /K is an array (its as_integer asks a pikepdf Array
        # for is_integer), so a heading keeps one kid; its /Lang is the
        # element's own when most of its letters are in another script
        inline = linked or not (is_plain(drawn) or _HEADING.fullmatch(node.role))
        if not inline and label is None:
            return
        spans = cls(tagger, canv, node, frags, label, inline)
        canv._tag_spans = spans
        begin_text = type(canv).beginText

        def beginText(*args, **kw):
            tx = begin_text(canv, *args, **kw)
            if spans.label is not None and spans.label_text is None:
                spans.label_text = tx  # the bullet's, begun first: drawn whole in the Lbl
            elif spans.inline:
                spans.wrap(tx)
            return tx

        def drawText(tx):
            if tx is spans.label_text and spans.label is not None:
                type(canv).drawText(canv, tx)
                spans.label = None
                tagger.begin(canv, node)  # EMC (the Lbl's) and the LBody's sequence, after ET
                return
            if getattr(tx, "_tag_spans", None) is not spans:
                return type(canv).drawText(canv, tx)
            canv._code.append("EMC")  # the paragraph's sequence ends before BT …
            type(canv).drawText(canv, tx)
            canv._code.append(spans.bdc(node))  # … and goes on after ET
        canv.beginText, canv.drawText = beginText, drawText

    def uninstall(self) -> None:
        self.canv.__dict__.pop("beginText", None)
        self.canv.__dict__.pop("drawText", None)

    def bdc(self, node: _Node) -> str:
        t = self.tagger
        parents = t.parents[t.page]
        mcid = len(parents)
        parents.append(node)
        node.kids.append((t.page, mcid))
        return f"/{node.role} <</MCID {mcid}>> BDC"

    def lang(self, node: _Node) -> str:
        while node is not None:
            if "Lang" in node.attrs:
                return node.attrs["Lang"]
            node = node.parent
        return self.tagger.lang

    def wrap(self, tx) -> None:
        tx._tag_spans = self
        code = tx._code
        get_code = tx.getCode

        def getCode():
            if self.current is not None:
                code.append("EMC")
                self.current = None
            return get_code()

        def textOut(text, TStar=0):
            holder = self.node
            frags = self.frags
            if self.cursor < len(frags) and frags[self.cursor].text is text:
                f = frags[self.cursor]
                self.cursor += 1
                if f.link:
                    record = f.link[0]
                    holder = self.links.get(record)
                    if holder is None:
                        holder = self.links[record] = self.tagger._child(self.node, "Link")
                    seen = (self.line, record[0] if isinstance(record, tuple) else 0, record)
                    if seen not in self.on_line:
                        self.on_line.append(seen)
            own = self.lang(holder)
            if not text or is_plain(text):
                pieces = [(text, own)]
            elif hasattr(text, "__shapeData__"):
                # glyphs shaped by HarfBuzz (fallback.shape_word), one run of
                # one script: drawn whole, as a cut would lose their
                # positions; its language that of the characters they stand for
                chars = "".join(to_unicode(tx._fontname, ord(c)) for c in text)
                pieces = [(text, next((s.lang for s in stretches(chars) if s.lang), own))]
            else:
                pieces = [(s.text, s.lang or self.tagger.lang) for s in stretches(text)]
                if len(pieces) == 1:
                    pieces = [(text, pieces[0][1])]  # uncut: the string itself, with its kerns
            kerns = getattr(text, "kerns", None) or ()
            at = 0
            for piece, lang in pieces:
                target = holder
                if lang == own and not piece.strip() and self.current is not None \
                        and self.current.parent is holder and self.current.role == "Span":
                    target = self.current  # a space between two words of a Span: in it
                elif lang != own:
                    key = (id(holder), lang)
                    target = self.spans.get(key)
                    if target is None or target is not self.current:
                        target = self.spans[key] = _Node("Span", {"Lang": lang}, holder)
                        holder.kids.append(target)
                else:
                    self.spans = {}
                if target is not self.current:
                    if self.current is not None:
                        code.append("EMC")
                    code.append(self.bdc(target))
                    self.current = target
                end = at + len(piece)
                if len(pieces) > 1:
                    edge = [d for i, d in kerns if i == at - 1] if at else []
                    if edge:  # the pair across the cut keeps its kern
                        code.append(f"[{fp_str(-edge[0])}] TJ")
                    if kerns or getattr(text, "ligs", None):
                        piece = cut(text, at, end)  # its kerns and the ligatures inside it
                code.append(tx._formatText(piece))
                at = end
            if TStar:
                code.append("T*")
                self.line += 1

        tx._textOut = textOut
        tx.getCode = getCode

    def link_holders(self, count: int) -> list[_Node] | None:
        """The Link element of each of ``count`` link annotations made while
        the paragraph drew (ReportLab makes them line by line, each line's
        in the order of its links), or None when they do not match."""
        order = [self.links[record] for _, _, record in sorted(self.on_line, key=lambda s: (s[0], s[1]))]
        return order if len(order) == count else None


class TaggedDoc:
    """Mixin for a ReportLab document template: with a :attr:`tagger`,
    every page's content is recorded for the structure tree, which is
    written with the file (on a :class:`TaggedCanvas`); ``archive``: and
    identified as PDF/A-2u."""

    tagger: Tagger | None = None
    archive: bool = False

    def _makeCanvas(self, filename=None, canvasmaker=Canvas):
        if self.tagger is not None and canvasmaker is Canvas:
            canvasmaker = partial(TaggedCanvas, tagger=self.tagger, archive=self.archive)
        return super()._makeCanvas(filename=filename, canvasmaker=canvasmaker)

    def handle_pageBegin(self) -> None:
        if self.tagger is not None:
            self.canv.tagger = self.tagger
            self.tagger.page_begin(self.canv)
        super().handle_pageBegin()

    def afterPage(self) -> None:
        super().afterPage()
        if self.tagger is not None:
            self.tagger.page_end(self.canv)


class Tagged:
    """Mixin for a flowable that is an element of its own (a figure): its
    drawing is the element's marked content."""

    def drawOn(self, canvas, x, y, _sW=0):
        tagger = getattr(canvas, "tagger", None)
        if tagger is None:
            return super().drawOn(canvas, x, y, _sW)
        tagger.open(canvas, self)
        super().drawOn(canvas, x, y, _sW)
        tagger.close(canvas)


class _Label(BulletDrawer):
    """A list item's bullet or number, drawn as its ``Lbl`` element."""

    _tag: Tag | None = None

    def drawOn(self, indenter, canv, x, y, _sW=0):
        tagger = getattr(canv, "tagger", None)
        if tagger is None or self._tag is None:
            return super().drawOn(indenter, canv, x, y, _sW)
        tagger.open(canv, self)
        super().drawOn(indenter, canv, x, y, _sW)
        tagger.close(canv)


class Label(_Label):
    """The bullet or number ``value`` of list item ``item`` (a Tag), drawn
    as ReportLab's list bullets are (``BulletDrawer``'s parameters), by an
    ``LIIndenter`` round the item's paragraph, as its ``Lbl``; ``read``:
    the label as it is read when it is drawn otherwise (``1.`` drawn
    ``.1`` from the right), the element's ``/ActualText``."""

    def __init__(self, value: str, item: Tag, read: str | None = None, **kw) -> None:
        super().__init__(value=value, bulletType="bullet", **kw)
        self._tag = Tag("Lbl", item, **({"ActualText": read} if read and read != value else {}))


class TaggedList(ListFlowable):
    """ReportLab's list as ``L > LI > Lbl + LBody``: each item's flowables
    (without a tag of their own) are paragraphs of its ``LBody``, its
    bullet or number the ``Lbl``."""

    def __init__(self, flowables, *args, **kw) -> None:
        self.tag = Tag("L")
        self._items: list[Tag] = []
        for item in flowables:
            li = Tag("LI", self.tag)
            body = Tag("LBody", li)
            self._items.append(li)
            inner = item._flowables if isinstance(item, ListItem) else item if isinstance(item, (list, tuple)) \
                else [item]
            for f in inner:
                tag = getattr(f, "_tag", None)
                if tag is None:
                    f._tag = Tag("P", body)
                elif tag.parent is None:
                    tag.parent = body
        self._labels = 0
        super().__init__(flowables, *args, **kw)

    def _makeBullet(self, value, params=None):
        bullet = super()._makeBullet(value, params)
        bullet.__class__ = _Label  # the same drawer, drawn as a Lbl element
        n, self._labels = self._labels, self._labels + 1
        # a number drawn from the right (.1 for 1.): its element reads as it is read
        fmt = bullet._bulletFormat
        read = {"ActualText": fmt.read(_bulletFormat(value, bullet._bulletType))} if hasattr(fmt, "read") else {}
        bullet._tag = Tag("Lbl", self._items[n], **read) if n < len(self._items) else None
        return bullet


# ---------------------------------------------------------------------------
# Before saving: the structure tree and the identification
# ---------------------------------------------------------------------------

#: The PDF/A extension schema for PDF/UA's identification (ISO 14289-1,
#: 5.4: pdfuaid is not one of PDF/A's predefined schemas).
_PDFUA_EXTENSION = """<rdf:Description rdf:about="" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>"""

#: XMP's namespaces, by the prefixes XMP and PDF/A expect.
_XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
_XPACKET = (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n', b'\n<?xpacket end="w"?>\n')


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile made by littleCMS (through Pillow), with a fixed
    creation date so that files are reproducible."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)  # the creation date
    data[84:100] = bytes(16)  # no profile ID (it would digest the date)
    return bytes(data)


class TaggedCanvas(ContentCanvas):
    """The canvas of a tagged document: PDF 1.7 (the version PDF/UA-1 and
    PDF/A-2 are based on), and before it is saved, :func:`write` adds the
    structure tree ``tagger`` recorded and the identification (PDF/A-2u
    too if ``archive``)."""

    def __init__(self, *args, tagger: Tagger, archive: bool = False, **kw) -> None:
        kw["pdfVersion"] = (1, 7)
        super().__init__(*args, **kw)
        self._structure = (tagger, archive)

    def save(self) -> None:
        tagger, archive = self._structure
        write(self._doc, tagger, archive=archive)
        super().save()


def write(doc, tagger: Tagger, *, archive: bool = False) -> None:
    """Put into ReportLab document ``doc`` (its pages drawn while ``tagger``
    recorded them, not yet written) its structure tree and PDF/UA
    identification, and PDF/A-2u's if ``archive``."""
    pages = doc.Pages.pages
    page_refs = [_Ref(doc, p) for p in pages]
    cat = doc.Catalog
    # -- the structure tree ---------------------------------------------------
    tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = doc.Reference(tree)
    shift = tagger.heading_shift()
    made: dict[int, _Ref] = {}

    def element(n: _Node, parent: _Ref) -> _Ref:
        role = n.role
        if shift and (m := _HEADING.fullmatch(role)):
            role = f"H{int(m.group(1)) - shift}"
        e = _StructElem(role, parent, n.attrs)
        ref = made[id(n)] = _Ref(doc, e)
        first_page = next((k[0] if len(k) == 2 else k[1] for k in n.kids if isinstance(k, tuple)), None)
        if first_page is not None:
            e.page = page_refs[first_page]
        kids = []
        for k in n.kids:
            if isinstance(k, _Node):
                kids.append(element(k, ref))
            elif len(k) == 2:
                page, mcid = k
                kids.append(mcid if page == first_page else
                            PDFDictionary({"Type": PDFName("MCR"), "Pg": page_refs[page], "MCID": mcid}))
            else:
                _, page, i = k
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": page_refs[page],
                                           "Obj": pages[page].Annots[i]}))
        # a lone piece of marked content is the kid itself, not an array of
        # one (ISO 32000-1, Table 323: K may be either); pdfua's
        # empty-heading rule reads only that form
        e.kids = kids[0] if len(kids) == 1 and not isinstance(n.kids[0], _Node) else PDFArray(kids)
        return ref

    document = _StructElem("Document", tree_ref, {"Lang": tagger.lang} if tagger.lang else {})
    document_ref = _Ref(doc, document)
    document.kids = PDFArray([element(n, document_ref) for n in (*tagger.root.kids, *tagger.tail)])
    tree["K"] = document_ref
    nums: list = []
    for i, parents in enumerate(tagger.parents):
        page = pages[i]
        page.__NoDefault__ = _PAGE_KEYS  # ReportLab writes the keys named here
        page.StructParents = i
        nums += [i, PDFArray([made[id(n)] for n in parents])]
    key = len(tagger.parents)
    for (page, i, dest), n in zip(tagger.annots, tagger.annot_nodes):
        ref = pages[page].Annots[i]
        _link_annotation(doc.idToObject[ref.name], key, tagger.titles.get(dest, dest))
        nums += [key, made[id(n)]]
        key += 1
    tree["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    tree["ParentTreeNextKey"] = key
    for page in pages:
        if page.Annots:
            page.__NoDefault__ = _PAGE_KEYS
            page.Tabs = PDFName("S")
        if page.Trans is not None and not page.Trans.dict:
            page.Trans = None  # ReportLab's empty transition: the default, and unknown to PDF/A allowlists
    # -- the catalog ------------------------------------------------------------
    cat.__NoDefault__ = _CATALOG_KEYS
    cat.__Refs__ = _CATALOG_REFS
    cat.StructTreeRoot = tree_ref
    cat.MarkInfo = PDFDictionary({"Marked": "true"})
    if tagger.lang:
        cat.Lang = PDFString(tagger.lang)
    prefs = getattr(cat, "ViewerPreferences", None)
    if prefs is None:
        prefs = cat.ViewerPreferences = PDFDictionary()
    prefs["DisplayDocTitle"] = "true"
    labels = getattr(cat, "PageLabels", None)
    if labels is not None:
        # page label dictionaries direct in the number tree, as PDF/A
        # validators' schemas expect (ReportLab makes them indirect);
        # sorted by page, in the order added (as ReportLab sorts them)
        nums = []
        for page, label in sorted(labels.labels, key=lambda pl: pl[0]):
            nums += [page, PDFDictionary({k: v for k in ("Type", "S", "P", "St")
                                          if (v := getattr(label, k, None)) is not None})]
        cat.PageLabels = PDFDictionary({"Nums": PDFArray(nums)})
    # -- identification -----------------------------------------------------------
    packet = xmp(doc.info, doc._timeStamp, archive=archive)
    doc.updateSignature(packet)  # the trailer's /ID digests it with the pages
    cat.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet)
    if archive:
        profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
        cat.OutputIntents = PDFArray([doc.Reference(PDFDictionary({
            "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"), "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(profile)}))])


class _Ref(PDFObjectReference):
    """ReportLab's reference to ``obj`` in ``doc`` (registering it), formatted
    once: a structure element's is written three times or more (in its
    parent's ``/K``, its kids' ``/P``, the parent tree), a page's in every
    element that starts on it."""

    def __init__(self, doc, obj) -> None:
        super().__init__(doc.Reference(obj).name)
        self._formatted = b""

    def format(self, document) -> bytes:
        if not self._formatted:
            self._formatted = super().format(document)
        return self._formatted


@lru_cache(maxsize=None)
def _name(name: str) -> bytes:
    """``name`` as a PDF name, as ReportLab writes it."""
    return pdfdocEnc(PDFName(name))


class _StructElem(PDFObject):
    """A structure element (ISO 32000-1, 14.7.2) with role ``role``, parent
    ``parent`` (a reference), attributes ``attrs`` (``Lang``, ``Alt`` …:
    texts), its first page ``page`` (a reference) and ``kids`` (its ``/K``).

    Written as ReportLab writes a dictionary, from parts: its names made
    once (ReportLab's ``PDFDictionary`` makes every key's ``PDFName`` anew
    and sorts them, most of the cost of a long booklet's ten thousand
    elements), its values formatted by ReportLab (``PDFString`` for texts,
    references and ``/K`` by ``pdfdoc.format``)."""

    def __init__(self, role: str, parent, attrs: dict[str, str]) -> None:
        self.role, self.parent = _name(role), parent
        self.attrs = [(_name(k), PDFString(v)) for k, v in attrs.items()]
        self.page = None
        self.kids = None

    def format(self, document) -> bytes:
        out = [_STRUCT_ELEM, self.role, _KEY_P, self.parent.format(document)]
        if self.page is not None:
            out += [_KEY_PG, self.page.format(document)]
        for key, value in self.attrs:
            out += [key, value.format(document)]
        out += [_KEY_K, pdfdoc.format(self.kids, document)]
        return b"<<\n" + b" ".join(out) + b"\n>>"


_STRUCT_ELEM = _name("Type") + b" " + _name("StructElem") + b" " + _name("S")
_KEY_P, _KEY_PG, _KEY_K = _name("P"), _name("Pg"), _name("K")

#: The keys ReportLab writes in a tagged document's pages and catalog
#: (its ``PDFCatalog.format`` writes the attributes ``__NoDefault__``
#: names, as indirect objects those ``__Refs__`` names).
_PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
_CATALOG_KEYS = [*PDFCatalog.__NoDefault__, "OutputIntents"]
_CATALOG_REFS = [k for k in PDFCatalog.__Refs__ if k != "MarkInfo"]


def _link_annotation(annot, key: int, target: str) -> None:
    """Make ReportLab's link annotation ``annot`` the ``key``-th entry of the
    parent tree, printable (PDF/A), and say in ``/Contents`` where it leads
    (``target``: what its destination is called)."""
    if isinstance(annot, PDFDictionary):  # canvas.linkURL's
        action = annot.dict.get("A")
        uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
        text = f"Link to {uri.s}" if isinstance(uri, PDFString) else _goto(target)
        annot["StructParent"], annot["F"], annot["Contents"] = key, 4, PDFString(text)
    else:  # a LinkAnnotation (canvas.linkRect's): its Dict() checks the keys it is given
        annot.permitted = (*annot.permitted, "StructParent")
        annot.otherkw = {**annot.otherkw, "StructParent": key, "F": 4}
        annot.Contents = _goto(target)


def _goto(target: str) -> str:
    return f"Go to {target}" if target else "Link within the document"


def xmp(info, stamp, *, archive: bool = False) -> bytes:
    """The XMP packet of a tagged document: the document information
    ``info`` (ReportLab's ``PDFInfo``) in its XMP equivalents, as pikepdf's
    ``load_from_docinfo`` maps them, dated by ReportLab time stamp
    ``stamp``; ``pdfuaid:part 1``; and for the ``archive`` copy PDF/A-2u's
    ``pdfaid`` and the extension schema PDF/A asks for ``pdfuaid``."""
    from xml.etree import ElementTree as ET

    for prefix, uri in _XMP_NS.items():
        ET.register_namespace(prefix, uri)

    def q(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{_XMP_NS[prefix]}}}{local}"

    offset = timedelta(hours=abs(stamp.dhh), minutes=stamp.dmm)
    date = datetime(*stamp.YMDhms, tzinfo=timezone(-offset if stamp.dhh < 0 else offset)).isoformat()
    meta = ET.Element(q("x:xmpmeta"))
    rdf = ET.SubElement(meta, q("rdf:RDF"))
    about = ET.SubElement(rdf, q("rdf:Description"), {q("rdf:about"): ""})
    for name, value in (("dc:creator", info.author), ("dc:description", info.subject), ("dc:title", info.title),
                        ("pdf:Keywords", info.keywords), ("pdf:Producer", info.producer),
                        ("xmp:CreateDate", date), ("xmp:CreatorTool", info.creator), ("xmp:ModifyDate", date),
                        ("dc:format", "application/pdf"), ("xmp:MetadataDate", date), ("pdfuaid:part", "1"),
                        *((("pdfaid:part", "2"), ("pdfaid:conformance", "U")) if archive else ())):
        if not value:
            continue
        prop = ET.SubElement(about, q(name))
        if name == "dc:creator":  # an ordered list of names
            ET.SubElement(ET.SubElement(prop, q("rdf:Seq")), q("rdf:li")).text = value
        elif name in ("dc:description", "dc:title"):  # a text in languages: the default one
            ET.SubElement(ET.SubElement(prop, q("rdf:Alt")), q("rdf:li"),
                          {"{http://www.w3.org/XML/1998/namespace}lang": "x-default"}).text = value
        else:
            prop.text = value
    if archive:
        rdf.append(ET.fromstring(_PDFUA_EXTENSION))
    return _XPACKET[0] + ET.tostring(meta, encoding="unicode").encode("utf-8") + _XPACKET[1]
