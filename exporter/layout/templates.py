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
import re
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from exporter.errors import OctavoError
from exporter.layout.model import Layout

MAX_OUTPUT = 100_000  # characters a template may produce
MAX_SECONDS = 5       # seconds a template may take to render


def _bounded(chunks, name: str) -> str:
    """The rendered text, stopped as soon as it passes ``MAX_OUTPUT``."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise OctavoError(f"template {name} produced more than {MAX_OUTPUT:,} characters, the limit "
                              "for a template's output; look for a loop that runs away")
        out.append(chunk)
    return "".join(out)


@contextmanager
def time_limit(seconds: float, name: str):
    """Stop a template that renders for longer than ``seconds`` (with
    SIGALRM, so only where it exists and in the main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise OctavoError(f"template {name} took longer than {seconds:g} s to render, the limit; "
                          "look for a loop that runs away")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path (symbolic
    links resolved) lies outside its folders: a link in a layout's
    templates/ cannot read the rest of the file system."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(d).resolve()) for d in self.searchpath):
            raise OctavoError(f"{filename}: template '{template}' leads outside the layout's templates "
                              "folder (a symbolic link?); copy the file in instead")
        return source, filename, uptodate


@lru_cache(maxsize=16)
def _environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    # "!default/NAME" is NAME as the layouts this one extends define it, so a
    # project template can {% extends "!default/cover.j2" %} and replace a block
    own = ConfinedLoader([str(d) for d in template_dirs], followlinks=False)
    inherited = ConfinedLoader([str(d) for d in template_dirs[1:]], followlinks=False)
    loader = jinja2.ChoiceLoader([own, jinja2.PrefixLoader({"!default": inherited}, delimiter="/")])
    return ImmutableSandboxedEnvironment(loader=loader, undefined=jinja2.StrictUndefined,
                                         autoescape=True, keep_trailing_newline=False,
                                         finalize=_one_line, bytecode_cache=_bytecode_cache())


#: What ``str.splitlines`` splits on: the line breaks of Unicode and the ASCII separators.
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _one_line(value: Any) -> Any:
    """Every ``{{ value }}`` a template prints, as one line: its line breaks
    become a space.  A template's output is read line by line as ``style:
    text``, so a value with a line break in it (validation refuses them in
    one-line fields; a template may print anything it is given) would
    otherwise end its line and start another, in a style of its text's
    choosing."""
    if not isinstance(value, str) or not _LINE_BREAKS.search(value):
        return value
    joined = _LINE_BREAKS.sub(" ", value)
    return Markup(joined) if isinstance(value, Markup) else joined  # already escaped (a join): kept so


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Templates compiled once per machine, in Octavo's cache folder: jinja2
    keys each by its name, file and source, and this folder by jinja2's
    version and this module (which sets how templates compile), so a stale
    compilation is never used."""
    from exporter import usercache

    base = usercache.folder()
    if base is None:
        return None
    this = Path(__file__)
    folder = base / "templates" / usercache.key(jinja2.__version__, this.read_bytes())
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def human_date(iso: str) -> str:
    """``2019-04`` as ``April 2019``; ``2019-04-03`` as ``3 April 2019``: how
    templates show a date, in every output."""
    import calendar

    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def render_lines(layout: Layout, name: str, **context: Any) -> list[Line]:
    """Render template ``name`` with ``context`` into styled lines."""
    env = environment(layout)
    try:
        template = env.get_template(name)
        with time_limit(MAX_SECONDS, name):
            out = _bounded(template.generate(**context), name)
    except jinja2.TemplateSyntaxError as exc:
        raise OctavoError(f"{exc.filename or name}:{exc.lineno}: template error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        where = "" if exc.name == name else f"{_template_line(exc, name)}: "
        raise OctavoError(f"{where}layout '{layout.name}' has no template '{exc.name}' "
                          f"(looked in {', '.join(map(str, layout.template_dirs))})") from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError) as exc:
        line = _template_line(exc, name)
        raise OctavoError(f"{line}: template error: {exc}") from None
    except OctavoError:
        raise
    except Exception as exc:  # an editor's template is untrusted code: whatever it raises is its error
        line = _template_line(exc, name)
        raise OctavoError(f"{line}: template error: {type(exc).__name__}: {exc}") from None
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
