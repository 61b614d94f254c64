"""Forms for the key-project pages. As on the task pages they only carry and redisplay input: the rules
live in projects.services (one rule set for the web form, the API and the Excel import), whose field-keyed
ValidationError is put back next to the fields with ledgers.forms.attach_errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Unit
from taizhang.core.schedule import LIGHT_LABELS
from taizhang.ledgers.forms import input_number
from taizhang.projects.choices import PROCEDURES, Level, Nature, ProjectCategory
from taizhang.projects.models import Project, ProjectTag
from taizhang.projects.services import LOCATION_KINDS, PROJECT_FIELDS

# The master record as the detail page and the form group it (dispatch sheets' column groups, glossary §8.2).
GROUPS = (
    (
        _("Basic facts"),  # 基本情况
        (
            "code",
            "name",
            "level",
            "category",
            "nature",
            "location",
            "owner",
            "content",
            "cluster",
            "start_year",
            "end_year",
        ),
    ),
    (
        _("Investment"),  # 投资
        ("total_investment", "invested_before", "annual_plan", "expected_output", "actual_output"),
    ),
    (
        _("Progress and dates"),  # 进度与时间
        (
            "planned_start",
            "actual_start",
            "planned_completion",
            "actual_completion",
            "resumed",
            "image_progress",
            "registered",
            "registered_on",
            "signed",
        ),
    ),
    (_("Preparatory procedures"), tuple(name for name, _label in PROCEDURES)),  # 前期手续
    (_("Responsibility"), ("leader", "responsible_unit", "responsible_person")),  # 责任
    (_("Lists"), ("tags",)),  # 所属清单
)
MONEY_INPUTS = ("total_investment", "invested_before", "annual_plan", "expected_output", "actual_output")
DATE_INPUTS = ("planned_start", "actual_start", "planned_completion", "actual_completion", "registered_on")
BOOL_INPUTS = ("resumed", "registered", "signed", *(name for name, _label in PROCEDURES))
CHOICES = {"level": Level, "category": ProjectCategory, "nature": Nature}


def _blank(label):
    return [("", label)]


def location_units():
    """建设地点: the counties and the development zone."""
    return Unit.objects.filter(kind__in=LOCATION_KINDS, is_active=True).order_by("order", "name")


class ProjectFilterForm(forms.Form):
    """The project list's filters (GET). An unusable value is ignored rather than failing the page."""

    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Unit.objects.none(), required=False, empty_label=_("All locations")
    )
    nature = forms.ChoiceField(
        label=_("Nature"), required=False, choices=_blank(_("All natures")) + list(Nature.choices)
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=_blank(_("All levels")) + list(Level.choices)
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=_blank(_("All categories")) + list(ProjectCategory.choices),
    )
    tag = forms.ModelChoiceField(
        label=_("List"), queryset=ProjectTag.objects.all(), required=False, empty_label=_("All lists")
    )
    cluster = forms.ChoiceField(label=_("Industry cluster"), required=False, choices=())
    light = forms.ChoiceField(
        label=_("Light"),
        required=False,
        choices=_blank(_("All lights")) + [(light.value, label) for light, label in LIGHT_LABELS.items()],
    )
    leader = forms.ChoiceField(label=_("City leader in charge"), required=False, choices=())
    missing = forms.BooleanField(label=_("Not reported this period"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, owner or code")}),
    )

    ANY_LEADER = "*"

    def __init__(self, *args, projects, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Unit.objects.filter(pk__in=projects.values("location")).order_by(
            "order", "name"
        )
        clusters = sorted(set(projects.exclude(cluster="").values_list("cluster", flat=True)))
        self.fields["cluster"].choices = _blank(_("All clusters")) + [(c, c) for c in clusters]
        leaders = sorted(set(projects.exclude(leader="").values_list("leader", flat=True)))
        self.fields["leader"].choices = (
            _blank(_("All projects"))
            + [(self.ANY_LEADER, _("Any city leader in charge"))]
            + [(name, name) for name in leaders]
        )

    def value(self, name: str):
        """The cleaned value of one filter, or None when it was empty or unusable."""
        if not self.is_bound:
            return None
        self.is_valid()
        if name in self.errors:
            return None
        return self.cleaned_data.get(name) or None


class ProjectForm(forms.Form):
    """Every master field of a key project, plus the reason kept in the history (required on edit).

    A county's 填报员 does not choose the location: it is their county (``fixed_location``)."""

    code = forms.CharField(label=_("Project code"), required=False)
    name = forms.CharField(label=_("Project name"), required=False)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=ProjectCategory.choices, required=False)
    nature = forms.ChoiceField(label=_("Nature"), choices=_blank("—") + list(Nature.choices), required=False)
    location = forms.ModelChoiceField(label=_("Location"), queryset=Unit.objects.none(), required=False)
    owner = forms.CharField(label=_("Owner company"), required=False)
    content = forms.CharField(
        label=_("Content and scale"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cluster = forms.CharField(label=_("Industry cluster"), required=False)
    start_year = forms.CharField(
        label=_("Start year"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    end_year = forms.CharField(
        label=_("End year"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    total_investment = forms.CharField(label=_("Total investment (10k yuan)"), required=False)
    invested_before = forms.CharField(label=_("Completed before this year (10k yuan)"), required=False)
    annual_plan = forms.CharField(label=_("Annual planned investment (10k yuan)"), required=False)
    expected_output = forms.CharField(label=_("Expected annual output (10k yuan)"), required=False)
    actual_output = forms.CharField(label=_("Actual annual output (10k yuan)"), required=False)
    planned_start = forms.CharField(label=_("Planned start"), required=False)
    actual_start = forms.CharField(label=_("Actual start"), required=False)
    planned_completion = forms.CharField(label=_("Planned completion"), required=False)
    actual_completion = forms.CharField(label=_("Actual completion"), required=False)
    resumed = forms.BooleanField(label=_("Resumed after winter"), required=False)
    image_progress = forms.CharField(label=_("Physical progress"), required=False)
    registered = forms.BooleanField(label=_("Registered in statistics"), required=False)
    registered_on = forms.CharField(label=_("Registration date"), required=False)
    signed = forms.BooleanField(label=_("Signed (development zone)"), required=False)
    proc_approval = forms.BooleanField(label=_("Project approval"), required=False)
    proc_land = forms.BooleanField(label=_("Land use"), required=False)
    proc_planning = forms.BooleanField(label=_("Planning permit"), required=False)
    proc_eia = forms.BooleanField(label=_("Environmental assessment"), required=False)
    proc_construction = forms.BooleanField(label=_("Construction permit"), required=False)
    leader = forms.CharField(label=_("City leader in charge"), required=False)
    responsible_unit = forms.ModelChoiceField(
        label=_("Responsible unit"), queryset=Unit.objects.none(), required=False
    )
    responsible_person = forms.CharField(label=_("Responsible person"), required=False)
    tags = forms.CharField(
        label=_("Lists"),
        required=False,
        help_text=_("Separate lists with commas, e.g. 省重点, 两重, 专项债."),
    )
    year = forms.CharField(
        label=_("List year"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        help_text=_("Kept in the project's history."),
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )

    def __init__(self, *args, project: Project | None = None, fixed_location: Unit | None = None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.project = project
        self.fixed_location = fixed_location
        self.fields["location"].queryset = location_units()
        self.fields["responsible_unit"].queryset = Unit.objects.filter(is_active=True).order_by(
            "kind", "order", "name"
        )
        for name in MONEY_INPUTS:
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        for name in DATE_INPUTS:
            self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
        for name in BOOL_INPUTS:
            self.fields[name].widget.attrs["style"] = "width:auto"
        if fixed_location is not None:
            del self.fields["location"]
        if project is None:
            del self.fields["reason"]
        else:
            del self.fields["year"]

    def groups(self):
        """(legend, bound fields) in the order of GROUPS, for the template."""
        return [(legend, [self[n] for n in names if n in self.fields]) for legend, names in GROUPS]

    @classmethod
    def initial_for(cls, project: Project) -> dict:
        initial = {name: getattr(project, name) for name in PROJECT_FIELDS if name != "tags"}
        for name in MONEY_INPUTS:
            initial[name] = input_number(initial[name])
        for name in DATE_INPUTS:
            initial[name] = initial[name].isoformat() if initial[name] else ""
        initial["location"] = project.location_id
        initial["responsible_unit"] = project.responsible_unit_id
        initial["tags"] = ", ".join(t.name for t in project.tags.all())
        return initial

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if self.project is not None and not reason:
            raise forms.ValidationError(_("Reason for the change: please say why the project is changed."))
        return reason

    def clean_year(self):
        raw = (self.cleaned_data.get("year") or "").strip()
        if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
            raise forms.ValidationError(_("List year: “%(value)s” is not a year.") % {"value": raw})
        return int(raw)

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in PROJECT_FIELDS if name in self.fields}
        if self.fixed_location is not None and self.project is None:
            data["location"] = self.fixed_location
        return data


class ProjectReportForm(forms.Form):
    """A project's monthly dispatch figures (phone-friendly: five fields, numbers with a decimal keypad)."""

    month_investment = forms.CharField(
        label=_("Investment this month (10k yuan)"),
        required=False,
        help_text=_("Optional: left blank, it is the cumulative minus last month's approved cumulative."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    cumulative_investment = forms.CharField(
        label=_("Cumulative investment this year (10k yuan)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    image_progress = forms.CharField(
        label=_("Physical progress"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problems = forms.CharField(label=_("Problems"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    coordination = forms.CharField(
        label=_("Matters to coordinate"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_from(report) -> dict:
        if report is None:
            return {}
        return {
            "cumulative_investment": input_number(report.cumulative_investment),
            "image_progress": report.image_progress,
            "problems": report.problems,
            "coordination": report.coordination,
        }
