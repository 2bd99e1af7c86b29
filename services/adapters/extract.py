"""Turn an uploaded file into sections of text or table rows.

The type is sniffed from the content (magic bytes, zip members, markup), the file
name only breaks ties between text formats. Every failure is an ExtractionError
whose message a business owner can act on.

The readers build plain dicts of `schemas.kb`'s section shapes and only `extract` validates them into the
typed document: the child process that reads an upload (services/adapters/extract_child.py) then starts
without pydantic, whose import was most of its start (0.2-0.45 s of a small file's whole extraction).
"""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemas.kb import ExtractedDocument

# A section as `schemas.kb.TextSection` or `TableSection` takes it (`kind` "text" or "table").
Section = dict[str, Any]

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html"
MARKDOWN = "text/markdown"
TEXT = "text/plain"
CSV = "text/csv"

SUPPORTED_TYPES = {
    PDF: "PDF", DOCX: "Word (.docx)", XLSX: "Excel (.xlsx)", HTML: "HTML", MARKDOWN: "Markdown",
    TEXT: "plain text", CSV: "CSV",
}

_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office file (.doc/.xls: save it as .docx/.xlsx)",
    b"\x7fELF": "a program", b"MZ": "a program", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive", b"RIFF": "an audio or video file", b"OggS": "an audio file",
}
_HTML_HINT = re.compile(rb"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


class UnsupportedTypeError(ValueError):
    """The file is not a type Salesboy can read."""


class ExtractionError(ValueError):
    """The file is of a supported type but cannot be used; the message says why."""


@dataclass(frozen=True)
class ExtractionLimits:
    max_pages: int = 2000
    max_seconds: float = 120.0
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 100
    max_rows: int = 200_000
    max_memory_mb: int = 1024  # the reading child process's address space (services/adapters/extract_isolated.py)


def sniff_type(data: bytes, filename: str) -> str:
    if not data:
        raise UnsupportedTypeError("the file is empty")
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    for magic, what in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            raise UnsupportedTypeError(f"the file is {what}")
    if _decode(data) is None:
        raise UnsupportedTypeError("the file is binary, not a document")
    if _HTML_HINT.search(data[:4096]):
        return HTML
    if suffix in (".md", ".markdown"):
        return MARKDOWN
    if suffix in (".csv", ".tsv"):
        return CSV
    return TEXT


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise UnsupportedTypeError("the file is a damaged zip archive") from exc
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise UnsupportedTypeError("the file is a zip archive, not a document")


def _decode(data: bytes) -> str | None:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def extract(data: bytes, mime_type: str, limits: ExtractionLimits = ExtractionLimits()) -> ExtractedDocument:
    """The file's sections as the typed document the ingest pipeline stores."""
    from schemas.kb import ExtractedDocument

    return ExtractedDocument.model_validate(read_document(data, mime_type, limits))


def read_document(data: bytes, mime_type: str, limits: ExtractionLimits = ExtractionLimits()) -> dict[str, Any]:
    """What `extract` returns, as plain data (`ExtractedDocument`'s fields): what the reading child sends back."""
    readers = {PDF: _pdf, DOCX: _docx, XLSX: _xlsx, HTML: _html, MARKDOWN: _markdown, TEXT: _text, CSV: _csv}
    if mime_type not in readers:
        raise UnsupportedTypeError(f"{mime_type} is not supported")
    deadline = time.monotonic() + limits.max_seconds
    sections = readers[mime_type](data, limits, deadline)
    sections = [s for s in sections if _has_content(s)]
    if not sections:
        raise ExtractionError(
            "No text could be extracted from this file. If it is a scanned document or an image, "
            "upload a version with selectable text."
        )
    return {"mime_type": mime_type, "sections": sections}


def _text_section(text: str, *, page: int | None = None, heading: str | None = None,
                  parents: list[str] | None = None) -> Section:
    return {"kind": "text", "text": text, "page": page, "heading": heading, "parents": parents or []}


def _table_section(columns: list[str], rows: list[list[str]], *, first_row: int = 2,
                   sheet: str | None = None) -> Section:
    return {"kind": "table", "columns": columns, "rows": rows, "first_row": first_row, "sheet": sheet}


def _has_content(section: Section) -> bool:
    if section["kind"] == "text":
        return bool(section["text"].strip())
    return any(any(str(cell).strip() for cell in row) for row in section["rows"])


def _check_deadline(deadline: float, limits: ExtractionLimits) -> None:
    if time.monotonic() > deadline:
        raise ExtractionError(f"Reading this file took longer than {limits.max_seconds:g} seconds; "
                              "split it into smaller files.")


def _text_of(data: bytes) -> str:
    text = _decode(data)
    if text is None:
        raise ExtractionError("The file's text encoding could not be recognised; save it as UTF-8.")
    return text


# --- formats ----------------------------------------------------------------------------------

def _pdf(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("This PDF is password-protected. Remove the password and upload it again.")
        pages = reader.pages
        count = len(pages)
        if count > limits.max_pages:
            raise ExtractionError(f"This PDF has {count} pages; the limit is {limits.max_pages}. Split it.")
        sections: list[Section] = []
        for number, page in enumerate(pages, start=1):
            _check_deadline(deadline, limits)
            sections.append(_text_section(page.extract_text() or "", page=number))
        return sections
    except ExtractionError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractionError("This PDF could not be read; it may be damaged. "
                              "Try exporting it again from the original program.") from exc


def _check_zip(data: bytes, limits: ExtractionLimits, kind: str) -> None:
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile as exc:
        raise ExtractionError(f"This {kind} file is damaged and cannot be opened.") from exc
    unpacked = sum(info.file_size for info in infos)
    packed = max(1, sum(info.compress_size for info in infos))
    if unpacked > limits.max_unpacked_bytes or unpacked / packed > limits.max_compression_ratio:
        raise ExtractionError(
            f"This {kind} file expands to {unpacked // (1024 * 1024)} MB when opened, which looks like a "
            "zip bomb rather than a document; it was not processed."
        )


def _docx(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    _check_zip(data, limits, "Word")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for broken packages
        raise ExtractionError("This Word file could not be read; it may be damaged.") from exc
    sections: list[Section] = []
    open_headings: list[tuple[int, str]] = []  # the current heading and those it sits under
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            names = [name for _, name in open_headings]
            sections.append(_text_section("\n\n".join(buffer), heading=names[-1] if names else None,
                                          parents=names[:-1]))
            buffer.clear()

    for block in document.iter_inner_content():
        _check_deadline(deadline, limits)
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            text = block.text.strip()
            if style.startswith(("Heading", "Title")) and text:
                flush()
                level = int(style.rsplit(" ", 1)[-1]) if style[-1:].isdigit() else (0 if style == "Title" else 1)
                open_headings = [(lv, n) for lv, n in open_headings if lv < level] + [(level, text)]
            elif text:
                buffer.append(text)
        elif isinstance(block, Table):
            rows = [[cell.text.strip() for cell in row.cells] for row in block.rows]
            if rows:
                flush()
                sections.append(_table_section(rows[0], rows[1:],
                                               sheet=open_headings[-1][1] if open_headings else None))
    flush()
    return sections


def _xlsx(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    _check_zip(data, limits, "Excel")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken packages
        raise ExtractionError("This Excel file could not be read; it may be damaged.") from exc
    sections: list[Section] = []
    total = 0
    try:
        for sheet in workbook.worksheets:
            columns: list[str] | None = None
            first_row = 0
            rows: list[list[str]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                _check_deadline(deadline, limits)
                cells = [_cell(v) for v in values]
                if columns is None:
                    if any(cells):
                        columns, first_row = cells, number + 1
                    continue
                rows.append(cells)
                total += 1
                if total > limits.max_rows:
                    raise ExtractionError(f"This workbook has more than {limits.max_rows} rows; split it.")
            if columns is not None:
                sections.append(_table_section(columns, rows, first_row=first_row, sheet=sheet.title))
    finally:
        workbook.close()
    return sections


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    text = _text_of(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append([cell.strip() for cell in row])
        if len(rows) > limits.max_rows:
            raise ExtractionError(f"This CSV file has more than {limits.max_rows} rows; split it.")
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    return [_table_section(rows[0], rows[1:], first_row=2)]


def _html(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_text_of(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "svg", "iframe", "head"]):
        tag.decompose()
    marker = "\u0000HEADING\u0000"
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.replace_with(f"\n{marker}{tag.name[1]}{' '.join(tag.get_text(' ').split())}\n")
    for tag in soup.find_all(["p", "div", "li", "tr", "br", "section", "article", "table", "ul", "ol"]):
        tag.insert_after("\n\n" if tag.name in ("p", "div", "section", "article", "table") else "\n")
    text = soup.get_text()
    return _split_on_headings(text.split("\n"), lambda line: (int(line[len(marker)]), line[len(marker) + 1:])
                              if line.startswith(marker) else None)


def _markdown(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    def heading_of(line: str) -> tuple[int, str] | None:
        match = _MD_HEADING.match(line)
        return (len(match.group(1)), match.group(2)) if match else None

    return _split_on_headings(_text_of(data).splitlines(), heading_of)


def _split_on_headings(lines: list[str], heading_of) -> list[Section]:
    """Sections under each heading; `heading_of(line)` gives (level, text) for a heading line."""
    sections: list[Section] = []
    open_headings: list[tuple[int, str]] = []  # the current heading and those it sits under
    buffer: list[str] = []

    def flush() -> None:
        names = [name for _, name in open_headings]
        sections.append(_text_section("\n".join(buffer), heading=names[-1] if names else None,
                                      parents=names[:-1]))

    for line in lines:
        found = heading_of(line.strip())
        if found is not None:
            flush()
            level, name = found[0], found[1].strip()
            open_headings = [(lv, n) for lv, n in open_headings if lv < level]
            if name:
                open_headings.append((level, name))
            buffer = []
        else:
            buffer.append(line.rstrip())
    flush()
    return [_collapse_blank_lines(s) for s in sections]


def _collapse_blank_lines(section: Section) -> Section:
    return {**section, "text": re.sub(r"\n\s*\n(\s*\n)+", "\n\n", section["text"]).strip()}


_TEXT_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)[.)]?\s+(\S.*)$")


def _text(data: bytes, limits: ExtractionLimits, deadline: float) -> list[Section]:
    """Plain text has no markup, but a short line standing alone above its paragraph ("2. Old parts",
    "Storing coffee") is a heading: kept as one, it is not glued onto the paragraph's first sentence."""
    lines = _text_of(data).splitlines()
    levels: dict[int, tuple[int, str]] = {}
    for index, line in enumerate(lines):
        text = line.strip()
        after_blank = index == 0 or not lines[index - 1].strip()
        before_text = index + 1 < len(lines) and bool(lines[index + 1].strip())
        if not (after_blank and before_text) or len(text.split()) > 10 or text[-1:] in ".!?,;:":
            continue
        numbered = _TEXT_NUMBERED.match(text)
        if numbered:  # "2. Old parts": a heading under the document's title; "2.1 ..." under that
            levels[index] = (1 + numbered.group(1).count(".") + 1, numbered.group(2))
        else:
            levels[index] = (1, text)
    if not levels:
        return [_text_section("\n".join(lines))]
    numbered_lines = iter(range(len(lines)))
    return _split_on_headings(lines, lambda _line: levels.get(next(numbered_lines)))
