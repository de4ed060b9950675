"""Reader for a rapporteur's own Word file (.docx), through python-docx.

What a rapporteur's file carries is read as structure: the Title and
Subtitle styles, Heading 1-9 (or a paragraph's outline level), real Word
lists (numbered or bulleted, from the numbering definitions), bold and
italic runs (direct or through the Strong and Emphasis styles) and
hyperlinks.  Tables are read cell by cell, in order.  Places are given as
paragraph numbers ("paragraph 12"), counting every paragraph of the body.

The package is checked before python-docx opens it: a file that is not a
zip (an old .doc, or a password-protected file, which Word stores as an
OLE container), a macro-enabled document, an encrypted or oversized part
are refused with a message.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from exporter.errors import Problem, ValidationError
from exporter.exporters.docx.reference import STYLE_MARKS
from exporter.importers.document import Block, Report, Span
from exporter.importers.text import _Lines, _mark_title, _normalise_newlines
from exporter.source.yamlread import FORBIDDEN, char_name

#: Uncompressed size a .docx may unpack to (a zip bomb is refused).
MAX_UNPACKED = int(os.environ.get("OCTAVO_MAX_DOCX_UNPACKED", 200_000_000))

#: Parts a .docx may hold.
MAX_PARTS = int(os.environ.get("OCTAVO_MAX_DOCX_PARTS", 10_000))

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING = re.compile(r"^heading\s*(\d)$", re.I)


def _refuse(display: str, message: str) -> ValidationError:
    return ValidationError([Problem(display, 0, 0, "", message)], "report")


def _check_package(raw: bytes, display: str) -> None:
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(display, "this is an encrypted (password-protected) Word file or an old .doc; "
                               "remove the password or save it as .docx, then import it again")
    if not raw.startswith(b"PK"):
        raise _refuse(display, "this is not a .docx file (not a zip package); save it from Word as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if any(i.flag_bits & 1 for i in infos):
                raise _refuse(display, "the package has encrypted parts; save it without a password")
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise _refuse(display, f"the package unpacks to more than {MAX_UNPACKED:,} bytes "
                                       "(raise the limit with OCTAVO_MAX_DOCX_UNPACKED)")
            if len(infos) > MAX_PARTS:
                raise _refuse(display, f"the package has {len(infos):,} parts, over the limit of {MAX_PARTS:,}")
            if any(n.startswith("/") or ".." in n.split("/") or "\\" in n for n in names):
                raise _refuse(display, "the package has a part outside it (a name with '..' or an absolute path)")
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise _refuse(display, "this zip is not a Word document (no word/document.xml)")
            types = z.read("[Content_Types].xml")
    except zipfile.BadZipFile as exc:
        raise _refuse(display, f"this .docx is damaged ({exc}); open it in Word and save it again") from None
    if b"macroEnabled" in types or "word/vbaProject.bin" in names:
        raise _refuse(display, "this is a macro-enabled document (.docm); Octavo does not open those: "
                               "save it as a plain .docx (File > Save As > Word Document)")


def _list_format(document) -> dict[tuple[str, str], bool]:
    """(numId, ilvl) -> whether that list level is numbered (not bullets)."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, bool]] = {}
    for an in numbering.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in an.iter(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            levels[lvl.get(f"{_W}ilvl", "0")] = fmt is None or fmt.get(f"{_W}val") not in ("bullet", "none")
        abstract[an.get(f"{_W}abstractNumId", "")] = levels
    out: dict[tuple[str, str], bool] = {}
    for num in numbering.iter(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {})
        for ilvl, numbered in levels.items():
            out[(num.get(f"{_W}numId", ""), ilvl)] = numbered
    return out


def _num_pr(p) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph in a list, directly or through its style."""
    style = p.style.element if p.style is not None else None
    for ppr in (p._p.pPr, style.pPr if style is not None else None):
        if ppr is None:
            continue
        num = ppr.find(f"{_W}numPr")
        if num is not None:
            nid, lvl = num.find(f"{_W}numId"), num.find(f"{_W}ilvl")
            if nid is not None and nid.get(f"{_W}val") != "0":
                return nid.get(f"{_W}val", ""), lvl.get(f"{_W}val", "0") if lvl is not None else "0"
    return None


def _outline_level(p) -> int:
    ppr = p._p.pPr
    lvl = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if lvl is not None and lvl.get(f"{_W}val", "9").isdigit() and int(lvl.get(f"{_W}val")) < 9:
        return int(lvl.get(f"{_W}val")) + 1
    return 0


def _runs(p, counts: dict[str, int]) -> tuple[str, list[Span]]:
    """A paragraph's text and its bold, italic and link spans.

    Every run of the paragraph counts, not only its direct children: runs
    in pending insertions (``w:ins``, ``w:moveTo``), content controls, smart
    tags and simple fields are text the reader sees in Word.  Pending
    deletions (``w:del``, ``w:moveFrom``) are left out: the report is read
    as if its tracked changes were accepted, and ``counts`` says how many
    there were.  Runs of a text box belong to the text box's own paragraphs."""
    from docx.text.run import Run

    text = ""
    spans: list[Span] = []
    rels = p.part.rels
    for r in p._p.iter(f"{_W}r"):
        skip = False
        link = None
        node = r.getparent()
        while node is not None and node is not p._p:
            tag = node.tag
            if tag in (f"{_W}del", f"{_W}moveFrom"):
                skip = True
                counts["deleted"] = counts.get("deleted", 0) + 1
                break
            if tag == f"{_W}p":  # a paragraph inside a text box
                skip = True
                break
            if tag in (f"{_W}ins", f"{_W}moveTo"):
                counts["inserted"] = counts.get("inserted", 0) + 1
            if tag == f"{_W}hyperlink" and link is None:
                link = node
            node = node.getparent()
        if skip:
            continue
        run = Run(r, p)
        t = run.text
        if not t:
            continue
        start = len(text)
        text += t
        style = (run.style.name if run.style is not None else "") or ""
        if run.bold or style == "Bold" or "strong" in STYLE_MARKS.get(style, ()):
            spans.append(Span(start, len(text), "strong"))
        if run.italic or style == "Italic" or "emph" in STYLE_MARKS.get(style, ()):
            spans.append(Span(start, len(text), "emph"))
        if link is not None:
            rid = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            target = rels[rid].target_ref if rid in rels and rels[rid].is_external else ""
            if target:
                spans.append(Span(start, len(text), "link", target))
    return text, _merge(spans)


def _merge(spans: list[Span]) -> list[Span]:
    """Adjacent runs of the same markup as one span."""
    out: list[Span] = []
    for s in sorted(spans, key=lambda s: (s.kind, s.target, s.start)):
        if out and out[-1].kind == s.kind and out[-1].target == s.target and out[-1].end >= s.start:
            out[-1] = Span(out[-1].start, max(out[-1].end, s.end), s.kind, s.target)
        else:
            out.append(s)
    return sorted(out, key=lambda s: (s.start, -s.end))


def read_docx(raw: bytes, display: str) -> Report:
    """A rapporteur's .docx as blocks."""
    _check_package(raw, display)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise _refuse(display, f"Word could have written this, but it cannot be read: {exc}") from None
    formats = _list_format(document)
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    grouper = _Lines(wrapped=True)
    number = 0

    def paragraphs(container):
        for part in container.iter_inner_content():
            if isinstance(part, Table):
                seen: set = set()  # python-docx gives a merged cell once per grid position it spans
                for row in part.rows:  # (the set holds the cells' elements: lxml keeps one proxy per live one)
                    for cell in row.cells:
                        if cell._tc not in seen:
                            seen.add(cell._tc)
                            yield from paragraphs(cell)
            else:
                yield part
                for box in part._p.iter(f"{_W}txbxContent"):  # text boxes, after their anchor
                    for inner in box.iter(f"{_W}p"):
                        yield Paragraph(inner, part._parent)

    for p in paragraphs(document):
        number += 1
        text, spans = _runs(p, counts)
        for m in FORBIDDEN.finditer(text):
            problems.append(Problem(display, number, m.start() + 1, "",
                                    f"character {char_name(m.group())} is not allowed in a report; delete it"))
        if not text.strip():
            grouper.flush()
            continue
        style = (p.style.name if p.style is not None else "") or ""
        heading = _HEADING.match(style)
        level = int(heading.group(1)) if heading else _outline_level(p)
        if style == "Title" or style == "Subtitle" or level:
            grouper.flush()
            kind = "title" if style == "Title" else "subtitle" if style == "Subtitle" else "heading"
            grouper.blocks.append(Block(kind, " ".join(text.split()), number, level=level))
            continue
        grouper.flush()
        num = _num_pr(p)
        if num is not None:
            grouper.cur_kind, grouper.cur_ordered = "item", formats.get(num, True)
        parts = _normalise_newlines(text).split("\n")  # w:br, and separators typed as characters
        offset = 0
        for part in parts:
            end = offset + len(part)
            grouper.line(number, part.rstrip(), tuple(
                Span(max(s.start, offset) - offset, min(s.end, end) - offset, s.kind, s.target)
                for s in spans if s.start < end and s.end > offset))
            offset = end + 1
        grouper.flush()
    grouper.flush()
    if problems:
        raise ValidationError(problems, "report")
    if not any(b.text.strip() for b in grouper.blocks):
        raise _refuse(display, "the report is empty")
    blocks = grouper.blocks
    if not any(b.kind == "title" for b in blocks):
        blocks = _mark_title(blocks)
    props = document.core_properties
    created = props.created.strftime("%Y-%m-%d") if props.created else ""
    notes = []
    if counts:
        notes.append(f"tracked changes read as accepted: {counts.get('inserted', 0)} inserted and "
                     f"{counts.get('deleted', 0)} deleted runs; check the text against the Word file")
    for part, what in (("word/footnotes.xml", "footnotes"), ("word/endnotes.xml", "endnotes"),
                       ("word/comments.xml", "comments")):
        n = _count_notes(document, part)
        if n:
            notes.append(f"{n} {what} not imported (the source has no place for them); add them by hand")
    return Report(display, tuple(blocks), "paragraph", tuple(grouper.dropped),
                  meta_title=(props.title or "").strip(), meta_date=created, notes=tuple(notes))


def _count_notes(document, partname: str) -> int:
    """How many footnotes, endnotes or comments with text a package holds."""
    for rel in document.part.rels.values():
        if not rel.is_external and str(rel.target_part.partname) == "/" + partname:
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
            items = [n for n in root if n.tag in (f"{_W}footnote", f"{_W}endnote", f"{_W}comment")
                     and n.get(f"{_W}type") not in ("separator", "continuationSeparator", "continuationNotice")]
            return sum(1 for n in items if "".join(n.itertext()).strip())
    return 0
