"""How a person stands in an index: one rule for the PDF and the Word file.

The sort name (``sort_as``, or the name's last word) leads, set strong, and
the entry keeps the name readable:

* a name that ends with its sort name is inverted after a comma, rank
  first, as it is spoken: **Cheema**, Dr. Zafar Iqbal;
  **Khan**, Lt Gen (Retd) Ahmed (a rank holding parentheses is kept as
  written, never wrapped in another pair);
* a name written surname first (Chinese, Hungarian, and any name whose
  ``sort_as`` is its first word) stays in its own order, with the rank
  after a comma: **Xi** Jinping, H.E.;
* a name that is all sort name has no dangling comma: **Suharto**, or
  **Suharto**, Gen. with a rank;
* a sort name found inside the name leads, the rest of the name follows
  after a comma: **Basit**, Dr. Abdul Khan; one not in the name at all
  (a transliteration) orders the entry but the whole name is printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from exporter import model as m


@dataclass(frozen=True)
class IndexName:
    """``head`` (set strong) then ``rest`` make the entry's name."""

    head: str
    rest: str

    @property
    def text(self) -> str:
        return self.head + self.rest


def sort_name(person: m.Person) -> str:
    return person.sort_name or person.name.split()[-1]


def sort_key(person: m.Person) -> tuple[str, str]:
    """Index order: the sort name, then the whole name, case-folded."""
    return (sort_name(person).casefold(), person.name.casefold())


def index_name(person: m.Person) -> IndexName:
    """The person's name as the index prints it (see the module's rule)."""
    name = " ".join(person.name.split())
    key = " ".join(sort_name(person).split())
    rank = person.honorific.strip()

    def after_comma(*parts: str) -> str:
        words = " ".join(p for p in parts if p)
        return f", {words}" if words else ""

    if name == key:
        return IndexName(key, after_comma(rank))
    if name.endswith(" " + key):
        return IndexName(key, after_comma(rank, name[: -len(key)].strip()))
    if name.startswith(key + " "):
        return IndexName(key, " " + name[len(key):].strip() + after_comma(rank))
    at = f" {name} ".find(f" {key} ")
    if at >= 0:
        rest = " ".join((name[:at] + name[at + len(key):]).split())
        return IndexName(key, after_comma(rank, rest))
    return IndexName(name, after_comma(rank))
