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


CJK_FAMILIES = {
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
}


def rendering_fonts(page, selector: str) -> set[str]:
    """The platform fonts chromium really drew the element's text with (not just what the CSS asks for)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"] for f in fonts}


def painted_pixels(page, selector: str) -> int:
    """How many pixels of the chart's canvas are not blank (ECharts draws on a <canvas>)."""
    return page.evaluate(
        """(selector) => {
          const canvas = document.querySelector(selector + " canvas");
          if (!canvas) return 0;
          const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
          return n;
        }""",
        selector,
    )


def test_the_project_list_and_a_project_page_render_in_chinese_with_the_curve(
    browser, live_server, actors, make_project, project_report_for
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    foreign: list[str] = []
    project = make_project(name="山西光存信息存储产业园", annual_plan="12000")
    for month, cumulative in ((7, 4000), (8, 5200), (9, 6100)):
        project_report_for(project, f"2025-{month:02d}", cumulative, state="approved")

    page = open_page(browser, live_server, foreign)
    login(page, live_server, "leo")
    page.goto(f"{live_server.url}/projects/?period=2025-09")
    page.wait_for_selector("table.projects")
    assert "山西光存信息存储产业园" in page.inner_text("table.projects")
    fonts = rendering_fonts(page, "td.project-name a")
    if not fonts & CJK_FAMILIES and not os.environ.get("TAIZHANG_REQUIRE_BROWSER"):
        pytest.skip(f"no CJK system font installed (drawn with {fonts}); apt-get install fonts-wqy-microhei")
    assert fonts & CJK_FAMILIES, f"Chinese drawn with {fonts}, not a CJK font named in taizhang.css"
    page.screenshot(path=str(SHOTS / "project-list.png"), full_page=True)

    page.click(f"a[href^='/projects/{project.pk}/']")
    page.wait_for_selector("#project-curve canvas")
    page.wait_for_function(
        "() => { const c = document.querySelector('#project-curve canvas'); return c && c.width > 0; }"
    )
    page.wait_for_timeout(300)  # ECharts' first frame
    assert painted_pixels(page, "#project-curve") > 1000
    assert rendering_fonts(page, "h1") & CJK_FAMILIES
    assert "线性序时" in page.inner_text("main")  # the page says which 序时 it compares with
    page.screenshot(path=str(SHOTS / "project-detail.png"), full_page=True)
    assert foreign == [], f"pages loaded from another host: {foreign}"
