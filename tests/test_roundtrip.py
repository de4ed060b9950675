"""Properties: any text an editor can type survives loading unchanged."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import FIXTURES
from exporter import model as m
from exporter.errors import ValidationError
from exporter.plaintext import inline_text
from exporter.project import Project
from exporter.source import load_event
from exporter.source.yamlread import FORBIDDEN

# Any character YAML and every output can carry, from every plane.
CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(
    lambda c: not FORBIDDEN.match(c) and c not in "\r\n\u0085\u2028\u2029\ufeff")
LINE = st.text(CHARS, min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.strip())
WORDS = st.lists(st.text(CHARS.filter(lambda c: not c.isspace()), min_size=1, max_size=12),
                 min_size=1, max_size=8)

_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def md_escape(words: list[str]) -> str:
    """Words as Markdown that reads back as exactly those words."""
    return " ".join(_MD_SPECIAL.sub(r"\\\1", w) for w in words)


def dump(data: object) -> str:
    out = io.StringIO()
    yaml = YAML()
    yaml.width = 10_000
    yaml.dump(data, out)
    return out.getvalue()


def write_event(folder: Path, name: str, honorific: str, role: str, session_title: str,
                prose: str, title: str) -> None:
    shutil.copytree(FIXTURES / "sources" / "valid", folder)
    people = {"people": [{"id": "cheema", "name": name, "honorific": honorific, "role": role},
                         {"id": "serenko", "name": "Irina Serenko"}]}
    (folder / "people.yaml").write_text(dump(people), encoding="utf-8")
    session = {"id": "opening", "kind": "inaugural", "title": session_title, "items": [
        {"id": "talk", "kind": "talk", "speakers": ["cheema"], "title": title, "text": prose}]}
    (folder / "sessions" / "1-opening.yaml").write_text(dump(session), encoding="utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=LINE, honorific=LINE, role=LINE, session_title=LINE, words=WORDS, title_words=WORDS)
def test_any_text_round_trips_through_the_model(tmp_path_factory, name, honorific, role,
                                                session_title, words, title_words):
    folder = tmp_path_factory.mktemp("ev") / "ev"
    write_event(folder, name, honorific, role, session_title, md_escape(words), md_escape(title_words))
    ev = load_event(folder, Project(folder.parent))
    person = ev.person("cheema")
    assert (person.name, person.honorific, person.role) == (name, honorific, role)
    session = ev.sessions[0]
    assert session.title == session_title
    talk = session.items[0]
    assert isinstance(talk, m.Contribution)
    assert inline_text(talk.title) == " ".join(title_words)
    assert [inline_text(b.inlines) for b in talk.body] == [" ".join(words)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=LINE, bad=st.sampled_from(["\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ufffe", "\uffff",
                                         "\u202e", "\u2066", "\ufeff"]))
def test_forbidden_characters_are_reported_with_their_code_point(tmp_path_factory, prefix, bad):
    folder = tmp_path_factory.mktemp("ev") / "ev"
    write_event(folder, prefix + bad, "Dr.", "x", "Title", "Text.", "A talk")
    try:
        load_event(folder, Project(folder.parent))
    except ValidationError as err:
        messages = [str(p) for p in err.problems]
        assert any(f"U+{ord(bad):04X}" in msg and "people[0].name" in msg for msg in messages), messages
    else:
        raise AssertionError("a forbidden character was accepted")
