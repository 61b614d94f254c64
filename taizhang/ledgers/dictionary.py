"""The data dictionary and the 填报清单 (report once, 为基层减负: issue 4 point 4, glossary §7).

Four things are reported today, each through the one workflow (``ledgers.workflow``); each report model
declares what it asks for in ``REPORTED_FIELDS`` and this module reads those declarations — there is no
second copy of the field lists:

- task reports (``ProgressReport``): the task's lead unit, monthly or quarterly per task;
- project reports (``ProjectReport``): the project's location (the county), monthly;
- enterprise figures (``EnterpriseFigure``): the enterprise's county, monthly;
- indicator values (``IndicatorValue``): the indicator's responsible unit, when the figure is published.

Every request is a ``Request(unit, source, field)``; ``report_once_problems`` proves that no (source, field)
is asked of two units and no unit is asked for the same one twice. Figures taizhang derives are listed in
``DERIVED`` and asked of no one, nor are tasks whose actual comes from an indicator or a count.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taizhang.accounts.models import Unit
from taizhang.core import indicators as indicator_kernel
from taizhang.core import schedule
from taizhang.enterprises.models import Enterprise, EnterpriseFigure
from taizhang.indicators.models import Indicator, IndicatorValue
from taizhang.indicators.selectors import county_units
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.selectors import current_plan, latest_approved
from taizhang.plans.models import Task
from taizhang.projects.models import Project, ProjectReport

# Fields whose last value is a sensible starting point for this period (cumulative figures and texts that
# carry over); a month's own figure (本月完成投资) starts empty.
NOT_PREFILLED = {("projects.projectreport", "month_investment")}
# A report still open to its unit ("" = not written yet): the item links its form, else the report's page.
WRITABLE = {"", ReportState.DRAFT, ReportState.RETURNED}


@dataclass(frozen=True)
class Source:
    """One kind of report: its model, the object it is about, who owns it, how often it is due."""

    key: str  # "task" | "project" | "enterprise" | "indicator"
    label: object  # lazy
    model: type
    item_field: str  # the report's foreign key to the object it is about
    owner: object  # lazy: the rule in words

    @property
    def fields(self) -> tuple[str, ...]:
        return self.model.REPORTED_FIELDS

    def verbose(self, name: str) -> str:
        return str(self.model._meta.get_field(name).verbose_name)

    @property
    def model_label(self) -> str:
        return self.model._meta.label


SOURCES = (
    Source("task", gettext_lazy("Task report"), ProgressReport, "task", gettext_lazy("the task's lead unit")),
    Source(
        "project",
        gettext_lazy("Project report"),
        ProjectReport,
        "project",
        gettext_lazy("the county where the project is built"),
    ),
    Source(
        "enterprise",
        gettext_lazy("Enterprise figures"),
        EnterpriseFigure,
        "enterprise",
        gettext_lazy("the enterprise's county"),
    ),
    Source(
        "indicator",
        gettext_lazy("Indicator value"),
        IndicatorValue,
        "indicator",
        gettext_lazy("the indicator's responsible unit"),
    ),
)
SOURCE_BY_KEY = {s.key: s for s in SOURCES}


@dataclass(frozen=True)
class Derived:
    """A figure taizhang computes from what is already reported: asked of no one."""

    name: object
    comes_from: object
    where: object


DERIVED = (
    Derived(
        gettext_lazy("Cluster scale"),
        gettext_lazy("the member enterprises' approved output or revenue"),
        gettext_lazy("Industry matrix"),
    ),
    Derived(
        gettext_lazy("Each county's key-project investment"),
        gettext_lazy(
            "the approved project reports (cumulative investment); shown beside the statistical "
            "fixed-asset investment as a cross-check, never replacing it"
        ),
        gettext_lazy("Project dispatch overview"),
    ),
    Derived(
        gettext_lazy("Number of enterprises with revenue of 10 billion yuan or more"),
        gettext_lazy("the approved enterprise figures (operating revenue)"),
        gettext_lazy("Industry matrix"),
    ),
    Derived(
        gettext_lazy("Actual of a task tied to an indicator or a count"),
        gettext_lazy("the indicator's approved figure, or the derived count"),
        gettext_lazy("Task page"),
    ),
)


@dataclass(frozen=True)
class Request:
    """A unit asked for one field of one source object in a period."""

    unit_id: int
    source: tuple  # ("project", 12) / ("indicator", 3, subject_id or None)
    field: str


def report_once_problems(requests: Iterable[Request], unit_names: dict | None = None) -> list[str]:
    """What breaks "同类材料最多报一次": a (source, field) asked of two units, or of one unit twice.

    An empty list means every figure is asked once, of one unit."""
    unit_names = unit_names or {}
    requests = list(requests)
    problems = []
    units_by_key = defaultdict(set)
    for r in requests:
        units_by_key[(r.source, r.field)].add(r.unit_id)
    for (source, name), units in units_by_key.items():
        if len(units) > 1:
            names = "、".join(sorted(str(unit_names.get(u, u)) for u in units))
            problems.append(f"{_source_words(source)} 的字段 {name} 同时向{len(units)}个单位要：{names}")
    for (unit, source, name), n in Counter((r.unit_id, r.source, r.field) for r in requests).items():
        if n > 1:
            problems.append(
                f"{unit_names.get(unit, unit)} 被要求报送 {_source_words(source)} 的字段 {name} 共{n}次"
            )
    return problems


def _source_words(source: tuple) -> str:
    return "/".join("全市" if part is None else str(part) for part in source)


# --------------------------------------------------------------------------------------------------
# Items: what is due from whom
# --------------------------------------------------------------------------------------------------


@dataclass
class FieldEntry:
    name: str
    label: str
    last: object = None  # the last period's value, where prefilling makes sense
    prefilled: bool = False


@dataclass
class Item:
    """One object a unit reports on in a period, with the fields it is asked for."""

    source: Source
    unit: Unit
    obj: object
    subject: Unit | None
    fields: list[FieldEntry]
    per_year: int  # how many periods a year it is due
    link: str = ""  # the existing form, when there is one
    state: str = ""  # this period's report state ("" when nothing is written yet)
    last_period: str = ""
    key: tuple = ()

    @property
    def title(self) -> str:
        if self.source.key == "indicator":
            return f"{self.obj.name}（{self.subject or '全市'}）"
        return str(self.obj)

    @property
    def state_label(self) -> str:
        return ReportState(self.state).label if self.state else _("not written yet")

    @property
    def field_count(self) -> int:
        return len(self.fields)

    def requests(self) -> list[Request]:
        return [Request(self.unit.pk, self.key, f.name) for f in self.fields]


def task_fields(task: Task) -> tuple[str, ...]:
    """A task report asks for % complete (milestone tasks) or the cumulative actual, never both."""
    skip = "cumulative_value" if task.target_kind == "milestone" else "percent_complete"
    return tuple(f for f in ProgressReport.REPORTED_FIELDS if f != skip)


def _live_tasks(year: int):
    plan = current_plan()
    if plan is None or plan.year != year:
        return Task.objects.none()
    return (
        Task.objects.filter(plan=plan, is_archived=False, indicator__isnull=True, derived_count="")
        .select_related("lead_unit")
        .order_by("code")
    )


def _entries(source: Source, names, last_report) -> list[FieldEntry]:
    entries = []
    for name in names:
        prefill = (source.model._meta.label_lower, name) not in NOT_PREFILLED
        last = getattr(last_report, name) if last_report is not None and prefill else None
        entries.append(FieldEntry(name, source.verbose(name), last, prefill and last not in (None, "")))
    return entries


def _items_tasks(period: str, units, due_only: bool) -> list[Item]:
    year, month = schedule.parse_period(period)
    source = SOURCE_BY_KEY["task"]
    tasks = _live_tasks(year)
    if units is not None:
        tasks = tasks.filter(lead_unit__in=units)
    tasks = [t for t in tasks if not due_only or schedule.is_report_due(t.frequency, month)]
    ids = [t.pk for t in tasks]
    last = latest_approved(ProgressReport, "task", ids, _previous(period)) if month > 1 else {}
    now = dict(
        ProgressReport.objects.filter(task_id__in=ids, period=period, is_archived=False).values_list(
            "task_id", "state"
        )
    )
    return [
        Item(
            source,
            t.lead_unit,
            t,
            None,
            _entries(source, task_fields(t), last.get(t.pk)),
            12 if t.frequency == "monthly" else 4,
            reverse("ledgers:report_edit", args=[t.pk, period]),
            now.get(t.pk, ""),
            getattr(last.get(t.pk), "period", ""),
            ("task", t.pk),
        )
        for t in tasks
    ]


def _items_projects(period: str, units, due_only: bool) -> list[Item]:
    year, month = schedule.parse_period(period)
    source = SOURCE_BY_KEY["project"]
    projects = Project.objects.filter(year=year, is_archived=False).select_related("location")
    if units is not None:
        projects = projects.filter(location__in=units)
    projects = list(projects)
    ids = [p.pk for p in projects]
    last = latest_approved(ProjectReport, "project", ids, _previous(period)) if month > 1 else {}
    now = dict(
        ProjectReport.objects.filter(project_id__in=ids, period=period, is_archived=False).values_list(
            "project_id", "state"
        )
    )
    return [
        Item(
            source,
            p.location,
            p,
            None,
            _entries(source, source.fields, last.get(p.pk)),
            12,
            reverse("projects:project_report_edit", args=[p.pk, period]),
            now.get(p.pk, ""),
            getattr(last.get(p.pk), "period", ""),
            ("project", p.pk),
        )
        for p in projects
    ]


def _items_enterprises(period: str, units, due_only: bool) -> list[Item]:
    _year, month = schedule.parse_period(period)
    source = SOURCE_BY_KEY["enterprise"]
    enterprises = Enterprise.objects.filter(is_archived=False).select_related("location")
    if units is not None:
        enterprises = enterprises.filter(location__in=units)
    enterprises = list(enterprises)
    ids = [e.pk for e in enterprises]
    last = latest_approved(EnterpriseFigure, "enterprise", ids, _previous(period)) if month > 1 else {}
    now = {
        enterprise_id: (pk, state)
        for enterprise_id, pk, state in EnterpriseFigure.objects.filter(
            enterprise_id__in=ids, period=period, is_archived=False
        ).values_list("enterprise_id", "pk", "state")
    }

    def link(enterprise) -> str:
        """The figure form while it is writable, else the figure's page (submitted or approved)."""
        pk, state = now.get(enterprise.pk, (None, ""))
        if state in WRITABLE:
            return reverse("enterprises:figure_edit", args=[enterprise.pk, period])
        return reverse("enterprises:figure_detail", args=[pk])

    return [
        Item(
            source,
            e.location,
            e,
            None,
            _entries(source, source.fields, last.get(e.pk)),
            12,
            link(e),
            now.get(e.pk, (None, ""))[1],
            getattr(last.get(e.pk), "period", ""),
            ("enterprise", e.pk),
        )
        for e in enterprises
    ]


def _items_indicators(period: str, units, due_only: bool) -> list[Item]:
    """The responsible unit reports the city's figure and each county-level unit's (市统计局 publishes them)."""
    year, month = schedule.parse_period(period)
    source = SOURCE_BY_KEY["indicator"]
    indicators = Indicator.objects.filter(is_archived=False).select_related("responsible_unit")
    if units is not None:
        indicators = indicators.filter(responsible_unit__in=units)
    indicators = [i for i in indicators if not due_only or indicator_kernel.is_published(i.spec, month)]
    if not indicators:
        return []
    subjects = [None, *county_units()]
    last = {}
    for value in IndicatorValue.objects.filter(
        indicator__in=indicators,
        state=ReportState.APPROVED,
        is_archived=False,
        period__lt=period,
    ).order_by("period"):
        last[(value.indicator_id, value.subject_id)] = value  # ordered: the newest wins
    now = {
        (i, s): (pk, state)
        for i, s, pk, state in IndicatorValue.objects.filter(
            indicator__in=indicators, period=period, is_archived=False
        ).values_list("indicator_id", "subject_id", "pk", "state")
    }

    def link(indicator, subject, sid) -> str:
        """The value form while it is writable in a published period; the value's page once submitted or
        approved; the indicator's page in a month it does not publish (the form would refuse it)."""
        pk, state = now.get((indicator.pk, sid), (None, ""))
        if state not in WRITABLE:
            return reverse("indicators:value_detail", args=[pk])
        if not indicator_kernel.is_published(indicator.spec, month):
            return indicator.get_absolute_url()
        url = reverse("indicators:value_edit", args=[indicator.code, period])
        return url if subject is None else f"{url}?subject={subject.pk}"

    items = []
    for indicator in indicators:
        per_year = len(indicator_kernel.published_months(indicator.spec))
        for subject in subjects:
            sid = None if subject is None else subject.pk
            previous = last.get((indicator.pk, sid))
            items.append(
                Item(
                    source,
                    indicator.responsible_unit,
                    indicator,
                    subject,
                    _entries(source, source.fields, previous),
                    per_year,
                    link(indicator, subject, sid),
                    now.get((indicator.pk, sid), (None, ""))[1],
                    getattr(previous, "period", ""),
                    ("indicator", indicator.pk, sid),
                )
            )
    return items


ITEM_BUILDERS = (_items_tasks, _items_projects, _items_enterprises, _items_indicators)


def _previous(period: str) -> str:
    year, month = schedule.parse_period(period)
    return schedule.period_str(year, month - 1) if month > 1 else period


def due_items(period: str, *, units=None, due_only: bool = True) -> list[Item]:
    """Everything asked for in the period (``due_only``), or everything asked for in its year."""
    return [item for build in ITEM_BUILDERS for item in build(period, units, due_only)]


def all_requests(period: str) -> list[Request]:
    return [r for item in due_items(period) for r in item.requests()]


# --------------------------------------------------------------------------------------------------
# Pages: the data dictionary, one unit's 填报清单, the burden per unit
# --------------------------------------------------------------------------------------------------


@dataclass
class DictionaryRow:
    source: Source
    field: str
    label: str
    owners: list[tuple[str, int]]  # unit name, number of objects it reports this field for
    frequency: str


def data_dictionary(period: str) -> list[DictionaryRow]:
    """Every reported field: what it is, its model field, its single source and owner units (from the live
    records of the period's year), and how often it is asked."""
    items = due_items(period, due_only=False)
    owners = defaultdict(Counter)
    frequencies = defaultdict(set)
    for item in items:
        for entry in item.fields:
            owners[(item.source.key, entry.name)][str(item.unit)] += 1
        frequencies[item.source.key].add(item.per_year)
    rows = []
    for source in SOURCES:
        freq = "、".join(
            _("%(n)s times a year") % {"n": n} for n in sorted(frequencies[source.key], reverse=True)
        )
        for name in source.fields:
            rows.append(
                DictionaryRow(
                    source,
                    name,
                    source.verbose(name),
                    sorted(owners[(source.key, name)].items(), key=lambda kv: (-kv[1], kv[0])),
                    freq or "—",
                )
            )
    return rows


@dataclass
class Checklist:
    unit: Unit
    period: str
    items: list[Item] = field(default_factory=list)

    @property
    def field_count(self) -> int:
        return sum(item.field_count for item in self.items)

    @property
    def groups(self) -> list[tuple[Source, list[Item]]]:
        return [
            (s, [i for i in self.items if i.source is s])
            for s in SOURCES
            if any(i.source is s for i in self.items)
        ]


def checklist(unit: Unit, period: str) -> Checklist:
    """Exactly what ``unit`` must report for ``period`` (items × fields), prefilled from the last period."""
    return Checklist(unit, period, due_items(period, units=[unit]))


@dataclass
class BurdenRow:
    unit: Unit
    items: int
    fields_per_year: int

    @property
    def fields_per_month(self) -> float:
        return round(self.fields_per_year / 12, 1)


def burden(period: str) -> tuple[list[BurdenRow], int]:
    """Per unit: fields × frequency a year (and a month), heaviest first, with the total."""
    rows: dict[int, BurdenRow] = {}
    for item in due_items(period, due_only=False):
        row = rows.setdefault(item.unit.pk, BurdenRow(item.unit, 0, 0))
        row.items += 1
        row.fields_per_year += item.field_count * item.per_year
    ordered = sorted(rows.values(), key=lambda r: (-r.fields_per_year, r.unit.order, r.unit.pk))
    return ordered, sum(r.fields_per_year for r in ordered)
