"""晋中市's units (glossary §6). Codes of counties are GB/T 2260; the reporting order of the 12
county-level units follows the 2025 督察 case lists (榆次区、综改区晋中开发区、太谷区 …).

Department names marked [INFERRED] in glossary §6.2 follow the 山西 post-2019 naming pattern and
must be confirmed with the client.
"""

from taizhang.accounts.choices import UnitKind

# (code, full name, short name)
OFFICES = [
    ("szfb", "晋中市人民政府办公室", "市政府办公室"),
    ("dcs", "晋中市委市政府督查室", "市督查室"),
    ("sld", "晋中市领导", "市领导"),
]

DEPARTMENTS = [
    ("fgw", "晋中市发展和改革委员会", "市发改委"),
    ("gxj", "晋中市工业和信息化局", "市工信局"),
    ("swj", "晋中市商务局", "市商务局"),
    ("wlj", "晋中市文化和旅游局", "市文旅局"),
    ("tjj", "晋中市统计局", "市统计局"),
    ("zjj", "晋中市住房和城乡建设局", "市住建局"),
    ("cgj", "晋中市城市管理局", "市城管局"),
    ("sthjj", "晋中市生态环境局", "市生态环境局"),
    ("slj", "晋中市水利局", "市水利局"),
    ("nyncj", "晋中市农业农村局", "市农业农村局"),
    ("gzj", "晋中市规划和自然资源局", "市规划和自然资源局"),
    ("jtj", "晋中市交通运输局", "市交通运输局"),
    ("nyj", "晋中市能源局", "市能源局"),
    ("kjj", "晋中市科学技术局", "市科技局"),
    ("czj", "晋中市财政局", "市财政局"),
    ("xzspj", "晋中市行政审批服务管理局", "市行政审批局"),
    ("yshjj", "晋中市营商环境建设局", "市营商环境建设局"),
    ("scjgj", "晋中市市场监督管理局", "市市场监管局"),
    ("rsj", "晋中市人力资源和社会保障局", "市人社局"),
    ("gzw", "晋中市人民政府国有资产监督管理委员会", "市国资委"),
    ("jyj", "晋中市教育局", "市教育局"),
    ("sjj", "晋中市数据局", "市数据局"),
    ("zzb", "中共晋中市委组织部", "市委组织部"),
]

# The 12 reporting units in the order city reports list them.
COUNTIES = [
    ("140702", "榆次区", "榆次区", UnitKind.COUNTY),
    ("jzkfq", "山西转型综合改革示范区晋中开发区", "晋中开发区", UnitKind.ZONE),
    ("140703", "太谷区", "太谷区", UnitKind.COUNTY),
    ("140727", "祁县", "祁县", UnitKind.COUNTY),
    ("140728", "平遥县", "平遥县", UnitKind.COUNTY),
    ("140781", "介休市", "介休市", UnitKind.COUNTY),
    ("140729", "灵石县", "灵石县", UnitKind.COUNTY),
    ("140725", "寿阳县", "寿阳县", UnitKind.COUNTY),
    ("140724", "昔阳县", "昔阳县", UnitKind.COUNTY),
    ("140723", "和顺县", "和顺县", UnitKind.COUNTY),
    ("140722", "左权县", "左权县", UnitKind.COUNTY),
    ("140721", "榆社县", "榆社县", UnitKind.COUNTY),
]


def all_units() -> list[tuple[str, str, str, str, int]]:
    """(code, name, short name, kind, order) for every unit."""
    rows = [(c, n, s, UnitKind.OFFICE, i) for i, (c, n, s) in enumerate(OFFICES)]
    rows += [(c, n, s, UnitKind.DEPARTMENT, i) for i, (c, n, s) in enumerate(DEPARTMENTS)]
    rows += [(c, n, s, k, i) for i, (c, n, s, k) in enumerate(COUNTIES)]
    return rows
