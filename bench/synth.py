"""Make synthetic events N times the bundled one (more sessions, same content)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "source" / "pakistan-russia-2019"


def _rename(node, k: int) -> None:
    if isinstance(node, dict):
        if "id" in node:
            node["id"] = f"{node['id']}-x{k}"
        for v in node.values():
            _rename(v, k)
    elif isinstance(node, list):
        for v in node:
            _rename(v, k)


def make(times: int, dest: Path) -> Path:
    """``dest/source/bundled-xN``: the bundled event with its sessions ``times`` over."""
    folder = dest / "source" / f"bundled-x{times}"
    if folder.exists():
        return folder
    shutil.copytree(BUNDLED, folder)
    yaml = YAML()
    yaml.width = 100_000
    sessions = sorted((BUNDLED / "sessions").glob("*.yaml"))
    for k in range(1, times):
        for path in sessions:
            data = yaml.load(path.read_text(encoding="utf-8"))
            _rename(data, k)
            with open(folder / "sessions" / f"{k:03d}-{path.name}", "w", encoding="utf-8") as fh:
                yaml.dump(data, fh)
    return folder


if __name__ == "__main__":
    print(make(int(sys.argv[1]), Path(sys.argv[2])))
