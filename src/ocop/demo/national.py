"""`ocop demo --national`: the national data set (every province; the benchmark's generator,
bench/national_data.py, with realistic names) in an empty database, the shipped plans (the national programme
2021–2025 among them) and the accounts to look at it: `trunguong` (the national OCOP office), `tinh` (Đồng Nai's
office) and `admin`, with the demo password. `make run` stays on the Bình Phước demo."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from ocop.core.choices import RoleKind
from ocop.core.context import changes_by

GENERATOR = Path(__file__).resolve().parents[3] / "bench" / "national_data.py"  # in a checkout of the project
DEFAULT_SCALE = 0.25  # 5,000 producers, 10,000 products, 15,000 certificates: a few minutes on a laptop
NATIONAL_OFFICE = "trunguong"
PLAN = "quoc-gia-2021-2025"


def generator() -> ModuleType:
    """The benchmark's generator, read from the checkout (it is not part of the installed package)."""
    if not GENERATOR.exists():
        raise CommandError(f"`ocop demo --national` needs a checkout of the project: {GENERATOR} is missing.")
    spec = importlib.util.spec_from_file_location("national_data", GENERATOR)
    assert spec is not None and spec.loader is not None  # a .py file that exists
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("national_data", module)  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def national_loaded() -> bool:
    return get_user_model().objects.filter(username=NATIONAL_OFFICE).exists()


def load_national(scale: float = DEFAULT_SCALE, log: TextIO = sys.stderr) -> dict[str, int]:
    """Generate the data set (the database must hold no producer yet), then the plans and the accounts."""
    from ocop.registry.models import Producer

    if Producer.objects.exists():
        raise CommandError(
            "`ocop demo --national` needs an empty database (this one holds producers, e.g. the Bình Phước demo): "
            "point DATABASE_URL or OCOP_DATA_DIR at a new one and run `ocop migrate` first."
        )
    if not 0 < scale <= 1:
        raise CommandError("--scale is a fraction of the national benchmark's size, more than 0 and at most 1.")
    national_data = generator()
    with transaction.atomic():
        summary: Any = national_data.generate(national_data.Scale().scaled(scale), log=log, names="realistic")
        with changes_by("cli", label="ocop demo --national"):
            _plans()
            _accounts()
    from ocop.portal.catalogue import rebuild as rebuild_catalogue

    rebuild_catalogue()  # the portal's catalogue of the generated products (written without signals)
    return dict(summary.counts)


def _plans() -> None:
    from ocop.programme.loader import load_plan, shipped_plans

    for path in shipped_plans():
        load_plan(path)


def _accounts() -> None:
    from ocop.core.models import Role
    from ocop.places.models import Unit
    from ocop.registry.demo import DEMO_PASSWORD

    accounts: list[tuple[str, Role | None, dict[str, bool]]] = [
        ("admin", None, {"is_staff": True, "is_superuser": True}),
        (NATIONAL_OFFICE, Role(kind=RoleKind.NATIONAL_OFFICE, unit=Unit.objects.get(map="2025", code="VN")), {}),
        ("tinh", Role(kind=RoleKind.PROVINCE_OFFICE, unit=Unit.objects.get(map="2025", code="75")), {}),
    ]
    for username, role, flags in accounts:
        user, _created = get_user_model().objects.get_or_create(username=username, defaults=flags)
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role is not None:
            role.user = user
            role.full_clean()
            role.save()
