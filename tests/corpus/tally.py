"""Counts for the closing note: inputs tried per surface, written to test-artifacts/bad-input-corpus.txt (one line
per surface and target; each test module rewrites its own lines, so runs on several workers add up)."""

import fcntl
from collections import Counter
from pathlib import Path

REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "bad-input-corpus.txt"
_counts: Counter[tuple[str, str]] = Counter()


def add(surface: str, target: str, inputs: int) -> None:
    _counts[(surface, target)] += inputs


def write(surfaces: set[str]) -> None:
    """Replace the lines of `surfaces` in the report with this run's counts (and their totals)."""
    REPORT.parent.mkdir(exist_ok=True)
    with open(REPORT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        kept = [
            line
            for line in (REPORT.read_text().splitlines() if REPORT.exists() else [])
            if line.split("\t", 1)[0] not in surfaces and not line.startswith("#")
        ]
        mine = [f"{s}\t{t}\t{n}" for (s, t), n in sorted(_counts.items()) if s in surfaces]
        lines = sorted(kept + mine)
        totals: Counter[str] = Counter()
        targets: Counter[str] = Counter()
        for line in lines:
            surface, _target, n = line.split("\t")
            totals[surface] += int(n)
            targets[surface] += 1
        head = [
            "# bad-input corpus (tests/corpus): surface, target, inputs tried; a 500 or a partial write fails the run"
        ]
        head += [f"# {s}: {targets[s]} targets, {totals[s]} inputs" for s in sorted(totals)]
        head += [f"# 500s: {totals['500s']}; partial writes: {totals['partial-writes']}"]
        REPORT.write_text("\n".join(head + lines) + "\n")
