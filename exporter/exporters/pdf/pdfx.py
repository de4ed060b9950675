"""PDF/X identification of the print edition, added to the finished file.

A print shop's preflight recognises PDF/X by what the file declares, so
ReportLab's output is completed with pikepdf:

- an OutputIntent ``/GTS_PDFX`` holding the layout's CMYK output profile
  (``DestOutputProfile``, an ICC stream with ``/N 4``), its
  OutputConditionIdentifier (``FOGRA39`` for the bundled profile), the
  condition in words and the ICC registry where the name is registered;
- ``GTS_PDFXVersion`` and ``Trapped`` in the document information;
- an XMP metadata stream (uncompressed, as preflight tools read it) that
  says the same: ``pdfxid:GTS_PDFXVersion``, ``pdf:Trapped``, ``dc:title``,
  creator and producer, the dates of the information dictionary (so
  $SOURCE_DATE_EPOCH or the event's publication date, never the clock),
  and the document's ``xmpMM`` identity (DocumentID from the event and
  layout, the same for every rendering; InstanceID from this rendering's
  bytes; VersionID, RenditionClass);
- the PDF version the standard is based on (1.6 for PDF/X-4, 1.4 for
  PDF/X-1a:2003) and a trailer ``/ID`` computed from the content.

What the pages already are (TrimBox and BleedBox on every page, fonts
embedded, every colour DeviceCMYK, no annotations or actions, and for
PDF/X-1a no transparency) is made by the print edition itself; the tests
check it on the file.  No validator certifies the result offline.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zlib
from functools import lru_cache

from exporter.layout import Layout
from exporter.model import Event

_VERSIONS = {"PDF/X-4": "1.6", "PDF/X-1a:2003": "1.4"}
#: Information keys with an XMP equivalent (pikepdf copies them over).
_MAPPED = ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer", "/CreationDate", "/ModDate")


@lru_cache(maxsize=4)
def _compressed(icc: bytes) -> bytes:
    """The profile Flate-compressed, once per process."""
    return zlib.compress(icc, 9)


def _uuid(*parts: str) -> str:
    """A deterministic ``uuid:`` for XMP from ``parts``."""
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return f"uuid:{uuid.UUID(bytes=digest[:16], version=4)}"


def identify(data: bytes, layout: Layout, event: Event) -> bytes:
    """The print edition ``data`` declared as the layout's PDF/X standard,
    for its output profile."""
    import pikepdf  # here: only the print edition needs it

    with pikepdf.open(io.BytesIO(data)) as pdf:
        declare(pdf, layout, event, instance=hashlib.sha256(data).hexdigest())
        out = io.BytesIO()
        # the version the standard is based on; a trailer /ID computed from the content
        pdf.save(out, force_version=_VERSIONS[layout.printing.standard], deterministic_id=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def declare(pdf, layout: Layout, event: Event, instance: str) -> None:
    """Add the output intent, the information keys and the XMP of the
    layout's PDF/X standard to an open ``pikepdf.Pdf`` (``instance``: a
    digest of this rendering, for xmpMM:InstanceID)."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String

    settings = layout.printing
    standard = settings.standard
    # -- 1. the output intent: the press the colours were converted for
    profile = pikepdf.Stream(pdf, _compressed(settings.profile.read_bytes()))
    profile.Filter = Name.FlateDecode
    profile.N = 4
    profile.Alternate = Name.DeviceCMYK
    intent = Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX,
                        OutputConditionIdentifier=String(settings.condition),
                        OutputCondition=String(settings.condition_text),
                        Info=String(settings.condition_text), DestOutputProfile=pdf.make_indirect(profile))
    if settings.registry:
        intent.RegistryName = String(settings.registry)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
    # -- 2. XMP from the document information, plus what PDF/X asks
    info = pdf.docinfo
    info.Title = String(event.title)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo({k: v for k, v in info.items() if k in _MAPPED}, raise_failure=True)
        meta["pdf:Trapped"] = "True" if settings.trapped else "False"
        meta["xmp:MetadataDate"] = meta["xmp:ModifyDate"]
        meta["dc:format"] = "application/pdf"
        meta["xmpMM:DocumentID"] = _uuid("octavo", event.id, layout.name, "print")
        meta["xmpMM:InstanceID"] = _uuid(instance, standard)
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
        if standard == "PDF/X-4":
            meta["pdfxid:GTS_PDFXVersion"] = standard
        else:
            meta["pdfx:GTS_PDFXVersion"] = standard
            meta["pdfx:GTS_PDFXConformance"] = standard
    # -- 3. the document information (keys with no XMP equivalent: after)
    info.Trapped = Name("/True" if settings.trapped else "/False")
    info.GTS_PDFXVersion = String(standard)
    if standard == "PDF/X-1a:2003":
        info.GTS_PDFXConformance = String(standard)
