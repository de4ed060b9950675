"""Line breaks chosen ahead in a second process (exporter/typeset/prebreak.py):
the same bytes as breaking them in the one process, a child that never
outlives the layout, and a parent that carries on whatever the child does."""

from __future__ import annotations

import os

import pytest

from conftest import FIXTURES, ROOT
from exporter.exporters.pdf import PdfExporter, PrintPdfExporter
from exporter.layout import load_layout
from exporter.project import Project
from exporter.source import load_event
from exporter.typeset import prebreak

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="prebreak forks")


def render(exporter_cls, event, layout, monkeypatch, *, ahead: bool) -> tuple[bytes, list]:
    """The exporter's bytes, and the sessions the layout ran with (the
    child answering every paragraph sent, waited for; or none at all)."""
    sessions: list = []
    made = prebreak.ahead

    def recording(flowables, width):
        manager = made(flowables, width)
        session = manager.__enter__()
        sessions.append((session, len(prebreak._paragraphs(flowables, width, []))))
        return _Exit(manager, session)

    monkeypatch.setattr(prebreak, "FORCE", ahead)
    monkeypatch.setenv("OCTAVO_JOBS", "2" if ahead else "1")
    monkeypatch.setattr(prebreak, "ahead", recording)
    try:
        data = exporter_cls(event, layout).render()
    finally:
        monkeypatch.setattr(prebreak, "ahead", made)
    return data, sessions


class _Exit:
    def __init__(self, manager, session) -> None:
        self.manager, self.session = manager, session

    def __enter__(self):
        return self.session

    def __exit__(self, *exc):
        return self.manager.__exit__(*exc)


@pytest.mark.parametrize("event_dir, exporter_cls, layout_name", [
    (ROOT / "source" / "pakistan-russia-2019", PdfExporter, None),
    (ROOT / "source" / "pakistan-russia-2019", PdfExporter, "report"),
    (ROOT / "source" / "pakistan-russia-2019", PrintPdfExporter, None),
    (FIXTURES / "sources" / "many-scripts", PdfExporter, None),
], ids=["booklet", "report-layout", "print", "many-scripts"])
def test_every_paragraph_from_the_child_gives_the_same_bytes(event_dir, exporter_cls, layout_name, monkeypatch):
    project = Project(event_dir.parent.parent)
    event = load_event(event_dir, project)
    layout = load_layout(layout_name, Project(ROOT)) if layout_name else load_layout(None, project)
    alone, none = render(exporter_cls, event, layout, monkeypatch, ahead=False)
    assert none == [(None, none[0][1])]  # OCTAVO_JOBS=1: no child
    together, sessions = render(exporter_cls, event, layout, monkeypatch, ahead=True)
    [(session, sent)] = sessions
    assert session is not None and sent > 20
    # every paragraph sent that Octavo's breaker sets was set from the
    # child's answer (one wrapped again at one width asks once: its lines
    # are kept); the rest (centred lines) ReportLab breaks
    assert session.taken + session.declined == session.asked, (session.taken, session.declined, session.asked)
    assert session.taken >= sent // 2, (session.taken, sent)
    assert together == alone


def test_the_child_is_gone_when_the_layout_ends_and_when_it_fails(bundled_event, monkeypatch):
    monkeypatch.setattr(prebreak, "FORCE", True)
    story = _story(bundled_event)
    with prebreak.ahead(story, 300.0) as session:
        pid = session.pid
        os.kill(pid, 0)  # running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(RuntimeError):
        with prebreak.ahead(story, 300.0) as session:
            pid = session.pid
            raise RuntimeError("the layout failed")
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert prebreak._active is None


def test_a_paragraph_not_sent_or_at_another_width_is_broken_here(bundled_event, monkeypatch):
    from copy import copy

    monkeypatch.setattr(prebreak, "FORCE", True)
    story = _story(bundled_event)
    first = prebreak._paragraphs(story, 300.0, [])[0][0]
    style = first.style
    width = [300.0 - style.leftIndent - style.firstLineIndent - style.rightIndent,
             300.0 - style.leftIndent - style.rightIndent]
    with prebreak.ahead(story, 300.0):
        assert prebreak.chosen(first, width) == first.prebroken(width)
        assert prebreak.chosen(first, [w - 10 for w in width]) is None  # another width
        assert prebreak.chosen(copy(first), width) is None  # a copy (a split paragraph's part) is not the one sent
    assert prebreak.chosen(first, width) is None  # after the layout: no child


def test_a_child_that_dies_leaves_the_parent_to_break_everything(bundled_event, monkeypatch):
    monkeypatch.setattr(prebreak, "FORCE", True)
    story = _story(bundled_event)
    paragraphs = [p for p, _ in prebreak._paragraphs(story, 300.0, [])]
    with prebreak.ahead(story, 300.0) as session:
        os.kill(session.pid, 9)
        os.waitpid(session.pid, 0)
        session.answers.clear()
        p = paragraphs[-1]
        style = p.style
        width = [300.0 - style.leftIndent - style.firstLineIndent - style.rightIndent,
                 300.0 - style.leftIndent - style.rightIndent]
        found = prebreak.chosen(p, width)
        assert found is None or found == p.prebroken(width)
    assert prebreak._active is None  # and closing a session whose child is gone raised nothing


def _story(event) -> list:
    """The bundled booklet's flowables, as the PDF exporter builds them."""
    from exporter.exporters.pdf.doc import BookletDoc
    from exporter.typeset.fonts import register
    from exporter.typeset.styles import paragraph_styles
    import io

    layout = load_layout(None, Project(ROOT))
    exporter = PdfExporter(event, layout)
    names = register(layout)
    styles = paragraph_styles(layout, names, event.language)
    edition = exporter.edition()
    story = exporter.story(styles, names, edition)
    doc = BookletDoc(io.BytesIO(), layout, exporter._furniture(names), edition)
    story.finish(doc)
    return story.flowables()


def test_a_paragraph_broken_again_here_ignores_the_answer_for_its_first_break(bundled_event, monkeypatch):
    """Once a paragraph has been broken here, its frags are that break's
    word list, which the child's answer (for the paragraph as sent) does
    not describe: breaking on every wrap (as ReportLab does) with every
    answer waited for gives the same file."""
    from exporter.typeset.paragraph import Paragraph

    layout = load_layout(None, Project(ROOT))
    alone, _ = render(PdfExporter, bundled_event, layout, monkeypatch, ahead=False)
    monkeypatch.setattr(Paragraph, "remember", False)
    together, [(session, _)] = render(PdfExporter, bundled_event, layout, monkeypatch, ahead=True)
    assert session.taken > 20 and together == alone


def test_no_second_process_while_another_thread_runs(monkeypatch):
    """A fork copies only the thread that makes it: with another thread
    running (one that might hold a lock), the paragraphs are broken here."""
    import threading

    monkeypatch.delenv("OCTAVO_JOBS", raising=False)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not prebreak._usable()
    finally:
        stop.set()
        other.join()


_COUNT_LEARNT = """
import sys
from exporter.typeset import prebreak
prebreak.FORCE = True
made = prebreak._Session.close
def close(self):
    made(self)
    learnt = self.learnt
    sys.stderr.write("LEARNT %s\\n" % (-1 if learnt is None else sum(len(items) for _, _, items in learnt)))
prebreak._Session.close = close
sys.argv = ["octavo", "export", "pdf", "--out", sys.argv[1]]
from exporter.program import run
run()
"""


def test_what_the_child_learns_about_words_is_kept_for_the_next_run(tmp_path):
    """The child shapes and hyphenates the words it breaks; it stores
    nothing itself, so it sends what it learnt, and the parent keeps it in
    the cache folder with its own: a second run's child has nothing to
    learn, and the file is the same."""
    import subprocess
    import sys

    env = {**os.environ, "OCTAVO_CACHE_DIR": str(tmp_path / "cache")}
    learnt, files = [], []
    for n in range(2):
        out = tmp_path / f"out{n}"
        done = subprocess.run([sys.executable, "-c", _COUNT_LEARNT, str(out)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        learnt.append(int(done.stderr.split("LEARNT ", 1)[1].split()[0]))
        files.append(next(out.rglob("*-proceedings.pdf")).read_bytes())
    assert learnt[0] > 1000 and learnt[1] == 0, learnt
    assert files[0] == files[1]


def test_answers_learnt_in_another_process_read_back_as_made(tmp_path, monkeypatch):
    """wordcache.learnt_since / learn: a table keyed by a Path and by its
    text is one table; answers a table encodes for marshal (a word with
    ligatures) come back as they were."""
    import marshal

    from exporter.typeset import kerning, wordcache

    monkeypatch.setenv("OCTAVO_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(wordcache, "_TABLES", {})
    source = ROOT / "exporter" / "fonts" / "NotoSerif-Regular.ttf"
    before = wordcache.sizes()
    made = wordcache.table("test", path=source)
    made.encode, made.decode = kerning._encode, kerning._decode
    office = kerning.Ligated(((3, -5.0),), ((1, 4, 1234, -10.0),))
    made["office"], made["plain"] = office, ((0, -3.0),)
    sent = marshal.loads(marshal.dumps(wordcache.learnt_since(before)))
    monkeypatch.setattr(wordcache, "_TABLES", {})
    kept = wordcache.table("test", path=str(source))
    kept.decode = kerning._decode
    wordcache.learn(sent)
    assert wordcache.table("test", path=source) is kept
    assert kept["office"] == office and kept["office"].__class__ is kerning.Ligated
    assert kept["office"].ligs == office.ligs and kept["plain"] == ((0, -3.0),)


def _plain(value):
    """``value`` (frags, lines, word lists) as plain data, to compare two
    stories' objects."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_plain(v) for v in value])
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value).__name__, sorted((k, _plain(v)) for k, v in vars(value).items()))
    return repr(value)


@pytest.mark.parametrize("width", [300.0, 140.0])
def test_a_split_paragraph_makes_its_word_list_as_a_full_break_does(bundled_event, width):
    """A paragraph set from the child's lines makes its word list only when
    split (Paragraph._rebuild), cutting into segments only the words a line
    ends inside: its lines and word list are those of breaking it here, for
    every plain paragraph of the bundled booklet, wide and narrow."""
    from exporter.typeset.paragraph import _LINES

    child, here, fresh = (prebreak._paragraphs(_story(bundled_event), width, []) for _ in range(3))
    checked = inside = 0
    for (a, w), (b, _), (c, _) in zip(child, here, fresh):
        style = a.style
        widths = [w - style.leftIndent - style.firstLineIndent - style.rightIndent,
                  w - style.leftIndent - style.rightIndent]
        answer = a.prebroken(list(widths))
        if answer is None or answer[0] != _LINES:
            continue
        cuts = answer[3]
        inside += any(stop is not None for _, stop in cuts)
        b._set_lines(*answer[1:])
        rebuilt = b._rebuild(list(widths), cuts)
        made = c._break(list(widths))
        assert _plain(rebuilt.lines) == _plain(made.lines)
        assert _plain(b.frags) == _plain(c.frags)
        checked += 1
    assert checked > 100 and inside > 5, (checked, inside)
