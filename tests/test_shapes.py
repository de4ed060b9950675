"""The compiled schema (``exporter.shapes``) agrees with pydantic: it accepts
exactly the data pydantic accepts and builds the same values, so checking
without pydantic changes nothing but the time it takes."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from conftest import BUNDLED, FIXTURES, ROOT
from exporter import shapes
from exporter.layout import schema as ls
from exporter.layout.loader import _chain
from exporter.project import Project
from exporter.source import schema as s
from exporter.source.yamlread import read_yaml

MODELS = {"event.yaml": s.EventFile, "people.yaml": s.PeopleFile, "brief.yaml": s.BriefFile}


def test_the_compiled_shapes_are_current():
    """After changing a schema, run ``python -m exporter.shapes > exporter/_shapes.py``
    (until then, data with the new keys is checked the slow way, by pydantic)."""
    assert shapes.source() == (ROOT / "exporter" / "_shapes.py").read_text(encoding="utf-8"), \
        "the schemas changed: run python -m exporter.shapes > exporter/_shapes.py"


def pydantic_verdict(cls, data):
    try:
        return cls.model_validate(data).model_dump()
    except PydanticError:
        return None


def compiled_verdict(cls, data):
    record = shapes.conform(cls.__name__, data)
    return None if record is None else record.model_dump()


def source_documents() -> list[tuple[str, type, object]]:
    folders = [BUNDLED, ROOT / "exporter" / "scaffold" / "event", *sorted((FIXTURES / "sources").iterdir()),
               *sorted((FIXTURES / "check-project" / "source").iterdir())]
    out = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yaml")):
            cls = s.SessionFile if path.parent.name == "sessions" else MODELS.get(path.name)
            doc = read_yaml(path, path.name)
            if cls is not None and isinstance(doc.data, dict):
                out.append((str(path.relative_to(ROOT)), cls, doc.data))
    return out


def layout_documents() -> list[tuple[str, object]]:
    out = []
    for project in (ROOT, FIXTURES / "layout-project", FIXTURES / "check-project"):
        for folder in sorted((project / "layouts").iterdir()) if (project / "layouts").is_dir() else ():
            try:
                _, merged = _chain(folder.name, Project(project))
            except Exception:  # noqa: BLE001 - a chain that does not resolve has no merged data to compare
                continue
            out.append((str(folder.relative_to(ROOT)), merged.data))
    out += [(f"built-in {n}", _chain(n, Project(ROOT))[1].data) for n in ("booklet", "report")]
    return out


SOURCES = source_documents()
LAYOUTS = layout_documents()


def test_the_fixtures_cover_accepted_and_refused_files():
    verdicts = [pydantic_verdict(cls, data) is None for _, cls, data in SOURCES]
    assert len(SOURCES) > 60 and 0 < sum(verdicts) < len(verdicts)
    assert any(pydantic_verdict(ls.LayoutFile, data) is None for _, data in LAYOUTS)


@pytest.mark.parametrize("name, cls, data", SOURCES, ids=[n for n, _, _ in SOURCES])
def test_every_source_file_gets_the_same_verdict_and_values(name, cls, data):
    assert compiled_verdict(cls, data) == pydantic_verdict(cls, data)


@pytest.mark.parametrize("name, data", LAYOUTS, ids=[n for n, _ in LAYOUTS])
def test_every_layout_gets_the_same_verdict_and_values(name, data):
    assert compiled_verdict(ls.LayoutFile, data) == pydantic_verdict(ls.LayoutFile, data)


def test_records_read_like_the_models_and_cannot_be_changed():
    data = read_yaml(BUNDLED / "event.yaml", "event.yaml").data
    record, model = shapes.conform("EventFile", data), s.EventFile.model_validate(data)
    assert record.organiser.name == model.organiser.name and record.credits.edited_by == ["S. Sadia Kazmi"]
    assert record.review.deadline == "2019-05" and record.media.outlets[0].name == model.media.outlets[0].name
    with pytest.raises(AttributeError):
        record.title = "changed"
    assert shapes.fields("EventFile") == tuple(s.EventFile.model_fields)


# -- generated data: the two must agree on anything ----------------------------

TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "x", "x\n", "\nx", "a b", "2019-04", "2019-02-30", "1979", "2019-04\n", "٢٠١٩",
                     "qa", "talk", "narrative", "en-GB", "e", "18mm", " 18 mm ", "18", "#7A2430", "accent",
                     "true", "false", "True", "1", "2", "12\n", "A4", "a-b", "A-b", "-a", "x" * 81,
                     "https://x.org", "a\u2028b", "\u0085", "\u00a0x", "x\u3000"]))
SCALAR = st.one_of(st.none(), TEXT)


def mutations(data, draw) -> object:
    """``data`` with one value replaced, one key removed, or one key added,
    somewhere inside it."""
    paths: list[tuple] = []

    def walk(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, (*path, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*path, i))

    walk(data, ())
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(paths))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "remove", "add", "wrap"]))
    target = parent[path[-1]] if path else data
    if action == "replace" and path:
        parent[path[-1]] = draw(st.one_of(SCALAR, st.lists(SCALAR, max_size=2),
                                          st.dictionaries(TEXT, SCALAR, max_size=2)))
    elif action == "remove" and isinstance(target, (dict, list)) and target:
        key = draw(st.sampled_from(list(target.keys()) if isinstance(target, dict) else range(len(target))))
        del target[key]
    elif action == "add" and isinstance(target, dict):
        target[draw(TEXT)] = draw(SCALAR)
    elif action == "add" and isinstance(target, list) and target:
        target.append(copy.deepcopy(draw(st.sampled_from(target))))
    elif action == "wrap" and path:
        parent[path[-1]] = [target]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutated_sources_get_the_same_verdict(data):
    name, cls, doc = data.draw(st.sampled_from(SOURCES))
    mutated = mutations(doc, data.draw)
    assert compiled_verdict(cls, mutated) == pydantic_verdict(cls, mutated), name


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_mutated_layouts_get_the_same_verdict(data):
    name, doc = data.draw(st.sampled_from(LAYOUTS))
    mutated = mutations(doc, data.draw)
    assert compiled_verdict(ls.LayoutFile, mutated) == pydantic_verdict(ls.LayoutFile, mutated), name


TEXT_TYPES = {"Id": s.Id, "Line": s.Line, "Prose": s.Prose, "DateText": s.DateText, "Url": s.Url,
              "Length": ls.Length, "Colour": ls.Colour, "Name": ls.Name}


def text_verdicts(name: str, text: str) -> tuple[bool, bool]:
    """(compiled, pydantic): whether each accepts ``text`` as type ``name``."""
    t = TEXT_TYPES[name]
    try:
        TypeAdapter(t, config={"strict": True}).validate_python(text)
        expected = True
    except PydanticError:
        expected = False
    try:
        shapes._value(shapes._shape(t, []), text)
        got = True
    except shapes._Misfit:
        got = False
    return got, expected


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(TEXT_TYPES)), TEXT)
def test_every_constrained_text_type_accepts_the_same_text(name, text):
    """Patterns run on Python's ``re`` as pydantic's Rust engine runs them
    (``$`` is the end of the text, ``\\s`` is Unicode's White_Space)."""
    got, expected = text_verdicts(name, text)
    assert got == expected, (name, text)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(sorted(TEXT_TYPES)), st.text(alphabet=st.characters(), max_size=20))
def test_no_text_of_any_script_is_accepted_that_pydantic_refuses(name, text):
    """Any code point: never looser than pydantic (the two engines' Unicode
    tables may differ by version on the newest digits, which only makes
    the compiled check stricter)."""
    got, expected = text_verdicts(name, text)
    assert got <= expected, (name, text)
    assert got == expected or any(c.isdigit() for c in text), (name, text)


def test_the_loaders_do_not_import_pydantic_for_valid_input():
    import subprocess
    import sys

    code = ("import sys; from exporter.project import Project; from exporter.source import load_event; "
            "from exporter.layout import load_layout; p = Project.find(); load_event(p.event_dir(None), p); "
            "load_layout('report', p); print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pydantic', 'pydantic_core', 'reportlab', 'docx', 'PIL', 'jinja2')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n", out.stdout

