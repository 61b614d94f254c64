"""API schemas for progress reports and the status rollup (<Thing>Read for output, <Thing>Write for input)."""

from datetime import datetime
from typing import Annotated, Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import BaseModel, BeforeValidator, model_validator
from pydantic_core import PydanticCustomError

from taizhang.ledgers.models import ProgressReport

# Error types the API's ValidationError handler (taizhang/api.py) words in Chinese, naming the field.
NUMBER_TYPE = "taizhang_number"
TEXT_TYPE = "taizhang_text"
OBJECT_TYPE = "taizhang_object"


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


def _number(value: Any) -> Any:
    """A JSON number or a string (the service parses "1,234.5" and names the field if it is not a number);
    never a boolean (JSON `true` is not 1), a list or an object."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError(NUMBER_TYPE, "must be a number")
    return value


def _text(value: Any) -> str:
    """A string; JSON null is an empty field. Numbers, booleans, lists and objects are refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PydanticCustomError(TEXT_TYPE, "must be text")
    return value


Number = Annotated[float | str | None, BeforeValidator(_number)]
Text = Annotated[str, BeforeValidator(_text)]


class WriteSchema(Schema):
    """An input body: a JSON object. Without this check ninja's Schema reads attributes off anything, so a
    JSON array, string or number would validate as an all-default body."""

    @model_validator(mode="before")
    @classmethod
    def _a_json_object(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data  # ninja's Schema wraps the input first
        if not isinstance(raw, dict | BaseModel):
            raise PydanticCustomError(OBJECT_TYPE, "the body must be a JSON object")
        return data


class ReportWrite(WriteSchema):
    """A draft's content. Numbers may come as JSON numbers or strings ("1,234.5"), not booleans; the service
    checks the strings and answers 422 naming the field, so a bad figure is never half-saved. Text may be
    null (saved as blank)."""

    cumulative_value: Number = None  # required for numeric targets before submitting
    percent_complete: Number = None  # milestone-only targets: 0–100
    progress: Text = ""  # 进展情况
    problems: Text = ""  # 存在问题
    next_steps: Text = ""  # 下步打算
    confidence: Text = "confident"  # confident | at_risk | unlikely (null: confident)


class ReturnWrite(WriteSchema):
    reason: Text  # what must be corrected (required; blank is refused by the workflow)


class ReviewWrite(WriteSchema):
    comment: Text = ""


class SubmitWrite(WriteSchema):
    note: Text = ""


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
