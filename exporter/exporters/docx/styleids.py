"""Styles by name, resolved to style ids once per document.

python-docx resolves a style name on every assignment by scanning every
style of the document (twice: once for the name, once to see whether it is
the default), which made style lookups most of the Word export's time.
Here each (name, type) is resolved once per document part and the id is
written straight into ``w:pStyle`` / ``w:rStyle``.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE

_IDS: WeakKeyDictionary = WeakKeyDictionary()


def style_id(part, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str:
    """The id of style ``name`` of type ``kind`` in the document of ``part``
    (KeyError if the document has no such style)."""
    document = part.package.main_document_part  # headers and footers share its styles
    ids = _IDS.setdefault(document, {})
    key = (name, kind)
    if key not in ids:
        style = document.styles[name]
        if style.type != kind:
            raise KeyError(f"style '{name}' is not a {kind.name.lower()} style")
        ids[key] = style.style_id
    return ids[key]


def set_paragraph_style(paragraph, name: str) -> None:
    """Give ``paragraph`` the paragraph style ``name``."""
    paragraph._p.style = style_id(paragraph.part, name)


def add_run(paragraph, text: str, name: str | None = None):
    """Append a run of ``text`` to ``paragraph``, in character style ``name``."""
    run = paragraph.add_run(text)
    if name:
        run._r.style = style_id(paragraph.part, name, WD_STYLE_TYPE.CHARACTER)
    return run
