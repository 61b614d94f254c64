"""API schemas for progress reports and the status rollup (<Thing>Read for output, <Thing>Write for input)."""

from datetime import datetime

from ninja import Schema

from taizhang.ledgers.models import ProgressReport


def _num(value) -> float | None:
    return float(value) if value is not None else None


class ReportRead(Schema):
    id: int
    task_id: int
    task_code: str
    period: str
    unit_id: int
    state: str
    state_label: str
    cumulative_value: float | None
    percent_complete: float | None
    progress: str
    problems: str
    next_steps: str
    confidence: str
    return_reason: str
    created_by_id: int
    submitted_by_id: int | None
    submitted_at: datetime | None
    reviewed_by_id: int | None
    reviewed_at: datetime | None
    is_demo: bool
    updated_at: datetime

    @staticmethod
    def of(report: ProgressReport) -> dict:
        return {
            "id": report.pk,
            "task_id": report.task_id,
            "task_code": report.task.code,
            "period": report.period,
            "unit_id": report.unit_id,
            "state": report.state,
            "state_label": str(report.get_state_display()),
            "cumulative_value": _num(report.cumulative_value),
            "percent_complete": _num(report.percent_complete),
            "progress": report.progress,
            "problems": report.problems,
            "next_steps": report.next_steps,
            "confidence": report.confidence,
            "return_reason": report.return_reason,
            "created_by_id": report.created_by_id,
            "submitted_by_id": report.submitted_by_id,
            "submitted_at": report.submitted_at,
            "reviewed_by_id": report.reviewed_by_id,
            "reviewed_at": report.reviewed_at,
            "is_demo": report.is_demo,
            "updated_at": report.updated_at,
        }


class ReportWrite(Schema):
    """A draft's content. Numbers may come as JSON numbers or strings ("1,234.5"); the service checks them
    and answers 422 naming the field, so a bad figure is never half-saved."""

    cumulative_value: float | str | None = None  # required for numeric targets before submitting
    percent_complete: float | str | None = None  # milestone-only targets: 0–100
    progress: str = ""  # 进展情况
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步打算
    confidence: str = "confident"  # confident | at_risk | unlikely


class ReturnWrite(Schema):
    reason: str  # what must be corrected (required)


class ReviewWrite(Schema):
    comment: str = ""


class SubmitWrite(Schema):
    note: str = ""


class PlanRead(Schema):
    id: int
    year: int
    title: str


class LightCountsRead(Schema):
    total: int
    green: int
    yellow: int
    red: int
    missing: int  # 未报送, counted beside the light
    statuses: dict[str, int]


class GroupCountsRead(LightCountsRead):
    id: int
    code: str
    name: str


class StatusRollup(Schema):
    period: str
    period_label: str  # "2025年1—10月"
    plan: PlanRead | None
    total: LightCountsRead
    by_area: list[GroupCountsRead]
    by_unit: list[GroupCountsRead]  # by lead unit
    missing: int
    demo_data: bool


class ErrorRead(Schema):
    detail: str
    errors: dict[str, str] = {}
