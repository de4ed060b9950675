"""The cyclic collector paused while a PDF is built (exporter/typeset/collector.py):
on again after it, nothing kept alive by it, and next to no cycles left behind."""

from __future__ import annotations

import gc
import weakref

import pytest

from conftest import ROOT
from exporter.exporters.brief import BriefExporter
from exporter.exporters.pdf import PdfExporter
from exporter.layout import load_layout
from exporter.project import Project


@pytest.fixture(scope="module")
def layout():
    return load_layout(None, Project(ROOT))


def test_after_a_build_the_collector_is_on_and_frees_the_document(bundled_event, layout):
    exporter = PdfExporter(bundled_event, layout)
    exporter.render()
    assert gc.isenabled()
    doc = weakref.ref(exporter.doc)
    del exporter
    gc.collect()
    assert doc() is None


def test_a_build_inside_a_paused_collector_leaves_it_paused(bundled_event, layout):
    gc.disable()
    try:
        BriefExporter(bundled_event, layout).render()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_drawing_the_booklet_leaves_next_to_no_cycles(bundled_event, layout):
    """Each paragraph drawn left a cycle of seven objects (ReportLab's text
    object and a method bound to it): about 1,900 on the bundled booklet."""
    gc.collect()
    gc.disable()
    try:
        exporter = PdfExporter(bundled_event, layout)
        exporter.render()
        found = gc.collect()  # with the exporter (and its document) still alive
    finally:
        gc.enable()
    assert found < 600, found
