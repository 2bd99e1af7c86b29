"""Chromium's profile lock: which one is stale, and that only a stale one is removed."""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.profile_lock import LockHolder, lock_is_stale, parse_lock_target
from services.whatsapp.profile_lock import release_stale_lock

OTHER_MACHINE = "salesboy-host-a"


def test_lock_targets_name_the_machine_and_pid():
    assert parse_lock_target("salesboy-sessions-2-4242") == LockHolder("salesboy-sessions-2", 4242)
    assert parse_lock_target("no-pid-here") == LockHolder("no-pid-here", None)


def test_a_lock_is_stale_when_its_browser_is_known_gone():
    here = LockHolder("here", 7)
    assert lock_is_stale(here, this_host="here", pid_alive=False, lease_is_ours=False)
    assert not lock_is_stale(here, this_host="here", pid_alive=True, lease_is_ours=True)
    elsewhere = LockHolder("there", 7)
    assert lock_is_stale(elsewhere, this_host="here", pid_alive=True, lease_is_ours=True)
    assert not lock_is_stale(elsewhere, this_host="here", pid_alive=False, lease_is_ours=False)


def test_a_lock_is_removed_only_when_its_browser_is_gone(tmp_path: Path):
    profile = tmp_path / "profile"
    profile.mkdir()
    assert release_stale_lock(profile, lease_is_ours=True, this_host="here") is None  # no lock at all
    (profile / "SingletonLock").symlink_to(f"{OTHER_MACHINE}-4242")
    (profile / "SingletonCookie").symlink_to("1234")
    # Another machine's lock while another host still holds the lease: that browser may be alive.
    assert release_stale_lock(profile, lease_is_ours=False, this_host="here") is None
    assert (profile / "SingletonLock").is_symlink()
    # This machine's lock with a live pid (ours): never removed, whatever the lease says.
    (profile / "SingletonLock").unlink()
    (profile / "SingletonLock").symlink_to(f"here-{os.getpid()}")
    assert release_stale_lock(profile, lease_is_ours=True, this_host="here") is None
    assert (profile / "SingletonLock").is_symlink()
    # Another machine's lock once the lease is ours: removed with its companions.
    (profile / "SingletonLock").unlink()
    (profile / "SingletonLock").symlink_to(f"{OTHER_MACHINE}-4242")
    removed = release_stale_lock(profile, lease_is_ours=True, this_host="here")
    assert removed == LockHolder(OTHER_MACHINE, 4242)
    assert not (profile / "SingletonLock").is_symlink() and not (profile / "SingletonCookie").is_symlink()
