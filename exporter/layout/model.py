"""A resolved layout: every length in points, every font a file, every
style complete.  Exporters read these; none of them parses a unit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Page:
    """Trim size and margins in points; ``inner`` is the binding side."""

    width: float
    height: float
    inner: float
    outer: float
    top: float
    bottom: float
    bleed: float
    crop_marks: bool
    size_name: str


@dataclass(frozen=True)
class FontFamily:
    """A logical font (``serif``) and its TrueType files by face;
    ``fallback``: the logical fonts tried, in order, for characters it
    lacks; ``languages``: BCP 47 tag -> the logical font set first for text
    in that language."""

    name: str
    family: str
    regular: Path
    italic: Path
    bold: Path
    bold_italic: Path
    fallback: tuple[str, ...] = ()
    languages: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ParaStyle:
    """A paragraph style with every property resolved through ``parent``."""

    name: str
    font: str
    size: float
    leading: float
    colour: str
    align: str
    space_before: float
    space_after: float
    first_indent: float
    left_indent: float
    bold: bool
    italic: bool
    caps: bool
    keep_with_next: bool
    hyphenate: bool


@dataclass(frozen=True)
class BriefSettings:
    """The brief's page (points), size range and allowed degradations."""

    width: float
    height: float
    margin: float
    max_size: float
    min_size: float
    max_pages: int
    drop_order: tuple[str, ...]


@dataclass(frozen=True)
class Hyphenation:
    """Where words may break (see the layout schema's ``hyphenation``);
    ``exceptions`` maps a language tag to its words, spelled with their
    breaks."""

    left: int = 2
    right: int = 3
    min_word: int = 6
    capitalised: bool = False
    exceptions: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PrintSettings:
    """The print edition's standard and printing condition: ``profile`` is
    the CMYK output profile's file, ``condition`` its OutputConditionIdentifier
    and ``condition_text`` the condition in words, ``registry`` where that
    name is registered ('' if nowhere), ``inks`` the layout's own CMYK
    values ('#RRGGBB' → c, m, y, k in 0..1)."""

    standard: str = "PDF/X-4"
    profile: Path = Path()
    condition: str = ""
    condition_text: str = ""
    registry: str = ""
    trapped: bool = False
    inks: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Layout:
    """A layout, merged along its ``extends`` chain and resolved.

    ``folders`` are the chain's folders, the layout's own first;
    ``origins`` maps each dotted key to the ``file:line`` that set it.
    """

    name: str
    folders: tuple[Path, ...]
    description: str
    page: Page
    fonts: dict[str, FontFamily]
    colours: dict[str, str]
    styles: dict[str, ParaStyle]
    list_number_format: str
    parts: dict[str, bool]
    running_head_style: str
    folio_style: str
    running_head_rule: bool
    brief: BriefSettings
    reference_docx: Path | None
    template_dirs: tuple[Path, ...]
    origins: dict[str, str]
    digest: str = ""
    """SHA-256 of the layout's folders and the font files it uses."""
    overrides: tuple[str, ...] = ()
    """Settings given on the command line (``brief.max_pages=2``): not in
    ``digest``, so they do not invalidate what they do not change."""
    hyphenation: Hyphenation = Hyphenation()
    printing: PrintSettings = PrintSettings()
    """The print edition's PDF/X standard, output profile and inks."""
    speaker_native_name: bool = False
    """Whether a speaker's heading shows the native name after the Latin one."""
    ligatures: bool = True
    """Whether the PDF sets the fonts' standard ligatures (``typography.ligatures``)."""
