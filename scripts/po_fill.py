"""Fill untranslated or fuzzy entries of a .po catalogue from a JSON map {msgid: msgstr}.

    python scripts/po_fill.py src/ocop/locale/vi/LC_MESSAGES/django.po translations.json
    msgfmt --check -o src/ocop/locale/vi/LC_MESSAGES/django.mo src/ocop/locale/vi/LC_MESSAGES/django.po

Entries are matched on their unwrapped msgid. Plural entries get the one Vietnamese form (msgstr[0]).
"""

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(
    r"(?P<flags>(?:#.*\n)*)msgid (?P<id>(?:\".*\"\n)+)"
    r"(?:msgid_plural (?P<plural>(?:\".*\"\n)+)msgstr\[0\] (?P<str0>(?:\".*\"\n)+)(?:msgstr\[\d\] (?:\".*\"\n)+)*"
    r"|msgstr (?P<str>(?:\".*\"\n)+))"
)


def unquote(block: str | None) -> str:
    return "".join(json.loads(line) for line in (block or "").strip().splitlines())


def fill(po_path: Path, translations: dict[str, str]) -> int:
    text = po_path.read_text(encoding="utf-8")
    filled = 0

    def replace(match: re.Match) -> str:
        nonlocal filled
        msgid = unquote(match["id"])
        current = unquote(match["str0"] if match["plural"] else match["str"])
        if not msgid or msgid not in translations or ("fuzzy" not in match["flags"] and current):
            return match.group(0)
        filled += 1
        kept = []
        for line in match["flags"].splitlines():
            if line.startswith("#,"):  # drop only the fuzzy flag: "#, fuzzy, python-format" → "#, python-format"
                flags = [f.strip() for f in line[2:].split(",") if f.strip() and f.strip() != "fuzzy"]
                line = "#, " + ", ".join(flags) if flags else ""
            if line and not line.startswith("#|"):
                kept.append(line)
        head = "".join(line + "\n" for line in kept) + f"msgid {match['id'].rstrip()}\n"
        value = json.dumps(translations[msgid], ensure_ascii=False)
        if match["plural"]:
            return head + f"msgid_plural {match['plural'].rstrip()}\nmsgstr[0] {value}\n"
        return head + f"msgstr {value}\n"

    po_path.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    return filled


if __name__ == "__main__":
    count = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    print(f"{count} entries filled")
