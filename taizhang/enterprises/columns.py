"""Column specification of the enterprise list counties and 市工信局 send (企业名录 with the period's figures).

Django-free (the pure kernel ``taizhang.core.sheets`` and plain values), like ``taizhang.projects.columns``.
Keys are ``enterprises.services.ENTERPRISE_FIELDS`` (``location`` as a unit name, ``clusters`` as a tuple of
cluster names, resolved by the import service) and the EnterpriseFigure fields ``revenue`` / ``output``
(1–m月 cumulative, 万元; a header "（亿元）", a title "单位：亿元" or a cell "3.5亿元" converts).
"""

from __future__ import annotations

from taizhang.core.sheets import Column

__all__ = ["ENTERPRISE_COLUMNS", "FIGURE_KEYS", "SPECIALISED_CHOICES"]

# 专精特新 as sheets write it -> taizhang.enterprises.choices.SpecialisedLevel
SPECIALISED_CHOICES = {
    "国家级": "national",
    "国家级专精特新": "national",
    "国家级专精特新小巨人": "national",
    "专精特新小巨人": "national",
    "小巨人": "national",
    "国家级小巨人": "national",
    "省级": "provincial",
    "省级专精特新": "provincial",
    "省级专精特新中小企业": "provincial",
    "省": "provincial",
    "市级": "city",
    "市级专精特新": "city",
    "市级专精特新中小企业": "city",
    "市": "city",
    "否": "none",
    "不是": "none",
    "非": "none",
}

# Keys stored on the period's EnterpriseFigure rather than the Enterprise.
FIGURE_KEYS = ("revenue", "output")

_PERIOD_PREFIX = r"(1[-—–~至到]\d{1,2}月份?|本年|今年|年初至今|\d{4}年1[-—–~至到]\d{1,2}月份?)?(累计)?(完成)?"

ENTERPRISE_COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("编号", "排序", "no", "no."), kind="ignore"),
    Column(
        "name",
        "企业名称",
        ("名称", "企业", "单位名称", "企业全称", "公司名称"),
        required=True,
        max_length=200,
    ),
    Column(
        "uscc",
        "统一社会信用代码",
        ("社会信用代码", "信用代码", "统一代码", "统一社会信用代码证", "组织机构代码/统一社会信用代码"),
        required=True,
        max_length=40,
    ),
    Column(
        "location",
        "所在县区",
        (
            "县区",
            "所属县区",
            "所在县（市、区）",
            "县（市、区）",
            "县市区",
            "属地",
            "所在地",
            "所在县",
            "地区",
        ),
        max_length=100,
    ),
    Column(
        "clusters",
        "所属产业集群",
        ("产业集群", "所属集群", "集群", "所属产业链", "产业链"),
        kind="list",
    ),
    Column("above_scale", "是否规上", ("规上", "是否规上企业", "规上企业", "是否规模以上"), kind="bool"),
    Column(
        "new_quality",
        "是否新质生产力企业",
        ("新质生产力企业", "新质生产力", "是否新质生产力"),
        kind="bool",
    ),
    Column(
        "specialised",
        "专精特新",
        ("专精特新等级", "专精特新级别", "是否专精特新", "专精特新企业"),
        kind="choice",
        choices=SPECIALISED_CHOICES,
    ),
    Column("chain_leader", "是否链主", ("链主", "链主企业", "是否链主企业"), kind="bool"),
    Column(
        "revenue",
        "1—m月营业收入（万元）",
        ("营业收入", "主营业务收入", "营收", _PERIOD_PREFIX + r"(主营业务收入|营业收入|营收)"),
        kind="amount",
    ),
    Column(
        "output",
        "1—m月产值（万元）",
        ("产值", "工业总产值", "工业产值", _PERIOD_PREFIX + r"(工业总产值|工业产值|产值)"),
        kind="amount",
    ),
)
