"""Load an event folder: read, validate everything, then build the model.

Phases, each collecting problems rather than stopping at the first:

1. read every YAML file (syntax, duplicate keys, forbidden characters);
2. check each file's shape against ``schema`` (unknown keys, types, ids);
3. build model objects, parsing Markdown prose with its locations;
4. check references between files (people, items), quotes, assets.

Only when no problem was found is the :class:`~exporter.model.Event`
returned; otherwise :class:`~exporter.errors.ValidationError` lists them all.
"""

from __future__ import annotations

import dataclasses
import os

from pathlib import Path
from urllib.parse import urlsplit
from typing import Any, Iterable

from exporter import model as m
from exporter.inputs import tree_digest
from exporter.errors import Problem, ValidationError
from exporter.project import Project
from exporter.shapes import conform, fields
from exporter.source.markdown import ALLOWED_SCHEMES, ProseOrigin, parse_blocks, parse_inline
from exporter.source.yamlread import Limits, PathT, YamlDoc, dotted, read_yaml
from exporter.validation import describe, did_you_mean, translate

# -- 1 + 2: read and check shape --------------------------------------------


def _check_shape(doc: YamlDoc, model: str) -> Any:
    """``doc.data`` checked as the schema's ``model`` (``EventFile``…), or
    None with problems recorded.  The compiled shapes answer for data that
    fits (``exporter.shapes``); pydantic words the problems of data that
    does not."""
    if doc.problems and doc.data is None:
        return None
    if not isinstance(doc.data, dict):
        doc.add((), f"expected a mapping of keys ({', '.join(fields(model))}), "
                    f"not {describe(doc.data)}")
        return None
    record = conform(model, doc.data)
    if record is not None:
        return record
    from pydantic import ValidationError as PydanticError

    from exporter.source import schema as s

    cls = getattr(s, model)
    try:
        return cls.model_validate(doc.data)
    except PydanticError as exc:
        for err in exc.errors():
            doc.problems.append(translate(doc, cls, err))
        return None


# -- 3 + 4: build the model, check references -------------------------------


class _Builder:
    """Builds model objects from validated files, recording problems."""

    def __init__(self, project: Project, event_dir: Path) -> None:
        self.project, self.event_dir = project, event_dir
        self.problems: list[Problem] = []
        self.people: dict[str, tuple[YamlDoc, PathT]] = {}
        self.items: dict[str, tuple[YamlDoc, PathT]] = {}
        self.refs: list[tuple[str, str, YamlDoc, PathT]] = []  # (what, id, doc, path)

    # locations and prose ----------------------------------------------------
    def loc(self, doc: YamlDoc, path: PathT) -> m.Loc:
        p = doc.pos(path)
        return m.Loc(doc.file, p.line, p.col, dotted(path))

    def origin(self, doc: YamlDoc, path: PathT) -> ProseOrigin:
        p = doc.pos(path)
        if p.style in ("|", ">"):
            lines = doc.text.split("\n")
            first = p.line  # the 0-based index of the line after the indicator
            while first < len(lines) and not lines[first].strip():
                first += 1
            body = lines[first] if first < len(lines) else ""
            return ProseOrigin(doc.file, dotted(path), first + 1, len(body) - len(body.lstrip()) + 1)
        return ProseOrigin(doc.file, dotted(path), p.line, p.col)

    def report(self, loc: m.Loc, message: str) -> None:
        self.problems.append(Problem(loc.file, loc.line, loc.col, loc.path, message))

    def blocks(self, doc: YamlDoc, path: PathT, text: str) -> tuple[m.Block, ...]:
        return parse_blocks(text, self.origin(doc, path), self.report) if text.strip() else ()

    def inline(self, doc: YamlDoc, path: PathT, text: str) -> tuple[m.Inline, ...]:
        return parse_inline(text, self.origin(doc, path), self.report) if text.strip() else ()

    # ids and references --------------------------------------------------
    def define(self, table: dict[str, tuple[YamlDoc, PathT]], ident: str, doc: YamlDoc,
               path: PathT, what: str) -> None:
        if ident in table:
            first_doc, first_path = table[ident]
            p = first_doc.pos(first_path)
            self.problems.append(doc.problem(path, f"duplicate {what} id '{ident}' "
                                                   f"(first defined at {first_doc.file}:{p.line})"))
        else:
            table[ident] = (doc, path)

    def ref(self, what: str, ident: str | None, doc: YamlDoc, path: PathT) -> None:
        if ident:
            self.refs.append((what, ident, doc, path))

    def check_refs(self, people_ok: bool, items_ok: bool) -> None:
        """Report references to unknown ids; skipped for a table whose file
        failed to load, where every reference would be noise."""
        for what, ident, doc, path in self.refs:
            if not (people_ok if what == "person" else items_ok):
                continue
            table = self.people if what == "person" else self.items
            if ident not in table:
                hint = did_you_mean(ident, table)
                self.problems.append(doc.problem(path, f"no {what} with id '{ident}'{hint}"))

    # assets -------------------------------------------------------------------
    def asset(self, doc: YamlDoc, path: PathT, rel: str) -> str:
        """``rel`` checked to name an existing file inside the event folder."""
        if not rel:
            return ""
        p = Path(rel)
        if p.is_absolute() or ".." in p.parts:
            doc.add(path, f"'{rel}' must be a path inside the event folder (no absolute paths or '..')")
            return ""
        full = self.event_dir / p
        if not full.resolve().is_relative_to(self.project.root.resolve()):
            doc.add(path, f"'{rel}' leads outside the project (a symbolic link?)")
            return ""
        if not full.is_file():
            doc.add(path, f"file '{rel}' not found in {self.project.display(self.event_dir)}")
            return ""
        problem = image_problem(full)
        if problem:
            doc.add(path, f"'{rel}' {problem}")
            return ""
        return str(full.resolve())


IMAGE_FORMATS = ("PNG", "JPEG")


def image_problem(path: Path) -> str:
    """What is wrong with the image at ``path`` ('' if nothing): it must be
    a PNG or JPEG that decodes, of at most $OCTAVO_MAX_IMAGE_PIXELS pixels
    (checked from the header, before decoding: no decompression bombs)."""
    from PIL import Image as PILImage

    limit = int(os.environ.get("OCTAVO_MAX_IMAGE_PIXELS", 40_000_000))
    try:
        with PILImage.open(path) as img:
            if img.format not in IMAGE_FORMATS:
                return f"is a {img.format} image; use PNG or JPEG"
            w, h = img.size
            if w * h > limit:
                return (f"is {w}×{h} pixels ({w * h:,}), over the limit of {limit:,} "
                        "(raise it with OCTAVO_MAX_IMAGE_PIXELS)")
            img.verify()  # checks PNG chunks; a JPEG is only checked by decoding it
        with PILImage.open(path) as img:
            img.load()  # safe: the pixel count is within the limit
    except PILImage.DecompressionBombError:
        return "has too many pixels to open safely"
    except (OSError, SyntaxError, ValueError):
        return "is not a readable PNG or JPEG image"
    return ""


def _mark_quotes(blocks: tuple[m.Block, ...], phrase: str) -> tuple[tuple[m.Block, ...], bool]:
    """``blocks`` with the first occurrence of ``phrase`` (and the quotation
    marks around it) turned into a :class:`~exporter.model.Quote` node."""
    found = False

    def inlines(nodes: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
        nonlocal found
        out: list[m.Inline] = []
        for node in nodes:
            if found or not isinstance(node, m.Text) or phrase not in node.text:
                out.append(node)
                continue
            i = node.text.index(phrase)
            j = i + len(phrase)
            before, after = node.text[:i], node.text[j:]
            if before[-1:] in "“\"‘'" and before and after[:1] in "”\"’'" and after:
                before, after = before[:-1], after[1:]
            out.extend(x for x in (m.Text(before) if before else None, m.Quote((m.Text(phrase),)),
                                   m.Text(after) if after else None) if x)
            found = True
        return tuple(out)

    def block(b: m.Block) -> m.Block:
        if isinstance(b, m.Paragraph):
            return m.Paragraph(inlines(b.inlines), b.loc)
        if isinstance(b, m.ListBlock):
            return m.ListBlock(b.ordered, tuple(tuple(map(block, it)) for it in b.items), b.start, b.loc)
        return m.BlockQuote(tuple(map(block, b.blocks)), b.loc)

    result = tuple(map(block, blocks))
    return result, found


def load_event(event_dir: Path, project: Project | None = None, limits: Limits = Limits()) -> m.Event:
    """The event in ``event_dir`` as a model, or ValidationError listing
    every problem found."""
    project = project or Project.find(event_dir)
    b = _Builder(project, event_dir)
    docs: list[YamlDoc] = []

    def read(path: Path, model: str) -> tuple[YamlDoc, Any]:
        doc = read_yaml(path, project.display(path), limits)
        docs.append(doc)
        return doc, _check_shape(doc, model)

    event_doc, ev = read(event_dir / "event.yaml", "EventFile")
    people_path = event_dir / "people.yaml"
    if people_path.is_file():
        people_doc, pf = read(people_path, "PeopleFile")
    else:
        people_doc, pf = None, None
        b.problems.append(Problem(project.display(people_path), 0, 0, "", "file missing: every event "
                                  "needs a people.yaml listing its participants"))
    session_paths = sorted((event_dir / "sessions").glob("*.y*ml")) if (event_dir / "sessions").is_dir() else []
    if not session_paths:
        b.problems.append(Problem(project.display(event_dir / "sessions"), 0, 0, "",
                                  "no session files: add sessions/1-<name>.yaml"))
    sessions_in = [read(p, "SessionFile") for p in session_paths]
    brief_path = event_dir / "brief.yaml"
    brief_doc, bf = read(brief_path, "BriefFile") if brief_path.is_file() else (None, None)

    people = _people(b, people_doc, pf) if pf else ()
    sessions = tuple(_session(b, doc, sf) for doc, sf in sessions_in if sf)
    brief = _brief(b, brief_doc, bf) if bf else None
    event = _event(b, event_doc, ev, event_dir.name, people, sessions, brief) if ev else None
    b.check_refs(people_ok=pf is not None, items_ok=all(sf for _, sf in sessions_in))
    problems = [p for d in docs for p in d.problems] + b.problems
    if problems or event is None:
        raise ValidationError(problems)
    return dataclasses.replace(event, source_digest=tree_digest(event_dir))


def _people(b: _Builder, doc: YamlDoc, pf: "PeopleFile") -> tuple[m.Person, ...]:
    out = []
    for i, p in enumerate(pf.people):
        path = ("people", i)
        b.define(b.people, p.id, doc, (*path, "id"), "person")
        sort = p.sort_as or p.name.split()[-1]
        if p.native_name_lang and not p.native_name:
            doc.add((*path, "native_name_lang"), "gives the language of native_name, which is empty; "
                                                 "add the native name or delete this key")
        out.append(m.Person(p.id, p.name, p.honorific, p.post_nominals, p.role, p.affiliation,
                            p.country, p.native_name, sort, b.loc(doc, path), p.native_name_lang))
    return tuple(out)


def _session(b: _Builder, doc: YamlDoc, sf: "SessionFile") -> m.Session:
    b.define(b.items, sf.id, doc, ("id",), "session or item")
    b.ref("person", sf.chair, doc, ("chair",))
    for key in ("speakers", "discussants"):
        for i, pid in enumerate(getattr(sf, key)):
            b.ref("person", pid, doc, (key, i))
    items = tuple(_item(b, doc, ("items", i), it) for i, it in enumerate(sf.items))
    return m.Session(sf.id, sf.kind, sf.title, items, b.inline(doc, ("theme",), sf.theme), sf.chair or "",
                     tuple(sf.speakers), tuple(sf.discussants), b.blocks(doc, ("intro",), sf.intro),
                     b.loc(doc, ()))


def _refs(b: _Builder, doc: YamlDoc, path: PathT, ids: Iterable[str]) -> tuple[str, ...]:
    ids = tuple(ids)
    for i, pid in enumerate(ids):
        b.ref("person", pid, doc, (*path, i))
    return ids


def _item(b: _Builder, doc: YamlDoc, path: PathT, it: Any) -> m.Item:
    b.define(b.items, it.id, doc, (*path, "id"), "session or item")
    loc = b.loc(doc, path)
    if it.kind == "qa":
        exchanges = tuple(_exchange(b, doc, (*path, "exchanges", i), ex) for i, ex in enumerate(it.exchanges))
        return m.QASession(it.id, b.blocks(doc, (*path, "intro"), it.intro), exchanges, it.title, loc)
    if it.kind in ("narrative", "ceremony"):
        return m.Note(it.id, it.kind, b.blocks(doc, (*path, "text"), it.text),
                      _refs(b, doc, (*path, "people"), it.people), loc)
    body = b.blocks(doc, (*path, "text"), it.text)
    for i, phrase in enumerate(it.quotes):
        body, found = _mark_quotes(body, phrase)
        if not found:
            doc.add((*path, "quotes", i), f"quote '{phrase}' does not occur in this item's text "
                                          "(it must match the text exactly)")
    return m.Contribution(it.id, it.kind, _refs(b, doc, (*path, "speakers"), it.speakers), body,
                          b.inline(doc, (*path, "title"), it.title), tuple(it.quotes), loc)


def _exchange(b: _Builder, doc: YamlDoc, path: PathT, ex: Any) -> m.Exchange:
    b.define(b.items, ex.id, doc, (*path, "id"), "session or item")
    b.ref("person", ex.questioner, doc, (*path, "questioner"))
    answers = []
    for i, a in enumerate(ex.answers):
        apath = (*path, "answers", i)
        b.ref("person", a.by, doc, (*apath, "by"))
        answers.append(m.Answer(a.by, b.blocks(doc, (*apath, "text"), a.text), b.loc(doc, apath)))
    return m.Exchange(ex.id, ex.questioner, _refs(b, doc, (*path, "to"), ex.to),
                      b.blocks(doc, (*path, "question"), ex.question), tuple(answers), b.loc(doc, path))


def _brief(b: _Builder, doc: YamlDoc, bf: "BriefFile") -> m.Brief:
    def refd(path: PathT, ref: str | None) -> str:
        b.ref("item", ref, doc, (*path, "ref"))
        return ref or ""

    msgs = tuple(m.KeyMessage(b.inline(doc, ("key_messages", i, "text"), k.text),
                              refd(("key_messages", i), k.ref), b.loc(doc, ("key_messages", i)))
                 for i, k in enumerate(bf.key_messages))
    recs = tuple(m.Recommendation(b.inline(doc, ("recommendations", i, "text"), r.text), r.actor,
                                  refd(("recommendations", i), r.ref), b.loc(doc, ("recommendations", i)))
                 for i, r in enumerate(bf.recommendations))
    figs = tuple(m.KeyFigure(f.value, f.label, f.unit, refd(("key_figures", i), f.ref),
                             b.loc(doc, ("key_figures", i))) for i, f in enumerate(bf.key_figures))
    quote = None
    if bf.quote:
        b.ref("person", bf.quote.speaker, doc, ("quote", "speaker"))
        quote = m.PullQuote(bf.quote.text, bf.quote.speaker, refd(("quote",), bf.quote.ref),
                            b.loc(doc, ("quote",)))
    return m.Brief(bf.title, msgs, recs, b.blocks(doc, ("context",), bf.context), figs, quote, b.loc(doc, ()))


def _event(b: _Builder, doc: YamlDoc, ev: Any, ident: str, people: tuple[m.Person, ...],
           sessions: tuple[m.Session, ...], brief: m.Brief | None) -> m.Event:
    org = ev.organiser
    _check_url(doc, ("organiser", "url"), org.url)
    organiser = m.Organiser(
        org.name, org.short_name, org.url, b.blocks(doc, ("organiser", "description"), org.description),
        b.blocks(doc, ("organiser", "profile"), org.profile),
        tuple(m.Figure(f.value, f.label, b.loc(doc, ("organiser", "figures", i)))
              for i, f in enumerate(org.figures)),
        b.asset(doc, ("organiser", "logo"), org.logo), b.loc(doc, ("organiser",)), org.logo_alt.strip(),
        b.loc(doc, ("organiser", "logo")) if org.logo else m.NOWHERE, org.city)
    _check_logo_alt(doc, org)
    media = None
    if ev.media:
        for i, o in enumerate(ev.media.outlets):
            _check_url(doc, ("media", "outlets", i, "url"), o.url)
        media = m.MediaCoverage(b.blocks(doc, ("media", "intro"), ev.media.intro),
                                tuple(m.Outlet(o.name, o.url, b.loc(doc, ("media", "outlets", i)))
                                      for i, o in enumerate(ev.media.outlets)), b.loc(doc, ("media",)))
    credits = m.Credits(tuple(ev.credits.compiled_by), tuple(ev.credits.edited_by))
    review = ev.review
    texts = [((key,), getattr(ev, key)) for key in ("title", "subtitle", "kind", "venue", "city", "country", "rights")]
    texts += [(("organiser", key), getattr(org, key)) for key in ("name", "short_name", "city", "url")]
    texts += [(("credits", key, i), name) for key in ("compiled_by", "edited_by")
              for i, name in enumerate(getattr(ev.credits, key))]
    if review:
        texts.append((("review", "contact"), review.contact))
    return m.Event(ident, ev.title, organiser, ev.date, ev.venue, ev.city, people, sessions, ev.subtitle,
                   ev.country, ev.language, ev.published or ev.date, credits, ev.rights, tuple(ev.keywords),
                   b.blocks(doc, ("introduction",), ev.introduction), media, brief,
                   review.contact if review else "", review.deadline if review else "", ev.kind,
                   texts=tuple((text, b.loc(doc, path)) for path, text in texts if text))


def _check_logo_alt(doc: YamlDoc, org: s.OrganiserIn) -> None:
    """A logo needs its alt text, and alt text needs a logo."""
    if org.logo and not org.logo_alt.strip():
        p = doc.pos(("organiser", "logo"))
        doc.problems.append(Problem(doc.file, p.line, p.col, "organiser.logo_alt",
                                    "a logo needs alt text saying what it shows, for readers who cannot see it: "
                                    f"add logo_alt (e.g. logo_alt: {org.name} logo)"))
    elif org.logo_alt and not org.logo:
        doc.add(("organiser", "logo_alt"), "is the alt text of a logo, but organiser.logo is not given; "
                                          "add the logo or delete this key")


def _check_url(doc: YamlDoc, path: PathT, url: str) -> None:
    """Record a problem when ``url`` is set and is not http, https or mailto."""
    if url and urlsplit(url).scheme.lower() not in ALLOWED_SCHEMES:
        doc.add(path, f"link target '{url}' is not allowed; use an http, https or mailto link")
