"""The ``octavo`` program: the console script and ``python -m exporter``.

Its first act is to take over Ctrl-C (``exporter.interrupt``), before click
or any of Octavo's modules is imported, so that an interruption at any
moment prints one line, leaves no partial file and exits with code 130.
Its last is to leave at once once the command is done (see
:func:`exporter.interrupt.finish`).
"""

from __future__ import annotations


def run() -> None:
    """Run the command line in a process of its own."""
    from exporter import interrupt

    interrupt.install()
    from exporter.cli import run as command_line

    try:
        command_line()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    interrupt.finish(code)
