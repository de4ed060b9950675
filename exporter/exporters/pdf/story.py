"""The booklet's story: the model walked into ReportLab flowables."""

from __future__ import annotations

import copy
import io
import re
from typing import Iterator

from PIL import Image as PILImage
from reportlab.lib.colors import HexColor
from reportlab.platypus import CondPageBreak, Flowable, Image, ListItem, Spacer, Table, TableStyle

from exporter import model as m
from exporter.errors import OctavoError
from exporter.colour import PrintColour
from exporter.exporters.pdf.contents import Contents
from exporter.exporters.pdf.doc import OpenRecto, OpenVerso, PadTo
from exporter.typeset import fallback
from exporter.typeset.markup import address, attr, esc, inline_markup
from exporter.typeset.paragraph import Paragraph
from exporter.typeset.tagging import Tag, Tagged, TaggedList, mark
from exporter.layout import Layout
from exporter.layout.templates import human_date, render_lines
from exporter.logo import logo_box
from exporter.names import index_name, sort_key
from exporter.plaintext import block_units, inline_text

_BULLETS = {"decimal": "1", "upper-roman": "I", "lower-roman": "i"}


def _item(flowables: list[Flowable], indent: float, number: str | None = None) -> ListItem:
    """A list item of ``flowables``, in a list indented ``indent`` whose
    numbers are formatted by ``number`` (``%s.``; None for bullets).  An
    item whose first paragraph is right to left stands from the right, as
    Word and browsers set it: its indent and its bullet or number on the
    right (ReportLab's right-to-left bullet, aligned on the column's right
    edge as a left-to-right one is on its left), its paragraphs' own
    indents mirrored, and its number drawn as it reads there (``.1``)."""
    first = next((f for f in flowables if isinstance(f, Paragraph)), None)
    if first is None or not fallback.right_to_left(first.frags):
        return ListItem(flowables)
    for f in flowables:
        if isinstance(f, Paragraph):
            f.style = fallback.mirrored(f.style)
    return ListItem(flowables, leftIndent=0, rightIndent=indent, bulletDir="rtl", bulletAlign="right",
                    bulletFormat=fallback.NumberFromTheRight(number) if number else None)


#: The structure type of a paragraph by its style (others are P): the book's
#: title, its parts (contents, sessions, back matter), and the contributions
#: and Q&A sessions within a session.
ROLES = {"cover_title": "H1", "heading1": "H2", "heading2": "H3", "heading3": "H3", "speaker": "H3"}


def _words(text: str) -> str:
    """``text`` as its words, for finding one text in another."""
    return " ".join(re.findall(r"\w+", text.casefold()))


class Figure(Tagged, Image):
    """An image that is a Figure element (its alternative text in ``_tag``)."""


def tag(flowable: Flowable, **marks) -> Flowable:
    """Attach page marks (``section``, ``toc``, ``persons`` …) the document
    template acts on when the flowable is placed."""
    flowable._octavo = {**getattr(flowable, "_octavo", {}), **marks}
    return flowable


def locate(flowables: list[Flowable], loc: m.Loc) -> list[Flowable]:
    """Record ``loc`` as the source of each of ``flowables`` that has none
    yet, so a layout failure can name where the element was written."""
    for f in flowables:
        marks = getattr(f, "_octavo", None)
        if marks is None:
            f._octavo = {"loc": loc}
        else:
            marks.setdefault("loc", loc)
    return flowables


def _scaled(style, scale: float):
    """A copy of paragraph style ``style`` with its sizes times ``scale``
    (same name: the same tag role and line breaking)."""
    out = copy.copy(style)
    for key in ("fontSize", "leading", "spaceBefore", "spaceAfter", "firstLineIndent", "leftIndent",
                "bulletFontSize"):
        setattr(out, key, getattr(style, key) * scale)
    return out


def cover_logo(path: str, max_width: float, max_height: float, colour: PrintColour | None = None) -> Image:
    """The organiser's logo scaled to fit ``max_width`` × ``max_height``,
    left-aligned; for print, converted to CMYK by ``colour`` (transparency
    flattened on white, black as K), since print shops reject RGB images.
    The CMYK pixels go in losslessly (a TIFF ReportLab reads)."""
    with PILImage.open(path) as img:
        w, h = img.size
        source: str | io.BytesIO = path
        if colour is not None:
            source = io.BytesIO()
            colour.image(img).save(source, "TIFF", compression="tiff_deflate")
            source.seek(0)
    scale = min(max_width / w, max_height / h)
    logo = Figure(source, width=w * scale, height=h * scale, mask=None if colour is not None else "auto")
    logo.hAlign = "LEFT"
    return logo


class ParticipantsIndex(Flowable):
    """The index of participants: each person with the pages where they
    speak, chair, ask or answer, sorted by surname (honorifics ignored).

    It comes after every page it refers to, so it is laid out in the same
    pass, from the pages recorded so far (``pages``: a callable returning
    person id -> printed page numbers)."""

    def __init__(self, event: m.Event, styles, font: str, native=None) -> None:
        super().__init__()
        self.event, self.styles, self.font = event, styles, font
        self.native = native or (lambda p: esc(p.native_name))  # a person's native name as markup
        self.pages = lambda: {}
        self.tag = Tag("Index")  # its rows' paragraphs are read as one index
        self._table: Table | None = None
        self._key: tuple | None = None  # (width, pages) the table was made for

    def _rows(self) -> list[list[Paragraph]]:
        people = sorted(self.event.people, key=sort_key)
        rows = []
        for p in people:
            entry = index_name(p)
            name = f"<b>{esc(entry.head)}</b>{esc(entry.rest)}" + (f", {esc(p.post_nominals)}" if p.post_nominals else "")
            if p.native_name:  # after the Latin name, in its own script (and the layout's font for its language)
                name += f" ({self.native(p)})"
            pages = ", ".join(self.pages().get(p.id, [])) or "–"
            rows.append([mark(Paragraph(f"{name}<br/><font size=-1>{esc(p.position)}</font>"
                                        if p.position else name, self.styles["index"]), "P", self.tag),
                         mark(Paragraph(pages, self.styles["index"]), "P", self.tag)])
        return rows

    def wrap(self, aw, ah):
        key = (aw, {k: tuple(v) for k, v in self.pages().items()})
        if self._table is not None and key == self._key:
            return self._table.wrap(aw, ah)  # measured again, before a split: same rows
        self._key = key
        style = TableStyle([("FONT", (0, 0), (-1, -1), self.font, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                            ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("ALIGN", (1, 0), (1, -1), "RIGHT")])
        self._table = Table(self._rows(), colWidths=[aw * 0.7, aw * 0.3], style=style, repeatRows=0,
                            splitInRow=1)  # a person on every page of a long book needs rows that split
        return self._table.wrap(aw, ah)

    def split(self, aw, ah):
        self.wrap(aw, ah)
        return self._table.split(aw, ah)

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)


class Story:
    """Builds the flowables of one booklet."""

    def __init__(self, event: m.Event, layout: Layout, styles, names, links: bool = True, pad_to: int = 1,
                 colour: PrintColour | None = None) -> None:
        self.event, self.layout, self.st, self.names, self.links = event, layout, styles, names, links
        self.colour = colour  # images converted to CMYK by it (the print edition)
        self.pad_to = pad_to  # the page count's multiple (4 for saddle stitch)
        self.accent = layout.colours.get("accent", "#000000")
        self.serif = names["serif"]["regular"] if "serif" in names else next(iter(names.values()))["regular"]
        self.index = ParticipantsIndex(event, styles, self.serif, self.native_name)
        self.toc = Contents([styles["contents"], styles["contents_sub"]], links)
        self._toc_place = Spacer(0, 0)  # where the contents' entries go, once known

    def native_name(self, p: m.Person, font: str = "serif") -> str:
        """``p``'s native name as markup, in the font the layout gives its
        language, if any (Urdu in Nastaliq)."""
        from exporter.typeset.fonts import language_markup

        return language_markup(self.layout, self.names, p.native_name, p.native_name_lang, font)

    def finish(self, doc) -> None:
        """Connect the index and the contents to the document's marks."""
        self.index.pages = lambda: doc.marks.person_pages
        doc.finishers.append(lambda canv, marks: self.toc.define_forms(canv, marks.toc_pages))

    def p(self, style: str, markup: str, **marks) -> Paragraph:
        return tag(Paragraph(markup, self.st[style]), **marks) if marks else Paragraph(markup, self.st[style])

    def heading_style(self, style: str) -> str:
        """``<style>_heading`` (the line naming who asks or answers: ragged,
        unhyphenated, kept with its text) where the layout has it, else
        ``style`` itself."""
        return f"{style}_heading" if f"{style}_heading" in self.st else style

    def inl(self, nodes: tuple[m.Inline, ...]) -> str:
        return inline_markup(nodes, self.links, self.accent)

    def template(self, name: str, **context) -> list[Paragraph]:
        ev = self.event
        lines = render_lines(self.layout, name, event=ev, organiser=ev.organiser, date=human_date(ev.date),
                             published=human_date(ev.published), **context)
        return [self.p(line.style, esc(line.text)) for line in lines]

    # -- the whole book --------------------------------------------------------
    def flowables(self) -> list[Flowable]:
        parts, out = self.layout.parts, []
        if parts["cover"]:
            out += self.cover()
        if parts["imprint"]:
            out += [OpenVerso(), *self.imprint()]
        if parts["contents"]:
            out += [OpenRecto(), *self.contents()]
        out += [OpenRecto(), *self.introduction()]
        for n, session in enumerate(self.event.sessions):
            out += [OpenRecto(), *self.session(session, n)]
        if parts["media"] and self.event.media:
            out += [OpenRecto(), *self.media(self.event.media)]
        if parts["index"]:
            out += [OpenRecto(), *self.participants()]
        if parts["back_cover"]:
            out += [PadTo(self.pad_to) if self.pad_to > 1 else OpenVerso(), *self.back_cover()]
        elif self.pad_to > 1:
            out.append(PadTo(self.pad_to, trailing=True))
        self.toc.entries = [f._octavo["toc"] for f in out if "toc" in getattr(f, "_octavo", {})]
        if parts["contents"]:
            at = out.index(self._toc_place)
            out[at:at + 1] = self.toc.flowables()
        return out

    def cover(self) -> list[Flowable]:
        p = self.layout.page
        room = p.height - p.top - p.bottom
        gap = room * 0.28
        out: list[Flowable] = []
        if self.event.organiser.logo:
            logo = mark(cover_logo(self.event.organiser.logo, *logo_box(p), self.colour), "Figure",
                        Alt=self.event.organiser.logo_alt)
            out.append(tag(logo, no_furniture=True))
            gap = max(0.0, gap - logo.drawHeight)
            room -= logo.drawHeight
        lines, height = self.one_page("cover.j2", room, "the cover")
        gap = max(0.0, min(gap, room - height))
        return [*out, tag(Spacer(1, gap), no_furniture=True), *(tag(x, no_furniture=True) for x in lines)]

    def imprint(self) -> list[Flowable]:
        p = self.layout.page
        room = p.height - p.top - p.bottom
        lines, height = self.one_page("imprint.j2", room, "the imprint")
        gap = max(0, room - height - 24)
        return [tag(Spacer(1, gap), no_furniture=True), *(tag(x, no_furniture=True) for x in lines)]

    #: The smallest a page of fixed text (cover, imprint) is scaled to, to fit its one page.
    MIN_SCALE = 0.5

    def one_page(self, name: str, room: float, what: str) -> tuple[list[Paragraph], float]:
        """Template ``name``'s lines for a part that is one page (the cover,
        the imprint), and their height: as the layout styles them, or, when
        they are taller than ``room`` (a very long title), every style
        scaled down in steps until they fit, never below ``MIN_SCALE``.
        Raises a located error when even that is too tall."""
        p = self.layout.page
        width = p.width - p.inner - p.outer
        ev = self.event
        lines = render_lines(self.layout, name, event=ev, organiser=ev.organiser, date=human_date(ev.date),
                             published=human_date(ev.published))
        scale = 1.0
        while True:
            paras = [Paragraph(esc(x.text), self.st[x.style] if scale == 1.0 else _scaled(self.st[x.style], scale))
                     for x in lines]
            height = sum(x.wrap(width, p.height)[1] + x.style.spaceBefore + x.style.spaceAfter for x in paras)
            if height <= room - 1:  # a point for ReportLab's own rounding
                return paras, height
            if scale <= self.MIN_SCALE + 1e-9:
                raise OctavoError(
                    f"source/{ev.id}/event.yaml: {what} does not fit its page even with its text at "
                    f"{self.MIN_SCALE:.0%} of its size ({height:.0f} pt of text, {room:.0f} pt of page); "
                    "shorten the title, subtitle or organiser's name, or the credits, or set them in a "
                    f"smaller style in the layout ({name})")
            scale = max(self.MIN_SCALE, scale - 0.05)

    def contents(self) -> list[Flowable]:
        return [self.p("heading1", "Contents", outline=("contents", "Contents", 0), opener=True), self._toc_place]

    def heading(self, text: str, key: str, *, level: int = 0, style: str = "heading1", **marks) -> Paragraph:
        return self.p(style, esc(text), outline=(key, text, level), toc=(level, esc(text), key), **marks)

    def introduction(self) -> list[Flowable]:
        return [self.heading("Introduction", "introduction", body_start=True, section="Introduction",
                             opener=True), *self.blocks(self.event.introduction)]

    # -- sessions --------------------------------------------------------------
    def session(self, s: m.Session, n: int) -> list[Flowable]:
        title = s.title + (f": {inline_text(s.theme)}" if s.theme else "")
        out: list[Flowable] = [self.heading(s.title, s.id, section=s.title, opener=True, items=(s.id,),
                                            persons=(s.chair,) if s.chair else ())]
        out[0]._octavo["toc"] = (0, esc(title), s.id)
        if s.theme:
            out.append(self.p("session_theme", self.inl(s.theme)))
        out += self.panel(s)
        out += self.blocks(s.intro)
        for item in s.items:
            out += self.item(item)
        return locate(out, s.loc)

    def panel(self, s: m.Session) -> list[Flowable]:
        ev, out = self.event, []
        groups = [("Chair", (s.chair,) if s.chair else ()), ("Speakers", s.speakers), ("Discussants", s.discussants)]
        for label, pids in groups:
            if not pids:
                continue
            out.append(self.p("panel_label", esc(label)))
            for pid in pids:
                person = ev.person(pid)
                pos = f" — {esc(person.position)}" if person.position else ""
                out.append(self.p("panel", f"<b>{esc(person.full_name)}</b>{pos}"))
        return out + [Spacer(1, 6)] if out else out

    def item(self, it: m.Item) -> list[Flowable]:
        if isinstance(it, m.Contribution):
            return locate(self.contribution(it), it.loc)
        if isinstance(it, m.QASession):
            return locate(self.qa(it), it.loc)
        return [tag(f, items=(it.id,), persons=it.people) for f in self.blocks(it.body, "note")]

    def speaker_heading(self, pids: tuple[str, ...], key: str, label: str, title: tuple) -> list[Flowable]:
        people = [self.event.person(p) for p in pids]
        names = " and ".join(p.full_name for p in people)
        toc_text = names + (f": {inline_text(title)}" if title else f" — {label}")
        shown = esc(names)
        if self.layout.speaker_native_name:  # each name followed by its native form
            font = self.layout.styles["speaker"].font if "speaker" in self.layout.styles else "serif"
            shown = " and ".join(esc(p.full_name) + (f" ({self.native_name(p, font)})" if p.native_name else "")
                                 for p in people)
        head = self.p("speaker", shown, items=(key,), persons=pids, outline=(key, toc_text, 1),
                      toc=(1, esc(toc_text), key))
        out: list[Flowable] = [CondPageBreak(60), head]
        for p in people:
            if p.position:
                out.append(self.p("affiliation", esc(p.position)))
        out.append(self.p("talk_title", self.inl(title) if title else esc(label)))
        return out

    def contribution(self, c: m.Contribution) -> list[Flowable]:
        out = self.speaker_heading(c.speakers, c.id, c.label, c.title)
        out += self.blocks(c.body)
        # A pull quote repeats the talk's words: read once, in the text, it is
        # an Artifact; one that is not in the text is a quotation.
        said = _words(" ".join(u.text for u in block_units(c.body)))
        out += [mark(self.p("pull_quote", f"“{esc(q)}”"), "BlockQuote", artifact=_words(q) in said)
                for q in c.quotes]
        return out

    def qa(self, q: m.QASession) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(80), self.heading(q.title, q.id, level=1, style="heading2", items=(q.id,))]
        out += self.blocks(q.intro)
        for ex in q.exchanges:
            asker = self.event.person(ex.questioner)
            who = f"Question — {esc(asker.full_name)}" + (f", {esc(asker.position)}" if asker.position else "")
            out.append(tag(self.p(self.heading_style("question"),
                                  f'<font name="{self.names["sans"]["bold"]}" color="{self.accent}">{who}</font>'),
                           items=(ex.id,), persons=(ex.questioner,)))
            out += locate(self.blocks(ex.question, "question"), ex.loc)
            for a in ex.answers:
                responder = self.event.person(a.responder)
                out.append(tag(self.p(self.heading_style("answer"),
                                      f'<font name="{self.names["sans"]["bold"]}">Answer — {esc(responder.full_name)}</font>'),
                               persons=(a.responder,)))
                out += self.blocks(a.body, "answer")
        return out

    # -- prose -----------------------------------------------------------------
    def blocks(self, blocks: tuple[m.Block, ...], style: str = "body") -> list[Flowable]:
        out: list[Flowable] = []
        for i, b in enumerate(blocks):
            first = style == "body" and (i == 0 or not isinstance(blocks[i - 1], m.Paragraph))
            out += list(self.block(b, "body_first" if first and "body_first" in self.st else style))
        return out

    def block(self, b: m.Block, style: str) -> Iterator[Flowable]:
        for f in self._block(b, style):
            yield locate([f], b.loc)[0]

    def _block(self, b: m.Block, style: str) -> Iterator[Flowable]:
        if isinstance(b, m.Paragraph):
            yield self.p(style, self.inl(b.inlines))
        elif isinstance(b, m.ListBlock):
            st = self.st["list_item"]
            number = "%s." if b.ordered else None
            items = [_item([self.p("list_item", self.inl(x.inlines)) if isinstance(x, m.Paragraph)
                            else Spacer(0, 0) for x in item] or [Spacer(0, 0)], st.leftIndent, number)
                     for item in b.items]
            yield TaggedList(items, bulletType=_BULLETS[self.layout.list_number_format] if b.ordered else "bullet",
                               start=str(b.start) if b.ordered else "•", bulletFontName=st.fontName,
                               bulletFontSize=st.fontSize, leftIndent=st.leftIndent, bulletDedent=st.leftIndent,
                               spaceBefore=4, spaceAfter=4, bulletFormat=number)
        else:
            quote = Tag("BlockQuote")
            for inner in b.blocks:
                for f in self._block(inner, "pull_quote"):
                    if isinstance(f, TaggedList):  # a list in the quotation
                        f.tag.parent = quote
                    else:
                        mark(f, "P", quote)
                    yield f

    # -- back matter -----------------------------------------------------------
    def media(self, media: m.MediaCoverage) -> list[Flowable]:
        out: list[Flowable] = [self.heading("Media Coverage", "media", section="Media Coverage", opener=True)]
        out += self.blocks(media.intro)
        st = self.st["list_item"]
        items = [_item([mark(self.p("list_item", f'<a href="{attr(o.url)}" color="{self.accent}">{esc(o.name)}</a>'
                                    if o.url and self.links else esc(o.name) + address(o.url, o.name)), "P",
                             link=bool(o.url and self.links))], st.leftIndent)
                 for o in media.outlets]
        out.append(TaggedList(items, bulletType="bullet", start="•", bulletFontName=st.fontName,
                                bulletFontSize=st.fontSize, leftIndent=st.leftIndent))
        return out

    def participants(self) -> list[Flowable]:
        return [self.heading("Index of Participants", "participants", section="Index of Participants",
                             opener=True), self.index]

    def back_cover(self) -> list[Flowable]:
        org = self.event.organiser
        out: list[Flowable] = [tag(x, no_furniture=True) for x in self.template("back_cover.j2")]
        for b in (*org.description, *org.profile):
            out += [tag(f, no_furniture=True) for f in self.block(b, "body_first")]
        if org.figures:
            out.append(Spacer(1, 8))
            rows = [[self.p("figure_value", esc(f.value)), self.p("figure_label", esc(f.label))] for f in org.figures]
            out.append(tag(Table(rows, colWidths=[60, None], style=TableStyle([
                ("FONT", (0, 0), (-1, -1), self.serif, 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEBELOW", (0, 0), (-1, -2), 0.3, HexColor(self.layout.colours.get("rule", "#999999")))])),
                no_furniture=True))
        if org.url:
            link = f'<a href="{attr(org.url)}" color="{self.accent}">{esc(org.url)}</a>' if self.links else esc(org.url)
            out.append(tag(mark(self.p("cover_line", link), "P", link=self.links), no_furniture=True))
        return out
