"""The exporters, listed in one explicit registry.

Each exporter is a class with its identity in class attributes (``name``,
``description``, ``suffix``, ``in_all``); ``REGISTRY`` maps each name to
its class, in the order ``export all`` runs them (the booklet before the
brief, which cites its pages).  Classes are imported when first looked
up, so ``octavo export pdf`` does not pay for loading python-docx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any, Iterator, Mapping

if TYPE_CHECKING:
    from exporter.exporters.base import Exporter

_CLASSES: dict[str, str] = {  # name -> "module:Class"
    "pdf": "exporter.exporters.pdf:PdfExporter",
    "print": "exporter.exporters.pdf:PrintPdfExporter",
    "imposed": "exporter.exporters.pdf:ImposedPdfExporter",
    "docx": "exporter.exporters.docx:DocxExporter",
    "brief": "exporter.exporters.brief:BriefExporter",
    "review": "exporter.exporters.pdf.review:ReviewPdfExporter",
}


class Registry(Mapping[str, "type[Exporter]"]):
    """Exporter classes by name, imported on first use."""

    def __init__(self, classes: dict[str, str]) -> None:
        self._where, self._loaded = classes, {}

    def __getitem__(self, name: str) -> type[Exporter]:
        if name not in self._loaded:
            module, _, cls = self._where[name].partition(":")
            self._loaded[name] = getattr(import_module(module), cls)
            assert self._loaded[name].name == name, f"{self._where[name]} is not the '{name}' exporter"
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in self._where  # without importing the class

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


REGISTRY = Registry(_CLASSES)


def __getattr__(name: str) -> Any:
    if name == "Exporter":  # the base class, imported when asked for (it loads the layout code)
        from exporter.exporters.base import Exporter

        return Exporter
    raise AttributeError(name)

__all__ = ["Exporter", "REGISTRY", "Registry"]
