"""The permission matrix: every URL × every role → allowed, 403, or 404 for another unit's object.

Declared once (after NetBox's utilities/testing/views.py). A URL added to the product without a row
here fails `test_every_url_is_in_the_matrix`.

"own" objects belong to 市工信局 (alice reports there, bob reviews there); "other" objects belong to
市商务局. dave supervises, leo leads, adam administers.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import TODAY
from taizhang.ledgers import services, workflow

OK = "ok"  # 200, or a redirect after a POST: anything but 403/404
ROLES = ("alice", "bob", "dave", "leo", "adam")


def row(**outcomes):
    """Outcome per role; roles not named are OK."""
    return tuple(outcomes.get(r, OK) for r in ROLES)


EVERYONE = row()
NOT_FOR_OTHER_UNITS = row(alice=404, bob=404)
REPORTER_ONLY = row(bob=403, dave=403, leo=403, adam=403)
REPORTER_ONLY_OTHER = row(alice=404, bob=404, dave=403, leo=403, adam=403)
REVIEWER_ONLY = row(alice=403, dave=403, leo=403, adam=403)
MANAGERS_ONLY = row(alice=403, bob=403, leo=403)
MANAGERS_ONLY_OTHER = row(alice=404, bob=404, leo=403)

# name: (method, which object, outcome per role)
MATRIX = {
    "dashboards:home": [("get", None, EVERYONE)],
    "dashboards:overview": [("get", None, EVERYONE)],
    "dashboards:overview_data": [("get", None, EVERYONE)],
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
        ("post", "own_report", REPORTER_ONLY),
        ("post", "other_report", REPORTER_ONLY_OTHER),
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
        ("post", "own_evidence", REPORTER_ONLY),
        ("post", "other_evidence", REPORTER_ONLY_OTHER),
    ],
    "ledgers:review_queue": [("get", None, row(alice=403, dave=403, leo=403, adam=403))],
}
PUBLIC = {"login", "logout"}


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


@pytest.fixture
def world(actors, plan, task, other_task):
    """A submitted report with evidence in each unit."""

    def report(t, reporter):
        r = services.save_report(
            actor=reporter,
            task=t,
            period="2025-10",
            today=TODAY,
            data={"cumulative_value": "5", "progress": "进展"},
        )
        services.add_evidence(
            actor=reporter, report=r, uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF-1.4")
        )
        return workflow.submit(actor=reporter, report=r)

    own = report(task, actors["alice"])
    other = report(other_task, actors["carol"])
    from taizhang.plans.services import set_milestone

    own_milestone = set_milestone(actor=actors["dave"], task=task, month=6, expected_progress="50")
    other_milestone = set_milestone(actor=actors["dave"], task=other_task, month=6, expected_progress="50")
    return {
        "plan": (plan.pk,),
        "own_task": (task.pk,),
        "other_task": (other_task.pk,),
        "own_task_period": (task.pk, "2025-10"),
        "other_task_period": (other_task.pk, "2025-10"),
        "own_report": (own.pk,),
        "other_report": (other.pk,),
        "own_evidence": (own.evidence.get().pk,),
        "other_evidence": (other.evidence.get().pk,),
        "own_milestone": (own_milestone.pk,),
        "other_milestone": (other_milestone.pk,),
    }


CASES = [
    (name, method, obj, role, expected)
    for name, rows in MATRIX.items()
    for method, obj, outcomes in rows
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@pytest.mark.parametrize(
    ("name", "method", "obj", "role", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[2] or 'page'}-{c[3]}" for c in CASES],
)
def test_permission_matrix(world, actors, client_for, name, method, obj, role, expected):
    url = reverse(name, args=world[obj] if obj else ())
    client = client_for(actors[role])
    if method == "get":
        response = client.get(url)
    else:
        response = client.post_form(url, {"reason": "测试退回原因"})
    if expected == OK:
        assert response.status_code not in (403, 404), f"{role} should be allowed {method.upper()} {url}"
        assert response.status_code < 500
    else:
        assert response.status_code == expected, f"{role} {method.upper()} {url}"


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
    from taizhang.ledgers.models import ProgressReport

    assert ProgressReport.objects.get(pk=world["own_report"][0]).state == "submitted"
