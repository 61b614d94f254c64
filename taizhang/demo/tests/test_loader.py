"""The demo loader on the test database: counts, every workflow state, a mix of lights, idempotence."""

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.db import transaction

from taizhang.accounts.choices import Role
from taizhang.accounts.models import Unit, User
from taizhang.accounts.orgdata import all_units
from taizhang.audit.models import AuditEvent
from taizhang.dashboards.selectors import overview_of_plan
from taizhang.demo import enterprises2025, plan2025
from taizhang.demo.loader import DEMO_PASSWORD, load_demo
from taizhang.ledgers.models import ProgressReport
from taizhang.plans.models import Task

# The 8 百亿企业 at 2025-10 (glossary §4; demo/enterprises2025.py): the count the task takes, with nobody
# reporting it.
ARTICLE_START = "2025年是“十四五”规划的收官之年"
_HUNDRED_YI = [name for name, *_rest in enterprises2025.HUNDRED_YI]


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """Load once for the class (about 20 s) inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        summary = load_demo(stdout=out)
        yield summary, out.getvalue()
        transaction.set_rollback(True)


class TestTheLoadedDemo:
    @pytest.fixture
    def demo(self, loaded, db):
        return loaded

    def test_it_loads_units_accounts_tasks_and_reports(self, demo):
        summary, _ = demo
        assert summary["created"] is True
        assert Unit.objects.count() == len(all_units()) == summary["units"]
        assert Task.objects.filter(is_demo=True).count() == len(plan2025.TASKS) == summary["tasks"]
        assert ProgressReport.objects.filter(is_demo=True).count() == summary["reports"] > 0

    def test_every_lead_unit_and_yuci_have_a_reporter_and_a_reviewer(self, demo):
        lead_codes = {t["lead_unit"] for t in plan2025.TASKS} | {"140702"}
        for code in lead_codes:
            roles = set(User.objects.filter(unit__code=code).values_list("role", flat=True))
            assert {Role.REPORTER, Role.REVIEWER} <= roles, code
        assert User.objects.get(username="gxj_tb").display_name == "市工信局填报员"
        assert User.objects.get(username="yc_sh").role == Role.REVIEWER
        assert User.objects.get(username="ducha").role == Role.SUPERVISOR
        assert User.objects.get(username="lingdao").role == Role.LEADER
        admin = User.objects.get(username="admin")
        assert admin.role == Role.ADMIN and admin.is_staff and admin.is_superuser

    def test_the_printed_passwords_work(self, demo):
        _, output = demo
        assert "gxj_tb" in output and DEMO_PASSWORD in output
        assert authenticate(username="gxj_sh", password=DEMO_PASSWORD) is not None

    def test_reports_exist_in_every_state(self, demo):
        states = Counter(ProgressReport.objects.values_list("state", flat=True))
        assert set(states) == {"draft", "submitted", "approved", "returned"}
        returned = ProgressReport.objects.filter(state="returned").first()
        assert returned.return_reason.startswith("【演示数据】")
        assert all(r.progress.startswith("【演示数据】") for r in ProgressReport.objects.all()[:50])

    def test_october_has_a_mix_of_lights_and_some_missing_reports(self, demo):
        from conftest import TODAY

        summary, _ = demo
        from taizhang.plans.models import Plan

        ov = overview_of_plan(Plan.objects.get(pk=summary["plan_id"]), "2025-10", today=TODAY)
        assert ov.total.total == len(plan2025.TASKS)
        assert ov.total.green > 0 and ov.total.yellow > 0 and ov.total.red > 0
        assert ov.total.missing > 0
        assert ov.demo_data is True

    def test_the_hundred_yi_task_is_counted_from_the_enterprise_register_and_asks_no_one(self, demo):
        from conftest import TODAY
        from taizhang.enterprises.models import Enterprise
        from taizhang.ledgers.selectors import evaluate_tasks

        task = Task.objects.get(code="XM-07")
        (state,) = evaluate_tasks([task], "2025-10", today=TODAY)

        assert task.derived_count == "hundred_yi_enterprises" and not task.reports.exists()
        assert state.derived is not None and not state.missing
        assert state.actual == 8 == Enterprise.objects.filter(name__in=_HUNDRED_YI).count()

    def test_the_article_is_broken_down_and_every_task_is_tied_to_its_clause(self, demo):
        from taizhang.extraction.models import DraftItem, SourceDocument

        document = SourceDocument.objects.get()
        linked = DraftItem.objects.filter(document=document, task__isnull=False)
        assert document.plan_id == demo[0]["plan_id"] and document.text.startswith(ARTICLE_START)
        assert linked.count() == len(plan2025.TASKS)
        assert all(document.text[i.start : i.end] == i.span for i in linked)
        assert DraftItem.objects.filter(document=document, checkable=True, task__isnull=True).exists()

    def test_history_rows_name_the_unit_accounts(self, demo):
        report = ProgressReport.objects.filter(state="approved").select_related("task__lead_unit").first()
        users = {h.history_user for h in report.history.all()}
        assert None not in users
        assert {u.unit_id for u in users} == {report.task.lead_unit_id}
        assert {u.role for u in users} == {Role.REPORTER, Role.REVIEWER}
        assert report.created_by.role == Role.REPORTER and report.reviewed_by.role == Role.REVIEWER
        events = AuditEvent.objects.filter(object_id=report.pk, action__in=["create", "submit", "approve"])
        assert events.count() >= 3 and not events.filter(actor__isnull=True).exists()
        assert Task.objects.first().history.first().history_user.username == "ducha"

    def test_loading_twice_changes_nothing(self, demo):
        summary, _ = demo
        counts = (
            Unit.objects.count(),
            User.objects.count(),
            Task.objects.count(),
            ProgressReport.objects.count(),
            AuditEvent.objects.count(),
        )
        out = io.StringIO()
        again = load_demo(stdout=out)
        assert again["created"] is False and again["plan_id"] == summary["plan_id"]
        assert "already loaded" in out.getvalue() or "已" in out.getvalue()
        assert (
            Unit.objects.count(),
            User.objects.count(),
            Task.objects.count(),
            ProgressReport.objects.count(),
            AuditEvent.objects.count(),
        ) == counts


def test_it_keeps_units_and_accounts_that_already_exist(units, actors):
    load_demo(stdout=io.StringIO())
    assert Unit.objects.filter(code="gxj").count() == 1
    assert User.objects.get(username="alice").unit == units["gxj"]
