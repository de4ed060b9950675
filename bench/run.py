"""Benchmark: Octavo's exports against bare-library floors, as whole
processes, interleaved, median of N runs, with peak memory (ru_maxrss).

    .venv/bin/python bench/run.py [--runs 5] [--sizes 1,10,40]

Prints a table of medians and ratios and writes bench/results/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
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
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, None) and usage is None:
        raise SystemExit(f"failed: {cmd}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,10,40")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="octavo-bench-"))
    results = {}
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = make(size, work) if size > 1 else BUNDLED
        cases = {
            "octavo pdf": [OCTAVO, "export", "pdf", str(folder), "--out", str(work / "out")],
            "floor reportlab": [PY, str(HERE / "floor_reportlab.py"), str(folder), str(work / "floor.pdf")],
        }
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for _ in range(args.runs):  # interleaved: A B A B …
            for name, cmd in cases.items():
                samples[name].append(timed(cmd, ROOT))
        row = {name: {"median_s": statistics.median(t for t, _ in s), "peak_mb": max(m for _, m in s)}
               for name, s in samples.items()}
        row["ratio pdf/floor"] = row["octavo pdf"]["median_s"] / row["floor reportlab"]["median_s"]
        results[f"x{size}"] = row
        print(f"x{size:<3} octavo pdf {row['octavo pdf']['median_s']:.2f}s ({row['octavo pdf']['peak_mb']:.0f} MB)"
              f"  floor {row['floor reportlab']['median_s']:.2f}s  ratio {row['ratio pdf/floor']:.2f}")
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    results["cores"] = os.cpu_count()
    (out / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
