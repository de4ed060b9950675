"""Errors Octavo reports to its users.

Every error a user can cause derives from :class:`OctavoError`, a
``click.ClickException`` with exit code 2, so the command line shows a
message and never a traceback.  The library raises; it never prints or
calls ``sys.exit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Iterable

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, and exactly where: ``file:line:col``
    (1-based; 0 where unknown), the field path inside the file, and what to
    do about it."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class OctavoError(click.ClickException):
    """A failure caused by input or usage, not by a bug: exit code 2."""

    exit_code = 2


class ValidationError(OctavoError):
    """One or more problems found in a source or layout; all are reported at
    once, sorted by file and position."""

    def __init__(self, problems: Iterable[Problem], what: str = "source") -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems)))
        n = len(self.problems)
        summary = f"{n} problem{'s' if n != 1 else ''} in the {what}; nothing was written."
        super().__init__("\n".join([*map(str, self.problems), summary]))

    def show(self, file: IO[str] | None = None) -> None:
        """Print every problem, one per line, then the count (no 'Error:'
        prefix: each line already says where and what)."""
        click.echo(self.format_message(), file=file, err=file is None)


class LimitError(OctavoError):
    """An input exceeded one of Octavo's safety limits."""


class ReportError(OctavoError):
    """A failure whose message is a report, one problem per line, each
    saying where: printed as it is, without click's "Error:" prefix."""

    def show(self, file: IO[str] | None = None) -> None:
        click.echo(self.format_message(), file=file, err=file is None)
