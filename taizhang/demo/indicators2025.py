"""The 2025 demo's economic indicators (glossary §9): the catalogue, 2025 targets, monthly/quarterly figures
2025-01…2025-10 for the city and the 12 county-level units, and the other 10 cities' figures.

Real figures (is_demo=False, the source beside each):
- 晋中 2024 地区生产总值 2458.8亿元, +2.3%, 4th in 山西 by size: glossary §9,
  http://jzxww.com.cn/conn/2025-04/04/content_327560.htm ; http://cuixie.cn/21/15524.html
- 晋中 2025 上半年 规上工业增加值 +6.8%: glossary §9, https://tjj.sxjz.gov.cn/tjfx/content_543371
Everything else is SIMULATED (is_demo=True, shown with 演示数据), deterministic (seeded). The 2025 targets
are [INFERRED] demo targets: glossary §9 says 晋中's 2025 numeric targets are NOT FOUND (the 2023 ones were
固定资产投资 ≥7%, 规上工业 ≥7%).

Figures are written through the services and the one review workflow by 市统计局's reporter and reviewer
(tjj_tb / tjj_sh; 一般公共预算收入 by 市财政局's czj_tb / czj_sh, glossary §9 "reported by the finance
bureau"); targets and the other cities' figures by the 督查 account (ducha).
"""

import random
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from taizhang.core import indicators as kernel
from taizhang.core import schedule
from taizhang.indicators import services
from taizhang.indicators.choices import HOME_CITY, PEER_CITIES
from taizhang.indicators.models import Indicator
from taizhang.ledgers import workflow

TODAY = date(2025, 11, 20)  # the demo's today (demo.loader.DEMO_TODAY)
YEAR = 2025
LAST_MONTH = 10
SUPERVISOR = "ducha"
REPORTERS = {"tjj": ("tjj_tb", "tjj_sh"), "czj": ("czj_tb", "czj_sh")}
COUNTY_CODES = (
    "140702", "jzkfq", "140703", "140727", "140728", "140781",
    "140729", "140725", "140724", "140723", "140722", "140721",
)  # fmt: skip
DEMO_NOTE = "【演示数据】模拟数据"

# (code, name, unit, frequency, cumulative, direction, first_month, responsible, definition, source)
CATALOGUE = [
    ("gdp", "地区生产总值", "亿元", "quarterly", True, "higher", 1, "tjj",
     "按不变价格计算的同比增速；按季度累计发布（一季度、上半年、前三季度、全年）。",
     "市统计局；http://jzxww.com.cn/conn/2025-04/04/content_327560.htm"),
    ("industry", "规模以上工业增加值", "亿元", "monthly", True, "higher", 1, "tjj",
     "年主营业务收入2000万元及以上工业企业；按可比价格计算，同口径比较。月度累计（1—m月）。",
     "市统计局；https://tjj.sxjz.gov.cn/tjfx/content_543371"),
    ("fai", "固定资产投资（不含农户）", "亿元", "monthly", True, "higher", 2, "tjj",
     "计划总投资500万元及以上项目和全部房地产开发投资；按可比口径计算增速。1月不发布，首次发布为1—2月。",
     "市统计局；http://tjj.fj.gov.cn/xxgk/tjxx/gdzctz/202507/t20250721_6969180.htm"),
    ("retail", "社会消费品零售总额", "亿元", "monthly", True, "higher", 2, "tjj",
     "售予居民和社会集团非生产性用途的实物商品和餐饮收入。1—2月合并发布。",
     "市统计局；http://tj.jiangsu.gov.cn/art/2019/5/31/art_85898_10487338.html"),
    ("revenue", "一般公共预算收入", "亿元", "monthly", True, "higher", 1, "czj",
     "财政部门报告的一般公共预算收入（税收收入＋非税收入），月度累计。",
     "市财政局；https://gcs66.com/document_detail/11214.html"),
    ("urban_income", "城镇居民人均可支配收入", "元", "quarterly", True, "higher", 1, "tjj",
     "住户收支与生活状况调查：工资性＋经营净＋财产净＋转移净收入；按季度累计。",
     "国家统计局晋中调查队；http://tj.jiangsu.gov.cn/art/2016/4/25/art_85942_10497407.html"),
    ("rural_income", "农村居民人均可支配收入", "元", "quarterly", True, "higher", 1, "tjj",
     "住户收支与生活状况调查：工资性＋经营净＋财产净＋转移净收入；按季度累计。",
     "国家统计局晋中调查队；http://tj.jiangsu.gov.cn/art/2016/4/25/art_85942_10497407.html"),
    ("unemployment", "城镇调查失业率", "%", "monthly", False, "lower", 1, "tjj",
     "劳动力调查；月度水平值，越低越好。[INFERRED] 日历不在名词表中。", "市统计局"),
]  # fmt: skip

# [INFERRED] demo targets for 2025: (type, value). NOT晋中's published targets (glossary §9: NOT FOUND).
TARGETS = {
    "gdp": ("growth", "5.0"),
    "industry": ("growth", "6.5"),
    "fai": ("growth", "5.0"),
    "retail": ("growth", "5.5"),
    "revenue": ("amount", "165"),  # 亿元 for the year, against 序时
    "urban_income": ("growth", "5.0"),
    "rural_income": ("growth", "6.5"),
    "unemployment": ("level", "5.5"),  # 控制在5.5%以内
}

# Simulated annual city level and a typical growth (%) per indicator.
LEVELS = {
    "gdp": (2560, 4.8),
    "industry": (880, 6.2),
    "fai": (1150, 4.2),
    "retail": (1120, 5.1),
    "revenue": (158, 3.0),
    "urban_income": (44800, 4.9),
    "rural_income": (20100, 6.4),
}
# Real figures: (code, period, amount, growth, source)
REAL = [
    ("gdp", "2024-12", "2458.8", "2.3", "晋中2024年GDP，http://jzxww.com.cn/conn/2025-04/04/content_327560.htm"),
    ("industry", "2025-06", None, "6.8", "晋中2025年上半年规上工业增加值增速，https://tjj.sxjz.gov.cn/tjfx/content_543371"),
]  # fmt: skip
# Simulated 2024 GDP of the other cities (亿元), ordered so 晋中 (2458.8) is 4th by size as published.
PEER_GDP_2024 = {"太原": 5418, "长治": 2869, "运城": 2600, "吕梁": 2300, "临汾": 2120,
                 "晋城": 2010, "大同": 1890, "朔州": 1560, "忻州": 1400, "阳泉": 880}  # fmt: skip
# County shares of the city's level (sum ≈ 1), in COUNTY_CODES order.
SHARES = (0.21, 0.08, 0.10, 0.06, 0.07, 0.12, 0.10, 0.07, 0.05, 0.04, 0.05, 0.05)


def _d(value: float, places: int = 2) -> str:
    return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)))


def load(*, actor_by_username: Callable[[str], object], units: dict) -> dict:
    """Write the demo indicators (idempotent: nothing when the catalogue is already there); returns counts."""
    if Indicator.objects.filter(code="gdp").exists():
        return {"indicators_created": False}
    rng = random.Random(2025)
    supervisor = actor_by_username(SUPERVISOR)
    staff = {code: (actor_by_username(tb), actor_by_username(sh)) for code, (tb, sh) in REPORTERS.items()}
    counties = [units[code] for code in COUNTY_CODES]
    states: Counter = Counter()
    indicators = {}
    for order, (code, name, unit, freq, cumulative, direction, first, owner, definition, source) in enumerate(
        CATALOGUE, start=1
    ):
        indicators[code] = services.create_indicator(
            actor=supervisor,
            data={
                "code": code,
                "name": name,
                "unit": unit,
                "frequency": freq,
                "cumulative": cumulative,
                "direction": direction,
                "first_month": first,
                "definition": definition,
                "source": source,
                "responsible_unit": units[owner],
                "order": order,
            },
        )
        kind, value = TARGETS[code]
        services.set_target(
            actor=supervisor,
            indicator=indicators[code],
            year=YEAR,
            target_type=kind,
            value=value,
            note="[INFERRED] 演示目标：晋中2025年目标未查到（名词表§9）",
            is_demo=True,
        )

    def write(indicator, period, *, subject=None, amount=None, growth=None, note=DEMO_NOTE, is_demo=True):
        reporter, reviewer = staff[indicator.responsible_unit.code]
        value = services.save_value(
            actor=reporter,
            indicator=indicator,
            period=period,
            subject=subject,
            today=TODAY,
            data={"amount": amount, "growth": growth, "note": note},
            is_demo=is_demo,
        )
        value = workflow.submit(actor=reporter, report=value)
        workflow.approve(actor=reviewer, report=value)
        states["approved"] += 1

    real = {(code, period): (amount, growth, source) for code, period, amount, growth, source in REAL}
    for code, period, amount, growth, source in REAL:
        if period.startswith(f"{YEAR - 1}-"):
            write(indicators[code], period, amount=amount, growth=growth, note=source, is_demo=False)
    services.set_peer_figures(
        actor=supervisor,
        indicator=indicators["gdp"],
        period="2024-12",
        today=TODAY,
        figures={
            c: {"amount": str(v), "growth": _d(rng.uniform(1.5, 5.5), 1)} for c, v in PEER_GDP_2024.items()
        },
        is_demo=True,
    )
    peers = [c for c in PEER_CITIES if c != HOME_CITY]
    offsets = {u.code: rng.uniform(-2.5, 2.5) for u in counties}  # each county's lasting lead or lag
    for code, indicator in indicators.items():
        spec = indicator.spec
        for month in kernel.published_months(spec):
            if month > LAST_MONTH:
                break
            period = schedule.period_str(YEAR, month)
            if code == "unemployment":  # a city-wide level only (not published per county)
                level = _d(5.0 + rng.uniform(-0.3, 0.3), 1)
                write(indicator, period, amount=level)
                figures = {c: {"amount": _d(5.0 + rng.uniform(-0.6, 0.6), 1)} for c in peers}
            else:
                annual, typical = LEVELS[code]
                share = month / 12
                growth = typical + rng.uniform(-0.8, 0.8)
                amount = annual * share * (1 + rng.uniform(-0.02, 0.02))
                amount_text, growth_text, note, demo = _d(amount), _d(growth, 1), DEMO_NOTE, True
                if (code, period) in real:  # the published growth; the amount stays unknown
                    amount_real, growth_real, note = real[(code, period)]
                    amount_text, growth_text, growth, demo = (
                        amount_real,
                        growth_real,
                        float(growth_real),
                        False,
                    )
                write(indicator, period, amount=amount_text, growth=growth_text, note=note, is_demo=demo)
                for unit, weight in zip(counties, SHARES, strict=True):
                    g = growth + offsets[unit.code] + rng.uniform(-1.0, 1.0)
                    write(indicator, period, subject=unit, amount=_d(amount * weight), growth=_d(g, 1))
                figures = {
                    c: {"growth": _d(typical + rng.uniform(-3.0, 3.0), 1)} for c in peers
                }  # other cities: growth only (the province's 11-city table ranks growth)
            services.set_peer_figures(
                actor=supervisor,
                indicator=indicator,
                period=period,
                today=TODAY,
                figures=figures,
                is_demo=True,
            )
            states["peer_periods"] += 1
    return {
        "indicators_created": True,
        "indicators": len(indicators),
        "indicator_values": states["approved"],
        "indicator_peer_periods": states["peer_periods"],
    }
