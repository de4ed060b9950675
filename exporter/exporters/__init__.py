"""The exporters, listed in one explicit registry.

Each exporter is a class with its identity in class attributes (``name``,
``description``, ``suffix``); ``REGISTRY`` is the order ``export all`` runs
them in (the booklet before the brief, which cites its pages); ``in_all``
says which it writes.
"""

from __future__ import annotations

from exporter.exporters.base import Exporter
from exporter.exporters.brief import BriefExporter
from exporter.exporters.docx import DocxExporter
from exporter.exporters.pdf import ImposedPdfExporter, PdfExporter, PrintPdfExporter
from exporter.exporters.pdf.review import ReviewPdfExporter

REGISTRY: dict[str, type[Exporter]] = {cls.name: cls for cls in (PdfExporter, PrintPdfExporter, ImposedPdfExporter, DocxExporter, BriefExporter,
                                                            ReviewPdfExporter)}

__all__ = ["Exporter", "REGISTRY"]
