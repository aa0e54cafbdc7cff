"""Fill untranslated or fuzzy entries of a .po catalogue from a JSON map {msgid: msgstr}.

    python scripts/po_fill.py src/ocop/locale/vi/LC_MESSAGES/django.po translations.json

Run `msgcat --no-wrap` first is not needed: entries are matched on their unwrapped msgid. Only entries
without plural forms are handled; recompile with `make messages` afterwards.
"""

import json
import re
import sys
from pathlib import Path

ENTRY = re.compile(r"(?P<flags>(?:#.*\n)*)msgid (?P<id>(?:\".*\"\n)+)msgstr (?P<str>(?:\".*\"\n)+)")


def unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def fill(po_path: Path, translations: dict[str, str]) -> int:
    text = po_path.read_text(encoding="utf-8")
    filled = 0

    def replace(match: re.Match) -> str:
        nonlocal filled
        msgid = unquote(match["id"])
        flags = "".join(
            line + "\n"
            for line in match["flags"].splitlines()
            if "fuzzy" not in line and not line.startswith("#|")
        )
        if msgid and msgid in translations and ("fuzzy" in match["flags"] or not unquote(match["str"])):
            filled += 1
            msgstr = json.dumps(translations[msgid], ensure_ascii=False)
            return f"{flags}msgid {match['id'].rstrip()}\nmsgstr {msgstr}\n"
        return match.group(0)

    po_path.write_text(ENTRY.sub(replace, text), encoding="utf-8")
    return filled


if __name__ == "__main__":
    count = fill(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    print(f"{count} entries filled")
