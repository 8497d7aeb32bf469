"""Callback data codecs: a keyboard's data always matches its handler's pattern."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers import ACTIVITIES
from handlers.common.codec import MAX_BYTES, Action, CallbackDataError, Codec

PAGE = Codec("daftar").action("hal", r"[\d.]+", r"\d+")


def test_data_and_pattern_agree() -> None:
    data = PAGE.data("61.06.01", 2)
    assert data == "daftar:hal:61.06.01:2"
    assert re.match(PAGE.pattern, data)
    assert PAGE.parse(data) == ("61.06.01", "2")


def test_foreign_or_stale_data_is_not_parsed() -> None:
    assert PAGE.parse("daftar:hal:61.06.01") is None
    assert PAGE.parse("daftar:kec:61.06.01") is None
    assert PAGE.parse(None) is None


def test_values_of_the_wrong_shape_are_refused() -> None:
    with pytest.raises(CallbackDataError):
        PAGE.data("61.06.01", "dua")
    with pytest.raises(CallbackDataError):
        PAGE.data("61.06.01")


def test_data_over_64_bytes_is_refused() -> None:
    long = Codec("topik").action("", r"[a-z]+")
    long.data("a" * (MAX_BYTES - len("topik:")))
    with pytest.raises(CallbackDataError):
        long.data("a" * (MAX_BYTES - len("topik:") + 1))


def test_anything_matches_every_button_of_the_prefix() -> None:
    catch_all = Codec("siaran").anything
    assert re.match(catch_all.pattern, "siaran:ok")
    assert not re.match(catch_all.pattern, "sebar:1")


@given(st.text(alphabet="abcdefghij0123456789_", min_size=1, max_size=80), st.integers(0, 10**12))
def test_built_data_is_always_matched_and_short(word: str, number: int) -> None:
    action = Codec("kurasi").action("t", r"\d+", r"\w+")
    try:
        data = action.data(number, word)
    except CallbackDataError:
        assert len(f"kurasi:t:{number}:{word}".encode()) > MAX_BYTES
        return
    assert len(data.encode()) <= MAX_BYTES
    assert action.parse(data) == (str(number), word)


@pytest.mark.parametrize("activity", ACTIVITIES)
def test_every_activity_keeps_its_actions_in_its_codec(activity: str) -> None:
    module = importlib.import_module(f"handlers.{activity}.callbacks")
    actions = [value for value in vars(module).values() if isinstance(value, Action)]
    assert actions
    assert len({a.pattern for a in actions}) == len(actions), "two actions share a pattern"
