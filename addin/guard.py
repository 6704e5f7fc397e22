"""Every macro's safety net: any exception reaches the user as one Vietnamese message.

A macro never lets an exception escape (xlwings would show a Python traceback dialog).
:class:`~bdg.errors.BdgError` carries its own Vietnamese message; anything else is a bug,
reported in one line with what to send to the technical staff.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

from addin import bookio
from bdg.errors import BdgError


ALERT_LINES = 12


@dataclass
class Outcome:
    """What a macro tells the user: a title, a few lines, success or not."""

    title: str
    lines: list[str] = field(default_factory=list)
    ok: bool = True
    book: object = None  # the workbook to show it in, when the macro reopened the file
    failed: bool = False  # the operation raised: nothing was done

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


def user_message(exc: BaseException) -> str:
    if isinstance(exc, BdgError):
        return exc.message
    if isinstance(exc, PermissionError):
        return (f"Không có quyền đọc hoặc ghi tệp '{getattr(exc, 'filename', '') or ''}'. "
                "Hãy đóng tệp nếu đang mở trong Excel, hoặc kiểm tra quyền truy cập.")
    if isinstance(exc, FileNotFoundError):
        return f"Không tìm thấy tệp hoặc thư mục '{getattr(exc, 'filename', '') or ''}'. Hãy kiểm tra lại đường dẫn."
    return (f"Lỗi không mong đợi ({type(exc).__name__}: {exc}). "
            "Hãy gửi thông báo này cùng tệp đang mở cho bộ phận kỹ thuật.")


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
            except Exception as exc:  # noqa: BLE001 — the user must never see a traceback
                outcome = Outcome(f"{title}: không thực hiện được", [user_message(exc)], ok=False, failed=True)
            target = outcome.book or book
            if show is not None:
                try:
                    show(target, outcome)
                except Exception as exc:  # noqa: BLE001
                    outcome.lines.append(f"(Không ghi được kết quả vào sổ: {user_message(exc)})")
            bookio.alert(target, outcome.alert_text, title="Bình đẳng giới")
            return outcome

        return wrapper

    return decorate
