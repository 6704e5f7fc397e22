"""``python -m cli``: the ``bdg`` command (used by the command files, which name their Python)."""

from cli import run

run()
