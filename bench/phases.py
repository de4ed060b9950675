"""Where an export's time goes: one in-process ``export pdf`` (or ``docx``)
of a synthetic event N times the bundled one under cProfile, summed into
phases.  cProfile slows Python code more than C code, so read the shares,
not the seconds.

    .venv/bin/python bench/phases.py [--size 40] [--format pdf] [--top 15]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import BUNDLED, make  # noqa: E402

#: Phases: label -> (file suffix, function name) whose cumulative time it is.
#: They do not nest in one another, so their sum is meaningful.
PHASES = {
    "pdf": {
        "read the source (YAML, Markdown, validation)": ("exporter/source/loader.py", "load_event"),
        "load the layout": ("exporter/layout/loader.py", "load_layout"),
        "fonts and hyphenation dictionary": [("exporter/typeset/fonts.py", "register"),
                                              ("exporter/exporters/pdf/styles.py", "paragraph_styles")],
        "build the story (markup parsed into paragraphs)": ("exporter/exporters/pdf/story.py", "flowables"),
        "break lines (hyphenation, kerning, total fit)": ("exporter/typeset/paragraph.py", "breakLines"),
        "draw the text": ("reportlab/platypus/flowables.py", "drawOn"),
        "write the PDF (objects, compression)": ("reportlab/pdfgen/canvas.py", "save"),
    },
    "docx": {
        "read the source (YAML, Markdown, validation)": ("exporter/source/loader.py", "load_event"),
        "load the layout": ("exporter/layout/loader.py", "load_layout"),
        "reference document (styles)": ("exporter/exporters/docx/__init__.py", "open_reference"),
        "write paragraphs and runs": ("exporter/exporters/docx/writer.py", "write"),
        "zip the package": ("exporter/exporters/docx/package.py", "finish_package"),
    },
}


def cumulative(stats: pstats.Stats, where: str, name: str) -> float:
    """Cumulative seconds of function ``name`` defined in a file ending in ``where``."""
    return sum(v[3] for (file, _, fn), v in stats.stats.items() if fn == name and file.endswith(where))


def profile(size: int, fmt: str) -> tuple[pstats.Stats, float]:
    """Profile one export of the event ``size`` times the bundled one."""
    from exporter.exporters import REGISTRY
    from exporter.layout import load_layout
    from exporter.project import Project
    from exporter.source import load_event

    folder = make(size, Path(tempfile.mkdtemp(prefix="octavo-profile-"))) if size > 1 else BUNDLED
    project = Project(folder.parent.parent)
    cls = REGISTRY[fmt]

    def export() -> None:
        cls(load_event(folder, project), load_layout(None, project)).render()

    prof = cProfile.Profile()
    prof.runcall(export)
    stats = pstats.Stats(prof)
    return stats, cumulative(stats, "bench/phases.py", "export")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=40)
    ap.add_argument("--format", default="pdf", choices=sorted(PHASES))
    ap.add_argument("--top", type=int, default=15, help="also list the N functions with most own time")
    args = ap.parse_args()
    stats, total = profile(args.size, args.format)
    print(f"export {args.format}, {args.size}x the bundled event, {total:.2f} s under cProfile")
    accounted = 0.0
    for label, spec in PHASES[args.format].items():
        secs = sum(cumulative(stats, w, n) for w, n in (spec if isinstance(spec, list) else [spec]))
        accounted += secs
        print(f"  {100 * secs / total:5.1f} %  {label}")
    print(f"  {100 * (total - accounted) / total:5.1f} %  everything else")
    if args.top:
        print(f"\nthe {args.top} functions with most own time:")
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
