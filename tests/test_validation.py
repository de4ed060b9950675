"""Validation: every broken fixture gives exactly its expected message."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import FIXTURES, ROOT
from exporter import model as m
from exporter.errors import ValidationError
from exporter.project import Project
from exporter.source import load_event

SOURCES = FIXTURES / "sources"
BROKEN = sorted(p.name for p in SOURCES.iterdir() if (p / "expected.txt").is_file())


def test_there_is_a_fixture_per_kind_of_problem():
    assert len(BROKEN) >= 19


@pytest.mark.parametrize("name", BROKEN)
def test_broken_fixture_gives_its_exact_message(cli, name):
    folder = SOURCES / name
    result = cli("validate", str(folder.relative_to(ROOT)))
    assert result.exit_code == 2
    assert result.output == (folder / "expected.txt").read_text(encoding="utf-8")
    assert "Traceback" not in result.output


def test_valid_fixture_loads(cli):
    result = cli("validate", "tests/fixtures/sources/valid")
    assert result.exit_code == 0, result.output


def test_yaml_1_1_lookalikes_stay_text(tmp_path):
    folder = tmp_path / "ev"
    shutil.copytree(SOURCES / "valid", folder)
    event_yaml = folder / "event.yaml"
    text = event_yaml.read_text(encoding="utf-8")
    text = text.replace("venue: Marriott Hotel", "venue: 0755").replace("city: Islamabad", "city: 12:30")
    event_yaml.write_text(text.replace("subtitle: On Testing", "subtitle: 1.10"), encoding="utf-8")
    ev = load_event(folder, Project(tmp_path))
    assert (ev.country, ev.venue, ev.city, ev.subtitle) == ("NO", "0755", "12:30", "1.10")


def test_markup_like_text_stays_literal(tmp_path):
    ev = load_event(SOURCES / "valid", Project(ROOT))
    para = ev.sessions[0].items[0].body[0]
    assert isinstance(para, m.Paragraph)
    text = "".join(n.text for n in para.inlines if isinstance(n, m.Text))
    assert "AT&T, a<b and <script>x</script>." in text


def test_asset_symlinked_out_of_the_project_is_refused(tmp_path):
    project = tmp_path / "proj"
    folder = project / "source" / "ev"
    shutil.copytree(SOURCES / "valid", folder)
    (tmp_path / "secret.png").write_bytes(b"x")
    os.symlink(tmp_path / "secret.png", folder / "logo.png")
    event_yaml = folder / "event.yaml"
    event_yaml.write_text(event_yaml.read_text().replace("  url: https://example.org\n",
                                                         "  url: https://example.org\n  logo: logo.png\n  logo_alt: EI logo\n"))
    with pytest.raises(ValidationError) as err:
        load_event(folder, Project(project))
    assert str(err.value.problems[0]) == (
        "source/ev/event.yaml:11:9: organiser.logo: 'logo.png' leads outside the project (a symbolic link?)")


def test_alias_bomb_is_bounded(tmp_path):
    folder = tmp_path / "ev"
    shutil.copytree(SOURCES / "valid", folder)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]"
              for i in range(1, 9)]
    (folder / "people.yaml").write_text("\n".join(lines) + "\n")
    with pytest.raises(ValidationError) as err:
        load_event(folder, Project(tmp_path))
    assert "raise the limit with OCTAVO_MAX_NODES" in str(err.value.problems[0])


def test_deep_nesting_is_bounded(tmp_path):
    folder = tmp_path / "ev"
    shutil.copytree(SOURCES / "valid", folder)
    (folder / "people.yaml").write_text("people: " + "[" * 100 + "]" * 100 + "\n")
    with pytest.raises(ValidationError) as err:
        load_event(folder, Project(tmp_path))
    assert "raise the limit with OCTAVO_MAX_DEPTH" in str(err.value.problems[0])


def test_without_event_name_several_events_are_listed(cli, tmp_path):
    for name in ("b-event", "a-event"):
        shutil.copytree(SOURCES / "valid", tmp_path / "source" / name)
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output == f"Error: several events in {tmp_path / 'source'}; name one of: a-event, b-event\n"


def test_unknown_event_is_a_usage_error(cli):
    result = cli("validate", "no-such-event")
    assert result.exit_code == 2
    assert "no event 'no-such-event'" in result.output and "pakistan-russia-2019" in result.output


def test_show_prints_the_outline(cli):
    result = cli("show")
    assert result.exit_code == 0
    assert "3. Session III — Pakistan-Russia Defense and Strategic Cooperation  [defence]" in result.output
    assert "- qa          5 questions, 6 answers  [qa-defence]" in result.output
