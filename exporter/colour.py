"""Print colour: the output profile, and RGB turned into CMYK through it.

Layouts give colours as sRGB (``#7A2430``).  The print edition needs the
inks that print them on the press the output profile describes, so every
colour and image of it is converted here with littleCMS (Pillow's
``ImageCms``), never with a formula: the formula in ReportLab
(``rgb2cmyk``) skips the division by 1−K and turns the house claret brown,
and Pillow's ``convert("CMYK")`` never uses black ink.

The rules, in order:

1. A colour the layout gives with ``cmyk:`` values prints with them.
2. Greys (the three channels within :data:`GREY_SPREAD` of each other)
   print with black ink only: the tint of K whose lightness on this profile
   matches the grey's, with the black point scaled so that ``#000000`` is
   100 % K and white no ink.  Text is never a rich black, and a black logo
   prints as K.
3. Every other colour goes through the profile: relative colorimetric
   with black-point compensation (in-gamut colours keep their colour; the
   darkest sRGB colours map to the profile's darkest).

A profile's ink limit is the total ink of the darkest colour it prints
(its perceptual black): the bundled profile was built with 330 %.
"""

from __future__ import annotations

import io
from functools import cached_property, lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageCms

from exporter.errors import OctavoError
from exporter.printing import (DEFAULT_CONDITION, DEFAULT_CONDITION_TEXT, DEFAULT_PROFILE,  # noqa: F401
                               ICC_REGISTRY, PROFILES)
from exporter.layout.model import Layout

GREY_SPREAD = 3  # of 255: channels this close together are a grey (JPEG noise in a black logo)

_INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
_BPC = ImageCms.Flags.BLACKPOINTCOMPENSATION
_NOCACHE = ImageCms.Flags.NOCACHE
_CLASSES = {"scnr": "an input (scanner or camera)", "mntr": "a display", "prtr": "an output",
            "link": "a device link", "spac": "a colour space", "abst": "an abstract", "nmcl": "a named colour"}


def read_output_profile(path: Path) -> tuple[str, str]:
    """(problem, description) of the profile at ``path``: the problem is
    why it cannot be the print edition's output profile ('' when it can:
    an ICC output, or printer, profile for CMYK)."""
    try:
        profile = ImageCms.getOpenProfile(str(path)).profile
    except (ImageCms.PyCMSError, OSError, ValueError):
        return f"'{path.name}' is not an ICC profile", ""
    kind = profile.device_class.strip()
    if kind != "prtr":
        return (f"'{path.name}' is {_CLASSES.get(kind, repr(kind))} profile; the print edition needs an "
                "output (printer) profile for CMYK"), ""
    space = profile.xcolor_space.strip()
    if space != "CMYK":
        return f"'{path.name}' is an output profile for {space}, not CMYK; the print edition needs a CMYK one", ""
    return "", (profile.profile_description or "").strip() or path.stem


def is_grey(r: int, g: int, b: int) -> bool:
    """Whether an 8-bit RGB colour counts as a grey (printed K only)."""
    return max(r, g, b) - min(r, g, b) <= GREY_SPREAD


class Profile:
    """An output profile with its transforms, made once per process (see
    :func:`load_profile`): sRGB → CMYK, the K-only tone of each grey, and
    the ink limit.  Single colours are converted by evaluating the profile
    itself (littleCMS's ``NOOPTIMIZE``: a few milliseconds to set up);
    images through a precalculated transform, made the first time one is
    needed.  No transform keeps a cache (``NOCACHE``), so threads may
    share them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._out = ImageCms.ImageCmsProfile(io.BytesIO(data))
        self.description = (self._out.profile.profile_description or "").strip()
        srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
        exact = _NOCACHE | ImageCms.Flags.NOOPTIMIZE
        self._colour = ImageCms.buildTransform(srgb, self._out, "RGB", "CMYK", renderingIntent=_INTENT,
                                               flags=_BPC | exact)
        # -- the K-only tone curve: lightness of each tint of K on this press,
        #    against the lightness of each sRGB grey, black points matched
        ramp = Image.new("CMYK", (256, 1))
        ramp.frombytes(b"".join(bytes((0, 0, 0, k)) for k in range(256)))
        k_light = ImageCms.applyTransform(ramp, ImageCms.buildTransform(
            self._out, lab, "CMYK", "LAB", renderingIntent=_INTENT, flags=exact))
        greys = Image.frombytes("RGB", (256, 1), b"".join(bytes((g, g, g)) for g in range(256)))
        g_light = ImageCms.applyTransform(greys, ImageCms.buildTransform(
            srgb, lab, "RGB", "LAB", renderingIntent=_INTENT, flags=exact))
        self.k_of_grey: tuple[float, ...] = _k_curve(k_light.tobytes()[::3], g_light.tobytes()[::3])
        # -- the ink limit (percent): the total ink of the profile's own darkest colour
        black = ImageCms.applyTransform(Image.new("RGB", (1, 1)), ImageCms.buildTransform(
            srgb, self._out, "RGB", "CMYK", renderingIntent=ImageCms.Intent.PERCEPTUAL, flags=exact))
        self.ink_limit: float = round(sum(black.getpixel((0, 0))) / 2.55)

    def colour(self, rgb: tuple[int, int, int]) -> tuple[int, int, int, int]:
        """One 8-bit sRGB colour through the profile (rule 3 only)."""
        return ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), self._colour).getpixel((0, 0))

    @cached_property
    def _image(self) -> ImageCms.ImageCmsTransform:
        return ImageCms.buildTransform(ImageCms.createProfile("sRGB"), self._out, "RGB", "CMYK",
                                       renderingIntent=_INTENT, flags=_BPC | _NOCACHE)

    def transform(self, img: Image.Image) -> Image.Image:
        """An RGB image through the profile (rule 3 only)."""
        return ImageCms.applyTransform(img, self._image)


@lru_cache(maxsize=4)
def _profile(data: bytes) -> Profile:
    return Profile(data)


def _k_curve(k_light: bytes, g_light: bytes) -> tuple[float, ...]:
    """For each 8-bit grey level, the tint of K (0..1) with its lightness:
    the grey's lightness is scaled between the lightness of 100 % K and of
    the paper, then looked up on the lightness of the tints of K (8-bit L*,
    so levels that share a lightness are averaged before interpolating)."""
    dark, light = k_light[255], k_light[0]
    by_l: dict[int, list[int]] = {}
    low = 255
    for k, lum in enumerate(k_light):  # lightness falls as K rises; keep it monotonic
        low = min(low, lum)
        by_l.setdefault(low, []).append(k)
    points = sorted((lum, sum(ks) / len(ks) / 255) for lum, ks in by_l.items())  # (L, K), L rising
    points[0], points[-1] = (points[0][0], 1.0), (points[-1][0], 0.0)
    out = []
    top = g_light[255] or 1
    for g in range(256):
        target = dark + (light - dark) * g_light[g] / top
        out.append(_interpolate(points, target))
    out[0], out[255] = 1.0, 0.0
    return tuple(round(v, 4) for v in out)


def _interpolate(points: list[tuple[float, float]], x: float) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


class ProfileError(ValueError):
    """An output profile that passed :func:`read_output_profile` but that
    littleCMS cannot build transforms from (a damaged file)."""


def load_profile(path: Path) -> Profile:
    """The output profile at ``path`` with its transforms (cached by
    content)."""
    try:
        return _profile(path.read_bytes())
    except (ImageCms.PyCMSError, OSError) as exc:
        raise ProfileError(f"'{path.name}' cannot convert colours (littleCMS: {exc}); is the file damaged?") from None


def print_colour(layout: Layout) -> PrintColour:
    """The print edition's colour conversion for ``layout``; a profile
    littleCMS cannot use is an error located at the layout key."""
    settings = layout.printing
    try:
        return PrintColour(load_profile(settings.profile), settings.inks)
    except ProfileError as exc:
        where = layout.origins.get("print.output_profile") or layout.origins.get("print") or f"layout '{layout.name}'"
        raise OctavoError(f"{where}: print.output_profile: {exc}") from None


class PrintColour:
    """RGB → CMYK for one print edition: the profile plus the layout's own
    CMYK values (``overrides``: '#RRGGBB' → four inks, 0..1)."""

    def __init__(self, profile: Profile, overrides: dict[str, tuple[float, float, float, float]] | None = None):
        self.profile = profile
        self.overrides = {k.upper(): v for k, v in (overrides or {}).items()}
        self._memo: dict[tuple[int, int, int], tuple[float, float, float, float]] = {}

    def cmyk(self, r: int, g: int, b: int) -> tuple[float, float, float, float]:
        """The inks (0..1) for an 8-bit sRGB colour, by the rules above."""
        key = (r, g, b)
        if key not in self._memo:
            given = self.overrides.get(f"#{r:02X}{g:02X}{b:02X}")
            if given is not None:
                self._memo[key] = given
            elif is_grey(r, g, b):
                self._memo[key] = (0.0, 0.0, 0.0, self.profile.k_of_grey[round((r + g + b) / 3)])
            else:
                self._memo[key] = tuple(round(v / 255, 4) for v in self.profile.colour(key))
        return self._memo[key]

    def image(self, img: Image.Image) -> Image.Image:
        """An image as CMYK for this press: transparency flattened on white
        paper, greys K only, every other pixel through the profile."""
        rgba = img.convert("RGBA")
        flat = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
        out = self.profile.transform(flat)
        r, g, b = flat.split()
        spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(r, g), b),
                                     ImageChops.darker(ImageChops.darker(r, g), b))
        grey = spread.point([255 if v <= GREY_SPREAD else 0 for v in range(256)])
        if grey.getbbox() is not None:
            lut = [round(k * 255) for k in self.profile.k_of_grey]
            zero = Image.new("L", flat.size, 0)
            k_only = Image.merge("CMYK", (zero, zero, zero, flat.convert("L").point(lut)))
            out = Image.composite(k_only, out, grey)
        return out
