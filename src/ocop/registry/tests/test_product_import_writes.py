"""The product import's fast write path (COPY on PostgreSQL, the change log in one stream) writes exactly what
the model's own path writes: the same rows, field for field, and the same change-log entries, with who and
when. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop.core.models import ChangeLog
from ocop.exchange.engine import run_import
from ocop.exchange.kinds import KINDS, ImportKind
from ocop.exchange.validation import passes_field_checks
from ocop.portal.models import CatalogueEntry
from ocop.registry.exchange import ProductKind
from ocop.registry.models import Product

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in KINDS["products"].columns]
TIMES = {"created_at", "updated_at"}


def rows_of(producers: list[Any]) -> list[list[Any]]:
    """Rows that exercise every column: labels and codes, empty cells, separators, long and Vietnamese text."""
    rows = []
    for i in range(12):
        producer = producers[i % len(producers)]
        rows.append(
            [
                producer.tax_code,
                f"Mật ong hoa nhãn loại {i}" if i % 3 else f"Trà shan tuyết cổ thụ {'rất ' * 40}ngon {i}",
                1 + i % 25,
                ["Đang sản xuất", "active", "", "Ngừng sản xuất", "dang san xuat"][i % 5],
                "" if i % 4 == 0 else f"Mô tả\tcó tab, dấu \\ và\nxuống dòng {i}",
                "Câu chuyện làng nghề" if i % 2 else "",
                ["Hũ thủy tinh 500 ml", "", "Túi zip 250 g"][i % 3],
                "TCVN 12605:2019" if i % 2 else "",
                f"VN-OCOP-{i:07d}" if i % 3 else "",
                ["125.000", "", "1.250.000", "0", "99"][i % 5],
                ["hũ", "", "túi"][i % 3],
            ]
        )
    return rows


def csv_bytes(rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def written(product_ids: set[int] | None = None) -> dict[tuple, dict[str, Any]]:
    """Every product's columns (its id and times aside) and its change-log entries, by natural key."""
    product_type = ContentType.objects.get_for_model(Product)
    result = {}
    for product in Product.objects.select_related("producer"):
        row = {f.attname: getattr(product, f.attname) for f in Product._meta.concrete_fields}
        entries = ChangeLog.objects.filter(content_type=product_type, object_id=str(product.pk)).order_by("id")
        row["log"] = [
            {
                "action": e.action,
                "before": {k: v for k, v in e.before.items() if k != "id"},
                "after": {k: v for k, v in e.after.items() if k != "id"},
                "ids": (e.before.get("id"), e.after.get("id")),
                "who": (e.user_id, e.user_label, e.source),
                "where": (e.unit_path, e.producer_id),
                "object_repr": e.object_repr,
            }
            for e in entries
        ]
        result[(product.producer.tax_code, product.name, product.product_set_id)] = row
    return result


def import_twice(user: Any, producers: list[Any]) -> tuple[dict, datetime.datetime, datetime.datetime]:
    """Import the rows, then a corrected file (some rows changed, one new); what was written, and when."""
    rows = rows_of(producers)
    start = datetime.datetime.now(datetime.UTC)
    report = run_import("products", "sp.csv", csv_bytes(rows), user, dry_run=False)
    assert report.ok and report.created == len(rows), report.problems
    for row in rows[::3]:
        row[4], row[9], row[3] = "Mô tả mới", "150.000", "Ngừng sản xuất"
    rows.append([producers[0].tax_code, "Gạo ST25", 3, "", "", "", "", "", "", "", ""])
    report = run_import("products", "sp.csv", csv_bytes(rows), user, dry_run=False)
    assert report.ok and (report.created, report.updated) == (1, 4), report.problems
    return written(), start, datetime.datetime.now(datetime.UTC)


def test_the_fast_path_writes_what_save_writes_field_for_field(superuser, producer_a, producer_b, monkeypatch):
    fast, start, end = import_twice(superuser, [producer_a, producer_b])
    groups = set(ChangeLog.objects.filter(source="import").values_list("group_id", flat=True))
    Product.objects.all().delete()
    ChangeLog.objects.all().delete()

    with monkeypatch.context() as patch:
        patch.setattr(ProductKind, "write_many", ImportKind.write_many)  # the model's own save(), row by row
        slow, _start, _end = import_twice(superuser, [producer_a, producer_b])

    assert fast.keys() == slow.keys() and len(fast) == 13
    for key, row in fast.items():
        expected = slow[key]
        assert {k: v for k, v in row.items() if k not in {"id", "log", *TIMES}} == {
            k: v for k, v in expected.items() if k not in {"id", "log", *TIMES}
        }, key
        assert start <= row["created_at"] <= row["updated_at"] <= end
        assert [{**e, "ids": None} for e in row["log"]] == [{**e, "ids": None} for e in expected["log"]], key
        assert row["log"][0]["ids"] == (None, row["id"])  # the entry names the row COPY wrote
    assert Product.objects.filter(search_text="").count() == 0
    assert len(groups) == 2 and not CatalogueEntry.objects.exists()


def test_the_import_of_new_products_is_one_transaction(superuser, producer_a, producer_b, monkeypatch):
    """A row the database refuses at write time (here: another writer saved the same product after the check)
    leaves nothing of the file: no product, no change-log entry, and a report that nothing was written."""
    rows = rows_of([producer_a, producer_b])
    existing = ProductKind.existing

    def existing_then_lose_a_race(self: ProductKind, keys: list[tuple]) -> dict[tuple, Product]:
        found = existing(self, keys)
        Product.objects.create(producer=producer_b, name=rows[-1][1], product_set_id=rows[-1][2])
        return found

    monkeypatch.setattr(ProductKind, "existing", existing_then_lose_a_race)
    report = run_import("products", "sp.csv", csv_bytes(rows), superuser, dry_run=False)
    assert not report.ok and not report.written and report.created == 12
    assert Product.objects.count() == 1 and not ChangeLog.objects.filter(source="import").exists()


TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300)


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    name=TEXT,
    status=st.sampled_from(["active", "draft", "discontinued", "", "nope", "ACTIVE"]),
    packaging=TEXT,
    code=st.text(max_size=120),
    price=st.one_of(
        st.none(), st.decimals(allow_nan=False, allow_infinity=False, places=0, min_value=-10, max_value=10**15)
    ),
    unit=st.text(max_size=60),
)
def test_the_quick_field_checks_agree_with_full_clean(product_a, name, status, packaging, code, price, unit):
    product = Product(producer=product_a.producer, product_set_id=7, name=name, status=status)
    product.packaging, product.traceability_code, product.price, product.price_unit = packaging, code, price, unit
    exclude = ("producer", "product_set")
    try:
        product.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        valid = True
    except ValidationError:
        valid = False
    assert passes_field_checks(product, exclude) == valid
    assert product.price is None or isinstance(product.price, Decimal)
