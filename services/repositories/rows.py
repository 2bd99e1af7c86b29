"""Reading rows: the row a statement always returns (a count, an insert ... returning, an upsert), and
rows as the typed records repositories hand out."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import psycopg

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = TypeVar("Row")


class MissingRowError(LookupError):
    """A statement that always returns a row returned none."""


def one_row(cursor: psycopg.Cursor[Row]) -> Row:
    row = cursor.fetchone()
    if row is None:
        raise MissingRowError("the statement returned no row")
    return row


T = TypeVar("T")


def existing(row: T | None, what: str) -> T:
    """A row the caller found or wrote earlier in the same transaction (so still there)."""
    if row is None:
        raise MissingRowError(f"{what} is gone")
    return row


Record = TypeVar("Record", bound="DataclassInstance")


def record(kind: type[Record], columns: Mapping[str, Any]) -> Record:
    """A row as its record type, picked by field name: columns the type does not name (`select *` of a table
    that grew a column) are left out, and a column it names but the statement lacks fails here."""
    return kind(**{f.name: columns[f.name] for f in dataclasses.fields(kind)})


@dataclass(frozen=True)
class Page:
    """One page of a longer list: its rows, how many there are in all, and where this page starts."""

    rows: list[Any]  # typed rows, or the views made from them (documents)
    total: int
    offset: int

    @property
    def shown(self) -> int:
        return len(self.rows)

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total

