"""The ``bdg`` command line: a thin front door over the core operations.

Each command lives in its own module under ``cli`` and registers itself on
:data:`app` when imported in :func:`_register`. Every error crosses one boundary,
:func:`bdg.errors.translate`: an expected error (:class:`bdg.errors.BdgError`) is printed as one
Vietnamese message followed by how to fix it on the command line (:mod:`cli.hints`); any other
exception is a bug, reported in one line with the path of the log file that holds its traceback
(``BDG_DEBUG=1`` shows the traceback instead).
"""

from __future__ import annotations

import sys

import typer
from rich.text import Text

from cli.common import app, console, err_console

COMMAND_MODULES = ("init_cmd", "plan_cmd", "forms_cmd", "check_cmd", "consolidate_cmd", "status_cmd",
                   "attainment_cmd", "report_cmd", "addin_cmd", "demo_cmd", "setup_cmd", "panel_cmd")


def _register() -> None:
    # Importing a command module registers its commands on `app`.
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"cli.{name}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bdg`` command; returns the exit code."""
    from bdg.errors import EXIT_INTERRUPTED, INTERRUPTED, translate
    from cli.hints import hint

    _register()
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        app(args=args, prog_name="bdg")  # standalone: usage errors print and exit 2 themselves
    except SystemExit as exc:
        code = exc.code
        if code == EXIT_INTERRUPTED:  # typer turns Ctrl+C into a silent exit 130
            err_console.print(INTERRUPTED)
        return code if isinstance(code, int) else (0 if code is None else 2)
    except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 — the one boundary
        shown = translate(exc, hint=hint, context="bdg " + " ".join(args))
        label = () if shown.exit_code == EXIT_INTERRUPTED else (("Lỗi: ", "bold red"),)
        err_console.print(Text.assemble(*label, shown.message), soft_wrap=True)
        return shown.exit_code
    return 0


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())


__all__ = ["app", "console", "main", "typer"]
