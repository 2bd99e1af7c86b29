"""Reading the row a statement always returns (a count, an insert ... returning, an upsert)."""

from __future__ import annotations

from typing import TypeVar

import psycopg

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
