"""``export all``: every output in one run, a manifest that matches the
files, a deterministic zip, skipping what is up to date, and nothing
written when any output fails."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from conftest import BUNDLED
from exporter.naming import slug
from test_brief import event_copy, more_recommendations

EVENT = BUNDLED.name


@pytest.fixture(scope="module")
def run_all(tmp_path_factory):
    """A project copy with ``export all --zip`` run once: (project, cli output)."""
    from click.testing import CliRunner
    from exporter.cli import main

    project = tmp_path_factory.mktemp("all")
    shutil.copytree(BUNDLED, project / "source" / EVENT)
    result = CliRunner().invoke(main, ["export", "all", str(project / "source" / EVENT), "--out",
                                       str(project / "build"), "--zip"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project, result.output


def manifest(project) -> dict:
    return json.loads((project / "build" / EVENT / "manifest.json").read_text())


def test_the_manifest_matches_the_files(run_all):
    project, _ = run_all
    data = manifest(project)
    assert [f["format"] for f in data["files"]] == ["pdf", "print", "docx", "brief"]
    for f in data["files"]:
        blob = (project / "build" / EVENT / f["name"]).read_bytes()
        assert f["bytes"] == len(blob) and f["sha256"] == hashlib.sha256(blob).hexdigest()
        assert f["pages"] == (len(PdfReader(io.BytesIO(blob)).pages) if f["name"].endswith(".pdf") else None)
        assert f["layout"] == "booklet" and f["inputs"] == data["inputs"]
    assert data["octavo"] and "time" not in json.dumps(data).lower()


def test_the_zip_holds_exactly_the_listed_files_and_the_manifest(run_all):
    project, _ = run_all
    names = [f["name"] for f in manifest(project)["files"]] + ["manifest.json"]
    with zipfile.ZipFile(project / "build" / f"{EVENT}-2019-04.zip") as zf:
        assert zf.namelist() == [f"{EVENT}/{n}" for n in names]
        for n in names:
            assert zf.read(f"{EVENT}/{n}") == (project / "build" / EVENT / n).read_bytes()
        assert {i.date_time for i in zf.infolist()} == {(2019, 4, 1, 0, 0, 0)}


def test_a_second_run_rebuilds_nothing_and_changes_no_byte(cli, run_all):
    project, _ = run_all
    folder = project / "build" / EVENT
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    result = cli("export", "all", "--zip", cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output.count("(unchanged, skipped; --force rebuilds it)") == 4
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    assert {k: v for k, v in after.items() if k != "manifest.json"} == \
        {k: v for k, v in before.items() if k != "manifest.json"}
    assert after["manifest.json"][0] == before["manifest.json"][0]


def test_force_rebuilds_byte_identical_files(cli, run_all):
    project, _ = run_all
    folder = project / "build" / EVENT
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    zip_before = (project / "build" / f"{EVENT}-2019-04.zip").read_bytes()
    result = cli("export", "all", "--force", "--zip", cwd=project)
    assert result.exit_code == 0 and "skipped" not in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert (project / "build" / f"{EVENT}-2019-04.zip").read_bytes() == zip_before


def test_a_damaged_output_is_rebuilt_and_a_source_edit_rebuilds_all(cli, run_all):
    project, _ = run_all
    docx = project / "build" / EVENT / f"{EVENT}-proceedings.docx"
    docx.write_bytes(b"damaged")
    result = cli("export", "all", cwd=project)
    assert result.output.count("skipped") == 3 and f"docx    build/{EVENT}/{docx.name}\n" in result.output
    people = project / "source" / EVENT / "people.yaml"
    people.write_text(people.read_text() + "\n# edited\n")
    result = cli("export", "all", cwd=project)
    assert "skipped" not in result.output


def test_a_failing_output_leaves_nothing_written_and_says_what_was_ready(cli, tmp_path):
    event_copy(tmp_path, more_recommendations(4))
    result = cli("export", "all", "--zip", cwd=tmp_path)
    assert result.exit_code == 2 and result.output.startswith("Error: the brief does not fit on 1 page")
    assert not [p for p in (tmp_path / "build").rglob("*") if p.is_file()] if (tmp_path / "build").exists() else True
    assert result.output.endswith(
        "; nothing was written.\n"  # the brief's own message, then what export all adds
        "export all writes its files together or not at all, so nothing was written; failed: brief; ready: "
        f"pdf ({EVENT}-proceedings.pdf), print ({EVENT}-proceedings-print.pdf), docx ({EVENT}-proceedings.docx).\n"
        "To write the ready ones now, with a manifest that records brief as failed:\n"
        "  octavo export all --zip --keep-going\n")


def test_keep_going_writes_the_others_and_the_manifest_records_the_failure(cli, tmp_path):
    project = event_copy(tmp_path, lambda data: None)
    assert cli("export", "all", cwd=project).exit_code == 0
    folder = project / "build" / EVENT
    brief = folder / f"{EVENT}-brief.pdf"
    assert brief.is_file()
    event_copy(tmp_path / "other", more_recommendations(4))  # a brief too long, put in the project
    shutil.copy(tmp_path / "other" / "source" / EVENT / "brief.yaml", project / "source" / EVENT / "brief.yaml")
    result = cli("export", "all", "--keep-going", "--zip", cwd=project)
    assert result.exit_code == 2
    assert "\nError: the brief does not fit on 1 page" in result.output
    assert result.output.endswith(f"not written: brief (the manifest records it as failed); the previous {brief.name} "
                                  "was removed (it was made from other inputs); the other outputs are complete\n")
    assert not brief.exists()
    data = manifest(project)
    assert [f["format"] for f in data["files"]] == ["pdf", "print", "docx"]
    assert [(f["name"], f["format"]) for f in data["failed"]] == [(brief.name, "brief")]
    assert data["failed"][0]["error"].startswith("the brief does not fit on 1 page")
    with zipfile.ZipFile(project / "build" / f"{EVENT}-2019-04.zip") as zf:
        assert zf.namelist() == [f"{EVENT}/{f['name']}" for f in data["files"]] + [f"{EVENT}/manifest.json"]
    # the set is whole again once the brief fits
    shutil.copy(BUNDLED / "brief.yaml", project / "source" / EVENT / "brief.yaml")
    again = cli("export", "all", cwd=project)
    assert again.exit_code == 0 and brief.is_file()
    assert manifest(project)["failed"] == []


def test_file_names_are_ascii_slugs(cli, tmp_path):
    odd = "Pakistan–Russia Conférence (Draft) 2019"
    shutil.copytree(BUNDLED, tmp_path / "source" / odd)
    result = cli("export", "brief", odd, cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "pakistan-russia-conference-draft-2019" /
            "pakistan-russia-conference-draft-2019-brief.pdf").is_file()
    assert slug("Конференция") .startswith("x-") and slug("Конференция") != slug("Встреча")


def test_force_and_zip_only_go_with_all(cli):
    result = cli("export", "pdf", "--zip")
    assert result.exit_code == 2 and "--force, --zip and --keep-going go with 'export all'" in result.output


def test_json_summary_is_all_that_goes_to_stdout(run_all):
    import subprocess
    import sys

    project, _ = run_all
    out = subprocess.run([sys.executable, "-m", "exporter", "export", "all", "--json"], cwd=project,
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == ""
    data = json.loads(out.stdout)
    assert [x["format"] for x in data["skipped"]] == ["pdf", "print", "docx", "brief"]
    assert data["manifest"].endswith("manifest.json")


def test_max_pages_rebuilds_only_the_brief_and_keeps_the_page_cache(cli, run_all):
    project, _ = run_all
    cache = project / "build" / ".octavo-cache" / EVENT / "pages-booklet.json"
    before = cache.read_bytes()
    result = cli("export", "all", "--max-pages", "2", cwd=project)
    assert result.exit_code == 0, result.output
    assert result.output.count("(unchanged, skipped; --force rebuilds it)") == 3
    assert f"brief   build/{EVENT}/{EVENT}-brief.pdf\n" in result.output
    assert cache.read_bytes() == before
    again = cli("export", "all", "--max-pages", "2", cwd=project)
    assert again.output.count("(unchanged, skipped; --force rebuilds it)") == 4


def test_a_skipped_output_repeats_what_it_said(cli, tmp_path):
    event_copy(tmp_path, more_recommendations(2))
    first = cli("export", "all", cwd=tmp_path)
    second = cli("export", "all", cwd=tmp_path)
    note = "brief: left out the pull quote to fit 1 page"
    assert note in first.output and note in second.output and "skipped" in second.output
