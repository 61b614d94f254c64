"""`taizhang extract FILE [--json] [--year]` and the document reader behind it (issue 5 §3)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from taizhang.extraction.documents import read_document

REPORT = (
    "一、2024年工作回顾\n"
    "过去一年,城镇新增就业3.2万人。\n"
    "二、2025年重点工作\n"
    "（一）扩大有效需求\n"
    "上半年出台《提振消费专项行动实施方案》,全年举办促消费活动100场以上。\n"
    "持续放大《黑神话:悟空》效应。\n"
    "（二）建设美丽家园\n"
    "年内新建5G基站1500个;加快推进生态环境保护。\n"
)


def run(*args) -> str:
    out = io.StringIO()
    call_command("extract", *[str(a) for a in args], stdout=out)
    return out.getvalue()


@pytest.fixture
def report_txt(tmp_path) -> Path:
    path = tmp_path / "报告.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def test_json_is_exactly_the_items_with_offsets_into_the_file(report_txt):
    data = json.loads(run(report_txt, "--json"))
    assert list(data) == ["items"]
    text = report_txt.read_text(encoding="utf-8")
    spans = [item["span"] for item in data["items"]]
    assert spans == [
        "上半年出台《提振消费专项行动实施方案》",
        "全年举办促消费活动100场以上",
        "持续放大《黑神话:悟空》效应",
        "年内新建5G基站1500个",
        "加快推进生态环境保护",
    ]
    for item in data["items"]:
        assert text[item["start"] : item["end"]] == item["span"]
        assert set(item) == {
            "span", "start", "end", "checkable", "action", "object", "targets", "deadline", "deadline_date", "area",
            "lead_unit", "confidence",
        }  # fmt: skip
    first, activities, game, stations, directive = data["items"]
    assert (first["checkable"], first["deadline"], first["deadline_date"]) == (True, "上半年", "2025-06-30")
    assert activities["targets"] == [{"value": 100, "unit": "场", "modifier": "以上"}]
    assert game["checkable"] is False
    assert (stations["area"], stations["deadline_date"]) == ("建设美丽家园", "2025-12-31")
    assert (directive["checkable"], directive["lead_unit"]) == (False, "市生态环境局")


def test_json_is_utf8_not_escaped(report_txt):
    assert "上半年" in run(report_txt, "--json")


def test_year_moves_the_deadlines(tmp_path, report_txt):
    assert json.loads(run(report_txt, "--json"))["items"][0]["deadline_date"] == "2025-06-30"  # named most
    path = tmp_path / "plain.txt"
    path.write_text("上半年出台《提振消费专项行动实施方案》。", encoding="utf-8")
    assert json.loads(run(path, "--json", "--year", "2026"))["items"][0]["deadline_date"] == "2026-06-30"


def test_text_table_and_count(report_txt):
    text = run(report_txt)
    assert "扩大有效需求" in text and "年内新建5G基站1500个" in text and "1500个" in text
    assert "市生态环境局" in text
    assert "5" in text.strip().splitlines()[-1]  # the count line


def test_docx_paragraphs_are_lines(tmp_path):
    path = tmp_path / "plan.docx"
    document = docx.Document()
    for line in REPORT.splitlines():
        document.add_paragraph(line)
    document.save(path)
    assert read_document(path.read_bytes(), path.name) == REPORT.rstrip("\n")
    data = json.loads(run(path, "--json"))
    assert data["items"][0]["span"] == "上半年出台《提振消费专项行动实施方案》"


def test_gb18030_text_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    assert json.loads(run(path, "--json"))["items"][3]["span"] == "年内新建5G基站1500个"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF-1.4", "不支持的文件类型"),
        ("a.txt", b"\xff\xff\xfe", "无法识别文件"),
        ("a.docx", b"not a zip", "无法读取 Word 文件"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(tmp_path, name, data, message):
    with pytest.raises(ValueError, match=message):
        read_document(data, name)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError, match=message) as caught:
        run(path)
    assert caught.value.returncode == 2


def test_a_missing_file_exits_with_code_2(tmp_path):
    with pytest.raises(CommandError) as caught:
        run(tmp_path / "nowhere.txt")
    assert caught.value.returncode == 2
    assert "nowhere.txt" in str(caught.value)


def test_the_console_command_writes_errors_to_stderr_and_exits_2(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF")
    done = subprocess.run(
        [sys.executable, "-m", "taizhang.cli", "extract", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "不支持的文件类型" in done.stderr and done.stdout == ""
