"""The same text for the peers: Markdown for pandoc, a Typst file (with the
text in JSON, so Typst sets it literally, no markup escaping) for Typst.

    python bench/peers.py EVENT_DIR OUT_DIR   -> OUT_DIR/event.md, event.typ, event.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from exporter.plaintext import body_units
from exporter.project import Project
from exporter.source.loader import load_event  # reads the source every run (no cache)

FONTS = Path(__file__).resolve().parent.parent / "exporter" / "fonts"

TYPST = """#set page(paper: "a5", margin: (inside: 19mm, outside: 15mm, top: 17mm, bottom: 19mm), numbering: "1")
#set text(font: "Noto Serif", size: 9.5pt, lang: "en", hyphenate: true)
#set par(justify: true, leading: 0.55em, first-line-indent: 4mm)
#show heading: set text(font: "Noto Sans", fill: rgb("#7A2430"))
#outline()
#for unit in json("event.json") {
  if unit.kind == "session title" [#pagebreak(weak: true) = #unit.text]
  else [#unit.text #parbreak()]
}
"""


def md_escape(text: str) -> str:
    """CommonMark's own rule: any ASCII punctuation may be backslash-escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def main(event_dir: str, out_dir: str) -> None:
    event = load_event(Path(event_dir).resolve(), Project(Path(event_dir).resolve().parent.parent))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    units = list(body_units(event))
    md = [("# " if u.kind == "session title" else "") + md_escape(u.text) for u in units]
    (out / "event.md").write_text("\n\n".join(md) + "\n", encoding="utf-8")
    (out / "event.json").write_text(json.dumps([{"kind": u.kind, "text": u.text} for u in units]), encoding="utf-8")
    (out / "event.typ").write_text(TYPST, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
