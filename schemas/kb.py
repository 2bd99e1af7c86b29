"""Knowledge-base shapes shared by extraction, chunking, indexing and the API."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.text import NonBlank

DocumentStatus = Literal["queued", "extracting", "chunking", "embedding", "indexing", "ready", "failed"]


class TextSection(BaseModel):
    """A run of prose from one place in a document (a page, or the part under a heading)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["text"] = "text"
    text: str
    page: int | None = None
    heading: str | None = None
    # The headings it sits under, outermost first ("Shipping" for a "Europe" section under it).
    parents: list[str] = Field(default_factory=list)

    @property
    def heading_path(self) -> str | None:
        """The heading with its parents, as chunks carry it: "Shipping > Europe"."""
        return " > ".join([*self.parents, self.heading]) if self.heading else None


class TableSection(BaseModel):
    """Rows of a table (CSV, a spreadsheet sheet): chunked in row groups with the header repeated."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["table"] = "table"
    columns: list[str]
    rows: list[list[str]]
    first_row: int = Field(2, ge=1, description="spreadsheet row number of rows[0] (1 = header)")
    sheet: str | None = None


Section = Annotated[TextSection | TableSection, Field(discriminator="kind")]


class ExtractedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")
    mime_type: str
    sections: list[Section]


class ChunkDraft(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    ordinal: int
    content: str
    tokens: int
    metadata: dict[str, object]


class DocumentView(BaseModel):
    """A knowledge-base document as the API shows it."""

    id: uuid.UUID
    filename: str
    mime_type: str
    size_bytes: int
    sha256: str
    status: DocumentStatus
    progress: int
    chunks_total: int
    chunks_done: int
    error: str | None
    embedding_model: str | None
    created_at: datetime
    updated_at: datetime


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    query: NonBlank = Field(min_length=1, max_length=2000)
    k: int = Field(5, ge=1, le=50)
    document_ids: list[uuid.UUID] | None = Field(None, max_length=100)


class SearchHit(BaseModel):
    chunk_id: str
    score: float
    document_id: uuid.UUID
    filename: str
    location: str
    content: str
    metadata: dict[str, object]
