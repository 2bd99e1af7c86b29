"""Periodic jobs for celery beat."""

from __future__ import annotations

from schemas.jobs import SweepStuck
from schemas.settings import Settings


def beat_schedule(settings: Settings) -> dict:
    # beat sends a fresh payload each time; job_id/trace_id get their defaults
    # when the worker validates the (empty) payload.
    return {
        "sweep-stuck-work": {
            "task": SweepStuck.task_name,
            "schedule": settings.sweep_interval_seconds,
            "kwargs": {"payload": {}},
            "options": {"expires": settings.sweep_interval_seconds},
        },
    }
