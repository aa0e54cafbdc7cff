"""Personas shared by every test: the people the platform serves, each with their scope.

The administrative maps are loaded by migration, so every test database has both of them.
Bình Phước (old code 70) merged into Đồng Nai (code 75) on 1 July 2025.
"""

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings

from ocop.core.choices import RoleKind
from ocop.core.models import Role
from ocop.places.models import Unit
from ocop.registry.choices import Ethnicity, Gender, LegalForm, ProductStatus
from ocop.registry.models import Producer, Product
from ocop.registry.services import save_producer

PASSWORD = "test-pass-123"


def unit(map_: str, code: str) -> Unit:
    return Unit.objects.get(map=map_, code=code)


def make_producer(name: str, commune: Unit, tax_code: str, **fields: object) -> Producer:
    defaults = {
        "legal_form": LegalForm.COOPERATIVE,
        "representative_name": "Nguyễn Thị Hoa",
        "representative_gender": Gender.FEMALE,
        "representative_ethnicity": Ethnicity.KINH,
    }
    producer = Producer(name=name, commune=commune, tax_code=tax_code, **{**defaults, **fields})
    return save_producer(producer, datetime.date(2023, 1, 1))


def make_product(producer: Producer, name: str, product_set: int = 7, **fields: object) -> Product:
    return Product.objects.create(producer=producer, name=name, product_set_id=product_set, **fields)


def make_user(username: str, kind: str | None = None, **scope: object) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if kind:
        Role.objects.create(user=user, kind=kind, **scope)
    return user


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With pytest-xdist (`make test` runs `-n auto --dist loadgroup`), a test file runs on one worker, so its
    module fixtures are built once; the browser tests share one worker and so run one after the other."""
    for item in items:
        group = "browser" if item.get_closest_marker("browser") else item.nodeid.split("::")[0]
        item.add_marker(pytest.mark.xdist_group(group))


pytest_collection_modifyitems = pytest.hookimpl(tryfirst=True)(pytest_collection_modifyitems)


@pytest.fixture(autouse=True, scope="session")
def media_out_of_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploads and kept files (open data) go to a temporary folder, not var/media of the checkout."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> Iterator[None]:
    """Django's default hasher costs ~0.3 s a password by design; tests hash hundreds of them."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


# Reference tables the migrations filled that no test changes: a transactional test's flush leaves them (the maps
# alone take seconds to load again). Nothing kept may point at a flushed table (PostgreSQL truncates only tables
# no kept table references), so the criteria versions (which name who loaded them) are flushed and reloaded.
KEPT_BY_FLUSH = {"places_unit", "places_succession", "registry_productset", "evaluation_regime"}


@pytest.fixture(autouse=True, scope="session")
def flush_keeps_reference_tables() -> Iterator[None]:
    from django.core.management.commands import flush

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        tables = set(connection.introspection.django_table_names(only_existing=True, include_views=False))
        return connection.ops.sql_flush(
            style, sorted(tables - KEPT_BY_FLUSH), reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flush, "sql_flush", sql_flush)
        yield


def ensure_reference_data() -> None:
    """Fill the tables the migrations filled (the maps, product sets, regimes, criteria) when they are empty."""
    from ocop.evaluation import models as evaluation_models
    from ocop.evaluation.loader import load_criteria, read_criteria_file
    from ocop.evaluation.regimes import sync_regimes
    from ocop.places.models import Succession
    from ocop.places.sync import sync_units
    from ocop.registry.models import ProductSet
    from ocop.registry.product_sets import CRITERIA_FILE, sync_product_sets

    if not Unit.objects.exists():
        sync_units(Unit, Succession)
    if not ProductSet.objects.exists():
        sync_product_sets(ProductSet)
    if not evaluation_models.Regime.objects.exists():
        sync_regimes(evaluation_models.Regime)
    if not evaluation_models.CriteriaVersion.objects.exists():
        load_criteria(*read_criteria_file(CRITERIA_FILE), evaluation_models)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test (the browser tests) ends with a flush that empties the tables the migrations filled;
    put them back once its fixtures are torn down, so the tests after it on the same worker find the maps."""
    from pytest_django.plugin import blocking_manager_key

    result = yield
    if nextitem is None:  # the session is ending: its database is already gone
        return result
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "transactional_db" in names or "live_server" in names or (marker and marker.kwargs.get("transaction")):
        with item.config.stash[blocking_manager_key].unblock():
            ensure_reference_data()
    return result


@pytest.fixture(autouse=True, scope="session")
def own_cache_keys() -> Iterator[None]:
    """With REDIS_URL set, every test worker (pytest-xdist) and every test run shares one Redis: each keeps its keys
    under a prefix of its own, and clearing the cache (ForgivingRedisCache.clear) deletes only those."""
    import os

    from django.conf import settings

    if "LOCATION" not in settings.CACHES["default"]:  # local memory: each process has its own already
        yield
        return
    prefix = f"ocop-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
    with override_settings(CACHES={"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}):
        yield
        from django.core.cache import cache

        cache.clear()


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Each test starts with empty caches: cached portal pages and catalogue state belong to one test's data."""
    from django.core.cache import cache

    from ocop.portal.state import state

    cache.clear()
    state.forget()
    yield


@pytest.fixture(autouse=True)
def default_language() -> Iterator[None]:
    """Each test starts in the platform's language (Vietnamese): a page answered in English leaves English active
    in the thread (LocaleMiddleware does not switch back), which would leak into the next test's labels."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def commune_a(db) -> Unit:
    """Xã Tân Lập, huyện Đồng Phú (old map)."""
    return Unit.objects.get(map="legacy", parent__code="695", name="Xã Tân Lập")


@pytest.fixture
def commune_b(db) -> Unit:
    """Xã Minh Hưng, huyện Bù Đăng (old map)."""
    return Unit.objects.get(map="legacy", parent__code="696", name="Xã Minh Hưng")


@pytest.fixture
def producer_a(commune_a) -> Producer:
    return make_producer("HTX Điều Tân Lập", commune_a, "3801234567")


@pytest.fixture
def producer_b(commune_b) -> Producer:
    return make_producer("Công ty TNHH Tiêu Minh Hưng", commune_b, "3807654321", legal_form=LegalForm.COMPANY_LLC)


@pytest.fixture
def product_a(producer_a) -> Product:
    return make_product(producer_a, "Hạt điều rang muối Tân Lập", status=ProductStatus.ACTIVE)


@pytest.fixture
def draft_b(producer_b) -> Product:
    return make_product(producer_b, "Tiêu đen Minh Hưng", product_set=10, status=ProductStatus.DRAFT)


def successor(commune: Unit) -> Unit:
    return commune.successions_out.order_by("successor__code").first().successor


@pytest.fixture
def province_officer(db) -> User:
    return make_user("tinh", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "75"))


@pytest.fixture
def officer_a(commune_a) -> User:
    """Commune officer of the new commune that old Tân Lập became."""
    return make_user("xa_a", RoleKind.COMMUNE_OFFICER, unit=successor(commune_a))


@pytest.fixture
def officer_b(commune_b) -> User:
    return make_user("xa_b", RoleKind.COMMUNE_OFFICER, unit=successor(commune_b))


@pytest.fixture
def producer_user(producer_a) -> User:
    return make_user("coso_a", RoleKind.PRODUCER, producer=producer_a)


@pytest.fixture
def viewer(db) -> User:
    return make_user("xem", RoleKind.VIEWER, unit=unit("2025", "75"))


@pytest.fixture
def outsider_officer(db) -> User:
    """Province office of Hà Nội: sees nothing of Đồng Nai."""
    return make_user("hanoi", RoleKind.PROVINCE_OFFICE, unit=unit("2025", "01"))


@pytest.fixture
def as_user(client):
    def login(user: User):
        client.force_login(user)
        return client

    return login


def make_certificate(product: Product, number: str, issued: str, stars: int = 4, **fields: object):
    """A certificate recorded through the service (verification code, 36-month validity, parsed code)."""
    import datetime as dt

    from ocop.certificates.models import Certificate
    from ocop.certificates.services import save_certificate
    from ocop.evaluation.models import Regime

    day = dt.date.fromisoformat(issued)
    regime = Regime.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    defaults = {
        "regime": regime,
        "deciding_level": "central" if stars == 5 else "province",
        "decision_number": f"QĐ {number}",
        "decision_date": day,
    }
    certificate = Certificate(product=product, number=number, stars=stars, issued_on=day, **{**defaults, **fields})
    return save_certificate(certificate)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright, one per test module (browser tests only)."""
    from playwright.sync_api import sync_playwright

    import browser_kit

    if not browser_kit.CHROMIUM.exists():
        pytest.fail(f"{browser_kit.CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    browser_kit.ARTIFACTS.mkdir(exist_ok=True)
    # Playwright's sync API runs an event loop in this thread, which trips Django's async-safety check.
    # Set only while the browser is open: a module-level setting would leak into other tests' subprocesses.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as pw:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = pw.chromium.launch(executable_path=str(browser_kit.CHROMIUM), headless=True, args=browser_kit.ARGS)
        yield browser
        browser.close()


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("quantri", password=PASSWORD)
