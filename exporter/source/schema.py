"""The source format's shape, declared once with pydantic.

These classes say which keys each file may hold and what type each value
has; the loader maps pydantic's errors back to file, line and column and
turns the checked data into the model (``exporter.model``).  They are also
the source of the JSON Schema editors' tools can use.  Every scalar arrives
as the exact text the editor typed (see ``yamlread``), so text fields are
plain ``str`` and nothing is coerced.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from exporter.model import CONTRIBUTION_KINDS
from exporter.source.values import real_date

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
#: The line breaks of Unicode (LF, CR, NEL, LINE and PARAGRAPH SEPARATOR; vertical tab and form
#: feed are refused as controls): a one-line field holds none of them, since a name or title is
#: set on one line in every format and a template prints each value as one line.
LINE_BREAKS = _BREAKS = "\n\r\x85\u2028\u2029"  # the characters themselves: both regex engines take them
Line = Annotated[str, StringConstraints(min_length=1, pattern=rf"^[^{_BREAKS}]*\S[^{_BREAKS}]*$")]
#: One line of text, or nothing.
OptLine = Annotated[str, StringConstraints(pattern=rf"^[^{_BREAKS}]*$")]
Prose = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
DateText = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"), AfterValidator(real_date)]
Url = Annotated[str, StringConstraints(pattern=r"^\S+$")]
#: A BCP 47 language tag: a language code, then subtags (script, region …).
LangTag = Annotated[str, StringConstraints(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")]
Ids = Annotated[list[Id], Field(min_length=1)]


class Strict(BaseModel):
    """Base for every part of the format: unknown keys are errors, no
    coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# -- people.yaml -------------------------------------------------------------


class PersonIn(Strict):
    """A person, defined once and referred to by ``id``.  ``native_name_lang``
    is the language of ``native_name`` as a BCP 47 tag (``ru-RU``, ``uk-UA``,
    ``ur-PK``); without it, outputs guess the language from the script
    (Cyrillic as Russian, Arabic script as Arabic)."""

    id: Id
    name: Line
    honorific: OptLine = ""
    post_nominals: OptLine = ""
    role: OptLine = ""
    affiliation: OptLine = ""
    country: OptLine = ""
    native_name: OptLine = ""
    native_name_lang: LangTag = ""
    sort_as: OptLine = ""


class PeopleFile(Strict):
    """``people.yaml``: the list of people."""

    people: Annotated[list[PersonIn], Field(min_length=1)]


# -- sessions/*.yaml ---------------------------------------------------------


class ContributionIn(Strict):
    """A talk, address or remarks by one or more speakers."""

    id: Id
    kind: Literal[CONTRIBUTION_KINDS]  # type: ignore[valid-type]
    speakers: Ids
    title: str = ""
    quotes: list[Line] = []
    text: Prose


class AnswerIn(Strict):
    """One answer to a question, ``by`` a person."""

    by: Id
    text: Prose


class ExchangeIn(Strict):
    """A question from the floor (``to`` whom it was put) and its answers
    (none where the report records no answer, as for a comment from the
    floor)."""

    id: Id
    questioner: Id
    to: list[Id] = []
    question: Prose
    answers: list[AnswerIn] = []


class QAIn(Strict):
    """A question-and-answer round."""

    id: Id
    kind: Literal["qa"]
    title: OptLine = "Question and Answer Session"
    intro: str = ""
    exchanges: Annotated[list[ExchangeIn], Field(min_length=1)]


class NoteIn(Strict):
    """Text that belongs to no speaker: ``narrative`` or ``ceremony``."""

    id: Id
    kind: Literal["narrative", "ceremony"]
    people: list[Id] = []
    text: Prose


ItemIn = Annotated[Union[ContributionIn, QAIn, NoteIn], Field(discriminator="kind")]


class SessionFile(Strict):
    """One ``sessions/*.yaml`` file: a session of the programme."""

    id: Id
    kind: Literal["inaugural", "working", "concluding"]
    title: Line
    theme: str = ""
    chair: Optional[Id] = None
    speakers: list[Id] = []
    discussants: list[Id] = []
    intro: str = ""
    items: Annotated[list[ItemIn], Field(min_length=1)]


# -- event.yaml --------------------------------------------------------------


class FigureIn(Strict):
    """A figure of the organiser's profile."""

    value: Line
    label: Line


class OrganiserIn(Strict):
    """The organising institution.  ``city`` is where it is, the place of
    publication in the imprint (not the event's city).  ``logo`` is a PNG or
    JPEG inside the event folder, drawn on the cover; ``logo_alt``, required
    with it, says what it shows for readers who cannot see it (the .docx's
    alt text)."""

    name: Line
    short_name: Line
    city: OptLine = ""
    url: Url = ""
    logo: OptLine = ""
    logo_alt: OptLine = ""
    description: str = ""
    profile: str = ""
    figures: list[FigureIn] = []


class CreditsIn(Strict):
    """Who compiled and edited the record."""

    compiled_by: list[Line] = []
    edited_by: list[Line] = []


class ReviewIn(Strict):
    """Where speakers return corrections to their review copies, and by when."""

    contact: Line
    deadline: DateText


class OutletIn(Strict):
    """A media outlet that covered the event."""

    name: Line
    url: Url = ""


class MediaIn(Strict):
    """The media coverage section."""

    intro: str = ""
    outlets: Annotated[list[OutletIn], Field(min_length=1)]


class EventFile(Strict):
    """``event.yaml``: the event, its organiser and its record's credits."""

    title: Line
    subtitle: OptLine = ""
    kind: OptLine = ""
    date: DateText
    venue: Line
    city: Line
    country: OptLine = ""
    language: LangTag = "en-GB"
    published: Optional[DateText] = None
    rights: OptLine = ""
    keywords: list[Line] = []
    credits: CreditsIn = CreditsIn()
    review: Optional[ReviewIn] = None
    organiser: OrganiserIn
    introduction: str = ""
    media: Optional[MediaIn] = None


# -- brief.yaml --------------------------------------------------------------


class MessageIn(Strict):
    """A key message of the brief."""

    text: Prose
    ref: Id


class RecommendationIn(Strict):
    """A recommendation, addressed to an ``actor`` where the source names one."""

    text: Prose
    actor: OptLine = ""
    ref: Id


class KeyFigureIn(Strict):
    """A key figure: value, unit, label, and the item that states it."""

    value: Line
    unit: OptLine = ""
    label: Line
    ref: Id


class QuoteIn(Strict):
    """The brief's pull quote."""

    text: Line
    speaker: Id
    ref: Optional[Id] = None


class BriefFile(Strict):
    """``brief.yaml``: the one-page policy brief's editorial content."""

    title: Line
    context: str = ""
    key_messages: Annotated[list[MessageIn], Field(min_length=1)]
    recommendations: Annotated[list[RecommendationIn], Field(min_length=1)]
    key_figures: list[KeyFigureIn] = []
    quote: Optional[QuoteIn] = None
