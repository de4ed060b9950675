"""The brief's blocks: its part of the model as ReportLab flowables, set
for one body size.

The fitter asks for the blocks at a body size, measures them, and may
leave out whole parts; so each block knows which part it belongs to
(``quote``, ``context`` …), how an error should name it, and where the
source wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, Table, TableStyle
from reportlab.platypus.flowables import LIIndenter

from exporter import model as m
from exporter.errors import OctavoError
from exporter.typeset.markup import attr, esc, inline_markup
from exporter.typeset.paragraph import Paragraph
from exporter.typeset import fallback
from exporter.typeset.tagging import Label, Tag, mark
from exporter.layout.templates import human_date
from exporter.typeset.styles import paragraph_styles
from exporter.layout import Layout
from exporter.layout.templates import render_lines

PART_NAMES = {"masthead": "the masthead", "key_messages": "the key messages", "context": "the context",
              "recommendations": "the recommendations", "key_figures": "the key figures",
              "quote": "the pull quote", "about": "the about block"}
FIGURES_PER_ROW = 5
#: The structure type of a paragraph by its style (others are P).
ROLES = {"brief_title": "H1", "brief_heading": "H2"}


@dataclass
class Block:
    """One block of the brief as the fitter sees it: the ``part`` the
    layout's ``drop_order`` names, a ``label`` for messages (the field
    path), the source location, and its flowables."""

    part: str
    label: str
    loc: m.Loc
    flowables: list[Flowable]
    heading: int = 0
    """How many of ``flowables`` are the part's heading (on its first block)."""

    @property
    def prose(self) -> bool:
        """Whether the editor wrote this block's text in brief.yaml (so
        shortening it is the editor's remedy)."""
        return self.part in ("key_messages", "context", "recommendations", "quote")


def _item(para: Paragraph, li: Tag) -> Flowable:
    """List item ``li``'s paragraph, which draws its own number or bullet
    (``bulletText``, the item's Lbl; the paragraph is its LBody).  A right-
    to-left paragraph stands from the right, as Word and browsers set it:
    its indents mirrored, and its label, drawn as it reads there (``.1``),
    on the right, where the left-to-right one is on the left (ReportLab's
    right-to-left list bullet: a paragraph draws its own bullet only on
    the left of a left-to-right paragraph)."""
    mark(para, "LBody", li)
    if not para.bulletText or not fallback.right_to_left(para.frags):
        return para
    text, para.bulletText = para.bulletText, None
    style = para.style = fallback.mirrored(para.style)
    label = Label(fallback.label_from_the_right(text), li, read=text, bulletAlign="right", bulletDir="rtl",
                  bulletFontName=style.bulletFontName, bulletFontSize=style.bulletFontSize,
                  bulletColor=getattr(style, "bulletColor", None) or style.textColor,
                  bulletOffsetY=getattr(style, "bulletOffsetY", 0), bulletDedent=-style.bulletIndent)
    return LIIndenter(para, bullet=label)


class BriefStory:
    """Builds the brief's blocks for an event, a layout and the booklet's
    page numbers (item id -> page)."""

    def __init__(self, event: m.Event, layout: Layout, names, pages: dict[str, int], links: bool = True) -> None:
        if event.brief is None:
            raise OctavoError("this event has no brief: write brief.yaml next to event.yaml "
                              "(see the README, 'The policy brief')")
        self.event, self.brief, self.layout, self.names, self.pages = event, event.brief, layout, names, pages
        self.links = links
        self.base = {k: v for k, v in paragraph_styles(layout, names, event.language).items()
                     if k.startswith("brief_")}
        self.accent = layout.colours.get("accent", "#000000")
        self.date = human_date(event.date)
        self._styles: dict[float, dict[str, ParagraphStyle]] = {}
        self._missing_refs()

    def _missing_refs(self) -> None:
        b = self.brief
        for x in (*b.key_messages, *b.recommendations):
            if x.ref and x.ref not in self.pages:
                raise OctavoError(f"{x.loc}: ref '{x.ref}' does not appear in the booklet, so the brief "
                                  "cannot cite its page")

    # -- styles ----------------------------------------------------------------
    def styles(self, size: float) -> dict[str, ParagraphStyle]:
        """The brief's styles scaled so the body is ``size`` points; no
        style is ever smaller than the layout's floor."""
        if size not in self._styles:
            k = size / self.base["brief_body"].fontSize
            floor = self.layout.brief.min_size
            out = {}
            for name, st in self.base.items():
                fs = max(floor, round(st.fontSize * k, 2))
                out[name] = ParagraphStyle(name, parent=st, fontSize=fs, leading=st.leading * fs / st.fontSize,
                                           spaceBefore=st.spaceBefore * k, spaceAfter=st.spaceAfter * k,
                                           bulletFontSize=fs)
            self._styles[size] = out
        return self._styles[size]

    # -- blocks ----------------------------------------------------------------
    def blocks(self, size: float, leave_out: tuple[str, ...] = ()) -> list[Block]:
        """Every block of the brief at body ``size``, without the parts in
        ``leave_out``, in page order."""
        st = self.styles(size)
        b = self.brief
        out = [Block("masthead", "title", b.loc, self.masthead(st))]
        out += self.key_messages(st)
        if b.context and "context" not in leave_out:
            out += self.context(st)
        out += self.recommendations(st)
        if b.key_figures and "key_figures" not in leave_out:
            out.append(Block("key_figures", "key_figures", b.key_figures[0].loc,
                             [*self.heading(st, "key_figures"), self.figures(st)], 1))
        if b.quote and "quote" not in leave_out:
            out.append(Block("quote", "quote", b.quote.loc, self.quote(st, b.quote)))
        if "about" not in leave_out:
            out.append(Block("about", "organiser", self.event.organiser.loc, self.about(st)))
        return out

    def lines(self, st, name: str, **context) -> list[Paragraph]:
        ev = self.event
        lines = render_lines(self.layout, name, event=ev, organiser=ev.organiser, brief=self.brief,
                             date=self.date, published=human_date(ev.published or ev.date), **context)
        return [Paragraph(esc(x.text), st.get(x.style) or self._not_brief(name, x.style)) for x in lines]

    def _not_brief(self, template: str, style: str) -> ParagraphStyle:
        raise OctavoError(f"template {template}: the brief can only use brief_* styles, not '{style}'")

    def heading(self, st, section: str) -> list[Paragraph]:
        return self.lines(st, "brief_heading.j2", section=section)

    def run(self, st, style: str, markup: str) -> str:
        """``markup`` set inline in ``style``'s face, size and colour."""
        s = st[style]
        colour = "#" + s.textColor.hexval()[2:]
        return f'<font name="{s.fontName}" size="{s.fontSize:g}" color="{colour}">{markup}</font>'

    def ref(self, st, ref: str, sep: str = "\u2003") -> str:
        """``sep`` + ``Proceedings p. 12`` (from the layout's template), the
        latter unbreakable."""
        if not ref:
            return ""
        text = " ".join(x.text for x in render_lines(self.layout, "brief_reference.j2", page=self.pages[ref],
                                                     item=ref))
        return sep + self.run(st, "brief_ref", esc(text.replace(" ", "\u00a0")))

    def masthead(self, st) -> list[Flowable]:
        return [*self.lines(st, "brief_masthead.j2"),
                HRFlowable(width="100%", thickness=1.5, color=HexColor(self.accent), spaceBefore=2, spaceAfter=1)]

    def key_messages(self, st) -> list[Block]:
        msgs = self.brief.key_messages
        tint = HexColor(self.layout.colours.get("tint", "#F2F2F2"))
        out = []
        for i, k in enumerate(msgs):
            pad_top, pad_bottom = (7 if i == 0 else 3), (7 if i == len(msgs) - 1 else 3)
            cell = Paragraph(inline_markup(k.text, self.links, self.accent) + self.ref(st, k.ref), st["brief_message"])
            box = Table([[cell]], style=TableStyle([
                ("FONT", (0, 0), (-1, -1), st["brief_body"].fontName, st["brief_body"].fontSize), ("BACKGROUND", (0, 0), (-1, -1), tint), ("LINEBEFORE", (0, 0), (0, -1), 3, HexColor(self.accent)),
                ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), pad_top), ("BOTTOMPADDING", (0, 0), (-1, -1), pad_bottom)]))
            head = self.heading(st, "key_messages") if i == 0 else []
            out.append(Block("key_messages", f"key_messages[{i}]", k.loc, [*head, box], len(head)))
        return out

    def context(self, st) -> list[Block]:
        out = []
        for i, b in enumerate(self.brief.context):
            head = self.heading(st, "context") if i == 0 else []
            out.append(Block("context", "context", b.loc, [*head, *self.prose(st, b)], len(head)))
        return out

    def prose(self, st, b: m.Block) -> list[Flowable]:
        if isinstance(b, m.Paragraph):
            return [Paragraph(inline_markup(b.inlines, self.links, self.accent), st["brief_body"])]
        if isinstance(b, m.ListBlock):
            # L > LI > Lbl + LBody: the paragraph draws its number or bullet (bulletText),
            # which the tagger puts in the item's Lbl, the text in the LBody
            items = [Tag("LI", Tag("L")) for _ in b.items]
            for li in items[1:]:
                li.parent = items[0].parent
            return [_item(Paragraph(inline_markup(x.inlines, self.links, self.accent), st["brief_recommendation"],
                                    bulletText=f"{b.start + n}." if b.ordered else "•"), items[n])
                    for n, item in enumerate(b.items) for x in item if isinstance(x, m.Paragraph)]
        quote = Tag("BlockQuote")
        out = [f for inner in b.blocks for f in self.prose(st, inner)]
        for f in out:
            tag = getattr(f, "_tag", None)
            if tag is None:
                mark(f, "P", quote)
            elif tag.parent.parent is not None:  # a list item: its list is in the quotation
                tag.parent.parent.parent = quote
        return out

    def recommendations(self, st) -> list[Block]:
        style = ParagraphStyle("brief_recommendation_n", parent=st["brief_recommendation"],
                               bulletFontName=st["brief_actor"].fontName, bulletColor=st["brief_actor"].textColor)
        out = []
        recs = Tag("L")  # numbered by the paragraph: L > LI > Lbl (the number) + LBody
        for i, r in enumerate(self.brief.recommendations):
            actor = self.run(st, "brief_actor", esc(r.actor) + ":") + " " if r.actor else ""
            para = _item(Paragraph(actor + inline_markup(r.text, self.links, self.accent) + self.ref(st, r.ref), style,
                                   bulletText=f"{i + 1}."), Tag("LI", recs))
            head = self.heading(st, "recommendations") if i == 0 else []
            out.append(Block("recommendations", f"recommendations[{i}]", r.loc, [*head, para], len(head)))
        return out

    def figures(self, st) -> Table:
        figs = self.brief.key_figures
        cols = min(FIGURES_PER_ROW, len(figs))
        rows, row = [], []
        style = ParagraphStyle("brief_figure", parent=st["brief_figure_label"], autoLeading="max")
        for f in figs:  # one paragraph per figure, so its text is read (and copied) in order
            lines = [self.run(st, "brief_figure_value", esc(f.value))]
            if f.unit:
                lines.append(self.run(st, "brief_figure_unit", esc(f.unit)))
            row.append(Paragraph("<br/>".join([*lines, esc(f.label)]), style))
            if len(row) == cols:
                rows, row = rows + [row], []
        if row:
            rows.append(row + [""] * (cols - len(row)))
        width = self.layout.brief.width - 2 * self.layout.brief.margin
        rule = HexColor(self.layout.colours.get("rule", "#999999"))
        return Table(rows, colWidths=[width / cols] * cols, style=TableStyle([
            ("FONT", (0, 0), (-1, -1), st["brief_body"].fontName, st["brief_body"].fontSize), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (0, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LINEBEFORE", (1, 0), (-1, -1), 0.5, rule), ("LINEBELOW", (0, 0), (-1, -1), 0.5, rule)]))

    def quote(self, st, q: m.PullQuote) -> list[Flowable]:
        who = self.event.person(q.speaker)
        source = "— " + ", ".join(x for x in (who.full_name, who.position) if x)
        quote = Tag("BlockQuote")
        return [mark(Paragraph(esc(f"“{q.text}”"), st["brief_quote"]), "P", quote),
                mark(Paragraph(esc(source) + self.ref(st, q.ref, " · "), st["brief_quote_source"]), "P", quote)]

    def about(self, st) -> list[Flowable]:
        org = self.event.organiser
        rule = HexColor(self.layout.colours.get("rule", "#999999"))
        out: list[Flowable] = [HRFlowable(width="100%", thickness=0.5, color=rule, spaceBefore=10, spaceAfter=0),
                               *self.heading(st, "about")]
        for b in org.description or org.profile:
            if isinstance(b, m.Paragraph):
                out.append(Paragraph(inline_markup(b.inlines, self.links, self.accent), st["brief_about"]))
        if org.url:
            text = esc(org.url)
            out.append(mark(Paragraph(f'<a href="{attr(org.url)}" color="{self.accent}">{text}</a>' if self.links
                                      else text, st["brief_about"]), "P", link=self.links))
        return out

    def footer_text(self, page: int, pages: int) -> tuple[str, str]:
        """The footer's (style, text) for ``page`` of ``pages``."""
        ev = self.event
        lines = render_lines(self.layout, "brief_footer.j2", event=ev, organiser=ev.organiser, brief=self.brief,
                             date=self.date, published=human_date(ev.published or ev.date), page=page, pages=pages)
        return (lines[0].style, " ".join(x.text for x in lines)) if lines else ("brief_footer", "")

