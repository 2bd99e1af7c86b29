import random

import pytest

from pipelines.retry import backoff_delay


def test_delay_grows_exponentially_within_jitter_bounds():
    rng = random.Random(7)
    for attempt in range(5):
        ceiling = 2.0 * 2**attempt
        delay = backoff_delay(attempt, base=2.0, cap=1000, rng=rng)
        assert ceiling / 2 <= delay <= ceiling


def test_delay_is_capped():
    assert backoff_delay(30, base=1.0, cap=60, rng=random.Random(1)) <= 60


def test_jitter_spreads_delays():
    rng = random.Random(3)
    delays = {round(backoff_delay(3, base=1.0, cap=100, rng=rng), 6) for _ in range(20)}
    assert len(delays) > 10


def test_negative_attempt_is_an_error():
    with pytest.raises(ValueError, match="attempt"):
        backoff_delay(-1, base=1, cap=2)
