"""The console command as an operator types it, on a fresh data directory (SQLite):
`taizhang demo --no-serve && taizhang status --period 2025-10 --json`, then the key-project commands on
the same data (one demo load for the whole check): export the dispatch sheet, import it back, refuse a
bad one."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def taizhang(*args, data_dir: Path) -> subprocess.CompletedProcess:
    script = shutil.which("taizhang", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "taizhang"]
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(data_dir), "TAIZHANG_DATABASE_URL": ""}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(
    os.environ.get("TAIZHANG_DATABASE_URL", "").startswith("postgres"),
    reason="the console run uses its own SQLite file; once per suite is enough",
)
def test_demo_then_status_prints_the_rollup(tmp_path):
    loaded = taizhang("demo", "--no-serve", data_dir=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "ducha" in loaded.stdout and "demo1234" in loaded.stdout
    assert (tmp_path / "taizhang.sqlite3").exists() and (tmp_path / "secret_key").exists()

    status = taizhang("status", "--period", "2025-10", "--json", data_dir=tmp_path)
    assert status.returncode == 0, status.stderr
    rollup = json.loads(status.stdout)
    assert rollup["period_label"] == "2025年1—10月" and rollup["demo_data"] is True
    total = rollup["total"]
    assert total["total"] >= 40 and min(total["green"], total["yellow"], total["red"]) > 0
    assert total["green"] + total["yellow"] + total["red"] == total["total"]
    assert len(rollup["by_area"]) == 6 and rollup["by_unit"] and rollup["missing"] > 0

    again = taizhang("demo", "--no-serve", data_dir=tmp_path)  # idempotent
    assert again.returncode == 0
    assert json.loads(taizhang("status", "--period", "2025-10", "--json", data_dir=tmp_path).stdout) == rollup

    bad = taizhang("status", "--period", "2025-13", data_dir=tmp_path)
    assert bad.returncode == 2 and "报告期" in bad.stderr

    # Key projects on the same data: the dispatch sheet out and back in, as an operator types it.
    sheet = tmp_path / "调度表.xlsx"
    exported = taizhang("export", "projects", "--period", "2025-10", "-o", str(sheet), data_dir=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert sheet.exists() and "200" in exported.stdout

    dry = taizhang(
        "import", "projects", str(sheet), "--period", "2025-10", "--dry-run", "--json", data_dir=tmp_path
    )
    assert dry.returncode == 0, dry.stderr
    result = json.loads(dry.stdout)
    assert {"rows", "created", "updated", "unchanged", "errors"} <= set(result)
    assert result["rows"] == 200 and result["created"] == 0 and result["errors"] == []
    assert dry.stderr == ""  # no progress bar off a terminal

    bad_period = taizhang("import", "projects", str(sheet), "--period", "2025-13", data_dir=tmp_path)
    assert bad_period.returncode == 2 and "报告期" in bad_period.stderr
    mars = tmp_path / "mars.xlsx"
    mars.write_bytes(_one_row_sheet("火星区"))
    refused = taizhang("import", "projects", str(mars), "--period", "2025-10", "--json", data_dir=tmp_path)
    assert refused.returncode == 1
    errors = json.loads(refused.stdout)["errors"]
    assert errors and "火星区" in errors[0]["value"] + errors[0]["message"]


def _one_row_sheet(county: str) -> bytes:
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["项目名称", "建设性质", "建设地点", "年度计划投资（万元）"])
    sheet.write_row(1, 0, ["命令行项目", "新开工", county, 1200])
    book.close()
    return buffer.getvalue()
