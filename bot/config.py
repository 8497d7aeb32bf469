"""Configuration: environment variables (and a `.env` file), validated once at start.

Every problem is collected and reported together in Indonesian and English, and the
bot token never appears in a message, a repr or a log line. What the bot cannot run without
(the token, the database, the time zone …) fails fast here; configuration files (feeds.yaml,
opd.yaml, the national holidays) are only located here and checked by the activity that uses
them, which runs degraded rather than keeping the whole bot down (bot/config_files.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.logs import redact
from bot.models.aspirasi import DAILY_LIMIT
from bot.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours, parse_quiet_hours
from bot.wilayah import load_region

TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,64}$")
_TOKEN_INSIDE = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")
_URL_RE = re.compile(r"^https?://[^\s/]+(/\S*)?$")
# A wheel carries the default configuration files in bot/_data; a source checkout at its root.
_PACKAGE_DIR = Path(__file__).resolve().parent
KABUPATEN_RE = re.compile(r"^\d{2}\.\d{2}$")
DEFAULT_API_BASE = "https://api.telegram.org/bot"
OPD_FILE = "opd.yaml"
HOLIDAYS_FILE = "libur_nasional.yaml"  # data/ in a checkout
TOKEN_HELP = (
    "TELEGRAM_BOT_TOKEN belum diisi. Buat bot lewat @BotFather di Telegram (/newbot), "
    "salin token yang diberikan, lalu isi TELEGRAM_BOT_TOKEN di file .env atau environment. "
    "(TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather, /newbot, and put its token "
    "in .env or the environment.)"
)


def utc_clock() -> datetime:
    """The real current time, aware, in UTC (the default clock of a Config)."""
    return datetime.now(UTC)


class ConfigError(Exception):
    """Raised with every configuration problem found, one per line.

    Problems quote the values they refuse, so each is redacted here: neither the token given
    (`secret`) nor anything shaped like a token, in whatever variable, is ever repeated.
    """

    def __init__(self, problems: list[str], secret: str | None = None) -> None:
        self.problems = [redact(problem, secret) for problem in problems]
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Config:
    """Validated settings of one bot instance."""

    token: str = field(repr=False)
    api_base: str | None
    db_path: Path
    feeds_file: Path
    admin_ids: frozenset[int]
    desk_chat_id: int | None
    kabupaten: str
    timezone: ZoneInfo
    # Conversation state is saved after every update (bot/inbox.py); this is only a backstop.
    persistence_interval_s: float = 60.0
    # Pace replies like Telegram asks (20/min per group). Tests that drive long conversations
    # in one group switch pacing off (retries stay on); the outbox paces itself anyway.
    rate_limiter: bool = True
    # Waits (seconds) before each new try of a reply after a network or server error;
    # None: bot/ratelimit.py's RETRY_DELAYS_S (a minute in all). Tests make them short.
    reply_retry_delays_s: tuple[float, ...] | None = None
    missed_run_grace_s: int = 6 * 3600
    quiet_hours: QuietHours | None = DEFAULT_QUIET_HOURS
    # Where "now" comes from when a person's input is judged (tests inject a fixed one).
    clock: Callable[[], datetime] = field(default=utc_clock, repr=False, compare=False)
    # Aspirasi: the OPD that receive aspirations, and the national holidays (working days).
    opd_file: Path = field(default_factory=lambda: packaged_file(OPD_FILE))
    holidays_file: Path = field(default_factory=lambda: packaged_file(HOLIDAYS_FILE))
    aspirasi_daily_limit: int = DAILY_LIMIT
    diskominfo_contact: str = ""  # KIM_DISKOMINFO_CONTACT: shown by /jaringan (checked there)

    @property
    def tz_name(self) -> str:
        """The IANA name of the configured timezone."""
        return self.timezone.key

    def today(self) -> date:
        """Today in KIM_TIMEZONE, never the host's own date (a UTC host is 7 hours behind)."""
        return self.clock().astimezone(self.timezone).date()


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a `.env` file: KEY=VALUE lines, `#` comments, optional quotes."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "bukan teks UTF-8"
        raise ConfigError([f"Berkas {path} tidak bisa dibaca ({reason})."]) from None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def environment(dotenv: Path = Path(".env")) -> dict[str, str]:
    """The effective environment: `.env` values overridden by real variables."""
    return {**read_dotenv(dotenv), **os.environ}


def load_config(env: Mapping[str, str], *, require_token: bool = True) -> Config:
    """Build a Config from `env`, raising ConfigError listing every problem."""
    problems: list[str] = []
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token and require_token:
        problems.append(TOKEN_HELP)
    elif token and not TOKEN_RE.match(token):
        problems.append(
            "TELEGRAM_BOT_TOKEN tidak berbentuk token bot (angka:huruf, mis. 123456:ABC-...). "
            "Periksa lagi salinan dari @BotFather."
        )
    api_base = _parse_api_base(env.get("TELEGRAM_API_BASE", ""), token, problems)
    admin_ids = _parse_ids(env.get("KIM_ADMIN_IDS", ""), problems)
    desk = _parse_chat_id(env.get("KIM_DESK_CHAT_ID", ""), problems)
    kabupaten = _parse_kabupaten(env.get("KIM_KABUPATEN", "").strip() or "61.06", problems)
    timezone = _parse_timezone(env.get("KIM_TIMEZONE", "").strip() or "Asia/Pontianak", problems)
    feeds_file = config_file(env, "KIM_FEEDS_FILE", "feeds.yaml")
    daily_limit = _parse_int(env.get("KIM_ASPIRASI_DAILY_LIMIT", ""), DAILY_LIMIT,
                             "KIM_ASPIRASI_DAILY_LIMIT", problems, minimum=1)  # fmt: skip
    grace = _parse_int(
        env.get("KIM_MISSED_RUN_GRACE_S", ""), 6 * 3600, "KIM_MISSED_RUN_GRACE_S", problems
    )
    try:
        quiet_hours = parse_quiet_hours(env.get("KIM_QUIET_HOURS", "").strip() or "21:00-06:00")
    except ValueError as error:
        problems.append(str(error))
        quiet_hours = DEFAULT_QUIET_HOURS
    if problems:
        raise ConfigError(problems, secret=token)
    return Config(
        token=token,
        api_base=api_base,
        db_path=Path(env.get("KIM_DB_PATH", "").strip() or "data/kim.sqlite3"),
        feeds_file=feeds_file,
        admin_ids=admin_ids,
        desk_chat_id=desk,
        kabupaten=kabupaten,
        timezone=timezone,
        missed_run_grace_s=grace,
        quiet_hours=quiet_hours,
        opd_file=config_file(env, "KIM_OPD_FILE", OPD_FILE),
        holidays_file=data_file(env, "KIM_HOLIDAYS_FILE", HOLIDAYS_FILE),
        aspirasi_daily_limit=daily_limit,
        diskominfo_contact=" ".join(env.get("KIM_DISKOMINFO_CONTACT", "").split()),
    )


def packaged_file(name: str) -> Path:
    """The copy of a file shipped with the bot (feeds.yaml, opd.yaml, libur_nasional.yaml):
    bot/_data/<name> in a wheel; in a source checkout <name> at its root, else in data/."""
    root = _PACKAGE_DIR.parent
    candidates = (_PACKAGE_DIR / "_data" / name, root / name, root / "data" / name)
    return next((c for c in candidates if c.is_file()), candidates[0])


def config_file(env: Mapping[str, str], variable: str, name: str) -> Path:
    """The file `variable` names, else ./<name> when it exists, else the packaged copy.

    Not checked here: a missing or broken file turns its activity off when the bot starts
    (logged, the desk told), it does not keep the bot from serving everything else.
    """
    raw = env.get(variable, "").strip()
    if raw:
        return Path(raw)
    return Path(name) if Path(name).exists() else packaged_file(name)


def data_file(env: Mapping[str, str], variable: str, name: str) -> Path:
    """The file `variable` names, else the packaged copy (reference data such as the national
    holidays, which a Diskominfo does not keep a copy of beside feeds.yaml)."""
    raw = env.get(variable, "").strip()
    return Path(raw) if raw else packaged_file(name)


def _parse_api_base(raw: str, token: str, problems: list[str]) -> str | None:
    """TELEGRAM_API_BASE in PTB's base_url form: …/bot, without the token or a final '/'."""
    raw = raw.strip()
    if not raw:
        return None
    if not _URL_RE.match(raw):
        problems.append(
            f"TELEGRAM_API_BASE harus URL http(s), mis. http://127.0.0.1:8081/bot (bukan {raw!r})."
        )
        return None
    token_at = _token_position(raw, token)
    base = (raw[:token_at] if token_at >= 0 else raw).rstrip("/")
    suggestion = base if base.endswith("/bot") else f"{base}/bot"
    if token_at >= 0:
        why = "tidak boleh memuat token bot (token ditambahkan sendiri dari TELEGRAM_BOT_TOKEN)"
    elif raw.endswith("/"):
        why = "tidak boleh diakhiri '/' (token ditambahkan langsung di belakangnya)"
    elif suggestion != raw:
        why = "harus berakhir dengan /bot (token ditambahkan langsung di belakangnya)"
    else:
        return raw
    problems.append(f"TELEGRAM_API_BASE {why}; isi {suggestion!r}.")
    return None


def _token_position(text: str, token: str) -> int:
    """Where the bot token (or anything shaped like one) starts in `text`, or -1."""
    if token and token in text:
        return text.index(token)
    found = _TOKEN_INSIDE.search(text)
    return found.start() if found else -1


def _parse_kabupaten(code: str, problems: list[str]) -> str:
    """A Kepmendagri regency code that the shipped list of villages knows."""
    if not KABUPATEN_RE.match(code):
        problems.append(f"KIM_KABUPATEN harus kode Kepmendagri NN.NN (mis. 61.06), bukan {code!r}.")
    elif not _region_exists(code):
        problems.append(
            f"KIM_KABUPATEN: kode {code!r} tidak ada dalam daftar Kepmendagri (Kapuas Hulu: 61.06)."
        )
    return code


def _parse_ids(raw: str, problems: list[str]) -> frozenset[int]:
    ids: set[int] = set()
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if part.isdigit() and int(part) > 0:
            ids.add(int(part))
        else:
            problems.append(
                f"KIM_ADMIN_IDS: {part!r} bukan ID pengguna Telegram (angka positif, "
                "dipisah koma). ID bisa dilihat lewat /start ke bot."
            )
    return frozenset(ids)


def _parse_chat_id(raw: str, problems: list[str]) -> int | None:
    raw = raw.strip()
    if not raw:
        return None
    if re.fullmatch(r"-\d+", raw):
        return int(raw)
    if re.fullmatch(r"\+?\d+", raw):
        problems.append(
            f"KIM_DESK_CHAT_ID: {raw!r} adalah ID pengguna, bukan grup. ID grup meja "
            "Diskominfo selalu negatif (diawali '-', mis. -1001234567890)."
        )
        return None
    problems.append(f"KIM_DESK_CHAT_ID: {raw!r} bukan ID chat (angka, grup diawali '-').")
    return None


def _parse_int(raw: str, default: int, name: str, problems: list[str], minimum: int = 0) -> int:
    raw = raw.strip()
    if not raw:
        return default
    if raw.isdigit() and int(raw) >= minimum:
        return int(raw)
    at_least = f" paling sedikit {minimum}" if minimum else ""
    problems.append(f"{name}: {raw!r} harus bilangan bulat{at_least}.")
    return default


def _parse_timezone(name: str, problems: list[str]) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"KIM_TIMEZONE: zona waktu {name!r} tidak dikenal (mis. Asia/Pontianak).")
        return ZoneInfo("Asia/Pontianak")


def _region_exists(code: str) -> bool:
    """Whether the shipped list of villages has the regency `code` (loaded once, cached)."""
    try:
        load_region(code)
    except ValueError:
        return False
    return True
