"""Phone numbers as the whitelist keeps them: E.164, checked against the numbering plan."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import phonenumbers


class PhoneError(ValueError):
    pass


def to_e164(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise PhoneError("enter a phone number, like +2348012345678")
    if not text.startswith("+"):
        if text.startswith("00"):
            text = "+" + text[2:]
        else:
            raise PhoneError("start with + and the country code, like +2348012345678")
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise PhoneError("this is not a phone number: use + and the country code, like +2348012345678") from None
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("this number does not exist in its country: check the digits after the country code")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@dataclass(frozen=True)
class ImportLine:
    line: int
    raw: str
    phone: str | None
    name: str
    problem: str | None


MAX_IMPORT_LINES = 5000


def parse_contact_lines(text: str) -> list[ImportLine]:
    """`phone[,name]` per line (a CSV export works too: a header row and blank lines are skipped)."""
    report = []
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) > MAX_IMPORT_LINES:
        raise PhoneError(f"import at most {MAX_IMPORT_LINES} lines at a time")
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        raw = ",".join(cells)
        if number == 1 and not any(ch.isdigit() for ch in cells[0]):
            continue  # a header such as "phone,name"
        name = cells[1][:200] if len(cells) > 1 else ""
        try:
            report.append(ImportLine(number, raw, to_e164(cells[0]), name, None))
        except PhoneError as exc:
            report.append(ImportLine(number, raw, None, name, str(exc)))
    return report
