"""Configuration validation: every problem reported, the token never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, packaged_file, read_dotenv

TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("sources: []\n")
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "KIM_FEEDS_FILE": str(feeds), **values}


def test_defaults(tmp_path: Path) -> None:
    config = load_config(env(tmp_path))
    assert config.kabupaten == "61.06"
    assert config.tz_name == "Asia/Pontianak"
    assert config.db_path == Path("data/kim.sqlite3")
    assert config.api_base is None
    assert config.admin_ids == frozenset()
    assert TOKEN not in repr(config)


def test_missing_token_explains_botfather(tmp_path: Path) -> None:
    values = env(tmp_path)
    del values["TELEGRAM_BOT_TOKEN"]
    with pytest.raises(ConfigError) as raised:
        load_config(values)
    assert "@BotFather" in str(raised.value)


def test_token_not_required_for_offline_commands(tmp_path: Path) -> None:
    values = env(tmp_path)
    del values["TELEGRAM_BOT_TOKEN"]
    assert load_config(values, require_token=False).token == ""


def test_every_problem_listed_and_token_hidden(tmp_path: Path) -> None:
    bad_token = "12345:short-secret-value"
    values = env(
        tmp_path,
        TELEGRAM_BOT_TOKEN=bad_token,
        KIM_ADMIN_IDS="12,abc,-5",
        KIM_TIMEZONE="Mars/Olympus",
        KIM_KABUPATEN="6106",
        KIM_DESK_CHAT_ID="desk",
        TELEGRAM_API_BASE="ftp://x",
    )
    with pytest.raises(ConfigError) as raised:
        load_config(values)
    problems = raised.value.problems
    assert len(problems) == 7
    text = str(raised.value)
    for fragment in (
        "'abc'",
        "'-5'",
        "Mars/Olympus",
        "6106",
        "desk",
        "ftp://x",
        "@BotFather",
    ):
        assert fragment in text
    assert bad_token not in text


def test_admin_ids_and_desk(tmp_path: Path) -> None:
    config = load_config(
        env(
            tmp_path,
            KIM_ADMIN_IDS=" 11, 22 ,",
            KIM_DESK_CHAT_ID="-100123",
            TELEGRAM_API_BASE="http://127.0.0.1:8081/bot",
        )
    )
    assert config.admin_ids == {11, 22}
    assert config.desk_chat_id == -100123
    assert config.api_base == "http://127.0.0.1:8081/bot"


def test_dotenv(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("# comment\nexport A=1\nB='two words'\nC=\"x=y\"\n\nbroken line\n")
    assert read_dotenv(path) == {"A": "1", "B": "two words", "C": "x=y"}
    assert read_dotenv(tmp_path / "none") == {}


@pytest.mark.parametrize(
    ("api_base", "why"),
    [
        ("http://127.0.0.1:8081/bot/", "diakhiri '/'"),
        (f"http://127.0.0.1:8081/bot{TOKEN}", "memuat token"),
        (f"http://127.0.0.1:8081/bot{TOKEN}/getMe", "memuat token"),
        ("http://127.0.0.1:8081/bot/987654321:ZZfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0", "memuat token"),
        ("http://127.0.0.1:8081", "berakhir dengan /bot"),
        ("http://127.0.0.1:8081/", "diakhiri '/'"),
    ],
    ids=["slash", "token", "token-and-method", "another-token", "no-bot", "root-slash"],
)
def test_api_base_in_the_wrong_form_says_what_to_write(
    tmp_path: Path, api_base: str, why: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(env(tmp_path, TELEGRAM_API_BASE=api_base))
    [problem] = raised.value.problems
    assert why in problem
    assert "'http://127.0.0.1:8081/bot'" in problem
    assert TOKEN not in problem
    assert "ZZfiqks" not in problem


@pytest.mark.parametrize("desk", ["123456", "+42", "0"])
def test_a_desk_that_is_not_a_group_is_refused(tmp_path: Path, desk: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(env(tmp_path, KIM_DESK_CHAT_ID=desk))
    [problem] = raised.value.problems
    assert "KIM_DESK_CHAT_ID" in problem
    assert "negatif" in problem


def test_without_a_feeds_file_the_packaged_copy_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    values = {"TELEGRAM_BOT_TOKEN": TOKEN}
    config = load_config(values)
    assert config.feeds_file == packaged_file("feeds.yaml")
    assert config.feeds_file.is_absolute()
    assert "sources:" in config.feeds_file.read_text(encoding="utf-8")
    (tmp_path / "feeds.yaml").write_text("sources: []\n", encoding="utf-8")
    assert load_config(values).feeds_file == Path("feeds.yaml")  # a local copy wins
    # A missing file is not a reason to refuse to start: Akses reports it and stays off.
    missing = values | {"KIM_FEEDS_FILE": str(tmp_path / "none.yaml")}
    assert load_config(missing).feeds_file == tmp_path / "none.yaml"


def test_an_unknown_regency_is_a_configuration_problem(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(env(tmp_path, KIM_KABUPATEN="99.99"))
    [problem] = raised.value.problems
    assert "KIM_KABUPATEN: kode '99.99' tidak ada" in problem


def test_an_unreadable_dotenv_is_a_configuration_problem(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_bytes(b"KIM_ADMIN_IDS=\xff\xfe\n")
    with pytest.raises(ConfigError, match=r"\.env tidak bisa dibaca \(bukan teks UTF-8\)"):
        read_dotenv(path)


def test_no_problem_repeats_a_token_shaped_value(tmp_path: Path) -> None:
    shaped = "987654321:ZZ" + "q" * 33
    variables = (
        "KIM_ADMIN_IDS", "KIM_DESK_CHAT_ID", "KIM_KABUPATEN", "KIM_TIMEZONE", "KIM_QUIET_HOURS",
        "KIM_MISSED_RUN_GRACE_S", "TELEGRAM_API_BASE",
    )  # fmt: skip
    with pytest.raises(ConfigError) as raised:
        load_config(env(tmp_path, **dict.fromkeys(variables, shaped)))
    assert len(raised.value.problems) == len(variables)
    assert "qqqqq" not in str(raised.value)
    assert "<TOKEN>" in str(raised.value)


def test_a_mistyped_token_is_not_repeated_in_another_variable(tmp_path: Path) -> None:
    mistyped = "12345:secret-but-too-short"
    with pytest.raises(ConfigError) as raised:
        load_config(env(tmp_path, TELEGRAM_BOT_TOKEN=mistyped, KIM_TIMEZONE=mistyped))
    assert "secret-but" not in str(raised.value)
