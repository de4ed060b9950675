"""Corrections come back: an edited Octavo .docx read into the source.

``octavo export docx`` wraps the source text of every prose paragraph in a
bookmark named after its place in the source (``exporter.anchors``).  Word
and LibreOffice keep bookmarks when they save, so an edited copy still says
where each paragraph came from.  This module reads such a copy:

- each anchored paragraph's text and markup (tracked insertions read as
  accepted, or rejected with ``pending="reject"``), compared with the
  source's paragraph; a changed paragraph becomes a minimal edit of its
  ``|`` block (only the lines of changed sentences change; the file's
  comments, keys and quoting are untouched, and untouched files are not
  rewritten);
- a paragraph typed after an anchored one, in a prose style, is added to
  the same field; an anchored paragraph that is gone is deleted; one split
  in two (Enter pressed inside it) becomes two;
- tracked changes and comments are listed with their author and the source
  place they touch; comments are never applied;
- everything else in the file (headings, speaker lines, labels, the index)
  is structure the source owns: an edit there is a conflict, reported with
  its place, and nothing is written unless ``force``.

The result is checked by loading the edited source with the ordinary
loader before anything is written; files are written all or nothing.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from exporter import interrupt
from exporter import model as m
from exporter.anchors import PREFIX, Placed, paragraphs, relative_file
from exporter.errors import OctavoError, Problem, ValidationError
from exporter.exporters.docx.reference import STYLE_MARKS
from exporter.importers.document import Block, Span
from exporter.importers.docx import _check_package, _merge
from exporter.importers.writer import paragraph as markdown_paragraph
from exporter.project import Project

#: Quotation marks by depth, as the Word exporter sets them (docx/inlines.QUOTES).
QUOTE_MARKS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

#: Paragraph styles a reader types prose in: a paragraph in one of these,
#: after an anchored one, is text added to that field.
PROSE_STYLES = frozenset({"Body Text", "Normal", "Question", "Answer", "Quote", "List Number", "List Bullet",
                          "Ceremony Note", "List Paragraph", "Body Text First Indent"})


# -- reading the edited file ---------------------------------------------------------

@dataclass
class Revision:
    """One tracked change inside an anchored paragraph."""

    anchor: str
    kind: str  # "inserted" | "deleted"
    author: str
    text: str


@dataclass
class Comment:
    anchor: str
    author: str
    text: str


@dataclass
class Chunk:
    """The text an anchor's range holds in one Word paragraph."""

    text: str = ""
    spans: list[Span] = field(default_factory=list)
    style: str = ""


@dataclass
class Edited:
    """What the edited file says: each anchor's chunks (several when the
    paragraph was split), paragraphs added after an anchor, structure
    paragraphs in order, revisions and comments."""

    chunks: dict[str, list[Chunk]] = field(default_factory=dict)
    added: dict[str, list[Chunk]] = field(default_factory=dict)
    structure: list[tuple[str, str]] = field(default_factory=list)  # (style, text)
    revisions: list[Revision] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    identifier: str = ""  # "octavo-review:<event>:<person>" on a review copy


def _comments(z: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    from lxml import etree

    try:
        root = etree.fromstring(z.read("word/comments.xml"), etree.XMLParser(resolve_entities=False,
                                                                            no_network=True))
    except KeyError:
        return {}
    return {c.get(f"{_W}id"): (c.get(f"{_W}author", "someone"), " ".join("".join(c.itertext()).split()))
            for c in root.iter(f"{_W}comment")}


def read_edited(raw: bytes, display: str, known: set[str], pending: str = "accept") -> Edited:
    """The anchored text of an edited proceedings file."""
    import docx
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    _check_package(raw, display)
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ValidationError([Problem(display, 0, 0, "", f"cannot be read as a Word file: {exc}")],
                              "edited file") from None
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        comment_text = _comments(z)
    rels = document.part.rels
    out = Edited(identifier=document.core_properties.identifier or "")
    open_ids: dict[str, str] = {}  # bookmark id -> anchor name
    closing: set[str] = set()  # ids whose end was met in this paragraph
    last_anchor = ""
    section_break = False
    for p in document.element.body.iter(f"{_W}p"):
        para = Paragraph(p, document)
        style = para.style.name if para.style is not None else ""
        # LibreOffice ends a section by cutting the paragraph at the page: not a new paragraph of the text
        breaks_here = p.find(f"{_W}pPr/{_W}sectPr") is not None
        touched: list[str] = list(dict.fromkeys(open_ids.values())) if (section_break or breaks_here) else []
        section_break = breaks_here
        plain = Chunk(style=style)
        for node in p.iter():
            tag = node.tag
            if tag == f"{_W}bookmarkStart":
                name = node.get(f"{_W}name", "")
                if name.startswith(PREFIX) and name in known:
                    for ident in closing:  # paragraphs joined: the earlier text ends here
                        open_ids.pop(ident, None)
                    closing.clear()
                    open_ids[node.get(f"{_W}id", "")] = name
                    out.chunks.setdefault(name, []).append(Chunk(style=style))
                    touched.append(name)
            elif tag == f"{_W}bookmarkEnd":
                # the text runs to the end of its paragraph: LibreOffice moves a bookmark's end
                # in front of the last character when it saves
                if node.get(f"{_W}id", "") in open_ids:
                    closing.add(node.get(f"{_W}id", ""))
            elif tag == f"{_W}commentRangeStart":
                target = next(iter(open_ids.values()), last_anchor)
                author, text = comment_text.get(node.get(f"{_W}id"), ("someone", ""))
                out.comments.append(Comment(target, author, text))
            elif tag == f"{_W}r" and _own_run(node, p):
                kind = _revision(node)
                text = ("".join(t.text or "" for t in node.iter(f"{_W}delText")) if kind == "deleted"
                        else Run(node, para).text)
                if not text:
                    continue
                current = [out.chunks[name][-1] for name in dict.fromkeys(open_ids.values())]
                for name in dict.fromkeys(open_ids.values()):
                    if name not in touched:  # the range goes on into this paragraph: a split
                        out.chunks[name].append(Chunk(style=style))
                        touched.append(name)
                        current = [out.chunks[n][-1] for n in dict.fromkeys(open_ids.values())]
                if kind:
                    who = _revision_author(node)
                    for name in dict.fromkeys(open_ids.values()):
                        _record(out, Revision(name, kind, who, text))
                keep = kind is None or (kind == "inserted") == (pending == "accept")
                if not keep:
                    continue
                for chunk in current or [plain]:
                    _add_run(chunk, node, Run(node, para), text, rels)
        for ident in closing:
            open_ids.pop(ident, None)
        closing.clear()
        if touched:
            last_anchor = touched[-1]
        elif plain.text.strip():
            if style in PROSE_STYLES and last_anchor and not open_ids:
                out.added.setdefault(last_anchor, []).append(plain)
            else:
                out.structure.append((style, " ".join(plain.text.split())))
                last_anchor = ""
    return out


def _own_run(run, p) -> bool:
    """A run of this paragraph, not of a text box inside it."""
    node = run.getparent()
    while node is not None and node is not p:
        if node.tag == f"{_W}p":
            return False
        node = node.getparent()
    return True


def _revision(run) -> str | None:
    node = run.getparent()
    while node is not None and node.tag != f"{_W}p":
        if node.tag in (f"{_W}ins", f"{_W}moveTo"):
            return "inserted"
        if node.tag in (f"{_W}del", f"{_W}moveFrom"):
            return "deleted"
        node = node.getparent()
    return None


def _revision_author(run) -> str:
    node = run.getparent()
    while node is not None and node.tag not in (f"{_W}ins", f"{_W}moveTo", f"{_W}del", f"{_W}moveFrom"):
        node = node.getparent()
    return node.get(f"{_W}author", "someone") if node is not None else "someone"


def _record(out: Edited, rev: Revision) -> None:
    last = out.revisions[-1] if out.revisions else None
    if last and (last.anchor, last.kind, last.author) == (rev.anchor, rev.kind, rev.author):
        last.text += rev.text  # one revision split over several runs
    else:
        out.revisions.append(rev)


def _add_run(chunk: Chunk, node, run, text: str, rels) -> None:
    start = len(chunk.text)
    chunk.text += text
    style = (run.style.name if run.style is not None else "") or ""
    if run.bold or style == "Bold" or "strong" in STYLE_MARKS.get(style, ()):
        chunk.spans.append(Span(start, len(chunk.text), "strong"))
    if run.italic or style == "Italic" or "emph" in STYLE_MARKS.get(style, ()):
        chunk.spans.append(Span(start, len(chunk.text), "emph"))
    link = node.getparent()
    while link is not None and link.tag != f"{_W}hyperlink":
        link = link.getparent() if link.tag != f"{_W}p" else None
    if link is not None:
        rid = link.get(f"{_R}id")
        if rid in rels and rels[rid].is_external:
            chunk.spans.append(Span(start, len(chunk.text), "link", rels[rid].target_ref))


# -- the source's side ---------------------------------------------------------------

def model_chunk(para: m.Paragraph) -> Chunk:
    """A source paragraph as the Word exporter writes its text and markup."""
    chunk = Chunk()

    def walk(nodes, marks: tuple[tuple[str, str], ...], depth: int) -> None:
        for node in nodes:
            if isinstance(node, m.Text):
                start = len(chunk.text)
                chunk.text += node.text
                chunk.spans.extend(Span(start, len(chunk.text), kind, target) for kind, target in marks)
            elif isinstance(node, m.Quote):  # the exporter's marks: “outer”, ‘inner’
                opening, closing = QUOTE_MARKS[depth % 2]
                walk((m.Text(opening),), marks, depth)
                walk(node.children, marks, depth + 1)
                walk((m.Text(closing),), marks, depth)
            elif isinstance(node, m.Emph):
                walk(node.children, (*marks, ("emph", "")), depth)
            elif isinstance(node, m.Strong):
                walk(node.children, (*marks, ("strong", "")), depth)
            elif isinstance(node, m.Link):
                walk(node.children, (*marks, ("link", node.target)), depth)

    walk(para.inlines, (), 0)
    return chunk


def _same(a: Chunk, b: Chunk) -> bool:
    if " ".join(a.text.split()) != " ".join(b.text.split()):
        return False
    norm = lambda c: sorted((s.kind, s.target, c.text[s.start:s.end].strip()) for s in _merge(list(c.spans))
                            if c.text[s.start:s.end].strip())
    return norm(a) == norm(b)


# -- editing the source files as text -----------------------------------------------

_MARKER = re.compile(r"^(\s*)((?:\d{1,9}[.)]|[-*+])[ \t]+)")


@dataclass
class FileEdit:
    lines: list[str]
    replaced: dict[int, list[str]] = field(default_factory=dict)  # first line (0-based) -> new lines
    spans: dict[int, int] = field(default_factory=dict)  # first line -> lines replaced


def _extent(lines: list[str], start: int, list_item: bool) -> tuple[int, int]:
    """(first, end) lines of the paragraph or list item starting at ``start``."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            break
        own = len(line) - len(line.lstrip())
        if own < indent or (own == indent and (_MARKER.match(line) or list_item)):
            break
        end += 1
    return start, end


def _new_lines(old: list[str], new_markdown: str, list_item: bool) -> list[str]:
    """The paragraph's new lines: unchanged sentences keep their line."""
    first = old[0]
    indent = first[:len(first) - len(first.lstrip())]
    marker = _MARKER.match(first)
    if list_item and marker:
        return [indent + marker.group(2) + new_markdown.replace("\n", " ")]
    new = [indent + ln for ln in new_markdown.split("\n")]
    # keep an old line whose text is the same, so that git shows only what changed
    olds = {ln.strip(): ln for ln in old}
    return [olds.get(ln.strip(), ln) for ln in new]


# -- the whole import ----------------------------------------------------------------

@dataclass
class Corrections:
    """What an edited file changes, and what it only says."""

    diff: str
    changed: list[str]
    revisions: list[str]
    comments: list[str]
    conflicts: list[str]
    written: bool
    refused: list[str] = field(default_factory=list)  # edits a reviewer may not make, left out


def import_edits(path: Path, project: Project, event_name: str, *, pending: str = "accept", dry_run: bool = False,
                 force: bool = False) -> Corrections:
    """Read the edited Word file at ``path`` into the source of ``event_name``."""
    from exporter.source import load_event

    event_dir = project.event_dir(event_name)
    event = load_event(event_dir, project)
    display = project.display(path.resolve()) if path.exists() else str(path)
    if path.suffix.lower() != ".docx":
        raise OctavoError(f"{display}: --into reads a .docx exported by Octavo (octavo export docx)")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise OctavoError(f"{display}: cannot read it: {exc.strerror}") from None
    placed = paragraphs(event)
    edited = read_edited(raw, display, set(placed), pending)
    if not edited.chunks:
        raise OctavoError(f"{display}: no paragraph of this file comes from {event.id} (it has none of the "
                          "bookmarks `octavo export docx` writes); to start an event from a report, use "
                          "`octavo import REPORT`")
    notes_at = lambda name: _where(placed[name], event.id) if name in placed else "?"
    reviewer = _reviewer(edited.identifier, event)
    fresh = _fresh(event, project, reviewer)
    # the paragraphs this kind of file holds (all of them, or a review copy's): one missing was deleted
    sent = {name: placed[name] for name in fresh.chunks}
    conflicts = _structure_conflicts(fresh, edited)
    moved = _moved(fresh, edited)
    conflicts += [f"{notes_at(name)}: paragraph moved (move it in the source; not applied)" for name in moved]
    for name, extra in list(edited.added.items()):  # what the export itself writes there is not an addition
        baseline = [" ".join(c.text.split()) for c in fresh.added.get(name, [])]
        kept = []
        for chunk in extra:
            text = " ".join(chunk.text.split())
            if text in baseline:
                baseline.remove(text)
            else:
                kept.append(chunk)
        edited.added[name] = kept
    edits: dict[str, FileEdit] = {}
    changed: list[str] = []
    refused: list[str] = []
    emptied = _emptied_fields(sent, edited)
    for field_key in sorted(emptied):
        first = next(p for p in sent.values() if (p.paragraph.loc.file, p.paragraph.loc.path) == field_key)
        conflicts.append(f"{notes_at(first.name)}: all its text was deleted; delete the item in the source if "
                         "that is meant (not applied)")
    for name, place in sent.items():
        if (place.paragraph.loc.file, place.paragraph.loc.path) in emptied or name in moved:
            continue
        if reviewer and reviewer not in place.people and name in edited.chunks and not (
                len(edited.chunks[name]) == 1 and not edited.added.get(name)
                and _same(edited.chunks[name][0], model_chunk(place.paragraph))):
            refused.append(f"{notes_at(name)}: edited in {reviewer}'s review copy, but the words are not "
                           f"{reviewer}'s (not applied)")
            continue
        chunks = [c for c in edited.chunks.get(name, []) if c.text.strip()]
        added = edited.added.get(name, [])
        old = model_chunk(place.paragraph)
        if len(chunks) == 1 and not added and _same(chunks[0], old):
            continue
        new_parts = chunks + added
        _edit_file(edits, event_dir, place, new_parts)
        what = ("deleted" if not new_parts else "split" if len(chunks) > 1 else
                "added after" if added and chunks and _same(chunks[0], old) else "edited")
        changed.append(f"{notes_at(name)}: paragraph {what}")
    revisions = _revision_lines(edited.revisions, notes_at, pending)
    comments = [f"{notes_at(c.anchor) if c.anchor else display}: comment by {c.author}: “{c.text}”"
                for c in edited.comments]
    diff, new_texts = _render(edits, event_dir, project)
    if new_texts:
        _validate(event_dir, project, new_texts)
    written = False
    if new_texts and not dry_run and (force or not conflicts):
        _write_all(new_texts)
        written = True
    return Corrections(diff, changed, revisions, comments, conflicts, written, refused)


def _where(place: Placed, event_id: str) -> str:
    loc = place.paragraph.loc
    return f"{relative_file(loc.file, event_id)}:{loc.line}: {place.owner}"


def _revision_lines(revisions: list[Revision], where, pending: str) -> list[str]:
    """"sessions/2-geopolitics.yaml:23: serenko-talk: “CAR” → “the Central
    Asian Republics” (tracked, by Irina Serenko)": a deletion and the
    insertion that replaces it are one line."""
    out, k = [], 0
    state = "" if pending == "accept" else "; rejected, not applied"
    while k < len(revisions):
        r = revisions[k]
        text = " ".join(r.text.split())
        nxt = revisions[k + 1] if k + 1 < len(revisions) else None
        if r.kind == "deleted" and nxt and nxt.kind == "inserted" and (nxt.anchor, nxt.author) == (r.anchor, r.author):
            out.append(f"{where(r.anchor)}: “{text}” → “{' '.join(nxt.text.split())}” (tracked, by {r.author}{state})")
            k += 2
            continue
        out.append(f"{where(r.anchor)}: {r.kind} “{text}” (tracked, by {r.author}{state})")
        k += 1
    return out


def _emptied_fields(sent: dict[str, Placed], edited: Edited) -> set[tuple[str, str]]:
    """Fields every paragraph of which is gone from the file."""
    fields: dict[tuple[str, str], list[str]] = {}
    for name, place in sent.items():
        fields.setdefault((place.paragraph.loc.file, place.paragraph.loc.path), []).append(name)
    return {key for key, names in fields.items()
            if not any(c.text.strip() for n in names for c in edited.chunks.get(n, []) + edited.added.get(n, []))}


def _edit_file(edits: dict[str, FileEdit], event_dir: Path, place: Placed, parts: list[Chunk]) -> None:
    loc = place.paragraph.loc
    file = event_dir / relative_file(loc.file, event_dir.name)
    edit = edits.get(str(file))
    if edit is None:
        edit = edits[str(file)] = FileEdit(file.read_text(encoding="utf-8").split("\n"))
    inline = _inline_scalar(edit.lines, file, loc)
    if inline is not None:  # prose on its key's line (plain or quoted): it becomes a "|" block
        first, end, head, indent = inline
        texts = [markdown_paragraph(Block("para", part.text.strip(), 0, tuple(_strip_spans(part))))
                 for part in parts]
        body = "\n\n".join(t for t in texts if t)
        edit.replaced[first] = ([head + "|"] + [indent + ln if ln else "" for ln in body.split("\n")]
                                if body else [head + '""'])
        edit.spans[first] = end - first
        return
    first, end = _extent(edit.lines, loc.line - 1, place.list_item)
    old = edit.lines[first:end]
    new: list[str] = []
    for k, part in enumerate(parts):
        md = markdown_paragraph(Block("item" if place.list_item else "para", part.text.strip(), 0,
                                      tuple(_strip_spans(part))), one_line=place.list_item)
        lines = _new_lines(old, md, place.list_item)
        if k and not place.list_item:
            new.append("")  # a blank line between paragraphs
        elif k and place.list_item:
            marker = _MARKER.match(old[0])
            lines = [(marker.group(1) + marker.group(2) if marker else "") + md.replace("\n", " ")]
        new.extend(lines)
    if not parts and end < len(edit.lines) and not edit.lines[end].strip() and not place.list_item:
        end += 1  # a deleted paragraph takes its blank line with it
    edit.replaced[first] = new
    edit.spans[first] = end - first


def _inline_scalar(lines: list[str], file: Path, loc: m.Loc) -> tuple[int, int, str, str] | None:
    """For prose written on its key's line (``text: The first …``, plain or
    quoted, perhaps running on over more lines) rather than as a ``|``
    block: (first line, line after its last, the line's text up to the
    value, the indent for the value as a block); else None.  Such a value
    is one paragraph of Markdown (a blank line would end a plain scalar's
    paragraph only by folding), so it is rewritten whole."""
    first = loc.line - 1
    head = lines[first][:loc.col - 1]
    if not head.strip():
        return None  # a line of a block scalar
    if "{" in head or "[" in head:
        raise OctavoError(f"{file}:{loc.line}:{loc.col}: this text is inside a flow mapping or list; write it "
                          "as a '|' block to take corrections from Word, then import again")
    from exporter.source.yamlread import line_col, read_yaml

    doc = read_yaml(file, str(file))
    pos = next((p for p in doc.values.values() if (p.line, p.col) == (loc.line, loc.col)), None)
    if pos is None or pos.style in ("|", ">"):  # pragma: no cover - loc is where the loader found the value
        return None
    end = line_col(doc.text, max(pos.start, pos.end - 1))[0]
    key_indent = len(head) - len(head.lstrip(" -"))
    return first, end, head.rstrip() + " ", " " * (key_indent + 2)


def _strip_spans(chunk: Chunk) -> list[Span]:
    lead = len(chunk.text) - len(chunk.text.lstrip())
    return [Span(max(0, s.start - lead), max(0, s.end - lead), s.kind, s.target) for s in chunk.spans
            if s.end > lead]


def _render(edits: dict[str, FileEdit], event_dir: Path, project: Project) -> tuple[str, dict[Path, str]]:
    diff: list[str] = []
    out: dict[Path, str] = {}
    for file, edit in sorted(edits.items()):
        lines = list(edit.lines)
        for first in sorted(edit.replaced, reverse=True):
            lines[first:first + edit.spans[first]] = edit.replaced[first]
        old_text = "\n".join(edit.lines)
        new_text = "\n".join(lines)
        if new_text == old_text:
            continue
        name = project.display(Path(file))
        diff.extend(difflib.unified_diff(old_text.split("\n"), new_text.split("\n"), f"a/{name}", f"b/{name}",
                                         lineterm=""))
        out[Path(file)] = new_text
    return "\n".join(diff) + ("\n" if diff else ""), out


def _validate(event_dir: Path, project: Project, new_texts: dict[Path, str]) -> None:
    """The edited source must load; checked in a copy before anything is written."""
    import shutil

    from exporter.source import load_event

    with interrupt.critical():
        holder = tempfile.TemporaryDirectory()
        interrupt.temporary(holder.name, folder=True)
    try:
        with holder as tmp:
            copy = Path(tmp) / event_dir.name
            shutil.copytree(event_dir, copy)
            for file, text in new_texts.items():
                (copy / file.relative_to(event_dir)).write_text(text, encoding="utf-8")
            try:
                load_event(copy, Project(Path(tmp)), reuse=False)  # a throwaway copy: nothing to keep
            except ValidationError as exc:
                def placed(p: Problem) -> str:  # at the file the editor has, not the copy checked
                    try:
                        real = event_dir / (Path(tmp) / p.file).relative_to(copy)
                    except ValueError:
                        return str(p)
                    return str(dataclasses.replace(p, file=project.display(real)))
                raise OctavoError("the corrections would make the source invalid; nothing was written:\n" +
                                  "\n".join(placed(p) for p in exc.problems)) from None
    finally:
        interrupt.discard(holder.name)


def _write_all(new_texts: dict[Path, str]) -> None:
    """Every changed file, or none: all are written to temporary files first,
    then renamed into place."""
    temps: list[tuple[str, Path]] = []
    try:
        for file, text in new_texts.items():
            with interrupt.critical():
                fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".part", dir=file.parent)
                interrupt.temporary(tmp)
                temps.append((tmp, file))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
            interrupt.discard(tmp)
        raise
    with interrupt.critical():  # Ctrl-C waits: every file is renamed, or none
        for tmp, file in temps:
            os.replace(tmp, file)
            interrupt.completed(tmp, file)


def _reviewer(identifier: str, event: m.Event) -> str:
    """The person a review copy was made for, if the file is one."""
    parts = identifier.split(":")
    if len(parts) == 3 and parts[0] == "octavo-review" and parts[1] == event.id:
        if parts[2] not in {p.id for p in event.people}:
            raise OctavoError(f"this is the review copy of '{parts[2]}', who is no longer in people.yaml")
        return parts[2]
    return ""


def _fresh(event: m.Event, project: Project, reviewer: str = "") -> Edited:
    """What ``export docx`` (or the person's review copy) writes for the
    source as it is now, read the same way."""
    from exporter.exporters import REGISTRY
    from exporter.exporters.docx.review import ReviewDocxExporter
    from exporter.layout import load_layout

    layout = load_layout(None, project)
    exporter = ReviewDocxExporter(event, layout, person=reviewer) if reviewer else REGISTRY["docx"](event, layout)
    return read_edited(exporter.render(), "(fresh export)", set(paragraphs(event)))


def _moved(fresh: Edited, edited: Edited) -> list[str]:
    """Anchored paragraphs found out of the order the source has them in
    (dragged to another place, or another item)."""
    want = [n for n in fresh.chunks if n in edited.chunks]
    got = [n for n in edited.chunks if n in fresh.chunks]
    kept: set[str] = set()
    for block in difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_matching_blocks():
        kept.update(got[block.b:block.b + block.size])
    return [n for n in got if n not in kept]


def _structure_conflicts(fresh: Edited, edited: Edited) -> list[str]:
    """Edits to what the source owns (headings, speaker lines, labels): the
    file's unanchored paragraphs against those a fresh export writes."""
    want = [t for _, t in fresh.structure]
    got = [t for _, t in edited.structure]
    out = []
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(a2 - a1, b2 - b1)):
            before = want[a1 + k] if a1 + k < a2 else ""
            after = got[b1 + k] if b1 + k < b2 else ""
            if before and after:
                out.append(f"structure edited: “{before[:60]}” → “{after[:60]}” (change it in the source, not here)")
            elif before:
                out.append(f"structure deleted: “{before[:60]}” (the source keeps it)")
            else:
                out.append(f"text outside any paragraph of the source: “{after[:60]}” (not applied)")
    return out
