"""From a policy document to draft tasks (issue 5: 逐条分析、逐项梳理、逐一分解). Pure: no Django.

`extract(text)` reads a government work report, a deployment article or a plan and returns
- `sections`: the headings (产业向新 …, 一、（一）1. numbering) that become areas, with offsets;
- `clauses`: every sentence/clause of the text with offsets (for the coverage view);
- `items`: every clause that commits to something, each either **checkable** (a quantitative target, a
  deadline, a named document to issue, a named project/pilot/event to build, finish, host or win) or a
  qualitative **directive** (加快…/推进…/深化… with nothing checkable). Political statements and past
  achievements are not items.

Offsets (`start`, `end`) are character offsets into `text` exactly as given, so `text[start:end] == span`.

THE INTERFACE BELOW IS SHARED BY THE WEB REVIEW PAGES AND THE CLI: change it only together with them.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import taizhang.core.extraction_tables as tables


@dataclass(frozen=True)
class Target:
    value: float  # the number as written: 5, 1200, 556 (the scale stays in the unit)
    unit: str  # "%", "万人", "亿元", "万亿元", "户", "个", "家" … (bench/extraction/README.md, "Targets")
    modifier: str = ""  # 左右 / 以上 / 以内 / 力争 / 不低于 / 达到 … ("" when none)
    text: str = ""  # the words it was read from, e.g. "1200万人以上"
    # The upper end of a range: "5%—6%" gives value 5 with upper 6, then a second target 6 (modifier 区间上限).
    upper: float | None = None


@dataclass(frozen=True)
class Section:
    title: str  # the heading without its numbering, e.g. "产业向新"
    number: str  # "一、", "（一）", "1." or "" for a bare heading line
    level: int  # 1 = top-level heading, 2 = sub-heading, 3 = numbered paragraph
    start: int
    end: int


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    text: str
    area: (
        str  # the title of the innermost level-1 or level-2 section it falls in ("" before the first heading)
    )


@dataclass(frozen=True)
class Item:
    span: str
    start: int
    end: int
    checkable: bool
    action: str  # the verb of the commitment: 建成, 出台, 实现, 新增, 举办 …
    object: str  # what is acted on: "百亿企业", "《晋中市…条例》"
    targets: tuple[Target, ...] = ()
    deadline: str = ""  # as written: 年内, 年底前, 上半年, 6月底前, 到2027年 …
    deadline_date: date | None = None  # the last day it means (given the document's year)
    documents: tuple[str, ...] = ()  # named documents to issue: "《…》"
    projects: tuple[str, ...] = ()  # named projects, pilots, events
    area: str = ""
    lead_unit: str = ""  # suggested lead unit name from the keyword table ("" when none matched)
    confidence: float = 0.0  # 0..1
    reasons: tuple[str, ...] = field(
        default=()
    )  # why checkable / why a directive, in Chinese, for the reviewer


@dataclass(frozen=True)
class Extraction:
    text: str
    year: int  # the year deadlines are read against
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    items: tuple[Item, ...]


# A city edits this table (the extraction app keeps it in the database); this is the default.
# Each row: (keyword, lead unit name). The longest keyword found wins, then the earliest; the item's span is
# searched first, then its area's title, then its whole clause.
LeadTable = list[tuple[str, str]]
DEFAULT_LEAD_TABLE: LeadTable = tables.DEFAULT_LEAD_TABLE


def extract(text: str, *, year: int | None = None, lead_table: LeadTable | None = None) -> Extraction:
    """Read `text` and return its sections, clauses and commitments. `year`: the plan year (default:
    guess_year(text)). `lead_table`: keyword → unit (default DEFAULT_LEAD_TABLE)."""
    norm = text.translate(_FULLWIDTH)
    plan_year = year or guess_year(norm)
    table = _DEFAULT_LEADS if lead_table is None else _LeadTable(lead_table)
    sections, bodies = _layout(text, norm, plan_year)
    clauses, items = [], []
    for body in bodies:
        review = False
        for index, (a, b) in enumerate(_clauses_of(norm, body)):
            clauses.append(Clause(start=a, end=b, text=text[a:b], area=body.area))
            if index == 0:
                review = _opens_review(norm, a, b, plan_year)
            if body.meta or review and not _names_future(norm[a:b], plan_year):
                continue  # "2024年，…。16条产业链营业收入增长15.6%…": the paragraph reviews the past
            items.extend(_items_of_clause(text, norm, a, b, body.area, plan_year, table))
    return Extraction(
        text=text, year=plan_year, sections=tuple(sections), clauses=tuple(clauses), items=tuple(items)
    )


def guess_year(text: str) -> int:
    """The plan year of a text: the latest year it names at least twice, not counting horizons (到2027年,
    2035年前, —2027年); else the year it names most (ties: the later one); else this year. A work report
    reviews last year and plans this one, so the later of its frequent years is the plan's."""
    counts: Counter[int] = Counter()
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        before = text[max(0, m.start() - 1) : m.start()]
        if (
            not 1990 <= y <= 2100
            or before in ("到", "至", "—", "-", "~", "～", "–")
            or text.startswith("前", m.end())
        ):
            continue
        counts[y] += 1
    if not counts:
        return date.today().year
    frequent = [y for y, n in counts.items() if n >= 2]
    return max(frequent) if frequent else max(counts, key=lambda y: (counts[y], y))


def item_json(item: Item) -> dict:
    """One item as the CLI's JSON (issue 5 §3)."""
    return {
        "span": item.span,
        "start": item.start,
        "end": item.end,
        "checkable": item.checkable,
        "action": item.action,
        "object": item.object,
        "targets": [{"value": t.value, "unit": t.unit, "modifier": t.modifier} for t in item.targets],
        "deadline": item.deadline or None,
        "deadline_date": item.deadline_date.isoformat() if item.deadline_date else None,
        "area": item.area,
        "lead_unit": item.lead_unit or None,
        "confidence": round(item.confidence, 2),
    }


__all__ = [
    "DEFAULT_LEAD_TABLE",
    "Clause",
    "Extraction",
    "Item",
    "LeadTable",
    "Section",
    "Target",
    "chinese_number",
    "extract",
    "guess_year",
    "item_json",
]

# ---------------------------------------------------------------------------------------------------------------
# The reading. Everything below works on `norm`, the text with full-width digits, letters and signs mapped to
# ASCII one character for one character (so every offset in `norm` is an offset in `text`).
# ---------------------------------------------------------------------------------------------------------------

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH.update({ord("％"): "%", ord("．"): ".", ord("＋"): "+", ord("－"): "-", ord("～"): "~"})

_CJK = re.compile(r"[\u3400-\u9fff]")
_TERMINATORS = set("。；！？;!?")
_OPENERS = {
    "“": "”",
    "《": "》",
    "（": "）",
    "(": ")",
    "「": "」",
    "『": "』",
    "‘": "’",
    "【": "】",
    "〈": "〉",
}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_TRAILING = set("”’」』）)》】\"'")

_L1 = re.compile(r"(?:第[一二三四五六七八九十]+(?:部分|章|篇)|[一二三四五六七八九十]{1,3}[、．.])\s*")
_L2 = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]\s*")
# "6.6月底前…", "7.2024年…": pasted list numbering run into a date is numbering, not a decimal.
_L3 = re.compile(
    r"(?:\d{1,2}[、．.](?:(?!\d)|(?=(?:1[0-2]|[1-9])月|20\d{2}年))|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*"
)
_META = re.compile(r"[（(]?(?:原标题|来源|作者|责任编辑|编辑|审核|校对|图片|图源|出处|链接)")

_SUBJECT = re.compile(
    r"(?:晋中|我们|我市|全市|市直各部门|市直各单位|各县[（(]区、市[)）]|各县区|各地|各级各部门|各级|各部门|市委|市政府)"
)
_PREPOSITION = (
    "在",
    "对",
    "以",
    "按照",
    "围绕",
    "通过",
    "依托",
    "结合",
    "坚持以",
    "为",
    "针对",
    "面向",
    "把",
    "将",
    "向",  # 每半年向省政府报告一次: to whom, then the verb
)
_YEAR = re.compile(r"(20\d{2})年")

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千"


def chinese_number(s: str) -> float | None:
    """一百二十 → 120, 两 → 2, 十五 → 15, 三千五百 → 3500, 二〇二五 → 2025, 十五点五 → 15.5 (None if not a number)."""
    if not s:
        return None
    whole, _, frac = s.partition("点")
    if all(ch in _DIGITS for ch in whole) and len(whole) > 1:  # digit by digit: 二〇二五
        value = float("".join(str(_DIGITS[ch]) for ch in whole))
    else:
        total, digit = 0, None
        for ch in whole:
            if ch in "零〇":
                continue  # 一千零五: 零 only marks a gap
            if ch in _DIGITS:
                if digit is not None:
                    return None  # two digits in a row inside a positional number: not one number
                digit = _DIGITS[ch]
            elif ch in _CN_UNITS:
                total += (1 if digit is None else digit) * _CN_UNITS[ch]
                digit = None
            else:
                return None
        value = float(total + (digit or 0))
    if frac:
        if not all(ch in _DIGITS for ch in frac):
            return None
        value += float("0." + "".join(str(_DIGITS[ch]) for ch in frac))
    return value


def _number(token: str) -> float | None:
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        return chinese_number(token)


def _depth_map(norm: str, start: int, end: int) -> list[int]:
    """Nesting depth inside quotes and brackets for each character of norm[start:end] (the opener and closer
    themselves count as inside)."""
    depth, stack, out = 0, [], []
    ascii_quote = False
    for i in range(start, end):
        ch = norm[i]
        if ch in _OPENERS and not (ch == "“" and stack and stack[-1] == "“"):
            stack.append(ch)
            depth += 1
            out.append(depth)
            continue
        if ch in _CLOSERS and stack and stack[-1] == _CLOSERS[ch]:
            out.append(depth)
            stack.pop()
            depth -= 1
            continue
        if ch == '"':
            ascii_quote = not ascii_quote
            out.append(depth + 1)
            continue
        out.append(depth + (1 if ascii_quote else 0))
    return out


# --- numbers and targets ------------------------------------------------------------------------------------------

_UNITS_SORTED = sorted(tables.UNITS, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS_SORTED)
_NUM_RE = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[" + _CN_NUM + r"]+(?:点[零〇一二三四五六七八九]+)?"
_TARGET = re.compile(
    r"(?P<pct>百分之(?P<pctnum>" + _NUM_RE + r"))"
    r"|(?P<num>" + _NUM_RE + r")(?P<pct1>%)?(?:\s*[—–\-~至到]\s*(?P<num2>" + _NUM_RE + r"))?"
    r"(?P<scale>万亿|万|亿)?(?P<unit>" + _UNIT_RE + r")?"
    r"|(?P<roman>[ⅠⅡⅢⅣⅤⅥ])类"
)
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6}
_MOD_AFTER = re.compile("|".join(re.escape(m) for m in sorted(tables.MODIFIERS_AFTER, key=len, reverse=True)))
_NOT_TARGET_AFTER = ("级", "政策", "免签", "年", "月", "日", "号", "届", "+", "岁")
_ORDINAL_BEFORE = ("第", "周", "星期", "前", "“", '"')


def _targets(norm: str, start: int, end: int, depth: list[int], base: int) -> tuple[Target, ...]:
    """Every number with a unit in norm[start:end] outside quotes and titles. `depth` is the depth map from
    `base`."""
    found: list[Target] = []
    segment = norm[start:end]
    for m in _DOUBLING.finditer(segment):
        a = m.start() + start
        if depth[a - base] == 0 or _in_brackets_only(norm, base, a):
            times = _number(m.group("times")) if m.group("times") else 1
            head = norm[start:a]
            modifier = next((w for w in tables.MODIFIERS_BEFORE if head.endswith(w)), "")
            if not modifier and "力争" in head:
                modifier = "力争"
            found.append(Target(value=_clean(times), unit="番", modifier=modifier, text=m.group(0)))
    for m in _TARGET.finditer(segment):
        a, b = m.start() + start, m.end() + start
        if depth[a - base] > 0 and not _in_brackets_only(norm, base, a):
            continue  # inside a quote or a title: a name; inside （…） a sub-target still counts
        before = norm[max(start, a - 4) : a]
        after = norm[b : b + 3]
        if m.group("roman"):
            found.append(Target(value=_ROMAN[m.group("roman")], unit="类", text=m.group(0)))  # 水质达Ⅲ类
            continue
        if m.group("pct"):
            value = _number(m.group("pctnum"))
            if value is None:
                continue
            unit, upper, value_text = "%", None, m.group("pct")
        else:
            num, unit, scale = m.group("num"), m.group("unit") or "", m.group("scale") or ""
            is_chinese = not num[0].isdigit()
            if is_chinese and not num.strip("零〇"):
                continue  # 零部件, 零排放: 零 alone is no figure
            if (
                is_chinese
                and num in ("一", "千", "百", "万")
                and not (num in "一千百" and m.group("scale") and m.group("unit"))
                and not (num == "一" and _counted_one(norm, a, b, end, m.group("unit") or ""))
            ):
                continue  # 一批, 一张蓝图, 百家争鸣, 千家万户: idioms; 突破千亿元, 一亿吨 are figures
            if m.group("pct1"):
                unit = "%"
            if not unit and not scale:
                continue
            if unit in ("万", "亿") and not scale:
                scale, unit = unit, ""
            if scale == "万" and norm.startswith("亿", b):
                continue  # 千万亿: not a figure
            if any(before.endswith(w) for w in _ORDINAL_BEFORE) or any(
                after.startswith(w) for w in _NOT_TARGET_AFTER
            ):
                continue
            if unit in _LENGTH_UNITS and _CJK.match(after[:1] or " ") and not _MOD_AFTER.match(norm, b):
                continue  # 4.3米焦炉: a size that names a kind of plant, not a figure to reach
            if unit == "部" and after.startswith("分"):
                continue  # 第二、三部分: parts of a text
            if unit == "次" and after.startswith(("产业", "全会", "会议")):
                continue  # 三次产业, 五届九次全会: names, not figures
            if is_chinese and norm.startswith(tables.ABSTRACT_COUNTED, b):
                continue  # 聚焦三个方面, 坚持两个毫不动摇: a slogan's count, written in Chinese numerals
            if is_chinese and after.startswith(("“", '"', "大文章")):
                continue  # 五个“必须统筹好”, 五篇大文章: counts of slogans, not figures
            if is_chinese and norm[a - 1 : a] in ("几", "数"):
                continue  # 几十家, 数百个: a rough size, not a figure to check
            if _scope_threshold(norm, b, unit) or _per_unit_amount(norm, start, a, scale + unit):
                continue  # 投资500万元以上项目, 每辆最高2万元: which things, or a policy's rate, not a target
            value = _number(num)
            if value is None:
                continue
            upper = _number(m.group("num2")) if m.group("num2") else None
            unit = scale + unit
            value_text = m.group(0)
        modifier = ""
        post = _MOD_AFTER.match(norm, b)
        if post and post.group(0) != "多":
            modifier = post.group(0).rstrip("的")
        elif m.group("num2") if not m.group("pct") else False:
            modifier = "区间"
        else:
            head = norm[start:a]
            for word in tables.MODIFIERS_BEFORE:
                if head.endswith(word):
                    modifier = word
                    break
            if not modifier and "力争" in head:
                modifier = "力争"
        found.append(
            Target(value=_clean(value), unit=unit, modifier=modifier, text=value_text, upper=_clean(upper))
        )
        if upper is not None:
            found.append(Target(value=_clean(upper), unit=unit, modifier="区间上限", text=value_text))
    return tuple(found)


# 翻一番, 翻两番, 实现翻番: a doubling is a figure (value the times as written, unit 番).
_DOUBLING = re.compile(r"翻(?:(?P<times>[一两二三四1-4])番|番)")
# A threshold that says which things are meant (投资500万元以上的技改项目, 其中10亿元以上项目25个, 年营业收入2000万元
# 以上企业): the figure and 以上/以下 run straight into the noun of what is counted.
_SCOPE = re.compile(
    r"(?:及)?(?:以上|以下)(?:的)?[\u3400-\u9fff]{0,6}?"
    r"(?:项目|企业|工程|锅炉|机组|设备|货车|车辆|医院|商户|主体|园区|客户|用户|工业企业)"
)
# A policy's rate per head (每辆最高2万元, 每人给予5000元补助, 按每亩300元标准, 给予最高500万元奖励): how the policy pays,
# not what the plan is to reach; unless a raising verb makes the rate itself the target (补助标准提高到每人每年700元).
_PER_UNIT = re.compile(
    r"每[\u3400-\u9fff]{1,3}?(?:最高|补贴|补助|奖励|给予|奖补|不超过)?$|最高(?:给予|奖励|补贴|补助)?$"
)
_RAISING = ("提高", "提升", "增加", "上调", "达到")


# Only a measure draws such a line (500万元以上, 10万吨以上, 20蒸吨以下); a count with 以上 before its noun is the
# target itself (推动10户以上专精特新企业挂牌上市).
_THRESHOLD_UNITS = ("元", "吨", "瓦", "瓦时", "亩", "米", "伏安", "标准煤")


def _scope_threshold(norm: str, b: int, unit: str) -> bool:
    return unit.endswith(_THRESHOLD_UNITS) and _SCOPE.match(norm, b) is not None


def _per_unit_amount(norm: str, start: int, a: int, unit: str) -> bool:
    if not unit.endswith("元"):
        return False
    head = norm[max(start, a - 10) : a]
    m = _PER_UNIT.search(head)
    return m is not None and not any(w in head[: m.start()] for w in _RAISING)


def _in_brackets_only(norm: str, base: int, a: int) -> bool:
    """Whether every quote or bracket open at `a` is a round bracket: （其中公共充电桩3000个） holds a sub-target, a
    “…” or 《…》 holds a name."""
    stack: list[str] = []
    for i in range(base, a):
        ch = norm[i]
        if ch in _OPENERS:
            stack.append(ch)
        elif ch in _CLOSERS and stack and stack[-1] == _CLOSERS[ch]:
            stack.pop()
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
            else:
                stack.append('"')
    return bool(stack) and all(ch in "（(" for ch in stack)


_LENGTH_UNITS = ("米", "厘米", "毫米", "英寸")
_DURATION_UNITS = ("个工作日", "工作日", "小时", "天", "个月")


def _counted_one(norm: str, a: int, b: int, end: int, unit: str) -> bool:
    """一 is a figure (not 一批, 一张蓝图) when it counts a time limit (一个工作日办结) or closes the piece after
    the noun it counts (争创国家5A级旅游景区一家)."""
    if unit in _DURATION_UNITS:
        return True
    if unit in ("次", "遍", "轮") or "每" in norm[max(0, a - 12) : a]:
        return False  # 每季度调度一次: how often, not how much
    tail = norm[b:end]
    return bool(unit) and a > 0 and _CJK.match(norm[a - 1]) is not None and not _CJK.search(tail)


def _clean(value: float | None) -> float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 6)


# --- deadlines -----------------------------------------------------------------------------------------------------

_CN_MONTH = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"
_DEADLINE = re.compile(
    r"(?P<ym>(?:到|至|在)?(?P<y1>20\d{2})年(?P<m1>" + _CN_MONTH + r")月(?:份)?(?:底|末)?(?:前|以前)?)"
    r"|(?P<ye>(?:到|至|在)?(?P<y2>20\d{2})年(?:底|末|年底|年末)(?:前|以前)?)"
    r"|(?P<yt>(?:到|至)(?P<y3>20\d{2})年|(?P<y4>20\d{2})年(?:前|以前))"
    r"|(?P<fy>[“\"]?(?P<plan>十[三四五六]五)[”\"]?(?:时期)?(?:末|期末))"
    r"|(?P<md>(?P<m2>" + _CN_MONTH + r")月(?P<d2>\d{1,2})日(?:前|以前))"
    r"|(?P<me>(?P<m3>" + _CN_MONTH + r")月(?:份)?(?:底|末)(?:前|以前)?)"
    r"|(?P<mb>(?P<m4>" + _CN_MONTH + r")月(?:份)?(?:前|以前))"
    r"|(?P<ev>(?P<event>"
    + "|".join(re.escape(e) for e, _ in sorted(tables.EVENT_DEADLINES, key=lambda r: -len(r[0])))
    + r")(?:节)?(?:前|以前))"
    r"|(?P<rel>(?:到|至|在)?(?P<relbase>"
    + "|".join(re.escape(p) for p, _ in sorted(tables.RELATIVE_DEADLINES, key=lambda r: -len(r[0])))
    + r")(?:末|底)?(?:前|以前)?)"
)
_RELATIVE = dict(tables.RELATIVE_DEADLINES)
_EVENTS = dict(tables.EVENT_DEADLINES)
# 每年年底前报送, 每月底前: how often, not by when.
_FREQUENCY_BEFORE = ("每", "每年", "每个", "每一")


def _month(token: str) -> int | None:
    value = _number(token)
    return int(value) if value and 1 <= value <= 12 else None


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _deadline(norm: str, start: int, end: int, year: int) -> tuple[int, int, date] | None:
    """The first deadline phrase in norm[start:end]: its offsets and the last day it means."""
    for m in _DEADLINE.finditer(norm, start, end):
        day = None
        if m.group("ym"):
            month = _month(m.group("m1"))
            day = _last_day(int(m.group("y1")), month) if month else None
        elif m.group("ye"):
            day = date(int(m.group("y2")), 12, 31)
        elif m.group("yt"):
            day = date(int(m.group("y3") or m.group("y4")), 12, 31)
        elif m.group("fy"):
            day = date(tables.FIVE_YEAR_PLANS[m.group("plan")], 12, 31)
        elif m.group("md"):
            month = _month(m.group("m2"))
            if month and 1 <= int(m.group("d2")) <= calendar.monthrange(year, month)[1]:
                day = date(year, month, int(m.group("d2")))
        elif m.group("me"):
            month = _month(m.group("m3"))
            day = _last_day(year, month) if month and not _after_year(norm, m.start()) else None
        elif m.group("mb"):
            month = _month(m.group("m4"))
            ok = month and month > 1 and not _after_year(norm, m.start())
            day = _last_day(year, month - 1) if ok else None
        elif m.group("ev"):
            fixed = _EVENTS[m.group("event")]
            if fixed is None:  # 春节前: the day before the Spring Festival that closes the plan year
                festival = tables.SPRING_FESTIVAL.get(year + 1)
                day = date(year + 1, *festival) - timedelta(days=1) if festival else None
            else:
                day = date(year, *fixed)
        else:
            if norm[max(0, m.start() - 2) : m.start()].endswith(_FREQUENCY_BEFORE):
                continue  # 每年年底前报送: a recurring date, not a deadline
            before = norm[m.start() - 1] if m.start() > 0 else "^"
            if "年内" in m.group("relbase") and (before.isdigit() or before in _CN_NUM):
                continue  # 三年内: a span of time, not this year
            if m.group("relbase") == "今年" and (
                norm.startswith(
                    ("以来", "是", "年初", "前", "的", "工作", "经济", "政府", "全市", "主要", "总体"),
                    m.end(),
                )
            ):
                continue  # 今年以来: the past; 今年是…, 今年经济工作: this year's, not a deadline
            day = _last_day(year, _RELATIVE[m.group("relbase")])
        if day is not None:
            return m.start(), m.end(), day
    return None


def _after_year(norm: str, at: int) -> bool:
    """A month right after a year is read with its year (2025年6月底前), not alone."""
    return at > 0 and norm[at - 1] == "年"


# --- documents and projects -----------------------------------------------------------------------------------------

_TITLE = re.compile(r"《([^《》]{1,80})》")
_PROJECT_NOUN = re.compile(
    "|".join(re.escape(n) for n in sorted(tables.PROJECT_NOUNS, key=len, reverse=True))
)
_NAME_STOP_VERBS = tuple(
    sorted(
        set(tables.PROJECT_VERBS)
        | {"加快", "推进", "推动", "加力", "全力", "争取", "开展", "实施", "支持", "鼓励"},
        key=len,
        reverse=True,
    )
)


def _documents(norm: str, start: int, end: int) -> tuple[str, ...]:
    """Named documents to issue: a 《title》 with a verb of issuing before it in the same item, or one after it
    (完成《…》编制), and no word around it of a work, a game or a periodical."""
    found = []
    for m in _TITLE.finditer(norm, start, end):
        title = m.group(1)
        before = norm[max(start, m.start() - 12) : m.start()]
        after = norm[m.end() : min(end, m.end() + 6)]
        if any(w in before[-4:] or w in after or w in title for w in tables.NOT_DOCUMENT_WORDS):
            continue
        if title.endswith(("报", "刊", "志")):
            continue
        issued = any(v in before for v in tables.DOCUMENT_VERBS) or any(
            after.startswith(v) for v in tables.DOCUMENT_VERBS
        )
        if issued:
            found.append(m.group(0))
    return tuple(found)


_PLAN = re.compile(
    "(?P<verb>"
    + "|".join(tables.PLAN_VERBS)
    + ")(?P<name>[^，,、；;。]{2,40}?(?:"
    + "|".join(sorted(tables.PLAN_NOUNS, key=len, reverse=True))
    + "))(?![\u3400-\u9fff])"
)


_PLAN_WORK = re.compile(
    r"(?:做好|完成|启动|开展|抓好|推进|加快)(?P<name>[^，,、；;。]{2,30}?(?:"
    + "|".join(sorted(tables.PLAN_NOUNS, key=len, reverse=True))
    + r"))(?:的)?(?:编制|制定|起草|修订)(?:工作)?"
)


def _plans(norm: str, start: int, end: int) -> tuple[str, ...]:
    """Specific plans named without 《》 (制定县域经济高质量发展规划, 建立消费品“1+4”政策支持体系, 做好“十五五”规划
    编制工作); not a bare noun (逐项制定方案, 做好规划编制)."""
    found = []
    for m in _PLAN_WORK.finditer(norm, start, end):
        name = m.group("name")
        if "《" not in name and ("“" in name or '"' in name or len(_CJK.findall(name)) >= 6):
            found.append(name)
    for m in _PLAN.finditer(norm, start, end):
        name = m.group("name")
        if "《" in name:
            continue
        noun_len = next(len(n) for n in sorted(tables.PLAN_NOUNS, key=len, reverse=True) if name.endswith(n))
        body = name[:-noun_len]
        outside_quotes = re.sub(r"“[^”]*”", "", body)
        if ("“" in body or len(_CJK.findall(outside_quotes)) >= 4) and not body.startswith(
            tables.VAGUE_PROJECT_WORDS
        ):
            found.append(name)
    return tuple(found)


def _projects(norm: str, start: int, end: int, depth: list[int], base: int) -> tuple[str, ...]:
    """Named projects, pilots, events and platforms that the item builds, finishes, hosts, wins or creates:
    a project noun (产业园, 试点, 博览会 …) whose name is quoted (“零碳”产业园), ranked (省级…基地, …国家试点)
    or specific (东山供水工程, not 水源工程 or 一批重大项目), and the names listed before "等一批…项目"."""
    outside_titles = _TITLE.sub(lambda m: "《" + "　" * (len(m.group(0)) - 2) + "》", norm[start:end])
    building = any(v in outside_titles for v in tables.PROJECT_VERBS)
    if not building and not any(v in outside_titles for v in tables.PROPER_PROJECT_VERBS):
        return ()
    if _carries_on(outside_titles):
        return ()  # 持续打造“合汽生材”新兴产业地标: work that goes on, not a thing to finish
    found = list(_titles_to_win(norm, start, end)) + list(_events_to_host(norm, start, end))
    supporting = _opening_verb(norm[start:end]) in tables.SUPPORT_VERBS
    for m in _PROJECT_NOUN.finditer(norm, start, end):
        if depth[m.start() - base] > 0 and norm[m.start() - 1] != "”":
            continue  # inside a quote or a title: part of a name, or a document
        i = _name_start(norm, start, m.start())
        k = _name_start(norm, start, i - 2) if norm[start:i].endswith(("建设", "建成")) else i
        if norm.startswith(tables.RANKED_PROJECT_WORDS, k):
            i = k  # 创建国家知识产权强市建设试点城市: a ranked title may hold 建设
        dated = _deadline(norm, i, m.start(), 2000)
        if dated and dated[0] == i:
            i = dated[1]  # 6月底前认定市级…集聚区: the date is not part of the name
        name, body = norm[i : m.end()], norm[i : m.start()]
        if _CLASS_SCOPE.match(body):
            continue  # 二级以上医院医疗设备更新项目, 国三及以下货车: a class of things, not one named project
        if name.endswith(tables.POLICY_ZONES):
            continue  # 海南自由贸易港: a zone of policy that is carried on, not a project to finish
        body = _PERIOD_LABEL.sub("", body)  # “十四五”规划重大工程: the period names no project
        if not body or body.startswith(_PREPOSITION) or body.startswith(("沿", "以", "与")) or "向" in body:
            continue  # 在“太行一号”旅游公路沿线建设…, 资金向优质项目倾斜: the place where or whither, not the thing built
        if (
            _targets(norm, i, m.start(), depth, base)
            or any(v in body for v in tables.PROJECT_VERBS)
            and "“" not in body
            and not body.startswith(tables.RANKED_PROJECT_WORDS)  # 国家知识产权强市建设试点城市: a title
        ):
            continue  # 总投资556亿元的215个项目 is a figure; the name holds no verb
        if "等" in body:
            listed = body[: body.rindex("等")]
            j = i
            while j > start and norm[j - 1] == "、":  # the list runs back over 、 (电信、医疗、教育等…)
                j = _name_start(norm, start, j - 1)
            listed = norm[j:i] + listed
            if "、" in listed and all(len(_CJK.findall(n)) <= 2 for n in listed.split("、")):
                continue  # 电信、医疗、教育等服务业领域开放试点: sectors listed, not named projects
            if _PROJECT_NOUN.search(listed[-4:]):
                continue  # "…产业园等示范工程": the names before 等 are found on their own
            if any(w in body for w in tables.VAGUE_PROJECT_WORDS):
                # 晋能光伏、昔阳尚太锂电、灵石东方希望等一批重大项目: each listed name is a project
                j = i
                while (
                    j > start
                    and norm[j - 1] not in ",，；;：:。 "
                    and not norm[start:j].endswith(_NAME_STOP_VERBS)
                ):
                    j -= 1
                listed = norm[j : i + body.rindex("等")]
                found.extend(n for n in listed.split("、") if len(_CJK.findall(n)) >= 2)
                continue
        outside_quotes = re.sub(r"“[^”]*”|\"[^\"]*\"", "", body)
        if any(w in outside_quotes for w in ("和", "与", "及")):
            continue  # two kinds of things joined: a category, not a name
        # A quoted label alone before a generic noun is a category or a campaign (“两重”项目, “双百”工程); a quoted
        # name with more words of its own is a place (介休安泰“零碳”产业园, “奥莱”…城市群消费新地标).
        kind = _LABEL_KIND.fullmatch(body) is not None  # “沙戈荒”新能源基地: a kind under a label
        quoted = ("“" in body or '"' in body) and len(_CJK.findall(outside_quotes)) >= 2 and not kind
        ranked = any(w in body for w in tables.RANKED_PROJECT_WORDS)
        vague = any(w in body for w in tables.VAGUE_PROJECT_WORDS) or body.startswith(
            tables.GENERIC_PROJECT_WORDS
        )
        proper = not vague and len(_CJK.findall(outside_quotes)) >= 4
        if supporting and not (quoted or ranked):
            continue  # 支持龙头企业打造电子信息产业园区: help to others, not a named thing of the plan's own
        if not building and (not (proper or "等" in body) or len(_CJK.findall(norm[m.end() : end])) > 2):
            # Under 推进/加快 only a project named by its proper name, and only as the object itself
            # (扎实推进官道河等重大生态环境工程; not 加快…等重点景区提质升级, which improves what exists).
            continue
        if quoted or ranked or proper:
            found.append(name)
    return tuple(dict.fromkeys(found))


# A quoted label right before a short descriptor of a kind (“沙戈荒”新能源基地, “两重”项目): a kind of things
# named by a campaign, not one place.
_LABEL_KIND = re.compile(r'(?:“[^”]*”|"[^"]*")[\u3400-\u9fff]{0,3}')
_CLASS_SCOPE = re.compile(
    r"(?:[一二三四五六七八九十\dA-Z]+级|国[一二三四五六]|[\dA-Z]+A级)(?:及)?(?:以上|以下)"
)
_PERIOD_LABEL = re.compile(r'^[“"]?十[一二三四五六七八九]五[”"]?(?:规划|时期|期间)?(?:的)?')
_HOST = re.compile(
    r"(?:举办|承办|主办|办好)(?P<name>[^，,、；;。等]{3,20}?(?:节|赛|周|展|消费季|购物季|旅游季))(?=$|[，,；;。])"
)


_HOST_LIST = re.compile(
    r"(?:举办|承办|主办|办好)(?P<names>[^，,；;。等]{2,60}?)等[^，,；;。]{0,6}?(?:展会|会展|赛事|节会|盛会|展销会)"
)


def _events_to_host(norm: str, start: int, end: int) -> tuple[str, ...]:
    """A festival, contest or fair named after a verb of hosting (办好国际锣鼓节, 举办…马拉松赛): an event, even when
    its noun is no word of the project table; and the fairs listed before 等…展会 (办好进博会、广交会等重大展会)."""
    found = [
        m.group("name")
        for m in _HOST.finditer(norm[start:end])
        if not m.group("name").startswith(tables.VAGUE_PROJECT_WORDS)
    ]
    for m in _HOST_LIST.finditer(norm[start:end]):
        names = m.group("names").split("、")
        if all(len(_CJK.findall(n)) >= 2 and n.endswith(("会", "节", "赛", "展")) for n in names):
            found.extend(names)
    return tuple(found)


def _name_start(norm: str, start: int, i: int) -> int:
    """A name runs back from its noun to the nearest list mark or verb."""
    while i > start and norm[i - 1] not in ",，、；;：:。 " and not norm[start:i].endswith(_NAME_STOP_VERBS):
        i -= 1
    return i


def _carries_on(span: str) -> bool:
    head = span[:8]
    return any(head.startswith(w) or head[2:].startswith(w) for w in ("持续", "继续", "不断"))


_WIN = re.compile(r"(?:争创|创建|获评|争取)(?P<name>[^，,、；;。]{0,16}?“[^”]{1,12}”[\u3400-\u9fff]{0,4})")


def _titles_to_win(norm: str, start: int, end: int) -> tuple[str, ...]:
    """A title to win (争创县域商业“领跑县”): a quoted rank after 争创/创建."""
    return tuple(m.group("name") for m in _WIN.finditer(norm, start, end))


# --- verbs, past and political segments -------------------------------------------------------------------------------

_VERBS_SORTED = sorted(set(tables.ACTION_VERBS), key=len, reverse=True)
_ADVERBS_SORTED = sorted(set(tables.ADVERBS), key=len, reverse=True)
_VERB_RE = re.compile("|".join(map(re.escape, _VERBS_SORTED)))  # alternatives longest first
_ADVERB_RE = re.compile("|".join(map(re.escape, _ADVERBS_SORTED)))
_LATER_VERB_RE = re.compile(
    "|".join(re.escape(v) for v in _VERBS_SORTED if v not in ("发展", "服务", "创新", "投资"))
)
_QUOTE_OPENER = re.compile("|".join(tables.QUOTE_OPENERS))
_PAST_CHANGE = re.compile(
    r"由[^，,。；;]{0,12}?\d[^，,。；;]{0,12}?(?:增加|提高|提升|增长|扩大|上升|下降|减少|降低|跃升)(?:至|到)"
)
_STRONG_INNER_VERB = re.compile(r"(?<=[\u3400-\u9fff]{2})(?:实现|完成|建成|达到|突破)")
_PAST_OPENER = re.compile(
    r"(?:在)?(?:过去(?:的)?一年|去年|上一年|上年|一年来|这一年|今年以来|20\d{2}年(?:以来|全年|一年)?)(?:里|中|来|我们)?"
)
_COMPLETION = re.compile(
    r"(?:全部|全面|基本|如期|按期)?"
    r"(?:(?:建成|完工|竣工)并?(?:投产|投用|投运|达产|运营|投入使用|投入运营)"  # 年底前建成投产: finished and running
    r"|完成|完工|建成|投用|投产|投运|竣工|到位|实现|投入使用|投入运营)(?:任务)?"
)
_RANKING = re.compile(r"(?:全[省国市]|全省|全国)第[\d一二三四五六七八九十]+")


def _opening_verb(segment: str) -> str:
    """The verb a segment opens with (after a subject, adverbs or a preposition phrase), or ""."""
    s = segment.lstrip('“"')
    m = _SUBJECT.match(s)
    if m:
        s = s[m.end() :]
    for _ in range(6):
        verb = _VERB_RE.match(s)
        if verb:
            return verb.group(0)
        adverb = _ADVERB_RE.match(s)
        if not adverb:
            break
        s = s[adverb.end() :]
    if s.startswith(_PREPOSITION):
        # 在“太行一号”旅游公路沿线建设…, 与太原协同建设…, 对确定的工作任务逐项制定…: the verb comes later.
        verb = _LATER_VERB_RE.search(s, 1, 40)
        if verb:
            return verb.group(0)
    return ""


def _first_verb(segment: str) -> str:
    verb = _VERB_RE.search(segment)
    return verb.group(0) if verb else ""


def _is_past(segment: str, year: int) -> bool:
    if _FUTURE_RE.search(segment):
        return False
    if _PAST_RE.search(segment) or _PAST_CHANGE.search(segment) or _RANKING.search(segment):
        return True
    for m in _YEAR.finditer(segment):
        y = int(m.group(1))
        if y < year and not segment[max(0, m.start() - 2) : m.start()].endswith(
            ("比", "较", "与", "同", "自", "从", "于")
        ):
            return True
    return False


def _opens_review(norm: str, a: int, b: int, year: int) -> bool:
    """A paragraph whose first clause opens with the past year ("2024年，…", "过去一年，…") reviews the past: its
    figures are achievements, not targets, until a clause names the future again."""
    m = re.match(r"[^，,：:]{1,12}?[，,：:]", norm[a:b])
    if not m or not _PAST_OPENER.fullmatch(m.group(0)[:-1]):
        return False
    opener = _YEAR.match(norm, a)
    return not opener or int(opener.group(1)) < year


def _names_future(clause: str, year: int) -> bool:
    # 全年 in a review is the reviewed year (2024年，…。全年汽车以旧换新补贴申请超过50万份): it names no future.
    clause = clause.replace("全年", "")
    return bool(_FUTURE_RE.search(clause)) or f"{year}年" in clause or "将" in clause


def _is_political(segment: str) -> bool:
    return _POLITICAL_RE.search(segment) is not None


def _words(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


_FUTURE_RE = _words(tables.FUTURE_WORDS)
_PAST_RE = _words(tables.PAST_WORDS)
_POLITICAL_RE = _words(tables.POLITICAL_WORDS)


# --- layout: headings, paragraphs ----------------------------------------------------------------------------------


@dataclass
class _Body:
    start: int
    end: int
    area: str
    meta: bool = False  # page residue, or a review of the past: clauses, but no items


def _has_figure(norm: str, start: int, end: int) -> bool:
    depth = _depth_map(norm, start, end)
    has_targets = bool(_targets(norm, start, end, depth, start))
    return has_targets or "《" in norm[start:end] or _deadline(norm, start, end, 2000) is not None


def _first_sentence_end(norm: str, start: int, end: int) -> int:
    """End (exclusive, after the terminator) of the first sentence in norm[start:end], or end."""
    for i in range(start, end):
        if norm[i] in "。！？!?":
            return i + 1
    return end


def _inline_heading_end(norm: str, a: int, b: int) -> int | None:
    """A paragraph that opens with a short sentence without commas or figures ("产业向新。…") opens with its
    heading; the end of that sentence (after 。), else None."""
    first_end = _first_sentence_end(norm, a, b)
    sentence = norm[a : first_end - 1]
    if (
        first_end < b
        and norm[first_end - 1] == "。"
        and not re.search(r"[,，；;：:]", sentence)
        and 2 <= len(sentence) <= 32
        and not _has_figure(norm, a, first_end)
        and not _QUOTE_OPENER.match(sentence)
    ):
        return first_end
    return None


def _reviews_past(title: str, year: int) -> bool:
    if re.search(r"回顾|过去[一五]?年|工作总结", title):
        return True
    return any(int(y) < year for y in _YEAR.findall(title)) and not re.search(
        r"20\d{2}年.*(?:任务|目标|安排)", title
    )


# A notice's own title line (县人民政府办公室关于印发…的通知), its date line (2025年5月18日) and its attachment marks
# (附件2) are the document's frame, not commitments.
_DOC_TITLE = re.compile(
    r"[^。；;！？!?]{0,40}关于[^。；;！？!?]{2,80}的(?:通知|通报|意见|决定|批复|报告|函)(?:[（(][^（()）]{1,8}[）)])?"
)
_DATE_LINE = re.compile(
    r"(?:20\d{2}|二〇[〇零一二三四五六七八九]{2})年[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{1,3}日"
)
_ATTACHMENT = re.compile(r"附件\s*[\d一二三四五六七八九十]{0,2}\s*[:：]?")


def _layout(text: str, norm: str, year: int) -> tuple[list[Section], list[_Body]]:
    lines = []
    for m in re.finditer(r"[^\r\n]+", norm):
        a, b = m.start(), m.end()
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        if a < b and _CJK.search(norm, a, b):
            lines.append((a, b))
    has_l2 = any(_L2.match(norm, a) for a, _ in lines)
    inline_level = 3 if has_l2 else 2
    sections: list[Section] = []
    bodies: list[_Body] = []
    current = {1: "", 2: "", 3: ""}

    def area() -> str:
        return current[2] or current[1]

    past_level: list[int | None] = [None]  # the level of the open section that reviews the past, if any

    def new_body(start, end):
        return _Body(start, end, area(), meta=past_level[0] is not None)

    def open_section(title_start, title_end, number, level, start):
        title = text[title_start:title_end].strip().rstrip("。:：")
        sections.append(Section(title=title, number=number, level=level, start=start, end=title_end))
        current[level] = title
        for deeper in range(level + 1, 4):
            current[deeper] = ""
        if past_level[0] is not None and level <= past_level[0]:
            past_level[0] = None
        if past_level[0] is None and _reviews_past(norm[title_start:title_end], year):
            past_level[0] = level  # "一、2024年工作回顾": what it holds are achievements, not commitments

    attachment = False
    for index, (a, b) in enumerate(lines):
        if _META.match(norm, a) or _DOC_TITLE.fullmatch(norm, a, b) or _DATE_LINE.fullmatch(norm, a, b):
            bodies.append(_Body(a, b, area(), meta=True))
            continue
        if _ATTACHMENT.fullmatch(norm, a, b):
            attachment = True  # "附件2": the next line is the attachment's title
            bodies.append(_Body(a, b, area(), meta=True))
            continue
        if attachment:
            attachment = False
            if not any(ch in _TERMINATORS for ch in norm[a:b]) and not _L3.match(norm, a):
                open_section(
                    a, b, "", 1, a
                )  # 2025年十五件民盼实事任务分解(节选): a title, its count no target
                continue
        numbered = None
        for level, pattern in ((1, _L1), (2, _L2), (3, _L3)):
            m = pattern.match(norm, a)
            if m:
                numbered = (level, m)
                break
        if numbered:
            level, m = numbered
            rest = m.end()
            first_end = _first_sentence_end(norm, rest, b)
            title_end = first_end - 1 if first_end < b or norm[first_end - 1] in "。！？!?" else first_end
            if norm[first_end - 1] not in "。！？!?":
                title_end = first_end
            sentence = norm[rest:title_end]
            listed = first_end >= b and index + 1 < len(lines) and _L3.match(norm, lines[index + 1][0])
            heading = level < 3 or (
                not re.search(r"[,，；;]", sentence)
                and len(sentence) <= 30
                and not _has_figure(norm, rest, title_end)
                and not listed  # "1.加快…" right before "2.…": a line of a task list, not a heading
            )
            if heading and rest < title_end:
                open_section(rest, title_end, text[a:rest].strip(), level, a)
                if first_end < b:
                    bodies.append(new_body(first_end, b))
            else:
                bodies.append(new_body(rest, b))
            continue
        line = norm[a:b]
        bare = (
            not any(ch in _TERMINATORS for ch in line)
            and line[-1] not in ",，、：:"
            and not (line[-1] == "." and len(line) > 1 and _CJK.match(line[-2]))  # pasted text ends with "."
            and len(line) <= 60
            and index + 1 < len(lines)
            and not _has_figure(norm, a, b)  # "新建学校10所" on its own line is a task, not a heading
        )
        if bare:
            following = lines[index + 1]
            if len(line) <= 6 and _inline_heading_end(norm, *following) is not None:
                continue  # a picture's caption right before a headed paragraph (大学城三馆)
            open_section(a, b, "", 1, a)
            continue
        first_end = _inline_heading_end(norm, a, b)
        if first_end is not None:
            # A short motto (产业向新, 激发干的志气) heads an area; a longer lead sentence (稳步治水兴水节水,
            # 加快以县城为重要载体的新型城镇化建设) heads a paragraph inside it.
            level = inline_level if first_end - 1 - a <= 6 else 3
            open_section(a, first_end - 1, "", level, a)
            bodies.append(new_body(first_end, b))
            continue
        bodies.append(new_body(a, b))
    return sections, bodies


def _clauses_of(norm: str, body: _Body) -> list[tuple[int, int]]:
    """Clauses: text between terminators and line ends, the terminator (and a closing quote after it) kept."""
    out = []
    i, start, end = body.start, body.start, body.end
    while i < end:
        ch = norm[i]
        stop = ch in _TERMINATORS or (
            ch == "."
            and i > start
            and _CJK.match(norm[i - 1])
            and (i + 1 >= end or not norm[i + 1].isalnum())
        )
        if stop:
            j = i + 1
            while j < end and (norm[j] in _TRAILING or norm[j] in _TERMINATORS):
                j += 1
            out.append((start, j))
            start = i = j
            continue
        i += 1
    if start < end:
        out.append((start, end))
    cleaned = []
    for a, b in out:
        while a < b and norm[a].isspace():
            a += 1
        m = _L3.match(norm, a)
        if m and m.end() < b:
            a = m.end()
        while b > a and norm[b - 1].isspace():
            b -= 1
        if a < b and _CJK.search(norm, a, b):
            cleaned.append((a, b))
    return cleaned


def _segments(norm: str, a: int, b: int, depth: list[int]) -> list[tuple[int, int]]:
    """Comma-separated pieces of a clause (outside quotes and brackets; "12,000" is one number)."""
    out, start = [], a
    for i in range(a, b):
        ch = norm[i]
        if depth[i - a] > 0:
            continue
        split = ch in "，：:" or (
            ch == ","
            and not (i > a and norm[i - 1].isdigit() and re.match(r"\d{3}(?!\d)", norm[i + 1 : i + 5]))
        )
        if split:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    trimmed = []
    for s, e in out:
        while s < e and (norm[s].isspace()):
            s += 1
        while e > s and (norm[e - 1].isspace() or norm[e - 1] in "。；！？;!?."):
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


# --- items ---------------------------------------------------------------------------------------------------------------


@dataclass
class _Piece:
    start: int
    end: int
    verb: str
    targets: tuple[Target, ...]
    prefix: bool  # a preposition phrase that belongs to what follows
    resource: bool = False  # 发挥…优势: its figures describe what exists
    parallel: bool = False  # a list's next object after a comma, without its verb


class _LeadTable:
    """The keyword → lead unit table, compiled once: the longest keyword found wins, then the earliest; of two
    rows with one keyword the first wins."""

    def __init__(self, table: LeadTable):
        self.units: dict[str, str] = {}
        for keyword, unit in table:
            if keyword and keyword not in self.units:
                self.units[keyword] = unit
        keywords = sorted(self.units, key=len, reverse=True)
        # A lookahead finds a keyword at every position, also inside another one.
        self.pattern = re.compile("(?=(" + "|".join(map(re.escape, keywords)) + "))") if keywords else None

    def unit(self, *texts: str) -> str:
        if self.pattern is None:
            return ""
        for text in texts:
            best = None
            for m in self.pattern.finditer(text):
                key = (-len(m.group(1)), m.start())
                if best is None or key < best[0]:
                    best = (key, m.group(1))
            if best:
                return self.units[best[1]]
        return ""


_DEFAULT_LEADS = _LeadTable(tables.DEFAULT_LEAD_TABLE)


def _items_of_clause(text, norm, a, b, area, year, table) -> list[Item]:
    clause = norm[a:b]
    if _QUOTE_OPENER.match(clause) or any(w in clause for w in tables.REFLECTION_WORDS):
        return []
    if any(w in clause for w in tables.COVER_LETTER_WORDS):
        return []  # 现将《…》印发给你们，请认真对照: the notice issues these itself; the rest is boilerplate
    if any(w in clause for w in tables.TARGET_SETTING_WORDS) and any(
        w in clause for w in tables.RATIONALE_WORDS
    ):
        return []  # 把增长目标定在5%左右，是综合考虑…: why the target was set, not the target
    depth = _depth_map(norm, a, b)
    groups: list[list[_Piece]] = []
    current: list[_Piece] | None = None
    pending: list[_Piece] = []
    clause_deadline: tuple[int, int, date] | None = None
    segments = _segments(norm, a, b, depth)
    if segments and _PAST_OPENER.fullmatch(norm[segments[0][0] : segments[0][1]]):
        opener = _YEAR.match(norm, segments[0][0])
        if not opener or int(opener.group(1)) < year:
            return []  # "过去一年,…", "2024年,…": the whole sentence tells the past
    in_past = False
    for s, e in segments:
        seg = norm[s:e]
        verb = _opening_verb(seg)
        if in_past and verb in ("", *_MEASURE_VERBS) and not _FUTURE_RE.search(seg):
            continue  # 2024年…利用外资1.2亿美元,增长15%: the same past statement goes on
        in_past = False
        if _is_political(seg) or seg.startswith("是") or _is_past(seg, year):
            current, pending = None, []
            in_past = not _is_political(seg)
            continue
        targets = _targets(norm, s, e, depth, a)
        if not targets and norm[e : e + 1] in (":", "："):
            current, pending = None, []
            continue  # "今年发展的主要预期目标是：": the lead-in of the list after the colon
        if "预计" in seg or _TASK_COUNT.search(seg):
            current, pending = None, []
            in_past = True
            continue  # 毕业生预计达到1222万人: a forecast; 共明确133项具体任务: the notice counts its own lines
        if current is not None and (
            seg.startswith(tables.SUBTARGET_OPENERS)
            or seg.startswith(tables.FREQUENCY_OPENERS)
            and not targets
            or targets
            and any(w in seg for w in tables.BENEFICIARY_WORDS)
            and not any(p.targets for p in current)
            or _uses_funds(seg, current)
        ):
            current.append(_Piece(s, e, "", targets, prefix=False))
            continue  # …2000人次以上，其中…不少于800人次; …国债1.3万亿元，持续支持…: the same commitment
        enumerated = _ENUMERATOR.match(seg)
        if enumerated and len(seg) - enumerated.end() <= 6 and e < segments[-1][1] and not targets:
            current, pending = None, []
            continue  # "一是抓好运行调度，建立…": the theme of the enumerated point, not a commitment
        resource = verb in tables.RESOURCE_OPENERS and "优势" in seg
        if resource:
            targets = ()  # 发挥21所驻市高校…优势: a resource that exists, not a target
        found = _deadline(norm, s, e, year)
        if found and found[0] == s and found[1] < e and not verb and current is not None:
            later = _opening_verb(norm[found[1] : e])
            if (
                later
                and not _COMPLETION.fullmatch(norm[found[1] : e])
                and _has_checkable_words(norm, found[1], e, depth, a)
            ):
                verb = later  # …200个以上，年底前出台《…》: a dated commitment of its own, not the date of the one before
        if found and found[0] == s and found[1] == e:
            clause_deadline = found  # "到2027年," "年内,": the deadline of what follows
            continue
        if found and current is not None and not targets:
            rest = norm[s : found[0]] + norm[found[1] : e]
            if _COMPLETION.fullmatch(rest):
                current.append(
                    _Piece(s, e, "", (), prefix=False)
                )  # …超低排放改造,年底前全部完成: the date of the same work
                continue
        if verb in _FOCUS_VERBS and not _LATER_VERB_RE.search(seg, len(verb)):
            verb = ""  # 聚焦钢铁、焦化…等重点行业,实施…: where the work that follows is aimed
        piece = _Piece(
            s,
            e,
            verb,
            targets,
            prefix=not verb and seg.startswith(_PREPOSITION + _FOCUS_VERBS),
            resource=resource,
        )
        if piece.prefix and not targets:
            pending.append(piece)
            continue
        if not verb and not targets and _STRONG_INNER_VERB.search(seg):
            verb = _STRONG_INNER_VERB.search(seg).group(
                0
            )  # 冶金食品、玻璃等产业实现优化升级: its own subject
            piece.verb = verb
        if (
            targets
            and current is not None
            and not piece.prefix
            and not any(p.targets for p in current)
            and _restates(seg, verb, norm[current[0].start : current[-1].end])
            and not _has_checkable_words(norm, current[0].start, current[-1].end, depth, a)
        ):
            # 推动中欧班列常态化开行,全年开行40列以上: the figure of work the piece before only names
            current.append(piece)
        elif verb or piece.prefix or (found and found[0] == s and (targets or current is None)):
            current = [*pending, piece]
            groups.append(current)
            pending = []
        elif (
            current is not None
            and not targets
            and any(p.targets for p in current)
            and _INDICATOR.search(seg)
            and not _opening_verb(seg)
        ):
            current = [piece]  # …2.8万人以上,城乡居民人均可支配收入增长与经济增长基本同步: the next indicator
            groups.append(current)
        elif current is not None and not targets and not _parallel(seg):
            current.append(piece)  # a qualifying phrase of the commitment before it
        elif current is not None and not targets:
            piece.parallel = True  # 新能源汽车、装备制造…等五百亿级支柱产业集群: the next object of the list
            current = [piece]
            groups.append(current)
        elif targets or _has_checkable_words(norm, s, e, depth, a):
            current = [*pending, piece]
            groups.append(current)
            pending = []
        # else: a description with nothing to do or check
    if pending and current is not None:
        current.extend(pending)
    items = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        resource = any(p.resource for p in group)
        first = group[0] if not group[0].prefix or group[0].targets else group[min(1, len(group) - 1)]
        parts = [(start, end)] if resource else _split_targets(norm, first.start, first.end, depth, a)
        parts[0] = (start, parts[0][1])  # a preposition phrase before it stays with the first part
        parts[-1] = (parts[-1][0], end)  # qualifying phrases after it stay with the last part
        for part_start, part_end in parts:
            item = _make_item(
                text,
                norm,
                part_start,
                part_end,
                depth,
                a,
                b,
                area,
                year,
                table,
                clause_deadline,
                resource,
                listed=group[0].parallel,
            )
            if item is not None:
                items.append(item)
    return items


_TASK_COUNT = re.compile(
    r"(?:明确|涉及|细化为|分解为|梳理出?|确定)[^，,；;。]{0,4}?(?:\d+|[一二三四五六七八九十百]+)(?:项|个|件|家)"
    r"(?:具体|重点|主要)?(?:任务|事项|牵头单位|责任单位|配合单位|单位|部门)"
)


def _uses_funds(segment: str, current: list[_Piece]) -> bool:
    """What money is used for, right after the figure of that money (发行国债1.3万亿元，持续支持…)."""
    money = current[-1].targets and current[-1].targets[-1].unit.endswith("元")
    return bool(money) and segment.startswith(tables.FUND_USE_OPENERS)


_MEASURE_VERBS = ("增长", "下降", "提高", "降低", "达到", "突破", "增加", "减少", "提升", "新增")
_INDICATOR = re.compile(
    r"(?:增加值|收入|总额|产值|比重|能耗|比例|强度)[^，,]{0,4}(?:增长|下降|提高|同步|持平|稳定)"
)
_ENUMERATOR = re.compile(r"(?:[一二三四五六七八九十]是|首先|其次|再次|最后)")
_LEAD_WORD = re.compile(r"(?:[一二三四五六七八九十]是|首先|其次|再次|还要|更要|一定要|必须|要)")
_HOSTING_VERBS = ("举办", "开展", "组织", "召开")
_FOCUS_VERBS = ("聚焦", "瞄准", "紧盯")
_TIME_WORDS = ("全年", "年内", "今年", "年底前", "上半年", "下半年", "当年")
_GENERIC_WORDS = frozenset(
    (
        "发展",
        "建设",
        "推进",
        "推动",
        "加快",
        "全面",
        "工作",
        "实施",
        "提升",
        "全市",
        "全年",
        "年内",
        "以上",
        "项目",
        "企业",
        # Places and settings, not objects (开展农村人居环境整治, 完成农村户厕改造1200户: two works in one place).
        "农村",
        "城市",
        "城乡",
        "全省",
        "全国",
    )
)


def _shares_words(segment: str, before: str) -> bool:
    """Whether a piece repeats a word (two CJK characters, not a generic one) of the piece before it."""
    words = {segment[i : i + 2] for i in range(len(segment) - 1)}
    return any(
        w not in _GENERIC_WORDS and _CJK.fullmatch(w[0]) and _CJK.fullmatch(w[1]) and w in before
        for w in words
    )


_AGGREGATES = ("增加值", "收入", "营收", "产值", "总额", "总量", "比重")


def _restates(segment: str, verb: str, before: str) -> bool:
    """Whether a piece with a figure only measures the work the piece before names, and so stays with it:
    推动中欧班列常态化开行,全年开行40列以上; 推动…生产线智能化改造,新增智能化生产线50条; 推动工业固废资源综合
    利用,一般工业固废综合利用率达到60%. It has no verb of its own, a measuring verb (新增, 达到 …) or the verb
    of the piece before, and repeats one of its words. Not: a verb of its own (发挥…作用,年内安排专项资金15亿元;
    围绕…编制招商图谱,全年引进链上项目100个), nor an aggregate of a whole sector (推动信创…集聚发展,软件业务
    收入增长12%: an indicator of its own). A verb of holding events counts the events of the activity before
    it (办好“乐享”系列促消费活动,全年举办各类促消费活动100场以上)."""
    if any(w in segment for w in _AGGREGATES):
        return False
    if verb and verb not in _MEASURE_VERBS + _HOSTING_VERBS + ("完成",) and verb not in before:
        return False
    return _shares_words(segment, before)


def _parallel(segment: str) -> bool:
    """A comma piece that lists objects (X、Y等…) rather than qualifying the one before it."""
    segment = re.sub(
        r"[（(][^（()）]*[）)]", "", segment
    )  # 县(市、区): a list inside a bracket lists nothing
    return (
        len(segment) >= 8
        and ("、" in segment or "等" in segment)
        and not segment.startswith(("让", "使", "为"))
    )


def _has_checkable_words(norm, s, e, depth, base) -> bool:
    if _documents(norm, s, e) or _plans(norm, s, e) or _deadline(norm, s, e, 2000) is not None:
        return True
    return bool(_projects(norm, s, e, depth, base))


def _split_targets(norm, start, end, depth, base) -> list[tuple[int, int]]:
    """Split at 、 when every part carries its own figure (再打造40个精品示范村、300个提档升级村)."""
    cuts = [i for i in range(start, end) if norm[i] == "、" and depth[i - base] == 0]
    if not cuts:
        return [(start, end)]
    parts, s = [], start
    for c in cuts:
        parts.append((s, c))
        s = c + 1
    parts.append((s, end))
    if any(norm.startswith(tables.ATTRIBUTE_OPENERS, p) for p, _ in parts[1:]):
        return [(start, end)]  # 储备项目60个、总投资120亿元: the investment of the same projects
    for p, q in parts:
        figures = _targets(norm, p, q, depth, base)
        if not figures:
            return [(start, end)]  # 打造煤炭、焦化和冶金、文旅3个…集群: one list, one figure
        rest = norm[p:q]
        verb = _opening_verb(rest)
        if verb:
            rest = rest[rest.index(verb) + len(verb) :]
        for t in figures:
            rest = rest.replace(t.text, "", 1)
        own_noun = norm[p:q].rstrip("以上左右多").endswith(figures[-1].text) and len(_CJK.findall(rest)) >= 2
        if len(_CJK.findall(rest)) < 3 and not own_noun:
            return [
                (start, end)
            ]  # (but “数字领航”企业50家、5G工厂100家: each noun with its own count)  # 95个省级、296个市级重点工程项目: two figures of one object
    return parts


def _make_item(
    text,
    norm,
    start,
    end,
    depth,
    base,
    clause_end,
    area,
    year,
    table,
    clause_deadline,
    resource=False,
    listed=False,
) -> Item | None:
    lead = _LEAD_WORD.match(norm, start, end)
    if lead and (_VERB_RE.match(norm, lead.end(), end) or _ADVERB_RE.match(norm, lead.end(), end)):
        start = lead.end()  # "一是…", "要…", "必须…": the enumerator or modal is no part of the commitment
    span_norm = norm[start:end]
    targets = () if resource else _targets(norm, start, end, depth, base)
    found = _deadline(norm, start, end, year) or clause_deadline
    deadline, deadline_date = (text[found[0] : found[1]], found[2]) if found else ("", None)
    documents = _documents(norm, start, end) + _plans(norm, start, end)
    projects = _projects(norm, start, end, depth, base)
    verb = _opening_verb(span_norm) or _first_verb(span_norm)
    checkable = bool(targets or deadline or documents or projects)
    if not checkable and not verb and not listed:
        return None
    reasons = []
    if targets:
        reasons.append(
            "量化指标："
            + "、".join(
                t.text + (t.modifier if t.modifier in tables.MODIFIERS_AFTER else "")
                for t in targets
                if t.modifier != "区间上限"
            )
        )
    if deadline:
        reasons.append("期限：" + deadline)
    if documents:
        reasons.append("待出台文件：" + "、".join(documents))
    if projects:
        reasons.append("具名项目：" + "、".join(projects))
    if not checkable:
        reasons.append(f"方向性表述（{verb}…）：无量化指标、期限、待出台文件或具名项目")
    confidence = 0.45
    if checkable:
        confidence = (
            0.55 + 0.2 * bool(targets) + 0.1 * bool(deadline) + 0.2 * bool(documents) + 0.1 * bool(projects)
        )
        confidence += 0.05 if verb else -0.05
    elif verb in ("加快", "推进", "推动", "深化", "持续", "着力", "加强", "完善", "健全", "落实"):
        confidence = 0.6
    if documents:
        obj = documents[0]
    elif projects:
        obj = projects[0]
    else:
        at = span_norm.find(verb) + len(verb) if verb else 0
        obj = text[start + at : end].strip(" ，,、")[:40]
    return Item(
        span=text[start:end],
        start=start,
        end=end,
        checkable=checkable,
        action=verb,
        object=obj,
        targets=targets,
        deadline=deadline,
        deadline_date=deadline_date,
        documents=documents,
        projects=projects,
        area=area,
        lead_unit=table.unit(span_norm, area, norm[base:clause_end]),
        confidence=min(0.95, round(confidence, 2)),
        reasons=tuple(reasons),
    )
