"""The ``octavo`` command line: thin click commands over the library.

Exit codes: 0 success, 2 bad input or usage (with a message naming what to
fix), 130 interrupted (Ctrl-C, see ``exporter.interrupt``), 1 only for bugs.

Start-up is kept short: this module imports only click, and each command
imports the parts of Octavo it uses (``octavo --version`` never loads the
exporters, ``octavo validate`` never loads ReportLab).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from exporter import __version__
from exporter.errors import ReportError
from exporter.exporters import REGISTRY

if TYPE_CHECKING:
    from exporter.layout import Layout
    from exporter.model import Event
    from exporter.project import Project


def _project() -> Project:
    """The project this command works in (see :meth:`Project.find`)."""
    from exporter.project import Project

    return Project.find()


def choose_event(project: Project, event_name: str | None) -> Path:
    """The folder of the event a command works on (see
    :meth:`Project.choose_event`); a named event is remembered for later
    commands, and an event taken from memory is said on stderr."""
    folder, how = project.choose_event(event_name)
    if how == "named":
        project.remember_event(folder)
    elif how == "last":
        click.echo(f"event: {folder.name} (the last one named; name another, or set OCTAVO_EVENT)", err=True)
    return folder


def event_argument(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add the optional EVENT argument; the command receives the loaded,
    validated ``event`` and the ``project``."""

    @click.argument("event_name", metavar="[EVENT]", required=False)
    @functools.wraps(fn)
    def wrapper(event_name: str | None, **kwargs: Any) -> Any:
        from exporter.source import load_event

        project = _project()
        event_dir = choose_event(project, event_name)
        return fn(event=load_event(event_dir, project), project=project, **kwargs)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="octavo")
def main() -> None:
    """Octavo turns the structured record of a conference (source/EVENT/)
    into a PDF booklet, a Word proceedings file and a one-page brief.

    EVENT is a folder name under source/, or a path to an event folder;
    without it: $OCTAVO_EVENT, else the project's only event, else the
    last event named in a command.
    """


@main.command()
@event_argument
def validate(event: Event, project: Project) -> None:
    """Check an event's source and report every problem at once.

    Each problem is printed as FILE:LINE:COL: FIELD: MESSAGE; the exit code
    is 2 when there is any.

    \b
    Example:
      octavo validate pakistan-russia-2019
    """
    from exporter.outline import count

    items = sum(len(s.items) for s in event.sessions)
    n = len(event.sessions)
    click.echo(f"{event.id}: valid — {count(len(event.people), 'person', 'people')}, {count(n, 'session')}, "
               f"{count(items, 'item')}")


@main.command()
@event_argument
def show(event: Event, project: Project) -> None:
    """Print the event's outline: sessions, contributions, Q&A, the brief.

    \b
    Example:
      octavo show
    """
    from exporter.outline import outline

    for line in outline(event):
        click.echo(line)


def layout_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--layout NAME`` (default: the house booklet)."""
    return click.option("--layout", "layout_name", metavar="NAME", default=None,
                        help="Layout to use: a folder under layouts/ or a built-in (booklet, report).")(fn)


def out_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--out DIR`` (default: build/ in the project)."""
    return click.option("--out", "out_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
                        default=None, help="Output folder (default: build/).")(fn)


@main.command()
@click.argument("formats", metavar="FORMAT", type=click.Choice([*REGISTRY, "all"]))
@event_argument
@layout_option
@out_option
@click.option("--print", "print_edition", is_flag=True,
              help="With pdf: write the print edition (bleed, page boxes, CMYK) instead of the screen one.")
@click.option("--impose", is_flag=True, help="With pdf --print: also write it imposed two-up for saddle stitching.")
@click.option("--max-pages", type=click.IntRange(1, 2), default=None,
              help="Pages the brief may take (1 or 2; default: the layout's brief.max_pages).")
@click.option("--person", "persons", metavar="ID", multiple=True,
              help="With review: the person whose review copy to write (repeatable).")
@click.option("--all-speakers", is_flag=True, help="With review: a review copy for everyone who speaks or asks.")
@click.option("--format", "review_format", type=click.Choice(["pdf", "docx"]), default=None,
              help="With review: a PDF marked DRAFT (default), or a .docx with Track Changes on.")
@click.option("--force", is_flag=True, help="With all: rebuild outputs whose inputs have not changed.")
@click.option("--zip", "make_zip", is_flag=True, help="With all: also write OUT/EVENT-DATE.zip of the files.")
@click.option("--keep-going", is_flag=True,
              help="With all: when an output fails, write the others; the manifest records the failure.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout (for scripts), nothing else.")
def export(event: Event, project: Project, formats: str, layout_name: str | None, out_dir: Path | None,
           print_edition: bool, impose: bool, max_pages: int | None, persons: tuple[str, ...], all_speakers: bool,
           review_format: str | None, force: bool, make_zip: bool, keep_going: bool, as_json: bool) -> None:
    """Write the event's publications into OUT/EVENT/.

    FORMAT is one of the formats below, or 'all' (every format but
    'imposed' and 'review'). File names: EVENT-proceedings.pdf,
    EVENT-proceedings-print.pdf, EVENT-proceedings-print-imposed.pdf,
    EVENT-proceedings.docx, EVENT-brief.pdf, review/EVENT-review-ID.pdf
    (or .docx with --format docx; -LAYOUT before the extension for a
    layout other than booklet).

    \b
    Examples:
      octavo export pdf
      octavo export pdf --print --impose
      octavo export brief --max-pages 2
      octavo export review --person dedov --person kazmi
      octavo export review --all-speakers --format docx
      octavo export all pakistan-russia-2019 --layout report --out /tmp/out
    """
    import dataclasses

    from exporter.layout import load_layout

    layout = load_layout(layout_name, project)
    if max_pages:
        layout = dataclasses.replace(layout, brief=dataclasses.replace(layout.brief, max_pages=max_pages),
                                     overrides=(*layout.overrides, f"brief.max_pages={max_pages}"))
    out = out_dir or project.build_dir
    if (print_edition or impose) and formats != "pdf":
        raise click.UsageError("--print and --impose go with 'export pdf'")
    if (force or make_zip or keep_going) and formats != "all":
        raise click.UsageError("--force, --zip and --keep-going go with 'export all'")
    if bool(persons or all_speakers) != (formats == "review"):
        raise click.UsageError("'export review' needs --person ID or --all-speakers; they go with review only")
    if review_format and formats != "review":
        raise click.UsageError("--format goes with 'export review'")
    if formats == "all":
        _export_all(event, layout, out, project, force, make_zip, keep_going, as_json)
        return
    if formats == "review":
        _export_reviews(event, layout, out, project, persons, all_speakers, as_json, review_format or "pdf")
        return
    names = (["print", "imposed"] if impose else ["print"]) if print_edition or impose else [formats]
    shared: dict[Any, Any] = {}
    written = []
    for name in names:
        exporter = REGISTRY[name](event, layout, shared)
        path = exporter.export(out)
        written.append({"format": name, "path": str(path), "notes": exporter.notes})
        if not as_json:
            click.echo(f"{name:<7} {project.display(path)}")
            for note in exporter.notes:
                click.echo(f"{name}: {note}", err=True)
    if as_json:
        click.echo(_json({"written": written}))


def _json(data: Any) -> str:
    import json

    return json.dumps(data, indent=2)


def _export_reviews(event: Event, layout: Layout, out: Path, project: Project, persons: tuple[str, ...],
                    all_speakers: bool, as_json: bool, fmt: str) -> None:
    from exporter.review import reviewers

    if fmt == "docx":
        from exporter.exporters.docx.review import ReviewDocxExporter as Review
    else:
        from exporter.exporters.pdf.review import ReviewPdfExporter as Review

    # check every --person before writing any file
    exporters = [Review(event, layout, person=p) for p in (reviewers(event) if all_speakers else persons)]
    written = []
    for exporter in exporters:
        path = exporter.export(out)
        written.append({"format": "review", "person": exporter.person.id, "path": str(path)})
        if not as_json:
            click.echo(f"review  {project.display(path)}")
    if as_json:
        click.echo(_json({"written": written}))


def _export_all(event: Event, layout: Layout, out: Path, project: Project, force: bool, make_zip: bool,
                keep_going: bool, as_json: bool) -> None:
    from exporter.errors import OctavoError
    from exporter.publish import IncompleteSet, export_all

    names = [n for n, cls in REGISTRY.items() if cls.in_all]
    options = dict(force=force, make_zip=make_zip, keep_going=keep_going)
    try:
        if as_json or not sys.stderr.isatty():  # scripts: no progress bar
            run = export_all(event, layout, out, **options)
        else:
            from exporter import interrupt

            with click.progressbar(length=len(names), label="exporting", file=sys.stderr,
                                   item_show_func=lambda name: name) as bar:
                interrupt.partial_line = True  # a Ctrl-C's line starts on a line of its own
                try:
                    run = export_all(event, layout, out, progress=lambda name: bar.update(1, name), **options)
                finally:
                    interrupt.partial_line = False
    except IncompleteSet as exc:
        raise OctavoError(incomplete_message(exc)) from None
    if as_json:
        click.echo(_json({"written": [{"format": n, "path": str(p)} for n, p in run.written],
                          "skipped": [{"format": n, "path": str(p)} for n, p in run.skipped],
                          "failed": [{"format": n, "path": str(p), "error": e} for n, p, e in run.failed],
                          "manifest": str(run.manifest), "zip": str(run.zip) if run.zip else None,
                          "notes": [{"format": n, "note": t} for n, t in run.notes]}))
    else:
        for name, note in run.notes:
            click.echo(f"{name}: {note}", err=True)
        for name, path in run.written:
            click.echo(f"{name:<7} {project.display(path)}")
        for name, path in run.skipped:
            click.echo(f"{name:<7} {project.display(path)} (unchanged, skipped; --force rebuilds it)")
        click.echo(f"{'manifest':<7} {project.display(run.manifest)}")
        if run.zip:
            click.echo(f"{'zip':<7} {project.display(run.zip)}")
    if run.failed:
        removed = "".join(f"; the previous {p.name} was removed (it was made from other inputs)"
                          for p in run.removed)
        raise OctavoError("\n".join([*dict.fromkeys(message for _, _, message in run.failed),
                                     f"not written: {', '.join(n for n, _, _ in run.failed)} (the manifest "
                                     f"records it as failed){removed}; the other outputs are complete"]))


def incomplete_message(exc) -> str:
    """Why ``export all`` wrote nothing (each failure's own message, once),
    which outputs were ready, and the command that writes them."""
    messages = list(dict.fromkeys(message for _, _, message in exc.failed))
    failed = ", ".join(n for n, _, _ in exc.failed)
    ready = ", ".join(f"{n} ({path.name})" for n, path in exc.ready)
    lines = [*messages, "export all writes its files together or not at all, so nothing was written; "
             f"failed: {failed}; " + (f"ready: {ready}." if ready else "none was ready.")]
    if ready:
        lines += [f"To write the ready ones now, with a manifest that records {failed} as failed:",
                  f"  {_command_again('--keep-going')}"]
    return "\n".join(lines)


def _command_again(*extra: str) -> str:
    """The command being run, as one would type it again, with ``extra`` options."""
    import shlex

    ctx = click.get_current_context()
    words = ["octavo", *ctx.command_path.split()[1:]]
    for param in ctx.command.params:
        value = ctx.params.get(param.name)
        if value in (None, False, ()) or param.name == "as_json":
            continue
        if isinstance(param, click.Argument):
            words.append(str(value))
        elif isinstance(value, tuple):
            for item in value:
                words += [param.opts[0], str(item)]
        elif param.is_flag:
            words.append(param.opts[0])
        else:
            words += [param.opts[0], str(value)]
    return shlex.join([*words, *extra])


@main.command()
@click.argument("event_name", metavar="[EVENT]", required=False)
@layout_option
def check(event_name: str | None, layout_name: str | None) -> None:
    """Find every problem an export would meet, before writing anything:
    source, layout, templates (compile, and render with the event),
    reference.docx styles, glyphs missing from the layout's fonts, and
    whether the brief fits its page(s). One report; exit code 2 on any
    problem. Warnings (an image below 300 ppi at its printed size) go to
    stderr and do not fail the check.

    \b
    Example:
      octavo check --layout partner
    """
    from exporter.check import check as run_check

    project = _project()
    report = run_check(project, choose_event(project, event_name), layout_name)
    for line in [*report.warnings, *report.notes]:
        click.echo(line, err=True)
    if report.problems:
        n = len(report.problems)
        raise ReportError("\n".join([*report.problems, f"{n} problem{'s' if n != 1 else ''} found; "
                                      f"checked: {', '.join(report.passed) or 'nothing else'}."]))
    click.echo(f"no problems: {', '.join(report.passed)}")


@main.command("watch")
@click.argument("event_name", metavar="[EVENT]", required=False)
@layout_option
@out_option
@click.option("--formats", default="pdf", metavar="LIST", show_default=True,
              help="Comma-separated outputs to rebuild, e.g. pdf,brief.")
def watch_command(event_name: str | None, layout_name: str | None, out_dir: Path | None, formats: str) -> None:
    """Rebuild outputs whenever the source or the layout changes, until
    Ctrl-C. Each rebuild prints one line with the time each output took;
    problems are shown and the last good files stay in place.

    \b
    Example:
      octavo watch --formats pdf,brief --layout partner
    """
    import time as clock

    from exporter.watch import watch

    asked = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in asked if f not in REGISTRY or f == "review"]
    chosen = [n for n in REGISTRY if n in asked]  # registry order: the booklet before the brief that cites it
    if unknown or not chosen:
        raise click.UsageError(f"--formats: unknown {', '.join(unknown) or '(none)'}; choose from "
                               f"{', '.join(n for n in REGISTRY if n != 'review')}")
    project = _project()

    def report(build) -> None:
        stamp = clock.strftime("%H:%M:%S")
        cause = f" (after {', '.join(build.changed)})" if build.changed else ""
        if build.problems:
            click.echo(f"{stamp} not rebuilt{cause}: {len(build.problems)} problem(s); the last good files stay",
                       err=True)
            for line in build.problems:
                click.echo(f"  {line}", err=True)
            return
        done = "  ".join(f"{name} {seconds:.2f}s {project.display(path)}" for name, path, seconds in build.outputs)
        click.echo(f"{stamp} {done}{cause}")

    click.echo("watching; Ctrl-C stops", err=True)
    watch(project, choose_event(project, event_name), layout_name, chosen, out_dir or project.build_dir, report)


@main.command("verify")
@event_argument
@layout_option
@out_option
def verify_command(event: Event, project: Project, layout_name: str | None, out_dir: Path | None) -> None:
    """Check that the files 'export all' wrote agree with the source.

    Reads the screen and print PDFs, the .docx and the brief back and checks
    that every paragraph, list item, quotation, question and answer is in
    each, in order; that people are named the same everywhere; and that the
    brief's figures and page references match the booklet. Exit code 2 on
    any problem, each named with its source location.

    \b
    Example:
      octavo export all && octavo verify
    """
    from exporter.layout import load_layout
    from exporter.verify import verify

    report = verify(event, load_layout(layout_name, project), out_dir or project.build_dir)
    for line in report.lines:
        click.echo(line)


@main.group()
def layouts() -> None:
    """Work with layouts (style sheets, templates, reference.docx)."""


@layouts.command("reference-docx")
@click.argument("layout_name", metavar="[LAYOUT]", required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the .docx.")
def reference_docx(layout_name: str | None, output: Path) -> None:
    """Write the default reference.docx of LAYOUT (default: booklet).

    Open it in Word, restyle it, and save it as layouts/NAME/reference.docx:
    the next export of that layout takes its styles from it.

    \b
    Example:
      octavo layouts reference-docx booklet -o layouts/partner/reference.docx
    """
    from exporter.exporters.docx import write_reference_docx
    from exporter.layout import load_layout

    write_reference_docx(load_layout(layout_name, _project()), output)
    click.echo(f"wrote {output}")


@layouts.command("list")
def layouts_list() -> None:
    """List the layouts found, project first, then built-in: what each
    extends and its trim size.

    \b
    Example:
      octavo layouts list
    """
    from exporter.layout.loader import BUILTIN_DIR, available, read_layout_head

    project = _project()
    shadowed: set[str] = set()
    for name, folder in available(project):
        where = "built-in" if folder.parent == BUILTIN_DIR else project.display(folder)
        extends, size = read_layout_head(folder)
        note = " (hidden by the project's own)" if name in shadowed else ""
        shadowed.add(name)
        click.echo(f"{name:<16} {size or '(inherited)':<12} {'extends ' + extends if extends else '':<20} {where}{note}")


@layouts.command("show")
@click.argument("layout_name", metavar="LAYOUT")
def layouts_show(layout_name: str) -> None:
    """Print every key of LAYOUT, resolved through 'extends' and style
    parents, with the file and line its value comes from.

    \b
    Example:
      octavo layouts show report
    """
    from exporter.layout.loader import resolved_keys

    for key, value, where in resolved_keys(layout_name, _project()):
        click.echo(f"{key} = {value}    # {where}")


@layouts.command("new")
@click.argument("layout_name", metavar="NAME")
@click.option("--from", "base", metavar="LAYOUT", default=None, help="The layout to extend (default: booklet).")
def layouts_new(layout_name: str, base: str | None) -> None:
    """Create layouts/NAME/layout.yaml extending a layout, with the keys
    most often changed as comments holding their current values.

    \b
    Example:
      octavo layouts new partner --from report
    """
    from exporter.scaffold import new_layout

    project = _project()
    click.echo(f"wrote {project.display(new_layout(project, layout_name, base))}")


@main.group()
def new() -> None:
    """Start something new from a commented skeleton."""


@new.command("event")
@click.argument("name")
def new_event_command(name: str) -> None:
    """Create source/NAME/ with a commented skeleton (one session, a talk,
    a Q&A, a brief) that validates and exports as it is.

    \b
    Example:
      octavo new event conference-2026 && octavo export all conference-2026
    """
    from exporter.scaffold import new_event

    project = _project()
    folder = new_event(project, name)
    project.remember_event(folder)  # named here: later commands follow it
    click.echo(f"wrote {project.display(folder)}/ (event.yaml, people.yaml, sessions/1-opening.yaml, brief.yaml)")
    click.echo(f"next: edit them, then 'octavo validate {name}' and 'octavo export all {name}'")


@main.command("import")
@click.argument("report", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--event", "event_name", metavar="NAME", default=None,
              help="Folder name under source/ (default: a slug of the report's title).")
@click.option("--into", "into", metavar="EVENT", default=None,
              help="Read an edited Octavo .docx back into EVENT's source (corrections, tracked changes).")
@click.option("--pending", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="With --into: read tracked changes as accepted or as rejected.")
@click.option("--dry-run", is_flag=True, help="With --into: print the diff, write nothing.")
@click.option("--force", is_flag=True, help="With --into: apply the text edits despite conflicts in structure.")
def import_command(report: Path, event_name: str | None, into: str | None, pending: str, dry_run: bool,
                   force: bool) -> None:
    """Turn a rapporteur's report (.txt, .md or .docx) into a draft event
    source, source/NAME/, that validates and exports as it is.

    Every sentence of the report is kept; people, sessions, talks and
    questions are recovered from the prose, and each guess to confirm is
    marked '# check:' in the files. An existing event is never overwritten.

    \b
    Example:
      octavo import report.docx --event conference-2026
      grep -rn '# check:' source/conference-2026
    """
    from exporter.importers import import_report

    project = _project()
    if into is not None:
        _import_corrections(report, project, into, pending, dry_run, force)
        return
    if dry_run or force or pending != "accept":
        raise click.UsageError("--pending, --dry-run and --force go with --into EVENT")
    from exporter.outline import count

    done = import_report(report, project, event_name)
    where = project.display(done.folder)
    click.echo(f"wrote {where}/: {count(done.people, 'person', 'people')}, {count(done.sessions, 'session')}, "
               f"{count(done.items, 'item')}, {count(done.exchanges, 'Q&A exchange')}")
    if done.dropped:
        unit = done.unit
        click.echo("left out as page furniture: " + ", ".join(f"'{text}' ({unit} {n})" for n, text in done.dropped))
    for note in done.notes:
        click.echo(note)
    if done.checks:
        click.echo(f"{done.checks} place{'s' if done.checks != 1 else ''} need an editor's eye: "
                   f"grep -rn '# check:' {where}")
    click.echo(f"next: 'octavo validate {done.folder.name}', then 'octavo export all {done.folder.name}'")


def _import_corrections(report: Path, project: Project, into: str, pending: str, dry_run: bool,
                        force: bool) -> None:
    """``octavo import EDITED.docx --into EVENT``: print what the file changes
    and says, then write it (unless --dry-run, or conflicts without --force)."""
    from exporter.errors import ReportError
    from exporter.importers.corrections import import_edits

    done = import_edits(report, project, into, pending=pending, dry_run=dry_run, force=force)
    for title, lines in (("tracked changes", done.revisions), ("comments (not applied)", done.comments),
                         ("outside the reviewer's parts", done.refused), ("conflicts", done.conflicts)):
        if lines:
            click.echo(f"{title}:")
            for line in lines:
                click.echo(f"  {line}")
    if done.diff:
        click.echo(done.diff, nl=False)
    if done.conflicts and not force and not dry_run:
        raise ReportError(f"{len(done.conflicts)} conflict(s) in the structure; nothing was written "
                          "(--force applies the text edits and leaves the structure as the source has it)")
    if not done.diff:
        click.echo("no changes")
        return
    click.echo(("would change " if dry_run else "changed ") + f"{len(done.changed)} paragraph(s) in "
               f"{done.diff.count('+++ ')} file(s)" + ("; nothing written (--dry-run)" if dry_run else ""))


@main.command()
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the schemas (default: schemas/ in the project).")
def schema(out_dir: Path | None) -> None:
    """Write JSON Schemas of the source files (event, people, session,
    brief) for editors' YAML tools; the files 'octavo new event' writes
    point at them in their first line.

    \b
    Example:
      octavo schema
    """
    from exporter.scaffold import write_schemas

    project = _project()
    for path in write_schemas(out_dir or project.root / "schemas"):
        click.echo(f"wrote {project.display(path)}")


def run() -> None:
    """The ``octavo`` program: :func:`main` in a process of its own.

    An export allocates millions of short-lived objects, nearly all freed
    by reference counting; Python's cycle collector, run every 700
    allocations, walked them and every imported module's objects again and
    again (7–11 % of an export, measured with ``bench/``).  A one-shot
    process can freeze what it has imported and collect less often; the
    long-lived ``watch`` keeps the defaults, or its memory would grow with
    every rebuild.  Not done in :func:`main`, which tests and other programs
    call in-process."""
    import gc

    if sys.argv[1:2] != ["watch"]:
        gc.freeze()
        gc.set_threshold(20_000, 50, 100)
    main()
