"""Reads for key projects: what a user may see, each project's state in a period, and the rollups.

The formulas are the metrics kernel's (taizhang.core.projectmetrics); this module only moves data in.
"""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.conf import settings
from django.db.models import Max, Prefetch
from django.utils import timezone

from taizhang.core import schedule
from taizhang.core.projectmetrics import (
    LINEAR,
    ProjectLight,
    ProjectThresholds,
    RatesSummary,
    ScheduleCurve,
    group_rates,
    project_light,
    summarize,
)
from taizhang.ledgers import selectors as ledger_selectors
from taizhang.ledgers.choices import ReportState
from taizhang.projects.models import Project, ProjectReport, ProjectTag
from taizhang.projects.services import facts_of


def project_thresholds() -> ProjectThresholds:
    """The 银川 thresholds as configured (settings.py notes each default's source)."""
    return ProjectThresholds(
        yellow_lag_pp=settings.TAIZHANG_YELLOW_LAG_PP,
        red_lag_pp=settings.TAIZHANG_RED_LAG_PP,
        start_yellow_months=settings.TAIZHANG_PROJECT_START_YELLOW_MONTHS,
        start_red_months=settings.TAIZHANG_PROJECT_START_RED_MONTHS,
        registration_yellow_months=settings.TAIZHANG_PROJECT_REGISTRATION_YELLOW_MONTHS,
        registration_red_months=settings.TAIZHANG_PROJECT_REGISTRATION_RED_MONTHS,
    )


def schedule_curve() -> ScheduleCurve:
    """Linear 序时 unless the city set 12 monthly shares (TAIZHANG_PROJECT_SEASONAL_SHARES)."""
    shares = settings.TAIZHANG_PROJECT_SEASONAL_SHARES
    return ScheduleCurve.seasonal(shares) if shares else LINEAR


def visible_projects(user, year: int | None = None):
    qs = Project.objects.for_user(user).filter(is_archived=False)
    if year is not None:
        qs = qs.filter(year=year)
    return qs.select_related("location", "responsible_unit").prefetch_related(
        Prefetch("tags", queryset=ProjectTag.objects.order_by("order", "name"))
    )


def project_years() -> list[int]:
    return sorted(set(Project.objects.filter(is_archived=False).values_list("year", flat=True)), reverse=True)


def default_project_period(year: int | None = None, *, today: date | None = None) -> str:
    """The newest period with an approved project report (of ``year`` when given), else last month."""
    today = today or timezone.localdate()
    approved = ProjectReport.objects.filter(state=ReportState.APPROVED, is_archived=False)
    if year is not None:
        approved = approved.filter(period__startswith=f"{year}-")
    latest = approved.aggregate(latest=Max("period"))["latest"]
    if latest:
        return latest
    first = today.replace(day=1)
    last_month = date.fromordinal(first.toordinal() - 1)
    return schedule.period_str(last_month.year, last_month.month)


def latest_approved(project_ids: list[int], period: str) -> dict[int, ProjectReport]:
    """Each project's latest approved report of the period's year up to the period (two queries)."""
    return ledger_selectors.latest_approved(ProjectReport, "project", project_ids, period)


@dataclass
class ProjectState:
    project: Project
    report: ProjectReport | None  # the latest approved report up to the period (its 1–m月 figure counts)
    current: ProjectReport | None  # this period's report in any state
    light: ProjectLight
    completion_percent: float | None  # 投资完成率 of this project, unrounded

    @property
    def cumulative(self):
        return self.report.cumulative_investment if self.report else None

    @property
    def reported(self) -> bool:
        """This period's report has been submitted or approved."""
        return self.current is not None and self.current.state in {
            ReportState.SUBMITTED,
            ReportState.APPROVED,
        }

    @cached_property
    def groups(self) -> dict:
        p = self.project
        return {
            "county": p.location.short_name or p.location.name,
            "zone": (p.location.short_name or p.location.name) if p.location.kind == "zone" else None,
            "cluster": p.cluster or None,
            "level": p.get_level_display(),
            "nature": p.get_nature_display(),
            "tag": [t.name for t in p.tags.all()],
        }


def project_states(projects, period: str) -> list[ProjectState]:
    year, month = schedule.parse_period(period)
    end = schedule.period_end(year, month)
    thresholds, curve = project_thresholds(), schedule_curve()
    projects = list(projects)
    ids = [p.pk for p in projects]
    approved = latest_approved(ids, period)
    current = {
        r.project_id: r
        for r in ProjectReport.objects.filter(project_id__in=ids, period=period, is_archived=False)
    }
    states = []
    for project in projects:
        report = approved.get(project.pk)
        cumulative = report.cumulative_investment if report else None
        facts = facts_of(project, cumulative, as_of=end)
        light = project_light(facts, year, month, thresholds, curve=curve)
        percent = None
        if project.annual_plan:
            percent = float((cumulative or 0) / project.annual_plan * 100)
        states.append(ProjectState(project, report, current.get(project.pk), light, percent))
    return states


GROUP_KEYS = ("county", "zone", "cluster", "level", "nature", "tag")


@dataclass
class Rollup:
    period: str
    curve_label: str  # "线性序时" / "季节性序时": pages say which benchmark they compare with
    total: RatesSummary
    groups: dict[str, dict]  # key -> {group value -> RatesSummary}


def rollup(states: list[ProjectState], period: str, keys: tuple[str, ...] = GROUP_KEYS) -> Rollup:
    year, month = schedule.parse_period(period)
    thresholds, curve = project_thresholds(), schedule_curve()
    end = schedule.period_end(year, month)
    facts = [facts_of(s.project, s.cumulative, as_of=end) for s in states]
    pairs = [(f, s.groups) for f, s in zip(facts, states, strict=True)]
    total = summarize(facts, year=year, month=month, curve=curve, thresholds=thresholds)
    groups = {
        key: group_rates(pairs, key, year=year, month=month, curve=curve, thresholds=thresholds)
        for key in keys
    }
    return Rollup(period, curve.label, total, groups)
