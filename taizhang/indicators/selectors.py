"""Reads of the indicators ledger: the indicator table for a period, one indicator's trend and ranks.

Every rule is the kernel's (taizhang.core.indicators): which release a period shows (``latest_published``),
the comparison with the annual target and its light (``compare``, through the schedule engine), ranks,
进位/退位 and 后三位. Only approved figures count. Queries are batched: one for the indicators, one for
the targets, one for the values and one for the peer figures, whatever the number of indicators.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from taizhang.accounts.choices import UnitKind
from taizhang.accounts.models import Unit
from taizhang.core import indicators as kernel
from taizhang.core import schedule
from taizhang.core.thresholds import current_thresholds
from taizhang.indicators.choices import HOME_CITY, PEER_CITIES, TargetType
from taizhang.indicators.models import Indicator, IndicatorTarget, IndicatorValue, PeerFigure
from taizhang.ledgers.choices import ReportState

DEMO_LABEL = "演示数据"
CITY = "全市"


@dataclass
class RankEntry:
    key: str  # a county's unit code, or a city's name
    name: str
    value: Decimal | None  # the figure ranked (growth %, or the level for a rate indicator)
    amount: Decimal | None
    growth: Decimal | None
    rank: int | None
    move: kernel.Move | None
    trailing: bool  # 后三位
    is_home: bool = False
    is_demo: bool = False

    @property
    def move_label(self) -> str:
        return self.move.label if self.move else "—"

    @property
    def arrow(self) -> str:
        if self.move is None or self.move.signed in (None, 0):
            return ""
        return f"↑{self.move.places}" if self.move.signed > 0 else f"↓{self.move.places}"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "amount": _num(self.amount),
            "growth": _num(self.growth),
            "rank": self.rank,
            "move": self.move.label if self.move else None,
            "move_places": self.move.signed if self.move else None,
            "last_three": self.trailing,
            "is_demo": self.is_demo,
        }


@dataclass
class IndicatorRow:
    indicator: Indicator
    year: int
    month: int
    period: str  # the release shown: "2025-09" for GDP in October
    label: str  # "2025年前三季度"
    target: IndicatorTarget | None
    value: IndicatorValue | None
    comparison: kernel.Comparison | None
    rank_basis: str  # "growth" or "amount"
    counties: list[RankEntry] = field(default_factory=list)
    cities: list[RankEntry] = field(default_factory=list)

    @property
    def home(self) -> RankEntry | None:
        return next((c for c in self.cities if c.is_home), None)

    @property
    def county_count(self) -> int:
        return sum(1 for c in self.counties if c.rank is not None)

    @property
    def city_count(self) -> int:
        return sum(1 for c in self.cities if c.rank is not None)

    @property
    def light_label(self) -> str:
        return schedule.LIGHT_LABELS[self.comparison.light] if self.comparison else ""

    @property
    def demo_data(self) -> bool:
        return bool(
            (self.value and self.value.is_demo)
            or (self.target and self.target.is_demo)
            or any(c.is_demo for c in self.cities + self.counties)
        )

    def as_dict(self) -> dict:
        c = self.comparison
        home = self.home
        return {
            "code": self.indicator.code,
            "name": self.indicator.name,
            "unit": self.indicator.unit,
            "period": self.period,
            "period_label": self.label,
            "target": None
            if self.target is None
            else {
                "type": self.target.target_type,
                "value": _num(self.target.value),
                "note": self.target.note,
                "is_demo": self.target.is_demo,
            },
            "actual": None
            if self.value is None
            else {
                "amount": _num(self.value.amount),
                "growth": _num(self.value.growth),
                "is_demo": self.value.is_demo,
            },
            "completion": c.completion if c else None,
            "expected": c.expected if c else None,
            "gap_pp": None if c is None or c.gap_pp is None else float(schedule.round1(c.gap_pp)),
            "light": str(c.light) if c else None,
            "reason": c.reason if c else None,
            "rank_basis": self.rank_basis,
            "county_rank": {"of": self.county_count, "units": [e.as_dict() for e in self.counties]},
            "city_rank": {
                "of": self.city_count,
                "rank": home.rank if home else None,
                "move": home.move.label if home and home.move else None,
                "cities": [e.as_dict() for e in self.cities],
            },
            "demo_data": self.demo_data,
        }


def _num(value) -> float | None:
    return None if value is None else float(value)


def default_period(*, today: date | None = None) -> str:
    """The newest period with an approved figure, else the last finished month (a month's statistics come
    out in the next)."""
    today = today or timezone.localdate()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    last_finished = schedule.period_str(year, month)
    newest = (
        IndicatorValue.objects.filter(
            state=ReportState.APPROVED, is_archived=False, period__lte=last_finished
        )
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )
    return newest or last_finished


def resolve_period(raw: str | None, *, today: date | None = None) -> tuple[str, str | None]:
    """(period, error): the default period and a Chinese message when ``raw`` is not a usable period."""
    default = default_period(today=today)
    raw = (raw or "").strip()
    if not raw:
        return default, None
    try:
        year, month = schedule.parse_period(raw)
    except ValueError as exc:
        return default, str(exc)
    if schedule.is_future_period(year, month, today=today or timezone.localdate()):
        return default, f"报告期{raw}尚未开始，已显示{default}"
    return schedule.period_str(year, month), None


def period_choices(period: str, *, today: date | None = None) -> list[tuple[str, str]]:
    today = today or timezone.localdate()
    year = schedule.parse_period(period)[0]
    choices = []
    for y in sorted({year, today.year}, reverse=True):
        last = 12 if y < today.year else max(today.month - 1, 1)
        choices += [(schedule.period_str(y, m), f"{y}年{m}月") for m in range(last, 0, -1)]
    if period not in {v for v, _ in choices}:
        choices.insert(0, (period, period))
    return choices


def previous_published(spec: kernel.IndicatorSpec, year: int, month: int) -> tuple[int, int]:
    """The release before (year, month): the previous published month, or last year's last one."""
    if month > 1:
        return kernel.latest_published(spec, year, month - 1)
    return year - 1, kernel.published_months(spec)[-1]


def _rank_basis(indicator: Indicator, target: IndicatorTarget | None) -> str:
    """Growth ranks (增速排名) as the province does; a rate (失业率, unit %) or a level target by its level."""
    if indicator.unit == "%" or (target is not None and target.target_type == TargetType.LEVEL):
        return "amount"
    return "growth"


def _entries(figures: dict, names: dict, previous: dict, spec, basis: str, home: str | None = None):
    """RankEntries of one peer group, best first, with moves against ``previous`` and 后三位."""
    values = {key: getattr(f, basis) for key, f in figures.items()}
    ranks = kernel.rank(values, higher_is_better=spec.higher_is_better)
    before = kernel.rank(
        {key: getattr(f, basis) for key, f in previous.items()}, higher_is_better=spec.higher_is_better
    )
    changes = kernel.moves(ranks, before)
    trailing = set(kernel.bottom_three(ranks))
    return [
        RankEntry(
            key=key,
            name=names[key],
            value=values[key],
            amount=figures[key].amount,
            growth=figures[key].growth,
            rank=ranks[key],
            move=changes[key],
            trailing=key in trailing,
            is_home=key == home,
            is_demo=figures[key].is_demo,
        )
        for key in ranks
    ]


def county_units() -> list[Unit]:
    return list(Unit.objects.filter(kind__in=(UnitKind.COUNTY, UnitKind.ZONE), is_active=True))


def _empty(key):
    return type("Missing", (), {"amount": None, "growth": None, "is_demo": False})()


def indicator_rows(user, period: str, *, codes: list[str] | None = None) -> list[IndicatorRow]:
    """Each visible indicator in the release a period shows, against its target, with its ranks."""
    year, month = schedule.parse_period(period)
    indicators = Indicator.objects.for_user(user).filter(is_archived=False).select_related("responsible_unit")
    if codes is not None:
        indicators = indicators.filter(code__in=codes)
    indicators = list(indicators)
    releases = {}
    for ind in indicators:
        shown = kernel.latest_published(ind.spec, year, month)
        releases[ind.pk] = (shown, previous_published(ind.spec, *shown))
    periods = {schedule.period_str(*p) for pair in releases.values() for p in pair}
    years = {p[0][0] for p in releases.values()}
    targets = {
        (t.indicator_id, t.year): t
        for t in IndicatorTarget.objects.for_user(user).filter(
            indicator__in=indicators, year__in=years, subject__isnull=True, is_archived=False
        )
    }
    values: dict[tuple, IndicatorValue] = {}
    for v in IndicatorValue.objects.for_user(user).filter(
        indicator__in=indicators, period__in=periods, state=ReportState.APPROVED, is_archived=False
    ):
        values[(v.indicator_id, v.period, v.subject_id)] = v
    peers: dict[tuple, dict] = {}
    for f in PeerFigure.objects.for_user(user).filter(
        indicator__in=indicators, period__in=periods, is_archived=False
    ):
        peers.setdefault((f.indicator_id, f.period), {})[f.peer] = f
    counties = county_units()
    county_names = {u.code: u.short_name for u in counties}
    thresholds = current_thresholds()

    rows = []
    for ind in indicators:
        spec = ind.spec
        (y, m), (py, pm) = releases[ind.pk]
        now, before = schedule.period_str(y, m), schedule.period_str(py, pm)
        target = targets.get((ind.pk, y))
        value = values.get((ind.pk, now, None))
        comparison = None
        if target is not None:
            actual = None
            if value is not None:
                actual = value.growth if target.target_type == TargetType.GROWTH else value.amount
            comparison = kernel.compare(
                spec,
                target_type=target.target_type,
                target=target.value,
                actual=actual,
                year=y,
                month=m,
                baseline=target.baseline,
                thresholds=thresholds,
            )
        basis = _rank_basis(ind, target)

        def county_figures(p, pk=ind.pk):
            found = {u.code: values.get((pk, p, u.pk)) for u in counties}
            return {code: f for code, f in found.items() if f is not None}

        now_c, before_c = county_figures(now), county_figures(before)
        county_entries = _entries(
            {u.code: now_c.get(u.code) or _empty(u.code) for u in counties},
            county_names,
            before_c,
            spec,
            basis,
        )

        def city_figures(p, pk=ind.pk):
            found = dict(peers.get((pk, p), {}))
            home = values.get((pk, p, None))
            if home is not None:
                found[HOME_CITY] = home
            return found

        now_p, before_p = city_figures(now), city_figures(before)
        city_entries = []
        if len(now_p) > 1:  # a rank among the cities needs the others' figures
            city_entries = _entries(
                {c: now_p.get(c) or _empty(c) for c in PEER_CITIES},
                {c: c for c in PEER_CITIES},
                before_p,
                spec,
                basis,
                home=HOME_CITY,
            )
        rows.append(
            IndicatorRow(
                ind,
                y,
                m,
                now,
                kernel.published_label(spec, y, m),
                target,
                value,
                comparison,
                basis,
                county_entries,
                city_entries,
            )
        )
    return rows


def table_dict(user, period: str) -> dict:
    """The indicator table as plain data (the CLI's --json)."""
    rows = indicator_rows(user, period)
    return {
        "period": period,
        "indicators": [r.as_dict() for r in rows],
        "demo_data": any(r.demo_data for r in rows),
    }


def trend(indicator: Indicator, user, period: str) -> dict:
    """One indicator's releases of the year up to the period, the city's approved figures and the target."""
    year, month = schedule.parse_period(period)
    spec = indicator.spec
    y, m = kernel.latest_published(spec, year, month)
    months = [mm for mm in kernel.published_months(spec) if mm <= m]
    approved = {
        v.period: v
        for v in IndicatorValue.objects.for_user(user).filter(
            indicator=indicator,
            subject__isnull=True,
            state=ReportState.APPROVED,
            is_archived=False,
            period__startswith=f"{y}-",
        )
    }
    target = (
        IndicatorTarget.objects.for_user(user)
        .filter(indicator=indicator, year=y, subject__isnull=True, is_archived=False)
        .first()
    )
    basis = "amount" if target is not None and target.target_type != TargetType.GROWTH else "growth"
    labels, actual, goal = [], [], []
    for mm in months:
        v = approved.get(schedule.period_str(y, mm))
        labels.append(kernel.published_label(spec, y, mm).removeprefix(f"{y}年"))
        actual.append(_num(getattr(v, basis)) if v else None)
        if target is None:
            goal.append(None)
        elif target.target_type == TargetType.AMOUNT:  # the amount the schedule asks for by then
            base = target.baseline or Decimal(0)
            share = Decimal(str(schedule.expected_progress(y, mm))) / 100
            goal.append(float(schedule.round1(base + (target.value - base) * share)))
        else:
            goal.append(float(target.value))
    return {
        "year": y,
        "labels": labels,
        "actual": actual,
        "target": goal,
        "basis": basis,
        "unit": "%" if basis == "growth" else indicator.unit,
        "demo_data": any(v.is_demo for v in approved.values()) or bool(target and target.is_demo),
        "demo_label": DEMO_LABEL,
    }


# ---------------------------------------------------------------------------------------------------------
# Cross-check (issue 4 point 4): each county's key-project investment beside the statistical 固定资产投资.
# The project figure is derived from approved project reports through the projects rollup; it never replaces
# the statistical figure, it is shown beside it.
# ---------------------------------------------------------------------------------------------------------

FAI_CODE = "fai"  # the one indicator the key-project investment is checked against
CROSS_CHECK_NOTE = "交叉核对：重点项目投资由项目月报汇总，不替代统计数据"
WAN_PER_UNIT = {"亿元": Decimal(10000), "万元": Decimal(1)}


@dataclass
class CrossCheckEntry:
    key: str  # the county's unit code
    name: str
    statistical: Decimal | None  # 统计口径, 亿元
    projects: Decimal | None  # 重点项目1—m月累计完成投资, 亿元
    count: int  # key projects in the county

    @property
    def share(self) -> Decimal | None:
        """重点项目 / 统计口径 × 100, one decimal; None without both figures."""
        if self.projects is None or not self.statistical:
            return None
        return schedule.round1(float(self.projects / self.statistical * 100))


@dataclass
class CrossCheck:
    period: str
    label: str  # "重点项目1—9月累计完成投资（亿元）"
    entries: list[CrossCheckEntry]
    note: str = CROSS_CHECK_NOTE


def project_cross_check(user, row: IndicatorRow) -> CrossCheck | None:
    """For 固定资产投资 only: each county's key-project 1–m月 investment (万元 → 亿元) from the projects
    rollup's county grouping, beside the statistical figure of the release shown, and its share of it."""
    if row.indicator.code != FAI_CODE:
        return None
    from taizhang.projects import selectors as projects

    per_unit = WAN_PER_UNIT.get(row.indicator.unit)
    if per_unit is None:
        return None  # a statistical figure not in money cannot be compared with investment in 万元
    states = projects.project_states(projects.visible_projects(user, row.year), row.period)
    counties = projects.rollup(states, row.period, keys=("county",)).groups["county"]
    entries = []
    for e in row.counties:
        summary = counties.get(e.name)
        invested = None
        if summary is not None:
            invested = Decimal(summary.investment.rate.numerator) / per_unit
        entries.append(
            CrossCheckEntry(
                key=e.key,
                name=e.name,
                statistical=e.amount,
                projects=invested,
                count=summary.projects if summary is not None else 0,
            )
        )
    return CrossCheck(row.period, f"重点项目1—{row.month}月累计完成投资（{row.indicator.unit}）", entries)
