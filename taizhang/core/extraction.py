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

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Target:
    value: float  # 5, 1200, 44000 (the number as written, scaled by 万/亿 only when the unit keeps them apart)
    unit: str  # "%", "万人", "亿元", "户", "个", "家" … ("" when none)
    modifier: str = ""  # 左右 / 以上 / 以内 / 力争 / 不低于 / 达到 … ("" when none)
    text: str = ""  # the words it was read from, e.g. "1200万人以上"


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
    area: str  # the title of the innermost level-1 section it falls in ("" before the first heading)


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
    reasons: tuple[str, ...] = field(default=())  # why checkable / why a directive, in Chinese, for the reviewer


@dataclass(frozen=True)
class Extraction:
    text: str
    year: int  # the year deadlines are read against
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    items: tuple[Item, ...]


# A city edits this table (the extraction app keeps it in the database); this is the default.
# Each row: (keyword, lead unit name). The first keyword found in a clause wins; longer keywords first.
LeadTable = list[tuple[str, str]]


def extract(text: str, *, year: int | None = None, lead_table: LeadTable | None = None) -> Extraction:
    """Read `text` and return its sections, clauses and commitments. `year`: the plan year (default: the
    year the text names most, else this year). `lead_table`: keyword → unit (default DEFAULT_LEAD_TABLE)."""
    raise NotImplementedError  # being written (issue 5)


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


__all__ = ["Clause", "Extraction", "Item", "LeadTable", "Section", "Target", "extract", "item_json"]
