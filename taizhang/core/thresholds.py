"""The schedule engine's thresholds, read from settings (each default's source is noted there)."""

from django.conf import settings

from taizhang.core.schedule import ScheduleMode, Thresholds


def current_thresholds() -> Thresholds:
    return Thresholds(
        yellow_lag_pp=settings.TAIZHANG_YELLOW_LAG_PP,
        red_lag_pp=settings.TAIZHANG_RED_LAG_PP,
        mode=ScheduleMode(settings.TAIZHANG_SCHEDULE_MODE),
        report_due_day=settings.TAIZHANG_REPORT_DUE_DAY,
    )
