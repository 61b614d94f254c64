"""The review page in a real browser (Playwright driving Debian's chromium, headless): dave pastes the 晋中
article, clicks a draft item and sees its span highlighted in the source, sets a lead unit inline (HTMX),
accepts the item into the plan, and the coverage page shows it covered. Nothing is loaded from another
host. Screenshots go to TAIZHANG_SCREENSHOTS (var/screenshots)."""

from pathlib import Path

import pytest

from taizhang.extraction.models import DraftItem, SourceDocument
from taizhang.plans.models import Task
from taizhang.tests.test_browser import SHOTS, browser, login, open_page  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTICLE = Path(__file__).resolve().parents[3] / "bench" / "extraction" / "docs" / "jinzhong-2025.txt"


def test_paste_review_highlight_set_lead_accept_and_see_coverage(browser, live_server, actors, units, plan):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign: list[str] = []
    page = open_page(browser, live_server, foreign)
    login(page, live_server, "dave")

    page.goto(f"{live_server.url}/breakdown/new/")
    page.fill("input[name=title]", "晋中市2025年经济工作部署")
    page.fill("textarea[name=text]", ARTICLE.read_text(encoding="utf-8"))
    page.click("button[type=submit].primary")
    page.wait_for_selector(".source-text mark")
    document = SourceDocument.objects.get()
    assert document.text == ARTICLE.read_text(encoding="utf-8")  # the textarea kept the text as it was
    page.screenshot(path=str(SHOTS / "breakdown-review.png"), full_page=False)

    item = document.items.filter(checkable=True, lead_unit__isnull=True).order_by("start").first()
    assert item is not None, "the article should have a checkable item without a suggested unit"
    card = page.locator(f"#item-{item.pk}")
    card.locator("blockquote").click()
    assert page.locator(f"mark.is-current[data-items~='{item.pk}']").count() >= 1

    card.locator("select[name=lead_unit]").select_option(str(units["gxj"].pk))
    page.wait_for_function(
        f"document.querySelector('#item-{item.pk} select[name=lead_unit]').value === '{units['gxj'].pk}'"
    )
    page.wait_for_timeout(300)
    assert DraftItem.objects.get(pk=item.pk).lead_unit_id == units["gxj"].pk

    page.locator(f"#item-{item.pk} input[name=items]").check()
    page.click("button[formaction$='/accept/']")
    page.wait_for_selector(".messages .msg-success")
    task = Task.objects.get(plan=plan)
    assert task.source_clause == item.span

    page.goto(f"{live_server.url}/breakdown/{document.pk}/coverage/")
    page.wait_for_selector(f"li.coverage-clause a[href='{task.get_absolute_url()}']")
    page.screenshot(path=str(SHOTS / "breakdown-coverage.png"), full_page=False)
    assert foreign == [], f"pages loaded from another host: {foreign}"
