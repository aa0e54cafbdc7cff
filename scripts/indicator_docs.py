"""Write docs/indicators/NN-code.md, one page per indicator, from the definitions in code (run after a change):

.venv/bin/python scripts/indicator_docs.py
"""

import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
django.setup()

from django.utils import translation  # noqa: E402

from ocop.programme.indicators.definitions import INDICATORS, OCOP_AT_D, OCOP_PRODUCER  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "docs" / "indicators"
KINDS = {
    "count": 'a count (0 where there is nothing to count, never "no data")',
    "ratio": 'a share: numerator / denominator × 100 ("no data" where the denominator is empty, never 0%)',
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with translation.override("en"):
        for i in INDICATORS:
            lines = [
                f"# {i.number}. {i.name} (`{i.code}`)", "",
                f"- **Kind**: {KINDS[i.kind]}",
                f"- **Numerator**: {i.numerator}",
                *([f"- **Denominator**: {i.denominator}"] if i.denominator else []),
                *([f"- **Rules**: {i.rules}"] if i.rules else []),
                f"- **Legal basis**: {i.legal_basis}", "",
                f"Terms: {OCOP_AT_D} {OCOP_PRODUCER}", "",
                "Computed by `ocop.programme.indicators.compute` for any unit of the plan's map (sums of the",
                "communes' numerators and denominators, never averages) and any date from the plan's start to today.",
                f"API: `GET /api/v1/plans/<slug>/indicators?unit=<code>&date=<YYYY-MM-DD>` → the entry `{i.code}`.", "",
            ]  # fmt: skip
            (OUT / f"{i.number:02d}-{i.code}.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
