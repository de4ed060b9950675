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
    assert result.output == (f"Error: several events in {tmp_path / 'source'}; name one of: a-event, b-event "
                             "(octavo COMMAND EVENT; later commands remember it), or set OCTAVO_EVENT=EVENT\n")


def test_commands_remember_the_event_last_named_and_take_octavo_event(cli, tmp_path, monkeypatch):
    for name in ("b-event", "a-event"):
        shutil.copytree(SOURCES / "valid", tmp_path / "source" / name)
    (tmp_path / "source" / "b-event" / "event.yaml").write_text(
        (SOURCES / "valid" / "event.yaml").read_text(encoding="utf-8").replace("title: ", "title: B ", 1),
        encoding="utf-8")
    assert cli("validate", "b-event", cwd=tmp_path).stderr == ""
    # the README's partner recipe: name the event once, then the layout commands follow it
    shutil.copytree(FIXTURES / "layout-project" / "layouts" / "partner", tmp_path / "layouts" / "partner")
    result = cli("check", "--layout", "partner", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stderr == "event: b-event (the last one named; name another, or set OCTAVO_EVENT)\n"
    assert cli("show", cwd=tmp_path).stdout.startswith("B ")
    # a path outside source/ is not remembered; a name is, until another is named
    assert cli("validate", str(SOURCES / "valid"), cwd=tmp_path).exit_code == 0
    assert cli("show", cwd=tmp_path).stdout.startswith("B ")
    cli("validate", "a-event", cwd=tmp_path)
    assert not cli("show", cwd=tmp_path).stdout.startswith("B ")
    # OCTAVO_EVENT wins over the memory, says nothing, and must name an event
    monkeypatch.setenv("OCTAVO_EVENT", "b-event")
    result = cli("show", cwd=tmp_path)
    assert result.stdout.startswith("B ") and result.stderr == ""
    monkeypatch.setenv("OCTAVO_EVENT", "c-event")
    result = cli("show", cwd=tmp_path)
    assert result.exit_code == 2 and "OCTAVO_EVENT=c-event: no event 'c-event'" in result.output
    # an explicit EVENT wins over OCTAVO_EVENT
    assert cli("show", "b-event", cwd=tmp_path).stdout.startswith("B ")
    # a new event is named by making it
    monkeypatch.delenv("OCTAVO_EVENT")
    assert cli("new", "event", "c-event", cwd=tmp_path).exit_code == 0
    assert cli("show", cwd=tmp_path).stderr.startswith("event: c-event (the last one named")


def test_unknown_event_is_a_usage_error(cli):
    result = cli("validate", "no-such-event")
    assert result.exit_code == 2
    assert "no event 'no-such-event'" in result.output and "pakistan-russia-2019" in result.output


def test_show_prints_the_outline(cli):
    result = cli("show")
    assert result.exit_code == 0
    assert "3. Session III — Pakistan-Russia Defense and Strategic Cooperation  [defence]" in result.output
    assert "- qa          5 questions, 6 answers  [qa-defence]" in result.output


def test_counts_read_in_the_singular_for_one(cli, tmp_path):
    """'1 sessions, 1 recommendations, 1 items' read as a machine wrote them."""
    cli("new", "event", "one", cwd=tmp_path)
    brief = tmp_path / "source" / "one" / "brief.yaml"
    brief.write_text(brief.read_text().replace("  - text: The second key message.\n    ref: opening-qa\n", ""))
    shown = cli("show", "one", cwd=tmp_path).output
    assert "  2 people, 1 session\n" in shown
    assert "— 1 key message, 1 recommendation, 1 key figure, a pull quote" in shown, shown
    (tmp_path / "source" / "one" / "sessions" / "1-opening.yaml").write_text(
        "id: opening\nkind: inaugural\ntitle: Opening\nitems:\n  - id: note\n    kind: narrative\n    text: Said.\n")
    people = tmp_path / "source" / "one" / "people.yaml"
    people.write_text(people.read_text().split("  - id: speaker")[0])
    brief.unlink()
    assert cli("validate", "one", cwd=tmp_path).output == "one: valid — 1 person, 1 session, 1 item\n"
