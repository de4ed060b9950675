"""Python's cyclic garbage collector, paused while a document is built.

A build allocates millions of objects that live until it ends (lines,
frags, the PDF's objects) and frees the rest by reference counting: the
collector's passes over the young objects, every 50,000 allocations
(``exporter.program``), found next to nothing and cost a twentieth of an
export at forty times the bundled event.  So it is paused for the build;
after it, what the build made is moved to the oldest generation as it is
(``gc.freeze`` then ``gc.unfreeze``, which walks nothing) rather than walked
by the next young collection, and the collector runs again as before: a
long-lived process (``octavo watch``, a test run) still collects it all in
time.  ReportLab's paragraphs made one cycle per paragraph drawn (a text
object holding a method bound to itself), broken where the text is drawn
(:meth:`exporter.typeset.kerning.KerningCanvas.drawText`), so that a
paused collector leaves next to nothing behind.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """While inside: no cyclic collection (unless it was off already)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()  # into the oldest generation, unwalked
        gc.enable()
