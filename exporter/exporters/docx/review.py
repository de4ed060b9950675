"""Review copies in Word: for one person, a .docx of their own
contributions and the Q&A exchanges they took part in, with the review
note at the top, styled by the layout's reference.docx, and Track Changes
switched on, so that their corrections come back as revisions that
``octavo import EDITED.docx --into EVENT`` lists with their name.

Every paragraph keeps its source bookmark (see ``blocks``), and the file
says whose copy it is (core property ``identifier``), so that an edit to
someone else's words can be reported instead of applied.
"""

from __future__ import annotations

from typing import ClassVar

from exporter import model as m
from exporter.layout import Layout
from exporter.layout.templates import human_date, render_lines
from exporter.naming import slug
from exporter.review import for_person

from . import DocxExporter, finish_package, open_reference, prepare, set_properties
from .ooxml import el
from .writer import ProceedingsWriter

#: The identifier a review copy carries: ``octavo-review:<event>:<person>``.
IDENTIFIER = "octavo-review"

#: Template line styles (review_note.j2) as Word paragraph styles.
NOTE_STYLES = {"heading1": "Heading 1", "heading2": "Heading 2", "caption": "Caption"}

#: What CT_Settings allows after w:trackRevisions (ECMA-376, 17.15.1.78), so
#: that the new element goes in its place.
_AFTER_TRACK_REVISIONS = (
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride", "styleLockTheme",
    "styleLockQFSet", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
    "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle", "defaultTableStyle",
    "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl",
    "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags",
    "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
    "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator")


class ReviewWriter(ProceedingsWriter):
    """The review note, then the person's sessions."""

    def __init__(self, document, event: m.Event, layout, person: m.Person) -> None:
        super().__init__(document, event, layout)
        self.person = person

    def write(self) -> None:
        ev = self.event
        lines = render_lines(self.layout, "review_note.j2", event=ev, organiser=ev.organiser,
                             date=human_date(ev.date), published=human_date(ev.published or ev.date),
                             person=self.person,
                             deadline=human_date(ev.review_deadline) if ev.review_deadline else "",
                             contact=ev.editor_contact)
        for line in lines:
            self.text(NOTE_STYLES.get(line.style, "Body Text"), line.text)
        for session in ev.sessions:
            self.session(session)


def track_revisions(document) -> None:
    """Switch Track Changes on, in the place the schema gives the setting."""
    settings = document.settings.element
    node = el("w:trackRevisions")
    after = next((child for child in settings if child.tag.rsplit("}", 1)[-1] in _AFTER_TRACK_REVISIONS), None)
    (after.addprevious if after is not None else settings.append)(node)


class ReviewDocxExporter(DocxExporter):
    """One person's review copy as a .docx, written to ``<event>/review/``."""

    name: ClassVar[str] = "review"
    description: ClassVar[str] = "a speaker's review copy in Word, Track Changes on"
    suffix: ClassVar[str] = "-review.docx"
    in_all: ClassVar[bool] = False

    def __init__(self, event: m.Event, layout: Layout, shared: dict | None = None, *, person: str) -> None:
        self.person, narrowed = for_person(event, person)
        super().__init__(narrowed, layout, shared)

    def filename(self) -> str:
        """``<event>-review-<person id>.docx``."""
        return f"{slug(self.event.id)}-review-{slug(self.person.id)}.docx"

    def path(self, out_dir):
        return out_dir / slug(self.event.id) / "review" / self.filename()

    def render(self) -> bytes:
        document = open_reference(self.layout)
        prepare(document, self.event.language)
        ReviewWriter(document, self.event, self.layout, self.person).write()
        set_properties(document, self.event)
        document.core_properties.identifier = f"{IDENTIFIER}:{self.event.id}:{self.person.id}"
        track_revisions(document)
        return finish_package(document, self.event.published)
