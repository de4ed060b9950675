"""What a person must review: the model narrowed to their part.

Both review copies (PDF and Word) and ``octavo import … --into`` use this
one selection, so that what a speaker is sent is what they may change.
"""

from __future__ import annotations

import dataclasses

from exporter import model as m
from exporter.errors import OctavoError
from exporter.validation import did_you_mean


def involvement(event: m.Event, person: str) -> tuple[m.Session, ...]:
    """The sessions of ``event`` narrowed to what ``person`` said or took
    part in: their contributions, and the exchanges they asked, answered or
    were asked in.  Session intros and other items are left out."""
    out = []
    for s in event.sessions:
        items: list[m.Item] = []
        for it in s.items:
            if isinstance(it, m.Contribution) and person in it.speakers:
                items.append(it)
            elif isinstance(it, m.QASession):
                ex = tuple(e for e in it.exchanges if person == e.questioner or person in e.addressed_to
                           or any(a.responder == person for a in e.answers))
                if ex:
                    items.append(dataclasses.replace(it, intro=(), exchanges=ex))
        if items:
            out.append(dataclasses.replace(s, intro=(), items=tuple(items)))
    return tuple(out)


def for_person(event: m.Event, person: str) -> tuple[m.Person, m.Event]:
    """The person and ``event`` narrowed to their part (no introduction, no
    media coverage); a message for an unknown id or a person with nothing
    to review."""
    ids = [p.id for p in event.people]
    if person not in ids:
        raise OctavoError(f"--person: no person '{person}'{did_you_mean(person, ids)} in people.yaml")
    sessions = involvement(event, person)
    if not sessions:
        raise OctavoError(f"--person: {event.person(person).full_name} ('{person}') has no contribution "
                          "or Q&A exchange to review")
    return event.person(person), dataclasses.replace(event, sessions=sessions, introduction=(), media=None)


def reviewers(event: m.Event) -> list[str]:
    """The ids of everyone with something to review, in people.yaml order."""
    return [p.id for p in event.people if involvement(event, p.id)]
