"""Reading history for an object's 历史记录 tab: field changes (simple-history) and workflow steps."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext

from taizhang.audit.models import AuditEvent


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    at: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" removed (never for ledger data)
    reason: str
    changes: list[FieldChange]


def _display(record, field_name: str) -> str:
    value = getattr(record, field_name, None)
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 10.0000 → 10
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    return str(value)


def _display_m2m(field, rows) -> str:
    """simple-history gives an m2m change as through-table rows; show the related objects' names."""
    related = field.related_model
    key = field.m2m_reverse_field_name()
    ids = [row[key] for row in rows or () if key in row]
    names = {o.pk: str(o) for o in related._default_manager.filter(pk__in=ids)}
    return "、".join(names.get(i, str(i)) for i in ids) or "—"


def object_history(obj, limit: int = 100) -> list[HistoryEntry]:
    """The change log of one object, newest first, with each field's before and after."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    fields = {f.name: f for f in obj._meta.fields}
    m2m = {f.name: f for f in obj._meta.many_to_many}
    entries = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in {"updated_at"}:
                    continue
                if change.field in m2m:
                    field = m2m[change.field]
                    changes.append(
                        FieldChange(
                            str(field.verbose_name),
                            _display_m2m(field, change.old),
                            _display_m2m(field, change.new),
                        )
                    )
                    continue
                field = fields.get(change.field)
                label = str(field.verbose_name) if field is not None else change.field
                old = _display(previous, change.field)
                new = _display(record, change.field)
                if field is not None and field.choices:
                    old = dict(field.flatchoices).get(change.old, old)
                    new = dict(field.flatchoices).get(change.new, new)
                changes.append(FieldChange(label, str(old), str(new)))
        user = record.history_user
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=str(user) if user else gettext("System"),
                kind=record.history_type,
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def object_events(obj) -> list[AuditEvent]:
    ct = ContentType.objects.get_for_model(obj)
    return list(AuditEvent.objects.filter(content_type=ct, object_id=obj.pk).select_related("actor"))
