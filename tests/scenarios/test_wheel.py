"""The installed package runs anywhere: the wheel, installed in a fresh venv, run from an empty
directory with no feeds.yaml, uses the packaged copy.

Offline: the wheel is built with the dev dependency hatchling (no build isolation, no index);
the fresh venv finds the other dependencies in this venv's site-packages through a .pth file
(their own .pth files, the editable install of this checkout among them, are not read there).
Without hatchling the test is skipped with a reason, never quietly; any other build error fails.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from bot.emulator import BotApiEmulator
from tests.conftest import TOKEN
from tests.scenarios.test_startup_failures import closed_port, finish, until_polling

ROOT = Path(__file__).resolve().parents[2]
STEP_S = 120  # one build or install step; far more than it takes


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it in a new venv; return the venv's bin directory."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.skip("hatchling is missing, the wheel cannot be built: pip install -e '.[dev]'")
    work = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-w", str(work / "dist"), str(ROOT))  # fmt: skip
    [wheel] = (work / "dist").glob("kim_hub-*.whl")
    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    _run(*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel))
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"))
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (site / "_kim_hub_test_deps.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return venv / "bin"


def _run(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=clean_env(), capture_output=True, text=True,
                          timeout=STEP_S, check=False)  # fmt: skip
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout.strip()


def clean_env(**values: str) -> dict[str, str]:
    """No KIM_*/TELEGRAM_* settings, no PYTHONPATH to this checkout, no proxy exceptions."""
    dropped = ("TELEGRAM_", "KIM_", "PYTHON", "NO_PROXY", "no_proxy")
    return {k: v for k, v in os.environ.items() if not k.startswith(dropped)} | values


def anywhere(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "di-mana-saja"
    elsewhere.mkdir()
    return elsewhere


def test_the_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    code = "import bot, broadcasts, handlers; print(bot.__file__)"
    where = _run(str(installed / "python"), "-c", code, cwd=anywhere(tmp_path))
    assert Path(where).is_relative_to(installed.parent)  # not this checkout


def test_kim_list_and_feeds_check_use_the_packaged_feeds(installed: Path, tmp_path: Path) -> None:
    cwd = anywhere(tmp_path)
    kim = installed / "kim-bot"
    listed = subprocess.run([kim, "kim", "list"], cwd=cwd, env=clean_env(), capture_output=True,
                            text=True, timeout=STEP_S, check=False)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert "0 KIM." in listed.stdout
    assert (cwd / "data" / "kim.sqlite3").is_file()  # the default database, here
    # Every source is "fetched" through a proxy on a closed port: offline, and fast.
    proxy = f"http://127.0.0.1:{closed_port()}"
    offline = clean_env(HTTP_PROXY=proxy, HTTPS_PROXY=proxy, ALL_PROXY=proxy)
    checked = subprocess.run([kim, "feeds", "check"], cwd=cwd, env=offline,
                             capture_output=True, text=True, timeout=STEP_S,
                             check=False)  # fmt: skip
    first = checked.stdout.splitlines()[0]
    assert first.startswith(str(installed.parent)), checked.stdout + checked.stderr
    assert "bot/_data/feeds.yaml: valid" in first
    assert "tidak ada" not in checked.stderr
    assert checked.returncode == 1  # the sources cannot be reached, as arranged


async def test_run_uses_the_packaged_feeds(
    installed: Path, tmp_path: Path, emu: BotApiEmulator
) -> None:
    env = clean_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE=emu.base_url)
    proc = await asyncio.create_subprocess_exec(
        installed / "kim-bot", "run", cwd=anywhere(tmp_path), env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await until_polling(emu, proc)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        code, err = await finish(proc)
    assert code == 0, err
    assert "feeds.yaml" not in err  # neither missing nor invalid
    assert "berhenti dengan rapi" in err
