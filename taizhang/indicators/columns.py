"""Column specification of an indicator sheet (市统计局's 主要经济指标 for the city and the counties).

Django-free, like ``taizhang.projects.columns``. ``indicator`` is the indicator's name or code and ``area``
全市 or a county-level unit's name, both resolved by the import service. ``amount`` is in the indicator's own
unit (亿元, 元, %: ``Indicator.unit``), so it is a plain number, not an amount converted to 万元. ``growth`` is
the number of the percentage ("6.5" and "6.5%" are both 6.5; a bare 0.8 stays 0.8, not 80).
"""

from __future__ import annotations

from taizhang.core.sheets import Column

__all__ = ["CITY_WORDS", "INDICATOR_COLUMNS"]

# What 地区 says for the city as a whole (the value's subject is then empty).
CITY_WORDS = frozenset({"全市", "晋中市", "晋中", "市本级", "合计全市", "全市合计"})

INDICATOR_COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("编号", "排序", "no", "no."), kind="ignore"),
    Column(
        "indicator",
        "指标",
        ("指标名称", "主要指标", "指标代码", "项目", "指标项"),
        required=True,
        max_length=100,
    ),
    Column("area", "地区", ("县区", "县（市、区）", "区域", "所在县区", "县市区"), max_length=100),
    Column(
        "amount",
        "累计值",
        (
            "本期值",
            "绝对值",
            "累计",
            "数值",
            "总量",
            "本年累计",
            r"1[-—–~至到]\d{1,2}月份?(累计)?(完成)?(值)?",
        ),
        kind="number",
    ),
    Column(
        "growth",
        "增速（%）",
        ("增长", "增速", "同比增长", "同比增速", "比上年同期增长", "增长率"),
        kind="number",
    ),
    Column("measure", "计量单位", ("单位",), kind="ignore"),
    Column("note", "备注", ("说明",), max_length=300),
    Column("rank", "位次", ("排名", "排序位次"), kind="ignore"),
)
