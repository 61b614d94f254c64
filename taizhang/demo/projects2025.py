"""The key projects the 2025 article names, as plain data (standard library only, no Django).

Source: 常书铭《努力在全省推动高质量发展中奋勇争先》(《前进》杂志 2025), kept verbatim in
shared/domain/jinzhong-2025-article.txt. Each project's ``source_sentence`` is an exact substring of that
file (its ASCII commas "," kept as they are): the clause that names the project.

What is real and what is not
- Real (from the article): that the project exists and is on the city's agenda, its wording, and where the
  article places it ("晋中开发区晋能光伏", "昔阳尚太锂电", "灵石东方希望", "介休安泰", "左权箕山", "榆社、…左权西等区块").
- ``location_basis`` says where each county comes from: "article" (the article's own wording), "public
  knowledge" (widely reported, not in the article), or "[INFERRED]" (not known: 晋中开发区 or the most
  plausible county was chosen; confirm with the client).
- Simulated (演示数据, like every figure of the demo): nature, level, tags, amounts (万元), dates, 入库, progress
  and outcome ``profile`` (see taizhang/demo/simulate_projects.py). The loader flags them is_demo=True and
  writes this note into each project's content.

Named in the article but not made projects here: "启动总投资556亿元的215个项目" (a batch of 城镇化 projects,
not named one by one), "年内剩余省级14项工程" of 一泓清水入黄河 (not named), 高标准农田建设 (a programme), and
the photo captions 大学城三馆 and 中航兰田 (no sentence says what is built). The 武乡 block of "榆社、武乡、左权西等
区块非常规天然气增储上产" lies in 长治市, outside 晋中, so only 榆社 and 左权西 are projects here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

SOURCE = "常书铭《努力在全省推动高质量发展中奋勇争先》（《前进》杂志2025）"
ARTICLE_PATH = "shared/domain/jinzhong-2025-article.txt"

_NEW_QUALITY = "加快山西光存信息存储产业园、低空经济示范园、医疗器械产业园等一批新质生产力示范项目建设投用"
_PRODUCTION = "推动晋中开发区晋能光伏、昔阳尚太锂电、灵石东方希望等一批重大项目达产达效"
_LANDMARKS = "打造“奥莱”“双万达”“未来无限城”“晋商公园带”山西中部城市群消费新地标"
_GAS = "推动榆社、武乡、左权西等区块非常规天然气增储上产"

D = Decimal

PROJECTS: list[dict] = [
    {
        "name": "山西光存信息存储产业园",
        "source_sentence": _NEW_QUALITY,
        # [INFERRED] The article does not place it; a city-level 新质生产力 park, put in 晋中开发区 by default.
        "location": "jzkfq",
        "location_basis": "[INFERRED]",
        "level": "province",
        "category": "industry",
        "nature": "continuing",
        "cluster": "信创",  # the article's 新兴产业 list names 信创
        "tags": ["省重点", "市重点", "开发区“三个一批”", "转型项目"],
        "content": "建设光存储介质、光存储设备生产线及数据存储应用中心，园区建成投用",
        "total_investment": D(350000),
        "invested_before": D(120000),
        "annual_plan": D(100000),
        "actual_start": date(2024, 5, 18),
        "planned_completion": date(2025, 12, 31),
        "signed": True,
        "expected_output": D(500000),
        "profile": "on_track",
    },
    {
        "name": "低空经济示范园",
        "source_sentence": _NEW_QUALITY,
        # [INFERRED] Not placed by the article; 晋中开发区 by default.
        "location": "jzkfq",
        "location_basis": "[INFERRED]",
        "level": "province",
        "category": "industry",
        "nature": "continuing",
        "cluster": "低空经济",
        "tags": ["省重点", "市重点", "开发区“三个一批”"],
        "content": "建设无人机研发测试基地、通航起降场地、飞行服务站和低空经济企业总部区",
        "total_investment": D(120000),
        "invested_before": D(30000),
        "annual_plan": D(45000),
        "actual_start": date(2024, 8, 10),
        "planned_completion": date(2026, 6, 30),
        "signed": True,
        "expected_output": D(150000),
        "profile": "on_track",
    },
    {
        "name": "医疗器械产业园",
        "source_sentence": _NEW_QUALITY,
        # [INFERRED] Not placed by the article; 晋中开发区 by default.
        "location": "jzkfq",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "industry",
        "nature": "continuing",
        "cluster": "医疗健康",
        "tags": ["市重点", "开发区“三个一批”"],
        "content": "建设医疗器械标准化厂房、洁净车间和公共检测平台，首批企业入驻投产",
        "total_investment": D(90000),
        "invested_before": D(35000),
        "annual_plan": D(30000),
        "actual_start": date(2024, 4, 15),
        "planned_completion": date(2025, 12, 31),
        "signed": True,
        "expected_output": D(120000),
        "profile": "ahead",
    },
    {
        "name": "晋中开发区晋能光伏项目",
        "source_sentence": _PRODUCTION,
        # article: "晋中开发区晋能光伏"
        "location": "jzkfq",
        "location_basis": "article",
        "owner": "晋能光伏",
        "level": "province",
        "category": "industry",
        "nature": "completed",
        "cluster": "新能源",
        "tags": ["省重点", "市重点", "开发区“三个一批”", "转型项目"],
        "content": "高效光伏电池及组件生产线全部建成投产，达到设计产能",
        "total_investment": D(500000),
        "invested_before": D(430000),
        "annual_plan": D(70000),
        "actual_start": date(2023, 6, 1),
        "planned_completion": date(2025, 6, 30),
        "actual_completion": date(2025, 6, 26),
        "signed": True,
        "expected_output": D(800000),
        "actual_output": D(620000),
        "profile": "on_track",
    },
    {
        "name": "昔阳尚太锂电项目",
        "source_sentence": _PRODUCTION,
        # article: "昔阳尚太锂电"
        "location": "140724",
        "location_basis": "article",
        "owner": "尚太锂电",
        "level": "province",
        "category": "industry",
        "nature": "completed",
        "cluster": "新材料",  # lithium-battery anode material
        "tags": ["省重点", "市重点", "转型项目"],
        "content": "锂离子电池负极材料一体化项目全部建成投产，达到设计产能",
        "total_investment": D(800000),
        "invested_before": D(680000),
        "annual_plan": D(120000),
        "actual_start": date(2023, 3, 20),
        "planned_completion": date(2025, 8, 31),
        "actual_completion": date(2025, 9, 10),
        "profile": "on_track",
    },
    {
        "name": "灵石东方希望项目",
        "source_sentence": _PRODUCTION,
        # article: "灵石东方希望"; its cluster is [INFERRED] (焦化和冶金).
        "location": "140729",
        "location_basis": "article",
        "owner": "东方希望",
        "level": "province",
        "category": "industry",
        "nature": "completed",
        "cluster": "焦化和冶金",
        "tags": ["省重点", "市重点", "转型项目"],
        "content": "项目主要装置全部建成投产并稳定运行，达到设计产能",
        "total_investment": D(1500000),
        "invested_before": D(1300000),
        "annual_plan": D(200000),
        "actual_start": date(2022, 9, 1),
        "planned_completion": date(2025, 10, 31),
        "actual_completion": date(2025, 10, 28),
        "profile": "on_track",
    },
    {
        "name": "吉利晋中基地重卡全产业链项目",
        "source_sentence": "吉利晋中基地成为全省链主企业,规模最大、链条最长、资质最全,"
        "去年实现吉利汽车乘用车新车型导入和重卡全产业链建设",
        # public knowledge: 吉利's 晋中 base is in 晋中开发区 (山西综改示范区晋中开发区); the article does not say.
        "location": "jzkfq",
        "location_basis": "public knowledge",
        "owner": "吉利晋中基地",
        "level": "province",
        "category": "industry",
        "nature": "continuing",
        "cluster": "新能源(醇氢)汽车",
        "tags": ["省重点", "市重点", "开发区“三个一批”", "两新", "转型项目"],
        "content": "建设甲醇重卡整车、车桥、驾驶室及关键零部件生产线，形成重卡全产业链，迈向产值500亿元",
        "total_investment": D(600000),
        "invested_before": D(250000),
        "annual_plan": D(150000),
        "actual_start": date(2024, 3, 15),
        "planned_completion": date(2026, 12, 31),
        "signed": True,
        "expected_output": D(1500000),
        "profile": "ahead",
    },
    {
        "name": "绿色甲醇制造项目",
        "source_sentence": "协同发展甲醇装备及智能网联汽车产业、绿色甲醇制造项目",
        # [INFERRED] Not placed by the article; 介休 as the city's coke-oven-gas and chemical base.
        "location": "140781",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "cluster": "新能源(醇氢)汽车",
        "tags": ["市重点", "转型项目"],
        "content": "以焦炉煤气和绿电制氢为原料建设绿色甲醇装置，配套甲醇储运设施",
        "total_investment": D(260000),
        "annual_plan": D(60000),
        "planned_start": date(2025, 4, 15),
        "actual_start": date(2025, 5, 20),
        "registered_on": date(2025, 6, 18),
        "planned_completion": date(2026, 12, 31),
        "profile": "invest_yellow",
    },
    {
        "name": "晋中市智算中心项目",
        "source_sentence": "建设全市首个智算中心",
        # [INFERRED] Not placed by the article (plan2025 marks it 所在地待核实); 晋中开发区 by default.
        "location": "jzkfq",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "cluster": "人工智能",
        "tags": ["市重点", "开发区“三个一批”", "两新"],
        "content": "建设全市首个智算中心机房、算力服务器集群和配套供电制冷系统",
        "total_investment": D(60000),
        "annual_plan": D(30000),
        "planned_start": date(2025, 3, 10),
        "actual_start": date(2025, 3, 18),
        "registered_on": date(2025, 4, 10),
        "planned_completion": date(2025, 12, 31),
        "signed": True,
        "expected_output": D(40000),
        "profile": "on_track",
    },
    {
        "name": "介休安泰“零碳”产业园",
        "source_sentence": "加快介休安泰“零碳”产业园等示范工程建设",
        # article: "介休安泰"
        "location": "140781",
        "location_basis": "article",
        "owner": "安泰",
        "level": "province",
        "category": "industry",
        "nature": "continuing",
        "cluster": "新能源",
        "tags": ["省重点", "市重点", "转型项目"],
        "content": "建设绿电供应、储能和余热余压利用设施，打造“零碳”产业园示范工程",
        "total_investment": D(450000),
        "invested_before": D(150000),
        "annual_plan": D(90000),
        "actual_start": date(2024, 6, 1),
        "planned_completion": date(2026, 12, 31),
        "profile": "on_track",
    },
    {
        "name": "左权箕山抽水蓄能电站",
        "source_sentence": "加快左权箕山等抽水蓄能项目建设",
        # article: "左权箕山"
        "location": "140722",
        "location_basis": "article",
        "level": "province",
        "category": "infrastructure",
        "nature": "continuing",
        "cluster": "新能源",
        "tags": ["省重点", "市重点", "两重"],
        "content": "建设抽水蓄能电站上下水库、输水系统、地下厂房及开关站",
        "total_investment": D(840000),
        "invested_before": D(120000),
        "annual_plan": D(110000),
        "actual_start": date(2024, 4, 20),
        "planned_completion": date(2030, 12, 31),
        "profile": "invest_yellow",
    },
    {
        "name": "东山供水工程",
        "source_sentence": "推动东山供水工程运行达效,夯实中部城市群供水保障",
        # [INFERRED] The article does not place it; the scheme serves the 榆次 urban area and its east, so
        # 榆次区 is the most plausible county (it may span several).
        "location": "140702",
        "location_basis": "[INFERRED]",
        "level": "province",
        "category": "infrastructure",
        "nature": "completed",
        "cluster": "",
        "tags": ["省重点", "市重点", "两重", "专项债"],
        "content": "输配水管网和受水区配套工程完工，工程按设计规模稳定供水",
        "total_investment": D(380000),
        "invested_before": D(340000),
        "annual_plan": D(40000),
        "actual_start": date(2021, 4, 1),
        "planned_completion": date(2025, 9, 30),
        "actual_completion": date(2025, 9, 25),
        "profile": "on_track",
    },
    {
        "name": "榆社区块非常规天然气增储上产项目",
        "source_sentence": _GAS,
        # article: "榆社…区块"
        "location": "140721",
        "location_basis": "article",
        "level": "city",
        "category": "industry",
        "nature": "continuing",
        "cluster": "新能源",
        "tags": ["市重点", "转型项目"],
        "content": "新钻开发井，建设集输管线和增压站，提高非常规天然气产能",
        "total_investment": D(150000),
        "invested_before": D(60000),
        "annual_plan": D(40000),
        "actual_start": date(2023, 5, 1),
        "planned_completion": date(2026, 12, 31),
        "profile": "on_track",
    },
    {
        "name": "左权西区块非常规天然气增储上产项目",
        "source_sentence": _GAS,
        # article: "左权西等区块"
        "location": "140722",
        "location_basis": "article",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "cluster": "新能源",
        "tags": ["市重点", "转型项目"],
        "content": "新建开发井组、集输管线和处理站",
        "total_investment": D(150000),
        "annual_plan": D(40000),
        "planned_start": date(2025, 6, 15),
        "planned_completion": date(2027, 12, 31),
        "profile": "start_red",
    },
    {
        "name": "“奥莱”消费新地标项目",
        "source_sentence": _LANDMARKS,
        # [INFERRED] Not placed by the article; 榆次区, the city's main urban district.
        "location": "140702",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "other",
        "nature": "continuing",
        "cluster": "",
        "tags": ["市重点"],
        "content": "建设奥特莱斯商业街区及配套停车、游客服务设施",
        "total_investment": D(150000),
        "invested_before": D(60000),
        "annual_plan": D(50000),
        "actual_start": date(2024, 4, 1),
        "planned_completion": date(2025, 12, 31),
        "profile": "on_track",
    },
    {
        "name": "“双万达”城市综合体项目",
        "source_sentence": _LANDMARKS,
        # [INFERRED] Not placed by the article; 榆次区.
        "location": "140702",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "other",
        "nature": "continuing",
        "cluster": "",
        "tags": ["市重点"],
        "content": "建设万达广场购物中心、商业步行街及配套设施",
        "total_investment": D(200000),
        "invested_before": D(90000),
        "annual_plan": D(60000),
        "actual_start": date(2024, 3, 20),
        "planned_completion": date(2026, 6, 30),
        "profile": "on_track",
    },
    {
        "name": "“未来无限城”项目",
        "source_sentence": _LANDMARKS,
        # [INFERRED] Not placed by the article; 榆次区.
        "location": "140702",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "other",
        "nature": "new",
        "cluster": "",
        "tags": ["市重点"],
        "content": "建设集商业、文娱、运动于一体的消费综合体",
        "total_investment": D(120000),
        "annual_plan": D(40000),
        "planned_start": date(2025, 3, 20),
        "actual_start": date(2025, 3, 28),
        "registered_on": date(2025, 4, 25),
        "planned_completion": date(2027, 6, 30),
        "profile": "on_track",
    },
    {
        "name": "“晋商公园带”项目",
        "source_sentence": _LANDMARKS,
        # [INFERRED] Not placed by the article; 榆次区.
        "location": "140702",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "ecology",
        "nature": "continuing",
        "cluster": "文旅",
        "tags": ["市重点", "专项债"],
        "content": "建设晋商文化主题公园带、慢行系统和商业配套",
        "total_investment": D(80000),
        "invested_before": D(30000),
        "annual_plan": D(25000),
        "actual_start": date(2024, 5, 10),
        "planned_completion": date(2025, 12, 31),
        "profile": "ahead",
    },
    {
        "name": "“太行一号”旅游公路沿线乡村旅游驿站项目",
        "source_sentence": "在“太行一号”旅游公路沿线建设一批乡村旅游驿站",
        # [INFERRED] 太行一号 runs through several of 晋中's mountain counties (public knowledge); the article
        # does not say which stations; put in 和顺县, one of them.
        "location": "140723",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "cluster": "文旅",
        "tags": ["市重点", "专项债"],
        "content": "在“太行一号”旅游公路沿线建设乡村旅游驿站及停车、观景和补给设施",
        "total_investment": D(8000),
        "annual_plan": D(5000),
        "planned_start": date(2025, 4, 10),
        "actual_start": date(2025, 4, 16),
        "registered_on": date(2025, 5, 20),
        "planned_completion": date(2025, 11, 30),
        "profile": "on_track",
    },
    {
        "name": "钟村墓地考古遗址保护利用项目",
        "source_sentence": "加快钟村墓地考古发现研究和保护性利用",
        # [INFERRED] 昔阳县, as taizhang/demo/plan2025.py places the site; the article does not say.
        "location": "140724",
        "location_basis": "[INFERRED]",
        "level": "city",
        "category": "industry",
        "nature": "preparatory",
        "cluster": "文旅",
        "tags": ["市重点"],
        "content": "编制考古遗址保护利用规划，建设遗址展示和研究设施",
        "total_investment": D(20000),
        "annual_plan": D(600),
        "planned_completion": None,
        "profile": "preparatory",
        "start_year": 2026,
        "end_year": 2028,
    },
]


def article_projects() -> list[dict]:
    """The projects above as full master records (missing facts filled as the simulator's are)."""
    rows = []
    for row in PROJECTS:
        project = {
            "code": "",
            "level": "city",
            "owner": "",
            "cluster": "",
            "tags": [],
            "invested_before": D(0),
            "planned_start": None,
            "actual_start": None,
            "planned_completion": None,
            "actual_completion": None,
            "registered": False,
            "registered_on": None,
            "resumed": False,
            "signed": False,
            "expected_output": None,
            "actual_output": None,
        } | row
        project["tags"] = list(project["tags"])
        project["responsible_unit"] = project["location"]
        nature, start = project["nature"], project["actual_start"]
        if nature in ("continuing", "completed"):
            # carried over from earlier years: planned = actual start, 入库 long ago, 复工 after winter
            project["planned_start"] = project["planned_start"] or start
            project["registered"] = True
            project["registered_on"] = project["registered_on"] or date(start.year, start.month, 28)
            project["resumed"] = True
        elif project["registered_on"] is not None:
            project["registered"] = True
        project.setdefault("start_year", start.year if start else 2025)
        completion = project["planned_completion"]
        project.setdefault("end_year", completion.year if completion else project["start_year"] + 1)
        for proc in ("proc_approval", "proc_land", "proc_planning", "proc_eia"):
            project[proc] = nature != "preparatory" or proc == "proc_approval"
        project["proc_construction"] = start is not None
        rows.append(project)
    return rows
