"""The enterprise-list import (企业名录 with the period's figures) on real .xlsx files, and its command."""

import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import Sum

from conftest import TODAY
from taizhang.audit.models import AuditEvent
from taizhang.enterprises.codes import simulated_uscc
from taizhang.enterprises.imports import import_enterprises
from taizhang.enterprises.models import Enterprise, EnterpriseFigure
from taizhang.ledgers.choices import ReportState
from taizhang.projects.models import ImportBatch
from taizhang.projects.tests.fixtures.builders import write_xlsx

pytestmark = pytest.mark.django_db
PERIOD = "2025-10"
HEADER = [
    "序号",
    "企业名称",
    "统一社会信用代码",
    "县区",
    "所属产业集群",
    "是否规上",
    "是否新质生产力企业",
    "专精特新",
    "是否链主",
    "1-10月营业收入",
    "1-10月产值",
]
CODES = [simulated_uscc(n) for n in (101, 102, 103, 104)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def clusters(make_cluster):
    return {name: make_cluster(name=name) for name in ("装备制造", "新材料")}


def messy_rows(code_b=None) -> list[list]:
    """Two title rows, a group title row, a 合计 row, amounts as "3.5亿元" / "12,000" / "—", a code in
    lower case with spaces, counties as "榆次" / "晋中市榆次区" / "开发区"."""
    return [
        ["2025年晋中市重点企业名录（1—10月）"],
        ["填报单位：市工信局", "", "", "", "", "", "", "", "", "", "单位：万元"],
        HEADER,
        ["一、榆次区"],
        [
            1,
            "晋中光存科技有限公司",
            CODES[0],
            "榆次",
            "装备制造、新材料",
            "是",
            "是",
            "国家级专精特新小巨人",
            "是",
            "3.5亿元",
            "12,000",
        ],
        [
            2,
            "晋中醇氢动力有限公司",
            code_b or " ".join(CODES[1].lower()),
            "晋中市榆次区",
            "新材料",
            "否",
            "",
            "省级",
            "否",
            5000,
            8000,
        ],
        ["二、晋中开发区"],
        [3, "晋中低空智造有限公司", CODES[2], "开发区", "", "√", "否", "—", "", 20000, "—"],
        ["合计", "", "", "", "", "", "", "", "", 60000, 20000],
    ]


def run(path, actor, **kwargs):
    kwargs.setdefault("period", PERIOD)
    return import_enterprises(path, actor=actor, today=TODAY, **kwargs)


def counts() -> tuple[int, ...]:
    return (
        Enterprise.objects.count(),
        Enterprise.history.count(),
        EnterpriseFigure.objects.count(),
        EnterpriseFigure.history.count(),
    )


def test_the_messy_list_imports_with_the_right_totals(actors, units, clusters, tmp_path):
    result = run(write_xlsx(tmp_path / "企业名录.xlsx", messy_rows()), actors["dave"])

    assert result.errors == [] and result.committed
    assert (result.rows, result.created, result.updated, result.unchanged) == (3, 3, 0, 0)
    assert {s["reason"] for s in result.skipped} >= {"分组标题行", "合计行"}
    figures = EnterpriseFigure.objects.filter(period=PERIOD)
    assert figures.aggregate(r=Sum("revenue"), o=Sum("output")) == {
        "r": Decimal("60000"),
        "o": Decimal("20000"),
    }
    assert result.totals["sums"] == {"revenue": "60000.00", "output": "20000.00"}
    assert result.totals["sheet"] == result.totals["sums"] and result.totals["sheet_row"] == 9
    # a 督查's import records the figures approved, reviewed by them
    assert {(f.state, f.reviewed_by) for f in figures} == {(ReportState.APPROVED, actors["dave"])}

    first = Enterprise.objects.get(uscc=CODES[0])
    assert first.location == units["yc"] and first.specialised == "national"
    assert (first.above_scale, first.new_quality, first.chain_leader) == (True, True, True)
    assert sorted(c.name for c in first.clusters.all()) == ["新材料", "装备制造"]
    second = Enterprise.objects.get(uscc=CODES[1])  # "9 1 1 4 …" in lower case: normalised by the kernel
    assert second.location == units["yc"] and second.specialised == "provincial" and not second.new_quality
    third = Enterprise.objects.get(uscc=CODES[2])
    assert third.location == units["kfq"] and third.above_scale and third.specialised == "none"
    assert third.figures.get().output is None

    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.period, batch.committed, batch.created) == ("enterprises", PERIOD, True, 3)
    assert batch.file.read().startswith(b"PK")  # the original .xlsx, kept as it came
    assert AuditEvent.objects.filter(action="import").count() == 1
    assert "企业名录.xlsx" in first.history.first().history_change_reason


def test_a_bad_credit_code_is_refused_with_row_column_and_the_kernels_message(actors, clusters, tmp_path):
    bad = CODES[1][:-1] + ("0" if CODES[1][-1] != "0" else "1")  # wrong 第18位 check character

    result = run(write_xlsx(tmp_path / "bad.xlsx", messy_rows(code_b=bad)), actors["dave"])

    assert not result.committed and len(result.errors) == 1
    error = result.errors[0]
    assert (error["row"], error["column"], error["value"]) == (6, "统一社会信用代码", bad)
    assert "统一社会信用代码" in error["message"] and "校验码" in error["message"]
    assert counts() == (0, 0, 0, 0)  # nothing written, not even the good rows
    batch = ImportBatch.objects.get()
    assert batch.committed is False and batch.errors == result.errors  # the refused file is kept


def test_the_same_list_again_changes_nothing(actors, clusters, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", messy_rows())
    run(path, actors["dave"])
    before = counts()

    again = run(path, actors["dave"])

    assert again.committed and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert counts() == before


def test_a_changed_figure_and_flag_update_the_enterprise_and_keep_history(actors, clusters, tmp_path):
    run(write_xlsx(tmp_path / "a.xlsx", messy_rows()), actors["dave"])
    rows = messy_rows()
    rows[7][5] = "否"  # 晋中低空智造 no longer 规上
    rows[7][9] = 21000
    rows[8][9] = 61000

    result = run(write_xlsx(tmp_path / "b.xlsx", rows), actors["dave"])

    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    third = Enterprise.objects.get(uscc=CODES[2])
    assert not third.above_scale and third.figures.get().revenue == Decimal("21000")
    assert third.history.count() == 2 and third.figures.get().history.count() == 2


def test_a_county_reporters_list_is_their_submission_and_stays_in_their_county(
    actors, units, clusters, tmp_path
):
    rows = [HEADER, [1, "榆次新企业", CODES[3], "", "", "是", "", "", "", 1200, 900]]

    result = run(write_xlsx(tmp_path / "yc.xlsx", rows), actors["yan"])

    assert result.committed
    enterprise = Enterprise.objects.get(uscc=CODES[3])
    assert enterprise.location == units["yc"]  # a blank 县区 is the reporter's own county
    figure = enterprise.figures.get()
    assert (figure.state, figure.submitted_by, figure.reviewed_by) == (
        ReportState.SUBMITTED,
        actors["yan"],
        None,
    )
    assert ImportBatch.objects.get().unit == units["yc"]

    other = run(
        write_xlsx(tmp_path / "tg.xlsx", [HEADER, [1, "太谷企业", CODES[0], "太谷区"]]), actors["yan"]
    )
    assert not other.committed and other.errors[0]["column"] == "县区"
    assert not Enterprise.objects.filter(uscc=CODES[0]).exists()


def test_an_approved_figure_is_an_error_for_the_county_reporter(actors, clusters, tmp_path):
    rows = [HEADER, [1, "榆次新企业", CODES[3], "榆次区", "", "是", "", "", "", 1200, 900]]
    run(write_xlsx(tmp_path / "city.xlsx", rows), actors["dave"])  # approved by the 督查
    rows[1][9] = 1300

    result = run(write_xlsx(tmp_path / "yc.xlsx", rows), actors["yan"])

    assert not result.committed and "1-10月营业收入" == result.errors[0]["column"]
    assert EnterpriseFigure.objects.get().revenue == Decimal("1200")


def test_unknown_cluster_and_county_name_their_cells(actors, clusters, tmp_path):
    rows = [HEADER, [1, "甲企业", CODES[0], "火星区", ""], [2, "乙企业", CODES[1], "榆次区", "量子产业"]]

    result = run(write_xlsx(tmp_path / "x.xlsx", rows), actors["dave"])

    assert [(e["row"], e["column"]) for e in result.errors] == [(2, "县区"), (3, "所属产业集群")]
    assert "量子产业" in result.errors[1]["message"] and Enterprise.objects.count() == 0


def test_a_leader_may_not_import(actors, tmp_path):
    with pytest.raises(PermissionDenied):
        run(write_xlsx(tmp_path / "x.xlsx", [HEADER]), actors["leo"])


def command(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=io.StringIO())
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_the_command_exits_0_1_and_2_with_the_json_keys(actors, clusters, tmp_path):
    good = str(write_xlsx(tmp_path / "good.xlsx", messy_rows()))
    code, out = command("enterprises", good, "--period", PERIOD, "--json", "--dry-run")
    data = json.loads(out)
    assert code == 0 and data["dry_run"] is True and Enterprise.objects.count() == 0
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

    code, out = command("enterprises", good, "--period", PERIOD, "--json", "--user", "dave")
    assert code == 0 and json.loads(out)["created"] == 3 and Enterprise.objects.count() == 3

    bad = str(write_xlsx(tmp_path / "bad.xlsx", [HEADER, [1, "坏代码企业", "91140700MA0X", "榆次区"]]))
    code, out = command("enterprises", bad, "--period", PERIOD, "--json")
    assert code == 1 and json.loads(out)["errors"][0]["column"] == "统一社会信用代码"

    from django.core.management import CommandError

    with pytest.raises(CommandError) as usage:
        command("enterprises", good, "--period", "2025-13")
    assert usage.value.returncode == 2


def test_a_header_naming_other_months_than_the_period_is_a_warning(actors, clusters, tmp_path):
    result = run(
        write_xlsx(tmp_path / "s.xlsx", messy_rows()), actors["dave"], dry_run=True, period="2025-09"
    )

    assert result.ok and result.dry_run and Enterprise.objects.count() == 0
    assert [(w["row"], w["column"]) for w in result.warnings] == [(3, "1-10月营业收入"), (3, "1-10月产值")]
