"""File names: the one an owner reads, and the storage key a file is kept under."""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()-]+")
_MAX_LENGTH = 120
# Bytes, not characters: a name in Chinese or Arabic takes two to four bytes a letter, and the
# database column and most file systems count bytes.
_MAX_NAME_BYTES = 200
_MAX_EXTENSION = 10
# Characters that reorder or hide text: a name could show "gnp.exe" for "exe.png" (CVE-2021-42574).
_BIDI_AND_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")
# Windows device names: a file called "con.txt" cannot be saved there.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", re.IGNORECASE)


def display_filename(name: str, fallback: str = "document") -> str:
    """The uploaded file's own name as an owner sees it, in any script (NFC), with only the unsafe removed.

    Directory parts (either slash), control, format and bidi characters and characters that are neither
    letters, digits, marks, punctuation, symbols nor spaces are dropped; a leading dot gets a stem; a
    reserved device name gets `_`; long names are cut to `_MAX_NAME_BYTES` UTF-8 bytes, keeping the
    extension. Pages still escape it: this keeps a name honest, not HTML-safe.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = _BIDI_AND_INVISIBLE.sub("", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] in "LMNPSZ" and unicodedata.category(ch)
                   not in ("Zl", "Zp"))
    base = re.sub(r"\s+", " ", base).strip()
    if base.startswith("."):  # nothing before the extension (or a dotfile): give it a stem
        base = fallback + "." + base.lstrip(" .") if base.strip(" .") else ""
    base = base.rstrip(" .")
    if not base:
        return fallback
    if _RESERVED.match(base.split(".")[0].strip()):
        base = "_" + base
    return _cut(base, _MAX_NAME_BYTES)


def _cut(name: str, limit: int) -> str:
    """At most `limit` UTF-8 bytes, never splitting a letter; a short extension is kept."""
    if len(name.encode()) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not (dot and 0 < len(ext) <= _MAX_EXTENSION and stem):
        stem, ext = name, ""
    room = limit - len(ext.encode()) - (1 if ext else 0)
    cut = stem.encode()[:room].decode(errors="ignore").rstrip(" ._")
    return f"{cut}.{ext}" if ext else cut


def safe_filename(name: str, fallback: str = "document") -> str:
    """A storage key's last part: ASCII only (Supabase Storage takes S3-safe keys), cannot escape its
    folder, hide control characters, or collide with `.`/`..`.

    Directory parts (either slash) are dropped, Unicode is folded to ASCII where it
    can be, anything else becomes `_`, and long names keep their extension. Files live
    under their document's id, so two names folding to the same key never meet.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = "".join(ch for ch in base if ch.isprintable())
    base = _UNSAFE.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" _")
    if base.startswith("."):  # nothing before the extension (or a dotfile): give it a stem
        base = fallback + "." + base.lstrip(" ._") if base.strip(" ._") else ""
    base = base.rstrip(" .")
    stem, dot, ext = base.rpartition(".")
    if not any(ch.isalnum() for ch in (stem if dot else base)):  # a name in another script leaves only "-" or "_"
        base = f"{fallback}.{ext}" if dot and any(ch.isalnum() for ch in ext) else ""
    if not base:
        return fallback
    if len(base) > _MAX_LENGTH:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= _MAX_EXTENSION and stem:
            base = stem[: _MAX_LENGTH - len(ext) - 1].rstrip(" ._") + "." + ext
        else:
            base = base[:_MAX_LENGTH]
    return base
