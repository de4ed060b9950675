"""Find, merge, validate and resolve layouts.

Layouts are found along a search path: the project's ``layouts/`` first,
then the layouts bundled with Octavo.  ``extends:`` chains are merged key by
key (the extending layout wins), every value remembering the file and line
it came from, so that problems and ``octavo layouts show`` can cite it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporter import printing as pc
from exporter.errors import OctavoError, Problem, ValidationError
from exporter.inputs import combine, files_digest, tree_digest
from exporter.layout.model import BriefSettings, FontFamily, Hyphenation, Layout, Page, ParaStyle, PrintSettings
from exporter.project import Project
from exporter.shapes import conform
from exporter.validation import describe, did_you_mean, translate

if TYPE_CHECKING:
    from exporter.source.yamlread import PathT, Pos

# The YAML reader (exporter.source.yamlread, and ruamel with it) is imported
# where a layout is read: a layout kept in the cache folder needs none of it.

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "layouts"
BUNDLED_FONTS = Path(__file__).resolve().parent.parent / "fonts"
DEFAULT_LAYOUT = "booklet"

#: Styles every exporter may ask for; a layout must define (or inherit) each.
REQUIRED_STYLES = (
    "body", "title", "subtitle", "heading1", "heading2", "heading3", "speaker", "affiliation",
    "talk_title", "question", "answer", "pull_quote", "list_item", "caption", "imprint", "contents",
    "index", "running_head", "folio", "cover_title", "cover_subtitle", "cover_line",
    "brief_body", "brief_kicker", "brief_title", "brief_event", "brief_heading", "brief_message",
    "brief_recommendation", "brief_actor", "brief_ref", "brief_figure_value", "brief_figure_unit",
    "brief_figure_label", "brief_quote", "brief_quote_source", "brief_about", "brief_footer")

HARD_FLOOR = 6.0  # pt: no layout may set the brief's legibility floor lower

_POINTS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}
_SIZES = {"A4": (210, 297), "A5": (148, 210), "B5": (176, 250), "letter": (215.9, 279.4), "6x9in": (152.4, 228.6)}


def length(text: str) -> float:
    """``'18mm'`` in PostScript points (validated before it gets here)."""
    text = text.strip()
    unit = text[-2:]
    return float(text[:-2].strip()) * _POINTS[unit]


def page_size(name: str) -> tuple[float, float]:
    """Width and height in points of a named trim size."""
    w, h = _SIZES[name]
    return w * _POINTS["mm"], h * _POINTS["mm"]


def search_path(project: Project) -> list[Path]:
    """Folders holding layouts, in the order they are searched."""
    return [project.root / "layouts", BUILTIN_DIR]


def available(project: Project) -> list[tuple[str, Path]]:
    """Every layout found, project first, as (name, folder)."""
    out = []
    for base in search_path(project):
        if base.is_dir():
            out += [(p.name, p) for p in sorted(base.iterdir()) if (p / "layout.yaml").is_file()]
    return out


def _find(name: str, project: Project, skip: Path | None = None) -> Path:
    for base in search_path(project):
        folder = base / name
        if (folder / "layout.yaml").is_file() and folder != skip:
            return folder
    names = sorted({n for n, _ in available(project)})
    raise OctavoError(f"no layout '{name}'{did_you_mean(name, names)} (layouts: {', '.join(names)})")


@dataclass
class MergedDoc:
    """The merged data of an ``extends`` chain, with where each value came from."""

    data: dict[str, Any] = field(default_factory=dict)
    origins: dict[PathT, tuple[str, Pos]] = field(default_factory=dict)
    keys: dict[PathT, tuple[str, Pos]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    fallback: str = ""
    later: list[Problem] = field(default_factory=list)
    """Problems of the whole chain, reported with those of the checked data."""

    def problem(self, path: PathT, message: str, *, key: bool = False) -> Problem:
        from exporter.source.yamlread import Pos, dotted

        path = tuple(path)
        table = self.keys if key and path in self.keys else self.origins
        probe = path
        while probe and probe not in table:
            probe = probe[:-1]
        file, pos = table.get(probe, (self.fallback, Pos(0, 0)))
        return Problem(file, pos.line, pos.col, dotted(path), message)

    def add(self, path: PathT, message: str) -> None:
        self.problems.append(self.problem(path, message))


def _merge(into: dict[str, Any], data: dict[str, Any], doc, merged: MergedDoc, path: PathT) -> None:
    from exporter.source.yamlread import Pos

    for key, value in data.items():
        p = (*path, key)
        merged.origins[p] = (doc.file, doc.values.get(p, Pos(0, 0)))
        merged.keys[p] = (doc.file, doc.keys.get(p, Pos(0, 0)))
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value, doc, merged, p)
        else:
            into[key] = value
            _record(value, doc, merged, p)


def _record(value: Any, doc, merged: MergedDoc, path: PathT) -> None:
    from exporter.source.yamlread import Pos

    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in children:
        merged.origins[(*path, k)] = (doc.file, doc.values.get((*path, k), Pos(0, 0)))
        merged.keys[(*path, k)] = (doc.file, doc.keys.get((*path, k), Pos(0, 0)))
        _record(v, doc, merged, (*path, k))


def _chain(name: str, project: Project) -> tuple[list[Path], MergedDoc]:
    """The folders of ``name``'s extends chain (child first) and their merged data."""
    from exporter.source.yamlread import read_yaml

    folders: list[Path] = []
    docs = []
    folder = _find(name, project)
    while True:
        if folder in folders:
            raise OctavoError(f"layout '{name}': 'extends' goes round in a circle through {folder}")
        folders.append(folder)
        doc = read_yaml(folder / "layout.yaml", project.display(folder / "layout.yaml"))
        docs.append(doc)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if not parent:
            break
        try:
            folder = _find(str(parent), project, skip=folder)
        except OctavoError as exc:
            doc.add(("extends",), exc.message)
            break
    faces = _faces_of_other_families([d for d in reversed(docs) if isinstance(d.data, dict)])  # before merging
    merged = MergedDoc(fallback=docs[0].file)
    for doc in reversed(docs):
        merged.problems += doc.problems
        if isinstance(doc.data, dict):
            _merge(merged.data, doc.data, doc, merged, ())
        elif not doc.problems:
            doc.add((), f"expected a mapping of keys, not {describe(doc.data)}")
            merged.problems += doc.problems
    merged.data.pop("extends", None)
    merged.later = faces
    return folders, merged


FACES = ("regular", "italic", "bold", "bold_italic")


def _faces_of_other_families(docs: list) -> list[Problem]:
    """A layout that changes a font's ``family`` must give the faces it
    uses with it: a face left to the layout it extends belongs to that
    layout's family (DejaVu Serif text with Noto Serif italics).  ``docs``
    run from the base layout to the one asked for; a face set with a family
    (in the same file, or a later one) belongs to it."""
    problems = []
    fonts: dict[str, dict] = {}  # key -> {"family", "where" (doc that set it), face -> family it was set with}
    for doc in docs:
        for key, font in (doc.data.get("fonts") or {}).items() if isinstance(doc.data.get("fonts"), dict) else ():
            if not isinstance(font, dict):
                continue
            state = fonts.setdefault(str(key), {"family": None, "where": None, "faces": {}})
            if isinstance(font.get("family"), str) and font["family"] != state["family"]:
                state.update(family=font["family"], where=doc)
            for face in FACES:
                if face in font:
                    state["faces"][face] = (state["family"], doc.file)
    for key, state in fonts.items():
        stale = [(face, fam, file) for face, (fam, file) in state["faces"].items() if fam != state["family"]]
        if not stale or state["where"] is None:
            continue
        doc, family = state["where"], state["family"]
        names = ", ".join(face for face, _, _ in stale)
        others = " and ".join(sorted({f"'{fam}' (from layout '{Path(file).parent.name}')" for _, fam, file in stale}))
        them = "them" if len(stale) > 1 else "it"
        problems.append(doc.problem(("fonts", key, "family"),
                                    f"'{family}' is set here without {names}, which would then be {others}; "
                                    f"name the '{family}' files for {them} (a face the family lacks may name "
                                    "its regular file)"))
    return problems


def load_layout(name: str | None, project: Project) -> Layout:
    """The layout ``name`` (default: the house booklet), merged along its
    ``extends`` chain, validated and resolved to points and files.

    A layout that loaded without problems is kept in Octavo's cache folder
    (``exporter.usercache``), keyed by every file it can have been made from
    (the layouts' folders, the bundled fonts, the code that loads them: path,
    size and time of each) and the project's folder, so a later command with
    none of them changed reads it back instead of parsing, checking and
    hashing it again."""
    name = name or DEFAULT_LAYOUT
    key = _cache_key(name, project)
    if key is not None:
        cached = _cached(key)
        if cached is not None:
            return cached
    folders, merged = _chain(name, project)
    if merged.problems:
        raise ValidationError(merged.problems, "layout")
    raw = _check_shape(merged)
    layout = _resolve(name, folders, raw, merged)
    merged.problems += merged.later
    if merged.problems:
        raise ValidationError(merged.problems, "layout")
    if key is not None:
        from exporter import usercache

        usercache.dump("layouts", key, layout)
    return layout


#: The modules whose code makes a Layout out of the files.
_LOADING_CODE = ("layout/loader.py", "layout/model.py", "layout/schema.py", "shapes.py", "_shapes.py",
                 "source/yamlread.py", "source/schema.py", "source/values.py", "validation.py", "inputs.py")


def _cache_key(name: str, project: Project) -> str | None:
    """A key for layout ``name`` of ``project``, made from every file under
    the layout folders of the search path (their bytes; for font files, which
    are large and rarely change, their size, time and inode), the bundled
    fonts and the loading code (size and time); None when one cannot be read
    (then the layout is simply loaded)."""
    import hashlib

    from exporter import __version__

    package = BUILTIN_DIR.parent
    h = hashlib.sha256(f"{__version__}\0{name}\0{project.root.resolve()}".encode())
    stamped = [package / rel for rel in _LOADING_CODE]
    try:
        for base in search_path(project):
            for path in sorted(base.rglob("*")) if base.is_dir() else ():
                if path.suffix.lower() in (".ttf", ".otf") or not path.is_file():
                    stamped.append(path)
                else:
                    data = path.read_bytes()
                    h.update(f"{path}\0{len(data)}\0".encode() + data)
        stamped += sorted(BUNDLED_FONTS.iterdir())
        for path in stamped:
            st = path.stat()
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0".encode())
    except OSError:
        return None
    return h.hexdigest()[:32]


def _cached(key: str) -> Layout | None:
    from exporter import usercache

    layout = usercache.load("layouts", key)
    return layout if isinstance(layout, Layout) else None


def _check_shape(merged: MergedDoc) -> Any:
    """The merged data checked as a ``LayoutFile``: by the compiled shapes
    when it fits (``exporter.shapes``), else by pydantic, whose errors are
    the problems reported."""
    raw = conform("LayoutFile", merged.data)
    if raw is not None:
        return raw
    from pydantic import ValidationError as PydanticError

    from exporter.layout import schema as ls

    try:
        return ls.LayoutFile.model_validate(merged.data)
    except PydanticError as exc:
        raise ValidationError([*(translate(merged, ls.LayoutFile, e) for e in exc.errors()), *merged.later],
                              "layout") from None


def _resolve(name: str, folders: list[Path], raw: Any, merged: MergedDoc) -> Layout:
    from exporter.source.yamlread import dotted

    # a colour is "#rrggbb", a name, or {rgb, cmyk} (a record with its own inks)
    colours = {k: getattr(v, "rgb", v) for k, v in raw.colours.items()}
    for k, v in colours.items():
        if not v.startswith("#"):
            merged.add(("colours", k), f"'{v}' is not a colour: write #rrggbb")
    fonts = {k: _font(k, f, folders, merged) for k, f in raw.fonts.items()}
    for k, f in raw.fonts.items():
        for i, other in enumerate(f.fallback):
            if other not in fonts or other == k:
                merged.add(("fonts", k, "fallback", i), f"'{other}' is not another font of the layout "
                           f"(fonts: {', '.join(sorted(fonts))})")
        for lang, other in f.languages.items():
            if other not in fonts:
                merged.add(("fonts", k, "languages", lang), f"'{other}' is not a font of the layout "
                           f"(fonts: {', '.join(sorted(fonts))})")
    styles = _styles(raw, fonts, colours, merged)
    p = raw.page
    w, h = page_size(p.size)
    page = Page(w, h, length(p.margins.inner), length(p.margins.outer), length(p.margins.top),
                length(p.margins.bottom), length(p.bleed), p.crop_marks == "true", p.size)
    b = raw.brief
    bw, bh = page_size(b.size)
    brief = BriefSettings(bw, bh, length(b.margin), length(b.max_size), length(b.min_size),
                          int(b.max_pages), tuple(b.drop_order))
    if brief.min_size < HARD_FLOOR:
        merged.add(("brief", "min_size"), f"{b.min_size} is below the hard floor of {HARD_FLOOR:g}pt")
    if brief.min_size > brief.max_size:
        merged.add(("brief", "min_size"), f"{b.min_size} is larger than brief.max_size ({b.max_size})")
    parts = {k: v == "true" for k, v in raw.parts.model_dump().items()}
    ref = next((f / "reference.docx" for f in folders if (f / "reference.docx").is_file()), None)
    templates = tuple(f / "templates" for f in folders if (f / "templates").is_dir())
    origins = {dotted(k): f"{f}:{pos.line}" for k, (f, pos) in merged.origins.items()}
    font_files = {getattr(f, face) for f in fonts.values() for face in ("regular", "bold", "italic", "bold_italic")
                  if getattr(f, face).is_file()}
    printing = _printing(raw, folders, merged)
    digest = combine(*(tree_digest(f) for f in folders),
                     files_digest(font_files | ({printing.profile} if printing.profile.is_file() else set())))
    return Layout(name, tuple(folders), raw.description, page, fonts, colours, styles, raw.list_numbers,
                  parts, raw.running_heads.style, raw.running_heads.folio_style,
                  raw.running_heads.rule == "true", brief, ref, templates, origins, digest, printing=printing,
                  hyphenation=_hyphenation(raw), speaker_native_name=raw.speaker_native_name == "true",
                  ligatures=raw.typography.ligatures == "true")


def _hyphenation(raw: Any) -> Hyphenation:
    hy = raw.hyphenation
    return Hyphenation(int(hy.left), int(hy.right), int(hy.min_word), hy.capitalised == "true",
                       {lang: tuple(words) for lang, words in hy.exceptions.items()})


def _printing(raw: Any, folders: list[Path], merged: MergedDoc) -> PrintSettings:
    """The print edition's settings: the output profile found and checked
    (its header: building its transforms waits for a print export, see
    :func:`exporter.colour.print_colour`), the layout's own inks checked
    against its ink limit."""
    p = raw.print
    key = ("print", "output_profile")
    profile, description = Path(), ""
    if Path(p.output_profile).name != p.output_profile:
        merged.add(key, f"'{p.output_profile}' must be a file name, found in the layout's profiles/ folder")
    else:
        found = [c for c in [*(d / "profiles" / p.output_profile for d in folders), pc.PROFILES / p.output_profile]
                 if c.is_file()]
        if not found:
            merged.add(key, f"profile file '{p.output_profile}' not found in the layout's profiles/ folder "
                            "or Octavo's profiles")
        else:
            if found[0] == pc.PROFILES / pc.DEFAULT_PROFILE:
                problem, description = "", pc.DEFAULT_CONDITION_TEXT  # Octavo's own, checked by its tests
            else:
                from exporter.colour import read_output_profile  # littleCMS: only for a shop's profile
                problem, description = read_output_profile(found[0])
            if problem:
                merged.add(key, problem)
            else:
                profile = found[0]
    inks: dict[str, tuple[float, float, float, float]] = {}
    given_by: dict[str, str] = {}
    for cname, value in raw.colours.items():
        if not hasattr(value, "cmyk"):  # plain "#rrggbb": no inks of its own
            continue
        rgb = value.rgb.upper()
        four = tuple(float(x.strip().rstrip("%").strip()) / 100 for x in value.cmyk)
        if rgb in inks and inks[rgb] != four:
            merged.add(("colours", cname, "cmyk"), f"colour '{given_by[rgb]}' has the same rgb ({value.rgb}) with "
                                                   "other inks; the print edition could not tell them apart")
            continue
        inks[rgb], given_by[rgb] = four, cname  # type: ignore[assignment]
        if profile != Path():
            from exporter.colour import ProfileError, load_profile  # littleCMS: only for a layout's own inks
            try:
                limit = load_profile(profile).ink_limit
            except ProfileError as exc:
                merged.add(key, str(exc))
                profile = Path()
                continue
            total = sum(four) * 100
            if total > limit + 1e-9:
                merged.add(("colours", cname, "cmyk"), f"{total:g} % of ink is over the limit of the output "
                                                       f"profile '{profile.name}' ({limit:g} %)")
    bundled = profile == pc.PROFILES / pc.DEFAULT_PROFILE
    if p.output_condition:
        condition, text, registry = p.output_condition, description, pc.ICC_REGISTRY
    elif bundled:
        condition, text, registry = pc.DEFAULT_CONDITION, pc.DEFAULT_CONDITION_TEXT, pc.ICC_REGISTRY
    else:
        condition, text, registry = description, description, ""
    return PrintSettings(p.standard, profile, condition, text, registry, p.trapped == "true", inks)


def _font(key: str, f: Any, folders: list[Path], merged: MergedDoc) -> FontFamily:
    def locate(face: str, file: str | None) -> Path:
        if file is None:
            return locate("regular", f.regular) if face != "regular" else Path()
        path = ("fonts", key, face)
        if Path(file).name != file:
            merged.add(path, f"'{file}' must be a file name, found in the layout's fonts/ folder")
            return Path()
        for folder in [*(d / "fonts" for d in folders), BUNDLED_FONTS]:
            candidate = folder / file
            if candidate.is_file():
                with candidate.open("rb") as fh:  # four bytes, not a 5 MB CJK file
                    head = fh.read(4)
                if head == b"OTTO":
                    merged.add(path, f"'{file}' has CFF (PostScript) outlines; use a TrueType (.ttf) font")
                elif head not in (b"\x00\x01\x00\x00", b"true"):
                    merged.add(path, f"'{file}' is not a TrueType font")
                return candidate
        merged.add(path, f"font file '{file}' not found in the layout's fonts/ folder or Octavo's fonts")
        return Path()

    return FontFamily(key, f.family, locate("regular", f.regular), locate("italic", f.italic),
                      locate("bold", f.bold), locate("bold_italic", f.bold_italic), tuple(f.fallback),
                      tuple(sorted(f.languages.items())))


_STYLE_DEFAULTS = dict(font="serif", size="10pt", leading="13pt", colour="text", align="left",
                       space_before="0pt", space_after="0pt", first_indent="0pt", left_indent="0pt",
                       bold="false", italic="false", caps="false", keep_with_next="false", hyphenate="false")


def _styles(raw: Any, fonts: dict[str, FontFamily], colours: dict[str, str],
            merged: MergedDoc) -> dict[str, ParaStyle]:
    resolved: dict[str, dict[str, str]] = {}

    def resolve(name: str, seen: tuple[str, ...]) -> dict[str, str]:
        if name in resolved:
            return resolved[name]
        style = raw.styles[name]
        parent = style.parent or ("body" if name != "body" else None)
        if parent and parent not in raw.styles:
            merged.add(("styles", name, "parent"), f"no style '{parent}'{did_you_mean(parent, raw.styles)}")
            parent = None
        if parent in seen:
            merged.add(("styles", name, "parent"), f"styles inherit in a circle: {' -> '.join((*seen, parent))}")
            parent = None
        base = resolve(parent, (*seen, name)) if parent else dict(_STYLE_DEFAULTS)
        mine = {k: v for k, v in style.model_dump().items() if v is not None and k != "parent"}
        resolved[name] = {**base, **mine}
        return resolved[name]

    out: dict[str, ParaStyle] = {}
    missing = [s for s in REQUIRED_STYLES if s not in raw.styles]
    if missing:
        merged.add(("styles",), f"missing styles: {', '.join(missing)}")
    for name in raw.styles:
        v = resolve(name, ())
        if v["font"] not in fonts:
            merged.add(("styles", name, "font"), f"no font '{v['font']}'{did_you_mean(v['font'], fonts)} under 'fonts'")
        colour = colours.get(v["colour"], v["colour"])
        if not colour.startswith("#") and v["colour"] not in colours:
            merged.add(("styles", name, "colour"), f"no colour '{v['colour']}' under 'colours'")
        out[name] = ParaStyle(name, v["font"], length(v["size"]), length(v["leading"]), colour, v["align"],
                              length(v["space_before"]), length(v["space_after"]), length(v["first_indent"]),
                              length(v["left_indent"]), v["bold"] == "true", v["italic"] == "true",
                              v["caps"] == "true", v["keep_with_next"] == "true", v["hyphenate"] == "true")
    return out


def resolved_keys(name: str, project: Project) -> list[tuple[str, Any, str]]:
    """Every key of layout ``name`` after merging its ``extends`` chain,
    filling defaults and resolving style inheritance: (dotted key, value,
    where it came from), sorted.  ``where`` is ``file:line``, ``default``, or
    for a style key it does not set, ``from <parent style>``."""
    from exporter.source.yamlread import dotted

    layout = load_layout(name, project)  # reports every problem first
    _, merged = _chain(name, project)
    data = _check_shape(merged).model_dump(exclude={"extends", "styles"})
    origins = {dotted(k): f"{f}:{pos.line}" for k, (f, pos) in merged.origins.items()}
    out: list[tuple[str, Any, str]] = []

    def walk(value: Any, path: tuple) -> None:
        if isinstance(value, dict) and value:
            for k in sorted(value):
                walk(value[k], (*path, k))
            return
        key = dotted(path)
        where = origins.get(key) or next((origins[k] for k in sorted(origins, key=len, reverse=True)
                                           if key.startswith(k + ".")), "default")
        out.append((key, value, where))

    walk(data, ())
    for style, values in sorted(layout.styles.items()):
        parent = merged.data["styles"].get(style, {}).get("parent") or ("" if style == "body" else "body")
        for attr, value in sorted(vars(values).items()):
            if attr == "name":
                continue
            key = f"styles.{style}.{attr}"
            shown = f"{value:g}pt" if isinstance(value, float) else value
            out.append((key, shown, origins.get(key) or (f"from {parent}" if parent else "default")))
    return sorted(out)


def read_layout_head(folder: Path) -> tuple[str, str]:
    """What ``folder/layout.yaml`` extends and its own page size ('' where
    it sets none), read without validating the layout."""
    from exporter.source.yamlread import read_yaml

    doc = read_yaml(folder / "layout.yaml", str(folder / "layout.yaml"))
    data = doc.data if isinstance(doc.data, dict) else {}
    page = data.get("page") if isinstance(data.get("page"), dict) else {}
    return str(data.get("extends") or ""), str(page.get("size") or "")
