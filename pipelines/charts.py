"""Chart geometry for the overview: numbers in, rectangles and labels out; the template draws the SVG.

Server-rendered, so the page needs no script and the CSP stays strict.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 10, 26


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    label: str  # what a screen reader and a hover tooltip say


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    empty: bool
    baseline: float


def nice_top(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1
    power: float = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _day_label(day: date, span: int) -> str:
    return day.strftime("%d %b") if span > 7 else day.strftime("%a %d")


def stacked_days(days: Sequence[Mapping[str, Any]], series: Sequence[tuple[str, str]], *,
                 unit: str = "", number: Callable[[float], str] = lambda v: f"{v:g}") -> Chart:
    """One bar per day, stacked by series ((key, label) pairs, bottom first)."""
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    totals = [sum(float(day.get(key) or 0) for key, _ in series) for day in days]
    top = nice_top(max(totals, default=0))
    slot = inner_w / max(len(days), 1)
    gap = min(4.0, slot * 0.2)
    bars: list[Bar] = []
    for index, day in enumerate(days):
        base: float = TOP + inner_h
        when = day["day"]
        for key, label in series:
            value = float(day.get(key) or 0)
            if value <= 0:
                continue
            height = inner_h * value / top
            base -= height
            shown = f"{number(value)}{unit}"
            bars.append(Bar(round(LEFT + index * slot + gap / 2, 2), round(base, 2), round(slot - gap, 2),
                            round(height, 2), key, f"{_day_label(when, len(days))}: {shown} {label}".strip()))
    y_ticks = [Tick(round(TOP + inner_h - inner_h * f, 2), number(top * f)) for f in (0, 0.5, 1)]
    every = max(1, math.ceil(len(days) / 8))
    x_ticks = [Tick(round(LEFT + (i + 0.5) * slot, 2), _day_label(day["day"], len(days)))
               for i, day in enumerate(days) if i % every == 0]
    return Chart(WIDTH, HEIGHT, bars, y_ticks, x_ticks, not any(totals), TOP + inner_h)
