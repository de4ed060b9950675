"""The proceedings, walked in booklet order and written as Word paragraphs.

Front matter (cover, imprint, contents) is one section numbered i, ii, …;
the introduction, each session, the media coverage, the participants index
and the back matter are sections of their own, numbered from 1; all but the
back matter start on odd pages, as in the PDF booklet, whose order of parts
this is.  Headings are bookmarked and gathered for the table of
contents, which is written last into the place kept for it.
"""

from __future__ import annotations

import math
from functools import singledispatchmethod

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from PIL import Image as PILImage

from exporter import model as m
from exporter.logo import logo_size
from exporter.names import index_name
from exporter.plaintext import inline_text

from .blocks import Blocks, ListNumbers
from .fields import bookmark, toc_entry
from .inlines import Runs, add_link
from .people import format_month, index_entries
from .sections import new_section, numbering, running_heads
from .styleids import add_run, paragraph_before


class ProceedingsWriter(Blocks):
    """Writes one event's proceedings into a document prepared from the
    reference (body empty, styles checked)."""

    def __init__(self, document, event: m.Event, layout) -> None:
        super().__init__(document, ListNumbers(document, layout.list_number_format), event.id)
        self.event, self.layout = event, layout
        self.toc: list[tuple[int, str, str]] = []
        self.toc_anchor = None
        self.pad = None
        self.heads: dict | None = None  # the last section's headers and footers

    def write(self) -> None:
        """The whole proceedings, in order."""
        self.front_matter()
        self.chapter("Introduction", restart=True)
        self.blocks(self.event.introduction)
        for session in self.event.sessions:
            self.session(session)
        self.media()
        self.participants()
        self.back_matter()
        self.fill_contents()

    # -- headings and sections ----------------------------------------------

    def heading(self, style: str, text: str, level: int, lead_break: bool = False):
        """A bookmarked heading paragraph, listed in the contents at ``level``."""
        para = self.text(style, text)
        if lead_break:
            page_break(para)
        anchor = f"_Toc{len(self.toc) + 1:06d}"
        bookmark(para, anchor, len(self.toc) + 1)
        self.toc.append((level, text, anchor))
        return para

    def chapter(self, title: str, restart: bool = False, start=WD_SECTION.ODD_PAGE) -> None:
        """A new section opening with Heading 1 ``title`` (also its running head)."""
        section = new_section(self.document, start)
        numbering(section, "decimal", restart)
        self.heads = running_heads(section, self.event.title, title, previous=self.heads)
        self.heading("Heading 1", title, 1)

    # -- front matter ---------------------------------------------------------

    def front_matter(self) -> None:
        """Cover, imprint and contents: one section numbered in lower roman,
        with no running heads and no folio on the cover."""
        section = self.document.sections[0]
        numbering(section, "lowerRoman", restart=True)
        self.heads = running_heads(section, "", "", first_folio=False)
        self.cover()
        self.imprint()
        self.contents()

    def cover(self) -> None:
        """The organiser's logo, title, subtitle, organiser, date and venue."""
        e = self.event
        if e.organiser.logo:
            self.logo(e.organiser)
        self.text("Title", e.title)
        if e.subtitle:
            self.text("Subtitle", e.subtitle)
        place = ", ".join(x for x in (e.venue, e.city) if x)
        for line in (e.organiser.name, format_month(e.date), place):
            if line:
                self.text("Cover Text", line)

    def logo(self, org: m.Organiser) -> None:
        """The logo as an inline picture in its own Cover Text paragraph, at
        the size the PDF draws it, with its alt text (``wp:docPr descr``,
        what Word's Alt Text pane and screen readers show)."""
        with PILImage.open(org.logo) as img:
            width, height = logo_size(img.size, self.layout.page)
        run = add_run(self.paragraph("Cover Text"), "")
        run.add_picture(org.logo, width=Pt(width), height=Pt(height))
        for node in run._r.xpath(".//wp:docPr | .//pic:cNvPr"):
            node.set("descr", org.logo_alt)

    def imprint(self) -> None:
        """The verso of the cover: credits, publisher, date, rights."""
        e, lines = self.event, []
        if e.credits.compiled_by:
            lines.append(("Compiled by: ", join_names(e.credits.compiled_by)))
        if e.credits.edited_by:
            lines.append(("Edited by: ", join_names(e.credits.edited_by)))
        lines.append(("Organised and published by ", ", ".join(x for x in (e.organiser.name, e.organiser.city) if x)))
        if e.published:
            lines.append(("Published ", format_month(e.published)))
        first = self.text("Imprint", e.title + (f": {e.subtitle}" if e.subtitle else ""))
        page_break(first)
        for label, value in lines:
            self.text("Imprint", value, lead=((label, None),))
        if e.organiser.url:
            add_link(Runs(self.paragraph("Imprint")), e.organiser.url, (m.Text(e.organiser.url),))
        if e.rights:
            self.text("Imprint", e.rights)

    def contents(self) -> None:
        """The heading of the contents and the places for its entries and
        for the padding page (filled by :meth:`fill_contents`)."""
        page_break(self.text("TOC Heading", "Contents"))
        self.toc_anchor = self.paragraph("toc 1")
        self.pad = self.paragraph("Body Text")

    def fill_contents(self) -> None:
        """Write the contents entries (a TOC field whose cached result links
        every heading with a PAGEREF) and pad the front matter to an even
        number of pages."""
        anchor, entries = self.toc_anchor, self.toc
        for i, (level, text, mark) in enumerate(entries):
            para = paragraph_before(anchor, f"toc {level}")
            toc_entry(para, text, mark, first=i == 0, last=i == len(entries) - 1)
        remove_paragraph(anchor)
        if (2 + self.contents_pages()) % 2:
            page_break(paragraph_before(self.pad, "Body Text"))
        else:
            remove_paragraph(self.pad)

    def contents_pages(self) -> int:
        """An estimate of the pages the contents take, from the layout's
        contents style and the entries' lengths."""
        page, st = self.layout.page, self.layout.styles["contents"]
        width = page.width - page.inner - page.outer - 30
        per_line = max(10, int(width / (0.5 * st.size)))
        height = page.height - page.top - page.bottom
        head = self.layout.styles["heading1"]
        used = head.leading + head.space_before + head.space_after
        for level, text, _ in self.toc:
            lines = math.ceil((len(text) + 4 * level) / per_line)
            used += lines * max(st.leading, st.size) + st.space_before + st.space_after
        return max(1, math.ceil(used / height))

    # -- the sessions ---------------------------------------------------------

    def session(self, s: m.Session) -> None:
        """A session: heading, theme, chair and panel, intro, items."""
        self.chapter(s.title)
        if s.theme:  # not a heading: the PDF's outline and contents have the session's title only
            self.paragraph("Session Theme", s.theme)
        for role, ids in (("Chair", (s.chair,) if s.chair else ()), ("Speaker", s.speakers),
                          ("Discussant", s.discussants)):
            for pid in ids:
                self.text("Affiliation", person_line(self.event.person(pid)), lead=((f"{role}: ", "Strong"),))
        self.blocks(s.intro)
        for item in s.items:
            self.item(item)

    @singledispatchmethod
    def item(self, item) -> None:
        """One session item (dispatched on its type)."""
        raise TypeError(f"no Word rendering for {type(item).__name__}")

    @item.register
    def _(self, c: m.Contribution) -> None:
        for pid in c.speakers:
            person = self.event.person(pid)
            self.text("Speaker", person.full_name)
            if person.position:
                self.text("Affiliation", person.position)
        title = c.title or (m.Text(c.label),)
        self.heading_inlines("Talk Title", title, 2)  # a heading: the PDF outlines each contribution
        self.blocks(c.body)
        for quote in c.quotes:
            self.text("Pull Quote", f"\u201c{quote}\u201d")

    @item.register
    def _(self, qa: m.QASession) -> None:
        self.heading("Heading 2", qa.title, 2)
        self.blocks(qa.intro)
        for ex in qa.exchanges:
            asker = self.event.person(ex.questioner)
            where = f" ({asker.position})" if asker.position else ""
            self.blocks(ex.question, "Question", ((asker.display_name, "Strong"), (where + ": ", None)))
            for answer in ex.answers:
                who = self.event.person(answer.responder).display_name
                self.blocks(answer.body, "Answer", ((who, "Strong"), (": ", None)))

    @item.register
    def _(self, note: m.Note) -> None:
        self.blocks(note.body, "Ceremony Note" if note.kind == "ceremony" else "Body Text")

    def heading_inlines(self, style: str, inlines: tuple[m.Inline, ...], level: int) -> None:
        """A bookmarked heading with inline formatting, listed in the contents."""
        para = self.paragraph(style, inlines)
        anchor = f"_Toc{len(self.toc) + 1:06d}"
        bookmark(para, anchor, len(self.toc) + 1)
        self.toc.append((level, inline_text(inlines), anchor))

    # -- after the sessions ---------------------------------------------------

    def participants(self) -> None:
        """The participants index: each person, where they took part, as what."""
        self.chapter("Index of Participants")
        for person, sessions in index_entries(self.event):
            where = "; ".join(f"{title} ({', '.join(roles)})" for title, roles in sessions)
            entry = index_name(person)
            runs = Runs(self.paragraph("Index Entry", lead=((entry.head, "Strong"),)))
            runs.add(entry.rest)
            if person.post_nominals:
                runs.add(f", {person.post_nominals}")
            if person.native_name:  # after the Latin name as in the PDF, in its own language, marked as such
                runs.add(" (")
                runs.in_language(person.native_name_lang).add(person.native_name)
                runs.add(")")
            if person.position:
                runs.add(f", {person.position}")
            if where:
                runs.add(f" \u2014 {where}")

    def media(self) -> None:
        """Media coverage: the introduction and the outlets, linked where known."""
        if not self.event.media:
            return
        self.chapter("Media Coverage")
        self.blocks(self.event.media.intro)
        for outlet in self.event.media.outlets:
            if outlet.url:
                add_link(Runs(self.paragraph("List Bullet")), outlet.url, (m.Text(outlet.name),))
            else:
                self.text("List Bullet", outlet.name)

    def back_matter(self) -> None:
        """About the organiser: description, profile, figures, web address."""
        org = self.event.organiser
        self.chapter(f"About {org.name}", start=WD_SECTION.NEW_PAGE)
        self.blocks(org.description)
        self.blocks(org.profile)
        for fig in org.figures:
            self.text("Caption", fig.label, lead=((fig.value, "Strong"), (" ", None)))
        if org.url:
            add_link(Runs(self.paragraph("Body Text")), org.url, (m.Text(org.url),))


def person_line(person: m.Person) -> str:
    """Full name, then role and affiliation."""
    return ", ".join(x for x in (person.full_name, person.position) if x)


def join_names(names: tuple[str, ...]) -> str:
    """"A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def page_break(para) -> None:
    """Start ``para`` on a new page: a page-break run before its text."""
    run = para.add_run()
    run.add_break(WD_BREAK.PAGE)
    ppr = para._p.pPr
    (ppr.addnext if ppr is not None else lambda e: para._p.insert(0, e))(run._r)


def remove_paragraph(para) -> None:
    """Delete ``para``; a section break it carries moves to the paragraph before."""
    p = para._p
    sect = p.pPr.sectPr if p.pPr is not None else None
    prev = p.getprevious()
    if sect is not None and prev is not None:
        prev.get_or_add_pPr()._insert_sectPr(sect)
    p.getparent().remove(p)
