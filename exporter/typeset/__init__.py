"""Typesetting shared by every PDF Octavo writes (the booklet, its print
edition, the brief and review copies): where words may break
(:mod:`~exporter.typeset.hyphenation`), which breaks make the best
paragraph (:mod:`~exporter.typeset.linebreak`), and the ReportLab paragraph
that sets those lines (:mod:`~exporter.typeset.paragraph`).

Nothing here knows about the model or a particular exporter.
"""
