"""The shared pager: page arithmetic, ‹ › buttons, and pages that fit whatever the rows hold."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from bot.texts import Texts
from handlers.common import labels
from handlers.common.codec import Codec
from handlers.common.pager import ROW_MINIMUM, Page, keyboard, page_text, turn_buttons

TURN = Codec("uji").action("hal", r"\d+")
TEXTS = Texts()


def test_page_arithmetic_and_clamping() -> None:
    page = Page.of(3, 45, 10)
    assert (page.number, page.count, page.offset, page.first, page.last) == (3, 5, 30, 31, 40)
    assert Page.of(9, 45, 10).number == 4  # a stale button past the end shows the last page
    assert Page.of(-1, 45, 10).number == 0
    assert Page.of(0, 0, 10).count == 1
    assert list(Page.of(4, 45, 10).rows(list(range(45)))) == [40, 41, 42, 43, 44]


def test_turn_buttons_only_where_there_is_a_page() -> None:
    assert turn_buttons(Page.of(0, 10), TURN) == []
    assert keyboard(Page.of(0, 10), TURN) is None
    first = [(b.text, b.callback_data) for b in turn_buttons(Page.of(0, 30), TURN)]
    assert first == [(labels.NEXT, "uji:hal:1")]
    middle = [(b.text, b.callback_data) for b in turn_buttons(Page.of(1, 30), TURN)]
    assert middle == [(labels.PREV, "uji:hal:0"), (labels.NEXT, "uji:hal:2")]
    markup = keyboard(Page.of(2, 30), TURN)
    assert markup is not None
    assert [b.callback_data for b in markup.inline_keyboard[-1]] == ["uji:hal:1"]


def test_short_rows_stay_whole_and_long_ones_share_the_rest() -> None:
    rows = ["• pendek"] * 9 + ["• " + "panjang " * 2000]
    text = page_text(TEXTS, "admin/peran_list", rows, page=Page.of(0, 10), granted=10)
    assert visible_length(text) <= TELEGRAM_LIMIT
    assert text.count("• pendek\n") == 9
    assert visible_length(text) > TELEGRAM_LIMIT - 200  # the long row got the room left
    assert "panjang …" in text or "panjang…" in text


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=6000),
        min_size=1,
        max_size=20,
    )
)
def test_any_rows_make_a_page_that_fits(raw: list[str]) -> None:
    rows = [escape(f"{i:02d}{text}") for i, text in enumerate(raw)]
    text = page_text(TEXTS, "admin/peran_list", rows, page=Page.of(0, len(rows)), granted=1)
    assert visible_length(text) <= TELEGRAM_LIMIT
    if sum(visible_length(r) for r in rows) + 200 < TELEGRAM_LIMIT:
        assert all(r in text for r in rows)  # nothing is cut when everything fits
    assert all(f"{i:02d}" in text for i in range(len(rows)))  # every row is there
    assert ROW_MINIMUM * len(rows) < TELEGRAM_LIMIT
