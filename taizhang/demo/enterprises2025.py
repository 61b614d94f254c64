"""The demo's industry matrix (issue 4 §7): the article's clusters with their tiers, the 百亿企业 it and
晋中工信局 name, about 150 simulated enterprises across the 12 county-level units, the stated counts (563家
新质生产力企业, 规上工业企业1164户) and monthly 1–m月 figures 2025-01…2025-10 reported and approved through the
one review workflow by each county's 填报员 (``<prefix>_tb``) and 审核员 (``<prefix>_sh``).

Nothing here is typed in twice: cluster scales and the 百亿企业 count (8 at 2025-10) come out of the members'
approved figures (enterprises.selectors). Simulated rows and figures are ``is_demo=True``; every
统一社会信用代码 is simulated (valid with the kernel's check characters, ``uscc_simulated=True``): no real
code was certain enough to use. Deterministic (seeded).

Call ``load(actor_by_username=..., units=...)`` after the loader has created the units and accounts (the
lead wires it into demo/loader.py). Idempotent: when the demo clusters exist nothing is written.
"""

import random
from decimal import Decimal

from taizhang.enterprises import services
from taizhang.enterprises.codes import simulated_uscc
from taizhang.enterprises.models import Cluster, EnterpriseFigure
from taizhang.ledgers import workflow

SEED = 20251120
YEAR = 2025
LAST_MONTH = 10
DEMO_TODAY_ISO = (2025, 11, 20)
TARGET_YEAR = 2027  # [INFERRED] the article states the tiers as goals ("打造"), not a year; 2027 = 十四五+2

ARTICLE_MATRIX = (  # article paragraph on the 产业矩阵 (jinzhong-2025-article.txt, line 19)
    "以563家新质生产力企业为重点,打造煤炭、焦化和冶金、文旅3个千亿级主导产业集群,新能源(醇氢)汽车、装备制造、"
    "现代物流、新材料等五百亿级支柱产业集群,低空经济、医疗健康、新能源、食品加工、人工智能等一批百亿级成长性产业增长极"
)
ARTICLE_HUNDRED_YI = "全市百亿企业由3户增加至8户,年内有望达10户,规上工业企业数量全省最多"  # line 25
ARTICLE_GEELY = "吉利晋中基地成为全省链主企业"  # line 21

_YI = 10_000  # 万元 per 亿元
TIER_TARGET = {"thousand_yi": 1000 * _YI, "five_hundred_yi": 500 * _YI, "hundred_yi": 100 * _YI}

# (name, tier, measure) — each from ARTICLE_MATRIX; 文旅 and 现代物流 are measured by 营业收入 (services);
# 文旅's scale from the tourism-revenue indicator is a later step (issue 4 §1), here from its enterprises.
CLUSTERS = (
    ("煤炭", "thousand_yi", "output"),  # "打造煤炭、焦化和冶金、文旅3个千亿级主导产业集群"
    ("焦化和冶金", "thousand_yi", "output"),  # same sentence
    ("文旅", "thousand_yi", "revenue"),  # same sentence
    (
        "新能源(醇氢)汽车",
        "five_hundred_yi",
        "output",
    ),  # "新能源(醇氢)汽车、装备制造、现代物流、新材料等五百亿级支柱产业集群"
    ("装备制造", "five_hundred_yi", "output"),  # same sentence
    ("现代物流", "five_hundred_yi", "revenue"),  # same sentence
    ("新材料", "five_hundred_yi", "output"),  # same sentence
    (
        "低空经济",
        "hundred_yi",
        "output",
    ),  # "低空经济、医疗健康、新能源、食品加工、人工智能等一批百亿级成长性产业增长极"
    ("医疗健康", "hundred_yi", "output"),  # same sentence
    ("新能源", "hundred_yi", "output"),  # same sentence
    ("食品加工", "hundred_yi", "output"),  # same sentence
    ("人工智能", "hundred_yi", "revenue"),  # same sentence
)

# The 百亿企业 (8 at 2025-10). The first four are named by 晋中工信局 (glossary §4: "吉利晋中基地、安泰、永泰能源、
# 凯嘉能源…"); their counties are public knowledge [吉利晋中基地: 晋中开发区; 安泰集团, 凯嘉: 介休; 永泰能源: 灵石].
# The other four are not named anywhere we read: simulated, named as such. (name, county, clusters, basis)
HUNDRED_YI = (
    ("吉利晋中基地", "jzkfq", ("新能源(醇氢)汽车",), "named"),
    ("安泰集团", "140781", ("焦化和冶金",), "named"),
    ("永泰能源", "140729", ("煤炭",), "named"),
    ("凯嘉能源", "140781", ("煤炭",), "named"),
    ("演示百亿企业甲（焦化）", "140729", ("焦化和冶金",), "simulated"),
    ("演示百亿企业乙（煤炭）", "140725", ("煤炭",), "simulated"),
    ("演示百亿企业丙（冶金）", "140781", ("焦化和冶金",), "simulated"),
    ("演示百亿企业丁（装备）", "140702", ("装备制造",), "simulated"),
)

STATED = (  # counts the city states, not a row per enterprise
    ("new_quality", "新质生产力企业", 563, "家", ARTICLE_MATRIX[:22] + "…"),
    (
        "above_scale_industry",
        "规上工业企业",
        1164,
        "户",
        "晋中工信局 2025 (glossary §4): 规上工业企业1164户，全省最多",
    ),
)

# Simulated enterprises per county-level unit (≈150), larger counties more.
COUNTY_WEIGHTS = {
    "140702": 22, "jzkfq": 20, "140703": 16, "140727": 12, "140728": 12, "140781": 16,
    "140729": 12, "140725": 10, "140724": 9, "140723": 7, "140722": 7, "140721": 7,
}  # fmt: skip
SIMULATED = sum(COUNTY_WEIGHTS.values())  # 150
LOGIN_PREFIX = {  # demo.loader.LOGIN_PREFIX (the county accounts <prefix>_tb / <prefix>_sh)
    "140702": "yc", "jzkfq": "kfq", "140703": "tg", "140727": "qx", "140728": "py", "140781": "jx",
    "140729": "ls", "140725": "sy", "140724": "xy", "140723": "hs", "140722": "zq", "140721": "ys",
}  # fmt: skip
WORDS = {
    "煤炭": "煤业", "焦化和冶金": "焦化", "文旅": "文旅", "新能源(醇氢)汽车": "汽车零部件", "装备制造": "装备",
    "现代物流": "物流", "新材料": "新材料", "低空经济": "航空科技", "医疗健康": "医疗器械", "新能源": "光伏",
    "食品加工": "食品", "人工智能": "智能科技",
}  # fmt: skip


def demo_enterprises(seed: int = SEED) -> list[dict]:
    """Every demo enterprise as plain data: name, county, clusters, flags, 1–10月 revenue (万元), code serial."""
    rng = random.Random(seed)
    rows = []
    serial = 1000
    for name, county, clusters, basis in HUNDRED_YI:
        serial += 1
        revenue = Decimal(rng.randint(1_050_000, 3_000_000))  # 1–10月 ≥ 100亿元
        rows.append(
            {
                "name": name,
                "location": county,
                "clusters": list(clusters),
                "above_scale": True,
                "new_quality": True,
                "chain_leader": name == "吉利晋中基地",  # ARTICLE_GEELY
                "specialised": "none",
                "revenue": revenue,
                "basis": basis,
                "serial": serial,
            }
        )
    names = [c[0] for c in CLUSTERS]
    for county, count in COUNTY_WEIGHTS.items():
        for i in range(1, count + 1):
            serial += 1
            cluster = rng.choice(names)
            extra = [rng.choice(names)] if rng.random() < 0.1 else []
            band = rng.random()
            if band < 0.12:
                revenue = rng.randint(100_000, 800_000)  # 十亿级 (below 100亿 so the 8 stay the 8)
            elif band < 0.6:
                revenue = rng.randint(10_000, 99_999)  # 亿元级
            elif band < 0.92:
                revenue = rng.randint(2_000, 9_999)  # 规上 band
            else:
                revenue = rng.randint(300, 1_999)  # below 2000万元
            rows.append(
                {
                    "name": f"{LOGIN_PREFIX[county].upper()}{i:02d}演示{WORDS[cluster]}有限公司",
                    "location": county,
                    "clusters": list(dict.fromkeys([cluster, *extra])),
                    "above_scale": revenue >= 2_000 and rng.random() < 0.95,
                    "new_quality": rng.random() < 0.3,
                    "chain_leader": False,
                    "specialised": rng.choices(
                        ["national", "provincial", "city", "none"], weights=[2, 8, 12, 78]
                    )[0],
                    "revenue": Decimal(revenue),
                    "basis": "simulated",
                    "serial": serial,
                }
            )
    return rows


def monthly_figures(row: dict, seed: int = SEED) -> list[tuple[str, Decimal, Decimal]]:
    """(period, 1–m月 revenue, 1–m月 output) for 2025-01…2025-10, rising to the row's 1–10月 revenue."""
    rng = random.Random(f"{seed}-{row['serial']}")
    weights = [rng.uniform(0.8, 1.2) for _ in range(LAST_MONTH)]
    total = sum(weights)
    ratio = Decimal(str(round(rng.uniform(0.9, 1.1), 3)))  # 产值 / 营业收入
    figures, running = [], Decimal(0)
    for month, weight in enumerate(weights, start=1):
        running += row["revenue"] * Decimal(str(weight / total))
        revenue = row["revenue"] if month == LAST_MONTH else running.quantize(Decimal("0.01"))
        figures.append((f"{YEAR}-{month:02d}", revenue, (revenue * ratio).quantize(Decimal("0.01"))))
    return figures


def load(*, actor_by_username: dict, units: dict, months: int = LAST_MONTH) -> dict:
    """Write the demo clusters, enterprises, stated counts and ``months`` months of approved figures."""
    from datetime import date

    if Cluster.objects.filter(is_demo=True).exists():
        return {"created": False, "clusters": Cluster.objects.filter(is_demo=True).count()}
    supervisor = actor_by_username["ducha"]
    clusters = {}
    for order, (name, tier, measure) in enumerate(CLUSTERS, start=1):
        clusters[name] = services.create_cluster(
            actor=supervisor,
            data={
                "name": name,
                "tier": tier,
                "measure": measure,
                "target_scale": TIER_TARGET[tier],
                "target_year": TARGET_YEAR,
                "order": order,
                "source": ARTICLE_MATRIX,
            },
            is_demo=True,
        )
    for key, label, value, unit, source in STATED:
        services.set_stated_figure(
            actor=supervisor, key=key, label=label, value=value, year=YEAR, source=source, unit=unit
        )
    rows = demo_enterprises()
    enterprises = []
    for row in rows:
        region = units[row["location"]].code if row["location"].isdigit() else "140700"
        enterprise = services.create_enterprise(
            actor=supervisor,
            data={
                "name": row["name"],
                "uscc": simulated_uscc(row["serial"], region=region),
                "location": units[row["location"]],
                "clusters": [clusters[c] for c in row["clusters"]],
                "above_scale": row["above_scale"],
                "new_quality": row["new_quality"],
                "chain_leader": row["chain_leader"],
                "specialised": row["specialised"],
            },
            reason="演示数据",
            is_demo=True,
            uscc_simulated=True,
        )
        enterprises.append((enterprise, row))
    geely = next(e for e, row in enterprises if row["name"] == "吉利晋中基地")
    services.update_cluster(
        actor=supervisor,
        cluster=clusters["新能源(醇氢)汽车"],
        data={"chain_leaders": [geely]},
        reason=ARTICLE_GEELY,
    )
    today = date(*DEMO_TODAY_ISO)
    figures = 0
    for enterprise, row in enterprises:
        prefix = LOGIN_PREFIX[row["location"]]
        reporter, reviewer = actor_by_username[f"{prefix}_tb"], actor_by_username[f"{prefix}_sh"]
        for period, revenue, output in monthly_figures(row)[LAST_MONTH - months :]:
            figure = services.save_figure(
                actor=reporter,
                enterprise=enterprise,
                period=period,
                data={"revenue": revenue, "output": output},
                today=today,
                reason="演示数据",
                is_demo=True,
            )
            figure = workflow.submit(actor=reporter, report=figure)
            workflow.approve(actor=reviewer, report=figure)
            figures += 1
    return {
        "created": True,
        "clusters": len(clusters),
        "enterprises": len(enterprises),
        "figures": figures,
        "figure_rows": EnterpriseFigure.objects.filter(is_demo=True).count(),
    }
