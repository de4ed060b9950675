"""The document model: one conference, typed and format-neutral.

Every exporter reads these types and nothing else.  They are frozen
dataclasses holding plain Python values: no YAML node, no Markdown token,
no ReportLab or python-docx object ever appears here, and text is never
escaped for any format.  Escaping happens at the edge, in each exporter.

The shape, from the top::

    Event
      ├─ people: Person …            (defined once, referred to by id)
      ├─ introduction: Block …
      ├─ sessions: Session …
      │    └─ items: Contribution | QASession | Note
      ├─ media: MediaCoverage
      └─ brief: Brief

Prose is a tuple of ``Block`` (Paragraph, ListBlock, BlockQuote), and a
paragraph is a tuple of ``Inline`` (Text, Emph, Strong, Link, Quote).
Every element that an editor wrote carries a ``Loc`` so that later stages
(the brief's fitter, ``octavo verify``) can name where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

# -- locations ---------------------------------------------------------------


@dataclass(frozen=True)
class Loc:
    """Where an element was written: a file relative to the event folder, a
    1-based line and column, and the dotted field path inside that file."""

    file: str
    line: int
    col: int
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}" if self.path else where


NOWHERE = Loc("<generated>", 0, 0)

# -- inline text -------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A run of plain text, exactly as the editor wrote it (no escaping)."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Emphasised text (usually set in italic)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Strongly emphasised text (usually set in bold)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``target`` is an http, https or mailto URL (validated)."""

    target: str
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Quote:
    """A quotation inside running text: words a speaker said, marked as such.

    The quotation marks themselves are not part of ``children``; each
    exporter sets the marks its typography asks for.
    """

    children: tuple[Inline, ...]


Inline = Union[Text, Emph, Strong, Link, Quote]

# -- blocks ------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    inlines: tuple[Inline, ...]
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class ListBlock:
    """A list.  ``ordered`` lists are numbered from ``start``; each item is a
    tuple of blocks (usually one paragraph).  How numbers look (1., I., a)) is
    the layout's choice, not the source's."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class BlockQuote:
    """A quotation set off from the text as a block."""

    blocks: tuple[Block, ...]
    loc: Loc = NOWHERE


Block = Union[Paragraph, ListBlock, BlockQuote]

# -- people ------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone who spoke, chaired, asked or answered, defined once by id.

    ``honorific`` keeps the rank exactly as written ("Dr.", "H.E.",
    "Amb (R)", "AVM (R)"); ``post_nominals`` likewise ("HI (M), S Bt").
    ``sort_name`` is the key for indexes (the surname unless the editor says
    otherwise); ``native_name`` is the name in its own script, if given, and
    ``native_name_lang`` its language (a BCP 47 tag such as ``ru-RU``; ""
    when the source does not say, and exporters guess from the script).
    """

    id: str
    name: str
    honorific: str = ""
    post_nominals: str = ""
    role: str = ""
    affiliation: str = ""
    country: str = ""
    native_name: str = ""
    sort_name: str = ""
    loc: Loc = NOWHERE
    native_name_lang: str = ""

    @property
    def display_name(self) -> str:
        """Honorific and name, as a heading would show them."""
        return f"{self.honorific} {self.name}".strip()

    @property
    def full_name(self) -> str:
        """Honorific, name and post-nominals."""
        tail = f", {self.post_nominals}" if self.post_nominals else ""
        return self.display_name + tail

    @property
    def position(self) -> str:
        """Role and affiliation joined, or whichever exists."""
        return ", ".join(p for p in (self.role, self.affiliation) if p)


# -- the programme -----------------------------------------------------------

ContributionKind = Literal[
    "overview",
    "welcome",
    "chief-guest",
    "talk",
    "discussant",
    "chair",
    "keynote",
    "rapporteur",
    "thanks",
]

CONTRIBUTION_KINDS: tuple[str, ...] = ContributionKind.__args__  # type: ignore[attr-defined]

#: How each kind of contribution is labelled when no talk title is given.
CONTRIBUTION_LABELS: dict[str, str] = {
    "overview": "Overview",
    "welcome": "Welcome Remarks",
    "chief-guest": "Address of the Chief Guest",
    "talk": "Talk",
    "discussant": "Discussant's Remarks",
    "chair": "Chair's Remarks",
    "keynote": "Keynote Address",
    "rapporteur": "Rapporteur's Remarks",
    "thanks": "Vote of Thanks",
}


@dataclass(frozen=True)
class Contribution:
    """One person's (or several people's) part of a session: a talk, remarks,
    an address.  ``speakers`` are Person ids; ``title`` is the talk's title
    when it has one.  ``quotes`` are phrases of ``body`` an editor marked for
    display as pull quotes; they also appear in ``body`` as ``Quote`` nodes.
    """

    id: str
    kind: ContributionKind
    speakers: tuple[str, ...]
    body: tuple[Block, ...]
    title: tuple[Inline, ...] = ()
    quotes: tuple[str, ...] = ()
    loc: Loc = NOWHERE

    @property
    def label(self) -> str:
        """The generic name of this kind of contribution."""
        return CONTRIBUTION_LABELS[self.kind]


@dataclass(frozen=True)
class Answer:
    """One reply within a Q&A exchange, by the person ``responder``."""

    responder: str
    body: tuple[Block, ...]
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Exchange:
    """A question from the floor and its answers.  ``addressed_to`` lists who
    the question was put to (empty when it was put to the panel)."""

    id: str
    questioner: str
    addressed_to: tuple[str, ...]
    question: tuple[Block, ...]
    answers: tuple[Answer, ...]
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class QASession:
    """An interactive question-and-answer round: its introducing sentence(s)
    and the exchanges in order."""

    id: str
    intro: tuple[Block, ...]
    exchanges: tuple[Exchange, ...]
    title: str = "Question and Answer Session"
    loc: Loc = NOWHERE


NoteKind = Literal["narrative", "ceremony"]


@dataclass(frozen=True)
class Note:
    """Text that belongs to no speaker: a linking sentence of the report
    (``narrative``) or a record of a ceremony such as shields presented
    (``ceremony``).  ``people`` are those the note is about."""

    id: str
    kind: NoteKind
    body: tuple[Block, ...]
    people: tuple[str, ...] = ()
    loc: Loc = NOWHERE


Item = Union[Contribution, QASession, Note]

SessionKind = Literal["inaugural", "working", "concluding"]


@dataclass(frozen=True)
class Session:
    """One session of the programme, in order.  ``title`` is how the
    proceedings name it ("Inaugural Session", "Session II"); ``theme`` is its
    subject where it has one.  ``chair``, ``speakers`` and ``discussants``
    are Person ids; ``intro`` is the text introducing the panel."""

    id: str
    kind: SessionKind
    title: str
    items: tuple[Item, ...]
    theme: tuple[Inline, ...] = ()
    chair: str = ""
    speakers: tuple[str, ...] = ()
    discussants: tuple[str, ...] = ()
    intro: tuple[Block, ...] = ()
    loc: Loc = NOWHERE

    @property
    def panel(self) -> tuple[str, ...]:
        """Speakers then discussants."""
        return self.speakers + self.discussants


# -- the organiser, the event, the record ------------------------------------


@dataclass(frozen=True)
class Figure:
    """A number with its label ("74", "academic sessions held")."""

    value: str
    label: str
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Organiser:
    """The institution that held the conference and publishes the record.
    ``logo`` is the absolute path of its logo image ("" for none),
    ``logo_alt`` the text that says what the logo shows, and ``logo_loc``
    where the logo was given."""

    name: str
    short_name: str
    url: str = ""
    description: tuple[Block, ...] = ()
    profile: tuple[Block, ...] = ()
    figures: tuple[Figure, ...] = ()
    logo: str = ""
    loc: Loc = NOWHERE
    logo_alt: str = ""
    logo_loc: Loc = NOWHERE
    city: str = ""
    """Where the organiser is: the place of publication (not the event's city)."""


@dataclass(frozen=True)
class Outlet:
    """A newspaper, agency or channel that covered the event."""

    name: str
    url: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class MediaCoverage:
    """The media coverage section: its introducing text and the outlets."""

    intro: tuple[Block, ...]
    outlets: tuple[Outlet, ...]
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Credits:
    """Who compiled and who edited the record (names as printed)."""

    compiled_by: tuple[str, ...] = ()
    edited_by: tuple[str, ...] = ()


# -- the brief ---------------------------------------------------------------


@dataclass(frozen=True)
class KeyMessage:
    """A message of the policy brief; ``ref`` is the id of the contribution,
    exchange or note of the proceedings that discusses it."""

    text: tuple[Inline, ...]
    ref: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Recommendation:
    """A recommendation of the brief, addressed to ``actor`` where the source
    names one ("Pakistan and Russia", "Russia")."""

    text: tuple[Inline, ...]
    actor: str = ""
    ref: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class KeyFigure:
    """A figure for the brief's band: value, unit, label, and the
    contribution that states it."""

    value: str
    label: str
    unit: str = ""
    ref: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class PullQuote:
    """The brief's pull quote: the words, who said them, and where."""

    text: str
    speaker: str
    ref: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Brief:
    """The one-page policy brief's editorial content, written by the editor."""

    title: str
    key_messages: tuple[KeyMessage, ...]
    recommendations: tuple[Recommendation, ...]
    context: tuple[Block, ...] = ()
    key_figures: tuple[KeyFigure, ...] = ()
    quote: PullQuote | None = None
    loc: Loc = NOWHERE


@dataclass(frozen=True)
class Event:
    """One conference and its complete record: the root of the model.

    ``id`` is the event folder's name; ``date`` and ``published`` are ISO
    dates (``YYYY-MM-DD`` or ``YYYY-MM`` where the day is not known);
    ``language`` is a BCP 47 tag such as ``en-GB``; ``kind`` says what the
    event was ("One Day International Conference").
    """

    id: str
    title: str
    organiser: Organiser
    date: str
    venue: str
    city: str
    people: tuple[Person, ...]
    sessions: tuple[Session, ...]
    subtitle: str = ""
    country: str = ""
    language: str = "en-GB"
    published: str = ""
    credits: Credits = field(default_factory=Credits)
    rights: str = ""
    keywords: tuple[str, ...] = ()
    introduction: tuple[Block, ...] = ()
    media: MediaCoverage | None = None
    brief: Brief | None = None
    editor_contact: str = ""
    review_deadline: str = ""
    kind: str = ""
    source_digest: str = ""
    """SHA-256 of every file of the event's folder (see ``exporter.inputs``)."""
    texts: tuple[tuple[str, Loc], ...] = ()
    """The event's own one-line texts that the publications print (title,
    subtitle, venue, organiser, credits …), each with where it is written:
    for checks that must name a place (glyphs no font has)."""

    def person(self, person_id: str) -> Person:
        """The person with this id (ids are validated at load)."""
        for p in self.people:
            if p.id == person_id:
                return p
        raise KeyError(person_id)

    def find(self, item_id: str) -> tuple[Session, Item | Exchange] | None:
        """The session and item (or Q&A exchange) carrying ``item_id``."""
        for s in self.sessions:
            for it in s.items:
                if it.id == item_id:
                    return s, it
                if isinstance(it, QASession):
                    for ex in it.exchanges:
                        if ex.id == item_id:
                            return s, ex
        return None
