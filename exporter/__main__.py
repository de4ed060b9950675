"""``python -m exporter`` runs the ``octavo`` program."""

from exporter.program import run

if __name__ == "__main__":  # pragma: no cover
    run()
