"""Message texts: Jinja2 templates rendered to Telegram HTML.

A template is named after the package that holds its ``templates/`` folder:
``Texts.render("registrasi/ask_name")`` loads ``handlers/registrasi/templates/ask_name.html.j2``,
``"outbox/progress"`` loads ``bot/outbox/templates/progress.html.j2``. ``Texts.render_string``
renders user-written templates (broadcast texts) in a sandbox and reports mistakes in
friendly Indonesian.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import (
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    meta,
    nodes,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from bot.dates import format_clock_id, format_date_id, format_datetime_id
from bot.sandbox import (
    LimitedSandbox,
    Limits,
    TemplateLimitError,
    forbid_structure,
    render_limited,
)
from bot.telegram_html import sanitize_html

TEMPLATE_SUFFIX = ".html.j2"
DEFAULT_TIMEZONE = ZoneInfo("Asia/Pontianak")
_MISSING_ATTRIBUTE = re.compile(r"has no (?:attribute|element) '?([^']+?)'?$")
_PROJECT_ROOT = Path(__file__).resolve().parent.parent
_COMPILED_KEPT = 256


TemplateDirs = Mapping[str, Sequence[Path]]
_LAYERS = ("bot", "handlers", "broadcasts")


def default_template_dirs() -> dict[str, list[Path]]:
    """Every ``templates/`` folder of the three layers, by the package that holds it."""
    # The layers sit side by side in the repo and in site-packages (wheel). Found by path,
    # not by import: bot/ does not import handlers or broadcasts.
    found: dict[str, list[Path]] = {}
    for layer in _LAYERS:
        for folder in sorted((_PROJECT_ROOT / layer).rglob("templates")):
            if folder.is_dir() and "__pycache__" not in folder.parts:
                found.setdefault(folder.parent.name, []).append(folder)
    return found


class TemplateInputError(ValueError):
    """A user-written template could not be rendered; the message is Indonesian."""


def format_rupiah(amount: int | float | Decimal) -> str:
    """Format an amount as Indonesian rupiah, e.g. "Rp1.250.000"."""
    value = Decimal(str(amount)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    digits = f"{abs(int(value)):,}".replace(",", ".")
    return f"{sign}Rp{digits}"


class Texts:
    """Jinja2 environments for the bot's own templates and for user-written ones."""

    def __init__(
        self,
        templates: TemplateDirs | None = None,
        tz: tzinfo = DEFAULT_TIMEZONE,
        limits: Limits | None = None,
    ) -> None:
        self.tz = tz
        self.limits = limits or Limits()
        self._compiled: dict[str, Template] = {}
        dirs = default_template_dirs() if templates is None else templates
        # Its own explanations of template mistakes are always there (bot/templates/).
        dirs = {"bot": [_PROJECT_ROOT / "bot" / "templates"], **dirs}
        loaders = {name: FileSystemLoader(list(paths)) for name, paths in dirs.items()}
        self.environment = Environment(
            loader=PrefixLoader(loaders),
            autoescape=select_autoescape(enabled_extensions=("html.j2",), default=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        # Immutable: a user template must not change the objects it is shown; limited: it must
        # not stall the bot (bot/sandbox.py).
        self.sandbox = LimitedSandbox(
            self.limits,
            undefined=StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        for env in (self.environment, self.sandbox):
            env.filters.update(self._filters())
        self.sandbox.guard_filters()

    def _filters(self) -> dict[str, Callable[..., Any]]:
        """Return the filters shared by both environments."""
        return {
            "tanggal": self.format_date,
            "tanggal_jam": self.format_datetime,
            "jam": self.format_clock,
            "rupiah": format_rupiah,
            "telegram_html": lambda value: Markup(sanitize_html(str(value))),
        }

    def format_date(self, value: date) -> str:
        """Format a date (an aware datetime is first converted to ``tz``) in Indonesian."""
        if not isinstance(value, date):
            raise TypeError(f"filter tanggal needs a date, got {type(value).__name__}")
        if isinstance(value, datetime):
            value = value.astimezone(self.tz).date() if value.tzinfo else value.date()
        return format_date_id(value)

    def format_datetime(self, value: datetime) -> str:
        """Format a datetime as "27 Nov 2026 14.05 WIB" in ``tz`` (naive means UTC)."""
        return format_datetime_id(value, self.tz)

    def format_clock(self, value: datetime) -> str:
        """Format the clock time of a datetime as "14.05 WIB" in ``tz`` (naive means UTC)."""
        return format_clock_id(value, self.tz)

    def render(self, name: str, /, **context: Any) -> str:
        """Render ``<name>.html.j2`` with ``context`` and strip the result."""
        if not name.endswith(".j2"):
            name += TEMPLATE_SUFFIX
        return self.environment.get_template(name).render(**context).strip()

    def render_string(self, source: str, **context: Any) -> str:
        """Render a user-written template in the sandbox, within limits; TemplateInputError on
        mistakes. Synchronous and possibly slow (up to the time limit): run it off the loop."""
        try:
            return render_limited(self._compile(source), context, self.limits).strip()
        except TemplateLimitError as error:
            raise self._input_error(f"limit_{error.kind}", error, limits=self.limits) from error
        except TemplateSyntaxError as error:
            message = (error.message or "").rstrip(".")
            raise self._input_error("syntax", error, line=error.lineno, message=message) from error
        except UndefinedError as error:
            tree = self.sandbox.parse(source)
            unknown = (
                meta.find_undeclared_variables(tree) - set(context) - set(self.sandbox.globals)
            )
            raise self._undefined(error, tree, sorted(unknown), sorted(context)) from error
        except SecurityError as error:
            raise self._input_error("forbidden", error) from error
        except (TemplateError, ArithmeticError, AttributeError, LookupError, TypeError,
                ValueError) as error:  # fmt: skip
            raise self._input_error("failed", error, error=error) from error

    def _compile(self, source: str) -> Template:
        """The compiled user template (kept: a broadcast renders the same text per KIM)."""
        template = self._compiled.get(source)
        if template is None:
            tree = self.sandbox.parse(source)
            forbid_structure(tree)
            template = self.sandbox.from_string(tree)
            if len(self._compiled) >= _COMPILED_KEPT:
                self._compiled.clear()
            self._compiled[source] = template
        return template

    def _input_error(self, kind: str, cause: Exception, **values: Any) -> TemplateInputError:
        """The Indonesian explanation of a mistake (bot/templates/template_error/, plain text)."""
        del cause  # chained by the caller
        return TemplateInputError(self.render(f"bot/template_error/{kind}.txt.j2", **values))

    def _undefined(
        self, error: UndefinedError, tree: nodes.Template, unknown: list[str], known: list[str]
    ) -> TemplateInputError:
        """Name the unknown variable, e.g. "{{ kim.namaa }}", and list the known ones."""
        if unknown:
            return self._input_error("unknown_variable", error, name=unknown[0], known=known)
        match = _MISSING_ATTRIBUTE.search(str(error))
        if match is None:
            return self._input_error("unknown", error, error=error)
        path = _attribute_path(tree, match[1])
        return self._input_error("unknown_attribute", error, path=path, attribute=match[1])


def _attribute_path(tree: nodes.Template, attribute: str) -> str:
    """Return the first expression in the template, like ``kim.namaa``, ending in ``attribute``."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        path = _dotted(node)
        if path is not None and path.endswith(f".{attribute}"):
            return path
    return attribute


def _dotted(node: nodes.Node) -> str | None:
    """Render a Name/Getattr/Getitem chain as ``a.b.c``; None for anything else."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        parent = _dotted(node.node)
        return None if parent is None else f"{parent}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        parent = _dotted(node.node)
        return None if parent is None else f"{parent}.{node.arg.value}"
    return None
