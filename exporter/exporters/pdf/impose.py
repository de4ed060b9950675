"""Saddle-stitch imposition of the print edition, for in-house printing.

Two trimmed pages side by side on each sheet side (A5 pages on A4
landscape), in printer's order so the folded stack reads 1, 2, 3 …: for
sheet ``i`` (0-based) of a book of ``n4`` pages, the front carries pages
``n4-1-2i | 2i`` and the back ``2i+1 | n4-2-2i`` (0-based indices; print
duplex, flipping on the short edge).  Each page is placed as a form XObject
clipped to its TrimBox, under a fixed name, so the output is deterministic.
"""

from __future__ import annotations

import io

import pikepdf


def sheet_order(n4: int) -> list[tuple[int, int]]:
    """(left, right) 0-based page indices for each sheet side, in order."""
    out = []
    for i in range(n4 // 4):
        out.append((n4 - 1 - 2 * i, 2 * i))
        out.append((2 * i + 1, n4 - 2 - 2 * i))
    return out


def impose(data: bytes) -> bytes:
    """The imposed PDF of a print edition (page count a multiple of 4)."""
    src = pikepdf.open(io.BytesIO(data))
    n = len(src.pages)
    if n % 4:
        raise ValueError(f"a saddle-stitched book needs a multiple of 4 pages, not {n}")
    x0, y0, x1, y1 = (float(v) for v in src.pages[0].trimbox)
    w, h = x1 - x0, y1 - y0
    out = pikepdf.new()
    forms = [out.copy_foreign(page.as_form_xobject()) for page in src.pages]
    for left, right in sheet_order(n):
        ops = []
        for slot, index in enumerate((left, right)):
            # move the page's trim to the slot, clip to it, draw the page
            ops.append(f"q {slot * w:.4f} 0 {w:.4f} {h:.4f} re W n "
                       f"1 0 0 1 {slot * w - x0:.4f} {-y0:.4f} cm /P{slot} Do Q")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 2 * w, h],
            Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(P0=forms[left], P1=forms[right])),
            Contents=out.make_stream(" ".join(ops).encode()))
        out.pages.append(pikepdf.Page(page))
    if "/Info" in src.trailer:
        out.trailer.Info = out.copy_foreign(src.trailer.Info)
    buf = io.BytesIO()
    out.save(buf, deterministic_id=True, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buf.getvalue()
