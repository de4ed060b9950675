"""The organiser's logo: checked at load, drawn on the cover, CMYK in print."""

from __future__ import annotations

import re
import shutil

import pikepdf
import pytest
from PIL import Image

from conftest import BUNDLED

EVENT = BUNDLED.name
ALT = "Strategic Vision Institute: the letters SVI in claret"


def with_logo(tmp_path, make_image) -> None:
    """A project copy whose organiser has ``assets/logo.png`` made by ``make_image(path)``."""
    folder = tmp_path / "source" / EVENT
    shutil.copytree(BUNDLED, folder)
    add_logo(folder, make_image, ALT)


def add_logo(folder, make_image, alt: str) -> None:
    """Give the event in ``folder`` an organiser's logo, ``assets/logo.png``
    made by ``make_image(path)``, with ``alt`` as its text (after the
    organiser's ``url:`` line)."""
    (folder / "assets").mkdir()
    make_image(folder / "assets" / "logo.png")
    event = folder / "event.yaml"
    text = event.read_text()
    url = re.search(r"^  url: .*\n", text, re.M)
    assert url, event
    event.write_text(text.replace(url.group(0), f"{url.group(0)}  logo: assets/logo.png\n  logo_alt: \"{alt}\"\n", 1))


def rgba_logo(path) -> None:
    img = Image.new("RGBA", (400, 120), (0, 0, 0, 0))
    for x in range(400):
        for y in range(30, 90):
            img.putpixel((x, y), (122, 36, 48, 255))
    img.save(path)


def images_on_first_page(path) -> list:
    with pikepdf.open(path) as pdf:
        xobjects = pdf.pages[0].Resources.get("/XObject", {})
        return [(str(x.get("/ColorSpace")), int(x.Width), int(x.Height)) for x in xobjects.values()
                if x.get("/Subtype") == "/Image"]


def test_the_logo_is_on_the_cover_rgb_on_screen_cmyk_in_print(cli, tmp_path):
    with_logo(tmp_path, rgba_logo)
    assert cli("export", "pdf", cwd=tmp_path).exit_code == 0
    assert cli("export", "pdf", "--print", cwd=tmp_path).exit_code == 0
    build = tmp_path / "build" / EVENT
    assert images_on_first_page(build / f"{EVENT}-proceedings.pdf") == [("/DeviceRGB", 400, 120)]
    assert images_on_first_page(build / f"{EVENT}-proceedings-print.pdf") == [("/DeviceCMYK", 400, 120)]


def test_a_file_that_is_not_an_image_is_a_located_error(cli, tmp_path):
    with_logo(tmp_path, lambda p: p.write_text("<svg>not a png</svg>"))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"source/{EVENT}/event.yaml:27:9: organiser.logo: 'assets/logo.png' is not a readable PNG or JPEG image" \
        in result.output


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(cli, tmp_path, monkeypatch):
    with_logo(tmp_path, rgba_logo)
    monkeypatch.setenv("OCTAVO_MAX_IMAGE_PIXELS", "10000")
    result = cli("export", "pdf", cwd=tmp_path)
    assert result.exit_code == 2
    assert ("organiser.logo: 'assets/logo.png' is 400×120 pixels (48,000), over the limit of 10,000 "
            "(raise it with OCTAVO_MAX_IMAGE_PIXELS)") in result.output
    assert not (tmp_path / "build").exists()


@pytest.mark.parametrize("fmt", ["GIF", "BMP"])
def test_other_formats_are_named(cli, tmp_path, fmt):
    with_logo(tmp_path, lambda p: Image.new("RGB", (10, 10)).save(p, fmt))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2 and f"is a {fmt} image; use PNG or JPEG" in result.output


def test_a_truncated_jpeg_is_a_located_error(cli, tmp_path):
    import io

    def truncated(path):
        buf = io.BytesIO()
        Image.new("RGB", (200, 80), (10, 20, 30)).save(buf, "JPEG")
        path.write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])

    with_logo(tmp_path, truncated)
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2 and "'assets/logo.png' is not a readable PNG or JPEG image" in result.output


def test_the_logo_is_on_the_word_cover_with_its_alt_text_at_the_pdfs_size(cli, tmp_path):
    import io
    import zipfile

    import docx
    import pdfplumber
    from docx.oxml.ns import qn

    with_logo(tmp_path, rgba_logo)
    assert cli("export", "docx", cwd=tmp_path).exit_code == 0
    assert cli("export", "pdf", cwd=tmp_path).exit_code == 0
    build = tmp_path / "build" / EVENT
    data = (build / f"{EVENT}-proceedings.docx").read_bytes()
    document = docx.Document(io.BytesIO(data))
    first = document.paragraphs[0]
    assert first.style.name == "Cover Text" and document.paragraphs[1].style.name == "Title"
    inline = first._p.xpath(".//wp:inline")
    assert len(inline) == 1
    assert inline[0].xpath("./wp:docPr/@descr") == [ALT]
    blip = inline[0].xpath(".//a:blip/@r:embed")[0]
    assert document.part.related_parts[blip].blob == (tmp_path / "source" / EVENT / "assets" / "logo.png").read_bytes()
    extent = inline[0].find(qn("wp:extent"))
    with pdfplumber.open(build / f"{EVENT}-proceedings.pdf") as pdf:
        (image,) = pdf.pages[0].images
    assert abs(int(extent.get("cx")) / 12700 - image["width"]) < 0.1
    assert abs(int(extent.get("cy")) / 12700 - image["height"]) < 0.1
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/media/image1.png" in z.namelist()
    assert cli("export", "docx", cwd=tmp_path).exit_code == 0
    assert (build / f"{EVENT}-proceedings.docx").read_bytes() == data  # deterministic, image and all
    from test_docx_package import audit
    assert audit(build / f"{EVENT}-proceedings.docx") == []


def test_a_logo_without_alt_text_is_a_located_error(cli, tmp_path):
    with_logo(tmp_path, rgba_logo)
    event = tmp_path / "source" / EVENT / "event.yaml"
    event.write_text(event.read_text().replace(f'  logo_alt: "{ALT}"\n', ""))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (f"source/{EVENT}/event.yaml:27:9: organiser.logo_alt: a logo needs alt text saying what it shows, "
            "for readers who cannot see it: add logo_alt (e.g. logo_alt: Strategic Vision Institute logo)"
            ) in result.output


def test_alt_text_without_a_logo_is_a_located_error(cli, tmp_path):
    with_logo(tmp_path, rgba_logo)
    event = tmp_path / "source" / EVENT / "event.yaml"
    event.write_text(event.read_text().replace("  logo: assets/logo.png\n", ""))
    result = cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert (f"source/{EVENT}/event.yaml:27:13: organiser.logo_alt: is the alt text of a logo, but organiser.logo "
            "is not given") in result.output


def test_check_warns_of_a_logo_under_300_ppi_in_print(cli, tmp_path):
    """400 pixels across the cover's logo box (60 % of the A5 text block,
    68 mm) is 149 ppi: a warning naming the file, where it is given and the
    pixels needed; the check still passes."""
    with_logo(tmp_path, rgba_logo)
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 0
    assert (f"source/{EVENT}/event.yaml:27:9: organiser.logo: warning: source/{EVENT}/assets/logo.png prints at "
            "149 ppi on the cover of the print edition (400×120 pixels over 68×21 mm); print shops ask for 300 ppi: "
            "supply it at least 808×243 pixels") in result.output
    assert "no problems:" in result.output


def test_check_passes_a_logo_of_enough_pixels_quietly(cli, tmp_path):
    with_logo(tmp_path, lambda p: Image.new("RGB", (900, 270), (122, 36, 48)).save(p))
    result = cli("check", cwd=tmp_path)
    assert result.exit_code == 0 and "warning" not in result.output
    assert "image resolution" in result.output
