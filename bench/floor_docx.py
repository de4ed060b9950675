"""The Word floor: the same paragraphs written by bare python-docx (default
template, one style, no contents, sections, fields or index)."""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

from exporter.plaintext import body_units
from exporter.project import Project
from exporter.source.loader import load_event  # reads the source every run (no cache)


def main(event_dir: str, out: str) -> None:
    event = load_event(Path(event_dir).resolve(), Project(Path(event_dir).resolve().parent.parent))
    doc = Document()
    for unit in body_units(event):
        doc.add_paragraph(unit.text)
    doc.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
