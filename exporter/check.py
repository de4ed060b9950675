"""``octavo check``: every problem an export would meet, found before
rendering and reported at once, each with its file and line.

Checks, in order: the source (schema, references, Markdown, assets and
images); the layout (keys, units, fonts, styles, and that the print
edition's output profile converts colours); every template of the
layout compiles, and renders with the real event (so a misspelt variable
or attribute is caught, with its template line); the reference.docx has
every style the Word export needs; the layout's fonts have a glyph for
every character of the text; and, when all that passes, the brief fits its
page(s): the fitter runs as ``export brief`` runs it (with the booklet's
page numbers from the page cache in build/, or from the booklet laid out in
memory), so a brief that does not fit fails here with export's message.
Nothing is written.  Warnings, which do not fail the check: an image whose
resolution at its printed size in the print edition is below what print
shops ask (300 ppi).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import meta

from exporter.colour import print_colour
from exporter.errors import OctavoError, ValidationError
from exporter.layout import Layout, load_layout
from exporter.layout.templates import environment, render_lines
from exporter.model import Event, Organiser
from exporter.project import Project
from exporter.source import load_event
from exporter.validation import did_you_mean


_SAMPLE = Event("sample", "", Organiser("", ""), "2000", "", "", (), (), published="2000")


@dataclass
class Report:
    """What ``check`` found: the checks that ran, and every problem."""

    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What an export would also say (the parts the brief leaves out to fit)."""


def template_contexts(event: Event | None) -> dict[str, dict]:
    """The variables each built-in template is rendered with, for ``event``
    (the same values the exporters pass; all None without an event)."""
    from exporter.layout.templates import human_date

    if event is None:
        return {k: dict.fromkeys(v) for k, v in template_contexts(_SAMPLE).items()}
    base = {"event": event, "organiser": event.organiser, "date": human_date(event.date),
            "published": human_date(event.published)}
    person = event.people[0] if event.people else None
    brief = {**base, "brief": event.brief}
    return {
        "cover.j2": base, "imprint.j2": base, "back_cover.j2": base,
        "running_head_verso.j2": {"event": event},
        "running_head_recto.j2": {"event": event, "section": "Introduction"},
        "review_note.j2": {**base, "person": person, "deadline": event.review_deadline,
                           "contact": event.editor_contact},
        "brief_masthead.j2": brief, "brief_heading.j2": {**brief, "section": "key_messages"},
        "brief_reference.j2": {"page": 1, "item": "item"},
        "brief_footer.j2": {**brief, "page": 1, "pages": 1},
    }


def check(project: Project, event_dir: Path, layout_name: str | None) -> Report:
    """Run every check; the report lists what passed and every problem."""
    report = Report()
    event = _step(report, "source", lambda: load_event(event_dir, project))
    layout = _step(report, "layout", lambda: _layout(layout_name, project))
    if layout is not None:
        _templates(report, project, layout, event)
        _reference_docx(report, project, layout)
    if layout is not None and event is not None:
        _glyphs(report, layout, event)
        _image_resolution(report, project, layout, event)
    if layout is not None and event is not None and event.brief is not None and not report.problems:
        _brief(report, project, layout, event)
    return report


def _layout(name: str | None, project: Project) -> Layout:
    """The layout, with its output profile's transforms built (a damaged
    profile passes the loader, which reads only its header)."""
    layout = load_layout(name, project)
    print_colour(layout)
    return layout


def _step(report: Report, what: str, run):
    try:
        value = run()
    except ValidationError as exc:
        report.problems += [str(p) for p in exc.problems]
        return None
    except OctavoError as exc:
        report.problems.append(exc.message)
        return None
    report.passed.append(what)
    return value


def _templates(report: Report, project: Project, layout: Layout, event: Event | None) -> None:
    env = environment(layout)
    names_given = {k: sorted(v) for k, v in template_contexts(None).items()}
    contexts = template_contexts(event) if event is not None else {}
    names = sorted({p.name for d in layout.template_dirs for p in d.glob("*.j2")})
    before = len(report.problems)
    for name in names:
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except OctavoError as exc:  # a link out of the layout
            report.problems.append(exc.message)
            continue
        except UnicodeDecodeError:
            report.problems.append(f"template {name}: not UTF-8 text; save it as UTF-8")
            continue
        shown = project.display(Path(filename))
        try:
            tree = env.parse(source, name, shown)
        except jinja2.TemplateSyntaxError as exc:
            report.problems.append(f"{shown}:{exc.lineno}: template error: {exc.message}")
            continue
        if name in names_given:
            unknown = sorted(meta.find_undeclared_variables(tree) - set(names_given[name]))
            for var in unknown:
                line = next((n for n, text in enumerate(source.splitlines(), 1)
                             if re.search(rf"\b{re.escape(var)}\b", text)), 0)
                report.problems.append(f"{shown}:{line}: '{var}' is not a variable of {name} "
                                       f"(it gets: {', '.join(names_given[name])}){did_you_mean(var, names_given[name])}")
            if unknown:
                continue
        if name in contexts and not (name.startswith("brief") and event is not None and event.brief is None):
            try:
                render_lines(layout, name, **contexts[name])
            except OctavoError as exc:
                report.problems.append(exc.message)
    if len(report.problems) == before:
        report.passed.append(f"templates ({len(names)})")


def _reference_docx(report: Report, project: Project, layout: Layout) -> None:
    if layout.reference_docx is None:
        report.passed.append("reference.docx (made from the layout)")
        return
    from docx import Document

    from exporter.exporters.docx.reference import missing_styles

    try:
        lacking = missing_styles(Document(str(layout.reference_docx)))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        report.problems.append(f"{project.display(layout.reference_docx)}: not a readable .docx ({exc})")
        return
    if lacking:
        report.problems.append(f"{project.display(layout.reference_docx)}: missing styles the Word export "
                               f"needs: {', '.join(lacking)}")
    else:
        report.passed.append("reference.docx")


def _glyphs(report: Report, layout: Layout, event: Event) -> None:
    from exporter.typeset.fonts import all_units, glyph_problems
    from exporter.plaintext import brief_units

    brief = list(brief_units(event.brief)) if event.brief else []
    units = all_units(event, layout) + brief
    # the serif sets everything; the sans sets names, titles and the brief
    sans = [u for u in units if u.kind in ("person", "session title", "event")] + brief
    problem = glyph_problems(layout, {"serif": units, "sans": sans})
    if problem:
        report.problems += [str(p) for p in problem.problems]
    else:
        report.passed.append("glyphs")


def _image_resolution(report: Report, project: Project, layout: Layout, event: Event) -> None:
    """Warn about the cover logo when it prints below ``PRINT_PPI`` at the
    size the print edition draws it (the layout's logo box)."""
    from PIL import Image

    from exporter.logo import PRINT_PPI, effective_ppi, logo_size

    org = event.organiser
    if not org.logo:
        return
    with Image.open(org.logo) as img:
        pixels = img.size
    size = logo_size(pixels, layout.page)
    ppi = effective_ppi(pixels, size)
    if ppi + 0.5 < PRINT_PPI:
        need = tuple(math.ceil(x / 72 * PRINT_PPI) for x in size)
        mm = tuple(round(x * 25.4 / 72) for x in size)
        report.warnings.append(
            f"{org.logo_loc}: warning: {project.display(Path(org.logo))} prints at {ppi:.0f} ppi on the cover "
            f"of the print edition ({pixels[0]}×{pixels[1]} pixels over {mm[0]}×{mm[1]} mm); print shops ask "
            f"for {PRINT_PPI} ppi: supply it at least {need[0]}×{need[1]} pixels")
    else:
        report.passed.append("image resolution")
def _brief(report: Report, project: Project, layout: Layout, event: Event) -> None:
    from exporter.cache import PageCache
    from exporter.exporters.brief import BriefExporter

    shared: dict = {}
    pages = PageCache(project.build_dir).get(event, layout)
    if pages is not None:
        shared[("item_pages", layout.name)] = pages
    exporter = BriefExporter(event, layout, shared)
    if _step(report, "", exporter.render) is None:
        return
    report.passed[-1] = (f"brief (fits {exporter.fit.pages} page{'s' if exporter.fit.pages != 1 else ''} "
                         f"at {exporter.fit.size:g}pt)")
    report.notes += [f"brief: {note}" for note in exporter.notes]
