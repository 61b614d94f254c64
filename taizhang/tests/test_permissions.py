"""The permission matrix: every URL × every role → allowed, 403, or 404 for another unit's object.

Declared once (after NetBox's utilities/testing/views.py). A URL added to the product without a row
here fails `test_every_url_is_in_the_matrix`; a POST URL without an entry in ACTIONS (what it sends and
how its success shows on the object) fails `test_every_post_says_what_success_looks_like`.

"own" objects belong to 市工信局 (alice reports there, bob reviews there); "other" objects belong to
市商务局. dave supervises, leo leads, adam administers. Key projects belong to a county: their rows
(``county_row``) name 榆次区's reporter and reviewer (yan, yao) for the "own" project and its reports,
太谷区 owns the "other" one, and alice stands for a city department that sees neither.

An allowed GET is a 200. An allowed POST must do what it is for: a redirect, no error or warning
message, and the object changed. A refused POST (403/404) leaves the object as it was.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import TODAY
from taizhang.accounts.models import Unit
from taizhang.indicators.services import create_indicator
from taizhang.ledgers import services, workflow
from taizhang.ledgers.choices import ReportState
from taizhang.ledgers.models import Evidence, ProgressReport
from taizhang.plans.models import Area, Milestone, Task
from taizhang.plans.services import set_milestone
from taizhang.projects import services as project_services
from taizhang.projects.imports import stage_upload
from taizhang.projects.models import ImportBatch, Project, ProjectReport
from taizhang.projects.tests.fixtures.builders import plain_sheet, project_row

OK = "ok"  # a GET: 200; a POST: done (see ACTIONS)
ROLES = ("alice", "bob", "dave", "leo", "adam")
COUNTY_ROLES = ("yan", "yao", "alice", "dave", "leo", "adam")  # rows of county-owned objects (key projects)


def row(**outcomes):
    """Outcome per role; roles not named are OK."""
    return {r: outcomes.get(r, OK) for r in ROLES}


def county_row(**outcomes):
    """Outcome per role for a county's objects (yan reports for 榆次区, yao reviews there); unnamed: OK."""
    return {r: outcomes.get(r, OK) for r in COUNTY_ROLES}


EVERYONE = row()
NOT_FOR_OTHER_UNITS = row(alice=404, bob=404)
REPORTER_ONLY = row(bob=403, dave=403, leo=403, adam=403)
REPORTER_ONLY_OTHER = row(alice=404, bob=404, dave=403, leo=403, adam=403)
REVIEWER_ONLY = row(alice=403, dave=403, leo=403, adam=403)
MANAGERS_ONLY = row(alice=403, bob=403, leo=403)
MANAGERS_ONLY_OTHER = row(alice=404, bob=404, leo=403)

COUNTY_EVERYONE = county_row()
COUNTY_OWN = county_row(alice=404)  # a county's object: a city department does not see it
COUNTY_OTHER = county_row(yan=404, yao=404, alice=404)
COUNTY_EDITORS = county_row(yao=403, alice=404, leo=403)  # 督查/管理员, and the county's 填报员
COUNTY_EDITORS_OTHER = county_row(yan=404, yao=404, alice=404, leo=403)
COUNTY_CREATORS = county_row(yao=403, alice=403, leo=403)
COUNTY_MANAGERS = county_row(yan=403, yao=403, alice=404, leo=403)
COUNTY_MANAGERS_OTHER = county_row(yan=404, yao=404, alice=404, leo=403)
COUNTY_REPORTER = county_row(yao=403, alice=404, dave=403, leo=403, adam=403)
COUNTY_REVIEWER = county_row(yan=403, alice=404, dave=403, leo=403, adam=403)
# import pages: 督查/管理员, county 填报员 (dispatch sheets, enterprise lists) and the 填报员 of a unit
# responsible for an indicator (alice: the world's indicator is 市工信局's); a batch is seen by its unit only
IMPORTERS = county_row(yao=403, leo=403)
COUNTY_IMPORTERS = county_row(yao=403, alice=404, leo=403)
COUNTY_IMPORTERS_OTHER = county_row(yan=404, yao=403, alice=404, leo=403)
COUNTY_NOBODY_OTHER = county_row(yan=404, yao=404, alice=404, dave=403, leo=403, adam=403)
# enterprise figures and indicator values: rows over the county roles and bob (a city department's reviewer)
FIGURE_REPORTER = county_row(yao=403, alice=404, bob=403, dave=403, leo=403, adam=403)
FIGURE_NOBODY_OTHER = county_row(yan=404, yao=404, alice=404, bob=404, dave=403, leo=403, adam=403)
COUNTY_OWN_FIGURE = county_row(alice=404, bob=404)  # a submitted figure stays with its county till approved
COUNTY_OTHER_FIGURE = county_row(yan=404, yao=404, alice=404, bob=404)
VALUE_REPORTER = county_row(yan=404, yao=403, bob=403, dave=403, leo=403, adam=403)
VALUE_NOBODY = county_row(yan=403, yao=403, alice=403, bob=403, dave=403, leo=403, adam=403)

# name: (method, which object, outcome per role)
MATRIX = {
    "dashboards:home": [("get", None, EVERYONE)],
    "dashboards:overview": [("get", None, EVERYONE)],
    "dashboards:overview_data": [("get", None, EVERYONE)],
    "enterprises:matrix": [("get", None, EVERYONE)],  # the industry pages: every role reads them
    "enterprises:enterprise_list": [("get", None, {**EVERYONE, **COUNTY_EVERYONE})],
    "enterprises:enterprise_detail": [("get", "enterprise", {**EVERYONE, **COUNTY_EVERYONE})],
    "enterprises:twin_matrix": [("get", None, {**EVERYONE, **COUNTY_EVERYONE})],
    "plans:plan_detail": [("get", "plan", EVERYONE)],
    "plans:task_list": [("get", None, EVERYONE)],
    "plans:task_export": [("get", None, EVERYONE)],
    "plans:task_detail": [("get", "own_task", EVERYONE), ("get", "other_task", NOT_FOR_OTHER_UNITS)],
    "plans:task_edit": [("get", "own_task", MANAGERS_ONLY), ("get", "other_task", MANAGERS_ONLY_OTHER)],
    "plans:task_create": [("get", "plan", MANAGERS_ONLY), ("post", "plan", MANAGERS_ONLY)],
    "plans:task_archive": [("post", "own_task", MANAGERS_ONLY), ("post", "other_task", MANAGERS_ONLY_OTHER)],
    "plans:milestone_set": [("post", "own_task", MANAGERS_ONLY), ("post", "other_task", MANAGERS_ONLY_OTHER)],
    "plans:milestone_archive": [
        ("post", "own_milestone", MANAGERS_ONLY),
        ("post", "other_milestone", MANAGERS_ONLY_OTHER),
    ],
    "ledgers:report_edit": [
        ("get", "own_task_period", REPORTER_ONLY),
        ("get", "other_task_period", REPORTER_ONLY_OTHER),
    ],
    "ledgers:report_detail": [("get", "own_report", EVERYONE), ("get", "other_report", NOT_FOR_OTHER_UNITS)],
    "ledgers:report_submit": [
        ("post", "own_draft", REPORTER_ONLY),
        ("post", "other_draft", REPORTER_ONLY_OTHER),
    ],
    "ledgers:report_approve": [
        ("post", "own_report", REVIEWER_ONLY),
        ("post", "other_report", row(alice=404, bob=404, dave=403, leo=403, adam=403)),
    ],
    "ledgers:report_return": [
        ("post", "own_report", REVIEWER_ONLY),
        ("post", "other_report", row(alice=404, bob=404, dave=403, leo=403, adam=403)),
    ],
    "ledgers:evidence_download": [
        ("get", "own_evidence", EVERYONE),
        ("get", "other_evidence", NOT_FOR_OTHER_UNITS),
    ],
    "ledgers:evidence_archive": [
        ("post", "own_draft_evidence", REPORTER_ONLY),
        ("post", "other_draft_evidence", REPORTER_ONLY_OTHER),
    ],
    "ledgers:review_queue": [("get", None, row(alice=403, dave=403, leo=403, adam=403))],
    "ledgers:checklist": [("get", None, EVERYONE)],  # one's own unit's 填报清单
    "ledgers:burden": [("get", None, row(alice=403, bob=403))],  # 督查/领导/管理员 only
    "projects:project_list": [("get", None, COUNTY_EVERYONE)],
    "projects:project_export": [("get", None, COUNTY_EVERYONE)],
    "projects:project_create": [("get", None, COUNTY_CREATORS), ("post", None, COUNTY_CREATORS)],
    "projects:project_detail": [("get", "own_project", COUNTY_OWN), ("get", "other_project", COUNTY_OTHER)],
    "projects:project_edit": [
        ("get", "own_project", COUNTY_EDITORS),
        ("get", "other_project", COUNTY_EDITORS_OTHER),
    ],
    "projects:project_archive": [
        ("post", "own_project", COUNTY_MANAGERS),
        ("post", "other_project", COUNTY_MANAGERS_OTHER),
    ],
    "projects:project_report_edit": [
        ("get", "own_project_period", COUNTY_REPORTER),
        ("get", "other_project_period", COUNTY_NOBODY_OTHER),
    ],
    "projects:report_detail": [
        ("get", "own_project_report", COUNTY_OWN),
        ("get", "other_project_report", COUNTY_OTHER),
    ],
    "projects:project_report_submit": [
        ("post", "own_project_draft", COUNTY_REPORTER),
        ("post", "other_project_draft", COUNTY_NOBODY_OTHER),
    ],
    "projects:project_report_approve": [
        ("post", "own_project_report", COUNTY_REVIEWER),
        ("post", "other_project_report", COUNTY_NOBODY_OTHER),
    ],
    "projects:import_upload": [("get", None, IMPORTERS), ("post", None, IMPORTERS)],
    "projects:import_preview": [
        ("get", "own_batch", COUNTY_IMPORTERS),
        ("get", "other_batch", COUNTY_IMPORTERS_OTHER),
    ],
    "projects:import_commit": [
        ("post", "own_batch", COUNTY_IMPORTERS),
        ("post", "other_batch", COUNTY_IMPORTERS_OTHER),
    ],
    "dashboards:project_overview": [("get", None, EVERYONE)],
    "dashboards:project_overview_data": [("get", None, EVERYONE)],
    "dashboards:county_comparison": [("get", None, EVERYONE)],
    "projects:project_report_return": [
        ("post", "own_project_report", COUNTY_REVIEWER),
        ("post", "other_project_report", COUNTY_NOBODY_OTHER),
    ],
    "indicators:dashboard": [("get", None, EVERYONE)],
    "indicators:detail": [("get", "indicator", EVERYONE)],
    # the breakdown pages (issue 5): every role reads documents and coverage; 督查/管理员 write
    "extraction:document_list": [("get", None, EVERYONE)],
    "extraction:document_create": [("get", None, MANAGERS_ONLY), ("post", None, MANAGERS_ONLY)],
    "extraction:document_detail": [("get", "source_document", EVERYONE)],
    "extraction:document_coverage": [("get", "source_document", EVERYONE)],
    "extraction:items_merge": [("post", "source_document", MANAGERS_ONLY)],
    "extraction:items_accept": [("post", "source_document", MANAGERS_ONLY)],
    "extraction:link_tasks": [("post", "source_document", MANAGERS_ONLY)],
    "extraction:item_edit": [("get", "draft_item", MANAGERS_ONLY), ("post", "draft_item", MANAGERS_ONLY)],
    "extraction:item_drop": [("post", "draft_item", MANAGERS_ONLY)],
    "extraction:item_restore": [("post", "dropped_item", MANAGERS_ONLY)],
    "extraction:item_lead": [("post", "draft_item", MANAGERS_ONLY)],
    "extraction:lead_list": [("get", None, EVERYONE), ("post", None, MANAGERS_ONLY)],
    "extraction:lead_edit": [("post", "lead_keyword", MANAGERS_ONLY)],
    "extraction:lead_copy_default": [("post", None, MANAGERS_ONLY)],
    # an enterprise's monthly figures on the web: its county's 填报员 writes, its 审核员 reviews; the form of
    # another county's (or a city department's view of a county's) enterprise is a 404
    "enterprises:figure_edit": [
        ("get", "own_enterprise_period", FIGURE_REPORTER),
        ("post", "own_enterprise_period", FIGURE_REPORTER),
        (
            "get",
            "other_enterprise_period",
            county_row(yan=404, yao=403, alice=404, bob=403, dave=403, leo=403, adam=403),
        ),
    ],
    "enterprises:figure_detail": [
        ("get", "own_figure", COUNTY_OWN_FIGURE),
        ("get", "other_figure", COUNTY_OTHER_FIGURE),
    ],
    "enterprises:figure_submit": [
        ("post", "own_figure_draft", county_row(yao=403, alice=404, bob=404, dave=403, leo=403, adam=403)),
        ("post", "other_figure_draft", FIGURE_NOBODY_OTHER),
    ],
    "enterprises:figure_approve": [
        ("post", "own_figure", county_row(yan=403, alice=404, bob=404, dave=403, leo=403, adam=403)),
        ("post", "other_figure", FIGURE_NOBODY_OTHER),
    ],
    "enterprises:figure_return": [
        ("post", "own_figure", county_row(yan=403, alice=404, bob=404, dave=403, leo=403, adam=403)),
        ("post", "other_figure", FIGURE_NOBODY_OTHER),
    ],
    # indicator values: the indicator's responsible unit writes (alice: the world's indicator is 市工信局's)
    # and reviews (bob); every role reads a value (published statistics, PublicFiguresQuerySet)
    "indicators:value_edit": [
        ("get", "own_indicator_period", VALUE_REPORTER),
        ("post", "own_indicator_period", VALUE_REPORTER),
        (
            "get",
            "other_indicator_period",
            county_row(yan=404, yao=403, alice=404, bob=403, dave=403, leo=403, adam=403),
        ),
    ],
    "indicators:value_detail": [("get", "own_value", {**EVERYONE, **COUNTY_EVERYONE})],
    "indicators:value_submit": [
        ("post", "own_value_draft", county_row(yan=403, yao=403, bob=403, dave=403, leo=403, adam=403)),
        ("post", "other_value_draft", VALUE_NOBODY),
    ],
    "indicators:value_approve": [
        ("post", "own_value", county_row(yan=403, yao=403, alice=403, dave=403, leo=403, adam=403)),
        ("post", "other_value", VALUE_NOBODY),
    ],
    "indicators:value_return": [
        ("post", "own_value", county_row(yan=403, yao=403, alice=403, dave=403, leo=403, adam=403)),
        ("post", "other_value", VALUE_NOBODY),
    ],
}
PUBLIC = {"login", "logout"}


# --- what each POST sends, and how its success shows on the object -----------------------------------

NEW_TASK_CODE = "CY-09"
NEW_PROJECT_CODE = "YC-NEW"


@dataclass(frozen=True)
class Post:
    form: Callable[[int], dict]  # the form posted, given the pk in the URL
    probe: Callable[[int], object]  # the part of the object the action changes, given the same pk
    done: object  # what `probe` returns once the action has succeeded


def _reason(_pk: int) -> dict:
    return {"reason": "测试原因"}


def _no_form(_pk: int) -> dict:
    return {}


def _new_task_form(plan_pk: int) -> dict:
    return {
        "code": NEW_TASK_CODE,
        "title": "专精特新企业培育",
        "area": Area.objects.get(plan_id=plan_pk).pk,
        "target_kind": "count",
        "target_value": "20",
        "target_unit": "户",
        "deadline": "2025-12-31",
        "lead_unit": Unit.objects.get(code="gxj").pk,
        "category": "A",
        "frequency": "monthly",
    }


def _report_state(pk: int) -> str:
    return ProgressReport.objects.get(pk=pk).state


def _new_project_form(_pk) -> dict:
    return {
        "year": "2025",
        "code": NEW_PROJECT_CODE,
        "name": "榆次新建项目",
        "level": "city",
        "category": "industry",
        "nature": "new",
        "location": Unit.objects.get(code="140702").pk,  # 榆次区 (a county 填报员's own county anyway)
        "annual_plan": "500",
    }


def _project_report_state(pk: int) -> str:
    return ProjectReport.objects.get(pk=pk).state


def _september_milestone(task_pk: int) -> Decimal | None:
    return (
        Milestone.objects.filter(task_id=task_pk, month=9, is_archived=False)
        .values_list("expected_progress", flat=True)
        .first()
    )


ACTIONS = {
    "plans:task_create": Post(
        _new_task_form, lambda pk: Task.objects.filter(plan_id=pk, code=NEW_TASK_CODE).exists(), True
    ),
    "plans:task_archive": Post(_reason, lambda pk: Task.objects.get(pk=pk).is_archived, True),
    "plans:milestone_set": Post(
        lambda _pk: {"month": "9", "expected_progress": "70"}, _september_milestone, Decimal("70")
    ),
    "plans:milestone_archive": Post(_reason, lambda pk: Milestone.objects.get(pk=pk).is_archived, True),
    "ledgers:report_submit": Post(_no_form, _report_state, ReportState.SUBMITTED),
    "ledgers:report_approve": Post(_no_form, _report_state, ReportState.APPROVED),
    "ledgers:report_return": Post(
        lambda _pk: {"reason": "测试退回原因"}, _report_state, ReportState.RETURNED
    ),
    "ledgers:evidence_archive": Post(_reason, lambda pk: Evidence.objects.get(pk=pk).is_archived, True),
    "projects:project_create": Post(
        _new_project_form, lambda _pk: Project.objects.filter(code=NEW_PROJECT_CODE).exists(), True
    ),
    "projects:project_archive": Post(_reason, lambda pk: Project.objects.get(pk=pk).is_archived, True),
    "projects:project_report_submit": Post(_no_form, _project_report_state, ReportState.SUBMITTED),
    "projects:import_upload": Post(
        lambda _pk: {"period": "2025-10", "file": _sheet("matrix.xlsx", "YC-MATRIX", "榆次区")},
        lambda _pk: ImportBatch.objects.filter(original_name="matrix.xlsx").exists(),
        True,
    ),
    "projects:import_commit": Post(_no_form, lambda pk: ImportBatch.objects.get(pk=pk).committed, True),
    "projects:project_report_approve": Post(_no_form, _project_report_state, ReportState.APPROVED),
    "projects:project_report_return": Post(
        lambda _pk: {"reason": "测试退回原因"}, _project_report_state, ReportState.RETURNED
    ),
    "extraction:document_create": Post(
        lambda _pk: {"title": "矩阵文件", "year": "2025", "text": "年内新开工项目20个。"},
        lambda _pk: _source_document(title="矩阵文件").exists(),
        True,
    ),
    "extraction:items_merge": Post(
        lambda pk: {"items": [_draft(pk, "矩阵一").pk, _draft(pk, "矩阵二").pk]},
        lambda pk: _draft_items(pk).filter(status="merged").count(),
        1,
    ),
    "extraction:items_accept": Post(
        lambda pk: {"items": [_draft(pk, "矩阵三").pk], "plan": _source_document(pk=pk).get().plan_id},
        lambda pk: _draft_items(pk).filter(task__isnull=False).count(),
        1,
    ),
    "extraction:link_tasks": Post(
        lambda pk: {"plan": _source_document(pk=pk).get().plan_id},
        lambda pk: _draft_items(pk).filter(task__isnull=False).count(),
        1,
    ),
    "extraction:item_edit": Post(
        lambda _pk: {"title": "矩阵改名", "target_kind": "count", "target_value": "20", "target_unit": "个"},
        lambda pk: _draft_item(pk).title,
        "矩阵改名",
    ),
    "extraction:item_drop": Post(_no_form, lambda pk: _draft_item(pk).status, "dropped"),
    "extraction:item_restore": Post(_no_form, lambda pk: _draft_item(pk).status, "proposed"),
    "extraction:item_lead": Post(
        lambda _pk: {"lead_unit": Unit.objects.get(code="gxj").pk},
        lambda pk: str(_draft_item(pk).lead_unit),
        "市工信局",
    ),
    "extraction:lead_list": Post(
        lambda _pk: {"keyword": "文旅", "unit": Unit.objects.get(code="gxj").pk},
        lambda _pk: _lead_keywords().filter(keyword="文旅").exists(),
        True,
    ),
    "extraction:lead_edit": Post(
        lambda _pk: {"keyword": "会展", "unit": Unit.objects.get(code="swj").pk},  # the box unticked
        lambda pk: _lead_keywords().get(pk=pk).is_active,
        False,
    ),
    "extraction:lead_copy_default": Post(
        _no_form, lambda _pk: _lead_keywords().filter(keyword="工业").exists(), True
    ),
    "enterprises:figure_edit": Post(
        lambda _pk: {"revenue": "120", "output": "130", "action": "draft"},
        lambda pk: _figures().filter(enterprise_id=pk, period=FIGURE_FORM_PERIOD).exists(),
        True,
    ),
    "enterprises:figure_submit": Post(
        _no_form, lambda pk: _figures().get(pk=pk).state, ReportState.SUBMITTED
    ),
    "enterprises:figure_approve": Post(
        _no_form, lambda pk: _figures().get(pk=pk).state, ReportState.APPROVED
    ),
    "enterprises:figure_return": Post(
        lambda _pk: {"reason": "测试退回原因"}, lambda pk: _figures().get(pk=pk).state, ReportState.RETURNED
    ),
    "indicators:value_edit": Post(
        lambda _pk: {"amount": "1200", "growth": "5.1", "action": "draft"},
        lambda code: _values().filter(indicator__code=code, period=VALUE_FORM_PERIOD).exists(),
        True,
    ),
    "indicators:value_submit": Post(_no_form, lambda pk: _values().get(pk=pk).state, ReportState.SUBMITTED),
    "indicators:value_approve": Post(_no_form, lambda pk: _values().get(pk=pk).state, ReportState.APPROVED),
    "indicators:value_return": Post(
        lambda _pk: {"reason": "测试退回原因"}, lambda pk: _values().get(pk=pk).state, ReportState.RETURNED
    ),
}
FIGURE_FORM_PERIOD = "2025-08"  # no figure yet: the form writes one
VALUE_FORM_PERIOD = "2025-09"  # a quarter end: the world's quarterly indicator publishes it


def _figures():
    from taizhang.enterprises.models import EnterpriseFigure

    return EnterpriseFigure.objects.all()


def _values():
    from taizhang.indicators.models import IndicatorValue

    return IndicatorValue.objects.all()


def _source_document(**lookup):
    from taizhang.extraction.models import SourceDocument

    return SourceDocument.objects.filter(**lookup)


def _draft_items(document_pk: int):
    from taizhang.extraction.models import DraftItem

    return DraftItem.objects.filter(document_id=document_pk)


def _draft(document_pk: int, title: str):
    return _draft_items(document_pk).get(title=title)


def _draft_item(pk: int):
    from taizhang.extraction.models import DraftItem

    return DraftItem.objects.select_related("lead_unit").get(pk=pk)


def _lead_keywords():
    from taizhang.extraction.models import LeadKeyword

    return LeadKeyword.objects.all()


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace and p.namespace.startswith("api-"):
                continue  # the API has its own matrix in the apps' test_api.py files
            if p.namespace == "admin":
                continue  # the admin site (users and units) is tested in accounts/tests/test_admin.py
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def test_every_url_is_in_the_matrix():
    names = set(_names(get_resolver().url_patterns))
    assert names - PUBLIC - set(MATRIX) == set(), "add these URLs to the permission matrix"
    assert set(MATRIX) - names == set()


def test_every_post_says_what_success_looks_like():
    posted = {name for name, rows in MATRIX.items() for method, _obj, _outcomes in rows if method == "post"}
    assert posted == set(ACTIONS), "say in ACTIONS what each POST sends and what it changes"


def _sheet(name: str, code: str, county: str) -> SimpleUploadedFile:
    """A one-project dispatch sheet (.xlsx) for the import pages."""
    with tempfile.TemporaryDirectory() as tmp:
        path = plain_sheet(
            Path(tmp) / name, [project_row(code=code, name=f"导入项目{code}", location=county)]
        )
        return SimpleUploadedFile(name, path.read_bytes())


def _project_world(actors, units) -> dict:
    """A key project in 榆次区 ("own": yan reports, yao reviews) and one in 太谷区 ("other": tim reports),
    each with a draft for 2025-09 (to submit) and a submitted report for 2025-10 (to approve or return)."""

    def project(code, unit):
        data = {"code": code, "name": f"项目{code}", "nature": "new", "location": unit, "annual_plan": "1000"}
        return project_services.create_project(actor=actors["dave"], year=2025, data=data)

    def report(p, reporter, period, *, submit):
        r = project_services.save_project_report(
            actor=reporter,
            project=p,
            period=period,
            today=TODAY,
            data={"cumulative_investment": "500", "image_progress": "主体施工"},
        )
        return workflow.submit(actor=reporter, report=r) if submit else r

    own, other = project("YC-001", units["yc"]), project("TG-001", units["tg"])
    own_draft = report(own, actors["yan"], "2025-09", submit=False)
    other_draft = report(other, actors["tim"], "2025-09", submit=False)
    own_report = report(own, actors["yan"], "2025-10", submit=True)
    other_report = report(other, actors["tim"], "2025-10", submit=True)
    own_batch = stage_upload(_sheet("own.xlsx", "YC-IMP", "榆次区"), actor=actors["yan"], period="2025-10")
    other_batch = stage_upload(
        _sheet("other.xlsx", "TG-IMP", "太谷区"), actor=actors["tim"], period="2025-10"
    )
    return {
        "own_batch": (own_batch.pk,),
        "other_batch": (other_batch.pk,),
        "own_project": (own.pk,),
        "other_project": (other.pk,),
        "own_project_period": (own.pk, own_draft.period),
        "other_project_period": (other.pk, other_draft.period),
        "own_project_draft": (own_draft.pk,),
        "other_project_draft": (other_draft.pk,),
        "own_project_report": (own_report.pk,),
        "other_project_report": (other_report.pk,),
    }


def _enterprise_world(actors, units) -> dict:
    """An enterprise in 榆次区 (the industry pages are read by every role, a county-level unit's too)."""
    from taizhang.enterprises import services as enterprise_services
    from taizhang.enterprises.codes import simulated_uscc

    enterprise = enterprise_services.create_enterprise(
        actor=actors["dave"], data={"name": "矩阵企业", "uscc": simulated_uscc(1), "location": units["yc"]}
    )
    return {"enterprise": (enterprise.pk,), **_figure_world(actors, units, enterprise)}


def _figure_world(actors, units, own) -> dict:
    """Figures of the 榆次区 enterprise ("own": yan reports, yao reviews) and of one in 太谷区 ("other": tim
    reports): a draft for 2025-09 (to submit) and a submitted figure for 2025-10 (to approve or return)."""
    from taizhang.enterprises import services as enterprise_services
    from taizhang.enterprises.codes import simulated_uscc

    other = enterprise_services.create_enterprise(
        actor=actors["dave"],
        data={"name": "太谷矩阵企业", "uscc": simulated_uscc(2), "location": units["tg"]},
    )

    def figure(enterprise, reporter, period, *, submit):
        f = enterprise_services.save_figure(
            actor=reporter, enterprise=enterprise, period=period, today=TODAY, data={"revenue": "100"}
        )
        return workflow.submit(actor=reporter, report=f) if submit else f

    return {
        "own_enterprise_period": (own.pk, FIGURE_FORM_PERIOD),
        "other_enterprise_period": (other.pk, FIGURE_FORM_PERIOD),
        "own_figure_draft": (figure(own, actors["yan"], "2025-09", submit=False).pk,),
        "other_figure_draft": (figure(other, actors["tim"], "2025-09", submit=False).pk,),
        "own_figure": (figure(own, actors["yan"], "2025-10", submit=True).pk,),
        "other_figure": (figure(other, actors["tim"], "2025-10", submit=True).pk,),
    }


def _value_world(actors, units, own) -> dict:
    """Values of the world's indicator (市工信局's: alice reports, bob reviews) and of an indicator of 市商务局
    (carol reports): a draft for 2025-03 (to submit) and a submitted value for 2025-06 (to approve or return)."""
    from taizhang.indicators.services import save_value

    other = create_indicator(
        actor=actors["dave"],
        data={"code": "retail", "name": "社会消费品零售总额", "unit": "亿元", "frequency": "quarterly",
              "responsible_unit": units["swj"]},
    )  # fmt: skip

    def value(indicator, reporter, period, *, submit):
        v = save_value(
            actor=reporter, indicator=indicator, period=period, today=TODAY, data={"amount": "500"}
        )
        return workflow.submit(actor=reporter, report=v) if submit else v

    return {
        "own_indicator_period": (own.code, VALUE_FORM_PERIOD),
        "other_indicator_period": (other.code, VALUE_FORM_PERIOD),
        "own_value_draft": (value(own, actors["alice"], "2025-03", submit=False).pk,),
        "other_value_draft": (value(other, actors["carol"], "2025-03", submit=False).pk,),
        "own_value": (value(own, actors["alice"], "2025-06", submit=True).pk,),
        "other_value": (value(other, actors["carol"], "2025-06", submit=True).pk,),
    }


def _extraction_world(actors, units, plan) -> dict:
    """A pasted document with draft items as the kernel would leave them (made here without the kernel, so
    the matrix does not depend on its readings): two to merge or edit, one with a lead unit to accept, one
    dropped; a task of the plan typed from one of its clauses (to link); a keyword of the city's table."""
    from taizhang.extraction.models import DraftItem, LeadKeyword, SourceDocument
    from taizhang.plans.services import create_task

    text = "年内新开工项目20个。加快推进数字经济发展。年底前建成智算中心。深化国资国企改革。举办晋商文化节。"
    document = SourceDocument.objects.create(
        title="矩阵部署文件",
        year=2025,
        origin="paste",
        sha256="0" * 64,
        text=text,
        plan=plan,
        created_by=actors["dave"],
    )

    def item(span, title, **extra):
        start = text.index(span)
        return DraftItem.objects.create(
            document=document,
            start=start,
            end=start + len(span),
            span=span,
            title=title,
            target_kind="milestone",
            area_title="产业向新",
            **extra,
        )

    draft = item("年内新开工项目20个", "矩阵一", checkable=True)
    item("加快推进数字经济发展", "矩阵二")
    item("年底前建成智算中心", "矩阵三", checkable=True, lead_unit=units["gxj"])
    dropped = item("深化国资国企改革", "矩阵四", status="dropped")
    create_task(
        actor=actors["dave"],
        plan=plan,
        data={
            "code": "CY-50",
            "title": "晋商文化节",
            "source_clause": "举办晋商文化节。",
            "target_kind": "milestone",
            "deadline": "2025-12-31",
            "lead_unit": units["swj"],
            "area": Area.objects.get(plan=plan),
        },
    )
    keyword = LeadKeyword.objects.create(keyword="会展", unit=units["swj"])
    return {
        "source_document": (document.pk,),
        "draft_item": (draft.pk,),
        "dropped_item": (dropped.pk,),
        "lead_keyword": (keyword.pk,),
    }


@pytest.fixture
def world(actors, units, plan, task, other_task):
    """In each unit, a monthly task with a June milestone and two reports, each with evidence: a draft for
    2025-09 (to submit, to withdraw its evidence) and a submitted report for 2025-10, written by the
    unit's reporter (to approve or return)."""

    def report(t, reporter, period, *, submit):
        r = services.save_report(
            actor=reporter,
            task=t,
            period=period,
            today=TODAY,
            data={"cumulative_value": "5", "progress": "进展"},
        )
        services.add_evidence(
            actor=reporter, report=r, uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
        )
        return workflow.submit(actor=reporter, report=r) if submit else r

    own_draft = report(task, actors["alice"], "2025-09", submit=False)
    own = report(task, actors["alice"], "2025-10", submit=True)
    other_draft = report(other_task, actors["carol"], "2025-09", submit=False)
    other = report(other_task, actors["carol"], "2025-10", submit=True)
    own_milestone = set_milestone(actor=actors["dave"], task=task, month=6, expected_progress="50")
    other_milestone = set_milestone(actor=actors["dave"], task=other_task, month=6, expected_progress="50")
    indicator = create_indicator(  # published statistics: every role reads them
        actor=actors["dave"],
        data={
            "code": "gdp",
            "name": "地区生产总值",
            "unit": "亿元",
            "frequency": "quarterly",
            "responsible_unit": units["gxj"],
        },
    )
    return {
        "indicator": (indicator.code,),
        **_project_world(actors, units),
        "plan": (plan.pk,),
        "own_task": (task.pk,),
        "other_task": (other_task.pk,),
        "own_task_period": (task.pk, own_draft.period),
        "other_task_period": (other_task.pk, other_draft.period),
        "own_draft": (own_draft.pk,),
        "other_draft": (other_draft.pk,),
        "own_draft_evidence": (own_draft.evidence.get().pk,),
        "other_draft_evidence": (other_draft.evidence.get().pk,),
        "own_report": (own.pk,),
        "other_report": (other.pk,),
        "own_evidence": (own.evidence.get().pk,),
        "other_evidence": (other.evidence.get().pk,),
        "own_milestone": (own_milestone.pk,),
        "other_milestone": (other_milestone.pk,),
        **_enterprise_world(actors, units),
        **_extraction_world(actors, units, plan),
        **_value_world(actors, units, indicator),
    }


def test_the_world_is_in_the_states_the_actions_need(world):
    assert _report_state(world["own_draft"][0]) == ReportState.DRAFT
    assert _report_state(world["other_draft"][0]) == ReportState.DRAFT
    assert _report_state(world["own_report"][0]) == ReportState.SUBMITTED
    assert _report_state(world["other_report"][0]) == ReportState.SUBMITTED
    assert _project_report_state(world["own_project_draft"][0]) == ReportState.DRAFT
    assert _project_report_state(world["own_project_report"][0]) == ReportState.SUBMITTED
    assert _project_report_state(world["other_project_report"][0]) == ReportState.SUBMITTED


CASES = [
    (name, method, obj, role, expected)
    for name, rows in MATRIX.items()
    for method, obj, outcomes in rows
    for role, expected in outcomes.items()
]


@pytest.mark.parametrize(
    ("name", "method", "obj", "role", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2] or 'page'}-{c[3]}" for c in CASES],
)
def test_permission_matrix(world, actors, client_for, name, method, obj, role, expected):
    args = world[obj] if obj else ()
    url = reverse(name, args=args)
    client = client_for(actors[role])
    if name == "projects:project_export":
        pytest.importorskip("taizhang.projects.exports", reason="projects/exports.py has not landed yet")
    if method == "get":
        response = client.get(url)
        if expected == OK:
            assert response.status_code == 200, f"{role} should be allowed GET {url}"
        else:
            assert response.status_code == expected, f"{role} GET {url}"
        return

    action = ACTIONS[name]
    pk = args[0] if args else None  # a create page has no object in its URL
    before = action.probe(pk)
    assert before != action.done, f"the world leaves nothing for POST {url} to do"
    response = client.post_form(url, action.form(pk))
    after = action.probe(pk)
    if expected == OK:
        assert response.status_code == 302, f"{role} should be allowed POST {url}"
        problems = [
            m.message for m in messages.get_messages(response.wsgi_request) if m.level >= messages.WARNING
        ]
        assert problems == [], f"{role} POST {url} was refused"
        assert after == action.done, f"{role} POST {url} did not change the object"
    else:
        assert response.status_code == expected, f"{role} POST {url}"
        assert after == before, f"{role} POST {url} was refused but changed the object"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_users_are_sent_to_the_login_page(world, client_for, name):
    method, obj, _ = MATRIX[name][0]
    url = reverse(name, args=world[obj] if obj else ())
    response = client_for(None).get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_post_without_the_csrf_token_is_refused(world, actors, client_for):
    client = client_for(actors["bob"])
    response = client.post(reverse("ledgers:report_approve", args=world["own_report"]))
    assert response.status_code == 403
    assert ProgressReport.objects.get(pk=world["own_report"][0]).state == "submitted"
