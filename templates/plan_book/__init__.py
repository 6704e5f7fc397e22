"""The plan as a workbook a plan officer edits in Excel or LibreOffice: written, read back, checked."""

from templates.plan_book.write import CellNote, write_plan_book

__all__ = ["CellNote", "write_plan_book"]
