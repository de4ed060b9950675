"""Starting points for editors: a new event's source, a new layout that
extends another, and the JSON Schemas that let editors' YAML tools complete
and check keys as they type."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from ruamel.yaml import YAML

from exporter.errors import OctavoError
from exporter.layout.loader import DEFAULT_LAYOUT, _find, resolved_keys
from exporter.naming import check_name
from exporter.output import atomic_folder, atomic_write
from exporter.project import Project

EVENT_SKELETON = Path(__file__).resolve().parent / "event"
#: The JSON Schemas written, by kind: the source schema's model of each file.
SCHEMAS = {"event": "EventFile", "people": "PeopleFile", "session": "SessionFile", "brief": "BriefFile"}

#: The keys an editor changes most, shown commented in a new layout.
COMMON_KEYS = ("description", "page.size", "page.margins.inner", "page.margins.outer", "page.margins.top",
               "page.margins.bottom", "page.bleed", "page.crop_marks", "colours.accent", "colours.accent.rgb",
               "colours.accent.cmyk", "colours.muted", "colours.tint", "list_numbers", "styles.body.size",
               "styles.body.leading", "styles.body.align", "styles.heading1.size", "styles.heading1.colour",
               "brief.size", "brief.max_size", "brief.min_size", "print.output_profile")


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for each source file kind into ``folder``."""
    from exporter.source import schema as s

    out = []
    for kind, name in SCHEMAS.items():
        model = getattr(s, name)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": f"Octavo {kind} file", **model.model_json_schema()}
        text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        out.append(atomic_write(folder / f"{kind}.schema.json", text.encode()))
    return out


def new_event(project: Project, name: str) -> Path:
    """``source/NAME/`` from the commented skeleton (which validates and
    exports as is), and the schemas its modelines point at."""
    check_name("event", name)
    folder = project.root / "source" / name
    if folder.exists():
        raise OctavoError(f"{project.display(folder)} already exists; choose another name")
    atomic_folder(folder, lambda tmp: shutil.copytree(EVENT_SKELETON, tmp, dirs_exist_ok=True))
    write_schemas(project.root / "schemas")
    return folder


def _is_flag(key: str) -> bool:
    """Whether the layout key ``key`` (dotted) is a true/false switch."""
    from exporter.shapes import _compiled

    models = _compiled()[0]
    shape: tuple = ("model", "LayoutFile")
    for part in key.split("."):
        while shape[0] == "opt":
            shape = shape[1]
        if shape[0] == "model":
            shape = next((s for k, s, _ in models[shape[1]] if k == part), ("none",))
        elif shape[0] == "dict":
            shape = shape[2]
        else:
            return False
    return shape == ("lit", ("true", "false"))


def new_layout(project: Project, name: str, base: str | None) -> Path:
    """``layouts/NAME/layout.yaml`` extending ``base``, with the keys most
    often changed as comments holding their current values."""
    check_name("layout", name)
    base = base or DEFAULT_LAYOUT
    _find(base, project)
    folder = project.root / "layouts" / name
    if folder.exists():
        raise OctavoError(f"{project.display(folder)} already exists; choose another name")
    values = {k: v for k, v, _ in resolved_keys(base, project)}
    common: dict = {}
    for key in COMMON_KEYS:
        if key in values:
            *parents, last = key.split(".")
            node = common
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = values[key] == "true" if _is_flag(key) else values[key]  # plain true/false, not 'false' 
    text = io.StringIO()
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096  # one line per key: uncommenting a line gives the whole value
    yaml.dump(common, text)
    lines = [f"# A variant of the '{base}' layout: it holds only what differs.",
             "# Uncomment a key (and the keys above it) and change its value; every other",
             f"# key comes from '{base}'. `octavo layouts show {name}` prints every key",
             "# and the file and line its value comes from.",
             f"extends: {base}",
             *(f"# {line}" for line in text.getvalue().splitlines())]
    text = ("\n".join(lines) + "\n").encode()
    atomic_folder(folder, lambda tmp: atomic_write(tmp / "layout.yaml", text, listed=False))
    return folder / "layout.yaml"
