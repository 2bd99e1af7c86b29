"""The process's metric objects are made once even when several threads ask for them first at the same time.

A message's first encode runs on a thread beside its stage; both count into these metrics. Run in a fresh
interpreter so the objects are made for the first time there.
"""

import subprocess
import sys

_RACE = """
import threading
from services.adapters import metrics

start = threading.Barrier(8)
made, failures = [], []

def first_use():
    start.wait()
    try:
        made.append(metrics.process_metrics())
    except Exception as error:
        failures.append(repr(error))

threads = [threading.Thread(target=first_use) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert not failures, failures
assert len(made) == 8 and len({id(m) for m in made}) == 1, made
print("one set")
"""


def test_threads_asking_at_once_share_one_set_of_metrics():
    for _ in range(5):
        result = subprocess.run([sys.executable, "-c", _RACE], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "one set"
