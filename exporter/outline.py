"""``octavo show``: the event's structure as an editor reads it."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from exporter import model as m
from exporter.plaintext import inline_text


def count(n: int, one: str, many: str = "") -> str:
    """``n`` and the noun, singular for one: ``1 session``, ``3 sessions``."""
    return f"{n} {one if n == 1 else many or one + 's'}"


def outline(event: m.Event) -> Iterator[str]:
    """Lines describing ``event``: sessions, items, Q&A counts, the brief."""
    yield f"{event.title}" + (f": {event.subtitle}" if event.subtitle else "")
    yield f"  {event.organiser.name} · {event.date} · {event.venue}, {event.city}"
    yield f"  {count(len(event.people), 'person', 'people')}, {count(len(event.sessions), 'session')}"
    for n, s in enumerate(event.sessions, 1):
        theme = f" — {inline_text(s.theme)}" if s.theme else ""
        yield ""
        yield f"{n}. {s.title}{theme}  [{s.id}]"
        if s.chair:
            yield f"   chair: {event.person(s.chair).display_name}"
        for it in s.items:
            yield "   " + _item_line(event, it)
    if event.media:
        yield ""
        yield f"Media coverage: {count(len(event.media.outlets), 'outlet')}"
    if event.brief:
        b = event.brief
        yield ""
        yield (f"Brief: “{b.title}” — {count(len(b.key_messages), 'key message')}, "
               f"{count(len(b.recommendations), 'recommendation')}, {count(len(b.key_figures), 'key figure')}"
               + (", a pull quote" if b.quote else ""))


def _item_line(event: m.Event, it: m.Item) -> str:
    if isinstance(it, m.Contribution):
        who = ", ".join(event.person(p).display_name for p in it.speakers)
        title = f": “{inline_text(it.title)}”" if it.title else ""
        return f"- {it.kind:<11} {who}{title}  [{it.id}]"
    if isinstance(it, m.QASession):
        answers = Counter(a.responder for ex in it.exchanges for a in ex.answers)
        return (f"- {'qa':<11} {len(it.exchanges)} questions, {sum(answers.values())} answers"
                f"  [{it.id}]")
    return f"- {it.kind:<11} {inline_text(it.body[0].inlines)[:60] if it.body and isinstance(it.body[0], m.Paragraph) else ''}…  [{it.id}]"
