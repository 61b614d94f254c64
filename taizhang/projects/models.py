"""Key projects (重点项目): one master record per project and year's list, and its monthly reports.

Amounts are kept in 万元 (the unit county dispatch sheets use, glossary §8.2); pages show 亿元 where the
city's totals are large. A project is on one year's list (``year``); the lists it belongs to beyond its
level (两重, 两新, 专项债, 三个一批 …) are tags, so a project on three lists is still one record.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from taizhang.accounts.models import Unit
from taizhang.core.models import LedgerModel, UnitScopedQuerySet
from taizhang.ledgers.models import ReportBase
from taizhang.projects.choices import Level, Nature, ProjectCategory

MONEY = {"max_digits": 16, "decimal_places": 2}  # 万元, two decimals (= 100 元)


class ProjectTag(models.Model):
    """A list a project can be on besides its level: 省重点, 两重, 两新, 专项债, 开发区"三个一批", 转型项目 …"""

    name = models.CharField(_("name"), max_length=40, unique=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("project list")

    def __str__(self) -> str:
        return self.name


class Project(LedgerModel):
    year = models.PositiveIntegerField(_("list year"), db_index=True)
    code = models.CharField(_("project code"), max_length=40, blank=True)  # unique within a year when given
    name = models.CharField(_("project name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CITY)
    category = models.CharField(
        _("category"), max_length=20, choices=ProjectCategory.choices, default=ProjectCategory.INDUSTRY
    )
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    location = models.ForeignKey(  # 建设地点: one of the 11 counties or 晋中开发区
        Unit, on_delete=models.PROTECT, related_name="located_projects", verbose_name=_("location")
    )
    owner = models.CharField(_("owner company"), max_length=200, blank=True)  # 项目单位(业主)
    content = models.TextField(_("content and scale"), blank=True)  # 建设内容及规模
    start_year = models.PositiveIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("end year"), null=True, blank=True)
    total_investment = models.DecimalField(_("total investment"), null=True, blank=True, **MONEY)
    invested_before = models.DecimalField(  # 截至上年底累计完成
        _("completed before this year"), null=True, blank=True, **MONEY
    )
    annual_plan = models.DecimalField(_("annual planned investment"), null=True, blank=True, **MONEY)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)
    resumed = models.BooleanField(_("resumed after winter"), default=False)  # 续建 已复工
    image_progress = models.CharField(_("physical progress"), max_length=500, blank=True)  # 形象进度 (latest)
    registered = models.BooleanField(_("registered in statistics"), default=False)  # 统计入库 (meaning 1)
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    proc_approval = models.BooleanField(_("project approval"), default=False)  # 立项
    proc_land = models.BooleanField(_("land use"), default=False)  # 用地
    proc_planning = models.BooleanField(_("planning permit"), default=False)  # 规划
    proc_eia = models.BooleanField(_("environmental assessment"), default=False)  # 环评
    proc_construction = models.BooleanField(_("construction permit"), default=False)  # 施工许可
    leader = models.CharField(_("city leader in charge"), max_length=100, blank=True)  # 包联市级领导
    responsible_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_projects",
        verbose_name=_("responsible unit"),
    )
    responsible_person = models.CharField(_("responsible person"), max_length=100, blank=True)
    cluster = models.CharField(_("industry cluster"), max_length=100, blank=True)
    tags = models.ManyToManyField(ProjectTag, blank=True, related_name="projects", verbose_name=_("lists"))
    # 开发区"三个一批" (glossary §2): 签约 flag and output figures; 开工/投产 come from the dates above.
    signed = models.BooleanField(_("signed"), default=False)
    expected_output = models.DecimalField(_("expected annual output"), null=True, blank=True, **MONEY)
    actual_output = models.DecimalField(_("actual annual output"), null=True, blank=True, **MONEY)
    is_demo = models.BooleanField(_("demo data"), default=False)
    history = HistoricalRecords(m2m_fields=[tags])

    objects = UnitScopedQuerySet.as_manager()
    unit_scope_fields = ("location", "responsible_unit")

    class Meta:
        ordering = ["year", "location__order", "code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "code"], condition=~models.Q(code=""), name="project_code_unique_in_year"
            ),
            models.UniqueConstraint(
                fields=["year", "name", "location"], name="project_name_unique_in_county_year"
            ),
        ]
        verbose_name = _("key project")
        verbose_name_plural = _("key projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])


class ProjectReport(ReportBase):
    """One project's monthly dispatch figures: 本月 and 1–m月 investment, 形象进度, problems, 需协调事项.

    ``unit`` (ReportBase) is the project's location: the county reports and reviews its own projects.
    """

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="reports", verbose_name=_("project")
    )
    month_investment = models.DecimalField(_("investment this month"), null=True, blank=True, **MONEY)
    cumulative_investment = models.DecimalField(  # 1–m月累计完成投资
        _("cumulative investment this year"), null=True, blank=True, **MONEY
    )
    image_progress = models.CharField(_("physical progress"), max_length=500, blank=True)  # 形象进度
    problems = models.TextField(_("problems"), blank=True)  # 存在问题
    coordination = models.TextField(_("matters to coordinate"), blank=True)  # 需协调事项
    history = HistoricalRecords()

    objects = UnitScopedQuerySet.as_manager()
    REPORTED_FIELDS = (
        "month_investment",
        "cumulative_investment",
        "image_progress",
        "problems",
        "coordination",
    )
    workflow_related = ("project", "project__location")

    class Meta:
        ordering = ["-period", "project__code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="one_report_per_project_period")
        ]
        verbose_name = _("project report")

    def __str__(self) -> str:
        return f"{self.project.name} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("projects:report_detail", args=[self.pk])


def _validate_project_report(report: ProjectReport) -> None:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    errors = {}
    if report.cumulative_investment is None:
        errors["cumulative_investment"] = _("Cumulative investment: required before submitting.")
    if not report.image_progress.strip():
        errors["image_progress"] = _("Physical progress: please describe it before submitting.")
    if errors:
        raise ValidationError(errors)


def _after_approve(report: ProjectReport, *, actor) -> None:
    """The project's 形象进度 is the latest approved report's (what the dispatch sheet shows)."""
    from django.db.models import Max
    from django.utils.translation import gettext as _

    from taizhang.audit.services import save_audited

    project = report.project
    latest = project.reports.filter(state="approved", is_archived=False).aggregate(p=Max("period"))["p"]
    if report.period == latest and report.image_progress and project.image_progress != report.image_progress:
        project.image_progress = report.image_progress
        save_audited(project, actor=actor, reason=_("Physical progress from the approved report"))


ProjectReport.validate_for_submit = _validate_project_report
ProjectReport.after_approve = _after_approve


class ImportBatch(models.Model):
    """One uploaded dispatch sheet: the original file kept as it came, and what its import did."""

    kind = models.CharField(_("kind"), max_length=20, default="projects")  # projects | tasks
    period = models.CharField(_("period"), max_length=7, blank=True)
    file = models.FileField(_("original file"), upload_to="imports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    unit = models.ForeignKey(  # the county a county reporter imported for; empty for the city office
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    committed = models.BooleanField(_("committed"), default=False)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # What the preview shows besides the errors: non-blocking warnings, rows not read (合计/小计/标题 …)
    # and the file's amount totals with the sheet's own 合计 row (taizhang.projects.imports).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    skipped = models.JSONField(_("skipped rows"), default=list, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    objects = UnitScopedQuerySet.as_manager()
    unit_scope_fields = ("unit",)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")

    def __str__(self) -> str:
        return self.original_name
