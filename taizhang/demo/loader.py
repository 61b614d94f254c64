"""Load the 2025 晋中 demo: units, one account per role, the plan from plan2025 and simulate()'s reports,
and the key projects (projects2025 + simulate_projects) with their monthly reports 2025-01…2025-10.

Every ledger row is written through the same services and workflow a user goes through
(plans.services, ledgers.services.save_report, projects.services, ledgers.workflow), as the unit's own
reporter and reviewer, so each history row and audit event names a real account. The key projects'
months before go-live (2025-01…2025-09) came in the way a city's do: the counties had sent their monthly
dispatch sheets by hand, and the project office (the 督查 account) imported them (demo.sheets writes each
month's .xlsx, projects.imports.import_projects records it: projects created by the first sheet, the
month's reports approved by the office, history on every row, one audit event and a kept ImportBatch per
sheet). 2025-10 goes through each county's reporter and reviewer in the one review workflow, so the
review queue and 工作台 have real work in them. Everything is flagged `is_demo=True` and every simulated
text starts with 【演示数据】.

Idempotent: when the demo plan and the demo projects already exist nothing is written; the accounts are
listed again. A database with the plan but without the projects (loaded before projects existed) gets
the projects.
"""

import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taizhang.accounts.choices import Role
from taizhang.accounts.models import Unit, User
from taizhang.accounts.orgdata import all_units
from taizhang.core import schedule
from taizhang.core.console import text_table
from taizhang.core.schedule import report_due_date
from taizhang.demo import enterprises2025, indicators2025, plan2025, projects2025, sheets
from taizhang.demo.simulate import simulate
from taizhang.demo.simulate_projects import demo_projects, simulate_project_reports
from taizhang.ledgers import workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import ProgressReport
from taizhang.ledgers.services import save_report
from taizhang.plans import services as plan_services
from taizhang.plans.models import Plan, Task
from taizhang.projects import selectors as project_selectors
from taizhang.projects import services as project_services
from taizhang.projects.imports import ImportResult, import_projects
from taizhang.projects.models import Project, ProjectReport

DEMO_PASSWORD = "demo1234"  # printed with the accounts; a demo database only
DEMO_TODAY = date(2025, 11, 20)  # the demo's "today": 1—10月 is reported, 10月 past its due day (11-05)
DEMO_LAST_MONTH = 10
# The 12 county-level units report and review their key projects, so each gets accounts, whether or not
# it leads a demo task.
EXTRA_REPORTING_UNITS = (
    "140702",
    "jzkfq",
    "140703",
    "140727",
    "140728",
    "140781",
    "140729",
    "140725",
    "140724",
    "140723",
    "140722",
    "140721",
    "tjj",  # 市统计局 reports the economic indicators (demo/indicators2025.py)
    "czj",  # 市财政局: 一般公共预算收入 (glossary §9)
)

# Short login names for units whose code is a number (GB/T 2260) or long; others use their code.
LOGIN_PREFIX = {
    "140702": "yc",
    "jzkfq": "kfq",
    "140703": "tg",
    "140727": "qx",
    "140728": "py",
    "140781": "jx",
    "140729": "ls",
    "140725": "sy",
    "140724": "xy",
    "140723": "hs",
    "140722": "zq",
    "140721": "ys",
}

# City-wide accounts: (username, display name, unit code, role).
CITY_ACCOUNTS = [
    ("ducha", "市督查室督查员", "dcs", Role.SUPERVISOR),
    ("lingdao", "市领导", "sld", Role.LEADER),
    ("admin", "系统管理员", "szfb", Role.ADMIN),
]


def _writer(stdout):
    out = stdout if stdout is not None else sys.stdout

    def say(text: str = "") -> None:
        out.write(text if text.endswith("\n") else text + "\n")

    return say


def demo_plan() -> Plan | None:
    return Plan.objects.filter(year=plan2025.PLAN["year"], title=plan2025.PLAN["title"]).first()


def account_specs() -> list[dict]:
    """Every demo account, in the order the table lists them: city accounts, then each unit's pair."""
    units = {code: short for code, _name, short, _kind, _order in all_units()}
    lead_codes = {t["lead_unit"] for t in plan2025.TASKS} | set(EXTRA_REPORTING_UNITS)
    order = [code for code, *_ in all_units() if code in lead_codes]
    specs = [{"username": u, "display_name": n, "unit": c, "role": r} for u, n, c, r in CITY_ACCOUNTS]
    for code in order:
        prefix = LOGIN_PREFIX.get(code, code)
        specs.append(
            {
                "username": f"{prefix}_tb",
                "display_name": f"{units[code]}填报员",
                "unit": code,
                "role": Role.REPORTER,
            }
        )
        specs.append(
            {
                "username": f"{prefix}_sh",
                "display_name": f"{units[code]}审核员",
                "unit": code,
                "role": Role.REVIEWER,
            }
        )
    return specs


def accounts_table(specs: list[dict]) -> str:
    roles = dict(Role.choices)
    units = {code: short for code, _name, short, _kind, _order in all_units()}
    rows = [
        [s["username"], DEMO_PASSWORD, s["display_name"], units[s["unit"]], str(roles[s["role"]])]
        for s in specs
    ]
    return text_table([_("User"), _("Password"), _("Name"), _("Unit"), _("Role")], rows)


def _create_units() -> dict[str, Unit]:
    existing = set(Unit.objects.values_list("code", flat=True))
    Unit.objects.bulk_create(
        [
            Unit(code=code, name=name, short_name=short, kind=kind, order=order)
            for code, name, short, kind, order in all_units()
            if code not in existing
        ]
    )
    return {u.code: u for u in Unit.objects.all()}


def _create_users(specs: list[dict], units: dict[str, Unit]) -> dict[str, User]:
    """Missing accounts in one insert; the password is hashed once (hashing is slow on purpose)."""
    existing = {u.username: u for u in User.objects.filter(username__in=[s["username"] for s in specs])}
    password = make_password(DEMO_PASSWORD)
    new = []
    for s in specs:
        if s["username"] in existing:
            continue
        is_admin = s["role"] == Role.ADMIN
        new.append(
            User(
                username=s["username"],
                display_name=s["display_name"],
                unit=units[s["unit"]],
                role=s["role"],
                password=password,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        )
    User.objects.bulk_create(new)
    return {
        u.username: u
        for u in User.objects.filter(username__in=[s["username"] for s in specs]).select_related("unit")
    }


def _create_plan(supervisor: User, units: dict[str, Unit]) -> tuple[Plan, dict[str, Task]]:
    meta = plan2025.PLAN
    plan = plan_services.create_plan(
        actor=supervisor,
        year=meta["year"],
        title=meta["title"],
        source_title=meta.get("source_title", ""),
        source_text=meta.get("source_text", ""),
        is_demo=True,
    )
    areas = {}
    for order, (code, name, description) in enumerate(plan2025.AREAS, start=1):
        areas[code] = plan_services.create_area(
            actor=supervisor, plan=plan, code=code, name=name, description=description, order=order
        )
    tasks = {}
    for row in plan2025.TASKS:
        data = {key: row[key] for key in plan_services.TASK_FIELDS if key not in ("area", "lead_unit")}
        data["area"] = areas[row["area"]]
        data["lead_unit"] = units[row["lead_unit"]]
        tasks[row["code"]] = plan_services.create_task(
            actor=supervisor,
            plan=plan,
            data=data,
            is_demo=True,
            cooperating_units=[units[c] for c in row["cooperating_units"]],
            milestones=row["milestones"],
            reason=_("Demo plan loaded"),
        )
        if row.get("derived_count"):
            plan_services.set_figure_source(
                actor=supervisor,
                task=tasks[row["code"]],
                derived_count=row["derived_count"],
                reason=_("Demo plan loaded"),
            )
    return plan, tasks


ARTICLE = Path(__file__).with_name("jinzhong-2025-article.txt")  # = shared/domain/jinzhong-2025-article.txt


def _break_down_article(supervisor: User, plan: Plan) -> None:
    """The article the plan was made from, read by the extraction kernel (issue 5) and tied to the plan's
    tasks by their verbatim source clauses: the 政策分解 page shows which commitments have a task."""
    from taizhang.extraction import services as extraction

    document = extraction.create_document(
        actor=supervisor,
        title=plan2025.PLAN["source_title"],
        year=plan.year,
        text=ARTICLE.read_text(encoding="utf-8"),
        plan=plan,
    )
    extraction.link_plan_tasks(actor=supervisor, document=document, plan=plan)


def _write_reports(plan: Plan, tasks: dict[str, Task], users_by_unit: dict[int, dict[str, User]]) -> Counter:
    """simulate()'s reports, each drafted by the lead unit's reporter and taken as far as its state says."""
    states: Counter = Counter()
    for sim in simulate(plan2025.TASKS, year=plan.year, last_month=DEMO_LAST_MONTH):
        task = tasks[sim.task_code]
        if task.is_derived:  # its actual is derived: nobody reports it (report once)
            continue
        team = users_by_unit[task.lead_unit_id]
        data = {
            "cumulative_value": sim.value,
            "percent_complete": sim.percent_complete,
            "progress": sim.progress,
            "problems": sim.problems,
            "next_steps": sim.next_steps,
            "confidence": sim.confidence,
        }
        report = save_report(
            actor=team["reporter"], task=task, period=sim.period, data=data, today=DEMO_TODAY, is_demo=True
        )
        if sim.state != ReportState.DRAFT:
            report = workflow.submit(actor=team["reporter"], report=report)
            if sim.state == ReportState.APPROVED:
                workflow.approve(actor=team["reviewer"], report=report)
            elif sim.state == ReportState.RETURNED:
                workflow.return_for_revision(actor=team["reviewer"], report=report, reason=sim.return_reason)
        states[sim.state] += 1
    return states


# --- key projects (issue 3 §7) ---------------------------------------------------------------------------

DEMO_PROJECT_YEAR = 2025
DEMO_PROJECT_PERIOD = f"{DEMO_PROJECT_YEAR}-{DEMO_LAST_MONTH:02d}"
# Go-live backfill: the months before go-live came in as the counties' dispatch sheets, imported by the
# project office; the last month (DEMO_PROJECT_PERIOD) went through each county's own review.
BACKFILL_LAST_MONTH = DEMO_LAST_MONTH - 1
BACKFILL_LAST_PERIOD = f"{DEMO_PROJECT_YEAR}-{BACKFILL_LAST_MONTH:02d}"


def demo_projects_loaded() -> bool:
    return Project.objects.filter(year=DEMO_PROJECT_YEAR, is_demo=True).exists()


def _project_content(row: dict) -> str:
    """建设内容, and for the article's projects the sentence that names them and what is simulated."""
    content = row["content"]
    if row.get("source_sentence"):
        content = _(
            "%(content)s.\nSource: “%(sentence)s” (%(source)s).\nLocation basis: %(basis)s. "
            "Amounts, dates and progress are simulated (【演示数据】)."
        ) % {
            "content": content,
            "sentence": row["source_sentence"],
            "source": projects2025.SOURCE,
            "basis": row["location_basis"],
        }
    return content


def _sheet_rows(rows: list[dict]) -> list[dict]:
    """The master records as the office's sheets carry them (the article's projects with their sentence)."""
    return [row | {"content": _project_content(row)} for row in rows]


def _import_backfill(supervisor: User, units: dict[str, Unit], rows: list[dict], sims) -> list[ImportResult]:
    """2025-01…2025-09 as the project office loaded them at go-live: each month's 调度表, as the counties had
    sent it by hand, written as an .xlsx (demo.sheets) and imported by the 督查 account through the
    dispatch-sheet import (projects.imports). The first sheet creates the projects; each sheet records its
    month's reports approved by the office, with history and one audit event per sheet, and keeps the file
    as an ImportBatch. A sheet the import refuses stops the load (nothing is half-saved)."""
    names = {code: unit.short_name or unit.name for code, unit in units.items()}
    order = {code: unit.order for code, unit in units.items()}
    by_period: dict[str, dict] = {}
    for sim in sims:
        by_period.setdefault(sim.period, {})[sim.code] = sim
    sheet_rows = _sheet_rows(rows)
    results = []
    for month in range(1, BACKFILL_LAST_MONTH + 1):
        period = f"{DEMO_PROJECT_YEAR}-{month:02d}"
        data = sheets.dispatch_sheet(
            sheet_rows,
            by_period.get(period, {}),
            period,
            units=names,
            unit_order=order,
            sent_on=report_due_date(DEMO_PROJECT_YEAR, month, due_day=settings.TAIZHANG_REPORT_DUE_DAY),
        )
        result = import_projects(
            data,
            period=period,
            actor=supervisor,
            original_name=sheets.sheet_name(period),
            today=DEMO_TODAY,
            is_demo=True,
        )
        if not result.ok:
            raise ValidationError(
                {"__all__": [f"{period}: {error['message']}" for error in result.errors[:10]]}
            )
        results.append(result)
    return results


def _october_facts(projects: dict[str, Project], rows: list[dict], users_by_unit) -> int:
    """What happened in October to a project's master record (a start, an 入库, a completion), entered by
    the county's reporter before the October report, through projects.services.update_project."""
    september = schedule.period_end(DEMO_PROJECT_YEAR, BACKFILL_LAST_MONTH)
    updated = 0
    for row in rows:
        known = sheets.facts_as_of(row, september)
        data = {
            field: row[field]
            for _date, fields in sheets.FACTS_BY_DATE
            for field in fields
            if field in row and row[field] != known[field]
        }
        if data:
            project = projects[row["code"]]
            project_services.update_project(
                actor=users_by_unit[project.location_id]["reporter"],
                project=project,
                data=data,
                reason=_("Started, registered or completed in October"),
            )
            updated += 1
    return updated


def _write_project_reports(
    projects: dict[str, Project], sims, users_by_unit: dict[int, dict[str, User]]
) -> Counter:
    """October's reports: drafted by the county's reporter, taken through the one review workflow (submit,
    then approve or return) by its reporter and reviewer, as far as the simulated state says."""
    states: Counter = Counter()
    for sim in sims:
        project = projects[sim.code]
        team = users_by_unit[project.location_id]
        report = project_services.save_project_report(
            actor=team["reporter"],
            project=project,
            period=sim.period,
            data={
                "month_investment": sim.month_investment,
                "cumulative_investment": sim.cumulative_investment,
                "image_progress": sim.image_progress,
                "problems": sim.problems,
                "coordination": sim.coordination,
            },
            today=DEMO_TODAY,
            is_demo=True,
        )
        if sim.state != ReportState.DRAFT:
            report = workflow.submit(actor=team["reporter"], report=report)
            if sim.state == ReportState.APPROVED:
                workflow.approve(actor=team["reviewer"], report=report)
            elif sim.state == ReportState.RETURNED:
                workflow.return_for_revision(actor=team["reviewer"], report=report, reason=sim.return_reason)
        states[sim.state] += 1
    return states


def project_lights(period: str = DEMO_PROJECT_PERIOD) -> dict:
    """Lights of the demo projects in ``period`` as every page computes them, and how many have not
    reported (no submitted or approved report for the period: 未报送)."""
    projects = Project.objects.filter(year=DEMO_PROJECT_YEAR, is_demo=True, is_archived=False)
    states = project_selectors.project_states(projects.select_related("location"), period)
    lights = Counter(s.light.light.value for s in states)
    return {
        "green": lights["green"],
        "yellow": lights["yellow"],
        "red": lights["red"],
        "missing": sum(1 for s in states if not s.reported),
    }


def _load_projects(supervisor: User, units: dict[str, Unit], users_by_unit) -> dict:
    started = time.monotonic()
    rows = demo_projects()
    sims = simulate_project_reports(rows)
    backfill = [s for s in sims if s.period <= BACKFILL_LAST_PERIOD]
    october = [s for s in sims if s.period > BACKFILL_LAST_PERIOD]
    imported = _import_backfill(supervisor, units, rows, backfill)
    projects = {
        p.code: p
        for p in Project.objects.filter(year=DEMO_PROJECT_YEAR, is_demo=True).select_related("location")
    }
    created = time.monotonic()
    facts = _october_facts(projects, rows, users_by_unit)
    states = Counter(s.state for s in backfill) + _write_project_reports(projects, october, users_by_unit)
    return {
        "projects": len(projects),
        "project_reports": sum(states.values()),
        "project_states": dict(states),
        "project_sheets": len(imported),
        "project_october_facts": facts,
        "project_import_seconds": round(created - started, 2),
        "project_report_seconds": round(time.monotonic() - created, 2),
    }


def _say_projects(say, summary: dict) -> None:
    lights = summary["project_lights"]
    say(
        _(
            "Key projects: %(projects)s projects, %(reports)s monthly reports 2025-01…2025-10 "
            "(all marked 演示数据). Lights at %(period)s: %(green)s green, %(yellow)s yellow, %(red)s red; "
            "%(missing)s not reported."
        )
        % {
            "projects": summary["projects"],
            "reports": summary["project_reports"],
            "period": DEMO_PROJECT_PERIOD,
            **lights,
        }
    )
    say(
        _(
            "%(first)s…%(last)s: %(sheets)s monthly dispatch sheets imported by the project office (督查) "
            "as the counties had sent them before go-live; %(period)s through each county's review."
        )
        % {
            "first": f"{DEMO_PROJECT_YEAR}-01",
            "last": BACKFILL_LAST_PERIOD,
            "sheets": summary["project_sheets"],
            "period": DEMO_PROJECT_PERIOD,
        }
    )


def load_demo(*, stdout=None) -> dict:
    """Load the demo into the current database; returns counts (units, users, tasks, reports, projects)."""
    say = _writer(stdout)
    specs = account_specs()
    started = time.monotonic()
    existing = demo_plan()
    if existing is not None and demo_projects_loaded():
        say(
            _("The demo plan “%(title)s” is already loaded (plan %(id)s); nothing was changed.")
            % {"title": existing.title, "id": existing.pk}
        )
        say(accounts_table(specs))
        return {
            "created": False,
            "plan_id": existing.pk,
            "units": Unit.objects.count(),
            "users": User.objects.filter(username__in=[s["username"] for s in specs]).count(),
            "tasks": existing.tasks.count(),
            "reports": ProgressReport.objects.filter(task__plan=existing).count(),
            "states": {},
            "projects": Project.objects.filter(year=DEMO_PROJECT_YEAR, is_demo=True).count(),
            "project_reports": ProjectReport.objects.filter(
                project__year=DEMO_PROJECT_YEAR, is_demo=True
            ).count(),
            "project_states": {},
            "accounts": specs,
            "seconds": round(time.monotonic() - started, 2),
        }

    with transaction.atomic():
        units = _create_units()
        users = _create_users(specs, units)
        users_by_unit: dict[int, dict[str, User]] = {}
        for s in specs:
            key = {Role.REPORTER: "reporter", Role.REVIEWER: "reviewer"}.get(s["role"])
            if key:
                users_by_unit.setdefault(units[s["unit"]].pk, {})[key] = users[s["username"]]
        if existing is None:
            plan, tasks = _create_plan(users["ducha"], units)
            _break_down_article(users["ducha"], plan)
            states = _write_reports(plan, tasks, users_by_unit)
        else:  # a demo loaded before the key projects existed: add them only
            plan, tasks, states = existing, {t.code: t for t in existing.tasks.all()}, Counter()
        projects = _load_projects(users["ducha"], units, users_by_unit)
        # the last three months of 1–m月 figures (Aug–Oct): enough for the trend and every 2025-10 count;
        # all ten through the workflow would triple the load time
        industry = enterprises2025.load(actor_by_username=users, units=units, months=3)
        indicators = indicators2025.load(actor_by_username=users.__getitem__, units=units)

    summary = {
        "created": True,
        "plan_id": plan.pk,
        "units": len(units),
        "users": len(users),
        "tasks": len(tasks),
        "reports": sum(states.values()),
        "states": dict(states),
        **projects,
        "project_lights": project_lights(),
        "industry": industry,
        "indicators": indicators,
        "accounts": specs,
        "seconds": round(time.monotonic() - started, 2),
    }
    say(
        _(
            "Demo loaded in %(seconds)s s: %(units)s units, %(users)s accounts, %(tasks)s tasks, "
            "%(reports)s reports (all marked 演示数据)."
        )
        % summary
    )
    _say_projects(say, summary)
    say(accounts_table(specs))
    return summary
