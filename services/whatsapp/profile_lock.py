"""Removes the profile lock a killed session host's Chromium left, when the rule in pipelines.profile_lock
says it is stale; a live browser's lock is never touched (two browsers on one profile corrupt it)."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

import psutil

from pipelines.profile_lock import LockHolder, lock_is_stale, parse_lock_target

log = logging.getLogger(__name__)

# SingletonLock names the holder; the socket and cookie links point into its (gone) temp folder.
LOCK_FILES = ("SingletonLock", "SingletonSocket", "SingletonCookie")


def lock_holder(profile_dir: Path) -> LockHolder | None:
    try:
        return parse_lock_target(os.readlink(profile_dir / "SingletonLock"))
    except FileNotFoundError:
        return None
    except OSError:  # not a symlink: nothing Chromium wrote, keep it as an unknown holder
        return LockHolder("", None)


def release_stale_lock(profile_dir: Path, *, lease_is_ours: bool, this_host: str | None = None) -> LockHolder | None:
    """The holder whose stale lock was removed, or None (no lock, or a lock that may still be live)."""
    holder = lock_holder(profile_dir)
    if holder is None:
        return None
    here = this_host or socket.gethostname()
    alive = holder.pid is not None and psutil.pid_exists(holder.pid)
    if not lock_is_stale(holder, this_host=here, pid_alive=alive, lease_is_ours=lease_is_ours):
        log.info("browser profile locked by a live browser; left as is",
                 extra={"holder": f"{holder.host}-{holder.pid}", "lease_is_ours": lease_is_ours})
        return None
    for name in LOCK_FILES:
        (profile_dir / name).unlink(missing_ok=True)
    log.warning("stale browser profile lock removed", extra={"holder": f"{holder.host}-{holder.pid}"})
    return holder
