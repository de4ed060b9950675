"""PDF streams written as binary Flate data, without ASCII85 wrapping.

ReportLab wraps every compressed stream in ASCII85 by default (its
``rl_config.useA85``), a relic of 7-bit mail: it makes a PDF about a seventh
larger and costs time to write.  The setting is global, so it is changed
only while one of Octavo's documents is built and then put back, and
builds in other threads wait (ReportLab's font and style registries are
process-wide too).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from reportlab import rl_config


_LOCK = threading.RLock()  # re-entrant: a build may build another document


@contextmanager
def binary_streams() -> Iterator[None]:
    """While inside: new streams are Flate-compressed binary."""
    with _LOCK:
        before = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = before


class BinaryStreams:
    """Mixin for a ReportLab document template: built with binary streams
    (and the cyclic collector paused, see :mod:`.collector`)."""

    def build(self, *args, **kw):
        from exporter.typeset.collector import paused

        with binary_streams(), paused():
            return super().build(*args, **kw)
