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
