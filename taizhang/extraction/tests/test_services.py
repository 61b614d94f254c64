"""Reading a document into draft items, the reviewer's edits, and accepting items into a plan."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.audit.models import AuditEvent
from taizhang.extraction import selectors, services
from taizhang.extraction.choices import ItemStatus, Origin
from taizhang.extraction.models import DraftItem, LeadKeyword, SourceDocument
from taizhang.extraction.tests.conftest import TEXT, item_with
from taizhang.plans.models import Area, Task

# --- reading ------------------------------------------------------------------------------------------


def test_pasted_text_is_kept_exactly_and_its_commitments_become_draft_items(document):
    assert document.text == TEXT
    assert document.origin == Origin.PASTE
    items = list(document.items.all())
    assert items
    for item in items:
        assert TEXT[item.start : item.end] == item.span
    projects = item_with(document, "200个")
    assert projects.checkable
    assert (projects.target_kind, projects.target_value, projects.target_unit) == (
        "count",
        Decimal(200),
        "个",
    )
    assert not item_with(document, "加快推进数字经济发展").checkable
    assert not [i for i in items if "习近平" in i.span or "2024年" in i.span]
    assert {i.area_title for i in items} == {"产业向新"}
    assert DraftItem.history.filter(document_id=document.pk).count() == len(items)


def test_the_kernels_sections_and_clauses_are_kept_with_the_document(document):
    assert [s["title"] for s in document.sections] == ["产业向新"]
    assert any("加快推进数字经济发展" in TEXT[c["start"] : c["end"]] for c in document.clauses)


def test_a_named_document_with_a_deadline_is_checkable_with_its_date(document):
    item = item_with(document, "《晋中市低空经济发展实施方案》")
    assert item.checkable
    assert item.deadline_date == date(2025, 12, 31)
    assert item.target_kind == "milestone"


def test_empty_pasted_text_is_refused_naming_the_field(paste):
    with pytest.raises(ValidationError) as exc:
        paste(text="  \n ")
    assert "text" in exc.value.message_dict
    assert SourceDocument.objects.count() == 0


def test_a_title_is_required(paste):
    with pytest.raises(ValidationError) as exc:
        paste(title=" ")
    assert exc.value.message_dict["title"]


def _upload(actors, name, content, **kwargs):
    return services.create_document(
        actor=actors["dave"], title="上传文件", year=2025, upload=SimpleUploadedFile(name, content), **kwargs
    )


def test_an_uploaded_text_file_is_kept_with_its_checksum(actors):
    import hashlib

    content = TEXT.encode("utf-8")
    document = _upload(actors, "部署.txt", content)
    assert document.origin == Origin.UPLOAD
    assert document.text == TEXT
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.file.read() == content
    assert document.items.exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("部署.pdf", b"%PDF-1.4", "部署.pdf"),  # not .txt or .docx
        ("空白.txt", b"   \n", ""),  # no text
        ("坏的.docx", b"not a zip", ""),  # the reader's own message
    ],
)
def test_bad_uploads_are_refused_on_the_file_field(actors, name, content, words):
    with pytest.raises(ValidationError) as exc:
        _upload(actors, name, content)
    assert list(exc.value.message_dict) == ["file"]
    assert words in exc.value.message_dict["file"][0]
    assert SourceDocument.objects.count() == 0


def test_an_upload_larger_than_the_import_limit_is_refused(actors, settings):
    settings.TAIZHANG_IMPORT_MAX_MB = 0
    with pytest.raises(ValidationError) as exc:
        _upload(actors, "部署.txt", TEXT.encode())
    assert "MB" in exc.value.message_dict["file"][0]


def test_only_supervisors_and_administrators_read_documents_in(paste):
    for role in ("alice", "bob", "leo"):
        with pytest.raises(PermissionDenied):
            paste(actor=role)
    assert paste(actor="adam").items.exists()


def test_the_citys_keyword_table_replaces_the_default(actors, units, paste):
    LeadKeyword.objects.create(keyword="低空经济", unit=units["swj"])
    document = paste()
    assert item_with(document, "低空经济").lead_unit == units["swj"]


def test_with_an_empty_table_the_default_table_maps_to_units_by_name(actors, units, paste):
    document = paste(text="年内新增专精特新企业20户。\n")
    item = item_with(document, "专精特新")
    assert item.suggested_lead_unit == "市工信局"
    assert item.lead_unit == units["gxj"]


# --- target kinds ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "span", "kind", "value", "unit"),
    [
        ({"value": 6, "unit": "%", "text": "6%左右"}, "规上工业增加值增长6%左右", "growth_pp", 6, "%"),
        ({"value": 6, "unit": "%", "text": "增长6%"}, "增长6%", "growth_pp", 6, "%"),
        ({"value": 98, "unit": "%", "text": "98%"}, "煤炭先进产能占比98%", "percentage", 98, "%"),
        ({"value": 556, "unit": "亿元", "text": "556亿元"}, "总投资556亿元", "amount", 556, "亿元"),
        ({"value": 200, "unit": "个", "text": "200个以上"}, "新开工项目200个以上", "count", 200, "个"),
    ],
)
def test_the_first_target_decides_the_tasks_target_kind(target, span, kind, value, unit):
    assert services.target_fields([target], span) == (kind, Decimal(value), unit)


def test_an_item_without_a_number_is_a_milestone_task():
    assert services.target_fields([], "出台《方案》") == ("milestone", None, "")


# --- editing ------------------------------------------------------------------------------------------


def test_an_edit_is_saved_with_history(actors, units, document):
    item = item_with(document, "加快推进数字经济发展")
    services.update_item(
        actor=actors["dave"],
        item=item,
        data={
            "title": "数字经济核心产业增加值",
            "checkable": True,
            "target_kind": "amount",
            "target_value": "120",
            "target_unit": "亿元",
            "deadline_date": "2025-12-31",
            "lead_unit": units["gxj"],
        },
    )
    item.refresh_from_db()
    assert (item.title, item.checkable, item.target_value, item.lead_unit) == (
        "数字经济核心产业增加值",
        True,
        Decimal(120),
        units["gxj"],
    )
    assert item.history.first().history_user == actors["dave"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"target_kind": "count", "target_value": "许多"}, "target_value"),
        ({"target_kind": "count", "target_value": ""}, "target_value"),
        ({"target_kind": "speed"}, "target_kind"),
        ({"deadline_date": "2025-13-01"}, "deadline_date"),
        ({"deadline_date": "2024-12-31"}, "deadline_date"),
        ({"target_unit": "个" * 21}, "target_unit"),
    ],
)
def test_a_bad_edit_names_the_field_and_changes_nothing(actors, document, data, field):
    item = item_with(document, "200个")
    with pytest.raises(ValidationError) as exc:
        services.update_item(actor=actors["dave"], item=item, data=data)
    assert field in exc.value.message_dict
    assert DraftItem.objects.get(pk=item.pk).title == item.title


def test_a_leader_may_not_edit(actors, document):
    with pytest.raises(PermissionDenied):
        services.update_item(actor=actors["leo"], item=item_with(document, "200个"), data={"title": "改"})


def test_a_dropped_item_is_kept_and_can_be_restored(actors, document):
    item = item_with(document, "加快推进数字经济发展")
    services.drop_item(actor=actors["dave"], item=item)
    assert DraftItem.objects.get(pk=item.pk).status == ItemStatus.DROPPED
    services.restore_item(actor=actors["dave"], item=item)
    assert DraftItem.objects.get(pk=item.pk).status == ItemStatus.PROPOSED
    assert item.history.count() == 3


def test_merging_makes_one_item_whose_span_covers_them_all(actors, document):
    first, second = item_with(document, "200个"), item_with(document, "《晋中市低空经济发展实施方案》")
    merged = services.merge_items(actor=actors["dave"], document=document, items=[second.pk, first.pk])
    assert merged.pk == first.pk
    assert (merged.start, merged.end) == (first.start, second.end)
    assert merged.span == TEXT[first.start : second.end]
    assert merged.deadline_date == date(2025, 12, 31)  # taken from the second
    second.refresh_from_db()
    assert (second.status, second.merged_into_id) == (ItemStatus.MERGED, first.pk)


def test_merging_needs_two_items(actors, document):
    with pytest.raises(ValidationError) as exc:
        services.merge_items(actor=actors["dave"], document=document, items=[item_with(document, "200个")])
    assert "items" in exc.value.message_dict


# --- accepting --------------------------------------------------------------------------------------------


def test_accepted_items_become_tasks_that_keep_their_source_clause(actors, units, plan, document):
    item = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    [task] = services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    assert task.source_clause == item.span
    assert (task.target_kind, task.target_value, task.target_unit) == ("count", Decimal(200), "个")
    assert task.deadline == date(2025, 12, 31)
    assert task.lead_unit == units["gxj"]
    assert task.area.name == "产业向新" and task.area.plan == plan
    assert task.history.first().history_user == actors["dave"]
    assert AuditEvent.objects.filter(object_id=task.pk, action="create").exists()
    item.refresh_from_db()
    assert (item.task, item.status) == (task, ItemStatus.ACCEPTED)


def test_accepting_twice_creates_nothing_more(actors, units, plan, document):
    item = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    assert services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk]) == []
    assert Task.objects.filter(plan=plan).count() == 1


def test_an_existing_area_of_the_same_name_is_used(actors, units, plan, area, document):
    item = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    [task] = services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    assert task.area == area
    assert task.code == "CY-01"
    assert Area.objects.filter(plan=plan).count() == 1


def test_an_item_without_a_lead_unit_is_refused_by_name_and_nothing_is_created(actors, units, plan, document):
    with_unit = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=with_unit, data={"lead_unit": units["gxj"]})
    without = item_with(document, "加快推进数字经济发展")
    with pytest.raises(ValidationError) as exc:
        services.accept_items(actor=actors["dave"], plan=plan, items=[with_unit.pk, without.pk])
    assert "加快推进数字经济发展" in exc.value.message_dict["items"][0]
    assert Task.objects.count() == 0
    assert DraftItem.objects.get(pk=with_unit.pk).task is None


def test_a_dropped_item_cannot_be_accepted(actors, units, plan, document):
    item = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.drop_item(actor=actors["dave"], item=item)
    with pytest.raises(ValidationError):
        services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    assert Task.objects.count() == 0


# --- linking a plan's existing tasks -------------------------------------------------------------------


def test_existing_tasks_are_linked_by_their_verbatim_source_clause(actors, plan, make_task, document):
    typed = make_task(code="CY-07", source_clause="年底前出台《晋中市低空经济发展实施方案》")
    elsewhere = make_task(code="CY-08", source_clause="这一句不在文件里")
    linked = services.link_plan_tasks(actor=actors["dave"], document=document, plan=plan)
    assert linked == [typed]
    item = DraftItem.objects.get(task=typed)
    assert "《晋中市低空经济发展实施方案》" in item.span
    assert not DraftItem.objects.filter(task=elsewhere).exists()
    assert services.link_plan_tasks(actor=actors["dave"], document=document, plan=plan) == []


def test_a_second_task_from_the_same_clause_gets_an_item_of_its_own(actors, plan, make_task, document):
    clause = "全年新开工项目200个以上，力争规上工业增加值增长6%左右。"
    first = make_task(code="CY-07", source_clause=clause)
    second = make_task(code="CY-08", source_clause=clause)
    third = make_task(code="CY-09", source_clause=clause)
    services.link_plan_tasks(actor=actors["dave"], document=document, plan=plan)
    for task in (first, second, third):
        assert DraftItem.objects.filter(document=document, task=task).count() == 1


# --- coverage ----------------------------------------------------------------------------------------


def test_coverage_flags_a_checkable_clause_without_a_task_until_it_is_accepted(actors, units, plan, document):
    item = item_with(document, "200个")
    report = selectors.coverage(document, selectors.document_items(document))
    [row] = [r for r in report["rows"] if r.start <= item.start < r.end]
    assert item in row.uncovered
    assert report["totals"]["uncovered"] == report["totals"]["checkable"]

    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    report = selectors.coverage(document, selectors.document_items(document))
    [row] = [r for r in report["rows"] if r.start <= item.start < r.end]
    assert item.pk not in [i.pk for i in row.uncovered]
    item.refresh_from_db()
    assert row.tasks == [item.task]
    assert report["totals"]["covered"] == 1


def test_a_task_from_a_directive_is_flagged_as_not_measurable(actors, units, plan, document):
    item = item_with(document, "加快推进数字经济发展")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    [check] = selectors.coverage(document, selectors.document_items(document))["checks"]
    assert not check.measurable
    assert any("加快" in flag for flag in check.flags)
    assert len(check.flags) >= 2  # no number either


def test_a_task_with_a_number_from_a_checkable_clause_is_measurable(actors, units, plan, document):
    item = item_with(document, "200个")
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])
    [check] = selectors.coverage(document, selectors.document_items(document))["checks"]
    assert check.measurable


def test_a_task_to_issue_a_named_document_is_measurable_without_a_number_or_a_dated_source(
    actors, units, plan, paste
):
    document = paste(text="二、改革开放\n制定出台《晋中市数据要素市场化配置实施方案》。\n")
    item = item_with(document, "《晋中市数据要素市场化配置实施方案》")
    assert item.checkable  # a named document to issue: done or not done is checkable
    services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
    services.accept_items(actor=actors["dave"], plan=plan, items=[item.pk])

    [check] = selectors.coverage(document, selectors.document_items(document))["checks"]

    assert check.measurable
    assert len(check.flags) == 2  # still told: no number, and the source names no deadline
