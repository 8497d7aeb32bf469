"""The layout by activity holds: who may import whom, where SQL and texts live, sizes.

These checks read the source (ast), so a newcomer's shortcut fails here with the rule it
breaks, not later in review.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from handlers import ACTIVITIES, wiring_of

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("bot", "handlers", "broadcasts")
VOCABULARY = ("callbacks", "labels")
SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b", re.S)


def modules(*layers: str) -> list[Path]:
    return sorted(p for layer in layers for p in (ROOT / layer).rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Every module an import statement in the file names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def name_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_only_the_composition_root_of_bot_imports_handlers_or_broadcasts() -> None:
    for path in modules("bot"):
        if path == ROOT / "bot" / "app.py":
            continue
        upward = {n for n in imported(path) if n.split(".")[0] in ("handlers", "broadcasts")}
        assert not upward, f"{name_of(path)} imports {sorted(upward)}"


def test_activity_packages_import_nothing_when_imported() -> None:
    # broadcasts/<activity> uses its activity's callbacks and labels; importing those must
    # not pull in the steps (which import broadcasts in turn).
    for activity in ACTIVITIES:
        init = ROOT / "handlers" / activity / "__init__.py"
        assert not imported(init), f"{name_of(init)} must only hold its docstring"


def test_broadcasts_use_only_their_activitys_vocabulary_from_handlers() -> None:
    for path in modules("broadcasts"):
        parts = path.relative_to(ROOT / "broadcasts").parts
        activity = parts[0] if len(parts) > 1 else None
        # The package itself is allowed: `from handlers.<activity> import labels` names it too.
        allowed = {f"handlers.{activity}", *(f"handlers.{activity}.{m}" for m in VOCABULARY)}
        for name in imported(path):
            if name.startswith("handlers"):
                module = ".".join(name.split(".")[:3])
                assert module in allowed, f"{name_of(path)} imports {name}"


def test_sql_only_in_the_store() -> None:
    for path in modules("bot", "handlers", "broadcasts"):
        if (ROOT / "bot" / "store") in path.parents or "emulator" in path.parts:
            continue
        assert not SQL.search(path.read_text(encoding="utf-8")), f"SQL in {name_of(path)}"


def test_services_only_through_the_context() -> None:
    for path in modules("handlers", "broadcasts"):
        assert "bot_data" not in path.read_text(encoding="utf-8"), name_of(path)


def test_callback_data_only_from_codecs() -> None:
    for path in modules("handlers", "broadcasts"):
        source = path.read_text(encoding="utf-8")
        assert 'callback_data=f"' not in source, f"{name_of(path)} spells callback_data"
        assert "pattern=r" not in source, f"{name_of(path)} spells a callback pattern"


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_every_activity_has_the_same_shape(activity: str) -> None:
    package = ROOT / "handlers" / activity
    assert callable(wiring_of(activity).add_handlers)
    assert (package / "templates").is_dir()
    assert (package / "callbacks.py").is_file() or activity == "common"
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text()))
    assert docstring, f"handlers/{activity}/__init__.py says what the activity is"


@pytest.mark.parametrize("path", modules(*LAYERS, "tests"), ids=name_of)
def test_modules_and_functions_stay_readable(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= 300, f"{name_of(path)} has over 300 lines: split it"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 50, f"{name_of(path)}.{node.name} has {length} lines"
