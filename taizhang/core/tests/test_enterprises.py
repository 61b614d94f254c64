"""Table-driven tests for taizhang.core.enterprises (统一社会信用代码, 十百千 size tiers, cluster scale).

Pure Python: no Django, no database. Run with
    .venv/bin/python -m pytest -q -p no:cacheprovider taizhang/core/tests/test_enterprises.py

Published figures: shared/domain/glossary.md §4 (百亿企业 3 → 8, "年内有望达10户"; 规上工业企业 1164户), §9
(规上 = 年主营业务收入 ≥ 2000万元), the article's 产业矩阵 (3 千亿级 clusters, 五百亿级 and 百亿级 ones).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.core import enterprises
from taizhang.core.enterprises import (
    CLUSTER_TIER_LABELS,
    CODE_CHARS,
    REGISTRATION_AUTHORITIES,
    TIER_LABELS,
    ClusterScale,
    ClusterThresholds,
    ClusterTier,
    CountProgress,
    Tier,
    TierCounts,
    TierThresholds,
    UsccInfo,
    cluster_progress,
    cluster_scale,
    cluster_tier,
    describe_uscc,
    normalise_uscc,
    org_code_check_char,
    target_progress,
    tier_counts,
    tier_of,
    uscc_check_char,
    validate_uscc,
)
from taizhang.core.schedule import TargetKind, evaluate, round1

# --------------------------------------------------------------------------------------------
# 统一社会信用代码: real, published codes
# --------------------------------------------------------------------------------------------

# (code, holder, 登记管理部门, 机构类别), each as published:
PUBLISHED_CODES = [
    # 华为技术有限公司: zh.wikipedia 華為 infobox, 機構代碼 (https://zh.wikipedia.org/zh-hk/華爲).
    ("914403001922038216", "华为技术有限公司", "工商", "企业"),
    # 深圳市腾讯计算机系统有限公司: the business-licence example report of check-china.com
    # (https://check-china.com/example_report/en/8), "Unified social credit code 91440300708461136T".
    ("91440300708461136T", "深圳市腾讯计算机系统有限公司", "工商", "企业"),
    # The codes below are printed in documents reproduced in public repositories (a procurement notice's
    # payee account, a rail e-ticket's 购票方, invoice details, a procurement contract, a registry lookup).
    # Each passes both check characters, which a mistyped code does with probability 1/341.
    ("12100000470095016Q", "浙江大学", "机构编制", "事业单位"),
    ("12100000425006117P", "复旦大学", "机构编制", "事业单位"),
    ("12310000425022547M", "上海工程技术大学", "机构编制", "事业单位"),
    ("12441400091783572D", "广东汉剧传承研究院", "机构编制", "事业单位"),
    ("11440000006939561H", "中共广东省委宣传部", "机构编制", "机关"),
    ("81440000742971228Y", "中共广东省委宣传部机关工会委员会", "工会", "基层工会"),
    ("91140106713678575D", "山西晋韵古建筑有限公司", "工商", "企业"),  # 140106 = 太原市迎泽区
    # The test code of github.com/HerbertHe/chinese-unique-identification-code: its 组织机构代码 check is "X".
    ("9135052155323005XL", "（未具名）", "工商", "企业"),
]
CODES = [code for code, *_ in PUBLISHED_CODES]
HUAWEI = "914403001922038216"


@pytest.mark.parametrize(("code", "holder", "department", "category"), PUBLISHED_CODES)
def test_published_codes_are_valid_and_described(code, holder, department, category):
    assert validate_uscc(code) == code
    info = describe_uscc(code)
    assert isinstance(info, UsccInfo)
    assert (info.department, info.category) == (department, category), holder
    assert info.region_code == code[2:8]
    assert info.org_code == code[8:17]


@pytest.mark.parametrize("code", CODES)
def test_check_characters_of_published_codes(code):
    assert uscc_check_char(code[:17]) == code[17]
    assert org_code_check_char(code[8:16]) == code[16]


def test_describe_prints_the_organisation_code_as_on_the_old_certificate():
    assert describe_uscc(HUAWEI).org_code_display == "19220382-1"
    assert describe_uscc("91140106713678575D").region_code == "140106"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (" 914403001922038216 ", HUAWEI),
        ("9144 0300 1922 0382 16", HUAWEI),  # grouped for reading
        ("９１４４０３００１９２２０３８２１６", HUAWEI),  # full-width digits
        ("9135052155323005\u3000xl", "9135052155323005XL"),  # full-width space, lower case
        ("９１３５０５２１５５３２３００５ｘｌ", "9135052155323005XL"),  # full-width lower-case letters
        ("\t91440300708461136t\n", "91440300708461136T"),
    ],
)
def test_codes_are_normalised(typed, code):
    assert normalise_uscc(typed) == code
    assert validate_uscc(typed) == code


# --------------------------------------------------------------------------------------------
# 统一社会信用代码: every error kind, on computed bad variants
# --------------------------------------------------------------------------------------------


def with_check(first17: str) -> str:
    """A code whose 18th character is right, so that only the rule under test can fail."""
    return first17 + uscc_check_char(first17)


def replace(code: str, position: int, char: str) -> str:
    """``code`` with the character at 1-based ``position`` replaced."""
    return code[: position - 1] + char + code[position:]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "统一社会信用代码不能为空"),
        ("  \u3000 ", "统一社会信用代码不能为空"),
        (HUAWEI[:17], "统一社会信用代码应为18位，实为17位"),
        (HUAWEI + "0", "统一社会信用代码应为18位，实为19位"),
        ("19220382-1", "统一社会信用代码应为18位，实为10位"),  # an old 组织机构代码 typed instead
        (replace(HUAWEI, 5, "O"), "统一社会信用代码第5位“O”不是有效字符（代码中不使用I、O、Z、S、V）"),
        (replace(HUAWEI, 11, "i"), "统一社会信用代码第11位“I”不是有效字符（代码中不使用I、O、Z、S、V）"),
        (replace(HUAWEI, 9, "Z"), "统一社会信用代码第9位“Z”不是有效字符（代码中不使用I、O、Z、S、V）"),
        (replace(HUAWEI, 17, "S"), "统一社会信用代码第17位“S”不是有效字符（代码中不使用I、O、Z、S、V）"),
        (replace(HUAWEI, 18, "V"), "统一社会信用代码第18位“V”不是有效字符（代码中不使用I、O、Z、S、V）"),
        (
            replace(HUAWEI, 12, "-"),
            "统一社会信用代码第12位“-”不是有效字符（只能是数字0—9或大写英文字母，且不使用I、O、Z、S、V）",
        ),
        (
            replace(HUAWEI, 3, "晋"),
            "统一社会信用代码第3位“晋”不是有效字符（只能是数字0—9或大写英文字母，且不使用I、O、Z、S、V）",
        ),
        (
            with_check("0" + HUAWEI[1:17]),
            "统一社会信用代码第1位登记管理部门代码“0”无效（应为1、2、3、4、5、6、7、8、9、A、N、Y之一）",
        ),
        (
            with_check("B" + HUAWEI[1:17]),
            "统一社会信用代码第1位登记管理部门代码“B”无效（应为1、2、3、4、5、6、7、8、9、A、N、Y之一）",
        ),
        (
            with_check("94" + HUAWEI[2:17]),
            "统一社会信用代码第2位机构类别代码“4”与第1位登记管理部门“9”（工商）不符，应为1、2、3之一",
        ),
        (
            with_check("99" + HUAWEI[2:17]),  # 工商 has no 9 其他
            "统一社会信用代码第2位机构类别代码“9”与第1位登记管理部门“9”（工商）不符，应为1、2、3之一",
        ),
        (
            with_check("Y2" + HUAWEI[2:17]),
            "统一社会信用代码第2位机构类别代码“2”与第1位登记管理部门“Y”（其他）不符，应为1之一",
        ),
        (
            with_check("51" + "44A300" + HUAWEI[8:17]),
            "统一社会信用代码第3—8位登记管理机关行政区划码应为6位数字，第5位为“A”",
        ),
        (
            with_check(HUAWEI[:16] + "2"),  # 组织机构代码 19220382-2: only its own check fails
            "统一社会信用代码第9—17位组织机构代码“192203822”校验不通过：第17位应为“1”，实为“2”",
        ),
        (
            with_check("9135052155323005" + "0"),  # "X" expected
            "统一社会信用代码第9—17位组织机构代码“553230050”校验不通过：第17位应为“X”，实为“0”",
        ),
        (replace(HUAWEI, 18, "7"), "统一社会信用代码第18位校验码应为“6”，实为“7”"),
        (replace("91440300708461136T", 18, "X"), "统一社会信用代码第18位校验码应为“T”，实为“X”"),
    ],
)
def test_each_error_kind_is_refused_with_a_precise_message(text, message):
    with pytest.raises(ValueError) as error:
        validate_uscc(text)
    assert str(error.value) == message


@pytest.mark.parametrize("text", [None, 914403001922038216, b"914403001922038216"])
def test_a_code_must_be_text(text):
    with pytest.raises(ValueError, match="统一社会信用代码应为文本"):
        validate_uscc(text)


@pytest.mark.parametrize(
    ("authority", "categories"), [("1", "1239"), ("5", "1239"), ("9", "123"), ("Y", "1")]
)
def test_the_department_category_pairs_the_brief_names(authority, categories):
    assert "".join(REGISTRATION_AUTHORITIES[authority][1]) == categories


@pytest.mark.parametrize(
    ("authority", "category"),
    [(a, c) for a, (_, categories) in REGISTRATION_AUTHORITIES.items() for c in categories],
)
def test_every_tabled_pair_is_accepted(authority, category):
    code = with_check(authority + category + "140700" + "MA0K1234" + org_code_check_char("MA0K1234"))
    assert describe_uscc(code).department == REGISTRATION_AUTHORITIES[authority][0]


@pytest.mark.parametrize("code", CODES)
def test_every_single_character_substitution_is_caught(code):
    """Property: 31 is prime and no weight is 0 mod 31, so one wrong character always changes 校验码."""
    replacements = CODE_CHARS + "IOZSV-中"
    tried = 0
    for position in range(1, 19):
        for char in replacements:
            if char == code[position - 1]:
                continue
            with pytest.raises(ValueError):
                validate_uscc(replace(code, position, char))
            tried += 1
    assert tried == 18 * (len(replacements) - 1)


@pytest.mark.parametrize("code", CODES)
def test_every_swap_of_two_different_neighbours_is_caught(code):
    for i in range(17):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            with pytest.raises(ValueError):
                validate_uscc(swapped)


@pytest.mark.parametrize(
    ("first17", "message"),
    [
        (HUAWEI[:16], "计算校验码需要统一社会信用代码的前17位"),
        (HUAWEI, "计算校验码需要统一社会信用代码的前17位"),
        (replace(HUAWEI[:17], 4, "O"), "第4位“O”不是有效字符"),
    ],
)
def test_check_char_needs_seventeen_valid_characters(first17, message):
    with pytest.raises(ValueError, match=message):
        uscc_check_char(first17)


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("19220382", "1"),  # 华为
        ("71526726", "X"),  # remainder 1: 11 − 1 = 10 → X (腾讯科技（深圳）有限公司's 71526726-X)
        ("00000001", "9"),  # Σ = 2: 11 − 2
        ("00000000", "0"),  # Σ = 0: 11 − 0 = 11 → 0
        ("A0000000", "3"),  # A = 10: Σ = 30, 30 mod 11 = 8, 11 − 8
        ("Z0000000", "5"),  # Z = 35 in GB 11714 (the letter set of the old code was all of A–Z)
    ],
)
def test_organisation_code_check_char_follows_gb_11714(body, check):
    assert org_code_check_char(body) == check


def test_uscc_check_char_maps_31_to_0():
    # Σ = 0 → 31 − 0 = 31 → "0"
    assert uscc_check_char("0" * 17) == "0"


# --------------------------------------------------------------------------------------------
# Size tiers (十百千): 百亿级 ≥ 100亿元, 十亿级 ≥ 10亿元, 亿元级 ≥ 1亿元, 规上 ≥ 2000万元 (amounts in 万元)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("revenue_wan", "tier"),
    [
        (1_000_000, Tier.HUNDRED_YI),  # 100亿元: the lower bound belongs to the band
        (Decimal("2458800"), Tier.HUNDRED_YI),
        (Decimal("999999.99"), Tier.TEN_YI),
        (100_000, Tier.TEN_YI),
        (99_999.9, Tier.ONE_YI),
        (10_000, Tier.ONE_YI),
        (Decimal("9999.99"), Tier.ABOVE_SCALE),
        (2_000, Tier.ABOVE_SCALE),  # glossary §9: 年主营业务收入 ≥ 2000万元
        (Decimal("1999.99"), Tier.BELOW_SCALE),
        (0, Tier.BELOW_SCALE),
    ],
)
def test_tier_of_revenue(revenue_wan, tier):
    assert tier_of(revenue_wan) is tier


@pytest.mark.parametrize(
    ("revenue", "message"),
    [
        (None, "营业收入缺失，无法确定企业规模档次"),
        (-1, "营业收入不能为负数，收到-1"),
        ("2000", "营业收入应为数字，收到“2000”"),
        (True, "营业收入应为数字，收到“True”"),
        (float("nan"), "营业收入应为数字，收到“nan”"),
    ],
)
def test_tier_of_refuses_missing_and_bad_revenue(revenue, message):
    with pytest.raises(ValueError) as error:
        tier_of(revenue)
    assert str(error.value) == message


def test_tier_labels_and_values_are_stable():
    assert [TIER_LABELS[t] for t in Tier] == ["百亿级", "十亿级", "亿元级", "规上", "规下"]
    assert [t.value for t in Tier] == ["hundred_yi", "ten_yi", "one_yi", "above_scale", "below_scale"]


def test_tier_thresholds_are_a_parameter():
    county = TierThresholds(hundred_yi=500_000, ten_yi=50_000, one_yi=5_000, above_scale=2_000)
    assert tier_of(600_000, county) is Tier.HUNDRED_YI
    assert tier_of(600_000) is Tier.TEN_YI
    assert TierThresholds().above_scale == Decimal(2000)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ten_yi": 1_000_000}, "企业规模门槛应满足 百亿级 > 十亿级 > 亿元级 > 规上 > 0（单位：万元）"),
        ({"above_scale": 0}, "企业规模门槛应满足"),
        ({"one_yi": -5}, "亿元级门槛不能为负数"),
        ({"hundred_yi": "100亿"}, "百亿级门槛应为数字"),
    ],
)
def test_tier_thresholds_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TierThresholds(**kwargs)


def jinzhong_like_population() -> list:
    """[Simulated] 1164 enterprises in the 规上 band or above (glossary §4: 规上工业企业1164户), 8 of them
    百亿级 (glossary §4: 百亿企业8户); the split of the rest is made up, as are 300 smaller ones and 2 that have
    not reported."""
    return (
        [1_200_000] * 8  # 百亿级
        + [150_000] * 40  # 十亿级
        + [20_000] * 216  # 亿元级
        + [3_000] * 900  # 规上 band
        + [800] * 300  # 规下
        + [None, None]  # no approved figure yet
    )


def test_tier_counts_give_the_published_counts():
    counts = tier_counts(jinzhong_like_population())
    assert isinstance(counts, TierCounts)
    assert counts.counts == {
        Tier.HUNDRED_YI: 8,
        Tier.TEN_YI: 40,
        Tier.ONE_YI: 216,
        Tier.ABOVE_SCALE: 900,
        Tier.BELOW_SCALE: 300,
    }
    assert counts.at_least(Tier.HUNDRED_YI) == 8  # 百亿企业 8户
    assert counts.at_least(Tier.TEN_YI) == 48  # 十亿级及以上 includes 百亿级
    assert counts.at_least(Tier.ABOVE_SCALE) == 1164  # 规上工业企业 1164户
    assert counts.at_least(Tier.BELOW_SCALE) == counts.total == 1464
    assert counts.missing == 2  # listed apart, not counted as 规下


def test_tier_counts_of_nothing_has_every_tier_at_zero():
    counts = tier_counts(iter([]))
    assert counts.counts == dict.fromkeys(Tier, 0)
    assert (counts.total, counts.missing) == (0, 0)


def test_tier_counts_refuse_a_bad_figure():
    with pytest.raises(ValueError, match="营业收入不能为负数"):
        tier_counts([100, -1])


# --------------------------------------------------------------------------------------------
# Count targets: 百亿企业 3 → 8, 年内有望达10户 (glossary §4)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "target", "baseline", "completion", "remaining", "label"),
    [
        # Published: grown from 3 to 8, 10 expected: (8 − 3) / (10 − 3) = 71.4%, 2 to go.
        (8, 10, 3, 5 / 7 * 100, 2, "8户，目标10户（基数3户），完成71.4%，还差2户"),
        # The same target with the year's opening count 8 as baseline (schedule engine's example: 9 → 50%).
        (9, 10, 8, 50.0, 1, "9户，目标10户（基数8户），完成50.0%，还差1户"),
        (10, 10, 3, 100.0, 0, "10户，目标10户（基数3户），完成100.0%，已达目标"),
        (11, 10, 8, 150.0, 0, "11户，目标10户（基数8户），完成150.0%，已达目标"),
        (2, 10, 3, -100 / 7, 8, "2户，目标10户（基数3户），完成-14.3%，还差8户"),
        (8, 10, 0, 80.0, 2, "8户，目标10户（基数0户），完成80.0%，还差2户"),
        (15, 10, 20, 50.0, 5, "15户，目标10户（基数20户），完成50.0%，还差5户"),  # a reduction target
        (8, 8, 8, None, 0, "8户，目标8户（基数8户），完成—，已达目标"),
    ],
)
def test_target_progress(count, target, baseline, completion, remaining, label):
    progress = target_progress(count, target, baseline)
    assert isinstance(progress, CountProgress)
    assert progress.completion == (pytest.approx(completion) if completion is not None else None)
    assert progress.remaining == remaining
    assert progress.reached is (remaining == 0)
    assert progress.gained == count - baseline
    assert progress.label == label


@pytest.mark.parametrize(("count", "baseline"), [(8, 3), (9, 8), (2, 3), (10, 3), (5, 0)])
def test_target_progress_is_the_schedule_engines_count_completion(count, baseline):
    task = evaluate(
        target_kind=TargetKind.COUNT, target_value=10, baseline=baseline, actual=count, year=2025, month=9
    )
    assert target_progress(count, 10, baseline).completion == task.completion


def test_published_hundred_yi_enterprises_from_the_tier_counts():
    hundred_yi = tier_counts(jinzhong_like_population()).at_least(Tier.HUNDRED_YI)
    progress = target_progress(hundred_yi, target=10, baseline=3)
    assert (progress.count, progress.gained, progress.remaining) == (8, 5, 2)
    assert round1(progress.completion) == Decimal("71.4")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((8.0, 10, 3), "企业户数应为整数户数"),
        ((8, -1, 3), "目标户数不能为负数"),
        ((8, 10, True), "基数户数应为整数户数"),
        ((None, 10, 3), "企业户数应为整数户数"),
    ],
)
def test_target_progress_needs_counts(args, message):
    with pytest.raises(ValueError, match=message):
        target_progress(*args)


# --------------------------------------------------------------------------------------------
# Clusters: scale = the sum of the members' approved figures (issue 4 point 1)
# --------------------------------------------------------------------------------------------

# The article's 产业矩阵: 3 千亿级, some 五百亿级 and 百亿级 clusters. Figures (万元) are [simulated].
MEMBERS = [
    ("E1", ["煤炭"], 3_000_000),
    ("E2", ["煤炭"], Decimal("2500000.5")),
    ("E3", ["焦化和冶金"], 4_000_000),
    ("E4", ["新能源(醇氢)汽车", "装备制造"], 1_200_000),  # in two clusters: counts in both
    ("E5", ["装备制造"], 300_000),
    ("E6", ["装备制造"], None),  # no approved figure: listed, not 0
    ("E7", "文旅", 0),  # one cluster given bare; a reported 0 is counted
    ("E8", [], 50_000),  # in no cluster
    ("E9", None, 70_000),
    ("E10", ("低空经济", "低空经济"), 20_000),  # repeated: counts once
]


def test_cluster_scale_sums_the_members_in_first_seen_order():
    scales = cluster_scale(MEMBERS)
    assert list(scales) == ["煤炭", "焦化和冶金", "新能源(醇氢)汽车", "装备制造", "文旅", "低空经济"]
    coal = scales["煤炭"]
    assert isinstance(coal, ClusterScale)
    assert coal == ClusterScale("煤炭", Decimal("5500000.5"), ("E1", "E2"), ())
    assert (coal.members, coal.complete, coal.label) == (2, True, "550.0亿元（2户）")
    assert scales["低空经济"].total == 20_000 and scales["低空经济"].counted == ("E10",)
    assert scales["文旅"] == ClusterScale("文旅", Decimal(0), ("E7",), ())


def test_an_enterprise_in_two_clusters_counts_in_both():
    scales = cluster_scale(MEMBERS)
    assert scales["新能源(醇氢)汽车"].total == 1_200_000
    assert scales["装备制造"].total == 1_500_000
    assert "E4" in scales["新能源(醇氢)汽车"].counted and "E4" in scales["装备制造"].counted
    # so cluster totals are not additive: their sum counts E4 twice
    distinct = sum(f for _, c, f in MEMBERS if c and f is not None)
    assert sum(s.total for s in scales.values()) == distinct + 1_200_000


def test_missing_figures_are_listed_not_taken_as_zero():
    equipment = cluster_scale(MEMBERS)["装备制造"]
    assert equipment.counted == ("E4", "E5")
    assert equipment.missing == ("E6",)
    assert (equipment.members, equipment.complete) == (3, False)
    assert equipment.label == "150.0亿元（3户，其中1户未报）"


def test_a_cluster_whose_members_all_miss_still_appears():
    scales = cluster_scale([("E1", ["医疗健康"], None)])
    assert scales == {"医疗健康": ClusterScale("医疗健康", Decimal(0), (), ("E1",))}


def test_cluster_scale_accepts_a_generator_and_empty_input():
    assert cluster_scale(iter(MEMBERS)) == cluster_scale(MEMBERS)
    assert cluster_scale([]) == {}


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ([("E1", ["煤炭"], 1), ("E1", ["文旅"], 2)], "企业“E1”重复出现：每户企业的数据只报一次"),
        ([("E1", ["煤炭"], -1)], "企业“E1”的产值或营业收入不能为负数"),
        ([("E1", ["煤炭"], "12")], "企业“E1”的产值或营业收入应为数字"),
        ([("E1", 5, 12)], "企业“E1”的所属产业集群应为集群列表"),
    ],
)
def test_cluster_scale_refuses_bad_members(members, message):
    with pytest.raises(ValueError, match=message):
        cluster_scale(members)


@pytest.mark.parametrize(
    ("total_wan", "tier"),
    [
        (10_000_000, ClusterTier.THOUSAND_YI),  # 1000亿元
        (Decimal("9999999.9"), ClusterTier.FIVE_HUNDRED_YI),
        (5_000_000, ClusterTier.FIVE_HUNDRED_YI),  # 500亿元
        (4_999_999, ClusterTier.HUNDRED_YI),
        (1_000_000, ClusterTier.HUNDRED_YI),  # 100亿元
        (999_999, ClusterTier.OTHER),
        (0, ClusterTier.OTHER),
    ],
)
def test_cluster_tier(total_wan, tier):
    assert cluster_tier(total_wan) is tier


def test_cluster_tier_of_a_computed_scale_and_custom_thresholds():
    scales = cluster_scale(MEMBERS)
    assert cluster_tier(scales["焦化和冶金"].total) is ClusterTier.HUNDRED_YI  # 400亿元
    assert cluster_tier(scales["煤炭"].total) is ClusterTier.FIVE_HUNDRED_YI  # 550亿元
    low = ClusterThresholds(thousand_yi=5_000_000, five_hundred_yi=2_500_000, hundred_yi=500_000)
    assert cluster_tier(scales["煤炭"].total, low) is ClusterTier.THOUSAND_YI
    assert [CLUSTER_TIER_LABELS[t] for t in ClusterTier] == ["千亿级", "五百亿级", "百亿级", "其他"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hundred_yi": 5_000_000}, "产业集群门槛应满足 千亿级 > 五百亿级 > 百亿级 > 0"),
        ({"hundred_yi": -1}, "百亿级集群门槛不能为负数"),
    ],
)
def test_cluster_thresholds_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ClusterThresholds(**kwargs)


def test_cluster_tier_refuses_a_bad_total():
    with pytest.raises(ValueError, match="产业集群规模不能为负数"):
        cluster_tier(-1)


@pytest.mark.parametrize(
    ("current", "kwargs", "completion", "remaining", "growth", "label"),
    [
        (
            8_563_000,
            {"target": 10_000_000, "target_year": 2027, "year": 2025},
            85.63,
            1_437_000,
            ((10_000_000 / 8_563_000) ** 0.5 - 1) * 100,
            "2025年856.3亿元，目标2027年1000.0亿元，还差143.7亿元，需年均增长8.1%",
        ),
        (
            8_563_000,
            {"target": 10_000_000, "target_year": 2027, "year": 2025, "baseline": 7_000_000},
            1563 / 3000 * 100,
            1_437_000,
            ((10_000_000 / 8_563_000) ** 0.5 - 1) * 100,
            "2025年856.3亿元，目标2027年1000.0亿元，还差143.7亿元，需年均增长8.1%",
        ),
        (
            5_000_000,
            {"target": 10_000_000, "target_year": 2026, "year": 2025},
            50.0,
            5_000_000,
            100.0,
            "2025年500.0亿元，目标2026年1000.0亿元，还差500.0亿元，需年均增长100.0%",
        ),
        (
            10_500_000,
            {"target": 10_000_000, "target_year": 2027, "year": 2025},
            105.0,
            0,
            None,
            "2025年1050.0亿元，目标2027年1000.0亿元，已达目标",
        ),
        (
            9_000_000,
            {"target": 10_000_000, "target_year": 2025, "year": 2025},
            90.0,
            1_000_000,
            None,
            "2025年900.0亿元，目标2025年1000.0亿元，还差100.0亿元，目标年份已到",
        ),
        (
            0,
            {"target": 1_000_000, "target_year": 2027, "year": 2025},
            0.0,
            1_000_000,
            None,
            "2025年0.0亿元，目标2027年100.0亿元，还差100.0亿元",
        ),
    ],
)
def test_cluster_progress(current, kwargs, completion, remaining, growth, label):
    progress = cluster_progress(current, **kwargs)
    assert progress.completion == pytest.approx(completion)
    assert progress.remaining == remaining
    assert progress.reached is (remaining == 0)
    assert progress.required_growth == (pytest.approx(growth) if growth is not None else None)
    assert progress.label == label


def test_cluster_progress_from_a_scale_with_missing_members_says_so():
    progress = cluster_progress(
        cluster_scale(MEMBERS)["装备制造"], target=5_000_000, target_year=2027, year=2025
    )
    assert progress.current == 1_500_000
    assert progress.members_missing == 1
    assert progress.label.endswith("（1户企业未报，规模偏小）")


def test_cluster_progress_completion_is_the_schedule_engines():
    task = evaluate(
        target_kind=TargetKind.AMOUNT,
        target_value=10_000_000,
        baseline=7_000_000,
        actual=8_563_000,
        year=2025,
        month=12,
    )
    progress = cluster_progress(8_563_000, target=10_000_000, target_year=2027, year=2025, baseline=7_000_000)
    assert progress.completion == task.completion


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target": 10, "target_year": 2024, "year": 2025}, "目标年份2024早于当前年份2025"),
        ({"target": -10, "target_year": 2027, "year": 2025}, "目标规模不能为负数"),
        ({"target": 10, "target_year": 2027, "year": "2025"}, "年份无效"),
        ({"target": 10, "target_year": 0, "year": 2025}, "目标年份无效"),
        ({"target": 10, "target_year": 2027, "year": 2025, "baseline": -1}, "基期规模不能为负数"),
    ],
)
def test_cluster_progress_checks_its_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        cluster_progress(100, **kwargs)


# --------------------------------------------------------------------------------------------
# Shared pieces (that the module imports no Django is tested in test_kernels_are_pure.py).
# --------------------------------------------------------------------------------------------


def test_round1_is_the_schedule_engines():
    assert enterprises.round1 is round1


def test_public_api_is_exported():
    assert set(enterprises.__all__) <= set(dir(enterprises))
