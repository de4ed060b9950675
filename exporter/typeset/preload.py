"""Fonts and hyphenation patterns, parsed once per machine rather than once
per run.

ReportLab reads a whole TrueType file into tables (character map, widths)
each time a font is registered, and pyphen parses its pattern file each time
a dictionary is made: for the booklet's eight faces and its en_GB patterns,
most of a small export's time beyond the floor.  Both results are kept in
Octavo's cache folder (``exporter.usercache``), keyed by the file (path,
size, modification time) and the library's version, and read back in a few
milliseconds.  A cached face is the same object ReportLab would have made,
so the PDFs are the same bytes with the cache or without it (tested).

Pyphen's dictionaries are cached where pyphen looks for them
(``pyphen.hdcache``), so whoever asks pyphen for a dictionary gets the
cached one, only when it is needed.
"""

from __future__ import annotations

import marshal
import pickle
import sys
from pathlib import Path

import pyphen
import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from exporter import usercache

_VERSION = f"reportlab {reportlab.Version} python {sys.version_info[:2]} marshal {marshal.version} face 1"


def ttfont(name: str, path: Path, cls: type[TTFont] = TTFont, **kwargs) -> TTFont:
    """``cls(name, path, **kwargs)`` (a TTFont or a subclass), with the
    parsed face from the cache when it is there (and put there when it is
    not)."""
    try:
        key = usercache.file_key(path, _VERSION)
    except OSError:
        return cls(name, str(path), **kwargs)
    face = _face(usercache.read("fonts", key), path)
    if face is None:
        font = cls(name, str(path), **kwargs)
        entry = _entry(font.face)
        if entry is not None:
            usercache.write("fonts", key, entry)
        return font
    made, ttfonts.TTFontFace = ttfonts.TTFontFace, lambda *args, **kwargs: face
    try:  # TTFont's own constructor, with the face it would have parsed
        return cls(name, str(path), **kwargs)
    finally:
        ttfonts.TTFontFace = made


def _entry(face: TTFontFace) -> bytes | None:
    """The face's tables as marshal data (ints, strings, lists and dicts:
    about twice as fast to read back as a pickle); its names (bytes that
    carry their text) apart; the file's bytes are read from the file."""
    state, names = {}, {}
    for attr, value in face.__dict__.items():
        if attr in ("_ttf_data", "_pdfScale"):
            continue
        if isinstance(value, ttfonts.TTFNameBytes):
            names[attr] = value.ustr
        else:
            state[attr] = value
    try:
        return marshal.dumps((_VERSION, state, names))
    except ValueError:  # something marshal cannot hold: not cached
        return None


def _face(entry: bytes | None, path: Path) -> TTFontFace | None:
    if entry is None:
        return None
    try:
        version, state, names = marshal.loads(entry)
        data = path.read_bytes()
    except (ValueError, EOFError, TypeError, OSError):
        return None
    if version != _VERSION:
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face.__dict__.update({attr: ttfonts.TTFNameBytes(text.encode("utf8")) for attr, text in names.items()})
    face._ttf_data = data
    units = face.unitsPerEm  # ReportLab's scale from font units to 1/1000 em
    if units == 1000:
        face._pdfScale = lambda x: x
    else:
        mult = 1000 / units
        face._pdfScale = lambda x: x * mult
    return face


class _Patterns(dict):
    """pyphen's dictionary cache, backed by Octavo's cache folder."""

    def __contains__(self, path: object) -> bool:
        if dict.__contains__(self, path):
            return True
        loaded = self._load(Path(path)) if isinstance(path, (str, Path)) else None
        if loaded is None:
            return False
        dict.__setitem__(self, path, loaded)
        return True

    def __setitem__(self, path, hd) -> None:
        dict.__setitem__(self, path, hd)
        try:
            usercache.write("hyphenation", usercache.file_key(Path(path), _PYPHEN), pickle.dumps(hd, protocol=5))
        except Exception:  # noqa: BLE001 - not cached: parsed again next time
            pass

    @staticmethod
    def _load(path: Path):
        try:
            data = usercache.read("hyphenation", usercache.file_key(path, _PYPHEN))
            hd = pickle.loads(data) if data is not None else None
        except Exception:  # noqa: BLE001 - a missing file, a damaged entry: pyphen parses it
            return None
        return hd if isinstance(hd, pyphen.HyphDict) else None


_PYPHEN = f"pyphen {getattr(pyphen, '__version__', '?')} python {sys.version_info[:2]}"
if not isinstance(pyphen.hdcache, _Patterns):
    pyphen.hdcache = _Patterns(pyphen.hdcache)
