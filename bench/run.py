"""Benchmark: Octavo's exports against bare-library floors, as whole
processes, interleaved, median of N runs, with peak memory (ru_maxrss).

    .venv/bin/python bench/run.py [--runs 5] [--sizes 1,10,40]

Prints a table of medians and ratios and writes bench/results/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
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


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed (exit {proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss / 1024


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,40")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="octavo-bench-"))
    results = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = make(size, work) if size > 1 else BUNDLED
        out = work / "out"
        cache = out / ".octavo-cache"
        export = [OCTAVO, "export"]
        cases = {  # name: (command, run before it, untimed)
            "octavo pdf": ([*export, "pdf", str(folder), "--out", str(out)], None),
            "floor reportlab": ([PY, str(HERE / "floor_reportlab.py"), str(folder), str(work / "floor.pdf")], None),
            "octavo brief warm": ([*export, "brief", str(folder), "--out", str(out)], None),
            "octavo brief cold": ([*export, "brief", str(folder), "--out", str(out)],
                                  lambda: shutil.rmtree(cache, ignore_errors=True)),
            "floor brief": ([PY, str(HERE / "floor_brief.py"), str(folder), str(work / "floor-brief.pdf")], None),
        }
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for _ in range(args.runs):  # interleaved: A B A B …
            for name, (cmd, before) in cases.items():
                if before:
                    before()
                samples[name].append(timed(cmd, ROOT))
        row = {name: {"median_s": statistics.median(t for t, _ in s), "peak_mb": max(m for _, m in s)}
               for name, s in samples.items()}
        med = {name: r["median_s"] for name, r in row.items()}
        row["ratio pdf/floor"] = med["octavo pdf"] / med["floor reportlab"]
        row["ratio brief warm/floor"] = med["octavo brief warm"] / med["floor brief"]
        row["ratio brief cold/floor"] = med["octavo brief cold"] / med["floor brief"]
        row["brief fit"] = fit_stats(folder)
        results[f"x{size}"] = row
        print(f"x{size:<3} octavo pdf {med['octavo pdf']:.2f}s ({row['octavo pdf']['peak_mb']:.0f} MB)"
              f"  floor {med['floor reportlab']:.2f}s  ratio {row['ratio pdf/floor']:.2f}")
        print(f"     octavo brief warm {med['octavo brief warm']:.2f}s  cold {med['octavo brief cold']:.2f}s"
              f"  floor {med['floor brief']:.2f}s  ratios {row['ratio brief warm/floor']:.2f} (warm)"
              f" {row['ratio brief cold/floor']:.2f} (cold)  fit {row['brief fit']}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    results["cores"] = os.cpu_count()
    (out / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
