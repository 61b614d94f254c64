"""The indicator-figure import (主要经济指标) on real .xlsx files, and its command."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from conftest import PASSWORD, TODAY
from taizhang.accounts.choices import Role, UnitKind
from taizhang.accounts.models import Unit, User
from taizhang.indicators import services
from taizhang.indicators.imports import import_indicators
from taizhang.indicators.models import IndicatorValue
from taizhang.ledgers.choices import ReportState
from taizhang.projects.models import ImportBatch
from taizhang.projects.tests.fixtures.builders import write_xlsx

pytestmark = pytest.mark.django_db
PERIOD = "2025-10"
HEADER = ["序号", "指标", "地区", "单位", "累计值", "增速（%）"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def stats(units):
    """市统计局 with its reporter sam and reviewer sue."""
    unit = Unit.objects.create(
        code="tjj", name="晋中市统计局", short_name="市统计局", kind=UnitKind.DEPARTMENT, order=3
    )
    return {
        "unit": unit,
        "sam": User.objects.create_user("sam", password=PASSWORD, role=Role.REPORTER, unit=unit),
        "sue": User.objects.create_user("sue", password=PASSWORD, role=Role.REVIEWER, unit=unit),
    }


@pytest.fixture
def catalogue(actors, stats, units):
    def make(code, name, first_month=1, unit=None):
        return services.create_indicator(
            actor=actors["dave"],
            data={
                "code": code,
                "name": name,
                "unit": "亿元",
                "frequency": "monthly",
                "first_month": first_month,
                "responsible_unit": unit or stats["unit"],
            },
        )

    return {
        "industry": make("industry", "规模以上工业增加值"),
        "fai": make("fai", "固定资产投资（不含农户）", first_month=2),
        "retail": make("retail", "社会消费品零售总额", unit=units["swj"]),
    }


def sheet_rows() -> list[list]:
    return [
        ["2025年1—10月晋中市主要经济指标"],
        HEADER,
        [1, "规模以上工业增加值", "全市", "亿元", "—", 6.8],
        [2, "industry", "榆次", "亿元", "", "7.1%"],
        [3, "固定资产投资（不含农户）", "全市", "亿元", "512.3", -2.1],
        [4, "固定资产投资（不含农户）", "晋中开发区", "亿元", 88.05, 0.8],
    ]


def run(path, actor, **kwargs):
    kwargs.setdefault("period", PERIOD)
    return import_indicators(path, actor=actor, today=TODAY, **kwargs)


def test_the_city_office_records_approved_figures_for_the_city_and_the_counties(
    actors, units, catalogue, tmp_path
):
    result = run(write_xlsx(tmp_path / "指标.xlsx", sheet_rows()), actors["dave"])

    assert result.errors == [] and result.committed
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 4, 0, 0)
    values = {(v.indicator.code, v.subject): v for v in IndicatorValue.objects.all()}
    assert values[("industry", None)].growth == Decimal("6.8") and values[("industry", None)].amount is None
    assert values[("industry", units["yc"])].growth == Decimal("7.1")
    assert values[("fai", None)].amount == Decimal("512.3") and values[("fai", None)].growth == Decimal(
        "-2.1"
    )
    assert values[("fai", units["kfq"])].growth == Decimal("0.8")  # a bare 0.8 is 0.8%, not 80%
    assert {(v.state, v.reviewed_by) for v in values.values()} == {(ReportState.APPROVED, actors["dave"])}
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.period, batch.committed) == ("indicators", PERIOD, True)

    again = run(write_xlsx(tmp_path / "指标.xlsx", sheet_rows()), actors["dave"])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert IndicatorValue.history.count() == 4


def test_a_period_the_indicator_does_not_publish_is_refused_with_the_kernels_message(
    actors, catalogue, tmp_path
):
    result = run(write_xlsx(tmp_path / "jan.xlsx", sheet_rows()), actors["dave"], period="2025-01")

    assert not result.committed
    assert [(e["row"], e["column"]) for e in result.errors] == [(5, "指标"), (6, "指标")]
    assert "不发布" in result.errors[0]["message"]  # 固定资产投资 has no January figure
    assert IndicatorValue.objects.count() == 0 and ImportBatch.objects.get().committed is False


def test_unknown_indicator_and_area_are_refused_and_nothing_is_written(actors, catalogue, tmp_path):
    rows = [
        HEADER,
        [1, "规模以上工业增加值", "全市", "亿元", "", 6.8],
        [2, "数字经济核心产业增加值", "全市", "亿元", "", 9],
        [3, "规模以上工业增加值", "火星区", "亿元", "", 9],
        [4, "规模以上工业增加值", "全市", "亿元", "", 7],
    ]

    result = run(write_xlsx(tmp_path / "x.xlsx", rows), actors["dave"])

    assert [(e["row"], e["column"], e["value"]) for e in result.errors] == [
        (3, "指标", "数字经济核心产业增加值"),
        (4, "地区", "火星区"),
        (5, "指标", "规模以上工业增加值"),  # the same indicator and area twice
    ]
    assert IndicatorValue.objects.count() == 0


def test_the_statistics_bureaus_reporter_submits_and_may_import_only_its_own_indicators(
    actors, stats, catalogue, tmp_path
):
    result = run(write_xlsx(tmp_path / "tj.xlsx", sheet_rows()), stats["sam"])

    assert result.committed
    assert {(v.state, v.submitted_by) for v in IndicatorValue.objects.all()} == {
        (ReportState.SUBMITTED, stats["sam"])
    }
    assert ImportBatch.objects.get(committed=True).unit == stats["unit"]

    retail = run(
        write_xlsx(tmp_path / "r.xlsx", [HEADER, [1, "社会消费品零售总额", "全市", "亿元", 900, 3]]),
        stats["sam"],
    )
    assert not retail.committed and retail.errors[0]["column"] == "指标"
    assert not IndicatorValue.objects.filter(indicator=catalogue["retail"]).exists()


def test_an_approved_figure_is_an_error_for_the_reporter(actors, stats, catalogue, tmp_path):
    run(write_xlsx(tmp_path / "a.xlsx", sheet_rows()), actors["dave"])
    rows = sheet_rows()
    rows[2][5] = 7.0

    result = run(write_xlsx(tmp_path / "b.xlsx", rows), stats["sam"])

    assert not result.committed and result.errors[0]["row"] == 3
    assert IndicatorValue.objects.get(indicator=catalogue["industry"], subject=None).growth == Decimal("6.8")


def test_a_reviewer_may_not_import(stats, tmp_path):
    with pytest.raises(PermissionDenied):
        run(write_xlsx(tmp_path / "x.xlsx", [HEADER]), stats["sue"])


def command(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_the_command_exits_0_1_and_2_with_the_json_keys(catalogue, tmp_path):
    good = str(write_xlsx(tmp_path / "good.xlsx", sheet_rows()))
    code, out = command("indicators", good, "--period", PERIOD, "--json")
    data = json.loads(out)
    assert code == 0 and data["committed"] is True and data["created"] == 4
    assert {
        "rows",
        "created",
        "updated",
        "unchanged",
        "errors",
        "warnings",
        "skipped",
        "totals",
        "batch",
    } <= set(data)

    code, out = command("indicators", good, "--period", "2025-01", "--json")
    assert code == 1 and json.loads(out)["errors"][0]["column"] == "指标"

    code, out = command("indicators", good, "--period", "2025-01")  # the text report, same exit code
    assert code == 1 and "固定资产投资" in out

    from django.core.management import CommandError

    with pytest.raises(CommandError) as usage:
        command("indicators", good, "--period", "2099-01")
    assert usage.value.returncode == 2
    with pytest.raises(CommandError) as unknown:
        command("indicators", good, "--period", PERIOD, "--user", "nobody")
    assert unknown.value.returncode == 2


def test_a_sheet_without_figures_is_refused(actors, catalogue, tmp_path):
    result = run(
        write_xlsx(tmp_path / "x.xlsx", [["指标", "地区"], ["规模以上工业增加值", "全市"]]), actors["dave"]
    )

    assert not result.committed and result.errors[0]["column"] == "累计值"
