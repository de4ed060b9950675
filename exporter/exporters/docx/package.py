"""The finished .docx package: fixed member order, dates and compression,
so that the same inputs always give the same bytes."""

from __future__ import annotations

import io
import re
import zipfile

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

try:  # python-docx's own content-types writer; private, so not relied on
    from docx.opc.pkgwriter import _ContentTypesItem
except ImportError:  # a python-docx that moved it
    _ContentTypesItem = None

#: docProps/app.xml without the template's application name and counts.
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Octavo</Application><DocSecurity>0</DocSecurity>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode("utf-8")

FIRST = ("[Content_Types].xml", "_rels/.rels")

#: Relationship types of parts python-docx's template carries that no
#: exported document needs: Word 2010's copy of the styles (stale as soon as
#: a style changes: Word 2010 would read it instead of styles.xml, and
#: openxml-audit reports the two disagreeing) and the thumbnail of the
#: template's first page.
STALE_RELTYPES = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_BIBLIOGRAPHY = b"http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def drop_stale_parts(document) -> None:
    """Remove the template's leftover parts from ``document``'s package:
    ``STALE_RELTYPES``, and a custom XML part that is an empty bibliography
    (python-docx's template has one; a reference document's own custom XML,
    such as SharePoint metadata, stays).  A part is in the package only
    while a relationship leads to it, so dropping the relationship drops the
    part, its own relationships and its content-type override."""
    for rels in (document.part.package.rels, document.part.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype in STALE_RELTYPES or (
                    rel.reltype == _CUSTOM_XML and not rel.is_external and is_empty_bibliography(rel.target_part)):
                del rels[rid]


def is_empty_bibliography(part) -> bool:
    """Whether ``part`` is a custom XML part holding a bibliography with no
    sources in it."""
    from lxml import etree

    try:
        root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return False
    return root.tag == f"{{{_BIBLIOGRAPHY.decode()}}}Sources" and len(root) == 0


def zip_date(iso: str) -> tuple[int, int, int, int, int, int]:
    """A ZIP timestamp for an ISO date (YYYY, YYYY-MM or YYYY-MM-DD);
    1980-01-01 (the earliest ZIP date) when there is none."""
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not m or int(m.group(1)) < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1), 0, 0, 0)


def member_order(names: list[str]) -> list[str]:
    """Content types and package relationships first, then the rest sorted."""
    return [n for n in FIRST if n in names] + sorted(n for n in names if n not in FIRST)


def members(document) -> dict[str, bytes]:
    """Every member of ``document``'s package by name, serialised as
    python-docx's ``Document.save`` would write them (parts, their
    relationships, the package relationships and the content types), but
    not zipped: the package is zipped once, by :func:`finish_package`."""
    if _ContentTypesItem is None:
        return saved_members(document)
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = {CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,
           PACKAGE_URI.rels_uri.membername: package.rels.xml}
    for part in parts:
        out[part.partname.membername] = part.blob
        if len(part.rels):
            out[part.partname.rels_uri.membername] = part.rels.xml
    return out


def saved_members(document) -> dict[str, bytes]:
    """Every member of ``document``'s package, through ``Document.save``
    (zipped, then read back: slower, but public API only)."""
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        return {name: z.read(name) for name in z.namelist()}


def finish_package(document, date: str) -> bytes:
    """``document`` (python-docx) as .docx bytes, written deterministically:
    fixed member order, one timestamp, deflate level 9, fixed attributes,
    and docProps/app.xml replaced by a neutral one."""
    src = members(document)
    out = io.BytesIO()
    stamp = zip_date(date)
    with zipfile.ZipFile(out, "w") as dst:
        for name in member_order(list(src)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            body = APP_XML if name == "docProps/app.xml" else src[name]
            dst.writestr(info, body, compresslevel=9)
    return out.getvalue()
