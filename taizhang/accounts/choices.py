from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    OFFICE = "office", _("City office")  # 市委市政府办公机构 (督查室, 市领导)
    DEPARTMENT = "department", _("Municipal department")  # 市直部门
    COUNTY = "county", _("County-level unit")  # 县(区、市)
    ZONE = "zone", _("Development zone")  # 开发区


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")  # 填报员
    REVIEWER = "reviewer", _("Reviewer")  # 审核员
    SUPERVISOR = "supervisor", _("Supervisor")  # 督查/调度
    LEADER = "leader", _("Leader")  # 领导
    ADMIN = "admin", _("Administrator")  # 管理员
