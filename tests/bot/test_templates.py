"""Every shipped message template compiles, uses only Telegram's HTML, and keeps its lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.texts import Texts, default_template_dirs

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "blockquote", "tg-spoiler", "span", "tg-emoji",
}  # fmt: skip
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)")
JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
# trim_blocks eats the newline after a block tag: text ending in an inline {% endif %} runs
# into the next text line unless the tag says `+%}` or a blank line follows.
INLINE_END = re.compile(r"^(?!\s*\{%).*\S.*\{%-?\s*end(if|for)\s*%\}\s*$")
BLOCK_ONLY = re.compile(r"^\s*\{%.*%\}\s*$")


def template_files() -> list[Path]:
    dirs = default_template_dirs()
    return sorted(p for roots in dirs.values() for root in roots for p in root.rglob("*.html.j2"))


def template_name(path: Path) -> str:
    for package, roots in default_template_dirs().items():
        for root in roots:
            if root in path.parents:
                return f"{package}/{path.relative_to(root).as_posix().removesuffix('.html.j2')}"
    raise AssertionError(f"{path} is in no templates folder")


TEMPLATES = template_files()


def test_templates_are_found() -> None:
    assert len(TEMPLATES) > 100


def test_every_template_name_is_defined_once() -> None:
    # Two folders share a prefix (handlers/akses and broadcasts/akses): neither may shadow.
    names = [template_name(path) for path in TEMPLATES]
    assert len(names) == len(set(names))


def test_templates_live_with_their_activity() -> None:
    root = Path(__file__).resolve().parents[2]
    for package, folders in default_template_dirs().items():
        for folder in folders:
            assert folder.name == "templates"
            assert folder.parent.name == package
            assert folder.relative_to(root).parts[0] in ("bot", "handlers", "broadcasts")


@pytest.mark.parametrize("path", TEMPLATES, ids=template_name)
def test_template_compiles(path: Path) -> None:
    Texts().environment.get_template(f"{template_name(path)}.html.j2")


@pytest.mark.parametrize("path", TEMPLATES, ids=template_name)
def test_only_telegram_tags(path: Path) -> None:
    markup = JINJA.sub("", path.read_text(encoding="utf-8"))
    tags = {name.lower() for _, name in TAG.findall(markup)}
    assert tags <= ALLOWED_TAGS, f"{path}: {tags - ALLOWED_TAGS}"


@pytest.mark.parametrize("path", TEMPLATES, ids=template_name)
def test_no_line_swallowed_by_trim_blocks(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not INLINE_END.match(line):
            continue
        if _glued(lines[number:]):
            pytest.fail(f"{path}:{number}: the line break after this line is lost")


def _glued(following: list[str]) -> bool:
    """Whether the next text line would be glued on (block-only lines vanish as well)."""
    for line in following:
        if not BLOCK_ONLY.match(line):
            return bool(line.strip())
        if re.search(r"\{%-?\s*(else|elif)\b", line):
            return False  # the next text belongs to another branch
    return False
