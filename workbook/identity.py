"""What marks a master workbook — its defined names (plan id, layout version, kind) — read
straight from the package (:func:`bdg.ooxml.defined_names`), without openpyxl.

Every command given ``--master`` checks it first (``bdg status``, ``bdg report``, the plan
choice), so it stays cheap to import and to run: no spreadsheet library, one small XML part.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bdg.errors import BdgError
from bdg.ooxml import defined_names
from workbook.layout import LAYOUT_VERSION, MASTER_KIND, NAME_KIND, NAME_LAYOUT_VERSION, NAME_PLAN_ID


class NotAMasterError(BdgError):
    code = "not-a-master"


def master_identity(path: Path) -> dict[str, str]:
    """The defined names that mark a master workbook (plan id, layout version, kind)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = defined_names(archive)
    except FileNotFoundError:
        raise NotAMasterError(code="master-missing", master=path) from None
    except Exception:
        raise NotAMasterError(code="master-unreadable", master=path) from None
    out = {name: names[name].strip('"') for name in (NAME_PLAN_ID, NAME_LAYOUT_VERSION, NAME_KIND) if name in names}
    if out.get(NAME_KIND) != MASTER_KIND:
        raise NotAMasterError(code="not-a-master", master=path, name=NAME_KIND)
    check_layout_version(path, out.get(NAME_LAYOUT_VERSION))
    return out


class MasterVersionError(BdgError):
    """A master whose sheet layout is older or newer than the one this bdg reads and writes."""


def check_layout_version(path: Path, found: str | None) -> None:
    """Stop before reading a master laid out by another version of bdg (``bdg_layout_version``)."""
    try:
        version = 0 if found is None else int(str(found).strip())  # no name at all: made before versions
    except ValueError:
        raise MasterVersionError(
            f"Sổ tổng hợp '{path}' có tên xác định '{NAME_LAYOUT_VERSION}' không hợp lệ ('{found}'). Đừng sửa "
            "các tên xác định của sổ; hãy khôi phục sổ từ thư mục sao lưu (sao-luu).") from None
    if version < LAYOUT_VERSION:
        raise MasterVersionError(
            f"Sổ tổng hợp '{path}' được lập theo bố cục cũ (phiên bản {version}); bdg này dùng bố cục phiên bản "
            f"{LAYOUT_VERSION}. Hãy lập sổ tổng hợp mới rồi tổng hợp lại các biểu mẫu đã nhận: bản sao "
            "của mọi tệp đã nhận nằm trong thư mục luu-tru bên cạnh sổ cũ.")
    if version > LAYOUT_VERSION:
        raise MasterVersionError(
            f"Sổ tổng hợp '{path}' được lập bằng phiên bản bdg mới hơn (bố cục phiên bản {version}; bdg này chỉ "
            f"đọc được phiên bản {LAYOUT_VERSION}). Hãy cập nhật bdg lên bản mới nhất rồi chạy lại.")
