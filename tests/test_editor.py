"""The editors' workflow: new events and layouts, resolved layouts,
schemas, checks before rendering, template overrides and watch."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
import time

import pytest

from conftest import FIXTURES, ROOT
from exporter.layout import load_layout
from exporter.project import Project

CHECK = FIXTURES / "check-project"


def test_a_new_event_validates_and_exports_as_it_is(cli, tmp_path):
    result = cli("new", "event", "conf-2026", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert cli("validate", "conf-2026", cwd=tmp_path).output == "conf-2026: valid — 2 people, 1 session, 2 items\n"
    result = cli("export", "all", "conf-2026", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "build" / "conf-2026").glob("*.pdf"))) == 3
    first = (tmp_path / "source" / "conf-2026" / "event.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/event.schema.json"
    assert (tmp_path / "schemas" / "event.schema.json").is_file()


def test_new_event_refuses_an_existing_folder_and_a_bad_name(cli, tmp_path):
    cli("new", "event", "conf", cwd=tmp_path)
    result = cli("new", "event", "conf", cwd=tmp_path)
    assert result.exit_code == 2 and "source/conf already exists; choose another name" in result.output
    result = cli("new", "event", "My Conf", cwd=tmp_path)
    assert result.exit_code == 2 and "use lower-case letters, digits and hyphens" in result.output


def test_a_name_too_long_for_a_file_name_is_refused(cli, tmp_path):
    """A 300-letter event or layout name crashed with 'File name too long'
    (exit 1, a traceback); it is refused, and nothing is written."""
    (tmp_path / "source").mkdir()
    for args in (("new", "event", "x" * 300), ("layouts", "new", "y" * 300),
                 ("import", "report.txt", "--event", "z" * 81)):
        (tmp_path / "report.txt").write_text("A Report\n\nDr. Ali Khan said that it went well.\n")
        result = cli(*args, cwd=tmp_path)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert "characters; use at most 80" in result.output
    assert list((tmp_path / "source").iterdir()) == [] and not (tmp_path / "layouts").exists()
    assert cli("new", "event", "e" * 80, cwd=tmp_path).exit_code == 0
    for command in (("validate",), ("show",), ("check",), ("verify",), ("export", "pdf")):
        result = cli(*command, "x" * 300, cwd=tmp_path)  # a name too long for a path: no such event
        assert result.exit_code == 2 and "no event 'xxxx" in result.output, result.output


def test_the_schemas_describe_every_source_file(cli, tmp_path):
    (tmp_path / "source").mkdir()
    result = cli("schema", cwd=tmp_path)
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert names == ["brief.schema.json", "event.schema.json", "people.schema.json", "session.schema.json"]
    event = json.loads((tmp_path / "schemas" / "event.schema.json").read_text())
    assert {"title", "date", "venue", "organiser"} <= set(event["required"])
    assert event["additionalProperties"] is False


def test_layouts_list_shows_the_project_first_with_base_and_size(cli):
    result = cli("layouts", "list", cwd=FIXTURES / "layout-project")
    lines = result.output.splitlines()
    assert lines[-2].split()[:2] == ["booklet", "A5"] and lines[-1].split()[:4] == ["report", "A4", "extends", "booklet"]
    partner = next(line for line in lines if line.startswith("partner "))
    assert "extends booklet" in partner and "layouts/partner" in partner


def test_layouts_show_says_where_each_value_comes_from(cli):
    lines = cli("layouts", "show", "report").output.splitlines()
    assert "colours.accent = #1F3A5F    # exporter/layouts/report/layout.yaml:24" in lines
    assert "colours.muted = #5A5A5A    # exporter/layouts/booklet/layout.yaml:48" in lines
    assert "styles.body_first.size = 11pt    # from body" in lines
    assert "page.bleed = 3mm    # exporter/layouts/booklet/layout.yaml:8" in lines


def test_a_new_layout_extends_its_base_and_every_commented_key_works(cli, tmp_path):
    (tmp_path / "source").mkdir()
    result = cli("layouts", "new", "partner", "--from", "report", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    path = tmp_path / "layouts" / "partner" / "layout.yaml"
    text = path.read_text()
    assert "\nextends: report\n" in text and "# colours:\n#   accent: '#1F3A5F'" in text
    assert "#   crop_marks: false\n" in text and "'false'" not in text and "'true'" not in text  # plain YAML booleans
    assert "# description: A4 report — Liberation Serif/Sans, navy accents, block paragraphs\n" in text
    after = text.split("extends: report\n")[1]
    path.write_text(text.split("extends: report\n")[0] + "extends: report\n"
                    + "\n".join(line[2:] for line in after.splitlines()) + "\n")
    uncommented = load_layout("partner", Project(tmp_path))
    report = load_layout("report", Project(tmp_path))
    assert uncommented.page == report.page and uncommented.styles == report.styles


@pytest.mark.parametrize("case", sorted(p.stem for p in (CHECK / "expected").glob("*.txt")))
def test_check_reports_every_problem_with_its_place(cli, case):
    event, layout = case.split("-", 1)
    result = cli("check", event, "--layout", layout, cwd=CHECK)
    assert result.exit_code == 2
    assert result.output == (CHECK / "expected" / f"{case}.txt").read_text()


def test_check_passes_on_the_bundled_event_in_both_layouts(cli):
    for layout in ("booklet", "report"):
        result = cli("check", "--layout", layout)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("no problems: source, layout, templates (")


def test_a_template_replaces_one_block_of_the_built_in_one(cli, tmp_path):
    result = cli("export", "pdf", str(FIXTURES / "sources" / "valid"), "--layout", "override",
                 "--out", str(tmp_path), cwd=CHECK)
    assert result.exit_code == 0, result.output
    pdf = next(tmp_path.rglob("*.pdf"))
    cover = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "A SMALL CONFERENCE" in cover and "Example Institute" in cover and "On Testing" in cover


def test_watch_rebuilds_after_a_save_and_keeps_the_last_good_file(tmp_path):
    from exporter.watch import watch

    shutil.copytree(FIXTURES / "sources" / "valid", tmp_path / "source" / "ev")
    project = Project(tmp_path)
    builds, stop = [], threading.Event()
    thread = threading.Thread(target=watch, args=(project, tmp_path / "source" / "ev", None, ["pdf"],
                                                   tmp_path / "build", builds.append, stop), daemon=True)
    thread.start()

    def wait_for(n: int) -> None:
        deadline = time.monotonic() + 20
        while len(builds) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(builds) >= n, builds

    try:
        wait_for(1)
        pdf = builds[0].outputs[0][1]
        good = pdf.read_bytes()
        event = tmp_path / "source" / "ev" / "event.yaml"
        saved = time.monotonic()
        event.write_text(event.read_text().replace("A Small Conference", "A Larger Conference"))
        wait_for(2)
        assert time.monotonic() - saved < 5
        assert builds[1].outputs and builds[1].changed == ("source/ev/event.yaml",)
        assert pdf.read_bytes() != good
        good = pdf.read_bytes()
        event.write_text(event.read_text().replace("title:", "titel:"))
        wait_for(3)
        assert builds[2].outputs == () and any("unknown key 'titel'" in p for p in builds[2].problems)
        assert pdf.read_bytes() == good
    finally:
        stop.set()
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_the_reference_in_docs_is_current():
    """docs/reference.md is generated from the schemas; regenerate it with
    `python -m exporter.docs > docs/reference.md` when this fails."""
    from exporter.docs import reference

    assert (ROOT / "docs" / "reference.md").read_text(encoding="utf-8") == reference()


def test_a_changed_font_family_must_bring_its_faces(tmp_path):
    """Faces left to the layout a layout extends belong to that layout's
    family: an error naming them, at check and at export alike (both load
    the layout); faces given with the family, or the same family restated,
    are fine, whatever file a face names."""
    from exporter.errors import ValidationError

    def layout(name: str, text: str):
        (tmp_path / "layouts" / name).mkdir(parents=True, exist_ok=True)
        (tmp_path / "layouts" / name / "layout.yaml").write_text(text)
        return lambda: load_layout(name, Project(tmp_path))

    liberation = ("  serif:\n    family: Liberation Serif\n    regular: LiberationSerif-Regular.ttf\n"
                  "    bold: LiberationSerif-Bold.ttf\n")
    with pytest.raises(ValidationError) as err:
        layout("two-faces", "extends: booklet\nfonts:\n" + liberation)()
    assert [str(p) for p in err.value.problems] == [
        "layouts/two-faces/layout.yaml:4:13: fonts.serif.family: 'Liberation Serif' is set here without italic, "
        "bold_italic, which would then be 'Noto Serif' (from layout 'booklet'); name the 'Liberation Serif' files "
        "for them (a face the family lacks may name its regular file)"]
    whole = layout("four-faces", "extends: booklet\nfonts:\n" + liberation +
                   "    italic: LiberationSerif-Italic.ttf\n    bold_italic: LiberationSerif-Regular.ttf\n")()
    assert whole.fonts["serif"].bold_italic.name == "LiberationSerif-Regular.ttf"
    # a layout extending that one may change a face without restating the family
    child = layout("child", "extends: four-faces\nfonts:\n  serif: {bold: LiberationSerif-Regular.ttf}\n")()
    assert child.fonts["serif"].italic.name == "LiberationSerif-Italic.ttf"
    same = layout("same", "extends: booklet\nfonts:\n  serif: {family: Noto Serif, regular: NotoSerif-Regular.ttf}\n")()
    assert same.fonts["serif"].italic.name == "NotoSerif-Italic.ttf"
    # octavo check reports it with the rest
    shutil.copytree(FIXTURES / "sources" / "valid", tmp_path / "source" / "ev")
    from exporter.check import check

    report = check(Project(tmp_path), tmp_path / "source" / "ev", "two-faces")
    assert report.problems[0].startswith("layouts/two-faces/layout.yaml:4:13: fonts.serif.family:")
