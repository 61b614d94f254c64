"""Forms for the task pages. Business validation stays in plans.services; these forms turn ids into
objects, redisplay input, and receive the services' field-keyed errors (ledgers.forms.attach_errors)."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Unit
from taizhang.core import schedule
from taizhang.indicators.models import Indicator
from taizhang.ledgers.forms import input_number
from taizhang.ledgers.services import parse_decimal
from taizhang.plans.choices import Category, Frequency, TargetKind
from taizhang.plans.models import Area, DerivedCount, Plan, Task
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
        label=_("Cooperating units"),
        queryset=Unit.objects.filter(is_active=True),
        required=False,
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    responsible_leader = forms.CharField(label=_("Responsible leader"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices, required=False)
    frequency = forms.ChoiceField(label=_("Reporting frequency"), choices=Frequency.choices, required=False)
    # Report once (issue 4 §4): the actual comes from an indicator's approved figure or a derived count,
    # and nobody reports it (plans.services.set_figure_source).
    indicator = forms.ModelChoiceField(
        label=_("Actual taken from indicator"),
        queryset=Indicator.objects.filter(is_archived=False).order_by("order", "code"),
        required=False,
        empty_label=_("— reported by the lead unit —"),
        help_text=_(
            "The task's actual is the indicator's approved figure: growth for a growth target, the amount otherwise."
        ),
    )
    derived_count = forms.ChoiceField(
        label=_("Actual taken from count"),
        choices=[("", _("— reported by the lead unit —")), *DerivedCount.choices],
        required=False,
        help_text=_("The task's actual is counted from the enterprise register; nobody reports it."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        help_text=_("Kept in the task's history."),
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    SERVICE_FIELDS = TASK_FIELDS

    def __init__(self, *args, task: Task | None = None, plan: Plan | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.task = task
        self.plan = task.plan if task is not None else plan
        self.fields["area"].queryset = self.plan.areas.filter(is_archived=False)

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
            "indicator": task.indicator_id,
            "derived_count": task.derived_count,
        }

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        # The services check this again (inside their transaction); here it shows before anything else.
        others = Task.objects.filter(plan=self.plan, code=code)
        if self.task is not None:
            others = others.exclude(pk=self.task.pk)
        if code and others.exists():
            raise forms.ValidationError(_("Code: %(code)s is already used in this plan.") % {"code": code})
        return code

    def figure_source(self) -> dict:
        """The source of the actual as set_figure_source takes it."""
        return {
            "indicator": self.cleaned_data.get("indicator"),
            "derived_count": self.cleaned_data.get("derived_count") or "",
        }

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}
        data["deadline"] = data["deadline"] or None  # blank: "Deadline: required.", not "not a date"
        return data


MONTHS = [str(m) for m in range(1, 13)]


class MilestoneRowsWidget(forms.Widget):
    """Rows of month + expected cumulative % (时间节点), posted as `<name>_month` and `<name>_progress`
    lists. Shows at least `min_rows` rows, and every row that was posted, so input is kept."""

    template_name = "plans/widgets/milestone_rows.html"
    min_rows = 3

    def value_from_datadict(self, data, files, name):
        def values(key):
            if hasattr(data, "getlist"):
                return data.getlist(key)
            value = data.get(key) or []
            return [value] if isinstance(value, str) else list(value)

        months, progress = values(f"{name}_month"), values(f"{name}_progress")
        size = max(len(months), len(progress))
        months += [""] * (size - len(months))
        progress += [""] * (size - len(progress))
        return [(str(m).strip(), str(p).strip()) for m, p in zip(months, progress, strict=True)]

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_month" not in data and f"{name}_progress" not in data

    def format_value(self, value):
        rows = [(str(m), str(p)) for m, p in (value or [])]
        return rows + [("", "")] * (self.min_rows - len(rows))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["rows"] = [{"month": m, "progress": p} for m, p in context["widget"]["value"]]
        context["widget"]["months"] = MONTHS
        return context


class MilestoneRowsField(forms.Field):
    """Turns the posted rows into [(month, Decimal pct), ...], blank rows ignored. Only the form of each
    row is checked here; whether the rows make a consistent plan is for plans.services (key "milestones")."""

    widget = MilestoneRowsWidget

    def to_python(self, value):
        rows, errors = [], []
        for n, (month, progress) in enumerate(value or [], start=1):
            if not month and not progress:
                continue
            if not month or not progress:
                errors.append(
                    _("Milestones, row %(n)s: give both the month and the expected progress.") % {"n": n}
                )
                continue
            if month not in MONTHS:
                errors.append(
                    _("Milestones, row %(n)s: “%(value)s” is not a month 1–12.") % {"n": n, "value": month}
                )
                continue
            try:
                pct = parse_decimal(progress, "milestones", _("Milestone expected progress"))
            except forms.ValidationError:
                errors.append(
                    _("Milestones, row %(n)s: “%(value)s” is not a number.") % {"n": n, "value": progress}
                )
                continue
            rows.append((int(month), pct))
        if errors:
            raise forms.ValidationError(errors)
        return rows


class TaskCreateForm(TaskForm):
    """A new task in a plan: the edit form without the reason, plus optional milestones."""

    milestones = MilestoneRowsField(
        label=_("Milestones"),
        required=False,
        help_text=_(
            "Optional. Expected cumulative progress at the end of a month; the month of the deadline "
            "must say 100. Leave a row blank to skip it."
        ),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        del self.fields["reason"]

    @classmethod
    def initial_for_plan(cls, plan: Plan) -> dict:
        return {
            "deadline": date(plan.year, 12, 31).isoformat(),
            "category": Category.A,
            "frequency": Frequency.MONTHLY,
        }


class MilestoneForm(forms.Form):
    """Set or change one milestone of a task (a month that has one is changed)."""

    month = forms.ChoiceField(
        label=_("Month"),
        choices=_blank("—") + [(m, m) for m in MONTHS],
        error_messages={"required": _("Month: required."), "invalid_choice": _("Month: choose 1–12.")},
    )
    expected_progress = forms.CharField(
        label=_("Expected progress (%)"),
        error_messages={"required": _("Expected progress: required.")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ArchiveForm(forms.Form):
    """The reason for archiving a task or a milestone; the service requires it and keeps it in the history."""

    reason = forms.CharField(
        label=_("Reason for archiving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
