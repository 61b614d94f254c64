"""The dispatch-sheet and task-ledger column specs (taizhang.projects.columns) against the models.

The specs are Django-free; the tests that compare them with the models import the models inside the test
(no database). Headers and values: shared/domain/glossary.md §8.1, §8.2.
"""

from __future__ import annotations

import ast
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from taizhang.core.sheets import PROCEDURE_KEYS, locate_header, normalize_header, parse_sheet
from taizhang.projects import columns
from taizhang.projects.columns import PROJECT_COLUMNS, PROJECT_REPORT_KEYS, TASK_COLUMNS

# Keys that are not a field of Project / ProjectReport by design (see the module docstring).
NOT_FIELDS = {"location", "responsible_unit", "tags", "year_range", "procedures"}


def by_key(spec):
    return {column.key: column for column in spec}


def test_the_specs_import_no_django():
    tree = ast.parse(Path(columns.__file__).read_text(encoding="utf-8"))
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert modules == {
        "__future__",
        "taizhang.core.projectmetrics",
        "taizhang.core.schedule",
        "taizhang.core.sheets",
    }


def test_project_keys_are_model_fields():
    from django.core.exceptions import FieldDoesNotExist

    from taizhang.projects.models import Project, ProjectReport

    for column in PROJECT_COLUMNS:
        if column.kind == "ignore" or column.key in NOT_FIELDS:
            continue
        model = ProjectReport if column.key in PROJECT_REPORT_KEYS - {"image_progress"} else Project
        try:
            field = model._meta.get_field(column.key)
        except FieldDoesNotExist:
            pytest.fail(f"{column.key} ({column.label}) is not a field of {model.__name__}")
        if getattr(field, "max_length", None) and column.max_length:
            assert column.max_length <= field.max_length, column.key
        if column.kind == "amount":
            assert field.get_internal_type() == "DecimalField", column.key
        if column.kind == "date":
            assert field.get_internal_type() == "DateField", column.key
        if column.kind == "bool":
            assert field.get_internal_type() == "BooleanField", column.key
    for key in ("start_year", "end_year", *PROCEDURE_KEYS):
        Project._meta.get_field(key)
    assert by_key(PROJECT_COLUMNS)["year_range"].into == ("start_year", "end_year")


def test_procedures_spread_into_the_models_procedures_in_order():
    from taizhang.projects.choices import PROCEDURES

    assert PROCEDURE_KEYS == tuple(key for key, _ in PROCEDURES)
    assert by_key(PROJECT_COLUMNS)["procedures"].into == PROCEDURE_KEYS
    separate = [c for c in PROJECT_COLUMNS if c.key in PROCEDURE_KEYS]
    assert [c.label for c in separate] == ["立项", "用地", "规划", "环评", "施工许可"]
    assert not any(c.export for c in separate)


def test_project_choices_store_the_models_values():
    from taizhang.projects.choices import Level, Nature, ProjectCategory

    spec = by_key(PROJECT_COLUMNS)
    for key, choices in (("nature", Nature), ("level", Level), ("category", ProjectCategory)):
        assert set(spec[key].choices.values()) == set(choices.values), key


def test_task_keys_are_the_task_fields():
    from taizhang.plans.choices import Category, Frequency, TargetKind
    from taizhang.plans.models import Task
    from taizhang.plans.services import TASK_FIELDS

    spec = by_key(TASK_COLUMNS)
    assert set(spec) - {"seq"} == set(TASK_FIELDS) | {"cooperating_units"}
    for column in TASK_COLUMNS:
        if column.kind != "ignore":
            field = Task._meta.get_field(column.key)
            if getattr(field, "max_length", None) and column.max_length:
                assert column.max_length <= field.max_length, column.key
    assert set(spec["target_kind"].choices.values()) == set(TargetKind.values)
    assert set(spec["category"].choices.values()) == set(Category.values)
    assert set(spec["frequency"].choices.values()) == set(Frequency.values)
    assert spec["deadline"].month_end and spec["deadline"].kind == "date"
    assert [c.key for c in TASK_COLUMNS if c.required] == ["code", "title"]


# The recommended dispatch-sheet columns of glossary §8.2, in order, with the extra ones this platform keeps
# (项目编码, 是否复工, 实际竣工, 所属产业集群, 所属清单, 三个一批 figures).
EXPORT_ORDER = [
    "序号",
    "项目编码",
    "项目名称",
    "项目级别",
    "项目类别",
    "建设性质",
    "建设地点",
    "项目单位",
    "建设内容及规模",
    "建设起止年限",
    "总投资（万元）",
    "截至上年底累计完成投资（万元）",
    "年度计划投资（万元）",
    "本月完成投资（万元）",
    "本年累计完成投资（万元）",
    "年度投资完成率（%）",
    "序时进度（%）",
    "偏差（个百分点）",
    "计划开工时间",
    "实际开工时间",
    "计划竣工时间",
    "实际竣工时间",
    "是否复工",
    "形象进度",
    "是否入库",
    "入库时间",
    "前期手续",
    "存在问题",
    "需协调事项",
    "包联市级领导",
    "责任单位",
    "责任人",
    "所属产业集群",
    "所属清单",
    "是否签约",
    "预计年产值（万元）",
    "实际年产值（万元）",
    "亮灯",
    "更新日期",
]


def test_project_columns_are_in_export_order():
    assert [c.label for c in PROJECT_COLUMNS if c.export] == EXPORT_ORDER
    assert [c.key for c in PROJECT_COLUMNS if c.required] == ["name", "nature"]
    assert all(c.unit == "万元" for c in PROJECT_COLUMNS if c.kind == "amount")


@pytest.mark.parametrize("spec", [PROJECT_COLUMNS, TASK_COLUMNS], ids=["projects", "tasks"])
def test_every_spelling_reaches_its_own_column(spec):
    """No alias is shadowed by another column's spelling, and no pattern swallows another label."""
    for column in spec:
        for spelling in (column.label, *column.aliases):
            if any(ch in "[]\\.*+?{}|^$" for ch in spelling):
                continue
            if column.key == "seq":
                found = locate_header([[spelling, spec[2].label]], spec).columns.get(0)
            else:
                found = locate_header([["序号", spelling]], spec).columns.get(1)
            assert found is not None and found.key == column.key, (spelling, found and found.key)
    assert len({normalize_header(c.label)[0] for c in spec}) == len(spec)


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("项目名称", "name"),
        ("名称", "name"),
        ("建设性质", "nature"),
        ("项目性质", "nature"),
        ("类别", "nature"),
        ("项目类别", "category"),
        ("项目级别", "level"),
        ("年度计划投资（万元）", "annual_plan"),
        ("年度计划", "annual_plan"),
        ("2025年计划投资", "annual_plan"),
        ("本年计划投资", "annual_plan"),
        ("2025年度计划投资（亿元）", "annual_plan"),
        ("1-10月完成投资", "cumulative_investment"),
        ("1—10月累计完成", "cumulative_investment"),
        ("1—10月累计完成投资（万元）", "cumulative_investment"),
        ("累计完成投资", "cumulative_investment"),
        ("年初至今完成", "cumulative_investment"),
        ("截至10月底累计完成投资", "cumulative_investment"),
        ("本月完成", "month_investment"),
        ("10月完成投资", "month_investment"),
        ("10月份完成投资（万元）", "month_investment"),
        ("总投资", "total_investment"),
        ("计划总投资", "total_investment"),
        ("截至上年底累计完成投资", "invested_before"),
        ("截至2024年底累计完成投资", "invested_before"),
        ("建设地点", "location"),
        ("所在县区", "location"),
        ("县（市、区）", "location"),
        ("计划开工时间", "planned_start"),
        ("计划开工", "planned_start"),
        ("计划竣工投产时间", "planned_completion"),
        ("是否入库", "registered"),
        ("入库情况", "registered"),
        ("纳统", "registered"),
        ("前期手续办理情况", "procedures"),
        ("存在的问题", "problems"),
        ("需协调解决的问题", "coordination"),
        ("包联领导", "leader"),
        ("建设起止年限", "year_range"),
        ("建设年限", "year_range"),
        ("年度投资完成率", "completion_rate"),
        ("完成率(%)", "completion_rate"),
        ("序时进度", "time_progress"),
        ("偏差（个百分点）", "gap"),
        ("亮灯", "light"),
        ("更新日期", "updated"),
    ],
)
def test_project_header_variants(header, key):
    found = locate_header([["序号", header]], PROJECT_COLUMNS)
    assert found.columns[1].key == key
    assert not found.unknown


def test_our_own_export_reads_back_with_nothing_unknown():
    labels = [c.label for c in PROJECT_COLUMNS if c.export]
    labels[labels.index("本年累计完成投资（万元）")] = (
        "1—10月累计完成投资（万元）"  # the export names the months
    )
    row = {
        "序号": 1,
        "项目编码": "JZ2025-001",
        "项目名称": "晋中智能制造产业园",
        "项目级别": "省重点",
        "项目类别": "产业",
        "建设性质": "续建",
        "建设地点": "榆次区",
        "项目单位": "某某有限公司",
        "建设内容及规模": "建设厂房10万平方米",
        "建设起止年限": "2024-2026",
        "总投资（万元）": 120000.0,
        "截至上年底累计完成投资（万元）": 30000.0,
        "年度计划投资（万元）": 40000.0,
        "本月完成投资（万元）": 3500.0,
        "1—10月累计完成投资（万元）": 33000.0,
        "年度投资完成率（%）": 82.5,
        "序时进度（%）": 83.3,
        "偏差（个百分点）": -0.8,
        "计划开工时间": "2024年3月",
        "实际开工时间": date(2024, 3, 18),
        "计划竣工时间": "2026年底",
        "实际竣工时间": "",
        "是否复工": "是",
        "形象进度": "主体封顶",
        "是否入库": "是",
        "入库时间": "2024.05",
        "前期手续": "立项√用地√规划√环评√施工许可√",
        "存在问题": "无",
        "需协调事项": "协调用电增容",
        "包联市级领导": "张三",
        "责任单位": "市工信局",
        "责任人": "李四",
        "所属产业集群": "智能制造",
        "所属清单": "两重、专项债",
        "是否签约": "已签约",
        "预计年产值（万元）": 200000.0,
        "实际年产值（万元）": "",
        "亮灯": "绿",
        "更新日期": "2025-11-05",
    }
    data = [row.get(label, row.get(label.replace("1—10月累计", "本年累计"))) for label in labels]
    parsed = parse_sheet([["2025年重点项目调度表"], labels, data], PROJECT_COLUMNS, year=2025)
    assert not parsed.errors and not parsed.warnings and not parsed.unknown_columns
    assert parsed.records[0].values == {
        "code": "JZ2025-001",
        "name": "晋中智能制造产业园",
        "level": "province",
        "category": "industry",
        "nature": "continuing",
        "location": "榆次区",
        "owner": "某某有限公司",
        "content": "建设厂房10万平方米",
        "start_year": 2024,
        "end_year": 2026,
        "total_investment": Decimal(120000),
        "invested_before": Decimal(30000),
        "annual_plan": Decimal(40000),
        "month_investment": Decimal(3500),
        "cumulative_investment": Decimal(33000),
        "planned_start": date(2024, 3, 1),
        "actual_start": date(2024, 3, 18),
        "planned_completion": date(2026, 12, 1),
        "resumed": True,
        "image_progress": "主体封顶",
        "registered": True,
        "registered_on": date(2024, 5, 1),
        **dict.fromkeys(PROCEDURE_KEYS, True),
        "coordination": "协调用电增容",
        "leader": "张三",
        "responsible_unit": "市工信局",
        "responsible_person": "李四",
        "cluster": "智能制造",
        "tags": ("两重", "专项债"),
        "signed": True,
        "expected_output": Decimal(200000),
    }


@pytest.mark.parametrize(
    ("header", "raw", "key", "expected"),
    [
        ("项目级别", "省级重点", "level", "province"),
        ("项目级别", "省重点", "level", "province"),
        ("项目级别", "省级", "level", "province"),
        ("项目级别", "市重点", "level", "city"),
        ("项目级别", "市级", "level", "city"),
        ("项目级别", "县重点", "level", "county"),
        ("项目级别", "县级", "level", "county"),
        ("项目类别", "产业", "category", "industry"),
        ("项目类别", "工业", "category", "industry"),
        ("项目类别", "产业项目", "category", "industry"),
        ("项目类别", "基础设施", "category", "infrastructure"),
        ("项目类别", "基础设施类", "category", "infrastructure"),
        ("项目类别", "民生", "category", "livelihood"),
        ("项目类别", "社会事业", "category", "livelihood"),
        ("项目类别", "生态", "category", "ecology"),
        ("项目类别", "生态环保", "category", "ecology"),
        ("项目类别", "其他", "category", "other"),
        ("建设性质", "新开工", "nature", "new"),
        ("建设性质", "新建", "nature", "new"),
        ("建设性质", "续建", "nature", "continuing"),
        ("建设性质", "结转", "nature", "continuing"),
        ("建设性质", "结转续建", "nature", "continuing"),
        ("建设性质", "前期", "nature", "preparatory"),
        ("建设性质", "竣工", "nature", "completed"),
        ("建设性质", "竣工投产", "nature", "completed"),
        ("建设性质", "建成", "nature", "completed"),
        ("建设性质", "投产", "nature", "completed"),
    ],
)
def test_project_choice_synonyms(header, raw, key, expected):
    cells = {"项目名称": "甲项目", "建设性质": "续建", header: raw}
    parsed = parse_sheet([list(cells), list(cells.values())], PROJECT_COLUMNS, year=2025)
    assert not parsed.errors
    assert parsed.records[0].values[key] == expected


TASK_HEADER = [
    "序号",
    "任务编号",
    "任务名称",
    "任务内容",
    "任务来源/原文",
    "目标类型",
    "目标值",
    "计量单位",
    "基期值",
    "完成时限",
    "牵头单位",
    "配合单位",
    "责任领导",
    "任务类别",
    "报送频次",
    "所属领域",
]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            [1, "A-01", "规上工业增加值增长", "全年增长7%", "政府工作报告", "增速", 7.0, "%", 5.2, "年底前"]
            + ["市工信局", "市发改委、市统计局", "王副市长", "A", "月报", "工业经济"],
            {
                "code": "A-01",
                "title": "规上工业增加值增长",
                "content": "全年增长7%",
                "source_clause": "政府工作报告",
                "target_kind": "growth_pp",
                "target_value": Decimal(7),
                "target_unit": "%",
                "baseline": Decimal("5.2"),
                "deadline": date(2025, 12, 31),
                "lead_unit": "市工信局",
                "cooperating_units": ("市发改委", "市统计局"),
                "responsible_leader": "王副市长",
                "category": "A",
                "frequency": "monthly",
                "area": "工业经济",
            },
        ),
        (
            ["", "C-07", "老旧小区改造", "", "", "数量", "120个", "个", "", "2025年6月"]
            + ["市住建局", "", "", "C类", "季报", "城乡建设"],
            {
                "code": "C-07",
                "title": "老旧小区改造",
                "target_kind": "count",
                "target_value": Decimal(120),
                "target_unit": "个",
                "deadline": date(2025, 6, 30),  # a deadline is the end of its month
                "lead_unit": "市住建局",
                "category": "C",
                "frequency": "quarterly",
                "area": "城乡建设",
            },
        ),
        (
            [3, "B-02", "某园区一期投产", "", "", "节点", "", "", "", "三季度"]
            + ["榆次区政府", "", "", "重点项目", "每月", "项目建设"],
            {
                "code": "B-02",
                "title": "某园区一期投产",
                "target_kind": "milestone",
                "deadline": date(2025, 9, 30),
                "lead_unit": "榆次区政府",
                "category": "B",
                "frequency": "monthly",
                "area": "项目建设",
            },
        ),
    ],
)
def test_task_ledger_rows(cells, expected):
    parsed = parse_sheet([["2025年重点任务台账"], TASK_HEADER, cells], TASK_COLUMNS, year=2025)
    assert not parsed.errors and not parsed.unknown_columns
    assert parsed.records[0].values == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("数量", "count"),
        ("金额", "amount"),
        ("比例", "percentage"),
        ("增速", "growth_pp"),
        ("节点", "milestone"),
    ]
    + [("形象进度", "milestone")],
)
def test_task_target_kinds(raw, expected):
    parsed = parse_sheet(
        [["任务编号", "任务名称", "目标类型"], ["A-1", "某任务", raw]], TASK_COLUMNS, year=2025
    )
    assert parsed.records[0].values["target_kind"] == expected
