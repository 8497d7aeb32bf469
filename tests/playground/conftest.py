"""Fixtures for the sandbox: a running sandbox in a temporary folder, and a headless Chromium.

The browser is Debian's `chromium` (installed by .ci/run), driven by Playwright's Python
package through `executable_path`; without it the browser tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.playground.run import RunningSandbox, sandbox_running

CHROMIUM = os.environ.get("KIM_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HAS_CHROMIUM = Path(CHROMIUM).is_file()


@pytest.fixture
async def sandbox(tmp_path: Path) -> AsyncIterator[RunningSandbox]:
    async with sandbox_running(tmp_path / "sandbox", port=0) as running:
        yield running


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not HAS_CHROMIUM:
        pytest.skip(f"Chromium tidak ada di {CHROMIUM}: pasang dengan `apt-get install chromium`")
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.skip("paket playwright belum terpasang: pip install -e '.[dev]'")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield launched
        finally:
            await launched.close()
