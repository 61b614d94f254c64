"""The breakdown pages: who may read and write, paste → review → accept through the pages, the inline
actions over HTMX, the coverage page, and the review page's queries staying flat in the number of items."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.extraction.choices import ItemStatus
from taizhang.extraction.models import DraftItem, LeadKeyword, SourceDocument
from taizhang.extraction.tests.conftest import TEXT, item_with
from taizhang.plans.models import Task


def test_every_role_reads_the_list_the_review_page_and_the_coverage(actors, client_for, document):
    for role in ("alice", "bob", "dave", "leo", "adam"):
        client = client_for(actors[role])
        for url in (
            reverse("extraction:document_list"),
            document.get_absolute_url(),
            reverse("extraction:document_coverage", args=[document.pk]),
            reverse("extraction:lead_list"),
        ):
            assert client.get(url).status_code == 200, f"{role} {url}"


def test_a_leader_reads_but_may_not_write(actors, units, client_for, plan, document):
    client = client_for(actors["leo"])
    page = client.get(document.get_absolute_url()).content.decode()
    assert "加快推进数字经济发展" in page
    assert 'name="items"' not in page  # no selection, no accept
    item = item_with(document, "200个")
    for name, args, form in [
        ("extraction:document_create", [], {"title": "领导文件", "text": TEXT}),
        ("extraction:item_drop", [item.pk], {}),
        ("extraction:item_lead", [item.pk], {"lead_unit": units["gxj"].pk}),
        ("extraction:item_edit", [item.pk], {"title": "改"}),
        ("extraction:items_accept", [document.pk], {"items": [item.pk], "plan": plan.pk}),
        ("extraction:items_merge", [document.pk], {"items": [item.pk]}),
        ("extraction:link_tasks", [document.pk], {"plan": plan.pk}),
        ("extraction:lead_list", [], {"keyword": "旅游", "unit": units["gxj"].pk}),
    ]:
        assert client.post_form(reverse(name, args=args), form).status_code == 403, name
    item.refresh_from_db()
    assert (item.status, item.lead_unit, item.task) == (ItemStatus.PROPOSED, None, None)
    assert SourceDocument.objects.count() == 1 and not LeadKeyword.objects.exists()


def test_a_supervisor_pastes_reviews_and_accepts_through_the_pages(actors, units, client_for, plan):
    client = client_for(actors["dave"])
    create = reverse("extraction:document_create")
    assert f'href="{create}"' in client.get(reverse("extraction:document_list")).content.decode()
    leader_list = client_for(actors["leo"]).get(reverse("extraction:document_list")).content.decode()
    assert f'href="{create}"' not in leader_list
    response = client.post_form(
        reverse("extraction:document_create"),
        {"title": "部署文件", "year": "2025", "plan": plan.pk, "text": TEXT},
    )
    document = SourceDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()

    page = client.get(document.get_absolute_url()).content.decode()
    item = item_with(document, "200个")
    assert f'data-items="{item.pk}"' in page  # its span highlighted in the source
    assert f'id="item-{item.pk}"' in page  # and its card in the list

    client.post_form(reverse("extraction:item_lead", args=[item.pk]), {"lead_unit": units["gxj"].pk})
    response = client.post_form(
        reverse("extraction:items_accept", args=[document.pk]), {"items": [item.pk], "plan": plan.pk}
    )
    assert response.status_code == 302
    task = Task.objects.get(plan=plan)
    assert task.source_clause == item.span
    task_page = client.get(task.get_absolute_url()).content.decode()
    assert f'{document.get_absolute_url()}#item-{item.pk}"' in task_page  # the task links back to its clause
    listing = client.get(reverse("extraction:document_list")).content.decode()
    assert "部署文件" in listing


def test_accepting_an_item_without_a_lead_unit_names_it(actors, client_for, plan, document):
    item = item_with(document, "加快推进数字经济发展")
    response = client_for(actors["dave"]).post_form(
        reverse("extraction:items_accept", args=[document.pk]),
        {"items": [item.pk], "plan": plan.pk},
        follow=True,
    )
    assert "加快推进数字经济发展" in " ".join(str(m) for m in response.context["messages"])
    assert not Task.objects.exists()


def test_upload_problems_are_shown_beside_the_field(actors, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(actors["dave"]).post_form(
        reverse("extraction:document_create"),
        {"title": "扫描件", "year": "2025", "file": SimpleUploadedFile("扫描件.pdf", b"%PDF-1.4")},
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "扫描件.pdf" in form.errors["file"][0]
    assert not SourceDocument.objects.exists()


def test_empty_text_is_shown_beside_the_text_field(actors, client_for):
    response = client_for(actors["dave"]).post_form(
        reverse("extraction:document_create"), {"title": "空文件", "year": "2025", "text": ""}
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["text"]


def test_htmx_actions_answer_with_the_items_card(actors, client_for, document):
    client = client_for(actors["dave"])
    item = item_with(document, "加快推进数字经济发展")
    response = client.post_form(reverse("extraction:item_drop", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    card = response.content.decode()
    assert card.lstrip().startswith("<article") and f'id="item-{item.pk}"' in card
    assert DraftItem.objects.get(pk=item.pk).status == ItemStatus.DROPPED
    response = client.post_form(reverse("extraction:item_restore", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert DraftItem.objects.get(pk=item.pk).status == ItemStatus.PROPOSED


def test_an_inline_edit_with_a_bad_value_comes_back_with_the_error(actors, client_for, document):
    client = client_for(actors["dave"])
    item = item_with(document, "200个")
    form = client.get(reverse("extraction:item_edit", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert 'name="target_value"' in form.content.decode()
    response = client.post_form(
        reverse("extraction:item_edit", args=[item.pk]),
        {"title": "新开工项目", "target_kind": "count", "target_value": "许多"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only 2xx: the form shows its error in place
    assert "target_value" in response.context["form"].errors
    assert DraftItem.objects.get(pk=item.pk).target_value == 200


def test_the_filters_show_checkable_items_or_directives(actors, client_for, document):
    client = client_for(actors["leo"])
    checkable = client.get(
        document.get_absolute_url() + "?show=checkable", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="draft-list"
    )
    directives = client.get(document.get_absolute_url() + "?show=directives")
    directive = item_with(document, "加快推进数字经济发展")
    assert f'id="item-{directive.pk}"' not in checkable.content.decode()
    assert f'id="item-{directive.pk}"' in directives.content.decode()
    assert "<html" not in checkable.content.decode()  # the list alone for htmx


def test_the_coverage_page_marks_an_uncovered_checkable_clause(actors, client_for, document):
    page = client_for(actors["leo"]).get(reverse("extraction:document_coverage", args=[document.pk]))
    html = page.content.decode()
    assert page.context["totals"]["uncovered"] >= 1
    assert "coverage-clause uncovered" in html


def test_the_keyword_table_is_edited_on_its_page(actors, units, client_for):
    client = client_for(actors["dave"])
    client.post_form(reverse("extraction:lead_list"), {"keyword": "低空经济", "unit": units["swj"].pk})
    row = LeadKeyword.objects.get(keyword="低空经济")
    client.post_form(
        reverse("extraction:lead_edit", args=[row.pk]), {"keyword": "低空经济", "unit": units["gxj"].pk}
    )
    row.refresh_from_db()
    assert (row.unit, row.is_active) == (units["gxj"], False)  # the box unticked: disabled, kept
    assert row.history.count() == 2


def _review_queries(client, document) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(document.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_review_page_queries_stay_flat_in_the_number_of_items(actors, client_for, paste):
    client = client_for(actors["dave"])
    small = paste(title="一份")
    large = paste(title="五份", text=TEXT * 5)
    assert large.items.count() >= 4 * small.items.count()
    assert _review_queries(client, small) == _review_queries(client, large)


def test_the_coverage_page_queries_stay_flat_in_the_number_of_tasks(actors, units, client_for, paste, plan):
    from taizhang.extraction import services

    def accepted(title, text):
        document = paste(title=title, text=text)
        checkable = [i for i in document.items.all() if i.checkable]
        for item in checkable:
            services.update_item(actor=actors["dave"], item=item, data={"lead_unit": units["gxj"]})
        services.accept_items(actor=actors["dave"], plan=plan, items=[i.pk for i in checkable])
        return document

    small, large = accepted("一份", TEXT), accepted("五份", TEXT * 5)
    assert Task.objects.count() >= 5 * DraftItem.objects.filter(document=small, task__isnull=False).count()

    client = client_for(actors["dave"])

    def queries(document) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("extraction:document_coverage", args=[document.pk]))
        assert response.status_code == 200
        return len(captured)

    assert queries(small) == queries(large)


def test_pasted_line_breaks_are_kept_as_pasted_not_as_the_browser_sends_them(actors, client_for):
    client_for(actors["dave"]).post_form(
        reverse("extraction:document_create"),
        {"title": "换行", "year": "2025", "text": TEXT.replace("\n", "\r\n")},
    )
    assert SourceDocument.objects.get().text == TEXT
