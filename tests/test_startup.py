"""Start-up: each command imports only what it uses, and what Octavo keeps
in its cache folder (parsed fonts and hyphenation patterns, compiled
templates, the default reference.docx) never changes an output's bytes.

How fast that is, is measured by ``make bench`` and the README's figures,
not here: these tests check what is loaded and what is written."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys

import pytest

from conftest import BUNDLED, ROOT

HEAVY = ("pydantic", "pydantic_core", "reportlab", "docx", "lxml", "pikepdf", "pypdf", "PIL", "jinja2", "pyphen",
         "markdown_it", "ruamel", "watchfiles", "rapidfuzz", "pycountry")


def modules_after(*args: str, cache=None) -> set[str]:
    """The top-level packages of HEAVY loaded by ``octavo ARGS`` run in a
    child process (with ``cache`` as its cache folder, if given)."""
    code = ("import sys\nfrom exporter.cli import main\n"
            f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)")
    env = dict(os.environ, **({"OCTAVO_CACHE_DIR": str(cache)} if cache is not None else {}))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env=env)
    return set(eval(out.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["export", "--help"], ["layouts", "--help"]])
def test_version_and_help_load_no_library(args):
    assert modules_after(*args) == set()


@pytest.mark.parametrize("args", [["validate"], ["show"]])
def test_validate_and_show_load_only_the_readers_and_only_once(args, tmp_path):
    """The first time, the YAML and Markdown readers; then, on the same
    source, nothing: the event is read back from the cache folder."""
    assert modules_after(*args, cache=tmp_path) == {"markdown_it", "ruamel"}
    assert modules_after(*args, cache=tmp_path) == set()


def test_a_pdf_export_does_not_load_the_word_or_validation_libraries(tmp_path):
    loaded = modules_after("export", "pdf", "--out", str(tmp_path))
    assert {"reportlab", "pyphen", "jinja2"} <= loaded
    # (ReportLab itself loads PIL; it writes the structure tree with the file: no second pass with pikepdf)
    assert not loaded & {"docx", "pydantic", "pypdf", "pikepdf", "lxml"}, loaded


@pytest.mark.parametrize("args", [["brief"], ["review", "--person", "dedov"]])
def test_the_brief_and_review_copies_are_tagged_without_pikepdf(tmp_path, args):
    loaded = modules_after("export", *args, "--out", str(tmp_path))
    assert list(tmp_path.rglob("*.pdf")) and "reportlab" in loaded
    assert not loaded & {"pikepdf", "lxml"}, loaded


def test_a_word_export_does_not_load_reportlab(tmp_path):
    loaded = modules_after("export", "docx", "--out", str(tmp_path))
    assert "docx" in loaded and not loaded & {"reportlab", "pyphen", "pydantic", "pikepdf"}, loaded


def digests(project, cache: str | None) -> dict[str, str]:
    """SHA-256 of each file ``export all`` writes, with OCTAVO_CACHE_DIR=cache."""
    env = dict(os.environ)
    if cache is None:
        env.pop("OCTAVO_CACHE_DIR", None)
    else:
        env["OCTAVO_CACHE_DIR"] = cache
    shutil.rmtree(project / "build", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "exporter", "export", "all"], cwd=project, env=env, check=True,
                   capture_output=True)
    folder = project / "build" / BUNDLED.name
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_the_cache_folder_never_changes_an_output(tmp_path):
    """Cache off, cold, warm: the same bytes in every file."""
    shutil.copytree(BUNDLED, tmp_path / "project" / "source" / BUNDLED.name)
    project, cache = tmp_path / "project", tmp_path / "cache"
    off = digests(project, "")
    assert not cache.exists()
    cold = digests(project, str(cache))
    kinds = sorted(p.name for p in cache.iterdir())
    assert {"fonts", "hyphenation", "reference-docx", "templates", "words"} <= set(kinds), kinds
    warm = digests(project, str(cache))
    assert off == cold == warm and len(off) == 5


def test_a_damaged_cache_entry_is_not_used(tmp_path):
    shutil.copytree(BUNDLED, tmp_path / "project" / "source" / BUNDLED.name)
    project, cache = tmp_path / "project", tmp_path / "cache"
    good = digests(project, str(cache))
    for entry in cache.rglob("*"):
        if entry.is_file() and entry.parent.name in ("fonts", "hyphenation", "reference-docx", "library-versions",
                                                      "words") \
                or entry.suffix == ".cache":  # a compiled template
            entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    assert digests(project, str(cache)) == good


def test_a_layout_read_back_from_the_cache_is_the_layout_and_follows_every_edit(tmp_path, monkeypatch):
    from exporter.layout import load_layout
    from exporter.project import Project

    shutil.copytree(ROOT / "tests" / "fixtures" / "layout-project" / "layouts" / "partner",
                    tmp_path / "layouts" / "partner")
    project = Project(tmp_path)
    monkeypatch.setenv("OCTAVO_CACHE_DIR", "")
    fresh = load_layout("partner", project)
    monkeypatch.setenv("OCTAVO_CACHE_DIR", str(tmp_path / "cache"))
    assert load_layout("partner", project) == fresh  # made, and kept
    assert len(list((tmp_path / "cache" / "layouts").iterdir())) == 1
    assert load_layout("partner", project) == fresh  # read back
    # an edit of the same size, in the same clock tick, is seen
    path = tmp_path / "layouts" / "partner" / "layout.yaml"
    path.write_text(path.read_text().replace("#0B6E4F", "#0B6E4E"))
    assert load_layout("partner", project).colours["accent"] == "#0B6E4E"
    for entry in (tmp_path / "cache" / "layouts").iterdir():
        entry.write_bytes(b"damaged")
    assert load_layout("partner", project).colours["accent"] == "#0B6E4E"


def test_the_code_digest_read_back_from_the_cache_follows_every_edit(tmp_path, monkeypatch):
    """The digest of Octavo's code is kept in the cache folder, keyed by
    its files' names, sizes, times and inodes: an edit, even one that keeps
    a file's size, gives the digest of the files as they are."""
    import os

    import exporter
    from exporter import inputs

    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("x = 1\n")
    (package / "sub" / "layout.yaml").write_text("a: b\n")
    (package / "notes.txt").write_text("not code\n")
    monkeypatch.setattr(exporter, "__file__", str(package / "__init__.py"))

    def digest() -> str:
        inputs.code_digest.cache_clear()
        return inputs.code_digest()

    def truth() -> str:
        return inputs.files_digest([package / "__init__.py", package / "sub" / "layout.yaml"], package) \
            + exporter.__version__

    try:
        assert digest() == truth() and digest() == truth()  # made, then read back
        before = digest()
        (package / "sub" / "layout.yaml").write_text("a: c\n")  # the same size
        st = (package / "sub" / "layout.yaml").stat()
        os.utime(package / "sub" / "layout.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 1000))
        assert digest() == truth() != before
        (package / "notes.txt").write_text("still not code, longer\n")  # not code: the same digest
        assert digest() == truth()
    finally:
        inputs.code_digest.cache_clear()
