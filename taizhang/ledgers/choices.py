from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草稿
    SUBMITTED = "submitted", _("Submitted")  # 待审核
    APPROVED = "approved", _("Approved")  # 已审核
    RETURNED = "returned", _("Returned")  # 已退回


class Confidence(models.TextChoices):
    """The reporter's own forward-looking judgement (after Deliverology's likelihood of delivery)."""

    CONFIDENT = "confident", _("Confident")  # 有把握
    AT_RISK = "at_risk", _("At risk")  # 有风险
    UNLIKELY = "unlikely", _("Unlikely")  # 难以完成
