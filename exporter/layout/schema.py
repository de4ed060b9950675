"""The layout style sheet's shape (``layouts/<name>/layout.yaml``).

Lengths carry a unit (``18mm``, ``0.5in``, ``12pt``, ``1.2cm``); colours are
``#rrggbb`` or the name of a colour defined under ``colours``; switches are
``true``/``false``.  A layout may say ``extends: <other>`` and hold only what
it changes: mappings merge key by key, the extending layout's values win.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import Discriminator, Field, StringConstraints, Tag

from exporter.source.schema import Line, Strict
from exporter.validation import PATTERN_MESSAGES

LENGTH_PATTERN = r"^\s*\d+(\.\d+)?\s*(mm|cm|in|pt)\s*$"
COLOUR_PATTERN = r"^(#[0-9a-fA-F]{6}|[a-z][a-z0-9-]*)$"
RGB_PATTERN = r"^#[0-9a-fA-F]{6}$"
INK_PATTERN = r"^\s*(100(\.0+)?|\d{1,2}(\.\d+)?)\s*%?\s*$"
PATTERN_MESSAGES[LENGTH_PATTERN] = "'{value}' is not a length with a unit: write for example 18mm, 0.5in or 12pt"
PATTERN_MESSAGES[COLOUR_PATTERN] = "'{value}' is not a colour: write #rrggbb or the name of a colour under 'colours'"
PATTERN_MESSAGES[RGB_PATTERN] = "'{value}' is not a colour: write #rrggbb"
PATTERN_MESSAGES[INK_PATTERN] = "'{value}' is not an amount of ink: write a percentage from 0 to 100"

Length = Annotated[str, StringConstraints(pattern=LENGTH_PATTERN)]
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]
Flag = Literal["true", "false"]
Ink = Annotated[str, StringConstraints(pattern=INK_PATTERN)]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$")]
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class MarginsIn(Strict):
    """Page margins; inner is the binding side."""

    inner: Length
    outer: Length
    top: Length
    bottom: Length


class PageIn(Strict):
    """Trim size, margins and bleed."""

    size: Literal["A4", "A5", "B5", "letter", "6x9in"]
    margins: MarginsIn
    bleed: Length = "3mm"
    crop_marks: Flag = "false"


class FontIn(Strict):
    """A font family: TrueType files by face, found in the layout's
    ``fonts/`` folder or among the fonts bundled with Octavo.
    ``fallback``: other logical fonts of the layout, tried in order for
    each character this family has no glyph for (Arabic script, CJK,
    emoji); a face a fallback lacks is its regular.  ``languages``: a
    logical font to set text in a language in first (``ur: nastaliq``),
    for text whose language the source gives (a person's
    ``native_name_lang``)."""

    family: Line
    regular: Line
    italic: Optional[Line] = None
    bold: Optional[Line] = None
    bold_italic: Optional[Line] = None
    fallback: list[Name] = []
    languages: dict[Annotated[str, StringConstraints(pattern=LANG_PATTERN)], Name] = {}


class StyleIn(Strict):
    """A paragraph style; unset properties come from ``parent`` (default:
    ``body``)."""

    parent: Optional[Name] = None
    font: Optional[Name] = None
    size: Optional[Length] = None
    leading: Optional[Length] = None
    colour: Optional[Colour] = None
    align: Optional[Literal["left", "justify", "center", "right"]] = None
    space_before: Optional[Length] = None
    space_after: Optional[Length] = None
    first_indent: Optional[Length] = None
    left_indent: Optional[Length] = None
    bold: Optional[Flag] = None
    italic: Optional[Flag] = None
    caps: Optional[Flag] = None
    keep_with_next: Optional[Flag] = None
    hyphenate: Optional[Flag] = None


class ColourIn(Strict):
    """A colour with the inks the print edition prints it with: ``cmyk`` is
    cyan, magenta, yellow and black in percent (``[0, 80, 60, 50]``), used
    instead of converting ``rgb`` through the output profile."""

    rgb: Annotated[str, StringConstraints(pattern=RGB_PATTERN)]
    cmyk: Annotated[list[Ink], Field(min_length=4, max_length=4)]


#: A layout colour: ``#rrggbb``, or ``{rgb: "#rrggbb", cmyk: [c, m, y, k]}``.
ColourValue = Annotated[Union[Annotated[Colour, Tag("rgb")], Annotated[ColourIn, Tag("inks")]],
                        Discriminator(lambda v: "inks" if isinstance(v, (dict, ColourIn)) else "rgb")]


class PrintIn(Strict):
    """The print edition (``export print``): the PDF/X standard it declares
    and the printing condition its colours are converted for.
    ``output_profile`` is a CMYK output ICC profile, a file name found in
    the layout's ``profiles/`` folder, then among Octavo's (the bundled
    ``octavo-fogra39l.icc``: coated offset, FOGRA39).  ``output_condition``
    names the condition the profile characterises (its registered name,
    such as ``FOGRA51``; empty: ``FOGRA39`` for the bundled profile, else
    the profile's description).  ``trapped``: whether the file has been
    trapped (``Trapped`` in its metadata)."""

    standard: Literal["PDF/X-4", "PDF/X-1a:2003"] = "PDF/X-4"
    output_profile: Line = "octavo-fogra39l.icc"
    output_condition: Annotated[str, StringConstraints(pattern=r"^[^\n]*$")] = ""
    trapped: Flag = "false"


class PartsIn(Strict):
    """Which parts of the booklet appear."""

    cover: Flag = "true"
    imprint: Flag = "true"
    contents: Flag = "true"
    index: Flag = "true"
    media: Flag = "true"
    back_cover: Flag = "true"


class RunningHeadsIn(Strict):
    """Running heads and folios."""

    style: Name = "running_head"
    folio_style: Name = "folio"
    rule: Flag = "true"


class BriefIn(Strict):
    """The one-page brief's page and sizes."""

    size: Literal["A4", "A5", "B5", "letter", "6x9in"] = "A4"
    margin: Length = "16mm"
    max_size: Length = "10.5pt"
    min_size: Length = "8pt"
    max_pages: Annotated[str, StringConstraints(pattern=r"^[12]$")] = "1"
    drop_order: list[Literal["quote", "context", "key_figures", "about"]] = ["quote", "context"]

EXCEPTION_PATTERN = r"^[^\s\-]+(-[^\s\-]+)*$"
COUNT_PATTERN = r"^[1-9]$"
PATTERN_MESSAGES[LANG_PATTERN] = "'{value}' is not a language tag: write for example en, en-GB or ru"
PATTERN_MESSAGES[EXCEPTION_PATTERN] = ("'{value}' is not a word with its breaks: write it with a hyphen at each "
                                       "place it may break, for example Af-ghan-istan (no spaces)")
PATTERN_MESSAGES[COUNT_PATTERN] = "'{value}' is not a count from 1 to 9"


class HyphenationIn(Strict):
    """Where words may break at a line end, in styles with ``hyphenate:
    true``: the fewest letters left before and carried after a break, the
    shortest word broken, whether capitalised words (names, places,
    acronyms) may break, and per language the words whose breaks the
    patterns get wrong, written with a hyphen at each allowed break
    (``Af-ghan-istan``; a word without hyphens never breaks)."""

    left: Annotated[str, StringConstraints(pattern=COUNT_PATTERN)] = "2"
    right: Annotated[str, StringConstraints(pattern=COUNT_PATTERN)] = "3"
    min_word: Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?$")] = "6"
    capitalised: Flag = "false"
    exceptions: dict[Annotated[str, StringConstraints(pattern=LANG_PATTERN)],
                     list[Annotated[str, StringConstraints(pattern=EXCEPTION_PATTERN)]]] = {}


class TypographyIn(Strict):
    """How the PDF sets its text: ``ligatures``, the font's standard
    ligatures (its ``liga`` feature: fi, fl, ff, ffi, ffl in Noto Serif),
    drawn so that copied and searched text reads the plain letters; never
    in letter-spaced lines.  The Word file is left to Word."""

    ligatures: Flag = "true"


class LayoutFile(Strict):
    """One ``layout.yaml``.  In a layout that ``extends`` another, every key
    is optional; the merged result must be complete."""

    extends: Optional[Name] = None
    description: str = ""
    page: PageIn
    fonts: Annotated[dict[Name, FontIn], Field(min_length=1)]
    colours: dict[Name, ColourValue] = {}
    styles: dict[Name, StyleIn]
    list_numbers: Literal["decimal", "upper-roman", "lower-roman"] = "decimal"
    parts: PartsIn = PartsIn()
    running_heads: RunningHeadsIn = RunningHeadsIn()
    brief: BriefIn = BriefIn()
    hyphenation: HyphenationIn = HyphenationIn()
    typography: TypographyIn = TypographyIn()
    print: PrintIn = PrintIn()
    speaker_native_name: Flag = "false"
