"""Layouts: style data with inheritance, fonts, templates, reference.docx."""

from exporter.layout.loader import REQUIRED_STYLES, available, load_layout
from exporter.layout.model import Layout, ParaStyle

__all__ = ["Layout", "ParaStyle", "REQUIRED_STYLES", "available", "load_layout"]
