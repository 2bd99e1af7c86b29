"""When Chromium's profile lock is stale: the rule, apart from the files.

Chromium marks a profile in use with `SingletonLock`, a symlink to "<hostname>-<pid>". A lock naming this
machine is checked by its pid. A lock naming another machine cannot be checked from here; Chromium then
refuses the profile ("in use by another Chromium process on another computer"), which is what a session
host taking over a killed host's sessions on a shared profiles mount finds. Only the tenant's session lease
can say that other machine is gone: it is ours only after the old host stopped renewing it for
SESSION_LEASE_SECONDS, and a host that loses its lease closes its browser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int | None


def parse_lock_target(target: str) -> LockHolder:
    """ "<hostname>-<pid>" (hostnames may hold dashes themselves)."""
    host, _, pid = target.rpartition("-")
    if not host or not pid.isdigit():
        return LockHolder(target, None)
    return LockHolder(host, int(pid))


def lock_is_stale(holder: LockHolder, *, this_host: str, pid_alive: bool, lease_is_ours: bool) -> bool:
    if holder.host == this_host and holder.pid is not None:
        return not pid_alive
    return lease_is_ours
