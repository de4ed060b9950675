"""The ``octavo`` program: the console script and ``python -m exporter``.

Its first act is to take over Ctrl-C (``exporter.interrupt``), before click
or any of Octavo's modules is imported, so that an interruption at any
moment prints one line, leaves no partial file and exits with code 130.
Its last is to leave at once once the command is done (see
:func:`exporter.interrupt.finish`).

In between, Python's cyclic garbage collector runs less often than its
defaults (:data:`GC_THRESHOLDS`): a command builds one large graph of
objects that live until it ends (the event, a booklet's flowables and
lines), and with the defaults the collector walked that graph again and
again, finding next to nothing: 15 % of an ``export pdf`` at 10× the
bundled event, 10 % on the bundled one, for no change in peak memory.
Cycles are still collected.
"""

from __future__ import annotations


#: A young-generation collection after 50,000 net allocations (Python's
#: default: 700), and the older generations as rarely in proportion.
GC_THRESHOLDS = (50_000, 50, 100)


def run() -> None:
    """Run the command line in a process of its own."""
    import gc

    from exporter import interrupt

    interrupt.install()
    gc.set_threshold(*GC_THRESHOLDS)
    from exporter.cli import run as command_line

    try:
        command_line()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    interrupt.finish(code)
