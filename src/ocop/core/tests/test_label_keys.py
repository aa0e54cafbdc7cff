"""No Vietnamese label is a dict key in the code: records, choices and rules are keyed by their values (enums,
codes) and labels come from gettext. The one exception is the export getters handed to `kind_fields(…)`,
keyed by the import file's column headers — the office's file format, checked at start-up against the kind's
columns — until each record type's columns are written once (issue 16 §2)."""

import ast
from pathlib import Path

import ocop

SRC = Path(ocop.__file__).parent
FILE_FORMAT_CALLS = {"kind_fields"}


def vietnamese(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and not node.value.isascii()


def keyed_by_label(tree: ast.AST) -> list[tuple[int, str]]:
    allowed = {
        id(arg)
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", "")) in FILE_FORMAT_CALLS
        for arg in call.args
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and id(node) not in allowed:
            found += [(key.lineno, key.value) for key in node.keys if vietnamese(key)]
        if isinstance(node, ast.Subscript) and vietnamese(node.slice):
            found.append((node.lineno, node.slice.value))
    return found


def test_no_vietnamese_label_is_a_dict_key():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for line, key in keyed_by_label(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(SRC)}:{line}: {key!r}")
    assert offenders == []


def test_the_check_finds_a_label_key():
    assert keyed_by_label(ast.parse('STAGES = {"Hồ sơ": 1}\nx = row["Tên sản phẩm"]')) == [
        (1, "Hồ sơ"),
        (2, "Tên sản phẩm"),
    ]
    assert keyed_by_label(ast.parse('kind_fields("producers", {"Tên chủ thể": name})')) == []
