"""``bdg addin lite``: main.py and requirements.txt for the xlwings Lite editor.

xlwings Lite runs Python inside Excel (Pyodide) and installs packages from a public index;
bdg is not on one, so main.py carries the pure-Python modules it needs as source text,
writes them to a temporary folder of the in-browser file system at start-up and imports them
from there. The modules are found by following the imports of the Lite entry points
(:data:`ENTRY_MODULES`); the file-based operations (consolidation, report, forms) are left
out because xlwings Lite cannot reach the office's files.

What works in xlwings Lite: *Kiểm tra biểu mẫu* (on the open form), *Tính mức đạt* (from the
open master's Số liệu, written to Đánh giá chi tiết) and the BDG_ custom functions.
"""

from __future__ import annotations

import modulefinder
from pathlib import Path

from bdg.plan_loader import PlanSource
from templates.plan_book.source import read_plan_source

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bdg", "addin", "templates", "workbook")
ENTRY_MODULES = ("addin.check", "addin.in_book", "addin.functions", "addin.control", "addin.guard",
                 "addin.book_macros")
LEFT_OUT = ("report_builder", "workbook.consolidate", "workbook.attainment_update", "templates.forms.generate",
            "templates.forms.sample", "cli", "bdg.office", "addin.build", "addin.remote", "addin.lite")
PLAN_FILE = "bdg_plan.yaml"
# Packages xlwings Lite installs (pure Python, or built for Pyodide — those are not pinned).
REQUIREMENTS = ("xlwings", "openpyxl", "et_xmlfile", "babel", "pydantic", "pyyaml")
PINNED = ("xlwings", "openpyxl", "et_xmlfile", "babel")

CALAMINE_SHIM = '''"""Stand-in for python-calamine, which xlwings Lite cannot install: reading files is not possible there."""


class CalamineWorkbook:
    @classmethod
    def from_path(cls, *args, **kwargs):
        raise RuntimeError("xlwings Lite không đọc được tệp trên máy tính.")

    from_filelike = from_object = from_path


def __getattr__(name):
    return CalamineWorkbook
'''


def bundled_modules() -> dict[str, str]:
    """{relative path: source} of every module of bdg's packages the Lite entry points import."""
    finder = modulefinder.ModuleFinder(path=[str(ROOT)], excludes=list(LEFT_OUT))  # only our own modules
    for name in ENTRY_MODULES:
        finder.import_hook(name)
    out: dict[str, str] = {}
    for name, module in sorted(finder.modules.items()):
        if name.split(".")[0] not in PACKAGES or not module.__file__:
            continue
        path = Path(module.__file__).resolve()
        out[path.relative_to(ROOT).as_posix()] = path.read_text(encoding="utf-8")
    return out


def main_py(plan: PlanSource | Path | None = None) -> str:
    """main.py carrying bdg's modules and the plan (a validated source, a plan file, or the bundled plan)."""
    source = plan if isinstance(plan, PlanSource) else read_plan_source(plan)  # a broken plan stops here
    plan = source.plan
    files = bundled_modules()
    files[PLAN_FILE] = source.text
    files["python_calamine/__init__.py"] = CALAMINE_SHIM
    body = ",\n".join(f"    {path!r}: {text!r}" for path, text in sorted(files.items()))
    return _TEMPLATE.format(plan=plan.name, plan_id=plan.id, files=body, plan_file=PLAN_FILE)


def requirements() -> str:
    from importlib.metadata import version

    lines = []
    for name in REQUIREMENTS:
        lines.append(f"{name}=={version(name)}" if name in PINNED else name)
    return "\n".join(lines) + "\n"


def export(plan: PlanSource | Path | None, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    main, reqs = out_dir / "main.py", out_dir / "requirements.txt"
    main.write_text(main_py(plan), encoding="utf-8")
    reqs.write_text(requirements(), encoding="utf-8")
    return [main, reqs]


_TEMPLATE = '''"""bdg (Bình đẳng giới) cho xlwings Lite — kế hoạch: {plan}.

Tệp do lệnh `bdg addin lite` tạo ra; đừng sửa tay, hãy tạo lại khi phần mềm hoặc kế hoạch thay đổi.
Nút lệnh: kiem_tra_bieu_mau (Kiểm tra biểu mẫu), tinh_muc_dat (Tính mức đạt).
Hàm dùng trong ô: BDG_MUCDAT, BDG_TRANGTHAI, BDG_CHITIEU, BDG_DANHGIA.
Tổng hợp, Xuất báo cáo, Tạo biểu mẫu cần đọc/ghi tệp: dùng add-in bdg.xlam hoặc dòng lệnh bdg.
"""

import os
import sys
import tempfile

# The pure-Python modules of bdg (plan id: {plan_id}), carried as source text.
_FILES = {{
{files}
}}


def _install():
    root = tempfile.mkdtemp(prefix="bdg-")
    for relative, text in _FILES.items():
        path = os.path.join(root, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    sys.path.append(root)  # after the installed packages: a real python-calamine wins over the stand-in
    os.environ["BDG_PLAN"] = os.path.join(root, "{plan_file}")


_install()

import xlwings as xw  # noqa: E402

from addin.functions import BDG_CHITIEU, BDG_DANHGIA, BDG_MUCDAT, BDG_TRANGTHAI  # noqa: E402,F401
from addin.book_macros import attainment, check_form  # noqa: E402


@xw.script(name="Kiểm tra biểu mẫu")
def kiem_tra_bieu_mau(book: xw.Book):
    """Kiểm tra biểu mẫu đang mở: tô màu, ghi chú ô có lỗi và lập trang 'Kết quả kiểm tra'."""
    check_form(book)


@xw.script(name="Tính mức đạt")
def tinh_muc_dat(book: xw.Book):
    """Tính mức đạt từ trang Số liệu của sổ tổng hợp đang mở, ghi vào trang 'Đánh giá chi tiết'."""
    attainment(book)
'''
