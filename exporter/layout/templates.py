"""The layout's jinja2 templates for fixed texts (cover, imprint, running
heads, back cover), run in an immutable sandbox.

A template's output is text, never markup: each non-empty line reads
``style: text``, naming a layout style and the text to set in it.  The
output is autoescaped by jinja2; the exporter unescapes it to plain text and
escapes it again for its own format, so even ``<b>`` written in a template
prints literally.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from exporter.errors import OctavoError
from exporter.layout.model import Layout

MAX_OUTPUT = 100_000  # characters a template may produce


@dataclass(frozen=True)
class Line:
    """One line of template output: a style name and plain text."""

    style: str
    text: str


def environment(layout: Layout) -> jinja2.Environment:
    """A sandboxed environment loading only the templates of the layout and
    the layouts it extends (one per set of folders, so templates compile
    once); ``!default/NAME`` skips the layout's own folder."""
    return _environment(layout.template_dirs)


@lru_cache(maxsize=16)
def _environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    # "!default/NAME" is NAME as the layouts this one extends define it, so a
    # project template can {% extends "!default/cover.j2" %} and replace a block
    own = jinja2.FileSystemLoader([str(d) for d in template_dirs], followlinks=False)
    inherited = jinja2.FileSystemLoader([str(d) for d in template_dirs[1:]], followlinks=False)
    loader = jinja2.ChoiceLoader([own, jinja2.PrefixLoader({"!default": inherited}, delimiter="/")])
    return ImmutableSandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined,
                                         autoescape=True, keep_trailing_newline=False)


def render_lines(layout: Layout, name: str, **context: Any) -> list[Line]:
    """Render template ``name`` with ``context`` into styled lines."""
    env = environment(layout)
    try:
        template = env.get_template(name)
        out = template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise OctavoError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.TemplateNotFound:
        raise OctavoError(f"layout '{layout.name}' has no template '{name}' "
                          f"(looked in {', '.join(map(str, layout.template_dirs))})") from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError) as exc:
        line = _template_line(exc, name)
        raise OctavoError(f"{line}: template error: {exc}") from None
    if len(out) > MAX_OUTPUT:
        raise OctavoError(f"template {name} produced {len(out):,} characters, over the limit of {MAX_OUTPUT:,}")
    lines = []
    for n, raw in enumerate(out.splitlines(), 1):
        if not raw.strip():
            continue
        style, sep, text = raw.partition(":")
        style = style.strip()
        if not sep or style not in layout.styles:
            raise OctavoError(f"template {name}: output line {n} must read 'style: text' with a layout "
                              f"style, got {raw.strip()[:60]!r}")
        lines.append(Line(style, html.unescape(text.strip())))
    return lines


def _template_line(exc: BaseException, name: str) -> str:
    """``file:line`` of the template frame nearest the error (jinja2
    rewrites tracebacks so template frames carry the template's own file
    and line), else the template's name."""
    tb = exc.__traceback__
    where = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            shown = Path(filename)
            if shown.is_relative_to(Path.cwd()):
                shown = shown.relative_to(Path.cwd())
            where = f"{shown}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where
