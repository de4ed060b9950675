"""The print edition as PDF/X with profile-based CMYK, checked on the files
read back with pikepdf (no PDF/X validator runs offline: these tests are
the conformance check)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime, timezone

import pikepdf
import pytest
from PIL import Image, ImageCms

from conftest import FIXTURES, ROOT
from exporter.colour import DEFAULT_PROFILE, PROFILES, load_profile
from exporter.errors import OctavoError
from exporter.exporters.pdf import PrintPdfExporter
from exporter.layout import load_layout
from exporter.project import Project
from test_logo import EVENT, with_logo

PRINT_PROJECT = Project(FIXTURES / "print-project")
BUNDLED_ICC = PROFILES / DEFAULT_PROFILE
COLOUR_OPS = {"k", "K", "rg", "RG", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS"}
ACCENT = "#7A2430"


@pytest.fixture(scope="module")
def printed(bundled_event, tmp_path_factory):
    """layout name -> (layout, print PDF path), for the house layouts and
    the print fixtures."""
    out = {}
    for name, project in (("booklet", Project(ROOT)), ("report", Project(ROOT)), ("print-inks", PRINT_PROJECT),
                          ("print-x1a", PRINT_PROJECT)):
        layout = load_layout(name, project)
        out[name] = layout, PrintPdfExporter(bundled_event, layout, {}).export(tmp_path_factory.mktemp(name))
    return out


def profile_cmyk(hex_rgb: str, icc=BUNDLED_ICC) -> tuple[float, ...]:
    """The colour through the profile as a print shop converts it: littleCMS,
    relative colorimetric with black-point compensation (built here, not
    with Octavo's code)."""
    t = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(icc)), "RGB", "CMYK",
                                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    rgb = tuple(int(hex_rgb[i:i + 2], 16) for i in (1, 3, 5))
    px = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), t).getpixel((0, 0))
    return tuple(v / 255 for v in px)


def lightness_of_k(k: float, icc=BUNDLED_ICC) -> float:
    """L* (relative to the paper) of a tint of black ink alone on the profile's press."""
    t = ImageCms.buildTransform(ImageCms.getOpenProfile(str(icc)), ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    return ImageCms.applyTransform(Image.new("CMYK", (1, 1), (0, 0, 0, round(k * 255))), t).getpixel((0, 0))[0] / 2.55


def walk(pdf: pikepdf.Pdf):
    """Every (operator, operands) of every page and form XObject, and every
    image XObject, of ``pdf``."""
    ops, images, seen = [], [], set()

    def visit(obj, resources) -> None:
        ops.extend((str(op), [x for x in operands]) for operands, op in pikepdf.parse_content_stream(obj))
        for x in (resources or {}).get("/XObject", {}).values():
            if x.objgen in seen:
                continue
            seen.add(x.objgen)
            if x.get("/Subtype") == "/Form":
                visit(x, x.get("/Resources"))
            elif x.get("/Subtype") == "/Image":
                images.append(x)

    for page in pdf.pages:
        visit(page, page.get("/Resources"))
    return ops, images


def colours(path) -> set[tuple[str, tuple[float, ...]]]:
    """The colour operators used in a PDF with their operands."""
    with pikepdf.open(path) as pdf:
        ops, _ = walk(pdf)
    return {(op, tuple(float(x) for x in operands if not isinstance(x, pikepdf.Name)))
            for op, operands in ops if op in COLOUR_OPS}


def xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    meta = pdf.open_metadata()
    return {k: meta.get(k) for k in ("pdfxid:GTS_PDFXVersion", "pdfx:GTS_PDFXVersion", "pdfx:GTS_PDFXConformance",
                                      "pdf:Trapped", "dc:title", "xmp:CreateDate", "xmp:ModifyDate",
                                      "xmp:MetadataDate", "xmpMM:DocumentID", "xmpMM:InstanceID",
                                      "xmpMM:VersionID", "xmpMM:RenditionClass")}


def pdf_date(text: str) -> datetime:
    """A PDF date string (D:YYYYMMDDHHmmSS+HH'mm') as a datetime."""
    m = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", text)
    assert m, text
    return datetime.strptime(m.group(1) + m.group(2) + m.group(3) + m.group(4), "%Y%m%d%H%M%S%z")


# -- identification ------------------------------------------------------------
@pytest.mark.parametrize("name", ["booklet", "report"])
def test_the_output_intent_carries_the_cmyk_profile_and_its_condition(printed, name):
    layout, path = printed[name]
    with pikepdf.open(path) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert "coated art" in str(intent.OutputCondition) and str(intent.Info)
        icc = intent.DestOutputProfile
        assert int(icc.N) == 4
        data = icc.read_bytes()
        assert data == BUNDLED_ICC.read_bytes() == layout.printing.profile.read_bytes()
        assert data[12:16] == b"prtr" and data[16:20] == b"CMYK" and data[36:40] == b"acsp"


@pytest.mark.parametrize("name", ["booklet", "report"])
def test_info_and_xmp_declare_pdfx4_and_agree(printed, name):
    _, path = printed[name]
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        meta = xmp(pdf)
        assert pdf.pdf_version == "1.6"
        assert str(info.GTS_PDFXVersion) == "PDF/X-4" == meta["pdfxid:GTS_PDFXVersion"]
        assert info.Trapped == pikepdf.Name("/False") and meta["pdf:Trapped"] == "False"
        assert str(info.Title) == meta["dc:title"] == "Pakistan-Russia Strategic Relations"
        created, modified = pdf_date(str(info.CreationDate)), pdf_date(str(info.ModDate))
        assert datetime.fromisoformat(meta["xmp:CreateDate"]) == created
        assert datetime.fromisoformat(meta["xmp:ModifyDate"]) == modified
        assert datetime.fromisoformat(meta["xmp:MetadataDate"]) == modified
        assert re.fullmatch(r"uuid:[0-9a-f-]{36}", meta["xmpMM:DocumentID"])
        assert re.fullmatch(r"uuid:[0-9a-f-]{36}", meta["xmpMM:InstanceID"])
        assert meta["xmpMM:VersionID"] == "1" and meta["xmpMM:RenditionClass"] == "default"
        assert "/Filter" not in pdf.Root.Metadata  # preflight tools read the packet as it is
        assert pdf.Root.Metadata.Type == "/Metadata" and pdf.Root.Metadata.Subtype == "/XML"
        assert len(pdf.trailer.ID) == 2
        for page in pdf.pages:
            media, trim, bleed = ([float(v) for v in page.obj[k]] for k in ("/MediaBox", "/TrimBox", "/BleedBox"))
            assert media[0] <= bleed[0] < trim[0] and trim[2] < bleed[2] <= media[2]
            assert "/Annots" not in page.obj


def test_pdfx1a_is_declared_as_the_layout_asks_with_no_transparency(printed):
    _, path = printed["print-x1a"]
    with pikepdf.open(path) as pdf:
        info, meta = pdf.docinfo, xmp(pdf)
        assert pdf.pdf_version == "1.4"
        assert str(info.GTS_PDFXVersion) == str(info.GTS_PDFXConformance) == "PDF/X-1a:2003"
        assert meta["pdfx:GTS_PDFXVersion"] == meta["pdfx:GTS_PDFXConformance"] == "PDF/X-1a:2003"
        assert meta["pdfxid:GTS_PDFXVersion"] is None
        assert info.Trapped == pikepdf.Name("/True") and meta["pdf:Trapped"] == "True"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        _, images = walk(pdf)
        assert not any("/SMask" in x for x in images)
        for page in pdf.pages:
            for state in page.get("/Resources", {}).get("/ExtGState", {}).values():
                assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1
                assert "/SMask" not in state or state.SMask == "/None"
                assert state.get("/BM", "/Normal") in ("/Normal", "/Compatible")


# -- colour -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["booklet", "report", "print-x1a"])
def test_no_rgb_is_left_in_content_or_images(printed, name):
    with pikepdf.open(printed[name][1]) as pdf:
        ops, images = walk(pdf)
        assert {op for op, _ in ops} & {"rg", "RG", "sc", "scn", "SC", "SCN", "cs", "CS"} == set()
        for page in pdf.pages:
            assert "/ColorSpace" not in page.get("/Resources", {})
        for image in images:
            assert image.ColorSpace in ("/DeviceCMYK", "/DeviceGray"), image.ColorSpace


@pytest.mark.parametrize("name", ["booklet", "report"])
def test_the_accent_is_the_profiles_conversion_of_the_layout_colour(printed, name):
    layout, path = printed[name]
    want = profile_cmyk(layout.colours["accent"])
    used = [ops for op, ops in colours(path) if op in ("k", "K")]
    assert any(all(abs(a - b) <= 0.02 for a, b in zip(got, want)) for got in used), (want, used)
    naive = (0.0, 0.34, 0.29, 0.52)  # ReportLab's rgb2cmyk of the claret: prints brown
    assert not any(all(abs(a - b) <= 0.05 for a, b in zip(got, naive)) for got in used)


@pytest.mark.parametrize("name", ["booklet", "report"])
def test_every_colour_is_a_layout_colour_through_the_profile_or_k_only(printed, name):
    """Greys are black ink only, with the lightness of the grey (black
    points matched); other colours are the profile's conversion."""
    layout, path = printed[name]
    used = {ops for op, ops in colours(path)}
    chromatic = [profile_cmyk(c) for c in layout.colours.values() if len({c[1:3], c[3:5], c[5:7]}) > 1]
    black_l, paper_l = lightness_of_k(1.0), 100.0
    for c, m, y, k in used:
        if (c, m, y) == (0, 0, 0):
            continue
        assert any(all(abs(a - b) <= 0.02 for a, b in zip((c, m, y, k), want)) for want in chromatic), (c, m, y, k)
    greys = {k for c, m, y, k in used if (c, m, y) == (0, 0, 0)}
    assert 1.0 in greys  # body text: 100 % K, not a rich black
    srgb_l = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")
    for hex_rgb in {layout.colours[n] for n in ("text", "muted", "rule")}:
        g = int(hex_rgb[1:3], 16)
        target = black_l + (paper_l - black_l) * ImageCms.applyTransform(
            Image.new("RGB", (1, 1), (g, g, g)), srgb_l).getpixel((0, 0))[0] / 255
        near = [k for k in greys if abs(lightness_of_k(k) - target) <= 1.5]
        assert near, (hex_rgb, target, sorted(greys))


def test_colours_given_as_inks_in_the_layout_win(printed):
    layout, path = printed["print-inks"]
    assert layout.colours["accent"] == ACCENT and layout.printing.inks == {ACCENT: (0.0, 0.8, 0.6, 0.5)}
    used = {ops for op, ops in colours(path)}
    assert (0.0, 0.8, 0.6, 0.5) in used
    converted = profile_cmyk(ACCENT)
    assert not any(all(abs(a - b) <= 0.01 for a, b in zip(got, converted)) for got in used)


@pytest.mark.parametrize("name", ["booklet", "report", "print-inks"])
def test_total_ink_stays_under_the_profiles_limit(printed, name):
    layout, path = printed[name]
    limit = load_profile(layout.printing.profile).ink_limit
    assert limit == 330  # the bundled profile was built with -l330 (profiles/NOTICE)
    used = [ops for op, ops in colours(path) if op in ("k", "K")]
    darkest = max(used, key=sum)
    assert 1.0 <= sum(darkest) * 100 <= limit, darkest


def test_the_profiles_own_black_is_at_its_limit_and_octavos_black_is_k_only():
    """Why greys are mapped on their own: through the profile, #000000 is a
    rich black of four inks; the print edition's black is K alone."""
    rich = profile_cmyk("#000000")
    assert min(rich[:3]) > 0.3 and sum(rich) * 100 <= 330
    from exporter.colour import PrintColour

    colour = PrintColour(load_profile(BUNDLED_ICC))
    assert colour.cmyk(0, 0, 0) == (0.0, 0.0, 0.0, 1.0) and colour.cmyk(255, 255, 255) == (0.0, 0.0, 0.0, 0.0)
    tints = [colour.cmyk(g, g, g)[3] for g in range(0, 256, 15)]
    assert tints == sorted(tints, reverse=True)


# -- images -------------------------------------------------------------------
def black_and_claret_logo(path) -> None:
    """A black-on-white logo with a soft (grey) edge and a claret bar."""
    img = Image.new("RGB", (200, 60), (255, 255, 255))
    for x in range(10, 110):
        for y in range(10, 50):
            img.putpixel((x, y), (0, 0, 0))
        img.putpixel((x, 50), (128, 128, 128))  # anti-aliased edge
    for x in range(130, 190):
        for y in range(10, 50):
            img.putpixel((x, y), (0x7A, 0x24, 0x30))
    img.save(path)


def print_logo(cli, tmp_path) -> Image.Image:
    with_logo(tmp_path, black_and_claret_logo)
    assert cli("export", "print", cwd=tmp_path).exit_code == 0
    with pikepdf.open(tmp_path / "build" / EVENT / f"{EVENT}-proceedings-print.pdf") as pdf:
        _, images = walk(pdf)
        assert len(images) == 1 and images[0].ColorSpace == "/DeviceCMYK" and "/Decode" not in images[0]
        x = images[0]
        return Image.frombytes("CMYK", (int(x.Width), int(x.Height)), x.read_bytes())


def test_black_artwork_in_an_image_prints_as_black_ink_only(cli, tmp_path):
    img = print_logo(cli, tmp_path)
    assert img.getpixel((50, 30)) == (0, 0, 0, 255)   # black: 100 % K, not 100/100/100/0
    assert img.getpixel((5, 5)) == (0, 0, 0, 0)       # paper
    c, m, y, k = img.getpixel((50, 50))               # the grey edge: K only
    assert (c, m, y) == (0, 0, 0) and 100 < k < 220
    got = tuple(v / 255 for v in img.getpixel((160, 30)))
    assert all(abs(a - b) <= 0.02 for a, b in zip(got, profile_cmyk(ACCENT))), got
    data = img.tobytes()
    assert max(sum(data[i:i + 4]) for i in range(0, len(data), 4)) / 2.55 <= 330


# -- determinism and checkers ---------------------------------------------------
def test_two_builds_are_byte_identical_with_dates_from_source_date_epoch(bundled_event, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    layout = load_layout("booklet", Project(ROOT))
    first = PrintPdfExporter(bundled_event, layout, {}).render()
    second = PrintPdfExporter(bundled_event, layout, {}).render()
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf:
        meta = xmp(pdf)
        when = datetime.fromtimestamp(1700000000, timezone.utc)
        assert datetime.fromisoformat(meta["xmp:CreateDate"]) == when
        assert datetime.fromisoformat(meta["xmp:MetadataDate"]) == when


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
@pytest.mark.parametrize("name", ["booklet", "print-x1a"])
def test_qpdf_accepts_the_pdfx_files(printed, name):
    result = subprocess.run(["qpdf", "--check", str(printed[name][1])], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout, result.stdout


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler not installed")
def test_poppler_sees_pdfx4(printed):
    info = subprocess.run(["pdfinfo", str(printed["booklet"][1])], capture_output=True, text=True).stdout
    assert re.search(r"PDF subtype:\s+PDF/X-4", info), info


# -- the layout's profile and inks ------------------------------------------------
@pytest.mark.parametrize("name", ["bad-inks", "inks-over-limit"])
def test_bad_inks_give_their_exact_message(name):
    with pytest.raises(OctavoError) as err:
        load_layout(name, PRINT_PROJECT)
    expected = (FIXTURES / "print-project" / "layouts" / name / "expected.txt").read_text(encoding="utf-8")
    assert err.value.format_message() + "\n" == expected


def shop_layout(tmp_path, icc: bytes | None, extra: str = "") -> Project:
    """A project with layout 'shop' extending the house booklet and naming
    ``profiles/shop.icc`` (holding ``icc``, or absent)."""
    folder = tmp_path / "layouts" / "shop"
    (folder / "profiles").mkdir(parents=True)
    if icc is not None:
        (folder / "profiles" / "shop.icc").write_bytes(icc)
    (folder / "layout.yaml").write_text(f"extends: booklet\nprint:\n  output_profile: shop.icc\n{extra}")
    return Project(tmp_path)


def as_rgb_output_profile(icc: bytes) -> bytes:
    """The bundled profile's header claiming RGB instead of CMYK."""
    return icc[:16] + b"RGB " + icc[20:]


@pytest.mark.parametrize("icc, message", [
    (None, "profile file 'shop.icc' not found in the layout's profiles/ folder or Octavo's profiles"),
    (b"not a profile at all", "'shop.icc' is not an ICC profile"),
    (ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
     "'shop.icc' is a display profile; the print edition needs an output (printer) profile for CMYK"),
    (as_rgb_output_profile(BUNDLED_ICC.read_bytes()),
     "'shop.icc' is an output profile for RGB, not CMYK; the print edition needs a CMYK one"),
])
def test_an_unusable_output_profile_is_a_located_layout_error(tmp_path, icc, message):
    project = shop_layout(tmp_path, icc)
    with pytest.raises(OctavoError) as err:
        load_layout("shop", project)
    assert err.value.format_message() == (f"layouts/shop/layout.yaml:3:19: print.output_profile: {message}\n"
                                          "1 problem in the layout; nothing was written.")


def test_a_damaged_profile_is_named_by_check_and_by_the_print_export(cli, tmp_path):
    shop_layout(tmp_path, BUNDLED_ICC.read_bytes()[:60000])  # the header reads well; the tables are cut
    shutil.copytree(ROOT / "source" / EVENT, tmp_path / "source" / EVENT)
    want = ("layouts/shop/layout.yaml:3: print.output_profile: 'shop.icc' cannot convert colours "
            "(littleCMS: cannot build transform); is the file damaged?")
    result = cli("check", "--layout", "shop", cwd=tmp_path)
    assert result.exit_code == 2 and want in result.output
    result = cli("export", "print", "--layout", "shop", cwd=tmp_path)
    assert result.exit_code == 2 and want in result.output and "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_a_shops_profile_replaces_the_bundled_one(bundled_event, tmp_path):
    icc = BUNDLED_ICC.read_bytes()  # any CMYK output profile will do: the shop's, here a copy
    layout = load_layout("shop", shop_layout(tmp_path, icc, "  output_condition: FOGRA39-shop\n"))
    assert layout.printing.profile == tmp_path / "layouts" / "shop" / "profiles" / "shop.icc"
    path = PrintPdfExporter(bundled_event, layout, {}).export(tmp_path / "out")
    with pikepdf.open(path) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39-shop"
        assert intent.DestOutputProfile.read_bytes() == icc


def test_without_a_condition_a_shops_profile_is_named_by_its_description(tmp_path):
    layout = load_layout("shop", shop_layout(tmp_path, BUNDLED_ICC.read_bytes()))
    desc = "Octavo FOGRA39L coated offset, max K, 330% (built from FOGRA39L.ti3)"
    assert (layout.printing.condition, layout.printing.registry) == (desc, "")


def test_the_bundled_profile_ships_with_its_provenance_and_licence():
    notice = (PROFILES / "NOTICE").read_text(encoding="utf-8")
    assert "FOGRA39L.ti3" in notice and "zlib" in notice.lower() and "colprof -qm -kx -l330" in notice
    import hashlib

    assert hashlib.sha256(BUNDLED_ICC.read_bytes()).hexdigest() in notice
    profile = ImageCms.getOpenProfile(str(BUNDLED_ICC)).profile
    assert profile.device_class == "prtr" and profile.xcolor_space.strip() == "CMYK"
    assert "FOGRA39L" in profile.profile_description and "NOTICE" in profile.copyright
