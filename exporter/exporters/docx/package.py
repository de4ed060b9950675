"""The finished .docx package: fixed member order, dates and compression,
so that the same inputs always give the same bytes."""

from __future__ import annotations

import io
import re
import zipfile

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


def finish_package(data: bytes, date: str) -> bytes:
    """``data`` (a .docx from python-docx) rewritten deterministically: fixed
    member order, one timestamp, deflate level 9, fixed attributes, and
    docProps/app.xml replaced by a neutral one."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = zip_date(date)
    with zipfile.ZipFile(out, "w") as dst:
        for name in member_order(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            body = APP_XML if name == "docProps/app.xml" else src.read(name)
            dst.writestr(info, body, compresslevel=9)
    return out.getvalue()
