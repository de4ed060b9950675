"""Ctrl-C, at any moment: one line, no partial file, exit code 130.

The ``octavo`` program installs :func:`install` before it imports anything
else.  From then on SIGINT (Ctrl-C) does not raise ``KeyboardInterrupt``
somewhere inside an import or a library (a traceback, or click's
"Aborted!" and exit code 1); instead Octavo

1. removes every temporary file or folder it has registered (the
   ``.part`` file an output is written to before its rename, an import's
   folder before it moves into ``source/``),
2. prints one line on stderr: ``interrupted; nothing was written``, or
   ``interrupted; complete: FILE, FILE`` naming the files this run finished,
3. and exits with code 130 (128 + SIGINT, what shells report for Ctrl-C).

Writers keep the bookkeeping true with :func:`critical` (SIGINT waits while
a temporary file is created and registered, or renamed into place and
recorded; ``export all`` writes its whole set of files and the manifest in
one critical section, so Ctrl-C never leaves a manifest that disagrees
with the files) and :func:`temporary` / :func:`completed`.

Nothing here happens when Octavo is used as a library (tests, other
programs): without :func:`install`, Ctrl-C raises ``KeyboardInterrupt`` as
usual and the writers' own ``except BaseException`` clean-up runs.

This module imports only ``os`` and ``sys`` (already loaded by Python's
start-up) and the C part of ``signal`` (the ``signal`` module itself
imports ``enum``, long enough for a Ctrl-C to land in it): it is loaded
first, before click or any of Octavo's modules.
"""

from __future__ import annotations

import os
import sys

try:
    import _signal as signal  # the C module: no imports of its own
except ImportError:  # pragma: no cover - an interpreter without it
    import signal  # type: ignore[no-redef]

EXIT_CODE = 130  # 128 + SIGINT

_temporary: dict[str, bool] = {}   # path -> is a folder
_completed: list[str] = []
_depth = 0           # nesting of critical sections
partial_line = False  # stderr's last line is open (a progress bar): end it before the message
_pending = False     # SIGINT arrived inside a critical section


def install() -> None:
    """Handle SIGINT as described above, for the rest of the process."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        return  # started with Ctrl-C ignored (nohup, a background job): keep it so
    signal.signal(signal.SIGINT, _handler)
    # a Ctrl-C that came while Python itself was starting, if the process was
    # started with SIGINT blocked, is delivered now, to the handler above
    if hasattr(signal, "pthread_sigmask"):  # POSIX
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _handler(signum, frame) -> None:
    global _pending
    if _depth:
        _pending = True
        return
    stop()


class _Critical:
    """SIGINT waits until the block ends (then stops the program)."""

    def __enter__(self) -> None:
        global _depth
        _depth += 1

    def __exit__(self, *exc: object) -> None:
        global _depth
        _depth -= 1
        if not _depth and _pending:
            stop()


def critical() -> _Critical:
    """A block during which SIGINT waits: ``with interrupt.critical(): …``."""
    return _CRITICAL


_CRITICAL = _Critical()


def temporary(path: str | os.PathLike[str], folder: bool = False) -> None:
    """Remove ``path`` if the program is interrupted before :func:`completed`
    or :func:`discard` (call inside :func:`critical`, with its creation)."""
    _temporary[os.fspath(path)] = folder


def discard(path: str | os.PathLike[str]) -> None:
    """``path`` is gone (removed by its writer): nothing to clean up."""
    _temporary.pop(os.fspath(path), None)


def completed(tmp: str | os.PathLike[str] | None, final: str | os.PathLike[str], listed: bool = True) -> None:
    """``tmp`` became ``final`` (call inside :func:`critical`, with the
    rename); ``listed`` files are named if the program is interrupted later."""
    if tmp is not None:
        discard(tmp)
    if listed and os.fspath(final) not in _completed:
        _completed.append(os.fspath(final))


def message() -> str:
    """The line printed on Ctrl-C."""
    if not _completed:
        return "interrupted; nothing was written"
    here = os.getcwd()
    shown = [os.path.relpath(p, here) if os.path.abspath(p).startswith(here + os.sep) else p for p in _completed]
    return "interrupted; complete: " + ", ".join(shown)


def stop() -> None:
    """Clean up, say so in one line and exit with code 130, now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not cut the clean-up short
    for path, folder in list(_temporary.items()):
        try:
            if folder:
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a stream in the middle of a write, or closed
            pass
    try:
        os.write(2, (("\n" if partial_line else "") + message() + "\n").encode("utf-8", "replace"))
    except OSError:
        pass
    os._exit(EXIT_CODE)


def finish(code: object) -> None:
    """End the program with ``code`` (an exit code, None for 0, or a message
    for stderr and 1) now that its command is done: a Ctrl-C from here on
    is too late to interrupt anything and is ignored, and the process
    leaves without tearing down every object one by one (the outputs are
    closed and on disk already)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: nothing more can be said
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)
