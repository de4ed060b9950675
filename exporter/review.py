"""What a person must review: the model narrowed to their part.

Both review copies (PDF and Word) and ``octavo import … --into`` use this
one selection, so that what a speaker is sent is what they may change.
"""

from __future__ import annotations

import dataclasses

from exporter import model as m


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


def reviewers(event: m.Event) -> list[str]:
    """The ids of everyone with something to review, in people.yaml order."""
    return [p.id for p in event.people if involvement(event, p.id)]
