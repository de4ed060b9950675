"""The loaded event kept in the cache folder (exporter/source/__init__.py):
read back only while its source is unchanged, never in place of a problem."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from PIL import Image

from conftest import BUNDLED
from exporter.errors import ValidationError
from exporter.project import Project
from exporter.source import load_event, loader

EVENT = BUNDLED.name


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a copy of the bundled event and a cache folder of its own."""
    shutil.copytree(BUNDLED, tmp_path / "source" / EVENT)
    monkeypatch.setenv("OCTAVO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def reads(monkeypatch):
    """The number of times the loader really read the source."""
    count = [0]
    real = loader.load_event

    def counted(*args, **kwargs):
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_event", counted)
    return count


def load(project):
    return load_event(project / "source" / EVENT, Project(project))


def test_an_unchanged_source_is_read_once(project, reads):
    first = load(project)
    second = load(project)
    assert reads[0] == 1
    assert second == first and second is not first
    assert second == loader.load_event(project / "source" / EVENT, Project(project))


def test_an_edit_is_seen_and_only_one_entry_per_event_is_kept(project, reads):
    session = sorted((project / "source" / EVENT / "sessions").glob("*.yaml"))[0]
    before = load(project)
    for n in range(3):
        session.write_text(session.read_text().replace("Pakistan", f"Pakistan{n}", 1))
        after = load(project)
        assert "Pakistan" + str(n) in repr(after) and after != before
        before = after
    assert reads[0] == 4
    assert len(list((project / "cache" / "events").iterdir())) == 1


def test_a_problem_after_a_valid_load_is_reported(project):
    load(project)
    people = project / "source" / EVENT / "people.yaml"
    people.write_text(people.read_text() + "\nbogus_key: 1\n")
    with pytest.raises(ValidationError) as err:
        load(project)
    assert "bogus_key" in str(err.value.format_message())
    with pytest.raises(ValidationError):
        load(project)  # and again: a problem is never stored


def test_a_damaged_entry_is_read_again(project, reads):
    first = load(project)
    (entry,) = (project / "cache" / "events").iterdir()
    entry.write_bytes(entry.read_bytes()[:200])
    assert load(project) == first and reads[0] == 2


def test_no_cache_folder_and_reuse_false_read_every_time(project, reads, monkeypatch):
    load(project)
    load_event(project / "source" / EVENT, Project(project), reuse=False)
    assert reads[0] == 2
    monkeypatch.setenv("OCTAVO_CACHE_DIR", "")
    load(project)
    load(project)
    assert reads[0] == 4


def test_a_limit_set_in_the_environment_makes_a_new_key(project, reads, monkeypatch):
    """The loader reads its limits from the environment when it starts; a
    command run with another limit must check the source with it."""
    load(project)
    monkeypatch.setenv("OCTAVO_MAX_NODES", "10")
    load(project)
    assert reads[0] == 2


def test_a_logo_reached_through_a_link_is_checked_again(project, reads):
    """The logo may sit outside the event's folder (a linked folder): its
    file is checked by size and time, so a broken logo is reported."""
    shared = project / "source" / "shared-assets"
    shared.mkdir()
    Image.new("RGB", (40, 12), (122, 36, 48)).save(shared / "logo.png")
    folder = project / "source" / EVENT
    (folder / "assets").symlink_to(shared, target_is_directory=True)
    event = folder / "event.yaml"
    text = event.read_text()
    event.write_text(text.replace("\norganiser:\n", "\norganiser:\n  logo: assets/logo.png\n  logo_alt: \"SVI\"\n", 1))
    assert load(project).organiser.logo
    load(project)
    (shared / "logo.png").write_bytes(b"not an image")
    with pytest.raises(ValidationError) as err:
        load(project)
    assert "organiser.logo: 'assets/logo.png' is not a readable PNG or JPEG image" in err.value.format_message()


# -- what each file's reading made (exporter/source/pieces.py) ---------------

@pytest.fixture
def parses(monkeypatch):
    """How many YAML files and pieces of prose were really parsed."""
    from exporter.source import markdown, yamlread

    count = {"yaml": 0, "md": 0}
    real_yaml, real_md = yamlread._read_yaml, markdown._parse_blocks

    def yaml(*args):
        count["yaml"] += 1
        return real_yaml(*args)

    def md(*args):
        count["md"] += 1
        return real_md(*args)

    monkeypatch.setattr(yamlread, "_read_yaml", yaml)
    monkeypatch.setattr(markdown, "_parse_blocks", md)
    return count


def test_after_an_edit_only_the_edited_file_is_parsed_again(project, parses):
    folder = project / "source" / EVENT
    sessions = sorted((folder / "sessions").glob("*.yaml"))
    first = load(project)
    files, prose = parses["yaml"], parses["md"]
    assert files == 2 + len(sessions) + (folder / "brief.yaml").is_file() and prose > 50
    people = folder / "people.yaml"
    people.write_text(people.read_text() + "\n# checked\n")
    second = load(project)
    assert parses["yaml"] == files + 1 and parses["md"] == prose  # people.yaml alone; its prose unchanged
    assert second == dataclasses.replace(first, source_digest=second.source_digest)
    text = sessions[0].read_text()
    sessions[0].write_text(text.replace("Pakistan", "Pakistán", 1))
    third = load(project)
    assert parses["yaml"] == files + 2 and prose < parses["md"] < prose + 5  # one file, the changed prose
    assert third == load_event(project / "source" / EVENT, Project(project), reuse=False)


def test_problems_are_reported_again_from_the_kept_answers(project, parses):
    """A file with a syntax error and prose with a heading: parsed once,
    reported the same every time, with the exact messages."""
    folder = project / "source" / EVENT
    session = sorted((folder / "sessions").glob("*.yaml"))[0]
    text = session.read_text()
    assert "  text: |\n" in text
    session.write_text(text.replace("  text: |\n", "  text: |\n      # A heading in prose\n\n", 1))
    people = folder / "people.yaml"
    people.write_text(people.read_text() + "\nbroken: [unclosed\n")
    messages = []
    for _ in range(3):
        with pytest.raises(ValidationError) as err:
            load(project)
        messages.append(err.value.format_message())
    with pytest.raises(ValidationError) as err:
        load_event(folder, Project(project), reuse=False)
    assert messages[0] == messages[1] == messages[2] == err.value.format_message()
    assert "YAML syntax error" in messages[0] and "a heading" in messages[0]
    made = parses["yaml"], parses["md"]
    with pytest.raises(ValidationError):
        load(project)
    assert (parses["yaml"], parses["md"]) == made  # nothing parsed again


def test_a_damaged_pieces_entry_is_parsed_again(project, parses):
    first = load(project)
    (project / "cache" / "events").rename(project / "cache" / "events-gone")  # the whole model: not kept
    for entry in (project / "cache" / "pieces").iterdir():
        entry.write_bytes(entry.read_bytes()[:100])
    files = parses["yaml"]
    assert load(project) == first and parses["yaml"] == 2 * files
