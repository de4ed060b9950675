"""``python -m exporter`` runs the ``octavo`` command line."""

from exporter.cli import run

if __name__ == "__main__":  # pragma: no cover
    run()
