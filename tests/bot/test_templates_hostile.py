"""Every template, rendered with hostile values, is valid Telegram HTML and fits its limit.

Values come from tests/bot/template_samples.py: markup (`<`, `&`, `</b>`), template syntax
(`{{ x }}`), emoji, RTL and zero-width characters. Checked with the emulator's parser, which
refuses what Telegram refuses. Valid: whatever the length (strings up to 4,000 characters).
Fits: with each value as long as its edge allows, the text stays within Telegram's limit
(captions 1,024, messages 4,096); pop-ups are cut to 200 by the code that sends them.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import meta

from bot.emulator.errors import ApiError
from bot.emulator.html import parse_html
from bot.telegram_length import TELEGRAM_LIMIT, visible_length
from bot.texts import Texts
from tests.bot.hostile import Hostile
from tests.bot.template_samples import overrides, samples
from tests.bot.test_templates import TEMPLATES, template_name

# A failing example's values are large; Hypothesis warns about the size of their repr.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")
TEXTS = Texts()
CAPTIONS = {"registrasi/verifikasi/sk_caption": 1024}
CHECKS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def variables(name: str) -> set[str]:
    """The variables a template (and what it includes) reads from its caller."""
    environment = TEXTS.environment
    source, _, _ = environment.loader.get_source(environment, f"{name}.html.j2")  # type: ignore[union-attr]
    found = meta.find_undeclared_variables(environment.parse(source))
    for included in meta.find_referenced_templates(environment.parse(source)):
        if included:
            found |= variables(included.removesuffix(".html.j2"))
    return found


HOSTILE = {long: Hostile(long=long) for long in (True, False)}
TABLES = {long: (samples(h), overrides(h)) for long, h in HOSTILE.items()}


def table(name: str, *, long: bool) -> dict[str, st.SearchStrategy[Any]]:
    """The samples for one template: the shared table and the template's overrides."""
    shared, special = TABLES[long]
    return shared | special.get(name, {})


def strategy(name: str, *, long: bool) -> st.SearchStrategy[dict[str, Any]]:
    values = table(name, long=long)
    return st.fixed_dictionaries({var: values[var] for var in sorted(variables(name))})


def render(name: str, values: dict[str, Any]) -> str:
    try:
        return TEXTS.render(name, **values)
    except Exception as error:  # say which values broke it
        raise AssertionError(f"{name} failed: {error!r} with {repr(values)[:2000]}") from error


def valid(name: str, text: str) -> None:
    try:
        parse_html(text)
    except ApiError as error:
        pytest.fail(f"{name}: {error.description}\n{text[:2000]!r}")


NAMES = [template_name(path) for path in TEMPLATES]


def test_every_variable_has_a_sample() -> None:
    for name in NAMES:
        known = table(name, long=False).keys()
        assert variables(name) <= known, f"{name} needs samples for {variables(name) - known}"


@pytest.mark.parametrize("name", NAMES)
def test_valid_telegram_html_with_any_value(name: str) -> None:
    @CHECKS
    @given(strategy(name, long=True))
    def check(values: dict[str, Any]) -> None:
        valid(name, render(name, values))

    check()


@pytest.mark.parametrize("name", NAMES)
def test_fits_telegram_with_the_longest_values_the_edges_allow(name: str) -> None:
    limit = CAPTIONS.get(name, TELEGRAM_LIMIT)

    @CHECKS
    @given(strategy(name, long=False))
    def check(values: dict[str, Any]) -> None:
        text = render(name, values)
        valid(name, text)
        assert visible_length(text) <= limit, f"{name}: {visible_length(text)} > {limit}"

    check()


def test_hostile_text_is_shown_verbatim() -> None:
    kim = {"nama": "KIM <Maju> & Co </b>{{ x }}\u202e😀"}
    text, _ = parse_html(TEXTS.render("registrasi/verifikasi/rejected_desk", kim=kim))
    assert kim["nama"] in text
