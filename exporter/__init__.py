"""Octavo: one structured record of a conference, rendered as a PDF booklet,
a Word proceedings file and a one-page policy brief."""

__version__ = "0.1.0"
