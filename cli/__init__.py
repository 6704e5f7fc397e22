"""The ``bdg`` command line: a thin front door over the core operations.

Each command lives in its own module under ``cli`` and registers itself on
:data:`app` (or a sub-app) when imported in :func:`_register`. Errors meant for the
user (:class:`bdg.errors.BdgError`) are printed as one Vietnamese message; any other
exception is a bug, reported without a traceback and with exit code 2.
"""

from __future__ import annotations

import sys

import typer

from cli.common import app, console, err_console


def _register() -> None:
    # Importing a command module registers its commands on `app`.
    from cli import init_cmd, plan_cmd  # noqa: F401
    for name in ("forms_cmd", "check_cmd", "consolidate_cmd", "status_cmd", "attainment_cmd",
                 "report_cmd", "addin_cmd", "demo_cmd", "setup_cmd", "panel_cmd"):
        try:
            __import__(f"cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"cli.{name}":
                raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``bdg`` command; returns the exit code."""
    from bdg.errors import BdgError

    _register()
    try:
        app(args=argv, prog_name="bdg")  # standalone: usage errors print and exit 2 themselves
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except BdgError as exc:
        err_console.print(f"[bold red]Lỗi:[/] {exc.message}", highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("Đã dừng theo yêu cầu.")
        return 130
    except Exception as exc:  # a bug: still no traceback for the user
        err_console.print(
            f"[bold red]Lỗi không mong đợi:[/] {type(exc).__name__}: {exc}. "
            "Hãy gửi thông báo này cùng tệp đầu vào cho bộ phận kỹ thuật.", highlight=False)
        return 2
    return 0


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())


__all__ = ["app", "console", "main", "typer"]
