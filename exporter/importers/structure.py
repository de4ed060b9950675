"""From a report's blocks to a draft event: sessions, items, Q&A, people.

This is the reading an editor does with a highlighter, written as rules of
the genre rather than of one report:

- the text before the first session is the introduction; the event's
  title, kind, organiser, venue and date are read from it ("the SVI
  organized a One Day International Conference titled “…” at the …");
- a session starts at a heading naming one ("Session II: …", "Inaugural
  Session") or at a sentence announcing one ("The second session started
  with …"); a paragraph that lists the panel or names the chair is the
  session's introduction;
- an item starts where a paragraph's subject is a person who is not the
  one speaking ("The first speaker Dr. X delivered a talk on “T”"); its
  kind comes from a heading before it ("Keynote Address") or from the
  words of its first sentence (welcoming remarks, Chief Guest, discussant,
  session Chair, vote of thanks …), and a talk's title from the quotation
  in that sentence; paragraphs that go on about the same person, with a
  pronoun or with no person at all, continue the item;
- a question-and-answer round starts at the sentence that announces it;
  inside it, a new person from the floor opens an exchange, a panellist or
  the person asked answers, and "She answered …" is the person asked;
- ceremonies (shields presented) and one-sentence links between items
  ("The welcoming remarks were followed by …") are notes of their own;
- nothing is dropped: what fits nowhere is a ``narrative`` item in its
  place, and every guess an editor should confirm carries a check.

The phrases themselves (how sessions are announced, which words name which
kind of contribution, how questions are asked and answered) are in
``genre``; this module is the reading that applies them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from exporter.importers import sentences
from exporter.importers.document import Block, Report, Span, is_debris
from exporter.importers.genre import (ACTIVE_CHAIR, AGENT_BEFORE, ANSWER_START, ANSWER_VERB, ASKED_BY, ASKED_OBJECT,
                                      ASKED_WHOM, BARE_TITLE, CEREMONY, CEREMONY_VERB, CHAIRED, CHAIR_LABEL,
                                      CHAIR_MARK, CONCLUDING, DATELINE, DAY_HEADING, FIRST_SPEAKER, HEADING_KINDS,
                                      INAUGURAL, KIND_CUE_STARTS, LINK_CUE, LOOSE_SESSION, MEDIA_HEADING, MONTHS,
                                      OBJECT_BEFORE, OPENED_WITH, ORGANISED, ORG_NAME, PANEL, PANEL_HEADING,
                                      PANEL_LISTING, PROCEEDINGS_HEADING, PRONOUN_START, QA_CUE, QUESTION_VERB,
                                      QUOTED, REFERENT, RESPONDING, ROLE_TAG, SESSION_BY_NUMBER, SESSION_CHAIRED,
                                      SESSION_HEADING, SESSION_NUMBER, SESSION_START, SESSION_VERB, TITLED,
                                      UNNAMED_ASKER, WAY_FORWARD, kind_cue, roman)
from exporter.importers.people import (HONORIFIC, ORG_WORDS, ROLE_WORDS, Mention, People, PersonDraft, countries,
                                       find_mentions, same_token)
from exporter.importers.text import CREDIT

_I = re.I


# -- the draft -------------------------------------------------------------------


@dataclass
class Answer:
    by: PersonDraft | None
    blocks: list[Block]
    checks: list[str] = field(default_factory=list)


@dataclass
class Exchange:
    questioner: PersonDraft | None
    to: list[PersonDraft]
    question: list[Block]
    answers: list[Answer] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    unnamed: bool = False  # asked by someone the report does not name ("A participant asked …")


@dataclass
class Item:
    kind: str
    line: int
    speakers: list[PersonDraft] = field(default_factory=list)
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    intro: list[Block] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class Session:
    kind: str
    line: int
    title: str = ""
    theme: str = ""
    chair: PersonDraft | None = None
    panel: list[tuple[PersonDraft, str]] = field(default_factory=list)  # (person, "speaker"|"discussant")
    intro: list[Block] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    numbered: str = ""  # "Session II" from a heading
    heard: set[int] = field(default_factory=set)  # ids of who spoke in items[:scanned]
    scanned: int = 0


@dataclass
class Draft:
    """Everything the importer read, before ids and files."""

    title: str = ""
    subtitle: str = ""
    kind: str = ""
    date: str = ""
    venue: str = ""
    city: str = ""
    organiser: str = ""
    organiser_short: str = ""
    compiled_by: list[str] = field(default_factory=list)
    edited_by: list[str] = field(default_factory=list)
    introduction: list[Block] = field(default_factory=list)
    media_intro: list[Block] = field(default_factory=list)
    outlets: list[tuple[str, str]] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    people: People = field(default_factory=People)
    checks: dict[str, str] = field(default_factory=dict)
    dropped: list[tuple[int, str]] = field(default_factory=list)


# -- paragraphs and their sentences ------------------------------------------------


@dataclass
class Piece:
    """A paragraph (or part of one) with its sentences and mentions."""

    block: Block
    sents: list[tuple[int, int]]
    mentions: list[Mention]

    @property
    def text(self) -> str:
        return self.block.text

    def sentence(self, i: int) -> str:
        a, b = self.sents[i]
        return self.block.text[a:b]

    def cut(self, k: int) -> tuple["Piece", "Piece"]:
        """The piece before sentence ``k`` and from it on."""
        split = self.sents[k][0]
        end_first = self.sents[k - 1][1]
        first = self.block.sub(0, end_first)
        second = self.block.sub(split, len(self.block.text))
        return (Piece(first, self.sents[:k], [m for m in self.mentions if m.end <= end_first]),
                Piece(second, [(a - split, b - split) for a, b in self.sents[k:]],
                      [_shift(m, -split) for m in self.mentions if m.start >= split]))

    def in_sentence(self, i: int) -> list[Mention]:
        a, b = self.sents[i]
        return [m for m in self.mentions if a <= m.start < b]


def _shift(m: Mention, by: int) -> Mention:
    return Mention(m.start + by, m.end + by, m.honorific, m.tokens, m.post_nominals, m.detail, m.detail_kind,
                   m.source, m.person, m.who)


_CAPITALISED = re.compile(r"(?<![\w.’'-])[A-Z][^\W\d_]{3,}(?:-[A-Z][^\W\d_]+)?(?![\w’'-])")


def _lead_in(block: Block) -> tuple[int, int] | None:
    """A bold span at the very start of a paragraph: a speaker's lead-in."""
    for s in block.spans:
        if s.kind == "strong" and s.start <= 2 and s.end - s.start <= 120:
            return s.start, s.end
    return None


# -- the analysis ------------------------------------------------------------------


class Analysis:
    """One pass over the report's blocks, building the draft."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.draft = Draft(dropped=list(report.dropped))
        self.people = self.draft.people
        self.qa: Item | None = None  # the question round being read, if any
        self.listing = False  # reading a list of speakers under a "Speakers" heading
        self.dateline = ""  # "Tashkent, 22 May 2024" under the title
        self.listed: list[tuple[PersonDraft, str]] = []  # (person, "chair" | "speaker") from that list

    # people first: every mention in the report, so that later mentions resolve
    def _people(self, blocks: list[Block]) -> list[list[Mention]]:
        all_mentions: list[list[Mention]] = []
        for b in blocks:
            found = find_mentions(b.text, _lead_in(b)) if b.kind in ("para", "item") else []
            for m in found:
                m.who = self.people.add(m)
            all_mentions.append(found)
        self.people.finish()
        for found in all_mentions:  # a surname that came before the full name
            for m in found:
                if m.who is None:
                    m.who = self.people.resolve(m)
        # a bare surname ("Gurung began …", "Zielinski replied"), spelled as the person's or one slip away
        surnames: dict[str, list[PersonDraft]] = {}
        for p in self.people.people:
            surnames.setdefault(p.surname, []).append(p)
        for b, found in zip(blocks, all_mentions):
            if not surnames or b.kind not in ("para", "item"):
                continue
            for m in _CAPITALISED.finditer(b.text):
                word = m.group()
                owners = surnames.get(word) or [p for name, ps in surnames.items() for p in ps
                                                if len(word) >= 5 and same_token(word, name)]
                if len(owners) != 1 or len(word) < 4 or any(f.start <= m.start() < f.end + 1 for f in found):
                    continue
                start, tokens = m.start(), (word,)
                given = owners[0].name.split()[:-1]
                before = b.text[max(0, start - 80):start].split()
                if given and before[-len(given):] == given:  # "Faisal Nadeem Gondal" without an honorific
                    start = b.text.rindex(given[0], 0, start)
                    tokens = (*given, word)
                rank = next((h for h in HONORIFIC.finditer(b.text, max(0, start - 40), start) if h.end() == start), None)
                if rank is not None:  # "General Mughal", "Ambassador Bangash": the rank is part of the mention
                    start = rank.start()
                found.append(Mention(start, m.end(), "", tokens, source="surname", person=owners[0].id,
                                     who=owners[0]))
            found.sort(key=lambda f: f.start)
        return all_mentions

    def person(self, m: Mention | None) -> PersonDraft | None:
        return m.who if m is not None else None

    def run(self) -> Draft:
        blocks = list(self.report.blocks)
        mentions = self._people(blocks)
        d = self.draft
        mode = "front"
        session: Session | None = None
        pending_kind = ""
        for b, found in zip(blocks, mentions):
            text = b.text.strip()
            if b.kind == "title":
                if not d.title:
                    d.title = text
                else:
                    d.subtitle = d.subtitle or text
                continue
            if b.kind == "subtitle":
                d.subtitle = d.subtitle or text
                continue
            if b.kind == "para" and CREDIT.match(text):
                self._credit(text)
                continue
            person_line = b.kind == "para" and b.short and any(m.who for m in found) and (
                CHAIRED.search(text) or CHAIR_LABEL.match(text))
            if b.kind == "heading" or (b.kind == "para" and b.short and not person_line):
                if b.kind == "para" and mode == "media":
                    self._outlet(b)
                    continue
                if b.kind == "para" and is_debris(text):
                    d.dropped.append((b.line, text))
                    continue
                heading = text.rstrip(":").strip()
                if MEDIA_HEADING.search(heading) and len(heading.split()) <= 5:
                    mode = "media"
                    continue
                new = self._session_heading(heading, b.line)
                if new is not None:
                    session = new
                    mode = "session"
                    pending_kind = ""
                    continue
                if mode == "front" and PROCEEDINGS_HEADING.match(heading):
                    session, mode = self._implicit_session(b.line), "session"  # "## Discussion"
                    session.checks.clear()
                    continue
                if mode == "front" and PANEL_HEADING.match(heading):
                    self.listing = True  # "## Speakers": the list that follows names the panel
                    continue
                kind = next((k for rx, k in HEADING_KINDS if rx.search(heading)), "")
                if kind and len(heading.split()) <= 8:
                    if mode == "front":
                        session, mode = self._implicit_session(b.line), "session"
                    pending_kind = kind
                    self.qa = None
                    if kind == "qa":
                        item = Item("qa", b.line)
                        session.items.append(item)
                        self.qa = item
                        pending_kind = ""
                    continue
                if DAY_HEADING.match(heading):
                    d.dropped.append((b.line, text))  # "Day Two", "Morning": the programme's furniture
                    if mode == "front" and DATELINE.match(heading):
                        self.dateline = heading  # "Thursday, 7 November 2024"
                    continue
                if mode == "front":
                    if not d.title and not d.introduction:
                        d.title = heading
                    elif not d.subtitle and not d.introduction and not DATELINE.match(heading):
                        d.subtitle = heading  # "Report of the Fourth Tashkent Regional Security Forum"
                    else:
                        d.dropped.append((b.line, text))  # "Tashkent, 22 May 2024", "Introduction"
                        if DATELINE.match(heading):
                            self.dateline = heading
                    continue
                # a heading we cannot place: kept, as text, where it stands
                if mode == "media":
                    self._outlet(b)
                    continue
                note = Item("narrative", b.line, blocks=[Block("para", heading, b.line, spans=(Span(0, len(heading),
                                                                                              "strong"),))])
                note.checks.append(f"heading '{heading}' kept as a paragraph; make it a session or delete it")
                session.items.append(note)
                self.qa = None
                continue
            piece = Piece(b, sentences.spans(b.text) or [(0, len(b.text))], found)
            if mode == "media":
                if b.kind == "item" or b.short or _is_url_line(text):
                    self._outlet(b)
                else:
                    d.media_intro.append(b)
                continue
            if b.kind == "item":
                if self.listing and mode == "front":
                    self._listed(piece)
                if mode == "session" and self.qa is not None and (piece.mentions or UNNAMED_ASKER.match(text)):
                    self._qa_paragraph(session, piece)  # "- **Ms. A (Org)** asked …; **Dr. C** responded …"
                    continue
                self._continue(session, piece, mode)
                continue
            self.listing = False
            start = self._session_start(piece)
            if start is not None:
                session = start
                mode = "session"
                pending_kind = ""
                first_speaker = FIRST_SPEAKER.search(piece.sentence(0))
                named = next((m for m in piece.in_sentence(0) if first_speaker and m.start > first_speaker.end()
                              and self.person(m)), None)
                if named is not None:
                    # "In the first working session titled “…”, moderated by X, the first speaker Mr. Y said …"
                    self._session_intro(session, piece, keep=False)
                    pending_kind = self._paragraph(session, piece, pending_kind, speaker=named)
                    continue
                announced_only = len(piece.sents) <= 2 and not any(self._lead(piece, k)
                                                                   for k in range(len(piece.sents)))
                if (PANEL.search(piece.text) or announced_only) and not KIND_CUE_STARTS.search(piece.sentence(0)):
                    # the panel and its chair, or only "The concluding session was held on …"
                    self._session_intro(session, piece)
                    continue
            if (mode == "session" and session is not None and not session.items and not pending_kind
                    and ACTIVE_CHAIR.search(piece.sentence(0))):
                self._session_intro(session, piece)  # "Dr X, Medical Director of Y, chaired the first panel, …"
                continue
            if (mode == "session" and session is not None and not session.items and not pending_kind
                    and self._lead(piece) is None and PANEL.search(piece.text)
                    and not KIND_CUE_STARTS.search(piece.sentence(0))):
                self._session_intro(session, piece)  # a heading opened it; this names the panel
                continue
            if mode == "front" and (SESSION_CHAIRED.search(piece.sentence(0)) or (
                    len(piece.mentions) >= 2 and self.draft.introduction and PANEL_LISTING.search(piece.text))):
                # "The webinar was moderated by Dr. X. The speakers were …": the one session begins
                session, mode = self._implicit_session(b.line), "session"
                session.checks.clear()
                self._session_intro(session, piece)
                continue
            if mode == "front":
                if self._starts_item(piece):
                    session, mode = self._implicit_session(b.line), "session"
                else:
                    d.introduction.append(b)
                    continue
            pending_kind = self._paragraph(session, piece, pending_kind)
        self._finish_sessions()
        self._event_facts()
        return d

    def _outlet(self, b: Block) -> None:
        """A line of the media list: an outlet's name, and its link if the
        line or its markup has one ("Daily Times: https://…")."""
        text = b.text.strip()
        url = next((s.target for s in b.spans if s.kind == "link"), "")
        m = re.search(r"https?://\S+", text)
        if m:
            url = url or m.group().rstrip(".,;)")
            name = (text[:m.start()] + text[m.end():]).strip(" \t:–—-|()")
            if not name:
                name = re.sub(r"^www\.", "", url.split("/")[2] if url.count("/") >= 2 else url)
                self.draft.checks.setdefault("media", f"outlet named from its link '{url}'")
        else:
            name = text
        self.draft.outlets.append((name, url))

    # -- front matter -------------------------------------------------------------
    def _credit(self, text: str) -> None:
        label, _, names = text.partition(":")
        # names only: "Nodira Yusupova, Junior Research Fellow, CRSCS" credits one person
        people = [n.strip() for n in re.split(r"\s*(?:&|,|;|\band\b)\s*", names) if n.strip()
                  and not ROLE_WORDS.search(n) and not ORG_WORDS.search(n) and not re.fullmatch(r"[A-Z&]{2,}", n.strip())]
        if re.match(r"\s*edit", label, _I):
            self.draft.edited_by.extend(people)
        else:
            self.draft.compiled_by.extend(people)
            if label.lower().startswith("complied"):
                self.draft.checks["credits"] = "the report says 'Complied by'; read as 'Compiled by'"

    def _listed(self, piece: Piece) -> None:
        """One line of a "Speakers" list: "**Dr. X**, Director, Y (chair)"."""
        who = next((self.person(m) for m in piece.mentions if self.person(m)), None)
        if who is not None:
            self.listed.append((who, "chair" if CHAIR_MARK.search(piece.text) else "speaker"))

    def _implicit_session(self, line: int) -> Session:
        s = Session("working", line)
        for who, role in self.listed:
            if role == "chair" and s.chair is None:
                s.chair = who
            else:
                s.panel.append((who, "speaker"))
        self.listed = []
        s.checks.append("no session is announced here; one session holds what follows")
        self.draft.sessions.append(s)
        self.qa = None
        return s

    def _session_heading(self, heading: str, line: int) -> Session | None:
        if (not SESSION_HEADING.search(heading) and not WAY_FORWARD.match(heading)) or len(heading.split()) > 14:
            return None
        if re.search(r"\bquestion|\bQ\s?&\s?A\b", heading, _I):
            return None
        kind = "inaugural" if INAUGURAL.search(heading) else "concluding" if CONCLUDING.search(heading) else "working"
        s = Session(kind, line)
        if WAY_FORWARD.match(heading):
            s.title = heading  # "Way Forward": the closing part of a consultation
        m = SESSION_NUMBER.match(heading)
        if m:
            label = m.group(1).strip()
            label = label.title() if label.isupper() else label  # "PANEL 1" -> "Panel 1"
            s.numbered = re.sub(r"\b([ivx]+)\b", lambda r: r.group(1).upper(), label, flags=_I)
            s.numbered = s.numbered[0].upper() + s.numbered[1:]
            s.theme = m.group(2).strip().strip("“”\"")
        elif kind == "working":
            s.title = heading
        self.draft.sessions.append(s)
        self.qa = None
        return s

    def _session_start(self, piece: Piece) -> Session | None:
        first = piece.sentence(0)
        m = SESSION_START.match(first)
        by_number = SESSION_BY_NUMBER.match(first)
        opened = OPENED_WITH.match(first)
        loose = LOOSE_SESSION.search(first) if (len(piece.sents) == 1 and not piece.mentions
                                                 and not CEREMONY.search(first)) else None
        if not (m and SESSION_VERB.search(m.group("rest"))) and not by_number and not opened and not loose:
            current = self.draft.sessions[-1] if self.draft.sessions else None
            # "The roundtable discussion that followed was chaired by …"
            if not (SESSION_CHAIRED.search(first) and current is not None
                    and any(it.kind not in ("narrative", "ceremony") for it in current.items)):
                return None
        which = (m.group("which") if m else "inaugural" if opened else loose.group("which") if loose else "").lower()
        current = self.draft.sessions[-1] if self.draft.sessions else None
        kind = ("inaugural" if INAUGURAL.search(which) else "concluding" if CONCLUDING.search(which) else "working")
        if current is not None and (current.kind == kind == "inaugural" or (loose and current.kind == kind)):
            return None
        if current is not None and not current.items and not current.intro and current.line >= piece.block.line - 3:
            current.kind = kind if current.kind == "working" else current.kind
            return current  # a heading announced it already
        s = Session(kind, piece.block.line)
        self.draft.sessions.append(s)
        self.qa = None
        return s

    def _session_intro(self, session: Session, piece: Piece, keep: bool = True) -> None:
        """Read a session's theme, chair and panel from ``piece``, and keep
        it as the session's introduction unless ``keep`` is false."""
        if keep:
            session.intro.append(piece.block)
        text = piece.text
        quoted = QUOTED.search(text)
        if quoted and not session.theme:
            session.theme = quoted.group(1).strip()
        chair = CHAIRED.search(text)
        dm = re.search(r"\bdiscussants?\b", text, _I)
        for m in piece.mentions:
            p = self.person(m)
            if p is None:
                continue
            if chair and m.start > chair.start() and (session.chair is None) and m.start - chair.end() < 40:
                session.chair = p
                continue
            after = text[m.end:m.end + 260]
            if session.chair is None and re.match(r"(?:[^.;]*?,)?\s*(?:moderated|chaired|presided over|hosted)\b|"
                                                  r"\s*(?:was|served as) the (?:moderator|chair)", after, _I) \
                    and (m.detail == "" or m.detail in after[:len(m.detail) + 20]):
                session.chair = p  # "Ms. X, Director …, moderated the evening"
                continue
            if session.chair is p:
                continue
            role = "speaker"
            if dm and m.start > dm.start() and not re.search(r"panel of discussants", text[max(0, dm.start() - 10):dm.end()], _I):
                role = "discussant"
            k = next(i for i, (a, b) in enumerate(piece.sents) if a <= m.start < b or i == len(piece.sents) - 1)
            own = piece.in_sentence(k)
            after = piece.text[m.end:piece.sents[k][1]]
            nxt = next((o.start for o in own if o.start > m.start), None)
            tail = after if nxt is None else piece.text[m.end:nxt]
            if ((own and own[0] is m and re.search(r"\bas (?:the |a |one of the )?discussants?\b", piece.sentence(k), _I))
                    or re.search(r"\b(?:as|was|is|were|served as)\s+(?:the |a |one of the )?discussants?\b", tail, _I)):
                role = "discussant"  # "X … joined the panel as the discussant", "with Mr. Y of Z as discussant"
            if all(q is not p for q, _ in session.panel):
                session.panel.append((p, role))
        if session.panel and all(role == "discussant" for _, role in session.panel):
            # "The discussants included …" naming the whole panel: they are its speakers
            session.panel = [(p, "speaker") for p, _ in session.panel]

    # -- items ----------------------------------------------------------------------

    def _current(self, session: Session) -> Item | None:
        return session.items[-1] if session.items else None

    def _lead(self, piece: Piece, k: int = 0) -> Mention | None:
        """The person who is the subject of sentence ``k``, if any."""
        a, b = piece.sents[k]
        sentence = piece.text[a:b]
        if PRONOUN_START.match(sentence):
            return None
        agent = None
        for m in piece.in_sentence(k):
            before = piece.text[a:m.start]
            if len(QUOTED.sub("“”", before).split()) > 14:  # a quoted title is one thing, however long
                break
            if re.fullmatch(r"\W*(?:and|while|whereas|but)\s+", before, _I) and self.person(m) is not None:
                return m  # "…, and Ms X added …" read as a sentence of its own
            if OBJECT_BEFORE.search(before):
                if agent is None and AGENT_BEFORE.search(before) and self.person(m) is not None:
                    agent = m  # "The first presentation was made by Dr. X"
                continue
            if self.person(m) is None:
                continue
            return m
        return agent

    def _starts_item(self, piece: Piece) -> bool:
        lead = self._lead(piece)
        return lead is not None and bool(self._cue(piece, 0) or lead.detail or lead.source == "lead-in")

    def _cue(self, piece: Piece, k: int) -> str:
        """The kind sentence ``k`` announces, read without the positions of
        the people it names ("Senator X, Chairman of …, graced the occasion
        as the Chief Guest" is the Chief Guest, not a chair)."""
        lead_in = _lead_in(piece.block) if k == 0 else None
        if lead_in is not None:  # "**Ms. X, …, Ltd. (Discussant):**", "**Dr. Rijal (Chair):**"
            tag = ROLE_TAG.search(piece.text, lead_in[0], lead_in[1] + 3)
            if tag:
                return {"chair": "chair", "moderator": "chair", "discussant": "discussant", "rapporteur": "rapporteur",
                        "keynote speaker": "keynote", "chief guest": "chief-guest"}[tag.group(1).lower()]
        sentence = piece.sentence(k)
        for m in piece.in_sentence(k):
            if m.detail_kind == "appos" and m.detail:
                sentence = sentence.replace(m.detail, " ")
        return kind_cue(sentence)

    def _paragraph(self, session: Session, piece: Piece, pending: str, speaker: Mention | None = None) -> str:
        """Place one paragraph (cutting off ceremonies and Q&A openings that
        end it); returns the heading kind still pending.  ``speaker`` is the
        subject when the caller found it (a first speaker named inside the
        sentence that opens the session)."""
        cut = self._cut_point(piece)
        if cut:
            first, rest = piece.cut(cut)
            pending = self._paragraph(session, first, pending)
            return self._paragraph(session, rest, pending)
        first = piece.sentence(0)
        label = CHAIR_LABEL.match(first)
        if label and len(piece.sents) <= 2 and not any(it.kind not in ("narrative",) for it in session.items):
            self._session_intro(session, piece)  # "Chair: Amb. (R) X, former …"
            who = next((self.person(m) for m in piece.mentions if self.person(m)), None)
            session.chair = session.chair or who
            return pending
        if self.qa is None and QA_CUE.search(first) and (self._lead(piece) is None or len(piece.sents) == 1):
            opening, rest = piece.cut(1) if len(piece.sents) > 1 else (piece, None)
            item = Item("qa", piece.block.line, intro=[opening.block])
            session.items.append(item)
            self.qa = item
            if rest is not None:  # "Questions were then invited from the hall. Dr X asked …"
                self._qa_paragraph(session, rest)
            return ""
        if CEREMONY.search(first) and CEREMONY_VERB.search(first) and not pending:
            note = Item("ceremony", piece.block.line, blocks=[piece.block])
            note.speakers = _unique(self.person(m) for m in piece.mentions)
            session.items.append(note)
            self.qa = None
            return pending
        lead = speaker or self._lead(piece)
        cue = kind_cue(piece.text[speaker.start:piece.sents[0][1]]) or "talk" if speaker else self._cue(piece, 0)
        if (lead is None and len(piece.sents) > 1 and not piece.in_sentence(0) and not PRONOUN_START.match(first)
                and self._current(session) is None):
            # "Proceedings commenced with the recitation of … Mr. X then welcomed the Chief Guest …"
            second = self._lead(piece, 1)
            if second is not None and self._cue(piece, 1):
                lead, cue = second, self._cue(piece, 1)
        if self.qa is not None and not pending:
            strong = cue in ("keynote", "rapporteur", "thanks", "closing", "chair", "welcome", "chief-guest") and lead
            # the chair speaking after the answers: "Summing up, Professor X observed …"
            strong = strong or (lead is not None and self.person(lead) is session.chair and any(
                ex.answers for ex in self.qa.exchanges) and not QUESTION_VERB.search(first))
            aside = (self.qa.exchanges and len(piece.sents) == 1 and not piece.mentions
                     and not PRONOUN_START.match(first) and not QA_CUE.search(first)
                     and not UNNAMED_ASKER.match(first) and not QUESTION_VERB.search(first)
                     and not self._referents(piece, 0))
            if aside:
                # "The first day concluded with a dinner …": a line of its own after the questions
                note = Item("narrative", piece.block.line, blocks=[piece.block])
                note.checks.append("a one-line paragraph after the questions: part of the last answer?")
                session.items.append(note)
                self.qa = None
                return pending
            if not strong:
                self._qa_paragraph(session, piece)
                return pending
            self.qa = None
        lead_person = self.person(lead)
        asking = QUESTION_VERB.search(first)
        in_lead_in = (span := _lead_in(piece.block)) is not None and lead is not None and span[0] <= lead.start < span[1]
        if (self.qa is None and lead_person is not None and asking and not pending and not in_lead_in
                and lead.source != "lead-in"
                and ASKED_OBJECT.match(first, asking.end())
                and id(lead_person) not in self._panellists(session)
                and any(it.kind in ("talk", "discussant", "keynote") for it in session.items)):
            # questions from the floor that no sentence announced
            item = Item("qa", piece.block.line)
            item.checks.append("the report does not announce this question round; check where it starts")
            session.items.append(item)
            self.qa = item
            self._qa_paragraph(session, piece)
            return pending
        current = self._current(session)
        speaking = current.speakers if current is not None and current.kind not in ("narrative", "ceremony", "qa") \
            else []
        lead_person = self.person(lead)
        if pending:
            person = lead_person or next((self.person(m) for m in piece.mentions if self.person(m)), None)
            self._new_item(session, piece, pending, person, cue_given=True)
            return ""
        if lead_person is not None and all(lead_person is not p for p in speaking):
            self._new_item(session, piece, cue, lead_person, after=speaker.start if speaker else 0)
            return ""
        by = [self.person(m) for m in piece.mentions if self.person(m) is not None]
        if (lead_person is None and by and not PRONOUN_START.match(first)
                and cue in ("welcome", "chief-guest", "keynote", "rapporteur", "thanks", "overview", "closing")
                and (current is None or current.kind != cue)):
            # "The inaugural session started with an overview … This was presented by Ms. X"
            self._new_item(session, piece, cue, by[0])
            return ""
        if (len(piece.sents) == 1 and not piece.mentions and not PRONOUN_START.match(first)
                and (LINK_CUE.search(first) or current is None)):
            note = Item("narrative", piece.block.line, blocks=[piece.block])
            session.items.append(note)
            link = next(reversed(list(LINK_CUE.finditer(first))), None)
            # "… followed by the address of the Chief Guest", "… invited the discussant": what comes next
            announced = kind_cue(first[link.end():]) if link else ""
            return announced if announced not in ("talk", "") else ""
        if current is None or current.kind in ("ceremony",) or (current.kind == "narrative" and not current.checks):
            note = Item("narrative", piece.block.line, blocks=[piece.block])
            if current is None and session.intro == [] and lead_person is None:
                note.checks.append("text with no speaker; an introduction, or part of an item?")
            session.items.append(note)
            return ""
        current.blocks.append(piece.block)
        return ""

    def _cut_point(self, piece: Piece) -> int:
        """A later sentence of the paragraph that starts something else: a
        ceremony, the Q&A, or a new person from the floor (in Q&A)."""
        first = piece.sentence(0)
        if CEREMONY.search(first) and CEREMONY_VERB.search(first):
            # "The programme began with the recitation of … Mr. X then welcomed …": the rite, then the speaker
            return next((k for k in range(1, len(piece.sents)) if self._lead(piece, k)), 0)
        for k in range(1, len(piece.sents)):
            s = piece.sentence(k)
            if CEREMONY.search(s) and CEREMONY_VERB.search(s) and re.search(
                    r"\b(?:session|seminar|conference|event|programme|program|ceremony)\b", s, _I):
                return k
            if QA_CUE.search(s) and (LINK_CUE.search(s) or s.rstrip().endswith(":")):
                return k
        return 0

    def _new_item(self, session: Session, piece: Piece, cue: str, person: PersonDraft | None,
                  cue_given: bool = False, after: int = 0) -> None:
        """A new item of ``session`` opened by ``piece``; a talk's title is
        the first quotation from ``after`` on (the session's own title may
        come earlier in the same sentence)."""
        kind = cue
        item = Item("talk", piece.block.line, blocks=[piece.block])
        panel = {id(p): role for p, role in session.panel}
        if kind == "closing":
            kind = "chair" if person is not None and person is session.chair else "thanks"
        if kind == "overview" and session.kind != "inaugural":
            kind = "talk"  # an overview of a subject is a talk; of the institute, an opening's overview
        if kind == "rapporteur" and person is not None and person is session.chair and not cue_given:
            kind = "chair"  # the chair summing up the session
        if not kind or kind == "qa":
            if person is not None and person is session.chair:
                kind = "chair"
            elif person is not None and panel.get(id(person)) == "discussant":
                kind = "discussant"
            else:
                kind = "talk"
            if kind == "talk" and not (person is not None and id(person) in panel):
                item.checks.append(f"kind '{kind}' guessed")  # a chair or a listed discussant is known
        if kind == "talk" and not cue_given and person is not None and person is session.chair and not any(
                QUOTED.search(piece.sentence(k)) for k in range(min(2, len(piece.sents)))):
            kind = "chair"  # the moderator's remarks, whatever words they use
        if kind == "chair" and person is not None and session.chair is None:
            session.chair = person
        item.kind = kind
        if person is not None:
            item.speakers = [person]
        else:
            item.checks.append("speaker not found; add speakers")
        if kind in ("talk", "keynote"):
            for k in range(min(3, len(piece.sents))):
                sentence = piece.sentence(k)
                q = QUOTED.search(sentence, max(0, after - piece.sents[k][0])) or \
                    BARE_TITLE.search(sentence, max(0, after - piece.sents[k][0]))
                if q and len(q.group(1).split()) >= 2 and (k == 0 or TITLED.search(sentence[:q.start()])
                                                           or q.re is BARE_TITLE):
                    item.title = q.group(1).strip()
                    break
        session.items.append(item)
        self.qa = None

    def _continue(self, session: Session | None, piece: Piece, mode: str) -> None:
        """A list item: it goes with what precedes it."""
        if mode == "front" or session is None:
            self.draft.introduction.append(piece.block)
            return
        if self.qa is not None and self.qa.exchanges:
            ex = self.qa.exchanges[-1]
            (ex.answers[-1].blocks if ex.answers else ex.question).append(piece.block)
            return
        current = self._current(session)
        if current is None or current.kind == "qa":
            current = Item("narrative", piece.block.line)
            current.checks.append("a list with no speaker")
            session.items.append(current)
        current.blocks.append(piece.block)

    # -- question and answer ------------------------------------------------------------
    def _panellists(self, session: Session) -> set[int]:
        """Who belongs to the panel so far: listed, chairing, or heard (an
        item's speaker, someone asked or answering).  Items before the last
        are complete and counted once, so a long session stays linear."""
        def heard(it: Item) -> set[int]:
            out = {id(p) for p in it.speakers}
            for ex in it.exchanges:
                out.update(id(a.by) for a in ex.answers if a.by is not None)
                out.update(id(p) for p in ex.to)
            return out

        while session.scanned < len(session.items) - 1:
            session.heard |= heard(session.items[session.scanned])
            session.scanned += 1
        out = session.heard | {id(p) for p, _ in session.panel}
        if session.chair is not None:
            out.add(id(session.chair))
        if session.items:
            out |= heard(session.items[-1])
        return out

    def _qa_paragraph(self, session: Session, piece: Piece) -> None:
        """Split a paragraph of the question round into questions and
        answers, sentence by sentence: a person from the floor opens an
        exchange ("Mr. X (Role, Org) asked …", "A written question from Ms.
        Y …", "Responding to a query from Mr. Z, …"), a panellist or the
        person asked answers ("Dr. Y replied", "She answered", "…, who
        said"), an unnamed participant's question is kept in its place."""
        qa = self.qa
        assert qa is not None
        self._split_responses(piece)
        parts: list[tuple[int, str, PersonDraft | None, list[PersonDraft], list[str]]] = []
        last = qa.exchanges[-1] if qa.exchanges else None
        asked: list[PersonDraft] = list(last.to) if last is not None else []  # whom the open question was put to
        state = "" if last is None else "answer" if last.answers else "question"
        speaking = (last.answers[-1].by if last and last.answers else last.questioner if last else None)
        for k in range(len(piece.sents)):
            s = piece.sentence(k)
            asker = self._asker(piece, k)
            who = self.person(self._lead(piece, k))
            relative = self._relative_answerer(piece, k)
            addressed = self._addressed(piece, k)
            panel = self._panellists(session) | {id(p) for p in asked}
            if who is not None and who is session.chair and state == "" and not QUESTION_VERB.search(s):
                continue  # "The chair then took questions from participants": the round's introduction
            if asker is not None and asker is not speaking:
                parts.append((k, "question", asker, addressed, []))
                asked, state, speaking = list(addressed), "question", asker
                continue
            if who is None and UNNAMED_ASKER.match(s) and (QUESTION_VERB.search(s) or s.lower().lstrip().startswith(
                    "question")):
                parts.append((k, "unnamed", None, addressed, []))
                asked, state, speaking = list(addressed), "question", None
                continue
            if who is not None and who is not speaking:
                answering = state != "" and (id(who) in panel or ANSWER_START.search(s)) and not (
                    QUESTION_VERB.search(s) and id(who) not in panel)
                if answering:
                    parts.append((k, "answer", who, [], []))
                    state = "answer"
                else:
                    parts.append((k, "question", who, addressed, []))
                    asked, state = list(addressed), "question"
                speaking = who
                continue
            if relative is not None and relative is not speaking and state:
                parts.append((k, "answer", relative, [], []))
                state, speaking = "answer", relative
                continue
            if who is None and state == "question" and PRONOUN_START.match(s) and ANSWER_START.search(s) \
                    and not QUESTION_VERB.search(s):
                by = asked[0] if len(asked) == 1 else None
                parts.append((k, "answer", by, [], [] if by else ["answered by someone the report does not name"]))
                state, speaking = "answer", by
                continue
            if addressed and state == "question":
                new = [p for p in addressed if all(p is not q for q in asked)]
                asked.extend(new)
                if parts and parts[-1][1] in ("question", "unnamed"):
                    parts[-1][3].extend(new)
                elif last is not None:
                    last.to.extend(new)
        # apply
        bounds = [p[0] for p in parts] + [len(piece.sents)]
        if not parts or bounds[0] > 0:
            head = self._slice(piece, 0, bounds[0])
            if last is None:
                qa.intro.append(head)
            elif last.answers:
                last.answers[-1].blocks.append(head)
            else:
                last.question.append(head)
        for (k, what, who, addressed, checks), end in zip(parts, bounds[1:]):
            block = self._slice(piece, k, end)
            if what in ("question", "unnamed"):
                new_ex = Exchange(who, list(addressed), [block], unnamed=what == "unnamed")
                qa.exchanges.append(new_ex)
            else:
                if not qa.exchanges:
                    new_ex = Exchange(None, [], [])
                    new_ex.checks.append("an answer with no question before it")
                    qa.exchanges.append(new_ex)
                qa.exchanges[-1].answers.append(Answer(who, [block], list(checks)))

    def _split_responses(self, piece: Piece) -> None:
        """"Responding to a query from Mr. X (…), who had asked …, Mrs. Y said
        that …": the question ends where the answerer becomes the subject,
        so the sentence is read as two."""
        text = piece.text
        out: list[tuple[int, int]] = []
        for a, b in piece.sents:
            cuts = []
            mentions = [m for m in piece.mentions if a <= m.start < b]
            if RESPONDING.match(text, a):
                for m in mentions[1:]:
                    before = text[a:m.start]
                    if before.rstrip().endswith(",") and not OBJECT_BEFORE.search(before) and self.person(m):
                        cuts.append(m.start)
                        break
            for m in mentions[1:]:
                # "Mr. X responded that …, while Dr. Y added that …", "…; Dr Y replied …; Mag. Z asked …"
                joined = re.search(r"[,;]\s+(?:(?:while|whereas|and)\s+)?$", text[a:m.start])
                verb = ANSWER_VERB.match(text, m.end + 1) or (QUESTION_VERB.match(text, m.end + 1)
                                                              and text[a:m.start].rstrip().endswith(";"))
                if joined and self.person(m) and verb and (not cuts or m.start > cuts[-1]):
                    cuts.append(a + joined.start() + 1)
            for said in re.finditer(r";\s+(?=(?:he|she|they)\s+(?:then\s+)?(?:repl|respond|answer|said|explained))",
                                    text[a:b], _I):
                cuts.append(a + said.start() + 1)  # "…; he replied that …"
            start = a
            for cut in sorted(set(cuts)):
                while cut < b and text[cut].isspace():
                    cut += 1
                if cut <= start or cut >= b:
                    continue
                out.append((start, len(text[:cut].rstrip())))
                start = cut
            out.append((start, b))
        piece.sents = out

    def _asker(self, piece: Piece, k: int) -> PersonDraft | None:
        """The person a sentence names as asking: "a query from Mr. X",
        "A written question from Ms. Y"."""
        a, _ = piece.sents[k]
        for m in piece.in_sentence(k):
            before = piece.text[max(a, m.start - 60):m.start]
            if ASKED_BY.search(before):
                return self.person(m)
        return None

    def _relative_answerer(self, piece: Piece, k: int) -> PersonDraft | None:
        """"… passed the question to Dr. X, who said …", "…, to which Mr. Y
        said …", "responding, the author said …": they answer."""
        for m in piece.in_sentence(k):
            after = piece.text[m.end:m.end + 200]
            before = piece.text[max(piece.sents[k][0], m.start - 30):m.start]
            if re.match(r"(?:,?\s*\([^()]*\))?,\s+who\s+(?:then\s+)?" + ANSWER_VERB.pattern, after, _I) or (
                    re.search(r"\b(?:to which|whereupon|in reply|in response),?\s*$", before, _I)
                    and re.match(r"\s+" + ANSWER_VERB.pattern, after, _I)):
                return self.person(m)
        for at, end, who in self._referents(piece, k):
            if re.match(r"\s+(?:then\s+|also\s+)?" + ANSWER_VERB.pattern, piece.text[end:], _I) and not \
                    ASKED_WHOM.search(piece.text[max(piece.sents[k][0], at - 40):at]):
                return who
        return None

    def _addressed(self, piece: Piece, k: int) -> list[PersonDraft]:
        a, b = piece.sents[k]
        out = []
        for m in piece.in_sentence(k):
            before = piece.text[max(a, m.start - 40):m.start]
            if ASKED_WHOM.search(before):
                p = self.person(m)
                if p is not None:
                    out.append(p)
        for at, _, p in self._referents(piece, k):  # "asked the author whether …"
            if ASKED_WHOM.search(piece.text[max(a, at - 40):at]) and all(p is not q for q in out):
                out.append(p)
        return out

    def _referents(self, piece: Piece, k: int) -> list[tuple[int, int, PersonDraft]]:
        """People a sentence names by their part: "the author" (of the
        session's first talk), "the moderator" or "the chair", "the keynote
        speaker"."""
        session = self.draft.sessions[-1] if self.draft.sessions else None
        if session is None:
            return []
        a, b = piece.sents[k]
        out = []
        for m in REFERENT.finditer(piece.text, a, b):
            role = m.group(1).lower()
            kinds = {"author": ("talk",), "keynote speaker": ("keynote",), "speaker": ("talk", "keynote")}.get(role)
            who = session.chair if kinds is None else next(
                (it.speakers[0] for it in session.items if it.kind in kinds and it.speakers), None)
            if who is not None:
                out.append((m.start(), m.end(), who))
        return out

    def _slice(self, piece: Piece, k: int, end: int) -> Block:
        a = piece.sents[k][0]
        b = piece.sents[end - 1][1] if end < len(piece.sents) else len(piece.text)
        return piece.block.sub(a, b)

    # -- finishing ------------------------------------------------------------------
    def _finish_sessions(self) -> None:
        d = self.draft
        d.sessions = [s for s in d.sessions if s.items or s.intro]
        for n, s in enumerate(d.sessions, 1):
            if not s.items:
                s.items.append(Item("narrative", s.line, blocks=s.intro))
                s.intro = []
                s.items[0].checks.append("a session with no contributions found")
            if s.kind == "inaugural":
                s.title = s.title or "Inaugural Session"
            elif s.kind == "concluding":
                s.title = s.title or "Concluding Session"
            else:
                s.title = s.numbered or s.title or f"Session {roman(n)}"
            for it in s.items:
                if it.kind == "qa":
                    self._finish_qa(s, it)
            # the panel: who spoke, then who was listed but not heard
            if s.chair is None:
                chairs = [it.speakers[0] for it in s.items if it.kind == "chair" and it.speakers]
                s.chair = chairs[0] if chairs else None

    def _finish_qa(self, s: Session, qa: Item) -> None:
        kept = []
        for ex in qa.exchanges:
            if not ex.answers:
                ex.answers.append(Answer(None, [], ["no answer found: the question stands alone"]))
            if ex.questioner is None:
                ex.checks.append("questioner not found")
            kept.append(ex)
        qa.exchanges = kept

    def _event_facts(self) -> None:
        d = self.draft
        # what the report says of the event: its introduction and the opening of its first session
        intro_text = " ".join(b.text for b in d.introduction + (d.sessions[0].intro if d.sessions else []))
        all_text = " ".join(b.text for b in self.report.blocks)
        titled = re.search(r"\b(?:titled|entitled|on the (?:theme|topic)|themed|under the (?:title|theme))\s*,?\s*"
                           r"[“\"‘']([^”\"’]{5,200})[”\"’]", intro_text, _I)
        if not d.title and titled:
            d.title = titled.group(1).strip()
        if not d.title and self.report.meta_title:
            d.title = self.report.meta_title
        if not d.title:
            d.title = "Untitled conference"
            d.checks["title"] = "the report gives no title"
        if ": " in d.title and not d.subtitle:
            d.title, d.subtitle = (x.strip() for x in d.title.split(": ", 1))
        kinds = r"(?:Conference|Seminar|Workshop|Round[- ]?[Tt]able|Symposium|Dialogue|Forum|Webinar|Colloquium|" \
                r"Consultation|Meeting|Summit|Lecture|Discussion|Conclave|Moot|Talk)"
        # "organised a two-day international conference titled …": the kind, in the sentence that holds the event
        km = re.search(rf"\b(?:organi[sz]ed|held|hosted|convened|arranged|conducted|brought [^.]{{0,40}}? in|"
                       rf"opened|launched)\s+(?:a|an|the|its|this)\s+((?:[\w’'-]+\s+){{0,5}}?{kinds})\b",
                       intro_text, _I)
        if km:
            d.kind = km.group(1)[0].upper() + km.group(1)[1:]
        org = ORGANISED.search(intro_text)
        if org:
            self.organiser_city = org.group("city") or ""
            name, acronym = org.group("name").strip(), org.group("acr") or ""
            if re.fullmatch(r"[A-Z&]{2,10}", name):
                acronym = name
                expanded = re.search(rf"({ORG_NAME})\s*\({re.escape(name)}\)", all_text)
                name = expanded.group(1).strip() if expanded else name
                if not expanded:
                    d.checks["organiser"] = f"the report names the organiser only as '{name}'; write its full name"
            d.organiser, d.organiser_short = name, acronym
        else:
            d.organiser = "Organiser"
            d.checks["organiser"] = "the organiser was not found; write its name"
        if not d.organiser_short:
            initials = "".join(w[0] for w in d.organiser.split() if w[0].isupper())
            d.organiser_short = initials if len(initials) >= 2 else d.organiser
        # the venue is where the event was held: looked for in the sentence that says so
        held = [x for x in re.split(r"(?<=[.!?])\s+", intro_text) if re.search(
            r"\b(?:organi[sz]ed|hosted|convened|arranged|held|conducted|took place|was attended)\b", x, _I)]
        where = " ".join(held)
        venue = re.search(r"\b(?:at|venue:?|in)\s+(?:the\s+)?((?:[A-Z][\w'’&-]*\s+){0,6}(?:Hotel|Hall|Auditorium|"
                          r"Centre|Center|Club|Campus|University|Institute|Complex|Room|Marriott|Serena|Library|"
                          r"Museum|Academy|House|Palace|Secretariat|Embassy|College|School|Headquarters|Plaza)\b"
                          r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*)?(?:,\s+[A-Z]\w+)?)", where) \
            or re.search(r"\bat\s+the\s+((?:[A-Z][\w'’&-]*\s*){2,6})", where)
        if venue:
            d.venue = venue.group(1).strip().rstrip(",")
        else:
            d.venue = "Venue not stated"
            d.checks["venue"] = "the report names no venue"
        d.city = self._city(d.venue, all_text)
        d.date = self._date(all_text)

    def _city(self, venue: str, text: str) -> str:
        places = Counter()
        for p in self.people.people:
            place = p.affiliation.rsplit(",", 1)[1].strip() if "," in p.affiliation else ""
            if place and not ORG_WORDS.search(place) and place.lower() not in countries():
                places[place] += 1
        m = re.search(r",\s+([A-Z][a-z]+)$", venue)
        if m:
            return m.group(1)
        dated = re.match(r"([A-Z][\w -]+),", self.dateline)
        if dated and not re.search(r"day$", dated.group(1), _I):
            return dated.group(1)  # "Tashkent, 22 May 2024"
        if getattr(self, "organiser_city", ""):
            self.draft.checks["city"] = f"city guessed from the organiser's ('{self.organiser_city}')"
            return self.organiser_city
        for place, _ in places.most_common():
            if place and place in venue:
                return place
        m = next((x for x in re.finditer(r"\bin\s+([A-Z][a-z]+)(?:,\s+[A-Z][a-z]+)?\b",
                                          " ".join(b.text for b in self.draft.introduction))
                  if x.group(1).lower() not in countries() and x.group(1).lower() not in MONTHS), None)
        if m:
            self.draft.checks["city"] = f"city guessed from 'in {m.group(1)}'"
            return m.group(1)
        if places:
            place = places.most_common(1)[0][0]
            self.draft.checks["city"] = f"city guessed from the participants' affiliations ('{place}')"
            return place
        self.draft.checks["city"] = "the report names no city"
        return "City not stated"

    def _date(self, text: str) -> str:
        months = ("january february march april may june july august september october november december").split()
        mon = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
        rng = r"(?:st|nd|rd|th)?(?:\s*(?:–|-|and|to|&)\s*\d{1,2}(?:st|nd|rd|th)?)?"
        held = (re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{mon},?\s+(\d{{4}})", self.dateline)
                or re.search(rf"\b{mon}\s+(\d{{1,2}}),?\s+(\d{{4}})", self.dateline)
                or re.search(rf"\b(?:on|held on|dated?|from)\s+(?:\w+day,?\s+)?(\d{{1,2}}){rng}\s+(?:of\s+)?{mon},?\s+(\d{{4}})",
                             text)
                or re.search(rf"\b(?:on|held on)\s+{mon}\s+(\d{{1,2}}),?\s+(\d{{4}})", text))
        if held:
            g = held.groups()
            day, month, year = (g[0], g[1], g[2]) if g[0].isdigit() else (g[1], g[0], g[2])
            iso = f"{year}-{months.index(month.lower()) + 1:02d}-{int(day):02d}"
            if _real(iso):
                return iso
        # "on Saturday, 16 March", "Date: 18 June": a day without its year, which the page's own date gives
        partial = re.search(rf"\b(?:on|date:?\**|held [^,.]{{0,20}},)\s+(?:\w+day,?\s+)?(\d{{1,2}}){rng}\s+{mon}\b"
                            rf"(?!,?\s+\d{{4}})", text, _I)
        stamped = re.search(r"\b((?:19[89]|20\d)\d)\b", " ".join(t for _, t in self.draft.dropped) + " " +
                            self.report.meta_date)
        if partial and stamped:
            iso = f"{stamped.group(1)}-{months.index(partial.group(2).lower()) + 1:02d}-{int(partial.group(1)):02d}"
            if _real(iso):
                self.draft.checks["date"] = f"the report gives the day, not the year; {stamped.group(1)} is the page's"
                return iso
        if partial:  # a day and month, and no year anywhere: the editor must say which
            self.draft.checks["date"] = (f"the report says '{partial.group(0).strip()}' but gives no year; "
                                         "write the date as YYYY-MM-DD")
            stamp = self.report.meta_date[:4] or "2000"
            iso = f"{stamp}-{months.index(partial.group(2).lower()) + 1:02d}-{int(partial.group(1)):02d}"
            return iso if _real(iso) else stamp
        if self.report.meta_date:
            self.draft.checks["date"] = "the report gives no date; this is the Word file's creation month"
            return self.report.meta_date[:7]
        dated = re.findall(rf"{mon}\s+((?:19[89]|20\d)\d)\b", text)
        if dated:
            year = max(y for _, y in dated)
            self.draft.checks["date"] = f"the report gives no date; {year} is the latest year it gives with a month"
            return year
        years = Counter(y for y in re.findall(r"\b((?:19[89]|20\d)\d)\b", text))
        if years:
            year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
            self.draft.checks["date"] = f"the report gives no date; {year} is the year it mentions most"
            return year
        self.draft.checks["date"] = "the report gives no date"
        return "2000"


def _unique(people) -> list[PersonDraft]:
    out: list[PersonDraft] = []
    for p in people:
        if p is not None and all(p is not q for q in out):
            out.append(p)
    return out


def _real(iso: str) -> bool:
    import datetime
    try:
        datetime.date.fromisoformat(iso)
        return True
    except ValueError:
        return False


def _is_url_line(text: str) -> bool:
    return bool(re.search(r"https?://\S+", text)) and len(text.split()) <= 12

    
def analyse(report: Report) -> Draft:
    """The draft event a report describes."""
    return Analysis(report).run()
