"""Enterprises: 统一社会信用代码 validation, size tiers (十百千), cluster scale computed from members.

Pure functions on plain values, standard library only (plus taizhang.core.schedule, itself pure), so every
rule can be table-tested; Django code only moves data in and out (CONTRIBUTING.md rule 4). No Django import,
ever. Amounts are in 万元, as the project code stores them (100亿元 = 1,000,000万元).

Sources
-------
- 统一社会信用代码: GB 32100-2015《法人和其他组织统一社会信用代码编码规则》, with GB 11714-1997《全国组织
  机构代码编制规则》 for its 主体标识码. Rules implemented (``validate_uscc``):
  * 18 characters from the code set 0–9 and A–Z without I, O, Z, S, V (31 characters, valued 0–30 in this
    order: 0123456789ABCDEFGHJKLMNPQRTUWXY);
  * position 1 登记管理部门代码 and position 2 机构类别代码, pairs as tabled in ``REGISTRATION_AUTHORITIES``:
    1 机构编制 → 1 机关, 2 事业单位, 3 中央编办直接管理机构编制的群众团体, 9 其他; 2 外交 → 1, 9; 3 司法行政 →
    1, 2, 3, 4, 5, 9; 4 文化 → 1, 9; 5 民政 → 1 社会团体, 2 民办非企业单位, 3 基金会, 9 其他; 6 旅游 → 1, 2, 9;
    7 宗教 → 1, 2, 9; 8 工会 → 1, 9; 9 工商 → 1 企业, 2 个体工商户, 3 农民专业合作社; A 中央军委改革和编制办公室 →
    1, 9; N 农业 → 1, 2, 3, 9; Y 其他 → 1. The standard's text was not read here: the table is the one that
    several independent public implementations reproduce identically [INFERRED: whether rows A and N are
    in the 2015 text or a later amendment was not checked]. A pair outside it is refused: extend the table
    if a real code needs it;
  * positions 3–8 登记管理机关行政区划码: six digits (GB/T 2260). Only the form is checked, not that the
    division exists (codes keep the division of the day they were issued, and divisions are renamed);
  * positions 9–17 主体标识码 = 组织机构代码 (GB 11714): 8 body characters (0–9 → 0–9, A–Z → 10–35) and a
    check character at position 17: weights 3, 7, 9, 10, 5, 8, 4, 2; C9 = 11 − (Σ mod 11); 10 → "X", 11 → "0";
  * position 18 校验码: weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 (3^i mod 31) over
    positions 1–17 with the values above; C18 = 31 − (Σ mod 31), 31 → 0, written with the same code set.
  Because 31 is prime and the weights are non-zero and distinct mod 31, a single wrong character, or a
  swap of two different adjacent characters, in positions 1–17 always changes the check character: such a
  typo is always refused (tested for every substitution of every published code in the tests).
- Size tiers (``Tier``): glossary §4 "十百千"工业企业 ([INFERRED] ≈ 10户百亿级 / 100户十亿级 / 1000+户规上;
  百亿企业 3 → 8, "年内有望达10户"; 规上工业企业 1164户); glossary §9 规模以上工业 = 年主营业务收入 ≥ 2000万元
  [CONFIRMED]. The 亿元级 band is issue 4's. The bands are of annual 营业收入 (主营业务收入) [INFERRED: 晋中
  工信局 does not say whether 百亿企业 is measured by 营业收入 or 产值]; thresholds are a parameter.
- Count targets ("百亿企业年内达10户", glossary §4) use the schedule engine's completion with a baseline
  (``taizhang.core.schedule.completion_rate``, the formula of TargetKind.COUNT), reused, not re-derived.
- Clusters: issue 4 point 1 and the article (3 千亿级 clusters 煤炭, 焦化和冶金, 文旅; 五百亿级 新能源(醇氢)汽车,
  装备制造, 现代物流, 新材料 …; 百亿级 低空经济, 医疗健康, 新能源, 食品加工, 人工智能 …). A cluster's scale is
  the sum of its members' approved figures (report once, glossary §7: "同类材料最多报一次", one source per
  field), never typed in; a missing figure is listed, never taken as 0.

Rounding: as taizhang.core.schedule ("Rounding decision"): percentages are computed from unrounded values
(in Decimal) and rounded once for display with ``round1`` (ROUND_HALF_UP on Decimal(str(value))).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from taizhang.core.schedule import completion_rate, round1

__all__ = [
    "CLUSTER_TIER_LABELS",
    "CODE_CHARS",
    "DEFAULT_CLUSTER_THRESHOLDS",
    "DEFAULT_TIER_THRESHOLDS",
    "ORG_CODE_WEIGHTS",
    "REGISTRATION_AUTHORITIES",
    "TIER_LABELS",
    "USCC_WEIGHTS",
    "Amount",
    "ClusterScale",
    "ClusterThresholds",
    "ClusterTier",
    "CountProgress",
    "ScaleProgress",
    "Tier",
    "TierCounts",
    "TierThresholds",
    "UsccInfo",
    "cluster_progress",
    "cluster_scale",
    "cluster_tier",
    "describe_uscc",
    "normalise_uscc",
    "org_code_check_char",
    "round1",
    "target_progress",
    "tier_counts",
    "tier_of",
    "uscc_check_char",
    "validate_uscc",
]

Amount = Decimal | float | int


# ---------------------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------------------


def _decimal(value: object, what: str) -> Decimal:
    """A finite Decimal from an int, float or Decimal (floats via str: 0.1 stays 0.1); else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(f"{what}应为数字，收到“{value}”")
    result = value if isinstance(value, Decimal) else Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"{what}应为数字，收到“{value}”")
    return result


def _amount(value: object, what: str) -> Decimal:
    """A non-negative amount (万元)."""
    amount = _decimal(value, what)
    if amount < 0:
        raise ValueError(f"{what}不能为负数，收到{value}")
    return amount


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}应为整数户数，收到“{value}”")
    if value < 0:
        raise ValueError(f"{what}不能为负数，收到{value}")
    return value


_WAN_PER_YI = Decimal(10000)


def _yi(amount_wan: Decimal) -> str:
    """万元 shown in 亿元 to one decimal: 8563000 → "856.3亿元"."""
    return f"{round1(amount_wan / _WAN_PER_YI)}亿元"


# ---------------------------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015) and its 组织机构代码 (GB 11714-1997)
# ---------------------------------------------------------------------------------------------------------

CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 code set: A–Z without I, O, Z, S, V; value = index
_CODE_VALUES = {char: value for value, char in enumerate(CODE_CHARS)}
_NOT_USED = "IOZSV"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^i mod 31, positions 1–17
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714, body positions 1–8
USCC_LENGTH = 18
_FIELD = "统一社会信用代码"

# GB 32100-2015 表1 as reproduced by public implementations (module docstring): 登记管理部门代码 →
# (登记管理部门, {机构类别代码: 机构类别}).
REGISTRATION_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他"},
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {"1": "其他"}),
}


def _one_of(codes: Iterable[str]) -> str:
    return "、".join(codes)


def normalise_uscc(text: str) -> str:
    """As typed → as stored: whitespace removed (also inside and full-width), full-width → half-width, upper-case.

    Only normalises; ``validate_uscc`` checks. Raises ValueError for a non-string.
    """
    if not isinstance(text, str):
        raise ValueError(f"{_FIELD}应为文本，收到“{text}”")
    half = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    return "".join(half.split()).upper()


def _illegal_char(position: int, char: str) -> ValueError:
    if char in _NOT_USED:
        why = "代码中不使用I、O、Z、S、V"
    else:
        why = "只能是数字0—9或大写英文字母，且不使用I、O、Z、S、V"
    return ValueError(f"{_FIELD}第{position}位“{char}”不是有效字符（{why}）")


def _check_chars(text: str, start: int = 1) -> None:
    for position, char in enumerate(text, start):
        if char not in _CODE_VALUES:
            raise _illegal_char(position, char)


def uscc_check_char(first17: str) -> str:
    """The 18th character (校验码) for the first 17 characters of a 统一社会信用代码 (GB 32100-2015).

    C18 = 31 − (Σ value × weight mod 31), 31 → 0, written with the code set. ``first17`` must already be
    normalised (upper-case, half-width); raises ValueError for a wrong length or a character outside the set.
    """
    if not isinstance(first17, str) or len(first17) != USCC_LENGTH - 1:
        raise ValueError(f"计算校验码需要统一社会信用代码的前17位，收到“{first17}”")
    _check_chars(first17)
    total = sum(_CODE_VALUES[char] * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return CODE_CHARS[(31 - total % 31) % 31]


def _org_value(char: str) -> int:
    if "0" <= char <= "9":
        return ord(char) - ord("0")
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    raise ValueError(f"组织机构代码本体只能是数字或大写英文字母，收到“{char}”")


def org_code_check_char(first8: str) -> str:
    """The 9th character of a 组织机构代码 (GB 11714-1997) for its 8 body characters.

    Values 0–9 → 0–9, A–Z → 10–35; weights 3, 7, 9, 10, 5, 8, 4, 2; C9 = 11 − (Σ mod 11); 10 → "X", 11 → "0".
    """
    if not isinstance(first8, str) or len(first8) != len(ORG_CODE_WEIGHTS):
        raise ValueError(f"计算组织机构代码校验码需要8位本体代码，收到“{first8}”")
    total = sum(_org_value(char) * weight for char, weight in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def validate_uscc(text: str) -> str:
    """The normalised 统一社会信用代码, or ValueError with a Chinese message naming the rule (module docstring).

    Checks, in order: not empty; 18 characters; each character in the code set; 第1位 登记管理部门代码;
    第2位 机构类别代码 allowed for that department; 第3—8位 six digits; 第9—17位 组织机构代码 check character
    (GB 11714); 第18位 校验码. The first failing rule is reported. Positions count in the normalised code.
    """
    code = normalise_uscc(text)
    if not code:
        raise ValueError(f"{_FIELD}不能为空")
    if len(code) != USCC_LENGTH:
        raise ValueError(f"{_FIELD}应为18位，实为{len(code)}位")
    _check_chars(code)

    authority, category = code[0], code[1]
    if authority not in REGISTRATION_AUTHORITIES:
        raise ValueError(
            f"{_FIELD}第1位登记管理部门代码“{authority}”无效（应为{_one_of(REGISTRATION_AUTHORITIES)}之一）"
        )
    department, categories = REGISTRATION_AUTHORITIES[authority]
    if category not in categories:
        raise ValueError(
            f"{_FIELD}第2位机构类别代码“{category}”与第1位登记管理部门“{authority}”（{department}）不符，"
            f"应为{_one_of(categories)}之一"
        )

    region = code[2:8]
    for position, char in enumerate(region, 3):
        if not char.isdigit():
            raise ValueError(f"{_FIELD}第3—8位登记管理机关行政区划码应为6位数字，第{position}位为“{char}”")

    org_code = code[8:17]
    expected_org = org_code_check_char(org_code[:8])
    if org_code[8] != expected_org:
        raise ValueError(
            f"{_FIELD}第9—17位组织机构代码“{org_code}”校验不通过：第17位应为“{expected_org}”，实为“{org_code[8]}”"
        )

    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValueError(f"{_FIELD}第18位校验码应为“{expected}”，实为“{code[17]}”")
    return code


@dataclass(frozen=True)
class UsccInfo:
    """The parts of a valid 统一社会信用代码, with the GB 32100 names of the first two."""

    code: str
    department: str  # 登记管理部门, e.g. 工商
    category: str  # 机构类别, e.g. 企业
    region_code: str  # 登记管理机关行政区划码 (GB/T 2260), e.g. 140700 (晋中市)
    org_code: str  # 主体标识码 = 组织机构代码, 9 characters

    @property
    def org_code_display(self) -> str:
        """组织机构代码 as printed on the old certificates: "19220382-1"."""
        return f"{self.org_code[:8]}-{self.org_code[8]}"


def describe_uscc(text: str) -> UsccInfo:
    """Validate (``validate_uscc``, same errors) and split into parts."""
    code = validate_uscc(text)
    department, categories = REGISTRATION_AUTHORITIES[code[0]]
    return UsccInfo(code, department, categories[code[1]], code[2:8], code[8:17])


# ---------------------------------------------------------------------------------------------------------
# Enterprise size tiers (十百千) and count targets
# ---------------------------------------------------------------------------------------------------------


class Tier(StrEnum):
    """Revenue band of one enterprise for one year, highest first (module docstring)."""

    HUNDRED_YI = "hundred_yi"  # 百亿级: ≥ 100亿元
    TEN_YI = "ten_yi"  # 十亿级: ≥ 10亿元
    ONE_YI = "one_yi"  # 亿元级: ≥ 1亿元
    ABOVE_SCALE = "above_scale"  # 规上: ≥ 2000万元
    BELOW_SCALE = "below_scale"  # 规下: below 2000万元


TIER_LABELS: dict[Tier, str] = {
    Tier.HUNDRED_YI: "百亿级",
    Tier.TEN_YI: "十亿级",
    Tier.ONE_YI: "亿元级",
    Tier.ABOVE_SCALE: "规上",
    Tier.BELOW_SCALE: "规下",
}


@dataclass(frozen=True)
class TierThresholds:
    """Lower bounds (含) of the bands, in 万元 of annual 营业收入 (主营业务收入). A setting.

    - ``above_scale`` 2000万元: glossary §9, 规模以上工业企业 = 年主营业务收入 ≥ 2000万元 [CONFIRMED]. It is the
      industrial threshold (限额以上 trade and catering use others, §9). Being over it is not being 规上: 规上
      is the statistics bureau's annual directory (an enterprise's 规上 flag, "规上工业企业1164户" is that
      directory's count); ``Tier.ABOVE_SCALE`` only says the revenue is in that band.
    - ``hundred_yi`` 100亿元, ``ten_yi`` 10亿元: glossary §4 "十百千" [INFERRED: 10户百亿级 / 100户十亿级].
    - ``one_yi`` 1亿元: issue 4's 亿元级 [INFERRED: no published definition].
    """

    hundred_yi: Amount = 1_000_000
    ten_yi: Amount = 100_000
    one_yi: Amount = 10_000
    above_scale: Amount = 2_000

    def __post_init__(self) -> None:
        names = {"hundred_yi": "百亿级", "ten_yi": "十亿级", "one_yi": "亿元级", "above_scale": "规上"}
        for name, label in names.items():
            object.__setattr__(self, name, _amount(getattr(self, name), f"{label}门槛"))
        if not self.hundred_yi > self.ten_yi > self.one_yi > self.above_scale > 0:
            raise ValueError("企业规模门槛应满足 百亿级 > 十亿级 > 亿元级 > 规上 > 0（单位：万元）")

    def bounds(self) -> tuple[tuple[Tier, Decimal], ...]:
        """(tier, lower bound) from the highest band down; BELOW_SCALE has none."""
        return (
            (Tier.HUNDRED_YI, self.hundred_yi),
            (Tier.TEN_YI, self.ten_yi),
            (Tier.ONE_YI, self.one_yi),
            (Tier.ABOVE_SCALE, self.above_scale),
        )


DEFAULT_TIER_THRESHOLDS = TierThresholds()


def tier_of(revenue_wan: Amount, thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS) -> Tier:
    """The band of an annual revenue in 万元; each lower bound belongs to its band (100亿元 is 百亿级).

    Raises ValueError for a missing, negative or non-numeric revenue: a missing figure has no tier (it is
    not 规下); ``tier_counts`` counts it apart.
    """
    if revenue_wan is None:
        raise ValueError("营业收入缺失，无法确定企业规模档次")
    revenue = _amount(revenue_wan, "营业收入")
    for tier, bound in thresholds.bounds():
        if revenue >= bound:
            return tier
    return Tier.BELOW_SCALE


@dataclass(frozen=True)
class TierCounts:
    """How many enterprises fall in each band (every tier present, 0 included), and how many have no figure."""

    counts: dict[Tier, int]
    missing: int = 0

    @property
    def total(self) -> int:
        """Enterprises with a figure (``missing`` not included)."""
        return sum(self.counts.values())

    def at_least(self, tier: Tier) -> int:
        """Enterprises in ``tier`` or above: "百亿企业8户" is at_least(HUNDRED_YI); 十亿级及以上 includes 百亿级."""
        order = list(Tier)
        return sum(self.counts[t] for t in order[: order.index(Tier(tier)) + 1])


def tier_counts(
    revenues: Iterable[Amount | None], thresholds: TierThresholds = DEFAULT_TIER_THRESHOLDS
) -> TierCounts:
    """Count annual revenues (万元) per band; None (no approved figure) is counted as ``missing``."""
    counts = dict.fromkeys(Tier, 0)
    missing = 0
    for revenue in revenues:
        if revenue is None:
            missing += 1
        else:
            counts[tier_of(revenue, thresholds)] += 1
    return TierCounts(counts, missing)


@dataclass(frozen=True)
class CountProgress:
    """A count target ("百亿企业年内达10户") against the current count, from a baseline count.

    ``completion`` is the schedule engine's (TargetKind.COUNT): (count − baseline) / (target − baseline) × 100,
    unrounded, None when target == baseline. ``remaining`` is what is still needed (0 once reached); for a
    reduction target (target < baseline) it is how many must still go.
    """

    count: int
    target: int
    baseline: int
    completion: float | None
    remaining: int

    @property
    def gained(self) -> int:
        """count − baseline (negative when the count fell)."""
        return self.count - self.baseline

    @property
    def reached(self) -> bool:
        return self.remaining == 0

    @property
    def label(self) -> str:
        """ "8户，目标10户（基数3户），完成71.4%，还差2户"."""
        shown = f"{round1(self.completion)}%" if self.completion is not None else "—"
        tail = "已达目标" if self.reached else f"还差{self.remaining}户"
        return f"{self.count}户，目标{self.target}户（基数{self.baseline}户），完成{shown}，{tail}"


def target_progress(count: int, target: int, baseline: int = 0) -> CountProgress:
    """Progress of a count against a count target from a baseline (glossary §4: 百亿企业 3 → 8, target 10).

    Which baseline is a property of the target: "由3户增加至8户" over the years since 3, or the count at the
    start of the target's year (then 8 → 10, and 9 is 50%). Counts are non-negative ints (ValueError else).
    """
    count = _count(count, "企业户数")
    target = _count(target, "目标户数")
    baseline = _count(baseline, "基数户数")
    if target >= baseline:
        remaining = max(target - count, 0)
    else:
        remaining = max(count - target, 0)
    return CountProgress(count, target, baseline, completion_rate(count, target, baseline), remaining)


# ---------------------------------------------------------------------------------------------------------
# Clusters: scale from members, tier, progress to a target scale
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterScale:
    """A cluster's scale (万元) = the sum of its members' approved figures.

    ``counted`` are the members whose figure is in ``total``; ``missing`` the members without an approved
    figure (listed, never taken as 0: ``total`` is then a lower bound). Both in input order.
    """

    cluster: Hashable
    total: Decimal = Decimal(0)
    counted: tuple[Hashable, ...] = ()
    missing: tuple[Hashable, ...] = ()

    @property
    def members(self) -> int:
        return len(self.counted) + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def label(self) -> str:
        """ "856.3亿元（35户）" or "856.3亿元（35户，其中2户未报）"."""
        tail = f"，其中{len(self.missing)}户未报" if self.missing else ""
        return f"{_yi(self.total)}（{self.members}户{tail}）"


def _clusters_of(enterprise_id: Hashable, clusters: object) -> list[Hashable]:
    if clusters is None:
        return []
    if isinstance(clusters, str):  # one cluster given bare, not a string of one-letter clusters
        return [clusters]
    try:
        items = list(clusters)
    except TypeError:
        raise ValueError(f"企业“{enterprise_id}”的所属产业集群应为集群列表，收到“{clusters}”") from None
    return list(dict.fromkeys(items))  # a cluster repeated for one enterprise counts once


def cluster_scale(
    members: Iterable[tuple[Hashable, Iterable[Hashable] | Hashable | None, Amount | None]],
) -> dict[Hashable, ClusterScale]:
    """Scale of every cluster named in ``members``, in first-seen order.

    ``members`` are plain (enterprise_id, clusters, approved figure in 万元 or None) tuples, one per enterprise.
    An enterprise in two clusters counts in BOTH clusters' scales (each cluster is measured whole), so the
    cluster totals must not be added up into a city total. An enterprise in no cluster is in none. A
    missing figure (None) lists the enterprise in ``missing``; 0 is a reported zero and is counted. The same
    enterprise twice is refused (a figure is reported once, glossary §7), as are negative figures.
    """
    seen: set[Hashable] = set()
    totals: dict[Hashable, Decimal] = {}
    counted: dict[Hashable, list[Hashable]] = {}
    missing: dict[Hashable, list[Hashable]] = {}
    for enterprise_id, clusters, figure in members:
        if enterprise_id in seen:
            raise ValueError(f"企业“{enterprise_id}”重复出现：每户企业的数据只报一次")
        seen.add(enterprise_id)
        amount = None if figure is None else _amount(figure, f"企业“{enterprise_id}”的产值或营业收入")
        for cluster in _clusters_of(enterprise_id, clusters):
            totals.setdefault(cluster, Decimal(0))
            counted.setdefault(cluster, [])
            missing.setdefault(cluster, [])
            if amount is None:
                missing[cluster].append(enterprise_id)
            else:
                totals[cluster] += amount
                counted[cluster].append(enterprise_id)
    return {
        cluster: ClusterScale(cluster, totals[cluster], tuple(counted[cluster]), tuple(missing[cluster]))
        for cluster in totals
    }


class ClusterTier(StrEnum):
    THOUSAND_YI = "thousand_yi"  # 千亿级: ≥ 1000亿元
    FIVE_HUNDRED_YI = "five_hundred_yi"  # 五百亿级: ≥ 500亿元
    HUNDRED_YI = "hundred_yi"  # 百亿级: ≥ 100亿元
    OTHER = "other"


CLUSTER_TIER_LABELS: dict[ClusterTier, str] = {
    ClusterTier.THOUSAND_YI: "千亿级",
    ClusterTier.FIVE_HUNDRED_YI: "五百亿级",
    ClusterTier.HUNDRED_YI: "百亿级",
    ClusterTier.OTHER: "其他",
}


@dataclass(frozen=True)
class ClusterThresholds:
    """Lower bounds (含) of the cluster tiers in 万元: the article's 千亿级 / 五百亿级 / 百亿级 by their names.

    [INFERRED] The article's tiers are designations and goals (文旅 is called 千亿级); ``cluster_tier`` gives
    the tier the computed scale has reached, to be shown beside the designated one, not to replace it.
    """

    thousand_yi: Amount = 10_000_000
    five_hundred_yi: Amount = 5_000_000
    hundred_yi: Amount = 1_000_000

    def __post_init__(self) -> None:
        names = {"thousand_yi": "千亿级", "five_hundred_yi": "五百亿级", "hundred_yi": "百亿级"}
        for name, label in names.items():
            object.__setattr__(self, name, _amount(getattr(self, name), f"{label}集群门槛"))
        if not self.thousand_yi > self.five_hundred_yi > self.hundred_yi > 0:
            raise ValueError("产业集群门槛应满足 千亿级 > 五百亿级 > 百亿级 > 0（单位：万元）")


DEFAULT_CLUSTER_THRESHOLDS = ClusterThresholds()


def cluster_tier(
    total_wan: Amount, thresholds: ClusterThresholds = DEFAULT_CLUSTER_THRESHOLDS
) -> ClusterTier:
    """The tier a cluster scale (万元) has reached; each lower bound belongs to its tier (1000亿元 is 千亿级)."""
    total = _amount(total_wan, "产业集群规模")
    for tier, bound in (
        (ClusterTier.THOUSAND_YI, thresholds.thousand_yi),
        (ClusterTier.FIVE_HUNDRED_YI, thresholds.five_hundred_yi),
        (ClusterTier.HUNDRED_YI, thresholds.hundred_yi),
    ):
        if total >= bound:
            return tier
    return ClusterTier.OTHER


@dataclass(frozen=True)
class ScaleProgress:
    """A cluster's annual scale in ``year`` against a target scale for ``target_year`` (amounts in 万元).

    ``completion``: the schedule engine's completion_rate, (current − baseline) / (target − baseline) × 100,
    baseline 0 unless given; None when target == baseline. ``required_growth``: the average annual growth
    (%, compound) still needed, (target / current)^(1 / years_left) − 1; None once reached, when no year is
    left, or when the current scale is 0. Unrounded; ``round1`` for display.
    """

    current: Decimal
    target: Decimal
    year: int
    target_year: int
    baseline: Decimal | None
    completion: float | None
    remaining: Decimal
    required_growth: float | None
    members_missing: int = 0

    @property
    def years_left(self) -> int:
        return self.target_year - self.year

    @property
    def reached(self) -> bool:
        return self.remaining == 0

    @property
    def label(self) -> str:
        """ "2025年856.3亿元，目标2027年1000.0亿元，还差143.7亿元，需年均增长8.1%"."""
        head = f"{self.year}年{_yi(self.current)}，目标{self.target_year}年{_yi(self.target)}"
        if self.reached:
            tail = "，已达目标"
        elif self.required_growth is not None:
            tail = f"，还差{_yi(self.remaining)}，需年均增长{round1(self.required_growth)}%"
        elif self.years_left <= 0:
            tail = f"，还差{_yi(self.remaining)}，目标年份已到"
        else:
            tail = f"，还差{_yi(self.remaining)}"
        if self.members_missing:
            tail += f"（{self.members_missing}户企业未报，规模偏小）"
        return head + tail


def _year(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
        raise ValueError(f"{what}无效：{value}")
    return value


def cluster_progress(
    scale: ClusterScale | Amount,
    *,
    target: Amount,
    target_year: int,
    year: int,
    baseline: Amount | None = None,
) -> ScaleProgress:
    """Progress of a cluster's scale (a ``ClusterScale`` or an amount in 万元, the full-year figure of
    ``year``) towards ``target`` (万元) by ``target_year``, from an optional ``baseline`` scale.

    A ``ClusterScale`` with missing members carries their number, so the label says the scale is a lower
    bound. Raises ValueError for bad amounts or years, or a target year before ``year``.
    """
    missing = 0
    if isinstance(scale, ClusterScale):
        current, missing = scale.total, len(scale.missing)
    else:
        current = _amount(scale, "产业集群规模")
    goal = _amount(target, "目标规模")
    base = None if baseline is None else _amount(baseline, "基期规模")
    year = _year(year, "年份")
    target_year = _year(target_year, "目标年份")
    if target_year < year:
        raise ValueError(f"目标年份{target_year}早于当前年份{year}")
    remaining = max(goal - current, Decimal(0))
    years_left = target_year - year
    required = None
    if remaining > 0 and years_left > 0 and current > 0:
        required = (float(goal / current) ** (1 / years_left) - 1) * 100
    return ScaleProgress(
        current=current,
        target=goal,
        year=year,
        target_year=target_year,
        baseline=base,
        completion=completion_rate(current, goal, base),
        remaining=remaining,
        required_growth=required,
        members_missing=missing,
    )
