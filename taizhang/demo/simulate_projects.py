"""Deterministic simulated key projects and their monthly reports for the demo (演示数据). No Django.

Standard library plus the pure metrics kernel (taizhang.core.projectmetrics, for the 序时 a path aims at).
Everything here is invented: names, owners, amounts, dates, progress. Every text starts with 【演示数据】 and
the loader flags every row ``is_demo=True``.

What is generated (``simulate_projects``): about 180 projects spread over the 12 county-level units (more in
榆次, 晋中开发区, 太谷, 介休; fewer in 和顺, 左权, 榆社: ``COUNTY_WEIGHTS``), each with a cluster from the
article's 产业矩阵 (煤炭, 焦化和冶金, 文旅, 新能源(醇氢)汽车, 装备制造, 现代物流, 新材料, 低空经济, 医疗健康,
新能源, 食品加工, 人工智能) weighted per county, or an infrastructure / livelihood / ecology project.

- nature: 新开工 ~45%, 续建 ~40%, 前期 ~10%, 竣工投产 ~5% (exact counts: ``NATURE_COUNTS``);
- level: a few 省重点 (the largest), many 市重点, some 县重点; tags 省重点/市重点 follow the level, and 两重, 两新,
  专项债, 转型项目 by kind of project; 开发区"三个一批" for 开发区 industry projects (signed, expected output);
- amounts in 万元: total investment log-uniform, most 5000万–5亿, a few above 10亿; the annual plan a share of
  what is left to invest;
- planned starts of new projects Feb–Sep (no Dec–Jan starts: northern winters);
- monthly cumulative investment 2025-01…2025-10 on a seasonal shape (``SEASONAL_SHARES``: little in
  Jan–Feb, most in May–Oct), aimed at a chosen distance from the project's own 序时 at 2025-10 (the
  kernel's linear 序时, rebased to the planned start month for new projects, as the lights are judged).

Outcome profiles (``PROFILE_COUNTS``, cut per nature, then shuffled with the seed) decide the 2025-10 light:

  profile              what happens                                                light at 2025-10
  ahead / on_track     started as planned (a few a month early or 1–2 months late),  green
                       入库 within a month, investment at or above 序时
  invest_yellow        investment 13–27 pp below its 序时                          yellow (投资进度)
  invest_red           investment 35–55 pp below (a 续建 one may not have resumed)  red (投资进度)
  start_yellow         planned to start in September, not started                  yellow (开工; 投资 too)
  start_red            planned Apr–Aug, not started: 3+ months 应开工未开工         red (开工)
  registration_yellow  started in September, not yet 入库                          yellow (入库)
  registration_red     started by July, still not 入库                             red (入库)
  preparatory          前期: no planned start, procedures under way                green, with a note

Workflow (``simulate_project_reports``): every project reports every month 1…10; months before October
are approved (the loader brings them in as the monthly dispatch sheets the project office imported at
go-live, taizhang.demo.sheets). In October, by a seeded draw: about 78% approved, 8% submitted (waiting for review), 3% draft,
exactly one returned with a reason, the rest (about 10%) not reported at all (未报送). A project whose
October report is not approved is judged on its September figure, as the product does.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from taizhang.core.projectmetrics import LINEAR
from taizhang.demo.simulate import DEMO_LABEL

__all__ = [
    "COUNTY_WEIGHTS",
    "NATURE_COUNTS",
    "PROFILE_COUNTS",
    "SEASONAL_SHARES",
    "SEED",
    "SimulatedProjectReport",
    "simulate_project_reports",
    "simulate_projects",
]

SEED = 20251120
YEAR = 2025
LAST_MONTH = 10
_PREFIX = f"【{DEMO_LABEL}】"

# Share of a year's construction investment by month, Jan..Dec (northern winters: little in Jan–Feb and
# Dec). The shape of the simulated paths only; lights compare with the configured 序时 (linear by default).
SEASONAL_SHARES = (1, 2, 7, 10, 12, 13, 12, 12, 12, 10, 6, 3)

# Projects per county-level unit (unit codes of taizhang/accounts/orgdata.py); 180 in all.
COUNTY_WEIGHTS = {
    "140702": 28,  # 榆次区
    "jzkfq": 28,  # 晋中开发区
    "140703": 22,  # 太谷区
    "140781": 20,  # 介休市
    "140727": 13,  # 祁县
    "140728": 14,  # 平遥县
    "140729": 14,  # 灵石县
    "140725": 11,  # 寿阳县
    "140724": 10,  # 昔阳县
    "140723": 7,  # 和顺县
    "140722": 7,  # 左权县
    "140721": 6,  # 榆社县
}
PLACE = {
    "140702": "榆次",
    "jzkfq": "晋中开发区",
    "140703": "太谷",
    "140781": "介休",
    "140727": "祁县",
    "140728": "平遥",
    "140729": "灵石",
    "140725": "寿阳",
    "140724": "昔阳",
    "140723": "和顺",
    "140722": "左权",
    "140721": "榆社",
}
CODE_PREFIX = {
    "140702": "YC",
    "jzkfq": "KFQ",
    "140703": "TG",
    "140781": "JX",
    "140727": "QX",
    "140728": "PY",
    "140729": "LS",
    "140725": "SY",
    "140724": "XY",
    "140723": "HS",
    "140722": "ZQ",
    "140721": "YS",
}

NATURE_COUNTS = {"new": 81, "continuing": 72, "preparatory": 18, "completed": 9}
PROFILE_COUNTS = {
    "new": {
        "start_red": 5,
        "start_yellow": 5,
        "registration_red": 5,
        "registration_yellow": 4,
        "invest_red": 5,
        "invest_yellow": 10,
        "ahead": 12,
        "on_track": 35,
    },
    "continuing": {"invest_red": 4, "invest_yellow": 9, "ahead": 14, "on_track": 45},
    "preparatory": {"preparatory": 18},
    "completed": {"invest_yellow": 1, "ahead": 3, "on_track": 5},
}

# Industry clusters (the article's 产业矩阵) with what projects in them build: (name ending, content).
CLUSTERS: dict[str, list[tuple[str, str]]] = {
    "煤炭": [
        ("煤矿智能化改造项目", "建设智能综采工作面、智能掘进和主煤流运输集控系统"),
        ("矿井兼并重组整合项目", "矿井兼并重组整合，建设年产120万吨矿井及配套选煤厂"),
        ("选煤厂升级改造项目", "选煤厂重介分选系统升级改造，配套煤泥干燥和智能化控制"),
        ("煤矿瓦斯综合利用项目", "建设低浓度瓦斯发电机组及余热利用系统"),
    ],
    "焦化和冶金": [
        ("焦化升级改造项目", "建设5.5米捣固焦炉两座及干熄焦、化产回收配套设施"),
        ("焦炉煤气制甲醇项目", "以焦炉煤气为原料建设年产20万吨甲醇装置"),
        ("特钢精品材料项目", "建设高端特钢棒线材生产线及热处理车间"),
        ("铸造产业升级项目", "建设绿色智能铸造生产线，淘汰冲天炉"),
    ],
    "文旅": [
        ("古城文旅提质项目", "古城街区保护修缮、游客服务中心和智慧旅游系统建设"),
        ("景区提质升级项目", "景区游步道、停车场、游客中心及夜游项目建设"),
        ("文旅康养综合体项目", "建设康养酒店、温泉理疗中心和研学基地"),
        ("乡村旅游示范区项目", "建设民宿集群、农事体验园和乡村旅游驿站"),
    ],
    "新能源(醇氢)汽车": [
        ("甲醇重卡零部件项目", "建设甲醇发动机零部件、车桥和驾驶室总成生产线"),
        ("新能源汽车零部件产业园项目", "建设标准化厂房和电驱、电控零部件生产线"),
        ("甲醇加注站网络建设项目", "建设甲醇加注站及配套储运设施"),
    ],
    "装备制造": [
        ("液压件智能制造项目", "建设高端液压件数字化车间，年产液压泵阀50万件"),
        ("纺织机械升级项目", "建设智能纺机装配线及关键零部件加工中心"),
        ("煤机装备再制造项目", "建设液压支架、刮板输送机再制造生产线"),
        ("精密轴承生产线项目", "建设精密轴承热处理和磨加工自动化生产线"),
    ],
    "现代物流": [
        ("公铁联运物流园项目", "建设铁路专用线、集装箱堆场和仓储配送中心"),
        ("冷链物流中心项目", "建设冷库、分拣中心及冷链配送车辆调度平台"),
        ("城乡配送中心项目", "建设县乡村三级物流配送中心和电商仓储"),
    ],
    "新材料": [
        ("碳基新材料项目", "建设针状焦、负极材料生产线"),
        ("玄武岩纤维项目", "建设连续玄武岩纤维池窑拉丝生产线"),
        ("磁性材料项目", "建设高性能钕铁硼磁材生产线"),
        ("特种玻璃项目", "建设高硼硅玻璃及玻璃器皿智能生产线"),
        ("锂电负极材料项目", "建设锂离子电池负极材料石墨化及成品生产线"),
    ],
    "低空经济": [
        ("通用机场建设项目", "建设A1类通用机场跑道、航站楼和机库"),
        ("无人机产业园项目", "建设无人机研发测试基地、总装厂房和飞行服务站"),
        ("低空飞行服务站项目", "建设低空飞行服务站及起降点网络"),
    ],
    "医疗健康": [
        ("生物医药产业园项目", "建设GMP标准化厂房、中试基地和公共检测平台"),
        ("中药材精深加工项目", "建设中药饮片、配方颗粒生产线"),
        ("医用耗材生产项目", "建设一次性医用耗材洁净车间及灭菌中心"),
    ],
    "新能源": [
        ("光伏发电项目", "建设集中式光伏电站及升压站、送出线路"),
        ("风电场项目", "建设风电机组、升压站及集电线路"),
        ("储能电站项目", "建设电化学储能电站及配套升压设施"),
        ("氢能综合利用项目", "建设工业副产氢提纯装置及加氢站"),
    ],
    "食品加工": [
        ("功能食品产业园项目", "建设功能食品研发中心和标准化生产车间"),
        ("杂粮精深加工项目", "建设小米、燕麦等杂粮精深加工生产线"),
        ("肉制品加工项目", "建设牛肉、羊肉精深加工及冷链仓储设施"),
        ("核桃精深加工项目", "建设核桃乳、核桃油加工生产线"),
        ("酿造调味品项目", "建设老陈醋酿造车间、陈酿库和灌装线"),
    ],
    "人工智能": [
        ("算力中心项目", "建设机房、算力服务器集群和配套供电制冷系统"),
        ("信创产业园项目", "建设信创适配中心、研发楼和标准化厂房"),
        ("工业互联网平台项目", "建设工业互联网标识解析节点和应用平台"),
    ],
}
# Other kinds of project: (category, name ending, content, tag hints).
PUBLIC_WORKS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("infrastructure", "老旧小区改造工程", "改造老旧小区供水、供热、燃气管网及加装电梯", ("专项债",)),
    ("infrastructure", "城市道路改造工程", "城市主次干道改造，同步敷设雨污管网", ("专项债",)),
    ("infrastructure", "综合管网改造工程", "改造燃气、供热和供排水老旧管网", ("两重", "专项债")),
    ("infrastructure", "供热管网扩容工程", "新建热源联络管线和换热站", ("专项债",)),
    ("infrastructure", "农村公路提质工程", "县乡道路提质改造和安全生命防护工程", ("专项债",)),
    ("infrastructure", "城乡供水一体化工程", "建设水厂、输配水管网和村级供水站", ("两重",)),
    ("livelihood", "县人民医院新院区建设项目", "建设门急诊医技楼、住院楼及配套设施", ("专项债",)),
    ("livelihood", "中小学校建设项目", "新建教学楼、风雨操场及配套设施", ("专项债",)),
    ("livelihood", "养老服务中心建设项目", "建设医养结合养老服务中心", ()),
    ("ecology", "污水处理厂提标改造工程", "污水处理厂提标改造及再生水回用管网", ("两重", "专项债")),
    ("ecology", "河道综合治理工程", "河道清淤、堤防加固和生态修复", ("两重",)),
    ("ecology", "固废综合利用项目", "建设煤矸石、粉煤灰综合利用生产线", ()),
]
# Which clusters a county's industry projects come from, with weights (public knowledge of each county's
# industries, loosely; demo only).
COUNTY_CLUSTERS = {
    "140702": {"装备制造": 4, "现代物流": 2, "新材料": 2, "医疗健康": 2, "人工智能": 1, "食品加工": 1},
    "jzkfq": {
        "新能源(醇氢)汽车": 4,
        "装备制造": 3,
        "新材料": 2,
        "低空经济": 1,
        "医疗健康": 2,
        "人工智能": 2,
        "新能源": 1,
    },
    "140703": {"食品加工": 4, "新材料": 1, "医疗健康": 2, "现代物流": 2, "文旅": 1, "低空经济": 1},
    "140781": {"焦化和冶金": 4, "新能源": 2, "新材料": 2, "文旅": 2, "煤炭": 1},
    "140727": {"食品加工": 2, "文旅": 2, "新材料": 2, "装备制造": 1},
    "140728": {"文旅": 4, "食品加工": 2, "装备制造": 1, "煤炭": 1},
    "140729": {"煤炭": 3, "焦化和冶金": 2, "新材料": 2, "文旅": 1, "新能源": 1},
    "140725": {"煤炭": 3, "新能源": 2, "焦化和冶金": 1, "装备制造": 1},
    "140724": {"煤炭": 2, "新材料": 2, "新能源": 2, "文旅": 1},
    "140723": {"煤炭": 2, "新能源": 2, "文旅": 1, "食品加工": 1},
    "140722": {"新能源": 2, "文旅": 2, "食品加工": 2, "煤炭": 1},
    "140721": {"新能源": 2, "煤炭": 1, "食品加工": 1, "文旅": 1},
}
# Invented company-name stems (演示数据: any likeness to a real company is accidental).
BRANDS = (
    "华晟", "瑞泰", "鑫源", "德润", "晋隆", "恒通", "中晋", "丰源", "金石", "汇川", "安弘", "宏远",
    "泰和", "龙城", "嘉盛", "博远", "普惠", "天润", "锦程", "昌盛", "新洲", "弘毅", "荣泰", "兴晋",
    "绿源", "聚力", "正元", "同舟", "永固", "明德", "远航", "晨光", "启航", "东兴", "方圆", "世纪",
)  # fmt: skip
SUFFIX_BY_CLUSTER = {
    "煤炭": "煤业",
    "焦化和冶金": "能源化工",
    "文旅": "文化旅游开发",
    "新能源(醇氢)汽车": "汽车科技",
    "装备制造": "装备制造",
    "现代物流": "物流",
    "新材料": "新材料科技",
    "低空经济": "航空科技",
    "医疗健康": "生物医药",
    "新能源": "新能源",
    "食品加工": "食品",
    "人工智能": "数字科技",
}

_MONEY = Decimal("0.1")


@dataclass(frozen=True)
class SimulatedProjectReport:
    code: str  # the project's code
    period: str  # "2025-03"
    month_investment: Decimal  # 本月完成投资, 万元
    cumulative_investment: Decimal  # 1–m月累计完成投资, 万元
    image_progress: str
    problems: str
    coordination: str
    state: str  # "approved" | "submitted" | "returned" | "draft"
    return_reason: str  # non-empty only when state == "returned"


def _money(value: float) -> Decimal:
    return Decimal(str(value)).quantize(_MONEY, rounding=ROUND_HALF_UP)


def _round_amount(value: float) -> Decimal:
    """Whole 万元 for plans, rounded to two significant-ish figures as dispatch sheets show them."""
    if value >= 10000:
        step = 100
    elif value >= 1000:
        step = 10
    else:
        step = 1
    return Decimal(int(round(value / step)) * step)


def _day(rng: random.Random, year: int, month: int, first: int = 1, last: int = 28) -> date:
    return date(year, month, rng.randint(first, last))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def _quota(rng: random.Random, weights: dict[str, int], total: int) -> list[str]:
    """Exactly ``total`` items distributed by weights (largest remainder), shuffled."""
    scale = sum(weights.values())
    raw = {k: w * total / scale for k, w in weights.items()}
    counts = {k: math.floor(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[: total - sum(counts.values())]:
        counts[k] += 1
    items = [k for k, n in counts.items() for _ in range(n)]
    rng.shuffle(items)
    return items


def expected_at(nature: str, planned_start: date | None, month: int) -> float:
    """The project's own 序时 % at the end of ``month`` on the linear curve, rebased to the planned start
    month for new projects planned after January (the kernel's default, ProjectThresholds)."""
    if nature in ("new", "preparatory") and planned_start is not None and planned_start.month > 1:
        return LINEAR.progress(month, from_month=planned_start.month)
    return LINEAR.progress(month)


# ---------------------------------------------------------------------------------------------------------
# Projects
# ---------------------------------------------------------------------------------------------------------


def _total_investment(rng: random.Random, level_hint: float) -> float:
    """万元, log-uniform: most 5000万–5亿; ``level_hint`` near 1 gives the 10亿+ giants."""
    if level_hint > 0.95:
        return 10 ** rng.uniform(5.0, 5.8)  # 10亿–63亿
    if level_hint > 0.85:
        return 10 ** rng.uniform(4.6, 5.1)  # 4亿–12亿
    return 10 ** rng.uniform(3.7, 4.7)  # 5000万–5亿


def _schedule(rng: random.Random, nature: str, profile: str) -> dict:
    """Start, completion and 入库 facts for a profile (see the module docstring)."""
    facts: dict = {
        "planned_start": None,
        "actual_start": None,
        "planned_completion": None,
        "actual_completion": None,
        "registered": False,
        "registered_on": None,
        "resumed": False,
    }
    if nature == "new":
        if profile == "start_red":
            planned = _day(rng, YEAR, rng.randint(4, 8))
            actual = None
        elif profile == "start_yellow":
            planned = _day(rng, YEAR, 9)
            actual = None
        elif profile == "registration_yellow":
            planned = _day(rng, YEAR, 9, 1, 10)
            actual = planned + timedelta(days=rng.randint(0, 15))
        elif profile == "registration_red":
            planned = _day(rng, YEAR, rng.randint(3, 7))
            actual = planned + timedelta(days=rng.randint(0, 10))
            if actual.month > 7:
                actual = date(YEAR, 7, 25)
        else:
            month = rng.choices(range(2, 10), weights=(4, 10, 12, 10, 7, 5, 4, 3))[0]
            if profile == "invest_red":
                month = min(month, 6)  # enough 序时 by October for a 35 pp lag
            planned = _day(rng, YEAR, month)
            shift = rng.choices((-1, 0, 1, 2), weights=(1, 7, 2, 1))[0]
            if month + shift > 9 or month + shift < 1:
                shift = 0
            actual = _add_months(planned, shift) if shift else planned + timedelta(days=rng.randint(0, 6))
            if actual.month > 10:
                actual = date(YEAR, 10, 10)
        facts["planned_start"] = planned
        facts["actual_start"] = actual
        years = rng.choice((0, 1, 1, 2))
        facts["planned_completion"] = date(YEAR + years, 12, 31) if years else date(YEAR, 12, 20)
        if actual is not None and not profile.startswith("registration"):
            registered = min(actual + timedelta(days=rng.randint(10, 35)), date(YEAR, 10, 31))
            facts["registered"], facts["registered_on"] = True, max(registered, actual)
    elif nature in ("continuing", "completed"):
        start_year = YEAR - rng.choice((1, 1, 2, 3)) if nature == "continuing" else YEAR - rng.choice((1, 2))
        actual = _day(rng, start_year, rng.randint(3, 9))
        facts["planned_start"] = actual
        facts["actual_start"] = actual
        facts["registered"] = True
        facts["registered_on"] = actual + timedelta(days=rng.randint(15, 40))
        facts["resumed"] = not (profile == "invest_red" and rng.random() < 0.5)
        if nature == "continuing":
            facts["planned_completion"] = date(rng.choice((YEAR, YEAR + 1, YEAR + 1, YEAR + 2)), 12, 31)
        else:
            month = rng.randint(4, 12)
            planned = _day(rng, YEAR, month)
            facts["planned_completion"] = planned
            if month <= 10 and profile != "invest_yellow":
                done = _add_months(planned, rng.choice((0, 0, 0, 1)))
                facts["actual_completion"] = done if done <= date(YEAR, 10, 31) else None
    return facts


def _name_and_owner(rng: random.Random, county: str, cluster: str | None, works) -> tuple[str, str, str]:
    place = PLACE[county]
    if cluster is not None:
        ending, content = rng.choice(CLUSTERS[cluster])
        brand = rng.choice(BRANDS)
        owner = f"山西{brand}{SUFFIX_BY_CLUSTER[cluster]}有限公司"
        if cluster == "文旅" and rng.random() < 0.5:
            return f"{place}{ending}", f"{place}文化旅游投资有限公司", content
        return f"{brand}{ending}", owner, content
    _category, ending, content, _tags = works
    owner = {
        "infrastructure": f"{place}城市建设投资有限公司",
        "livelihood": f"{place}卫生健康和教育事业发展中心",
        "ecology": f"{place}生态环境建设投资有限公司",
    }[_category]
    if _category == "livelihood" and ending.startswith("县"):
        ending = ending[1:]
    return f"{place}{ending}", owner, content


def simulate_projects(
    count: int = 180, *, seed: int = SEED, taken_names: set[tuple[str, str]] = frozenset()
) -> list[dict]:
    """``count`` (default 180) simulated projects: dicts of project master fields (the keys
    taizhang.projects.services.PROJECT_FIELDS knows, units by code) plus ``profile``.

    Counts per county, nature and profile are exact for the default 180; ``taken_names`` are (name, unit
    code) pairs already used (the article's projects), which are avoided.
    """
    rng = random.Random(seed)
    counties = _quota(rng, COUNTY_WEIGHTS, count)
    natures = _quota(rng, NATURE_COUNTS, count)
    profiles_by_nature = {
        nature: _quota(rng, PROFILE_COUNTS[nature], natures.count(nature)) for nature in NATURE_COUNTS
    }
    used = set(taken_names)
    projects = []
    for county, nature in zip(counties, natures, strict=True):
        profile = profiles_by_nature[nature].pop()
        size_hint = rng.random()
        industrial = rng.random() < (0.8 if county == "jzkfq" else 0.68)
        cluster = None
        works = None
        if industrial:
            weights = COUNTY_CLUSTERS[county]
            cluster = rng.choices(list(weights), weights=list(weights.values()))[0]
            category = "industry"
        else:
            works = rng.choice(PUBLIC_WORKS)
            category = works[0]
        for attempt in range(1, 50):
            name, owner, content = _name_and_owner(rng, county, cluster, works)
            if attempt > 3:
                name = f"{name[:-2]}（{'二三四五六七八九'[min(attempt - 4, 7)]}期）{name[-2:]}"
            if (name, county) not in used:
                break
        used.add((name, county))
        total = _total_investment(rng, size_hint)
        if nature == "new":
            invested_before = 0.0
            annual = total * rng.uniform(0.3, 0.6)
        elif nature == "continuing":
            invested_before = total * rng.uniform(0.15, 0.5)
            annual = (total - invested_before) * rng.uniform(0.35, 0.7)
        elif nature == "completed":
            invested_before = total * rng.uniform(0.65, 0.88)
            annual = total - invested_before
        else:  # 前期: 前期费用 only
            invested_before = 0.0
            annual = total * rng.uniform(0.01, 0.04)
        total_d, annual_d = _round_amount(total), _round_amount(annual)
        before_d = min(_round_amount(invested_before), total_d - annual_d) if invested_before else Decimal(0)
        if total_d >= 100000 or size_hint > 0.95:
            level = "province" if rng.random() < 0.7 else "city"
        elif total_d >= 10000:
            level = "city" if rng.random() < 0.85 else "county"
        else:
            level = "city" if rng.random() < 0.45 else "county"
        tags = {"province": ["省重点", "市重点"], "city": ["市重点"], "county": []}[level]
        if works is not None:
            tags += [t for t in works[3] if rng.random() < 0.6]
        if industrial and rng.random() < 0.35:
            tags.append("转型项目")
        if industrial and nature in ("new", "continuing") and rng.random() < 0.15:
            tags.append("两新")
        if cluster in ("新能源", "现代物流") and total_d >= 50000 and rng.random() < 0.5:
            tags.append("两重")
        facts = _schedule(rng, nature, profile)
        start_year = facts["actual_start"].year if facts["actual_start"] else YEAR + (nature == "preparatory")
        end_year = facts["planned_completion"].year if facts["planned_completion"] else start_year + 2
        project = {
            "code": "",  # numbered by the loader's caller after the article's projects (see number_codes)
            "name": name,
            "level": level,
            "category": category,
            "nature": nature,
            "location": county,
            "responsible_unit": county,
            "owner": owner,
            "content": f"{_PREFIX}{content}。",
            "cluster": cluster or "",
            "tags": tags,
            "start_year": start_year,
            "end_year": end_year,
            "total_investment": total_d,
            "invested_before": before_d,
            "annual_plan": annual_d,
            **facts,
            "proc_approval": nature != "preparatory" or rng.random() < 0.7,
            "proc_land": nature != "preparatory" or rng.random() < 0.4,
            "proc_planning": nature != "preparatory" or rng.random() < 0.3,
            "proc_eia": nature != "preparatory" or rng.random() < 0.3,
            "proc_construction": facts["actual_start"] is not None,
            "profile": profile,
        }
        if county == "jzkfq" and industrial:  # 开发区"三个一批": 签约 → 开工 → 投产 (glossary §2)
            project["tags"].append("开发区“三个一批”")
            project["signed"] = True
            project["expected_output"] = _round_amount(float(total_d) * rng.uniform(1.0, 2.5))
            if project["actual_completion"] is not None:
                project["actual_output"] = _round_amount(
                    float(project["expected_output"]) * rng.uniform(0.6, 1.0)
                )
        projects.append(project)
    return projects


def number_codes(projects: list[dict]) -> None:
    """Give each project without a code the next "<county prefix>-NNN" of its county, in list order."""
    serial: dict[str, int] = {}
    for project in projects:
        prefix = CODE_PREFIX[project["location"]]
        if project.get("code"):
            serial[prefix] = max(serial.get(prefix, 0), int(project["code"].rsplit("-", 1)[1]))
    for project in projects:
        if not project.get("code"):
            prefix = CODE_PREFIX[project["location"]]
            serial[prefix] = serial.get(prefix, 0) + 1
            project["code"] = f"{prefix}-{serial[prefix]:03d}"


# ---------------------------------------------------------------------------------------------------------
# Monthly reports
# ---------------------------------------------------------------------------------------------------------

_STAGES = (
    (
        0.0,
        (
            "前期手续办理中，尚未开工。",
            "正在办理用地、规划和施工许可手续。",
            "施工招标已完成，正在进行开工准备。",
        ),
    ),
    (0.25, ("已开工建设，正在进行场地平整和基础施工。", "基础工程施工中，主要施工队伍已进场。")),
    (0.55, ("主体工程施工中。", "主体结构施工过半，同步推进配套工程。", "厂房钢结构吊装中。")),
    (0.85, ("主体工程基本完工，正在进行设备安装。", "设备陆续进场安装，配套工程同步推进。")),
    (2.0, ("设备安装调试中，部分生产线试运行。", "完成年度形象进度目标，正在组织验收。")),
)
_WINTER = ("冬季停工，计划3月复工。", "冬季施工受限，正在进行室内安装和设备采购。")
_PREPARATORY = (
    "正在编制可行性研究报告。",
    "项目已立项，正在办理用地预审和规划选址。",
    "正在开展环境影响评价和能评。",
    "初步设计编制中，争取年内完成全部前期手续。",
)
_COMPLETED = ("项目已竣工投产，正在组织竣工验收备案。", "已建成投产，产能逐月释放。")
_GOOD = ("无。", "暂无突出问题。", "部分材料价格上涨，总体可控。")
_PROBLEMS = {
    "invest": (
        "建设资金到位滞后，施工进度放缓。",
        "企业融资未落实，部分工程暂缓。",
        "设备采购合同尚未签订，投资完成偏慢。",
        "施工单位调整，主体工程进度滞后。",
    ),
    "start": (
        "用地报批尚未完成，无法开工。",
        "环评批复未下达，项目未能按计划开工。",
        "征地拆迁遗留问题未解决，施工场地未交付。",
        "施工许可手续尚在办理中。",
    ),
    "registration": (
        "项目已开工，统计入库所需施工合同和发票尚未齐全。",
        "入库资料正在补充，财务报表未按要求报送。",
    ),
}
_COORDINATION = {
    "invest": ("请求市发改委协调专项债券资金拨付。", "请求协调金融机构加快项目贷款审批。"),
    "start": ("请求市规划和自然资源局加快用地审批。", "请求市生态环境局加快环评审批。"),
    "registration": ("请求市统计局指导办理统计入库。", "请求县统计局上门指导入库资料准备。"),
}
_RETURN_REASON = "本月完成投资与发票、财务报表口径不一致，请核实后重新报送。"


def _stable(options: tuple[str, ...], *key: object) -> str:
    """One of ``options``, fixed by ``key`` (SHA-256, not the salted hash(): the same in every run)."""
    digest = hashlib.sha256("|".join(map(str, key)).encode("utf-8")).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def _issue(profile: str) -> str | None:
    for kind in ("invest", "start", "registration"):
        if profile.startswith(kind):
            return kind
    return None


def _path(project: dict, rng: random.Random) -> dict[int, float]:
    """Cumulative 1–m月 investment (万元) for months 1..LAST_MONTH, non-decreasing."""
    plan = float(project["annual_plan"] or 0)
    profile, nature = project["profile"], project["nature"]
    start = project["actual_start"]
    if nature == "preparatory":
        target = plan * rng.uniform(0.3, 0.8)  # 前期费用
        first = rng.randint(2, 6)
    elif start is None:  # not started: land and 前期 costs only
        expected = expected_at(nature, project["planned_start"], LAST_MONTH)
        share = rng.uniform(0.25, 0.34) if profile == "start_yellow" else rng.uniform(0.0, 0.08)
        target = plan * min(share, max(0.0, expected / 100 - 0.12))
        first = rng.randint(3, 6)
    else:
        first = start.month if start.year == YEAR else 1
        expected = expected_at(nature, project["planned_start"], LAST_MONTH)
        delta = {
            "ahead": rng.uniform(8, 20),
            "on_track": rng.uniform(-5, 6),
            "invest_yellow": -rng.uniform(14, 26),
            "invest_red": -rng.uniform(36, 55),
        }.get(profile, rng.uniform(0, 8))
        target = plan * max(rng.uniform(0.02, 0.08), min(1.12, (expected + delta) / 100))
        if nature == "continuing" and not project["resumed"]:  # not resumed after winter: a trickle
            first, target = 1, plan * rng.uniform(0.01, 0.04)
    shares = [SEASONAL_SHARES[m - 1] if m >= first else 0 for m in range(1, LAST_MONTH + 1)]
    total = sum(shares) or 1
    path, running = {}, 0.0
    for m in range(1, LAST_MONTH + 1):
        running += shares[m - 1]
        path[m] = target * running / total
    return path


def _texts(project: dict, month: int, fraction: float, rng: random.Random) -> tuple[str, str, str]:
    profile, nature = project["profile"], project["nature"]
    start = project["actual_start"]
    started = start is not None and (start.year, start.month) <= (YEAR, month)
    completion = project.get("actual_completion")
    # 形象进度 is worded by stage and keeps its wording while the stage lasts (a dispatch sheet's column
    # changes when the works move on, not every month)
    code = project["code"]
    if nature == "preparatory":
        stage = _PREPARATORY[min(len(_PREPARATORY) - 1, (month - 1) // 3)]
    elif completion is not None and (completion.year, completion.month) <= (YEAR, month):
        stage = _stable(_COMPLETED, code, "completed")
    elif not started:
        stage = _stable(_STAGES[0][1], code, "not started")
    elif month <= 2 and nature != "new":
        stage = _stable(_WINTER, code, "winter")
    else:
        upper, texts = next((upper, texts) for upper, texts in _STAGES[1:] if fraction <= upper)
        stage = _stable(texts, code, upper)
    issue = _issue(profile)
    if issue == "invest":
        shows = month >= 6  # a lag shows once the season is under way
    elif issue == "start":
        shows = month >= project["planned_start"].month
    elif issue == "registration":
        shows = started and month > start.month
    else:
        shows = False
    if shows:
        problems, coordination = rng.choice(_PROBLEMS[issue]), rng.choice(_COORDINATION[issue])
    else:
        problems, coordination = rng.choice(_GOOD), "无。"
    return _PREFIX + stage, _PREFIX + problems, _PREFIX + coordination


def _october_states(projects: list[dict], rng: random.Random) -> dict[str, str | None]:
    """code -> state of the October report (None: 未报送): one returned, the rest drawn."""
    states: dict[str, str | None] = {}
    for project in projects:
        states[project["code"]] = rng.choices(
            ("approved", "submitted", "draft", None), weights=(78, 8, 3, 11)
        )[0]
    returned = sorted(code for code, state in states.items() if state == "submitted")[0]
    states[returned] = "returned"
    return states


def simulate_project_reports(
    projects: list[dict], *, seed: int = SEED, last_month: int = LAST_MONTH
) -> list[SimulatedProjectReport]:
    """Monthly reports 1..last_month of every project (project order, then period order)."""
    if last_month != LAST_MONTH:
        raise ValueError(f"the demo simulates {YEAR}-01…{YEAR}-{LAST_MONTH:02d}")
    rng = random.Random(seed + 1)
    october = _october_states(projects, rng)
    reports = []
    for project in projects:
        path = _path(project, rng)
        plan = float(project["annual_plan"] or 0) or 1.0
        previous = Decimal(0)
        for month in range(1, last_month + 1):
            state = "approved" if month < last_month else october[project["code"]]
            cumulative = max(previous, _money(path[month]))
            image, problems, coordination = _texts(project, month, float(cumulative) / plan, rng)
            if state is not None:
                reports.append(
                    SimulatedProjectReport(
                        code=project["code"],
                        period=f"{YEAR}-{month:02d}",
                        month_investment=cumulative - previous,
                        cumulative_investment=cumulative,
                        image_progress=image,
                        problems=problems,
                        coordination=coordination,
                        state=state,
                        return_reason=_PREFIX + _RETURN_REASON if state == "returned" else "",
                    )
                )
            previous = cumulative
    return reports


def demo_projects(*, seed: int = SEED) -> list[dict]:
    """The demo's whole list: the article's projects (projects2025) first, then the simulated ones, coded
    "<county>-NNN" in that order."""
    from taizhang.demo.projects2025 import article_projects

    named = article_projects()
    simulated = simulate_projects(
        count=sum(COUNTY_WEIGHTS.values()), seed=seed, taken_names={(p["name"], p["location"]) for p in named}
    )
    projects = named + simulated
    number_codes(projects)
    return projects
