"""Text a request must carry: spaces, tabs and line breaks alone are no text."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def _not_blank(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise ValueError("must contain more than spaces and line breaks")
    return stripped


NonBlank = Annotated[str, AfterValidator(_not_blank)]
