"""The worker's entry point imports its modules at the top; none of them may load prometheus_client, which
fixes its value class (multiprocess or not) from the environment the moment it is first imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _loads_prometheus(module: str) -> bool:
    probe = f"import sys, {module}; print('prometheus_client' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return out.stdout.strip() == "True"


def test_the_worker_entry_point_leaves_prometheus_unloaded():
    assert _loads_prometheus("workers.__main__") is False


def test_the_probe_sees_a_module_that_loads_it():
    # The API exports its own metrics, so it loads prometheus_client at import: the probe must say so.
    assert _loads_prometheus("api.observability") is True
