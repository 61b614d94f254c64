"""Writes of the breakdown pages (issue 5): a document read into draft items, the reviewer's edits, merges
and drops, accepting items into a plan as tasks that keep their source clause, and the keyword → lead
unit table. 督查/管理员 only (Action.MANAGE); every write is atomic and saved with who and why.
"""

import hashlib
import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from taizhang.accounts.models import Unit
from taizhang.audit.services import record_event, save_audited
from taizhang.core import extraction as kernel
from taizhang.core.access import Action, require
from taizhang.extraction.choices import ItemStatus, Origin
from taizhang.extraction.models import DraftItem, LeadKeyword, SourceDocument
from taizhang.ledgers.services import parse_decimal
from taizhang.plans.choices import TargetKind
from taizhang.plans.models import Area, Plan, Task
from taizhang.plans.services import create_area, create_task

UPLOAD_SUFFIXES = (".txt", ".docx")
TITLE_MAX = 200


def max_upload_bytes() -> int:
    """The same ceiling as the Excel imports (TAIZHANG_IMPORT_MAX_MB): a policy document is far smaller."""
    return int(getattr(settings, "TAIZHANG_IMPORT_MAX_MB", 20)) * 1024 * 1024


# --- the keyword → lead unit table --------------------------------------------------------------------


def units_by_name() -> dict[str, Unit]:
    """Active units by full and short name (the kernel's default table names 市工信局-style short names)."""
    found: dict[str, Unit] = {}
    for unit in Unit.objects.filter(is_active=True):
        found.setdefault(unit.name, unit)
        found.setdefault(unit.short_name, unit)
    return found


def lead_table() -> list[tuple[str, str]]:
    """The city's table when it has active rows, else the kernel's default (None lets the kernel choose)."""
    rows = LeadKeyword.objects.filter(is_active=True, is_archived=False).select_related("unit")
    return [(row.keyword, row.unit.name) for row in rows]


def default_lead_table() -> list[tuple[str, str]]:
    table = getattr(kernel, "DEFAULT_LEAD_TABLE", None)
    if table is None:  # the kernel keeps its word lists beside it
        from taizhang.core import extraction_tables

        table = getattr(extraction_tables, "DEFAULT_LEAD_TABLE", [])
    return list(table)


# --- a document read into draft items ------------------------------------------------------------------

_GROWTH = re.compile(r"(增长|增速|增幅|提高|提升|上涨)[^，,。；;]{0,6}$")
_MONEY_UNITS = ("元", "美元")
_CLOSING = "。；;！!？?，,、 \n\t"


def target_fields(targets: list[dict], span: str) -> tuple[str, Decimal | None, str]:
    """The task's target kind, value and unit from an item's first target (issue 5 brief):
    growth "增长X%" → growth_pp, other "%" → percentage, money → amount, other units → count, none →
    milestone (a named document, project or deadline is checked as done / not done)."""
    if not targets:
        return TargetKind.MILESTONE, None, ""
    first = targets[0]
    unit = str(first.get("unit") or "")
    value = Decimal(str(first.get("value")))
    if unit in {"%", "％"}:
        words = str(first.get("text") or "")
        before = span.split(words, 1)[0] if words and words in span else ""
        growth = words.startswith(("增长", "增速", "增幅")) or bool(_GROWTH.search(before))
        return (TargetKind.GROWTH_PP if growth else TargetKind.PERCENTAGE), value, "%"
    if unit.endswith(_MONEY_UNITS):
        return TargetKind.AMOUNT, value, unit[:20]
    return TargetKind.COUNT, value, unit[:20]


def default_title(span: str) -> str:
    """A task title from the span: the words without the closing punctuation, at most TITLE_MAX."""
    title = span.strip().rstrip(_CLOSING)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _target_dict(target) -> dict:
    return {"value": target.value, "unit": target.unit, "modifier": target.modifier, "text": target.text}


def _draft(document: SourceDocument, item, units: dict[str, Unit]) -> DraftItem:
    targets = [_target_dict(t) for t in item.targets]
    kind, value, unit = target_fields(targets, item.span)
    return DraftItem(
        document=document,
        start=item.start,
        end=item.end,
        span=item.span,
        checkable=item.checkable,
        action=item.action[:40],
        object=item.object[:300],
        targets=targets,
        documents=list(item.documents),
        projects=list(item.projects),
        deadline=item.deadline[:60],
        deadline_date=item.deadline_date,
        area_title=item.area[:100],
        lead_unit=units.get(item.lead_unit) if item.lead_unit else None,
        suggested_lead_unit=item.lead_unit[:100],
        confidence=item.confidence,
        reasons=list(item.reasons),
        title=default_title(item.span),
        target_kind=kind,
        target_value=value,
        target_unit=unit,
    )


def _clean_document_fields(title: str, year, plan: Plan | None) -> tuple[str, int, dict]:
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Title: required.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Title: at most %(n)s characters.") % {"n": TITLE_MAX}
    if plan is not None and plan.is_archived:
        errors["plan"] = _("Target plan: %(plan)s is archived.") % {"plan": plan}
    if year in (None, "") and plan is not None:
        year = plan.year
    try:
        year = int(year)
        if not 2000 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        errors["year"] = _("Year: “%(value)s” is not a year such as 2025.") % {"value": year or ""}
    return title, year, errors


def _read_upload(upload) -> tuple[bytes, str]:
    """The uploaded file's bytes and its text, or a ValidationError on the file field."""
    name = upload.name or ""
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise ValidationError({"file": _("File: “%(name)s” is not a .txt or .docx file.") % {"name": name}})
    if upload.size > max_upload_bytes():
        raise ValidationError(
            {
                "file": _("File: %(name)s is larger than %(mb)s MB.")
                % {"name": name, "mb": max_upload_bytes() // (1024 * 1024)}
            }
        )
    data = upload.read()
    from taizhang.extraction.documents import read_document  # the kernel helper's reader

    try:
        text = read_document(data, name)
    except ValueError as exc:
        raise ValidationError({"file": _("File: %(problem)s") % {"problem": exc}}) from None
    return data, text


@transaction.atomic
def create_document(
    *, actor, title: str, year=None, text: str = "", upload=None, plan: Plan | None = None
) -> SourceDocument:
    """Read an uploaded .txt/.docx or pasted text, run the kernel and keep its items as drafts."""
    require(actor, Action.MANAGE)
    title, year, errors = _clean_document_fields(title, year, plan)
    data = b""
    if upload is not None:
        try:
            data, text = _read_upload(upload)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if upload is None and len((text or "").encode("utf-8")) > max_upload_bytes():
        errors["text"] = _("Text: longer than %(mb)s MB.") % {"mb": max_upload_bytes() // (1024 * 1024)}
    if "file" not in errors and not (text or "").strip():
        key = "file" if upload is not None else "text"
        errors[key] = (
            _("File: the document holds no text.")
            if upload is not None
            else _("Text: paste the document's text or choose a file.")
        )
    if errors:
        raise ValidationError(errors)
    result = kernel.extract(text, year=year, lead_table=lead_table() or None)
    document = SourceDocument(
        title=title,
        year=year,
        origin=Origin.UPLOAD if upload is not None else Origin.PASTE,
        original_name=(upload.name if upload is not None else "")[:200],
        sha256=hashlib.sha256(data if upload is not None else text.encode("utf-8")).hexdigest(),
        text=text,
        sections=[
            {"title": s.title, "number": s.number, "level": s.level, "start": s.start, "end": s.end}
            for s in result.sections
        ],
        clauses=[{"start": c.start, "end": c.end, "area": c.area} for c in result.clauses],
        plan=plan,
        created_by=actor,
    )
    if upload is not None:
        upload.seek(0)
        document.file.save(upload.name, upload, save=False)
    save_audited(document, actor=actor, reason=_("Document read"), action="create")
    units = units_by_name()
    bulk_create_with_history(
        [_draft(document, item, units) for item in result.items],
        DraftItem,
        default_user=actor,
        default_change_reason=_("Read from the document"),
    )
    return document


# --- the reviewer's edits ------------------------------------------------------------------------------


def _item_label(item: DraftItem) -> str:
    span = item.span.strip()
    return "“" + (span if len(span) <= 24 else span[:24] + "…") + "”"


def _require_open(item: DraftItem, field: str = "status") -> None:
    if item.task_id is not None:
        raise ValidationError(
            {field: _("Item %(item)s is already a task of the plan.") % {"item": _item_label(item)}}
        )
    if item.status == ItemStatus.MERGED:
        raise ValidationError(
            {field: _("Item %(item)s was merged into another item.") % {"item": _item_label(item)}}
        )


EDITABLE = (
    "title",
    "checkable",
    "target_kind",
    "target_value",
    "target_unit",
    "deadline",
    "deadline_date",
    "lead_unit",
)


@transaction.atomic
def update_item(*, actor, item: DraftItem, data: dict, reason: str = "") -> DraftItem:
    """Change what the task will say: title, checkable, target, deadline, lead unit (fields not in
    `data` stay as they are). A ValidationError names each field that is wrong."""
    require(actor, Action.MANAGE)
    item = DraftItem.objects.select_for_update().get(pk=item.pk)
    _require_open(item, "title")
    merged = {field: getattr(item, field) for field in EDITABLE} | data
    errors: dict[str, str] = {}
    title = str(merged.get("title") or "").strip()
    if not title:
        errors["title"] = _("Task title: required.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Task title: at most %(n)s characters.") % {"n": TITLE_MAX}
    kind = merged.get("target_kind")
    if kind not in TargetKind.values:
        errors["target_kind"] = _(
            "Target kind: choose one of count, amount, percentage, growth rate, milestone."
        )
    try:
        value = parse_decimal(merged.get("target_value"), "target_value", _("Target value"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
        value = None
    if kind in TargetKind.values and kind != TargetKind.MILESTONE and value is None:
        errors.setdefault("target_value", _("Target value: required unless the target is milestone-only."))
    unit = str(merged.get("target_unit") or "").strip()
    if len(unit) > 20:
        errors["target_unit"] = _("Unit of measure: at most 20 characters.")
    deadline_date = merged.get("deadline_date")
    if isinstance(deadline_date, str):
        try:
            deadline_date = date.fromisoformat(deadline_date.strip()) if deadline_date.strip() else None
        except ValueError:
            errors["deadline_date"] = _("Deadline: “%(value)s” is not a date (YYYY-MM-DD).") % {
                "value": deadline_date
            }
    if isinstance(deadline_date, date) and deadline_date.year < item.document.year:
        errors["deadline_date"] = _("Deadline: before the document's year %(year)s.") % {
            "year": item.document.year
        }
    deadline_text = str(merged.get("deadline") or "").strip()
    if len(deadline_text) > 60:
        errors["deadline"] = _("Deadline as written: at most 60 characters.")
    lead = merged.get("lead_unit")
    if lead is not None and not (isinstance(lead, Unit) and lead.is_active):
        errors["lead_unit"] = _("Lead unit: choose an active unit.")
    if errors:
        raise ValidationError(errors)
    item.title = title
    item.checkable = bool(merged.get("checkable"))
    item.target_kind = kind
    item.target_value = None if kind == TargetKind.MILESTONE else value
    item.target_unit = unit
    item.deadline = deadline_text
    item.deadline_date = deadline_date if isinstance(deadline_date, date) else None
    item.lead_unit = lead
    return save_audited(item, actor=actor, reason=reason or _("Draft item edited"))


@transaction.atomic
def drop_item(*, actor, item: DraftItem) -> DraftItem:
    """Not a commitment after all: kept, greyed, and left out of the ledger and of coverage."""
    require(actor, Action.MANAGE)
    item = DraftItem.objects.select_for_update().get(pk=item.pk)
    _require_open(item)
    if item.status == ItemStatus.DROPPED:
        return item
    item.status = ItemStatus.DROPPED
    return save_audited(item, actor=actor, reason=_("Draft item dropped"))


@transaction.atomic
def restore_item(*, actor, item: DraftItem) -> DraftItem:
    require(actor, Action.MANAGE)
    item = DraftItem.objects.select_for_update().get(pk=item.pk)
    _require_open(item)
    if item.status != ItemStatus.DROPPED:
        return item
    item.status = ItemStatus.PROPOSED
    return save_audited(item, actor=actor, reason=_("Draft item restored"))


@transaction.atomic
def merge_items(*, actor, document: SourceDocument, items) -> DraftItem:
    """Fold several items into the first: its span then covers them all (one commitment the kernel cut in
    pieces); the others become "merged" and point at it."""
    require(actor, Action.MANAGE)
    ids = [getattr(i, "pk", i) for i in items]
    chosen = list(
        DraftItem.objects.select_for_update().filter(document=document, pk__in=ids).order_by("start", "id")
    )
    if len(chosen) < 2:
        raise ValidationError({"items": _("Items: choose at least two items to merge.")})
    for item in chosen:
        _require_open(item, "items")
    keep, others = chosen[0], chosen[1:]
    untouched_title = keep.title == default_title(keep.span)  # the reviewer has not retitled it
    keep.start = min(i.start for i in chosen)
    keep.end = max(i.end for i in chosen)
    keep.span = document.text[keep.start : keep.end]
    keep.checkable = any(i.checkable for i in chosen)
    keep.status = ItemStatus.PROPOSED
    keep.targets = [t for i in chosen for t in i.targets]
    keep.documents = [d for i in chosen for d in i.documents]
    keep.projects = [p for i in chosen for p in i.projects]
    keep.reasons = list(dict.fromkeys(r for i in chosen for r in i.reasons))
    if not keep.deadline:
        dated = next((i for i in others if i.deadline), None)
        if dated is not None:
            keep.deadline, keep.deadline_date = dated.deadline, dated.deadline_date
    if keep.lead_unit_id is None:
        keep.lead_unit_id = next((i.lead_unit_id for i in others if i.lead_unit_id), None)
    if keep.target_kind == TargetKind.MILESTONE and keep.targets:
        keep.target_kind, keep.target_value, keep.target_unit = target_fields(keep.targets, keep.span)
    if untouched_title:
        keep.title = default_title(keep.span)
    reason = _("Merged %(n)s items") % {"n": len(chosen)}
    save_audited(keep, actor=actor, reason=reason)
    for item in others:
        item.status = ItemStatus.MERGED
        item.merged_into = keep
        save_audited(item, actor=actor, reason=reason)
    return keep


# --- accepting items into a plan -----------------------------------------------------------------------


def _area_for(actor, plan: Plan, title: str, cache: dict) -> Area:
    """The plan's area named like the item's section, else a new one (code A01, A02 … unique in the plan)."""
    name = (title or "").strip()[:100] or _("Other")
    if name in cache:
        return cache[name]
    area = Area.objects.filter(plan=plan, name=name, is_archived=False).first()
    if area is None:
        codes = set(Area.objects.filter(plan=plan).values_list("code", flat=True))
        n = 1
        while f"A{n:02d}" in codes:
            n += 1
        order = (
            Area.objects.filter(plan=plan).order_by("-order").values_list("order", flat=True).first() or 0
        ) + 1
        area = create_area(actor=actor, plan=plan, code=f"A{n:02d}", name=name, order=order)
    cache[name] = area
    return area


def _next_code(plan: Plan, area: Area, used: set[str]) -> str:
    n = 1
    while f"{area.code}-{n:02d}" in used:
        n += 1
    code = f"{area.code}-{n:02d}"
    used.add(code)
    return code


@transaction.atomic
def accept_items(*, actor, plan: Plan, items) -> list[Task]:
    """Make each chosen item a task of `plan` (through plans.services.create_task), the task keeping the
    verbatim span as its source clause. All or nothing: an item without a lead unit, dropped or merged
    refuses the whole batch with a message naming the item. An item that already has a task is skipped,
    so accepting twice creates nothing more. Returns the tasks created."""
    require(actor, Action.MANAGE)
    if plan.is_archived:
        raise ValidationError({"plan": _("Plan: %(plan)s is archived.") % {"plan": plan}})
    ids = [getattr(i, "pk", i) for i in items]
    chosen = list(
        DraftItem.objects.select_for_update()
        .filter(pk__in=ids)
        .select_related("document")
        .order_by("start", "id")
    )
    if not chosen:
        raise ValidationError({"items": _("Items: choose the items to accept.")})
    todo = [i for i in chosen if i.task_id is None]
    problems = []
    for item in todo:
        if item.status in {ItemStatus.DROPPED, ItemStatus.MERGED}:
            problems.append(
                _("Item %(item)s is %(status)s.")
                % {"item": _item_label(item), "status": item.get_status_display()}
            )
        elif item.lead_unit_id is None:
            problems.append(_("Item %(item)s has no lead unit.") % {"item": _item_label(item)})
    if problems:
        raise ValidationError({"items": " ".join(problems)})
    used = set(Task.objects.filter(plan=plan).values_list("code", flat=True))
    areas: dict[str, Area] = {}
    created = []
    for item in todo:
        area = _area_for(actor, plan, item.area_title, areas)
        data = {
            "code": _next_code(plan, area, used),
            "title": item.title,
            "content": item.span.strip(),
            "source_clause": item.span,
            "target_kind": item.target_kind,
            "target_value": item.target_value,
            "target_unit": item.target_unit,
            "baseline": None,
            "deadline": item.deadline_date or date(plan.year, 12, 31),
            "lead_unit": item.lead_unit,
            "area": area,
        }
        try:
            task = create_task(
                actor=actor,
                plan=plan,
                data=data,
                reason=_("Accepted from “%(document)s”") % {"document": item.document.title},
            )
        except ValidationError as exc:
            raise ValidationError(
                {
                    "items": _("Item %(item)s: %(problem)s")
                    % {"item": _item_label(item), "problem": " ".join(exc.messages)}
                }
            ) from None
        item.task = task
        item.status = ItemStatus.ACCEPTED
        save_audited(item, actor=actor, reason=_("Accepted into %(plan)s") % {"plan": plan})
        created.append(task)
    return created


@transaction.atomic
def link_plan_tasks(*, actor, document: SourceDocument, plan: Plan) -> list[Task]:
    """Tie a plan's existing tasks to the document by finding each task's source clause verbatim in the
    text (the demo plan's tasks were typed by hand from the 晋中 article with verbatim clauses). A task
    goes to the free live item that overlaps its clause most; when none does, a new accepted item is made
    for the clause. Tasks already tied to this document, or whose clause is not in the text, are left.
    Returns the tasks linked."""
    require(actor, Action.MANAGE)
    text = document.text
    linked_tasks = set(
        DraftItem.objects.filter(document=document, task__isnull=False).values_list("task_id", flat=True)
    )
    items = list(DraftItem.objects.select_for_update().filter(document=document).order_by("start", "id"))
    linked = []
    tasks = Task.objects.filter(plan=plan, is_archived=False).exclude(source_clause="")
    for task in tasks.select_related("area", "lead_unit").order_by("id"):
        if task.pk in linked_tasks:
            continue
        clause = task.source_clause.strip()
        start = text.find(clause) if clause else -1
        if start < 0:
            continue
        end = start + len(clause)
        overlapping = [
            (min(end, i.end) - max(start, i.start), -i.start, i)
            for i in items
            if i.status != ItemStatus.MERGED and min(end, i.end) > max(start, i.start)
        ]
        free = [o for o in overlapping if o[2].task_id is None and o[2].status == ItemStatus.PROPOSED]
        if free:
            item = max(free, key=lambda o: o[:2])[2]
        else:
            # a second task from the same clause, or a clause the kernel did not read as a commitment:
            # an item of its own, carrying the kernel's reading of the clause when there is one
            reading = max(overlapping, key=lambda o: o[:2])[2] if overlapping else None
            item = DraftItem(
                document=document,
                start=start,
                end=end,
                span=text[start:end],
                checkable=reading.checkable if reading else task.target_kind != TargetKind.MILESTONE,
                targets=reading.targets if reading else [],
                deadline=reading.deadline if reading else "",
                deadline_date=reading.deadline_date if reading else None,
                reasons=(reading.reasons if reading else []) + [_("Made from the task's source clause")],
                title=task.title,
                target_kind=task.target_kind,
                target_value=task.target_value,
                target_unit=task.target_unit,
                lead_unit=task.lead_unit,
                area_title=reading.area_title if reading else task.area.name,
            )
            items.append(item)
        item.task = task
        item.status = ItemStatus.ACCEPTED
        save_audited(item, actor=actor, reason=_("Linked to task %(code)s") % {"code": task.code})
        linked_tasks.add(task.pk)
        linked.append(task)
    if linked:
        record_event(
            actor=actor,
            obj=document,
            action="link",
            reason=_("%(n)s tasks of %(plan)s linked by their source clause")
            % {"n": len(linked), "plan": plan},
        )
    return linked


# --- the keyword → lead unit table ---------------------------------------------------------------------


def _clean_keyword(keyword: str, unit, exclude_pk=None) -> tuple[str, dict]:
    errors = {}
    keyword = (keyword or "").strip()
    if not keyword:
        errors["keyword"] = _("Keyword: required.")
    elif len(keyword) > 40:
        errors["keyword"] = _("Keyword: at most 40 characters.")
    elif LeadKeyword.objects.filter(keyword=keyword).exclude(pk=exclude_pk).exists():
        errors["keyword"] = _("Keyword: “%(keyword)s” is already in the table.") % {"keyword": keyword}
    if not (isinstance(unit, Unit) and unit.is_active):
        errors["unit"] = _("Lead unit: choose an active unit.")
    return keyword, errors


@transaction.atomic
def add_lead_keyword(*, actor, keyword: str, unit) -> LeadKeyword:
    require(actor, Action.MANAGE)
    keyword, errors = _clean_keyword(keyword, unit)
    if errors:
        raise ValidationError(errors)
    row = LeadKeyword(keyword=keyword, unit=unit)
    return save_audited(row, actor=actor, reason=_("Keyword added"), action="create")


@transaction.atomic
def update_lead_keyword(*, actor, row: LeadKeyword, keyword: str, unit, is_active: bool) -> LeadKeyword:
    require(actor, Action.MANAGE)
    keyword, errors = _clean_keyword(keyword, unit, exclude_pk=row.pk)
    if errors:
        raise ValidationError(errors)
    row.keyword, row.unit, row.is_active = keyword, unit, bool(is_active)
    return save_audited(row, actor=actor, reason=_("Keyword changed"))


@transaction.atomic
def copy_default_lead_table(*, actor) -> list[LeadKeyword]:
    """Start the city's table from the kernel's default: every row whose unit is known here (by name).
    Keywords already in the table are left as they are."""
    require(actor, Action.MANAGE)
    units = units_by_name()
    known = set(LeadKeyword.objects.values_list("keyword", flat=True))
    rows = []
    for keyword, unit_name in default_lead_table():
        unit = units.get(unit_name)
        if unit is None or keyword in known:
            continue
        known.add(keyword)
        rows.append(
            save_audited(
                LeadKeyword(keyword=keyword, unit=unit),
                actor=actor,
                reason=_("Copied from the default table"),
            )
        )
    if not rows:
        raise ValidationError(
            {"keyword": _("Keywords: no row of the default table names a unit known here.")}
        )
    return rows


__all__ = [
    "accept_items",
    "add_lead_keyword",
    "copy_default_lead_table",
    "create_document",
    "drop_item",
    "link_plan_tasks",
    "merge_items",
    "restore_item",
    "update_item",
    "update_lead_keyword",
]
