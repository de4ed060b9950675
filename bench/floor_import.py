"""The import floor: what any importer of a report must at least do, with
bare libraries: read the text, cut it into paragraphs and sentences, and
write them as YAML literal blocks, one sentence per line, with ruamel.yaml
(no people, sessions, Q&A, Markdown or validation)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString


def main(report: str, out: str) -> None:
    text = Path(report).read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n(?=[A-Z])", text) if p.strip()]
    items = [{"text": LiteralScalarString("\n".join(re.split(r"(?<=[.?!])\s+(?=[A-Z])", p)) + "\n")}
             for p in paragraphs]
    yaml = YAML()
    yaml.width = 100_000
    with open(out, "w", encoding="utf-8") as fh:
        yaml.dump({"items": items}, fh)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
