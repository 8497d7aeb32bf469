"""User templates within limits (bot/sandbox.py through Texts.render_string)."""

from __future__ import annotations

import pytest

from bot.sandbox import Limits, template_source
from bot.texts import TemplateInputError, Texts

TEXTS = Texts()


def test_code_inside_delimiters_is_read_as_typed_and_formatting_kept() -> None:
    telegram = "<b>Halo</b> {{ &#x27;x&#x27; * 3 }} {{ <i>kim</i> }} &amp; &lt;b&gt;"
    assert template_source(telegram) == "<b>Halo</b> {{ 'x' * 3 }} {{ kim }} &amp; &lt;b&gt;"
    assert TEXTS.render_string(template_source(telegram), kim="A&B") == (
        "<b>Halo</b> xxx A&amp;B &amp; &lt;b&gt;"
    )


@pytest.mark.parametrize(
    ("source", "explained"),
    [
        ("{% for i in range(100000) %}x{% endfor %}", "Perulangan dalam teks terlalu banyak"),
        ("{{ 'x' * 1000000000 }}", "terlalu besar"),
        ("{{ 'a' | center(1000000000) }}", "terlalu besar"),
        ("{{ 'a'.center(1000000000) }}", "terlalu besar"),
        ("{{ '%999999999s' % 'x' }}", "terlalu besar"),
        ("{{ '{:999999999}'.format('x') }}", "terlalu besar"),
        ("{{ 9 ** 99999999 }}", "terlalu besar"),
        ("{% for i in range(1000) %}{{ 'x' * 1000 }}{% endfor %}", "terlalu panjang"),
        (
            "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
            "terlalu berat",
        ),
        ("{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('ab') }}", "tidak diizinkan"),
        ("{{ lipsum(100000) }}", "tidak dikenal"),
    ],
)
def test_templates_over_a_limit_are_refused_with_a_reason(source: str, explained: str) -> None:
    with pytest.raises(TemplateInputError, match=explained):
        TEXTS.render_string(source)


def test_limits_are_configurable_and_named_in_the_message() -> None:
    texts = Texts(limits=Limits(output_chars=100, range_items=5, seconds=0.05))
    with pytest.raises(TemplateInputError, match="paling banyak 5 putaran"):
        texts.render_string("{% for i in range(6) %}{% endfor %}")
    assert texts.render_string("{% for i in range(5) %}{{ i }}{% endfor %}") == "01234"


def test_ordinary_templates_still_work() -> None:
    source = "{% for n in range(3) %}{{ n }}{% endfor %} {{ nama | upper }} {{ '%5s' % 'a' }}"
    assert TEXTS.render_string(source, nama="sibau") == "012 SIBAU     a"
