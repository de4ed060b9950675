"""The loaded event kept in the cache folder (exporter/source/__init__.py):
read back only while its source is unchanged, never in place of a problem."""

from __future__ import annotations

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
