"""The organiser's logo on the cover: the room it is given on the page, the
size it is drawn at (the same in the PDF booklet, its print edition and
the .docx), and its resolution at that size, which a print shop checks."""

from __future__ import annotations

from exporter.layout.model import Page

#: The logo's box on the cover: this share of the text block's width …
WIDTH_SHARE = 0.6
#: … and at most this height (22 mm, in points).
MAX_HEIGHT = 22 * 72 / 25.4
#: The resolution a print shop asks of an image at its printed size.
PRINT_PPI = 300


def logo_box(page: Page) -> tuple[float, float]:
    """The most width and height (points) the logo may take on the cover."""
    return (page.width - page.inner - page.outer) * WIDTH_SHARE, MAX_HEIGHT


def logo_size(pixels: tuple[int, int], page: Page) -> tuple[float, float]:
    """The size (points) a logo of ``pixels`` (width, height) is drawn at:
    scaled, up or down, to fit :func:`logo_box` keeping its proportions."""
    (w, h), (max_w, max_h) = pixels, logo_box(page)
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def effective_ppi(pixels: tuple[int, int], size: tuple[float, float]) -> float:
    """Pixels per inch of an image of ``pixels`` drawn at ``size`` (points):
    the lower of the two directions."""
    return min(pixels[0] / (size[0] / 72), pixels[1] / (size[1] / 72))
