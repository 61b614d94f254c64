"""Benchmark: importing a big dispatch sheet (issue 3 §8), against two references measured in the same run.

Generates a ROWS-row 重点项目调度表 in our export's layout (title and subtitle rows, the header of
``projects.exports.sheet_columns``, realistic text, amounts, dates and lists over the 12 county-level units,
unique codes, a 合计 row) with xlsxwriter in constant_memory mode, sets up a fresh database (SQLite in a
temporary TAIZHANG_DATA_DIR, or PostgreSQL when TAIZHANG_DATABASE_URL is set) with the city's units, and
times, each the best of a few runs:

1. python-calamine's bare read of the file (the floor: no parsing, no database);
2. taizhang's ``projects.imports.import_projects`` end to end (read, parse, validate, write the projects,
   their period reports and their history); the project tables are emptied before each run so every run
   creates the same rows;
3. the baseline: ``pandas.read_excel(engine="openpyxl")`` + ``DataFrame.to_sql`` of the same file into the
   same database (a new table, replaced each run): no validation, no history.

Prints rows/s of each and the ratios baseline / ours (goal ≥ 5×) and ours / bare read (goal ≤ 2×).
Run: `make bench`, or `.venv/bin/python bench/bench_import.py 100000` (`--profile` prints cProfile's top
25 functions of one import). Needs the `bench` extra (pandas, openpyxl, SQLAlchemy): `pip install -e '.[bench]'`.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

OWN_DATA_DIR = not os.environ.get("TAIZHANG_DATA_DIR")  # a temporary one, removed at the end
os.environ.setdefault("TAIZHANG_DATA_DIR", tempfile.mkdtemp(prefix="taizhang-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")

import django  # noqa: E402

django.setup()

import xlsxwriter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection  # noqa: E402
from python_calamine import CalamineWorkbook  # noqa: E402

from taizhang.accounts.models import Unit  # noqa: E402
from taizhang.accounts.orgdata import COUNTIES, DEPARTMENTS, all_units  # noqa: E402
from taizhang.audit.models import AuditEvent  # noqa: E402
from taizhang.core import schedule  # noqa: E402
from taizhang.projects.exports import AMOUNT_FORMAT, DATE_FORMAT, PERCENT_FORMAT, sheet_columns  # noqa: E402
from taizhang.projects.imports import import_projects  # noqa: E402
from taizhang.projects.models import ImportBatch, Project, ProjectReport, ProjectTag  # noqa: E402

PERIOD = "2025-10"
YEAR, MONTH = schedule.parse_period(PERIOD)
BASELINE_TABLE = "bench_pandas_dispatch"

# --- the sheet ------------------------------------------------------------------------------------------

INDUSTRIES = [
    "光伏组件",
    "锂电材料",
    "信息存储",
    "医疗器械",
    "重卡整车",
    "低空经济",
    "现代农业",
    "文旅康养",
    "氢能装备",
    "数据中心",
]
WORKS = ["厂房建设", "设备购置安装", "道路管网", "仓储物流", "研发中心", "生产线技改"]
PROGRESS = ["土方开挖", "基础施工", "主体施工", "主体封顶", "设备安装", "试生产", "装饰装修", "竣工验收"]
PROBLEMS = ["", "", "", "用地手续办理滞后", "资金到位不足", "施工许可待办理"]
TAGS = ["省重点", "市重点", "两重", "两新", "专项债", '开发区"三个一批"', "转型项目"]
LEADERS = ["王某某", "李某某", "张某某", "刘某某", "陈某某", "杨某某"]
CLUSTERS = ["新能源", "信创", "生物医药", "现代煤化工", "特色农产品加工", ""]
LEVEL_WORDS = ["省重点", "市重点", "县重点"]
CATEGORY_WORDS = ["产业", "基础设施", "民生", "生态环保"]


def project_values(i: int, rng: random.Random) -> dict:
    """One realistic row, keyed by column key; consistent for the import's cross-field rules."""
    county = COUNTIES[i % len(COUNTIES)][2]
    industry = INDUSTRIES[i % len(INDUSTRIES)]
    nature = rng.choices(["新开工", "续建", "前期", "竣工投产"], weights=[40, 40, 10, 10])[0]
    total = round(rng.uniform(2_000, 500_000), 2)
    plan = round(total * rng.uniform(0.1, 0.5), 2)
    before = 0.0 if nature in ("新开工", "前期") else round(total * rng.uniform(0.1, 0.4), 2)
    cumulative = round(plan * rng.uniform(0.2, 1.1), 2)
    month = round(cumulative * rng.uniform(0.05, 0.15), 2)
    values = {
        "code": f"JZ2025-{i:06d}",
        "name": f"{county}{industry}{WORKS[i % len(WORKS)]}项目（{i}号）",
        "level": LEVEL_WORDS[i % 3],
        "category": CATEGORY_WORDS[i % 4],
        "nature": nature,
        "location": county,
        "owner": f"山西{industry}科技有限公司第{i % 997}分公司",
        "content": f"总建筑面积{rng.randint(1, 30)}万平方米，建设{WORKS[i % len(WORKS)]}及配套设施，"
        f"购置生产设备{rng.randint(10, 400)}台（套）",
        "year_range": f"{2024 if nature != '新开工' else 2025}-{rng.randint(2025, 2028)}",
        "total_investment": total,
        "invested_before": before,
        "annual_plan": plan,
        "month_investment": month,
        "cumulative_investment": cumulative,
        "completion_rate": round(cumulative / plan * 100, 1),
        "time_progress": 83.3,
        "gap": round(cumulative / plan * 100 - 83.3, 1),
        "image_progress": rng.choice(PROGRESS),
        "problems": rng.choice(PROBLEMS),
        "coordination": "协调办理施工许可" if i % 7 == 0 else "",
        "leader": LEADERS[i % len(LEADERS)],
        "responsible_unit": DEPARTMENTS[i % len(DEPARTMENTS)][2],
        "responsible_person": f"联络员{i % 89}",
        "cluster": CLUSTERS[i % len(CLUSTERS)],
        "tags": "、".join(sorted({TAGS[i % len(TAGS)], TAGS[(i // 3) % len(TAGS)]})),
        "signed": "是" if i % 5 == 0 else "否",
        "resumed": "否",
        "registered": "否",
        "procedures": "立项√用地√规划√环评√施工许可" + ("√" if i % 4 else "×"),
        "light": "绿灯",
        "updated": date(2025, 11, 5),
    }
    if nature == "新开工":
        planned = date(YEAR, rng.randint(1, 12), 1)
        values["planned_start"] = planned
        if planned.month <= MONTH and i % 6:
            started = planned + timedelta(days=rng.randint(0, 20))
            values["actual_start"] = started
            values["registered"] = "是"
            values["registered_on"] = min(started + timedelta(days=15), date(YEAR, MONTH, 28))
        values["planned_completion"] = date(YEAR + 2, rng.randint(1, 12), 1)
    elif nature == "续建":
        started = date(2024, rng.randint(3, 10), rng.randint(1, 28))
        values.update(
            actual_start=started, resumed="是", registered="是", registered_on=started + timedelta(days=20)
        )
        values["planned_completion"] = date(YEAR + 1, rng.randint(1, 12), 1)
    elif nature == "竣工投产":
        started = date(2023, rng.randint(3, 10), 1)
        done = date(YEAR, rng.randint(1, MONTH), 15)
        values.update(
            actual_start=started,
            registered="是",
            registered_on=started + timedelta(days=20),
            planned_completion=date(YEAR, done.month, 1),
            actual_completion=done,
            expected_output=round(plan * 2, 2),
            actual_output=round(plan * 1.5, 2),
        )
    else:  # 前期: no investment this year, no report yet
        values.update(
            annual_plan=None,
            month_investment=None,
            cumulative_investment=None,
            completion_rate=None,
            time_progress=None,
            gap=None,
            image_progress="",
            problems="",
            coordination="",
            invested_before=None,
            procedures="立项√用地×规划×环评×施工许可×",
        )
    return values


def write_sheet(path: Path, rows: int, seed: int = 2025) -> None:
    """The dispatch sheet: title, subtitle, header, ``rows`` projects, 合计 (constant memory)."""
    rng = random.Random(seed)
    columns = sheet_columns(PERIOD)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("调度表")
    font = {"font_name": "Microsoft YaHei", "font_size": 10}
    styles = {
        "amount": book.add_format(font | {"num_format": AMOUNT_FORMAT}),
        "percent": book.add_format(font | {"num_format": PERCENT_FORMAT}),
        "date": book.add_format(font | {"num_format": DATE_FORMAT}),
    }
    plain = book.add_format(font)
    sheet.write_string(0, 0, "2025年1—10月晋中市重点项目调度表（基准测试数据）", plain)
    sheet.write_string(1, 0, "单位：万元　　线性序时进度83.3%", plain)
    for col, column in enumerate(columns):
        sheet.write_string(2, col, column.label, plain)
    sums = {c.key: 0.0 for c in columns if c.kind == "amount"}
    for i in range(rows):
        values = project_values(i, rng)
        r = 3 + i
        for col, column in enumerate(columns):
            if column.kind == "index":
                sheet.write_number(r, col, i + 1, plain)
                continue
            value = values.get(column.key)
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, col, datetime(value.year, value.month, value.day), styles["date"])
            elif isinstance(value, float | int):
                sheet.write_number(r, col, value, styles.get(column.kind, plain))
                if column.key in sums:
                    sums[column.key] += value
            else:
                sheet.write_string(r, col, value, plain)
    total = 3 + rows
    for col, column in enumerate(columns):
        if column.key == "name":
            sheet.write_string(total, col, f"合计（{rows}个项目）", plain)
        elif column.key in sums:
            letter = xlsxwriter.utility.xl_col_to_name(col)
            sheet.write_formula(
                total, col, f"=SUM({letter}4:{letter}{total})", styles["amount"], sums[column.key]
            )
    book.close()


# --- the database ---------------------------------------------------------------------------------------


def set_up_database() -> None:
    call_command("migrate", verbosity=0)
    Unit.objects.bulk_create(
        [
            Unit(code=code, name=name, short_name=short, kind=kind, order=order)
            for code, name, short, kind, order in all_units()
        ],
        ignore_conflicts=True,
    )


def project_tables() -> list[str]:
    models = [ProjectReport, Project, ProjectTag, ImportBatch, AuditEvent]
    tables = [m._meta.db_table for m in models]
    tables += [m.history.model._meta.db_table for m in (Project, ProjectReport)]
    tables.append(Project.tags.through._meta.db_table)
    history_through = [
        m._meta.db_table
        for m in django.apps.apps.get_models()
        if m._meta.db_table.startswith(Project.history.model._meta.db_table)
        and m._meta.db_table not in tables
    ]
    return tables + history_through


def empty_project_tables() -> None:
    """A scratch database: empty what an import writes, so the next run creates the same rows."""
    statements = connection.ops.sql_flush(
        no_style(), project_tables(), reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


def baseline_connection():
    """What pandas.to_sql writes through: the same database Django uses."""
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        import sqlite3

        return sqlite3.connect(db["NAME"])
    from sqlalchemy import create_engine

    url = f"postgresql+psycopg://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return create_engine(url)


# --- timing ---------------------------------------------------------------------------------------------


def best_of(fn, repeat: int, before=None) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows_positional", nargs="?", type=int, metavar="ROWS")
    parser.add_argument("--rows", type=int, help="rows in the sheet (default 100000)")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 3; 1 from 50,000 rows)")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top 25 of one import")
    parser.add_argument("--skip-baseline", action="store_true", help="do not run the (slow) pandas baseline")
    args = parser.parse_args()
    rows = args.rows or args.rows_positional or 100_000
    repeat = args.repeat or (1 if rows >= 50_000 else 3)

    folder = Path(tempfile.mkdtemp(prefix="taizhang-bench-sheet-"))
    try:
        run(args, rows, repeat, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if OWN_DATA_DIR:
            connection.close()
            shutil.rmtree(settings.DATA_DIR, ignore_errors=True)


def run(args, rows: int, repeat: int, folder: Path) -> None:
    set_up_database()
    vendor = connection.vendor
    path = folder / f"调度表-{rows}.xlsx"
    start = time.perf_counter()
    write_sheet(path, rows)
    print(
        f"sheet: {rows:,} projects, {path.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - start:.1f} s"
    )
    print(f"database: {vendor}; runs per measurement: {repeat}")

    bare, cells = best_of(
        lambda: CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(), repeat
    )
    print(f"python-calamine bare read:  {bare:8.2f} s  ({rows / bare:>9,.0f} rows/s)")

    def ours_once():
        result = import_projects(str(path), period=PERIOD, actor=None)
        if not result.ok or result.created != rows:
            print(
                f"import did not create {rows} projects: created {result.created}, errors {len(result.errors)}"
            )
            for error in result.errors[:10]:
                print("  ", error)
            sys.exit(1)
        return result

    ours, result = best_of(ours_once, repeat, before=empty_project_tables)
    reports = ProjectReport.objects.count()
    print(
        f"taizhang import_projects:   {ours:8.2f} s  ({rows / ours:>9,.0f} rows/s)"
        f"  created {result.created:,} projects, {reports:,} reports, "
        f"{Project.history.count():,} history rows"
    )

    if args.skip_baseline:
        base = None
    else:
        import pandas

        target = baseline_connection()

        def baseline_once():
            frame = pandas.read_excel(path, engine="openpyxl", header=2)
            frame.to_sql(BASELINE_TABLE, target, if_exists="replace", index=False)
            return len(frame)

        base, written = best_of(baseline_once, repeat)
        print(
            f"pandas read_excel+to_sql:   {base:8.2f} s  ({rows / base:>9,.0f} rows/s)  {written:,} rows written"
        )

    print()
    print(
        f"ours / bare read:   {ours / bare:6.1f}x   (goal ≤ 2x: {'met' if ours / bare <= 2 else 'NOT met'})"
    )
    if base is not None:
        print(
            f"baseline / ours:    {base / ours:6.1f}x   (goal ≥ 5x: {'met' if base / ours >= 5 else 'NOT met'})"
        )

    if args.profile:
        import cProfile
        import pstats

        empty_project_tables()
        profiler = cProfile.Profile()
        profiler.runcall(import_projects, str(path), period=PERIOD, actor=None)
        for order in ("tottime", "cumulative"):
            print(f"\ncProfile of one import, top 25 by {order}:")
            pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(25)


if __name__ == "__main__":
    main()
