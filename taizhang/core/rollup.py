"""Pure rollups: count lights and 未报送 per group. No Django import; table-tested."""

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

LIGHTS = ("green", "yellow", "red")


@dataclass
class LightCounts:
    green: int = 0
    yellow: int = 0
    red: int = 0
    missing: int = 0  # 未报送 this period (counted beside the light, not instead of it)
    statuses: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red

    def add(self, light: str, status: str, missing: bool) -> None:
        setattr(self, light, getattr(self, light) + 1)
        self.statuses[status] += 1
        if missing:
            self.missing += 1

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "green": self.green,
            "yellow": self.yellow,
            "red": self.red,
            "missing": self.missing,
            "statuses": dict(sorted(self.statuses.items())),
        }


@dataclass(frozen=True)
class Row:
    light: str
    status: str
    missing: bool
    groups: dict[str, Hashable]  # e.g. {"area": "产业向新", "unit": "市工信局"}


def rollup(
    rows: Iterable[Row], dimensions: Iterable[str]
) -> tuple[LightCounts, dict[str, dict[Hashable, LightCounts]]]:
    """Totals over all rows, and per value of each dimension (in first-seen order)."""
    dimensions = list(dimensions)
    total = LightCounts()
    by: dict[str, dict[Hashable, LightCounts]] = {d: {} for d in dimensions}
    for row in rows:
        if row.light not in LIGHTS:
            raise ValueError(f"unknown light {row.light!r}")
        total.add(row.light, row.status, row.missing)
        for d in dimensions:
            by[d].setdefault(row.groups[d], LightCounts()).add(row.light, row.status, row.missing)
    return total, by
