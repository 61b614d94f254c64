from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.core.schedule import TargetKind as _Kind


class TargetKind(models.TextChoices):
    COUNT = _Kind.COUNT.value, _("Count")  # 数量
    AMOUNT = _Kind.AMOUNT.value, _("Amount")  # 金额/数额
    PERCENTAGE = _Kind.PERCENTAGE.value, _("Percentage")  # 比例
    GROWTH_PP = _Kind.GROWTH_PP.value, _("Growth rate (pp)")  # 增速，按百分点比较
    MILESTONE = _Kind.MILESTONE.value, _("Milestone only")  # 节点/形象进度


class Category(models.TextChoices):
    # 方正县: A 重点工作, B 重点项目 report monthly; C 常规 quarterly (glossary §8.1)
    A = "A", _("A · key work")
    B = "B", _("B · key project")
    C = "C", _("C · routine")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
