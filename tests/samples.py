"""Documents made on the fly for tests: a business's price list, FAQ, catalogue."""

from __future__ import annotations

import io
import zipfile


def pdf(pages: list[str], password: str | None = None) -> bytes:
    from fpdf import FPDF

    doc = FPDF()
    doc.set_font("helvetica", size=11)
    for text in pages:
        doc.add_page()
        doc.multi_cell(0, 6, text)
    data = bytes(doc.output())
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx(blocks: list[tuple[str, str]], table: list[list[str]] | None = None) -> bytes:
    """blocks: (style, text) with style "h1"/"h2" for headings or "p" for paragraphs."""
    import docx as python_docx

    document = python_docx.Document()
    for style, text in blocks:
        if style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bomb_docx(size_mb: int = 300) -> bytes:
    """A .docx-shaped zip whose one member expands to size_mb of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Acme</title><style>body{color:red}</style>
<script>var secret = "do not index";</script></head><body>
<h1>Delivery information</h1><p>We deliver to Lagos, Abuja and Accra within 3 working days.</p>
<p>Delivery is free for orders above 50,000 NGN.</p>
<h2>Opening hours</h2><ul><li>Monday to Friday: 8am - 6pm</li><li>Saturday: 10am - 2pm</li></ul>
</body></html>"""
