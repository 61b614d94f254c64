from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.core.projectmetrics import Nature as _Nature


class Level(models.TextChoices):
    # 省/市/县重点工程 lists (glossary §2: an annual list issued by 省政府/市政府办公室)
    PROVINCE = "province", _("Provincial key project")  # 省重点
    CITY = "city", _("City key project")  # 市重点
    COUNTY = "county", _("County key project")  # 县重点


class ProjectCategory(models.TextChoices):
    # 项目类别 (glossary §8.2: 产业 / 基础设施 / 民生 …)
    INDUSTRY = "industry", _("Industry")  # 产业
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")  # 基础设施
    LIVELIHOOD = "livelihood", _("Livelihood")  # 民生/社会事业
    ECOLOGY = "ecology", _("Ecology and environment")  # 生态环保
    OTHER = "other", _("Other")


class Nature(models.TextChoices):
    # 建设性质 (glossary §2, §8.2); values are the metrics kernel's
    NEW = _Nature.NEW.value, _("New start")  # 新开工
    CONTINUING = _Nature.CONTINUING.value, _("Continuing")  # 续建
    PREPARATORY = _Nature.PREPARATORY.value, _("Preparatory")  # 前期
    COMPLETED = _Nature.COMPLETED.value, _("Completion and production")  # 竣工投产


# 前期手续 (glossary §8.2): the five procedures, in the order dispatch sheets list them.
PROCEDURES = (
    ("proc_approval", _("Project approval")),  # 立项
    ("proc_land", _("Land use")),  # 用地
    ("proc_planning", _("Planning permit")),  # 规划
    ("proc_eia", _("Environmental assessment")),  # 环评
    ("proc_construction", _("Construction permit")),  # 施工许可
)
