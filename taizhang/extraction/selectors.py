"""Reads of the breakdown pages: the document list with its counts, the source text cut into highlighted
pieces, the draft list by area, and the coverage view (clause → items → tasks, and whether each task is
measurable). Every query here is a fixed number per page, whatever the number of items."""

from bisect import bisect_right
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from taizhang.extraction.choices import ItemStatus
from taizhang.extraction.models import DraftItem, SourceDocument

LIVE = [ItemStatus.PROPOSED, ItemStatus.ACCEPTED]
FILTERS = ("all", "checkable", "directives", "open")


def documents_with_counts():
    """Documents, newest first, each with items (live), checkable, accepted and coverage % (accepted
    checkable items of all checkable ones)."""
    live = Q(items__status__in=LIVE)
    rows = list(
        SourceDocument.objects.filter(is_archived=False)
        .select_related("plan", "created_by")
        .annotate(
            n_items=Count("items", filter=live),
            n_checkable=Count("items", filter=live & Q(items__checkable=True)),
            n_accepted=Count("items", filter=live & Q(items__task__isnull=False)),
            n_covered=Count("items", filter=live & Q(items__checkable=True, items__task__isnull=False)),
        )
    )
    for row in rows:
        row.coverage = round(100 * row.n_covered / row.n_checkable) if row.n_checkable else None
    return rows


def document_items(document: SourceDocument) -> list[DraftItem]:
    """All items of a document (merged ones too: the page hides them), in text order, one query."""
    return list(
        DraftItem.objects.filter(document=document)
        .select_related("lead_unit", "task", "task__lead_unit", "merged_into")
        .order_by("start", "id")
    )


def item_class(item: DraftItem) -> str:
    if item.status == ItemStatus.DROPPED:
        return "dropped"
    return "checkable" if item.checkable else "directive"


def filter_items(items: list[DraftItem], show: str) -> list[DraftItem]:
    visible = [i for i in items if i.status != ItemStatus.MERGED]
    if show == "checkable":
        return [i for i in visible if i.checkable and i.status != ItemStatus.DROPPED]
    if show == "directives":
        return [i for i in visible if not i.checkable and i.status != ItemStatus.DROPPED]
    if show == "open":
        return [i for i in visible if i.task_id is None and i.status == ItemStatus.PROPOSED]
    return visible


def group_by_area(items: list[DraftItem]) -> list[dict]:
    """Items under their area (the section heading they fall in), areas in text order."""
    groups: dict[str, list[DraftItem]] = {}
    for item in items:
        groups.setdefault(item.area_title, []).append(item)
    return [{"area": area or _("Before the first heading"), "items": rows} for area, rows in groups.items()]


@dataclass
class Piece:
    text: str
    item_ids: str = ""  # space-separated ids of the items covering it ("" = plain text)
    css: str = ""  # checkable / directive / dropped (of the first covering item)
    heading: int = 0  # the heading level when the piece is part of a section heading


def source_pieces(document: SourceDocument, items: list[DraftItem]) -> list[Piece]:
    """The text cut at every item and heading boundary, so each piece knows which items cover it (items
    may overlap once tasks are linked by their clause): the page wraps pieces in <mark data-items>."""
    text = document.text
    shown = [i for i in items if i.status != ItemStatus.MERGED and 0 <= i.start < i.end <= len(text)]
    headings = [s for s in document.sections if 0 <= s["start"] < s["end"] <= len(text)]
    cuts = {0, len(text)}
    for i in shown:
        cuts.update((i.start, i.end))
    for s in headings:
        cuts.update((s["start"], s["end"]))
    bounds = sorted(cuts)
    # sweep: items/headings sorted by start, each piece takes those that cover it
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        covering = [i for i in shown if i.start <= a and i.end >= b]
        level = next((s["level"] for s in headings if s["start"] <= a and s["end"] >= b), 0)
        pieces.append(
            Piece(
                text=text[a:b],
                item_ids=" ".join(str(i.pk) for i in covering),
                css=item_class(covering[0]) if covering else "",
                heading=level,
            )
        )
    return pieces


# --- coverage ------------------------------------------------------------------------------------------


@dataclass
class TaskCheck:
    task: object
    flags: list[str] = field(default_factory=list)
    measurable: bool = True


@dataclass
class ClauseRow:
    start: int
    end: int
    text: str
    area: str
    heading: dict | None = None  # the section heading that opens before this clause, if any
    items: list = field(default_factory=list)  # live items overlapping the clause
    tasks: list = field(default_factory=list)
    uncovered: list = field(default_factory=list)  # live checkable items without a task


def _opening_verb(span: str) -> str:
    stripped = span.strip()
    return stripped[:2] if stripped else ""


def check_task(task, items: list[DraftItem]) -> TaskCheck:
    """Measurability (issue 5 §4): no number, no deadline in the source, no lead unit, or a directive
    ("推进""加快" … with nothing checkable) is flagged. Measurable: a lead unit, not a directive, and a
    number, a deadline in the source, or a checkable deliverable (a named document to issue, a named
    project or event: done or not done is checkable without a number)."""
    check = TaskCheck(task=task)
    has_number = task.target_value is not None
    has_deadline = any(i.deadline or i.deadline_date for i in items)
    directive = bool(items) and not any(i.checkable for i in items) and not has_number
    if not has_number:
        check.flags.append(_("no number in the target"))
    if not has_deadline:
        check.flags.append(_("no deadline in the source"))
    if task.lead_unit_id is None:
        check.flags.append(_("no lead unit"))
    if directive:
        check.flags.append(
            _("a directive (“%(verb)s…”) with nothing checkable") % {"verb": _opening_verb(items[0].span)}
        )
    deliverable = any(i.checkable for i in items)
    check.measurable = (
        task.lead_unit_id is not None and not directive and (has_number or has_deadline or deliverable)
    )
    return check


def coverage(document: SourceDocument, items: list[DraftItem]) -> dict:
    """The source clause by clause with the items and tasks that cover it, the tasks' measurability, and
    the totals the page heads with."""
    text = document.text
    clauses = sorted(document.clauses, key=lambda c: c["start"])
    rows = [ClauseRow(c["start"], c["end"], text[c["start"] : c["end"]], c.get("area", "")) for c in clauses]
    starts = [r.start for r in rows]
    for section in document.sections:
        at = bisect_right(starts, section["start"])
        if at < len(rows) and rows[at].heading is None:
            rows[at].heading = section
    live = [i for i in items if i.status in LIVE]
    for item in live:
        at = max(bisect_right(starts, item.start) - 1, 0)
        while at < len(rows) and rows[at].start < item.end:
            row = rows[at]
            if row.end > item.start:
                row.items.append(item)
                if item.task is not None and item.task not in row.tasks:
                    row.tasks.append(item.task)
                if item.checkable and item.task_id is None:
                    row.uncovered.append(item)
            at += 1
    by_task: dict[int, tuple] = {}
    for item in live:
        if item.task is not None:
            by_task.setdefault(item.task_id, (item.task, []))[1].append(item)
    checks = [check_task(task, its) for task, its in by_task.values()]
    checkable = [i for i in live if i.checkable]
    covered = [i for i in checkable if i.task_id is not None]
    measurable = [c for c in checks if c.measurable]
    return {
        "rows": rows,
        "checks": checks,
        "totals": {
            "clauses": len(rows),
            "commitments": len(live),
            "checkable": len(checkable),
            "covered": len(covered),
            "uncovered": len(checkable) - len(covered),
            "tasks": len(checks),
            "measurable": len(measurable),
            "measurable_pct": round(100 * len(measurable) / len(checks)) if checks else None,
            "covered_pct": round(100 * len(covered) / len(checkable)) if checkable else None,
        },
    }
