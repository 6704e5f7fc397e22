"""The add-in's part of ``bdg demo``: its Excel files, the xlwings Lite script, and one button run."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def stage_addin(source, out: Path, inbox: Path | None, master: Path | None = None) -> tuple[list[str], list[Path]]:
    """Write demo-output/addin/{excel,lite}/ and, on a sample form with errors, the result of
    *Kiểm tra biểu mẫu* as Excel would show it (run through xlwings' remote engine).

    ``source``: the demo's plan with its text (:class:`bdg.plan_loader.PlanSource`); every part
    uses it — the control workbook's examples, the Lite script's plan, the button's check.
    """
    from addin.build import build
    from addin.files import using_plan
    from addin.lite import export

    plan = source.plan
    folder = Path(out) / "addin"
    settings = {"master": str(Path(master).resolve())} if master else {}
    excel = build(folder / "excel", plan=plan, settings=settings)
    lines = [f"Add-in Excel (xlwings cổ điển): {', '.join(str(p) for p in excel)}"]
    lite = export(source, folder / "lite")
    lines.append(f"Tệp cho xlwings Lite (kế hoạch '{plan.id}'): {', '.join(str(p) for p in lite)}")
    made = [folder]
    sample = _form_with_errors(plan, inbox) if inbox else None
    if sample is None:
        return lines, made
    if "xlwings" not in sys.modules:  # the remote engine needs the key before xlwings is imported
        os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # PolyForm Noncommercial
    from addin import macros
    from addin.remote import RemoteEngineError, payload_from_file, remote_book, replay

    try:
        book = remote_book(payload_from_file(sample))
    except RemoteEngineError as exc:
        return lines + [f"(Bỏ qua chạy thử nút Kiểm tra biểu mẫu: {exc.message})"], made
    with using_plan(plan):
        outcome = macros.check_form(book)
    checked = folder / f"{sample.stem}-da-kiem-tra.xlsx"
    replay(book.json()["actions"], sample, checked)
    lines.append(f"Nút 'Kiểm tra biểu mẫu' chạy thử trên {sample.name}: {outcome.title.split(': ', 1)[-1]} "
                 f"— kết quả (ô tô màu, ghi chú, trang 'Kết quả kiểm tra'): {checked}")
    return lines, made


def _form_with_errors(plan, inbox: Path) -> Path | None:
    """The first sample form (by name) that intake finds an error in."""
    from templates.intake.read import read_form

    for path in sorted(Path(inbox).glob("*.xlsx")):
        if read_form(path, plan).errors:
            return path
    return None
