"""Every macro's safety net: any exception reaches the user as one Vietnamese message.

A macro never lets an exception escape (xlwings would show a Python traceback dialog). The
translation is the command line's too (:func:`bdg.errors.translate`): an expected
:class:`~bdg.errors.BdgError` is its message plus how to fix it in the control panel sheet
(:mod:`addin.hints`); anything else is a bug, reported in one line with the path of the log file
that holds its traceback. With ``BDG_DEBUG=1`` that error is raised instead.
"""

from __future__ import annotations

import functools
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable

from addin import bookio
from addin.hints import hint_for
from bdg.errors import translate


ALERT_LINES = 12


@dataclass
class Outcome:
    """What a macro tells the user: a title, a few lines, success or not."""

    title: str
    lines: list[str] = field(default_factory=list)
    ok: bool = True
    book: object = None  # the workbook to show it in, when the macro reopened the file
    failed: bool = False  # the operation raised: nothing was done
    log: Path | None = None  # an unexpected error's traceback file
    plan: object = None  # the plan the macro used (its examples go into a new control sheet)

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.lines])

    @property
    def alert_text(self) -> str:
        """The text of the message box: at most :data:`ALERT_LINES` lines, the rest is on the sheet."""
        if len(self.lines) <= ALERT_LINES:
            return self.text
        rest = len(self.lines) - ALERT_LINES
        return "\n".join([self.title, *self.lines[:ALERT_LINES], f"... và {rest} dòng nữa trong sổ."])


def user_message(exc: BaseException, book=None, context: str = "") -> str:
    """The Vietnamese text shown for ``exc`` (see :func:`bdg.errors.translate`)."""
    return translate(exc, hint=hint_for(book) if book is not None else None, context=context).message


def macro(title: str, show: Callable[[object, Outcome], None] | None = None):
    """Wrap ``fn(book, ...) -> Outcome``: resolve the calling book, catch everything, show the outcome.

    ``show(book, outcome)`` writes the outcome into the workbook (a result sheet or the control
    sheet); an alert repeats it. Failures while showing are swallowed after the alert.
    """

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(book=None, *args, **kwargs):
            if book is None:
                import xlwings as xw

                book = xw.Book.caller()
            try:
                outcome = fn(book, *args, **kwargs)
            except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 — the user never sees a traceback
                where = f"macro '{title}' ({fn.__module__}.{fn.__name__}), sổ '{_name(book)}'"
                shown = translate(exc, hint=hint_for(book), context=where)
                outcome = Outcome(f"{title}: không thực hiện được", [shown.message], ok=False, failed=True,
                                  log=shown.log)
            target = outcome.book or book
            if show is not None:
                try:
                    show(target, outcome)
                except Exception as exc:  # noqa: BLE001
                    text = user_message(exc, context=f"macro '{title}': ghi kết quả vào sổ")
                    outcome.lines.append(f"(Không ghi được kết quả vào sổ: {text})")
            bookio.alert(target, outcome.alert_text, title="Bình đẳng giới")
            return outcome

        return wrapper

    return decorate


def _name(book) -> str:
    try:
        return book.name
    except Exception:  # noqa: BLE001 — a closed book has no name any more
        return "?"
