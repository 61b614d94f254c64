"""One real browser run (Playwright driving Debian's chromium, headless): a reporter submits, a reviewer
approves, and the city overview's light changes. Also checks that no page loads anything from another host.
"""

import os
import shutil
from pathlib import Path

import pytest

from conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(os.environ.get("TAIZHANG_SCREENSHOTS", "var/screenshots"))

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("TAIZHANG_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing; install Debian's chromium to run the browser test")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = (
        "true"  # Playwright's sync API runs an event loop in this thread
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def open_page(browser, live_server, foreign: list):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()

    def watch(request):
        if not request.url.startswith(live_server.url) and not request.url.startswith(("data:", "blob:")):
            foreign.append(request.url)

    page.on("request", watch)
    return page


def login(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def overview_counts(page, live_server, period):
    page.goto(f"{live_server.url}/overview/?period={period}")
    page.wait_for_selector("[data-kpi=green]")
    return {k: int(page.inner_text(f"[data-kpi={k}] b")) for k in ("green", "yellow", "red")}


def test_reporter_submits_reviewer_approves_and_the_overview_light_changes(
    browser, live_server, actors, task
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign: list[str] = []
    period = "2025-10"

    leader = open_page(browser, live_server, foreign)
    login(leader, live_server, "leo")
    before = overview_counts(leader, live_server, period)
    assert before["red"] == 1 and before["green"] == 0  # nothing reported at 10/12 of the year: red

    clerk = open_page(browser, live_server, foreign)
    login(clerk, live_server, "alice")
    clerk.goto(f"{live_server.url}/reports/task/{task.pk}/{period}/")
    clerk.fill("input[name=cumulative_value]", "abc")
    clerk.fill("textarea[name=progress]", "完成9户，余1户正在办理")
    with clerk.expect_navigation():
        clerk.click("button[name=action][value=submit]")
    assert "累计完成值" in clerk.content()  # the bad figure is refused with a message naming the field
    clerk.fill("input[name=cumulative_value]", "9")
    clerk.set_input_files(
        "input[type=file]",
        files=[{"name": "佐证.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 evidence"}],
    )
    clerk.screenshot(path=str(SHOTS / "report-form.png"), full_page=True)
    with clerk.expect_navigation():
        clerk.click("button[name=action][value=submit]")
    assert "待审核" in clerk.content()

    reviewer = open_page(browser, live_server, foreign)
    login(reviewer, live_server, "bob")
    reviewer.goto(f"{live_server.url}/reports/review/")
    reviewer.screenshot(path=str(SHOTS / "review-queue.png"), full_page=True)
    reviewer.click("button[name=approve]")
    reviewer.wait_for_selector("button[name=approve]", state="detached")  # HTMX swapped the row

    after = overview_counts(leader, live_server, period)
    leader.screenshot(path=str(SHOTS / "overview.png"), full_page=True)
    assert after["green"] == 1 and after["red"] == 0
    assert foreign == [], f"pages loaded from another host: {foreign}"
