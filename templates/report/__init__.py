"""Report templates as data files users may edit: bao-cao.docx (Word) and bao-cao.html.j2 (HTML)."""
