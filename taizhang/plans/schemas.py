"""API schemas for tasks (one naming style across the API: <Thing>Read for output, <Thing>Write for input)."""

from datetime import date

from ninja import Schema

from taizhang.core import schedule
from taizhang.ledgers.selectors import TaskState


def _num(value) -> float | None:
    return float(value) if value is not None else None


def _pct(value) -> float | None:
    """A percentage or gap rounded once, for display, to one decimal (core.schedule's rounding rule)."""
    rounded = schedule.round1(value)
    return float(rounded) if rounded is not None else None


class EvaluationRead(Schema):
    """A task's 序时 status for a period; only approved reports count."""

    status: str
    status_label: str
    light: str
    light_label: str
    completion: float | None  # % complete, one decimal; None for growth targets or without an approved report
    expected: float | None  # 序时进度 %, one decimal
    gap_pp: float | None  # completion − expected (growth targets: actual − target), one decimal
    reason: str
    missing: bool  # 未报送: due, not submitted, past the due day

    @staticmethod
    def of(state: TaskState) -> dict:
        e = state.evaluation
        return {
            "status": e.status.value,
            "status_label": e.status_label,
            "light": e.light.value,
            "light_label": e.light_label,
            "completion": _pct(e.completion),
            "expected": _pct(e.expected),
            "gap_pp": _pct(e.gap_pp),
            "reason": e.reason,
            "missing": state.missing,
        }


class TaskRead(Schema):
    id: int
    plan_id: int
    code: str
    title: str
    content: str
    source_clause: str
    area_id: int
    area_name: str
    lead_unit_id: int
    lead_unit_name: str
    cooperating_unit_ids: list[int]
    target_kind: str
    target_value: float | None
    target_unit: str
    baseline: float | None
    deadline: date
    responsible_leader: str
    category: str
    frequency: str
    is_demo: bool
    period: str  # the period the evaluation is for
    actual: float | None  # the latest approved cumulative figure (or % complete for milestone tasks)
    report_id: int | None  # this period's report, whatever its state
    report_state: str | None
    evaluation: EvaluationRead

    @staticmethod
    def of(state: TaskState, period: str) -> dict:
        task = state.task
        return {
            "id": task.pk,
            "plan_id": task.plan_id,
            "code": task.code,
            "title": task.title,
            "content": task.content,
            "source_clause": task.source_clause,
            "area_id": task.area_id,
            "area_name": task.area.name,
            "lead_unit_id": task.lead_unit_id,
            "lead_unit_name": task.lead_unit.short_name or task.lead_unit.name,
            "cooperating_unit_ids": sorted(u.pk for u in task.cooperating_units.all()),
            "target_kind": task.target_kind,
            "target_value": _num(task.target_value),
            "target_unit": task.target_unit,
            "baseline": _num(task.baseline),
            "deadline": task.deadline,
            "responsible_leader": task.responsible_leader,
            "category": task.category,
            "frequency": task.frequency,
            "is_demo": task.is_demo,
            "period": period,
            "actual": _num(state.actual),
            "report_id": state.current.pk if state.current else None,
            "report_state": state.current.state if state.current else None,
            "evaluation": EvaluationRead.of(state),
        }
