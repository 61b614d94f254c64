"""Choices of the indicators app; the values are the kernel's (taizhang.core.indicators) enums."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.core import indicators as kernel


class Frequency(models.TextChoices):
    MONTHLY = kernel.Frequency.MONTHLY.value, _("Monthly")  # 月度
    QUARTERLY = kernel.Frequency.QUARTERLY.value, _("Quarterly")  # 季度


class Direction(models.TextChoices):
    HIGHER = kernel.Direction.HIGHER.value, _("Higher is better")  # 越高越好
    LOWER = kernel.Direction.LOWER.value, _("Lower is better")  # 越低越好


class TargetType(models.TextChoices):
    GROWTH = kernel.TargetType.GROWTH.value, _("Growth (%)")  # 增长X%
    AMOUNT = kernel.TargetType.AMOUNT.value, _("Amount")  # 完成X
    LEVEL = kernel.TargetType.LEVEL.value, _("Level")  # 达到 / 控制在X


# The 11 cities of 山西 (glossary §9 ranking practice: 11-city comparisons), in the province's usual order.
PEER_CITIES = ("太原", "大同", "朔州", "忻州", "阳泉", "吕梁", "晋中", "长治", "晋城", "临汾", "运城")
HOME_CITY = "晋中"  # its figure is the approved city value, never typed in again as a peer figure
