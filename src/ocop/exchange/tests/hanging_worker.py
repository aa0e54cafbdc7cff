"""An `ocop worker` whose imports stop inside their write transaction, rows written but not committed, and wait
there to be killed: a worker killed mid-import, for test_worker_dies.py.

    python -m ocop.exchange.tests.hanging_worker MARKER_FILE [ocop worker options]

MARKER_FILE is written once the import hangs.
"""

import os
import sys
import time
from pathlib import Path
from typing import Any


def main() -> None:
    marker = Path(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    import django

    django.setup()
    from ocop.cli import main as ocop
    from ocop.exchange.kinds import KINDS

    kind = type(KINDS["producers"])
    write_many = kind.write_many

    def hang(self: Any, items: list) -> None:
        write_many(self, items)
        marker.write_text(str(os.getpid()))
        time.sleep(3600)

    kind.write_many = hang
    ocop(["ocop", "worker", *sys.argv[2:]])


if __name__ == "__main__":
    main()
