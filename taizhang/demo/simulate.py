"""Deterministic simulated monthly reports for the demo plan (演示数据). Standard library only, no Django.

Every text starts with 【演示数据】 so that nobody mistakes a simulated row for a real one.

How a task's path is chosen
---------------------------
1. The plan: `_planned_fraction` is the task's own 序时 curve, the same rule as taizhang/core/schedule.py's
   `expected_progress` in month mode: piecewise-linear through (0, 0), the milestones and (deadline, 100%)
   when the task has milestones; otherwise linear from January to the deadline (m/12 for a year-end task;
   a task due in June expects 100% at month 6).
2. The profile: tasks are ordered by a SHA-256 hash of their code and cut into quantile bands, so every
   list gets the intended mix whatever its size (no `random`). Tasks whose deadline falls before
   `last_month` form a separate pool: they are either done (green) or overdue (red) by then, never yellow.

   profile           path (f = fraction of the target, P = plan)             light at `last_month`
   finished_early    reaches 100% at about 55–85% of the way to the deadline   green (已完成)
   ahead             P × (1.08..1.20), capped at 100%                         green (超序时)
   on_track          on or just above P (0..+8 pp), exactly 100% when P is   green
   slightly_behind   P − lag, lag ramps up to 15–23 pp by month 10            yellow (10–30 pp behind)
   badly_behind      P × (0.35..0.55)                                        red (>30 pp behind, or overdue)
   stalled           follows P until month 2..5, then stops                   red

   Pool "not yet due": 10% / 14% / 35% / 27% / 8% / 6% (about 59% green, 27% yellow, 14% red).
   Pool "due before last_month": 35% finished early, 35% done on time, 15% badly behind, 15% stalled.
3. Values: count targets are whole numbers; amount / percentage to one decimal; milestone tasks report
   `percent_complete` (形象进度, in steps of 5%) and no value. Growth targets (growth_pp) report a cumulative growth
   rate in %, compared with the target directly (glossary §1.1). Every series is non-decreasing.
4. Workflow states: months before `last_month` are all approved. In `last_month`, tasks that report that
   month are cut, by another hash, into 70% approved, 10% submitted, 5% returned, 5% draft and 10% with no
   report at all (monthly tasks only: the product shows these as 未报送; a quarterly task in a quarter-end
   last_month is approved instead).
5. Confidence (有把握/有风险/难以完成) follows the light of that month, except that about 20% of the units
   are one step more optimistic than their numbers and about 5% one step more cautious.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date

__all__ = ["DEMO_LABEL", "PROFILES", "SimulatedReport", "assign_profiles", "expected_linear", "simulate"]

DEMO_LABEL = "演示数据"
_PREFIX = f"【{DEMO_LABEL}】"

PROFILES = ("finished_early", "ahead", "on_track", "slightly_behind", "badly_behind", "stalled")

# Quantile bands (upper bounds) of the two pools, see the module docstring.
_BANDS_NOT_YET_DUE = (
    ("finished_early", 0.10),
    ("ahead", 0.24),
    ("on_track", 0.59),
    ("slightly_behind", 0.86),
    ("badly_behind", 0.94),
    ("stalled", 1.00),
)
_BANDS_DUE_EARLY = (
    ("finished_early", 0.35),
    ("on_track", 0.70),
    ("badly_behind", 0.85),
    ("stalled", 1.00),
)
# Workflow state of the last month's report (approved 70%, submitted 10%, returned 5%, draft 5%, none 10%).
_STATE_BANDS = (
    ("approved", 0.70),
    ("submitted", 0.80),
    ("returned", 0.85),
    ("draft", 0.90),
    (None, 1.00),
)

_QUARTER_END_MONTHS = (3, 6, 9, 12)


@dataclass(frozen=True)
class SimulatedReport:
    task_code: str
    period: str  # "2025-03"
    value: float | None  # cumulative actual in the task's unit; None for milestone tasks
    percent_complete: float | None  # milestone tasks only (0..100)
    progress: str  # 进展情况
    problems: str  # 存在问题
    next_steps: str  # 下步打算
    confidence: str  # "confident" | "at_risk" | "unlikely"
    state: str  # "approved" | "submitted" | "returned" | "draft"
    return_reason: str  # non-empty only when state == "returned"


# ---------------------------------------------------------------------------------------------------------
# Deterministic "randomness"
# ---------------------------------------------------------------------------------------------------------


def _unit(*parts: object) -> float:
    """A number in [0, 1) fixed by `parts` (SHA-256; Python's own hash() is salted per process)."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _between(low: float, high: float, *parts: object) -> float:
    return low + (high - low) * _unit(*parts)


def _pick(options: tuple[str, ...] | list[str], *parts: object) -> str:
    return options[int(_unit(*parts) * len(options))]


def _band(bands: tuple[tuple[object, float], ...], quantile: float) -> object:
    for name, upper in bands:
        if quantile < upper:
            return name
    return bands[-1][0]


# ---------------------------------------------------------------------------------------------------------
# The plan (序时)
# ---------------------------------------------------------------------------------------------------------


def expected_linear(month: int, deadline_month: int = 12) -> float:
    """Linear 序时 as a fraction: month / deadline_month, capped at 1 (glossary §1.1: m/12)."""
    if deadline_month <= 0:
        return 1.0
    return min(1.0, month / deadline_month)


def _deadline(task: dict) -> date:
    return date.fromisoformat(task["deadline"])


def _deadline_month(task: dict, year: int) -> int:
    """Months from January of `year` to the deadline, the deadline's month counted whole (2027-12 -> 36)."""
    due = _deadline(task)
    return (due.year - year) * 12 + due.month


def _planned_fraction(task: dict, month: int, year: int) -> float:
    """The task's 序时 at the end of `month`, as a fraction (schedule.expected_progress, month mode)."""
    span = _deadline_month(task, year)
    milestones = sorted(task.get("milestones") or [])
    if not milestones:
        return expected_linear(month, span)
    points = [(0.0, 0.0)] + [(float(m), float(p) / 100) for m, p in milestones]
    if not any(p >= 100 for _, p in milestones) and span <= 12:
        points.append((float(span), 1.0))
    if month <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if month <= x1:
            return min(1.0, y0 + (y1 - y0) * (month - x0) / (x1 - x0))
    return min(1.0, points[-1][1])


def _full_month(task: dict, year: int) -> int:
    """The first month in which the plan expects 100% (the deadline month for a linear plan)."""
    span = _deadline_month(task, year)
    for month in range(1, max(span, 12) + 1):
        if _planned_fraction(task, month, year) >= 1.0:
            return month
    return span


# ---------------------------------------------------------------------------------------------------------
# Profiles and paths
# ---------------------------------------------------------------------------------------------------------


def assign_profiles(tasks: list[dict], *, year: int = 2025, last_month: int = 10) -> dict[str, str]:
    """task code -> profile, cut by hash quantiles within the two pools (see the module docstring)."""
    due_early = [t for t in tasks if _deadline_month(t, year) < last_month]
    not_yet_due = [t for t in tasks if _deadline_month(t, year) >= last_month]
    profiles: dict[str, str] = {}
    for pool, bands in ((not_yet_due, _BANDS_NOT_YET_DUE), (due_early, _BANDS_DUE_EARLY)):
        ordered = sorted(pool, key=lambda t: (_unit("profile", t["code"]), t["code"]))
        for i, task in enumerate(ordered):
            profiles[task["code"]] = _band(bands, (i + 0.5) / len(ordered))
    return profiles


def _fraction_path(task: dict, profile: str, months: range, year: int) -> dict[int, float]:
    """Cumulative fraction of the target (0..1) for each month, non-decreasing."""
    code = task["code"]
    full = _full_month(task, year)

    def plan(m: int) -> float:
        return _planned_fraction(task, m, year)

    path: dict[int, float] = {}
    for m in months:
        if profile == "finished_early":
            finish = max(1, min(full - 1, math.floor(full * _between(0.55, 0.85, "finish", code))))
            f = min(1.0, m / finish)
        elif profile == "ahead":
            f = min(1.0, plan(m) * _between(1.08, 1.20, "ahead", code))
        elif profile == "on_track":
            # on or just above the plan (0..+8 pp), meeting it exactly when the plan says 100%; never below it,
            # so a quarterly September figure is still green against the October 序时
            p = plan(m)
            f = p + 4 * _between(0.0, 0.08, "wobble", code) * p * (1 - p)
            if p < 1.0:
                f += _between(-0.01, 0.02, "noise", code, m)
        elif profile == "slightly_behind":
            lag = _between(0.15, 0.23, "lag", code) * min(1.0, m / min(10, full))
            f = plan(m) - lag
        elif profile == "badly_behind":
            f = plan(m) * _between(0.35, 0.55, "bad", code)
            if m > full:  # after the deadline the unit keeps inching forward
                f += 0.02 * (m - full)
        elif profile == "stalled":
            stop = max(1, min(5, full - 1) - int(_unit("stall", code) * 3))
            f = plan(min(m, stop)) * _between(0.85, 1.0, "stall-level", code)
        else:
            raise ValueError(f"unknown profile {profile!r}")
        path[m] = max(0.0, min(1.0, f))
    running = 0.0
    for m in months:  # guarantee a non-decreasing cumulative series
        running = max(running, path[m])
        path[m] = running
    return path


def _growth_path(task: dict, profile: str, months: range) -> dict[int, float]:
    """Cumulative growth rate in % for growth_pp targets: recovers month by month towards its final gap."""
    code = task["code"]
    target = float(task["target_value"])
    final_gap = {
        "finished_early": _between(0.8, 1.5, "g", code),
        "ahead": _between(0.3, 1.0, "g", code),
        "on_track": _between(0.3, 0.6, "g", code),
        "slightly_behind": _between(-2.0, -0.8, "g", code),
        "badly_behind": _between(-4.0, -2.5, "g", code) - target,  # 负增长
        "stalled": _between(-3.0, -1.5, "g", code) - target,
    }[profile]
    path: dict[int, float] = {}
    running = -math.inf
    for m in months:
        value = round(target + final_gap - 1.0 * (1 - m / 12), 1)  # 开局偏慢、逐月回升
        running = max(running, value)
        path[m] = running
    return path


def _count(raw: float, profile: str) -> float:
    """Whole units: rounded to the nearest for units on or ahead of plan, down for laggards."""
    if profile in ("finished_early", "ahead", "on_track"):
        return float(math.floor(raw + 0.5))
    return float(math.floor(raw + 1e-9))


def _light(fraction: float, planned: float, month: int, deadline_month: int) -> str:
    """green / yellow / red after 银川 2025 (glossary §1.2): lag <10 pp green, 10–30 yellow, >30 red;
    past the deadline and not done is red (宿迁 三色督办单: 逾期未办结)."""
    if fraction >= 1.0 - 1e-9:
        return "green"
    if month > deadline_month:
        return "red"
    lag = (planned - fraction) * 100
    if lag < 10:
        return "green"
    if lag <= 30:
        return "yellow"
    return "red"


# ---------------------------------------------------------------------------------------------------------
# Texts
# ---------------------------------------------------------------------------------------------------------

# Stage wording by share done: (upper bound of percent_complete, texts). Three kinds of row get their own
# wording: a document to issue, something being built, and any other piece of work.
_STAGES = {
    "doc": (
        (0, ("尚未启动起草，正在明确起草部门和分工。",)),
        (30, ("已成立起草组，完成调研和框架设计。", "已梳理上级政策和兄弟市做法，形成提纲。")),
        (60, ("已形成初稿，正在征求相关部门和县(区、市)意见。", "初稿已完成，正在组织专家论证。")),
        (99, ("已修改完善，正在履行合法性审查和审议程序。", "送审稿已报市政府，等待审议。")),
        (100, ("已印发实施。", "已正式印发，正在组织宣传解读。")),
    ),
    "project": (
        (0, ("前期手续办理中，尚未开工。", "正在办理用地、规划和施工许可等手续。")),
        (30, ("已开工建设，正在进行基础施工。", "场地平整和基础工程已完成，主体施工队伍进场。")),
        (60, ("主体工程施工中，完成年度形象进度的一半以上。", "主体结构基本完成，正在同步推进配套工程。")),
        (99, ("主体工程完工，正在进行设备安装调试。", "已进入试运行阶段，正在组织竣工验收。")),
        (100, ("已建成投用，佐证材料已上传。", "已完成竣工验收并投入运行。")),
    ),
    "work": (
        (0, ("尚未实质性启动，正在对接配合单位、明确分工。", "工作专班已组建，尚未形成阶段性成果。")),
        (30, ("已完成调研摸底，形成工作方案初稿。", "已召开启动会，细化任务分解和时间节点。")),
        (
            60,
            (
                "按计划推进，年度任务已完成约一半。",
                "阶段性任务完成，正在推进下一节点工作。",
                "正在逐项落实年度任务清单。",
            ),
        ),
        (
            99,
            (
                "主体工作基本完成，正在组织评估。",
                "收尾阶段，正在整理佐证材料。",
                "主要节点均已完成，剩余事项正在收口。",
            ),
        ),
        (100, ("已全部完成，佐证材料已上传。", "已按要求完成，等待销号。", "任务完成，已报送完成情况报告。")),
    ),
}

_PROBLEMS = {
    "green": (
        "暂无突出问题。",
        "个别配合单位数据报送不够及时，已协调解决。",
        "部分环节受季节性因素影响，总体可控。",
        "无。",
        "资金拨付流程较长，尚未影响进度。",
    ),
    ("yellow", "project"): (
        "资金到位滞后于计划，影响施工节奏。",
        "用地、环评等前期手续办理周期较长。",
        "主要设备到货延迟，安装调试顺延。",
        "雨季施工受影响，部分工序滞后。",
    ),
    ("yellow", "doc"): (
        "部分部门意见反馈较慢，征求意见环节用时超出预期。",
        "涉及政策口径需与省直部门进一步衔接。",
        "起草力量不足，初稿修改反复。",
    ),
    ("yellow", "work"): (
        "配合单位工作衔接不够紧密，部分事项推进偏慢。",
        "部分县(区、市)进度不平衡，个别县明显滞后。",
        "企业投资意愿偏弱，新增储备不足。",
        "专业技术力量不足，方案论证用时超出预期。",
    ),
    ("red", "project"): (
        "建设资金缺口较大，施工单位已部分撤场。",
        "上级审批尚未批复，主体工程无法开工。",
        "责任企业经营困难，投产时间一再推迟。",
        "征地拆迁遗留问题未解决，施工受阻。",
    ),
    ("red", "doc"): (
        "关键条款各方分歧较大，送审稿迟迟未能定稿。",
        "需市政府研究决策，尚未安排上会。",
        "上级配套政策未出台，文件起草暂停。",
    ),
    ("red", "work"): (
        "关键环节卡点尚未破解，工作基本停滞。",
        "牵头单位与配合单位分歧未协调一致，事项搁置。",
        "上级政策尚未明确，后续工作无法展开。",
        "基层承接力量不足，任务落实不到位。",
    ),
}
_NEXT_STEPS = {
    "green": (
        "按计划推进，确保按期完成。",
        "继续跟踪调度，做好下一节点工作。",
        "及时总结经验做法，做好佐证材料归档。",
        "对照时间节点倒排工期，保持当前进度。",
    ),
    "yellow": (
        "建立周调度机制，倒排工期、挂图作战。",
        "提请分管市领导召开专题协调会。",
        "加强与省直部门对接，加快手续办理。",
        "压实配合单位责任，每半月报送一次进展。",
    ),
    "red": (
        "提请市政府专题研究，落实包联市领导督办。",
        "启动红灯督办程序，约谈责任单位主要负责人。",
        "研究调整实施方案，申请延期并明确新的完成时限。",
        "成立工作专班，驻点帮助解决卡点问题。",
    ),
}
_DONE_PROBLEMS = ("无。", "任务已完成，无遗留问题。", "暂无问题。")
_DONE_NEXT_STEPS = ("整理佐证材料，申请销号。", "做好成果巩固和跟踪问效。", "已完成，转入常态化管理。")
_RETURN_REASONS = (
    "佐证材料不全，请补充现场照片和相关文件后重新报送。",
    "佐证材料不全，请补充完成情况的正式文件或会议纪要。",
    "本月累计值与上月口径不一致，请核实后重报。",
    "进展情况表述笼统，请补充具体完成量和时间节点。",
)


def _stage_text(kind: str, pct: float, *parts: object) -> str:
    """Wording of the first stage whose upper bound is >= pct (0 means 未启动, 100 means done)."""
    for upper, texts in _STAGES[kind]:
        if pct <= upper:
            return _pick(texts, *parts)
    return _pick(_STAGES[kind][-1][1], *parts)


def _fmt(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _row_kind(task: dict) -> str:
    """The wording family: doc (a document to issue), project (something being built) or work."""
    title = task["title"]
    if "《" in title or title.startswith(("出台", "制定")):
        return "doc"
    if task["category"] == "B" and any(w in title for w in ("园", "工程", "项目", "驿站", "中心", "农田")):
        return "project"
    return "work"


def _progress_text(task: dict, month: int, value: float | None, pct: float | None, done: bool) -> str:
    code, kind, unit = task["code"], task["target_kind"], task["target_unit"]
    span = f"1—{month}月" if month > 1 else "1月"
    if kind == "milestone":
        body = _stage_text(_row_kind(task), 100.0 if done else (pct or 0.0), "stage", code, month)
        return f"{_PREFIX}{body}形象进度{_fmt(pct or 0.0)}%。"
    target = float(task["target_value"])
    if kind == "growth_pp":
        return f"{_PREFIX}{span}累计增长{_fmt(value)}%，目标增长{_fmt(target)}%。"
    if kind == "percentage":
        indicator = task["title"].split("达到")[0]
        return f"{_PREFIX}截至{month}月底，{indicator}为{_fmt(value)}%，目标{_fmt(target)}%。"
    baseline = float(task["baseline"]) if task.get("baseline") is not None else 0.0
    rate = (value - baseline) / (target - baseline) * 100
    if baseline:
        return (
            f"{_PREFIX}截至{month}月底累计{_fmt(value)}{unit}（年初{_fmt(baseline)}{unit}），"
            f"目标{_fmt(target)}{unit}，完成率{rate:.1f}%。"
        )
    verb = _pick(("累计完成", "累计达到", "已完成"), "verb", code, month)
    return f"{_PREFIX}{span}{verb}{_fmt(value)}{unit}，占目标{_fmt(target)}{unit}的{rate:.1f}%。"


# ---------------------------------------------------------------------------------------------------------
# The simulation
# ---------------------------------------------------------------------------------------------------------


def _problems(task: dict, light: str, done: bool) -> tuple[str, ...]:
    if done:
        return _DONE_PROBLEMS
    if light == "green":
        return _PROBLEMS["green"]
    return _PROBLEMS[(light, _row_kind(task))]


_CONFIDENCE_BY_LIGHT = {"green": "confident", "yellow": "at_risk", "red": "unlikely"}
_CONFIDENCE_ORDER = ("unlikely", "at_risk", "confident")


def _confidence(light: str, code: str) -> str:
    """The reporter's own judgement: usually the light, but some units are optimistic, a few cautious."""
    level = _CONFIDENCE_ORDER.index(_CONFIDENCE_BY_LIGHT[light])
    bias = _unit("bias", code)
    if bias < 0.20:
        level += 1  # 报喜: one step more optimistic than the numbers
    elif bias > 0.95:
        level -= 1  # 谨慎: one step more cautious
    return _CONFIDENCE_ORDER[max(0, min(2, level))]


def _report_months(task: dict, last_month: int) -> range | tuple[int, ...]:
    if task["frequency"] == "quarterly":
        return tuple(m for m in _QUARTER_END_MONTHS if m <= last_month)
    return range(1, last_month + 1)


def _last_month_states(tasks: list[dict], last_month: int) -> dict[str, str | None]:
    """task code -> state of its last_month report (None: no report), for tasks due to report then."""
    reporting = [t for t in tasks if last_month in _report_months(t, last_month)]
    ordered = sorted(reporting, key=lambda t: (_unit("state", t["code"]), t["code"]))
    states: dict[str, str | None] = {}
    for i, task in enumerate(ordered):
        state = _band(_STATE_BANDS, (i + 0.5) / len(ordered))
        if state is None and task["frequency"] == "quarterly":
            state = "approved"
        states[task["code"]] = state
    return states


def simulate(tasks: list[dict], *, year: int = 2025, last_month: int = 10) -> list[SimulatedReport]:
    """Monthly (or quarterly) reports for months 1..last_month of `year`, in task order then period order."""
    if not 1 <= last_month <= 12:
        raise ValueError("last_month must be 1..12")
    profiles = assign_profiles(tasks, year=year, last_month=last_month)
    final_states = _last_month_states(tasks, last_month)
    every_month = range(1, last_month + 1)
    reports: list[SimulatedReport] = []
    for task in tasks:
        code, kind = task["code"], task["target_kind"]
        profile = profiles[code]
        deadline_month = _deadline_month(task, year)
        fractions = _fraction_path(task, profile, every_month, year)
        growth = _growth_path(task, profile, every_month) if kind == "growth_pp" else {}
        for month in _report_months(task, last_month):
            state = "approved" if month < last_month else final_states.get(code, "approved")
            if state is None:
                continue  # 未报送
            value: float | None = None
            pct: float | None = None
            if kind == "milestone":
                pct = float(5 * math.floor(fractions[month] * 20 + 0.5))  # 形象进度 in steps of 5%
                fraction = pct / 100
            elif kind == "growth_pp":
                value = growth[month]
                fraction = fractions[month]
            else:
                target = float(task["target_value"])
                baseline = float(task["baseline"]) if task.get("baseline") is not None else 0.0
                raw = baseline + fractions[month] * (target - baseline)
                value = _count(raw, profile) if kind == "count" else round(raw, 1)
                fraction = (value - baseline) / (target - baseline)
            if kind == "growth_pp":
                gap = value - float(task["target_value"])
                light = "green" if gap >= 0 else ("yellow" if value >= 0 else "red")
            else:
                light = _light(fraction, _planned_fraction(task, month, year), month, deadline_month)
            done = kind != "growth_pp" and fraction >= 1.0 - 1e-9
            key = (code, month)
            reports.append(
                SimulatedReport(
                    task_code=code,
                    period=f"{year}-{month:02d}",
                    value=value,
                    percent_complete=pct,
                    progress=_progress_text(task, month, value, pct, done),
                    problems=_PREFIX + _pick(_problems(task, light, done), "problem", *key),
                    next_steps=_PREFIX
                    + _pick(_DONE_NEXT_STEPS if done else _NEXT_STEPS[light], "next", *key),
                    confidence="confident" if done else _confidence(light, code),
                    state=state,
                    return_reason=_PREFIX + _pick(_RETURN_REASONS, "return", *key)
                    if state == "returned"
                    else "",
                )
            )
    return reports
