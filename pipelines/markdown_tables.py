"""Markdown tables inside a document's text: the cells of a line, and the rule line under a table's header.

Shared by the reply composer (a table row reads as a sentence) and the abstention check (a column named by a
product word lists that product's variants), so both read the same lines as a table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_RULE_CELL = re.compile(r":?-{3,}:?")  # "---", ":---", ":---:"


def table_cells(line: str) -> list[str] | None:
    """The stripped cells of a Markdown table line ("| Monday | 18:00 | Vinyasa |"), None for any other line."""
    stripped = line.strip()
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    return [cell.strip() for cell in stripped[1:-1].split("|")]


def is_rule(cells: Sequence[str] | None) -> bool:
    """Whether the cells are the "|---|:---:|" line that sits under a table's header row."""
    return bool(cells) and all(_RULE_CELL.fullmatch(cell) for cell in cells or ())
