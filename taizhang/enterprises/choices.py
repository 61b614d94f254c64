from django.db import models
from django.utils.translation import gettext_lazy as _

from taizhang.core.enterprises import ClusterTier as _ClusterTier


class ClusterTier(models.TextChoices):
    # The article's designations (千亿级 / 五百亿级 / 百亿级); values are the kernel's (core.enterprises)
    THOUSAND_YI = _ClusterTier.THOUSAND_YI.value, _("100-billion-yuan cluster (千亿级)")
    FIVE_HUNDRED_YI = _ClusterTier.FIVE_HUNDRED_YI.value, _("50-billion-yuan cluster (五百亿级)")
    HUNDRED_YI = _ClusterTier.HUNDRED_YI.value, _("10-billion-yuan cluster (百亿级)")
    OTHER = _ClusterTier.OTHER.value, _("Other cluster")


class ScaleMeasure(models.TextChoices):
    """Which reported figure a cluster's scale adds up: industrial clusters count 产值, services 营业收入."""

    OUTPUT = "output", _("Output value")  # 产值
    REVENUE = "revenue", _("Operating revenue")  # 营业收入


class SpecialisedLevel(models.TextChoices):
    # 专精特新: 国家级专精特新"小巨人" (工信部), 省级 and 市级 专精特新中小企业
    NATIONAL = "national", _("National specialised 'little giant'")  # 国家级专精特新"小巨人"
    PROVINCIAL = "provincial", _("Provincial specialised and innovative")  # 省级
    CITY = "city", _("City specialised and innovative")  # 市级
    NONE = "none", _("None")  # 无
