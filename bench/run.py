"""Benchmark: Octavo's exports against bare-library floors and peers, as
whole processes, interleaved (A B C … A B C …), median of N runs, with each
process's peak memory (ru_maxrss).

    make bench                                   # installs the bench extra, then:
    .venv/bin/python bench/run.py [--runs 5] [--sizes 1,10,40]

Cases, for the bundled event and synthetic events N times its size:
- start-up: ``python -c pass``, ``octavo --version``, ``validate``, ``show``
  (reported as each command's time above ``python -c pass``);
- Octavo: ``export pdf`` (also on a copy of the event edited before each
  run, so that its source is read and checked again rather than read back
  from the cache folder, as in an editor's edit-and-export loop), ``docx``, ``brief`` (cold: it lays the booklet out
  to know its pages; warm: page cache from a previous ``export pdf``),
  ``all --force``, and ``import`` of the seed report (N copies of it);
- floors: a single-pass ReportLab script and a bare python-docx script
  setting the same paragraphs, a ReportLab script setting the brief's
  blocks once at a fixed size, and a ruamel.yaml script writing the
  report's sentences as YAML blocks (``floor_import.py``); the floors read
  the event through Octavo's loader (``exporter.source.loader``), each run
  parsing it again: they keep nothing between runs, as Octavo's commands do
  in its cache folder;
- peers on the same text: pandoc (pypandoc-binary) Markdown -> docx, and
  Typst (the ``typst`` package) compiling an equivalent .typ file to PDF.

Prints a table of medians and ratios and writes bench/results/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from synth import BUNDLED, make  # noqa: E402

PY = sys.executable
OCTAVO = str(Path(PY).parent / "octavo")
FONTS = ROOT / "exporter" / "fonts"

RATIOS = {  # name: (numerator case, denominator case(s), summed)
    "pdf ÷ ReportLab floor": ("octavo pdf", ("floor reportlab",)),
    "pdf, source edited ÷ floor": ("octavo pdf, source edited", ("floor reportlab",)),
    "docx ÷ python-docx floor": ("octavo docx", ("floor python-docx",)),
    "docx ÷ pandoc": ("octavo docx", ("pandoc md→docx",)),
    "pdf ÷ typst": ("octavo pdf", ("typst→pdf",)),
    "all ÷ (pandoc + typst)": ("octavo all", ("pandoc md→docx", "typst→pdf")),
    "brief warm ÷ brief floor": ("octavo brief warm", ("floor brief",)),
    "brief cold ÷ brief floor": ("octavo brief cold", ("floor brief",)),
    "import ÷ YAML floor": ("octavo import", ("floor import",)),
}
#: Start-up: each command's time above a bare ``python -c pass`` (same run).
STARTUP = {"--version above python": "octavo --version", "validate above python": "octavo validate",
           "show above python": "octavo show"}
SEED_REPORT = ROOT / "tests" / "data" / "seed-report.txt"


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one child process; exits on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed (exit {proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


def cases(folder: Path, work: Path) -> dict[str, tuple[list[str], object]]:
    """Every case for one event: name -> (command, untimed step before it)."""
    import pypandoc

    out, cold = work / "out", work / "cold"
    peer = work / "peer"
    subprocess.run([PY, str(HERE / "peers.py"), str(folder), str(peer)], check=True)
    export = [OCTAVO, "export"]
    size = 1 if folder == BUNDLED else int(folder.name.rsplit("x", 1)[-1]) if folder.name[-1].isdigit() else 1
    edited = work / "edited" / "source" / folder.name  # a copy, edited before each run of its case
    shutil.rmtree(edited.parent.parent, ignore_errors=True)
    shutil.copytree(folder, edited)
    edits = iter(range(1_000_000))

    def edit() -> None:  # a comment more: the source must be read again, the outputs are the same
        with (edited / "people.yaml").open("a", encoding="utf-8") as f:
            f.write(f"# edit {next(edits)}\n")
    report = work / "report.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n\n".join([SEED_REPORT.read_text(encoding="utf-8")] * size), encoding="utf-8")
    project = work / "import-project"
    (project / "source").mkdir(parents=True, exist_ok=True)
    typst = ("import typst; typst.compile({src!r}, output={dst!r}, font_paths=[{fonts!r}], "
             "ignore_system_fonts=True)").format(src=str(peer / "event.typ"), dst=str(work / "typst.pdf"),
                                                 fonts=str(FONTS))
    return {
        "python -c pass": ([PY, "-c", "pass"], None),
        "octavo --version": ([OCTAVO, "--version"], None),
        "octavo validate": ([OCTAVO, "validate", str(folder)], None),
        "octavo show": ([OCTAVO, "show", str(folder)], None),
        "octavo pdf": ([*export, "pdf", str(folder), "--out", str(out)], None),
        "octavo pdf, source edited": ([*export, "pdf", str(edited), "--out", str(work / "out-edited")], edit),
        "floor reportlab": ([PY, str(HERE / "floor_reportlab.py"), str(folder), str(work / "floor.pdf")], None),
        "typst→pdf": ([PY, "-c", typst], None),
        "octavo docx": ([*export, "docx", str(folder), "--out", str(out)], None),
        "floor python-docx": ([PY, str(HERE / "floor_docx.py"), str(folder), str(work / "floor.docx")], None),
        "pandoc md→docx": ([pypandoc.get_pandoc_path(), str(peer / "event.md"), "-o", str(work / "pandoc.docx")],
                           None),
        "octavo brief warm": ([*export, "brief", str(folder), "--out", str(out)], None),
        "octavo brief cold": ([*export, "brief", str(folder), "--out", str(cold)],
                              lambda: shutil.rmtree(cold, ignore_errors=True)),
        "floor brief": ([PY, str(HERE / "floor_brief.py"), str(folder), str(work / "floor-brief.pdf")], None),
        "octavo all": ([*export, "all", str(folder), "--out", str(work / "all"), "--force"], None),
        "octavo import": (["env", f"OCTAVO_PROJECT={project}", OCTAVO, "import", str(report), "--event", "bench"],
                          lambda: shutil.rmtree(project / "source" / "bench", ignore_errors=True)),
        "floor import": ([PY, str(HERE / "floor_import.py"), str(report), str(work / "floor-import.yaml")], None),
    }


def fit_stats(folder: Path) -> dict:
    """The brief fitter's chosen size and iterations for ``folder`` (in process)."""
    from exporter.exporters.brief import BriefExporter
    from exporter.layout import load_layout
    from exporter.project import Project
    from exporter.source import load_event

    project = Project(folder.parent.parent)
    exporter = BriefExporter(load_event(folder, project), load_layout(None, project))
    exporter.render()
    return {"size_pt": exporter.fit.size, "iterations": exporter.fit.iterations,
            "left_out": list(exporter.fit.left_out)}


def measure(size: int, runs: int, work: Path) -> dict:
    folder = make(size, work) if size > 1 else BUNDLED
    todo = cases(folder, work / f"x{size}")
    samples: dict[str, list[tuple[float, float]]] = {k: [] for k in todo}
    for _ in range(runs):  # interleaved
        for name, (cmd, before) in todo.items():
            if before:
                before()
            samples[name].append(timed(cmd, ROOT))
    row: dict = {name: {"median_s": round(statistics.median(t for t, _ in s), 3),
                        "peak_mb": round(max(m for _, m in s), 1)} for name, s in samples.items()}
    med = {name: r["median_s"] for name, r in row.items()}
    row["ratios"] = {label: round(med[num] / sum(med[d] for d in dens), 2) for label, (num, dens) in RATIOS.items()}
    row["start-up"] = {label: round(med[case] - med["python -c pass"], 3) for label, case in STARTUP.items()}
    row["brief fit"] = fit_stats(folder)
    return row


def table(results: dict, sizes: list[int]) -> str:
    cols = [f"x{s}" for s in sizes]
    lines = [f"{'case':<26}" + "".join(f"{c:>18}" for c in cols)]
    for name in results[cols[0]]:
        if name in ("ratios", "brief fit", "start-up"):
            continue
        lines.append(f"{name:<26}" + "".join(
            f"{results[c][name]['median_s']:>9.2f}s {results[c][name]['peak_mb']:>5.0f}MB" for c in cols))
    for label in RATIOS:
        lines.append(f"{label:<26}" + "".join(f"{results[c]['ratios'][label]:>17.2f}×" for c in cols))
    for label in STARTUP:
        lines.append(f"{label:<26}" + "".join(f"{results[c]['start-up'][label]:>17.3f}s" for c in cols))
    lines.append(f"{'brief fit':<26}" + "".join(
        f"{results[c]['brief fit']['size_pt']:>9}pt {results[c]['brief fit']['iterations']:>3} it" for c in cols))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,40")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="octavo-bench-"))
    results: dict = {f"x{s}": measure(s, args.runs, work) for s in sizes}
    print(table(results, sizes))
    results["machine"] = {"cores": os.cpu_count(), "python": platform.python_version(), "runs": args.runs}
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
