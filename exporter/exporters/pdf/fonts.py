"""Registering a layout's TrueType fonts with ReportLab, and checking that
they hold every glyph the text needs."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics

from exporter import model as m
from exporter.errors import Problem, ValidationError
from exporter.exporters.pdf.preload import ttfont
from exporter.layout import Layout
from exporter.plaintext import Unit

FACES = ("regular", "bold", "italic", "bold_italic")


@lru_cache(maxsize=None)
def _register(path: Path) -> str:
    """Register one TrueType file once per process (parsed once per machine,
    see :mod:`.preload`); return its font name."""
    name = f"Octavo-{path.stem}"
    pdfmetrics.registerFont(ttfont(name, path))
    return name


def register(layout: Layout) -> dict[str, dict[str, str]]:
    """Register every family of ``layout``; return ReportLab font names by
    logical family and face, with bold/italic mapped for ``<b>``/``<i>``."""
    names: dict[str, dict[str, str]] = {}
    for key, fam in layout.fonts.items():
        faces = {face: _register(getattr(fam, face)) for face in FACES}
        for face, (bold, italic) in zip(FACES, ((0, 0), (1, 0), (0, 1), (1, 1))):
            addMapping(faces["regular"], bold, italic, faces[face])
        names[key] = faces
    return names


def missing_glyphs(layout: Layout, units: list[Unit], font: str = "serif") -> ValidationError | None:
    """An error naming each character of ``units`` the layout's ``font``
    cannot draw, with where the text is; None when all are covered."""
    fam = layout.fonts[font]
    names = register(layout)
    faces = [pdfmetrics.getFont(n).face.charToGlyph for n in names[font].values()]
    verdict: dict[str, bool] = {}  # each distinct character is looked up once
    problems = []
    for unit in units:
        bad = []
        for c in set(unit.text):
            if c not in verdict:
                verdict[c] = c.isspace() or all(ord(c) in cmap for cmap in faces)
            if not verdict[c]:
                bad.append(c)
        if bad:
            chars = ", ".join(f"'{c}' U+{ord(c):04X}" for c in sorted(bad)[:8])
            loc = unit.loc
            problems.append(Problem(loc.file, loc.line, loc.col, loc.path,
                                    f"the layout's font '{fam.family}' (fonts.{font}) has no glyph for {chars}"))
    return ValidationError(problems, "source for this layout") if problems else None


def glyph_problems(layout: Layout, by_font: dict[str, list[Unit]]) -> ValidationError | None:
    """One error for every character a font lacks, for each logical font of
    ``by_font`` (font -> the text it sets) the layout defines; None if all
    are covered.  The one glyph check of the booklet, the brief and
    ``octavo check``."""
    found: list[Problem] = []
    for font, units in by_font.items():
        problem = missing_glyphs(layout, units, font) if font in layout.fonts else None
        if problem:
            found += problem.problems
    return ValidationError(found, "source for this layout") if found else None


def all_units(event: m.Event) -> list[Unit]:
    """Every piece of text of ``event`` a PDF may set, for glyph checks."""
    from exporter.plaintext import body_units

    units = list(body_units(event))
    for p in event.people:
        units.append(Unit("person", " ".join((p.full_name, p.position, p.native_name)), p.loc))
    return units
