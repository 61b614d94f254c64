"""Forms for the task pages. Business validation stays in plans.services; these forms turn ids into
objects, redisplay input, and receive the services' field-keyed errors (ledgers.forms.attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Unit
from taizhang.core import schedule
from taizhang.ledgers.forms import input_number
from taizhang.plans.choices import Category, Frequency, TargetKind
from taizhang.plans.models import Area, Plan, Task
from taizhang.plans.services import TASK_FIELDS


def _blank(label):
    return [("", label)]


class TaskFilterForm(forms.Form):
    """The task list's filters (GET). An unusable value is ignored rather than failing the page."""

    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.none(), required=False, empty_label=_("All areas")
    )
    unit = forms.ModelChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_blank(_("All statuses")) + [(s.value, label) for s, label in schedule.STATUS_LABELS.items()],
    )
    light = forms.ChoiceField(
        label=_("Light"),
        required=False,
        choices=_blank(_("All lights"))
        + [(light.value, label) for light, label in schedule.LIGHT_LABELS.items()],
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=_blank(_("All categories")) + list(Category.choices)
    )
    missing = forms.BooleanField(label=_("Not reported only"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Code or title")}),
    )

    def __init__(self, *args, plan: Plan | None, units, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = plan.areas.filter(is_archived=False) if plan else Area.objects.none()
        self.fields["unit"].queryset = units

    def value(self, name: str):
        """The cleaned value of one filter, or None when it was empty or unusable."""
        if not self.is_bound:
            return None
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


class TaskForm(forms.Form):
    """All the fields a supervisor may change on a task, plus the reason kept in the history."""

    code = forms.CharField(label=_("Code"), max_length=30, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    content = forms.CharField(label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source_clause = forms.CharField(
        label=_("Source clause"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    target_kind = forms.ChoiceField(label=_("Target kind"), choices=TargetKind.choices, required=False)
    target_value = forms.CharField(
        label=_("Target value"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    target_unit = forms.CharField(label=_("Unit of measure"), max_length=20, required=False)
    baseline = forms.CharField(
        label=_("Baseline"), required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    deadline = forms.CharField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    cooperating_units = forms.ModelMultipleChoiceField(
        label=_("Cooperating units"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    responsible_leader = forms.CharField(label=_("Responsible leader"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, required=False)
    frequency = forms.ChoiceField(label=_("Reporting frequency"), choices=Frequency.choices, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        help_text=_("Kept in the task's history."),
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    SERVICE_FIELDS = TASK_FIELDS

    def __init__(self, *args, task: Task, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["area"].queryset = task.plan.areas.filter(is_archived=False)

    @classmethod
    def initial_for(cls, task: Task) -> dict:
        return {
            "code": task.code,
            "title": task.title,
            "area": task.area_id,
            "content": task.content,
            "source_clause": task.source_clause,
            "target_kind": task.target_kind,
            "target_value": input_number(task.target_value),
            "target_unit": task.target_unit,
            "baseline": input_number(task.baseline),
            "deadline": task.deadline.isoformat() if task.deadline else "",
            "lead_unit": task.lead_unit_id,
            "cooperating_units": list(task.cooperating_units.values_list("pk", flat=True)),
            "responsible_leader": task.responsible_leader,
            "category": task.category,
            "frequency": task.frequency,
        }

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        # plans.services.update_task does not check this; the database constraint would fail the page.
        if code and Task.objects.filter(plan=self.task.plan, code=code).exclude(pk=self.task.pk).exists():
            raise forms.ValidationError(_("Code: %(code)s is already used in this plan.") % {"code": code})
        return code

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}
        data["deadline"] = data["deadline"] or None  # blank: "Deadline: required.", not "not a date"
        return data
