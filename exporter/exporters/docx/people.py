"""Who took part where: the participants index, and date wording."""

from __future__ import annotations

import calendar

from exporter import model as m
from exporter.names import sort_key


def format_month(iso: str) -> str:
    """An ISO date as printed: "April 2019", or "2 May 2024" with a day."""
    parts = iso.split("-") if iso else []
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return iso
    month = f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return f"{int(parts[2])} {month}" if len(parts) > 2 else month


def item_roles(item: m.Item) -> list[tuple[str, str]]:
    """(person id, role) pairs for one session item, in order."""
    if isinstance(item, m.Contribution):
        return [(pid, item.label.lower()) for pid in item.speakers]
    if isinstance(item, m.QASession):
        pairs = []
        for ex in item.exchanges:
            pairs.append((ex.questioner, "question"))
            pairs.extend((a.responder, "answer") for a in ex.answers)
        return pairs
    return [(pid, item.kind) for pid in item.people]


def session_roles(session: m.Session) -> list[tuple[str, str]]:
    """(person id, role) pairs for a whole session, in order of appearance."""
    pairs = [(session.chair, "chair")] if session.chair else []
    pairs += [(pid, "speaker") for pid in session.speakers]
    pairs += [(pid, "discussant") for pid in session.discussants]
    for item in session.items:
        pairs += item_roles(item)
    return pairs


def index_entries(event: m.Event) -> list[tuple[m.Person, list[tuple[str, list[str]]]]]:
    """Every person, in index order, with the sessions they took part in and
    their roles there (each role once, in order of appearance)."""
    where: dict[str, dict[str, list[str]]] = {p.id: {} for p in event.people}
    for s in event.sessions:
        for pid, role in session_roles(s):
            roles = where.setdefault(pid, {}).setdefault(s.title, [])
            if role not in roles:
                roles.append(role)
    people = sorted(event.people, key=sort_key)
    return [(p, list(where[p.id].items())) for p in people]
