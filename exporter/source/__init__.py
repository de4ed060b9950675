"""Reading sources: YAML and Markdown in, a validated model out."""

from exporter.source.loader import load_event

__all__ = ["load_event"]
