"""What browser tests share: Debian's Chromium through Playwright (never a downloaded browser), pages that
record failed responses, screenshots kept as artifacts, and the reference data transactional tests flush."""

from pathlib import Path

from playwright.sync_api import Browser, Page

from ocop.places.models import Succession, Unit
from ocop.places.sync import sync_units
from ocop.registry.models import ProductSet
from ocop.registry.product_sets import sync_product_sets

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
ARGS += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def ensure_reference_data() -> None:
    """Transactional tests flush the tables the migrations filled: the maps, product sets, regimes, criteria."""
    from ocop.evaluation import models as evaluation_models
    from ocop.evaluation.loader import load_criteria, read_criteria_file
    from ocop.evaluation.regimes import sync_regimes
    from ocop.registry.product_sets import CRITERIA_FILE

    if Unit.objects.count() == 0:
        sync_units(Unit, Succession)
    if ProductSet.objects.count() == 0:
        sync_product_sets(ProductSet)
    if evaluation_models.CriteriaVersion.objects.count() == 0:
        sync_regimes(evaluation_models.Regime)
        load_criteria(*read_criteria_file(CRITERIA_FILE), evaluation_models)


def open_page(browser: Browser, **options: object) -> tuple[Page, list[str]]:
    """A page that records every failed response (a missing stylesheet, a 500) for the test to check."""
    page = browser.new_page(locale="vi-VN", **options)
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return page, failures


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
