"""A stand-in for Excel driven through xlwings (App → Book → VBProject), recording every call.

Only what :mod:`addin.excel_build` asks of Excel is here. ``SaveAs`` writes a real OOXML package
(XlsxWriter) holding the book's sheets and values, so the steps after Excel (the ribbon part,
reading the control sheet) run on a real file.
"""

from __future__ import annotations

from pathlib import Path


class FakeRange:
    def __init__(self, sheet, address):
        self.sheet, self.address = sheet, address

    @property
    def value(self):
        return self.sheet.cells.get(self.address)

    @value.setter
    def value(self, rows):
        self.sheet.book.app.calls.append(("write", self.sheet.name, self.address))
        self.sheet.cells[self.address] = rows


class FakeSheet:
    def __init__(self, book, name):
        self.book, self._name, self.cells = book, name, {}

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self.book.app.calls.append(("rename", self._name, value))
        self._name = value

    def range(self, address):
        return FakeRange(self, address)

    def delete(self):
        self.book.app.calls.append(("delete", self._name))
        self.book.sheet_list.remove(self)


class FakeSheets:
    def __init__(self, book):
        self.book = book

    def __getitem__(self, i):
        return self.book.sheet_list[i]

    def __iter__(self):
        return iter(list(self.book.sheet_list))

    def __len__(self):
        return len(self.book.sheet_list)

    def add(self, name, before=None, after=None):
        self.book.app.calls.append(("add_sheet", name, before.name if before else None))
        sheet = FakeSheet(self.book, name)
        index = self.book.sheet_list.index(before) if before else len(self.book.sheet_list)
        self.book.sheet_list.insert(index, sheet)
        return sheet


class FakeComponents:
    def __init__(self, book):
        self.book = book

    def Import(self, path):  # noqa: N802 — the COM name
        assert Path(path).is_file(), path
        self.book.app.calls.append(("import", Path(path).name))
        self.book.imported.append(Path(path))


class FakeVBProject:
    def __init__(self, book):
        self.VBComponents = FakeComponents(book)  # noqa: N815


class FakeComError(Exception):
    """Shaped like pywintypes.com_error: (hresult, strerror, excepinfo, argerror), Excel's words in excepinfo[2]."""

    def __init__(self, hresult, strerror, excepinfo, argerror):
        super().__init__(hresult, strerror, excepinfo, argerror)
        self.hresult, self.strerror, self.excepinfo, self.argerror = hresult, strerror, excepinfo, argerror


class FakeApi:
    def __init__(self, book):
        self.book = book

    @property
    def VBProject(self):  # noqa: N802
        self.book.app.calls.append(("vbproject",))
        if self.book.app.refuse_vba:
            raise FakeComError(-2147352567, "Exception occurred.", (0, "Microsoft Excel", "Programmatic access to "
                               "Visual Basic Project is not trusted\n", None, 0, -2146827284), None)
        return FakeVBProject(self.book)

    def SaveAs(self, path, FileFormat):  # noqa: N802,N803
        import xlsxwriter

        self.book.app.calls.append(("save_as", Path(path).name, FileFormat))
        wb = xlsxwriter.Workbook(path)
        for sheet in self.book.sheet_list:
            ws = wb.add_worksheet(sheet.name)
            for r, row in enumerate(sheet.cells.get("A1") or []):
                for c, value in enumerate(row):
                    if value is not None:
                        ws.write(r, c, value)
        wb.close()


class FakeBook:
    def __init__(self, app, sheet_names):
        self.app = app
        self.sheet_list = []
        self.sheet_list += [FakeSheet(self, n) for n in sheet_names]
        self.sheets = FakeSheets(self)
        self.api = FakeApi(self)
        self.imported: list[Path] = []

    def close(self):
        self.app.calls.append(("close",))


class FakeBooks:
    def __init__(self, app):
        self.app = app

    def add(self):
        self.app.calls.append(("add_book",))
        book = FakeBook(self.app, self.app.new_sheet_names)
        self.app.books_made.append(book)
        return book


class FakeApp:
    """``FakeApp(refuse_vba=True)`` behaves like an Excel whose Trust Center refuses the VBA project."""

    def __init__(self, *, refuse_vba: bool = False, new_sheet_names=("Trang_tính1", "Trang_tính2")):
        self.refuse_vba = refuse_vba
        self.new_sheet_names = new_sheet_names  # a Vietnamese Excel names new sheets so, maybe several
        self.calls: list[tuple] = []
        self.books = FakeBooks(self)
        self.books_made: list[FakeBook] = []
        self.display_alerts = True

    def quit(self):
        self.calls.append(("quit",))
