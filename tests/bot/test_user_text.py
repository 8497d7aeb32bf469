"""Typed text is cleaned at the edge: invisible characters out, whitespace tidy, length checked."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.user_text import clean, clean_text, strip_invisible

FAMILY = "👩\u200d👩\u200d👧"


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("  KIM   Maju\tJaya ", "KIM Maju Jaya"),
        ("KIM\u202eayaJ ujaM", "KIMayaJ ujaM"),  # a right-to-left override hides the real text
        ("KIM\u200b\u200bMaju\ufeff", "KIMMaju"),
        ("KIM\x00\x07Maju\x1b[31m", "KIMMaju[31m"),
        ("KIM\nMaju\r\nJaya", "KIM Maju Jaya"),
        (f"KIM {FAMILY}", f"KIM {FAMILY}"),  # the joiner inside an emoji sequence stays
        ("KIM\u200dMaju", "KIMMaju"),  # a joiner between letters goes
        ("KIM \u0645\u0627\u062c\u0648", "KIM \u0645\u0627\u062c\u0648"),  # Arabic letters stay
        ("Cafe\u0301", "Café"),  # composed
        ("\ud800KIM", "KIM"),  # a lone surrogate (JSON allows "\\ud800") would break encoding
    ],
)
def test_one_line(typed: str, cleaned: str) -> None:
    assert clean(typed) == cleaned


def test_multiline_keeps_lines_and_one_blank_line() -> None:
    typed = " Judul  berita \r\n\n\n\n  baris\u2028dua\u200b \t\n"
    assert clean(typed, multiline=True) == "Judul berita\n\nbaris\ndua"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ab", None),
        ("abc", "abc"),
        ("x" * 10, "x" * 10),
        ("x" * 11, None),
        ("  a\u200bb c ", "ab c"),
    ],
)
def test_length_is_checked_after_cleaning(typed: str, expected: str | None) -> None:
    assert clean_text(typed, 10, min_len=3) == expected


def test_invisible_only_is_empty() -> None:
    assert clean_text("\u200b\u202e\u2066 \x00", 60) is None


@given(st.text())
def test_clean_is_idempotent_and_leaves_nothing_invisible(typed: str) -> None:
    once = clean(typed)
    assert clean(once) == once
    assert once == once.strip()
    assert "\n" not in once
    for index, char in enumerate(once):
        if char == "\u200d":
            assert 0 < index < len(once) - 1
            continue
        assert unicodedata.category(char) not in ("Cc", "Cf", "Cs"), repr(char)


@given(st.text())
def test_multiline_is_idempotent(typed: str) -> None:
    once = clean(typed, multiline=True)
    assert clean(once, multiline=True) == once
    assert "\n\n\n" not in once
    assert strip_invisible(once) == once
