"""The importer's text rules: sentences, and prose written back as Markdown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from exporter.importers import sentences
from exporter.importers.document import Block, Span
from exporter.importers.writer import paragraph
from exporter.plaintext import inline_text
from exporter.source.markdown import ProseOrigin, escape_text, parse_inline
from exporter.source.yamlread import FORBIDDEN

CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",)).filter(
    lambda c: not FORBIDDEN.match(c) and c not in "\r\n\u0085\u2028\u2029\ufeff\t")
TEXT = st.text(CHARS, min_size=1, max_size=60).map(lambda t: " ".join(t.split())).filter(bool)


def _reads(md: str) -> str:
    problems = []
    return inline_text(parse_inline(md, ProseOrigin("t", "", 1, 1), lambda loc, msg: problems.append(msg)))


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_escaped_text_reads_back_as_itself(text):
    assert _reads(escape_text(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_a_paragraph_written_one_sentence_a_line_reads_back(parts):
    text = ". ".join(parts)
    md = paragraph(Block("para", text, 1))
    assert _reads(md) == " ".join(text.split()) or md.count("\n") == 0 and _reads(md) == text


def test_markup_survives_and_never_adds_characters():
    text = "Dr. Amina Rauf said that *stars* matter. See the report."
    star, report = text.index("*stars*"), text.index("report.")
    block = Block("para", text, 1, (Span(0, 14, "strong"), Span(star, star + 7, "emph"),
                                    Span(report, report + 7, "link", "https://example.org/a b")))
    md = paragraph(block)
    assert md == "**Dr. Amina Rauf** said that *\\*stars\\** matter.\nSee the [report.](<https://example.org/a%20b>)"


def test_sentences_of_the_genre():
    text = ("The session was chaired by AVM (R) Faaiz Amir, HI (M), S Bt, (VC, Air University, Islamabad). "
            "Lt. Gen. (R) Syed Muhammad Owais spoke. H.E. Alexey Dedov and Ms. S. Sadia Kazmi agreed, i.e. "
            "Russia and Pakistan. It grew to US $0.8 billion. Why? The presidency.The end")
    assert sentences.split(text) == [
        "The session was chaired by AVM (R) Faaiz Amir, HI (M), S Bt, (VC, Air University, Islamabad).",
        "Lt. Gen. (R) Syed Muhammad Owais spoke.",
        "H.E. Alexey Dedov and Ms. S. Sadia Kazmi agreed, i.e. Russia and Pakistan.",
        "It grew to US $0.8 billion.", "Why?", "The presidency.", "The end"]
