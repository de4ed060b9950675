"""Turning schema (pydantic) errors into located, editor-friendly problems.

Shared by the source and the layout loaders: ``translate`` maps an error's
``loc`` back to the data path (removing the tags of discriminated unions),
finds where the document has that path, and words the message for an editor.
"""

from __future__ import annotations

import typing
import unicodedata
from typing import TYPE_CHECKING, Any, Iterable, Protocol

from exporter.errors import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel

PathT = tuple[Any, ...]


class Locator(Protocol):
    """Anything that can place a problem at a data path (a YamlDoc)."""

    def problem(self, path: PathT, message: str, *, key: bool = False) -> Problem: ...


def translate(doc: Locator, cls: type[BaseModel], err: dict[str, Any]) -> Problem:
    """A pydantic error as a located, editor-friendly problem."""
    path, parent = _walk(cls, err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = path[-1] if path else ""
    if kind == "extra_forbidden":
        allowed = list(parent.model_fields) if parent else []
        return doc.problem(path, f"unknown key '{name}'{did_you_mean(str(name), allowed)}", key=True)
    if kind == "missing":
        return doc.problem(path[:-1], f"missing required key '{name}'")
    if kind in ("union_tag_invalid", "literal_error"):
        got = ctx.get("tag", value)
        options = [o.strip(" '") for o in str(ctx.get("expected_tags", ctx.get("expected", ""))).replace(" or ", ",").split(",")]
        hint = did_you_mean(str(got), options) or ";"
        return doc.problem(path, f"unknown kind '{got}'{hint} (kinds: {', '.join(o for o in options if o)})")
    if kind == "union_tag_not_found":
        return doc.problem(path, "missing required key 'kind'")
    if kind == "too_short" and ctx.get("min_length", 1) > 1:
        return doc.problem(path, f"needs {ctx['min_length']} values, not {ctx.get('actual_length')}")
    if kind == "too_long":
        return doc.problem(path, f"takes at most {ctx.get('max_length')} values, not {ctx.get('actual_length')}")
    if kind == "too_short":
        return doc.problem(path, "must not be empty")
    if kind == "list_type":
        hint = f" (write [{value}])" if isinstance(value, str) else ""
        return doc.problem(path, f"expected a list, not {describe(value)}{hint}")
    if kind == "string_type":
        return doc.problem(path, f"expected text, not {describe(value)}")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return doc.problem(path, f"expected a mapping of keys, not {describe(value)}")
    if kind == "string_pattern_mismatch":
        return doc.problem(path, _pattern_message(str(ctx.get("pattern", "")), value))
    if kind == "value_error":  # our own validators: their message is already worded for editors
        return doc.problem(path, str(ctx.get("error", err["msg"])))
    if kind == "string_too_long":
        return doc.problem(path, f"is too long (at most {ctx.get('max_length')} characters)")
    return doc.problem(path, err["msg"])  # pragma: no cover - every type the schema uses is above


#: Messages for values that do not match a pattern, by pattern; other
#: schemas (the layout's) add theirs.
PATTERN_MESSAGES: dict[str, str] = {}


def _pattern_message(pattern: str, value: Any) -> str:
    from exporter.source import schema as s

    if pattern in PATTERN_MESSAGES:
        return PATTERN_MESSAGES[pattern].format(value=value)
    if pattern == s.Id.__metadata__[0].pattern:
        return f"'{value}' is not a valid id: use lowercase letters, digits and hyphens (like 'cheema-welcome')"
    if pattern == s.DateText.__metadata__[0].pattern:
        return f"'{value}' is not a date: write YYYY-MM-DD, or YYYY-MM when the day is not known"
    if pattern in (s.Line.__metadata__[0].pattern, s.OptLine.__metadata__[0].pattern):
        if not str(value).strip():
            return "must not be empty"
        brk = next((c for c in str(value) if c in s.LINE_BREAKS), None)
        if brk is None:  # pragma: no cover - the patterns refuse only line breaks and emptiness
            return "must be one line of text"
        name = unicodedata.name(brk, "") or {"\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x85": "NEXT LINE"}[brk]
        return (f"must be one line of text, but has a line break (U+{ord(brk):04X} {name}); "
                "join the lines with a space")
    if pattern == s.Prose.__metadata__[0].pattern:
        return "must not be empty"
    if pattern == s.Url.__metadata__[0].pattern:
        return f"'{value}' is not a URL (it contains spaces)"
    return f"'{value}' is not a valid language tag (like en-GB)"


def _walk(cls: type[BaseModel], loc: Iterable[Any]) -> tuple[PathT, type[BaseModel] | None]:
    """The data path of a pydantic ``loc`` (union tags removed), and the
    model class that holds its last key."""
    from pydantic import BaseModel
    path: list[Any] = []
    t: Any = cls
    parent: type[BaseModel] | None = None
    for part in loc:
        t = _unwrap(t)
        if typing.get_origin(t) is typing.Union:
            t = next((a for a in typing.get_args(t) if part in _kinds(a) or part in _tags(a)), None)
            continue
        path.append(part)
        if typing.get_origin(t) is dict:
            t = typing.get_args(t)[1]
        elif isinstance(part, int):
            t = typing.get_args(t)[0] if typing.get_args(t) else None
        elif isinstance(t, type) and issubclass(t, BaseModel):
            parent = t
            field = t.model_fields.get(part)
            t = field.annotation if field else None
        else:
            t = None
    return tuple(path), parent


def _unwrap(t: Any) -> Any:
    while typing.get_origin(t) is typing.Annotated:
        t = typing.get_args(t)[0]
    if typing.get_origin(t) is typing.Union and type(None) in typing.get_args(t):
        rest = [a for a in typing.get_args(t) if a is not type(None)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return t


def _tags(t: Any) -> tuple[str, ...]:
    """The tag of a member of a union told apart by a pydantic ``Tag``."""
    meta = typing.get_args(t)[1:] if typing.get_origin(t) is typing.Annotated else ()
    return tuple(m.tag for m in meta if hasattr(m, "tag"))


def _kinds(model: Any) -> tuple[str, ...]:
    field = getattr(model, "model_fields", {}).get("kind")
    return typing.get_args(field.annotation) if field else ()


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) < 40 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__  # pragma: no cover


def did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
