"""The fast YAML path (libyaml through ruamel.yaml.clib) reads every file
exactly as ruamel's pure parser does: same data, same positions of every
value and key, same problems."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import BUNDLED, ROOT
from exporter.source import yamlread
from exporter.source.yamlread import compose, nesting_bound, read_yaml

FILES = sorted(p for d in ("source", "tests/fixtures", "exporter/layouts", "exporter/scaffold")
               for p in (ROOT / d).rglob("*.yaml"))


def both(path: Path, monkeypatch) -> tuple:
    """``read_yaml`` of ``path`` through the C parser and the pure parser."""
    fast = read_yaml(path, "f.yaml")
    with monkeypatch.context() as m:
        m.setattr(yamlread, "compose", functools.partial(compose, fast=False))
        pure = read_yaml(path, "f.yaml")
    return fast, pure


def spans(doc) -> dict:
    """Positions of values that have text.  An empty value (``key:`` with
    nothing after it) is placed by libyaml just after its indicator, on the
    key's line, and by the pure parser wherever the next token starts."""
    return {path: pos for path, pos in doc.values.items() if pos.start != pos.end}


def same(fast, pure) -> None:
    assert fast.data == pure.data
    assert spans(fast) == spans(pure)
    assert fast.values.keys() == pure.values.keys()
    assert fast.keys == pure.keys
    assert fast.problems == pure.problems


def test_the_c_parser_is_installed_and_used(monkeypatch):
    """A silent fall back to the pure parser would cost editors seconds per build."""
    assert yamlread.HAVE_C
    used = []
    real = YAML.compose

    def spy(self, text):
        used.append(self.typ)
        return real(self, text)

    monkeypatch.setattr(YAML, "compose", spy)
    compose("a: 1\n")
    assert used == [["safe"]]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_project_reads_the_same(path, monkeypatch):
    same(*both(path, monkeypatch))


def test_text_libyaml_refuses_gets_the_pure_parsers_message(tmp_path, monkeypatch):
    path = tmp_path / "bad.yaml"
    path.write_text("title: x\n  bad: [\n", encoding="utf-8")
    fast, pure = both(path, monkeypatch)
    same(fast, pure)
    assert fast.problems and "YAML syntax error" in fast.problems[0].message


NULLS = {"a: &x !!str\n": "", "a: &x !!str null\n": "null", "a: &x !!null x\n": None, "a: !!str &x\n": "",
         "a: &x\n": None, "a: !\n": "", "a: ! null\n": "null", "a: !!null ''\n": None, "a: NULL\n": None,
         "a: ~\n": None, "a:\n": None, "a: 'null'\n": "null", "a: >-\n  x\n  y\n": "x y"}


@pytest.mark.parametrize("text", sorted(NULLS))
def test_nulls_tags_anchors_and_folds_read_as_yaml_says_by_both_parsers(tmp_path, monkeypatch, text):
    """Null is ``~``, ``null`` or nothing, or tagged ``!!null``, wherever an
    anchor stands; after a bare ``!`` a value is text; a folded scalar joins
    its lines with a space (the round-trip parser used to leave a BEL there,
    reported as a forbidden character)."""
    path = tmp_path / "n.yaml"
    path.write_text(text, encoding="utf-8")
    fast, pure = both(path, monkeypatch)
    assert fast.data == pure.data == {"a": NULLS[text]}
    assert not fast.problems and not pure.problems


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\u2029"])
def test_line_separators_are_read_as_yaml_1_2_reads_them(tmp_path, monkeypatch, sep):
    path = tmp_path / "sep.yaml"
    path.write_text(f"a: one{sep}two\nb: |\n  x{sep}y\n", encoding="utf-8")
    same(*both(path, monkeypatch))


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffe\uffff")
               | st.sampled_from(list(" \n\t:#-'\"|>&*!%@`{}[],?")), max_size=40)
VALUE = st.recursive(TEXT | st.none(), lambda kids: st.lists(kids, max_size=3)
                     | st.dictionaries(TEXT.filter(bool), kids, max_size=3), max_leaves=8)


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(TEXT.filter(bool), VALUE, min_size=1, max_size=4),
       style=st.sampled_from([None, "|", '"', "'"]))
def test_any_dumped_structure_reads_the_same(tmp_path_factory, data, style):
    yaml = YAML()
    yaml.default_style = style
    yaml.width = 60
    path = tmp_path_factory.mktemp("y") / "d.yaml"
    with open(path, "w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    with pytest.MonkeyPatch.context() as monkeypatch:
        same(*both(path, monkeypatch))
    assert nesting_bound(path.read_text(encoding="utf-8")) >= depth(data)


def depth(value) -> int:
    """How deep ``value`` nests (a scalar is 0)."""
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


DEEP = {
    "flow-sequences": "a: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n",
    "flow-mappings": "a: " + "{b: " * 200_000 + "1" + "}" * 200_000 + "\n",
    "compact-block-sequences": "a:\n  " + "- " * 1_000_000 + "x\n",
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_nesting_too_deep_for_any_parser_is_a_message_not_a_crash(tmp_path, case):
    """libyaml's composer recursed in C and crashed the process (exit -11,
    no message) on some 30,000 levels; such text now goes to the pure
    parser, whose RecursionError is reported.  ``octavo validate`` runs in
    a child process, so that a crash fails this test, not the suite."""
    event = tmp_path / "source" / BUNDLED.name
    shutil.copytree(BUNDLED, event)
    (event / "people.yaml").write_text(DEEP[case], encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "exporter", "validate", str(event)], capture_output=True,
                          text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stderr[-500:]
    assert "people.yaml:1:1: nesting deeper than the YAML reader can follow" in done.stderr
    assert "Traceback" not in done.stderr


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from(list("ab: -#'\"|>\n\t[]{},&*!?é")), max_size=60))
def test_any_text_reads_the_same_or_fails_the_same(tmp_path_factory, text):
    """Where the pure parser refuses a text, libyaml may accept it (it lets a
    tab stand for a space in places); every other text reads the same, but
    for two corners where the YAML 1.1 and 1.2 grammars part: an anchor
    name holding more than letters, digits, '-' and '_' (1.2 allows ':',
    '?' …) and a block scalar's first line at column 0 of a document that
    is only that scalar."""
    assume(not re.search(r"[&*][\w-]*[^\w\s,\[\]{}-]", text))
    assume(not re.match(r"\s*(?:[!&]\S*\s+)*[|>]", text))
    path = tmp_path_factory.mktemp("y") / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, pure = both(path, monkeypatch)
    if not pure.problems or fast.problems:
        same(fast, pure)


def test_escaped_surrogate_pairs_read_as_their_character(tmp_path, monkeypatch):
    """JSON is YAML 1.2, and a JSON writer escapes 👩‍💻 as the UTF-16 pairs
    ``\\ud83d\\udc69``: a pair in a double-quoted scalar is its one character
    (each half was refused as a lone surrogate, with pydantic's own message
    besides); a half alone is still one problem, with its location."""
    path = tmp_path / "e.yaml"
    path.write_text('title: "Coder \\ud83d\\udc69\\u200d\\ud83d\\udcbb \\U0001F1F5\\U0001F1F0"\n'
                    "plain: '\\ud83d\\udc69'\n")
    for doc in both(path, monkeypatch):
        assert doc.data == {"title": "Coder 👩\u200d💻 🇵🇰", "plain": "\\ud83d\\udc69"} and not doc.problems
    path.write_text('title: "half \\ud83d alone"\n')
    for doc in both(path, monkeypatch):
        assert [p.message for p in doc.problems] == [
            "character U+D83D is not allowed in text; remove the escape sequence that produces it"]
