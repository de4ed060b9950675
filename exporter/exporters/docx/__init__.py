"""The Word proceedings exporter: the event as an editable .docx.

Styling comes from a reference document: the layout's own
``reference.docx`` when it has one, else the default generated from the
Layout (:func:`write_reference_docx`).  The body is written with named
styles only (see ``REQUIRED_STYLES``); the package is rewritten so that the
same inputs give the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import datetime, timezone

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from exporter.errors import OctavoError
from exporter.exporters.base import Exporter

from .ooxml import el, set_setting
from .package import drop_stale_parts, finish_package, members
from .reference import (REQUIRED_STYLES, add_derived_styles, build_reference, check_styles, set_compatibility_mode,
                        set_outline_levels, write_reference_docx)
from .writer import ProceedingsWriter

__all__ = ["DocxExporter", "REQUIRED_STYLES", "write_reference_docx"]


class DocxExporter(Exporter):
    """The proceedings as a Word document."""

    name = "docx"
    description = "the proceedings as an editable Word document (.docx)"
    suffix = "-proceedings.docx"

    def render(self) -> bytes:
        """The .docx bytes (deterministic for the same event and layout)."""
        document = open_reference(self.layout)
        prepare(document, self.event.language)
        ProceedingsWriter(document, self.event, self.layout).write()
        set_properties(document, self.event)
        return finish_package(document, self.event.published)


def open_reference(layout):
    """The layout's reference.docx opened (styles checked), or the default
    reference built from the layout (see :func:`default_reference`)."""
    path = layout.reference_docx
    if path is None:
        try:
            return docx.Document(io.BytesIO(default_reference(layout)))
        except Exception:  # noqa: BLE001 - a damaged cache entry: build it again
            return docx.Document(io.BytesIO(default_reference(layout, cached=False)))
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise OctavoError(f"{path} is not a Word .docx reference document ({exc}); "
                          "save it from Word as .docx (not .dotx)") from None
    check_styles(document, str(path))
    add_derived_styles(document)
    return document


def default_reference(layout, cached: bool = True) -> bytes:
    """The default reference document for ``layout`` as a package.

    Building it through python-docx's style API takes about two thirds of a
    small Word export, and it depends only on the layout and Octavo's code:
    so it is built once per machine and kept in Octavo's cache folder,
    keyed by the layout's digest (its folders and fonts), Octavo's code and
    python-docx's version.  Every export opens it from these bytes, built
    now or read back, so the output is the same either way."""
    from exporter import usercache
    from exporter.inputs import code_digest

    key = usercache.key(layout.digest, code_digest(), getattr(docx, "__version__", "?"))
    data = usercache.read("reference-docx", key) if cached else None
    if data is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as package:
            for name, body in members(build_reference(layout, sample=False)).items():
                package.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body)
        data = buf.getvalue()
        usercache.write("reference-docx", key, data)
    return data


def prepare(document, language: str) -> None:
    """Empty the body (keeping the final section properties), drop the
    template's leftover parts, and set the document-wide switches: odd/even
    headers, update fields on open, Word 2013+ mode, language, and the
    outline levels of the heading styles."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    settings = document.settings.element
    set_setting(settings, "evenAndOddHeaders")
    set_setting(settings, "updateFields", val="true")
    drop_stale_parts(document)
    set_compatibility_mode(document)
    set_language(document, language)
    set_outline_levels(document)


def set_language(document, language: str) -> None:
    """The document's language, in the default run properties (so every
    style inherits it) and in the theme font language setting."""
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = el("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), language)
    theme = document.settings.element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), language)


def published_datetime(iso: str) -> datetime:
    """An ISO date (YYYY, YYYY-MM, YYYY-MM-DD) as midnight UTC; 1980-01-01
    when the event gives none."""
    parts = [int(p) for p in (iso or "1980").split("-")[:3]] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)


#: The longest text a Word core property holds (python-docx refuses more).
PROPERTY_CHARS = 255


def property_text(text: str) -> str:
    """``text`` for a core property: whole when it fits, else cut after the
    last whole word that leaves room for an ellipsis (the document prints it
    whole; the property is a label)."""
    if len(text) <= PROPERTY_CHARS:
        return text
    head = text[:PROPERTY_CHARS - 1]
    cut = head.rstrip()
    if " " in cut:
        cut = cut[:cut.rindex(" ")].rstrip()
    else:  # one long word: not between a letter and its marks or joiners
        while len(cut) > 1 and (unicodedata.category(text[len(cut)])[0] == "M" or text[len(cut)] in "\u200d\ufe0f"
                                or text[len(cut) - 1] == "\u200d"):
            cut = cut[:-1]
    return cut + "…"


def set_properties(document, event) -> None:
    """Core properties from the event; nothing left from the template."""
    props = document.core_properties
    props.title = property_text(event.title)
    props.subject = property_text(event.subtitle)
    props.author = props.last_modified_by = property_text(event.organiser.name)
    props.keywords = property_text(", ".join(event.keywords))
    props.language = event.language
    props.comments = props.category = props.content_status = ""
    props.created = props.modified = published_datetime(event.published)
    props.revision = 1
