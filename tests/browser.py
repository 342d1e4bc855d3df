"""Real headless Chromium (Debian's package) driven by Playwright, with every non-file request blocked and recorded."""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@contextmanager
def chromium():
    exe = shutil.which("chromium")
    assert exe, "Debian's chromium is required (make browser)"
    with tempfile.TemporaryDirectory(prefix="cd-chromium-") as profile, sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=exe, headless=True, args=ARGS,
                                                   accept_downloads=True)
        try:
            yield ctx
        finally:
            ctx.close()


class Page:
    """One page opened from disk; remembers blocked requests, console errors and page errors."""

    def __init__(self, ctx, path: Path):
        self.page = ctx.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        t0 = time.perf_counter()
        self.page.goto(path.as_uri())
        self.charts_expected = self.page.locator("figure.cd-chart").count()
        if self.charts_expected:
            self.page.wait_for_function(
                "document.querySelectorAll('figure.cd-chart[data-rendered], figure.cd-chart[data-error]').length"
                " === document.querySelectorAll('figure.cd-chart').length", timeout=30000)
        self.load_seconds = time.perf_counter() - t0

    def charts(self) -> list[dict]:
        return self.page.eval_on_selector_all("figure.cd-chart", """els => els.map(e => ({
            rendered: e.getAttribute('data-rendered'), error: e.getAttribute('data-error'),
            marks: e.querySelectorAll('svg g.mark-symbol path, svg g.mark-line path, svg g.mark-rect path,'
                                      + ' svg g.mark-rule line, svg g.mark-text text').length}))""")


def download_from_menu(p: Page, fig, ext: str):
    """Save a chart the way a reader does: click its labelled image button for `ext`; the finished download."""
    with p.page.expect_download() as dl:
        fig.locator(f"button.cd-img[data-format='{ext}']").click()
    return dl.value
