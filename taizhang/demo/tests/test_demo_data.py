"""The 2025 晋中 demo plan and its simulated reports: data checks, table style. Standard library + pytest only."""

from __future__ import annotations

import ast
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

from taizhang.demo import plan2025
from taizhang.demo import simulate as sim
from taizhang.demo.plan2025 import AREAS, LEAD_UNIT_CODES, PLAN, TASKS
from taizhang.demo.simulate import DEMO_LABEL, PROFILES, SimulatedReport, assign_profiles, simulate

ARTICLE = Path("/work/shared/domain/jinzhong-2025-article.txt")
if not ARTICLE.exists():  # the repo may sit elsewhere; shared/ is a sibling of the checkout
    ARTICLE = Path(__file__).resolve().parents[4] / "shared" / "domain" / "jinzhong-2025-article.txt"
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")

TASK_KEYS = {
    "code",
    "area",
    "title",
    "content",
    "source_clause",
    "target_kind",
    "target_value",
    "target_unit",
    "baseline",
    "deadline",
    "lead_unit",
    "cooperating_units",
    "responsible_leader",
    "category",
    "frequency",
    "milestones",
}
TARGET_KINDS = {"count", "amount", "percentage", "growth_pp", "milestone"}
FREQUENCY_BY_CATEGORY = {"A": "monthly", "B": "monthly", "C": "quarterly"}
LABEL = f"【{DEMO_LABEL}】"
YEAR, LAST_MONTH = 2025, 10

BY_CODE = {t["code"]: t for t in TASKS}
AREA_CODES = [code for code, _, _ in AREAS]


def task_ids(task: dict) -> str:
    return task["code"]


def months_to_deadline(task: dict) -> int:
    due = date.fromisoformat(task["deadline"])
    return (due.year - YEAR) * 12 + due.month


# ---------------------------------------------------------------------------------------------------------
# Plan, areas, codes
# ---------------------------------------------------------------------------------------------------------


def test_plan_header_names_the_year_and_the_source():
    assert PLAN["year"] == 2025
    assert PLAN["title"] == "晋中市2025年经济工作重点任务台账"
    assert "常书铭" in PLAN["source_title"] and "《前进》" in PLAN["source_title"]


def test_areas_are_the_articles_six_sections_in_order():
    assert AREA_CODES == ["CY", "XM", "WL", "LS", "CX", "GZ"]
    names = [name for _, name, _ in AREAS]
    assert names == ["产业向新", "项目向实", "文旅向强", "增长向绿", "城乡向荣", "干字当头"]
    start = ARTICLE_TEXT.index(names[0])  # 干字当头 is also in the opening paragraph: look from 产业向新 on
    positions = [ARTICLE_TEXT.index(name, start) for name in names]
    assert positions == sorted(positions), "areas must follow the article's order"
    assert all(description for _, _, description in AREAS)


def test_there_are_at_least_45_tasks():
    assert len(TASKS) >= 45


def test_task_codes_are_unique():
    duplicates = [code for code, n in Counter(t["code"] for t in TASKS).items() if n > 1]
    assert duplicates == []


@pytest.mark.parametrize("area", AREA_CODES)
def test_every_area_has_at_least_four_tasks(area):
    assert sum(1 for t in TASKS if t["area"] == area) >= 4


def test_lead_unit_codes_are_the_brief_list():
    departments = {
        "fgw",
        "gxj",
        "swj",
        "wlj",
        "tjj",
        "zjj",
        "cgj",
        "sthjj",
        "slj",
        "nyncj",
        "gzj",
        "jtj",
        "nyj",
        "kjj",
        "czj",
        "xzspj",
        "yshjj",
        "scjgj",
        "rsj",
        "gzw",
        "jyj",
        "sjj",
        "zzb",
        "szfb",
    }
    counties = {
        "140702",
        "140703",
        "140721",
        "140722",
        "140723",
        "140724",
        "140725",
        "140727",
        "140728",
        "140729",
        "140781",
        "jzkfq",
    }
    assert LEAD_UNIT_CODES == departments | counties


# ---------------------------------------------------------------------------------------------------------
# Each task, one row at a time
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_task_has_exactly_the_ledger_keys(task):
    assert set(task) - {"derived_count"} == TASK_KEYS  # derived_count: the actual comes from a count


def test_the_hundred_yi_enterprise_task_takes_its_actual_from_the_enterprise_register():
    derived = {t["code"]: t["derived_count"] for t in TASKS if "derived_count" in t}
    assert derived == {"XM-07": "hundred_yi_enterprises"}


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_code_is_area_dash_number(task):
    assert re.fullmatch(rf"{task['area']}-\d{{2}}", task["code"])
    assert task["area"] in AREA_CODES


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_source_clause_is_verbatim_in_the_article(task):
    clause = task["source_clause"]
    assert clause in ARTICLE_TEXT
    # a clause or sentence, not a whole paragraph
    assert "\n" not in clause and 4 <= len(clause) <= 80


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_title_is_short_chinese_and_content_says_what_done_means(task):
    assert 0 < len(task["title"]) <= 30
    assert re.search(r"[\u4e00-\u9fff]", task["title"])
    assert len(task["content"]) >= 20
    if task["target_kind"] == "milestone":
        assert "完成标志" in task["content"] or "完成" in task["content"]


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_target_fields_agree_with_the_kind(task):
    kind = task["target_kind"]
    assert kind in TARGET_KINDS
    if kind == "milestone":
        assert task["target_value"] is None and task["target_unit"] == ""
        assert task["baseline"] is None
        return
    assert isinstance(task["target_value"], int | float) and task["target_unit"]
    assert task["baseline"] is None or isinstance(task["baseline"], int | float)
    assert task["baseline"] != task["target_value"]
    if kind == "percentage":
        assert task["target_unit"] == "%" and 0 < task["target_value"] <= 100
    if kind == "count":
        assert float(task["target_value"]).is_integer()


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_deadline_parses_and_falls_in_2025_to_2027(task):
    due = date.fromisoformat(task["deadline"])
    assert 2025 <= due.year <= 2027


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_units_are_known_and_the_lead_does_not_cooperate_with_itself(task):
    assert task["lead_unit"] in LEAD_UNIT_CODES
    assert set(task["cooperating_units"]) <= LEAD_UNIT_CODES
    assert task["lead_unit"] not in task["cooperating_units"]
    assert len(set(task["cooperating_units"])) == len(task["cooperating_units"])


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_category_and_frequency_follow_fangzheng(task):
    assert task["category"] in FREQUENCY_BY_CATEGORY
    assert task["frequency"] == FREQUENCY_BY_CATEGORY[task["category"]]


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_milestones_are_a_cumulative_plan_within_the_deadline(task):
    plan = task["milestones"]
    assert isinstance(plan, list)
    months = [m for m, _ in plan]
    percents = [p for _, p in plan]
    assert all(isinstance(m, int) and 1 <= m <= 12 for m in months)
    assert months == sorted(set(months))
    assert all(0 <= p <= 100 for p in percents)
    assert percents == sorted(percents)
    due = date.fromisoformat(task["deadline"])
    if plan and due.year == YEAR:  # the product's rule: nothing after the deadline month, 100 in it
        assert months[-1] <= due.month
        assert months[-1] < due.month or percents[-1] == 100


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_responsible_leader_is_a_role_not_a_name(task):
    leader = task["responsible_leader"]
    assert leader.endswith(("市长", "部长", "秘书长", "主任", "书记"))
    assert len(leader) >= 4


def test_about_a_third_of_the_tasks_have_milestones():
    share = sum(1 for t in TASKS if t["milestones"]) / len(TASKS)
    assert 0.25 <= share <= 0.45


def test_every_deadline_line_says_where_the_date_comes_from():
    """Undated commitments carry `# 期限为演示假设`; dated ones cite the article (年内)."""
    source = Path(plan2025.__file__).read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip().startswith('"deadline":')]
    assert len(lines) == len(TASKS)
    for line in lines:
        assert "# 期限为演示假设" in line or "# 年内" in line, line


@pytest.mark.parametrize(
    ("code", "clause_part"),
    [
        ("XM-07", "年内有望达10户"),
        ("LS-03", "年内剩余省级14项工程全部完成"),
    ],
)
def test_dated_commitments_are_due_at_year_end(code, clause_part):
    assert clause_part in BY_CODE[code]["source_clause"]
    assert BY_CODE[code]["deadline"] == "2025-12-31"


# ---------------------------------------------------------------------------------------------------------
# Coverage of the article's concrete commitments
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind", "target", "unit", "baseline"),
    [
        ("XM-07", "count", 10, "户", 8),  # 百亿企业 8 -> 10 (3 -> 8 is past, not a target)
        ("CX-12", "count", 40, "个", None),  # 再打造40个精品示范村
        ("CX-13", "count", 300, "个", None),  # 300个提档升级村
        ("CX-04", "count", 215, "个", None),  # 启动…215个项目
        ("CX-05", "amount", 556, "亿元", None),  # 总投资556亿元
        ("LS-03", "count", 14, "项", None),  # 剩余省级14项工程
        ("CY-06", "percentage", 98, "%", 95),  # 煤炭先进产能占比98% (baseline: demo assumption)
        ("CY-07", "percentage", 100, "%", 96),  # 焦化产业运行先进产能100%
        ("CY-02", "count", 563, "户", None),  # 563家新质生产力企业
        ("CY-03", "count", 3, "个", None),  # 3个千亿级主导产业集群
        ("CX-08", "count", 11, "个", None),  # 每县…1个主导产业: 11个县(区、市)
    ],
)
def test_numeric_targets_are_taken_from_the_article(code, kind, target, unit, baseline):
    task = BY_CODE[code]
    assert (task["target_kind"], task["target_value"], task["target_unit"], task["baseline"]) == (
        kind,
        target,
        unit,
        baseline,
    )
    assert str(target) in task["source_clause"] or str(target) in task["content"]


@pytest.mark.parametrize(
    "named",
    [
        "《晋中市加快培育发展新质生产力实施方案》",
        "《晋中市推进以县城为重要载体的城镇化建设行动方案》",
        "《关于在进一步全面深化改革中旗帜鲜明为党员干部撑腰鼓劲的实施办法》",
        "县域经济高质量发展规划",
        "山西光存信息存储产业园",
        "低空经济示范园",
        "医疗器械产业园",
        "晋能光伏",
        "昔阳尚太锂电",
        "灵石东方希望",
        "全市首个智算中心",
        "城市可信数据空间国家试点",
        "省级人工智能医疗行业应用基地",
        "介休安泰“零碳”产业园",
        "左权箕山",
        "东山供水工程",
        "王庄桥南断面达Ⅲ类",
        "汾河谷地重点区域大气污染管控",
        "钟村墓地",
        "“太行一号”旅游公路沿线建设一批乡村旅游驿站",
        "消费品以旧换新",
        "消费新地标",
        "消费品“1+4”政策支持体系",
        "迈向产值500亿目标",
        "煤炭先进产能占比98%",
        "“一泓清水入黄河”",
        "再打造40个精品示范村、300个提档升级村",
        "总投资556亿元的215个项目",
        "“双百”工程",
        "放大过境免签240小时政策利好",
        "非常规天然气增储上产",
        "灵石水权交易试点",
        "“五圈联动”",
        "每县壮大1个主导产业",
        "高标准农田建设",
        "“五个一批”",
        "为基层减负长效机制",
        "台账式、清单化管理",
    ],
)
def test_named_commitment_has_a_row(named):
    assert named in ARTICLE_TEXT, "the table itself must quote the article"
    assert any(named in t["source_clause"] or named in t["content"] for t in TASKS)


@pytest.mark.parametrize(
    "not_a_task",
    ["两个维护", "两个确立", "学深悟透", "由3户增加至8户,", "连续4年全省第一", "34.6万名师生"],
)
def test_political_statements_and_past_achievements_are_not_rows(not_a_task):
    """A clause may mention a past figure for context (百亿企业 3 -> 8 -> 10) but never end on it."""
    for task in TASKS:
        assert not task["source_clause"].endswith(not_a_task.rstrip(",")), task["code"]
        assert not_a_task not in task["title"]
    assert all("两个维护" not in t["source_clause"] and "学深悟透" not in t["source_clause"] for t in TASKS)


@pytest.mark.parametrize(
    ("code", "county"),
    [
        ("XM-13", "jzkfq"),  # 晋中开发区晋能光伏
        ("XM-14", "140724"),  # 昔阳尚太锂电
        ("XM-15", "140729"),  # 灵石东方希望
        ("LS-10", "140781"),  # 介休安泰“零碳”产业园
        ("LS-12", "140722"),  # 左权箕山抽水蓄能
        ("LS-06", "140729"),  # 灵石水权交易试点
        ("WL-03", "140724"),  # 钟村墓地 (昔阳县)
        ("GZ-06", "140725"),  # 寿阳县 "小马拉大车" 示范
        ("CY-09", "jzkfq"),  # 吉利晋中基地
    ],
)
def test_projects_in_a_county_list_that_county(code, county):
    assert county in BY_CODE[code]["cooperating_units"]


@pytest.mark.parametrize(
    ("area", "plausible_leads"),
    [
        ("CY", {"gxj", "kjj", "nyj", "fgw", "sjj"}),  # 产业/新质生产力 -> 工信/科技; 数据 -> 数据局
        ("XM", {"fgw", "swj", "gxj"}),  # 项目/投资 -> 发改; 消费/开发区 -> 商务
        ("WL", {"wlj"}),
        ("LS", {"sthjj", "slj", "nyj", "fgw", "gxj"}),  # 生态 -> 生态环境/水利; 能源 -> 能源局
        ("CX", {"zjj", "nyncj", "gzj", "fgw"}),  # 城乡 -> 住建/农业农村/规自; 县域 -> 发改
        ("GZ", {"szfb", "zzb", "fgw", "yshjj"}),
    ],
)
def test_lead_units_follow_the_glossary_mapping(area, plausible_leads):
    leads = {t["lead_unit"] for t in TASKS if t["area"] == area}
    assert leads <= plausible_leads


# ---------------------------------------------------------------------------------------------------------
# Simulated reports
# ---------------------------------------------------------------------------------------------------------

REPORTS = simulate(TASKS, year=YEAR, last_month=LAST_MONTH)
REPORTS_BY_TASK: dict[str, list[SimulatedReport]] = defaultdict(list)
for _report in REPORTS:
    REPORTS_BY_TASK[_report.task_code].append(_report)


def month_of(report: SimulatedReport) -> int:
    return int(report.period[5:])


def light(task: dict, report: SimulatedReport, rule: str = "to_deadline") -> str:
    """A simple linear rule computed from the reported values alone.

    "to_deadline": 序时 = m / (months to the deadline), i.e. m/12 for a year-end task, and a task past its
    deadline that is not done is red (逾期). "m_over_12": plain m/12 for every task, deadlines ignored.
    Done is green; otherwise lag < 10 pp green, 10–30 pp yellow, > 30 pp red (glossary §1.2, 银川 2025).
    Growth targets compare the rate with the target directly (glossary §1.1, 天津 2022).
    """
    month = month_of(report)
    if task["target_kind"] == "growth_pp":
        if report.value >= task["target_value"]:
            return "green"
        return "yellow" if report.value >= 0 else "red"
    if task["target_kind"] == "milestone":
        done = report.percent_complete / 100
    else:
        base = task["baseline"] or 0
        done = (report.value - base) / (task["target_value"] - base)
    if done >= 1 - 1e-9:
        return "green"
    span = months_to_deadline(task) if rule == "to_deadline" else 12
    if month > span:
        return "red"
    lag = (min(1.0, month / span) - done) * 100
    if lag < 10 - 1e-9:
        return "green"
    return "yellow" if lag <= 30 + 1e-9 else "red"


def test_simulate_is_deterministic_and_independent_of_task_order():
    assert simulate(TASKS) == REPORTS
    shuffled = list(reversed(TASKS))
    assert set(simulate(shuffled)) == set(REPORTS)


def test_simulation_modules_use_only_the_standard_library_and_no_unseeded_random():
    for module in (plan2025, sim):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        assert imported <= {"__future__", "hashlib", "math", "dataclasses", "datetime"}, module.__name__


def test_every_task_gets_reports_and_periods_are_well_formed():
    assert set(REPORTS_BY_TASK) == set(BY_CODE)
    assert all(re.fullmatch(r"2025-(0[1-9]|1[0-2])", r.period) for r in REPORTS)
    for reports in REPORTS_BY_TASK.values():
        periods = [r.period for r in reports]
        assert periods == sorted(set(periods))


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_report_months_follow_the_frequency(task):
    months = [month_of(r) for r in REPORTS_BY_TASK[task["code"]]]
    if task["frequency"] == "quarterly":
        assert months == [3, 6, 9]
    else:
        assert months[:9] == list(range(1, 10))  # month 10 may be missing (未报送)
        assert set(months) <= set(range(1, LAST_MONTH + 1))


@pytest.mark.parametrize("task", TASKS, ids=task_ids)
def test_values_fit_the_target_kind_and_never_decrease(task):
    reports = REPORTS_BY_TASK[task["code"]]
    if task["target_kind"] == "milestone":
        assert all(r.value is None and 0 <= r.percent_complete <= 100 for r in reports)
        series = [r.percent_complete for r in reports]
    else:
        assert all(r.percent_complete is None and r.value is not None for r in reports)
        series = [r.value for r in reports]
        if task["target_kind"] == "count":
            assert all(float(v).is_integer() for v in series)
    assert series == sorted(series), "cumulative values never decrease"


def test_every_text_starts_with_the_demo_label():
    for r in REPORTS:
        for text in (r.progress, r.problems, r.next_steps):
            assert text.startswith(LABEL) and len(text) > len(LABEL)
        if r.return_reason:
            assert r.return_reason.startswith(LABEL)


def test_texts_vary_between_tasks_and_months():
    assert len({r.progress for r in REPORTS}) > len(REPORTS) / 3
    assert len({r.problems for r in REPORTS}) >= 15
    assert len({r.next_steps for r in REPORTS}) >= 10


def test_states_before_the_last_month_are_all_approved():
    assert {r.state for r in REPORTS if month_of(r) < LAST_MONTH} == {"approved"}


def test_return_reason_only_on_returned_reports():
    for r in REPORTS:
        assert bool(r.return_reason) == (r.state == "returned")
    returned = [r for r in REPORTS if r.state == "returned"]
    assert any("佐证材料不全" in r.return_reason for r in returned)


def test_last_month_state_mix():
    monthly = [t["code"] for t in TASKS if t["frequency"] == "monthly"]
    last = {r.task_code: r.state for r in REPORTS if month_of(r) == LAST_MONTH}
    assert set(last) <= set(monthly), "quarterly tasks do not report in October"
    counts = Counter(last.get(code, "missing") for code in monthly)
    share = {
        state: counts[state] / len(monthly)
        for state in ("approved", "submitted", "returned", "draft", "missing")
    }
    assert 0.60 <= share["approved"] <= 0.80, share
    assert 0.05 <= share["submitted"] <= 0.15, share
    assert counts["returned"] >= 1 and share["returned"] <= 0.10, share
    assert counts["draft"] >= 1 and share["draft"] <= 0.10, share
    assert 0.05 <= share["missing"] <= 0.15, share


@pytest.mark.parametrize("rule", ["to_deadline", "m_over_12"])
def test_light_mix_at_the_last_month(rule):
    """Each task's latest report up to October, judged against 序时 at that report's month."""
    lights = Counter(light(BY_CODE[code], reports[-1], rule) for code, reports in REPORTS_BY_TASK.items())
    n = len(TASKS)
    assert 0.55 <= lights["green"] / n <= 0.65, lights
    assert 0.20 <= lights["yellow"] / n <= 0.30, lights
    assert 0.10 <= lights["red"] / n <= 0.20, lights


def test_confidence_mostly_agrees_with_the_light_but_not_always():
    expected = {"green": "confident", "yellow": "at_risk", "red": "unlikely"}
    pairs = [
        (light(BY_CODE[code], reports[-1]), reports[-1].confidence)
        for code, reports in REPORTS_BY_TASK.items()
    ]
    assert {c for _, c in pairs} == {"confident", "at_risk", "unlikely"}
    agree = sum(1 for lit, c in pairs if expected[lit] == c) / len(pairs)
    assert 0.70 <= agree < 1.0
    # the case the product exists to show: a unit that says 有把握 while its numbers lag
    assert any(lit != "green" and c == "confident" for lit, c in pairs)


def test_all_six_profiles_occur():
    assert set(assign_profiles(TASKS).values()) == set(PROFILES)


@pytest.mark.parametrize(
    ("profile", "check"),
    [
        ("finished_early", "reaches 100% before the deadline month"),
        ("stalled", "stops moving"),
    ],
)
def test_profile_shapes(profile, check):
    profiles = assign_profiles(TASKS)
    codes = [code for code, p in profiles.items() if p == profile]
    assert codes
    for code in codes:
        task, reports = BY_CODE[code], REPORTS_BY_TASK[code]
        series = [r.percent_complete if r.percent_complete is not None else r.value for r in reports]
        if profile == "finished_early":
            full = task["target_value"] if task["target_kind"] != "milestone" else 100
            first_full = next(month_of(r) for r, v in zip(reports, series, strict=True) if v >= full)
            assert first_full < months_to_deadline(task), code
        else:
            assert series[-1] == series[-2], code


@pytest.mark.parametrize(
    ("month", "deadline_month", "expected"),
    [(3, 12, 0.25), (6, 12, 0.5), (10, 12, 10 / 12), (3, 6, 0.5), (9, 6, 1.0), (12, 36, 1 / 3)],
)
def test_expected_linear(month, deadline_month, expected):
    assert sim.expected_linear(month, deadline_month) == pytest.approx(expected)


SYNTHETIC = [
    {
        "code": f"G-{i:02d}",
        "target_kind": "growth_pp",
        "target_value": 6.0,
        "target_unit": "%",
        "baseline": None,
        "deadline": "2025-12-31",
        "category": "A",
        "frequency": "monthly",
        "milestones": [],
        "title": "规上工业增加值增速",
    }
    for i in range(12)
] + [
    {
        "code": "Q-01",
        "target_kind": "amount",
        "target_value": 120.0,
        "target_unit": "亿元",
        "baseline": None,
        "deadline": "2027-12-31",
        "category": "C",
        "frequency": "quarterly",
        "milestones": [],
        "title": "三年累计投资",
    },
]


def test_growth_targets_report_a_rate_compared_with_the_target():
    reports = simulate(SYNTHETIC, last_month=12)
    growth = [r for r in reports if r.task_code.startswith("G-")]
    assert all(r.percent_complete is None and isinstance(r.value, float) for r in growth)
    last = {r.task_code: r for r in growth if r.period == "2025-12"}
    lights = Counter(light(SYNTHETIC[0], r) for r in last.values())
    assert lights["green"] and lights["yellow"] and lights["red"]
    assert all("增长" in r.progress for r in growth)


def test_a_quarterly_multi_year_task_reports_at_quarter_ends_of_the_year():
    reports = [r for r in simulate(SYNTHETIC, last_month=12) if r.task_code == "Q-01"]
    assert [r.period for r in reports] == ["2025-03", "2025-06", "2025-09", "2025-12"]


def test_last_month_must_be_a_month():
    with pytest.raises(ValueError):
        simulate(TASKS, last_month=13)


def test_the_packaged_article_is_the_shared_one():
    """The demo reads the article from the package (demo/jinzhong-2025-article.txt); it is the given text."""
    packaged = Path(__file__).resolve().parents[1] / "jinzhong-2025-article.txt"
    assert packaged.read_bytes() == ARTICLE.read_bytes()
