"""`taizhang status`: the period's rollup as a table or JSON; a bad period exits with code 2."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from conftest import TODAY
from taizhang.ledgers import workflow
from taizhang.ledgers.services import save_report


@pytest.fixture
def ledger(make_task, actors):
    green = make_task("CY-01")
    r = save_report(
        actor=actors["alice"],
        task=green,
        period="2025-10",
        today=TODAY,
        data={"cumulative_value": "9", "progress": "推进中"},
    )
    workflow.approve(actor=actors["bob"], report=workflow.submit(actor=actors["alice"], report=r))
    make_task("XM-01", lead="swj")
    return green


def run(**options) -> str:
    out = io.StringIO()
    call_command("status", stdout=out, **options)
    return out.getvalue()


def test_json_output(ledger):
    data = json.loads(run(period="2025-10", json=True))
    assert data["period"] == "2025-10"
    assert data["period_label"] == "2025年1—10月"
    assert data["plan"]["id"] == ledger.plan_id
    assert {k: data["total"][k] for k in ("total", "green", "yellow", "red")} == {
        "total": 2,
        "green": 1,
        "yellow": 0,
        "red": 1,
    }
    assert data["missing"] == 1
    assert [u["name"] for u in data["by_unit"]] == ["市工信局", "市商务局"]
    assert data["by_area"][0]["name"] == "产业向新"
    assert data["demo_data"] is False


def test_text_output(ledger):
    text = run(period="2025-10")
    assert "2025年1—10月" in text
    assert "市工信局" in text and "产业向新" in text


def test_the_demo_plan_is_flagged(ledger):
    type(ledger).objects.filter(pk=ledger.pk).update(is_demo=True)
    assert json.loads(run(period="2025-10", json=True))["demo_data"] is True
    assert "演示数据" in run(period="2025-10")


def test_the_period_defaults_to_the_newest_reported(ledger):
    assert json.loads(run(json=True))["period"] == "2025-10"


@pytest.mark.parametrize("period", ["2025-13", "202510", "十月", "2024-10"])
def test_a_bad_period_is_an_error_with_code_2(ledger, period):
    with pytest.raises(CommandError) as error:
        run(period=period)
    assert error.value.returncode == 2
    assert str(error.value)


def test_an_unknown_plan_is_an_error(ledger):
    with pytest.raises(CommandError):
        run(period="2025-10", plan=999999)


def test_without_a_plan_it_says_so(db):
    with pytest.raises(CommandError) as error:
        run(period="2025-10")
    assert error.value.returncode == 2
