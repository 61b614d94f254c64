"""Writing history: every service saves through `save_audited`, which records who and why."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from taizhang.audit.models import AuditEvent


def record_event(
    *, actor, obj: models.Model, action: str, reason: str = "", from_state: str = "", to_state: str = ""
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:200],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
    )


def save_audited(obj: models.Model, *, actor, reason: str, action: str = "", **event) -> models.Model:
    """Save with simple-history's user and change reason set, and write an AuditEvent when `action`."""
    obj._history_user = actor
    obj._change_reason = reason[:100] if reason else action
    obj.save()
    if action:
        record_event(actor=actor, obj=obj, action=action, reason=reason, **event)
    return obj
