"""The default reference.docx, generated from a Layout, and the check that a
reference document has every style the exporter needs.

The reference document carries what Word calls styling: the named styles
(fonts, sizes, leading, spacing, colours), the numbering definition behind
List Number, page size and mirrored margins, and hyphenation.  An editor
writes it with :func:`write_reference_docx`, restyles it in Word, and saves
it into a layout folder; the exporter then starts from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from exporter.errors import OctavoError

from .ooxml import el, set_setting


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style the exporter uses: its Word name, the layout style
    it is built from, and what the default changes from that layout style."""

    name: str
    source: str
    align: str | None = None
    indent: float | None = None
    outline: int | None = None


PARAGRAPH_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", "body"),
    StyleSpec("Body Text", "body"),
    StyleSpec("Title", "title"),
    StyleSpec("Subtitle", "subtitle"),
    StyleSpec("Cover Text", "affiliation", align="center"),
    StyleSpec("Heading 1", "heading1", outline=0),
    StyleSpec("Heading 2", "heading2", outline=1),
    StyleSpec("Session Theme", "session_theme"),
    StyleSpec("Speaker", "speaker"),
    StyleSpec("Affiliation", "affiliation"),
    StyleSpec("Talk Title", "talk_title", outline=1),
    StyleSpec("Question", "question"),
    StyleSpec("Answer", "answer"),
    StyleSpec("Pull Quote", "pull_quote"),
    StyleSpec("Quote", "body", indent=18.0),
    StyleSpec("List Number", "list_item"),
    StyleSpec("List Bullet", "list_item"),
    StyleSpec("Caption", "caption"),
    StyleSpec("Ceremony Note", "caption"),
    StyleSpec("Imprint", "imprint"),
    StyleSpec("TOC Heading", "heading1"),
    StyleSpec("toc 1", "contents"),
    StyleSpec("toc 2", "contents", indent=12.0),
    StyleSpec("Index Entry", "index"),
    StyleSpec("Header", "caption", align="center"),
    StyleSpec("Footer", "caption", align="center"),
)

#: Character styles an export adds to a reference.docx that lacks them, for
#: text with two or three of emphasis, strong and link at once (``***so***``,
#: a link in emphasis): a run has one character style, so each mix is a style
#: of its own, based on Strong or Hyperlink, in italic and/or bold.
DERIVED_STYLES: dict[str, tuple[str, bool, bool]] = {  # name -> (based on, italic, bold)
    "Strong Emphasis": ("Strong", True, False),
    "Hyperlink Emphasis": ("Hyperlink", True, False),
    "Hyperlink Strong": ("Hyperlink", False, True),
    "Hyperlink Strong Emphasis": ("Hyperlink", True, True),
}
CHARACTER_STYLES: tuple[str, ...] = ("Emphasis", "Strong", "Hyperlink", *DERIVED_STYLES)
#: What each character style says of its text: emphasis, strong, link.
STYLE_MARKS: dict[str, frozenset[str]] = {
    name: frozenset(mark for word, mark in (("Emphasis", "emph"), ("Strong", "strong"), ("Hyperlink", "link"))
                    if word in name.split()) for name in CHARACTER_STYLES}

#: The outline level (0 = Word's "Level 1") of each style that makes a
#: heading in the navigation pane and the contents: the same levels as the PDF
#: booklet's outline (parts and sessions, then each contribution and Q&A).
OUTLINE_LEVELS: dict[str, int] = {"Heading 1": 0, "Heading 2": 1, "Talk Title": 1}

#: Every style name the exporter applies; a reference.docx must have them all.
REQUIRED_STYLES: tuple[str, ...] = tuple(s.name for s in PARAGRAPH_STYLES) + tuple(
    c for c in CHARACTER_STYLES if c not in DERIVED_STYLES)

#: Word's own style ids for built-in styles whose names python-docx does not map.
STYLE_IDS = {"toc 1": "TOC1", "toc 2": "TOC2", "Hyperlink": "Hyperlink"}

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
         "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}

NUM_FORMATS = {"decimal": "decimal", "upper-roman": "upperRoman", "lower-roman": "lowerRoman"}


def twips(points: float) -> int:
    """Points as twentieths of a point, the unit of page setup."""
    return round(points * 20)


def rgb(colour: str) -> RGBColor:
    """``#rrggbb`` as a python-docx colour."""
    return RGBColor.from_string(colour.lstrip("#").upper())


def set_fonts(rpr, family: str, cs: str = "", east_asia: str = "") -> None:
    """Name ``family`` for every script in a run-properties element (``cs``
    for complex scripts, Arabic among them, and ``east_asia`` for Chinese,
    Japanese and Korean when given), with no theme font left to override
    it."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = el("w:rFonts", ascii=family, hAnsi=family, cs=cs or family, eastAsia=east_asia or family)
    rpr.insert(0, fonts)


#: A character each Word font slot is for: Arabic script (``cs``), Han (``eastAsia``).
_SLOT_SAMPLES = {"cs": 0x0627, "eastAsia": 0x4E2D}


def slot_families(layout, key: str) -> tuple[str, str, str]:
    """The families Word should use for logical font ``key``: its own, and
    for complex scripts and East Asian text the first font of its fallback
    chain that has an Arabic letter and a Han ideograph (so Word and
    LibreOffice pick the faces the PDF uses); "" where none has."""
    fam = layout.fonts[key]
    found = {"cs": "", "eastAsia": ""}
    for other in (key, *fam.fallback):
        cmap = _cmap(layout.fonts[other].regular)
        for slot, code in _SLOT_SAMPLES.items():
            if not found[slot] and code in cmap:
                found[slot] = layout.fonts[other].family
    return fam.family, found["cs"], found["eastAsia"]


@lru_cache(maxsize=None)
def _cmap(path: Path) -> frozenset:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:  # reads the cmap table only
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - an unreadable font: the layout check names it
        return frozenset()


def missing_styles(document: Document) -> list[str]:
    """The names of REQUIRED_STYLES that ``document`` does not define."""
    names = {s.name for s in document.styles}
    ids = {s.style_id for s in document.styles}
    out = []
    for name in REQUIRED_STYLES:
        found = name in names or name.lower() in names or STYLE_IDS.get(name) in ids
        if not found:
            out.append(name)
    return out


def check_styles(document: Document, source: str) -> None:
    """Raise OctavoError naming every required style ``document`` lacks."""
    lacking = missing_styles(document)
    if lacking:
        raise OctavoError(
            f"{source} lacks {len(lacking)} style{'s' if len(lacking) != 1 else ''} the Word "
            f"exporter needs: {', '.join(lacking)}. Add them in Word (Styles pane) or start again "
            "from `octavo layouts reference-docx`.")


# -- building the default reference document ----------------------------------


def get_style(document: Document, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    """The style called ``name``, created (with Word's id) if absent."""
    for style in document.styles:
        if style.name in (name, name.lower()) and style.type == kind:
            return style
    style = document.styles.add_style(name, kind)
    if name in STYLE_IDS:
        style.element.set(qn("w:styleId"), STYLE_IDS[name])
    return style


def clear_formatting(style) -> None:
    """Remove a style's run properties and paragraph properties, keeping only
    its numbering (List Number, List Bullet)."""
    elem = style.element
    for tag in ("w:rPr", "w:pPr"):
        for old in elem.findall(qn(tag)):
            if tag == "w:pPr" and old.find(qn("w:numPr")) is not None:
                for child in list(old):
                    if child.tag != qn("w:numPr"):
                        old.remove(child)
                continue
            elem.remove(old)


def apply_font(style, ps, layout) -> None:
    """Font family, size, weight, slant and colour of layout style ``ps``."""
    font = style.font
    font.size = Pt(ps.size)
    font.bold, font.italic = bool(ps.bold), bool(ps.italic)
    font.all_caps = bool(getattr(ps, "caps", False))
    font.color.rgb = rgb(ps.colour)
    set_fonts(style.element.get_or_add_rPr(), *slot_families(layout, ps.font))


def apply_paragraph(style, ps, spec: StyleSpec) -> None:
    """Alignment, leading, spacing, indents and keep-with-next of ``ps``."""
    pf = style.paragraph_format
    pf.alignment = ALIGN[spec.align or ps.align]
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(max(ps.leading, ps.size))
    pf.space_before, pf.space_after = Pt(ps.space_before), Pt(ps.space_after)
    pf.first_line_indent = Pt(ps.first_indent)
    pf.left_indent = Pt(spec.indent if spec.indent is not None else ps.left_indent)
    pf.keep_with_next = bool(ps.keep_with_next)
    pf.widow_control = True
    if spec.outline is not None:
        set_outline_level(style, spec.outline)


def set_outline_level(style, level: int) -> None:
    """Give paragraph style ``style`` (python-docx style or its ``w:style``
    element) outline level ``level``, in its schema place in the style's
    paragraph properties."""
    ppr = getattr(style, "element", style).get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    ppr.insert_element_before(el("w:outlineLvl", val=str(level)),
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def outline_level(style, by_id: dict) -> int:
    """The outline level ``w:style`` element ``style`` gives (9: body text),
    through the styles it is based on (``by_id``: style elements by id)."""
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        level = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
        if level is not None:
            value = level.get(qn("w:val"), "")
            return int(value) if value.isdigit() else 9
        based = style.find(qn("w:basedOn"))
        style = by_id.get(based.get(qn("w:val"))) if based is not None else None
    return 9


def set_outline_levels(document: Document) -> None:
    """The outline levels the proceedings' structure needs, whatever a
    reference document gave its styles: ``OUTLINE_LEVELS`` for the heading
    styles, body text for every other style the exporter applies (a TOC
    Heading based on Heading 1, say).  The navigation pane and the contents
    are structure, not styling.  (On the XML: python-docx finds a style by
    name, or a style's base, by scanning and translating every style.)"""
    styles = [s for s in document.styles.element.iterchildren(qn("w:style")) if s.get(qn("w:type")) == "paragraph"]
    by_id = {s.get(qn("w:styleId")): s for s in styles}
    by_name: dict[str, object] = {}
    for s in styles:
        name = s.find(qn("w:name"))
        if name is not None:
            by_name.setdefault(name.get(qn("w:val"), "").lower(), s)
    for spec in PARAGRAPH_STYLES:
        style = by_name.get(spec.name.lower())
        if style is None:
            style = get_style(document, spec.name).element
        if spec.name in OUTLINE_LEVELS:
            set_outline_level(style, OUTLINE_LEVELS[spec.name])
        elif outline_level(style, by_id) < 9:
            set_outline_level(style, 9)


def add_toc_tab(style, layout) -> None:
    """A right-aligned, dot-led tab stop at the text's right edge (for the
    page numbers of the table of contents)."""
    page = layout.page
    width = page.width - page.inner - page.outer
    style.paragraph_format.tab_stops.add_tab_stop(Pt(width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def build_paragraph_style(document: Document, spec: StyleSpec, layout) -> None:
    """Create or reset one paragraph style from the layout."""
    style = get_style(document, spec.name)
    clear_formatting(style)
    if spec.name != "Normal":
        style.base_style = document.styles["Normal"]
    ps = layout.styles[spec.source]
    apply_font(style, ps, layout)
    apply_paragraph(style, ps, spec)
    if spec.name.startswith("toc "):
        add_toc_tab(style, layout)
    style.quick_style = True


def build_character_styles(document: Document, layout) -> None:
    """Emphasis (italic), Strong (bold), Hyperlink (accent, underlined) and
    Strong Emphasis (Strong, in italic)."""
    for name in CHARACTER_STYLES:
        if name in DERIVED_STYLES:
            continue
        style = get_style(document, name, WD_STYLE_TYPE.CHARACTER)
        clear_formatting(style)
        style.font.italic = name == "Emphasis"
        style.font.bold = name == "Strong"
        if name == "Hyperlink":
            style.font.color.rgb = rgb(layout.colours["accent"])
            style.font.underline = True
        style.quick_style = True
    add_derived_styles(document)


def add_derived_styles(document: Document) -> None:
    """The :data:`DERIVED_STYLES` ``document`` lacks, each based on its
    style, in italic and/or bold (a reference.docx made before they existed
    has none, and needs none from its editor)."""
    names = {s.name for s in document.styles if s.type == WD_STYLE_TYPE.CHARACTER}
    for name, (base, italic, bold) in DERIVED_STYLES.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.base_style = get_style(document, base, WD_STYLE_TYPE.CHARACTER)
        if italic:
            style.font.italic = True
        if bold:
            style.font.bold = True


def style_for(marks: frozenset[str]) -> str | None:
    """The character style of text with ``marks`` (of emph, strong, link)."""
    if not marks:
        return None
    return next(name for name, said in STYLE_MARKS.items() if said == marks)


def build_defaults(document: Document, layout) -> None:
    """Document-wide defaults: the body font and size in w:docDefaults."""
    body = layout.styles["body"]
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, *slot_families(layout, body.font))
    rpr.get_or_add_sz().val = Pt(body.size)
    for old in rpr.findall(qn("w:szCs")):
        old.set(qn("w:val"), str(round(body.size * 2)))


def build_numbering(document: Document, layout) -> None:
    """Point List Number's abstract numbering at the layout's number format
    (1., I., i.) with a hanging indent."""
    abstract = list_abstract(document, layout.list_number_format)
    lvl = abstract.find(qn("w:lvl"))
    lvl.find(qn("w:numFmt")).set(qn("w:val"), NUM_FORMATS[layout.list_number_format])
    lvl.find(qn("w:lvlText")).set(qn("w:val"), "%1.")
    ppr = lvl.find(qn("w:pPr"))
    if ppr is not None:
        lvl.remove(ppr)
    ppr = el("w:pPr")
    ppr.append(el("w:ind", left=str(twips(22)), hanging=str(twips(22))))
    rpr = lvl.find(qn("w:rPr"))
    (rpr.addprevious if rpr is not None else lvl.append)(ppr)


def list_abstract(document: Document, number_format: str):
    """The w:abstractNum behind the List Number style (created if the style
    has no numbering)."""
    numbering = document.part.numbering_part.element
    style = get_style(document, "List Number")
    num_id = style.element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if num_id:
        abs_id = numbering.xpath(f'./w:num[@w:numId="{num_id[0]}"]/w:abstractNumId/@w:val')
        if abs_id:
            return numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abs_id[0]}"]')[0]
    return new_abstract(numbering, number_format)


def new_abstract(numbering, number_format: str):
    """A new single-level abstract numbering, inserted before the first w:num."""
    ids = [int(x) for x in numbering.xpath("./w:abstractNum/@w:abstractNumId")]
    abstract = el("w:abstractNum", abstractNumId=str(max(ids, default=-1) + 1))
    abstract.append(el("w:multiLevelType", val="singleLevel"))
    lvl = el("w:lvl", ilvl="0")
    for tag, val in (("start", "1"), ("numFmt", NUM_FORMATS[number_format]),
                     ("lvlText", "%1."), ("lvlJc", "left")):
        lvl.append(el(f"w:{tag}", val=val))
    ppr = el("w:pPr")
    ppr.append(el("w:ind", left=str(twips(22)), hanging=str(twips(22))))
    lvl.append(ppr)
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    (first_num.addprevious if first_num is not None else numbering.append)(abstract)
    return abstract


def build_page(document: Document, layout) -> None:
    """Page size and mirrored margins (inner at the binding) from the layout."""
    page, section = layout.page, document.sections[0]
    section.page_width, section.page_height = Pt(page.width), Pt(page.height)
    section.top_margin, section.bottom_margin = Pt(page.top), Pt(page.bottom)
    section.left_margin, section.right_margin = Pt(page.inner), Pt(page.outer)
    section.header_distance, section.footer_distance = Pt(page.top / 2), Pt(page.bottom / 2)
    section.gutter = Pt(0)
    settings = document.settings.element
    set_setting(settings, "mirrorMargins")
    set_setting(settings, "autoHyphenation")
    set_setting(settings, "hyphenationZone", val=str(twips(18)))


def strip_template(document: Document) -> None:
    """Drop the template's leftover parts and python-docx's property
    leftovers, and make it a current Word document."""
    from .package import drop_stale_parts

    drop_stale_parts(document)
    set_compatibility_mode(document)
    props = document.core_properties
    props.author = props.comments = props.title = props.subject = ""
    props.last_modified_by = ""
    props.revision = 1


#: Word 2013 and later: a document in this mode opens without "Compatibility
#: Mode" (python-docx's template says 14, Word 2010).
COMPATIBILITY_MODE = "15"
_WORD_URI = "http://schemas.microsoft.com/office/word"


def set_compatibility_mode(document: Document) -> None:
    """``w:compatSetting compatibilityMode`` = ``COMPATIBILITY_MODE`` in
    settings.xml, in ``w:compat`` (made in its schema place if missing; its
    other settings kept; compatSetting comes last in CT_Compat)."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        set_setting(settings, "compat")
        compat = settings.find(qn("w:compat"))
    modes = [c for c in compat.findall(qn("w:compatSetting")) if c.get(qn("w:name")) == "compatibilityMode"]
    for extra in modes[1:]:
        compat.remove(extra)
    if modes:
        modes[0].set(qn("w:uri"), _WORD_URI)
        modes[0].set(qn("w:val"), COMPATIBILITY_MODE)
    else:
        compat.append(el("w:compatSetting", name="compatibilityMode", uri=_WORD_URI, val=COMPATIBILITY_MODE))


def sample_body(document: Document) -> None:
    """One paragraph per style, named after it, so an editor sees every style."""
    body = document.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    for spec in PARAGRAPH_STYLES:
        document.add_paragraph(f"{spec.name}: the text of this style.", style=get_style(document, spec.name))
    para = document.add_paragraph("Character styles: ", style=get_style(document, "Body Text"))
    for name in CHARACTER_STYLES:
        para.add_run(name, style=get_style(document, name, WD_STYLE_TYPE.CHARACTER))
        para.add_run(" ")


def build_reference(layout, sample: bool = True) -> Document:
    """The default reference document for ``layout``, as a python-docx
    Document (styles, numbering, page setup, settings, and with ``sample``
    a body showing every style, for editors; an export needs none)."""
    document = docx.Document()
    strip_template(document)
    build_defaults(document, layout)
    for spec in PARAGRAPH_STYLES:
        build_paragraph_style(document, spec, layout)
    build_character_styles(document, layout)
    build_numbering(document, layout)
    build_page(document, layout)
    if sample:
        sample_body(document)
    return document


def write_reference_docx(layout, path: Path) -> None:
    """Write the default reference.docx for ``layout`` to ``path``
    (deterministic bytes; through a temporary file and a rename)."""
    from exporter.output import atomic_write

    from .package import finish_package

    atomic_write(Path(path), finish_package(build_reference(layout), "1980-01-01"))
