"""The plan as a workbook a plan officer edits in Excel or LibreOffice: written, read back, checked.

The writer's spreadsheet library is imported only when something is written, so reading a plan
(which every command does) costs no writer import.
"""

__all__ = ["CellNote", "write_plan_book"]


def __getattr__(name: str):
    if name in __all__:
        from templates.plan_book import write

        return getattr(write, name)
    raise AttributeError(name)
