"""Aspirasi's settings: KIM_OPD_FILE, KIM_HOLIDAYS_FILE, KIM_ASPIRASI_DAILY_LIMIT, and the
copies of opd.yaml and the holidays that ship in the wheel."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config, packaged_file
from bot.models.aspirasi import DAILY_LIMIT

TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
ROOT = Path(__file__).resolve().parents[2]


def config(**values: str) -> Config:
    return load_config({"TELEGRAM_BOT_TOKEN": TOKEN, **values})


def test_without_settings_the_packaged_copies_are_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = config()
    assert loaded.opd_file == packaged_file("opd.yaml") == ROOT / "opd.yaml"
    assert loaded.holidays_file == packaged_file("libur_nasional.yaml")
    assert loaded.holidays_file == ROOT / "data" / "libur_nasional.yaml"
    assert loaded.aspirasi_daily_limit == DAILY_LIMIT == 5


def test_an_opd_file_beside_the_bot_wins_like_feeds_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "opd.yaml").write_text("opd: []\n", encoding="utf-8")
    assert config().opd_file == Path("opd.yaml")
    # Not the holidays: they are reference data, not something each Diskominfo keeps.
    (tmp_path / "libur_nasional.yaml").write_text("years: []\n", encoding="utf-8")
    assert config().holidays_file == packaged_file("libur_nasional.yaml")


def test_the_variables_name_other_files(tmp_path: Path) -> None:
    # A missing file does not stop the bot: Aspirasi reports it when it starts.
    loaded = config(KIM_OPD_FILE=f" {tmp_path}/opd-kh.yaml ",
                    KIM_HOLIDAYS_FILE=str(tmp_path / "libur.yaml"))  # fmt: skip
    assert loaded.opd_file == tmp_path / "opd-kh.yaml"
    assert loaded.holidays_file == tmp_path / "libur.yaml"


def test_the_daily_limit_is_configurable() -> None:
    assert config(KIM_ASPIRASI_DAILY_LIMIT="3").aspirasi_daily_limit == 3
    assert config(KIM_ASPIRASI_DAILY_LIMIT=" ").aspirasi_daily_limit == DAILY_LIMIT


@pytest.mark.parametrize("value", ["0", "lima", "-2", "2.5"])
def test_a_daily_limit_that_is_not_a_positive_number_is_refused(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        config(KIM_ASPIRASI_DAILY_LIMIT=value)
    [problem] = raised.value.problems
    assert problem == f"KIM_ASPIRASI_DAILY_LIMIT: {value!r} harus bilangan bulat paling sedikit 1."


def test_the_wheel_ships_both_files_where_packaged_file_looks() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    for source, name in (("opd.yaml", "opd.yaml"),
                         ("data/libur_nasional.yaml", "libur_nasional.yaml")):  # fmt: skip
        assert shipped[source] == f"bot/_data/{name}"
        assert (ROOT / source).is_file()
        assert packaged_file(name) == ROOT / source  # the checkout's copy, outside a wheel
