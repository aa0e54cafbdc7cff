"""What browser tests share: Debian's Chromium through Playwright (never a downloaded browser), pages that
record failed responses, screenshots kept as artifacts, and the reference data transactional tests flush
(restored after each one by the root conftest; tests that need it at set-up call `ensure_reference_data`)."""

from pathlib import Path

from playwright.sync_api import Browser, Page

from conftest import ensure_reference_data

__all__ = ["ARGS", "ARTIFACTS", "CHROMIUM", "ensure_reference_data", "open_page", "shot"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def open_page(browser: Browser, **options: object) -> tuple[Page, list[str]]:
    """A page that records every failed response (a missing stylesheet, a 500) for the test to check."""
    page = browser.new_page(locale="vi-VN", **options)
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page, failures


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
