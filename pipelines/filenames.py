"""Safe storage names for uploaded files."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")
_MAX_LENGTH = 120


def safe_filename(name: str, fallback: str = "document") -> str:
    """A name that cannot escape its folder, hide control characters, or collide with `.`/`..`.

    Directory parts (either slash) are dropped, Unicode is folded to ASCII where it
    can be, anything else becomes `_`, and long names keep their extension.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = "".join(ch for ch in base if ch.isprintable())
    base = _UNSAFE.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" _")
    if base.startswith("."):  # nothing before the extension (or a dotfile): give it a stem
        base = fallback + "." + base.lstrip(" ._") if base.strip(" ._") else ""
    base = base.rstrip(" .")
    if not base:
        return fallback
    if len(base) > _MAX_LENGTH:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            base = stem[: _MAX_LENGTH - len(ext) - 1].rstrip(" ._") + "." + ext
        else:
            base = base[:_MAX_LENGTH]
    return base
