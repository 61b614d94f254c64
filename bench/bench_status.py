"""Benchmark: the period status of a whole ledger (what 全市总览 and `taizhang status` compute).

Compares taizhang's batched selector (`ledgers.selectors.evaluate_tasks`: three queries whatever the
number of tasks) with the naive baseline a first version would write (two queries per task: latest
approved report, this period's report), in the same process, on the same database.
Prints tasks/s for both and the ratio. Run: `make bench` (or `.venv/bin/python bench/bench_status.py 3000`).
"""

import os
import sys
import tempfile
import time
from datetime import date

os.environ.setdefault("TAIZHANG_DATA_DIR", tempfile.mkdtemp(prefix="taizhang-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taizhang.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from taizhang.accounts.models import Unit, User  # noqa: E402
from taizhang.core import schedule  # noqa: E402
from taizhang.core.thresholds import current_thresholds  # noqa: E402
from taizhang.ledgers.models import ProgressReport  # noqa: E402
from taizhang.ledgers.selectors import evaluate_task, evaluate_tasks, tasks_for_status  # noqa: E402
from taizhang.plans.models import Area, Plan, Task  # noqa: E402


def build(n_tasks: int) -> None:
    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(code="b", name="基准单位", short_name="基准", kind="department")
    user = User.objects.create(username="bench", unit=unit, role="reporter")
    plan = Plan.objects.create(year=2025, title="基准")
    area = Area.objects.create(plan=plan, code="A", name="A")
    tasks = Task.objects.bulk_create(
        Task(
            plan=plan,
            area=area,
            code=f"T{i:05d}",
            title=f"任务{i}",
            target_kind="count",
            target_value=100,
            deadline=date(2025, 12, 31),
            lead_unit=unit,
        )
        for i in range(n_tasks)
    )
    ProgressReport.objects.bulk_create(
        ProgressReport(
            task=t,
            period=f"2025-{m:02d}",
            unit=unit,
            created_by=user,
            state="approved",
            cumulative_value=(i % 13) * m,
        )
        for i, t in enumerate(tasks)
        for m in range(1, 11)
    )


def naive(tasks, period: str):
    year, month = schedule.parse_period(period)
    thresholds = current_thresholds()
    out = []
    for task in tasks:
        report = (
            ProgressReport.objects.filter(task=task, state="approved", period__lte=period)
            .order_by("-period")
            .first()
        )
        ProgressReport.objects.filter(task=task, period=period).first()
        out.append(evaluate_task(task, report.cumulative_value if report else None, year, month, thresholds))
    return out


def best_of(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    build(n)
    tasks = list(tasks_for_status(Task.objects.all()))
    today = date(2025, 11, 20)
    ours = best_of(lambda: evaluate_tasks(tasks, "2025-10", today=today))
    base = best_of(lambda: naive(tasks, "2025-10"))
    same = [s.evaluation for s in evaluate_tasks(tasks, "2025-10", today=today)] == naive(tasks, "2025-10")
    print(f"tasks: {n}, reports: {n * 10}")
    print(f"taizhang evaluate_tasks: {ours * 1000:8.1f} ms  ({n / ours:,.0f} tasks/s)")
    print(f"naive per-task queries:  {base * 1000:8.1f} ms  ({n / base:,.0f} tasks/s)")
    print(f"ratio (naive / taizhang): {base / ours:.1f}x   same results: {same}")


if __name__ == "__main__":
    main()
