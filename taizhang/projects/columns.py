"""Column specifications of the two sheets counties send: 重点项目调度表 and 重点任务台账.

Django-free (only the pure kernel ``taizhang.core.sheets`` and plain values), so the specs can be read by
the kernel's tests, the import services and the export alike. ``PROJECT_COLUMNS`` is in the order our
export writes the dispatch sheet (glossary §8.2 recommended columns); the five separate 前期手续 columns
(立项/用地/规划/环评/施工许可) follow the 前期手续 text column with ``export=False``: sheets that split the
procedures into five columns (often under a merged "前期手续" group header) are read too.

Keys are Project / ProjectReport field names, except:
- ``seq`` and the derived columns (完成率, 序时进度, 偏差, 亮灯, 更新日期): ``kind="ignore"``;
- ``year_range`` spreads into ``start_year`` / ``end_year``, ``procedures`` into the five ``proc_*``;
- ``location`` and ``responsible_unit`` are unit names as text: the Django service maps them to a Unit;
- ``tags`` is a tuple of list names (ProjectTag);
- ``month_investment``, ``cumulative_investment``, ``problems``, ``coordination`` are ProjectReport fields,
  ``image_progress`` is on both.
``TASK_COLUMNS`` map onto ``taizhang.plans.services.TASK_FIELDS`` (glossary §8.1), with ``lead_unit`` as a
unit name and ``cooperating_units`` as a tuple of unit names for the service to resolve.
Amounts are in 万元 (the models' unit); a header "（亿元）" or a title "单位：亿元" converts.
"""

from __future__ import annotations

from taizhang.core.projectmetrics import Nature
from taizhang.core.schedule import TargetKind
from taizhang.core.sheets import PROCEDURE_KEYS, Column

__all__ = [
    "CATEGORY_CHOICES",
    "FREQUENCY_CHOICES",
    "LEVEL_CHOICES",
    "NATURE_CHOICES",
    "PROJECT_COLUMNS",
    "PROJECT_REPORT_KEYS",
    "TARGET_KIND_CHOICES",
    "TASK_CATEGORY_CHOICES",
    "TASK_COLUMNS",
]

# Chinese value or synonym -> stored value (taizhang.projects.choices / taizhang.plans.choices). A value
# ending in 项目 / 类 / 工程 is also accepted without it ("续建项目" is "续建").
NATURE_CHOICES = {
    "新开工": Nature.NEW.value,
    "新建": Nature.NEW.value,
    "计划新开工": Nature.NEW.value,
    "新开": Nature.NEW.value,
    "续建": Nature.CONTINUING.value,
    "结转": Nature.CONTINUING.value,
    "结转续建": Nature.CONTINUING.value,
    "续建结转": Nature.CONTINUING.value,
    "在建": Nature.CONTINUING.value,
    "前期": Nature.PREPARATORY.value,
    "前期工作": Nature.PREPARATORY.value,
    "谋划": Nature.PREPARATORY.value,
    "竣工": Nature.COMPLETED.value,
    "竣工投产": Nature.COMPLETED.value,
    "建成": Nature.COMPLETED.value,
    "投产": Nature.COMPLETED.value,
    "建成投产": Nature.COMPLETED.value,
    "已竣工": Nature.COMPLETED.value,
}
LEVEL_CHOICES = {
    "省重点": "province",
    "省级重点": "province",
    "省级": "province",
    "省": "province",
    "市重点": "city",
    "市级重点": "city",
    "市级": "city",
    "市": "city",
    "县重点": "county",
    "县级重点": "county",
    "县级": "county",
    "县": "county",
    "区级": "county",
    "区重点": "county",
    "县区级": "county",
}
CATEGORY_CHOICES = {
    "产业": "industry",
    "工业": "industry",
    "产业项目": "industry",
    "基础设施": "infrastructure",
    "基础设施类": "infrastructure",
    "基础": "infrastructure",
    "民生": "livelihood",
    "社会事业": "livelihood",
    "民生保障": "livelihood",
    "生态": "ecology",
    "生态环保": "ecology",
    "环保": "ecology",
    "生态环境": "ecology",
    "其他": "other",
    "其它": "other",
}
TARGET_KIND_CHOICES = {
    "数量": TargetKind.COUNT.value,
    "数值": TargetKind.COUNT.value,
    "金额": TargetKind.AMOUNT.value,
    "数额": TargetKind.AMOUNT.value,
    "比例": TargetKind.PERCENTAGE.value,
    "百分比": TargetKind.PERCENTAGE.value,
    "增速": TargetKind.GROWTH_PP.value,
    "增长率": TargetKind.GROWTH_PP.value,
    "节点": TargetKind.MILESTONE.value,
    "形象进度": TargetKind.MILESTONE.value,
    "定性": TargetKind.MILESTONE.value,
}
TASK_CATEGORY_CHOICES = {
    "A": "A",
    "B": "B",
    "C": "C",
    "重点工作": "A",
    "重点项目": "B",
    "常规": "C",
    "常规工作": "C",
}
FREQUENCY_CHOICES = {
    "月报": "monthly",
    "每月": "monthly",
    "按月": "monthly",
    "月度": "monthly",
    "月": "monthly",
    "季报": "quarterly",
    "每季": "quarterly",
    "每季度": "quarterly",
    "按季": "quarterly",
    "季度": "quarterly",
    "季": "quarterly",
}

_PROCEDURE_LABELS = ("立项", "用地", "规划", "环评", "施工许可")
_PROCEDURE_ALIASES = (
    ("立项手续", "项目立项", "立项情况", "立项(备案、核准)", "备案核准"),
    ("用地手续", "土地手续", "用地预审", "土地", "用地情况"),
    ("规划手续", "规划许可", "规划许可证", "规划情况"),
    ("环评手续", "环评批复", "环境影响评价", "环评情况"),
    ("施工许可证", "施工手续", "施工许可情况"),
)

PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("编号", "排序", "no", "no."), kind="ignore"),
    Column(
        "code", "项目编码", ("项目代码", "项目编号", "编码", "统一项目代码", "项目统一代码"), max_length=40
    ),
    Column("name", "项目名称", ("名称", "项目", "项目名"), required=True, max_length=200),
    Column(
        "level",
        "项目级别",
        ("级别", "项目层级", "层级", "重点项目级别"),
        kind="choice",
        choices=LEVEL_CHOICES,
    ),
    Column(
        "category",
        "项目类别",
        ("项目类型", "项目分类", "类型"),
        kind="choice",
        choices=CATEGORY_CHOICES,
    ),
    Column(
        "nature",
        "建设性质",
        ("项目性质", "类别", "性质", "建设类别"),
        kind="choice",
        choices=NATURE_CHOICES,
        required=True,
    ),
    Column(
        "location",
        "建设地点",
        (
            "所在县区",
            "县（市、区）",
            "县区",
            "所在地",
            "项目地点",
            "建设地址",
            "所属县区",
            "县市区",
            "属地",
            "地点",
            "所在县",
            "县(市、区、开发区)",
        ),
        max_length=100,
    ),
    Column(
        "owner",
        "项目单位",
        ("项目业主", "业主单位", "建设单位", "项目建设单位", "项目法人", "业主"),
        max_length=200,
    ),
    Column(
        "content",
        "建设内容及规模",
        ("建设内容", "建设规模及内容", "主要建设内容", "建设规模", "建设内容和规模", "主要建设内容及规模"),
    ),
    Column(
        "year_range",
        "建设起止年限",
        ("起止年限", "建设年限", "建设期限", "起止年份", "建设起止年份", "建设周期", "起止年度"),
        kind="year_range",
        into=("start_year", "end_year"),
    ),
    Column("total_investment", "总投资（万元）", ("计划总投资", "项目总投资", "总投资额"), kind="amount"),
    Column(
        "invested_before",
        "截至上年底累计完成投资（万元）",
        (
            "截至上年底累计完成",
            "截止上年底累计完成投资",
            "至上年底累计完成投资",
            "以前年度累计完成投资",
            "以前年度完成投资",
            r"截[至止]?(\d{4}年|上年)(底|末)?(累计)?完成(投资)?(额)?",
        ),
        kind="amount",
    ),
    Column(
        "annual_plan",
        "年度计划投资（万元）",
        (
            "年度计划",
            "本年计划投资",
            "年度投资计划",
            "年计划投资",
            "本年度计划投资",
            "年度计划完成投资",
            r"(\d{4}年度?|本年度?|今年|年度)(计划(完成)?投资(额)?|投资计划)",
        ),
        kind="amount",
    ),
    Column(
        "month_investment",
        "本月完成投资（万元）",
        (
            "本月完成",
            "当月完成投资",
            "当月完成",
            r"(\d{1,2}月份?|本月|当月)(完成投资(额)?|完成|投资完成(额)?|完成额)",
        ),
        kind="amount",
    ),
    Column(
        "cumulative_investment",
        "本年累计完成投资（万元）",  # the export writes "1—10月累计完成投资（万元）"
        (
            "累计完成投资",
            "累计完成",
            "年初至今完成",
            "年初至今完成投资",
            "本年累计完成",
            "今年以来完成投资",
            "本年完成投资",
            "年度累计完成投资",
            r"1[-—–~至到]\d{1,2}月份?(累计)?(完成投资(额)?|完成|投资完成(额)?|完成额)",
            r"截[至止]\d{1,2}月(底|末)?(累计)?完成(投资)?(额)?",
        ),
        kind="amount",
    ),
    Column(
        "completion_rate",
        "年度投资完成率（%）",
        ("完成率", "投资完成率", "年度完成率", "年度计划完成率", "年度投资完成比例"),
        kind="ignore",
    ),
    Column("time_progress", "序时进度（%）", ("时间进度", "时序进度", "均衡进度", "序时进度"), kind="ignore"),
    Column(
        "gap",
        "偏差（个百分点）",
        ("偏差", "与序时进度偏差", "超/低于序时进度", "超序时进度", "进度偏差", "超(低于)序时进度"),
        kind="ignore",
    ),
    Column("planned_start", "计划开工时间", ("计划开工", "计划开工日期", "计划开工年月"), kind="date"),
    Column("actual_start", "实际开工时间", ("实际开工", "实际开工日期", "实际开工年月"), kind="date"),
    Column(
        "planned_completion",
        "计划竣工时间",
        ("计划竣工", "计划竣工日期", "计划竣工投产时间", "计划投产时间", "计划完工时间", "计划建成时间"),
        kind="date",
    ),
    Column(
        "actual_completion",
        "实际竣工时间",
        (
            "实际竣工",
            "实际竣工日期",
            "实际竣工投产时间",
            "实际投产时间",
            "实际完工时间",
            "竣工时间",
            "建成时间",
        ),
        kind="date",
    ),
    Column("resumed", "是否复工", ("复工情况", "是否已复工", "复工"), kind="bool"),
    Column(
        "image_progress",
        "形象进度",
        (
            "工程形象进度",
            "目前形象进度",
            "本月形象进度",
            "形象进度情况",
            "进展情况",
            "项目进展情况",
            "项目进展",
            "建设进展",
            "当前进度",
        ),
        max_length=500,
    ),
    Column(
        "registered",
        "是否入库",
        (
            "入库情况",
            "纳统",
            "是否纳统",
            "是否入统",
            "入统情况",
            "纳统情况",
            "统计入库",
            "是否统计入库",
            "是否纳入统计",
        ),
        kind="bool",
    ),
    Column("registered_on", "入库时间", ("入库日期", "纳统时间", "入统时间", "纳统日期"), kind="date"),
    Column(
        "procedures",
        "前期手续",
        (
            "前期手续办理情况",
            "前期手续情况",
            "手续办理情况",
            "前期工作",
            "要件手续",
            "审批手续",
            "前期手续进展",
        ),
        kind="procedures",
        into=PROCEDURE_KEYS,
    ),
    *(
        Column(key, label, aliases, kind="bool", export=False)
        for key, label, aliases in zip(PROCEDURE_KEYS, _PROCEDURE_LABELS, _PROCEDURE_ALIASES, strict=True)
    ),
    Column(
        "problems",
        "存在问题",
        (
            "存在的问题",
            "存在困难和问题",
            "存在问题及困难",
            "存在困难",
            "问题",
            "困难问题",
            "存在的困难和问题",
        ),
    ),
    Column(
        "coordination",
        "需协调事项",
        (
            "需协调解决的问题",
            "需协调解决事项",
            "需协调解决的事项",
            "协调事项",
            "需要协调解决的问题",
            "需市级协调事项",
            "需协调问题",
        ),
    ),
    Column("leader", "包联市级领导", ("包联领导", "市级包联领导", "包联市领导", "市级领导"), max_length=100),
    Column(
        "responsible_unit",
        "责任单位",
        ("市级责任单位", "责任部门", "市直责任单位", "牵头单位"),
        max_length=100,
    ),
    Column("responsible_person", "责任人", ("项目责任人", "具体责任人"), max_length=100),
    Column("cluster", "所属产业集群", ("产业集群", "所属集群", "产业链", "所属产业链"), max_length=100),
    Column("tags", "所属清单", ("清单", "所属名单", "项目清单", "入选清单", "标签"), kind="list"),
    Column("signed", "是否签约", ("签约情况", "是否已签约", "签约"), kind="bool"),
    Column(
        "expected_output", "预计年产值（万元）", ("预期年产值", "达产后年产值", "预计产值"), kind="amount"
    ),
    Column("actual_output", "实际年产值（万元）", ("实际产值", "年产值"), kind="amount"),
    Column("light", "亮灯", ("预警", "预警等级", "亮灯情况", "红黄绿灯", "灯色"), kind="ignore"),
    Column("updated", "更新日期", ("更新时间",), kind="ignore"),
)

# Keys of PROJECT_COLUMNS stored on the monthly ProjectReport rather than the Project master record.
PROJECT_REPORT_KEYS = frozenset(
    {"month_investment", "cumulative_investment", "image_progress", "problems", "coordination"}
)

TASK_COLUMNS: tuple[Column, ...] = (
    Column("seq", "序号", ("排序", "no", "no."), kind="ignore"),
    Column("code", "任务编号", ("编号", "任务代码", "任务编码"), required=True, max_length=30),
    Column(
        "title",
        "任务名称",
        ("名称", "重点任务", "工作任务", "任务事项", "任务"),
        required=True,
        max_length=200,
    ),
    Column(
        "content",
        "任务内容",
        ("具体内容", "工作内容", "目标要求", "目标要求/量化指标", "主要内容", "任务内容及目标"),
    ),
    Column(
        "source_clause",
        "任务来源",
        ("原文", "任务来源/原文", "来源", "政府工作报告原文", "文件原文", "出处", "任务出处"),
    ),
    Column("target_kind", "目标类型", ("指标类型", "目标类别"), kind="choice", choices=TARGET_KIND_CHOICES),
    Column("target_value", "目标值", ("指标值", "目标数值", "年度目标值", "目标任务值"), kind="number"),
    Column("target_unit", "计量单位", ("单位", "目标单位", "指标单位"), max_length=20),
    Column("baseline", "基期值", ("基期", "基期数", "基数", "上年值", "上年完成值"), kind="number"),
    Column(
        "deadline",
        "完成时限",
        ("完成时间", "时限", "截止时间", "完成期限", "办结时限", "时限要求"),
        kind="date",
        month_end=True,
    ),
    Column("lead_unit", "牵头单位", ("牵头部门", "牵头责任单位", "责任牵头单位"), max_length=100),
    Column(
        "cooperating_units", "配合单位", ("配合部门", "责任单位", "协办单位", "配合责任单位"), kind="list"
    ),
    Column(
        "responsible_leader",
        "责任领导",
        ("市级责任领导", "分管领导", "包联领导", "分管市领导"),
        max_length=100,
    ),
    Column(
        "category",
        "任务类别",
        ("类别", "任务分类", "任务等级", "等级"),
        kind="choice",
        choices=TASK_CATEGORY_CHOICES,
    ),
    Column(
        "frequency",
        "报送频次",
        ("报送周期", "调度频次", "报送频率", "报送要求"),
        kind="choice",
        choices=FREQUENCY_CHOICES,
    ),
    Column("area", "所属领域", ("领域", "所属板块", "板块", "重点领域", "任务领域"), max_length=100),
)
