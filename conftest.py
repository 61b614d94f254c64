"""Shared test actors and objects (after Healthchecks' hc/test.py: alice, bob, charlie …).

- alice:   reporter (填报员) of 市工信局
- bob:     reviewer (审核员) of 市工信局
- carol:   reporter of 市商务局 (another unit)
- rita:    reviewer of 市商务局
- dave:    supervisor (督查), sees all units
- leo:     leader (领导), reads everything, changes nothing
- adam:    administrator
"""

from datetime import date

import pytest
from django.test import Client

from taizhang.accounts.choices import Role, UnitKind
from taizhang.accounts.models import Unit, User

PASSWORD = "password-for-tests"
TODAY = date(2025, 11, 20)  # tests pin "today": period 2025-10 is past its due day (11-05)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hasher():
    """The real hasher costs ~0.3 s a user; tests are about access, not hashing."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def units(db):
    def unit(code, name, short, kind, order):
        return Unit.objects.create(code=code, name=name, short_name=short, kind=kind, order=order)

    return {
        "gxj": unit("gxj", "晋中市工业和信息化局", "市工信局", UnitKind.DEPARTMENT, 1),
        "swj": unit("swj", "晋中市商务局", "市商务局", UnitKind.DEPARTMENT, 2),
        "dcs": unit("dcs", "晋中市委市政府督查室", "市督查室", UnitKind.OFFICE, 1),
        "yc": unit("140702", "榆次区", "榆次区", UnitKind.COUNTY, 1),
        "tg": unit("140703", "太谷区", "太谷区", UnitKind.COUNTY, 2),
        "kfq": unit("jzkfq", "晋中开发区", "晋中开发区", UnitKind.ZONE, 12),
    }


@pytest.fixture
def actors(units):
    def user(name, role, unit):
        return User.objects.create_user(name, password=PASSWORD, role=role, unit=unit, display_name=name)

    return {
        "alice": user("alice", Role.REPORTER, units["gxj"]),
        "bob": user("bob", Role.REVIEWER, units["gxj"]),
        "carol": user("carol", Role.REPORTER, units["swj"]),
        "rita": user("rita", Role.REVIEWER, units["swj"]),
        "dave": user("dave", Role.SUPERVISOR, units["dcs"]),
        "leo": user("leo", Role.LEADER, units["dcs"]),
        "adam": user("adam", Role.ADMIN, units["dcs"]),
        "yan": user("yan", Role.REPORTER, units["yc"]),  # 榆次区 reports its key projects
        "yao": user("yao", Role.REVIEWER, units["yc"]),
        "tim": user("tim", Role.REPORTER, units["tg"]),  # 太谷区
    }


@pytest.fixture
def plan(actors):
    from taizhang.plans import services

    return services.create_plan(
        actor=actors["dave"], year=2025, title="2025年重点任务台账", source_title="测试文件"
    )


@pytest.fixture
def area(plan, actors):
    from taizhang.plans import services

    return services.create_area(actor=actors["dave"], plan=plan, code="CY", name="产业向新", order=1)


@pytest.fixture
def make_task(plan, area, actors, units):
    from taizhang.plans import services

    def make(code="CY-01", lead="gxj", **overrides):
        data = {
            "code": code,
            "title": f"任务{code}",
            "content": "",
            "source_clause": "",
            "target_kind": "count",
            "target_value": "10",
            "target_unit": "户",
            "baseline": None,
            "deadline": date(2025, 12, 31),
            "lead_unit": units[lead],
            "responsible_leader": "",
            "category": "A",
            "frequency": "monthly",
            "area": area,
        } | overrides
        milestones = data.pop("milestones", ())
        return services.create_task(actor=actors["dave"], plan=plan, data=data, milestones=milestones)

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def other_task(make_task):
    return make_task(code="XM-01", lead="swj")


@pytest.fixture
def report_for(actors):
    """A report written through the services and taken to `state` through the workflow:
    report_for(task, "2025-10", 9, state="approved") — alice writes, bob reviews, unless told otherwise."""
    from taizhang.ledgers import services, workflow

    def make(task, period, value, *, state="draft", reporter="alice", reviewer="bob", progress="进展"):
        report = services.save_report(
            actor=actors[reporter],
            task=task,
            period=period,
            today=TODAY,
            data={"cumulative_value": str(value), "progress": progress},
        )
        if state in {"submitted", "approved"}:
            report = workflow.submit(actor=actors[reporter], report=report)
        if state == "approved":
            report = workflow.approve(actor=actors[reviewer], report=report)
        return report

    return make


@pytest.fixture
def make_project(actors, units):
    """A key project of the 2025 list made through the services (榆次区, 新开工, plan 1200万元 by default)."""
    from taizhang.projects import services

    counter = iter(range(1, 10_000))

    def make(**data):
        n = next(counter)
        values = {
            "code": f"YC-{n:03d}",
            "name": f"测试项目{n}",
            "nature": "new",
            "location": units["yc"],
            "annual_plan": "1200",
            "total_investment": "5000",
            "planned_start": date(2025, 3, 1),
        }
        values.update(data)
        return services.create_project(actor=actors["dave"], year=2025, data=values)

    return make


@pytest.fixture
def project_report_for(actors):
    """project_report_for(project, "2025-10", 800, state="approved"): yan writes, yao reviews by default."""
    from taizhang.ledgers import workflow
    from taizhang.projects import services

    def make(
        project, period, cumulative, *, state="draft", reporter="yan", reviewer="yao", progress="主体施工"
    ):
        report = services.save_project_report(
            actor=actors[reporter],
            project=project,
            period=period,
            today=TODAY,
            data={"cumulative_investment": str(cumulative), "image_progress": progress},
        )
        if state in {"submitted", "approved"}:
            report = workflow.submit(actor=actors[reporter], report=report)
        if state == "approved":
            report = workflow.approve(actor=actors[reviewer], report=report)
        return report

    return make


class CsrfClient(Client):
    """A test client that enforces CSRF like a browser session does, with a helper to log in."""

    def __init__(self, **kwargs):
        super().__init__(enforce_csrf_checks=True, **kwargs)

    def login_as(self, user) -> "CsrfClient":
        self.force_login(user)
        return self

    def csrf_token(self) -> str:
        if "csrftoken" not in self.cookies:
            self.get("/login/")
        return self.cookies["csrftoken"].value

    def post_form(self, path, data=None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrfmiddlewaretoken", self.csrf_token())
        return self.post(path, data, **kwargs)


@pytest.fixture
def client_for():
    def make(user=None) -> CsrfClient:
        client = CsrfClient()
        if user is not None:
            client.login_as(user)
        return client

    return make
