"""The source and layout schemas, checked without importing pydantic.

The pydantic models in ``exporter/source/schema.py`` and
``exporter/layout/schema.py`` declare the shapes, and their errors are the
located, editor-worded problems (``exporter.validation``).  But importing
pydantic and building those validators costs about 0.3 s on a 2-core
machine: most of an ``octavo validate``.  So the models are compiled once,
by ``python -m exporter.shapes > exporter/_shapes.py``, into plain data
(a test checks that the file is current), and :func:`conform` runs that
data in a few milliseconds.

:func:`conform` only answers whether data fits and, if it does, builds the
records (attribute access and ``model_dump()``, like the pydantic models).
When data does not fit, the loaders ask pydantic itself, so every message
is exactly what pydantic finds.  The compiled form is stricter than or as
strict as pydantic, never looser (tests compare the two on every fixture and
on generated data): the worst a difference can do is send valid data the
slow way.

The compiled shapes are nested tuples:

- ``("str", pattern, min_length, max_length, checks)``: text; ``pattern``
  is searched as pydantic's Rust engine does (``$`` is the end of the text);
  ``checks`` name functions ``"module:name"`` raising ValueError;
- ``("list", item, min_length, max_length)``, ``("dict", key, value, min_length)``;
- ``("opt", shape)``: the shape, or null;
- ``("lit", values)``: one of the texts;
- ``("model", name)``: a mapping with the model's keys and no others;
- ``("union", key, {tag: name})``: a mapping whose ``key`` says which model;
- ``("either", shapes)``: the first of ``shapes`` that fits (a union told
  apart by a function, such as a colour: ``"#rrggbb"`` or ``{rgb, cmyk}``).

A model is a tuple of fields ``(name, shape, default)``, where ``default`` is
``REQUIRED`` or a one-tuple holding the default value (a model's default is
its ``model_dump()``).
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from importlib import import_module
from typing import Any, Callable

REQUIRED = "required"

#: The models compiled, by the pydantic module that declares them.
ROOTS = {"exporter.source.schema": ("EventFile", "PeopleFile", "SessionFile", "BriefFile"),
         "exporter.layout.schema": ("LayoutFile",)}


class Record:
    """A checked mapping, read as attributes (``event.organiser.name``), as
    the pydantic models are."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init__(self, values: dict[str, Any]) -> None:
        for key in self._fields:
            object.__setattr__(self, key, values[key])

    def __setattr__(self, key: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, k) == getattr(other, k) for k in self._fields)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._fields)
        return f"{type(self).__name__}({inner})"

    def model_dump(self, exclude: set[str] | frozenset[str] = frozenset()) -> dict[str, Any]:
        """The record as plain data, nested records included."""
        return {k: _dump(getattr(self, k)) for k in self._fields if k not in exclude}


def _dump(value: Any) -> Any:
    if isinstance(value, Record):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


class _Misfit(Exception):
    """The data does not fit; pydantic will say how."""


@lru_cache(maxsize=1)
def _compiled() -> tuple[dict[str, tuple], dict[str, type[Record]]]:
    from exporter._shapes import MODELS

    classes = {name: type(name, (Record,), {"__slots__": tuple(f[0] for f in fields),
                                            "_fields": tuple(f[0] for f in fields)})
               for name, fields in MODELS.items()}
    return MODELS, classes


def fields(model: str) -> tuple[str, ...]:
    """The keys of ``model``, in the order the schema declares them."""
    return tuple(f[0] for f in _compiled()[0][model])


def conform(model: str, data: Any) -> Record | None:
    """``data`` as a record of ``model`` if it fits, else None (then ask
    pydantic for the problems)."""
    try:
        return _model(model, data)
    except _Misfit:
        return None


@lru_cache(maxsize=None)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=None)
def _check(name: str) -> Callable[[str], Any]:
    module, _, attr = name.partition(":")
    return getattr(import_module(module), attr)


def _model(name: str, data: Any) -> Record:
    models, classes = _compiled()
    if type(data) is not dict:
        raise _Misfit
    spec = models[name]
    if len(data) > len(spec) or not data.keys() <= {f[0] for f in spec}:
        raise _Misfit
    values = {}
    for key, shape, default in spec:
        if key in data:
            values[key] = _value(shape, data[key])
        elif default == REQUIRED:
            raise _Misfit
        else:
            values[key] = _value(shape, copy.deepcopy(default[0])) if _builds(shape) else copy.copy(default[0])
    return classes[name](values)


def _builds(shape: tuple) -> bool:
    """Whether a default of ``shape`` holds models to build."""
    kind = shape[0]
    return kind in ("model", "union") or (kind == "either" and any(_builds(x) for x in shape[1])) or \
        (kind == "opt" and _builds(shape[1])) or \
        (kind == "list" and _builds(shape[1])) or (kind == "dict" and _builds(shape[2]))


def _surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate, which pydantic's Rust core
    refuses (it is not text) and Python's ``re`` would match."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _value(shape: tuple, value: Any) -> Any:
    kind = shape[0]
    if kind == "str":
        _, pattern, low, high, checks = shape
        if type(value) is not str or (not value.isascii() and _surrogates(value)) or \
                (low is not None and len(value) < low) or \
                (high is not None and len(value) > high) or (pattern is not None and not _regex(pattern).search(value)):
            raise _Misfit
        for name in checks:
            try:
                value = _check(name)(value)
            except ValueError:
                raise _Misfit from None
        return value
    if kind == "lit":
        if type(value) is not str or value not in shape[1]:
            raise _Misfit
        return value
    if kind == "opt":
        return None if value is None else _value(shape[1], value)
    if kind == "list":
        if type(value) is not list or len(value) < shape[2] or (shape[3] is not None and len(value) > shape[3]):
            raise _Misfit
        return [_value(shape[1], v) for v in value]
    if kind == "dict":
        if type(value) is not dict or len(value) < shape[3]:
            raise _Misfit
        return {_value(shape[1], k): _value(shape[2], v) for k, v in value.items()}
    if kind == "model":
        return _model(shape[1], value)
    if kind == "union":
        tag = value.get(shape[1]) if type(value) is dict else None
        if type(tag) is not str or tag not in shape[2]:
            raise _Misfit
        return _model(shape[2][tag], value)
    if kind == "either":
        for alternative in shape[1]:
            try:
                return _value(alternative, value)
            except _Misfit:
                continue
        raise _Misfit
    raise _Misfit  # pragma: no cover - the generator writes no other kinds


# -- the compiler: pydantic models -> shapes (run by developers) -----------------


def compile_models() -> dict[str, tuple]:
    """Every model reachable from :data:`ROOTS`, compiled (imports pydantic)."""
    import typing

    from pydantic import BaseModel

    out: dict[str, tuple] = {}
    todo: list[type] = [getattr(import_module(mod), name) for mod, names in ROOTS.items() for name in names]
    while todo:
        cls = todo.pop(0)
        if cls.__name__ in out:
            continue
        assert out.get(cls.__name__) is None, f"two models named {cls.__name__}"
        assert cls.model_config.get("extra") == "forbid" and cls.model_config.get("strict"), cls
        hints = typing.get_type_hints(cls, include_extras=True)
        fields_ = []
        for key, info in cls.model_fields.items():
            assert info.alias in (None, key) and info.default_factory is None, (cls, key)
            shape = _shape(hints[key], todo)
            if info.is_required():
                default: Any = REQUIRED
            elif isinstance(info.default, BaseModel):
                default = (info.default.model_dump(),)
            else:
                default = (info.default,)
            fields_.append((key, shape, default))
        out[cls.__name__] = tuple(fields_)
    return dict(sorted(out.items()))


def _shape(t: Any, todo: list[type]) -> tuple:
    """The compiled shape of annotation ``t``; raises on anything it does not
    know, so the compiled form is never looser than pydantic."""
    import types
    import typing

    import annotated_types
    from pydantic import AfterValidator, BaseModel, Discriminator, StringConstraints, Tag
    from pydantic.fields import FieldInfo

    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is typing.Annotated:
        base, *meta = args
        shape = _shape(base, todo)
        for m in meta:
            if isinstance(m, Tag) or (isinstance(m, Discriminator) and shape[0] == "either"):
                continue  # a union told apart by a function: its alternatives are tried in order
            if isinstance(m, FieldInfo) and m.discriminator:
                assert shape[0] == "anyunion", t
                shape = ("union", m.discriminator, shape[1])
                m = FieldInfo(metadata=m.metadata)
            items = m.metadata if isinstance(m, FieldInfo) else [m]
            for item in items:
                shape = _constrain(shape, item, t, annotated_types, AfterValidator, StringConstraints)
        assert shape[0] != "anyunion", f"a union without a discriminator: {t}"
        return shape
    if t is str:
        return ("str", None, None, None, ())
    if origin is list:
        return ("list", _shape(args[0], todo), 0, None)
    if origin is dict:
        return ("dict", _shape(args[0], todo), _shape(args[1], todo), 0)
    if origin is typing.Literal:
        assert all(isinstance(a, str) for a in args), t
        return ("lit", tuple(args))
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) < len(args):
            assert len(rest) == 1, t
            return ("opt", _shape(rest[0], todo))
        if not all(isinstance(m, type) and issubclass(m, BaseModel) and "kind" in m.model_fields for m in rest):
            return ("either", tuple(_shape(a, todo) for a in rest))
        tags: dict[str, str] = {}
        for model in rest:
            assert isinstance(model, type) and issubclass(model, BaseModel), t
            todo.append(model)
            for tag in typing.get_args(model.model_fields["kind"].annotation):
                tags[tag] = model.__name__
        return ("anyunion", dict(sorted(tags.items())))
    if isinstance(t, type) and issubclass(t, BaseModel):
        todo.append(t)
        return ("model", t.__name__)
    raise TypeError(f"the shape compiler does not know {t!r}; teach it (exporter/shapes.py)")


def _constrain(shape: tuple, item: Any, t: Any, annotated_types, AfterValidator, StringConstraints) -> tuple:
    kind = shape[0]
    if isinstance(item, StringConstraints):
        assert kind == "str", t
        extra = {k: v for k, v in vars(item).items() if v is not None
                 and k not in ("pattern", "min_length", "max_length")}
        assert not extra, f"string constraints the compiler does not know: {extra}"
        pattern = _rust_pattern(item.pattern) if item.pattern else shape[1]
        low = item.min_length if item.min_length is not None else shape[2]
        high = item.max_length if item.max_length is not None else shape[3]
        return ("str", pattern, low, high, shape[4])
    if isinstance(item, AfterValidator):
        assert kind == "str", t
        func = item.func
        module = import_module(func.__module__)
        assert "BaseModel" not in vars(module), (
            f"{func.__qualname__}: put value checks in a module that does not import pydantic")
        return (*shape[:4], (*shape[4], f"{func.__module__}:{func.__qualname__}"))
    if isinstance(item, annotated_types.MinLen):
        assert kind in ("list", "dict"), t
        return (*shape[:3], item.min_length) if kind == "dict" else (*shape[:2], item.min_length, shape[3])
    if isinstance(item, annotated_types.MaxLen):
        assert kind == "list", t
        return (*shape[:3], item.max_length)
    raise TypeError(f"the shape compiler does not know the constraint {item!r} in {t!r}")


#: Rust's ``\\s``, Unicode's White_Space (Python's ``\\s`` also has U+001C-U+001F).
_SPACE = "\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
_ESCAPES = {"\\s": f"[{_SPACE}]", "\\S": f"[^{_SPACE}]", "\\d": "\\d", "\\n": "\\n", "\\.": "\\.", "\\-": "\\-"}


def _rust_pattern(pattern: str) -> str:
    """``pattern`` for Python's ``re`` with the meaning pydantic's Rust regex
    gives it: ``$`` only at the very end of the text (Python's ``$`` also
    matches before a final newline), ``\\s`` without U+001C-U+001F.  Escapes
    it does not know are refused, rather than guessed."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            escape = pattern[i:i + 2]
            if escape not in _ESCAPES or (in_class and escape in ("\\S",)):
                raise TypeError(f"the shape compiler does not know {escape!r} in the pattern {pattern!r}")
            out.append(_SPACE if in_class and escape == "\\s" else _ESCAPES[escape])
            i += 2
            continue
        if in_class:
            if ch == "]" and out[-1] not in ("[", "[^"):
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                ch, i = "[^", i + 1
        elif ch == "$":
            ch = "\\Z"
        out.append(ch)
        i += 1
    return "".join(out)


def source() -> str:
    """The text of ``exporter/_shapes.py``."""
    import pprint

    return ('"""The source and layout schemas compiled by ``python -m exporter.shapes``\n'
            "(see exporter/shapes.py); generated from the pydantic models: do not edit.\"\"\"\n\n"
            f"MODELS = {pprint.pformat(compile_models(), width=110, sort_dicts=True)}\n")


if __name__ == "__main__":
    import sys

    sys.stdout.write(source())
