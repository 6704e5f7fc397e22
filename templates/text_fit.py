"""How much room text needs in a spreadsheet cell, measured with the font's own metrics.

Neither Excel nor LibreOffice re-fits the row heights of a file written by code, and a column
narrower than its longest date shows "########". Every sheet bdg writes (the master through
openpyxl, the forms through XlsxWriter) therefore sizes its rows and checks its columns here.

Units are the spreadsheet's own: a column width counts characters of the workbook's default
font (Calibri 11, whose digits are 7 px wide at 96 dpi, plus 5 px of padding), a row height
is in points. Text is measured with Times New Roman's metrics — Liberation Serif, its metric
twin, on Linux — or, when neither is installed, with matplotlib's DejaVu Serif, which is wider
and so errs on the side of room.
"""

from __future__ import annotations

import math
import os
from functools import lru_cache
from pathlib import Path

DIGIT_PX = 7  # Calibri 11's digit width at 96 dpi: the unit of a column width
COLUMN_PAD_PX = 5  # added to every column
CELL_MARGIN_PX = 6  # what a cell keeps free left and right of its text (both sides)
LINE_FACTOR = 1.3125  # line height / font size (Excel: 15.75 pt rows for 12 pt Times New Roman)
ROW_PAD_PT = 2.0

_FILES = {  # (bold, italic) → file names of Times New Roman or its metric twin
    (False, False): ("LiberationSerif-Regular.ttf", "times.ttf", "Times New Roman.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "timesi.ttf", "Times New Roman Italic.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "timesbi.ttf", "Times New Roman Bold Italic.ttf"),
}
_FALLBACK = {(False, False): "DejaVuSerif.ttf", (True, False): "DejaVuSerif-Bold.ttf",
             (False, True): "DejaVuSerif-Italic.ttf", (True, True): "DejaVuSerif-BoldItalic.ttf"}
_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
         "%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts", "/Library/Fonts",
         "/System/Library/Fonts/Supplemental", "~/Library/Fonts")
_MEASURE_PX = 1000  # fonts are measured at this size and scaled


@lru_cache(maxsize=None)
def font_file(bold: bool = False, italic: bool = False) -> Path:
    """The TrueType file measured for Times New Roman in this style."""
    wanted = {name.casefold() for name in _FILES[(bold, italic)]}
    for folder in _DIRS:
        root = Path(os.path.expandvars(os.path.expanduser(folder)))
        if not root.is_dir():
            continue
        for dirpath, _, files in os.walk(root):
            for name in files:
                if name.casefold() in wanted:
                    return Path(dirpath) / name
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / _FALLBACK[(bold, italic)]


@lru_cache(maxsize=None)
def _font(bold: bool, italic: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_file(bold, italic)), _MEASURE_PX)


@lru_cache(maxsize=65536)
def text_px(text: str, size: float = 12, bold: bool = False, italic: bool = False) -> float:
    """Width in pixels (96 dpi) of one line of ``text`` at ``size`` points."""
    return _font(bold, italic).getlength(text) * (size * 96 / 72) / _MEASURE_PX


def column_px(width: float) -> float:
    """Pixels of a column ``width`` characters wide."""
    return width * DIGIT_PX + COLUMN_PAD_PX


def room_px(width: float) -> float:
    """Pixels of text a column ``width`` characters wide shows on one line."""
    return column_px(width) - CELL_MARGIN_PX


def width_for(text: str, size: float = 12, bold: bool = False, italic: bool = False) -> float:
    """The column width (characters) that shows the longest line of ``text`` whole."""
    longest = max((text_px(line, size, bold, italic) for line in str(text).split("\n")), default=0.0)
    return math.ceil((longest + CELL_MARGIN_PX - COLUMN_PAD_PX) / DIGIT_PX * 4 + 1) / 4


def wrap(text: str, room: float, size: float = 12, bold: bool = False, italic: bool = False) -> list[str]:
    """``text`` broken at word boundaries into lines at most ``room`` pixels wide (a word longer than
    a line keeps a line of its own)."""
    space = text_px(" ", size, bold, italic)
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line, used = [], 0.0
        for word in paragraph.split():
            w = text_px(word, size, bold, italic)
            if line and used + space + w > room:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + w
            line.append(word)
        lines.append(" ".join(line))
    return lines


def wrapped_lines(text: str, width: float, size: float = 12, bold: bool = False, italic: bool = False) -> int:
    """Lines ``text`` takes when wrapped at word boundaries in a column ``width`` characters wide
    (a word longer than a line is broken over several, as Excel and LibreOffice do)."""
    room = room_px(width)
    return sum(max(1, math.ceil(text_px(line, size, bold, italic) / room))
               for line in wrap(text, room, size, bold, italic))


def line_height(size: float = 12) -> float:
    """Points one line of text at ``size`` points takes in a row."""
    return size * LINE_FACTOR


def row_height(lines: int, size: float = 12) -> float:
    """Row height (points) for ``lines`` lines of text at ``size`` points."""
    return round(max(1, lines) * line_height(size) + ROW_PAD_PT, 2)


def height_for(text: str, width: float, size: float = 12, bold: bool = False, italic: bool = False) -> float:
    """Row height (points) that shows ``text`` wrapped in a column ``width`` characters wide."""
    return row_height(wrapped_lines(text, width, size, bold, italic), size)
