"""Retry timing: exponential backoff with jitter, capped."""

from __future__ import annotations

import random


def backoff_delay(
    attempt: int, *, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """Seconds to wait before retry number `attempt` (0 = first retry).

    "Equal jitter": a random draw between half and all of the exponential ceiling
    spreads retries of jobs that failed together, so they do not hit a recovering
    service at once, while no retry fires immediately.
    """
    if attempt < 0:
        raise ValueError("attempt must be >= 0")
    ceiling: float = min(cap, base * (2**attempt))
    draw: float = (rng or random).uniform(0.5, 1.0)
    return ceiling * draw
