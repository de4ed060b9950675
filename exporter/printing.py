"""The print edition's bundled printing condition, for the layout loader
without loading the colour machinery (Pillow's littleCMS): see
:mod:`exporter.colour` for the conversions."""

from __future__ import annotations

from pathlib import Path

PROFILES = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "octavo-fogra39l.icc"
#: The printing condition the bundled profile characterises (its data's
#: PRINT_CONDITIONS, see profiles/NOTICE), as ICC's registry names it.
DEFAULT_CONDITION = "FOGRA39"
DEFAULT_CONDITION_TEXT = ("Offset printing, according to ISO 12647-2:2004/Amd 1, OFCOM, paper type 1 or 2 = "
                          "coated art, 115 g/m2, tone value increase curves A (CMY) and B (K)")
ICC_REGISTRY = "http://www.color.org"
