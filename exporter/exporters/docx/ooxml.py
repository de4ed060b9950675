"""Small WordprocessingML helpers shared by the docx modules: element
builders and schema-ordered insertion into settings and section properties."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: The children of ``w:settings`` in schema order (ECMA-376 CT_Settings).
SETTINGS_ORDER = (
    "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge "
    "revisionView trackRevisions doNotTrackMoves doNotTrackFormatting documentProtection "
    "autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop autoHyphenation "
    "consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps showEnvelope summaryLength "
    "clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing "
    "drawingGridVerticalSpacing displayHorizontalDrawingGridEvery "
    "displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData "
    "noPunctuationKerning characterSpacingControl printTwoOnOne strictFirstAndLastChars "
    "noLineBreaksAfter noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema "
    "saveInvalidXml ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
    "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
    "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
    "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
    "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
    "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
    "decimalSymbol listSeparator"
).split()

#: The children of ``w:sectPr`` in schema order (ECMA-376 CT_SectPr).
SECTPR_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
    "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
    "bidi rtlGutter docGrid printerSettings sectPrChange"
).split()


#: The children of ``w:pPr`` in schema order (ECMA-376 CT_PPr).
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
    "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def el(tag: str, **attrs: str) -> OxmlElement:
    """A new ``w:`` element with ``w:``-qualified attributes."""
    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(f"w:{key}"), str(value))
    return node


def put_in_order(parent, child, order: tuple[str, ...] | list[str]) -> None:
    """Insert ``child`` into ``parent`` before the first sibling that comes
    after it in ``order``, replacing any existing element of the same tag."""
    local = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = order[order.index(local) + 1:]
    parent.insert_element_before(child, *(f"w:{t}" for t in later))


def set_setting(settings_el, tag: str, **attrs: str) -> None:
    """Set ``w:<tag>`` in settings.xml, in schema order."""
    put_in_order(settings_el, el(f"w:{tag}", **attrs), SETTINGS_ORDER)


def set_sectpr(sectpr, tag: str, **attrs: str) -> None:
    """Set ``w:<tag>`` in a section's properties, in schema order."""
    put_in_order(sectpr, el(f"w:{tag}", **attrs), SECTPR_ORDER)
