"""Where an .ods sheet holds error values: LibreOffice writes them as empty strings marked
``calcext:value-type="error"`` with the error text in the paragraph, which calamine reads as ''."""

from __future__ import annotations

import io

from defusedxml.ElementTree import iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEAT = 10_000  # trailing empty rows and columns repeat by the million: never loop over them


def ods_errors(content: bytes, sheet: str) -> dict[tuple[int, int], str]:
    """{(row0, col0): "#DIV/0!"} for the table named ``sheet`` in an ODF content.xml."""
    if b'value-type="error"' not in content:
        return {}
    found: dict[tuple[int, int], str] = {}
    inside, row, col = False, -1, 0
    for event, el in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = el.tag
        if tag == f"{TABLE}table":
            if event == "start":
                inside, row = el.get(f"{TABLE}name") == sheet, -1
            elif inside:
                break
            continue
        if not inside:
            continue
        if tag == f"{TABLE}table-row" and event == "start":
            row, col = row + 1, 0
        elif tag == f"{TABLE}table-row" and event == "end":
            row += min(int(el.get(f"{TABLE}number-rows-repeated", "1")), MAX_REPEAT) - 1
            el.clear()
        elif tag in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell") and event == "end":
            repeat = min(int(el.get(f"{TABLE}number-columns-repeated", "1")), MAX_REPEAT)
            if el.get(f"{CALCEXT}value-type") == "error":
                text = "".join(p.text or "" for p in el.iter(f"{TEXT}p")) or "#VALUE!"
                for k in range(repeat):
                    found[(row, col + k)] = text
            col += repeat
    return found
